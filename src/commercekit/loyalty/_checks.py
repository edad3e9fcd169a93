"""Checked inputs for the loyalty rules: whole points, dates, rates, money and choices.

Points are whole numbers (``int``); rates and multipliers are decimals, integers or
decimal strings, never floats, like everywhere in commercekit. Every check raises
``InvalidLoyaltyError`` (or, for money, the money package's own error) naming the field
and what to pass instead.
"""

from __future__ import annotations

import enum
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

import moneyed

from commercekit import _checks
from commercekit._numbers import RANGE, out_of_range
from commercekit.errors import CurrencyMismatchError, InvalidLoyaltyError
from commercekit.money import Money

_Member = TypeVar("_Member", bound=enum.Enum)
_Kind = TypeVar("_Kind")

MAX_DAYS = 3_660
"""The longest pending period or return window, in days (ten years and a few days).

A count of days moves a date; without a bound, a huge count overflows the calendar."""

MAX_MONTHS = 1_200
"""The longest expiry term or qualifying period, in months (a century)."""


def choice(value: object, kind: type[_Member], field: str) -> _Member:
    """``value`` as a member of the enumeration ``kind`` (or its value)."""
    return _checks.member(value, kind, field, InvalidLoyaltyError)


def points(
    value: object,
    field: str,
    *,
    positive: bool = False,
    unit: str = "points",
    maximum: int | None = None,
) -> int:
    """A whole number of points (or days, months): an ``int`` not negative (or > 0)."""
    return _checks.whole(
        value, field, InvalidLoyaltyError, positive=positive, unit=unit, maximum=maximum
    )


def days(value: object, field: str) -> int:
    """A whole number of days from 0 to ``MAX_DAYS``."""
    return points(value, field, unit="days", maximum=MAX_DAYS)


def months(value: object, field: str) -> int:
    """A whole number of months from 1 to ``MAX_MONTHS``."""
    return points(value, field, positive=True, unit="months", maximum=MAX_MONTHS)


def signed_points(
    value: object, field: str, *, zero: bool = False, unit: str = "points"
) -> int:
    """A whole number of points (or months) of either sign (non-zero unless ``zero``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidLoyaltyError(
            field, value, f"is not a whole number of {unit}; pass an int such as 12 or -12"
        )
    if out_of_range(value):
        raise InvalidLoyaltyError(field, value, f"is out of range: {RANGE}")
    if value == 0 and not zero:
        raise InvalidLoyaltyError(field, value, "must not be zero: there is nothing to do")
    return value


def rate(value: object, field: str, *, positive: bool = False) -> Decimal:
    """A finite ``Decimal`` that is not negative (or > 0 with ``positive``)."""
    return _checks.decimal(value, field, InvalidLoyaltyError, positive=positive)


def day(value: object, field: str) -> date:
    """A calendar ``date`` (a ``datetime`` is refused: loyalty rules count days)."""
    return _checks.day(value, field, InvalidLoyaltyError)


def optional_day(value: object, field: str) -> date | None:
    """A calendar ``date``, or None."""
    return None if value is None else day(value, field)


def later(start: date, count: int, field: str) -> date:
    """``start`` plus ``count`` days, refused when that passes the calendar's last day."""
    if (date.max - start).days < count:
        raise InvalidLoyaltyError(
            field,
            count,
            f"days after {start.isoformat()} is past the calendar's last day "
            f"{date.max.isoformat()}; check the dates",
        )
    return start + timedelta(days=count)


def money(value: object, field: str, *, positive: bool = False) -> Money:
    """Money (ours or py-moneyed's) that is not negative (or > 0 with ``positive``)."""
    return _checks.money(value, field, InvalidLoyaltyError, positive=positive)


def signed_money(value: object, field: str) -> Money:
    """Money of either sign (a refund, a catch-up that reverses revenue)."""
    if not isinstance(value, moneyed.Money):
        raise InvalidLoyaltyError(
            field, value, "is not money; pass Money(amount, currency)"
        )
    # Our Money checks the amount when built: py-moneyed's NaN or infinity is refused.
    return value if isinstance(value, Money) else Money(value.amount, value.currency)


def amount(value: object, field: str, currency: str) -> Money:
    """Money in ``currency`` that is not negative."""
    found = _checks.money(value, field, _not_negative_amount)
    if found.currency.code != currency:
        raise CurrencyMismatchError(currency, found.currency.code, f"earn on {field} in")
    return found


def _not_negative_amount(field: str, value: object, reason: str) -> InvalidLoyaltyError:
    return InvalidLoyaltyError(field, value, f"{reason}; pass the amount after discounts")


def text(value: object, field: str, *, empty: bool = False) -> str:
    """A string that is not blank (an id, a name, a reason), or may be empty."""
    found = _checks.text(value, field, InvalidLoyaltyError, empty=empty)
    if found and not found.strip():
        raise InvalidLoyaltyError(field, value, "is blank; pass a non-empty string")
    return found


def flag(value: object, field: str) -> bool:
    """A ``bool``; a truthy string such as ``"no"`` is refused, not read as True."""
    return _checks.flag(value, field, InvalidLoyaltyError)


def items(value: object, field: str) -> tuple[Any, ...]:
    """A list or tuple (not text, a mapping or a single value), as a tuple."""
    return _checks.items(value, field, InvalidLoyaltyError)


def instance(value: object, kind: type[_Kind], field: str) -> _Kind:
    """``value`` if it is a ``kind``; otherwise an error naming the type expected."""
    return _checks.instance(value, kind, field, InvalidLoyaltyError)
