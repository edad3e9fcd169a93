"""Several taxes on one taxable value inside a tax-inclusive price: India's CGST and
SGST (or UTGST), each levied at its own rate on the same value (CGST Act 2017 s. 9(1),
the State GST Acts s. 9(1), UTGST Act s. 7(1), the value of CGST Act s. 15), and
Canada's GST with QST or PST, each charged on the price before taxes. The taxable
value is extracted from the price once; each tax is its own rate of it, rounded;
the taxable value shown is the price less the taxes (absorbing the minor unit the
rounding leaves)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.money import Money, RoundingMode, decimal_rounding
from commercekit.tax import TaxLine, extract_tax, rates_for, tax_invoice
from tests.strategies import minor_unit_amounts

DAY = date(2026, 6, 1)
PLACES = {
    "IN-MH": "INR",  # CGST 9 + SGST 9
    "IN-CH": "INR",  # CGST 9 + UTGST 9
    "CA-QC": "CAD",  # GST 5 + QST 9.975
    "CA-BC": "CAD",  # GST 5 + PST 7
    "CA-SK": "CAD",
    "CA-MB": "CAD",
}
CENT = Decimal("0.01")


def test_inr_99_99_at_18_percent_gives_equal_halves() -> None:
    """99.99 x 100 / 118 = 84.737..., so the taxable value is 84.74; 9 % of it is
    7.6266, so CGST and SGST are 7.63 each; the value shown is 99.99 - 15.26 = 84.73
    (before: 7.63 and 7.62, one tax rounded once and shared)."""
    taxed = extract_tax(Money("99.99", "INR"), rates_for("IN-MH", "standard", on=DAY))
    assert [(tax.rate.tax, tax.amount) for tax in taxed.taxes] == [
        ("CGST", Money("7.63", "INR")),
        ("SGST", Money("7.63", "INR")),
    ]
    assert taxed.net == Money("84.73", "INR")
    assert taxed.gross == Money("99.99", "INR")


def test_cad_99_99_in_quebec() -> None:
    """99.99 x 100 / 114.975 = 86.966..., taxable value 86.97: GST 5 % = 4.3485 ->
    4.35, QST 9.975 % = 8.6753 -> 8.68; the value shown 99.99 - 13.03 = 86.96 (before:
    GST 4.34, 13.02 rounded once and shared by 5 : 9.975)."""
    taxed = extract_tax(Money("99.99", "CAD"), rates_for("CA-QC", "standard", on=DAY))
    assert [tax.amount for tax in taxed.taxes] == [
        Money("4.35", "CAD"),
        Money("8.68", "CAD"),
    ]
    assert taxed.net == Money("86.96", "CAD")


@given(
    st.sampled_from(sorted(PLACES)),
    minor_unit_amounts("INR", limit=10**9),
    st.sampled_from([RoundingMode.HALF_UP, RoundingMode.HALF_EVEN]),
)
def test_each_tax_is_its_rate_of_the_one_taxable_value(
    place: str, price: Decimal, mode: RoundingMode
) -> None:
    """For any tax-inclusive price: the taxable value V = price x 100 / (100 + R)
    rounded with the mode; each tax = V x its rate, rounded with the mode (so equal
    rates give equal taxes); the value shown + the taxes = the price exactly; the
    value shown is within one minor unit of V; a tax invoice's line says the same."""
    currency = PLACES[place]
    rates = rates_for(place, "standard", on=DAY)
    price = abs(price)
    gross = Money(price, currency)
    taxed = extract_tax(gross, rates, mode=mode)
    rounding = decimal_rounding(mode)
    total = sum(rate.rate for rate in rates)
    value = (price * 100 / (100 + total)).quantize(CENT, rounding)
    expected = [(value * rate.rate / 100).quantize(CENT, rounding) for rate in rates]
    assert [tax.amount.amount for tax in taxed.taxes] == expected
    assert taxed.net.amount + sum(expected) == price
    assert abs(taxed.net.amount - value) <= CENT
    assert all(tax.base == taxed.net for tax in taxed.taxes)
    if len({rate.rate for rate in rates}) == 1:
        assert len({tax.amount for tax in taxed.taxes}) == 1
    line = tax_invoice([TaxLine(gross, 1, rates)], prices_include_tax=True, mode=mode)
    assert line.lines[0].net == taxed.net
    assert [tax.amount for tax in line.lines[0].taxes] == [t.amount for t in taxed.taxes]


@pytest.mark.parametrize("place", ["IN-MH", "CA-QC"])
def test_a_one_rate_price_is_unchanged(place: str) -> None:
    """One rate (IGST; GST alone) keeps the tax rounded once inside the price."""
    rates = rates_for("IN" if place == "IN-MH" else "CA-AB", "standard", on=DAY)
    taxed = extract_tax(Money("99.99", "INR"), rates)
    assert len(taxed.taxes) == 1
    assert taxed.net + taxed.tax == Money("99.99", "INR")
