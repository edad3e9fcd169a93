"""India's GST and compensation cess on hybrid cars (heading 8703, an engine and an
electric motor), by the engine, its capacity and the car's length, on each side of
every limit and change date (sources: tax/_data/in_motor_cars.csv).

Sources of the worked figures:
- 5/2017-Compensation Cess (Rate), 11 Sept 2017, substituting S. No. 47 (8703 40,
  8703 60: spark-ignition engine and electric motor) and 48 (8703 50, 8703 70:
  compression-ignition engine and electric motor) of 1/2017-Compensation Cess (Rate):
  "(c) Motor vehicles of engine capacity not exceeding 1200cc [1500cc in S. No. 48]
  and of length not exceeding 4000 mm: Nil; (d) Motor vehicles other than those
  mentioned at (a), (b) and (c) above: 15%" (as reproduced by eximguru.com,
  worldtradescanner.com, expertmile.com and app.ikargos.com).
- GST 28 % (1/2017-Central Tax (Rate) Schedule IV, heading 8703) until 2025-09-21;
  from 2025-09-22 small hybrids 18 % and others 40 %, no cess: carhp.in (5 Sept 2025:
  "City hybrid ... 43% (28% GST + 15% cess) ... 40%"), NDTV Profit (4 Sept 2025:
  "Small hybrid cars will also benefit"), loansjagat.com (small hybrids under 4 m 18 %).
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from commercekit._json_words import json_refusal
from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.cli import main
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import Buyer, RateFacts, Seller, TaxLine, fact_rates, tax_invoice

SUBSTITUTED = date(2017, 9, 11)  # 5/2017-Compensation Cess (Rate)
LAST_DAY = date(2025, 9, 21)
RESTRUCTURED = date(2025, 9, 22)


def hybrid(engine: str, cc: int, mm: int) -> RateFacts:
    return RateFacts(propulsion=engine, engine_cc=cc, length_mm=mm)


def gst_and_cess(facts: RateFacts, day: date) -> tuple[Decimal, Decimal]:
    found = {r.tax: r.rate for r in fact_rates("IN", "motor_cars", facts, on=day)}
    return found["IGST"], found.get("compensation cess", Decimal(0))


CASES = [
    # facts, (GST, cess) 2017-09-11 .. 2025-09-21, from 2025-09-22
    (hybrid("petrol_hybrid", 1200, 4000), (28, 0), (18, 0)),
    (hybrid("petrol_hybrid", 1201, 4000), (28, 15), (40, 0)),
    (hybrid("petrol_hybrid", 1200, 4001), (28, 15), (40, 0)),
    (hybrid("petrol_hybrid", 1498, 3990), (28, 15), (40, 0)),  # over 1200, unlike 48
    (hybrid("diesel_hybrid", 1500, 4000), (28, 0), (18, 0)),
    (hybrid("diesel_hybrid", 1501, 4000), (28, 15), (40, 0)),
    (hybrid("diesel_hybrid", 1500, 4001), (28, 15), (40, 0)),
    (hybrid("diesel_hybrid", 2487, 4795), (28, 15), (40, 0)),  # not 52B's 22 %
]


@pytest.mark.parametrize(("facts", "substituted", "restructured"), CASES)
def test_each_entry_on_each_side_of_each_limit_and_date(
    facts: RateFacts, substituted: tuple[int, int], restructured: tuple[int, int]
) -> None:
    for day, expected in (
        (SUBSTITUTED, substituted),
        (LAST_DAY, substituted),
        (RESTRUCTURED, restructured),
    ):
        assert gst_and_cess(facts, day) == tuple(map(Decimal, expected)), day


@pytest.mark.parametrize("day", [SUBSTITUTED, LAST_DAY, RESTRUCTURED])
def test_the_rows_tile_the_facts_on_each_side_of_every_limit(day: date) -> None:
    """Every hybrid on each side of 1200 cc, 1500 cc and 4000 mm pays exactly one GST
    rate and at most one cess, never an engine car's S. No. 52A or 52B."""
    for engine in ("petrol_hybrid", "diesel_hybrid"):
        for cc in (1, 1199, 1200, 1201, 1499, 1500, 1501, 99_999):
            for mm in (1, 3999, 4000, 4001, 99_999):
                found = fact_rates("IN", "motor_cars", hybrid(engine, cc, mm), on=day)
                assert [r.tax for r in found] in (["IGST"], ["IGST", "compensation cess"])
                assert all("52" not in r.note for r in found)


