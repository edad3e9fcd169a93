"""What is left to pay, in whole minor units: the ledger every offer takes from.

A [`apply_promotions`][commercekit.pricing.apply_promotions] run keeps one
``Ledger`` per cart: what is left to pay on each line and on shipping, as ``int``
counts of minor units, so the arithmetic is exact and fast. Each offer reads it and
answers with what it takes (``Taken``) or why it takes nothing (``Refused``); the
stacking step commits what is taken. Rounding of a fraction of a minor unit
(``rounder``) and the exact sharing of an amount over lines (``spread``) live here too,
so every offer rounds and shares the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import sub

import attrs
import moneyed

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT
from commercekit.money import (
    Money,
    RoundingMode,
    allocate_minor_units,
    decimal_rounding,
    from_minor_units,
    to_minor_units,
)
from commercekit.pricing._cart import Cart
from commercekit.pricing._promotions import RejectionReason

Rounder = Callable[[int, int], int]
"""Rounds ``numerator / denominator`` (both >= 0, denominator > 0) to an int."""


def rounder(mode: RoundingMode) -> Rounder:
    """Exact rounding of a non-negative fraction with ``mode`` (a hot path: no checks).

    Discounts are never negative, so "up" and "ceiling" agree, as do "down" and "floor".
    """
    decimal_rounding(mode)  # refuses anything that is not a RoundingMode
    mode = RoundingMode(mode)
    if mode in (RoundingMode.UP, RoundingMode.CEILING):
        return lambda numerator, denominator: -(-numerator // denominator)
    if mode in (RoundingMode.DOWN, RoundingMode.FLOOR):
        return lambda numerator, denominator: numerator // denominator
    if mode is RoundingMode.HALF_UP:
        return lambda numerator, denominator: (
            (2 * numerator + denominator) // (2 * denominator)
        )
    if mode is RoundingMode.HALF_DOWN:
        return lambda numerator, denominator: (
            (2 * numerator + denominator - 1) // (2 * denominator)
        )

    def half_even(numerator: int, denominator: int) -> int:
        quotient, remainder = divmod(numerator, denominator)
        twice = 2 * remainder
        if twice > denominator or (twice == denominator and quotient & 1):
            return quotient + 1
        return quotient

    return half_even


@attrs.define
class Ledger:
    """What is left to pay on each line and on shipping, in minor units (mutable)."""

    __repr__ = attrs_repr
    currency: moneyed.Currency
    exponent: int
    quantities: list[int]
    subtotals: list[int]
    shipping_charge: int
    remaining: list[int] = attrs.field(init=False)
    shipping: int = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.reset()

    @classmethod
    def of(cls, cart: Cart, exponent: int) -> Ledger:
        """The ledger of an undiscounted cart."""
        quantities = [line.quantity for line in cart.lines]
        # A cart's prices are whole minor units (checked when it was built): each
        # to_minor_units(price), without checking it again.
        scaleb = EXACT.scaleb
        subtotals = [
            int(scaleb(line.unit_price.amount, exponent)) * line.quantity
            for line in cart.lines
        ]
        shipping = 0 if cart.shipping is None else to_minor_units(cart.shipping)
        return cls(
            cart.lines[0].unit_price.currency, exponent, quantities, subtotals, shipping
        )

    def reset(self) -> None:
        """Back to the undiscounted cart."""
        self.remaining = list(self.subtotals)
        self.shipping = self.shipping_charge

    def money(self, count: int) -> Money:
        """``count`` minor units as Money."""
        return from_minor_units(count, self.currency)

    def take(self, eligible: list[int], discounts: list[int], shipping: int) -> None:
        """Commit a promotion's discounts (a pass over the lines only if it takes
        something off them: a free-shipping offer takes nothing)."""
        remaining = self.remaining
        if not any(discounts):
            self.shipping -= shipping
            return
        if len(eligible) == len(remaining):  # every line, in order (indexes ascend)
            remaining[:] = map(sub, remaining, discounts)
        else:
            for index, discount in zip(eligible, discounts, strict=True):
                remaining[index] -= discount
        self.shipping -= shipping


@attrs.frozen
class Taken:
    """What one promotion takes off: per eligible line (aligned), and off shipping."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    lines: list[int]
    shipping: int = 0
    note: str = ""


@attrs.frozen
class Refused:
    """Why a promotion takes nothing: a reason name and the explanation."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    reason: RejectionReason
    detail: str


def spread(total: int, weights: list[int]) -> list[int]:
    """Share ``total`` over lines in proportion to ``weights``, exactly (allocate, in
    minor units: a discount is at most the cart's total, which is in Money's range)."""
    if not total:
        return [0] * len(weights)
    if len(weights) == 1:
        return [total]
    return allocate_minor_units(total, weights)
