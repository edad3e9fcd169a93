"""Border reliefs compared with the value their laws name (CIF where they say so).

Singapore, S$400 GST import relief. Singapore Customs, "Importing by post or courier
service" (official, read 2026-12-01): "GST relief is granted on goods imported by post
or air ... with a total Cost, Insurance and Freight (CIF) value not exceeding S$400";
for goods by post, when the value excludes insurance and freight, "the postage charge
paid shall be taken as the insurance and freight charges to be included in the CIF
value". IRAS, "Consumers importing goods into Singapore" (official): "GST need not be
paid for goods ... with CIF value of not more than $400. Where the CIF value is more
than $400, the entire sum will be subject to GST." So SGD 380.00 of goods with SGD
20.00 of postage is 400.00 CIF and relieved; with SGD 20.01 it is 400.01 and pays 9%
GST on it all: 36.0009, SGD 36.00.

Norway, NOK 350 (until 2023-12-31). Norwegian Customs, "The NOK 350 limit" (official,
toll.no, read 2026-12-01): a shipment "with a value of less than NOK 350 including
freight and insurance costs" is free of duties and taxes; "If the value ... including
freight and insurance costs is NOK 350 or more, you have to pay taxes". So NOK 300.00
of goods with NOK 49.99 of shipping (349.99) is relieved; with NOK 50.00 it is 350.00,
not under the limit, and pays 25% VAT on it: NOK 87.50.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from commercekit.money import Money
from commercekit.shipping import DutyRate, Item, Shipment, de_minimis, landed_cost

SINGAPORE_DAY = date(2025, 5, 16)  # GST 9%
NORWAY_DAY = date(2023, 6, 1)  # the transitional NOK 350 exemption, VAT 25%


class Free:
    """A made-up 0 % duty on every heading (the relief, not the rate, is tested)."""

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        del origin, on
        return DutyRate(destination, hs_code, Decimal(0), date(2000, 1, 1), None, "x")


def _landed(
    destination: str, currency: str, goods: str, shipping: str, on: date, **how: str
) -> tuple[Money, Money, tuple[str, ...]]:
    shipment = Shipment(
        (Item("T-shirt", Money(goods, currency), hs_code="6109.10", origin="CN"),),
        destination=destination,
        shipping=Money(shipping, currency),
        **how,  # type: ignore[arg-type]
    )
    cost = landed_cost(shipment, incoterm="DAP", on=on, tariffs=Free())
    return cost.customs_value, cost.import_tax, cost.explanation


SINGAPORE_WAYS = [{"channel": "post"}, {"channel": "courier", "transport_mode": "air"}]


@pytest.mark.parametrize("how", SINGAPORE_WAYS)
def test_singapore_relieves_a_cif_value_of_400(how: dict[str, str]) -> None:
    value, tax, why = _landed("SG", "SGD", "380.00", "20.00", SINGAPORE_DAY, **how)
    assert (value, tax) == (Money("400.00", "SGD"), Money("0.00", "SGD"))
    assert any("customs value of 400.00 SGD within 400 SGD" in line for line in why)


@pytest.mark.parametrize("how", SINGAPORE_WAYS)
def test_singapore_taxes_goods_of_380_whose_postage_takes_the_cif_value_over_400(
    how: dict[str, str],
) -> None:
    value, tax, _ = _landed("SG", "SGD", "380.00", "20.01", SINGAPORE_DAY, **how)
    assert (value, tax) == (Money("400.01", "SGD"), Money("36.00", "SGD"))


def test_norway_relieves_a_value_with_shipping_under_350() -> None:
    value, tax, why = _landed("NO", "NOK", "300.00", "49.99", NORWAY_DAY)
    assert (value, tax) == (Money("349.99", "NOK"), Money("0.00", "NOK"))
    assert any("customs value of 349.99 NOK under 350 NOK" in line for line in why)


def test_norway_taxes_goods_of_300_whose_shipping_takes_the_value_to_350() -> None:
    value, tax, _ = _landed("NO", "NOK", "300.00", "50.00", NORWAY_DAY)
    assert (value, tax) == (Money("350.00", "NOK"), Money("87.50", "NOK"))


def test_norway_taxes_350_of_goods_alone() -> None:
    """"NOK 350 or more" pays: the limit itself is not under it."""
    value, tax, _ = _landed("NO", "NOK", "350.00", "0.00", NORWAY_DAY)
    assert (value, tax) == (Money("350.00", "NOK"), Money("87.50", "NOK"))


@pytest.mark.parametrize(
    ("area", "on", "measure", "how"),
    [
        ("SG", SINGAPORE_DAY, "customs_value", {"channel": "post"}),
        ("NO", NORWAY_DAY, "customs_value_under", {}),
        ("NO", date(2019, 6, 1), "customs_value_under", {}),
    ],
)
def test_the_rows_name_the_value_of_their_law(
    area: str, on: date, measure: str, how: dict[str, str]
) -> None:
    row = de_minimis(area, "tax", origin="CN", on=on, **how)  # type: ignore[arg-type]
    assert row is not None
    assert str(row.measure) == measure
