"""The windows US states measure economic nexus over: the look-backs (Texas' preceding
12 calendar months, New York's four sales-tax quarters, Illinois' 12 months at each
quarter end, Connecticut's 12 months to 30 September), and which rule judges a window
that ended under an earlier one (``window_rules``)."""

from __future__ import annotations

from datetime import date, timedelta

from commercekit.tax._us_nexus import NexusThreshold, NexusWindow, nexus_periods

__all__ = [
    "LOOKBACK_MONTHS",
    "OBLIGED_FOR",
    "RELIEVED",
    "lookback",
    "obliged_until",
    "period_ends",
    "window_rules",
]

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


OBLIGED_FOR = {"US-IL": (12, "86 Ill. Adm. Code 131.115(b): 'for one year'")}
"""Look-back states whose law says how long a crossing obliges once later look-backs
fall below: the months from the day after the crossed look-back ends, and the rule's
words. Illinois: 86
Ill. Adm. Code 131.115(b), a remote retailer that meets a threshold for the 12 months
to a quarter end collects from the first day of the next quarter and files "for one
year" (read on the Cornell LII and Justia copies of the Administrative Code). Elsewhere
(Texas, New York, ...) a crossing is remembered with "whether the obligation has ended
is not bundled": no rule on falling below was read."""


def obliged_until(state: str, crossed_end: date) -> date | None:
    """The last day a look-back crossed up to ``crossed_end`` obliges in ``state``
    (None: not bundled, see ``OBLIGED_FOR``)."""
    if state not in OBLIGED_FOR:
        return None
    months = OBLIGED_FOR[state][0]
    ended = _month_start(crossed_end.year, crossed_end.month + 1 + months)
    return ended - timedelta(days=1)


RELIEVED = {
    "US-IN": date(2024, 1, 1),
    "US-WA": date(2019, 3, 14),
    "US-WI": date(2021, 2, 20),
}
"""States whose change of rule relieved sellers of an obligation that arose solely from
the test it dropped, with the day: from then on an earlier window is judged by the new
rule only. Washington: RCW 82.08.052(1)(c)(ii), SSB 5581 (2019), relieved from 14 March
2019 of an obligation arising solely from the 200-transaction test. Indiana: a seller
that met the 200-transaction test in 2023 but not USD 100,000 "may close their sales
tax account in 2024" (Department of Revenue, in.gov/dor, "Remote sellers").
Wisconsin: a seller registered only for the 200-transaction test collects through 19
February 2021 and may then inactivate its registration (the Department of Revenue's
examples, as summarised by the Sales Tax Institute; secondary)."""


def window_rules(
    threshold: NexusThreshold, end: date, day: date
) -> tuple[NexusThreshold, ...]:
    """The rules a window ending on ``end`` is judged by on ``day``, where
    ``threshold`` is the rule in force on ``day``.

    First the rule in force on the window's last day: a window is crossed or not by the
    law in force when it closed (Illinois' 2025 look-back, measured at 2025-12-31 under
    the 200-transaction test, still obliges a seller in 2026: 86 Ill. Adm. Code
    131.115 collects "for one year" from the next quarter). A window that ended before
    the state's first rule is judged by that first rule (earlier sales count toward
    it). Then ``threshold`` where it differs: a later, lower limit that looks back at
    the window also obliges (Georgia's USD 100,000 of 2020 over the 2019 sales). A
    state that relieved sellers of obligations under a dropped test (``RELIEVED``)
    judges earlier windows by the later rule alone from that day.
    """
    periods = nexus_periods(threshold.state)
    at_end = next(p for p in periods if p.until is None or end <= p.until)
    relief = RELIEVED.get(threshold.state)
    if relief is not None and at_end.since < relief <= day:
        at_end = threshold
    return (threshold,) if at_end == threshold else (at_end, threshold)
