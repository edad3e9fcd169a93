"""Japan's small-value relief: duty and consumption tax exempt when the total customs
value of the consignment is JPY 10,000 or less.

Japan Customs, Customs Answer 1006 (official, read 2026-12-01): "Those goods at a
total customs value of 10,000 yen or less shall be exempted from taxation of customs
duty and consumption tax", judged per declaration (an invoice split over several
declarations counts whole) or, by post, per package. Japan values goods CIF: the
transaction value plus the cost of transport and insurance to the port of importation
(Customs Answer 1403; Customs Tariff Act Art. 4(1)). So a JPY 9,000 mug with JPY 1,000
of shipping is 10,000 and relieved; with JPY 1,001 it is 10,001 and taxed in full.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from commercekit.money import Money
from commercekit.shipping import DutyRate, Item, Shipment, de_minimis, landed_cost

ON = date(2026, 11, 26)


class TenPercent:
    """A made-up 10 % duty on every heading (the relief, not the rate, is tested)."""

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        del origin, on
        return DutyRate(destination, hs_code, Decimal(10), date(2000, 1, 1), None, "x")


def _cost(goods: str, shipping: str) -> tuple[Money, Money, Money, tuple[str, ...]]:
    shipment = Shipment(
        (Item("mug", Money(goods, "JPY"), hs_code="6912.00", origin="US"),),
        destination="JP",
        shipping=Money(shipping, "JPY"),
    )
    cost = landed_cost(shipment, incoterm="DAP", on=ON, tariffs=TenPercent())
    return cost.customs_value, cost.duty, cost.import_tax, cost.explanation


def test_a_customs_value_of_10000_yen_is_relieved() -> None:
    value, duty, tax, why = _cost("9000", "1000")
    assert (value, duty, tax) == (Money("10000", "JPY"), Money(0, "JPY"), Money(0, "JPY"))
    assert any("customs value of 10000 JPY within 10000 JPY" in line for line in why)


def test_one_yen_more_of_shipping_takes_the_consignment_out_of_the_relief() -> None:
    """10,001 CIF: duty 10,000 x 10 % = 1,000; consumption tax on 10,001 +
    1,000 = 11,001, counted as 11,000: national 800 + local 200 (Customs Answer 1111's
    truncations; tests/test_japan_consumption_tax.py)."""
    value, duty, tax, _ = _cost("9000", "1001")
    assert value == Money("10001", "JPY")
    assert duty == Money("1000", "JPY")
    assert tax == Money("1000", "JPY")


def test_the_rows_compare_the_customs_value() -> None:
    for kind in ("duty", "tax"):
        row = de_minimis("JP", kind, origin="US", on=ON)
        assert row is not None
        assert (row.threshold, str(row.measure)) == (Money("10000", "JPY"), "customs_value")
