"""Measuring a remote seller's sales over a US state's economic-nexus windows.

Each window is judged by the rule in force on its last day, and also by the rule in
force on the day asked where that differs (``window_rules``): a window that closed
under a transaction test the state has since dropped still crossed (Illinois' 2025
look-back, with 250 transactions, obliges in January 2026), and a later, lower limit
that looks back at an earlier window crosses it too (Georgia's USD 100,000 of 2020
over 2019's sales). The window still running (the current calendar year so far) ends
on the day asked, so the rule in force that day judges it.

Each rule counts the sales its own way: a window judged by a rule that counted sales
made through a marketplace facilitator counts them, one judged by a later rule that
leaves them out does not (Colorado from 2019-10-01, Illinois from 2020-01-01). The
figures shown are counted by the rule in force on the day asked.

Sums are exact: each sale's USD amount is the unrounded conversion, and a total is
compared with the limit unrounded (no state's guidance read rounds a converted sale
before adding it up).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import attrs

from commercekit._checks import invalid
from commercekit._errors_data import MissingDataError
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import DIVISION, EXACT
from commercekit.errors import InputKind
from commercekit.money import Money, sum_money
from commercekit.tax._us_nexus import (
    MAX_COUNT,
    Combine,
    NexusThreshold,
    NexusWindow,
    nexus_periods,
)
from commercekit.tax._us_windows import (
    lookback,
    obliged_until,
    period_ends,
    window_rules,
)

__all__ = ["Entry", "Measured", "counted", "measure_lookback", "measure_years", "within"]

_ZERO = Money("0", "USD")


@attrs.frozen
class Entry:
    """One sale as a state counts it: its day, its amount in USD, its transactions,
    and whether a marketplace facilitator made it."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    day: date
    amount: Money
    transactions: int
    marketplace: bool


