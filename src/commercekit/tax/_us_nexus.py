"""United States economic nexus: when a remote seller must collect a state's sales tax.

Until 2018 a state could make a seller collect its sales tax only if the seller was
physically present there (Quill Corp. v. North Dakota, 504 U.S. 298 (1992)). South
Dakota v. Wayfair, Inc., 585 U.S. 162 (2018) overruled that: a state may require a
seller with no presence to collect once its sales into the state pass a threshold. Each
state then set its own: a dollar amount of sales, a number of separate transactions, or
both (joined by OR in most states, by AND in a few), measured over a window of its own
(the previous or current calendar year, the preceding 12 calendar months, the preceding
four sales-tax quarters), and several dropped the transaction count later.

Each state's threshold is a dated, sourced row of ``_data/us_nexus.csv``
([`NexusThreshold`][commercekit.tax.NexusThreshold]), all 50 states and DC; a state
without a sales tax (DE, MT, NH, OR; Alaska has no state-level one) has a row saying so.
An outlying area (``US-PR``) raises, naming the states that are bundled.

Examples:
    >>> tx = nexus_threshold("US-TX", on=date(2026, 11, 26))
    >>> tx.sales, tx.transactions, tx.window.value
    (Money('500000', 'USD'), None, 'preceding_12_calendar_months')
    >>> tx.crossed(Money("499999.99", "USD"), 0), tx.crossed(Money("500000", "USD"), 0)
    (False, True)
"""

from __future__ import annotations

import enum
import functools
from datetime import date, timedelta
from typing import Any

import attrs

from commercekit import _bundled
from commercekit._checks import invalid
from commercekit._errors_data import NoThresholdError
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import NoRuleError
from commercekit.money import Money, require_money
from commercekit.regions import check_day, check_subdivision
from commercekit.tax import _checks
from commercekit.tax._thresholds import Crossing

__all__ = [
    "MAX_COUNT",
    "CollectFrom",
    "Combine",
    "NexusThreshold",
    "NexusWindow",
    "nexus_periods",
    "nexus_threshold",
]

MAX_COUNT = 10**9
"""The most transactions a threshold or a sale record may count."""


class NexusWindow(enum.StrEnum):
    """The period a state adds a remote seller's sales up over."""

    PREVIOUS_OR_CURRENT_CALENDAR_YEAR = "previous_or_current_calendar_year"
    """The previous calendar year, or the current one so far (most states)."""
    PREVIOUS_CALENDAR_YEAR = "previous_calendar_year"
    """The previous calendar year only (Alabama, Florida, Michigan, New Mexico,
    Pennsylvania, Rhode Island)."""
    PRECEDING_12_CALENDAR_MONTHS = "preceding_12_calendar_months"
    """The 12 whole calendar months before the current month (Texas, Vermont; the
    nearest fit for Mississippi's and Tennessee's "previous twelve months")."""
    PRECEDING_FOUR_SALES_TAX_QUARTERS = "preceding_four_sales_tax_quarters"
    """New York's four sales-tax quarters (March-May, June-August, September-November,
    December-February) before the current one."""
    PRECEDING_12_MONTHS_AT_QUARTER_END = "preceding_12_months_at_quarter_end"
    """The 12 months ending with the last calendar quarter, looked at after each
    quarter ends (Illinois, Minnesota, Missouri)."""
    TWELVE_MONTHS_ENDING_SEPTEMBER_30 = "twelve_months_ending_september_30"
    """The 12 months ending on the 30 September before the period asked about
    (Connecticut)."""
    NONE = "none"
    """No window: the state has no sales tax."""


class Combine(enum.StrEnum):
    """How a state joins its sales and transaction thresholds."""

    OR = "or"
    """Either one crossed is enough."""
    AND = "and"
    """Both must be crossed (Connecticut, New York)."""


