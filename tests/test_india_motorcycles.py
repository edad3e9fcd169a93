"""India's GST and compensation cess on motorcycles (heading 8711) with an internal
combustion engine, by its capacity, on each side of 350 cc and of 2025-09-22 (sources:
tax/_data/in_motorcycles.csv, all secondary).

Worked figures from the reports of the 56th GST Council meeting: "Motorcycles up to 350
cc would be taxed at a lower GST of 18% against 28% earlier" (NDTV Profit, 4 Sept 2025);
premium motorcycles above 350 cc rise "to 40% from 31%" (Outlook Business, 5 Sept 2025:
28 % GST and the 3 % cess of 1/2017-Compensation Cess (Rate) S. No. 53, "Motorcycles of
engine capacity exceeding 350 cc", as tabled by kmsgst.com)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError, NoRuleError
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
LAST_DAY = date(2025, 9, 21)
RESTRUCTURED = date(2025, 9, 22)  # 9/2025-CT(Rate), 2/2025-Compensation Cess (Rate)


def bike(cc: int, fuel: str = "petrol") -> RateFacts:
    return RateFacts(propulsion=fuel, engine_cc=cc)


def taxes(facts: RateFacts, day: date, place: str = "IN") -> list[tuple[str, Decimal]]:
    return [(r.tax, r.rate) for r in fact_rates(place, "motorcycles", facts, on=day)]


@pytest.mark.parametrize(
    ("cc", "day", "expected"),
    [
        (350, GST_BEGAN, [("IGST", 28)]),
        (351, GST_BEGAN, [("IGST", 28), ("compensation cess", 3)]),
        (350, LAST_DAY, [("IGST", 28)]),
        (351, LAST_DAY, [("IGST", 28), ("compensation cess", 3)]),
        (350, RESTRUCTURED, [("IGST", 18)]),
        (351, RESTRUCTURED, [("IGST", 40)]),
        (125, RESTRUCTURED, [("IGST", 18)]),
        (1200, RESTRUCTURED, [("IGST", 40)]),
    ],
)
def test_each_side_of_350_cc_and_of_2025_09_22(
    cc: int, day: date, expected: list[tuple[str, int]]
) -> None:
    assert taxes(bike(cc), day) == [(tax, Decimal(rate)) for tax, rate in expected]


def test_within_a_state_the_gst_is_halved_and_the_cess_is_not() -> None:
    assert taxes(bike(411), LAST_DAY, "IN-KA") == [
        ("CGST", Decimal(14)), ("SGST", Decimal(14)), ("compensation cess", Decimal(3)),
    ]  # fmt: skip
    assert taxes(bike(411), RESTRUCTURED, "IN-CH") == [
        ("CGST", Decimal(20)), ("UTGST", Decimal(20))]  # fmt: skip
    assert taxes(bike(149), RESTRUCTURED, "IN-KA") == [
        ("CGST", Decimal(9)), ("SGST", Decimal(9))]  # fmt: skip


def test_a_rs_2_lakh_411_cc_motorcycle_either_side() -> None:
    """Rs 2,00,000 within Karnataka: CGST 28,000 + SGST 28,000 + cess 6,000 = 62,000
    (31 %) on 2025-09-21; CGST 40,000 + SGST 40,000 = 80,000 (40 %) on 2025-09-22."""
    price = Money("200000.00", "INR")

    def tax(day: date) -> Money:
        rates = fact_rates("IN-KA", "motorcycles", bike(411), on=day)
        return tax_invoice([TaxLine(price, 1, rates)], prices_include_tax=False).tax

    assert tax(LAST_DAY) == Money("62000.00", "INR")
    assert tax(RESTRUCTURED) == Money("80000.00", "INR")


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        (RateFacts(engine_cc=150), "propulsion"),
        (RateFacts(propulsion="petrol"), "engine_cc"),
    ],
)
def test_a_fact_not_stated_is_refused_by_name(facts: RateFacts, field: str) -> None:
    with pytest.raises(MissingDataError) as refused:
        fact_rates("IN", "motorcycles", facts, on=LAST_DAY)
    assert refused.value.field == f"facts.{field}"


def test_hybrid_motorcycles_are_refused_not_guessed() -> None:
    """Electric ones are rated (tests/test_india_electric_vehicles.py)."""
    with pytest.raises(MissingDataError, match="hybrid"):
        fact_rates("IN", "motorcycles", bike(150, "hybrid"), on=LAST_DAY)


def test_before_gst_there_is_no_rule() -> None:
    with pytest.raises(NoRuleError):
        fact_rates("IN", "motorcycles", bike(150), on=date(2017, 6, 30))


def test_the_rate_table_refuses_a_motorcycle_and_says_what_it_turns_on() -> None:
    with pytest.raises(MissingDataError, match="engine capacity"):
        rates_for("IN", "motorcycles", on=LAST_DAY)


def _quote(
    facts: RateFacts, day: date, buyer: str
) -> tuple[list[tuple[str, Decimal]], Money]:
    context = CheckoutContext(
        Seller("IN", {"IN-MH"}), Buyer("IN", subdivision=buyer),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={"BIKE": Product("BIKE", "motorcycles", rate_facts=facts)},
    )  # fmt: skip
    [line] = quote(Cart([CartLine("BIKE", Money("250000.00", "INR"), 1)]), context).lines
    return [(r.tax, r.rate) for r in line.rates], line.tax


@given(
    cc=st.integers(50, 1900),
    day=st.dates(min_value=GST_BEGAN, max_value=date(2027, 12, 31)),
    buyer=st.sampled_from(["IN-MH", "IN-KA"]),
)
def test_the_quote_equals_the_rates_composed_by_hand(
    cc: int, day: date, buyer: str
) -> None:
    """Within Maharashtra CGST + SGST, to Karnataka IGST; the cess only above 350 cc and
    only until 2025-09-21."""
    place = "IN-MH" if buyer == "IN-MH" else "IN"
    rates = fact_rates(place, "motorcycles", bike(cc), on=day)
    by_hand = tax_invoice(
        [TaxLine(Money("250000.00", "INR"), 1, rates)], prices_include_tax=False
    ).tax
    assert _quote(bike(cc), day, buyer) == ([(r.tax, r.rate) for r in rates], by_hand)
    cess = [r for r in rates if r.tax == "compensation cess"]
    assert len(cess) == (1 if cc > 350 and day < RESTRUCTURED else 0)


def test_the_quote_names_a_fact_not_stated_on_the_product() -> None:
    with pytest.raises(MissingDataError) as refused:
        _quote(RateFacts(propulsion="petrol"), LAST_DAY, "IN-MH")
    assert refused.value.field == "products['BIKE'].rate_facts.engine_cc"


def test_a_hybrid_motorcycle_is_refused_to_a_json_caller_in_json_words() -> None:
    """A JSON request cannot carry a TaxRateSource: the refusal the CLI and HTTP print
    says what a JSON caller can do instead."""
    from commercekit._json_words import json_refusal  # noqa: PLC0415

    with pytest.raises(MissingDataError) as refused:
        _quote(RateFacts(propulsion="hybrid", engine_cc=400), LAST_DAY, "IN-MH")
    said = json_refusal(refused.value)
    assert "TaxRateSource" not in said
    assert "a JSON request carries no rates of its own" in said
