"""A second review of India's GST through the public API: faults found and the figures
checked right (sources: tax/_data/per_item.csv, IN.csv; CGST Act s. 15; Notifications
1/2017 and 9/2025-Central Tax (Rate))."""

from __future__ import annotations

from datetime import date

import pytest

from commercekit.errors import InvalidInputError
from commercekit.money import Money
from commercekit.tax import item_tax_lines, per_item_rates, tax_invoice

DAY = date(2026, 6, 1)


@pytest.mark.parametrize("place", ["IN", "IN-MH", "US-NY", "US-MA"])
def test_per_item_lines_in_a_tax_inclusive_invoice_are_refused(place: str) -> None:
    """A rate chosen on the price without the tax cannot tax a price with it in: a
    kurta at Rs. 2600 with the GST in is Rs. 2476.19 at 5 %, under Rs. 2500, not 18 %
    of a value over it (it was taxed at 18 %: 1189.84 on three)."""
    currency = "INR" if place.startswith("IN") else "USD"
    rules = per_item_rates(place, "clothing", on=DAY)
    lines = item_tax_lines(Money("2600.00", currency), 3, rules)
    with pytest.raises(InvalidInputError) as raised:
        tax_invoice(lines, prices_include_tax=True)
    assert raised.value.field == "prices_include_tax"
    assert "item_tax_lines" in str(raised.value)
    assert tax_invoice(lines, prices_include_tax=False).tax.currency.code == currency
