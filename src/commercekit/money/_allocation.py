"""Splitting money into parts that add up to exactly the whole.

Dividing EUR 100.00 three ways cannot give three equal amounts in cents: one part must
carry the extra cent. [`allocate`][commercekit.money.allocate] and
[`split`][commercekit.money.split] decide where every minor unit goes, by a rule you can
state to a customer or an auditor:

1. Each part gets the whole minor units of its exact share (its ratio times the total),
   rounded toward zero.
2. The minor units left over go, one each, to the parts with the largest remainders
   (the "largest remainder" or Hamilton method); equal remainders go to the earlier
   part.

So the parts always sum to the whole, and no part is one minor unit or more away from
its exact share. A negative amount is allocated like its positive counterpart, with
every part negated, so refunds mirror charges. A part with ratio 0 gets exactly zero.

Examples:
    >>> from commercekit.money import Money
    >>> split(Money("100.00", "EUR"), 3)
    [Money('33.34', 'EUR'), Money('33.33', 'EUR'), Money('33.33', 'EUR')]
    >>> allocate(Money("10.00", "EUR"), [1, 2, 0])
    [Money('3.33', 'EUR'), Money('6.67', 'EUR'), Money('0.00', 'EUR')]
    >>> allocate(Money("5", "JPY"), [1, 1])
    [Money('3', 'JPY'), Money('2', 'JPY')]
    >>> allocate(Money("10.00", "EUR"), [0, 0])
    Traceback (most recent call last):
    ...
    commercekit.errors.AllocationError: every ratio is zero; at least one ratio must be ...
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import cast

from commercekit._numbers import EXACT, MAX_MAGNITUDE, MIN_EXPONENT, named_at_the_door
from commercekit.errors import AllocationError, InputKind, InvalidAmountError, shown
from commercekit.money._amount import to_decimal
from commercekit.money._currency import MINOR_UNITS, QUANTUM
from commercekit.money._money import Money
from commercekit.money._rounding import minor_units_in, require_money
from commercekit.typing import Ratio

__all__ = ["allocate", "allocate_minor_units", "split"]

MAX_PARTS = 100_000
"""The most parts ``allocate`` and ``split`` share an amount into (a count that drives
the work; invoices, instalments and shipments stay far below it)."""

_multiply = EXACT.multiply
_new = object.__new__

_MOST_DIGITS = round(math.log10(MAX_MAGNITUDE)) + max(MINOR_UNITS.values())
_MOST_UNITS = 10**_MOST_DIGITS
"""More minor units than any Money holds: its range in the currency with most decimals."""


def _minor_units_of(money: Money) -> tuple[int, int]:
    """The amount as an integer count of minor units, and the currency's exponent."""
    units = minor_units_in(money)
    if units is None:
        raise AllocationError(
            f"{shown(money)} has more decimals than {money.currency.code}'s "
            f"{MINOR_UNITS[money.currency.code]}; round it with round_money() before "
            "allocating it"
        )
    return units, MINOR_UNITS[money.currency.code]


def _parts(
    money: Money, counts: list[int], *, negative: bool, exponent: int
) -> list[Money]:
    currency = money.currency
    cls = money.__class__
    quantum = QUANTUM[currency.code]
    parts = []
    for count in counts:
        # Built in place rather than through Money(): the values are already checked,
        # and this loop is most of allocate's time.
        part = _new(cls)
        part.amount = _multiply(-count if negative else count, quantum)  # type: ignore[misc]  # py-moneyed marks it Final; set once here
        part.currency = currency  # type: ignore[misc]  # as above
        parts.append(part)
    return parts


def _fraction(ratio: object) -> tuple[int, int]:
    # The common ratios checked cheaply, as Money's multiplier is: an int in range, or
    # a plain Decimal whose leading digit is in range.
    if ratio.__class__ is int and -MAX_MAGNITUDE < ratio < MAX_MAGNITUDE:
        return ratio, 1
    if (
        ratio.__class__ is Decimal
        and ratio.is_finite()
        and MIN_EXPONENT <= ratio.adjusted() < 18
    ):
        return ratio.as_integer_ratio()
    return to_decimal(ratio, "ratio").as_integer_ratio()


