"""Thresholds: the amounts at which cross-border sales switch rules.

Each threshold is dated, sourced data (``_data/thresholds.csv``): the EU's EUR 10,000 for
intra-EU distance sales, the EUR 150 and GBP 135 consignment limits, Australia's A$1,000
low-value goods and A$75,000 registration threshold, Switzerland's CHF 5 import-tax de
minimis, Japan's JPY 10 million measured on a past year, and so on. Each rule has one
name, a [`ThresholdRule`][commercekit.tax.ThresholdRule]; a name that is not one is
refused with the list, never looked up and silently missed.
[`threshold_status`][commercekit.tax.threshold_status] measures a seller's sales against
the registration thresholds.

Examples:
    >>> eu = threshold_for("EU", "distance_sales_threshold", on=date(2026, 11, 26))
    >>> eu.amount, eu.window.value
    (Money('10000', 'EUR'), 'calendar_year_current_or_previous')
    >>> eu.crossed_by(Money("10000.00", "EUR")), eu.crossed_by(Money("10000.01", "EUR"))
    (False, True)
    >>> threshold_for("EU", "distance_sale_threshold", on=date(2026, 11, 26))
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidAmountChoiceError: 'distance_sale_threshold' is not one of ...
"""

from __future__ import annotations

import enum
import functools
from datetime import date
from typing import Any

import attrs

from commercekit import _bundled
from commercekit._checks import invalid
from commercekit._errors_data import NoThresholdError
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, NoRuleError
from commercekit.money import Money, require_money
from commercekit.regions import check_day
from commercekit.tax import _checks

__all__ = [
    "Crossing",
    "Registration",
    "Threshold",
    "ThresholdRule",
    "Window",
    "threshold_for",
    "threshold_periods",
]


class ThresholdRule(enum.StrEnum):
    """The thresholds commercekit knows, by name; a member equals its name as text."""

    DISTANCE_SALES_THRESHOLD = "distance_sales_threshold"
    """EU-wide B2C distance sales and TBE services (EUR 10,000)."""
    LOW_VALUE_CONSIGNMENT = "low_value_consignment"
    """The consignment limit of VAT charged at sale (IOSS's EUR 150, the UK's GBP 135)."""
    FLAT_CUSTOMS_DUTY = "flat_customs_duty"
    """The EU's flat duty per tariff classification on low-value consignments."""
    DEEMED_SUPPLIER = "deemed_supplier"
    """The limit under which a marketplace is deemed the supplier."""
    REGISTRATION_THRESHOLD = "registration_threshold"
    """The registration threshold of a seller established there."""
    REGISTRATION_THRESHOLD_NONRESIDENT = "registration_threshold_nonresident"
    """The registration threshold of a seller established elsewhere."""
    LOW_VALUE_GOODS = "low_value_goods"
    """The per-item limit of GST charged at sale (Australia, New Zealand, Singapore)."""
    VOEC_ITEM_LIMIT = "voec_item_limit"
    """Norway's VOEC: items under NOK 3,000."""
    MAIL_ORDER_THRESHOLD = "mail_order_threshold"
    """Switzerland's mail-order rule: small consignments counted toward CHF 100,000."""
    IMPORT_TAX_DE_MINIMIS = "import_tax_de_minimis"
    """Import tax of this amount or less is not collected (Switzerland's CHF 5)."""
    COURIER_TAX_THRESHOLD = "courier_tax_threshold"
    """Canada: courier goods from the US or Mexico free of tax up to CAD 40."""
    OVR_GLOBAL_TURNOVER = "ovr_global_turnover"
    """Singapore's overseas vendor registration: global turnover, test 1 of 2."""
    OVR_LOCAL_SUPPLIES = "ovr_local_supplies"
    """Singapore's overseas vendor registration: B2C supplies there, test 2 of 2."""
    SPECIFIED_PERIOD_THRESHOLD = "specified_period_threshold"
    """Japan's specified period: sales in the first half of the previous year."""
    REGISTRATION_THRESHOLD_SPECIAL_CATEGORY = "registration_threshold_special_category"
    """India: the lower limit for a supplier in a special category State."""
    REGISTRATION_THRESHOLD_GOODS = "registration_threshold_goods"
    """India: the higher limit for a supplier exclusively of goods."""


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
    BASE_PERIOD = "base_period"
    """The calendar year two years before the one it decides (Japan's base period):
    a past year's sales decide whether a later year is taxed."""
    FIRST_HALF_OF_PREVIOUS_YEAR = "first_half_of_previous_year"
    """1 January to 30 June of the year before the one it decides (Japan's specified
    period)."""
    FINANCIAL_YEAR_CURRENT_OR_PREVIOUS = "financial_year_current_or_previous"
    """Exceeded in the financial year (1 April to 31 March) so far, or in the whole
    previous one (India)."""
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
    NO_SALES_TAX = "no_state_sales_tax"
    """A US state without a sales tax (Oregon): nothing to register for."""
    NOT_BUNDLED = "not_bundled"
    """The jurisdiction's registration rules are not bundled with commercekit: nothing
    was measured, and ``unmeasured`` names the rules to check yourself. Never read it
    as "nothing to register"."""
    NO_RULE_IN_FORCE = "no_rule_in_force"
    """A US state whose economic-nexus rule was not yet in force on the day asked
    (California's before 2019-04-01): nothing was measured; the status's threshold is
    the rule to come, with the day it starts."""
    DEPENDS_ON_FACTS = "depends_on_facts"
    """A US state whose rule in force was crossed by the sales but applies only with
    facts a sale record does not carry (Ohio's 2018 in-state software or content
    network): the status's ``explain`` names them. Never read it as "below"."""


