"""A refusal names the argument the caller gave the refused value as.

Shared checks (``require_money``, a currency's or a country's code) cannot know the
argument they check; at the library's door (a public function, method or value object
called from outside the library) the refusal is given the name of the argument that
holds the refused value. A duplicate JSON key is refused at its JSON path.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from starlette.testclient import TestClient

from commercekit.errors import CommerceKitError, CurrencyMismatchError, InvalidJsonError
from commercekit.metrics import MarginBreakdown
from commercekit.money import Money, sum_money
from commercekit.pricing import Cart, CartLine, margin_of
from commercekit.serde import (
    example_request,
    example_requests,
    json_document,
    quote_request_from_json,
)
from commercekit.service import create_app
from commercekit.tax import Sale
from tests.hostile import metrics as metrics_calls
from tests.hostile import tax as tax_calls


def _refusal(call: Any) -> CommerceKitError:
    with pytest.raises(CommerceKitError) as caught:
        call()
    return caught.value


def _sale(**changed: object) -> Sale:
    return Sale(**{**tax_calls.CALLS["Sale"]().kwargs, **changed})


def test_a_value_object_names_the_field_a_shared_check_refused() -> None:
    """``Sale.price`` is checked by ``require_money``, which names no field."""
    error = _refusal(lambda: _sale(price=0.1))
    assert getattr(error, "field", None) == "price"
    assert str(error).endswith("(argument 'price')")


def test_a_function_names_its_argument() -> None:
    error = _refusal(lambda: margin_of(0.1, Money("3.00", "EUR")))
    assert getattr(error, "field", None) == "price"


def test_money_names_its_amount_and_its_currency_not_the_checks_argument() -> None:
    """``Money`` checks its currency through ``validate_currency(code)``: the refusal
    names ``currency``, the caller's word, never ``code``."""
    assert getattr(_refusal(lambda: Money(0.1, "EUR")), "field", None) == "amount"
    assert getattr(_refusal(lambda: Money("1", Decimal(1))), "field", None) == "currency"


def test_an_item_of_a_list_is_named_by_its_place() -> None:
    error = _refusal(lambda: sum_money([Money("1", "EUR"), 0.1], "EUR"))
    assert getattr(error, "field", None) == "items[1]"
    line = CartLine("MUG", Money("9.00", "EUR"), 1)
    assert getattr(_refusal(lambda: Cart([line, 0.1])), "field", None) == "lines[1]"


def test_the_one_amount_in_another_currency_is_named() -> None:
    """Among amounts in euro, the one in yen is named; two amounts that disagree,
    one in each currency, name neither (either may be the wrong one)."""
    fields = metrics_calls.CALLS["MarginBreakdown"]().kwargs
    name = next(k for k, v in fields.items() if isinstance(v, Money) and k != "revenue")
    odd = {**fields, name: Money("1", "JPY")}
    error = _refusal(lambda: MarginBreakdown(**odd))
    assert isinstance(error, CurrencyMismatchError)
    assert getattr(error, "field", None) == name
    two = _refusal(lambda: margin_of(Money("10", "JPY"), Money("3.00", "EUR")))
    assert getattr(two, "field", None) is None


def test_a_flag_given_true_is_not_named_for_a_refused_true_elsewhere() -> None:
    """``True`` is looked for only in arguments that cannot hold a flag: the sale's
    ``shipping_shown_separately=True`` is not taken for the refused price."""
    error = _refusal(lambda: _sale(price=True, shipping_shown_separately=True))
    assert getattr(error, "field", None) == "price"


def test_a_refusal_from_the_librarys_own_code_keeps_its_json_path() -> None:
    """Reading JSON calls the same value objects; their refusals name the JSON path,
    not the constructor's argument."""
    data = example_request(example_requests()[0])
    data["cart"]["lines"][0]["unit_price"] = {"amount": "NaN", "currency": "EUR"}
    error = _refusal(lambda: quote_request_from_json(data))
    assert isinstance(error, InvalidJsonError)
    assert error.field == "cart.lines[0].unit_price.amount"


def test_a_duplicate_key_is_refused_at_its_json_path() -> None:
    with pytest.raises(InvalidJsonError) as caught:
        json_document('{"cart": {"lines": [{"sku": "A"}, {"sku": "B", "sku": "C"}]}}')
    assert caught.value.field == "cart.lines[1].sku"
    assert str(caught.value).startswith("cart.lines[1].sku: appears twice")


_DEEP = b"[" * 10_000 + b"]" * 10_000
HOSTILE_BODIES = {
    "nested 10,000 deep": _DEEP,
    "10 MB string": b'{"cart": "' + b"x" * (10 * 1024 * 1024) + b'"}',
    "number 1e999999": b'{"cart": 1e999999}',
    "integer of 5,000 digits": b'{"cart": ' + b"9" * 5000 + b"}",
    "duplicate keys": b'{"cart": {}, "cart": {}}',
    "not UTF-8": b'{"cart": "\xff\xfe"}',
    "UTF-16": '{"cart": {}}'.encode("utf-16"),
    "NaN": b'{"cart": NaN}',
    "empty": b"",
}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), raise_server_exceptions=False)


@pytest.mark.parametrize("body", HOSTILE_BODIES, ids=str)
def test_every_endpoint_refuses_a_hostile_body_with_a_json_4xx(
    client: TestClient, body: str
) -> None:
    """Each POST endpoint answers each hostile body with a 4xx problem in JSON (never
    a 500), and the wrong content type with a 415 naming the endpoint."""
    posts = [r.path for r in client.app.routes if "POST" in (r.methods or ())]  # type: ignore[attr-defined]
    for path in posts:
        answer = client.post(
            path, content=HOSTILE_BODIES[body], headers={"content-type": "application/json"}
        )
        assert 400 <= answer.status_code < 500, (path, answer.text[:200])
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["detail"]
        wrong_type = client.post(
            path, content=b"{}", headers={"content-type": "text/plain"}
        )
        assert wrong_type.status_code == 415
        assert path in wrong_type.json()["detail"]


def test_a_duplicate_key_in_a_body_is_refused_at_its_path(client: TestClient) -> None:
    answer = client.post(
        "/quote",
        content=b'{"cart": {"lines": [{"sku": "A", "sku": "B"}]}}',
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 400
    assert answer.json()["field"] == "cart.lines[0].sku"
