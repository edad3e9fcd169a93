"""Valid calls over ``commercekit.serde``."""

from __future__ import annotations

from collections.abc import Callable

from commercekit.checkout import quote
from commercekit.money import Money
from commercekit.serde import example_request, quote_request_from_json
from tests.hostile import Call, call

NAME = "nl-to-de-consumer"


def _request() -> dict[str, object]:
    return example_request(NAME)


CALLS: dict[str, Callable[[], Call]] = {
    "example_request": lambda: call(NAME),
    "example_requests": call,
    "json_document": lambda: call(b'{"seller": {"country": "NL"}}'),
    "quote_request_from_json": lambda: call(_request()),
    "quote_request_to_json": lambda: call(*quote_request_from_json(_request())),
    "quote_schema": call,
    "quote_to_json": lambda: call(quote(*quote_request_from_json(_request()))),
    "request_schema": call,
    "structure": lambda: call({"amount": "12.50", "currency": "EUR"}, Money, "price"),
}

VALID_BY_DESIGN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("structure", "path"): (
        frozenset({"empty text", "unknown code"}),
        "the path of the value inside its document; empty is the document itself",
    ),
}
