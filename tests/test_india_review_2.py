"""A second review of India's GST through the public API: faults found and the figures
checked right (sources: tax/_data/per_item.csv, IN.csv; CGST Act s. 15; Notifications
1/2017 and 9/2025-Central Tax (Rate))."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from commercekit.errors import InvalidInputError, NoRuleError
from commercekit.money import Money
from commercekit.tax import (
    Buyer,
    GstSupplier,
    GstSupply,
    Sale,
    Seller,
    TaxLine,
    decide,
    gst_registration_status,
    item_tax_lines,
    per_item_rates,
    rates_for,
    tax_invoice,
)

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


def test_per_item_lines_are_tax_lines_that_say_how_their_rates_were_chosen() -> None:
    """``item_tax_lines`` returns plain ``TaxLine``s marked ``priced_without_tax``: equal
    to the same line built by hand (with the mark), printed under the public name, and
    the mark is what ``tax_invoice`` refuses with tax-inclusive prices."""
    rules = per_item_rates("IN-MH", "apparel", on=DAY)
    (line,) = item_tax_lines(Money("2600.00", "INR"), 3, rules)
    by_hand = TaxLine(Money("2600.00", "INR"), 3, line.rates, priced_without_tax=True)
    assert type(line) is TaxLine
    assert line == by_hand
    assert repr(line).startswith("TaxLine(")
    assert "priced_without_tax=True" in repr(line)
    assert line != TaxLine(Money("2600.00", "INR"), 3, line.rates)
    with pytest.raises(InvalidInputError):
        tax_invoice([by_hand], prices_include_tax=True)
    assert tax_invoice([by_hand], prices_include_tax=False).tax == Money(
        "1404.00", "INR"
    )  # 18 % of 7800


JK_JOINED = date(2017, 7, 8)  # CGST (Extension to Jammu and Kashmir) Ordinance 3 of 2017


@pytest.mark.parametrize(
    ("supplier", "buyer"),
    [("IN-JK", "IN-JK"), ("IN-MH", "IN-JK"), ("IN-JK", "IN-MH"), ("IN-MH", "IN-LA")],
)
def test_jammu_and_kashmir_before_it_joined_gst_is_refused(
    supplier: str, buyer: str
) -> None:
    """GST reached the State of Jammu and Kashmir (Ladakh then part of it) on
    2017-07-08, not 2017-07-01: the CGST and IGST Acts were extended to it by the
    Ordinances of that day; before, no GST was charged there (it was CGST + SGST or
    IGST at 18 %)."""
    sale = Sale(
        Seller("IN", {supplier}),
        Buyer("IN", subdivision=buyer),
        "goods",
        Money("1000", "INR"),
    )
    with pytest.raises(NoRuleError, match="2017-07-08"):
        decide(sale, on=JK_JOINED - timedelta(days=1))
    assert decide(sale, on=JK_JOINED).rates


def test_jammu_and_kashmir_rates_begin_on_8_july_2017() -> None:
    """The bundled rows for IN-JK (and Ladakh, part of it then) begin on 2017-07-08."""
    for place in ("IN-JK", "IN-LA"):
        with pytest.raises(NoRuleError, match="2017-07-08"):
            rates_for(place, "standard", on=date(2017, 7, 7))
        with pytest.raises(NoRuleError, match="2017-07-08"):
            per_item_rates(place, "apparel", on=date(2017, 7, 7))
        assert [r.tax for r in rates_for(place, "standard", on=JK_JOINED)] == [
            "CGST",
            "SGST",
        ]
    assert rates_for("IN-MH", "standard", on=date(2017, 7, 1))


def test_registration_in_jammu_and_kashmir_begins_with_its_gst() -> None:
    """No GST registration was due in Jammu and Kashmir before the CGST Act reached it
    on 2017-07-08 (it answered 'below' on 2017-07-05)."""
    supplier = GstSupplier("IN-JK", {GstSupply.GOODS})
    with pytest.raises(NoRuleError, match="2017-07-08"):
        gst_registration_status([], supplier, on=JK_JOINED - timedelta(days=1))
    assert gst_registration_status([], supplier, on=JK_JOINED).status.value == "below"
