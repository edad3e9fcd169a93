"""India's rates that turn on a fact of the supply, asked without the fact: a
decision must not answer one bundled row's rates as the category's.

The bug (issue 18, India review): ``decide`` for a sale of ``non_alcoholic_drinks``
within Maharashtra on 2020-01-01 answered CGST 14 % + SGST 14 % + compensation cess
12 %, the rates of heading 2202 10 (aerated waters, 1/2017-Central Tax (Rate) Schedule
IV; 1/2017-Compensation Cess (Rate) S. No. 2-4), for any drink: packaged water, fruit
juice and milk drinks have other entries. Each category whose Indian rate turns on a
fact (``fact_rates``) is now refused without it, naming the fact on the sale's line
(``SaleLine.rate_facts``) or the quote's product (``Product.rate_facts``), in Python
and JSON words; with the facts stated, the decision lists the rates they pick.

Worked figures (Rs 1,000 of heading 2202 10 10, the notifications above; from
2025-09-22 9/2025-Central Tax (Rate) 40 % and 2/2025-Compensation Cess (Rate) Nil):
within Maharashtra on 2025-09-21 CGST 140.00 + SGST 140.00 + cess 120.00; on
2025-09-22 CGST 200.00 + SGST 200.00; to another State IGST 280.00 + cess 120.00, then
IGST 400.00.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.cli import main
from commercekit.errors import (
    CommerceKitError,
    InvalidInputError,
    InvalidJsonError,
    MissingDataError,
)
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.serde import converter, structure
from commercekit.tax import (
    Buyer,
    RateFacts,
    Sale,
    SaleLine,
    Seller,
    ServiceFacts,
    TaxCategory,
    add_tax,
    decide,
    fact_rates,
    rates_for,
)
from commercekit.tax._in_facts import has_fact_rows

RESTRUCTURED = date(2025, 9, 22)
BEFORE = RESTRUCTURED - timedelta(days=1)
COLA = RateFacts(heading="2202 10 10")

FACT_BOUND = (
    "non_alcoholic_drinks", "accommodation", "restaurant", "passenger_transport",
    "motor_cars", "motorcycles", "footwear", "pan_masala",
)  # fmt: skip
"""Every Indian category with rows by a fact (``has_fact_rows`` on some day)."""

SERVICES = {
    "accommodation": ServiceFacts("immovable_property", location="IN-MH"),
    "restaurant": ServiceFacts("in_person", location="IN-MH"),
    "passenger_transport": ServiceFacts("passenger_transport", location="IN-MH"),
}


def _sale(category: str, buyer: str = "IN-MH", facts: RateFacts | None = None) -> Sale:
    stated = {} if facts is None else {"rate_facts": facts}  # none: as a sale was built
    line = SaleLine(Money("1000.00", "INR"), category=category, **stated)
    return Sale(
        Seller("IN", {"IN-MH"}),
        Buyer("IN", subdivision=buyer),
        "services" if category in SERVICES else "goods",
        Money("1000.00", "INR"),
        lines=[line],
        service=SERVICES.get(category),
    )


def test_every_fact_bound_category_is_listed() -> None:
    """The list the property runs over is every category with rows by a fact."""
    days = [date(2017, 7, 1) + timedelta(days=n) for n in range(0, 3500, 7)]
    found = {str(c) for c in TaxCategory if any(has_fact_rows(c, day) for day in days)}
    assert found == set(FACT_BOUND)


def test_a_drink_without_its_heading_is_refused_not_rated_as_aerated_water() -> None:
    """Was: CGST 14 + SGST 14 + cess 12 for any drink on 2020-01-01."""
    with pytest.raises(MissingDataError) as refused:
        decide(_sale("non_alcoholic_drinks"), on=date(2020, 1, 1))
    assert refused.value.field == "sale.lines[0].rate_facts.heading"
    assert "RateFacts(heading=" in str(refused.value)
    assert '"heading"' in (refused.value.json_how or "")


@given(
    category=st.sampled_from(FACT_BOUND),
    day=st.dates(date(2017, 7, 1), date(2026, 12, 31)),
    buyer=st.sampled_from(["IN-MH", "IN-KA"]),
)
def test_without_its_facts_a_decision_never_answers_rates_no_fact_gives(
    category: str, day: date, buyer: str
) -> None:
    """A decision without facts refuses (naming the line's rate_facts), or answers
    exactly the rates ``fact_rates`` gives with no fact stated (pan masala)."""
    place = buyer if category in SERVICES or buyer == "IN-MH" else "IN"
    try:
        bare = fact_rates(place, category, RateFacts(), on=day)
    except CommerceKitError:
        bare = None
    if bare is None and has_fact_rows(TaxCategory(category), day):
        with pytest.raises(MissingDataError) as refused:
            decide(_sale(category, buyer), on=day)
        assert refused.value.field is not None
        assert refused.value.field.startswith("sale.lines[0].rate_facts"), refused.value
    elif bare is not None:
        assert set(decide(_sale(category, buyer), on=day).rates) == set(bare)


@pytest.mark.parametrize("category", [c for c in FACT_BOUND if c != "pan_masala"])
def test_rates_for_refuses_each_without_a_row_of_the_category(category: str) -> None:
    for day in (date(2020, 1, 1), BEFORE, RESTRUCTURED):
        with pytest.raises(MissingDataError):
            rates_for("IN-MH", category, on=day)


@pytest.mark.parametrize(
    ("day", "buyer", "expected"),
    [
        (BEFORE, "IN-MH", {"CGST": "140.00", "SGST": "140.00",
                           "compensation cess": "120.00"}),
        (RESTRUCTURED, "IN-MH", {"CGST": "200.00", "SGST": "200.00"}),
        (BEFORE, "IN-KA", {"IGST": "280.00", "compensation cess": "120.00"}),
        (RESTRUCTURED, "IN-KA", {"IGST": "400.00"}),
    ],
)  # fmt: skip
def test_with_its_heading_the_decision_lists_that_headings_rates(
    day: date, buyer: str, expected: dict[str, str]
) -> None:
    decision = decide(_sale("non_alcoholic_drinks", buyer, COLA), on=day)
    taxed = add_tax(Money("1000.00", "INR"), decision.rates)
    assert {t.rate.tax: str(t.amount.amount) for t in taxed.taxes} == expected


def test_a_heading_not_bundled_is_refused_by_the_decision() -> None:
    """Fruit juice (2009) is not 2202 10: refused, not rated as aerated water."""
    juice = RateFacts(heading="2009 89 90")
    with pytest.raises(MissingDataError, match="2202"):
        decide(_sale("non_alcoholic_drinks", facts=juice), on=BEFORE)


def test_a_quote_names_the_products_fact_in_python_and_json() -> None:
    context = CheckoutContext(
        Seller("IN", {"IN-MH"}), Buyer("IN", subdivision="IN-MH"),
        at=datetime(2025, 9, 21, 12, tzinfo=UTC), prices_include_tax=False,
        products={"JUICE": Product("JUICE", "non_alcoholic_drinks")},
    )  # fmt: skip
    cart = Cart([CartLine("JUICE", Money("100.00", "INR"), 1)])
    with pytest.raises(MissingDataError) as refused:
        quote(cart, context)
    assert refused.value.field == "products['JUICE'].rate_facts.heading"
    assert "RateFacts(heading=" in str(refused.value)
    assert '"rate_facts"' in (refused.value.json_how or "")


@pytest.mark.parametrize(
    ("category", "day"),
    [
        ("non_alcoholic_drinks", BEFORE), ("non_alcoholic_drinks", RESTRUCTURED),
        ("accommodation", BEFORE), ("restaurant", RESTRUCTURED),
        ("passenger_transport", BEFORE), ("motor_cars", BEFORE),
        ("motorcycles", RESTRUCTURED), ("footwear", date(2021, 12, 31)),
    ],
)  # fmt: skip
def test_a_quote_without_the_fact_says_what_to_write_in_python_and_json(
    category: str, day: date
) -> None:
    """The product's field, then Python words (``RateFacts(...)``) and JSON words
    (the product's ``"rate_facts"``)."""
    service = SERVICES.get(category)
    context = CheckoutContext(
        Seller("IN", {"IN-MH"}), Buyer("IN", subdivision="IN-MH"),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"X": Product("X", category)},
        service_facts=service,
    )  # fmt: skip
    cart = Cart([CartLine("X", Money("1000.00", "INR"), 1)])
    with pytest.raises(MissingDataError) as refused:
        quote(cart, context)
    assert (refused.value.field or "").startswith("products['X'].rate_facts.")
    assert "products['X'].rate_facts." in str(refused.value)
    assert "RateFacts(" in str(refused.value)
    assert '"rate_facts"' in (refused.value.json_how or "")


def test_the_command_line_says_the_json_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = {
        "cart": {"lines": [{"sku": "JUICE", "quantity": 1,
                            "unit_price": {"amount": "100.00", "currency": "INR"}}]},
        "seller": {"country": "IN", "registrations": ["IN-MH"]},
        "buyer": {"country": "IN", "subdivision": "IN-MH"},
        "at": "2025-09-21T12:00:00+05:30",
        "prices_include_tax": False,
        "products": {"JUICE": {"tax_category": "non_alcoholic_drinks"}},
    }  # fmt: skip
    path = tmp_path / "juice.json"
    path.write_text(json.dumps(request), "utf-8")
    assert main(["quote", str(path)], out=io.StringIO()) == 2
    said = capsys.readouterr().err
    assert said.startswith("commercekit: products['JUICE'].rate_facts.heading: missing")
    assert '"rate_facts": {"heading": "2202 10 10"}' in said


@pytest.mark.parametrize("bad", ["2202 10 10", {"heading": "22021010"}, True, 1.5])
def test_a_sale_lines_rate_facts_must_be_rate_facts(bad: object) -> None:
    with pytest.raises(InvalidInputError, match="is not RateFacts") as refused:
        SaleLine(Money("1.00", "INR"), rate_facts=bad)
    assert refused.value.field == "rate_facts"


def test_a_sale_lines_facts_round_trip_through_json_and_unsaid_are_not_written() -> None:
    """structure(json(unstructure(sale))) == sale; a line without facts writes none."""
    sale = _sale("non_alcoholic_drinks", facts=COLA)
    written = json.loads(json.dumps(converter.unstructure(sale)))
    assert written["lines"][0]["rate_facts"] == {"heading": "22021010"}
    assert structure(written, Sale) == sale
    bare = converter.unstructure(_sale("non_alcoholic_drinks"))
    assert "rate_facts" not in bare["lines"][0]
    written["lines"][0]["rate_facts"] = {"heading": "22x"}
    with pytest.raises(InvalidJsonError) as refused:
        structure(written, Sale)
    assert refused.value.field == "lines[0].rate_facts.heading"
