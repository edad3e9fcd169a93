"""Every refusal of a request names the field it refused (its JSON path), at every
endpoint: a value refused while the body is read, and a refusal by the rule the
endpoint applies (a fact missing, a surcharge refused, a SKU not on the order) alike,
and never a path the request does not have.

Sent in-process with Starlette's TestClient; the request bodies are the examples of
``docs/service.md`` (each answered 200 there) with one field changed.
"""

from __future__ import annotations

import copy
import re
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from commercekit.serde import example_request
from commercekit.service._app import build_app
from tests.test_service import _docs_exchanges

with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CLIENT = TestClient(build_app())
BODIES = [
    (path, body)
    for method, path, body, status, _ in _docs_exchanges()
    if method == "POST" and status == 200 and body is not None
]
"""Every example answered 200, the US quote with local rates among them."""
EXAMPLES: dict[str, dict[str, Any]] = {}
for _path, _body in BODIES:  # each endpoint's first example (/quote: the German one)
    EXAMPLES.setdefault(_path, _body)
US_QUOTE = next(body for path, body in BODIES if "local_rates" in body)
_PART = re.compile(r"[^.\[\]]+|\[\d+\]")


def _put(body: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """``body`` with ``value`` at ``path`` (``cart.lines[0].sku``)."""
    changed = copy.deepcopy(body)
    *parents, last = _PART.findall(path)
    node: Any = changed
    for part in parents:
        node = node[int(part[1:-1])] if part.startswith("[") else node[part]
    node[int(last[1:-1]) if last.startswith("[") else last] = value
    return changed


def _leaves(node: object, path: str = "") -> Iterator[str]:
    if path:
        yield path
    if isinstance(node, dict):
        for key, value in node.items():
            if re.fullmatch(r"\w+", key):  # a key _put can address
                yield from _leaves(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, f"{path}[{index}]")


def _refused(path: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = CLIENT.post(path, json=body)
    assert answer.status_code == 422, answer.text
    problem: dict[str, Any] = answer.json()
    return problem


def _refund(**asked: Any) -> dict[str, Any]:
    return {"quote_request": example_request("nl-to-de-consumer"), **asked}


def _free_shipped(**asked: Any) -> dict[str, Any]:
    """Four tees and the atlas: 125.37 after 10 % off reaches FREESHIP100's 100.00;
    two tees back keep 80.45."""
    order = _put(example_request("nl-to-de-consumer"), "cart.lines[0].quantity", 4)
    return {"quote_request": order, "returned_lines": {"TEE-ORGANIC": 2},
            "partial": True, **asked}  # fmt: skip


CASES = [
    # endpoint, body, the error, the field named
    ("/quote", _put(EXAMPLES["/quote"], "cart.lines[0].sku", "QZ"),
     "MissingDataError", "products['QZ']"),
    ("/quote", _put(EXAMPLES["/quote"], "buyer.postcode", "QZ"),
     "UnknownCountryError", "buyer.postcode"),
    ("/refund", _refund(returned_lines={"TEE-ORGANIC": 1}, quote_request=_put(
        example_request("nl-to-de-consumer"), "shipping.service", "QZ")),
     "InvalidAmountChoiceError", "quote_request.shipping.service"),
    ("/threshold-status", _put(EXAMPLES["/threshold-status"], "seller_country", ""),
     "InvalidJsonError", "seller_country"),
    ("/landed-cost", _put(EXAMPLES["/landed-cost"], "shipment.items[0].hs_code", None),
     "MissingDataError", "shipment.items[0].hs_code"),
    ("/landed-cost", _put(EXAMPLES["/landed-cost"], "shipment.items[0].origin", None),
     "MissingDataError", "shipment.items[0].origin"),
    ("/landed-cost", _put(EXAMPLES["/landed-cost"], "tariff", None),
     "NoRuleError", "tariff"),
    ("/localize-price", _put(EXAMPLES["/localize-price"], "exchange_rates.rates", {}),
     "UnknownCurrencyError", "exchange_rates"),
    ("/refund", _refund(returned_lines={"TEE-ORGANIC": -1}),
     "InvalidAmountError", "returned_lines['TEE-ORGANIC']"),
    ("/refund", _refund(returned_lines={"MUG": 1}),
     "UnknownSkuError", "returned_lines['MUG']"),
    ("/refund", _refund(returned_lines={"TEE-ORGANIC": 99}),
     "ExcessReturnError", "returned_lines['TEE-ORGANIC']"),
    ("/refund", _refund(returned_lines={}, previous=[{"returned_lines": {"MUG": 1}}]),
     "UnknownSkuError", "previous[0].returned_lines['MUG']"),
    ("/refund", _refund(returned_lines={"TEE-ORGANIC": 1}),
     "MissingPaymentCostError", "quote_request.payment"),
    ("/refund", _free_shipped(), "MissingDataError", "policy.below_threshold"),
    ("/refund", _free_shipped(policy={"below_threshold": "deduct_shipping"}),
     "MissingDataError", "withdrawal"),
    ("/refund", _free_shipped(policy={"below_threshold": "deduct_shipping"},
                              withdrawal=True),
     "RefundPolicyRefusedError", "policy.below_threshold"),
    ("/refund", _free_shipped(policy={"below_threshold": "deduct"}),
     "InvalidJsonError", "policy.below_threshold"),
    ("/refund", _free_shipped(withdrawal="yes"), "InvalidJsonError", "withdrawal"),
    ("/refund", _free_shipped(returned_lines={}, previous=[{
        "returned_lines": {"TEE-ORGANIC": 2}, "withdrawal": True,
        "policy": {"below_threshold": "deduct_up_to_refund"}}]),
     "RefundPolicyRefusedError", "previous[0].policy.below_threshold"),
    # the US quote with local rates (docs/service.md): none given, one silent on
    # clothing, one's rate a JSON number
    ("/quote", _put(US_QUOTE, "local_rates", None), "MissingDataError", "local_rates"),
    ("/quote", _put(US_QUOTE, "local_rates[1].categories", {}),
     "MissingDataError", "local_rates[1].categories"),
    ("/quote", _put(US_QUOTE, "local_rates[0].rate", 4.5),
     "InvalidJsonError", "local_rates[0].rate"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "body", "error", "field"), CASES)
def test_a_refusal_names_the_field_it_refused(
    path: str, body: dict[str, Any], error: str, field: str
) -> None:
    problem = _refused(path, body)
    assert (problem["error"], problem["field"]) == (error, field), problem["detail"]


def test_a_refused_surcharge_names_the_payments_surcharge() -> None:
    body = _put(example_request("nl-to-de-consumer"), "payment.surcharge", value=True)
    problem = _refused("/quote", body)
    assert (problem["error"], problem["field"]) == (
        "SurchargeRefusedError",
        "payment.surcharge",
    )


def _head(field: str) -> str:
    return re.split(r"[.\[]", field)[0]


@pytest.mark.parametrize(
    ("path", "body"), BODIES, ids=[f"{path}-{n}" for n, (path, _) in enumerate(BODIES)]
)
def test_every_refusal_at_every_field_names_a_field_of_the_request(
    path: str, body: dict[str, Any]
) -> None:
    """Each field of each example (the US quote with local rates too) changed to null,
    an unknown code or -1: every 422 names a field, and its first step is one of the
    request's own fields."""
    wrong = []
    for leaf in _leaves(body):
        for value in (None, "QZ", -1):
            answer = CLIENT.post(path, json=_put(body, leaf, value))
            if answer.status_code == 200:
                continue
            problem = answer.json()
            field = problem.get("field") or ""
            # a missing tariff is named too: the request's own field, left out
            if answer.status_code != 422 or _head(field) not in {*body, "tariff"}:
                wrong.append(f"{leaf}={value!r}: {answer.status_code} {field!r}")
    assert wrong == [], "\n".join(wrong)
