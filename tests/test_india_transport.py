"""Passenger transport in India by rail and road, rated by the conveyance stated
(``RateFacts.conveyance``), and a cab ride through an e-commerce operator quoted with
the operator paying the tax (CGST Act s. 9(5); Notification 17/2017-Central Tax (Rate)
clause (i)), placed where the passenger embarks (IGST Act s. 12(9)(b)).

Rates (tax/_data/in_by_fact.csv): 11/2017-Central Tax (Rate) S. No. 8 item (i), rail
in first class or an air-conditioned coach, and item (ii), an air-conditioned contract
carriage other than a motorcab, an air-conditioned stage carriage, a radio taxi: 5 %
(2.5 % CGST) from 2017-07-01; 12/2017-Central Tax (Rate) S. No. 17 (a), (b): rail in
other classes and metro, monorail or tramway exempt. Neither is bundled from
2025-09-22 (the entries as amended by 15/2025 were not read). The cases are
HAND-BUILT from those entries; the figures are the rates times the value.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.errors import (
    InvalidInputError,
    InvalidJsonError,
    MissingDataError,
    NoRuleError,
)
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.serde import quote_request_from_json, quote_request_to_json
from commercekit.tax import (
    Buyer,
    Collector,
    Conveyance,
    RateFacts,
    Sale,
    SaleLine,
    Seller,
    ServiceFacts,
    decide,
    fact_rates,
    validate_tax_id,
)

FIRST = date(2017, 7, 1)
LAST = date(2025, 9, 21)  # the last day read; 15/2025-CT(Rate) from 2025-09-22


def _whole(conveyance: str, day: date) -> Decimal:
    [igst] = fact_rates("IN", "passenger_transport", RateFacts(conveyance=conveyance),
                        on=day)  # fmt: skip
    return igst.rate


@pytest.mark.parametrize(
    ("conveyance", "rate"),
    [("radio_taxi", "5"), ("ac_contract_carriage", "5"), ("ac_stage_carriage", "5"),
     ("rail_first_or_ac", "5"), ("rail_other_class", "0"), ("metro", "0")],
)  # fmt: skip
@pytest.mark.parametrize("day", [FIRST, LAST])
def test_each_conveyance_on_the_first_and_last_day_read(
    day: date, conveyance: str, rate: str
) -> None:
    assert _whole(conveyance, day) == Decimal(rate)


@pytest.mark.parametrize("day", [FIRST - timedelta(days=1), LAST + timedelta(days=1)])
def test_outside_the_days_read_is_refused(day: date) -> None:
    with pytest.raises(NoRuleError):
        _whole("radio_taxi", day)


BUNDLED = ["rail_first_or_ac", "rail_other_class", "metro", "radio_taxi",
           "ac_contract_carriage", "ac_stage_carriage"]  # fmt: skip


@given(st.dates(min_value=FIRST, max_value=LAST), st.sampled_from(BUNDLED),
       st.sampled_from(["IN-KA", "IN-CH", "IN-DL"]))  # fmt: skip
def test_the_halves_add_up_to_igst(day: date, conveyance: str, place: str) -> None:
    """CGST + SGST (or UTGST) = IGST for every conveyance bundled, on every day read."""
    facts = RateFacts(conveyance=conveyance)
    halves = fact_rates(place, "passenger_transport", facts, on=day)
    assert sum(rate.rate for rate in halves) == _whole(conveyance, day)


def test_halves_within_a_state() -> None:
    facts = RateFacts(conveyance=Conveyance.RADIO_TAXI)
    rates = fact_rates("IN-KA", "passenger_transport", facts, on=LAST)
    assert [(r.tax, r.rate) for r in rates] == [("CGST", Decimal("2.5")),
                                                ("SGST", Decimal("2.5"))]  # fmt: skip
    assert "radio taxi" in rates[0].note


@pytest.mark.parametrize(
    "conveyance", ["non_ac_contract_carriage", "non_ac_stage_carriage"]
)  # motorcab, maxicab, motor cycle: tests/test_india_motor_vehicle_transport_2017.py
def test_conveyances_whose_entries_were_not_read_are_refused_by_name(
    conveyance: str,
) -> None:
    with pytest.raises(NoRuleError, match=f"conveyance={conveyance}"):
        _whole(conveyance, LAST)


def test_without_the_mode_both_facts_are_named() -> None:
    with pytest.raises(MissingDataError) as missing:
        fact_rates("IN", "passenger_transport", RateFacts(), on=LAST)
    assert missing.value.missing == ("RateFacts.air_class", "RateFacts.conveyance")
    assert missing.value.field == "facts.air_class"


def test_air_and_road_facts_together_are_refused() -> None:
    both = RateFacts(air_class="economy", conveyance="radio_taxi")
    with pytest.raises(InvalidInputError, match="more than one") as refused:
        fact_rates("IN", "passenger_transport", both, on=LAST)
    assert refused.value.field == "facts"


@pytest.mark.parametrize("bad", ["bus", 1, True, 0.5])
def test_a_conveyance_is_one_of_the_listed(bad: object) -> None:
    with pytest.raises(InvalidInputError) as refused:
        RateFacts(conveyance=bad)  # type: ignore[arg-type]
    assert refused.value.field == "conveyance"


RIDE = Product("RIDE", "passenger_transport", rate_facts=RateFacts(conveyance="radio_taxi"))
THROUGH_APP = ServiceFacts("passenger_transport", location="IN-KA", operator_service="cab")
CART = Cart([CartLine("RIDE", Money("250.00", "INR"), 2)])


def _context(day: date, buyer: Buyer, facts: ServiceFacts = THROUGH_APP) -> CheckoutContext:
    return CheckoutContext(
        Seller("IN", {"IN-KA"}), buyer,
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"RIDE": RIDE},
        marketplace="RideApp", service_facts=facts,
    )  # fmt: skip


def _ride(day: date = LAST, buyer: Buyer | None = None) -> Quote:
    return quote(CART, _context(day, buyer or Buyer("IN", subdivision="IN-MH")))


def test_a_radio_taxi_through_an_app_worked_example() -> None:
    """Two rides of Rs 250 in Bengaluru through RideApp for a rider whose address is in
    Maharashtra: placed where the passenger embarks, Karnataka (s. 12(9)(b)), so CGST
    2.5 % + SGST 2.5 % of Rs 500 = 12.50 + 12.50, paid by the operator (s. 9(5))."""
    found = _ride()
    assert [(t.tax, t.rate, str(t.amount)) for t in found.tax_summary] == [
        ("CGST", Decimal("2.5"), "12.50 INR"), ("SGST", Decimal("2.5"), "12.50 INR"),
    ]  # fmt: skip
    assert found.tax == Money("25.00", "INR")
    assert found.decision.collected_by is Collector.MARKETPLACE
    said = found.decision.explain()
    assert "12(9)" in said
    assert "9(5)" in said


def test_the_quote_on_either_side_of_the_days_read() -> None:
    assert _ride(FIRST).tax == Money("25.00", "INR")
    with pytest.raises(NoRuleError):
        _ride(LAST + timedelta(days=1))


def test_a_registered_rider_is_placed_at_its_location() -> None:
    """s. 12(9)(a): a registered recipient's location, Maharashtra: IGST 5 %."""
    business = Buyer("IN", tax_id=validate_tax_id("27AAPFU0939F1ZV", "IN"))
    found = quote(
        CART, _context(LAST, business, ServiceFacts("general", operator_service="cab"))
    )
    assert [(t.tax, str(t.amount)) for t in found.tax_summary] == [("IGST", "25.00 INR")]


