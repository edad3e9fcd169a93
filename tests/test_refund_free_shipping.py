"""A return that takes an order below its free-shipping threshold.

The worked order: a Dutch shop, a Dutch consumer, prices with 21 % VAT, shipping on the
example rate cards (ExampleParcel Standard, EUR 5.37 for this parcel) made free by
``SHIP50`` for eligible goods of EUR 50.00 or more. Two T-shirts at 24.95 and a mug at
12.00: 61.90, shipping waived, 61.90 paid. Returning one T-shirt keeps 36.95; returning
the mug keeps 49.90, ten cents under 50.00 (each test works its figures by hand). The
law the deduction is refused by: Directive 2011/83/EU Art. 9(1) (a
withdrawing consumer bears no costs but those of Art. 13(2) and 14) and SI 2013/3134
reg. 29(1) (the UK's alike).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import attrs
import pytest

from commercekit.checkout import (
    BelowThreshold,
    CheckoutContext,
    Product,
    Quote,
    RefundPolicy,
    quote,
    refund,
)
from commercekit.errors import (
    InvalidAmountError,
    MissingDataError,
    RefundMismatchError,
    RefundPolicyRefusedError,
)
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine, FreeShipping, PercentOff, Promotion
from commercekit.shipping import example_rate_cards
from commercekit.tax import Buyer, Seller

D = Decimal
AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
PRODUCTS = {
    "TEE": Product("TEE", "standard", weight_kg=D("0.2")),
    "MUG": Product("MUG", "standard", weight_kg=D("0.4")),
    "PIN": Product("PIN", "standard", weight_kg=D("0.01")),
}
SHIP50 = Promotion("SHIP50", FreeShipping(), minimum_subtotal=Money("50.00", "EUR"))
KEEP = RefundPolicy(below_threshold="keep_free_shipping")
DEDUCT = RefundPolicy(below_threshold="deduct_shipping")
UP_TO = RefundPolicy(below_threshold="deduct_up_to_refund")


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def order(
    *lines: tuple[str, str, int],
    promotions: tuple[Promotion, ...] = (SHIP50,),
    inclusive: bool = True,
) -> Quote:
    """The cart's lines as (SKU, unit price, units); T-shirts are in "tees"."""
    return quote(
        Cart(
            [
                CartLine(sku, eur(price), units, {"tees"} if sku == "TEE" else set())
                for sku, price, units in lines
            ]
        ),
        CheckoutContext(
            Seller("NL"),
            Buyer("NL"),
            at=AT,
            prices_include_tax=inclusive,
            products=PRODUCTS,
            promotions=promotions,
            rate_cards=example_rate_cards(),
        ),
    )


@pytest.fixture(scope="module")
def paid() -> Quote:
    """2 x 24.95 + 12.00 = 61.90, shipping 5.37 waived."""
    placed = order(("TEE", "24.95", 2), ("MUG", "12.00", 1))
    assert placed.shipping is not None
    assert (placed.shipping.price, placed.shipping.gross) == (eur("5.37"), eur("0.00"))
    assert placed.grand_total == eur("61.90")
    return placed


def test_a_return_that_keeps_the_order_at_its_threshold_needs_no_rule() -> None:
    """25.00 x 2 + 12.00: returning the mug keeps 50.00, which reaches "50.00 or more"."""
    placed = order(("TEE", "25.00", 2), ("MUG", "12.00", 1))
    back = refund(placed, {"MUG": 1}, RefundPolicy())
    assert (back.total, back.shipping_deducted) == (eur("12.00"), None)


def test_a_cent_below_the_threshold_asks_for_the_rule() -> None:
    """24.99 x 2 + 12.00: returning the mug keeps 49.98, under 50.00."""
    placed = order(("TEE", "24.99", 2), ("MUG", "12.00", 1))
    with pytest.raises(MissingDataError) as refused:
        refund(placed, {"MUG": 1}, RefundPolicy())
    assert refused.value.field == "policy.below_threshold"
    message = str(refused.value)
    assert "SHIP50 waived 5.37 EUR of shipping" in message
    assert "the eligible goods kept come to 49.98 EUR, below its minimum of 50.00 EUR" in (
        message
    )
    assert "keep_free_shipping, deduct_shipping or deduct_up_to_refund" in message


def test_keeping_the_free_shipping_refunds_as_before(paid: Quote) -> None:
    back = refund(paid, {"TEE": 1}, KEEP)
    assert (back.total, back.shipping_deducted) == (eur("24.95"), eur("0.00"))
    assert any("the buyer keeps it" in note for note in back.explanation)


