"""The JSON boundary speaks JSON in its answers too (issue 18): the reasons of a quote
(its decision's ``rules``, its ``explanation``, the payment's ``why``), the rules a
partial quote left out and every other endpoint's answer are read by a JSON caller, so
they name no Python class, call or argument (``tests/boundary.py``'s
``PYTHON_WORDS``).

Answered: the bundled examples and the sweep's requests (``test_boundary_sweep``),
partial US quotes (California without local rates; Tennessee with a book, a category
its table has no row for; New York with a local rate silent on clothing), and each
endpoint's examples on docs/service.md (``test_boundary_endpoints``).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator

import pytest

from commercekit.service._endpoints import ENDPOINTS
from tests.boundary import Json, python_words
from tests.test_boundary_endpoints import REQUESTS as OTHER_REQUESTS
from tests.test_boundary_sweep import REQUESTS as QUOTE_REQUESTS

ANSWER = dict(ENDPOINTS)


def _partial(name: str, **changed: object) -> tuple[str, Json]:
    asked = copy.deepcopy(QUOTE_REQUESTS[name])
    asked.update(partial=True, **changed)
    return "/quote", {key: value for key, value in asked.items() if value is not None}


def _with_book(name: str) -> Json:
    asked = copy.deepcopy(QUOTE_REQUESTS[name])
    asked["cart"]["lines"].append(
        {"sku": "BOOK", "quantity": 1, "unit_price": {"amount": "20.00", "currency": "USD"}}
    )
    asked["products"]["BOOK"] = {"tax_category": "books"}
    return asked


def _silent_on_clothing() -> Json:
    asked = copy.deepcopy(QUOTE_REQUESTS["us-ny-local-rates"])
    asked["local_rates"][-1]["categories"] = {}
    return asked


PARTIAL = {"partial": True}
QUOTE_REQUESTS_PARTIAL = {
    "us-ca-partial": _partial("us-ca-district", local_rates=None),
    "us-tn-book-partial": ("/quote", _with_book("us-tn-single-article") | PARTIAL),
    "us-ny-silent-partial": ("/quote", _silent_on_clothing() | PARTIAL),
}
REQUESTS: dict[str, tuple[str, Json]] = {
    **{name: ("/quote", asked) for name, asked in QUOTE_REQUESTS.items()},
    **QUOTE_REQUESTS_PARTIAL,
    **OTHER_REQUESTS,
}
_URL = re.compile(r"https?://\S+")


def _texts(node: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text in an answer but its sources (addresses, a document's name)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in {"source", "sources"}:
                yield from _texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{path}[{index}]")
    elif isinstance(node, str):
        yield path, node


def _carriers(answer: Json) -> re.Pattern[str]:
    """The names the request's rate cards give their carriers (``ExampleParcel``)."""
    shipping = answer.get("shipping") or {}
    names = str(shipping.get("service") or "").split()
    return re.compile("|".join(map(re.escape, names)) or r"(?!)")


@pytest.mark.parametrize("name", REQUESTS)
def test_every_text_of_an_answer_is_in_json_words(name: str) -> None:
    endpoint, asked = REQUESTS[name]
    answer = ANSWER[endpoint](json.loads(json.dumps(asked)))
    carriers = _carriers(answer)
    wrong = [
        f"{path}: {found}\n    {text[:300]}"
        for path, text in _texts(answer)
        if (found := python_words(carriers.sub("…", _URL.sub("…", text))))
    ]
    assert not wrong, "\n".join(wrong)


def test_the_partial_quotes_leave_out_what_they_say() -> None:
    """The partial quotes are partial: each answer lists what it left out."""
    for endpoint, asked in QUOTE_REQUESTS_PARTIAL.values():
        assert ANSWER[endpoint](json.loads(json.dumps(asked)))["missing"]
