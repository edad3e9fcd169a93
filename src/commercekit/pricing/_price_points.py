"""Price points: the endings shoppers expect (.99, .95, ¥980) and never below a floor.

A [`PricePoint`][commercekit.pricing.PricePoint] lists the endings a price may have
within each step: ``step=1, endings=(0.99,)`` allows 9.99, 10.99, 11.99 …;
``step=1000, endings=(980,)`` allows ¥980, ¥1,980, ¥2,980 …. A price moves to one of them
up, down or to the nearest, and never below a floor: a minimum margin over cost, or a
minimum advertised price (MAP). Moving a price that is already a price point leaves it
alone.

Examples:
    >>> to_price_point(Money("23.40", "EUR"), CHARM_99)
    Money('23.99', 'EUR')
    >>> to_price_point(Money("2310", "JPY"), PricePoint(Decimal(1000), (Decimal(980),)))
    Money('2980', 'JPY')
    >>> to_price_point(Money("23.40", "EUR"), CHARM_99, direction=Direction.NEAREST)
    Money('22.99', 'EUR')
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, context_free, named_at_the_door
from commercekit.errors import CurrencyMismatchError, InputKind, InvalidAmountError
from commercekit.money import QUANTUM, Money, require_money, to_decimal
from commercekit.pricing import _checks as checks

__all__ = ["CHARM_99", "Direction", "PricePoint", "to_price_point"]


class Direction(enum.StrEnum):
    """Which way a price moves to a price point."""

    UP = "up"
    """To the next price point at or above (the default: never sell for less)."""
    NEAREST = "nearest"
    """To the closest price point; halfway goes up."""
    DOWN = "down"
    """To the price point at or below."""


def _positive(value: object) -> Decimal:
    number = to_decimal(value, "price-point step")
    if number <= 0:
        raise InvalidAmountError(value, "is not a positive price-point step", field="step")
    return number


def _endings(values: object) -> tuple[Decimal, ...]:
    if not isinstance(values, tuple | list) or not values:
        raise InvalidAmountError.of_kind(InputKind.LIST)(
            values, "is not a list of endings such as (0.99,)"
        )
    return tuple(sorted(to_decimal(value, "price ending") for value in values))


@named_at_the_door
@attrs.frozen
class PricePoint:
    """Allowed prices: ``k x step + ending`` for whole ``k >= 0`` and each ending.

    Every ending must lie in ``[0, step)``: ``.99`` in steps of 1, ``980`` in steps of
    1000.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    step: Decimal = attrs.field(converter=_positive)
    endings: tuple[Decimal, ...] = attrs.field(converter=_endings)

    def __attrs_post_init__(self) -> None:
        for ending in self.endings:
            if not 0 <= ending < self.step:
                raise InvalidAmountError(
                    ending,
                    f"is not an ending within one step of {self.step}",
                    field="endings",
                )

    def _below(self, value: Decimal) -> Decimal | None:
        """The largest price point at or below ``value`` (None if there is none)."""
        base = EXACT.multiply(
            EXACT.divide_int(value, self.step), self.step
        )  # the step boundary at or below value (value >= 0)
        for start in (base, base - self.step):
            candidates = [
                start + e for e in reversed(self.endings) if 0 <= start + e <= value
            ]
            if candidates:
                return candidates[0]
        return None

    def _above(self, value: Decimal) -> Decimal:
        """The smallest price point at or above ``value``."""
        base = EXACT.multiply(EXACT.divide_int(value, self.step), self.step)
        for start in (base, base + self.step):
            for ending in self.endings:
                if start + ending >= value:
                    return start + ending
        raise AssertionError(value)  # pragma: no cover  # one step always holds one

    @context_free
    def move(self, value: Decimal, direction: Direction) -> Decimal:
        """``value`` (zero or more) moved to a price point in ``direction``.

        Examples:
            >>> CHARM_99.move(Decimal("23.40"), Direction.DOWN)
            Decimal('22.99')
            >>> CHARM_99.move(Decimal("23.40"), "sideways")
            Traceback (most recent call last):
            ...
            commercekit.errors.InvalidAmountChoiceError: 'sideways' is not one of the ...
        """
        return self._move(
            checks.decimal(value, "value"), checks.member(direction, Direction, "direction")
        )

    def _move(self, value: Decimal, direction: Direction) -> Decimal:
        above = self._above(value)
        if direction is Direction.UP or above == value:
            return above
        below = self._below(value)
        if below is None:
            return above
        if direction is Direction.DOWN:
            return below
        return above if above - value <= value - below else below


CHARM_99 = PricePoint(Decimal(1), (Decimal("0.99"),))
"""Prices ending in .99: 9.99, 10.99, …"""


@context_free
def to_price_point(
    price: Money,
    policy: PricePoint,
    *,
    direction: Direction = Direction.UP,
    floor: Money | None = None,
) -> Money:
    """``price`` moved to a price point of ``policy``, never below ``floor``.

    ``floor`` is the lowest acceptable price (from a minimum margin or a minimum
    advertised price); if the chosen price point is below it, the next one at or above
    the floor is taken. The result keeps the currency's minor-unit decimals.

    Examples:
        >>> floor = Money("24.50", "EUR")
        >>> to_price_point(Money("23.40", "EUR"), CHARM_99, floor=floor)
        Money('24.99', 'EUR')
        >>> to_price_point(Money("23.99", "EUR"), CHARM_99)
        Money('23.99', 'EUR')
    """
    price = require_money(price)
    if not isinstance(policy, PricePoint):
        raise InvalidAmountError.of_kind(InputKind.TYPE)(policy, "is not a PricePoint")
    if price.amount < 0:
        raise InvalidAmountError(price, "is a negative price")
    direction = checks.member(direction, Direction, "direction")
    chosen = policy._move(price.amount, direction)
    if floor is not None:
        floor = checks.money(floor, "floor")
        if floor.currency != price.currency:
            raise CurrencyMismatchError(price.currency.code, floor.currency.code, "floor")
        if chosen < floor.amount:
            chosen = policy._move(floor.amount, Direction.UP)
    quantum = QUANTUM[price.currency.code]
    if chosen != chosen.quantize(quantum, context=EXACT):
        raise InvalidAmountError(
            policy, f"gives {chosen}, finer than {price.currency.code}'s minor unit"
        )
    return Money(chosen.quantize(quantum, context=EXACT), price.currency)
