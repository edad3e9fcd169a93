"""Checked inputs and rounded outputs for the inventory rules.

Inputs (demand, lead times, service levels, quantities) are decimals, integers or decimal
strings, never floats, like everywhere in commercekit. The statistics inside (the normal
distribution, square roots) are irrational, so they run in binary floating point; each
result is rounded once, half-even, to ``PLACES`` decimals on the way out.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from commercekit import _checks
from commercekit.errors import InvalidInventoryError

PLACES = 4
"""Decimals kept in the statistical results (units, z and k values, service levels)."""

_Member = TypeVar("_Member", bound=enum.Enum)


def choice(value: object, kind: type[_Member], field: str) -> _Member:
    """``value`` as a member of the enumeration ``kind`` (or its value)."""
    return _checks.member(value, kind, field, InvalidInventoryError)


def signed_number(value: object, field: str) -> Decimal:
    """``value`` as a finite ``Decimal`` of either sign."""
    return _checks.signed_decimal(value, field, InvalidInventoryError)


def number(value: object, field: str, *, positive: bool = False) -> Decimal:
    """``value`` as a finite ``Decimal`` that is not negative (or > 0 with ``positive``)."""
    return _checks.decimal(value, field, InvalidInventoryError, positive=positive)


def units(value: object, field: str, *, positive: bool = False) -> int:
    """A whole number of units: an ``int`` that is not negative (or > 0)."""
    return _checks.whole(value, field, InvalidInventoryError, positive=positive)


def probability(value: object, field: str) -> Decimal:
    """A service level strictly between 0 and 1 (0.95, not 95)."""
    found = number(value, field)
    if not 0 < found < 1:
        raise InvalidInventoryError(
            field,
            value,
            "must be strictly between 0 and 1: write 95 % as Decimal('0.95'); "
            "0 and 1 would need no stock or infinite stock",
        )
    return found


def rounded(value: float | Fraction) -> Decimal:
    """A result as a ``Decimal`` rounded half-even to ``PLACES`` decimals, exactly."""
    return _checks.rounded(value, PLACES)
