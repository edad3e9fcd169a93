"""The JSON boundary's last rough edges (issue 18): what the ``commercekit quote``
command and the HTTP service say of a request that is almost right.

Each test sends the same text both ways and checks the field named and the words:
a number beyond a float's range as it was written, codes in the case the schema
says, the charset a body may have, the rate cards a heavy cart exceeds, and hints in
the request's words rather than Python's.
"""

from __future__ import annotations

import io
import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from commercekit import _json_words as json_words_module
from commercekit.cli import main
from commercekit.serde import example_request, request_schema
from tests.test_boundary_rule_fields import (
    CLIENT,
    _contract_without_credit_cards,
    _hotel_without_facts,
    _without,
)
from tests.test_payment_json import _german_shop
from tests.test_service_fields import US_QUOTE, _put

Json = dict[str, Any]


def _both(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Json, str]:
    """The HTTP problem and the command's one line for the request ``text``."""
    problem = CLIENT.post(
        "/quote", content=text.encode(), headers={"content-type": "application/json"}
    ).json()
    path = tmp_path / "request.json"
    path.write_text(text, encoding="utf-8")
    assert main(["quote", str(path)], out=io.StringIO()) == 2
    said = capsys.readouterr().err
    assert said.count("\n") == 1, said
    return problem, said.removeprefix("commercekit: ").rstrip("\n")


