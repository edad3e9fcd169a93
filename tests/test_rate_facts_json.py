"""``Product.rate_facts`` across the JSON quote request: read and written by
``commercekit.serde``, described by ``quote-request.schema.json`` (which the OpenAPI
document refers to for ``/quote``), quoted by the CLI and over HTTP, each refusal
naming its JSON path.

Worked figure: two nights at Rs 8,000 (above Rs 7,500: 18 %) in a Karnataka hotel on
2026-06-01, CGST 9 % + SGST 9 % of Rs 16,000 = 1,440.00 each, tax 2,880.00, total
18,880.00."""

from __future__ import annotations

import io
import json
import warnings
from datetime import UTC, datetime
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.cli import main
from commercekit.errors import InvalidJsonError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.serde import quote_request_from_json, quote_request_to_json, quote_to_json
from commercekit.service._app import build_app
from commercekit.tax import AirClass, Buyer, Propulsion, RateFacts, Seller, ServiceFacts

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SCHEMA = json.loads(
    files("commercekit.schemas").joinpath("quote-request.schema.json").read_text()
)
SUITE = Product(
    "SUITE",
    "accommodation",
    rate_facts=RateFacts(unit_value_per_day=Money("8000.00", "INR")),
)
CART = Cart([CartLine("SUITE", Money("8000.00", "INR"), 2)])


