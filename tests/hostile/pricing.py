"""Valid calls over ``commercekit.pricing``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

from commercekit.money import Money, RateTable, RoundingMode
from commercekit.pricing import (
    CHARM_99,
    AmountOff,
    Cart,
    CartLine,
    Direction,
    Market,
    PercentOff,
    PricePoint,
    Promotion,
    PromotionClass,
    PromotionResult,
    RejectionReason,
    Strategy,
    Tier,
    apply_promotions,
    localize_price,
)
from commercekit.tax import TaxCategory
from tests.hostile import Call, call, method

DAY = date(2026, 6, 1)
AT = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _rates() -> RateTable:
    return RateTable(
        base="EUR",
        rates={"SEK": Decimal("11.20")},
        observed_at=datetime(2026, 5, 29, 16, 0, tzinfo=UTC),
        provider="ECB reference rates",
    )


def _sweden() -> Market:
    return Market(
        "SE",
        "SEK",
        tax_jurisdiction="SE",
        tax_inclusive=True,
        price_point=PricePoint(Decimal(10), (Decimal(9),)),
        direction=Direction.UP,
        conversion_fee=Decimal(2),
    )


def _line() -> CartLine:
    return CartLine("TEE-M", _eur("20.00"), 3, ["tees"])


def _cart() -> Cart:
    return Cart(
        [_line(), CartLine("MUG", _eur("9.50"), 1, ["kitchen"])],
        shipping=_eur("4.95"),
        customer_segments=["vip"],
        coupon_codes=["SUMMER10"],
        customer_usage={"SUMMER10": 0},
        total_usage={"SUMMER10": 12},
    )


def _promotion() -> Promotion:
    return Promotion(
        "SUMMER10",
        PercentOff(Decimal(10)),
        code="SUMMER10",
        collections=["tees"],
        starts=datetime(2026, 6, 1, tzinfo=UTC),
        ends=datetime(2026, 9, 1, tzinfo=UTC),
    )


def _result() -> PromotionResult:
    free_mug = Promotion("MUG-FREE", AmountOff(_eur("50.00")), skus=["MUG"])
    return apply_promotions(
        _cart(), [_promotion(), free_mug], at=AT, strategy=Strategy.STACK
    )


def _localized() -> Call:
    price = localize_price(
        _eur("20.00"),
        _sweden(),
        _rates(),
        on=DAY,
        cost=_eur("8.00"),
        min_margin=Decimal("0.4"),
    )
    return call(
        market=price.market,
        base=price.base,
        converted=price.converted,
        fee=price.fee,
        rates=price.rates,
        with_tax=price.with_tax,
        shown=price.shown,
        floor=price.floor,
        rate_used=price.rate_used,
    )


def _promotion_result() -> Call:
    result = _result()
    return call(
        cart=result.cart,
        applied=result.applied,
        rejected=result.rejected,
        subtotal=result.subtotal,
        line_discount=result.line_discount,
        shipping_discount=result.shipping_discount,
        line_units=result.line_units,
        unknown_codes=result.unknown_codes,
        strategy=result.strategy,
        mode=result.mode,
    )


def _applied() -> Call:
    applied = _result().applied[0]
    return call(
        promotion=applied.promotion,
        amount=applied.amount,
        shipping=applied.shipping,
        line_units=applied.line_units,
        note=applied.note,
    )


CALLS: dict[str, Callable[[], Call]] = {
    "AmountOff": lambda: call(_eur("5.00"), each=False),
    "AppliedPromotion": _applied,
    "BundlePrice": lambda: call(3, _eur("10.00"), max_bundles=2),
    "BuyXGetY": lambda: call(2, 1, percent=Decimal(50), max_applications=3),
    "Cart": lambda: call(
        [_line()],
        shipping=_eur("4.95"),
        customer_segments=["vip"],
        coupon_codes=["SUMMER10"],
        customer_usage={"SUMMER10": 1},
        total_usage={"SUMMER10": 250},
    ),
    "CartLine": lambda: call("TEE-M", _eur("20.00"), 2, ["tees", "summer-sale"]),
    "DiscountedLine": lambda: call(_line(), _eur("6.00")),
    "FixedPrice": lambda: call(_eur("9.99")),
    "FreeShipping": call,
    "LocalizedPrice": _localized,
    "Market": lambda: call(
        "SE",
        "SEK",
        tax_jurisdiction="SE",
        tax_inclusive=True,
        price_point=CHARM_99,
        direction=Direction.NEAREST,
        conversion_fee=Decimal(2),
    ),
    "PercentOff": lambda: call(Decimal("12.5")),
    "PricePoint": lambda: call(Decimal(1), [Decimal("0.99"), Decimal("0.49")]),
    "PricePoint.move": lambda: method(CHARM_99.move, Decimal("23.40"), Direction.UP),
    "Promotion": lambda: call(
        "SUMMER10",
        PercentOff(Decimal(10)),
        promotion_class=PromotionClass.ORDER,
        name="Summer sale",
        code="SUMMER10",
        starts=datetime(2026, 6, 1, tzinfo=UTC),
        ends=datetime(2026, 9, 1, tzinfo=UTC),
        priority=10,
        exclusive=False,
        combines_with=[PromotionClass.PRODUCT, PromotionClass.SHIPPING],
        never_with=["WELCOME"],
        skus=["TEE-M"],
        collections=["tees"],
        excluded_skus=["TEE-GIFT"],
        excluded_collections=["gift-cards"],
        segments=["vip"],
        minimum_subtotal=_eur("50.00"),
        minimum_quantity=2,
        limit_per_customer=1,
        limit_total=1000,
    ),
    "Promotion.is_eligible": lambda: method(
        _promotion().is_eligible, "TEE-M", frozenset({"tees"})
    ),
    "PromotionResult": _promotion_result,
    "PromotionResult.rejection": lambda: method(_result().rejection, "MUG-FREE"),
    "RejectedPromotion": lambda: call(
        _promotion(),
        RejectionReason.DOES_NOT_COMBINE,
        "it never combines with 'WELCOME'",
        blocked_by="WELCOME",
    ),
    "Tier": lambda: call(_eur("100.00"), percent=None, amount=_eur("10.00")),
    "Tiered": lambda: call([Tier(3, percent=Decimal(10)), Tier(5, percent=Decimal(15))]),
    "apply_promotions": lambda: call(
        _cart(),
        [_promotion()],
        at=AT,
        strategy=Strategy.BEST_OFFER,
        mode=RoundingMode.HALF_EVEN,
    ),
    "localize_price": lambda: call(
        _eur("20.00"),
        _sweden(),
        _rates(),
        on=DAY,
        category=TaxCategory.STANDARD,
        cost=_eur("8.00"),
        min_margin=Decimal("0.4"),
        minimum_price=Money("249.00", "SEK"),
        mode=RoundingMode.HALF_UP,
    ),
    "margin_after_discount": lambda: call(
        _eur("100.00"), _eur("75.00"), Decimal("0.20"), places=4
    ),
    "margin_after_returns": lambda: call(
        _eur("100.00"),
        _eur("60.00"),
        Decimal("0.2"),
        resold=Decimal("0.5"),
        handling=_eur("8.00"),
        places=4,
    ),
    "margin_from_markup": lambda: call(Decimal("0.5"), places=4),
    "margin_of": lambda: call(_eur("90.00"), _eur("60.00"), places=4),
    "markup_from_margin": lambda: call(Decimal("0.4"), places=4),
    "markup_of": lambda: call(_eur("90.00"), _eur("60.00"), places=4),
    "price_for_margin": lambda: call(_eur("60.00"), Decimal("0.40"), mode=RoundingMode.UP),
    "price_for_markup": lambda: call(_eur("60.00"), Decimal("0.5"), mode=RoundingMode.UP),
    "to_price_point": lambda: call(
        _eur("23.40"), CHARM_99, direction=Direction.NEAREST, floor=_eur("19.99")
    ),
}

_NAME = frozenset({"unknown code"})
_OWN_NAMES = "the shop's own names (SKUs, collections, segments, coupon codes, ids)"

VALID_BY_DESIGN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("Cart", "coupon_codes"): (_NAME, _OWN_NAMES),
    ("Cart", "customer_segments"): (_NAME, _OWN_NAMES),
    ("CartLine", "collections"): (_NAME, _OWN_NAMES),
    ("Promotion", "collections"): (_NAME, _OWN_NAMES),
    ("Promotion", "excluded_collections"): (_NAME, _OWN_NAMES),
    ("Promotion", "excluded_skus"): (_NAME, _OWN_NAMES),
    ("Promotion", "never_with"): (_NAME, _OWN_NAMES),
    ("Promotion", "segments"): (_NAME, _OWN_NAMES),
    ("Promotion", "skus"): (_NAME, _OWN_NAMES),
    ("RejectedPromotion", "blocked_by"): (_NAME, _OWN_NAMES),
    ("Promotion", "priority"): (
        frozenset({"negative int"}),
        "a priority below the default 0 ranks a promotion after the unranked ones",
    ),
}
