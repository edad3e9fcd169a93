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

from commercekit.errors import InvalidAmountError, InvalidInventoryError
from commercekit.money import RoundingMode
from commercekit.money._money import EXACT, to_decimal
from commercekit.money._rounding import round_ratio

PLACES = 4
"""Decimals kept in the statistical results (units, z and k values, service levels)."""

_QUANTUM = Decimal(1).scaleb(-PLACES)


_Choice = TypeVar("_Choice", bound=enum.StrEnum)


def choice(value: object, kind: type[_Choice], field: str) -> _Choice:
    """``value`` as a member of the enumeration ``kind``, or an error listing them."""
    if isinstance(value, str) and value in {member.value for member in kind}:
        return kind(value)
    choices = ", ".join(repr(member.value) for member in kind)
    raise InvalidInventoryError(field, value, f"is not one of {choices}")


def signed_number(value: object, field: str) -> Decimal:
    """``value`` as a finite ``Decimal`` of either sign."""
    try:
        return to_decimal(value, "number")
    except InvalidAmountError as error:
        raise InvalidInventoryError(field, value, error.reason) from None


def number(value: object, field: str, *, positive: bool = False) -> Decimal:
    """``value`` as a finite ``Decimal`` that is not negative (or > 0 with ``positive``)."""
    found = signed_number(value, field)
    if found < 0 or (positive and found == 0):
        need = "greater than zero" if positive else "zero or more"
        raise InvalidInventoryError(field, value, f"must be {need}")
    return found


def units(value: object, field: str, *, positive: bool = False) -> int:
    """A whole number of units: an ``int`` that is not negative (or > 0)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInventoryError(
            field, value, "is not a whole number of units; pass an int such as 12"
        )
    if value < 0 or (positive and value == 0):
        need = "greater than zero" if positive else "zero or more"
        raise InvalidInventoryError(field, value, f"must be {need}")
    return value


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
    """A result as a ``Decimal`` rounded half-even to ``PLACES`` decimals, exactly.

    A float converts to ``Decimal`` exactly, so one quantize in the exact context is the
    only rounding; a ``Fraction`` is rounded from its numerator and denominator.
    """
    if isinstance(value, float):
        result = Decimal(value).quantize(_QUANTUM, context=EXACT)
    else:
        exact = value * 10**PLACES
        units = round_ratio(exact.numerator, exact.denominator, RoundingMode.HALF_EVEN)
        result = Decimal(units).scaleb(-PLACES, EXACT)
    return result.copy_abs() if result.is_zero() else result  # never "-0.0000"
