"""A checkout quote of services: the context's ``service_facts`` make the cart a sale
of services, and within India through an e-commerce operator the quote shows the tax
as the operator's (CGST Act s. 9(5)); read and written as JSON, served over HTTP, each
refusal naming its field.

Worked example (INR, tax-inclusive prices, CGST 9 % + SGST 9 %, the bundled residual
rows, each line on one base, ``extract_tax``): plumbing 499.00: 499.00 x 100 / 118 =
422.881 -> 422.88, 9 % = 38.0592 -> 38.06 twice, net 499.00 - 76.12 = 422.88;
carpentry 2 x 99.99 = 199.98: 169.4746 -> 169.47, 9 % = 15.2523 -> 15.25 twice, net
199.98 - 30.50 = 169.48. CGST = SGST = 38.06 + 15.25 = 53.31; tax 106.62; the total
698.98 = 499.00 + 199.98."""

from __future__ import annotations

import json
import warnings
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from importlib.resources import files
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import InvalidInputError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.serde import quote_request_from_json, quote_request_to_json, quote_to_json
from commercekit.service._app import build_app
from commercekit.shipping import example_rate_cards
from commercekit.tax import Buyer, Collector, Seller, ServiceFacts

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SCHEMA = "quote-request.schema.json"
IST = timezone(timedelta(hours=5, minutes=30))
AT = datetime(2026, 6, 1, 12, tzinfo=IST)
FACTS = ServiceFacts(
    "general", operator_service="housekeeping", supplier_liable_to_register=False
)
PRODUCTS = {sku: Product(sku, "standard") for sku in ("PLUMBING", "CARPENTRY")}


def _context(**changed: Any) -> CheckoutContext:
    fields: dict[str, Any] = {
        "seller": Seller("IN", {"IN-KA"}),
        "buyer": Buyer("IN", subdivision="IN-KA"),
        "at": AT,
        "prices_include_tax": True,
        "products": PRODUCTS,
        "marketplace": "HomeFix",
        "service_facts": FACTS,
    }
    return CheckoutContext(**(fields | changed))


CART = Cart(
    [
        CartLine("PLUMBING", Money("499.00", "INR"), 1),
        CartLine("CARPENTRY", Money("99.99", "INR"), 2),
    ]
)


def test_housekeeping_through_an_operator_worked_example() -> None:
    result = quote(CART, _context())
    assert [(line.sku, line.net, line.tax) for line in result.lines] == [
        ("CARPENTRY", Money("169.48", "INR"), Money("30.50", "INR")),
        ("PLUMBING", Money("422.88", "INR"), Money("76.12", "INR")),
    ]
    assert [(row.tax, row.base, row.amount) for row in result.tax_summary] == [
        ("CGST", Money("592.36", "INR"), Money("53.31", "INR")),
        ("SGST", Money("592.36", "INR"), Money("53.31", "INR")),
    ]
    assert result.tax == Money("106.62", "INR")
    assert result.grand_total == Money("698.98", "INR")
    assert result.decision.collected_by is Collector.MARKETPLACE
    assert "paid by the e-commerce operator" in (result.decision.scheme or "")
    assert any("s. 9(5)" in note and "clause (iii)" in note for note in result.explanation)
    assert result.shipping is None
    assert result.landed is None


def test_the_supplier_pays_where_the_exception_holds() -> None:
    facts = attrs.evolve(FACTS, supplier_liable_to_register=True)
    result = quote(CART, _context(service_facts=facts))
    assert result.decision.collected_by is Collector.SELLER
    assert result.tax == Money("106.62", "INR")


@given(
    st.lists(
        st.integers(min_value=0, max_value=10**7).map(lambda n: Decimal(n).scaleb(-2)),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
)
def test_every_total_is_the_sum_of_its_parts(
    prices: list[Decimal], inclusive: bool
) -> None:
    """For any prices, shown with or without tax: each line's net + tax = gross, the
    CGST row equals the SGST row, the rows add up to the tax, and the grand total is
    the lines' gross; the operator pays the tax throughout."""
    products = {f"S{i}": Product(f"S{i}", "standard") for i in range(len(prices))}
    cart = Cart(
        [CartLine(f"S{i}", Money(price, "INR"), 1) for i, price in enumerate(prices)]
    )
    result = quote(cart, _context(products=products, prices_include_tax=inclusive))
    for line in result.lines:
        assert line.net + line.tax == line.gross
    cgst, sgst = result.tax_summary
    assert cgst.amount == sgst.amount
    assert cgst.amount + sgst.amount == result.tax
    assert result.grand_total == sum(
        (line.gross for line in result.lines), Money("0.00", "INR")
    )
    assert result.decision.collected_by is Collector.MARKETPLACE


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        (ServiceFacts("general"), "service_facts.operator_service"),
        (
            ServiceFacts("general", operator_service="housekeeping"),
            "service_facts.supplier_liable_to_register",
        ),
        (
            ServiceFacts("event", location="IN-KA", operator_service="other"),
            "service_facts.kind",
        ),
    ],
)
def test_a_missing_fact_names_the_contexts_field(facts: ServiceFacts, field: str) -> None:
    with pytest.raises(MissingDataError) as refused:
        quote(CART, _context(service_facts=facts))
    assert refused.value.field == field


def test_a_service_is_not_shipped() -> None:
    with pytest.raises(InvalidInputError) as refused:
        _context(rate_cards=example_rate_cards())
    assert refused.value.field == "rate_cards"


def test_json_round_trip_and_http() -> None:
    data = quote_request_to_json(CART, _context())
    assert data["service_facts"] == {
        "kind": "general",
        "operator_service": "housekeeping",
        "supplier_liable_to_register": False,
    }
    schema = json.loads(files("commercekit.schemas").joinpath(SCHEMA).read_text())
    Draft202012Validator(schema).validate(data)
    cart, context = quote_request_from_json(data)
    assert (cart, context) == (CART, _context())
    client = TestClient(build_app())
    answer = client.post("/quote", json=data)
    assert answer.status_code == 200, answer.text
    assert answer.json() == quote_to_json(quote(CART, _context()))
    assert answer.json()["decision"]["collected_by"] == "marketplace"
    for facts, field in [
        ({"kind": "general", "operator_service": "housekeeping"},
         "service_facts.supplier_liable_to_register"),
        ({"kind": "general", "operator_service": "taxi"}, "service_facts.operator_service"),
        ({"kind": "general", "at_specified_premises": False},
         "service_facts.at_specified_premises"),
    ]:  # fmt: skip
        problem = client.post("/quote", json=data | {"service_facts": facts}).json()
        assert problem["field"] == field, problem


@pytest.mark.parametrize(
    "bad", [1.5, float("nan"), True, "housekeeping", {"kind": "general"}, FACTS.kind]
)
def test_service_facts_must_be_service_facts(bad: object) -> None:
    with pytest.raises(InvalidInputError) as refused:
        _context(service_facts=bad)
    assert refused.value.field == "service_facts"
