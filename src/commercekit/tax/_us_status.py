"""A remote seller's position against each US state's economic-nexus threshold.

[`threshold_status`][commercekit.tax.threshold_status] hands this module a seller's
sales to US states (converted to USD); for each state it adds them up over the state's
own window, leaves out sales made through a marketplace facilitator where the state
does not count them toward the seller's threshold, and says whether the threshold is
crossed, on which day, and from which day the state's law makes collection due.

Two kinds of window (``NexusWindow``):

* calendar years: the sales are added up day by day from 1 January, so the day of
  crossing is the day of the sale that crossed (the previous year is looked at whole
  where the state counts it);
* look-back periods (Texas' preceding 12 calendar months, New York's four sales-tax
  quarters, Illinois' quarterly 12-month look-back): the state measures at the end of
  each month or quarter; a look-back that crossed keeps the seller obliged after the
  window slides past it (``last_crossed``; issue 18): in Illinois for the year its
  rule says, elsewhere with "whether the obligation has ended ... is not bundled" in
  ``explain``. The day of crossing is the end of the first period of the unbroken run
  of crossed look-backs that ends with the newest, however long ago it began.

Each window is judged by the rule in force on its last day as well as by the rule in
force on the day asked (``window_rules``; ``_us_measure`` measures).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import attrs

from commercekit import _checks as checks
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import named_at_the_door
from commercekit.money import Money, require_money
from commercekit.regions import check_subdivision
from commercekit.tax import _checks
from commercekit.tax._thresholds import Registration
from commercekit.tax._us_measure import (
    Entry,
    Measured,
    counted,
    measure_lookback,
    measure_years,
    totals,
    within,
)
from commercekit.tax._us_nexus import (
    MAX_COUNT,
    NexusThreshold,
    nexus_periods,
)
from commercekit.tax._us_windows import (
    LOOKBACK_MONTHS,
    OBLIGED_FOR,
    lookback,
    obliged_until,
    window_rules,
)

__all__ = ["NexusStatus", "not_in_force", "state_status"]

_ZERO = Money("0", "USD")


def _state(value: object) -> str:
    return check_subdivision("US", value)


def _count(value: object, field: str = "") -> int:
    return _checks.whole(value, field, unit="transactions", maximum=MAX_COUNT)


def _optional_count(value: object, field: str = "") -> int | None:
    return None if value is None else _count(value, field)


def _optional_money(value: object) -> Money | None:
    return None if value is None else require_money(value, "previous_sales")


def _share_value(value: object) -> Decimal:
    return checks.decimal(value, "share", invalid)


def _registration(value: object) -> Registration:
    return _checks.choice(value, Registration, "status")


def _conversions(value: object) -> tuple[str, ...]:
    return _checks.texts(value, "conversions")


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class NexusStatus:
    """A seller's position against one state's economic-nexus threshold on a day.

    ``sales`` (USD) and ``transactions`` are what the state counts in the window
    ``window_start`` .. ``window_end`` (the current calendar year so far where the state
    looks at the current or previous year; ``previous_sales`` and
    ``previous_transactions`` then hold the whole previous year). ``left_out`` are the
    sales made through a marketplace facilitator, in the windows shown (the previous
    year too where it counts), that the state does not count toward the seller's
    threshold. ``crossed_on`` is the day the threshold was crossed (None:
    not crossed); ``due`` the first day collection is due under the state's rule, never
    before a rule those sales cross was in force (None where not crossed, or where the
    rule is not bundled: ``explain`` says which).
    ``share`` is the fraction of the threshold reached (for an OR rule the larger of
    the two fractions, for an AND rule the smaller), rounded half up to 4 places.
    ``threshold`` is the rule in force on the day asked; a window that closed under an
    earlier rule is judged by that rule too, and ``explain`` names it. On a day before
    the state's first rule, the status is ``no_rule_in_force``, ``threshold`` the rule
    to come (its ``since`` the day it starts) and nothing is measured: no window,
    nothing counted, a share of 0. ``last_crossed`` is the last day of the newest
    look-back window that crossed where it is not the latest one shown: a crossing the
    window has slid past is remembered while the state's rule keeps the seller obliged
    (Illinois: a year), and where that rule is not bundled (Texas, New York, ...)
    ``explain`` says so (issue 18). The amounts
    are exact sums of the sales converted to USD (not rounded: the sum compared with
    a limit is the one shown).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    state: str = attrs.field(converter=_state)
    threshold: NexusThreshold = attrs.field(validator=_checks.instance_of(NexusThreshold))
    window_start: date | None = attrs.field(validator=_checks.valid_optional_day)
    window_end: date | None = attrs.field(validator=_checks.valid_optional_day)
    sales: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)
    transactions: int = attrs.field(converter=_count)
    previous_sales: Money | None = attrs.field(
        converter=_optional_money, validator=_checks.valid_optional_amount
    )
    previous_transactions: int | None = attrs.field(converter=_optional_count)
    left_out: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)
    crossed_on: date | None = attrs.field(validator=_checks.valid_optional_day)
    due: date | None = attrs.field(validator=_checks.valid_optional_day)
    share: Decimal = attrs.field(converter=_share_value)
    status: Registration = attrs.field(converter=_registration)
    conversions: tuple[str, ...] = attrs.field(default=(), converter=_conversions)
    last_crossed: date | None = attrs.field(
        default=None, validator=_checks.valid_optional_day
    )

    def __attrs_post_init__(self) -> None:
        if self.state != self.threshold.state:
            raise invalid(
                "state",
                self.state,
                f"is not the threshold's state ({self.threshold.state})",
            )
        if (self.window_start is None) != (self.window_end is None) or (
            self.window_start is not None
            and self.window_end is not None
            and self.window_end < self.window_start
        ):
            raise invalid(
                "window_end",
                self.window_end,
                f"does not end on or after window_start ({self.window_start})",
            )
        for name in ("sales", "previous_sales", "left_out"):
            amount = getattr(self, name)
            if amount is not None and amount.currency.code != "USD":
                raise invalid(name, amount, "is not in USD; convert it first")

    @property
    def jurisdiction(self) -> str:
        """The state's code (``US-NY``), as ``ThresholdStatus.jurisdiction``."""
        return self.state

    def explain(self) -> str:
        """The status in one sentence, with the threshold's source."""
        rule = self.threshold
        if self.status is Registration.NO_RULE_IN_FORCE:
            return (
                f"{self.state}: no economic-nexus rule in force on the day asked; the "
                f"rule in force from {rule.since} is {rule.describe()} "
                f"({rule.legal_basis}): nothing measured. Source: {' '.join(rule.sources)}"
            )
        if not rule.sales_tax:
            return (
                f"{self.state}: no state sales tax, nothing to register for "
                f"({rule.legal_basis}). Source: {rule.source}"
            )
        when = "not crossed"
        if self.status is Registration.DEPENDS_ON_FACTS:
            when = (
                "the sales cross its limit, but it obliges only with the facts it "
                "names, which sales figures do not show: check them"
            )
        if self.crossed_on is not None:
            when = f"crossed on {self.crossed_on}; " + (
                f"collection due from {self.due}"
                if self.due is not None
                else "when collection becomes due is not bundled; see the source"
            )
            when += self._remembered()
        counted = (
            f"USD {self.sales.amount} and {self.transactions} transactions counted "
            f"from {self.window_start} to {self.window_end}"
        )
        if self.previous_sales is not None and self.window_start is not None:
            year = self.window_start.year - 1
            counted += (
                f", USD {self.previous_sales.amount} and {self.previous_transactions} "
                f"transactions from {year}-01-01 to {year}-12-31"
            )
        return (
            f"{self.state}: {counted} against "
            f"{rule.describe()} ({rule.legal_basis}){self._earlier_rules()}: "
            f"{self.status.value}, {when}. Source: {' '.join(rule.sources)}"
        )

    def _remembered(self) -> str:
        """Why a crossing the latest look-back no longer shows still obliges."""
        if self.last_crossed is None:
            return ""
        start = lookback(self.last_crossed)[0]
        until = obliged_until(self.state, self.last_crossed)
        lasts = (
            "whether the obligation has ended since the sales fell is not bundled; "
            "see the source"
            if until is None
            else f"the seller collects to {until} ({OBLIGED_FOR[self.state][1]})"
        )
        return (
            f"; crossed in the 12 months {start} to {self.last_crossed}, which the "
            f"latest look-back no longer shows: {lasts}"
        )

    def _earlier_rules(self) -> str:
        """The rules in force when a window shown ended, where another than today's
        judges it too (``window_rules``)."""
        if self.window_start is None or self.window_end is None:
            return ""
        day, end = self.window_end, self.window_end  # a look-back or previous year
        if self.previous_sales is not None:  # the current year runs to the day asked
            end = date(self.window_start.year - 1, 12, 31)
        earlier = window_rules(self.threshold, end, day)[:-1]
        return "".join(
            f"; the window ending {end} is judged by the rule in force then too: "
            f"{rule.describe()}{_marketplace_then(rule, self.threshold)}"
            for rule in earlier
        )


