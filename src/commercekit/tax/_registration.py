"""Registration monitoring: a seller's sales against each registration threshold.

[`threshold_status`][commercekit.tax.threshold_status] adds a seller's sales up over each
threshold's own window (calendar year, rolling 12 months, four calendar quarters) and
says how close it is: below, approaching (80 % or more), must register, or registered.
The thresholds themselves are [`threshold_for`][commercekit.tax.threshold_for]'s.

Japan measures a period already over: a business is exempt from consumption tax in a
year when its taxable sales in the base period (the calendar year two years before) were
JPY 10 million or less, and not exempt when those of the specified period (the first
half of the previous year) were over it (Consumption Tax Act Art. 9(1), 9-2). Its two
statuses report the first period that crosses and ``due_from``, the first day of the
year it decides; what they do not measure is listed in ``unmeasured``.

Singapore's overseas vendor registration has two tests, both to be met: B2C supplies
into Singapore over S$100,000 and global turnover over S$1 million in the calendar year
(IRAS, "GST on imported low-value goods"). The status measures the first and says
"must register" only when the second is met too.

Sales to the United States are measured state by state against each state's economic
nexus threshold ([`nexus_status`][commercekit.tax.nexus_status], which
``threshold_status`` includes): each such sale needs its ``state``.

Examples:
    >>> sales = [CountedSale(date(2026, 3, 2), Money("8200.00", "EUR"), "FR")]
    >>> [s.status.value for s in threshold_status(sales, (), seller_country="NL",
    ...     on=date(2026, 11, 26)) if s.jurisdiction == "EU"]
    ['approaching']
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import attrs

from commercekit import _checks as checks
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import DIVISION, EXACT, context_free, named_at_the_door
from commercekit.errors import NoRuleError, NoThresholdError
from commercekit.money import (
    Money,
    RateTable,
    require_money,
)
from commercekit.regions import check_day
from commercekit.tax import _checks
from commercekit.tax._counted import CountedSale, destination, total_in
from commercekit.tax._jurisdictions import JURISDICTION_REGISTRY
from commercekit.tax._jurisdictions._base import Jurisdiction
from commercekit.tax._past_periods import Measured, deciding_periods
from commercekit.tax._thresholds import Registration, Threshold, Window, threshold_for
from commercekit.tax._us_registration import counted_sales, us_states
from commercekit.tax._us_status import NexusStatus

__all__ = [
    "CountedSale",
    "Registration",
    "ThresholdStatus",
    "threshold_status",
]


def _union_jurisdiction(value: object) -> str:
    return _checks.jurisdiction(value, union=True)


def _optional_money(value: object) -> Money | None:
    return None if value is None else require_money(value, "amount")


def _share(value: object) -> Decimal | None:
    return None if value is None else checks.decimal(value, "share", invalid)


def _registration(value: object) -> Registration:
    return _checks.choice(value, Registration, "status")


def _conversions(value: object) -> tuple[str, ...]:
    return _checks.texts(value, "conversions")


def _unmeasured(value: object) -> tuple[str, ...]:
    return _checks.texts(value, "unmeasured")


@named_at_the_door
@attrs.frozen
class ThresholdStatus:
    """One threshold against a seller's sales: counted, share, status, and why.

    ``due_from`` is the day the status takes effect where the law sets one from a past
    period (Japan: the first day of the year the base or specified period decides);
    None where the threshold is measured on the running period (register once crossed,
    within the time the law gives) or it is not crossed. ``unmeasured`` lists what the
    law also asks that this status does not measure: check those yourself.

    A jurisdiction whose registration rules are not bundled (India) has the status
    ``not_bundled``: ``threshold``, the window, ``counted`` and ``share`` are None (nothing
    was measured) and ``unmeasured`` names its rules.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    jurisdiction: str = attrs.field(converter=_union_jurisdiction)
    threshold: Threshold | None = attrs.field(
        validator=attrs.validators.optional(_checks.instance_of(Threshold))
    )
    window_start: date | None = attrs.field(validator=_checks.valid_optional_day)
    window_end: date | None = attrs.field(validator=_checks.valid_optional_day)
    counted: Money | None = attrs.field(
        converter=_optional_money, validator=_checks.valid_optional_amount
    )
    previous_period: Money | None = attrs.field(
        converter=_optional_money, validator=_checks.valid_optional_amount
    )
    share: Decimal | None = attrs.field(converter=_share)
    status: Registration = attrs.field(converter=_registration)
    conversions: tuple[str, ...] = attrs.field(default=(), converter=_conversions)
    due_from: date | None = attrs.field(default=None, validator=_checks.valid_optional_day)
    unmeasured: tuple[str, ...] = attrs.field(default=(), converter=_unmeasured)

    def __attrs_post_init__(self) -> None:
        measured = (self.threshold, self.window_start, self.window_end, self.counted)
        unbundled = self.status is Registration.NOT_BUNDLED
        if any((field is None) != unbundled for field in (*measured, self.share)):
            raise invalid(
                "status",
                self.status,
                "needs threshold, window_start, window_end, counted and share None "
                "(nothing measured) exactly when it is not_bundled",
            )
        if unbundled and not self.unmeasured:
            raise invalid("unmeasured", (), "is empty; name the rules not bundled")
        start, end = self.window_start, self.window_end
        if start is not None and end is not None and end < start:
            raise invalid(
                "window_end",
                self.window_end,
                f"is before window_start ({self.window_start}); check the dates",
            )
        _checks.one_currency(self.counted, self.previous_period, operation="compare")

    def explain(self) -> str:
        """The status in one sentence, with the threshold's source."""
        if self.threshold is None or self.counted is None or self.window_end is None:
            return f"{self.jurisdiction}: not bundled. " + " ".join(self.unmeasured)
        limit = self.threshold.amount
        due = f" from {self.due_from}" if self.due_from else ""
        unmeasured = "".join(f" Not measured: {text}" for text in self.unmeasured)
        last = _previous_year(self.threshold.window, self.window_end)
        if last is not None and self.previous_period is not None:  # may be what crossed
            year = f"the previous year, {last[0]} to {last[1]}"
            due = f"{due}: {self.previous_period} in {year}"
        return (
            f"{self.jurisdiction}: {self.counted.amount} {self.counted.currency.code} "
            f"counted from {self.window_start} to {self.window_end} against "
            f"{limit.amount if limit else 'no'} {self.counted.currency.code} "
            f"({self.threshold.legal_basis}): {self.status.value}{due}. "
            f"Source: {' '.join(self.threshold.sources)}{unmeasured}"
        )


