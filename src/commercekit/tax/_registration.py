"""Registration monitoring: a seller's sales against each registration threshold.

[`threshold_status`][commercekit.tax.threshold_status] adds a seller's sales up over each
threshold's own window (calendar year, rolling 12 months, four calendar quarters) and
says how close it is: below, approaching (80 % or more), must register, or registered.
The thresholds themselves are [`threshold_for`][commercekit.tax.threshold_for]'s.

Singapore's overseas vendor registration has two tests, both to be met: B2C supplies
into Singapore over S$100,000 and global turnover over S$1 million in the calendar year
(IRAS, "GST on imported low-value goods"). The status measures the first and says
"must register" only when the second is met too.

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
from commercekit._errors_data import MissingDataError
from commercekit._numbers import DIVISION, EXACT, context_free
from commercekit.money import (
    Money,
    RateTable,
    convert_noted,
    require_money,
    sum_money,
)
from commercekit.regions import check_country, check_day, check_subdivision
from commercekit.tax import _checks
from commercekit.tax._jurisdictions import JURISDICTION_REGISTRY
from commercekit.tax._thresholds import Registration, Threshold, Window, threshold_for
from commercekit.tax._us_nexus import MAX_COUNT, nexus_threshold
from commercekit.tax._us_status import Entry, NexusStatus, state_status

__all__ = [
    "CountedSale",
    "Registration",
    "ThresholdStatus",
    "nexus_status",
    "threshold_status",
]


def _union_jurisdiction(value: object) -> str:
    return _checks.jurisdiction(value, union=True)


def _optional_money(value: object) -> Money | None:
    return None if value is None else require_money(value, "amount")


def _destination(code: object) -> str:
    return "XI" if code == "XI" else check_country(code)


def _valid_sale_amount(_: object, __: object, value: Money) -> None:
    if value.amount < 0:
        raise invalid(
            "amount", value, "is negative; record a refund by lowering the original sale"
        )


def _optional_state(value: object) -> str | None:
    return None if value is None else check_subdivision("US", value)


def _transactions(value: object) -> int:
    return _checks.whole(
        value, "transactions", positive=True, unit="transactions", maximum=MAX_COUNT
    )


@attrs.frozen
class CountedSale:
    """One sale as threshold monitoring needs it: when, how much, to where.

    ``destination`` is the buyer's country (``XI`` for goods to Northern Ireland);
    ``business`` marks B2B sales, which most B2C thresholds do not count. For a sale to
    the United States, ``state`` is the state (ISO 3166-2, ``US-NY``) its nexus counts
    toward; ``transactions`` is how many separate transactions the record stands for
    (1 for one sale; more for a day's or month's total); ``marketplace`` marks a sale
    made through a marketplace facilitator.
    """

    day: date = attrs.field(validator=_checks.valid_day)
    amount: Money = attrs.field(converter=require_money, validator=_valid_sale_amount)
    destination: str = attrs.field(converter=_destination)
    business: bool = attrs.field(default=False, validator=_checks.valid_flag)
    state: str | None = attrs.field(default=None, converter=_optional_state)
    transactions: int = attrs.field(default=1, converter=_transactions)
    marketplace: bool = attrs.field(default=False, validator=_checks.valid_flag)

    def __attrs_post_init__(self) -> None:
        if self.state is not None and self.destination != "US":
            raise invalid(
                "state",
                self.state,
                f"is a US state but the destination is {self.destination}; "
                "give destination='US'",
            )


def _share(value: object) -> Decimal:
    return checks.decimal(value, "share", invalid)


def _registration(value: object) -> Registration:
    return _checks.choice(value, Registration, "status")


def _conversions(value: object) -> tuple[str, ...]:
    return _checks.texts(value, "conversions")


@attrs.frozen
class ThresholdStatus:
    """One threshold against a seller's sales: counted, share, status, and why."""

    jurisdiction: str = attrs.field(converter=_union_jurisdiction)
    threshold: Threshold = attrs.field(validator=_checks.instance_of(Threshold))
    window_start: date = attrs.field(validator=_checks.valid_day)
    window_end: date = attrs.field(validator=_checks.valid_day)
    counted: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)
    previous_period: Money | None = attrs.field(
        converter=_optional_money, validator=_checks.valid_optional_amount
    )
    share: Decimal = attrs.field(converter=_share)
    status: Registration = attrs.field(converter=_registration)
    conversions: tuple[str, ...] = attrs.field(default=(), converter=_conversions)

    def __attrs_post_init__(self) -> None:
        if self.window_end < self.window_start:
            raise invalid(
                "window_end",
                self.window_end,
                f"is before window_start ({self.window_start}); check the dates",
            )
        _checks.one_currency(self.counted, self.previous_period, operation="compare")

    def explain(self) -> str:
        """The status in one sentence, with the threshold's source."""
        limit = self.threshold.amount
        return (
            f"{self.jurisdiction}: {self.counted.amount} {self.counted.currency.code} "
            f"counted from {self.window_start} to {self.window_end} against "
            f"{limit.amount if limit else 'no'} {self.counted.currency.code} "
            f"({self.threshold.legal_basis}): {self.status.value}. "
            f"Source: {' '.join(self.threshold.sources)}"
        )


def _window(window: Window, on: date) -> tuple[date, date]:
    if window in (Window.CALENDAR_YEAR_CURRENT_OR_PREVIOUS, Window.CALENDAR_YEAR):
        return date(on.year, 1, 1), on
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


