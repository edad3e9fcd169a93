"""Quotes of requests written by hand as a plugin would, read through the JSON boundary:
every total equals the sum of the parts the JSON quote shows, and the quote validates
against the quote schema.

New York with local rates (clothing under and over USD 110, complete and partial),
Texas on its 2025 sales tax holiday (clothing below USD 100 exempt from state and local
tax, Tax Code 151.326) with taxable shipping, Washington with a combined shipping and
handling charge, an Indian hotel (rooms at Rs 8,000 and Rs 7,500 a day), and the
bundled German consumer example (tax-inclusive prices, promotions, payment).
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from commercekit.checkout import quote
from commercekit.serde import (
    example_request,
    json_document,
    quote_request_from_json,
    quote_schema,
    quote_to_json,
    request_schema,
)
from tests.test_json_boundary_refusals import CARD
from tests.test_rate_facts_json_hotel import REQUEST as HOTEL

NY = json_document(
    (Path(__file__).parent.parent / "docs/examples/us-ny-local-rates.json").read_bytes()
)


def _usd(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "USD"}


def _ny(*, partial: bool) -> dict[str, Any]:
    request = copy.deepcopy(NY)
    request["cart"]["lines"] = [
        *({"sku": f"MUG{i}", "unit_price": _usd("1.00"), "quantity": 1} for i in range(3)),
        {"sku": "SOCK", "unit_price": _usd("109.99"), "quantity": 3},
        {"sku": "BOOT", "unit_price": _usd("110.00"), "quantity": 1},
    ]
    request["products"] = {f"MUG{i}": {"tax_category": "standard"} for i in range(3)}
    request["products"] |= {
        "SOCK": {"tax_category": "clothing"},
        "BOOT": {"tax_category": "clothing"},
    }
    request["partial"] = partial
    return request


def _texas() -> dict[str, Any]:
    local = {"source": "example figure", "as_of": "2025-01-01", "categories": {}}
    return {
        "cart": {"lines": [
            {"sku": "JEANS", "unit_price": _usd("99.99"), "quantity": 2},
            {"sku": "JACKET", "unit_price": _usd("100.00"), "quantity": 1},
            {"sku": "LAMP", "unit_price": _usd("40.00"), "quantity": 1},
        ]},
        "seller": {"country": "US", "registrations": ["US-TX"]},
        "buyer": {"country": "US", "subdivision": "US-TX"},
        "at": "2025-08-09T12:00:00-05:00",
        "prices_include_tax": False,
        "products": {
            "JEANS": {"tax_category": "clothing", "weight_kg": "0.8"},
            "JACKET": {"tax_category": "clothing", "weight_kg": "1"},
            "LAMP": {"tax_category": "standard", "weight_kg": "2"},
        },
        "shipping": {"rate_cards": [CARD]},
        "local_rates": [
            local | {"name": "A city", "type": "city", "rate": "1"},
            local | {"name": "A transit district", "type": "district", "rate": "1"},
        ],
    }  # fmt: skip


def _washington() -> dict[str, Any]:
    return {
        "cart": {"lines": [{"sku": "LAMP", "unit_price": _usd("80.00"), "quantity": 1}]},
        "seller": {"country": "US", "registrations": ["US-WA"]},
        "buyer": {"country": "US", "subdivision": "US-WA"},
        "at": "2026-06-01T12:00:00+00:00",
        "prices_include_tax": False,
        "products": {"LAMP": {"tax_category": "standard", "weight_kg": "2"}},
        "shipping": {"rate_cards": [CARD], "includes_handling": True},
        "partial": True,
    }


REQUESTS = {
    "ny": (_ny(partial=False), "10.03"),
    "ny-partial": (_ny(partial=True), "10.03"),
    "texas-holiday": (_texas(), "11.89"),
    "washington-handling": (_washington(), "5.85"),
    "india-hotel": (HOTEL, "4005.00"),
    "eu-consumer": (example_request("nl-to-de-consumer"), "10.35"),
}


def _sum(items: list[dict[str, Any]], key: str) -> Decimal:
    return sum((Decimal(item[key]["amount"]) for item in items), Decimal(0))


def _amount(money: dict[str, str] | None) -> Decimal:
    return Decimal(0) if money is None else Decimal(money["amount"])


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_every_total_is_the_sum_of_its_parts(name: str) -> None:
    """subtotal = the lines' gross; tax = the lines' tax + shipping's + a surcharge's
    = the tax summary's amounts; grand total = subtotal + shipping gross + surcharge
    gross + border charges collected; each line's net + tax = its gross where prices
    exclude tax; the figures asked are those the law gives (see the module)."""
    request, tax = REQUESTS[name]
    assert not list(Draft202012Validator(request_schema()).iter_errors(request))
    written = quote_to_json(quote(*quote_request_from_json(request)))
    assert not list(Draft202012Validator(quote_schema()).iter_errors(written))
    lines, shipping = written["lines"], written["shipping"]
    surcharge = (written["payment"] or {}).get("surcharge")
    charges = [part for part in (shipping, surcharge) if part]
    assert _amount(written["subtotal"]) == _sum(lines, "gross")
    assert _amount(written["tax"]) == _sum(lines, "tax") + _sum(charges, "tax")
    assert _amount(written["tax"]) == _sum(written["tax_summary"], "amount")
    assert _amount(written["tax"]) == Decimal(tax)
    assert _amount(written["grand_total"]) == (
        _amount(written["subtotal"])
        + _sum(charges, "gross")
        + _amount(written["border_charges"]["collected_at_checkout"])
    )
    if not request["prices_include_tax"]:
        for line in lines:
            assert _amount(line["net"]) + _amount(line["tax"]) == _amount(line["gross"])


def test_the_quote_schema_says_what_each_total_holds() -> None:
    """Before, subtotal, tax, grand_total and due_at_delivery had no description: a
    plugin could not tell that subtotal holds the lines' tax."""
    fields = quote_schema()["properties"]
    assert "gross" in fields["subtotal"]["description"]
    assert "tax_summary" in fields["tax"]["description"]
    assert "subtotal + shipping gross" in fields["grand_total"]["description"]
    assert "not in grand_total" in fields["due_at_delivery"]["description"]
