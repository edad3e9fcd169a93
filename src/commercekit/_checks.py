"""Input checks and exact roundings shared by the rule packages.

Each package raises its own error (``InvalidAmountError`` through ``invalid``,
``InvalidInventoryError``, ``InvalidLoyaltyError``, ``InvalidMetricError``), so the
checks take the error and the packages bind them (``Checks(error)``). The checks here
refuse amounts, so they raise the package's error itself, whose ``kind`` is an amount.
The checks that need no money (whole numbers, text, flags, days, moments, lists, types,
choices) live in ``commercekit._inputs``, raise the package's error of their kind, and
are re-exported here.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from commercekit._inputs import (
    Error,
    For,
    _sign,
    day,
    flag,
    instance,
    invalid,
    items,
    member,
    moment,
    not_one_of,
    one_of,
    refuse,
    signed_whole,
    text,
    whole,
)
from commercekit._numbers import EXACT
from commercekit.errors import CurrencyMismatchError, InvalidAmountError
from commercekit.money import (
    Money,
    RoundingMode,
    minor_units,
    require_money,
    round_ratio,
    to_decimal,
)

__all__ = [
    "Checks",
    "Error",
    "day",
    "decimal",
    "flag",
    "instance",
    "invalid",
    "items",
    "member",
    "moment",
    "money",
    "money_of",
    "money_ratio",
    "not_one_of",
    "one_currency",
    "one_of",
    "refuse",
    "rounded",
    "signed_decimal",
    "signed_whole",
    "text",
    "whole",
]


def signed_decimal(value: object, field: str, error: Error) -> Decimal:
    """``value`` as a finite ``Decimal`` of either sign; floats, NaN and text refused."""
    try:
        return to_decimal(value, "number")
    except InvalidAmountError as problem:
        raise refuse(error, field, value, problem.reason) from None


def decimal(value: object, field: str, error: Error, *, positive: bool = False) -> Decimal:
    """A finite ``Decimal`` that is not negative (or > 0 with ``positive``)."""
    found = signed_decimal(value, field, error)
    _sign(found, field, value, error, positive=positive)
    return found


def money(value: object, field: str, error: Error, *, positive: bool = False) -> Money:
    """Money (ours or py-moneyed's) that is not negative (or > 0 with ``positive``)."""
    found = require_money(value, field)
    _sign(found.amount, field, found, error, positive=positive)
    return found


class Checks(For):
    """The checks, money's too, bound to one package's ``error``:
    ``Checks(InvalidMetricError).decimal(value, field)``."""

    def signed_decimal(self, value: object, field: str) -> Decimal:
        """A finite ``Decimal`` of either sign."""
        return signed_decimal(value, field, self.error)

    def decimal(self, value: object, field: str, *, positive: bool = False) -> Decimal:
        """A finite ``Decimal``, not negative (or > 0 with ``positive``)."""
        return decimal(value, field, self.error, positive=positive)

    def money(self, value: object, field: str, *, positive: bool = False) -> Money:
        """Money, not negative (or > 0 with ``positive``)."""
        return money(value, field, self.error, positive=positive)


def one_currency(*amounts: Money, operation: str = "combine") -> str:
    """The currency all ``amounts`` share; mixing currencies is refused."""
    code = amounts[0].currency.code
    for amount in amounts[1:]:
        if amount.currency.code != code:
            raise CurrencyMismatchError(code, amount.currency.code, operation)
    return code


def money_ratio(
    top: tuple[str, object], bottom: tuple[str, object], error: Error
) -> Fraction:
    """``top / bottom`` for two amounts in one currency: top >= 0, bottom > 0, exactly."""
    numerator = money(top[1], top[0], error)
    denominator = money(bottom[1], bottom[0], error, positive=True)
    one_currency(numerator, denominator, operation="divide")
    return Fraction(numerator.amount) / Fraction(denominator.amount)


def rounded(value: float | Fraction, places: int) -> Decimal:
    """``value`` rounded once, half-even, to ``places`` decimals, exactly.

    A float converts to ``Decimal`` exactly, so one quantize in the exact context is the
    only rounding; a ``Fraction`` is rounded from its numerator and denominator.
    """
    if isinstance(value, float):
        result = Decimal(value).quantize(Decimal(1).scaleb(-places), context=EXACT)
    else:
        scaled = value * 10**places
        units = round_ratio(scaled.numerator, scaled.denominator, RoundingMode.HALF_EVEN)
        result = Decimal(units).scaleb(-places, EXACT)
    return result.copy_abs() if result.is_zero() else result  # never "-0.0000"


def money_of(
    value: float | Fraction, currency: str, mode: RoundingMode = RoundingMode.HALF_UP
) -> Money:
    """An exact amount (or a float's exact value) rounded once to the minor unit."""
    places = minor_units(currency)
    scaled = Fraction(value) * 10**places
    units = round_ratio(scaled.numerator, scaled.denominator, mode)
    return Money(Decimal(units).scaleb(-places, EXACT), currency)