def test_a_large_hybrid_is_not_asked_whether_it_is_a_utility_vehicle() -> None:
    """S. No. 52B (22 %) is an entry of engine cars; a hybrid's is S. No. 47 or 48."""
    facts = hybrid("diesel_hybrid", 2487, 4795)
    assert facts.utility_vehicle is None
    [cess] = [
        r for r in fact_rates("IN", "motor_cars", facts, on=LAST_DAY)
        if r.tax == "compensation cess"
    ]  # fmt: skip
    assert "S. No. 48" in cess.note


def _invoice(place: str, facts: RateFacts, day: date, price: str) -> list[tuple[str, str]]:
    rates = fact_rates(place, "motor_cars", facts, on=day)
    invoice = tax_invoice(
        [TaxLine(Money(price, "INR"), 1, rates)], prices_include_tax=False
    )
    return [(row.tax, str(row.amount.amount)) for row in invoice.by_rate]


def test_the_worked_figures_in_a_state_between_states_and_in_a_union_territory() -> None:
    """A petrol hybrid of 1498 cc and 4583 mm at Rs 20,00,000: within Maharashtra
    CGST 14 % + SGST 14 % + cess 15 % (43 %, as carhp.in gives the City hybrid) on
    2025-09-21, CGST 20 % + SGST 20 % on 2025-09-22; IGST 28 % + cess 15 % to
    another State; CGST + UTGST in Chandigarh."""
    city = hybrid("petrol_hybrid", 1498, 4583)
    assert _invoice("IN-MH", city, LAST_DAY, "2000000.00") == [
        ("CGST", "280000.00"), ("SGST", "280000.00"), ("compensation cess", "300000.00"),
    ]  # fmt: skip
    assert _invoice("IN-MH", city, RESTRUCTURED, "2000000.00") == [
        ("CGST", "400000.00"), ("SGST", "400000.00"),
    ]  # fmt: skip
    assert _invoice("IN", city, LAST_DAY, "2000000.00") == [
        ("IGST", "560000.00"), ("compensation cess", "300000.00"),
    ]  # fmt: skip
    assert _invoice("IN-CH", city, RESTRUCTURED, "2000000.00") == [
        ("CGST", "400000.00"), ("UTGST", "400000.00"),
    ]  # fmt: skip


def test_the_small_hybrid_worked_figures() -> None:
    """A petrol hybrid of 1197 cc and 3995 mm at Rs 9,00,000 within Karnataka: CGST
    14 % + SGST 14 % and no cess (S. No. 47 (c), Nil) on 2025-09-21; CGST 9 % + SGST
    9 % (Rs 81,000 each) on 2025-09-22. loansjagat.com's example charges such a car
    43 % before; the entry as reproduced gives it Nil cess (recorded in the data)."""
    small = hybrid("petrol_hybrid", 1197, 3995)
    assert _invoice("IN-KA", small, LAST_DAY, "900000.00") == [
        ("CGST", "126000.00"), ("SGST", "126000.00"),
    ]  # fmt: skip
    assert _invoice("IN-KA", small, RESTRUCTURED, "900000.00") == [
        ("CGST", "81000.00"), ("SGST", "81000.00"),
    ]  # fmt: skip


@pytest.mark.parametrize("day", [date(2017, 7, 1), date(2017, 9, 10)])
def test_before_the_substitution_a_hybrid_is_refused(day: date) -> None:
    """S. No. 47 and 48 as first issued were not read (the Council's table of 9 Sept
    2017 gives hybrid mid-segment, large and SUV cars 15 % "present", not the small
    ones): refused, not guessed; the next day of the substitution is rated above."""
    with pytest.raises(MissingDataError, match="2017-09-11") as refused:
        fact_rates("IN", "motor_cars", hybrid("petrol_hybrid", 1498, 4583), on=day)
    assert refused.value.field == "facts.propulsion"