def _marketplace_then(rule: NexusThreshold, now: NexusThreshold) -> str:
    """What an earlier rule counted of marketplace sales, where today's differs."""
    if rule.marketplace_counts is None or rule.marketplace_counts == now.marketplace_counts:
        return ""
    return (
        ", marketplace sales counted"
        if rule.marketplace_counts
        else ", marketplace sales left out"
    )


def not_in_force(threshold: NexusThreshold) -> NexusStatus:
    """The status of a state on a day before its first rule, ``threshold``: nothing
    measured (no window, nothing counted)."""
    return NexusStatus(
        state=threshold.state,
        threshold=threshold,
        window_start=None,
        window_end=None,
        sales=_ZERO,
        transactions=0,
        previous_sales=None,
        previous_transactions=None,
        left_out=_ZERO,
        crossed_on=None,
        due=None,
        share=Decimal(0),
        status=Registration.NO_RULE_IN_FORCE,
    )


def state_status(
    threshold: NexusThreshold,
    entries: Sequence[Entry],
    day: date,
    *,
    registered: bool,
    conversions: tuple[str, ...] = (),
) -> NexusStatus:
    """One state's status on ``day`` from the seller's ``entries`` into it."""
    entries = [entry for entry in entries if entry.day <= day]
    if not threshold.sales_tax:
        measured, status = Measured(), Registration.NO_SALES_TAX
    else:
        if threshold.window in LOOKBACK_MONTHS:
            measured = measure_lookback(threshold, entries, day)
        else:
            measured = measure_years(threshold, entries, day)
        status = _status(measured, registered=registered)
        if status in _UNOBLIGED and _facts_rule_crossed(threshold, measured):
            status = Registration.DEPENDS_ON_FACTS
    left_out = _ZERO
    if not threshold.marketplace_counts and measured.window_start is not None:
        # the windows shown: the previous year too where it is counted
        shown = measured.window_start, measured.window_end or day
        if measured.previous_sales is not None:
            shown = date(day.year - 1, 1, 1), day
        outside = [e for e in entries if e.marketplace and shown[0] <= e.day <= shown[1]]
        left_out = totals(outside, f"through marketplaces to {threshold.state}")[0]
    return NexusStatus(
        state=threshold.state,
        threshold=threshold,
        **attrs.asdict(measured, recurse=False),
        left_out=left_out,
        due=_due(threshold, entries, measured.crossed_on),
        status=status,
        conversions=conversions,
    )


