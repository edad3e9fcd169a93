"""Refusing an argument for a figure it makes out of range.

An argument inside the library's range (below 10^18) can still make a figure the rule
computes from it fall outside: a review period of 10^18 - 1 periods times a demand of
100 a period. The refusal names the argument the caller gave (``review_period``), never
the figure (``mean``), says what the figure came to by which formula, and gives the
bound on the argument that keeps the figure in range, which the rule derives from its
formula where it refuses (so a call in range pays nothing for it).

Examples:
    >>> from commercekit.errors import InvalidInventoryError
    >>> print(beyond(InvalidInventoryError, "review_period", 10**17,
    ...              makes="the mean demand d x (L + R)", figure=10**19, below=10**16 - 7))
    review_period=100000000000000000 makes the mean demand d x (L + R) =
    10000000000000000000, out of range (numbers must be below 10^18 in magnitude with
    no digit finer than 10^-50); give review_period below 9999999999999993
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal
from fractions import Fraction

from commercekit._inputs import Error, refuse
from commercekit._numbers import MAX_MAGNITUDE, RANGE
from commercekit.errors import InputKind, InvalidInputError

__all__ = ["Factor", "beyond", "ratio_beyond"]

_Number = Decimal | Fraction | int

Factor = tuple[str, object, _Number, int]
"""An argument of a product or ratio: its name, its value as given, its number and
the power it enters with (1, or 2 for a figure that is its square root)."""


def beyond(
    error: Error,
    field: str,
    value: object,
    *,
    makes: str,
    figure: _Number,
    below: _Number | None = None,
    above: _Number | None = None,
    kind: InputKind = InputKind.AMOUNT,
    outside: str = f"out of range ({RANGE})",
    also: tuple[str, ...] = (),
) -> InvalidInputError:
    """``error`` refusing ``field``'s ``value``, which ``makes`` (the figure in words,
    with its formula) come to ``figure``, out of range; ``below`` (or ``above``) is the
    bound on ``field`` that keeps it in, derived from the formula with the caller's
    other arguments as given; ``outside`` says which bound the figure passed and
    ``also`` what else would do (``"days below 1E+20"``). The bound is shown rounded
    towards safety (down for ``below``, up for ``above``), so any value on the right
    side of it is computable."""
    if below is not None and below > 0:
        need = f"give {field} below {_shown(below, ROUND_FLOOR)}"
    elif above is not None:
        need = f"give {field} above {_shown(above, ROUND_CEILING)}"
    else:
        need = f"no {field} keeps it in range with the other arguments as given"
    said = f"makes {makes} = {_shown(figure, ROUND_CEILING)}, {outside}"
    others = "".join(f", or {other}" for other in also)
    return refuse(error, field, value, f"{said}; {need}{others}", kind)


def ratio_beyond(
    error: Error,
    makes: str,
    figure: _Number,
    over: tuple[Factor, ...],
    under: tuple[Factor, ...] = (),
    *,
    kind: InputKind = InputKind.AMOUNT,
) -> InvalidInputError:
    """``error`` refusing a figure that is a product of the arguments ``over`` divided
    by a product of those ``under`` (each to its power, times a constant) and that
    came to ``figure``, 10^18 or more in magnitude. Each argument's bound follows from
    the formula: the figure moves as the argument to its power, so one ``over`` keeps
    it in range below ``number x (10^18 / figure)^(1/power)`` and one ``under`` above
    ``number x (figure / 10^18)^(1/power)``. The refusal names the first ``under``
    (a divisor near zero makes most such figures), else the first ``over``, and gives
    the others' bounds too, where they are of use.

    Examples:
        >>> from commercekit.errors import InvalidInventoryError
        >>> print(ratio_beyond(InvalidInventoryError, "days of supply, on_hand / "
        ...     "demand_per_day", 10**20, over=(("on_hand", 100, 100, 1),),
        ...     under=(("demand_per_day", "1E-18", Decimal("1E-18"), 1),)))
        demand_per_day='1E-18' makes days of supply, on_hand / demand_per_day =
        100000000000000000000, out of range (numbers must be below 10^18 in magnitude
        with no digit finer than 10^-50); give demand_per_day above 1E-16, or on_hand
        below 1
    """
    scale = Fraction(abs(Fraction(figure))) / MAX_MAGNITUDE
    bounds = [
        (name, value, "above", ROUND_CEILING, Fraction(number) * _root(scale, power))
        for name, value, number, power in under
    ] + [
        (name, value, "below", ROUND_FLOOR, Fraction(number) / _root(scale, power))
        for name, value, number, power in over
    ]
    # A bound no one can meet (below 10^-8 of a unit, above 10^18 or more) is left out.
    useful = [
        found
        for found in bounds
        if (found[4] < MAX_MAGNITUDE if found[2] == "above" else found[4] >= _SMALLEST)
    ]
    (field, value, side, _, bound), *rest = useful or bounds[:1]
    return beyond(
        error,
        field,
        value,
        makes=makes,
        figure=figure,
        kind=kind,
        below=bound if side == "below" else None,
        above=bound if side == "above" else None,
        also=tuple(f"{name} {way} {_shown(most, how)}" for name, _, way, how, most in rest),
    )


_SMALLEST = Fraction(1, 10**8)

_PRECISE = Context(prec=40)
"""Enough digits for a figure below 10^28 to four decimals."""


def _root(scale: Fraction, power: int) -> Fraction:
    return scale if power == 1 else Fraction(math.sqrt(scale))


def _shown(number: _Number, rounding: str) -> str:
    """``number`` to four decimals (four significant digits below 1), rounded the
    safe way; figures of 10^28 or more, or below 10^-8, in scientific notation."""
    found = (
        _PRECISE.divide(number.numerator, number.denominator)
        if isinstance(number, Fraction)
        else Decimal(number)
    )
    if abs(found) >= 10**28 or (found and abs(found) < Decimal("1E-8")):
        return str(Context(prec=4, rounding=rounding).plus(found).normalize())
    if abs(found) >= 1:
        exact = Context(prec=_PRECISE.prec, rounding=rounding)
        return f"{found.quantize(Decimal('0.0001'), context=exact).normalize(exact):f}"
    return f"{Context(prec=4, rounding=rounding).plus(found).normalize():f}"
