"""The JSON boundary speaks JSON everywhere (issue 18): a sweep of every request field.

Each request below (the bundled examples; Tennessee's single article from
docs/us-sales-tax.md; a California county and district tax written as docs/json.md
writes local rates, at example figures; New York City's local rates from docs/examples;
India's inter-State goods and a Karnataka hotel stay as docs/selling-to-us-and-india.md
has them) is changed one field at a time: each field removed, each leaf written as
another JSON value (an array, an object, a fraction, ``"NaN"``, ``1e999``, ``true``,
``false``, an unknown code, a negative or huge number, an empty string, ``null``), each
choice as each of its schema's values, and each object given a key it does not have.
Every change the quote refuses must be refused as a JSON caller can use: a
``CommerceKitError`` (never a built-in exception, never a traceback), at a JSON path the
request schema has and the request holds (or where the missing value goes), in words
with no Python in them (``PYTHON_WORDS``). The sweep reads each changed request with the
readers the CLI and the HTTP service use and says its refusal as they say it
(``json_refusal``); a sample, as many as the Hypothesis profile asks, and one change of
each kind the quote's rules refuse are sent through ``commercekit quote`` and ``POST
/quote``, which must say it the same.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commercekit.cli import main
from commercekit.serde import example_request, example_requests
from commercekit.service._app import build_app
from commercekit.service._endpoints import quote_endpoint
from tests import boundary
from tests.boundary import Json, changes, faults, request_root

with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _us(state: str, sku: str, price: str, local: list[Json], **extra: Any) -> Json:
    return {
        "cart": {"lines": [{"sku": sku, "quantity": 1,
                            "unit_price": {"amount": price, "currency": "USD"}}]},
        "seller": {"country": "US", "registrations": [state]},
        "buyer": {"country": "US", "subdivision": state},
        "at": "2026-03-02T12:00:00-06:00",
        "prices_include_tax": False,
        "products": {sku: {"tax_category": "standard"}},
        "local_rates": local,
        **extra,
    }  # fmt: skip


REQUESTS: dict[str, Json] = {
    **{name: example_request(name) for name in example_requests()},
    # docs/us-sales-tax.md: a USD 5,000 television to Nashville (Davidson County)
    "us-tn-single-article": _us("US-TN", "TV", "5000.00", [
        {"name": "Davidson County", "type": "county", "rate": "2.25",
         "source": "example figure", "as_of": "2025-01-01",
         "single_article_limit": "1600.00"}]),
    # a lamp to Los Angeles: the county's 0.25% and its district taxes' 2.25%
    "us-ca-district": _us("US-CA", "LAMP", "40.00", [
        {"name": "Los Angeles County", "type": "county", "rate": "0.25",
         "source": "example figure", "as_of": "2025-04-01"},
        {"name": "Los Angeles County districts", "type": "district", "rate": "2.25",
         "source": "example figure", "as_of": "2025-04-01"}]),
    "us-ny-local-rates": json.loads((DOCS / "examples/us-ny-local-rates.json").read_text()),
    # docs/selling-to-us-and-india.md: Karnataka to Maharashtra (IGST), a hotel stay
    "in-goods": {
        "cart": {"lines": [{"sku": "KETTLE", "quantity": 2,
                            "unit_price": {"amount": "1999.00", "currency": "INR"}}]},
        "seller": {"country": "IN", "registrations": ["IN-KA"]},
        "buyer": {"country": "IN", "subdivision": "IN-MH"},
        "at": "2026-06-01T12:00:00+05:30", "prices_include_tax": False,
        "products": {"KETTLE": {"tax_category": "standard"}}},
    "in-hotel": {
        "cart": {"lines": [{"sku": "SUITE", "quantity": 2,
                            "unit_price": {"amount": "8000.00", "currency": "INR"}}]},
        "seller": {"country": "IN", "registrations": ["IN-KA"]},
        "buyer": {"country": "IN", "subdivision": "IN-MH"},
        "at": "2026-06-01T12:00:00+00:00", "prices_include_tax": False,
        "products": {"SUITE": {"tax_category": "accommodation", "rate_facts": {
            "unit_value_per_day": {"amount": "8000.00", "currency": "INR"}}}},
        "service_facts": {"kind": "immovable_property", "location": "IN-KA"}},
}  # fmt: skip
ROOT = request_root("/quote")


def told(text: str) -> tuple[str | None, str] | None:
    """What the CLI and HTTP say of the quote request ``text``: the field refused and
    the refusal in the caller's words (``None``: quoted)."""
    return boundary.told(quote_endpoint, text)


@cache
def refusals() -> tuple[tuple[str, str, str, str], ...]:
    """Every refused change: the request's name, its text, the field and the words."""
    found = []
    for name, data in REQUESTS.items():
        assert told(json.dumps(data)) is None, name  # each request itself is quoted
        for text in changes(data, ROOT):
            said = told(text)
            if said is not None:
                found.append((name, text, said[0] or "", said[1]))
    return tuple(found)


@pytest.mark.parametrize("name", REQUESTS)
def test_every_refusal_names_a_request_field_in_json_words(name: str) -> None:
    wrong = faults(
        (ROOT, text, field, words)
        for request, text, field, words in refusals()
        if request == name
    )
    assert not wrong, f"{len(wrong)} refusals:\n" + "\n".join(wrong)


def test_the_sweep_reaches_the_rules_as_well_as_the_readers() -> None:
    """Refusals by the quote's rules are among those swept, at many fields."""
    fields = {field for _, _, field, _ in refusals()}
    assert {"local_rates", "local_rates[0].single_article_limit", "buyer.postcode",
            "prices_include_tax", "service_facts.location"} <= fields  # fmt: skip


CLIENT = TestClient(build_app())


def _said_alike(
    text: str, field: str, words: str, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``commercekit quote`` and ``POST /quote`` refuse ``text`` as the sweep says:
    exit 2 and one line ``commercekit: FIELD: WORDS``; a 4xx problem with ``field``
    and the same words as ``detail``."""
    line = words if words.startswith(f"{field}: ") else f"{field}: {words}"
    path.write_text(text, "utf-8")
    assert main(["quote", str(path)], out=io.StringIO()) == 2
    assert capsys.readouterr().err == f"commercekit: {line}\n"
    answer = CLIENT.post(
        "/quote", content=text, headers={"content-type": "application/json"}
    )
    problem = answer.json()
    assert answer.status_code in {400, 422}, problem
    assert (problem.get("field"), problem["detail"]) == (field, words)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_cli_and_http_say_what_the_sweep_says(
    data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Any refused change, as many as the Hypothesis profile asks."""
    _, text, field, words = data.draw(st.sampled_from(refusals()))
    _said_alike(text, field, words, tmp_path / "request.json", capsys)


def test_the_cli_and_http_say_each_rules_refusal_as_the_sweep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each kind of refusal by the quote's rules (after the request was read, where
    the CLI and HTTP name the field themselves), one change for each."""
    kinds = {
        (name, re.sub(r"\d+", "#", field), re.sub(r"'[^']*'|\d+", "#", words)[:60]): (
            text, field, words)
        for name, text, field, words in refusals()
        if not words.startswith(f"{field}: ")
    }  # fmt: skip
    assert len(kinds) > 100
    for text, field, words in kinds.values():
        _said_alike(text, field, words, tmp_path / "request.json", capsys)