@attrs.frozen
class Measured:
    """What one state's windows hold on a day (the fields ``NexusStatus`` shows)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    window_start: date | None = None
    window_end: date | None = None
    sales: Money = _ZERO
    transactions: int = 0
    previous_sales: Money | None = None
    previous_transactions: int | None = None
    crossed_on: date | None = None
    share: Decimal = Decimal(0)
    last_crossed: date | None = None


def _counted(threshold: NexusThreshold, entries: Sequence[Entry]) -> list[Entry]:
    """The entries the state counts: marketplace sales only where it counts them."""
    if threshold.marketplace_counts is None and any(e.marketplace for e in entries):
        raise MissingDataError(
            f"whether {threshold.state} counts marketplace sales toward a remote "
            "seller's threshold",
            "it is not bundled yet; what was read for the row of "
            f"{threshold.since}: {threshold.note} Check the state's source "
            f"({threshold.source}) and leave those sales out or keep them in by hand",
        )
    if threshold.marketplace_counts:
        return list(entries)
    return [entry for entry in entries if not entry.marketplace]


def totals(entries: Sequence[Entry], what: str) -> tuple[Money, int]:
    """The sales and transactions of ``entries``, exact; a count over ``MAX_COUNT``
    is refused naming ``what`` was summed (not one sale's count)."""
    amount = sum_money([entry.amount for entry in entries], "USD")
    count = sum(entry.transactions for entry in entries)
    if count > MAX_COUNT:
        raise invalid(
            "sales",
            count,
            f"hold {count:,} transactions in total over {len(entries)} sales records "
            f"({what}), more than {MAX_COUNT:,}, the most counted; check the "
            "transactions given with each sale",
            kind=InputKind.COUNT,
        )
    return amount, count


def within(entries: Sequence[Entry], start: date, end: date) -> list[Entry]:
    """The entries from ``start`` to ``end``, every channel (each rule that judges
    the window counts them its own way: ``counted``)."""
    return [e for e in entries if start <= e.day <= end]


def counted(
    threshold: NexusThreshold, entries: Sequence[Entry], where: str = ""
) -> tuple[Money, int]:
    """The sales and transactions of ``entries`` that ``threshold`` counts (``where``
    names the window in a refusal)."""
    return totals(_counted(threshold, entries), f"to {threshold.state}{where}")


def _crossed(rules: Sequence[NexusThreshold], entries: Sequence[Entry]) -> bool:
    """Whether a rule crosses on the sales it counts of ``entries`` (a rule that also
    needs facts the sales do not carry never does: ``also_requires``). Where a rule's
    marketplace answer is not bundled, marketplace sales are asked about only when
    they decide it (a window crossed, or not, either way needs no answer)."""
    return any(_crosses(rule, entries) for rule in rules if not rule.also_requires)


def _crosses(rule: NexusThreshold, entries: Sequence[Entry]) -> bool:
    if rule.marketplace_counts is None:
        direct = [e for e in entries if not e.marketplace]
        if rule.crossed(*totals(direct, f"to {rule.state}")):
            return True
        if not rule.crossed(*totals(entries, f"to {rule.state}")):
            return False
    return rule.crossed(*counted(rule, entries))  # raises where marketplace sales decide


def _share(rules: Sequence[NexusThreshold], entries: Sequence[Entry]) -> Decimal:
    """The largest fraction of any judging rule reached, each counting ``entries``
    its own way (of one rule: for OR the larger of its two fractions, for AND the
    smaller), rounded half up to 4 places."""
    found = []
    for rule in rules:
        sales, transactions = counted(rule, entries)
        shares = []
        if rule.sales is not None:
            share = DIVISION.divide(sales.amount, rule.sales.amount)
            if rule.sales_with_transactions is not None:  # both parts of that test
                least = DIVISION.divide(Decimal(transactions), rule.sales_with_transactions)
                share = min(share, least)
            shares.append(share)
        if rule.transactions is not None:
            shares.append(DIVISION.divide(Decimal(transactions), rule.transactions))
        found.append(min(shares) if rule.combine is Combine.AND else max(shares))
    return max(found).quantize(Decimal("0.0001"), ROUND_HALF_UP, EXACT)


def _first_crossing(
    rules: Sequence[NexusThreshold], entries: Sequence[Entry]
) -> date | None:
    """The day the running totals of ``entries`` (one calendar year) first cross a
    rule, each rule counting them its own way (marketplace sales or not)."""
    days = []
    for rule in rules:  # bounded: one or two rules
        if rule.also_requires:
            continue
        sales, count = _ZERO, 0
        for entry in sorted(_counted(rule, entries), key=lambda e: e.day):
            sales, count = sales + entry.amount, count + entry.transactions
            if rule.crossed(sales, count):
                days.append(entry.day)
                break
    return min(days, default=None)


def _year(entries: Sequence[Entry], year: int) -> list[Entry]:
    return [e for e in entries if e.day.year == year]


def _year_rules(
    threshold: NexusThreshold, year: int, day: date
) -> tuple[NexusThreshold, ...]:
    """The rules that judge calendar ``year`` on ``day`` (its end: 31 December, or
    ``day`` while it runs)."""
    return window_rules(threshold, min(date(year, 12, 31), day), day)


def _crossed_since(
    threshold: NexusThreshold, entries: Sequence[Entry], year: int, day: date
) -> date | None:
    """The day of crossing in ``year``, or in the earliest year of the unbroken run of
    crossed years ending with it (each keeps the seller obliged through the next),
    back to the year before the state's first economic-nexus day."""
    crossing = _year_rules(threshold, year, day)
    crossed_on = _first_crossing(crossing, _year(entries, year))
    first = nexus_periods(threshold.state)[0].since.year - 1
    while crossed_on is not None and year > first:  # bounded by the years to `first`
        year -= 1
        rules = _year_rules(threshold, year, day)
        earlier = _first_crossing(rules, _year(entries, year))
        if earlier is None:
            break
        crossed_on = earlier
    return crossed_on


def measure_years(
    threshold: NexusThreshold, entries: Sequence[Entry], day: date
) -> Measured:
    """Calendar-year windows: the current year so far and, where the state counts it
    (or counts only it), the whole previous year, judged by the rule in force on 31
    December of that year (and by ``threshold``, the rule in force on ``day``)."""
    last_year = _year(entries, day.year - 1)
    last_sales, last_count = counted(threshold, last_year, f" in {day.year - 1}")
    last_rules = _year_rules(threshold, day.year - 1, day)
    crossed_last = _crossed_since(threshold, entries, day.year - 1, day)
    if threshold.window is NexusWindow.PREVIOUS_CALENDAR_YEAR:
        return Measured(
            window_start=date(day.year - 1, 1, 1),
            window_end=date(day.year - 1, 12, 31),
            sales=last_sales,
            transactions=last_count,
            crossed_on=crossed_last,
            share=_share(last_rules, last_year),
        )
    this_year = _year(entries, day.year)
    sales, count = counted(threshold, this_year, f" in {day.year}")
    share = max(_share((threshold,), this_year), _share(last_rules, last_year))
    return Measured(
        window_start=date(day.year, 1, 1),
        window_end=day,
        sales=sales,
        transactions=count,
        previous_sales=last_sales,
        previous_transactions=last_count,
        crossed_on=crossed_last or _first_crossing((threshold,), this_year),
        share=share,
    )


def measure_lookback(
    threshold: NexusThreshold, entries: Sequence[Entry], day: date
) -> Measured:
    """Look-back windows: the 12 months before the current period, each judged by the
    rule in force on its last day (the day the state measures it; Illinois: "at the
    end of each ... quarter", 86 Ill. Adm. Code 131.115) and by ``threshold``.
    Crossed when a look-back crossed that the law still looks back to on ``day``: the
    latest, or an earlier one (``last_crossed``, the newest that crossed) for as long as
    the state's rule keeps the seller obliged (``obliged_until``; always where that rule
    is not bundled). The day of crossing is the first period end of the unbroken run of
    crossed look-backs that ends with the newest (back to a year before the state's
    first economic-nexus day)."""
    since = nexus_periods(threshold.state)[0].since
    ends = period_ends(threshold.window, day, date(since.year - 1, since.month, 1))
    newest = crossed_on = None
    for end in ends:  # newest first; bounded by the ends, stops below a crossed run
        if _crossed(window_rules(threshold, end, day), within(entries, *lookback(end))):
            newest, crossed_on = newest or end, end
        elif newest is not None:
            break
    if newest is not None and newest != ends[0]:
        until = obliged_until(threshold.state, newest)
        if until is not None and until < day:  # the state's rule let it end
            newest = crossed_on = None
    start, end = lookback(ends[0])
    found = within(entries, start, end)
    sales, count = counted(threshold, found)
    return Measured(
        window_start=start,
        window_end=end,
        sales=sales,
        transactions=count,
        crossed_on=crossed_on,
        share=_share(window_rules(threshold, end, day), found),
        last_crossed=None if newest == ends[0] else newest,
    )