class Crossing(enum.StrEnum):
    """When an amount crosses a threshold."""

    ABOVE = "above"
    """Once it exceeds the threshold."""
    AT_OR_ABOVE = "at_or_above"
    """Once it reaches it ("A$75,000 or more")."""


CROSSINGS = tuple(Crossing)
"""When an amount crosses a threshold: above it, or at it or above."""

RULES = frozenset(ThresholdRule)
"""The names of the thresholds commercekit knows (``low_value_consignment`` …)."""


def _rule(value: object) -> ThresholdRule:
    """A rule by its name; a name that is not a rule is refused with the list."""
    return _checks.choice(value, ThresholdRule, "rule")


def _union_jurisdiction(value: object) -> str:
    return _checks.jurisdiction(value, union=True)


def _optional_money(value: object) -> Money | None:
    return None if value is None else require_money(value, "amount")


def _window_kind(value: object) -> Window:
    return _checks.choice(value, Window, "window")


def _crossing(value: object) -> Crossing:
    return _checks.choice(value, Crossing, "crossed_when")


def _sources(value: object) -> tuple[str, ...]:
    return _bundled.source_list(value)


def _in_order(instance: Threshold, _: attrs.Attribute[Any], until: date | None) -> None:
    _checks.valid_optional_day(instance, _, until)
    if until is not None and until < instance.since:
        raise invalid(
            "until",
            until,
            f"is before since ({instance.since}); check the dates",
            kind=InputKind.DATE,
        )


