"""Hypothesis strategies for carts and promotions (beside ``tests/strategies.py``).

Carts are small (up to 8 lines) in a currency with 2, 0 or 3 decimals; promotions are
drawn from every offer kind with random conditions and combination rules, all valid
(exclusive promotions get distinct priorities, so they can always be ordered).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from commercekit.money import Money
from commercekit.money._currency import MINOR_UNITS
from commercekit.pricing import (
    AmountOff,
    BundlePrice,
    BuyXGetY,
    Cart,
    CartLine,
    FixedPrice,
    FreeShipping,
    PercentOff,
    Promotion,
    PromotionClass,
    Tier,
    Tiered,
)

__all__ = ["AT", "CODES", "COLLECTIONS", "carts", "promotion_lists", "promotions"]

COLLECTIONS = ("tees", "mugs", "sale")
CODES = ("SAVE", "VIP")
AT = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
"""The moment every property applies promotions at."""
CURRENCIES = ("EUR", "JPY", "KWD")


def _money(code: str, units: int) -> Money:
    return Money(Decimal(units).scaleb(-MINOR_UNITS[code]), code)


def _units() -> st.SearchStrategy[int]:
    """Minor units of a price: small ones (where rounding bites) drawn often."""
    return st.one_of(st.integers(0, 50), st.integers(0, 100_000))


@st.composite
def carts(draw: st.DrawFn, code: str | None = None) -> Cart:
    """A cart of 1-8 lines in one currency, maybe with shipping, codes and usage."""
    code = code or draw(st.sampled_from(CURRENCIES))
    lines = [
        CartLine(
            f"SKU{index}",
            _money(code, draw(_units())),
            draw(st.integers(1, 6)),
            frozenset(draw(st.sets(st.sampled_from(COLLECTIONS)))),
        )
        for index in range(draw(st.integers(1, 8)))
    ]
    shipping = draw(st.none() | _units().map(lambda units: _money(code, units)))
    return Cart(
        lines,
        shipping=shipping,
        coupon_codes=draw(st.sets(st.sampled_from(CODES))),
        customer_segments=draw(st.sets(st.sampled_from(("vip", "staff")))),
        customer_usage=draw(
            st.dictionaries(st.sampled_from(("P0", "P1", "P2")), st.integers(0, 2))
        ),
    )


def _percent() -> st.SearchStrategy[Decimal]:
    return st.one_of(
        st.sampled_from([Decimal(10), Decimal(15), Decimal(50), Decimal(100)]),
        st.integers(1, 10_000).map(lambda n: Decimal(n).scaleb(-2)),
    )


def _offers(code: str) -> st.SearchStrategy[tuple[object, PromotionClass | None]]:
    """An offer and the class to give it (``None``: the offer's default class)."""
    money = _units().filter(bool).map(lambda units: _money(code, units))
    any_class = st.sampled_from([None, *PromotionClass])
    not_shipping = st.sampled_from([None, PromotionClass.PRODUCT, PromotionClass.ORDER])
    quantity_tiers = st.lists(
        st.integers(1, 12), min_size=1, max_size=3, unique=True
    ).flatmap(
        lambda minimums: st.tuples(
            *[_percent().map(lambda p, m=m: Tier(m, percent=p)) for m in sorted(minimums)]
        )
    )
    spend_tiers = st.lists(_units(), min_size=1, max_size=3, unique=True).flatmap(
        lambda minimums: st.tuples(
            *[
                money.map(lambda a, m=m: Tier(_money(code, m), amount=a))
                for m in sorted(minimums)
            ]
        )
    )
    return st.one_of(
        st.tuples(_percent().map(PercentOff), any_class),
        st.tuples(st.builds(AmountOff, money), any_class),
        st.tuples(st.builds(lambda a: AmountOff(a, each=True), money), not_shipping),
        st.tuples(
            st.builds(FixedPrice, _units().map(lambda u: _money(code, u))), st.none()
        ),
        st.tuples(
            st.builds(
                lambda buy, get, percent, most: BuyXGetY(
                    buy, get, percent=percent, max_applications=most
                ),
                st.integers(1, 3),
                st.integers(1, 2),
                _percent(),
                st.none() | st.integers(1, 3),
            ),
            st.none(),
        ),
        st.tuples(st.builds(Tiered, quantity_tiers | spend_tiers), any_class),
        st.tuples(
            st.builds(
                lambda size, price, most: BundlePrice(size, price, max_bundles=most),
                st.integers(2, 4),
                _units().map(lambda u: _money(code, u)),
                st.none() | st.integers(1, 3),
            ),
            st.none(),
        ),
        st.tuples(st.just(FreeShipping()), st.none()),
    )


def _sometimes(odds: int) -> st.SearchStrategy[bool]:
    """True about once in ``odds + 1`` draws (not at a boundary hypothesis favours)."""
    return st.integers(0, odds).map(lambda drawn: drawn == odds // 2 + 1)


@st.composite
def promotions(draw: st.DrawFn, code: str, index: int, *, exclusive_ok: bool) -> Promotion:
    """Promotion ``P{index}`` of any kind, with random conditions."""
    offer, kind = draw(_offers(code))
    options: dict[str, object] = {}
    if kind is not None:
        options["promotion_class"] = kind
    if draw(st.booleans()):
        options["collections"] = draw(st.sets(st.sampled_from(COLLECTIONS), min_size=1))
    if draw(_sometimes(4)):
        options["skus"] = {f"SKU{draw(st.integers(0, 7))}"}
    if draw(_sometimes(4)):
        options["minimum_subtotal"] = _money(code, draw(_units()))
    if draw(_sometimes(5)):
        options["code"] = draw(st.sampled_from(CODES))
    if draw(_sometimes(5)):
        options["limit_per_customer"] = draw(st.integers(0, 2))
    if draw(_sometimes(5)):
        start = AT + timedelta(days=draw(st.integers(-3, 3)))
        options["starts"] = start
        options["ends"] = start + timedelta(days=draw(st.integers(1, 3)))
    options["priority"] = draw(st.integers(0, 3))
    if exclusive_ok and draw(_sometimes(7)):
        options["exclusive"] = True
        options["priority"] = 100 + index  # distinct: exclusive ones can be ordered
    if draw(_sometimes(2)):
        options["combines_with"] = draw(st.sets(st.sampled_from(list(PromotionClass))))
    return Promotion(f"P{index}", offer, **options)  # type: ignore[arg-type]


@st.composite
def promotion_lists(draw: st.DrawFn, code: str, *, max_size: int = 5) -> list[Promotion]:
    """0 to ``max_size`` promotions with ids P0, P1, ..."""
    size = draw(st.integers(0, max_size))
    return [draw(promotions(code, index, exclusive_ok=True)) for index in range(size)]
