"""Checked inputs and rounded ratios for the unit-economics formulas.

Functions check their arguments with these on entry; the value objects check their
fields with them when built (``field_text``, ``field_day``, ``field_count`` are attrs
validators, which know the field's name), so a formula can trust the fields it reads.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import attrs
import moneyed

from commercekit import _checks
from commercekit.errors import InputKind, InvalidAmountError, InvalidMetricError
from commercekit.money import Money

PLACES = 4
"""Decimals kept in ratios (rates, multiples, days, months)."""

_Kind = TypeVar("_Kind")
_CHECK = _checks.Checks(InvalidMetricError)

_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


def ratio(value: Fraction) -> Decimal:
    """An exact ratio rounded half-even to ``PLACES`` decimals."""
    return _checks.rounded(value, PLACES)


amount = _CHECK.money
"""Money that is not negative (or > 0 with ``positive``)."""
number = _CHECK.decimal
"""A finite decimal that is not negative (or > 0 with ``positive``); no floats."""
signed_number = _CHECK.signed_decimal
"""A finite decimal of either sign (a margin ratio, which a loss makes negative)."""
choice = _CHECK.member
"""A member of ``kind``, or its value; otherwise an error listing the values."""
of_kind = _CHECK.instance
"""``value`` if it is a ``kind``; otherwise an error naming the type to pass."""


def count(value: object, field: str, *, positive: bool = False) -> int:
    """A whole count (orders, sessions, customers): an ``int`` not below zero."""
    return _CHECK.whole(value, field, positive=positive)


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


def listed(
    value: object, kind: type[_Kind], field: str, *, empty: str = ""
) -> tuple[_Kind, ...]:
    """A non-empty list or tuple of ``kind``, as a tuple; ``empty`` says why it must
    not be empty."""
    found = _CHECK.items(value, field)
    if not found:
        raise InvalidMetricError.refused(
            field,
            value,
            f"is empty{empty}; pass a non-empty list of {kind.__name__}",
            kind=InputKind.LIST,
        )
    for element in found:
        of_kind(element, kind, field)
    return found


def year_month(value: object, field: str) -> str:
    """A calendar month written ``"YYYY-MM"``."""
    text = _CHECK.text(value, field)
    if not _MONTH.fullmatch(text) or text.startswith("0000"):
        raise InvalidMetricError.refused(
            field,
            value,
            "is not a month written YYYY-MM; pass a str such as '2026-01'",
            kind=InputKind.DATE,
        )
    return text


def field_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: non-empty text (an order number, a SKU, a channel, a customer id)."""
    _CHECK.text(value, attribute.name)


def field_day(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a calendar date, not a datetime."""
    _CHECK.day(value, attribute.name)


def field_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a whole count, zero or more."""
    count(value, attribute.name)