def test_deducting_the_shipping_from_a_return_under_the_shops_terms(paid: Quote) -> None:
    """One T-shirt back keeps 36.95 < 50.00: 24.95 - 5.37 = 19.58."""
    back = refund(paid, {"TEE": 1}, DEDUCT, withdrawal=False)
    assert back.goods == eur("24.95")
    assert back.shipping_deducted == eur("5.37")
    assert back.total == eur("19.58")
    assert back.total == back.goods + back.shipping - back.restocking_fee - eur("5.37")
    said = next(note for note in back.explanation if "free-shipping" in note)
    assert "kept come to 36.95 EUR, below its minimum of 50.00 EUR" in said
    assert "deduct_shipping rule: 5.37 EUR deducted of 5.37 EUR" in said
    # The rest of the order: the shipping was deducted once, never again.
    rest = refund(paid, {"TEE": 1, "MUG": 1}, DEDUCT, previous=[back], withdrawal=False)
    assert (rest.total, rest.shipping_deducted) == (eur("36.95"), eur("0.00"))
    assert back.total + rest.total == paid.grand_total - eur("5.37")


def test_what_one_refund_cannot_bear_is_deducted_from_the_next() -> None:
    """2 x 24.95 + a 3.00 pin = 52.90. The pin back keeps 49.90: 3.00 of the 5.37 is
    deducted (the refund is 0.00), the other 2.37 from the next refund (24.95 - 2.37 =
    22.58) under deduct_shipping; under deduct_up_to_refund it is waived (24.95)."""
    placed = order(("TEE", "24.95", 2), ("PIN", "3.00", 1))
    pin = refund(placed, {"PIN": 1}, DEDUCT, withdrawal=False)
    assert (pin.total, pin.shipping_deducted) == (eur("0.00"), eur("3.00"))
    tee = refund(placed, {"TEE": 1}, DEDUCT, previous=[pin], withdrawal=False)
    assert (tee.total, tee.shipping_deducted) == (eur("22.58"), eur("2.37"))
    last = refund(placed, {"TEE": 1}, DEDUCT, previous=[pin, tee], withdrawal=False)
    assert (last.total, last.shipping_deducted) == (eur("24.95"), eur("0.00"))
    assert pin.total + tee.total + last.total == eur("52.90") - eur("5.37")

    pin = refund(placed, {"PIN": 1}, UP_TO, withdrawal=False)
    assert (pin.total, pin.shipping_deducted) == (eur("0.00"), eur("3.00"))
    tee = refund(placed, {"TEE": 1}, UP_TO, previous=[pin], withdrawal=False)
    assert (tee.total, tee.shipping_deducted) == (eur("24.95"), eur("0.00"))
    assert any("only by the refund that crossed it" in n for n in tee.explanation)


def test_a_deduction_comes_after_the_restocking_fee_and_never_below_zero() -> None:
    """The pin with a 10 % fee: 3.00 - 0.30 = 2.70 is all that can be deducted."""
    placed = order(("TEE", "24.95", 2), ("PIN", "3.00", 1))
    policy = RefundPolicy(below_threshold="deduct_up_to_refund", restocking_percent=10)
    back = refund(placed, {"PIN": 1}, policy, withdrawal=False)
    assert (back.restocking_fee, back.shipping_deducted, back.total) == (
        eur("0.30"),
        eur("2.70"),
        eur("0.00"),
    )


def test_the_threshold_is_measured_after_discounts_on_the_eligible_goods() -> None:
    """10 % off, then SHIP50 on the T-shirts only: 3 x 20.00 = 60.00, less 10 % is
    54.00 (the mug's 10.80 does not count). One T-shirt back keeps 36.00: below."""
    tees = Promotion(
        "SHIPTEES", FreeShipping(), minimum_subtotal=eur("50.00"), collections={"tees"}
    )
    placed = order(
        ("TEE", "20.00", 3),
        ("MUG", "12.00", 1),
        promotions=(Promotion("TEN", PercentOff(10)), tees),
    )
    assert placed.promotions.applied[-1].shipping == eur("5.37")
    assert refund(placed, {"MUG": 1}, RefundPolicy()).shipping_deducted is None
    back = refund(placed, {"TEE": 1}, DEDUCT, withdrawal=False)
    assert back.shipping_deducted == eur("5.37")
    assert back.total == eur("18.00") - eur("5.37")


def test_a_minimum_quantity_is_a_threshold_too() -> None:
    three = Promotion("SHIP3", FreeShipping(), minimum_quantity=3)
    placed = order(("TEE", "10.00", 3), promotions=(three,))
    with pytest.raises(MissingDataError, match="2 eligible units are kept, below its"):
        refund(placed, {"TEE": 1}, RefundPolicy())


