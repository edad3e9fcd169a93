"""A JSON quote request carries each product's ``rate_facts`` (``Product.rate_facts``).

India's GST rate for a hotel room turns on its value per day, a restaurant's on its
premises, a flight's on its class (``commercekit.tax.RateFacts``). Before, the request's
product had no such field: a plugin asking for a hotel room was refused with
``products['SUITE'].rate_facts: is not a known field``, and ``quote_request_to_json``
dropped the facts of a context that had them.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import InvalidJsonError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.serde import (
    quote_request_from_json,
    quote_request_to_json,
    request_schema,
)
from commercekit.tax import Buyer, RateFacts, Seller, ServiceFacts


def _inr(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "INR"}


REQUEST: dict[str, Any] = {
    "cart": {"lines": [
        {"sku": "SUITE", "unit_price": _inr("8000.00"), "quantity": 2},
        {"sku": "ROOM", "unit_price": _inr("7500.00"), "quantity": 3},
    ]},
    "seller": {"country": "IN", "registrations": ["IN-KA"]},
    "buyer": {"country": "IN", "subdivision": "IN-KA"},
    "service_facts": {"kind": "immovable_property", "location": "IN-KA"},
    "at": "2026-06-01T12:00:00+05:30",
    "prices_include_tax": False,
    "products": {
        "SUITE": {"tax_category": "accommodation",
                  "rate_facts": {"unit_value_per_day": _inr("8000.00")}},
        "ROOM": {"tax_category": "accommodation",
                 "rate_facts": {"unit_value_per_day": _inr("7500.00")}},
    },
}  # fmt: skip


def test_a_hotel_room_is_quoted_from_json() -> None:
    """Rs 8,000 a day is above Rs 7,500: 18 % (9 + 9); Rs 7,500 is not: 5 % (2.5 +
    2.5), as the Python quote in docs/selling-to-us-and-india.md gives them."""
    assert not list(Draft202012Validator(request_schema()).iter_errors(REQUEST))
    result = quote(*quote_request_from_json(REQUEST))
    by_sku = {line.sku: line for line in result.lines}
    assert [(r.tax, str(r.rate)) for r in by_sku["SUITE"].rates] == [
        ("CGST", "9"),
        ("SGST", "9"),
    ]
    assert by_sku["SUITE"].tax == Money("2880.00", "INR")
    assert [str(r.rate) for r in by_sku["ROOM"].rates] == ["2.5", "2.5"]
    assert by_sku["ROOM"].tax == Money("1125.00", "INR")
    assert result.tax == Money("4005.00", "INR")


def test_the_same_figures_as_the_python_context() -> None:
    suite = Product(
        "SUITE",
        "accommodation",
        rate_facts=RateFacts(unit_value_per_day=Money("8000.00", "INR")),
    )
    context = CheckoutContext(
        Seller("IN", {"IN-KA"}),
        Buyer("IN", subdivision="IN-KA"),
        at=datetime(2026, 6, 1, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={"SUITE": suite},
        service_facts=ServiceFacts("immovable_property", location="IN-KA"),
    )
    cart = Cart([CartLine("SUITE", Money("8000.00", "INR"), 2)])
    written = quote_request_to_json(cart, context)
    assert written["products"]["SUITE"]["rate_facts"] == {
        "unit_value_per_day": _inr("8000.00")
    }
    again = quote_request_from_json(written)
    assert again == (cart, context)
    assert quote(*again).tax == quote(cart, context).tax == Money("2880.00", "INR")


def test_a_product_without_facts_writes_none() -> None:
    request = copy.deepcopy(REQUEST)
    request["products"] = {"SUITE": {"tax_category": "standard"}}
    request["cart"]["lines"] = request["cart"]["lines"][:1]
    written = quote_request_to_json(*quote_request_from_json(request))
    assert written["products"] == {"SUITE": {"tax_category": "standard"}}


FACTS = "products['SUITE'].rate_facts"


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        ({"unit_value_per_day": 8000}, f"{FACTS}.unit_value_per_day"),
        ({"unit_value_per_day": _inr("-1.00")}, f"{FACTS}.unit_value_per_day.amount"),
        ({"air_class": "first"}, "products['SUITE'].rate_facts.air_class"),
        ({"value": "8000"}, "products['SUITE'].rate_facts.value"),
        ("8000", "products['SUITE'].rate_facts"),
    ],
)  # fmt: skip
def test_wrong_facts_are_refused_at_their_path(facts: object, field: str) -> None:
    request = copy.deepcopy(REQUEST)
    request["products"]["SUITE"]["rate_facts"] = facts
    with pytest.raises(InvalidJsonError) as error:
        quote_request_from_json(request)
    assert error.value.field == field


def test_a_room_without_its_value_is_refused_by_its_field() -> None:
    request = copy.deepcopy(REQUEST)
    del request["products"]["SUITE"]["rate_facts"]
    with pytest.raises(MissingDataError) as error:
        quote(*quote_request_from_json(request))
    assert error.value.field == "products['SUITE'].rate_facts.unit_value_per_day"
