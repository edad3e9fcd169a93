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

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.shipping import (
    DutyRate,
    Item,
    Shipment,
    TariffTable,
    de_minimis,
    landed_cost,
)
from commercekit.tax import Buyer, Regime, Sale, SaleLine, Seller, decide

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
    """ "NOK 350 or more" pays: the limit itself is not under it."""
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


# Australia: each item within AUD 1,000 is low-value goods at sale, but ATO, "GST on
# low value imported goods" (official): "For consignments of goods imported over
# A$1,000 any GST, customs duty and clearance charges are charged to the importer at the
# border" (its "Exception for multiple goods totalling over A$1,000"; LCR 2018/1,
# "goods are shipped together"). The sale's test and the border's are then one: the
# consignment's customs value (the goods, FOB, without GST). Two AUD 600.00 T-shirts
# were taxed at sale (GST 120.00) and passed the border untaxed, though the border
# charges a AUD 1,200.00 consignment: duty 10.7% (a shop's own example rate) = 128.40,
# GST 10% of 1,328.40 = 132.84, 261.24 in all. Two at AUD 500.00 (1,000.00, not over):
# GST 100.00 at sale.

AT = datetime(2025, 5, 16, 12, tzinfo=UTC)
TARIFF = TariffTable(
    [DutyRate("AU", "6109.10", "10.7", date(2020, 1, 1), None, "https://example.test/t")],
    name="a shop's own tariff (example rate)",
)
SHIRTS = {sku: Product(sku, "standard", hs_code="6109.10", origin="CN") for sku in "AB"}


def _australian_quote(*prices: str) -> Quote:
    cart = Cart(
        [
            CartLine(sku, Money(price, "AUD"), 1)
            for sku, price in zip("AB", prices, strict=True)
        ]
    )
    context = CheckoutContext(
        Seller("US", {"AU"}), Buyer("AU"), at=AT, prices_include_tax=False,
        products=SHIRTS, tariffs=TARIFF,
    )  # fmt: skip
    return quote(cart, context)


def test_australia_taxes_a_consignment_over_1000_at_the_border_every_item_within() -> None:
    result = _australian_quote("600.00", "600.00")
    assert result.decision.regime is Regime.IMPORT
    assert result.tax == Money("0.00", "AUD")
    assert result.collected_border_charges == Money("261.24", "AUD")
    assert any("1200.00 AUD" in rule.text for rule in result.decision.rules)


def test_australia_taxes_a_consignment_of_1000_at_sale() -> None:
    result = _australian_quote("500.00", "500.00")
    assert result.decision.regime is Regime.LOW_VALUE_AT_SALE
    assert result.tax == Money("100.00", "AUD")
    assert result.collected_border_charges == Money("0.00", "AUD")


def test_australia_decides_on_the_consignment_without_gst() -> None:
    """Prices with GST: 660.00 and 440.00 hold 600.00 and 400.00, 1,000.00: at sale;
    660.00 and 440.11 hold 1,000.10: at the border."""

    def sale(*prices: str) -> Sale:
        lines = tuple(SaleLine(Money(p, "AUD"), hs_code="6109.10") for p in prices)
        total = sum((line.value for line in lines), Money("0.00", "AUD"))
        return Sale(Seller("US", {"AU"}), Buyer("AU"), "goods", total, lines=lines,
                    prices_include_tax=True)  # fmt: skip

    assert decide(sale("660.00", "440.00"), on=AT.date()).regime is Regime.LOW_VALUE_AT_SALE
    assert decide(sale("660.00", "440.11"), on=AT.date()).regime is Regime.IMPORT
