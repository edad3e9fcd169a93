"""Thresholds: when cross-border sales switch rules, and when a seller must register.

Each threshold is dated, sourced data (``_data/thresholds.csv``): the EU's EUR 10,000 for
intra-EU distance sales, the EUR 150 and GBP 135 consignment limits, Australia's A$1,000
low-value goods and A$75,000 registration threshold, and so on.
[`threshold_status`][commercekit.tax.threshold_status] adds a seller's sales up over each
threshold's own window (calendar year, rolling 12 months, four calendar quarters) and
says how close it is: below, approaching (80 % or more), must register, or registered.

Examples:
    >>> eu = threshold_for("EU", "distance_sales_threshold", on=date(2026, 11, 26))
    >>> eu.amount, eu.window.value
    (Money('10000', 'EUR'), 'calendar_year_current_or_previous')
    >>> eu.crossed_by(Money("10000.00", "EUR")), eu.crossed_by(Money("10000.01", "EUR"))
    (False, True)
"""

from __future__ import annotations

import csv
import enum
from collections.abc import Collection, Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from importlib.resources import files
from typing import Any

import attrs

from commercekit import _checks as checks
from commercekit._checks import invalid
from commercekit._numbers import DIVISION, EXACT, context_free
from commercekit.errors import NoRuleError
from commercekit.money import (
    Money,
    RateTable,
    convert_noted,
    require_money,
    sum_money,
)
from commercekit.regions import check_country, check_day, is_eu_member
from commercekit.tax import _checks

__all__ = [
    "CountedSale",
    "Registration",
    "Threshold",
    "ThresholdStatus",
    "Window",
    "threshold_for",
    "threshold_status",
]


class Window(enum.StrEnum):
    """The period over which sales are added up for a threshold."""

    CALENDAR_YEAR_CURRENT_OR_PREVIOUS = "calendar_year_current_or_previous"
    """Exceeded in the current calendar year so far, or in the whole previous one (EU)."""
    ROLLING_12_MONTHS = "rolling_12_months"
    """The 12 months up to and including the day asked."""
    ROLLING_12_MONTHS_OR_NEXT_30_DAYS = "rolling_12_months_or_next_30_days"
    """The past 12 months (the UK also counts what is expected in the next 30 days)."""
    FOUR_CALENDAR_QUARTERS = "four_calendar_quarters"
    """The current calendar quarter and the three before it (Canada)."""
    CALENDAR_YEAR = "calendar_year"
    """The current calendar year so far."""
    PER_CONSIGNMENT = "per_consignment"
    PER_ITEM = "per_item"
    NONE = "none"


class Registration(enum.StrEnum):
    """Where a seller stands against a registration threshold."""

    BELOW = "below"
    APPROACHING = "approaching"
    """At 80 % of the threshold or more: time to prepare."""
    MUST_REGISTER = "must_register"
    REGISTERED = "registered"


CROSSINGS = ("above", "at_or_above")
"""When an amount crosses a threshold: above it, or at it or above."""


