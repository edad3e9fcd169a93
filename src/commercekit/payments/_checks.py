"""Checked inputs for the payment rules: amounts, percentages, places, days, choices.

The payments package raises ``InvalidAmountError`` for a bad value (of its kind where the
value is not an amount: ``InvalidAmountChoiceError`` listing the values,
``InvalidAmountDateError`` ...) and ``UnknownCountryError`` for a place code that is not
a country. The ``field_*`` converters check a value object's field when it is built and
name the field they check.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

from commercekit import _checks
from commercekit._bundled import source_list
from commercekit._checks import invalid
from commercekit.errors import InputKind
from commercekit.money import Money
from commercekit.regions import check_country

__all__ = [
    "amount",
    "choice",
    "country",
    "day",
    "flag",
    "instance_of",
    "items",
    "one_of",
    "percent",
    "sentences",
    "sources",
    "text",
]

_Kind = TypeVar("_Kind")
_CHECK = _checks.Checks(invalid)

choice = _CHECK.member
"""``value`` as a member of ``kind`` (or its value), or an error listing them."""
day = _CHECK.day
"""A calendar day; a datetime (a moment, not a day) is refused."""
text = _CHECK.text
"""Non-empty text (or any text with ``empty``)."""
flag = _CHECK.flag
"""True or False; a truthy string is refused."""
instance_of = _CHECK.instance
"""``value`` if it is a ``kind``; otherwise an error naming the type to pass."""
items = _CHECK.items
"""A list or tuple, as a tuple."""


def one_of(value: object, options: tuple[str, ...], field: str) -> str:
    """``value`` if it is one of the words ``options``; otherwise an error listing them."""
    return _checks.one_of(value, options, field, invalid)


"""``value`` if it is a ``kind``; otherwise an error naming the type to pass."""

_HUNDRED = Decimal(100)


def amount(value: object, field: str) -> Money:
    """Money that is not negative: a payment, a fee, a cost."""
    return _CHECK.money(value, field)


def percent(value: object, field: str) -> Decimal:
    """A percentage from 0 to 100 (``1.5`` is 1.5 %); floats are refused."""
    found = _CHECK.decimal(value, field)
    if found > _HUNDRED:
        raise invalid(
            field, value, "is above 100; pass a percentage such as Decimal('1.5')"
        )
    return found


def country(value: object, field: str) -> str:
    """An ISO 3166-1 alpha-2 country code, upper case; an unknown code is refused."""
    text(value, field)
    return check_country(value)


def sentences(value: object, field: str = "why") -> tuple[str, ...]:
    """A non-empty list of non-empty sentences, as a tuple."""
    found = _CHECK.items(value, field)
    if not found:
        raise invalid(
            field, value, "is empty; give at least one sentence", kind=InputKind.LIST
        )
    return tuple(text(item, field) for item in found)


def sources(value: object) -> tuple[str, ...]:
    """One source or a non-empty list of them (URLs or named official documents)."""
    return source_list(value, "sources")