@pytest.mark.parametrize(
    ("written", "where", "field"),
    [
        ('"quantity": 1e999', '"quantity": 2', "cart.lines[0].quantity"),
        ('"amount": 1e999', '"amount": "24.95"', "cart.lines[0].unit_price.amount"),
        ('"amount": -1E+999', '"amount": "24.95"', "cart.lines[0].unit_price.amount"),
        ('"amount": 1e-999', '"amount": "24.95"', "cart.lines[0].unit_price.amount"),
    ],
)
def test_a_number_beyond_range_is_shown_as_written(
    written: str,
    where: str,
    field: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``1e999`` was "the JSON number inf" (and ``1e-999`` "0.0"): a value the request
    never wrote."""
    text = json.dumps(example_request("nl-to-de-consumer")).replace(where, written, 1)
    problem, said = _both(text, tmp_path, capsys)
    number = written.partition(": ")[2]
    assert problem["field"] == field
    assert f"the JSON number {number} " in problem["detail"], problem["detail"]
    assert "inf" not in problem["detail"].replace("information", "")
    assert said == f"{field}: {problem['detail'].removeprefix(field + ': ')}"


@pytest.mark.parametrize("charset", ["utf-16", '"UTF-16LE"', "latin-1"])
def test_a_charset_other_than_utf8_is_named_with_the_one_accepted(charset: str) -> None:
    """A 415 said only "send it with Content-Type: application/json", which the
    request had: the charset was the fault (RFC 8259 8.1: JSON between systems is
    UTF-8)."""
    content_type = f"application/json; charset={charset}"
    answer = CLIENT.post("/quote", content=b"{}", headers={"content-type": content_type})
    assert answer.status_code == 415
    detail = answer.json()["detail"]
    assert f"had charset '{charset.strip(chr(34)).lower()}'" in detail, detail
    assert "UTF-8" in detail, detail


def test_a_cart_too_heavy_for_every_card_names_the_rate_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """500 tees of 0.25 kg and an atlas of 0.90 kg, 125.90 kg: no bracket of the
    example cards takes it. The refusal named no field."""
    request = example_request("nl-to-de-consumer")
    request["cart"]["lines"][0]["quantity"] = 500
    problem, said = _both(json.dumps(request), tmp_path, capsys)
    assert problem["error"] == "MissingDataError"
    assert problem["field"] == "shipping.rate_cards", problem
    assert "125.90 kg" in problem["detail"]
    assert said == f"shipping.rate_cards: {problem['detail']}"


def _patterns(node: object) -> list[str]:
    """Every ``pattern`` in a JSON Schema (or an OpenAPI document's schemas)."""
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


@pytest.mark.parametrize("code", ["EUR", "FR"])
def test_the_schemas_take_codes_in_any_case_as_the_reader_does(code: str) -> None:
    """The reader takes ``"eur"`` and ``"fr"`` (read as ``EUR``, ``FR``), as the
    request schema's ``[A-Za-z]`` patterns say; the rate card's currency and the
    OpenAPI document's ``Money`` said ``^[A-Z]{3}$``, so a validator refused what the
    service quotes."""
    schema = json.loads(files("commercekit.service").joinpath("openapi.json").read_text())
    documents = [schema, request_schema()]
    codes = [p for d in documents for p in _patterns(d) if re.search(p, code)]
    assert codes, "no pattern takes a code"
    assert [p for p in codes if not re.search(p, code.lower())] == []


def test_lower_case_codes_and_a_byte_order_mark_are_read_as_documented() -> None:
    request = example_request("nl-to-de-consumer")
    request["buyer"]["country"] = "de"
    for line in request["cart"]["lines"]:
        line["unit_price"]["currency"] = "eur"
    request["shipping"]["rate_cards"] = [_example_card(currency="eur", origin="nl")]
    answer = CLIENT.post(
        "/quote",
        content=b"\xef\xbb\xbf" + json.dumps(request).encode(),
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["currency"] == "EUR"
    assert answer.json()["decision"]["taxed_in"] == "DE"


def _example_card(**changed: str) -> Json:
    text = files("commercekit.shipping").joinpath("_data/example_rate_cards.json")
    card: Json = json.loads(text.read_text(), parse_float=str)["cards"][0]
    return {**card, **changed}


def _payment(**changed: object) -> Json:
    request = _german_shop()
    request["payment"].update(changed)
    return request


def _changed(name: str, path: str, value: object) -> Json:
    return _put(example_request(name), path, value)


HINTS: dict[str, tuple[Json, str, str]] = {
    # the request, the Python the hint said, the request's words it says now
    "a price with too many decimals": (
        _changed("nl-to-de-consumer", "cart.lines[0].unit_price.amount", "24.999"),
        "round_money()", "write it with no more decimals than that"),
    "a weight a rate card needs": (
        _without("nl-to-de-consumer", "products", "TEE-ORGANIC", "weight_kg")(),
        "Product(weight_kg=...)", 'write "weight_kg" in the product of every SKU'),
    "an unknown SKU": (
        _changed("nl-to-de-consumer", "cart.lines[0].sku", "QZ"),
        "Product(sku, tax_category=...)", 'give "products" an entry with "tax_category"'),
    "an India hotel's rate facts": (
        _hotel_without_facts(), "RateFacts(unit_value_per_day=...)",
        'write "unit_value_per_day" in the product\'s "rate_facts"'),
    "an HS code": (
        _without("nl-to-us-ddp", "products", "TEE-ORGANIC", "hs_code")(),
        "Item an hs_code=", 'duty is due on it: write its "hs_code"'),
    "no exchange rate": (
        _without("nl-to-gb-consumer", "exchange_rates")(),
        "RateTable", 'write "exchange_rates"'),
    "a warehouse that is not where the goods ship from": (
        _changed("nl-to-de-consumer", "ship_from", "DE"),
        "set ship_from='NL'", 'write "ship_from": "NL"'),
    "no tariff": (
        _without("nl-to-us-ddp", "tariff")(),
        "BUNDLED_TARIFF", 'write "tariff" in the request (its "name" and "rows"'),
    "a US state's local rates": (
        _put(US_QUOTE, "local_rates", None),
        "TaxRateSource",
        ('give each local tax at the buyer\'s address in "local_rates" (county, city, '
         'district; one at 0% where there is none), or write "partial": true')),
    "a conversion said of a payment in its own currency": (
        _payment(converted=True), "Payment(converted=False)", 'write "converted": false'),
    "a fee schedule without the card's row": (
        _contract_without_credit_cards(), "FeeRows",
        ('write the payment\'s "fee_schedule" (in place of a "provider") with your '
         "contract's row for it")),
}  # fmt: skip


@pytest.mark.parametrize(("request_", "python", "words"), HINTS.values(), ids=HINTS)
def test_a_refusal_tells_a_json_caller_what_to_write(
    request_: Json,
    python: str,
    words: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Hints written for Python callers (``round_money()``, ``Product(weight_kg=...)``)
    reached the CLI and the HTTP problem as they were; they now name what to write."""
    problem, said = _both(json.dumps(request_), tmp_path, capsys)
    for detail in (problem["detail"], said):
        assert words in detail, detail
        assert python not in detail, detail


def test_each_rewrite_left_of_a_python_hint_is_reached_by_a_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The rewrites of the rules' hints at a Python call left in the table (a hint a
    refused value's rule cannot say in JSON at its source: a JSON caller has no
    ``round_money()``) each rewrite a refusal that a request here meets; every other
    hint is said in JSON by its rule (``MissingDataError.json_how``)."""
    reached: set[str] = set()

    def noted(call: str, said: Any) -> Any:
        def rewrite(match: re.Match[str]) -> str:
            reached.add(call)
            return said(match) if callable(said) else match.expand(said)

        return rewrite

    calls = tuple(
        (call, noted(call, said)) for call, said in json_words_module._PYTHON_CALLS
    )
    monkeypatch.setattr(json_words_module, "_PYTHON_CALLS", calls)
    for request_, _, _ in HINTS.values():
        CLIENT.post("/quote", json=request_)
    assert {call for call, _ in calls} - reached == set()
