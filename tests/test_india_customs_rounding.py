"""Imports into India, item by item: IGST on each imported article's own value (Customs
Tariff Act 1975 s. 3(7), (8A)), the Social Welfare Surcharge on each item's duty
(Finance Act 2018 s. 110(3)), and the amount payable rounded to the nearest rupee
(Customs Act 1962 s. 154A), shown as a part of its own."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import CommerceKitError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.serde import quote_request_from_json, quote_request_to_json
from commercekit.shipping import (
    DutyRate,
    Item,
    Shipment,
    TariffTable,
    TransportMode,
    landed_cost,
)
from commercekit.tax import Buyer, Seller

ON = date(2026, 11, 26)
SOURCE = "https://www.cbic.gov.in/ (the caller's tariff row; example rate)"
CENT = Decimal("0.01")


def _inr(value: str | Decimal) -> Money:
    return Money(value, "INR")


def _tariff(rate: str) -> TariffTable:
    row = DutyRate("IN", "9405", rate, date(2018, 1, 1), None, SOURCE)
    return TariffTable([row], name="the caller's Indian tariff")


def _lamp(name: str, value: str, currency: str = "INR") -> Item:
    return Item(name, Money(value, currency), hs_code="9405.11", origin="CN")


def test_igst_is_rounded_on_each_item_not_on_the_consignment() -> None:
    """HAND-COMPUTED (no published example found): two lamps of INR 100.25, no duty,
    transport and insurance given as 0. Each article's IGST is 18% of 100.25 = 18.045,
    18.05 rounded half up, so 36.10 in all; rounding once over the consignment (200.50
    x 18% = 36.09) and sharing it gave 36.09. The amount payable, 36.10, is rounded to
    36 rupees (s. 154A): rounding -0.10."""
    shipment = Shipment(
        (_lamp("Lamp A", "100.25"), _lamp("Lamp B", "100.25")), destination="IN",
        shipping=_inr("0.00"), insurance=_inr("0.00"),
    )  # fmt: skip
    cost = landed_cost(shipment, incoterm="DAP", on=ON, tariffs=_tariff("0"))
    assert [line.amount for line in cost.taxes] == [_inr("18.05"), _inr("18.05")]
    assert cost.import_tax == _inr("36.10")
    assert cost.rounding == _inr("-0.10")
    assert cost.charges == cost.due_at_delivery == _inr("36.00")
    per_item = [line for line in cost.explanation if line.startswith("IGST on Lamp")]
    assert len(per_item) == 2
    assert "x 18% = 18.05" in per_item[0]


def test_the_surcharge_line_shows_the_duty_as_its_base() -> None:
    """Finance Act 2018 s. 110(3): the surcharge is 10% of the duties, so its base is
    the basic customs duty, not the assessable value. HAND-COMPUTED: lamps of 60,000
    and 40,000, transport 20,000 and insurance 1,125 shared by value: assessable values
    72,675 and 48,450; BCD 20% = 14,535 and 9,690; SWS on those = 1,453.50 and 969."""
    shipment = Shipment(
        (_lamp("Lamp A", "60000.00"), _lamp("Lamp B", "40000.00")), destination="IN",
        shipping=_inr("20000.00"), insurance=_inr("1125.00"),
    )  # fmt: skip
    cost = landed_cost(shipment, incoterm="DDP", on=ON, tariffs=_tariff("20"))
    duty_a, duty_b, sws_a, sws_b = cost.duties
    assert (duty_a.base, duty_b.base) == (_inr("72675.00"), _inr("48450.00"))
    assert (duty_a.amount, duty_b.amount) == (_inr("14535.00"), _inr("9690.00"))
    assert (sws_a.base, sws_b.base) == (duty_a.amount, duty_b.amount)
    assert (sws_a.rate, sws_a.amount, sws_b.amount) == (
        Decimal(10),
        _inr("1453.50"),
        _inr("969.00"),
    )
    assert sws_a.customs_value == duty_a.customs_value  # still the item's share
    assert [line.base for line in cost.taxes] == [
        _inr("72675.00") + _inr("14535.00") + _inr("1453.50"),
        _inr("48450.00") + _inr("9690.00") + _inr("969.00"),
    ]


def test_another_currency_is_not_rounded_to_the_rupee_and_says_so() -> None:
    usd = Money("100.00", "USD"), Money("0.00", "USD")
    shipment = Shipment(
        (_lamp("Lamp", "1000.00", "USD"),),
        destination="IN",
        shipping=usd[0],
        insurance=usd[1],
    )
    cost = landed_cost(shipment, incoterm="DDP", on=ON, tariffs=_tariff("20"))
    assert cost.rounding is None
    assert cost.charges == cost.duty + cost.import_tax
    assert any("in USD it is not rounded here" in line for line in cost.explanation)


def test_rounding_elsewhere_is_none() -> None:
    shirt = Item("T-shirt", Money("200.00", "EUR"), hs_code="6109.10", origin="US")
    cost = landed_cost(Shipment((shirt,), destination="DE"), incoterm="DDP", on=ON)
    assert cost.rounding is None


@pytest.mark.parametrize("bad", ["-0.50", "0.51", "3.00"])
def test_a_rounding_beyond_half_a_unit_is_refused(bad: str) -> None:
    shipment = Shipment((_lamp("Lamp", "100.00"),), destination="IN",
                        shipping=_inr("0.00"), insurance=_inr("0.00"))  # fmt: skip
    cost = landed_cost(shipment, incoterm="DDP", on=ON, tariffs=_tariff("0"))
    with pytest.raises(CommerceKitError, match="rounding"):
        attrs.evolve(cost, rounding=_inr(bad))
    with pytest.raises(CommerceKitError, match="rounding"):
        attrs.evolve(cost, rounding=0.5)


VALUES = st.lists(
    st.decimals(min_value=Decimal("0.01"), max_value=10**6, places=2),
    min_size=1,
    max_size=6,
)


@given(
    values=VALUES,
    bcd=st.decimals(min_value=0, max_value=100, places=1),
    freight_percent=st.integers(min_value=0, max_value=20),
)
def test_each_item_is_assessed_on_its_own_and_the_parts_add_up(
    values: list[Decimal], bcd: Decimal, freight_percent: int
) -> None:
    """Each item's IGST is 18% of its own base, rounded half up to the paisa (never off
    by more than half a paisa); each surcharge line's base is its item's duty; duty,
    import tax and rounding add up to the charges, a whole number of rupees, the
    rounding within half a rupee."""
    items = tuple(_lamp(f"Lamp {i}", str(value)) for i, value in enumerate(values))
    goods = sum(values, Decimal(0))
    freight = (goods * freight_percent / 100).quantize(CENT, ROUND_HALF_UP)
    shipment = Shipment(items, destination="IN", shipping=_inr(freight))
    cost = landed_cost(shipment, incoterm="DDP", on=ON, tariffs=_tariff(str(bcd)))
    count = len(items)
    duties, surcharges = cost.duties[:count], cost.duties[count:]
    for duty, surcharge, tax in zip(duties, surcharges, cost.taxes, strict=True):
        assert surcharge.base == duty.amount
        assert tax.base == duty.customs_value + duty.amount + surcharge.amount
        exact = tax.base.amount * Decimal("0.18")
        assert tax.amount.amount == exact.quantize(CENT, ROUND_HALF_UP)
        assert abs(tax.amount.amount - exact) <= Decimal("0.005")
    assert cost.import_tax == sum((line.amount for line in cost.taxes), _inr("0.00"))
    assert cost.rounding is not None
    assert Decimal("-0.5") < cost.rounding.amount <= Decimal("0.5")
    assert cost.charges == cost.duty + cost.import_tax + cost.rounding
    assert cost.charges.amount == cost.charges.amount.to_integral_value()
    assert sum(cost.item_duties, _inr("0.00")) == cost.duty


def test_the_quote_passes_the_transport_mode_to_the_border() -> None:
    """CheckoutContext.transport_mode reaches landed cost, and the JSON request
    carries it both ways."""
    context = CheckoutContext(
        Seller("US"), Buyer("IN", subdivision="IN-MH"),
        at=datetime(2026, 6, 1, 12, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        prices_include_tax=False, tariffs=_tariff("20"), transport_mode="air",
        products={"LAMP": Product("LAMP", "standard", hs_code="9405.11", origin="CN")},
    )  # fmt: skip
    assert context.transport_mode is TransportMode.AIR
    cart = Cart([CartLine("LAMP", _inr("5000.00"), 1)])
    landed = quote(cart, context).landed
    assert landed is not None
    assert landed.shipment.transport_mode is TransportMode.AIR
    data = quote_request_to_json(cart, context)
    assert data["transport_mode"] == "air"
    assert quote_request_from_json(data)[1].transport_mode is TransportMode.AIR
    with pytest.raises(CommerceKitError, match="transport_mode"):
        attrs.evolve(context, transport_mode="rail")