def _rule_names() -> frozenset[str]:
    text = files("commercekit.tax").joinpath("_data/thresholds.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(row["rule"] for row in rows)


RULES = _rule_names()
"""The names of the thresholds commercekit knows (``low_value_consignment`` …)."""


def _union_jurisdiction(value: object) -> str:
    return _checks.jurisdiction(value, union=True)


def _optional_money(value: object) -> Money | None:
    return None if value is None else require_money(value, "amount")


def _window_kind(value: object) -> Window:
    return _checks.choice(value, Window, "window")


def _valid_rule(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if _checks.text(value, "rule") not in RULES:
        raise invalid(
            "rule", value, f"is not a threshold rule; use one of {_listed(RULES)}"
        )


def _valid_crossing(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if value not in CROSSINGS:
        raise invalid("crossed_when", value, f"is not one of {_listed(CROSSINGS)}")


def _listed(names: Iterable[str]) -> str:
    return ", ".join(repr(name) for name in sorted(names))


@attrs.frozen
class Threshold:
    """A dated, sourced threshold or limit."""

    jurisdiction: str = attrs.field(converter=_union_jurisdiction)
    rule: str = attrs.field(validator=_valid_rule)
    amount: Money | None = attrs.field(
        converter=_optional_money, validator=_checks.valid_optional_amount
    )
    window: Window = attrs.field(converter=_window_kind)
    crossed_when: str = attrs.field(validator=_valid_crossing)
    since: date = attrs.field(validator=_checks.valid_day)
    until: date | None = attrs.field(validator=_checks.valid_optional_day)
    legal_basis: str = attrs.field(validator=_checks.valid_text)
    source: str = attrs.field(validator=_checks.valid_text)
    note: str = attrs.field(default="", validator=_checks.valid_note)

    def __attrs_post_init__(self) -> None:
        if self.until is not None and self.until < self.since:
            raise invalid(
                "until", self.until, f"is before since ({self.since}); check the dates"
            )

    def covers(self, on: date) -> bool:
        """Whether the threshold is in force on ``on``."""
        day = _checks.day(on, "on")
        return self.since <= day and (self.until is None or day <= self.until)

    def crossed_by(self, value: Money) -> bool:
        """Whether ``value`` (in the threshold's currency) crosses it."""
        found = _checks.amount(value, "value")
        if self.amount is None:
            return True
        _checks.one_currency(self.amount, found, operation="compare")
        if self.crossed_when == "at_or_above":
            return found >= self.amount
        return found > self.amount


def _read() -> dict[tuple[str, str], tuple[Threshold, ...]]:
    text = files("commercekit.tax").joinpath("_data/thresholds.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    found: dict[tuple[str, str], list[Threshold]] = {}
    for row in rows:
        threshold = Threshold(
            jurisdiction=row["jurisdiction"],
            rule=row["rule"],
            amount=Money(row["amount"], row["currency"]) if row["amount"] else None,
            window=Window(row["window"]),
            crossed_when=row["crossed_when"],
            since=date.fromisoformat(row["since"]),
            until=date.fromisoformat(row["until"]) if row["until"] else None,
            legal_basis=row["legal_basis"],
            source=row["source"],
            note=row["note"],
        )
        found.setdefault((threshold.jurisdiction, threshold.rule), []).append(threshold)
    return {key: tuple(sorted(rows, key=lambda t: t.since)) for key, rows in found.items()}


THRESHOLDS: dict[tuple[str, str], tuple[Threshold, ...]] = _read()


@context_free
def threshold_for(jurisdiction: str, rule: str, *, on: date) -> Threshold:
    """The threshold ``rule`` of ``jurisdiction`` in force on ``on``.

    Examples:
        >>> threshold_for("GB", "registration_threshold", on=date(2024, 3, 31)).amount
        Money('85000', 'GBP')
        >>> threshold_for("GB", "registration_threshold", on=date(2024, 4, 1)).amount
        Money('90000', 'GBP')
    """
    day = check_day(on)
    periods = THRESHOLDS.get(
        (_checks.text(jurisdiction, "jurisdiction"), _checks.text(rule, "rule"))
    )
    if periods is None:
        known = sorted(f"{j}:{r}" for j, r in THRESHOLDS)
        raise NoRuleError(f"threshold {jurisdiction}:{rule}", day, "; ".join(known))
    for threshold in periods:
        if threshold.covers(day):
            return threshold
    spans = ", ".join(f"{t.since}..{t.until or 'open'}" for t in periods)
    raise NoRuleError(f"threshold {jurisdiction}:{rule}", day, spans)


def _destination(code: object) -> str:
    return "XI" if code == "XI" else check_country(code)


def _valid_sale_amount(_: object, __: object, value: Money) -> None:
    if value.amount < 0:
        raise invalid(
            "amount", value, "is negative; record a refund by lowering the original sale"
        )


@attrs.frozen
class CountedSale:
    """One sale as threshold monitoring needs it: when, how much, to where.

    ``destination`` is the buyer's country (``XI`` for goods to Northern Ireland);
    ``business`` marks B2B sales, which most B2C thresholds do not count.
    """

    day: date = attrs.field(validator=_checks.valid_day)
    amount: Money = attrs.field(converter=require_money, validator=_valid_sale_amount)
    destination: str = attrs.field(converter=_destination)
    business: bool = attrs.field(default=False, validator=_checks.valid_flag)


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
            f"Source: {self.threshold.source}"
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
_REGIMES: tuple[tuple[str, str], ...] = (
    ("EU", "distance_sales_threshold"),
    ("GB", "registration_threshold"),
    ("AU", "registration_threshold"),
    ("NZ", "registration_threshold"),
    ("NO", "registration_threshold_nonresident"),
    ("CH", "registration_threshold"),
    ("CA", "registration_threshold_nonresident"),
    ("SG", "ovr_local_supplies"),
)


def _counts(jurisdiction: str, sale: CountedSale, seller_country: str) -> bool:
    if jurisdiction == "EU":
        # Intra-EU B2C sales to another member state (NI counts for goods).
        inside = sale.destination == "XI" or is_eu_member(sale.destination, on=sale.day)
        return inside and not sale.business and sale.destination != seller_country
    if jurisdiction == "CH":
        return True  # Swiss registration counts worldwide turnover
    return sale.destination == jurisdiction and not sale.business


@context_free
def threshold_status(
    sales: Iterable[CountedSale],
    registrations: Collection[str],
    *,
    seller_country: str,
    on: date,
    rates: RateTable | None = None,
) -> tuple[ThresholdStatus, ...]:
    """Every registration threshold against a seller's sales, as of the day ``on``.

    ``registrations`` are the jurisdictions (and ``"OSS"``) where the seller is already
    registered; ``seller_country`` is where it is established. Sales in another
    currency than a threshold's are converted with ``rates``, and each status lists
    the conversions it used. A seller established in a jurisdiction is not measured
    against that jurisdiction's threshold for foreign sellers, and vice versa.

    Examples:
        >>> sales = [CountedSale(date(2026, 3, 2), Money("8200.00", "EUR"), "FR")]
        >>> [s.status.value for s in threshold_status(sales, (), seller_country="NL",
        ...     on=date(2026, 11, 26)) if s.jurisdiction == "EU"]
        ['approaching']
    """
    day = check_day(on)
    home = check_country(seller_country)
    registered = _checks.registrations(registrations, "registrations")
    if rates is not None:
        checks.instance(rates, RateTable, "rates", invalid)
    records = [
        sale for sale in _checks.listed(sales, CountedSale, "sales") if sale.day <= day
    ]
    results = []
    for jurisdiction, rule in _REGIMES:
        if jurisdiction == "EU" and not is_eu_member(home, on=day):
            continue  # a non-EU seller has no EU threshold: it registers at once
        if jurisdiction == "CH" and not any(sale.destination == "CH" for sale in records):
            continue  # Swiss worldwide turnover only matters to a seller supplying there
        if jurisdiction == "GB" and home != "GB":
            # no threshold for sellers established abroad
            threshold = threshold_for("GB", "registration_threshold_nonresident", on=day)
        else:
            threshold = threshold_for(jurisdiction, rule, on=day)
        counting = [sale for sale in records if _counts(jurisdiction, sale, home)]
        known = jurisdiction in registered or (jurisdiction == "EU" and "OSS" in registered)
        results.append(_status(threshold, counting, day, rates, registered=known))
    return tuple(results)


def _status(
    threshold: Threshold,
    counting: list[CountedSale],
    day: date,
    rates: RateTable | None,
    *,
    registered: bool,
) -> ThresholdStatus:
    currency = threshold.amount.currency.code if threshold.amount is not None else "EUR"
    start, end = _window(threshold.window, day)
    notes: list[str] = []
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
    elif crossed:
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
