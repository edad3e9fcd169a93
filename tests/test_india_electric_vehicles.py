"""Electric cars and two-wheelers in India: 12 % GST until 2019-07-31, 5 % from
2019-08-01, no compensation cess, unchanged from 2025-09-22.

Sources as read (secondary: no gazette opened):
- 12/2019-Central Tax (Rate) of 31 July 2019, in force 2019-08-01, as reproduced by
  gstzen.in and howtoexportimport.com (its Integrated Tax twin, G.S.R. 541(E), by
  taxguru.in): Schedule I (2.5 % CGST) S. No. 242A inserted, "87 Electrically operated
  vehicles, including two and three wheeled electric vehicles", and Schedule II (6 %
  CGST) S. No. 206 omitted; that S. No. 206 rated them at 12 % is as
  justmakeinindia.com describes it.
- compensation cess S. No. 44 (8703 80: electrically operated vehicles, Nil), as
  tabled by kmsgst.com; S. No. 53 (motorcycles) turns on an engine capacity
  exceeding 350 cc, which an electric motorcycle has not.
- from 2025-09-22: "It remains at 5%" (the Revenue Secretary, 3 Sept 2025, NDTV
  Profit: all EVs at 5 % "with no additional cess"); Upstox, 5 Sept 2025, for
  electric two-wheelers.

The figures are the rates times the value, split half and half within a State.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from commercekit.errors import NoRuleError
from commercekit.money import Money
from commercekit.tax import RateFacts, TaxLine, fact_rates, tax_invoice

LAST_12 = date(2019, 7, 31)
FIRST_5 = date(2019, 8, 1)  # 12/2019-Central Tax (Rate)
RESTRUCTURED = date(2025, 9, 22)


def _rates(category: str, place: str, day: date) -> list[tuple[str, Decimal]]:
    facts = RateFacts(propulsion="electric")
    return [(r.tax, r.rate) for r in fact_rates(place, category, facts, on=day)]


@pytest.mark.parametrize("category", ["motorcycles", "motor_cars"])
def test_12_percent_until_2019_07_31_and_5_percent_from_the_next_day(
    category: str,
) -> None:
    assert _rates(category, "IN-KA", LAST_12) == [
        ("CGST", Decimal(6)), ("SGST", Decimal(6))]  # fmt: skip
    assert _rates(category, "IN-KA", FIRST_5) == [
        ("CGST", Decimal("2.5")), ("SGST", Decimal("2.5"))]  # fmt: skip
    assert _rates(category, "IN", LAST_12) == [("IGST", Decimal(12))]
    assert _rates(category, "IN", FIRST_5) == [("IGST", Decimal(5))]


@pytest.mark.parametrize("category", ["motorcycles", "motor_cars"])
@pytest.mark.parametrize("day", [date(2025, 9, 21), RESTRUCTURED])
def test_5_percent_on_both_sides_of_2025_09_22_without_cess(
    category: str, day: date
) -> None:
    assert _rates(category, "IN", day) == [("IGST", Decimal(5))]
    assert _rates(category, "IN-CH", day) == [
        ("CGST", Decimal("2.5")), ("UTGST", Decimal("2.5"))]  # fmt: skip


def test_an_electric_scooter_needs_no_engine_capacity() -> None:
    """Rs 1,20,000 within Karnataka on 2025-09-22: CGST 3,000 + SGST 3,000."""
    [cgst, sgst] = fact_rates("IN-KA", "motorcycles", RateFacts(propulsion="electric"),
                              on=RESTRUCTURED)  # fmt: skip
    value = Decimal(120_000)
    assert (value * cgst.rate / 100, value * sgst.rate / 100) == (3000, 3000)
    assert "242A" in cgst.note


@pytest.mark.parametrize(
    ("day", "each"), [(LAST_12, "90000.00 INR"), (FIRST_5, "37500.00 INR")]
)
def test_an_electric_car_on_a_tax_invoice(day: date, each: str) -> None:
    """Rs 15,00,000 within Maharashtra (the docs' example): 6 % + 6 %, then 2.5 % +
    2.5 %, and no cess line."""
    rates = fact_rates("IN-MH", "motor_cars", RateFacts(propulsion="electric"), on=day)
    receipt = tax_invoice([TaxLine(Money("1500000.00", "INR"), 1, rates)],
                          prices_include_tax=False)  # fmt: skip
    assert [(row.tax, str(row.amount)) for row in receipt.by_rate] == [
        ("CGST", each), ("SGST", each)]  # fmt: skip


def test_the_rows_say_where_they_were_read() -> None:
    [igst] = fact_rates("IN", "motor_cars", RateFacts(propulsion="electric"),
                        on=FIRST_5)  # fmt: skip
    assert "12/2019" in igst.note
    assert "S. No. 44" in igst.note


def test_before_gst_there_is_no_rule() -> None:
    with pytest.raises(NoRuleError):
        _rates("motorcycles", "IN", date(2017, 6, 30))
