"""New Zealand before 1 December 2019: duty and GST waived when their TOTAL is under
NZD 60.

The bundled rows (``shipping/_data/de_minimis.csv``, NZ, 2010-10-01 to 2019-11-30) say,
from New Zealand Customs' FAQ as read when the rows were written: "Duty and/or GST not
collected when the TOTAL payable (duty + GST) for a shipment is under NZD 60 ('NZ$60 or
more' is collected)". The rows were compared one by one, each "not over" 60: duty was
never waived (no step read a duty row measured on tax) and GST was waived whenever it
alone was NZD 60 or less. Composed by hand at an example 10 % duty and GST 15 %:

* NZD 200.00: duty 20.00 + GST 15 % of 220.00 = 33.00, total 53.00, under 60: nothing
  (was: duty 20.00, GST 0.00);
* NZD 300.00: duty 30.00 + GST 49.50 = 79.50: both (was: duty 30.00, GST 0.00);
* a total of exactly NZD 60.00 is collected ("NZ$60 or more"): NZD 226.09 gives duty
  22.61 + GST 37.31 = 59.92, waived; NZD 227.00, duty 22.70 + GST 37.46 = 60.16,
  collected.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from commercekit.money import Money
from commercekit.shipping import DutyRate, Item, Shipment, TariffTable, landed_cost


def _tariff(heading: str) -> TariffTable:
    """An example 10 % duty on ``heading`` into New Zealand."""
    rate = DutyRate(
        "NZ",
        heading,
        Decimal(10),
        date(2010, 1, 1),
        None,
        "https://www.customs.govt.nz/",
        note="an example rate for this test",
    )
    return TariffTable([rate], name="example")


TARIFF = _tariff("6109.10")


def _charges(value: str, on: date) -> tuple[Money, Money]:
    shipment = Shipment(
        (Item("T-shirt", Money(value, "NZD"), hs_code="6109.10", origin="CN"),),
        destination="NZ",
    )
    found = landed_cost(shipment, incoterm="DAP", on=on, tariffs=TARIFF)
    return found.duty, found.import_tax


@pytest.mark.parametrize(
    ("value", "duty", "gst"),
    [
        ("200.00", "0.00", "0.00"),
        ("226.09", "0.00", "0.00"),
        ("227.00", "22.70", "37.46"),
        ("300.00", "30.00", "49.50"),
    ],
)
def test_duty_and_gst_are_waived_together_under_60(value: str, duty: str, gst: str) -> None:
    assert _charges(value, date(2019, 6, 1)) == (Money(duty, "NZD"), Money(gst, "NZD"))


def test_the_rule_ends_on_30_november_2019() -> None:
    """From 1 December 2019 goods of NZD 1,000 or less pay nothing at the border."""
    assert _charges("300.00", date(2019, 12, 1)) == (
        Money("0.00", "NZD"),
        Money("0.00", "NZD"),
    )


def test_the_total_waiver_leaves_out_the_goods_the_relief_excludes() -> None:
    """Wine is left out of New Zealand's reliefs (the excise-goods exclusions): NZD 200
    of wine at the example 10 % pays duty 20.00 and GST 33.00, their total of 53.00
    under NZD 60 notwithstanding, where a T-shirt of the same value pays nothing. The
    excise duty itself is not bundled and is listed as lacking."""
    shipment = Shipment(
        (Item("Wine", Money("200.00", "NZD"), hs_code="2204.21", origin="FR"),),
        destination="NZ",
    )
    found = landed_cost(
        shipment,
        incoterm="DAP",
        on=date(2019, 6, 1),
        tariffs=_tariff("2204.21"),
        without_excise=True,
    )
    assert (found.duty, found.import_tax) == (Money("20.00", "NZD"), Money("33.00", "NZD"))
    assert found.lacks
