"""Restaurant service in India from 2017-07-01 to 2017-11-14, before 46/2017-Central Tax
(Rate): Notification 11/2017-Central Tax (Rate) S. No. 7 as first issued rated it 12 %
(6 % CGST) where the restaurant had neither air conditioning (or central air heating)
nor a licence to serve alcoholic liquor, 18 % (9 % CGST) where it had either, in a
hotel whose rooms reach Rs 7,500 a day too: the 28 % the GST Council's fitment of 19 May
2017 gave an air-conditioned restaurant in a five-star hotel was made 18 % with full
input tax credit by its 17th meeting on 18 June 2017, before GST began (the Council's
decisions as reproduced by taxmanagementindia.com and corporatelawreporter.com), and
its 23rd meeting said such restaurants "will continue" at 18 % from 2017-11-15.
Source: tax/_data/in_by_fact.csv. The cases are HAND-BUILT from the entries' words
(no CBIC worked example with figures was found); the figures are the rates times the
value."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from importlib.resources import files

import attrs
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
    RateFacts,
    Sale,
    SaleLine,
    Seller,
    ServiceFacts,
    decide,
    fact_rates,
)

FIRST = date(2017, 7, 1)
LAST = date(2017, 11, 14)
CHANGED = date(2017, 11, 15)  # 46/2017-Central Tax (Rate)
PLAIN = RateFacts(specified_premises=False, air_conditioned=False, liquor_licence=False)


def _rates(facts: RateFacts, day: date, place: str = "IN-KA") -> list[tuple[str, Decimal]]:
    return [(r.tax, r.rate) for r in fact_rates(place, "restaurant", facts, on=day)]


@pytest.mark.parametrize(
    ("air_conditioned", "liquor_licence", "half"),
    [(False, False, "6"), (True, False, "9"), (False, True, "9"), (True, True, "9"),
     (True, None, "9")],
)  # fmt: skip
@pytest.mark.parametrize("day", [FIRST, LAST])
def test_each_fact_on_the_first_and_last_day(
    day: date, air_conditioned: bool, liquor_licence: bool | None, half: str
) -> None:
    """Neither: 12 %; either: 18 % (with air conditioning the licence does not
    matter, so it may be left unsaid)."""
    facts = RateFacts(specified_premises=False, air_conditioned=air_conditioned,
                      liquor_licence=liquor_licence)  # fmt: skip
    assert _rates(facts, day) == [("CGST", Decimal(half)), ("SGST", Decimal(half))]
    [(tax, whole)] = _rates(facts, day, "IN")
    assert (tax, whole) == ("IGST", 2 * Decimal(half))


@given(st.dates(min_value=FIRST, max_value=LAST), st.booleans(), st.booleans())
def test_the_halves_add_up_to_igst(day: date, cooled: bool, licensed: bool) -> None:
    """CGST + SGST (or UTGST) = IGST for every restaurant of those days."""
    facts = RateFacts(specified_premises=False, air_conditioned=cooled,
                      liquor_licence=licensed)  # fmt: skip
    [(_, whole)] = _rates(facts, day, "IN")
    for place in ("IN-KA", "IN-CH"):
        assert sum(rate for _, rate in _rates(facts, day, place)) == whole


def test_both_sides_of_46_2017() -> None:
    """12 % on 2017-11-14, 5 % without input tax credit on 2017-11-15 for the same
    restaurant; 18 % and 5 % for an air-conditioned one."""
    cooled = RateFacts(specified_premises=False, air_conditioned=True)
    assert sum(r for _, r in _rates(PLAIN, LAST)) == 12
    assert sum(r for _, r in _rates(PLAIN, CHANGED)) == 5
    assert sum(r for _, r in _rates(cooled, LAST)) == 18
    assert sum(r for _, r in _rates(cooled, CHANGED)) == 5


def test_before_gst_is_refused() -> None:
    with pytest.raises(NoRuleError, match="2017-07-01"):
        fact_rates("IN", "restaurant", PLAIN, on=FIRST - timedelta(days=1))


@pytest.mark.parametrize(
    ("facts", "field"),
    [(RateFacts(), "air_conditioned"),
     (RateFacts(specified_premises=True), "air_conditioned"),
     (RateFacts(specified_premises=False), "air_conditioned"),
     (RateFacts(specified_premises=False, liquor_licence=True), "air_conditioned"),
     (RateFacts(specified_premises=False, air_conditioned=False), "liquor_licence")],
)  # fmt: skip
def test_a_fact_the_rate_turns_on_is_asked_for(facts: RateFacts, field: str) -> None:
    with pytest.raises(MissingDataError) as missing:
        fact_rates("IN", "restaurant", facts, on=LAST)
    assert missing.value.field == f"facts.{field}"
    assert missing.value.missing == (f"RateFacts.{field}",)


def test_a_restaurant_in_a_hotel_with_rooms_of_rs_7500_on_both_sides_of_46_2017() -> None:
    """Before 2017-11-15 the premises do not matter: air-conditioned, 18 % (the
    Council's 18 June 2017 decision for five-star hotels, not the 28 % of its May
    fitment); neither air conditioning nor a licence, 12 %. From 2017-11-15, 18 %
    at specified premises whatever else (46/2017-Central Tax (Rate))."""
    hotel = RateFacts(specified_premises=True, air_conditioned=True, liquor_licence=True)
    assert _rates(hotel, LAST) == [("CGST", Decimal(9)), ("SGST", Decimal(9))]
    assert _rates(hotel, LAST, "IN") == [("IGST", Decimal(18))]
    assert _rates(hotel, CHANGED) == [("CGST", Decimal(9)), ("SGST", Decimal(9))]
    plain = RateFacts(specified_premises=True, air_conditioned=False, liquor_licence=False)
    assert _rates(plain, LAST) == [("CGST", Decimal(6)), ("SGST", Decimal(6))]
    assert _rates(plain, CHANGED, "IN") == [("IGST", Decimal(18))]


def test_the_five_star_quote_either_side_of_46_2017() -> None:
    """Four meals at Rs 250 in an air-conditioned restaurant of a Karnataka hotel with
    rooms of Rs 7,500: CGST 90.00 + SGST 90.00 on 2017-11-14 and on 2017-11-15."""
    hotel = RateFacts(specified_premises=True, air_conditioned=True)
    assert _quote(LAST, hotel).tax == Money("180.00", "INR")
    assert _quote(CHANGED, hotel).tax == Money("180.00", "INR")


@pytest.mark.parametrize("field", ["air_conditioned", "liquor_licence"])
@pytest.mark.parametrize("bad", ["yes", 1, 0.0, "no"])
def test_the_new_facts_are_flags(field: str, bad: object) -> None:
    with pytest.raises(InvalidInputError) as refused:
        RateFacts(**{field: bad})  # type: ignore[arg-type]
    assert refused.value.field == field


def _quote(day: date, facts: RateFacts = PLAIN) -> Quote:
    meal = Product("THALI", "restaurant", rate_facts=facts)
    context = CheckoutContext(
        Seller("IN", {"IN-KA"}), Buyer("IN", subdivision="IN-MH"),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"THALI": meal},
        service_facts=ServiceFacts("in_person", location="IN-KA"),
    )  # fmt: skip
    return quote(Cart([CartLine("THALI", Money("250.00", "INR"), 4)]), context)


def test_the_quote_either_side_of_46_2017() -> None:
    """Four thalis at Rs 250 in a Karnataka restaurant without air conditioning or a
    licence (s. 12(4): supplied where served, so CGST + SGST for a guest from
    Maharashtra): 6 % of Rs 1,000 = 60.00 each on 2017-11-14; 2.5 % = 25.00 each on
    2017-11-15."""
    before, after = _quote(LAST), _quote(CHANGED)
    assert [(t.tax, t.rate, str(t.amount)) for t in before.tax_summary] == [
        ("CGST", Decimal(6), "60.00 INR"), ("SGST", Decimal(6), "60.00 INR"),
    ]  # fmt: skip
    assert before.tax == Money("120.00", "INR")
    assert after.tax == Money("50.00", "INR")
    cooled = _quote(LAST, RateFacts(specified_premises=False, air_conditioned=True))
    assert cooled.tax == Money("180.00", "INR")  # 9 % + 9 % of 1,000


def test_the_quote_line_names_the_product_field_it_lacks() -> None:
    with pytest.raises(MissingDataError) as missing:
        _quote(LAST, RateFacts(specified_premises=False))
    assert missing.value.field == "products['THALI'].rate_facts.air_conditioned"


def test_the_decision_lists_the_rates_of_each_lines_facts() -> None:
    """Two meals on 2017-11-14, one plain (6 % + 6 %), one air-conditioned (9 % +
    9 %): the decision lists both; without the facts it refuses, naming them."""
    cooled = RateFacts(specified_premises=False, air_conditioned=True)
    lines = [SaleLine(Money("500.00", "INR"), category="restaurant", rate_facts=facts)
             for facts in (PLAIN, cooled)]  # fmt: skip
    sale = Sale(Seller("IN", {"IN-KA"}), Buyer("IN", subdivision="IN-KA"), "services",
                Money("1000.00", "INR"), lines=lines,
                service=ServiceFacts("in_person", location="IN-KA"))  # fmt: skip
    rates = {(r.tax, r.rate) for r in decide(sale, on=LAST).rates}
    assert rates == {("CGST", Decimal(6)), ("SGST", Decimal(6)),
                     ("CGST", Decimal(9)), ("SGST", Decimal(9))}  # fmt: skip
    bare = attrs.evolve(sale, lines=[attrs.evolve(lines[0], rate_facts=None)],
                        price=Money("500.00", "INR"))  # fmt: skip
    with pytest.raises(MissingDataError) as missing:
        decide(bare, on=LAST)
    assert missing.value.field == "sale.lines[0].rate_facts.air_conditioned"


SCHEMA = json.loads(
    files("commercekit.schemas").joinpath("quote-request.schema.json").read_text()
)


def test_json_carries_the_facts_and_names_a_wrong_one() -> None:
    meal = Product("THALI", "restaurant", rate_facts=PLAIN)
    context = CheckoutContext(
        Seller("IN", {"IN-KA"}), Buyer("IN", subdivision="IN-KA"),
        at=datetime(2017, 10, 2, 12, tzinfo=UTC), prices_include_tax=False,
        products={"THALI": meal},
        service_facts=ServiceFacts("in_person", location="IN-KA"),
    )  # fmt: skip
    cart = Cart([CartLine("THALI", Money("250.00", "INR"), 4)])
    data = json.loads(json.dumps(quote_request_to_json(cart, context)))
    assert data["products"]["THALI"]["rate_facts"] == {
        "specified_premises": False, "air_conditioned": False, "liquor_licence": False,
    }  # fmt: skip
    Draft202012Validator(SCHEMA).validate(data)
    assert quote_request_from_json(data) == (cart, context)
    data["products"]["THALI"]["rate_facts"]["liquor_licence"] = "no"
    assert list(Draft202012Validator(SCHEMA).iter_errors(data))
    with pytest.raises(InvalidJsonError) as refused:
        quote_request_from_json(data)
    assert refused.value.field == "products['THALI'].rate_facts.liquor_licence"
