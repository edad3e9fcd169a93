"""A payment surcharge on a US order with lines taxed in parts or left untaxed.

The quote shares a surcharge over the goods as it shares the shipping: over the parts
of a line taxed in two parts (Rhode Island's clothing: the first USD 250 of each item
exempt, the excess at 7 %, 280-RICR-20-70-6.6), and untaxed over a line a partial
quote left untaxed. A refund returns each line's share of the surcharge and of its tax
as the quote charged it (Directive 2006/112/EC Art. 90(1): the taxable amount of the
supply it was part of is reduced), so the refunds of the whole order return exactly the
surcharge and its tax. A partial quote whose tax is missing in part does not know the
total paid, so it leaves the payment out and says which part is missing.

The seller is a German merchant registered in Rhode Island (a German merchant may pass
on its cost of a US consumer card: BGB s. 270a covers only the cards the IFR caps); the
fee is an example contract's 2.9 % + USD 0.30.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from commercekit.checkout import (
    CheckoutContext,
    Payment,
    Product,
    Quote,
    RefundPolicy,
    quote,
    refund,
)
from commercekit.money import Money, allocate, sum_money
from commercekit.payments import FeeRow, FeeSchedule
from commercekit.pricing import Cart, CartLine
from commercekit.tax import Buyer, Seller, StateRatesOnly

AT = datetime(2026, 6, 1, 12, tzinfo=UTC)
FEES = FeeSchedule([
    FeeRow(
        "example-psp", "DE", "card", "consumer_credit", "international",
        Decimal("2.9"), Money("0.30", "USD"), Decimal(0), None, None, True,  # noqa: FBT003
        Money("0", "USD"), date(2026, 1, 1), None, date(2026, 1, 5),
        ("https://example.com/contract",),
    )
])  # fmt: skip
PRODUCTS = {
    sku: Product(sku, category, hs_code=hs, origin="DE")
    for sku, category, hs in (
        ("SUIT", "clothing", "620311"),
        ("LAMP", "standard", "940520"),
        ("BOOK", "books", "490199"),
    )
}


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def _order(state: str, lines: list[CartLine], **kwargs: object) -> Quote:
    """The order, partial: the duty (US tariffs are not bundled) is the buyer's at
    delivery (DAP) and left out; the payment taken at checkout is priced."""
    context = CheckoutContext(
        Seller("DE", {state}), Buyer("US", subdivision=state), at=AT,
        prices_include_tax=False, products=PRODUCTS, incoterm="DAP", partial=True,
        payment=Payment(
            "card", "consumer_credit", "US", surcharge=True, free_means_offered=True
        ),
        payment_costs=FEES,
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip
    return quote(Cart(lines), context)


def test_a_refund_shares_the_surcharge_as_the_quote_did_over_a_lines_parts() -> None:
    """SUIT 275 (parts: 250 exempt, 25 at 7 %) and LAMP 50 (7 %): the surcharge is
    shared 250 : 75 between the exempt part and the 7 % group, and the 7 % group's
    share and tax 25 : 50 between the suit's part and the lamp. The suit takes back
    its exempt share, its 7 % share and a third of the surcharge's tax; it took back
    the tax at 7 % of its whole share before (as if 275 were taxed at 7 %)."""
    order = _order(
        "US-RI", [CartLine("SUIT", usd("275.00"), 1), CartLine("LAMP", usd("50.00"), 1)]
    )
    surcharge = order.surcharge
    assert surcharge is not None
    assert not [m for m in order.missing if m.startswith(("tax:", "payment:"))]
    exempt, taxed = allocate(surcharge.gross, [Decimal(250), Decimal(75)])
    suit_taxed, lamp_taxed = allocate(taxed, [Decimal(25), Decimal(50)])
    suit_tax, lamp_tax = allocate(surcharge.tax, [Decimal(25), Decimal(50)])
    suit = refund(order, {"SUIT": 1}, RefundPolicy(), partial=True)
    lamp = refund(order, {"LAMP": 1}, RefundPolicy(), previous=[suit], partial=True)
    assert (suit.surcharge, suit.surcharge_tax) == (exempt + suit_taxed, suit_tax)
    assert (lamp.surcharge, lamp.surcharge_tax) == (lamp_taxed, lamp_tax)
    assert suit.surcharge + lamp.surcharge == surcharge.gross
    assert suit.surcharge_tax + lamp.surcharge_tax == surcharge.tax


def test_a_partial_quote_with_an_untaxed_category_leaves_the_payment_out() -> None:
    """SUIT 275 and BOOK 20 (no Rhode Island row for books: left untaxed and listed):
    the tax the buyer pays is not known, so neither is the total paid, and the payment
    is left out, naming the tax. Before, the quote priced a surcharge on the total
    without the books' tax, and refunding the book raised "() is not a TaxRate"."""
    lines = [CartLine("SUIT", usd("275.00"), 1), CartLine("BOOK", usd("20.00"), 1)]
    order = _order("US-RI", lines)
    assert order.payment is None
    (left_out,) = [m for m in order.missing if m.startswith("payment:")]
    assert "part of the tax collected at checkout is missing" in left_out
    assert "border charges" not in left_out  # the duty is the buyer's under DAP
    back = refund(order, {"BOOK": 1}, RefundPolicy(), partial=True)
    assert (back.surcharge, back.total) == (None, usd("20.00"))


def test_a_partial_quote_missing_local_tax_leaves_the_payment_out_under_dap() -> None:
    """New York with state rates only: the local tax collected at checkout is missing,
    so the total paid, and the surcharge on it, are not known. It priced the payment
    on the total without the local tax before (the incoterm was the only test)."""
    order = _order(
        "US-NY", [CartLine("LAMP", usd("50.00"), 1)], tax_rates=StateRatesOnly(),
    )  # fmt: skip
    assert order.payment is None
    assert order.grand_total == usd("52.00")
    assert any(m.startswith("payment:") and "tax" in m for m in order.missing)


def test_a_surcharge_over_parts_adds_up_in_the_quote() -> None:
    """Every total shown is the sum of the parts shown (MA, invoice rounding)."""
    order = _order(
        "US-MA", [CartLine("SUIT", usd("400.00"), 2), CartLine("LAMP", usd("50.00"), 1)],
        rounding="invoice",
    )  # fmt: skip
    assert order.surcharge is not None
    shown = [line.tax for line in order.lines] + [order.surcharge.tax]
    assert sum_money(shown, "USD") == order.tax
    assert sum_money([row.amount for row in order.tax_summary], "USD") == order.tax
    assert (
        order.subtotal
        + order.surcharge.gross
        + order.tax
        - sum_money([line.tax for line in order.lines], "USD")
        - order.surcharge.tax
        == order.grand_total
    )
    backs = [refund(order, {"SUIT": 2}, RefundPolicy(), partial=True)]
    backs.append(refund(order, {"LAMP": 1}, RefundPolicy(), previous=backs, partial=True))
    assert sum_money([b.surcharge for b in backs if b.surcharge], "USD") == (
        order.surcharge.gross
    )
    assert sum_money([b.surcharge_tax for b in backs if b.surcharge_tax], "USD") == (
        order.surcharge.tax
    )
