"""Cash rounding: settling a cash payment in the smallest coin actually in use.

Where the small coins are gone (Switzerland's 1 and 2 centimes, Canada's penny, Sweden's
öre), a cash total is rounded to a coarser step than the minor unit: CHF to 0.05, CAD to
0.05, SEK to whole kronor. Some euro countries round cash totals to 0.05 by law or by
custom (Finland, the Netherlands, Belgium, Ireland, Italy, Slovakia, Estonia, Lithuania),
although the euro's minor unit stays 0.01. Card payments are not cash-rounded.

Each rule is dated and sourced (``_data/cash_rounding.csv``). A currency with no rule
is settled in its minor unit; for a currency with rules, a date before the first rule
raises [`NoRuleError`][commercekit.errors.NoRuleError] rather than guessing.

Examples:
    >>> from datetime import date
    >>> from commercekit.money import Money
    >>> cash_round(Money("12.33", "CHF"), on=date(2026, 11, 26))
    Money('12.35', 'CHF')
    >>> cash_round(Money("99.50", "SEK"), on=date(2026, 11, 26))
    Money('100.00', 'SEK')
    >>> cash_round(Money("7.42", "EUR"), on=date(2026, 11, 26), country="NL")
    Money('7.40', 'EUR')
    >>> cash_round(Money("7.42", "EUR"), on=date(2026, 11, 26), country="DE")
    Money('7.42', 'EUR')
    >>> cash_increment("CAD", on=date(2012, 6, 1))
    Traceback (most recent call last):
    ...
    commercekit.errors.NoRuleError: no rule for cash rounding of CAD on 2012-06-01; the ...
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from typing import Literal

import attrs

from commercekit import _bundled
from commercekit._inputs import day, invalid, member, text
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import EXACT, context_free, named_at_the_door
from commercekit.errors import InvalidAmountError, NoRuleError, UnknownCountryError
from commercekit.money._amount import to_decimal
from commercekit.money._currency import ISO_4217_SOURCE, QUANTUM, validate_currency
from commercekit.money._money import Money, _make
from commercekit.money._rounding import (
    RoundingMode,
    decimal_rounding,
    require_money,
    round_money,
)

__all__ = ["CashRounding", "cash_increment", "cash_round", "cash_rounding"]


def _positive(value: object) -> Decimal:
    number = to_decimal(value, "increment")
    if number <= 0:
        raise InvalidAmountError(value, "is not a positive cash step; pass e.g. '0.05'")
    return number


def _amount_or_none(value: object) -> Decimal | None:
    if value is None:
        return None
    number = to_decimal(value, "amount")
    if number < 0:
        raise InvalidAmountError(value, "is negative; pass an amount of zero or more")
    return number


def _day_or_none(value: object, field: str = "") -> date | None:
    return None if value is None else day(value, field, invalid)


def _text(value: object, field: str = "") -> str:
    return text(value, field, invalid)


def _note(value: object, field: str = "") -> str:
    return text(value, field, invalid, empty=True)


def _check_country(country: object) -> str:
    import pycountry  # noqa: PLC0415  # loaded with the cash rounding table

    if (
        not isinstance(country, str)
        or len(country) != 2
        or pycountry.countries.get(alpha_2=country.upper()) is None
    ):
        raise UnknownCountryError(country)
    return country.upper()


def _mode(value: object, field: str = "") -> RoundingMode:
    return member(value, RoundingMode, field, invalid)


def _country_or_none(value: object) -> str | None:
    return None if value is None else _check_country(value)


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class CashRounding:
    """The step a cash total is rounded to, and why.

    ``country`` is ``None`` when the rule covers every country using the currency.
    ``since``/``until`` bound the rule (``until`` is the last day, ``None`` if still in
    force); both are ``None`` for the plain minor-unit rule of a currency that has no
    cash rule.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    currency: str = attrs.field(converter=validate_currency)
    increment: Decimal = attrs.field(converter=_positive)
    since: date | None = attrs.field(converter=_day_or_none)
    until: date | None = attrs.field(converter=_day_or_none)
    source: str = attrs.field(converter=_text)
    convention: str = attrs.field(converter=_text)
    note: str = attrs.field(converter=_note)
    country: str | None = attrs.field(default=None, converter=_country_or_none)
    applies_above: Decimal | None = attrs.field(default=None, converter=_amount_or_none)
    """The rule only rounds totals above this amount (Belgium: above 0.05)."""
    rounds_to_zero: Literal["zero", "keep", "step"] = attrs.field(
        default="zero", validator=attrs.validators.in_(("zero", "keep", "step"))
    )
    """A non-zero total that would round to zero: becomes zero, is kept as it is
    (Finland), or becomes one step (Slovakia)."""
    mode: RoundingMode = attrs.field(default=RoundingMode.HALF_UP, converter=_mode)
    """How a total is rounded to the step; the bundled rules differ only where a total
    lies halfway between two steps: ``HALF_UP`` rounds it away from zero (DKK 10.25 to
    10.50), ``HALF_DOWN`` toward zero (NZD 12.35 to 12.30)."""

    def covers(self, on: date) -> bool:
        """Whether the rule is in force on ``on``."""
        on = day(on, "on", invalid)
        return (self.since is None or self.since <= on) and (
            self.until is None or on <= self.until
        )


