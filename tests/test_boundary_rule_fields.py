"""A refusal by the quote's rules names the request field it points at, and names the
same one through the ``commercekit quote`` command and the HTTP service (issue 18):
both map the rules' own names with ``commercekit.serde.QUOTE_REQUEST_WHERE``.

Each request is a bundled or documented example with one fact taken away or changed,
so the refusal is the rule's, not the reader's (the JSON itself is well formed). The
same request inside ``/refund``'s ``quote_request`` is named under that prefix.
"""

from __future__ import annotations

import copy
import io
import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from commercekit.cli import main
from commercekit.serde import example_request
from commercekit.service._app import build_app
from tests.test_payment_json import _contract, _german_shop
from tests.test_rate_facts_json import _request as _hotel_stay
from tests.test_service_fields import US_QUOTE, _put

with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CLIENT = TestClient(build_app())
Json = dict[str, Any]

MASSACHUSETTS_HOLIDAY = {
    "cart": {"lines": [
        {"sku": "LAMP", "unit_price": {"amount": "40.00", "currency": "USD"},
         "quantity": 1},
        {"sku": "TV", "unit_price": {"amount": "100.00", "currency": "USD"},
         "quantity": 1},
    ]},
    "seller": {"country": "US", "registrations": ["US-MA"]},
    "buyer": {"country": "US", "subdivision": "US-MA"},
    # 2025-08-09, the first day of Massachusetts' 2025 general-goods holiday
    "at": "2025-08-09T12:00:00-04:00",
    "prices_include_tax": False,
    "products": {"LAMP": {"tax_category": "exempt"}, "TV": {"tax_category": "standard"}},
}  # fmt: skip


def _without(name: str, *path: str) -> Callable[[], Json]:
    """The bundled example ``name`` without the last key of ``path``."""

    def made() -> Json:
        data = example_request(name)
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
        return data

    return made


def _changed(
    made: Callable[[], Json], change: Callable[[Json], object]
) -> Callable[[], Json]:
    def changed() -> Json:
        data = made()
        change(data)
        return data

    return changed


def _hotel_without_facts() -> Json:
    data = _hotel_stay()
    del data["products"]["SUITE"]["rate_facts"]
    return data


def _contract_without_credit_cards() -> Json:
    data = _contract(_german_shop())
    rows = data["payment"]["fee_schedule"]
    data["payment"]["fee_schedule"] = [
        r for r in rows if r["card_type"] != "consumer_credit"
    ]
    return data


CASES: dict[str, tuple[Callable[[], Json], str, str]] = {
    # name: the request, the error, the field named
    "US local rates missing": (
        lambda: _put(US_QUOTE, "local_rates", None), "MissingDataError", "local_rates"),
    "US local rate silent on a category (a rate source gap)": (
        lambda: _put(US_QUOTE, "local_rates[1].categories", {}),
        "MissingDataError", "local_rates[1].categories"),
    "an unconfirmed general-goods holiday (Massachusetts)": (
        lambda: copy.deepcopy(MASSACHUSETTS_HOLIDAY),
        "MissingDataError", "products['TV'].tax_category"),
    "India: the fact a hotel's rate turns on": (
        _hotel_without_facts, "MissingDataError",
        "products['SUITE'].rate_facts.unit_value_per_day"),
    "an unknown SKU": (
        lambda: _put(example_request("nl-to-de-consumer"), "cart.lines[0].sku", "QZ"),
        "MissingDataError", "products['QZ']"),
    "an unknown postcode": (
        lambda: _put(example_request("nl-to-de-consumer"), "buyer.postcode", "QZ"),
        "UnknownCountryError", "buyer.postcode"),
    "an unknown shipping service": (
        lambda: _put(example_request("nl-to-de-consumer"), "shipping.service", "QZ"),
        "InvalidAmountChoiceError", "shipping.service"),
    "a weight a rate card needs": (
        _without("nl-to-de-consumer", "products", "TEE-ORGANIC", "weight_kg"),
        "MissingDataError", "products['TEE-ORGANIC'].weight_kg"),
    "an HS code duty needs": (
        _without("nl-to-us-ddp", "products", "TEE-ORGANIC", "hs_code"),
        "MissingDataError", "products['TEE-ORGANIC'].hs_code"),
    "an origin duty needs": (
        _without("nl-to-us-ddp", "products", "TEE-ORGANIC", "origin"),
        "MissingDataError", "products['TEE-ORGANIC'].origin"),
    "no tariff where duty is due": (
        _without("nl-to-us-ddp", "tariff"), "MissingDataError", "tariff"),
    "no exchange rate for a threshold": (
        _without("nl-to-gb-consumer", "exchange_rates"),
        "MissingExchangeRateError", "exchange_rates"),
    "a surcharge the law refuses": (
        _changed(_german_shop, lambda data: data["payment"].update(issuer_country="DE")),
        "SurchargeRefusedError", "payment.surcharge"),
    "a conversion said of a payment in its own currency": (
        _changed(_german_shop, lambda data: data["payment"].update(converted=True)),
        "InvalidPaymentFlagError", "payment.converted"),
    "a fee schedule without the card's row": (
        _contract_without_credit_cards, "MissingPaymentCostError", "payment"),
}  # fmt: skip


def _cli_refusal(data: Json, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "request.json"
    path.write_text(json.dumps(data))
    assert main(["quote", str(path)], out=io.StringIO()) == 2
    said = capsys.readouterr().err
    assert said.startswith("commercekit: "), said
    assert said.count("\n") == 1, said
    return said.removeprefix("commercekit: ").rstrip("\n")


@pytest.mark.parametrize(("made", "error", "field"), CASES.values(), ids=CASES)
def test_the_cli_and_http_name_the_same_field(
    made: Callable[[], Json],
    error: str,
    field: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    problem = CLIENT.post("/quote", json=made()).json()
    assert (problem["status"], problem["error"]) == (422, error), problem
    assert problem["field"] == field, problem["detail"]
    said = _cli_refusal(made(), tmp_path, capsys)
    assert said == f"{field}: {problem['detail']}"
    refund = CLIENT.post("/refund", json={"quote_request": made(), "returned_lines": {}})
    assert refund.json()["field"] == f"quote_request.{field}", refund.text


def test_a_huge_sku_is_named_in_a_path_of_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 5 MB SKU the products do not describe: the path names it shortened, as the
    message does (it was the whole SKU, 5 MB, in the problem's ``field`` and in the
    command's one line)."""
    data = _put(example_request("nl-to-de-consumer"), "cart.lines[0].sku", "x" * 5_000_000)
    problem = CLIENT.post("/quote", json=data).json()
    assert problem["field"].startswith("products['xxx"), problem["field"][:200]
    assert len(problem["field"]) <= 200
    said = _cli_refusal(data, tmp_path, capsys)
    assert said.startswith(problem["field"] + ": ")
    assert len(said) < 2000
