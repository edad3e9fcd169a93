"""Checked inputs and rounded ratios for the unit-economics formulas.

Functions check their arguments with these on entry; the value objects check their
fields with them when built (``field_text``, ``field_day``, ``field_count`` are attrs
validators, which know the field's name), so a formula can trust the fields it reads.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import attrs
import moneyed

from commercekit import _checks
from commercekit.errors import InvalidAmountError, InvalidMetricError
from commercekit.money import Money

PLACES = 4
"""Decimals kept in ratios (rates, multiples, days, months)."""

_Member = TypeVar("_Member", bound=enum.Enum)
_Kind = TypeVar("_Kind")

_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


def ratio(value: Fraction) -> Decimal:
    """An exact ratio rounded half-even to ``PLACES`` decimals."""
    return _checks.rounded(value, PLACES)


def amount(value: object, field: str, *, positive: bool = False) -> Money:
    """Money that is not negative (or > 0 with ``positive``)."""
    return _checks.money(value, field, InvalidMetricError, positive=positive)


def signed_amount(value: object, field: str) -> Money:
    """Money of either sign (a margin, which a loss makes negative)."""
    if not isinstance(value, moneyed.Money):
        raise InvalidMetricError(field, value, "is not money; pass Money(amount, currency)")
    if isinstance(value, Money):
        return value
    try:
        return Money(value.amount, value.currency.code)
    except InvalidAmountError as problem:
        raise InvalidMetricError(field, value, problem.reason) from None


def money_ratio(top: tuple[str, object], bottom: tuple[str, object]) -> Fraction:
    """``top / bottom`` for two amounts in one currency: top >= 0, bottom > 0."""
    return _checks.money_ratio(top, bottom, InvalidMetricError)


def number(value: object, field: str, *, positive: bool = False) -> Decimal:
    """A finite decimal that is not negative (or > 0 with ``positive``); no floats."""
    return _checks.decimal(value, field, InvalidMetricError, positive=positive)


def signed_number(value: object, field: str) -> Decimal:
    """A finite decimal of either sign (a margin ratio, which a loss makes negative)."""
    return _checks.signed_decimal(value, field, InvalidMetricError)


def count(value: object, field: str, *, positive: bool = False) -> int:
    """A whole count (orders, sessions, customers): an ``int`` not below zero."""
    return _checks.whole(value, field, InvalidMetricError, positive=positive)


def choice(value: object, kind: type[_Member], field: str) -> _Member:
    """A member of ``kind``, or its value; otherwise an error listing the values."""
    return _checks.member(value, kind, field, InvalidMetricError)


def of_kind(value: object, kind: type[_Kind], field: str) -> _Kind:
    """``value`` if it is a ``kind``; otherwise an error naming the type to pass."""
    return _checks.instance(value, kind, field, InvalidMetricError)


def listed(
    value: object, kind: type[_Kind], field: str, *, empty: str = ""
) -> tuple[_Kind, ...]:
    """A non-empty list or tuple of ``kind``, as a tuple; ``empty`` says why it must
    not be empty."""
    found = _checks.items(value, field, InvalidMetricError)
    if not found:
        raise InvalidMetricError(
            field,
            value,
            f"is empty{empty}; pass a non-empty list of {kind.__name__}",
        )
    for element in found:
        of_kind(element, kind, field)
    return found


def year_month(value: object, field: str) -> str:
    """A calendar month written ``"YYYY-MM"``."""
    text = _checks.text(value, field, InvalidMetricError)
    if not _MONTH.fullmatch(text) or text.startswith("0000"):
        raise InvalidMetricError(
            field, value, "is not a month written YYYY-MM; pass a str such as '2026-01'"
        )
    return text


def field_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: non-empty text (an order number, a SKU, a channel, a customer id)."""
    _checks.text(value, attribute.name, InvalidMetricError)


def field_day(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a calendar date, not a datetime."""
    _checks.day(value, attribute.name, InvalidMetricError)


def field_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a whole count, zero or more."""
    count(value, attribute.name)
