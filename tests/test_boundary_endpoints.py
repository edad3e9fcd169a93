"""The JSON boundary beyond ``/quote`` (issue 18): every other endpoint swept as the
quote is (``tests/boundary.py``, ``tests/test_boundary_sweep.py``).

Each request below (the examples of docs/service.md answered 200 there; India's goods
within and between States and a Tennessee sale without its local rates, partial, over
``/decide``; a refund with an earlier return, partial) is changed one field at a
time. Every change an endpoint refuses must be a ``CommerceKitError`` at a JSON path
the request holds or its OpenAPI schema has, in words with no Python in them; and the
service must answer it as a 4xx problem with that ``field`` and those words.
"""

from __future__ import annotations

import copy
import json
import re
import warnings
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commercekit.service._app import build_app
from commercekit.service._endpoints import ENDPOINTS
from tests.boundary import Json, changes, faults, request_root, told
from tests.test_service import _docs_exchanges

with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def _docs() -> dict[str, tuple[str, Json]]:
    found: dict[str, tuple[str, Json]] = {}
    for method, path, body, status, _ in _docs_exchanges():
        if method == "POST" and status == 200 and body is not None and path != "/quote":
            found[f"{path.strip('/')}-{sum(p == path for p, _ in found.values())}"] = (
                path,
                body,
            )
    return found


def _india(seller: str, buyer: str) -> Json:
    return {"on": "2026-06-01", "sale": {
        "seller": {"country": "IN", "registrations": [seller]},
        "buyer": {"country": "IN", "subdivision": buyer},
        "supply": "goods", "price": {"amount": "1999.00", "currency": "INR"}}}  # fmt: skip


def _refund(**asked: object) -> tuple[str, Json]:
    """A refund of one of two tees bought as docs/service.md buys them, by card."""
    bought = copy.deepcopy(REQUESTS_IN_DOCS["refund-0"][1]["quote_request"])
    bought["payment"] = {"method": "card", "card_type": "consumer_credit",
                         "issuer_country": "DE", "provider": "stripe"}  # fmt: skip
    return "/refund", {"quote_request": bought, "returned_lines": {"TEE": 1}, **asked}


def _us_sale(**asked: object) -> Json:
    """A USD 40.00 lamp to Nashville, as docs/service.md decides it with local rates."""
    return {"on": "2026-03-02", "sale": {
        "seller": {"country": "US", "registrations": ["US-TN"]},
        "buyer": {"country": "US", "subdivision": "US-TN", "postcode": "37203"},
        "supply": "goods", "price": {"amount": "40.00", "currency": "USD"},
    }, **asked}  # fmt: skip


REQUESTS_IN_DOCS = _docs()
REQUESTS: dict[str, tuple[str, Json]] = {
    **REQUESTS_IN_DOCS,
    "decide-in-intra-state": ("/decide", _india("IN-KA", "IN-KA")),
    "decide-in-inter-state": ("/decide", _india("IN-KA", "IN-MH")),
    "decide-us-partial": ("/decide", _us_sale(partial=True)),
    "refund-previous": _refund(previous=[{"returned_lines": {"TEE": 1}, "policy": {
        "restocking_percent": "10"}}], partial=True, points_earned=10),
}  # fmt: skip
ANSWER = dict(ENDPOINTS)


@cache
def refusals() -> tuple[tuple[str, str, str, str], ...]:
    """Every refused change: the request's name, its text, the field and the words."""
    found = []
    for name, (endpoint, data) in REQUESTS.items():
        assert told(ANSWER[endpoint], json.dumps(data)) is None, name  # answered
        for text in changes(data, request_root(endpoint)):
            said = told(ANSWER[endpoint], text)
            if said is not None:
                found.append((name, text, said[0] or "", said[1]))
    return tuple(found)


def test_every_endpoint_is_swept() -> None:
    assert {endpoint for endpoint, _ in REQUESTS.values()} == set(ANSWER) - {"/quote"}


@pytest.mark.parametrize("name", REQUESTS)
def test_every_refusal_names_a_request_field_in_json_words(name: str) -> None:
    root = request_root(REQUESTS[name][0])
    wrong = faults(
        (root, text, field, words)
        for request, text, field, words in refusals()
        if request == name
    )
    assert not wrong, f"{len(wrong)} refusals:\n" + "\n".join(wrong)


CLIENT = TestClient(build_app())


def _said_alike(name: str, text: str, field: str, words: str) -> None:
    """The service refuses ``text`` as the sweep says: a 4xx problem with ``field``
    and the same words as ``detail``."""
    answer = CLIENT.post(
        REQUESTS[name][0], content=text, headers={"content-type": "application/json"}
    )
    problem = answer.json()
    assert answer.status_code in {400, 422}, problem
    assert (problem.get("field"), problem["detail"]) == (field, words)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_service_says_what_the_sweep_says(data: st.DataObject) -> None:
    """Any refused change, as many as the Hypothesis profile asks."""
    _said_alike(*data.draw(st.sampled_from(refusals())))


def test_the_service_says_each_rules_refusal_as_the_sweep() -> None:
    """Each kind of refusal by an endpoint's rule (after the request was read), one
    change for each."""
    kinds = {
        (name, re.sub(r"\d+", "#", field), re.sub(r"'[^']*'|\d+", "#", words)[:60]): (
            name, text, field, words)
        for name, text, field, words in refusals()
        if not words.startswith(f"{field}: ")
    }  # fmt: skip
    assert len(kinds) > 20
    for said in kinds.values():
        _said_alike(*said)
