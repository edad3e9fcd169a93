"""India, third review (issue 18): what a new user is told when a fact is missing or
wrong, through Python, the command line and JSON.

- a passenger transport line to a buyer without a GSTIN is placed where the passenger
  embarks (IGST Act s. 12(9)(b)); the refusal says so, each journey apart (s. 12(9)
  Explanation: a return journey is a separate journey) and names the context's
  ``service_facts`` in a quote, whichever of its facts is wrong;
- lines placed by two rules in one quote are refused at ``cart.lines`` (the quote's
  own field), not ``sale.lines``;
- the command line prefixes a missing fact with its JSON path, as the HTTP service's
  ``field`` does;
- an amount of ``RateFacts`` that is not money is refused naming its field.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.cli import main
from commercekit.errors import InvalidInputError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import Buyer, RateFacts, Seller, ServiceFacts

RIDE = Product("RIDE", "passenger_transport", rate_facts=RateFacts(conveyance="radio_taxi"))
SHOE = Product(
    "SHOE", "footwear", rate_facts=RateFacts(marked_retail_price=Money("450.00", "INR"))
)


def _quote(service: ServiceFacts | None, skus: tuple[str, ...] = ("RIDE",)) -> None:
    context = CheckoutContext(
        Seller("IN", {"IN-KA"}), Buyer("IN", subdivision="IN-MH"),
        at=datetime(2024, 10, 2, 12, tzinfo=UTC), prices_include_tax=False,
        products={"RIDE": RIDE, "SHOE": SHOE}, service_facts=service,
    )  # fmt: skip
    lines = [CartLine(sku, Money("250.00", "INR"), 2) for sku in skus]
    quote(Cart(lines), context)


@pytest.mark.parametrize(
    ("service", "field"),
    [
        (None, "service_facts.location"),
        (ServiceFacts("passenger_transport"), "service_facts.location"),
        (ServiceFacts("general"), "service_facts.kind"),
    ],
)
def test_a_ride_without_its_place_of_embarkation_says_what_to_pass(
    service: ServiceFacts | None, field: str
) -> None:
    with pytest.raises(MissingDataError) as missing:
        _quote(service)
    said = str(missing.value)
    assert missing.value.field == field
    assert "the State where the passenger embarks" in said
    assert "return journey" in said
    assert "CheckoutContext(service_facts=" in said


def test_a_ride_with_goods_is_refused_at_the_carts_lines() -> None:
    with pytest.raises(MissingDataError, match=r"12\(9\)") as missing:
        _quote(ServiceFacts("passenger_transport", location="IN-KA"), ("RIDE", "SHOE"))
    assert missing.value.field == "cart.lines"


def _ride_request() -> dict[str, Any]:
    return {
        "cart": {"lines": [{"sku": "RIDE", "quantity": 2,
                            "unit_price": {"amount": "250.00", "currency": "INR"}}]},
        "seller": {"country": "IN", "registrations": ["IN-KA"]},
        "buyer": {"country": "IN", "subdivision": "IN-MH"},
        "at": "2024-10-02T12:00:00+05:30",
        "prices_include_tax": False,
        "products": {"RIDE": {"tax_category": "passenger_transport",
                              "rate_facts": {"conveyance": "radio_taxi"}}},
    }  # fmt: skip


def test_the_command_line_names_the_json_path_of_a_missing_fact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ride.json"
    path.write_text(json.dumps(_ride_request()), "utf-8")
    assert main(["quote", str(path)], out=io.StringIO()) == 2
    assert capsys.readouterr().err.startswith(
        "commercekit: service_facts.location: missing "
    )
    request = _ride_request()
    request["service_facts"] = {"kind": "passenger_transport", "location": "IN-KA"}
    path.write_text(json.dumps(request), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path)], out=out) == 0
    assert "IGST Act s. 12(9)(b)" in out.getvalue()  # the why cites the rule


@pytest.mark.parametrize("field", ["marked_retail_price", "unit_value_per_day"])
@pytest.mark.parametrize("bad", ["450.00", 450, True, Decimal("450")])
def test_an_amount_that_is_not_money_names_its_field(field: str, bad: object) -> None:
    with pytest.raises(InvalidInputError) as refused:
        RateFacts(**{field: bad})  # type: ignore[arg-type]
    assert refused.value.field == field
