"""The VAT in shipping a refund keeps back below a free-shipping threshold.

The taxable amount falls only by what is refunded (Directive 2006/112/EC Art. 90(1)),
and the shipping the supplier charges is part of it (Art. 78(b)): shipping kept back is
consideration that still bears VAT, so the refund reverses the goods' VAT less the VAT
inside the amount kept. The worked order is docs/checkout.md's: a Dutch shop, prices
with 21 % VAT, two T-shirts at 24.95 and a mug at 12.00, EUR 5.37 of shipping waived by
SHIP50 (free from EUR 50.00). Figures worked by hand in each test.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from commercekit.checkout import (
    BelowThreshold,
    CheckoutContext,
    Product,
    Quote,
    RefundPolicy,
    quote,
    refund,
)
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine, FreeShipping, Promotion
from commercekit.shipping import Bracket, RateCard, Zone, example_rate_cards
from commercekit.tax import Buyer, Seller
from tests.test_refund_free_shipping_properties import orders
from tests.test_refund_properties import a_return, left_to_return

D = Decimal
AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
DEDUCT = RefundPolicy(below_threshold="deduct_shipping")


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def nl_order(mug: str = "standard") -> Quote:
    """Two T-shirts at 24.95 and a mug at 12.00, with 21 % VAT (the mug at ``mug``'s)."""
    products = {
        "TEE": Product("TEE", "standard", weight_kg=D("0.2")),
        "MUG": Product("MUG", mug, weight_kg=D("0.4")),
    }
    ship50 = Promotion("SHIP50", FreeShipping(), minimum_subtotal=eur("50.00"))
    return quote(
        Cart([CartLine("TEE", eur("24.95"), 2), CartLine("MUG", eur("12.00"), 1)]),
        CheckoutContext(
            Seller("NL"),
            Buyer("NL"),
            at=AT,
            prices_include_tax=True,
            rate_cards=example_rate_cards(),
            promotions=(ship50,),
            products=products,
        ),
    )


def test_one_tshirt_back_reverses_the_vat_in_what_is_paid_back() -> None:
    """24.95 - 5.37 = 19.58 back; the 5.37 kept holds 5.37 x 21/121 = 0.93 of VAT, so
    4.33 - 0.93 = 3.40 is reversed (19.58 x 21/121 = 3.398); was 4.33."""
    back = refund(nl_order(), {"TEE": 1}, DEDUCT, withdrawal=False)
    assert back.total == eur("19.58")
    assert back.shipping_deducted_tax == eur("0.93")
    assert back.tax == eur("3.40")
    assert any(
        "VAT in the 5.37 EUR of shipping kept back: 0.93" in n for n in back.explanation
    )


def test_everything_back_with_restocking_keeps_the_shipping_vat() -> None:
    """All back, 10 % restocking: 61.90 - 6.19 - 5.37 = 50.34; the order's 10.74 of VAT
    less the 0.93 in the shipping kept: 9.81 (was 10.74). The fee's VAT stays reversed,
    as documented."""
    policy = RefundPolicy(below_threshold="deduct_shipping", restocking_percent=10)
    placed = nl_order()
    back = refund(placed, {"TEE": 2, "MUG": 1}, policy, withdrawal=False)
    assert placed.tax == eur("10.74")
    assert (back.restocking_fee, back.total) == (eur("6.19"), eur("50.34"))
    assert back.tax == eur("9.81")


def test_mixed_rates_split_the_kept_shipping_over_the_orders_rates() -> None:
    """The mug as food (9 % in NL): the 5.37 is split as the quote splits the order's
    shipping, by the lines' amounts: 5.37 x 49.90/61.90 = 4.33 at 21 % (0.75), 1.04 at
    9 % (0.09): 0.84 kept. A T-shirt back reverses 4.33 - 0.84 = 3.49."""
    back = refund(nl_order("food"), {"TEE": 1}, DEDUCT, withdrawal=False)
    assert back.shipping_deducted_tax == eur("0.84")
    assert back.tax == eur("3.49")
    assert any("all the order's lines" in note for note in back.explanation)


def test_keeping_the_free_shipping_reverses_all_the_goods_vat() -> None:
    """Nothing kept back: the T-shirt's 4.33 is reversed whole, as before."""
    keep = RefundPolicy(below_threshold="keep_free_shipping")
    back = refund(nl_order(), {"TEE": 1}, keep, withdrawal=True)
    assert back.shipping_deducted_tax == eur("0.00")
    assert back.tax == eur("4.33")


def test_a_delivery_taxed_at_its_own_rate_is_refused() -> None:
    """Japan taxes a delivery at its standard rate, not split over the goods (the
    registry's delivery_category): the refund does not guess the kept shipping's tax."""
    yen = {"RICE": Product("RICE", "food", weight_kg=D(1))}
    card = RateCard(
        "Example",
        "Takkyubin",
        "JP",
        "JPY",
        (Zone("JP", frozenset({"JP"}), (1, 2)),),
        {"JP": (Bracket(D(30), Money("800", "JPY")),)},
        dimension_rounding="exact",
    )
    free = Promotion("FREE", FreeShipping(), minimum_subtotal=Money("5000", "JPY"))
    placed = quote(
        Cart([CartLine("RICE", Money("3000", "JPY"), 2)]),
        CheckoutContext(
            Seller("JP", {"JP"}),
            Buyer("JP"),
            at=AT,
            prices_include_tax=True,
            products=yen,
            rate_cards=(card,),
            promotions=(free,),
            rounding_mode="half-up",
        ),
    )
    with pytest.raises(MissingDataError, match="JP's rate for a delivery"):
        refund(placed, {"RICE": 1}, DEDUCT, withdrawal=False)


def test_a_us_states_shipping_rule_is_refused() -> None:
    """Indiana (7 %, no local taxes): the quote taxed the shipping by the state's own
    shipping rule, which the refund does not apply to the USD 9.00 kept back."""
    card = RateCard(
        "Example",
        "Ground",
        "US",
        "USD",
        (Zone("US", frozenset({"US"}), (2, 5)),),
        {"US": (Bracket(D(30), Money("9.00", "USD")),)},
        dimension_rounding="exact",
    )
    free = Promotion("FREE", FreeShipping(), minimum_subtotal=Money("50.00", "USD"))
    placed = quote(
        Cart([CartLine("MUG", Money("30.00", "USD"), 2)]),
        CheckoutContext(
            Seller("US", {"US-IN"}),
            Buyer("US", subdivision="US-IN"),
            at=AT,
            prices_include_tax=False,
            products={"MUG": Product("MUG", "standard", weight_kg=D(1))},
            rate_cards=(card,),
            promotions=(free,),
        ),
    )
    with pytest.raises(MissingDataError, match="US-IN's rule for taxing shipping"):
        refund(placed, {"MUG": 1}, DEDUCT, withdrawal=False)


@settings(deadline=None, max_examples=200)
@given(orders(), st.integers(0, 30), st.data())
def test_the_vat_kept_and_reversed_add_up_to_the_goods_vat(
    order: Quote, percent: int, data: st.DataObject
) -> None:
    """For a refund with a deduction: tax reversed + VAT in the shipping kept == the
    VAT of the goods and charges refunded (exactly: ``tax`` is their difference); the
    kept VAT is at most 21/121 of the shipping kept, rounded half-up; and the tax
    reversed is at most the VAT at 21 % inside what is paid back plus the fee (whose
    VAT stays reversed), give or take a cent per line."""
    policy = RefundPolicy(
        below_threshold=BelowThreshold.DEDUCT_SHIPPING, restocking_percent=percent
    )
    left = left_to_return(order, [])
    units = dict(left) if data.draw(st.booleans()) else a_return(data, left)
    back = refund(order, units, policy, withdrawal=False)
    event(f"deducted: {bool(back.shipping_deducted)}")
    if not back.shipping_deducted:
        return
    kept = back.shipping_deducted_tax
    assert kept is not None
    charged = [line.tax for line in back.lines] + [back.shipping_tax]
    whole = sum(m.amount for m in charged) + (back.surcharge_tax or back.tax * 0).amount
    assert back.tax.amount + kept.amount == whole
    rate, cent = D(21) / D(121), D("0.01")
    assert kept.amount <= (back.shipping_deducted.amount * rate).quantize(cent) + cent
    ceiling = (back.total + back.restocking_fee).amount * rate
    assert back.tax.amount <= ceiling + cent * (len(back.lines) + 1)