def test_prices_without_tax_measure_the_threshold_without_tax() -> None:
    """Net prices: 2 x 24.95 + 12.00 = 61.90 net reaches 50.00; the mug back keeps
    49.90 net (60.38 with VAT), which is below it."""
    placed = order(("TEE", "24.95", 2), ("MUG", "12.00", 1), inclusive=False)
    with pytest.raises(MissingDataError, match=r"kept come to 49\.90 EUR"):
        refund(placed, {"MUG": 1}, RefundPolicy())


@pytest.mark.parametrize("policy", [DEDUCT, UP_TO])
def test_a_deduction_from_a_withdrawal_is_refused(
    paid: Quote, policy: RefundPolicy
) -> None:
    with pytest.raises(RefundPolicyRefusedError) as refused:
        refund(paid, {"TEE": 1}, policy, withdrawal=True)
    assert refused.value.field == "policy.below_threshold"
    assert "Directive 2011/83/EU Art. 9(1)" in str(refused.value)
    assert "SI 2013/3134 reg. 29(1)" in str(refused.value)
    assert any("2011/83" in source for source in refused.value.sources)
    # Keeping the free shipping is lawful on a withdrawal.
    assert refund(paid, {"TEE": 1}, KEEP, withdrawal=True).total == eur("24.95")


def test_a_deduction_asks_whether_the_return_is_a_withdrawal(paid: Quote) -> None:
    with pytest.raises(MissingDataError) as refused:
        refund(paid, {"TEE": 1}, DEDUCT)
    assert refused.value.field == "withdrawal"
    assert "withdrawal=True" in str(refused.value)


@pytest.mark.parametrize("hostile", [1, "yes", 0.0, Decimal(1)])
def test_withdrawal_is_a_flag(paid: Quote, hostile: object) -> None:
    with pytest.raises(InvalidAmountError):
        refund(paid, {"TEE": 1}, KEEP, withdrawal=hostile)  # type: ignore[arg-type]


@pytest.mark.parametrize("hostile", ["deduct", 1, True, BelowThreshold])
def test_below_threshold_is_one_of_the_rules(hostile: object) -> None:
    with pytest.raises(InvalidAmountError, match="below_threshold"):
        RefundPolicy(below_threshold=hostile)  # type: ignore[arg-type]


def test_a_refund_deducting_more_than_it_gives_back_cannot_be_built(paid: Quote) -> None:
    back = refund(paid, {"MUG": 1}, DEDUCT, withdrawal=False)
    assert back.total == eur("6.63")
    with pytest.raises(InvalidAmountError, match="shipping_deducted"):
        attrs.evolve(back, shipping_deducted=eur("12.01"))


# --- the JSON boundary (POST /refund) -------------------------------------------------


def test_the_service_deducts_and_says_so_in_its_schema() -> None:
    """Four tees and the atlas of the German example: 4 x 24.95 + 39.50 = 139.30, less
    10 % = 125.37, reaching FREESHIP100 (EUR 7.19 of shipping waived). Two tees back
    (44.92) keep 80.45: 44.92 - 7.19 = 37.73."""
    from tests.test_service import _check_against_openapi  # noqa: PLC0415  # its client
    from tests.test_service_fields import CLIENT, _free_shipped  # noqa: PLC0415

    body = _free_shipped(policy={"below_threshold": "deduct_shipping"}, withdrawal=False)
    answer = CLIENT.post("/refund", json=body)
    assert answer.status_code == 200, answer.text
    back = answer.json()
    assert back["goods"] == {"amount": "44.92", "currency": "EUR"}
    assert back["shipping_deducted"] == {"amount": "7.19", "currency": "EUR"}
    assert back["total"] == {"amount": "37.73", "currency": "EUR"}
    _check_against_openapi("/refund", body, back)
    refused = CLIENT.post("/refund", json=_free_shipped()).json()
    assert 'write "below_threshold" in the policy' in refused["detail"]
    assert "RefundPolicy(" not in refused["detail"]


def test_a_quote_whose_promotions_are_of_another_cart_is_refused(paid: Quote) -> None:
    other = attrs.evolve(
        paid.promotions,
        cart=attrs.evolve(paid.promotions.cart, lines=paid.promotions.cart.lines[::-1]),
    )
    with pytest.raises(RefundMismatchError, match="another cart than its lines"):
        refund(attrs.evolve(paid, promotions=other), {"TEE": 1}, KEEP)