_TIES = {"up": RoundingMode.HALF_UP, "down": RoundingMode.HALF_DOWN}

_ROUNDS_TO_ZERO: dict[str, Literal["zero", "keep", "step"]] = {
    "": "zero",
    "keep": "keep",
    "step": "step",
}


def _rounds_to_zero(line: _bundled.Line) -> Literal["zero", "keep", "step"]:
    found = _ROUNDS_TO_ZERO.get(line.raw("rounds_to_zero"))
    if found is None:
        raise line.error(
            "rounds_to_zero", line.raw("rounds_to_zero"), "is not one of '', 'keep', 'step'"
        )
    return found


def _ties(line: _bundled.Line) -> RoundingMode:
    found = _TIES.get(line.raw("ties"))
    if found is None:
        raise line.error("ties", line.raw("ties"), "is not one of 'up', 'down'")
    return found


@functools.cache
def _read_rules() -> dict[tuple[str, str | None], tuple[CashRounding, ...]]:
    columns = (
        *("currency", "country", "increment", "since", "until", "convention"),
        *("applies_above", "rounds_to_zero", "ties", "source", "note"),
    )
    lines = _bundled.read("commercekit.money", "cash_rounding.csv", columns=columns)
    rules: dict[tuple[str, str | None], list[CashRounding]] = {}
    dated = []
    for line in lines:
        rule = line.build(
            CashRounding,
            currency=line.text("currency"),
            country=line.optional_text("country"),
            increment=line.decimal("increment"),
            since=line.day("since"),
            until=line.optional_day("until"),
            source=line.sources()[0],
            convention=line.text("convention"),
            note=line.raw("note"),
            applies_above=line.optional_decimal("applies_above"),
            rounds_to_zero=_rounds_to_zero(line),
            mode=_ties(line),
        )
        dated.append((line, (rule.currency, rule.country), line.day("since"), rule.until))
        rules.setdefault((rule.currency, rule.country), []).append(rule)
    _bundled.check_periods(dated)
    return {
        key: tuple(sorted(found, key=lambda rule: rule.since or date.min))
        for key, found in rules.items()
    }