def _total_in(
    sales: Iterable[CountedSale], currency: str, rates: RateTable | None, notes: list[str]
) -> Money:
    """The sales added up in ``currency``; each conversion is noted with its rate."""
    total = [
        convert_noted(
            sale.amount,
            currency,
            rates,
            notes,
            how="pass rates= (a RateTable)",
            rounded=True,
        )
        for sale in sales
    ]
    return sum_money(total, currency)


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
    global turnover (both its tests must be met).

    Examples:
        >>> sales = [CountedSale(date(2026, 3, 2), Money("8200.00", "EUR"), "FR")]
        >>> [s.status.value for s in threshold_status(sales, (), seller_country="NL",
        ...     on=date(2026, 11, 26)) if s.jurisdiction == "EU"]
        ['approaching']
    """
    day = check_day(on)
    home = _destination(seller_country)  # Northern Ireland (XI) as well as countries
    registered = _checks.registrations(registrations, "registrations")
    if rates is not None:
        checks.instance(rates, RateTable, "rates", invalid)
    records = [
        sale for sale in _checks.listed(sales, CountedSale, "sales") if sale.day <= day
    ]
    results = []
    for jurisdiction in JURISDICTION_REGISTRY.values():
        rule = jurisdiction.registration_rule(home, records, day)
        if rule is None:
            continue
        threshold = threshold_for(jurisdiction.code, rule, on=day)
        counting = [
            sale for sale in records if jurisdiction.counts_toward_registration(sale, home)
        ]
        known = jurisdiction.registered_here(registered)
        notes: list[str] = []
        also = None
        second = jurisdiction.second_registration_test(rule)
        if second is not None:
            test = threshold_for(jurisdiction.code, second, on=day)
            also = functools.partial(_turnover_met, test, records, day, rates, notes)
        results.append(
            _status(threshold, counting, day, rates, notes, registered=known, also=also)
        )
    return (*results, *_us_states(records, registered, day, rates))


@context_free
def nexus_status(
    sales: Iterable[CountedSale],
    registrations: Collection[str],
    *,
    on: date,
    rates: RateTable | None = None,
) -> tuple[NexusStatus, ...]:
    """Each US state a seller sold into, against its economic-nexus threshold on ``on``
    (the US part of ``threshold_status``, alone).

    ``registrations`` are the states where the seller is registered (``US-TX``); sales
    in another currency than USD are converted with ``rates``. A sale to the United
    States without its ``state`` raises ``MissingDataError``; a state not bundled yet,
    ``NoThresholdError`` naming those that are.

    Examples:
        >>> sales = [CountedSale(date(2019, 2, 1), Money("120.00", "USD"), "US",
        ...                      state="US-WA", transactions=200)]
        >>> [s.status.value for s in nexus_status(sales, (), on=date(2019, 3, 13))]
        ['must_register']
        >>> [s.status.value for s in nexus_status(sales, (), on=date(2019, 3, 14))]
        ['below']
    """
    day = check_day(on)
    registered = _checks.registrations(registrations, "registrations")
    if rates is not None:
        checks.instance(rates, RateTable, "rates", invalid)
    records = [
        sale for sale in _checks.listed(sales, CountedSale, "sales") if sale.day <= day
    ]
    return tuple(_us_states(records, registered, day, rates))


def _us_states(
    records: list[CountedSale],
    registered: frozenset[str],
    day: date,
    rates: RateTable | None,
) -> list[NexusStatus]:
    by_state: dict[str, list[CountedSale]] = {}
    for sale in records:
        if sale.destination != "US":
            continue
        if sale.state is None:
            raise MissingDataError(
                f"the state of the sale to the United States on {sale.day}",
                "give CountedSale(..., state='US-NY'): each state measures economic "
                "nexus on its own sales",
            )
        by_state.setdefault(sale.state, []).append(sale)
    statuses = []
    for state in sorted(by_state):
        threshold = nexus_threshold(state, on=day)
        notes: list[str] = []
        entries = [
            Entry(
                sale.day,
                _total_in([sale], "USD", rates, notes),
                sale.transactions,
                sale.marketplace,
            )
            for sale in by_state[state]
            if threshold.sales_tax  # nothing to measure where there is no sales tax
        ]
        statuses.append(
            state_status(
                threshold,
                entries,
                day,
                registered=state in registered,
                conversions=tuple(notes),
            )
        )
    return statuses


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
    total = _total_in(in_year, threshold.amount.currency.code, rates, notes)
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
    threshold is crossed (without it, crossing does not oblige the seller to register)."""
    currency = threshold.amount.currency.code if threshold.amount is not None else "EUR"
    start, end = _window(threshold.window, day)
    in_window = [sale for sale in counting if start <= sale.day <= end]
    counted = _total_in(in_window, currency, rates, notes)
    crossed = bool(counting) and threshold.crossed_by(counted)
    previous = None
    if threshold.window is Window.CALENDAR_YEAR_CURRENT_OR_PREVIOUS:
        last_year = [sale for sale in counting if sale.day.year == day.year - 1]
        previous = _total_in(last_year, currency, rates, notes)
        crossed = crossed or threshold.crossed_by(previous)
    limit = threshold.amount
    if limit is None or not limit.amount:
        share = Decimal(1) if counting else Decimal(0)
    else:
        share = DIVISION.divide(counted.amount, limit.amount).quantize(
            Decimal("0.0001"), ROUND_HALF_UP, EXACT
        )
    if registered:
        status = Registration.REGISTERED
    elif crossed and (also is None or also()):
        status = Registration.MUST_REGISTER
    elif share >= Decimal("0.8"):
        status = Registration.APPROACHING
    else:
        status = Registration.BELOW
    return ThresholdStatus(
        jurisdiction=threshold.jurisdiction,
        threshold=threshold,
        window_start=start,
        window_end=end,
        counted=counted,
        previous_period=previous,
        share=share,
        status=status,
        conversions=tuple(notes),
    )
