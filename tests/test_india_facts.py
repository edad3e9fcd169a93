"""India's GST rates that turn on a fact the caller states (RateFacts): hotel
accommodation by the value of a unit per day, restaurant service by its premises; each
band edge and each change date from either side (source: tax/_data/in_by_fact.csv)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.errors import (
    InvalidInputError,
    MissingDataError,
)
from commercekit.money import Money, RoundingMode, round_money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    AirClass,
    Buyer,
    RateFacts,
    Seller,
    ServiceFacts,
    TaxCategory,
    TaxLine,
    TaxRate,
    fact_rates,
    rates_for,
    tax_invoice,
)
from commercekit.tax._in_facts import rows_table

BY_VALUE = date(2018, 7, 27)  # 13/2018-CT(Rate): value of supply, not declared tariff
BANDS_2019 = date(2019, 10, 1)  # 20/2019-CT(Rate)
NIL_GONE = date(2022, 7, 18)  # 3/2022 and 4/2022-CT(Rate)
RESTRUCTURED = date(2025, 9, 22)  # 15/2025-CT(Rate)
RESTAURANT_5 = date(2017, 11, 15)  # 46/2017-CT(Rate)
PREMISES_REDEFINED = date(2025, 4, 1)  # 05/2025-CT(Rate)


def room(value: str, day: date, place: str = "IN") -> Decimal:
    """The whole GST on a unit of accommodation at ``value`` a day (IGST's rate)."""
    facts = RateFacts(unit_value_per_day=Money(value, "INR"))
    return sum((r.rate for r in fact_rates(place, "accommodation", facts, on=day)),
               Decimal(0))  # fmt: skip


# Each band's edges from either side, in each period (the edge belongs to the band the
# notification's words put it in: "below" / "and above" until 2019-09-30, "up to" /
# "above" from 2019-10-01).
@pytest.mark.parametrize(
    ("day", "value", "rate"),
    [
        (date(2017, 7, 1), "999.99", "0"), (date(2017, 7, 1), "1000.00", "12"),
        (date(2017, 7, 1), "2499.99", "12"), (date(2017, 7, 1), "2500.00", "18"),
        (date(2017, 7, 1), "7499.99", "18"), (date(2017, 7, 1), "7500.00", "28"),
        (BY_VALUE, "999.99", "0"), (BY_VALUE, "1000.00", "12"),
        (BY_VALUE, "2499.99", "12"), (BY_VALUE, "2500.00", "18"),
        (BY_VALUE, "7499.99", "18"), (BY_VALUE, "7500.00", "28"),
        (BANDS_2019, "1000.00", "0"), (BANDS_2019, "1000.01", "12"),
        (BANDS_2019, "7500.00", "12"), (BANDS_2019, "7500.01", "18"),
        (NIL_GONE, "0.00", "12"), (NIL_GONE, "1000.00", "12"),
        (NIL_GONE, "7500.00", "12"), (NIL_GONE, "7500.01", "18"),
        (RESTRUCTURED, "0.00", "5"), (RESTRUCTURED, "7500.00", "5"),
        (RESTRUCTURED, "7500.01", "18"), (RESTRUCTURED, "50000.00", "18"),
    ],
)  # fmt: skip
def test_each_band_edge_from_either_side(day: date, value: str, rate: str) -> None:
    assert room(value, day) == Decimal(rate)


# Each change date from either side, at a value whose rate changes that day.
@pytest.mark.parametrize(
    ("day", "value", "before", "after"),
    [
        (BANDS_2019, "1000.00", "12", "0"),  # "below" 1000 -> "below or equal to"
        (BANDS_2019, "7500.00", "28", "12"),
        (BANDS_2019, "3000.00", "18", "12"),
        (NIL_GONE, "1000.00", "0", "12"),  # 4/2022: the Nil entry omitted
        (RESTRUCTURED, "7500.00", "12", "5"),  # 15/2025: 5 % without ITC
        (RESTRUCTURED, "7500.01", "18", "18"),
    ],
)  # fmt: skip
def test_each_change_date_from_either_side(
    day: date, value: str, before: str, after: str
) -> None:
    assert room(value, day - timedelta(days=1)) == Decimal(before)
    assert room(value, day) == Decimal(after)


def test_the_value_compared_changes_from_declared_tariff_to_value_of_supply() -> None:
    facts = RateFacts(unit_value_per_day=Money("2000.00", "INR"))
    with pytest.raises(MissingDataError, match="declared tariff"):
        fact_rates("IN", "accommodation", RateFacts(), on=BY_VALUE - timedelta(days=1))
    with pytest.raises(MissingDataError, match="value of supply"):
        fact_rates("IN", "accommodation", RateFacts(), on=BY_VALUE)
    [rate] = fact_rates("IN", "accommodation", facts, on=BY_VALUE)
    assert "13/2018" in rate.note


@pytest.mark.parametrize(
    ("day", "definition"),
    [
        (RESTAURANT_5, "of Rs 7500 and above"),
        (BANDS_2019 - timedelta(days=1), "of Rs 7500 and above"),
        (BANDS_2019, "above Rs 7500"),
        (PREMISES_REDEFINED - timedelta(days=1), "declared tariff of any unit"),
        (PREMISES_REDEFINED, "preceding financial year"),
        (RESTRUCTURED, "preceding financial year"),
    ],
)
def test_restaurant_service_by_its_premises(day: date, definition: str) -> None:
    """5 % without input tax credit, 18 % at specified premises (46/2017, 20/2019,
    05/2025-CT(Rate)); the definition of the premises is the day's."""
    other = fact_rates("IN-MH", "restaurant", RateFacts(specified_premises=False), on=day)
    hotel = fact_rates("IN-MH", "restaurant", RateFacts(specified_premises=True), on=day)
    assert [(r.tax, r.rate) for r in other] == [("CGST", Decimal("2.5")),
                                                ("SGST", Decimal("2.5"))]  # fmt: skip
    assert [r.rate for r in hotel] == [Decimal(9), Decimal(9)]
    assert "input tax credit" in other[0].note
    with pytest.raises(MissingDataError, match=definition) as missing:
        fact_rates("IN", "restaurant", RateFacts(), on=day)
    assert missing.value.field == "facts.specified_premises"


def test_restaurant_service_before_46_2017_turns_on_other_facts() -> None:
    """Before 2017-11-15 the rate turned on air conditioning and a liquor licence,
    which are asked for (tests/test_india_restaurants_2017.py)."""
    facts = RateFacts(specified_premises=False)
    with pytest.raises(MissingDataError, match="air-conditioning") as missing:
        fact_rates("IN", "restaurant", facts, on=RESTAURANT_5 - timedelta(days=1))
    assert missing.value.field == "facts.air_conditioned"


def test_a_missing_value_is_named() -> None:
    with pytest.raises(MissingDataError) as missing:
        fact_rates("IN-KA", "accommodation", RateFacts(specified_premises=True),
                   on=RESTRUCTURED)  # fmt: skip
    assert missing.value.missing == ("RateFacts.unit_value_per_day",)
    assert missing.value.field == "facts.unit_value_per_day"


def test_rates_for_points_at_fact_rates() -> None:
    for category in ("accommodation", "restaurant"):
        with pytest.raises(MissingDataError, match=r"RateFacts.*fact_rates\(place"):
            rates_for("IN-MH", category, on=RESTRUCTURED)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: RateFacts(unit_value_per_day=Money("100.00", "USD")), "INR"),
        (lambda: RateFacts(unit_value_per_day=Money("-1.00", "INR")), "negative"),
        (lambda: RateFacts(specified_premises="yes"), "specified_premises"),
        (lambda: fact_rates("DE", "accommodation", RateFacts(), on=RESTRUCTURED),
         "India"),
        (lambda: fact_rates("IN", "food", RateFacts(), on=RESTRUCTURED), "RateFacts"),
        (lambda: fact_rates("IN", "restaurant", "yes", on=RESTRUCTURED), "RateFacts"),
    ],
)  # fmt: skip
def test_refusals(call: object, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        call()  # type: ignore[operator]


def test_a_three_night_stay_worked_example() -> None:
    """Rs 5,000 a night, three nights, Karnataka, 2026-06-01: 5 % (2.5 % CGST + 2.5 %
    SGST, 15/2025-CT(Rate)) of Rs 15,000 is Rs 375 + Rs 375; the total is the sum."""
    price = Money("5000.00", "INR")
    rates = fact_rates("IN-KA", "accommodation", RateFacts(unit_value_per_day=price),
                       on=date(2026, 6, 1))  # fmt: skip
    invoice = tax_invoice([TaxLine(price, 3, rates)], prices_include_tax=False)
    assert [(row.tax, str(row.amount)) for row in invoice.by_rate] == [
        ("CGST", "375.00 INR"), ("SGST", "375.00 INR"),
    ]  # fmt: skip
    assert invoice.tax == sum((row.amount for row in invoice.by_rate),
                              Money("0.00", "INR"))  # fmt: skip
    assert invoice.gross == invoice.net + invoice.tax == Money("15750.00", "INR")


COVERED = st.dates(min_value=date(2017, 7, 1), max_value=date(2030, 12, 31))
VALUES = st.decimals(min_value=0, max_value=100000, places=2).map(
    lambda amount: Money(amount, "INR")
)


@given(COVERED, VALUES, st.sampled_from(["IN-MH", "IN-CH", "IN-DL"]))
def test_cgst_and_sgst_add_up_to_igst(day: date, value: Money, state: str) -> None:
    """For every value and day, the two halves a State pays (CGST + SGST, or CGST +
    UTGST in Chandigarh) add up to the IGST rate of an inter-State supply, and exactly
    one band holds the value."""
    facts = RateFacts(unit_value_per_day=value)
    [igst] = fact_rates("IN", "accommodation", facts, on=day)
    halves = fact_rates(state, "accommodation", facts, on=day)
    assert len(halves) == 2
    assert halves[0].rate == halves[1].rate
    assert halves[0].rate + halves[1].rate == igst.rate
    assert halves[0].tax == "CGST"  # the entry's note, which each tax's note ends with
    assert all(r.note.endswith(halves[0].note) for r in (*halves, igst))


@given(st.dates(min_value=RESTAURANT_5, max_value=date(2030, 12, 31)), st.booleans())
def test_restaurant_halves_add_up(day: date, premises: bool) -> None:
    """CGST + SGST = IGST for restaurant service, at either premises."""
    facts = RateFacts(specified_premises=premises)
    [igst] = fact_rates("IN", "restaurant", facts, on=day)
    assert sum(r.rate for r in fact_rates("IN-KA", "restaurant", facts, on=day)) == (
        igst.rate
    )


def test_every_row_is_sourced_and_the_bands_tile_each_period() -> None:
    for rows in rows_table().values():
        for row in rows:
            assert row.rate.source.startswith("https://"), row
            assert row.rate.note, row
    for day in (date(2017, 7, 1), BY_VALUE, BANDS_2019, NIL_GONE, RESTRUCTURED):
        bands = [r for r in rows_table()[TaxCategory.ACCOMMODATION] if r.rate.covers(day)]
        assert bands[0].low is None
        assert bands[-1].high is None
        assert all(a.high == b.low for a, b in pairwise(bands))


# Drinks of heading 2202 10 and the compensation cess (1/2017-Compensation Cess (Rate)
# S. No. 2-4: 12 %; Nil from 2025-09-22 by 2/2025-Compensation Cess (Rate)).

COLA = RateFacts(heading="2202 10 10")
CESS_ENDED = RESTRUCTURED


@pytest.mark.parametrize(
    ("day", "place", "expected"),
    [
        (date(2017, 7, 1), "IN-MH",
         [("CGST", "14"), ("SGST", "14"), ("compensation cess", "12")]),
        (CESS_ENDED - timedelta(days=1), "IN",
         [("IGST", "28"), ("compensation cess", "12")]),
        (CESS_ENDED - timedelta(days=1), "IN-CH",
         [("CGST", "14"), ("UTGST", "14"), ("compensation cess", "12")]),
        (CESS_ENDED, "IN", [("IGST", "40")]),
        (CESS_ENDED, "IN-MH", [("CGST", "20"), ("SGST", "20")]),
    ],
)  # fmt: skip
def test_aerated_waters_and_their_cess_either_side_of_its_end(
    day: date, place: str, expected: list[tuple[str, str]]
) -> None:
    found = fact_rates(place, "non_alcoholic_drinks", COLA, on=day)
    assert [(r.tax, r.rate) for r in found] == [(t, Decimal(r)) for t, r in expected]


def test_the_cess_is_its_own_line_on_the_same_value_and_the_tax_adds_up() -> None:
    """24 cans at Rs 40 in Maharashtra on 2025-09-21: CGST 14 % and SGST 14 % of Rs 960
    (Rs 134.40 each) and the cess 12 % of the same Rs 960 (Rs 115.20); tax Rs 384.00."""
    rates = fact_rates("IN-MH", "non_alcoholic_drinks", COLA,
                       on=CESS_ENDED - timedelta(days=1))  # fmt: skip
    invoice = tax_invoice(
        [TaxLine(Money("40.00", "INR"), 24, rates)], prices_include_tax=False
    )
    assert [(row.tax, str(row.base), str(row.amount)) for row in invoice.by_rate] == [
        ("CGST", "960.00 INR", "134.40 INR"),
        ("SGST", "960.00 INR", "134.40 INR"),
        ("compensation cess", "960.00 INR", "115.20 INR"),
    ]
    assert invoice.tax == Money("384.00", "INR")
    assert invoice.tax == sum((row.amount for row in invoice.by_rate),
                              Money("0.00", "INR"))  # fmt: skip


@given(VALUES.filter(lambda value: value.amount > 0), st.sampled_from(["IN-MH", "IN-CH"]))
def test_the_cess_line_is_its_rate_times_the_same_value(value: Money, state: str) -> None:
    """For any price, the cess line is 12 % of the line's value, rounded as the GST
    lines are, the same inside a State as between States; CGST + SGST = IGST."""
    day = CESS_ENDED - timedelta(days=1)
    within = fact_rates(state, "non_alcoholic_drinks", COLA, on=day)
    between = fact_rates("IN", "non_alcoholic_drinks", COLA, on=day)
    assert within[0].rate + within[1].rate == between[0].rate
    assert within[2] == attrs_evolve_place(between[1], state)
    invoice = tax_invoice([TaxLine(value, 1, within)], prices_include_tax=False)
    cess = invoice.by_rate[-1]
    assert cess.tax == "compensation cess"
    assert cess.base == value
    exact = Money(value.amount * Decimal("0.12"), "INR")
    assert cess.amount == round_money(exact, mode=RoundingMode.HALF_UP)
    assert invoice.tax == sum((row.amount for row in invoice.by_rate),
                              Money("0.00", "INR"))  # fmt: skip


def attrs_evolve_place(rate: TaxRate, place: str) -> TaxRate:
    return attrs.evolve(rate, jurisdiction=place)


@pytest.mark.parametrize(
    ("facts", "match"),
    [
        (RateFacts(), "RateFacts.heading"),
        (RateFacts(heading="2202"), "heading 2202 "),  # wider than the entry
        (RateFacts(heading="2201 10 10"), "heading 22011010"),  # not bundled
    ],
)
def test_a_drink_without_a_bundled_heading_is_refused(facts: RateFacts, match: str) -> None:
    with pytest.raises(MissingDataError, match=match) as missing:
        fact_rates("IN", "non_alcoholic_drinks", facts, on=CESS_ENDED)
    assert missing.value.field == "facts.heading"


@pytest.mark.parametrize("heading", ["22O2", "220", "2202 10 1", "2202-10", 2202])
def test_a_heading_is_4_6_or_8_digits(heading: object) -> None:
    with pytest.raises(InvalidInputError, match="heading"):
        RateFacts(heading=heading)


def test_rates_for_drinks_points_at_fact_rates() -> None:
    with pytest.raises(MissingDataError, match=r"compensation cess.*fact_rates"):
        rates_for("IN", "non_alcoholic_drinks", on=CESS_ENDED - timedelta(days=1))


# Passengers by air, by class: economy 5 %; other than economy 12 %, 18 % from
# 2025-09-22 (as reported of the 56th GST Council meeting).


@pytest.mark.parametrize(
    ("air_class", "before", "after"),
    [(AirClass.ECONOMY, "5", "5"), ("other", "12", "18")],
)
def test_air_travel_by_class_either_side_of_the_restructuring(
    air_class: AirClass | str, before: str, after: str
) -> None:
    facts = RateFacts(air_class=air_class)
    last = RESTRUCTURED - timedelta(days=1)
    assert [r.rate for r in fact_rates("IN", "passenger_transport", facts, on=last)] == [
        Decimal(before)
    ]
    assert [
        r.rate for r in fact_rates("IN-DL", "passenger_transport", facts, on=RESTRUCTURED)
    ] == [Decimal(after) / 2] * 2


def test_air_travel_without_its_class_is_refused() -> None:
    with pytest.raises(MissingDataError, match=r"RateFacts\.air_class") as missing:
        fact_rates("IN", "passenger_transport", RateFacts(), on=RESTRUCTURED)
    assert missing.value.field == "facts.air_class"
    with pytest.raises(InvalidInputError, match="air_class"):
        RateFacts(air_class="business")


@given(st.dates(min_value=date(2017, 7, 1), max_value=date(2030, 12, 31)),
       st.sampled_from(AirClass))  # fmt: skip
def test_air_halves_add_up(day: date, air_class: AirClass) -> None:
    """CGST + SGST = IGST for air travel of either class on any day."""
    facts = RateFacts(air_class=air_class)
    [igst] = fact_rates("IN", "passenger_transport", facts, on=day)
    halves = fact_rates("IN-KA", "passenger_transport", facts, on=day)
    assert sum(r.rate for r in halves) == igst.rate


# The facts in a quote: each line's product states them (Product.rate_facts).


def india_quote(
    products: list[Product],
    lines: list[tuple[str, str, int]],
    *,
    buyer: str = "IN-KA",
    day: date = date(2026, 6, 1),
    service: ServiceFacts | None = None,
) -> Quote:
    """A quote on ``day`` by a seller in Karnataka to a buyer in ``buyer`` (of
    services, with ``service``)."""
    context = CheckoutContext(
        Seller("IN", {"IN-KA"}), Buyer("IN", subdivision=buyer),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={product.sku: product for product in products},
        service_facts=service,
    )  # fmt: skip
    cart = Cart([CartLine(sku, Money(price, "INR"), qty) for sku, price, qty in lines])
    return quote(cart, context)


NIGHT = RateFacts(unit_value_per_day=Money("8000.00", "INR"))
ROOM = Product("ROOM", "accommodation", rate_facts=NIGHT)
SODA = Product("SODA", "non_alcoholic_drinks", rate_facts=RateFacts(heading="22021010"))
IN_KARNATAKA = ServiceFacts("immovable_property", location="IN-KA")
"""A hotel in Karnataka: its rooms are supplied there (IGST Act s. 12(3)(b))."""


def test_a_quote_takes_each_lines_facts_and_its_tax_is_the_sum() -> None:
    """Two nights at Rs 8,000 (above Rs 7,500: 18 %) and one at Rs 5,000 (5 % from
    2025-09-22), inside Karnataka: CGST + SGST on each line, the tax their sum."""
    small = Product(
        "SMALL", "accommodation",
        rate_facts=RateFacts(unit_value_per_day=Money("5000.00", "INR")),
    )  # fmt: skip
    found = india_quote(
        [ROOM, small], [("ROOM", "8000.00", 2), ("SMALL", "5000.00", 1)],
        service=IN_KARNATAKA,
    )  # fmt: skip
    by_sku = {line.sku: line for line in found.lines}
    assert [(r.tax, r.rate) for r in by_sku["ROOM"].rates] == [
        ("CGST", Decimal(9)), ("SGST", Decimal(9)),
    ]  # fmt: skip
    assert by_sku["ROOM"].tax == Money("2880.00", "INR")
    assert by_sku["SMALL"].tax == Money("250.00", "INR")
    assert found.tax == by_sku["ROOM"].tax + by_sku["SMALL"].tax


def test_a_room_and_goods_in_one_quote_are_refused() -> None:
    """A room (placed where the property is) and sodas (where their movement ends)
    are placed by two rules: quoted apart, not placed at the buyer's State together."""
    with pytest.raises(MissingDataError, match=r"12\(3\)\(b\)"):
        india_quote([ROOM, SODA], [("ROOM", "8000.00", 2), ("SODA", "40.00", 2)])


def test_a_quote_between_states_pays_igst_by_the_same_facts() -> None:
    """Sodas delivered to Maharashtra (goods: placed where their movement ends) pay
    IGST at the heading's rate."""
    found = india_quote([SODA], [("SODA", "40.00", 2)], buyer="IN-MH")
    [line] = found.lines
    assert [(r.tax, r.rate) for r in line.rates] == [("IGST", Decimal(40))]
    assert line.tax == Money("32.00", "INR")


def test_a_quote_shows_the_cess_as_a_tax_of_its_own() -> None:
    """On 2025-09-21 two sodas at Rs 45 to Maharashtra: IGST 28 % of Rs 90 (Rs 25.20)
    and the cess 12 % of the same Rs 90 (Rs 10.80); the tax is their sum."""
    found = india_quote([SODA], [("SODA", "45.00", 2)], buyer="IN-MH",
                        day=CESS_ENDED - timedelta(days=1))  # fmt: skip
    assert [(row.tax, str(row.base), str(row.amount)) for row in found.tax_summary] == [
        ("IGST", "90.00 INR", "25.20 INR"),
        ("compensation cess", "90.00 INR", "10.80 INR"),
    ]
    assert found.tax == Money("36.00", "INR")


def test_a_quote_line_without_its_facts_is_refused_by_name() -> None:
    bare = Product("BED", "accommodation")
    with pytest.raises(MissingDataError, match="RateFacts"):
        india_quote([bare], [("BED", "900.00", 1)], service=IN_KARNATAKA)
    with pytest.raises(MissingDataError) as missing:
        india_quote(
            [ROOM, bare], [("ROOM", "8000.00", 1), ("BED", "900.00", 1)],
            service=IN_KARNATAKA,
        )  # fmt: skip
    assert missing.value.field == "products['BED'].rate_facts.unit_value_per_day"


def test_the_decision_lists_the_rates_the_lines_facts_pick() -> None:
    """The quote's decision takes each line's facts: a Rs 8,000 room pays 9 % + 9 %
    on 2026-06-01, and the decision lists those, not every band's rate."""
    found = india_quote([ROOM], [("ROOM", "8000.00", 1)], service=IN_KARNATAKA)
    assert {(r.tax, r.rate) for r in found.decision.rates} == {
        ("CGST", Decimal(9)), ("SGST", Decimal(9)),
    }  # fmt: skip


@pytest.mark.parametrize("place", ["IN", "IN-KA", "IN-CH"])
def test_each_taxs_note_names_that_tax_at_its_own_rate(place: str) -> None:
    """A rate's note is what explains it: an IGST 18 % row whose note says only
    '9% CGST' misleads. Each note of an IGST, SGST or UTGST rate names its tax and
    rate first; a CGST note names the CGST rate."""
    room = RateFacts(unit_value_per_day=Money("8000.00", "INR"))
    for rate in fact_rates(place, "accommodation", room, on=date(2026, 6, 1)):
        assert f"{rate.rate}% {rate.tax}" in rate.note or rate.note.startswith(
            f"{rate.tax} {rate.rate}%"
        ), (rate.tax, rate.note)