def test_where_the_passenger_embarks_is_asked_for() -> None:
    facts = ServiceFacts("general", operator_service="cab")
    with pytest.raises(MissingDataError) as missing:
        quote(CART, _context(LAST, Buyer("IN", subdivision="IN-MH"), facts))
    assert missing.value.field == "service_facts.kind"
    with pytest.raises(MissingDataError, match=r"12\(9\)"):
        quote(
            CART,
            _context(
                LAST,
                Buyer("IN", subdivision="IN-MH"),
                ServiceFacts("passenger_transport", operator_service="cab"),
            ),
        )


def test_the_decision_composed_by_hand_equals_the_quote() -> None:
    """decide on the same sale, its line stating the radio taxi, lists the radio
    taxi's rates; the quote's line rates are the same, through fact_rates."""
    ride = SaleLine(Money("500.00", "INR"), 2, category="passenger_transport",
                    rate_facts=RIDE.rate_facts)  # fmt: skip
    sale = Sale(Seller("IN", {"IN-KA"}), Buyer("IN", subdivision="IN-MH"), "services",
                Money("500.00", "INR"), lines=[ride],
                marketplace="RideApp", service=THROUGH_APP)  # fmt: skip
    decision = decide(sale, on=LAST)
    assert decision.collected_by is Collector.MARKETPLACE
    [line] = _ride().lines
    by_hand = fact_rates("IN-KA", "passenger_transport", RIDE.rate_facts, on=LAST)  # type: ignore[arg-type]
    assert line.rates == by_hand
    assert {(r.tax, r.rate) for r in decision.rates} == {(r.tax, r.rate) for r in by_hand}


def test_json_carries_the_conveyance() -> None:
    schema = json.loads(
        files("commercekit.schemas").joinpath("quote-request.schema.json").read_text()
    )
    context = _context(LAST, Buyer("IN", subdivision="IN-MH"))
    data = json.loads(json.dumps(quote_request_to_json(CART, context)))
    assert data["products"]["RIDE"]["rate_facts"] == {"conveyance": "radio_taxi"}
    Draft202012Validator(schema).validate(data)
    assert quote_request_from_json(data) == (CART, context)
    data["products"]["RIDE"]["rate_facts"]["conveyance"] = "bus"
    assert list(Draft202012Validator(schema).iter_errors(data))
    with pytest.raises(InvalidJsonError) as refused:
        quote_request_from_json(data)
    assert refused.value.field == "products['RIDE'].rate_facts.conveyance"
