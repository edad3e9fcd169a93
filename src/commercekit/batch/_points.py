"""Price points over columns of whole units: each value moved up, down or to the
nearest ``k x step + ending``, as ``PricePoint.move`` moves one price."""

from __future__ import annotations

from typing import Any

from commercekit.batch._plan import Point
from commercekit.batch._tables import numpy
from commercekit.pricing import Direction

__all__ = ["above", "move"]


def _start(value: Any, step: int) -> tuple[Any, Any]:
    """``value`` rounded down to a multiple of ``step``, and what is left over: one
    floor division (NumPy divides by a constant much faster than it takes a modulo)."""
    start = value // step
    start *= step
    return start, value - start


def above(value: Any, point: Point) -> Any:
    """The smallest price point at or above each ``value`` (zero or more)."""
    np = numpy()
    if len(point.endings) == 1:  # the commonest: .99, ¥980
        (ending,) = point.endings  # 0 <= ending < step: k = ceil((value - ending) / step)
        found = value + (point.step - 1 - ending)
        found //= point.step
        found *= point.step
        found += ending
        return found
    start, within = _start(value, point.step)
    found = start + (point.step + point.endings[0])
    for ending in reversed(point.endings):  # the smallest ending at or above wins
        found = np.where(within <= ending, start + ending, found)
    return found


def _below(value: Any, point: Point) -> Any:
    """The largest price point at or below each ``value``, or -1 where there is none."""
    np = numpy()
    start, within = _start(value, point.step)
    found = np.where(start >= point.step, start - point.step + point.endings[-1], -1)
    for ending in point.endings:  # the largest ending at or below wins
        found = np.where(ending <= within, start + ending, found)
    return found


def move(value: Any, point: Point, direction: Direction) -> Any:
    """Each ``value`` moved to a price point, as ``PricePoint.move`` moves one."""
    np = numpy()
    up = above(value, point)
    if direction is Direction.UP:
        return up
    down = _below(value, point)
    keep = (up == value) | (down < 0)
    if direction is Direction.NEAREST:
        keep |= up - value <= value - down
    return np.where(keep, up, down)
