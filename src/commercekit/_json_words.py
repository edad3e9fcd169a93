"""A refused value and a refusal's hint in JSON's words, for every JSON reader.

A rule's refusal shows the value as Python wrote it and hints at a Python call
(``pass a str``); a refusal of JSON input (``commercekit.serde``, a rate card read
from its JSON form) shows the value as the JSON held it (``null``, ``true``) and says
what to write instead. ``json_refusal`` says any refusal so, as the ``commercekit
quote`` command and the HTTP service do: from the error's structure where it has one
(the value refused, a ``MissingDataError``'s ``json_how``, any error's
``json_message``), else by rules on Python's syntax and types (``converted=True`` is
``"converted": true``), and the one hint at a Python call a refused value's rule
cannot say otherwise (``round_money()``).
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from datetime import date
from decimal import Decimal

from commercekit.errors import (
    CommerceKitError,
    InvalidInputError,
    shown,
)

__all__ = [
    "WrittenNumber",
    "json_number",
    "json_reason",
    "json_refusal",
    "json_shown",
    "json_words",
]

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
    amount = getattr(value, "amount", None)
    if isinstance(amount, Decimal):  # money, as JSON writes it
        currency = str(getattr(value, "currency", ""))
        return _short(json.dumps({"amount": format(amount, "f"), "currency": currency}))
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


def _json_literal(text: str) -> str:
    """A Python literal (``True``, ``None``, ``'NL'``, ``2``) as JSON writes it."""
    if text in {"True", "False", "None"}:
        return {"True": "true", "False": "false", "None": "null"}[text]
    return json.dumps(text[1:-1]) if text.startswith("'") else text


_LITERAL = r"True|False|None|'[^']*'|-?\d+(?:\.\d+)?"

_Rewrites = tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...]
"""Patterns and what each match becomes. A pattern is compiled by ``re`` at its first
use, at the first refusal said in JSON's words, and kept in ``re``'s own cache: a quote
that refuses nothing compiles none of them (compiling them all at import took some
1.3 ms of a quote's start-up)."""

_PYTHON_CALLS: _Rewrites = (
    (r"round it with round_money\(\) first",
     "write it with no more decimals than that"),
)  # fmt: skip
"""The rules' hints at a Python call, as what to write in the request instead: only
where the rule refuses a value (an ``InvalidInputError``, which has no ``json_how``);
every missing fact's rule says it in JSON itself."""

_SYNTAX: _Rewrites = (
    (
        rf"(?<![?&\w])(\w+)=({_LITERAL})",  # prices_include_tax=False
        lambda match: f'"{match[1]}": {_json_literal(match[2])}',
    ),
    (r'\b[A-Z]\w*\(((?:"\w+": [^(),]+(?:, )?)+)\)', r"\1"),  # Payment(...)
    (
        r"\b([A-Z][a-z]+(?:[A-Z][a-z]+)+)\.(?=[a-z])",  # RateFacts.heading
        lambda match: re.sub(r"(?<!^)(?=[A-Z])", "_", match[1]).lower() + ".",
    ),
)
"""Python's syntax in any hint, as JSON's: a keyword argument with a literal
(``converted=True``, not a URL's ``?id=3``) is the JSON field (``"converted":
true``), an object built of such fields (``CheckoutContext(partial=True)``) its
fields, a class's field the JSON field that holds it (``RateFacts.heading``:
``rate_facts.heading``). Each rule leaves text it made alone: the HTTP problem
rewrites a message the reader already did."""

_PYTHON_WORDS: _Rewrites = (
    (r"a Decimal, an int or a decimal string", "a decimal string"),
    (r"\ban int\b", "a whole number"),
    (r"\bstr\b", "string"),
    (r"\ba list or tuple\b", "a JSON array"),
    (r"(?<!=)\b(?:True|False|None)\b", lambda m: _json_literal(m[0])),
    (r"\b(?:pass|set) (?=[a-z0-9]|$)", "write "),
)
"""Python's words outside the values a message quotes: its types as JSON names them
(a whole word each: "str" is not "string"), a bare literal JSON's (``None``:
``null``), and what to pass or set is what to write."""

_QUOTED = r"""((?<!\w)'[^']*'(?!\w)|"[^"]*")"""
"""A value a message quotes (``'True'`` as the request wrote it, ``"taxed"``), never
rewritten; an apostrophe inside a word (``buyer's``) quotes nothing."""


def json_words(reason: str) -> str:
    """A refusal's ``reason`` with the hints written for Python callers in JSON's: the
    readers' refusals, and the rules' on their way to the CLI and the HTTP problem."""
    for call, said in (*_PYTHON_CALLS, *_SYNTAX):
        reason = re.sub(call, said, reason)
    parts = re.split(_QUOTED, reason)  # the text between quoted values, and the values
    for at in range(0, len(parts), 2):
        for python, words in _PYTHON_WORDS:
            parts[at] = re.sub(python, words, parts[at])
    return "".join(parts)


def json_reason(error: InvalidInputError) -> str:
    """A refused value in JSON's words: the value as written, without the Python
    argument name (the path names the field)."""
    return f"{json_shown(error.value)} {json_words(error.reason)}"


def json_refusal(error: CommerceKitError) -> str:
    """A refusal as the CLI and the HTTP service say it, on one line: a value refused
    by a rule as JSON wrote it (``json_reason``), any other refusal in the words it
    has for a JSON caller (``CommerceKitError.json_message``: a missing fact with
    what to write in the request, ``MissingDataError.json_how``)."""
    if isinstance(error, InvalidInputError):
        return json_words(" ".join(json_reason(error).split()))
    return json_words(" ".join(error.json_message.split()))
