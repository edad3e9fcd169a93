"""Exchange-rate tables and currency conversion, explicit and exact.

A [`RateTable`][commercekit.money.RateTable] is a snapshot: a base currency, how many
units of each other currency one unit of the base buys, when the rates were observed and
who published them. Conversion between two non-base currencies goes through the base
(triangulation) with the cross rate kept as an exact fraction, and the result is rounded
once, to the target currency's minor unit, with a named mode. Inverse rates are derived,
never stored twice, so a table cannot contradict itself.

There is no live feed and no clock here: a caller that cares how old the rates are says
``at=`` (now, as it knows it) and ``max_age=``; a plugin supplies live tables through
[`RateSource`][commercekit.money.RateSource].

Examples:
    >>> from datetime import UTC, datetime
    >>> ecb = RateTable(
    ...     base="EUR",
    ...     rates={"USD": Decimal("1.0412"), "GBP": Decimal("0.8321")},
    ...     observed_at=datetime(2026, 11, 25, 15, 0, tzinfo=UTC),
    ...     provider="ECB euro foreign exchange reference rates",
    ... )
    >>> convert(Money("100.00", "EUR"), "USD", ecb)
    Money('104.12', 'USD')
    >>> convert(Money("100.00", "USD"), "EUR", ecb)
    Money('96.04', 'EUR')
    >>> convert(Money("100.00", "GBP"), "USD", ecb)
    Money('125.13', 'USD')
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Protocol

import attrs

from commercekit import _numbers
from commercekit._inputs import flag, instance, invalid, text
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import DIVISION, EXACT, RANGE, context_free, out_of_range
from commercekit.errors import (
    FutureRatesError,
    InputKind,
    InvalidAmountError,
    MissingExchangeRateError,
    StaleRatesError,
    UnknownCurrencyError,
    shown,
)
from commercekit.money._amount import to_decimal
from commercekit.money._currency import CURRENCIES, MINOR_UNITS, validate_currency
from commercekit.money._measured import converted_shown, rate_shown
from commercekit.money._money import Money, _make
from commercekit.money._rounding import (
    DEFAULT_ROUNDING,
    RoundingMode,
    require_money,
    round_ratio,
)

__all__ = ["RateSource", "RateTable", "convert", "convert_noted", "convert_unrounded"]


def _rates(value: Mapping[str, object]) -> Mapping[str, Decimal]:
    if not isinstance(value, Mapping):
        raise InvalidAmountError.of_kind(InputKind.LIST)(
            value, "is not a mapping of currency codes to rates"
        )
    checked = {}
    for code, rate in value.items():
        number = to_decimal(rate, "exchange rate")
        if number <= 0:
            raise InvalidAmountError(
                rate,
                f"is not a positive exchange rate for {code}",
                field=f"rates[{code!r}]",
            )
        key = validate_currency(code)
        if key in checked:
            raise InvalidAmountError(
                value, f"gives {key} twice (as {shown(code)} too); give each rate once"
            )
        checked[key] = number
    return MappingProxyType(checked)


def _aware(_: object, __: object, value: datetime) -> None:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise InvalidAmountError.of_kind(InputKind.DATE)(
            value, "is not a timezone-aware datetime; pass e.g. datetime(..., tzinfo=UTC)"
        )


def _provider(value: object) -> str:
    return text(value, "provider", invalid)


def _table(value: object) -> RateTable:
    return instance(value, RateTable, "rates", invalid)


def _max_age(value: object) -> timedelta:
    age = instance(value, timedelta, "max_age", invalid)
    if age < timedelta(0):
        raise InvalidAmountError(value, "is a negative age; pass e.g. timedelta(days=1)")
    return age


@_numbers.named_at_the_door
@attrs.frozen
class RateTable:
    """Exchange rates observed at one moment: 1 ``base`` = ``rates[code]`` of ``code``.

    The base's own rate is 1 and need not be listed; if listed, it must be 1.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    base: str = attrs.field(converter=validate_currency)
    rates: Mapping[str, Decimal] = attrs.field(converter=_rates)
    observed_at: datetime = attrs.field(validator=_aware)
    provider: str = attrs.field(converter=_provider)
    # Each rate as an exact integer ratio, computed once: conversion is integer work.
    _ratios: Mapping[str, tuple[int, int]] = attrs.field(
        init=False, repr=False, eq=False, alias="_ratios"
    )

    def __attrs_post_init__(self) -> None:
        listed = self.rates.get(self.base)
        if listed is not None and listed != 1:
            raise InvalidAmountError(
                listed, f"is the table's rate for its own base {self.base}; it must be 1"
            )
        ratios = {code: rate.as_integer_ratio() for code, rate in self.rates.items()}
        ratios[self.base] = (1, 1)
        object.__setattr__(self, "_ratios", MappingProxyType(ratios))

    def ratio(self, code: str) -> tuple[int, int]:
        """Units of ``code`` per unit of the base, as an exact integer ratio."""
        found = self._ratios.get(code) if isinstance(code, str) else None
        if found is None:
            self._units(code)  # raises, naming the table
        return found  # type: ignore[return-value]  # _units raised for a missing code

    def _units(self, code: str) -> Decimal:
        code = validate_currency(code)
        if code == self.base:
            return Decimal(1)
        rate = self.rates.get(code)
        if rate is None:
            raise UnknownCurrencyError(
                code,
                f"has no rate in the {self.provider} table "
                f"(base {self.base}, observed {self.observed_at.isoformat()})",
            )
        return rate

    @context_free
    def cross(self, source: str, target: str) -> Fraction:
        """How many ``target`` one ``source`` buys, exactly, through the base."""
        return Fraction(self._units(validate_currency(target))) / Fraction(
            self._units(validate_currency(source))
        )

    @context_free
    def rate(self, source: str, target: str) -> Decimal:
        """The cross rate to 28 significant digits, for showing (conversion is exact).

        Examples:
            >>> from datetime import UTC
            >>> table = RateTable(base="EUR", rates={"USD": Decimal("1.25")},
            ...     observed_at=datetime(2026, 1, 1, tzinfo=UTC), provider="example")
            >>> table.rate("USD", "EUR")
            Decimal('0.8')
        """
        # cross(), from the exact ratios kept at construction: the same quotient
        # (a Fraction in lowest terms divides to the same 28 digits as any multiple).
        to_num, to_den = self.ratio(validate_currency(target))
        from_num, from_den = self.ratio(validate_currency(source))
        return DIVISION.divide(Decimal(to_num * from_den), Decimal(to_den * from_num))

    @context_free
    def check_known_at(self, at: date | datetime) -> None:
        """Refuse the table if it was observed after ``at`` (a moment, or a day: then
        the table must have been observed by the end of that day, in its own time zone).

        Examples:
            >>> from datetime import UTC
            >>> table = RateTable(base="EUR", rates={"USD": Decimal("1.25")},
            ...     observed_at=datetime(2026, 1, 2, tzinfo=UTC), provider="example")
            >>> table.check_known_at(date(2026, 1, 2))
            >>> table.check_known_at(date(2026, 1, 1))
            Traceback (most recent call last):
            ...
            commercekit.errors.FutureRatesError: the rates from example were observed ...
        """
        if isinstance(at, datetime):
            _aware(None, None, at)
            later = self.observed_at > at
        elif isinstance(at, date):
            later = self.observed_at.date() > at
        else:
            raise InvalidAmountError.of_kind(InputKind.DATE)(
                at, "is not a date or a datetime"
            )
        if later:
            raise FutureRatesError(self.provider, self.observed_at, at)

    @context_free
    def check_age(self, *, at: datetime, max_age: timedelta) -> None:
        """Refuse the table if it was observed more than ``max_age`` before ``at``."""
        _aware(None, None, at)
        age = at - self.observed_at
        max_age = _max_age(max_age)
        if age > max_age:
            raise StaleRatesError(self.provider, self.observed_at, at, max_age)


