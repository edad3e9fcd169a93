"""Qualifying periods: the stretch of time a tier is earned in, and what counts in it.

A tier program counts what a member did in a *qualifying period*: a calendar year, or a
membership year from the join date, or any run of whole months from an anchor day.
[`qualifying_period`][commercekit.loyalty.qualifying_period] finds the period holding a
day; [`qualifying_points`][commercekit.loyalty.qualifying_points] counts the points
earned in it (less what returns took back, or a tier could be bought and sent back) and
[`qualifying_spend`][commercekit.loyalty.qualifying_spend] the money spent in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import CurrencyMismatchError, InputKind, InvalidLoyaltyError
from commercekit.loyalty._checks import day, instance, items, signed_money
from commercekit.loyalty._checks import months as checked_months
from commercekit.loyalty._dates import add_months
from commercekit.loyalty._lots import Entry, EntryKind
from commercekit.money import Money, sum_money, validate_currency

__all__ = ["QualifyingPeriod", "qualifying_period", "qualifying_points", "qualifying_spend"]


def _convert_start(value: object) -> date:
    return day(value, "start")


def _convert_end(value: object) -> date:
    return day(value, "end")


@named_at_the_door
@attrs.frozen
class QualifyingPeriod:
    """The qualifying period containing a day: its first and last day, both included."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    start: date = attrs.field(converter=_convert_start)
    end: date = attrs.field(converter=_convert_end)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidLoyaltyError.refused(
                "end",
                self.end,
                f"is before start {self.start.isoformat()}; swap them",
                kind=InputKind.DATE,
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def _periods_in_calendar(anchor: date, length: int) -> range:
    """The periods (k: the k-th after ``anchor``'s) of ``length`` months that lie
    inside the calendar: from the first that starts in year 1 to the one before the
    last start in year 9999."""
    given = anchor.year * 12 + anchor.month - 1  # months since the start of year 0
    lowest = -((given - 12) // length)  # the first k whose start is in year 1 or later
    return range(lowest, (9999 * 12 + 11 - given) // length)


@context_free
def qualifying_period(on: date, anchor: date, months: int = 12) -> QualifyingPeriod:
    """The period of ``months`` months that contains ``on``, periods starting at ``anchor``.

    ``anchor`` is any period's first day: 1 January for calendar years, the join date
    for membership years. Periods follow each other every ``months`` months, with the
    same month arithmetic as expiry (a 31st anchor starts on the month's last day when
    the month is shorter).

    Examples:
        >>> from datetime import date
        >>> qualifying_period(date(2026, 11, 26), anchor=date(2024, 3, 15))
        QualifyingPeriod(start=datetime.date(2026, 3, 15), end=datetime.date(2027, 3, 14))
    """
    when, first = day(on, "on"), day(anchor, "anchor")
    length = checked_months(months, "months")
    inside = _periods_in_calendar(first, length)
    earliest = add_months(first, inside.start * length)
    latest = add_months(first, inside.stop * length) - timedelta(days=1)
    if not earliest <= when <= latest:
        raise InvalidLoyaltyError.refused(
            "on",
            when,
            f"falls in a period of months={length} from anchor={first.isoformat()} that "
            f"runs past the calendar ({date.min.isoformat()} to {date.max.isoformat()}); "
            f"give on from {earliest.isoformat()} to {latest.isoformat()}",
            kind=InputKind.DATE,
        )
    index = ((when.year - first.year) * 12 + when.month - first.month) // length
    # Clipped month ends can put the day in the period just before or after.
    for k in (k for k in (index - 1, index, index + 1) if k in inside):
        begins, next_begins = (
            add_months(first, k * length),
            add_months(first, (k + 1) * length),
        )
        if begins <= when < next_begins:
            return QualifyingPeriod(begins, next_begins - timedelta(days=1))
    raise AssertionError  # pragma: no cover - one of the three periods holds the day


@context_free
def qualifying_points(entries: Iterable[Entry], period: QualifyingPeriod) -> int:
    """Points that qualify in ``period``: earned, less what returns took back.

    Redemptions, expiry and adjustments do not change what a member qualified with;
    a return does, or a tier could be bought and sent back.

    Examples:
        >>> from datetime import date
        >>> from commercekit.loyalty import ExpiryPolicy, ExpiryRule, PointsLedger
        >>> ledger = PointsLedger(ExpiryRule(ExpiryPolicy.FIXED_TERM, 12))
        >>> ledger, first = ledger.earn("A1", 400, on=date(2026, 2, 1))
        >>> ledger, second = ledger.earn("A2", 300, on=date(2026, 5, 1))
        >>> ledger, back = ledger.reverse("A2", on=date(2026, 5, 20))
        >>> year = qualifying_period(date(2026, 6, 1), anchor=date(2026, 1, 1))
        >>> qualifying_points([*first, *second, *back], year)
        400
    """
    period = instance(period, QualifyingPeriod, "period")
    total = 0
    for entry in items(entries, "entries"):
        entry = instance(entry, Entry, "entries")  # noqa: PLW2901
        if entry.on in period and entry.kind in {EntryKind.EARN, EntryKind.REVERSE}:
            total += entry.points
    return max(total, 0)


@context_free
def qualifying_spend(
    purchases: Iterable[tuple[date, Money]], period: QualifyingPeriod, currency: str
) -> Money:
    """Money spent in ``period``: the (day, amount) pairs that fall in it, in ``currency``.

    Pass refunds as negative amounts on their own day; the total never goes below zero.

    Examples:
        >>> from datetime import date
        >>> year = qualifying_period(date(2026, 6, 1), anchor=date(2026, 1, 1))
        >>> qualifying_spend([(date(2025, 12, 30), Money("80", "EUR")),
        ...                   (date(2026, 3, 2), Money("120", "EUR"))], year, "EUR")
        Money('120.00', 'EUR')
    """
    period = instance(period, QualifyingPeriod, "period")
    currency = validate_currency(currency)
    counted = []
    for index, purchase in enumerate(items(purchases, "purchases")):
        if not isinstance(purchase, tuple | list) or len(purchase) != 2:
            raise InvalidLoyaltyError.refused(
                f"purchases[{index}]",
                purchase,
                "is not a (day, amount) pair; pass (date(2026, 3, 2), Money('120', 'EUR'))",
                kind=InputKind.LIST,
            )
        when, paid = purchase
        spent = signed_money(paid, f"purchases[{index}][1]")  # a refund is negative
        if spent.currency.code != currency:
            raise CurrencyMismatchError(currency, spent.currency.code, "add")
        if day(when, f"purchases[{index}][0]") in period:
            counted.append(spent)
    return max(sum_money(counted, currency), sum_money([], currency))