def test_a_hybrid_not_saying_its_engine_is_asked_which() -> None:
    with pytest.raises(MissingDataError, match="petrol_hybrid") as refused:
        fact_rates("IN", "motor_cars", hybrid("hybrid", 1498, 4583), on=LAST_DAY)
    assert refused.value.field == "facts.propulsion"
    assert "diesel_hybrid" in str(refused.value)


@pytest.mark.parametrize("engine", ["petrol_hybrid", "diesel_hybrid"])
def test_a_hybrid_motorcycle_stays_refused(engine: str) -> None:
    with pytest.raises(MissingDataError, match="hybrid"):
        fact_rates("IN", "motorcycles", RateFacts(propulsion=engine, engine_cc=400),
                   on=LAST_DAY)  # fmt: skip


def _quote(facts: RateFacts, day: date) -> tuple[list[tuple[str, Decimal]], Money]:
    context = CheckoutContext(
        Seller("IN", {"IN-MH"}), Buyer("IN", subdivision="IN-KA"),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={"CAR": Product("CAR", "motor_cars", rate_facts=facts)},
    )  # fmt: skip
    [line] = quote(Cart([CartLine("CAR", Money("2000000.00", "INR"), 1)]), context).lines
    return [(r.tax, r.rate) for r in line.rates], line.tax


@pytest.mark.parametrize("day", [LAST_DAY, RESTRUCTURED])
def test_the_quote_equals_the_rates_composed_by_hand(day: date) -> None:
    """Maharashtra to Karnataka: IGST 28 % + cess 15 % (Rs 8,60,000), then IGST 40 %
    (Rs 8,00,000)."""
    facts = hybrid("petrol_hybrid", 1498, 4583)
    rates = fact_rates("IN", "motor_cars", facts, on=day)
    by_hand = tax_invoice(
        [TaxLine(Money("2000000.00", "INR"), 1, rates)], prices_include_tax=False
    ).tax
    assert _quote(facts, day) == ([(r.tax, r.rate) for r in rates], by_hand)
    assert by_hand == Money("860000.00" if day == LAST_DAY else "800000.00", "INR")


def test_a_json_caller_is_told_to_say_which_hybrid() -> None:
    with pytest.raises(MissingDataError) as refused:
        _quote(hybrid("hybrid", 1498, 4583), LAST_DAY)
    assert refused.value.field == "products['CAR'].rate_facts.propulsion"
    assert "petrol_hybrid" in json_refusal(refused.value)


def test_the_command_line_quotes_a_hybrid_from_json(tmp_path: Path) -> None:
    """JSON ``rate_facts.propulsion`` "petrol_hybrid": a Rs 20,00,000 car within
    Maharashtra on 2025-09-21 pays CGST 2,80,000 + SGST 2,80,000 + cess 3,00,000."""
    request = {
        "cart": {"lines": [{"sku": "CAR", "quantity": 1,
                            "unit_price": {"amount": "2000000.00", "currency": "INR"}}]},
        "seller": {"country": "IN", "registrations": ["IN-MH"]},
        "buyer": {"country": "IN", "subdivision": "IN-MH"},
        "at": "2025-09-21T12:00:00+05:30",
        "prices_include_tax": False,
        "products": {"CAR": {"tax_category": "motor_cars", "rate_facts": {
            "propulsion": "petrol_hybrid", "engine_cc": 1498, "length_mm": 4583}}},
    }  # fmt: skip
    path = tmp_path / "car.json"
    path.write_text(json.dumps(request), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path), "--format", "json"], out=out) == 0
    said = json.loads(out.getvalue())
    assert said["tax"] == {"amount": "860000.00", "currency": "INR"}
    taxes = {(t["tax"], t["amount"]["amount"]) for t in said["tax_summary"]}
    assert taxes == {("CGST", "280000.00"), ("SGST", "280000.00"),
                     ("compensation cess", "300000.00")}  # fmt: skip