def _in_range(money: Money) -> Money:
    if out_of_range(money.amount):
        raise InvalidAmountError(
            money, f"is the converted amount, out of range: {RANGE}; check the rates"
        )
    return money


class RateSource(Protocol):
    """Where a plugin's live exchange rates come from."""

    def table(self, base: str, *, at: datetime) -> RateTable:
        """The latest table for ``base`` as known at ``at``."""
        ...


@context_free
def convert(
    money: Money,
    to: str,
    rates: RateTable,
    *,
    mode: RoundingMode = DEFAULT_ROUNDING,
    at: datetime | None = None,
    max_age: timedelta | None = None,
) -> Money:
    """``money`` in currency ``to`` at the table's rate, rounded once with ``mode``.

    With ``max_age``, the table must have been observed no longer than that before
    ``at`` (both required together; commercekit has no clock).

    Examples:
        >>> from datetime import UTC
        >>> table = RateTable(base="EUR", rates={"JPY": Decimal("161.87")},
        ...     observed_at=datetime(2026, 11, 25, 15, tzinfo=UTC), provider="ECB")
        >>> convert(Money("1", "JPY"), "EUR", table)
        Money('0.01', 'EUR')
        >>> convert(Money("100", "JPY"), "EUR", table, mode=RoundingMode.DOWN)
        Money('0.61', 'EUR')
        >>> convert(Money("10.00", "EUR"), "JPY", table,
        ...         at=datetime(2026, 11, 28, tzinfo=UTC), max_age=timedelta(days=1))
        Traceback (most recent call last):
        ...
        commercekit.errors.StaleRatesError: the rates from ECB were observed ...
    """
    money = require_money(money)
    target = validate_currency(to)
    rates = _table(rates)
    if max_age is not None or at is not None:
        if max_age is None or at is None:
            raise InvalidAmountError(
                (at, max_age), "gives only one of at= and max_age=; pass both, or neither"
            )
        rates.check_age(at=at, max_age=max_age)
    # amount x (target per base) / (source per base), in integers, rounded once.
    amount_num, amount_den = money.amount.as_integer_ratio()
    to_num, to_den = rates.ratio(target)
    from_num, from_den = rates.ratio(money.currency.code)
    exponent = MINOR_UNITS[target]
    units = round_ratio(
        amount_num * to_num * from_den * 10**exponent,
        amount_den * to_den * from_num,
        mode,
    )
    return _in_range(
        _make(Money, Decimal(units).scaleb(-exponent, EXACT), CURRENCIES[target])
    )