def _due(
    threshold: NexusThreshold, entries: Sequence[Entry], crossed_on: date | None
) -> date | None:
    """When collection is due after crossing on ``crossed_on``: by the state's rule,
    never before the first period (in force then or later) whose limits those sales
    cross: Georgia's USD 100,000 of 2020, not its USD 250,000 of 2019, made 2019's USD
    150,000 due on 2020-01-01; CDTFA Pub. 77: not retroactive before 2019-04-01."""
    if crossed_on is None or threshold.collect_from is None:
        return None
    due = threshold.collect_from.due(crossed_on)
    runs = threshold.window in LOOKBACK_MONTHS
    start = lookback(crossed_on)[0] if runs else date(crossed_on.year, 1, 1)
    found = within(entries, start, crossed_on)
    for period in nexus_periods(threshold.state):
        ended = period.until is not None and period.until < due
        facts = bool(period.also_requires)  # crossing it alone obliges nothing
        if (
            period.since < threshold.since
            and not (ended or facts)
            and period.crossed(*counted(period, found))
        ):
            return max(due, period.since)
    return max(due, threshold.since)  # the period in force on the day crosses


_UNOBLIGED = (Registration.BELOW, Registration.APPROACHING)


def _facts_rule_crossed(threshold: NexusThreshold, measured: Measured) -> bool:
    """Whether ``threshold`` needs facts the sales do not carry and the sales shown
    (the current year so far, or the previous year) cross its limits."""
    windows = [(measured.sales, measured.transactions)]
    if measured.previous_sales is not None:
        windows.append((measured.previous_sales, measured.previous_transactions or 0))
    return bool(threshold.also_requires) and any(
        threshold.crossed(sales, count) for sales, count in windows
    )


def _status(measured: Measured, *, registered: bool) -> Registration:
    if registered:
        return Registration.REGISTERED
    if measured.crossed_on is not None:
        return Registration.MUST_REGISTER
    if measured.share >= Decimal("0.8"):
        return Registration.APPROACHING
    return Registration.BELOW
