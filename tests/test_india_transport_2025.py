"""Passenger transport in India from 2025-09-22, after the 56th GST Council meeting
(3 September 2025) and Notification 15/2025-Central Tax (Rate).

Bundled (tax/_data/in_by_fact.csv), as REPORTED, the entries of 15/2025 not read: rail
in first class or an air-conditioned coach stays at 5 % (2.5 % CGST) and rail in other
classes stays exempt (The Economic Times, 5 September 2025, quoting Nexdigm: "AC
Classes (3AC, 2AC, 1AC, AC Chair Car and Executive Chair Car) ... the same 5 % rate
will continue post September 22, 2025"; non-AC classes "will remain Nil-rated"). Air
in economy class 5 % and other classes 18 % were already bundled.

Refused by name: a radio taxi or an air-conditioned contract or stage carriage from
2025-09-22 (S. No. 8 item (ii), not read as amended), buses without air conditioning
(exemptions with exceptions no fact states), metro, monorail and tramway
(12/2017-Central Tax (Rate) S. No. 17 (b) as amended by 16/2025-Central Tax (Rate) not
read). A motorcab, maxicab or motor cycle from 2025-09-22 is rated by the supplier's
option (tests/test_india_motor_vehicle_transport.py). The figures are the rates times
the value.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.cli import main
from commercekit.errors import NoRuleError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    RateFacts,
    Seller,
    ServiceFacts,
    fact_rates,
    validate_tax_id,
)

LAST = date(2025, 9, 21)
FROM = date(2025, 9, 22)  # 15/2025-Central Tax (Rate); the 56th GST Council meeting


def _rates(conveyance: str, day: date, place: str) -> list[tuple[str, Decimal]]:
    found = fact_rates(
        place, "passenger_transport", RateFacts(conveyance=conveyance), on=day
    )
    return [(r.tax, r.rate) for r in found]


@pytest.mark.parametrize("day", [LAST, FROM])
def test_rail_in_an_ac_coach_is_5_percent_on_both_sides(day: date) -> None:
    assert _rates("rail_first_or_ac", day, "IN") == [("IGST", Decimal(5))]
    assert _rates("rail_first_or_ac", day, "IN-KA") == [
        ("CGST", Decimal("2.5")), ("SGST", Decimal("2.5"))]  # fmt: skip
    assert _rates("rail_first_or_ac", day, "IN-CH") == [
        ("CGST", Decimal("2.5")), ("UTGST", Decimal("2.5"))]  # fmt: skip


@pytest.mark.parametrize("day", [LAST, FROM])
def test_rail_in_other_classes_stays_exempt(day: date) -> None:
    assert _rates("rail_other_class", day, "IN") == [("IGST", Decimal(0))]


def test_the_rows_from_2025_say_they_were_reported() -> None:
    [igst] = fact_rates("IN", "passenger_transport",
                        RateFacts(conveyance="rail_first_or_ac"), on=FROM)  # fmt: skip
    assert "as reported" in igst.note
    assert "15/2025" in igst.note


@pytest.mark.parametrize(
    "conveyance", ["non_ac_contract_carriage", "non_ac_stage_carriage"]
)
@pytest.mark.parametrize("day", [LAST, FROM])
def test_a_bus_without_air_conditioning_is_refused_naming_its_exemption(
    conveyance: str, day: date
) -> None:
    """Its exemption (12/2017 S. No. 15 (b), (c)) has exceptions no fact states; the
    motor vehicles with an option are in tests/test_india_motor_vehicle_transport.py."""
    with pytest.raises(NoRuleError, match=f"conveyance={conveyance}") as refused:
        _rates(conveyance, day, "IN")
    assert "S. No. 15" in str(refused.value)


def test_a_radio_taxi_on_the_last_day_before_is_still_5_percent() -> None:
    assert _rates("radio_taxi", LAST, "IN") == [("IGST", Decimal(5))]


def test_metro_from_2025_09_22_is_refused_by_name() -> None:
    with pytest.raises(NoRuleError, match="conveyance=metro") as refused:
        _rates("metro", FROM, "IN")
    assert "16/2025" in str(refused.value)


TICKET = Product("TICKET", "passenger_transport",
                 rate_facts=RateFacts(conveyance="rail_first_or_ac"))  # fmt: skip
CART = Cart([CartLine("TICKET", Money("1000.00", "INR"), 1)])


def _quote(day: date, buyer: Buyer, service: ServiceFacts) -> Quote:
    context = CheckoutContext(
        Seller("IN", {"IN-KA"}), buyer,
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"TICKET": TICKET}, service_facts=service,
    )  # fmt: skip
    return quote(CART, context)


@pytest.mark.parametrize("day", [LAST, FROM])
def test_an_ac_rail_ticket_within_karnataka_and_to_a_registered_buyer(day: date) -> None:
    """Rs 1,000 in an AC coach from Bengaluru for a rider from Maharashtra: placed
    where the passenger embarks (s. 12(9)(b)), CGST 25.00 + SGST 25.00; for a buyer
    registered in Maharashtra at its location (s. 12(9)(a)), IGST 50.00."""
    rider = _quote(day, Buyer("IN", subdivision="IN-MH"),
                   ServiceFacts("passenger_transport", location="IN-KA"))  # fmt: skip
    assert [(t.tax, str(t.amount)) for t in rider.tax_summary] == [
        ("CGST", "25.00 INR"), ("SGST", "25.00 INR")]  # fmt: skip
    business = Buyer("IN", tax_id=validate_tax_id("27AAPFU0939F1ZV", "IN"))
    billed = _quote(day, business, ServiceFacts("general"))
    assert [(t.tax, str(t.amount)) for t in billed.tax_summary] == [("IGST", "50.00 INR")]


def _request(at: str) -> dict[str, Any]:
    return {
        "cart": {"lines": [{"sku": "TICKET", "quantity": 2,
                            "unit_price": {"amount": "1000.00", "currency": "INR"}}]},
        "seller": {"country": "IN", "registrations": ["IN-KA"]},
        "buyer": {"country": "IN", "subdivision": "IN-MH"},
        "at": at,
        "prices_include_tax": False,
        "products": {"TICKET": {"tax_category": "passenger_transport",
                                "rate_facts": {"conveyance": "rail_first_or_ac"}}},
        "service_facts": {"kind": "passenger_transport", "location": "IN-KA"},
    }  # fmt: skip


def test_the_command_line_quotes_an_ac_rail_ticket_from_2025_09_22(tmp_path: Path) -> None:
    """Two tickets of Rs 1,000 on 2025-09-22 (IST): CGST 50.00 + SGST 50.00."""
    path = tmp_path / "ticket.json"
    path.write_text(json.dumps(_request("2025-09-22T09:00:00+05:30")), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path), "--format", "json"], out=out) == 0
    said = json.loads(out.getvalue())
    assert said["tax"] == {"amount": "100.00", "currency": "INR"}
    taxes = {(t["tax"], t["amount"]["amount"]) for t in said["tax_summary"]}
    assert taxes == {("CGST", "50.00"), ("SGST", "50.00")}
