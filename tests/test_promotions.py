"""Promotions: worked examples for each offer and for combinations, and bad input.

Every expected amount is worked out in the comment beside it, so a reader can check the
rule rather than trust the number.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from commercekit.errors import (
    CurrencyMismatchError,
    DuplicatePromotionError,
    ExclusivePromotionConflictError,
    InvalidAmountError,
    InvalidCartError,
    InvalidPromotionError,
    NaiveDatetimeError,
    UnknownPromotionError,
)
from commercekit.money import Money, RoundingMode
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
    PromotionResult,
    RejectionReason,
    Strategy,
    Tier,
    Tiered,
    apply_promotions,
)
from commercekit.tax import TaxLine, rate_for, tax_invoice

AT = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODUCT, ORDER, SHIPPING = PromotionClass


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def line(sku: str, price: str, quantity: int = 1, *collections: str) -> CartLine:
    return CartLine(sku, eur(price), quantity, frozenset(collections))


def apply(cart: Cart, *promotions: Promotion, **options: object) -> PromotionResult:
    return apply_promotions(cart, list(promotions), at=options.pop("at", AT), **options)  # type: ignore[arg-type]


def discounts(result: PromotionResult) -> list[Money]:
    return [item.discount for item in result.lines]


def reasons(result: PromotionResult) -> dict[str, RejectionReason]:
    return {item.promotion.id: item.reason for item in result.rejected}


# --- the example from the issue ---------------------------------------------------------


def test_ten_percent_order_buy_two_get_one_and_free_shipping_above_50() -> None:
    cart = Cart(
        [line("TEE", "20.00", 3, "tees"), line("MUG", "12.00", 2)],
        shipping=eur("4.95"),
    )
    promotions = [
        Promotion("ORDER10", PercentOff(10)),
        Promotion("TEES-3FOR2", BuyXGetY(2, 1), collections={"tees"}),
        Promotion("SHIP50", FreeShipping(), minimum_subtotal=eur("50.00")),
    ]
    result = apply(cart, *promotions)
    # Subtotal: 3 x 20.00 + 2 x 12.00 = 84.00.
    assert result.subtotal == eur("84.00")
    # Product first: buy 2 get 1 on 3 tees gives the cheapest tee free: 20.00 off.
    # Order next, on what is left: 10 % of (40.00 + 24.00) = 6.40, shared 40:24 over
    # the lines: 4.00 on the tees, 2.40 on the mugs.
    # Shipping last: the items now come to 57.60 >= 50.00, so shipping is free: 4.95.
    assert [(a.promotion.id, a.amount) for a in result.applied] == [
        ("TEES-3FOR2", eur("20.00")),
        ("ORDER10", eur("6.40")),
        ("SHIP50", eur("4.95")),
    ]
    assert discounts(result) == [eur("24.00"), eur("2.40")]
    assert [item.net for item in result.lines] == [eur("36.00"), eur("21.60")]
    assert result.applied[1].line_discounts == (eur("4.00"), eur("2.40"))
    assert result.shipping == eur("0.00")
    # 84.00 - 26.40 + 0.00 = 57.60.
    assert result.total == eur("57.60")
    assert result.discount == eur("31.35")
    assert result.rejected == ()


def test_free_shipping_threshold_counts_what_is_left_after_discounts() -> None:
    # Same promotions, one mug: 72.00 -> tee free (20.00) -> 52.00 -> 10 % = 5.20 ->
    # 46.80, below 50.00: shipping is charged.
    cart = Cart(
        [line("TEE", "20.00", 3, "tees"), line("MUG", "12.00", 1)],
        shipping=eur("4.95"),
    )
    result = apply(
        cart,
        Promotion("ORDER10", PercentOff(10)),
        Promotion("TEES-3FOR2", BuyXGetY(2, 1), collections={"tees"}),
        Promotion("SHIP50", FreeShipping(), minimum_subtotal=eur("50.00")),
    )
    assert result.total == eur("51.75")  # 46.80 + 4.95
    rejected = result.rejection("SHIP50")
    assert rejected is not None
    assert rejected.reason is RejectionReason.BELOW_MINIMUM
    assert rejected.detail == (
        "the eligible items come to 46.80 EUR after earlier discounts, "
        "below the minimum of 50.00 EUR"
    )


# --- each offer ---------------------------------------------------------------------------


def test_percent_off_rounds_per_line_for_products_and_once_for_orders() -> None:
    cart = Cart([line("A", "0.05"), line("B", "0.05"), line("C", "0.05")])
    product = Promotion("P", PercentOff(10), promotion_class=PRODUCT)
    order = Promotion("O", PercentOff(10))
    # Per line: 10 % of 0.05 = 0.005, half-up 0.01 on each of the three lines.
    assert discounts(apply(cart, product)) == [eur("0.01")] * 3
    # Once: 10 % of 0.15 = 0.015 -> 0.02, allocated 1:1:1 -> 0.01, 0.01, 0.00.
    assert discounts(apply(cart, order)) == [eur("0.01"), eur("0.01"), eur("0.00")]


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (RoundingMode.HALF_UP, "0.03"),  # 25 % of 0.10 = 0.025: the half goes up
        (RoundingMode.HALF_EVEN, "0.02"),  # ... to the even cent
        (RoundingMode.DOWN, "0.02"),
        (RoundingMode.UP, "0.03"),
    ],
)
def test_percentages_round_with_the_mode_named(mode: RoundingMode, expected: str) -> None:
    cart = Cart([line("A", "0.10")])
    result = apply(cart, Promotion("P", PercentOff(25)), mode=mode)
    assert result.line_discount == eur(expected)


def test_a_discount_that_rounds_to_zero_is_rejected_and_says_so() -> None:
    cart = Cart([line("A", "0.04")])
    result = apply(cart, Promotion("P", PercentOff(10)), mode=RoundingMode.DOWN)
    assert reasons(result) == {"P": RejectionReason.NOTHING_TO_DISCOUNT}  # 0.004 -> 0.00


def test_amount_off_once_is_shared_exactly_pro_rata() -> None:
    cart = Cart([line("A", "10.00"), line("B", "10.00"), line("C", "10.00")])
    result = apply(cart, Promotion("TEN", AmountOff(eur("10.00"))))
    # 10.00 over three equal lines: 3.33 each and one cent left, to the first line.
    assert discounts(result) == [eur("3.34"), eur("3.33"), eur("3.33")]


def test_amount_off_is_capped_at_what_is_left_and_says_so() -> None:
    cart = Cart([line("A", "30.00")], shipping=eur("4.95"))
    result = apply(cart, Promotion("FIFTY", AmountOff(eur("50.00"))))
    assert result.line_discount == eur("30.00")
    assert result.total == eur("4.95")  # the items are free, shipping is not
    assert result.applied[0].note == (
        "capped at 30.00 EUR, what was left of the eligible items; "
        "50.00 EUR would have made it negative"
    )


def test_amount_off_each_unit() -> None:
    cart = Cart([line("A", "5.00", 3), line("B", "1.50", 3)])
    result = apply(cart, Promotion("TWO", AmountOff(eur("2.00"), each=True)))
    # A: 3 x 2.00 = 6.00. B: 3 x 2.00 = 6.00 would exceed 4.50, so 4.50.
    assert discounts(result) == [eur("6.00"), eur("4.50")]
    assert "capped at 10.50 EUR" in result.applied[0].note


def test_fixed_price_for_eligible_items() -> None:
    cart = Cart([line("TEE", "15.00", 2, "tees"), line("TEE-SALE", "8.00", 1, "tees")])
    result = apply(
        cart, Promotion("TEES999", FixedPrice(eur("9.99")), collections={"tees"})
    )
    # 2 x (15.00 - 9.99) = 10.02; the 8.00 tee already costs less: nothing.
    assert discounts(result) == [eur("10.02"), eur("0.00")]


def test_fixed_price_above_every_price_is_rejected() -> None:
    cart = Cart([line("TEE", "8.00")])
    result = apply(cart, Promotion("TEES999", FixedPrice(eur("9.99"))))
    assert reasons(result) == {"TEES999": RejectionReason.NOTHING_TO_DISCOUNT}


def test_buy_x_get_y_gives_the_cheapest_units() -> None:
    cart = Cart([line("X", "10.00", 3, "socks"), line("Y", "6.00", 3, "socks")])
    result = apply(cart, Promotion("3FOR2", BuyXGetY(2, 1), collections={"socks"}))
    # 6 units make 2 groups of 3, so 2 units go free: the two cheapest, both from Y.
    assert discounts(result) == [eur("0.00"), eur("12.00")]


def test_buy_one_get_one_half_price_and_the_limit() -> None:
    cart = Cart([line("A", "30.00"), line("B", "20.00"), line("C", "10.00", 2)])
    half = Promotion("BOGO50", BuyXGetY(1, 1, percent=50))
    # 4 units, 2 groups: the two cheapest (both C) at half price: 10.00.
    assert discounts(apply(cart, half)) == [eur("0"), eur("0"), eur("10.00")]
    once = Promotion("BOGO50", BuyXGetY(1, 1, percent=50, max_applications=1))
    assert discounts(apply(cart, once)) == [eur("0"), eur("0"), eur("5.00")]


def test_buy_x_get_y_with_too_few_units_is_below_minimum() -> None:
    result = apply(Cart([line("A", "30.00", 2)]), Promotion("3FOR2", BuyXGetY(2, 1)))
    rejected = result.rejection("3FOR2")
    assert rejected is not None
    assert rejected.reason is RejectionReason.BELOW_MINIMUM
    assert rejected.detail == "needs 3 eligible units; the cart has 2"


def test_quantity_breaks() -> None:
    breaks = Tiered([Tier(3, percent=10), Tier(5, percent=15)])
    promotion = Promotion("VOLUME", breaks, promotion_class=PRODUCT)
    # 2 units: no tier. 4 units: 10 % of 40.00 = 4.00. 5 units: 15 % of 50.00 = 7.50.
    assert reasons(apply(Cart([line("A", "10.00", 2)]), promotion)) == {
        "VOLUME": RejectionReason.BELOW_MINIMUM
    }
    assert apply(Cart([line("A", "10.00", 4)]), promotion).line_discount == eur("4.00")
    assert apply(Cart([line("A", "10.00", 5)]), promotion).line_discount == eur("7.50")


def test_spend_thresholds() -> None:
    spend = Tiered(
        [
            Tier(eur("100.00"), amount=eur("10.00")),
            Tier(eur("200.00"), amount=eur("25.00")),
        ]
    )
    promotion = Promotion("SPEND", spend)
    assert apply(Cart([line("A", "99.99")]), promotion).line_discount == eur("0")
    assert apply(Cart([line("A", "150.00")]), promotion).line_discount == eur("10.00")
    assert apply(Cart([line("A", "200.00")]), promotion).line_discount == eur("25.00")


def test_bundle_price_fills_bundles_with_the_dearest_units() -> None:
    cart = Cart(
        [line("S5", "5.00", 2, "socks"), line("S4", "4.00", 2, "socks"), line("S3", "3.00")]
    )
    promotion = Promotion("3FOR10", BundlePrice(3, eur("10.00")), collections={"socks"})
    # 5 units make one bundle of 3, the dearest: 5.00 + 5.00 + 4.00 = 14.00 for 10.00,
    # a saving of 4.00, shared 10.00 : 4.00 -> 2.857 and 1.143 -> 2.86 and 1.14.
    result = apply(cart, promotion)
    assert discounts(result) == [eur("2.86"), eur("1.14"), eur("0.00")]


def test_a_bundle_worth_less_than_its_price_is_not_made() -> None:
    cart = Cart([line("S3", "3.00", 3)])
    result = apply(cart, Promotion("3FOR10", BundlePrice(3, eur("10.00"))))
    assert reasons(result) == {"3FOR10": RejectionReason.NOTHING_TO_DISCOUNT}


def test_bundles_of_a_single_line_and_max_bundles() -> None:
    cart = Cart([line("S5", "5.00", 7)])
    result = apply(cart, Promotion("3FOR10", BundlePrice(3, eur("10.00"))))
    assert result.line_discount == eur("10.00")  # two bundles of 15.00 for 10.00
    capped = Promotion("3FOR10", BundlePrice(3, eur("10.00"), max_bundles=1))
    assert apply(cart, capped).line_discount == eur("5.00")


def test_percent_off_shipping() -> None:
    cart = Cart([line("A", "10.00")], shipping=eur("4.95"))
    result = apply(cart, Promotion("HALFSHIP", PercentOff(50), promotion_class=SHIPPING))
    assert result.shipping_discount == eur("2.48")  # 2.475, half-up
    assert result.total == eur("12.47")


def test_free_shipping_without_shipping_is_rejected() -> None:
    result = apply(Cart([line("A", "10.00")]), Promotion("SHIP", FreeShipping()))
    assert reasons(result) == {"SHIP": RejectionReason.NO_SHIPPING}


def test_yen_have_no_decimals() -> None:
    cart = Cart([CartLine("CUP", Money(1000, "JPY"), 3)])
    result = apply(cart, Promotion("P", PercentOff(15), promotion_class=PRODUCT))
    assert result.line_discount == Money(450, "JPY")
    result = apply(cart, Promotion("P", PercentOff("33.3")))
    assert result.line_discount == Money(999, "JPY")  # 33.3 % of 3000 = 999


# --- conditions ---------------------------------------------------------------------------


def test_coupon_codes_ignore_case_and_spaces_and_unknown_ones_are_reported() -> None:
    cart = Cart([line("A", "20.00")], coupon_codes={" welcome10 ", "nope"})
    result = apply(cart, Promotion("WELCOME", PercentOff(10), code="WELCOME10"))
    assert result.line_discount == eur("2.00")
    assert result.unknown_codes == frozenset({"NOPE"})
    missing = apply(Cart([line("A", "20.00")]), Promotion("W", PercentOff(10), code="W10"))
    assert str(missing.rejected[0]) == "W: needs the coupon code 'W10'"


def test_a_coupon_outside_its_window_is_rejected_in_local_time() -> None:
    coupon = Promotion(
        "BF",
        PercentOff(20),
        code="BF20",
        starts=datetime(2026, 11, 27, tzinfo=AMSTERDAM),
        ends=datetime(2026, 11, 30, tzinfo=AMSTERDAM),
    )
    cart = Cart([line("A", "50.00")], coupon_codes={"BF20"})
    # 22:30 UTC on the 26th is 23:30 in Amsterdam: not yet.
    early = apply(cart, coupon, at=datetime(2026, 11, 26, 22, 30, tzinfo=UTC))
    assert reasons(early) == {"BF": RejectionReason.NOT_STARTED}
    assert (
        str(early.rejected[0])
        == "BF: coupon 'BF20' is valid from 2026-11-27T00:00:00+01:00"
    )
    # 23:30 UTC on the 26th is 00:30 on the 27th in Amsterdam: valid.
    on_time = apply(cart, coupon, at=datetime(2026, 11, 26, 23, 30, tzinfo=UTC))
    assert on_time.line_discount == eur("10.00")
    # The end is excluded: 23:00 UTC on the 29th is midnight in Amsterdam.
    late = apply(cart, coupon, at=datetime(2026, 11, 29, 23, 0, tzinfo=UTC))
    assert reasons(late) == {"BF": RejectionReason.EXPIRED}
    assert "expired at 2026-11-30T00:00:00+01:00" in str(late.rejected[0])


def test_eligibility_by_sku_collection_and_exclusion() -> None:
    cart = Cart(
        [
            line("TEE", "10.00", 1, "tees"),
            line("GIFT-TEE", "10.00", 1, "tees", "gift-cards"),
            line("CAP", "10.00"),
            line("MUG", "10.00"),
        ]
    )
    promotion = Promotion(
        "P",
        PercentOff(10),
        promotion_class=PRODUCT,
        collections={"tees"},
        skus={"CAP"},
        excluded_collections={"gift-cards"},
    )
    assert discounts(apply(cart, promotion)) == [
        eur("1.00"),
        eur("0"),
        eur("1.00"),
        eur("0"),
    ]
    none = Promotion("N", PercentOff(10), skus={"HAT"})
    assert reasons(apply(cart, none)) == {"N": RejectionReason.NO_ELIGIBLE_ITEMS}


def test_minimum_subtotal_and_quantity_count_eligible_items_only() -> None:
    cart = Cart([line("TEE", "30.00", 1, "tees"), line("MUG", "30.00")])
    by_value = Promotion(
        "V", PercentOff(10), collections={"tees"}, minimum_subtotal=eur("50")
    )
    by_count = Promotion("Q", PercentOff(10), collections={"tees"}, minimum_quantity=2)
    result = apply(cart, by_value, by_count)
    assert reasons(result) == {
        "V": RejectionReason.BELOW_MINIMUM,
        "Q": RejectionReason.BELOW_MINIMUM,
    }
    assert str(result.rejection("Q")) == "Q: needs 2 eligible units; the cart has 1"


def test_segments_and_usage_limits() -> None:
    vip = Promotion("VIP", PercentOff(10), segments={"vip"})
    once = Promotion("ONCE", PercentOff(10), limit_per_customer=1)
    hundred = Promotion("FIRST100", PercentOff(10), limit_total=100)
    cart = Cart(
        [line("A", "10.00")],
        customer_usage={"ONCE": 1},
        total_usage={"FIRST100": 100},
    )
    result = apply(cart, vip, once, hundred)
    assert reasons(result) == {
        "VIP": RejectionReason.NOT_FOR_SEGMENT,
        "ONCE": RejectionReason.CUSTOMER_LIMIT_REACHED,
        "FIRST100": RejectionReason.TOTAL_LIMIT_REACHED,
    }
    assert (
        str(result.rejection("ONCE"))
        == "ONCE: this customer has used it 1 times; the limit is 1"
    )
    welcome_back = Cart(
        [line("A", "10.00")], customer_segments={"vip"}, total_usage={"FIRST100": 99}
    )
    assert len(apply(welcome_back, vip, once, hundred).applied) == 3


# --- combinations ---------------------------------------------------------------------


def test_stacked_promotions_apply_on_what_is_left() -> None:
    cart = Cart([line("A", "100.00")])
    result = apply(
        cart,
        Promotion("P20", PercentOff(20), promotion_class=PRODUCT),
        Promotion("O10", PercentOff(10)),
        Promotion("O5", AmountOff(eur("5.00"))),
    )
    # Product: 20 % of 100.00 = 20.00. Order, by id at equal priority ("O10" before
    # "O5"): 10 % of 80.00 = 8.00, then 5.00 off 72.00. Total 100.00 - 33.00.
    assert [a.promotion.id for a in result.applied] == ["P20", "O10", "O5"]
    assert [a.amount for a in result.applied] == [eur("20.00"), eur("8.00"), eur("5.00")]
    assert result.total == eur("67.00")


def test_priority_orders_promotions_of_one_class() -> None:
    cart = Cart([line("A", "100.00")])
    first = Promotion("Z-FIVE", AmountOff(eur("5.00")), priority=10)
    second = Promotion("A-TEN", PercentOff(10))
    # Z-FIVE has the higher priority: 5.00 off, then 10 % of 95.00 = 9.50.
    result = apply(cart, second, first)
    assert [(a.promotion.id, a.amount) for a in result.applied] == [
        ("Z-FIVE", eur("5.00")),
        ("A-TEN", eur("9.50")),
    ]


def test_exclusive_promotion_blocks_the_others() -> None:
    cart = Cart([line("A", "100.00")], shipping=eur("4.95"))
    exclusive = Promotion("VIP30", PercentOff(30), exclusive=True, priority=5)
    result = apply(
        cart, exclusive, Promotion("O10", PercentOff(10)), Promotion("S", FreeShipping())
    )
    assert [a.promotion.id for a in result.applied] == ["VIP30"]
    assert reasons(result) == {
        "O10": RejectionReason.EXCLUSIVE_APPLIED,
        "S": RejectionReason.EXCLUSIVE_APPLIED,
    }
    rejected = result.rejection("O10")
    assert rejected is not None
    assert rejected.blocked_by == "VIP30"
    assert rejected.detail == (
        "exclusive promotion 'VIP30' applies (it comes first: priority 5)"
    )


def test_an_exclusive_promotion_with_lower_priority_is_rejected() -> None:
    cart = Cart([line("A", "100.00")])
    result = apply(
        cart,
        Promotion("VIP30", PercentOff(30), exclusive=True),
        Promotion("O10", PercentOff(10), priority=1),
    )
    assert reasons(result) == {"VIP30": RejectionReason.DOES_NOT_COMBINE}


def test_an_exclusive_promotion_that_does_not_apply_blocks_nothing() -> None:
    cart = Cart([line("A", "40.00")])
    exclusive = Promotion(
        "BIG", PercentOff(30), exclusive=True, priority=9, minimum_subtotal=eur("100")
    )
    result = apply(cart, exclusive, Promotion("O10", PercentOff(10)))
    assert [a.promotion.id for a in result.applied] == ["O10"]
    assert reasons(result) == {"BIG": RejectionReason.BELOW_MINIMUM}


def test_combines_with_classes_both_ways() -> None:
    cart = Cart([line("A", "100.00")], shipping=eur("4.95"))
    product = Promotion(
        "P20",
        PercentOff(20),
        promotion_class=PRODUCT,
        priority=1,
        combines_with={PRODUCT, SHIPPING},
    )
    order = Promotion("O10", PercentOff(10))
    shipping = Promotion("S", FreeShipping())
    result = apply(cart, product, order, shipping)
    assert [a.promotion.id for a in result.applied] == ["P20", "S"]
    rejected = result.rejection("O10")
    assert rejected is not None
    assert rejected.reason is RejectionReason.DOES_NOT_COMBINE
    assert rejected.detail == (
        "'P20' does not combine with order promotions (it comes first: priority 1)"
    )
    # The other way round: the order promotion refuses products, and comes first.
    picky = Promotion("O10", PercentOff(10), priority=2, combines_with={ORDER})
    result = apply(cart, Promotion("P20", PercentOff(20), promotion_class=PRODUCT), picky)
    assert [a.promotion.id for a in result.applied] == ["O10"]
    assert reasons(result) == {"P20": RejectionReason.DOES_NOT_COMBINE}


def test_never_with_names_a_promotion() -> None:
    cart = Cart([line("A", "100.00")])
    result = apply(
        cart,
        Promotion("A", PercentOff(10), never_with={"B"}),
        Promotion("B", PercentOff(5)),
    )
    assert [a.promotion.id for a in result.applied] == ["A"]  # equal priority: by id
    assert (
        str(result.rejection("B"))
        == "B: it never combines with 'A' (it comes first: priority 0)"
    )


def test_best_offer_picks_the_biggest_saving() -> None:
    cart = Cart([line("A", "100.00")], shipping=eur("4.95"))
    promotions = (
        Promotion("O10", PercentOff(10)),
        Promotion("FIVE", AmountOff(eur("5.00"))),
        Promotion("S", FreeShipping()),
    )
    result = apply(cart, *promotions, strategy=Strategy.BEST_OFFER)
    assert [a.promotion.id for a in result.applied] == ["O10"]  # 10.00 > 5.00 > 4.95
    assert str(result.rejection("FIVE")) == "FIVE: it saves 5.00 EUR; 'O10' saves 10.00 EUR"
    # A tie goes to the higher priority, then by class and id.
    tie = apply(
        cart,
        Promotion("B", AmountOff(eur("10.00"))),
        Promotion("A", PercentOff(10)),
        strategy=Strategy.BEST_OFFER,
    )
    assert [a.promotion.id for a in tie.applied] == ["A"]


def test_discounts_on_vat_inclusive_prices_reduce_the_vat_inside() -> None:
    # German shelf prices include 19 % VAT. 10 % off 119.00 leaves 107.10, and the VAT
    # inside it falls in proportion: 107.10 x 19/119 = 17.10 (it was 19.00).
    vat = rate_for("DE", "standard", on=date(2026, 11, 27))
    cart = Cart([line("A", "119.00")])
    result = apply(cart, Promotion("O10", PercentOff(10)))
    (discounted,) = result.lines
    invoice = tax_invoice(
        [
            TaxLine(
                discounted.line.unit_price,
                discounted.line.quantity,
                vat,
                discount=discounted.discount,
            )
        ],
        prices_include_tax=True,
    )
    assert invoice.gross == eur("107.10")
    assert invoice.tax == eur("17.10")


# --- bad input ----------------------------------------------------------------------------


def test_bad_lines_are_refused() -> None:
    with pytest.raises(InvalidAmountError, match="is negative"):
        line("A", "-1.00")
    with pytest.raises(InvalidAmountError, match="returns are refunds"):
        line("A", "1.00", -2)
    with pytest.raises(InvalidAmountError, match="not a quantity a cart can hold"):
        line("A", "1.00", 0)
    with pytest.raises(InvalidAmountError, match="is a float"):
        CartLine("A", Money(1.5, "EUR"), 1)  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="is not a whole quantity"):
        CartLine("A", eur("1.00"), 1.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="round it with round_money"):
        line("A", "1.005")
    with pytest.raises(InvalidAmountError, match="is not a set of names"):
        CartLine("A", eur("1.00"), 1, "tees")  # type: ignore[arg-type]


def test_bad_carts_are_refused() -> None:
    with pytest.raises(CurrencyMismatchError, match="cannot mix in one cart EUR and USD"):
        Cart([line("A", "1.00"), CartLine("B", Money("1.00", "USD"), 1)])
    with pytest.raises(CurrencyMismatchError):
        Cart([line("A", "1.00")], shipping=Money("4.95", "USD"))
    with pytest.raises(InvalidCartError, match="no lines"):
        Cart([])
    with pytest.raises(InvalidAmountError, match="usage count"):
        Cart([line("A", "1.00")], customer_usage={"P": -1})


def test_bad_promotions_are_refused() -> None:
    with pytest.raises(InvalidAmountError, match="is a float"):
        PercentOff(0.1)  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="at most 100"):
        PercentOff(120)
    with pytest.raises(InvalidAmountError, match="is negative"):
        FixedPrice(eur("-1.00"))
    with pytest.raises(InvalidAmountError, match="is zero"):
        AmountOff(eur("0"))
    with pytest.raises(InvalidAmountError, match="2 or more"):
        BundlePrice(1, eur("1.00"))
    with pytest.raises(InvalidAmountError, match="mixes quantity and spend"):
        Tiered([Tier(3, percent=10), Tier(eur("100"), percent=15)])
    with pytest.raises(InvalidPromotionError, match="product promotion"):
        Promotion("B", BuyXGetY(2, 1), promotion_class=ORDER)
    with pytest.raises(InvalidPromotionError, match="the end must come after the start"):
        Promotion("W", PercentOff(5), starts=AT, ends=AT - timedelta(days=1))


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="has no time zone"):
        Promotion("W", PercentOff(5), ends=datetime(2026, 12, 1))  # noqa: DTZ001  # on purpose
    with pytest.raises(NaiveDatetimeError, match=r"^at datetime") as refused:
        apply(Cart([line("A", "1.00")]), at=datetime(2026, 12, 1))  # noqa: DTZ001  # on purpose
    assert refused.value.field == "at"  # was "the moment promotions are applied at, at="


def test_promotion_lists_that_cannot_be_ordered_are_refused() -> None:
    cart = Cart([line("A", "10.00")])
    with pytest.raises(DuplicatePromotionError, match="'P'"):
        apply(cart, Promotion("P", PercentOff(5)), Promotion("P", PercentOff(10)))
    with pytest.raises(UnknownPromotionError, match="'GONE'"):
        apply(cart, Promotion("P", PercentOff(5), never_with={"GONE"}))
    with pytest.raises(CurrencyMismatchError, match="promotion 'USD5'"):
        apply(cart, Promotion("USD5", AmountOff(Money("5.00", "USD"))))
    first = Promotion("X1", PercentOff(5), exclusive=True, ends=AT + timedelta(days=2))
    second = Promotion("X2", PercentOff(9), exclusive=True, starts=AT + timedelta(days=1))
    with pytest.raises(ExclusivePromotionConflictError, match="give one of them a higher"):
        apply(cart, first, second)
    # Apart in time, or ordered by priority, they are fine.
    later = Promotion("X2", PercentOff(9), exclusive=True, starts=AT + timedelta(days=2))
    assert apply(cart, first, later).applied[0].promotion.id == "X1"
    ranked = Promotion("X2", PercentOff(9), exclusive=True, priority=1)
    assert apply(cart, first, ranked).applied[0].promotion.id == "X2"


def test_unknown_strategy_or_mode_is_refused() -> None:
    cart = Cart([line("A", "10.00")])
    with pytest.raises(InvalidAmountError, match="not one of the Strategy values: 'stack'"):
        apply(cart, strategy="cheapest")
    with pytest.raises(InvalidAmountError, match="not one of the RoundingMode values"):
        apply(cart, Promotion("P", PercentOff(5)), mode="nearest")


def test_decimal_percentages() -> None:
    cart = Cart([line("A", "19.99")])
    result = apply(cart, Promotion("P", PercentOff(Decimal("12.5"))))
    assert result.line_discount == eur("2.50")  # 2.49875 -> 2.50