class CollectFrom(enum.StrEnum):
    """When a seller that crossed the threshold must start collecting, as the state says."""

    NEXT_TRANSACTION = "next_transaction"
    """From the sale after the one that crossed it: due from the day of crossing."""
    FIRST_DAY_OF_NEXT_MONTH = "first_day_of_next_month"
    """From the first day of the month after the crossing."""
    FIRST_DAY_OF_FOURTH_MONTH = "first_day_of_fourth_month"
    """From the first day of the fourth month after the month of crossing (Texas)."""
    NEXT_CALENDAR_YEAR = "next_calendar_year"
    """From 1 January of the year after the crossing."""
    FIRST_DAY_OF_MONTH_AFTER_90_DAYS = "first_day_of_month_after_90_days"
    """From the first day of the month after the 90th day after the crossing
    (Colorado)."""
    SIXTY_DAYS_OR_NEXT_CALENDAR_YEAR = "sixty_days_or_next_calendar_year"
    """From 60 days after the crossing or 1 January after it, whichever is earlier
    (North Dakota)."""
    FIRST_MONTH_STARTING_30_DAYS_AFTER = "first_month_starting_30_days_after"
    """From the first day of the first month that begins at least 30 days after the
    crossing (Iowa: crossed 2023-09-15, due 2023-11-01; Nevada, Maine, Arizona)."""
    FIRST_DAY_OF_SECOND_MONTH = "first_day_of_second_month"
    """From the first day of the second calendar month after the crossing (Nebraska,
    South Carolina)."""

    def due(self, crossed_on: date) -> date:
        """The first day collection is due for a threshold crossed on ``crossed_on``."""
        if self is CollectFrom.NEXT_TRANSACTION:
            return crossed_on
        if self is CollectFrom.NEXT_CALENDAR_YEAR:
            return date(crossed_on.year + 1, 1, 1)
        if self is CollectFrom.SIXTY_DAYS_OR_NEXT_CALENDAR_YEAR:
            return min(crossed_on + timedelta(days=60), date(crossed_on.year + 1, 1, 1))
        if self is CollectFrom.FIRST_DAY_OF_MONTH_AFTER_90_DAYS:
            crossed_on += timedelta(days=90)
        if self is CollectFrom.FIRST_MONTH_STARTING_30_DAYS_AFTER:
            crossed_on += timedelta(days=30)
            if crossed_on.day == 1:
                return crossed_on
        months = {
            CollectFrom.FIRST_DAY_OF_FOURTH_MONTH: 4,
            CollectFrom.FIRST_DAY_OF_SECOND_MONTH: 2,
        }.get(self, 1)
        index = crossed_on.year * 12 + crossed_on.month - 1 + months
        return date(index // 12, index % 12 + 1, 1)


def _state(value: object) -> str:
    return check_subdivision("US", value)


def _optional_usd(value: object) -> Money | None:
    if value is None:
        return None
    found = require_money(value, "sales")
    if found.currency.code != "USD" or found.amount <= 0:
        raise invalid("sales", value, "is not a positive amount in USD")
    return found


def _optional_count(value: object, field: str = "transactions") -> int | None:
    if value is None:
        return None
    return _checks.whole(
        value, field, positive=True, unit="transactions", maximum=MAX_COUNT
    )


def _optional_least(value: object) -> int | None:
    return _optional_count(value, "sales_with_transactions")


def _optional_flag(value: object) -> bool | None:
    return None if value is None else _checks.flag(value, "marketplace_counts")


def _optional_combine(value: object) -> Combine | None:
    return None if value is None else _checks.choice(value, Combine, "combine")


def _window(value: object) -> NexusWindow:
    return _checks.choice(value, NexusWindow, "window")


def _crossing(value: object, field: str = "") -> Crossing:
    return _checks.choice(value, Crossing, field)


def _optional_collect(value: object) -> CollectFrom | None:
    return None if value is None else _checks.choice(value, CollectFrom, "collect_from")


def _sources(value: object) -> tuple[str, ...]:
    return _bundled.source_list(value)


def _in_order(
    instance: NexusThreshold, _: attrs.Attribute[Any], until: date | None
) -> None:
    _checks.valid_optional_day(instance, _, until)
    if until is not None and until < instance.since:
        raise invalid("until", until, f"is before since ({instance.since})")


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class NexusThreshold(_bundled.Sourced):
    """A state's economic-nexus threshold for remote sellers in one period.

    ``sales`` (USD) and ``transactions`` are the limits (``None``: the state has no such
    limit; both ``None``: the state has no sales tax); ``combine`` joins them when both
    are set. ``sales_crossed_when`` and ``transactions_crossed_when`` follow each
    statute's wording ("exceeds" is ``above``, "equals or exceeds" ``at_or_above``).
    ``counts`` says which sales count (gross, retail or taxable sales) and
    ``marketplace_counts`` whether sales made through a marketplace facilitator count
    toward the seller's own threshold (``None``: not bundled). ``collect_from`` is
    when collection becomes due after crossing, where the state's source says
    (``None``: not bundled).
    ``official`` is False where the figures were confirmed only on a secondary source.
    ``sales_with_transactions``: the sales limit counts only with at least that many
    transactions (Minnesota before 2019-10-01: "10 or more retail sales totaling more
    than $100,000", or 100 retail sales). ``also_requires``: facts besides the sales
    that the rule needs and a sale record does not carry (Ohio's 2018 in-state
    software or content-network nexus); crossing such a rule's limits alone obliges
    nothing, and ``nexus_status`` gives the status ``depends_on_facts`` naming them.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    state: str = attrs.field(converter=_state)
    sales: Money | None = attrs.field(converter=_optional_usd)
    transactions: int | None = attrs.field(converter=_optional_count)
    combine: Combine | None = attrs.field(converter=_optional_combine)
    sales_crossed_when: Crossing = attrs.field(converter=_crossing)
    transactions_crossed_when: Crossing = attrs.field(converter=_crossing)
    window: NexusWindow = attrs.field(converter=_window)
    counts: str = attrs.field(validator=_checks.valid_text)
    marketplace_counts: bool | None = attrs.field(converter=_optional_flag)
    collect_from: CollectFrom | None = attrs.field(converter=_optional_collect)
    since: date = attrs.field(validator=_checks.valid_day)
    until: date | None = attrs.field(validator=_in_order)
    legal_basis: str = attrs.field(validator=_checks.valid_text)
    sources: tuple[str, ...] = attrs.field(converter=_sources)
    official: bool = attrs.field(validator=_checks.valid_flag)
    note: str = attrs.field(default="", validator=_checks.valid_note)
    sales_with_transactions: int | None = attrs.field(
        default=None, converter=_optional_least
    )
    also_requires: str = attrs.field(default="", validator=_checks.valid_note)

    def __attrs_post_init__(self) -> None:
        least = self.sales_with_transactions
        if least is not None and (
            self.combine is not Combine.OR or least >= (self.transactions or 0)
        ):
            raise invalid(
                "sales_with_transactions",
                least,
                "is set only beside an OR rule's larger transaction limit",
            )
        both = self.sales is not None and self.transactions is not None
        if both != (self.combine is not None):
            raise invalid(
                "combine",
                self.combine,
                "is set only when both limits, sales and transactions, are",
            )
        if (self.sales is None and self.transactions is None) != (
            self.window is NexusWindow.NONE
        ):
            raise invalid("window", self.window, "is 'none' only for a state without tax")

    @property
    def sales_tax(self) -> bool:
        """Whether the state levies a sales tax at all."""
        return self.window is not NexusWindow.NONE

    def crossed(self, sales: Money, transactions: int) -> bool:
        """Whether ``sales`` (USD) and ``transactions`` in the window cross it."""
        found = _checks.amount(sales, "sales")
        count = _checks.whole(transactions, "transactions", maximum=MAX_COUNT)
        if not self.sales_tax:
            return False
        tests = []
        if self.sales is not None:
            _checks.one_currency(self.sales, found, operation="compare")
            over = _over(found.amount, self.sales.amount, self.sales_crossed_when)
            least = self.sales_with_transactions
            tests.append(over and (least is None or count >= least))
        if self.transactions is not None:
            limit = self.transactions
            tests.append(_over(count, limit, self.transactions_crossed_when))
        return all(tests) if self.combine is Combine.AND else any(tests)

    def describe(self) -> str:
        """The threshold in words: ``more than USD 100000 or at least 200 ...``."""
        if not self.sales_tax:
            return "no state sales tax"
        parts = []
        if self.sales is not None:
            parts.append(f"{_words(self.sales_crossed_when)} USD {self.sales.amount}")
            if self.sales_with_transactions is not None:
                parts[-1] += f" in at least {self.sales_with_transactions} transactions"
        if self.transactions is not None:
            what = f"{self.transactions} transactions"
            parts.append(f"{_words(self.transactions_crossed_when)} {what}")
        joined = f" {self.combine.value} ".join(parts) if self.combine else parts[0]
        facts = f", and only with: {self.also_requires}" if self.also_requires else ""
        return f"{joined} ({self.window.value.replace('_', ' ')}){facts}"


def _over(value: Any, limit: Any, when: Crossing) -> bool:
    return bool(value >= limit) if when is Crossing.AT_OR_ABOVE else bool(value > limit)


def _words(when: Crossing) -> str:
    return "at least" if when is Crossing.AT_OR_ABOVE else "more than"


_COLUMNS = (
    *("state", "sales", "transactions", "combine", "sales_crossed_when"),
    *("transactions_crossed_when", "window", "counts", "marketplace_counts"),
    *("collect_from", "since", "until", "legal_basis", "source", "official", "note"),
    *("sales_with_transactions", "also_requires"),
)


def _row(line: _bundled.Line) -> NexusThreshold:
    sales = line.optional_decimal("sales")
    count = line.raw("transactions")
    return line.build(
        NexusThreshold,
        state=line.text("state"),
        sales=None if sales is None else Money(sales, "USD"),
        transactions=line.whole("transactions") if count else None,
        combine=line.optional_choice("combine", Combine),
        sales_crossed_when=line.choice("sales_crossed_when", Crossing),
        transactions_crossed_when=line.choice("transactions_crossed_when", Crossing),
        window=line.choice("window", NexusWindow),
        counts=line.text("counts"),
        marketplace_counts=(
            line.flag("marketplace_counts") if line.raw("marketplace_counts") else None
        ),
        collect_from=line.optional_choice("collect_from", CollectFrom),
        since=line.day("since"),
        until=line.optional_day("until"),
        legal_basis=line.text("legal_basis"),
        sources=line.sources(),
        official=line.flag("official"),
        note=line.raw("note"),
        sales_with_transactions=(
            line.whole("sales_with_transactions")
            if line.raw("sales_with_transactions")
            else None
        ),
        also_requires=line.raw("also_requires"),
    )


@functools.cache
def _read() -> dict[str, tuple[NexusThreshold, ...]]:
    lines = _bundled.read("commercekit.tax", "us_nexus.csv", columns=_COLUMNS)
    rows = [(line, _row(line)) for line in lines]
    _bundled.check_periods((line, row.state, row.since, row.until) for line, row in rows)
    found: dict[str, list[NexusThreshold]] = {}
    for _, row in rows:
        found.setdefault(row.state, []).append(row)
    return {key: tuple(sorted(rows, key=lambda t: t.since)) for key, rows in found.items()}


@context_free
def nexus_periods(state: str) -> tuple[NexusThreshold, ...]:
    """Every period of the economic-nexus threshold of ``state`` (``US-NY``), oldest
    first; a state not bundled raises ``NoThresholdError`` naming those that are.

    Examples:
        >>> [p.transactions for p in nexus_periods("US-SD")]
        [200, None]
    """
    code = _state(state)
    periods = _read().get(code)
    if periods is None:
        raise NoThresholdError(code, "economic_nexus", sorted(_read()))
    return periods


@context_free
def nexus_threshold(state: str, *, on: date) -> NexusThreshold:
    """The economic-nexus threshold of ``state`` (ISO 3166-2, ``US-NY``) in force on
    ``on``.

    A state not bundled raises ``NoThresholdError`` (a ``MissingDataError``) naming
    those that are; a day before the state's first row, ``NoRuleError`` with the
    periods.

    Examples:
        >>> nexus_threshold("US-SD", on=date(2023, 6, 30)).describe()[:62]
        'more than USD 100000 or at least 200 transactions (previous or'
        >>> nexus_threshold("US-SD", on=date(2023, 7, 1)).describe()
        'more than USD 100000 (previous or current calendar year)'
        >>> nexus_threshold("US-OR", on=date(2026, 1, 1)).describe()
        'no state sales tax'
    """
    day = check_day(on)
    periods = nexus_periods(state)
    for period in periods:
        if period.since <= day and (period.until is None or day <= period.until):
            return period
    spans = ", ".join(f"{p.since}..{p.until or 'open'}" for p in periods)
    raise NoRuleError(f"the economic nexus threshold of {periods[0].state}", day, spans)
