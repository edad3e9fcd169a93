"""Checked inputs for the loyalty rules: whole points, dates, rates and choices.

Points are whole numbers (``int``); rates and multipliers are decimals, integers or
decimal strings, never floats, like everywhere in commercekit.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from commercekit import _checks
from commercekit.errors import CurrencyMismatchError, InvalidLoyaltyError
from commercekit.money import Money
from commercekit.money._rounding import require_money

_Member = TypeVar("_Member", bound=enum.Enum)


def choice(value: object, kind: type[_Member], field: str) -> _Member:
    """``value`` as a member of the enumeration ``kind`` (or its value)."""
    return _checks.member(value, kind, field, InvalidLoyaltyError)


def points(
    value: object, field: str, *, positive: bool = False, unit: str = "points"
) -> int:
    """A whole number of points (or days, months): an ``int`` not negative (or > 0)."""
    return _checks.whole(value, field, InvalidLoyaltyError, positive=positive, unit=unit)


def signed_points(value: object, field: str) -> int:
    """A whole, non-zero number of points of either sign (a manual adjustment)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidLoyaltyError(
            field, value, "is not a whole number of points; pass an int such as -50"
        )
    if value == 0:
        raise InvalidLoyaltyError(field, value, "must not be zero: there is nothing to do")
    return value


def rate(value: object, field: str, *, positive: bool = False) -> Decimal:
    """A finite ``Decimal`` that is not negative (or > 0 with ``positive``)."""
    return _checks.decimal(value, field, InvalidLoyaltyError, positive=positive)


def day(value: object, field: str) -> date:
    """A calendar ``date`` (a ``datetime`` is refused: loyalty rules count days)."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidLoyaltyError(
            field, value, "is not a date; pass a datetime.date such as date(2026, 3, 1)"
        )
    return value


def amount(value: object, field: str, currency: str) -> Money:
    """Money in ``currency`` that is not negative."""
    money = require_money(value, field)
    if money.currency.code != currency:
        raise CurrencyMismatchError(currency, money.currency.code, f"earn on {field} in")
    if money.amount < 0:
        raise InvalidLoyaltyError(
            field, money, "must be zero or more; pass the amount after discounts"
        )
    return money


def text(value: object, field: str) -> str:
    """A non-empty string (an id, a name, a reason)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidLoyaltyError(field, value, "must be a non-empty string")
    return value
