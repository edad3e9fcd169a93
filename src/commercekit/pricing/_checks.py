"""The shared input checks, raising ``InvalidAmountError`` as pricing always has.

One-line wrappers around [`commercekit._checks`][commercekit._checks] with the
``invalid`` error, plus the few checks only pricing needs: sets of names (SKUs,
collections, segments), signed priorities and the decimal places of a ratio.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from commercekit import _checks
from commercekit._checks import invalid
from commercekit._numbers import RANGE, out_of_range
from commercekit.errors import NaiveDatetimeError
from commercekit.money import Money, RoundingMode

_Member = TypeVar("_Member", bound=enum.Enum)
_Kind = TypeVar("_Kind")

MAX_PLACES = 28
"""The most decimal places a ratio (margin, markup) is rounded to: the library's
28-digit precision; more would only grow the digits computed."""


def decimal(value: object, field: str, *, positive: bool = False) -> Decimal:
    """A finite ``Decimal`` of zero or more (more than zero with ``positive``)."""
    return _checks.decimal(value, field, invalid, positive=positive)


def whole(
    value: object,
    field: str,
    *,
    positive: bool = False,
    unit: str = "units",
    maximum: int | None = None,
) -> int:
    """A whole number in range, zero or more (or more than zero)."""
    return _checks.whole(
        value, field, invalid, positive=positive, unit=unit, maximum=maximum
    )


def signed_whole(value: object, field: str) -> int:
    """A whole number of either sign, in range (a priority)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(field, value, "is not a whole number; pass an int such as 10")
    if out_of_range(value):
        raise invalid(field, value, f"is out of range: {RANGE}")
    return value


def places(value: object) -> int:
    """The decimal places a ratio is rounded to: 0 to ``MAX_PLACES``."""
    return whole(value, "places", unit="decimal places", maximum=MAX_PLACES)


def text(value: object, field: str, *, empty: bool = False) -> str:
    """A ``str``, non-empty unless ``empty``."""
    return _checks.text(value, field, invalid, empty=empty)


def flag(value: object, field: str) -> bool:
    """``True`` or ``False``; a truthy string is refused."""
    return _checks.flag(value, field, invalid)


def day(value: object, field: str) -> date:
    """A calendar date (a datetime is refused)."""
    return _checks.day(value, field, invalid)


def moment(value: object, what: str) -> datetime:
    """A timezone-aware datetime; a naive one raises ``NaiveDatetimeError``."""
    if isinstance(value, datetime) and value.utcoffset() is None:
        raise NaiveDatetimeError(value, what)
    return _checks.moment(value, what, invalid)


def member(value: object, kind: type[_Member], field: str) -> _Member:
    """A member of ``kind`` (or its value); the error lists the values."""
    return _checks.member(value, kind, field, invalid)


def mode(value: object) -> RoundingMode:
    """A rounding mode, as a member or its value (``"half-up"``)."""
    return member(value, RoundingMode, "mode")


def money(value: object, field: str, *, positive: bool = False) -> Money:
    """Money of zero or more (more than zero with ``positive``)."""
    return _checks.money(value, field, invalid, positive=positive)


def instance(value: object, kind: type[_Kind], field: str) -> _Kind:
    """``value`` if it is a ``kind``."""
    return _checks.instance(value, kind, field, invalid)


def items(value: object, field: str) -> tuple[Any, ...]:
    """A list or tuple, as a tuple."""
    return _checks.items(value, field, invalid)


def same_currency(currency: str, amount: Money, field: str) -> Money:
    """``amount`` if it is in ``currency``; otherwise say which currency it must be in."""
    if amount.currency.code != currency:
        raise invalid(
            field, amount, f"is in {amount.currency.code}; it must be in {currency}"
        )
    return amount


def names(value: object, field: str = "names") -> frozenset[str]:
    """A set of names (SKUs, collections, segments): non-empty strings.

    A bare string is refused (it would be read as a set of letters), and so is a
    mapping (its values would be dropped).
    """
    if isinstance(value, str | bytes | Mapping) or not hasattr(value, "__iter__"):
        raise invalid(
            field, value, "is not a set of names; pass e.g. frozenset({'tees', 'sale'})"
        )
    return frozenset(text(name, field) for name in value)