@context_free
def cash_rounding(currency: str, *, on: date, country: str | None = None) -> CashRounding:
    """The cash-rounding rule for ``currency`` (in ``country``, if given) on ``on``.

    A country's own rule wins over the currency-wide one while it is in force; with
    neither, cash is settled in the minor unit and the returned rule says so. Before a
    currency's first recorded rule, [`NoRuleError`][commercekit.errors.NoRuleError] is
    raised: what the smallest coin was then is not in the data.

    Examples:
        >>> rule = cash_rounding("EUR", on=date(2026, 1, 1), country="FI")
        >>> rule.increment, rule.since
        (Decimal('0.05'), datetime.date(2002, 1, 1))
    """
    code = validate_currency(currency)
    on = day(on, "on", invalid)
    keys: list[tuple[str, str | None]] = [(code, None)]
    if country is not None:
        keys.insert(0, (code, _check_country(country)))
    for key in keys:
        rules = _read_rules().get(key)
        if not rules:
            continue
        for rule in rules:
            if rule.covers(on):
                return rule
        first = rules[0].since
        if key[1] is None and first is not None and on < first:
            # Before a currency's first recorded rule its coins may have been coarser
            # or finer than the minor unit (NZD had a 0.05 step before 0.10): unknown.
            raise NoRuleError(f"cash rounding of {code}", on, f"{first} onwards")
        # Outside a country's own rules, the currency-wide rule applies.
    return CashRounding(
        currency=code,
        increment=QUANTUM[code],
        since=None,
        until=None,
        source=ISO_4217_SOURCE,
        convention="no coarser cash step recorded: cash is settled in the minor unit",
        note="",
        country=None,
    )


@context_free
def cash_increment(currency: str, *, on: date, country: str | None = None) -> Decimal:
    """The smallest step cash in ``currency`` is settled in on ``on``.

    Examples:
        >>> cash_increment("CHF", on=date(2026, 11, 26))
        Decimal('0.05')
        >>> cash_increment("EUR", on=date(2026, 11, 26))
        Decimal('0.01')
        >>> cash_increment("HUF", on=date(2026, 11, 26))
        Decimal('5')
    """
    return cash_rounding(currency, on=on, country=country).increment


@context_free
def cash_round(
    money: Money,
    *,
    on: date,
    country: str | None = None,
    mode: RoundingMode | None = None,
) -> Money:
    """Round a cash total to the step cash is settled in.

    The result keeps the currency's minor-unit decimals (``Money('12.35', 'CHF')``).
    Without a ``mode``, a total halfway between two steps goes the way the rule says
    ([`CashRounding.mode`][commercekit.money.CashRounding]): up, away from zero, in
    most places (CHF 0.025 to 0.05; DKK 0.25 to 0.50), down in New Zealand, where the
    Retailers Association's rule rounds a total ending in 5 cents down (NZD 12.35 is
    paid as 12.30). A ``mode`` named by the caller wins. A rule's limits for small
    totals are honoured: Finland does not round a total of 0.01 or 0.02 to zero,
    Slovakia rounds it up to 0.05, and Belgium only rounds totals above 0.05.

    Examples:
        >>> cash_round(Money("12.325", "CHF"), on=date(2026, 11, 26))
        Money('12.35', 'CHF')
        >>> cash_round(Money("10.24", "DKK"), on=date(2026, 11, 26))
        Money('10.00', 'DKK')
        >>> cash_round(Money("10.25", "DKK"), on=date(2026, 11, 26))
        Money('10.50', 'DKK')
        >>> cash_round(Money("12.35", "NZD"), on=date(2026, 11, 26))
        Money('12.30', 'NZD')
    """
    money = require_money(money)
    code = money.currency.code
    rule = cash_rounding(code, on=on, country=country)
    mode = rule.mode if mode is None else mode
    rounding = decimal_rounding(mode)
    amount = money.amount
    size = amount.copy_abs()
    if rule.applies_above is not None and size <= rule.applies_above:
        return round_money(money, mode=mode)
    step = rule.increment
    steps = EXACT.divide(amount, step).quantize(Decimal(1), rounding, EXACT)
    if not steps and amount:
        if rule.rounds_to_zero == "keep":
            return round_money(money, mode=mode)
        if rule.rounds_to_zero == "step":
            steps = Decimal(1).copy_sign(amount)
    rounded = EXACT.multiply(steps, step).quantize(QUANTUM[code], rounding, EXACT)
    # A zero total is zero, never "-0.00".
    return _make(
        money.__class__, rounded if rounded else rounded.copy_abs(), money.currency
    )
