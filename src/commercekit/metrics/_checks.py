"""Checked inputs and rounded ratios for the unit-economics formulas."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from commercekit.errors import CurrencyMismatchError, InvalidAmountError, InvalidMetricError
from commercekit.money import Money, RoundingMode
from commercekit.money._money import EXACT, to_decimal
from commercekit.money._rounding import require_money, round_ratio

PLACES = 4
"""Decimals kept in ratios (rates, multiples, days, months)."""


def ratio(value: Fraction) -> Decimal:
    """An exact ratio rounded half-even to ``PLACES`` decimals."""
    scaled = value * 10**PLACES
    units = round_ratio(scaled.numerator, scaled.denominator, RoundingMode.HALF_EVEN)
    return Decimal(units).scaleb(-PLACES, EXACT)


def amount(value: object, field: str, *, positive: bool = False) -> Money:
    """Money that is not negative (or > 0 with ``positive``)."""
    money = require_money(value, field)
    if money.amount < 0 or (positive and money.amount == 0):
        need = "greater than zero" if positive else "zero or more"
        raise InvalidMetricError(field, money, f"must be {need}")
    return money


def same_currency(*amounts: Money) -> str:
    """The one currency all ``amounts`` share."""
    code = amounts[0].currency.code
    for money in amounts[1:]:
        if money.currency.code != code:
            raise CurrencyMismatchError(code, money.currency.code, "combine")
    return code


def number(value: object, field: str, *, positive: bool = False) -> Decimal:
    """A finite decimal that is not negative (or > 0 with ``positive``); no floats."""
    try:
        found = to_decimal(value, "number")
    except InvalidAmountError as error:
        raise InvalidMetricError(field, value, error.reason) from None
    if found < 0 or (positive and found == 0):
        need = "greater than zero" if positive else "zero or more"
        raise InvalidMetricError(field, value, f"must be {need}")
    return found


def count(value: object, field: str, *, positive: bool = False) -> int:
    """A whole count (orders, sessions, customers): an ``int`` not below zero."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidMetricError(field, value, "is not a whole number; pass an int")
    if value < 0 or (positive and value == 0):
        need = "greater than zero" if positive else "zero or more"
        raise InvalidMetricError(field, value, f"must be {need}")
    return value
