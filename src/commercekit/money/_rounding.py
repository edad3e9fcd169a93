"""Rounding money to its currency's minor unit, with the mode named.

Rounding is a separate, explicit step in commercekit: arithmetic is exact, and an amount
is only rounded where a rule says so, with a named
[`RoundingMode`][commercekit.money.RoundingMode].

The default is [`RoundingMode.HALF_UP`][commercekit.money.RoundingMode.HALF_UP]
("commercial rounding": a half goes away from zero, so 0.125 becomes 0.13 and -0.125
becomes -0.13). It is what most tax authorities and invoicing rules expect; pass
``mode=RoundingMode.HALF_EVEN`` for banker's rounding.

Examples:
    >>> from commercekit.money import Money
    >>> round_money(Money("2.345", "EUR"))
    Money('2.35', 'EUR')
    >>> round_money(Money("2.345", "EUR"), mode=RoundingMode.HALF_EVEN)
    Money('2.34', 'EUR')
    >>> round_money(Money("1234.5", "JPY"))
    Money('1235', 'JPY')
    >>> round_money(Money("1.2345", "KWD"))
    Money('1.235', 'KWD')
"""

from __future__ import annotations

import decimal
import enum
from decimal import Decimal

import moneyed

from commercekit._numbers import EXACT, RANGE, at_the_door, out_of_range
from commercekit.errors import InputKind, InvalidAmountError, UnknownCurrencyError
from commercekit.money._currency import MINOR_UNITS, QUANTUM, currency_of
from commercekit.money._money import Money, _make

__all__ = [
    "DEFAULT_ROUNDING",
    "RoundingMode",
    "from_minor_units",
    "round_money",
    "to_minor_units",
]


class RoundingMode(enum.StrEnum):
    """How to round an amount that falls between two representable values."""

    HALF_UP = "half-up"
    """Nearest; a half goes away from zero (2.345 → 2.35, -2.345 → -2.35)."""
    HALF_EVEN = "half-even"
    """Nearest; a half goes to the even neighbour (2.345 → 2.34, 2.355 → 2.36)."""
    HALF_DOWN = "half-down"
    """Nearest; a half goes toward zero (2.345 → 2.34)."""
    UP = "up"
    """Away from zero (2.341 → 2.35, -2.341 → -2.35)."""
    DOWN = "down"
    """Toward zero, i.e. truncate (2.349 → 2.34)."""
    CEILING = "ceiling"
    """Toward positive infinity (2.341 → 2.35, -2.349 → -2.34)."""
    FLOOR = "floor"
    """Toward negative infinity (2.349 → 2.34, -2.341 → -2.35)."""


DEFAULT_ROUNDING = RoundingMode.HALF_UP
"""The mode used when none is named: half-up ("commercial rounding")."""

DECIMAL_ROUNDING: dict[RoundingMode, str] = {
    RoundingMode.HALF_UP: decimal.ROUND_HALF_UP,
    RoundingMode.HALF_EVEN: decimal.ROUND_HALF_EVEN,
    RoundingMode.HALF_DOWN: decimal.ROUND_HALF_DOWN,
    RoundingMode.UP: decimal.ROUND_UP,
    RoundingMode.DOWN: decimal.ROUND_DOWN,
    RoundingMode.CEILING: decimal.ROUND_CEILING,
    RoundingMode.FLOOR: decimal.ROUND_FLOOR,
}


def decimal_rounding(mode: RoundingMode) -> str:
    """The ``decimal`` module's constant for ``mode``; refuses anything else."""
    try:
        return DECIMAL_ROUNDING[mode]
    except (KeyError, TypeError):
        raise InvalidAmountError.of_kind(InputKind.CHOICE)(
            mode,
            "is not a rounding mode; pass a RoundingMode such as RoundingMode.HALF_UP",
            choices=(str(member.value) for member in RoundingMode),
        ) from None


def require_money(value: object, what: str = "money") -> Money:
    """Refuse anything that is not a ``moneyed.Money`` (ours or py-moneyed's); a
    py-moneyed amount is checked as ``Money()`` checks it.

    Examples:
        >>> require_money(Money("12.50", "EUR"), "the price")
        Money('12.50', 'EUR')
        >>> require_money("12.50", "the price")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: '12.50' is not money; pass the price as ...
    """
    if what.__class__ is not str or not what:
        raise InvalidAmountError.of_kind(InputKind.TEXT)(
            what, "is not a label; name the value as text ('price')"
        )
    if isinstance(value, Money):
        return value
    fix = f"pass {what} as Money(amount, currency)"
    if isinstance(value, moneyed.Money):
        try:
            return Money(value.amount, value.currency)
        except InvalidAmountError as problem:
            raise InvalidAmountError(problem.value, f"{problem.reason}; {fix}") from None
    raise InvalidAmountError(value, f"is not money; {fix}")


_QUANTUM = QUANTUM
_ROUNDING = DECIMAL_ROUNDING
_new = object.__new__


