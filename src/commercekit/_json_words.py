"""A refused value and a refusal's hint in JSON's words, for every JSON reader.

A rule's refusal shows the value as Python wrote it and hints at a Python call
(``pass a str``); a refusal of JSON input (``commercekit.serde``, a rate card read
from its JSON form) shows the value as the JSON held it (``null``, ``true``) and says
what to write instead.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from datetime import date
from decimal import Decimal

from commercekit.errors import shown

__all__ = ["WrittenNumber", "json_number", "json_shown", "json_words"]

_LIMIT = 120
"""The longest a list or a number's text is shown, as ``shown`` shows any value."""


class WrittenNumber(float):
    """A JSON number a float cannot hold (``1e999`` read as ``inf``, ``1e-999`` as
    ``0.0``), with the text the request wrote, for a refusal to show."""

    written: str

    def __new__(cls, text: str) -> WrittenNumber:
        number = super().__new__(cls, text)
        number.written = text
        return number


def _short(text: str) -> str:
    """``text`` as messages show it: at most ``_LIMIT`` characters, and its length."""
    return text if len(text) <= _LIMIT else f"{text[: _LIMIT - 20]}... ({len(text)} chars)"


def json_number(value: float) -> str:
    """A JSON number as the request wrote it, where a float could not hold it."""
    if isinstance(value, WrittenNumber):
        return f"{_short(value.written)} (beyond the range of a number)"
    return shown(value)


def json_shown(value: object) -> str:  # noqa: PLR0911  # one return per JSON kind
    """A value a rule refused, as the JSON that was written (never a Python repr)."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else str(value).lower()
    if isinstance(value, Decimal):
        return shown(format(value, "f"))
    if isinstance(value, enum.Enum):
        return shown(value.value)
    if isinstance(value, date):
        return shown(value.isoformat())
    if isinstance(value, float):
        return json_number(value)
    if isinstance(value, str | int):
        return shown(value)
    if isinstance(value, list | tuple | AbstractSet) and all(
        isinstance(item, str | int) and not isinstance(item, bool) for item in value
    ):  # a list of codes or counts, as JSON writes it
        return _short(json.dumps(list(value), ensure_ascii=False))
    return "the value given"


_PYTHON_HINTS = (
    ("pass a non-empty string", "write a non-empty string"),
    ("pass a non-empty str", "write a non-empty string"),
    ("pass a string", "write a string"),
    ("pass a str", "write a string"),
    ("pass an int such as", "write a whole number such as"),
    ("pass True or False", "write true or false"),
    ("pass a list or tuple", "write a JSON array"),
)
"""The shared input checks' hints, written for Python callers, in JSON's words."""


def _json_literal(match: re.Match[str]) -> str:
    return f'"{match[1]}": {match[2].lower()}'


_PYTHON_CALLS: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    (r"round it with round_money\(\) first",
     "write it with no more decimals than that"),
    (r"pass a Decimal, an int or a decimal string", "write a decimal string"),
    (r"give products=\{sku: Product\(sku, (\w+)=\.\.\.\)\}",
     r'give "products" an entry with "\1"'),
    (r"pass Product\(\.\.\., (\w+)=\w+\(\.\.\.\)\)",
     r'write "\1" in the product'),
    (r"give Product\((\w+)=\.\.\.\)", r'give "\1" in products'),
    (r"give each Item an? (\w+)=", r'give each product an "\1"'),
    (r"pass (\w+)= \(a RateTable\)", r'write "\1"'),
    ((r"pass tariffs= to the CheckoutContext \(a TariffSource with real rates, "
      r"or commercekit.shipping.BUNDLED_TARIFF, the labelled example\)"),
     ('write "tariff" in the request (its "name" and "rows" of real rates, or "example", '
      "the labelled example)")),
    ((r"pass a PaymentCostSource \(such as a FeeSchedule of your contract's "
      r"FeeRows\) that has one"),
     "give \"payment.fee_schedule\" your contract's row for it"),
    (r"pass Payment\((\w+)=(True|False)\)",
     lambda match: f"write {_json_literal(match)}"),
    (r"CheckoutContext\((\w+)=(True|False)\)", _json_literal),
    (r"CheckoutContext\((\w+)=\.\.\.\)", r'"\1" in the request'),
    (r"set (\w+)='([^']*)'", r'write "\1": "\2"'),
    (r"set (\w+)= ", r'write "\1" '),
    (r"(?<!in Python, )pass a TaxRateSource",
     "in Python, pass a TaxRateSource"),
)  # fmt: skip
"""The rules' hints at a Python call (as patterns, compiled at the first refusal), as
what to write in the request instead (a rate source a JSON request cannot carry is
said to be Python's). Each rewrite leaves text it made alone: the HTTP problem
rewrites a message the reader already did."""


def json_words(reason: str) -> str:
    """A refusal's ``reason`` with the hints written for Python callers in JSON's: the
    readers' refusals, and the rules' on their way to the CLI and the HTTP problem."""
    for python, words in _PYTHON_HINTS:  # whole words: "str" is not "string"
        reason = re.sub(rf"{re.escape(python)}\b", words, reason)
    for call, said in _PYTHON_CALLS:
        reason = re.sub(call, said, reason)
    return reason
