"""The JSON boundary rewrites hints written for Python callers in JSON's words, and
only whole words (issue 18, a new user's pass over the quote): an empty SKU said
"write a non-empty stringing", the rewrite of "pass a non-empty str" inside "pass a
non-empty string". Python's syntax is rewritten by rule, not message by message, and
a refusal that knows its value or what to write says it from its structure."""

from __future__ import annotations

import pytest

from commercekit._json_words import json_refusal, json_words
from commercekit.errors import (
    InvalidAmountChoiceError,
    InvalidAmountError,
    InvalidJsonError,
    MissingDataError,
)
from commercekit.money import Money
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


@pytest.mark.parametrize(
    ("python", "json"),
    [  # each of the structural rules that replaced a rewrite of one message
        ("quote with prices_include_tax=False", 'quote with "prices_include_tax": false'),
        ("converted=True is given", '"converted": true is given'),
        ("pass Payment(converted=False)", 'write "converted": false'),
        ("(a quote: CheckoutContext(partial=True))", '(a quote: "partial": true)'),
        ("set ship_from='NL'", 'write "ship_from": "NL"'),
        ("is not a card; pass None", "is not a card; write null"),
        ("give it as text, or None", "give it as text, or null"),
        ("pass zero or more", "write zero or more"),
        ("pass a number above 0 and at most 100", "write a number above 0 and at most 100"),
        ("pass an int such as 3", "write a whole number such as 3"),
        ("pass a list or tuple", "write a JSON array"),
        ("missing RateFacts.air_class", "missing rate_facts.air_class"),
        (
            "Source: https://x.example/a?id=3&b=True",
            "Source: https://x.example/a?id=3&b=True",
        ),
    ],
)
def test_pythons_syntax_is_written_as_json(python: str, json: str) -> None:
    assert json_words(python) == json
    assert json_words(json) == json  # what a rule wrote, it leaves alone


def test_a_missing_fact_says_what_to_write_where_the_rule_says_it() -> None:
    """``MissingDataError.json_how`` is said to a JSON caller instead of ``how``, and
    kept when a caller names the field the fact goes in (``at``)."""
    error = MissingDataError(
        "RateFacts.unit_value_per_day",
        "pass RateFacts(unit_value_per_day=...)",
        field="facts.unit_value_per_day",
        json_how='write "unit_value_per_day" in the product\'s "rate_facts"',
    )
    moved = error.at("products['SUITE'].rate_facts.unit_value_per_day")
    assert (moved.field, moved.how, moved.json_how) == (
        "products['SUITE'].rate_facts.unit_value_per_day",
        error.how,
        error.json_how,
    )
    assert str(moved) == str(error)
    assert json_refusal(moved) == (
        'missing rate_facts.unit_value_per_day: write "unit_value_per_day" in the '
        'product\'s "rate_facts"'
    )


def test_a_value_a_rule_refuses_is_said_as_json_wrote_it() -> None:
    """Was: "'QZ' is not a service offered for this parcel (argument 'service')"."""
    error = InvalidAmountChoiceError("QZ", "is not a service offered", field="service")
    assert json_refusal(error) == "'QZ' is not a service offered"
    money = InvalidAmountError(Money("-1", "EUR"), "is negative; pass zero or more")
    assert json_refusal(money) == (
        '{"amount": "-1", "currency": "EUR"} is negative; write zero or more'
    )


@pytest.mark.parametrize("value", ["True", "None", "str", "pass a str", "set x"])
def test_a_value_a_message_quotes_is_never_rewritten(value: str) -> None:
    """``'True'`` as the request wrote it stays ``'True'``; the hint after it is
    rewritten as any other."""
    said = f"{value!r} is not an incoterm; pass a str, or None"
    assert json_words(said) == f"{value!r} is not an incoterm; write a string, or null"
