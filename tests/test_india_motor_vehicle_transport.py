"""Transport of passengers by a motor vehicle with the fuel in the fare from
2025-09-22: 5 % or 18 % at the supplier's option, which the caller states.

11/2017-Central Tax (Rate) S. No. 8 item (vi), "Transport of passengers by any motor
vehicle designed to carry passengers where the cost of fuel is included in the
consideration charged from the service recipient": 2.5 % CGST "Provided that credit
of input tax charged on goods and services used in supplying the service, other than
the input tax credit of input service in the same line of business ... has not been
taken", or 6 % (the entry as amended, reproduced by lawcrux.com and a public table of
the notification). From 2025-09-22 the higher option is 18 % and the lower stays 5 %
(the 56th GST Council meeting as tabled by gstvidhi.com and caclubindia.com from
Annexure IV of the PIB release; 15/2025-Central Tax (Rate)'s words for S. No. 8 not
read): ``RateFacts.full_input_tax_credit`` says which the supplier pays.

Before 2025-09-22 the higher option was 12 % (the days from 2017-07-01 are in
tests/test_india_motor_vehicle_transport_2017.py). A radio taxi or an air-conditioned
contract or stage carriage (item (ii), 5 % without input tax credit) is not item (vi):
from 2025-09-22 it stays refused, its entry not read and the reports disagreeing.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.cli import main
from commercekit.errors import InvalidInputError, MissingDataError, NoRuleError
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
FROM = date(2025, 9, 22)
MOTOR_VEHICLES = ["motorcab", "maxicab", "motor_cycle"]


def _rates(
    conveyance: str, place: str, *, full: bool | None, day: date = FROM
) -> list[tuple[str, Decimal]]:
    facts = RateFacts(conveyance=conveyance, full_input_tax_credit=full)
    found = fact_rates(place, "passenger_transport", facts, on=day)
    return [(r.tax, r.rate) for r in found]


@pytest.mark.parametrize("conveyance", MOTOR_VEHICLES)
def test_5_percent_without_full_credit_18_percent_with_it(conveyance: str) -> None:
    assert _rates(conveyance, "IN", full=False) == [("IGST", Decimal(5))]
    assert _rates(conveyance, "IN", full=True) == [("IGST", Decimal(18))]
    assert _rates(conveyance, "IN-KA", full=False) == [
        ("CGST", Decimal("2.5")), ("SGST", Decimal("2.5"))]  # fmt: skip
    assert _rates(conveyance, "IN-DL", full=True) == [
        ("CGST", Decimal(9)), ("SGST", Decimal(9))]  # fmt: skip


@pytest.mark.parametrize("conveyance", MOTOR_VEHICLES)
def test_the_option_not_stated_is_refused_by_name(conveyance: str) -> None:
    with pytest.raises(MissingDataError) as refused:
        _rates(conveyance, "IN", full=None)
    assert refused.value.field == "facts.full_input_tax_credit"
    assert "same line of business" in str(refused.value)


@pytest.mark.parametrize("conveyance", MOTOR_VEHICLES)
def test_the_day_before_the_higher_option_is_12_percent(conveyance: str) -> None:
    """Earlier days: tests/test_india_motor_vehicle_transport_2017.py."""
    assert _rates(conveyance, "IN", full=False, day=LAST) == [("IGST", Decimal(5))]
    assert _rates(conveyance, "IN", full=True, day=LAST) == [("IGST", Decimal(12))]


def test_the_rows_say_what_was_read() -> None:
    [igst] = fact_rates(
        "IN", "passenger_transport",
        RateFacts(conveyance="motorcab", full_input_tax_credit=True), on=FROM,
    )  # fmt: skip
    assert "item (vi)" in igst.note
    assert "not read" in igst.note


@pytest.mark.parametrize("conveyance", ["radio_taxi", "ac_contract_carriage"])
def test_item_ii_from_2025_09_22_is_refused_as_its_own_entry(conveyance: str) -> None:
    """Not the motor-vehicle option: its own entry, not read, the reports disagree."""
    with pytest.raises(NoRuleError) as refused:
        _rates(conveyance, "IN", full=False)
    said = str(refused.value)
    assert "item (ii)" in said
    assert "disagree" in said


def test_the_option_is_a_flag() -> None:
    with pytest.raises(InvalidInputError):
        RateFacts(full_input_tax_credit="yes")


@pytest.mark.parametrize(("full", "half", "whole"), [(True, "90.00", "180.00"),
                                                    (False, "25.00", "50.00")])  # fmt: skip
def test_a_quote_for_a_rider_and_for_a_registered_business(
    full: bool, half: str, whole: str
) -> None:
    """A Rs 1,000 cab ride from Bengaluru on 2025-09-22: for a rider, placed where
    the passenger embarks (IGST Act s. 12(9)(b)), CGST + SGST; billed to a business
    registered in Maharashtra, at its location (s. 12(9)(a)), IGST."""
    day = FROM
    facts = RateFacts(conveyance="motorcab", full_input_tax_credit=full)
    cab = Product("CAB", "passenger_transport", rate_facts=facts)

    def taxes(buyer: Buyer, service: ServiceFacts) -> list[tuple[str, str]]:
        context = CheckoutContext(
            Seller("IN", {"IN-KA"}), buyer,
            at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
            prices_include_tax=False, products={"CAB": cab}, service_facts=service,
        )  # fmt: skip
        done = quote(Cart([CartLine("CAB", Money("1000.00", "INR"), 1)]), context)
        return [(t.tax, str(t.amount.amount)) for t in done.tax_summary]

    rider = taxes(Buyer("IN", subdivision="IN-MH"),
                  ServiceFacts("passenger_transport", location="IN-KA"))  # fmt: skip
    assert rider == [("CGST", half), ("SGST", half)]
    business = Buyer("IN", tax_id=validate_tax_id("27AAPFU0939F1ZV", "IN"))
    assert taxes(business, ServiceFacts("general")) == [("IGST", whole)]


def _request(facts: dict[str, Any]) -> dict[str, Any]:
    return {
        "cart": {"lines": [{"sku": "CAB", "quantity": 2,
                            "unit_price": {"amount": "450.00", "currency": "INR"}}]},
        "seller": {"country": "IN", "registrations": ["IN-KA"]},
        "buyer": {"country": "IN", "subdivision": "IN-KA"},
        "at": "2025-09-22T09:00:00+05:30",
        "prices_include_tax": False,
        "products": {"CAB": {"tax_category": "passenger_transport", "rate_facts": facts}},
        "service_facts": {"kind": "passenger_transport", "location": "IN-KA"},
    }  # fmt: skip


def test_the_command_line_quotes_two_cab_rides_at_the_lower_option(tmp_path: Path) -> None:
    """Two rides of Rs 450 on 2025-09-22 (IST) at 5 %: CGST 22.50 + SGST 22.50."""
    path = tmp_path / "cab.json"
    facts = {"conveyance": "motorcab", "full_input_tax_credit": False}
    path.write_text(json.dumps(_request(facts)), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path), "--format", "json"], out=out) == 0
    said = json.loads(out.getvalue())
    assert said["tax"] == {"amount": "45.00", "currency": "INR"}
    taxes = {(t["tax"], t["amount"]["amount"]) for t in said["tax_summary"]}
    assert taxes == {("CGST", "22.50"), ("SGST", "22.50")}


def test_the_command_line_names_the_option_when_it_is_not_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cab.json"
    path.write_text(json.dumps(_request({"conveyance": "maxicab"})), "utf-8")
    assert main(["quote", str(path), "--format", "json"], out=io.StringIO()) == 2
    assert "full_input_tax_credit" in capsys.readouterr().err