def _weights(ratios: Sequence[Ratio]) -> list[int]:
    """The ratios as integers in the same proportions.

    Each Decimal is an exact fraction whose denominator is a power of ten's divisor;
    bringing them to their least common denominator keeps every proportion exact.
    """
    if isinstance(ratios, str | bytes) or not isinstance(ratios, Sequence):
        raise AllocationError(
            f"ratios must be a list of Decimals or ints, not {type(ratios).__name__}"
        )
    if not ratios:
        raise AllocationError("no ratios given; pass at least one ratio")
    if len(ratios) > MAX_PARTS:
        raise AllocationError(
            f"{len(ratios):,} ratios given; an amount is shared into at most "
            f"{MAX_PARTS:,} parts"
        )
    if (
        {*map(type, ratios)} == {int}
        and min(ratios) > -MAX_MAGNITUDE
        and max(ratios) < MAX_MAGNITUDE
    ):  # whole numbers (counts of minor units, say): already in their proportions
        weights = cast("list[int]", list(ratios))  # every ratio is an int
    else:
        fractions = [_fraction(ratio) for ratio in ratios]
        common = math.lcm(*(denominator for _, denominator in fractions))
        weights = [numerator * (common // den) for numerator, den in fractions]
    if min(weights) < 0:  # the first negative one is refused
        for ratio, weight in zip(ratios, weights, strict=True):
            if weight < 0:
                raise InvalidAmountError(
                    ratio, "is a negative ratio; ratios must be zero or positive"
                )
    if not any(weights):
        raise AllocationError(
            "every ratio is zero; at least one ratio must be positive to share an amount"
        )
    return weights


@named_at_the_door
def allocate(money: Money, ratios: Sequence[Ratio]) -> list[Money]:
    """Share ``money`` between parts in proportion to ``ratios``, losing nothing.

    ``ratios`` are non-negative ``Decimal``s or ints (at least one positive); they need
    not add up to anything in particular. ``money`` must be in whole minor units
    (round it first with [`round_money`][commercekit.money.round_money]).

    Returns one ``Money`` per ratio, in order. Their sum is exactly ``money``; each
    differs from its exact share by less than one minor unit; leftover minor units go to
    the largest remainders, ties to the earlier position.

    Examples:
        >>> allocate(Money("0.05", "EUR"), [Decimal("0.3"), Decimal("0.7")])
        [Money('0.02', 'EUR'), Money('0.03', 'EUR')]
        >>> allocate(Money("-1.000", "KWD"), [1, 1, 1])
        [Money('-0.334', 'KWD'), Money('-0.333', 'KWD'), Money('-0.333', 'KWD')]
    """
    money = require_money(money)
    weights = _weights(ratios)
    units, exponent = _minor_units_of(money)
    negative = units < 0
    counts = _counts(-units if negative else units, weights)
    return _parts(money, counts, negative=negative, exponent=exponent)


@named_at_the_door
def allocate_minor_units(units: int, ratios: Sequence[Ratio]) -> list[int]:
    """[`allocate`][commercekit.money.allocate] on a count of minor units: ``units``
    (an int, e.g. cents) shared in proportion to ``ratios`` by the same rule, one int
    per ratio, for code that keeps amounts as counts of minor units.

    ``allocate(from_minor_units(units, code), ratios)`` is these parts as Money. The
    parts add up to ``units`` exactly; a negative count is shared like its positive
    counterpart, every part negated.

    Raises ``InvalidAmountCountError`` (an ``InvalidAmountError``) for ``units`` that
    is not an int (a bool, a float, a ``Decimal``) or beyond any Money's range, and
    ``AllocationError`` (or ``InvalidAmountError`` for a negative ratio) for ``ratios``
    as ``allocate`` does.

    Examples:
        >>> allocate_minor_units(1000, [1, 2, 0])
        [333, 667, 0]
        >>> allocate_minor_units(-5, [1, 1])
        [-3, -2]
        >>> allocate_minor_units(10.0, [1, 1])
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountCountError: 10.0 is not a whole number of minor ...
    """
    if units.__class__ is not int or not -_MOST_UNITS < units < _MOST_UNITS:
        raise InvalidAmountError.of_kind(InputKind.COUNT)(
            units,
            f"is not a whole number of minor units in range (fewer than 10^{_MOST_DIGITS}"
            " either way); pass an int",
        )
    weights = _weights(ratios)
    if units < 0:
        return [-count for count in _counts(-units, weights)]
    return _counts(units, weights)


def _counts(units: int, weights: list[int]) -> list[int]:
    """``units`` (zero or more) shared over ``weights`` by largest remainder."""
    total = sum(weights)
    shares = [divmod(units * weight, total) for weight in weights]
    counts = [count for count, _ in shares]
    remainders = [remainder for _, remainder in shares]
    leftover = units - sum(counts)
    if leftover:
        # A stable sort: among equal remainders the earlier position comes first.
        by_remainder = sorted(range(len(counts)), key=remainders.__getitem__, reverse=True)
        for index in by_remainder[:leftover]:
            counts[index] += 1
    return counts


@named_at_the_door
def split(money: Money, parts: int) -> list[Money]:
    """Split ``money`` into ``parts`` near-equal amounts that add up to it exactly.

    The first parts carry the leftover minor units, one each.

    Examples:
        >>> split(Money("0.10", "USD"), 4)  # 2.5 cents each: the first two get a cent more
        [Money('0.03', 'USD'), Money('0.03', 'USD'),
         Money('0.02', 'USD'), Money('0.02', 'USD')]
        >>> split(Money("10.00", "EUR"), 0)
        Traceback (most recent call last):
        ...
        commercekit.errors.AllocationError: cannot split into 0 parts; pass a whole ...
    """
    money = require_money(money)
    if isinstance(parts, bool) or not isinstance(parts, int) or not 1 <= parts <= MAX_PARTS:
        raise AllocationError(
            f"cannot split into {shown(parts)} parts; pass a whole number of parts, "
            f"from 1 to {MAX_PARTS:,}"
        )
    units, exponent = _minor_units_of(money)
    negative = units < 0
    each, leftover = divmod(-units if negative else units, parts)
    counts = [each + 1] * leftover + [each] * (parts - leftover)
    return _parts(money, counts, negative=negative, exponent=exponent)
