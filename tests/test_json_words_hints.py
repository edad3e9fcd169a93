"""The JSON boundary rewrites hints written for Python callers in JSON's words, and
only whole words (issue 18, a new user's pass over the quote): an empty SKU said
"write a non-empty stringing", the rewrite of "pass a non-empty str" inside "pass a
non-empty string"."""

from __future__ import annotations

import pytest

from commercekit._json_words import json_words
from commercekit.errors import InvalidJsonError
from commercekit.serde import example_request, quote_request_from_json


@pytest.mark.parametrize(
    ("python", "json"),
    [
        ("is not a SKU; pass a non-empty string", "is not a SKU; write a non-empty string"),
        ("is empty; pass a non-empty str", "is empty; write a non-empty string"),
        ("pass a string such as 'EUR'", "write a string such as 'EUR'"),
        ("pass a str", "write a string"),
        ("pass True or False", "write true or false"),
    ],
)
def test_hints_are_rewritten_word_for_word(python: str, json: str) -> None:
    assert json_words(python) == json


def test_an_empty_sku_is_told_in_plain_words() -> None:
    request = example_request("nl-to-de-consumer")
    request["cart"]["lines"][0]["sku"] = ""
    with pytest.raises(InvalidJsonError) as raised:
        quote_request_from_json(request)
    said = "cart.lines[0].sku: '' is not a SKU; write a non-empty string"
    assert str(raised.value) == said
