"""The look-back windows US states measure economic nexus over: Texas' preceding 12
calendar months, New York's four sales-tax quarters, Illinois' 12 months at each quarter
end, Connecticut's 12 months to 30 September."""

from __future__ import annotations

from datetime import date, timedelta

from commercekit.tax._us_nexus import NexusWindow

__all__ = ["LOOKBACK_MONTHS", "lookback", "period_ends"]

LOOKBACK_MONTHS = {
    NexusWindow.PRECEDING_12_CALENDAR_MONTHS: (1, 1),
    # New York's sales-tax quarters end on the last day of February, May, August and
    # November (Tax Law s1101(b)(8)(iv); tax.ny.gov, "Registration requirement for
    # businesses with no physical presence in New York State").
    NexusWindow.PRECEDING_FOUR_SALES_TAX_QUARTERS: (3, 3),
    NexusWindow.PRECEDING_12_MONTHS_AT_QUARTER_END: (3, 1),
    NexusWindow.TWELVE_MONTHS_ENDING_SEPTEMBER_30: (12, 10),
}
"""Per look-back window: months per period, and the month (1-12) a period starts."""


def _month_start(year: int, month: int) -> date:
    index = year * 12 + month - 1
    return date(index // 12, index % 12 + 1, 1)


def period_ends(window: NexusWindow, day: date, since: date) -> list[date]:
    """The ends of the periods a look-back window is measured at, from the first on or
    after ``since`` to the last before ``day``'s period began, newest first (empty
    when none)."""
    length, first = LOOKBACK_MONTHS[window]
    offset = (day.month - first) % length
    current = _month_start(day.year, day.month - offset)
    ends = []
    end = current - timedelta(days=1)
    while end >= since:  # bounded: one period per `length` months back to `since`
        ends.append(end)
        start = _month_start(end.year, end.month - length + 1)
        end = start - timedelta(days=1)
    return ends


def lookback(end: date) -> tuple[date, date]:
    """The 12 months ending on the period end ``end``."""
    return _month_start(end.year, end.month - 11), end
