"""Exact whole-number arithmetic over columns, rounded the way the per-call rules round.

Amounts travel as whole numbers of a unit (minor units, or a finer power of ten), so
every step is exact. Columns are numpy ``int64`` arrays while every value, and every
product, fits in 63 bits; a step whose result might not fit is done on Python integers
(numpy ``object`` arrays) instead: slower, never wrong. The check is on the largest
magnitudes, before the step, so nothing can overflow silently.
"""

from __future__ import annotations

from typing import Any

from commercekit.batch._tables import numpy
from commercekit.money import RoundingMode

__all__ = [
    "LIMIT",
    "divide_rounded",
    "divide_whole",
    "exact",
    "ints",
    "largest",
    "multiply",
    "pow10",
    "to_int64",
]

LIMIT = 2**62
"""Products and sums stay in ``int64`` while their magnitude is below this."""


def largest(values: Any) -> int:
    """The largest magnitude in a column (0 for an empty one), as a Python int."""
    if not len(values):
        return 0
    np = numpy()
    if values.dtype == object:
        return int(max(abs(int(value)) for value in values))
    return max(abs(int(np.max(values))), abs(int(np.min(values))))


def ints(values: Any) -> Any:
    """``values`` (ints, or an int array) as an ``int64`` array where they fit, else as an
    ``object`` array of Python ints."""
    np = numpy()
    array = np.asarray(values)
    if array.dtype == object:
        return to_int64(array)
    return array.astype(np.int64, copy=False)


def exact(values: Any) -> Any:
    """``values`` as an ``object`` array of Python ints (for steps beyond ``int64``)."""
    np = numpy()
    if values.dtype == object:
        return values
    out = np.empty(len(values), dtype=object)
    out[:] = [int(value) for value in values.tolist()]
    return out


def to_int64(values: Any) -> Any:
    """``values`` back in ``int64`` if every one fits, else unchanged."""
    np = numpy()
    if values.dtype != object or largest(values) >= LIMIT:
        return values
    return values.astype(np.int64)


def multiply(left: Any, right: Any) -> Any:
    """``left x right`` elementwise (arrays or ints), exactly."""
    np = numpy()
    left_array, right_array = np.asarray(left), np.asarray(right)
    if (
        object not in (left_array.dtype, right_array.dtype)
        and largest(left_array.reshape(-1)) * largest(right_array.reshape(-1)) < LIMIT
    ):
        return left_array.astype(np.int64, copy=False) * right_array.astype(
            np.int64, copy=False
        )
    return _objects(left_array) * _objects(right_array)


def pow10(exponent: Any) -> Any:
    """``10 ** exponent`` for a column of exponents from 0 up: ``int64`` while it fits,
    Python ints beyond (``numpy.power`` would wrap around silently past 10^18)."""
    np = numpy()
    exponent = np.asarray(exponent, dtype=np.int64)
    if not len(exponent) or int(exponent.max()) <= 18:  # 10^18 < 2^63
        return np.power(10, exponent, dtype=np.int64)
    out = np.empty(len(exponent), dtype=object)
    out[:] = [10 ** int(value) for value in exponent.tolist()]
    return out


def _objects(array: Any) -> Any:
    if array.ndim == 0:
        return int(array)
    return exact(array)


def divide_rounded(numerator: Any, denominator: Any, mode: RoundingMode) -> Any:
    """``numerator / denominator`` rounded to whole numbers with ``mode``, exactly as
    [`round_ratio`][commercekit.money.round_ratio] rounds one ratio.

    ``denominator`` is positive (an int or an array). Half-way cases compare twice the
    remainder with the denominator, so no fraction is ever formed.
    """
    np = numpy()
    numerator, denominator = np.asarray(numerator), np.asarray(denominator)
    if object not in (numerator.dtype, denominator.dtype):
        low = int(np.min(numerator)) if numerator.size else 0
        high = int(np.max(numerator)) if numerator.size else 0
        divisor = largest(denominator.reshape(-1))
        if low >= 0 and 2 * (high + divisor) < LIMIT:
            return divide_whole(numerator, denominator, mode)
        if 2 * max(-low, high, divisor) >= LIMIT:
            numerator, denominator = _objects(numerator), _objects(denominator)
    quotient = numerator // denominator  # floor division
    remainder = numerator - quotient * denominator  # 0 <= remainder < denominator
    inexact = remainder != 0
    if mode is RoundingMode.FLOOR:
        up = np.zeros_like(inexact)
    elif mode is RoundingMode.CEILING:
        up = inexact
    elif mode is RoundingMode.DOWN:
        up = inexact & (numerator < 0)
    elif mode is RoundingMode.UP:
        up = inexact & (numerator > 0)
    else:
        twice = remainder * 2
        above, half = twice > denominator, twice == denominator
        if mode is RoundingMode.HALF_UP:
            tie_up = numerator > 0
        elif mode is RoundingMode.HALF_DOWN:
            tie_up = numerator < 0
        else:  # HALF_EVEN: a tie goes to the even neighbour
            tie_up = (quotient % 2) != 0
        up = above | (half & tie_up)
    return to_int64(quotient + up.astype(np.int64))


def divide_whole(numerator: Any, denominator: Any, mode: RoundingMode) -> Any:
    """``divide_rounded`` for ``int64`` numerators of zero or more, where the caller
    knows ``2 x (numerator + denominator)`` stays below ``LIMIT`` (prices, fees, taxes):
    one floor division each, no check, and one new column."""
    if mode in (RoundingMode.FLOOR, RoundingMode.DOWN):
        return numerator // denominator
    if mode in (RoundingMode.CEILING, RoundingMode.UP):
        result = numerator + (denominator - 1)
        result //= denominator
        return result
    if mode is RoundingMode.HALF_UP:  # a tie goes up: floor((n + d/2) / d)
        result = numerator + denominator // 2
        result //= denominator
        return result
    if mode is RoundingMode.HALF_DOWN:  # a tie stays below: floor((n + d/2 - 1/2) / d)
        result = numerator + (denominator - 1) // 2
        result //= denominator
        return result
    twice = denominator * 2  # HALF_EVEN: a tie goes up, unless that makes it odd
    result = numerator * 2
    result += denominator
    quotient = result // twice
    result -= quotient * twice  # 0 on a tie
    quotient -= (quotient & 1) * (result == 0)
    return quotient
