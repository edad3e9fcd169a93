"""India: the "sale value" of a garment or pair of footwear, compared per piece with
the threshold (Rs 1000, Rs 2500 from 2025-09-22), and a shipping charge.

CBIC's GST rates FAQ of 27 July 2017, Q. 33 (as reproduced by taxinindia.com): the
sale value "refers to the transaction value and not the retail sale price" (a
wholesaler's Rs 950 a piece pays 5 %, the retailer's Rs 1100 12 %). The transaction
value includes incidental expenses and what the supplier charges for anything done in
respect of the supply at or before delivery (CGST Act s. 15(2)(c)); a discount
recorded on the invoice is not part of it (s. 15(3)(a)). No notification or
clarification read says how a delivery charge for the whole order is shared over the
pieces, so a quote whose shipping, shared as the quote shares it, would put a piece in
the other band is refused; where it cannot, the quote stands, the shipping taxed at the
goods' rate (a composite supply, CGST Act s. 8(a))."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.shipping import Bracket, RateCard, Zone
from commercekit.tax import Buyer, Seller


def card(price: str) -> RateCard:
    return RateCard(
        "Example Carrier", "Surface", "IN", "INR",
        zones=[Zone("domestic", ["IN"], (2, 5))],
        brackets={"domestic": [Bracket(Decimal(30), Money(price, "INR"))]},
        dimension_rounding="exact",
    )  # fmt: skip


def shirts(price: str, quantity: int, shipping: str, day: datetime) -> Quote:
    context = CheckoutContext(
        Seller("IN", {"IN-MH"}), Buyer("IN", subdivision="IN-MH"), at=day,
        prices_include_tax=False, rate_cards=(card(shipping),),
        products={"SHIRT": Product("SHIRT", "apparel", weight_kg=Decimal("0.3"))},
    )  # fmt: skip
    return quote(Cart([CartLine("SHIRT", Money(price, "INR"), quantity)]), context)


BEFORE = datetime(2024, 5, 1, 12, tzinfo=UTC)
AFTER = datetime(2025, 9, 22, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("price", "quantity", "shipping", "day"),
    [
        ("990.00", 1, "20.00", BEFORE),  # 990 + 20 = 1010 a piece
        ("990.00", 2, "30.00", BEFORE),  # 990 + 15 = 1005 a piece
        ("2490.00", 1, "99.00", AFTER),  # 2490 + 99 = 2589 a piece
    ],
)
def test_shipping_that_would_move_a_piece_across_the_threshold_is_refused(
    price: str, quantity: int, shipping: str, day: datetime
) -> None:
    with pytest.raises(MissingDataError, match="sale value of each piece") as refused:
        shirts(price, quantity, shipping, day)
    assert "s. 15(2)(c)" in str(refused.value)
    assert refused.value.field == "shipping"


def test_shipping_that_leaves_each_piece_in_its_band_is_taxed_with_it() -> None:
    """Two shirts at Rs 990 and Rs 20 shipping (Rs 1000 a piece with it: "not
    exceeding" Rs 1000): 5 % on the goods and the shipping, CGST 2.5 % + SGST 2.5 %
    of Rs 2000 = Rs 100.00."""
    result = shirts("990.00", 2, "20.00", BEFORE)
    assert result.tax == Money("100.00", "INR")
    [line] = result.lines
    assert [(r.tax, r.rate) for r in line.rates] == [
        ("CGST", Decimal("2.5")),
        ("SGST", Decimal("2.5")),
    ]


@pytest.mark.parametrize("price", ["1000.01", "1200.00"])
def test_a_piece_already_above_the_threshold_stays_there(price: str) -> None:
    result = shirts(price, 1, "50.00", BEFORE)
    [line] = result.lines
    assert [r.rate for r in line.rates] == [Decimal(6), Decimal(6)]


def test_the_same_shirt_without_shipping_is_quoted_as_before() -> None:
    context = CheckoutContext(
        Seller("IN", {"IN-MH"}), Buyer("IN", subdivision="IN-MH"), at=BEFORE,
        prices_include_tax=False, products={"SHIRT": Product("SHIRT", "apparel")},
    )  # fmt: skip
    result = quote(Cart([CartLine("SHIRT", Money("990.00", "INR"), 1)]), context)
    assert result.tax == Money("49.50", "INR")
