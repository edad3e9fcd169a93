"""Thresholds measured on a past period, which decide a later year.

Most registration thresholds are measured on a period still running (this calendar year
so far, the last 12 months): once crossed, the seller must register. Japan's
consumption tax measures a period already over. A business is exempt in a year when its
taxable sales in the *base period*, the calendar year two years before, were JPY 10
million or less (Consumption Tax Act Art. 9(1), Art. 2(1)(xiv)), and not exempt when its
sales in the *specified period*, the first half of the year before, were over it
(Art. 9-2). So on any day three base periods matter: the one deciding this year (two
years ago), the one deciding next year (last year, complete), and the one deciding the
year after (this year, still running). Each period here says which year it decides:
[`ThresholdStatus.due_from`][commercekit.tax.ThresholdStatus] is that year's first day.

Examples:
    >>> [(p.start.year, p.decides.year, p.running)
    ...  for p in deciding_periods(Window.BASE_PERIOD, date(2026, 11, 26))]
    [(2024, 2026, False), (2025, 2027, False), (2026, 2028, True)]
"""

from __future__ import annotations

from datetime import date

import attrs

from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.errors import InputKind
from commercekit.tax._thresholds import Window

__all__ = ["Measured", "deciding_periods"]

_LAST_YEAR = 9997
"""The last year whose base periods decide a year the calendar still holds (9999)."""


@attrs.frozen
class Measured:
    """One past (or running) period and the year its sales decide."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    start: date
    end: date
    decides: date
    """The first day of the year the period decides (the status takes effect then)."""
    running: bool = False
    """Whether the period is still running on the day asked (its sales may grow)."""


def deciding_periods(window: Window, on: date) -> tuple[Measured, ...] | None:
    """The periods measured for ``window`` on ``on``, the year they decide in order
    (this year's first), or None for a window measuring the running period only."""
    if window not in (Window.BASE_PERIOD, Window.FIRST_HALF_OF_PREVIOUS_YEAR):
        return None
    year = on.year
    if not 3 <= year <= _LAST_YEAR:
        raise invalid(
            "on",
            on,
            f"is outside the years whose base periods the calendar holds (3 to "
            f"{_LAST_YEAR})",
            kind=InputKind.DATE,
        )
    if window is Window.BASE_PERIOD:
        return (
            Measured(date(year - 2, 1, 1), date(year - 2, 12, 31), date(year, 1, 1)),
            Measured(date(year - 1, 1, 1), date(year - 1, 12, 31), date(year + 1, 1, 1)),
            Measured(date(year, 1, 1), on, date(year + 2, 1, 1), running=True),
        )
    half = date(year, 6, 30)
    return (
        Measured(date(year - 1, 1, 1), date(year - 1, 6, 30), date(year, 1, 1)),
        Measured(date(year, 1, 1), min(on, half), date(year + 1, 1, 1), on <= half),
    )
