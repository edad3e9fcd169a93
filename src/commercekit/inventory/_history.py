"""A product's sales history: the units sold in each period, dated, zero periods kept.

A forecast is only as good as the history it learns from. Three things a list of numbers
does not say, and a [`SalesHistory`][commercekit.inventory.SalesHistory] does:

* **the period**: a day, a week or a calendar month, named, so that a lead time in weeks
  is never matched with daily sales;
* **the dates**: the first period's start, so that each period (and the forecast after
  the last) has a date;
* **the periods that sold nothing**: kept as zeros. Intermittent demand (a spare part, a
  slow seller) is mostly zeros, and the methods made for it (Croston's) read the gaps
  between sales.

Counts are whole, non-negative units; the length is bounded by
[`MAX_HISTORY_PERIODS`][commercekit.inventory.MAX_HISTORY_PERIODS] and each count by
[`MAX_UNITS_PER_PERIOD`][commercekit.inventory.MAX_UNITS_PER_PERIOD], so that no fit
can run away.
"""

from __future__ import annotations

import enum
from datetime import date, timedelta

import attrs

from commercekit._checks import day
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._numbers import choice, listed, units

__all__ = [
    "MAX_HISTORY_PERIODS",
    "MAX_UNITS_PER_PERIOD",
    "Period",
    "SalesHistory",
    "period_start",
]

MAX_HISTORY_PERIODS = 3660
"""The most periods a sales history holds: ten years of days."""

MAX_UNITS_PER_PERIOD = 10**9
"""The most units one period may record. The fits run in binary floating point, which
holds a billion units with room for the four decimals every result is rounded to."""


class Period(enum.StrEnum):
    """The length of one period of a sales history (and of its forecast)."""

    DAY = "day"
    WEEK = "week"
    """Seven days from the history's start date (the shop picks the weekday)."""
    MONTH = "month"
    """A calendar month; the history starts on the first day of one."""


def period_start(start: date, period: Period, index: int) -> date:
    """The first day of period ``index`` (0 for the first) of a history from ``start``.

    Raises ``OverflowError`` past the last date Python holds (9999-12-31).
    """
    if period is Period.MONTH:
        year, month = divmod(start.year * 12 + start.month - 1 + index, 12)
        if year > date.max.year:
            raise OverflowError(year)
        return date(year, month + 1, 1)
    return start + timedelta(days=index * (7 if period is Period.WEEK else 1))


def _units(value: object) -> tuple[int, ...]:
    found = listed(value, "units")
    if not found:
        raise InvalidInventoryError.refused(
            "units",
            value,
            "is empty; give the units sold in each period",
            kind=InputKind.LIST,
        )
    if len(found) > MAX_HISTORY_PERIODS:
        raise InvalidInventoryError.refused(
            "units",
            f"<{len(found)} periods>",
            f"holds more than {MAX_HISTORY_PERIODS:,} periods, the most a history "
            "holds; keep the most recent ones",
            kind=InputKind.LIST,
        )
    return tuple(units(count, "units", maximum=MAX_UNITS_PER_PERIOD) for count in found)


def _start(value: object) -> date:
    return day(value, "start", InvalidInventoryError)


def _period(value: object) -> Period:
    return choice(value, Period, "period")


@named_at_the_door
@attrs.frozen
class SalesHistory:
    """Units sold in each period, oldest first, from ``start``, one ``period`` apart.

    ``units`` holds whole, non-negative counts, one per period, zeros included (a
    period with no sale is a zero, never left out): at least one and at most
    ``MAX_HISTORY_PERIODS``, each at most ``MAX_UNITS_PER_PERIOD``. A monthly history
    starts on the first day of a month. Refused with ``InvalidInventoryError`` (of the
    kind of input at fault) when built.

    Examples:
        >>> history = SalesHistory([4, 0, 7, 5], start=date(2026, 1, 5), period="week")
        >>> history.periods, history.end
        (4, datetime.date(2026, 2, 2))
        >>> SalesHistory([3, 2], start=date(2026, 1, 15), period="month")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidInventoryDateError: start=... is not the first day...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    units: tuple[int, ...] = attrs.field(converter=_units)
    start: date = attrs.field(converter=_start)
    period: Period = attrs.field(converter=_period)

    def __attrs_post_init__(self) -> None:
        if self.period is Period.MONTH and self.start.day != 1:
            raise InvalidInventoryError.refused(
                "start",
                self.start,
                "is not the first day of a month, where a monthly history starts",
                kind=InputKind.DATE,
            )
        try:
            period_start(self.start, self.period, len(self.units))
        except OverflowError:
            raise InvalidInventoryError.refused(
                "start",
                self.start,
                f"leaves no room for {len(self.units)} {self.period.value}s before "
                f"{date.max}, the last date Python holds",
                kind=InputKind.DATE,
            ) from None

    @property
    def periods(self) -> int:
        """How many periods the history holds."""
        return len(self.units)

    @property
    def end(self) -> date:
        """The day after the last period: where a forecast's first period starts."""
        return period_start(self.start, self.period, len(self.units))
