"""India's GST and compensation cess on motor cars (heading 8703) by the facts of the
car, on each side of every limit and change date (sources: tax/_data/in_motor_cars.csv).

Worked example: the reports of the 56th GST Council meeting (NDTV Profit, 4 Sept 2025)
say small petrol cars (up to 1200 cc and 4000 mm) and small diesel cars (up to 1500 cc
and 4000 mm) "attracted 28% GST with compensation cess of 1%, and 28% GST with 3%
compensation cess, respectively", and pay 18 % from 22 September 2025, other cars 40 %.
The GST Council's table of 9 Sept 2017 (as reproduced by taxheal.com): mid-segment cars
15 % -> 17 %, large cars 15 % -> 20 %, SUVs 15 % -> 22 %."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import InvalidInputError, MissingDataError, NoRuleError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    RateFacts,
    Seller,
    TaxLine,
    fact_rates,
    rates_for,
    tax_invoice,
)

GST_BEGAN = date(2017, 7, 1)
AMENDED = date(2017, 9, 11)  # 5/2017-Compensation Cess (Rate)
LAST_DAY = date(2025, 9, 21)
RESTRUCTURED = date(2025, 9, 22)  # 9/2025-CT(Rate), 2/2025-Compensation Cess (Rate)


def car(fuel: str, cc: int, mm: int, utility: bool | None = None) -> RateFacts:
    return RateFacts(propulsion=fuel, engine_cc=cc, length_mm=mm, utility_vehicle=utility)


def taxes(facts: RateFacts, day: date, place: str = "IN") -> dict[str, Decimal]:
    return {r.tax: r.rate for r in fact_rates(place, "motor_cars", facts, on=day)}


def gst_and_cess(facts: RateFacts, day: date) -> tuple[Decimal, Decimal]:
    found = taxes(facts, day)
    return found["IGST"], found.get("compensation cess", Decimal(0))


# Each entry, each side of each limit, on each side of each change.
CASES = [
    # facts, (GST, cess) 2017-07-01 .. 09-10, from 2017-09-11, from 2025-09-22
    (car("petrol", 1200, 4000), (28, 1), (28, 1), (18, 0)),
    (car("petrol", 1201, 4000), (28, 15), (28, 17), (40, 0)),
    (car("petrol", 1200, 4001), (28, 15), (28, 17), (40, 0)),
    (car("petrol", 1500, 4500), (28, 15), (28, 17), (40, 0)),
    (car("diesel", 1500, 4000), (28, 3), (28, 3), (18, 0)),
    (car("diesel", 1501, 4000), (28, 15), (28, 20), (40, 0)),
    (car("diesel", 1500, 4001), (28, 15), (28, 17), (40, 0)),
    (car("petrol", 1501, 4001, utility=False), (28, 15), (28, 20), (40, 0)),
    (car("diesel", 1501, 4001, utility=True), (28, 15), (28, 22), (40, 0)),
    (car("petrol", 1998, 4000, utility=True), (28, 15), (28, 20), (40, 0)),
]


@pytest.mark.parametrize(("facts", "first", "amended", "restructured"), CASES)
def test_each_entry_on_each_day(
    facts: RateFacts,
    first: tuple[int, int],
    amended: tuple[int, int],
    restructured: tuple[int, int],
) -> None:
    for day, expected in (
        (GST_BEGAN, first),
        (date(2017, 9, 10), first),
        (AMENDED, amended),
        (LAST_DAY, amended),
        (RESTRUCTURED, restructured),
    ):
        assert gst_and_cess(facts, day) == tuple(map(Decimal, expected)), day


@pytest.mark.parametrize("day", [GST_BEGAN, AMENDED, date(2023, 7, 26), RESTRUCTURED])
def test_the_rows_tile_the_facts_on_each_side_of_every_limit(day: date) -> None:
    """Every car on each side of 1200 cc, 1500 cc and 4000 mm, a utility vehicle or
    not, pays exactly one GST rate and at most one cess (the rows neither overlap nor
    leave a gap)."""
    for fuel in ("petrol", "diesel"):
        for cc in (1, 1199, 1200, 1201, 1499, 1500, 1501, 99_999):
            for mm in (1, 3999, 4000, 4001, 99_999):
                for utility in (False, True):
                    facts = car(fuel, cc, mm, utility)
                    found = [r.tax for r in fact_rates("IN", "motor_cars", facts, on=day)]
                    assert found in (["IGST"], ["IGST", "compensation cess"])


def test_the_small_petrol_car_worked_example() -> None:
    """A Rs 5,00,000 small petrol car within Maharashtra: CGST 14 % + SGST 14 % +
    cess 1 % = Rs 1,45,000 on 2025-09-21; CGST 9 % + SGST 9 % = Rs 90,000 from
    2025-09-22, with no cess."""
    small = car("petrol", 1197, 3995)
    price = Money("500000.00", "INR")
    before = tax_invoice(
        [TaxLine(price, 1, fact_rates("IN-MH", "motor_cars", small, on=LAST_DAY))],
        prices_include_tax=False,
    )
    assert [(row.tax, row.amount) for row in before.by_rate] == [
        ("CGST", Money("70000.00", "INR")),
        ("SGST", Money("70000.00", "INR")),
        ("compensation cess", Money("5000.00", "INR")),
    ]
    assert before.tax == Money("145000.00", "INR")
    after = tax_invoice(
        [TaxLine(price, 1, fact_rates("IN-MH", "motor_cars", small, on=RESTRUCTURED))],
        prices_include_tax=False,
    )
    assert after.tax == Money("90000.00", "INR")
    assert [row.tax for row in after.by_rate] == ["CGST", "SGST"]


def test_the_cess_is_one_rate_inside_a_state_and_between_states() -> None:
    suv = car("diesel", 2184, 4585, utility=True)
    assert taxes(suv, LAST_DAY, "IN-KA") == {
        "CGST": Decimal(14), "SGST": Decimal(14), "compensation cess": Decimal(22),
    }  # fmt: skip
    assert taxes(suv, LAST_DAY, "IN-CH") == {
        "CGST": Decimal(14), "UTGST": Decimal(14), "compensation cess": Decimal(22),
    }  # fmt: skip
    [cess] = [r for r in fact_rates("IN", "motor_cars", suv, on=LAST_DAY)
              if r.tax == "compensation cess"]  # fmt: skip
    assert "52B" in cess.note
    assert cess.jurisdiction == "IN"


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        (RateFacts(), "propulsion"),
        (RateFacts(propulsion="petrol", length_mm=3995), "engine_cc"),
        (RateFacts(propulsion="petrol", engine_cc=1197), "length_mm"),
        (car("diesel", 2184, 4585), "utility_vehicle"),
    ],
)
def test_a_fact_not_stated_is_refused_by_name(facts: RateFacts, field: str) -> None:
    with pytest.raises(MissingDataError) as refused:
        fact_rates("IN", "motor_cars", facts, on=LAST_DAY)
    assert refused.value.field == f"facts.{field}"


@pytest.mark.parametrize("day", [GST_BEGAN, RESTRUCTURED])
def test_utility_vehicle_is_asked_only_where_an_entry_turns_on_it(day: date) -> None:
    """Before 52B (2017-09-11) and after the cess ended, a large car's rate does not
    turn on whether it is a utility vehicle."""
    assert gst_and_cess(car("diesel", 2184, 4585), day)[0] in (28, 40)


def test_a_hybrid_car_is_not_rated_as_an_engine_car() -> None:
    """A hybrid's entries are its own (S. No. 47, 48: tests/test_india_hybrid_cars.py);
    electric ones are rated in tests/test_india_electric_vehicles.py."""
    with pytest.raises(MissingDataError, match=r"S\. No\. 47"):
        fact_rates("IN", "motor_cars", car("hybrid", 1497, 3990), on=LAST_DAY)


def test_before_gst_there_is_no_rule() -> None:
    with pytest.raises(NoRuleError):
        fact_rates("IN", "motor_cars", car("petrol", 1197, 3995), on=date(2017, 6, 30))


def test_the_rate_table_refuses_a_car_and_says_what_it_turns_on() -> None:
    with pytest.raises(MissingDataError, match="motor_cars"):
        rates_for("IN", "motor_cars", on=LAST_DAY)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("engine_cc", True),
        ("engine_cc", 1197.0),
        ("engine_cc", "1197"),
        ("engine_cc", 0),
        ("length_mm", 100_000),
        ("length_mm", -1),
        ("propulsion", "steam"),
        ("utility_vehicle", "yes"),
    ],
)
def test_a_wrong_fact_is_refused(field: str, value: object) -> None:
    with pytest.raises(InvalidInputError, match=field):
        RateFacts(**{field: value})  # type: ignore[arg-type]


def _quote(
    facts: RateFacts, day: date, buyer: str
) -> tuple[list[tuple[str, Decimal]], Money]:
    context = CheckoutContext(
        Seller("IN", {"IN-MH"}), Buyer("IN", subdivision=buyer),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={"CAR": Product("CAR", "motor_cars", rate_facts=facts)},
    )  # fmt: skip
    [line] = quote(Cart([CartLine("CAR", Money("1250000.00", "INR"), 1)]), context).lines
    return [(r.tax, r.rate) for r in line.rates], line.tax


@given(
    fuel=st.sampled_from(["petrol", "diesel"]),
    cc=st.integers(600, 3000),
    mm=st.integers(3000, 5200),
    utility=st.booleans(),
    day=st.dates(min_value=GST_BEGAN, max_value=date(2027, 12, 31)),
    buyer=st.sampled_from(["IN-MH", "IN-KA"]),
)
def test_the_quote_equals_the_rates_composed_by_hand(
    fuel: str, cc: int, mm: int, utility: bool, day: date, buyer: str
) -> None:
    """The quote charges what fact_rates and a TaxLine give; one GST and at most one
    cess, none from 2025-09-22."""
    facts = car(fuel, cc, mm, utility)
    place = "IN-MH" if buyer == "IN-MH" else "IN"
    rates = fact_rates(place, "motor_cars", facts, on=day)
    by_hand = tax_invoice(
        [TaxLine(Money("1250000.00", "INR"), 1, rates)], prices_include_tax=False
    ).tax
    assert _quote(facts, day, buyer) == ([(r.tax, r.rate) for r in rates], by_hand)
    cess = [r for r in rates if r.tax == "compensation cess"]
    assert len(cess) == (0 if day >= RESTRUCTURED else 1)


def test_the_quote_names_a_fact_not_stated_on_the_product() -> None:
    with pytest.raises(MissingDataError) as refused:
        _quote(car("diesel", 2184, 4585), LAST_DAY, "IN-MH")
    assert refused.value.field == "products['CAR'].rate_facts.utility_vehicle"