def _window(window: Window, on: date) -> tuple[date, date]:
    if window in (Window.CALENDAR_YEAR_CURRENT_OR_PREVIOUS, Window.CALENDAR_YEAR):
        return date(on.year, 1, 1), on
    if window is Window.FINANCIAL_YEAR_CURRENT_OR_PREVIOUS:  # India: 1 April
        return date(on.year if on.month >= 4 else on.year - 1, 4, 1), on
    if window is Window.FOUR_CALENDAR_QUARTERS:
        quarter_start_month = 3 * ((on.month - 1) // 3) + 1
        month = quarter_start_month - 9
        year = on.year
        if month < 1:
            month += 12
            year -= 1
        return date(year, month, 1), on
    try:
        start = on.replace(year=on.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        start = date(on.year - 1, 3, 1)
    return start, on


# Which sales count toward each registration threshold, and under which rule.
@context_free
def threshold_status(
    sales: Iterable[CountedSale],
    registrations: Collection[str],
    *,
    seller_country: str,
    on: date,
    rates: RateTable | None = None,
) -> tuple[ThresholdStatus | NexusStatus, ...]:
    """Every registration threshold against a seller's sales, as of the day ``on``.

    ``registrations`` are the jurisdictions (and ``"OSS"``) where the seller is already
    registered; ``seller_country`` is where it is established (``XI`` for Northern
    Ireland). Sales in another currency than a threshold's are converted with
    ``rates``, and each status lists the conversions it used. Each jurisdiction of the
    registry says which threshold measures the seller and which sales count: a seller
    established there is measured against the resident threshold on its whole turnover
    (sales to businesses and exports too), a foreign seller against the non-resident one
    on its sales to consumers there (Switzerland: the mail-order threshold). ``sales``
    are all the seller's sales, wherever they went: Singapore also asks for a seller's
    global turnover (both its tests must be met). Japan has two statuses, the base
    period and the specified period (either one crossed makes the seller taxable), each
    with ``due_from``, the day it takes effect, and ``unmeasured``, what the law also
    asks that the status cannot see (salaries, capital, an invoice registration). Each
    US state the seller sold into follows, as a ``NexusStatus`` (see ``nexus_status``).
    A jurisdiction whose registration rules are not bundled (India) is listed with the
    status ``not_bundled`` and its rules named in ``unmeasured``, for a seller
    established there or selling there: it is never left out as if nothing were due.
    On a day before a jurisdiction's bundled data (the EU's thresholds start on
    2021-07-01, Australia's on 2021-01-01), a seller neither established there nor with
    sales counting there has nothing to measure and that jurisdiction is left out; for
    one who is, ``NoRuleError`` names the threshold and the days the data covers. A US
    state whose rule was not yet in force has the status ``no_rule_in_force``.

    Examples:
        >>> sales = [CountedSale(date(2026, 3, 2), Money("8200.00", "EUR"), "FR")]
        >>> [s.status.value for s in threshold_status(sales, (), seller_country="NL",
        ...     on=date(2026, 11, 26)) if s.jurisdiction == "EU"]
        ['approaching']
        >>> jp = [CountedSale(date(2024, 5, 1), Money("10000001", "JPY"), "JP")]
        >>> [(s.status.value, s.due_from) for s in threshold_status(jp, (),
        ...     seller_country="JP", on=date(2026, 3, 1)) if s.jurisdiction == "JP"]
        [('must_register', datetime.date(2026, 1, 1)), ('below', None)]
        >>> to_india = [CountedSale(date(2026, 5, 1), Money("100.00", "USD"), "IN")]
        >>> [(s.status.value, s.counted) for s in threshold_status(to_india, (),
        ...     seller_country="US", on=date(2026, 11, 26)) if s.jurisdiction == "IN"]
        [('not_bundled', None)]
    """
    day = check_day(on)
    home = destination(seller_country)  # Northern Ireland (XI) as well as countries
    registered = _checks.registrations(registrations, "registrations")
    if rates is not None:
        checks.instance(rates, RateTable, "rates", invalid)
    records = counted_sales(sales, day)
    found = [
        _statuses(jurisdiction, home, records, day=day, rates=rates, known=registered)
        for jurisdiction in JURISDICTION_REGISTRY.values()
    ]
    return (
        *(s for statuses in found for s in statuses),
        *us_states(records, registered, day, rates),
    )


def _statuses(
    jurisdiction: Jurisdiction,
    home: str,
    records: list[CountedSale],
    *,
    day: date,
    rates: RateTable | None,
    known: frozenset[str],
) -> list[ThresholdStatus]:
    """``jurisdiction``'s statuses: its rule's and, in Japan, the specified period's;
    none where no data covers ``day`` and the seller is neither established there nor
    has sales counting there (nothing to measure); else the ``NoRuleError`` stands."""
    rule = jurisdiction.registration_rule(home, records, day)
    if rule is None:
        unbundled = jurisdiction.registration_not_bundled(home, records)
        # said by name, never left out as if nothing were due
        return [_not_bundled(jurisdiction.code, unbundled)] if unbundled else []
    counting = [
        sale for sale in records if jurisdiction.counts_toward_registration(sale, home)
    ]
    results: list[ThresholdStatus] = []
    registered = jurisdiction.registered_here(known)
    # Japan: the specified period obliges the seller on its own (either test).
    for measured in (rule, jurisdiction.alternative_registration_test(rule)):
        if measured is None:
            continue
        notes: list[str] = []
        also = None
        try:
            threshold = threshold_for(jurisdiction.code, measured, on=day)
            second = jurisdiction.second_registration_test(measured)
            if second is not None:
                test = threshold_for(jurisdiction.code, second, on=day)
                also = functools.partial(_turnover_met, test, records, day, rates, notes)
        except NoThresholdError:
            raise
        except NoRuleError:
            if counting or jurisdiction.established_here(home):
                raise
            return results
        status = _status(
            threshold, counting, day, rates, notes, registered=registered, also=also
        )
        caveats = jurisdiction.unmeasured_registration_rules(measured, home)
        results.append(attrs.evolve(status, unmeasured=caveats))
    return results


def _not_bundled(code: str, rules: tuple[str, ...]) -> ThresholdStatus:
    return ThresholdStatus(
        jurisdiction=code,
        threshold=None,
        window_start=None,
        window_end=None,
        counted=None,
        previous_period=None,
        share=None,
        status=Registration.NOT_BUNDLED,
        unmeasured=rules,
    )


def _turnover_met(
    threshold: Threshold,
    records: list[CountedSale],
    day: date,
    rates: RateTable | None,
    notes: list[str],
) -> bool:
    """A second test on all the seller's sales (Singapore's global turnover, B2B
    included, over S$1 million in the calendar year)."""
    assert threshold.amount is not None  # noqa: S101  # the data gives it an amount
    start, end = _window(threshold.window, day)
    in_year = [sale for sale in records if start <= sale.day <= end]
    total = total_in(in_year, threshold.amount.currency.code, rates, notes)
    return threshold.crossed_by(total)


def _status(
    threshold: Threshold,
    counting: list[CountedSale],
    day: date,
    rates: RateTable | None,
    notes: list[str],
    *,
    registered: bool,
    also: Callable[[], bool] | None = None,
) -> ThresholdStatus:
    """One threshold's status; ``also`` asks a second test the law adds, once the
    threshold is crossed (without it, crossing does not oblige the seller to register).
    A threshold measured on past periods (Japan's) reports the first period that
    crosses it and the day it takes effect, else the latest period."""
    currency = threshold.amount.currency.code if threshold.amount is not None else "EUR"
    past = deciding_periods(threshold.window, day)
    periods = past or (Measured(*_window(threshold.window, day), day, running=True),)
    for period in periods:
        in_window = [sale for sale in counting if period.start <= sale.day <= period.end]
        counted = total_in(in_window, currency, rates, notes)
        crossed = bool(in_window if past else counting) and threshold.crossed_by(counted)
        if crossed:
            break
    previous = None
    last = _previous_year(threshold.window, day)
    if last is not None:
        last_year = [sale for sale in counting if last[0] <= sale.day <= last[1]]
        previous = total_in(last_year, currency, rates, notes)
        crossed = crossed or threshold.crossed_by(previous)
    share = _share_of(counted, threshold, counting)
    if registered:
        status = Registration.REGISTERED
    elif crossed and (also is None or also()):
        status = Registration.MUST_REGISTER
    elif period.running and share >= Decimal("0.8"):
        status = Registration.APPROACHING
    else:
        status = Registration.BELOW
    return ThresholdStatus(
        jurisdiction=threshold.jurisdiction,
        threshold=threshold,
        window_start=period.start,
        window_end=period.end,
        counted=counted,
        previous_period=previous,
        share=share,
        status=status,
        conversions=tuple(notes),
        due_from=period.decides if crossed and past else None,
    )


def _previous_year(window: Window, day: date) -> tuple[date, date] | None:
    """The whole previous year a window also looks at (the EU's calendar year, India's
    financial year), or None."""
    if window is Window.CALENDAR_YEAR_CURRENT_OR_PREVIOUS:
        return date(day.year - 1, 1, 1), date(day.year - 1, 12, 31)
    if window is Window.FINANCIAL_YEAR_CURRENT_OR_PREVIOUS:
        start, _ = _window(window, day)
        return start.replace(year=start.year - 1), start - timedelta(days=1)
    return None


def _share_of(counted: Money, threshold: Threshold, counting: list[CountedSale]) -> Decimal:
    limit = threshold.amount
    if limit is None or not limit.amount:
        return Decimal(1) if counting else Decimal(0)
    return DIVISION.divide(counted.amount, limit.amount).quantize(
        Decimal("0.0001"), ROUND_HALF_UP, EXACT
    )