@context_free
def convert_unrounded(money: Money, to: str, rates: RateTable) -> Money:
    """``money`` in currency ``to`` at the table's rate, not rounded to the currency's
    minor unit (28 significant digits): the value to compare with a limit, where
    rounding first could carry a value across it (GBP 135.0048 is over GBP 135; rounded
    to 135.00 it would not be).

    Examples:
        >>> from datetime import UTC
        >>> table = RateTable(base="EUR", rates={"GBP": Decimal("0.84")},
        ...     observed_at=datetime(2026, 11, 25, tzinfo=UTC), provider="example")
        >>> convert_unrounded(Money("160.72", "EUR"), "GBP", table)
        Money('135.0048', 'GBP')
        >>> convert_unrounded(Money("160.00", "EUR"), "GBP", table)
        Money('134.40', 'GBP')
        >>> convert(Money("160.72", "EUR"), "GBP", table)
        Money('135.00', 'GBP')
    """
    money = require_money(money)
    target = validate_currency(to)
    exact = Fraction(money.amount) * _table(rates).cross(money.currency.code, target)
    amount = DIVISION.divide(Decimal(exact.numerator), Decimal(exact.denominator))
    places = MINOR_UNITS[target]
    if amount.as_tuple().exponent > -places:  # type: ignore[operator]  # finite here
        amount = amount.quantize(Decimal(1).scaleb(-places), context=EXACT)  # exact
    return _in_range(_make(Money, amount, CURRENCIES[target]))


@context_free
def convert_noted(
    money: Money,
    to: str,
    rates: RateTable | None,
    notes: list[str],
    *,
    how: str,
    rounded: bool = False,
    on: date | datetime | None = None,
) -> Money:
    """``money`` in currency ``to``, with the conversion said in ``notes``: the one
    conversion the rules use where a figure must be shown with the rate behind it.

    Unrounded (``convert_unrounded``) to compare with a limit, or, with ``rounded``,
    rounded once half-up to the currency's minor unit (an amount charged). Money
    already in ``to`` comes back as it is, with no note; a note is said once. With
    ``on``, the table must have been known then (``RateTable.check_known_at``). The
    note: ``"<money> is <converted> at <rate> (<provider>, observed <ISO moment>)"``.

    Raises:
        MissingExchangeRateError: the currencies differ and ``rates`` is None or has
            no rate for one of them; ``how`` says how to supply a table (for example
            ``"pass rates= (a RateTable)"``).
        FutureRatesError: with ``on``, a table observed after that day (checked even
            when no conversion is needed, so a wrong table is found at once).

    Examples:
        >>> from datetime import UTC
        >>> table = RateTable(base="EUR", rates={"GBP": Decimal("0.84")},
        ...     observed_at=datetime(2026, 11, 25, tzinfo=UTC), provider="example")
        >>> notes: list[str] = []
        >>> convert_noted(Money("160.72", "EUR"), "GBP", table, notes, how="")
        Money('135.0048', 'GBP')
        >>> notes
        ['160.72 EUR is 135.0048 GBP at 0.84 (example, observed 2026-11-25T00:00:00+00:00)']
        >>> convert_noted(Money("1.00", "USD"), "GBP", None, notes, how="pass rates=")
        Traceback (most recent call last):
        ...
        commercekit.errors.MissingExchangeRateError: missing an exchange rate from USD ...
    """
    money = require_money(money)
    target = validate_currency(to)
    instance(notes, list, "notes", invalid)
    text(how, "how", invalid, empty=True)
    flag(rounded, "rounded", invalid)
    table = None if rates is None else _table(rates)
    if table is not None and on is not None:
        table.check_known_at(on)
    source = money.currency.code
    if source == target:
        return money
    lacking = [
        code
        for code in (source, target)
        if table is not None and code != table.base and code not in table.rates
    ]
    if table is None or lacking:
        where = (
            "no table was given"
            if table is None
            else f"the {table.provider} table has no rate for {', '.join(lacking)}"
        )
        needed = f"{money} is needed in {target} and {where}"
        raise MissingExchangeRateError(
            source,
            target,
            f"{needed}: {how}",
            json_how=f'{needed}: write "exchange_rates" with the rate between them',
        )
    converted = (
        convert(money, target, table, mode=RoundingMode.HALF_UP)
        if rounded
        else convert_unrounded(money, target, table)
    )
    note = (
        f"{money} is {converted_shown(converted)} at {rate_shown(table, source, target)} "
        f"({table.provider}, observed {table.observed_at.isoformat()})"
    )
    if note not in notes:  # one limit converted for two rules is said once
        notes.append(note)
    return converted