def _context(product: Product = SUITE) -> CheckoutContext:
    return CheckoutContext(
        Seller("IN", {"IN-KA"}),
        Buyer("IN", subdivision="IN-MH"),
        at=datetime(2026, 6, 1, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={product.sku: product},
        service_facts=ServiceFacts("immovable_property", location="IN-KA"),
    )


def _request() -> dict[str, Any]:
    return json.loads(json.dumps(quote_request_to_json(CART, _context())))


def test_rate_facts_are_written_read_and_fit_the_schema() -> None:
    data = _request()
    assert data["products"]["SUITE"]["rate_facts"] == {
        "unit_value_per_day": {"amount": "8000.00", "currency": "INR"}
    }
    Draft202012Validator(SCHEMA).validate(data)
    assert quote_request_from_json(data) == (CART, _context())


def test_a_product_without_rate_facts_is_written_as_before() -> None:
    plain = Product("SUITE", "standard")
    data = quote_request_to_json(CART, _context(plain))
    assert data["products"]["SUITE"] == {"tax_category": "standard"}


@given(
    st.builds(
        RateFacts,
        unit_value_per_day=st.none()
        | st.decimals(0, 100000, places=2).map(lambda d: Money(d, "INR")),
        specified_premises=st.none() | st.booleans(),
        heading=st.none() | st.sampled_from(["2202", "220210", "22021010"]),
        air_class=st.none() | st.sampled_from(AirClass),
        marked_retail_price=st.none()
        | st.decimals(0, 100000, places=2).map(lambda d: Money(d, "INR")),
        propulsion=st.none() | st.sampled_from(Propulsion),
        engine_cc=st.none() | st.integers(1, 99999),
        length_mm=st.none() | st.integers(1, 99999),
        utility_vehicle=st.none() | st.booleans(),
    )
)
def test_any_rate_facts_round_trip(facts: RateFacts) -> None:
    """read(write(context)) == context for a product with any RateFacts, and what is
    written fits the schema."""
    product = Product("SUITE", "accommodation", rate_facts=facts)
    data = json.loads(json.dumps(quote_request_to_json(CART, _context(product))))
    Draft202012Validator(SCHEMA).validate(data)
    assert quote_request_from_json(data)[1] == _context(product)


@pytest.mark.parametrize(
    ("facts", "field", "schema_refuses"),
    [
        ({"unit_value_per_day": 8000.5}, "unit_value_per_day", True),
        ({"unit_value_per_day": {"amount": "90.00", "currency": "USD"}},
         "unit_value_per_day", False),
        ({"unit_value_per_day": {"amount": "-1.00", "currency": "INR"}},
         "unit_value_per_day.amount", False),  # the amount refused, not the money
        ({"unit_value_per_day": {"amount": "NaN", "currency": "INR"}},
         "unit_value_per_day.amount", True),
        ({"specified_premises": "yes"}, "specified_premises", True),
        ({"specified_premises": 1}, "specified_premises", True),
        ({"heading": "22O2"}, "heading", True),
        ({"heading": 2202}, "heading", True),
        ({"air_class": "business"}, "air_class", True),
        ({"marked_retail_price": "499"}, "marked_retail_price", True),
        ({"propulsion": "steam"}, "propulsion", True),
        ({"engine_cc": "1200"}, "engine_cc", True),
        ({"engine_cc": 1199.5}, "engine_cc", True),
        ({"length_mm": 0}, "length_mm", True),
        ({"length_mm": 100000}, "length_mm", True),
        ({"utility_vehicle": "yes"}, "utility_vehicle", True),
        ({"marked_retail_price": {"amount": "499.00", "currency": "USD"}},
         "marked_retail_price", False),
        ({"stars": 5}, "stars", True),
    ],
)  # fmt: skip
def test_a_wrong_fact_is_refused_at_its_json_path(
    facts: dict[str, Any], field: str, schema_refuses: bool
) -> None:
    data = _request()
    data["products"]["SUITE"]["rate_facts"] = facts
    with pytest.raises(InvalidJsonError) as refused:
        quote_request_from_json(data)
    assert refused.value.field == f"products['SUITE'].rate_facts.{field}"
    errors = list(Draft202012Validator(SCHEMA).iter_errors(data))
    assert (errors != []) is schema_refuses


def test_rate_facts_that_are_not_an_object_are_refused() -> None:
    for bad in ([], "8000", 1.5, True):
        data = _request()
        data["products"]["SUITE"]["rate_facts"] = bad
        with pytest.raises(InvalidJsonError) as refused:
            quote_request_from_json(data)
        assert refused.value.field is not None
        assert refused.value.field.startswith("products['SUITE'].rate_facts")


def test_http_quotes_by_the_facts_and_names_a_wrong_one() -> None:
    client = TestClient(build_app())
    answer = client.post("/quote", json=_request())
    assert answer.status_code == 200, answer.text
    assert answer.json() == quote_to_json(quote(CART, _context()))
    assert answer.json()["tax"] == {"amount": "2880.00", "currency": "INR"}
    data = _request()
    data["products"]["SUITE"]["rate_facts"] = {"air_class": "business"}
    problem = client.post("/quote", json=data).json()
    assert problem["field"] == "products['SUITE'].rate_facts.air_class", problem


def test_the_cli_quotes_by_the_facts(tmp_path: Path) -> None:
    path = tmp_path / "stay.json"
    path.write_text(json.dumps(_request()))
    out = io.StringIO()
    assert main(["quote", str(path), "--format", "json"], out=out) == 0
    written = json.loads(out.getvalue())
    assert written["tax"] == {"amount": "2880.00", "currency": "INR"}
    assert written["grand_total"] == {"amount": "18880.00", "currency": "INR"}


@given(
    value=st.decimals(0, 20000, places=2),
    nights=st.integers(1, 30),
    day=st.sampled_from(
        [datetime(2025, 9, 21, 12, tzinfo=UTC), datetime(2025, 9, 22, 12, tzinfo=UTC)]
    ),
    guest=st.sampled_from(["IN-KA", "IN-MH"]),
    include=st.booleans(),
)
def test_a_stay_quoted_as_json_adds_up(
    value: Decimal, nights: int, day: datetime, guest: str, include: bool
) -> None:
    """For any room value, nights, day either side of 2025-09-22, guest's State and
    tax-inclusive or not: the JSON quote's tax is the sum of its summary rows and of
    its lines' taxes, each line's gross its net plus its tax, the grand total the sum
    of the lines' gross; the rows are CGST + SGST (the property is in Karnataka)."""
    room = Product(
        "SUITE",
        "accommodation",
        rate_facts=RateFacts(unit_value_per_day=Money(value, "INR")),
    )
    context = attrs.evolve(
        _context(room), at=day, buyer=Buyer("IN", subdivision=guest),
        prices_include_tax=include,
    )  # fmt: skip
    cart = Cart([CartLine("SUITE", Money(value, "INR"), nights)])
    data = quote_to_json(
        quote(*quote_request_from_json(quote_request_to_json(cart, context)))
    )

    def amount(money: dict[str, str]) -> Decimal:
        return Decimal(money["amount"])

    assert {row["tax"] for row in data["tax_summary"]} <= {"CGST", "SGST"}
    assert amount(data["tax"]) == sum(amount(row["amount"]) for row in data["tax_summary"])
    assert amount(data["tax"]) == sum(amount(line["tax"]) for line in data["lines"])
    for line in data["lines"]:
        assert amount(line["gross"]) == amount(line["net"]) + amount(line["tax"])
    assert amount(data["grand_total"]) == sum(
        amount(line["gross"]) for line in data["lines"]
    )
