"""Checked inputs and rounded ratios for the unit-economics formulas."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from commercekit import _checks
from commercekit.errors import InvalidMetricError
from commercekit.money import Money

PLACES = 4
"""Decimals kept in ratios (rates, multiples, days, months)."""


def ratio(value: Fraction) -> Decimal:
    """An exact ratio rounded half-even to ``PLACES`` decimals."""
    return _checks.rounded(value, PLACES)


def amount(value: object, field: str, *, positive: bool = False) -> Money:
    """Money that is not negative (or > 0 with ``positive``)."""
    return _checks.money(value, field, InvalidMetricError, positive=positive)


def money_ratio(top: tuple[str, object], bottom: tuple[str, object]) -> Fraction:
    """``top / bottom`` for two amounts in one currency: top >= 0, bottom > 0."""
    return _checks.money_ratio(top, bottom, InvalidMetricError)


def number(value: object, field: str, *, positive: bool = False) -> Decimal:
    """A finite decimal that is not negative (or > 0 with ``positive``); no floats."""
    return _checks.decimal(value, field, InvalidMetricError, positive=positive)


def count(value: object, field: str, *, positive: bool = False) -> int:
    """A whole count (orders, sessions, customers): an ``int`` not below zero."""
    return _checks.whole(value, field, InvalidMetricError, positive=positive)
