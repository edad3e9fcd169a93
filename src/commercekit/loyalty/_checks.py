"""Checked inputs for the loyalty rules: whole points, dates, rates, money and choices.

Points are whole numbers (``int``); rates and multipliers are decimals, integers or
decimal strings, never floats, like everywhere in commercekit. Every check raises
``InvalidLoyaltyError`` (or, for money, the money package's own error) naming the field
and what to pass instead; an input that is not an amount raises the loyalty error of
its kind (``InvalidLoyaltyCountError`` for points, ``InvalidLoyaltyDateError`` for a
day, ``InvalidLoyaltyChoiceError`` with the values for a choice).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import moneyed

from commercekit import _checks
from commercekit.errors import (
    CurrencyMismatchError,
    InputKind,
    InvalidInputError,
    InvalidLoyaltyError,
)
from commercekit.money import Money

_CHECK = _checks.Checks(InvalidLoyaltyError)

MAX_DAYS = 3_660
"""The longest pending period or return window, in days (ten years and a few days).

A count of days moves a date; without a bound, a huge count overflows the calendar."""

MAX_MONTHS = 1_200
"""The longest expiry term or qualifying period, in months (a century)."""


choice = _CHECK.member
"""``value`` as a member of the enumeration ``kind`` (or its value)."""
rate = _CHECK.decimal
"""A finite ``Decimal`` that is not negative (or > 0 with ``positive``)."""
day = _CHECK.day
"""A calendar ``date`` (a ``datetime`` is refused: loyalty rules count days)."""
optional_day = _CHECK.optional_day
"""A calendar ``date``, or None."""
money = _CHECK.money
"""Money (ours or py-moneyed's) that is not negative (or > 0 with ``positive``)."""
flag = _CHECK.flag
"""A ``bool``; a truthy string such as ``"no"`` is refused, not read as True."""
items = _CHECK.items
"""A list or tuple (not text, a mapping or a single value), as a tuple."""
instance = _CHECK.instance
"""``value`` if it is a ``kind``; otherwise an error naming the type expected."""


def points(
    value: object,
    field: str,
    *,
    positive: bool = False,
    unit: str = "points",
    maximum: int | None = None,
) -> int:
    """A whole number of points (or days, months): an ``int`` not negative (or > 0)."""
    return _CHECK.whole(value, field, positive=positive, unit=unit, maximum=maximum)


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
    found = _checks.signed_whole(
        value, field, InvalidLoyaltyError, example="12 or -12", unit=unit
    )
    if found == 0 and not zero:
        raise InvalidLoyaltyError.refused(
            field, value, "must not be zero: there is nothing to do", kind=InputKind.COUNT
        )
    return found


def later(start: date, count: int, fields: tuple[str, str]) -> date:
    """``start`` plus ``count`` days. Past the calendar's last day the refusal names
    the day's argument (``fields[0]``), the count's (``fields[1]``) and the last day
    that leaves room for it."""
    if (date.max - start).days < count:
        day_field, count_field = fields
        room = (date.max - date.min).days
        give = (
            f"give {day_field} up to {date.max - timedelta(days=count)}"
            if count <= room
            else f"give {count_field} of at most {room} days"
        )
        raise InvalidLoyaltyError.refused(
            day_field,
            start,
            f"plus {count_field}={count} days passes the calendar's last day "
            f"{date.max.isoformat()}; {give}",
            kind=InputKind.DATE,
        )
    return start + timedelta(days=count)


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


def _not_negative_amount(
    field: str,
    value: object,
    reason: str,
    *,
    kind: InputKind = InputKind.AMOUNT,
    choices: Iterable[str] = (),
) -> InvalidInputError:
    return InvalidLoyaltyError.refused(
        field,
        value,
        f"{reason}; pass the amount after discounts",
        kind=kind,
        choices=choices,
    )


def text(value: object, field: str, *, empty: bool = False) -> str:
    """A string that is not blank (an id, a name, a reason), or may be empty."""
    found = _CHECK.text(value, field, empty=empty)
    if found and not found.strip():
        raise InvalidLoyaltyError.refused(
            field, value, "is blank; pass a non-empty string", kind=InputKind.TEXT
        )
    return found
