"""Japan's import consumption tax as Japan Customs assesses it.

Japan Customs, Customs Answer 1111, "Calculation Method of Amount of Tariff Duty,
Consumption Tax, etc" (official page read 2026-12-01 for the rates: national 7.8 %,
local 2.2 % = 22/78 of the national tax; its worked chart is an image, read in a copy,
secondary), line by line: the duty's base truncated to whole JPY 1,000 and the duty to
whole JPY 100 (Customs Act Art. 13-4, read in a reprint); the tax base (customs value
+ duty) truncated to whole JPY 1,000, the national consumption tax 7.8 % of it, the
local 22/78 of the line's national tax truncated to JPY 100; each tax's total
truncated to whole JPY 100.

The docs' example, a JPY 9,000 mug with JPY 1,001 of shipping and a made-up 10 % duty:
base 10,001 + 1,000 = 11,001, counted 11,000; national 858 -> 800; local 225.6 -> 200;
import tax 1,000 (it was 1,100, 10 % of 11,001 rounded to the yen).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from commercekit.money import Money, RateTable
from commercekit.shipping import DutyRate, Item, LandedCost, Shipment, landed_cost

ON = date(2026, 11, 26)


class FlatDuty:
    """A made-up duty at ``percent`` on every heading (the tax, not the duty, is tested)."""

    def __init__(self, percent: str) -> None:
        self.percent = Decimal(percent)

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        del origin, on
        return DutyRate(destination, hs_code, self.percent, date(2000, 1, 1), None, "x")


def _cost(goods: str, shipping: str, duty: str = "10", *more: Item) -> LandedCost:
    items = (Item("mug", Money(goods, "JPY"), hs_code="6912.00", origin="US"), *more)
    shipment = Shipment(items, destination="JP", shipping=Money(shipping, "JPY"))
    return landed_cost(shipment, incoterm="DAP", on=ON, tariffs=FlatDuty(duty))


def test_the_docs_example_is_800_national_and_200_local() -> None:
    cost = _cost("9000", "1001")
    assert cost.customs_value == Money("10001", "JPY")
    assert cost.duty == Money("1000", "JPY")
    assert cost.import_tax == Money("1000", "JPY")
    item, total = [line for line in cost.explanation if "consumption tax" in line]
    assert "base 11001 JPY (customs value + duty) counted as 11000 JPY" in item
    assert "national 11000 x 7.8% = 858 JPY; local 800 x 22/78 = 225 JPY" in item
    assert "national consumption tax 858 JPY counted as 800 JPY" in total
    assert "local consumption tax 225 JPY counted as 200 JPY" in total
    assert "Answer 1111" in total


def test_the_relief_still_comes_first() -> None:
    cost = _cost("9000", "1000")
    assert (cost.duty, cost.import_tax) == (Money("0", "JPY"), Money("0", "JPY"))


@pytest.mark.parametrize(
    ("cif", "tax"),
    [
        # base 12,999 counted 12,000: national 936 -> 900, local 253.8 -> 200
        ("12999", "1100"),
        # base 13,000: national 1,014 -> 1,000, local 282.0 -> 200
        ("13000", "1200"),
    ],
)
def test_the_base_is_truncated_to_whole_thousands(cif: str, tax: str) -> None:
    cost = _cost(cif, "0", "0")
    assert cost.import_tax == Money(tax, "JPY")


@pytest.mark.parametrize(
    ("cif", "tax"),
    [
        # national 49,000 x 7.8 % = 3,822 -> 3,800; local 1,071.8 -> 1,000
        ("49999", "4800"),
        # national 50,000 x 7.8 % = 3,900; local 3,900 x 22/78 = 1,100 exactly
        ("50000", "5000"),
        # national 25,000 x 7.8 % = 1,950 -> 1,900; local 535.9 -> 500
        ("25999", "2400"),
        # national 26,000 x 7.8 % = 2,028 -> 2,000; local 564.1 -> 500
        ("26000", "2500"),
    ],
)
def test_each_tax_is_truncated_to_whole_hundreds(cif: str, tax: str) -> None:
    cost = _cost(cif, "0", "0")
    assert cost.import_tax == Money(tax, "JPY")


def test_the_items_add_up_to_the_total() -> None:
    plate = Item("plate", Money("7000", "JPY"), hs_code="6912.00", origin="US")
    cost = _cost("9000", "1001", "10", plate)
    # customs value 17,001 shared 9,563 + 7,438; duty 9,000 x 10 % = 900 and 7,000 x
    # 10 % = 700; bases 10,463 -> 10,000 and 8,138 -> 8,000: national 780 + 624 = 1,404
    # -> 1,400; local 700 x 22/78 = 197 and 600 x 22/78 = 169, 366 -> 300
    assert cost.duty == Money("1600", "JPY")
    assert cost.import_tax == Money("1700", "JPY")
    assert sum(line.amount.amount for line in cost.taxes) == Decimal(1700)


def test_reduced_rate_food_is_6_24_national() -> None:
    shipment = Shipment(
        (
            Item(
                "tea",
                Money("20000", "JPY"),
                hs_code="0902.10",
                origin="US",
                category="food",
            ),
        ),
        destination="JP",
        shipping=Money("0", "JPY"),
    )
    cost = landed_cost(shipment, incoterm="DAP", on=ON, tariffs=FlatDuty("0"))
    # national 20,000 x 6.24 % = 1,248 -> 1,200; local 1,200 x 22/78 = 338.5 -> 300
    assert cost.import_tax == Money("1500", "JPY")


@pytest.mark.parametrize(
    ("cif", "duty", "tax"),
    [
        # duty base 21,999 counted 21,000: 987 -> 900; tax base 22,899 -> 22,000:
        # national 1,716 -> 1,700, local 479.4 -> 400
        ("21999", "900", "2100"),
        # duty base 22,000: 1,034 -> 1,000; tax base 23,000: national 1,794 -> 1,700
        ("22000", "1000", "2100"),
    ],
)
def test_the_duty_is_truncated_too(cif: str, duty: str, tax: str) -> None:
    cost = _cost(cif, "0", "4.7")
    assert (cost.duty, cost.import_tax) == (Money(duty, "JPY"), Money(tax, "JPY"))


def test_answer_1111s_chart() -> None:
    """Customs Answer 1111's worked chart (read in a copy): A, CIF 534,795 at 14 %
    duty and the standard rate; B, CIF 126,258 at 14 % and the reduced rate. Duty
    534,000 x 14 % = 74,760 -> 74,700 and 126,000 x 14 % = 17,640 -> 17,600 (92,400);
    national 609,000 x 7.8 % = 47,502 and 143,000 x 6.24 % = 8,923, 56,425 -> 56,400;
    local 47,500 x 22/78 = 13,397 and 8,900 x 22/78 = 2,510, 15,907 -> 15,900."""
    tea = Item("B", Money("126258", "JPY"), hs_code="0902.10", origin="US",
               category="food")  # fmt: skip
    shipment = Shipment(
        (Item("A", Money("534795", "JPY"), hs_code="6912.00", origin="US"), tea),
        destination="JP",
        shipping=Money("0", "JPY"),
    )
    cost = landed_cost(shipment, incoterm="DAP", on=ON, tariffs=FlatDuty("14"))
    assert [line.amount for line in cost.duties] == [
        Money("74700", "JPY"),
        Money("17600", "JPY"),
    ]
    assert cost.import_tax == Money(56400 + 15900, "JPY")
    assert sum(line.amount.amount for line in cost.taxes) == Decimal(72300)


def test_a_shipment_in_another_currency_is_rounded_and_says_so() -> None:
    """Not valued in JPY: the yen truncations cannot apply; 10 % rounded to the cent,
    and the explanation says how to get customs' own figures."""
    table = RateTable(
        base="JPY",
        rates={"USD": Decimal("0.0066")},
        observed_at=datetime(2026, 11, 25, tzinfo=UTC),
        provider="example",
    )
    shipment = Shipment(
        (Item("mug", Money("200.00", "USD"), hs_code="6912.00", origin="US"),),
        destination="JP",
        shipping=Money("0.00", "USD"),
    )
    duty = FlatDuty("4.7")
    cost = landed_cost(shipment, incoterm="DAP", on=ON, tariffs=duty, rates=table)
    assert cost.duty == Money("9.40", "USD")
    assert cost.import_tax == Money("20.94", "USD")  # 209.40 x 10 %
    assert any("not valued in JPY" in line for line in cost.explanation)
