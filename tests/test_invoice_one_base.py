"""An invoice rounded once per tax and rate follows the one-base rule where a
tax-inclusive line carries several taxes on one taxable value (CGST + SGST, GST + QST):
the row's taxable value is rounded once and each tax is its rate of that value, as on
each line (``extract_tax``). Before, each row's exact tax was rounded on its own, so
INR 99.99 at 18 % gave CGST 7.63 and SGST 7.62 with ``combined_rates`` (the 15.25
of the whole shared), and CAD 99.99 in Quebec gave QST 8.67."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.money import Money, RoundingMode
from commercekit.tax import RoundingLevel, TaxLine, extract_tax, rates_for, tax_invoice
from tests.strategies import minor_unit_amounts

DAY = date(2026, 6, 1)
PLACES = {"IN-MH": "INR", "IN-CH": "INR", "CA-QC": "CAD", "CA-BC": "CAD"}


@pytest.mark.parametrize("combined", [False, True])
def test_inr_99_99_at_18_percent_on_an_invoice(combined: bool) -> None:
    """99.99 x 100 / 118 = 84.737 -> 84.74; 9 % of it 7.6266 -> 7.63 for CGST and
    SGST alike; the value shown 99.99 - 15.26 = 84.73, as extract_tax gives."""
    rates = rates_for("IN-MH", "standard", on=DAY)
    invoice = tax_invoice(
        [TaxLine(Money("99.99", "INR"), 1, rates)],
        prices_include_tax=True,
        rounding=RoundingLevel.INVOICE,
        combined_rates=combined,
    )
    assert [(row.tax, row.amount) for row in invoice.by_rate] == [
        ("CGST", Money("7.63", "INR")),
        ("SGST", Money("7.63", "INR")),
    ]
    assert invoice.net == Money("84.73", "INR")
    assert invoice.gross == Money("99.99", "INR")


def test_cad_99_99_in_quebec_on_an_invoice() -> None:
    """99.99 x 100 / 114.975 = 86.9667 -> 86.97: GST 4.3485 -> 4.35, QST 8.6753 ->
    8.68; the value shown 99.99 - 13.03 = 86.96."""
    rates = rates_for("CA-QC", "standard", on=DAY)
    invoice = tax_invoice(
        [TaxLine(Money("99.99", "CAD"), 1, rates)],
        prices_include_tax=True,
        rounding=RoundingLevel.INVOICE,
    )
    assert [row.amount for row in invoice.by_rate] == [
        Money("4.35", "CAD"),
        Money("8.68", "CAD"),
    ]
    assert invoice.net == Money("86.96", "CAD")


@given(
    st.sampled_from(sorted(PLACES)),
    minor_unit_amounts("INR", limit=10**9),
    st.sampled_from([RoundingMode.HALF_UP, RoundingMode.HALF_EVEN]),
    st.sampled_from(list(RoundingLevel)),
    st.booleans(),
)
def test_one_line_invoice_is_the_line_rule(
    place: str, price: Decimal, mode: RoundingMode, level: RoundingLevel, combined: bool
) -> None:
    """For any tax-inclusive price with several taxes on one base, at every rounding
    level, combined or not, a one-line invoice's taxes and net are extract_tax's, and
    the summary rows add up to the invoice's tax."""
    currency = PLACES[place]
    rates = rates_for(place, "standard", on=DAY)
    gross = Money(abs(price), currency)
    expected = extract_tax(gross, rates, mode=mode)
    invoice = tax_invoice(
        [TaxLine(gross, 1, rates)],
        prices_include_tax=True,
        rounding=level,
        mode=mode,
        combined_rates=combined,
    )
    assert [tax.amount for tax in invoice.lines[0].taxes] == [
        tax.amount for tax in expected.taxes
    ]
    assert invoice.net == expected.net
    assert sum(row.amount.amount for row in invoice.by_rate) == invoice.tax.amount


@given(st.lists(minor_unit_amounts("INR", limit=10**6), min_size=1, max_size=6))
def test_equal_rates_on_one_base_give_equal_rows(prices: list[Decimal]) -> None:
    """On any tax-inclusive invoice of CGST 9 + SGST 9 lines rounded per invoice, the
    CGST row equals the SGST row, and each line's net + taxes is its price."""
    rates = rates_for("IN-MH", "standard", on=DAY)
    lines = [TaxLine(Money(abs(p), "INR"), 1, rates) for p in prices]
    invoice = tax_invoice(lines, prices_include_tax=True, rounding=RoundingLevel.INVOICE)
    cgst, sgst = invoice.by_rate
    assert cgst.amount == sgst.amount
    for line in invoice.lines:
        assert line.net + line.tax == line.line.price