def round_money(money: Money, *, mode: RoundingMode = DEFAULT_ROUNDING) -> Money:
    """Round ``money`` to its currency's ISO 4217 minor unit.

    The result always carries exactly the minor unit's decimals (``Money('3.10',
    'EUR')``, not ``Money('3.1', 'EUR')``). Rounding an already rounded amount returns
    it unchanged.

    Examples:
        >>> round_money(Money("-0.125", "USD"))
        Money('-0.13', 'USD')
        >>> round_money(Money("-0.125", "USD"), mode=RoundingMode.CEILING)
        Money('-0.12', 'USD')
        >>> round_money(Money("3.1", "EUR"))
        Money('3.10', 'EUR')
    """
    cls = money.__class__
    if cls is not Money:
        money = require_money(money)
        cls = money.__class__
    currency = money.currency
    # _make inlined: rounding follows nearly every multiplication.
    rounding = _ROUNDING[mode] if mode.__class__ is RoundingMode else decimal_rounding(mode)
    amount = money.amount.quantize(_QUANTUM[currency.code], rounding, EXACT)
    if not amount:
        amount = amount.copy_abs()  # -0.001 rounds to 0.00, not to "-0.00"
    rounded = _new(cls)
    rounded.amount = amount  # type: ignore[misc]  # see _money._make
    rounded.currency = currency  # type: ignore[misc]  # see _money._make
    return rounded


def to_minor_units(money: Money) -> int:
    """``money`` as a whole number of its currency's minor units (EUR 12.34 is 1234,
    JPY 500 is 500, KWD 1.250 is 1250), exactly.

    An amount with a digit below the minor unit is refused: round it first with
    [`round_money`][commercekit.money.round_money].

    Examples:
        >>> to_minor_units(Money("12.34", "EUR")), to_minor_units(Money("-0.5", "KWD"))
        (1234, -500)
        >>> to_minor_units(Money("10.005", "EUR"))
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: Money('10.005', 'EUR') has more decimals ...
    """
    given = money
    money = require_money(money, "the amount")
    code = money.currency.code
    units = minor_units_in(money)
    if units is None:
        raise at_the_door(
            InvalidAmountError(
                money,
                f"has more decimals than {code}'s {MINOR_UNITS.get(code, 0)}; round it "
                "with round_money() first",
            ),
            to_minor_units,
            given,
        )
    return units


def minor_units_in(money: Money) -> int | None:
    """The whole minor units in ``money`` (checked Money), or None if it has a finer
    digit: the test ``to_minor_units`` and ``allocate`` share."""
    code = money.currency.code
    places = MINOR_UNITS.get(code)
    if places is None:
        raise UnknownCurrencyError(code, "has no minor unit (ISO 4217 says N.A.)")
    numerator, denominator = EXACT.scaleb(money.amount, places).as_integer_ratio()
    return numerator if denominator == 1 else None


def from_minor_units(units: int, currency: str | moneyed.Currency) -> Money:
    """``units`` minor units of ``currency`` as Money (1234 EUR cents is EUR 12.34).

    Examples:
        >>> from_minor_units(1234, "EUR"), from_minor_units(500, "JPY")
        (Money('12.34', 'EUR'), Money('500', 'JPY'))
    """
    if units.__class__ is not int:
        raise InvalidAmountError.of_kind(InputKind.COUNT)(
            units, "is not a whole number of minor units; pass an int"
        )
    found = currency_of(currency)
    places = MINOR_UNITS.get(found.code)
    if places is None:
        raise UnknownCurrencyError(found.code, "has no minor unit (ISO 4217 says N.A.)")
    amount = EXACT.scaleb(Decimal(units), -places)
    if out_of_range(amount):
        raise at_the_door(
            InvalidAmountError(units, f"is out of range: {RANGE}"),
            from_minor_units,
            units,
            currency,
        )
    return _make(Money, amount, found)


def round_ratio(  # noqa: PLR0911  # one return per rounding mode reads clearest
    numerator: int, denominator: int, mode: RoundingMode
) -> int:
    """``numerator / denominator`` rounded to an integer with ``mode``, exactly.

    For rules whose exact result is a fraction no ``Decimal`` can hold (tax extracted
    from a tax-inclusive price: gross x 19/119), rounding the exact ratio avoids the
    double rounding a finite-precision division would add.

    Examples:
        >>> half_up, half_even = RoundingMode.HALF_UP, RoundingMode.HALF_EVEN
        >>> round_ratio(5, 2, half_up), round_ratio(-5, 2, half_up)
        (3, -3)
        >>> round_ratio(5, 2, half_even), round_ratio(7, 2, half_even)
        (2, 4)
        >>> round_ratio(-7, 3, RoundingMode.DOWN), round_ratio(-7, 3, RoundingMode.FLOOR)
        (-2, -3)
    """
    if mode.__class__ is not RoundingMode:
        decimal_rounding(mode)  # refuses anything that is not a RoundingMode
        mode = RoundingMode(mode)
    if (
        numerator.__class__ is not int
        or denominator.__class__ is not int
        or not denominator
    ):
        value = numerator if numerator.__class__ is not int else denominator
        said = "is zero" if value.__class__ is int else "is not a whole number"
        raise at_the_door(
            InvalidAmountError(value, f"{said}; a ratio is an int over a non-zero int"),
            round_ratio,
            numerator,
            denominator,
            mode,
        )
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    quotient, remainder = divmod(numerator, denominator)  # floor division
    if not remainder:
        return quotient
    positive = numerator > 0
    if mode is RoundingMode.FLOOR:
        return quotient
    if mode is RoundingMode.CEILING:
        return quotient + 1
    if mode is RoundingMode.DOWN:
        return quotient if positive else quotient + 1
    if mode is RoundingMode.UP:
        return quotient + 1 if positive else quotient
    twice = 2 * remainder
    if twice != denominator:
        return quotient + 1 if twice > denominator else quotient
    if mode is RoundingMode.HALF_UP:
        return quotient + 1 if positive else quotient
    if mode is RoundingMode.HALF_DOWN:
        return quotient if positive else quotient + 1
    # HALF_EVEN
    return quotient if quotient % 2 == 0 else quotient + 1
