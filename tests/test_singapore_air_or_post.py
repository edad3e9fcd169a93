"""Singapore's GST on low-value goods covers goods imported by air or post (issue 18).

Sources (read for these tests):
* IRAS, "GST on imported low-value goods"
  (https://www.iras.gov.sg/taxes/goods-services-tax-(gst)/consumers/gst-on-imported-low-value-goods):
  GST at the point of purchase if the goods have a sales value of S$400 or below, "Are
  imported into Singapore via air or post" and are bought from GST-registered
  suppliers; its table: mode of import "Sea/Land", "Any value", "Any supplier": no GST
  at purchase, GST payable at the point of importation.
* Singapore Customs, "GST on Low-Value Goods": "Low-value goods are goods with a sales
  value of S$400 or less that are imported into Singapore by air or post."

A Dutch shop registered for Singapore GST sells a SGD 50.00 T-shirt to a consumer on
2025-05-16 (GST 9%). By air or by post: GST 4.50 at sale. By sea by courier: nothing at
sale, GST 4.50 at import (the border's S$400 relief is also for air or post only). Not
said: refused by name, never assumed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import InvalidInputError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.shipping import DutyRate, Item, Shipment, TariffTable, landed_cost
from commercekit.tax import Buyer, Regime, Sale, Seller, ServiceFacts, decide

DAY = date(2025, 5, 16)
SHIRT = Money("50.00", "SGD")
TARIFF = TariffTable(
    [DutyRate("SG", "6109.10", "0", date(2020, 1, 1), None, "https://example.test/t")],
    name="a shop's own tariff (example rate)",
)


def _sale(**how: str) -> Sale:
    return Sale(Seller("NL", {"SG"}), Buyer("SG"), "goods", SHIRT, hs_code="6109.10", **how)


@pytest.mark.parametrize(
    "how",
    [
        {"transport_mode": "air"},
        {"channel": "post"},
        {"transport_mode": "sea", "channel": "post"},
    ],
)
def test_by_air_or_post_the_registered_seller_charges_gst_at_sale(
    how: dict[str, str],
) -> None:
    decision = decide(_sale(**how), on=DAY)
    assert decision.regime is Regime.LOW_VALUE_AT_SALE


@pytest.mark.parametrize("mode", ["sea", "land"])
def test_by_sea_or_land_by_courier_gst_is_due_at_import(mode: str) -> None:
    decision = decide(_sale(transport_mode=mode, channel="courier"), on=DAY)
    assert decision.regime is Regime.IMPORT
    assert f"imported by {mode}" in decision.rules[-2].text + decision.rules[-1].text


@pytest.mark.parametrize(
    ("how", "field"),
    [({}, "sale.transport_mode"), ({"channel": "courier"}, "sale.transport_mode"),
     ({"transport_mode": "sea"}, "sale.channel")],
)  # fmt: skip
def test_how_the_goods_travel_is_asked_for_never_assumed(
    how: dict[str, str], field: str
) -> None:
    with pytest.raises(MissingDataError, match="air or post") as raised:
        decide(_sale(**how), on=DAY)
    assert raised.value.field == field


def _quote(**how: str | None):  # type: ignore[no-untyped-def]
    context = CheckoutContext(
        Seller("NL", {"SG"}),
        Buyer("SG"),
        at=datetime(2025, 5, 16, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={"T": Product("T", "standard", hs_code="6109.10", origin="NL")},
        tariffs=TARIFF,
        **how,
    )
    return quote(Cart([CartLine("T", SHIRT, 1)]), context)


def test_a_quote_by_sea_charges_gst_at_import_not_at_sale() -> None:
    """Was: GST 4.50 at sale by sea. Now 0.00 at sale and 4.50 at the border."""
    by_sea = _quote(transport_mode="sea", channel="courier")
    assert by_sea.tax == Money("0.00", "SGD")
    assert by_sea.collected_border_charges == Money("4.50", "SGD")
    by_air = _quote(transport_mode="air")
    assert by_air.tax == Money("4.50", "SGD")
    assert by_air.collected_border_charges == Money("0.00", "SGD")
    assert by_sea.grand_total == by_air.grand_total == Money("54.50", "SGD")


def test_a_quote_without_the_mode_names_the_context_field() -> None:
    with pytest.raises(MissingDataError) as raised:
        _quote()
    assert raised.value.field == "transport_mode"


def _border(mode: str | None, channel: str = "courier") -> Money:
    shipment = Shipment(
        (Item("T", SHIRT, hs_code="6109.10", origin="NL"),),
        destination="SG",
        channel=channel,
        transport_mode=mode,
    )
    return landed_cost(shipment, incoterm="DAP", on=DAY, tariffs=TARIFF).charges


def test_the_border_relief_of_400_is_for_air_or_post_only() -> None:
    assert _border("air") == Money("0.00", "SGD")
    assert _border("sea", "post") == Money("0.00", "SGD")
    assert _border("sea") == Money("4.50", "SGD")
    assert _border("land") == Money("4.50", "SGD")
    with pytest.raises(MissingDataError) as raised:
        _border(None)
    assert raised.value.field == "shipment.transport_mode"


@pytest.mark.parametrize("how", [{"transport_mode": "air"}, {"channel": "post"}])
def test_a_sale_of_services_does_not_travel(how: dict[str, str]) -> None:
    """A service crosses no border: saying how it travels is refused when built."""
    with pytest.raises(InvalidInputError, match="services") as raised:
        Sale(Seller("NL", {"SG"}), Buyer("SG"), "services", SHIRT, **how)
    assert raised.value.field == next(iter(how))
    with pytest.raises(InvalidInputError, match="sale of services"):
        CheckoutContext(
            Seller("NL", {"SG"}), Buyer("SG"), at=datetime(2025, 5, 16, 12, tzinfo=UTC),
            prices_include_tax=False, service_facts=ServiceFacts("general"), **how,
        )  # fmt: skip