@named_at_the_door
@attrs.frozen
class Threshold(_bundled.Sourced):
    """A dated, sourced threshold or limit.

    ``sources`` are its official sources, the primary one first (``source``).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    jurisdiction: str = attrs.field(converter=_union_jurisdiction)
    rule: ThresholdRule = attrs.field(converter=_rule)
    amount: Money | None = attrs.field(
        converter=_optional_money, validator=_checks.valid_optional_amount
    )
    window: Window = attrs.field(converter=_window_kind)
    crossed_when: Crossing = attrs.field(converter=_crossing)
    since: date = attrs.field(validator=_checks.valid_day)
    until: date | None = attrs.field(validator=_in_order)
    legal_basis: str = attrs.field(validator=_checks.valid_text)
    sources: tuple[str, ...] = attrs.field(converter=_sources)
    note: str = attrs.field(default="", validator=_checks.valid_note)

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
        if self.crossed_when is Crossing.AT_OR_ABOVE:
            return found >= self.amount
        return found > self.amount


_COLUMNS = (
    *("jurisdiction", "rule", "amount", "currency", "window", "crossed_when"),
    *("since", "until", "legal_basis", "source", "note"),
)


def _threshold(line: _bundled.Line) -> Threshold:
    amount = line.optional_decimal("amount")
    return line.build(
        Threshold,
        jurisdiction=line.text("jurisdiction"),
        rule=line.choice("rule", ThresholdRule),
        amount=None if amount is None else Money(amount, line.text("currency")),
        window=line.choice("window", Window),
        crossed_when=line.choice("crossed_when", Crossing),
        since=line.day("since"),
        until=line.optional_day("until"),
        legal_basis=line.text("legal_basis"),
        sources=line.sources(),
        note=line.raw("note"),
    )


@functools.cache
def _lines() -> dict[tuple[str, str], list[_bundled.Line]]:
    """The table's lines by jurisdiction and rule, as written: a rule asked for reads
    its own rows only (a quote within the EU, the EUR 10,000 of distance sales)."""
    found: dict[tuple[str, str], list[_bundled.Line]] = {}
    for line in _bundled.read("commercekit.tax", "thresholds.csv", columns=_COLUMNS):
        found.setdefault((line.raw("jurisdiction"), line.raw("rule")), []).append(line)
    return found


@functools.cache
def _rows(jurisdiction: str, rule: str) -> tuple[Threshold, ...] | None:
    """The periods of ``rule`` of ``jurisdiction``, oldest first, or ``None``."""
    lines = _lines().get((jurisdiction, rule))
    if lines is None:
        return None
    rows = [(line, _threshold(line)) for line in lines]
    _bundled.check_periods(
        (line, (row.jurisdiction, row.rule), row.since, row.until) for line, row in rows
    )
    return tuple(sorted((row for _, row in rows), key=lambda t: t.since))


def _read() -> dict[tuple[str, ThresholdRule], tuple[Threshold, ...]]:
    """Every rule's periods, by jurisdiction and rule: every row read and checked (the
    tests of the bundled data read them all)."""
    periods = (_rows(*key) for key in _lines())
    return {(rows[0].jurisdiction, rows[0].rule): rows for rows in periods if rows}


@context_free
def threshold_periods(
    jurisdiction: str, rule: ThresholdRule | str
) -> tuple[Threshold, ...]:
    """Every period of the threshold ``rule`` of ``jurisdiction``, oldest first.

    For a table built from the thresholds (landed cost's de minimis takes Switzerland's
    CHF 5 from here). An unknown rule name is refused with the list of rules; a
    jurisdiction without that rule raises
    ``NoThresholdError`` (a [`MissingDataError`][commercekit.errors.MissingDataError])
    naming those that have it, as ``threshold_for`` does.

    Examples:
        >>> [t.amount for t in threshold_periods("GB", "registration_threshold")]
        [Money('85000', 'GBP'), Money('90000', 'GBP')]
    """
    return _periods(jurisdiction, rule)


def _periods(
    jurisdiction: str, rule: ThresholdRule | str, on: date | None = None
) -> tuple[Threshold, ...]:
    """The periods of a rule, or the error naming the jurisdictions that have it."""
    code = _checks.text(jurisdiction, "jurisdiction")
    name = _rule(rule)
    periods = _rows(code, name.value)
    if periods is None:
        _checks.jurisdiction(code, union=True)  # CA-XX: no place, not just no rule
        having = sorted(j for j, r in _lines() if r == name.value)
        raise NoThresholdError(code, name.value, having, on)
    return periods


@context_free
def threshold_for(jurisdiction: str, rule: ThresholdRule | str, *, on: date) -> Threshold:
    """The threshold ``rule`` of ``jurisdiction`` in force on ``on``.

    ``rule`` is a [`ThresholdRule`][commercekit.tax.ThresholdRule] or its name; a name
    that is not a rule is refused with the list of rules. A jurisdiction without that
    rule raises ``NoThresholdError`` (a ``NoRuleError``) naming those that have it; a
    day outside its periods, ``NoRuleError`` with the periods.

    Examples:
        >>> threshold_for("GB", "registration_threshold", on=date(2024, 3, 31)).amount
        Money('85000', 'GBP')
        >>> threshold_for("GB", ThresholdRule.REGISTRATION_THRESHOLD,
        ...     on=date(2024, 4, 1)).amount
        Money('90000', 'GBP')
    """
    day = check_day(on)
    periods = _periods(jurisdiction, rule, day)
    for threshold in periods:
        if threshold.covers(day):
            return threshold
    spans = ", ".join(f"{t.since}..{t.until or 'open'}" for t in periods)
    first = periods[0]
    raise NoRuleError(f"the threshold {first.rule} of {first.jurisdiction}", day, spans)
