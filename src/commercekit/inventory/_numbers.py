"""Checked inputs and rounded outputs for the inventory rules.

Inputs (demand, lead times, service levels, quantities) are decimals, integers or decimal
strings, never floats, like everywhere in commercekit. The statistics inside (the normal
distribution, square roots) are irrational, so they run in binary floating point; each
result is rounded once, half-even, to ``PLACES`` decimals on the way out. An amount of
money a rule computes (a stock value, a cost, the cash of an order) is rounded once,
half-up, to its currency's minor unit (``money_result``). Either is refused when it
falls outside the library's range of numbers (below 10^18 in magnitude), like every
input: a result the library could not take back in is never returned.

The results are value objects too, and check their fields when built: the ``is_*``
functions below are attrs validators for fields that take exactly one type (a result
holds a ``Decimal``, never an ``int`` or a string standing for one).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from statistics import NormalDist
from typing import Any, TypeAlias

import attrs

from commercekit import _checks
from commercekit._beyond import Factor, ratio_beyond
from commercekit._numbers import EXACT, MAX_MAGNITUDE, RANGE, out_of_range
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.money import Money, RoundingMode, minor_units, round_ratio

PLACES = 4
"""Decimals kept in the statistical results (units, z and k values, service levels)."""

_CHECK = _checks.Checks(InvalidInventoryError)


choice = _CHECK.member
"""``value`` as a member of the enumeration ``kind`` (or its value)."""
signed_number = _CHECK.signed_decimal
"""``value`` as a finite ``Decimal`` of either sign."""
number = _CHECK.decimal
"""``value`` as a finite ``Decimal`` that is not negative (or > 0 with ``positive``)."""
listed = _CHECK.items
"""A list or tuple (not text, a mapping or a lone value), as a tuple."""


def text(value: object, field: str) -> str:
    """A non-empty ``str``: a SKU, a location, a channel, an explanation."""
    return _CHECK.text(value, field)


def units(
    value: object,
    field: str,
    *,
    positive: bool = False,
    unit: str = "units",
    maximum: int | None = None,
) -> int:
    """A whole number of units: an ``int`` that is not negative (or > 0), at most
    ``maximum`` where the count drives work (periods simulated)."""
    return _CHECK.whole(value, field, positive=positive, unit=unit, maximum=maximum)


def signed_units(value: object, field: str) -> int:
    """A whole number of units of either sign (an inventory position with backorders)."""
    return _checks.signed_whole(value, field, InvalidInventoryError, unit="units")


def mapping(value: object, field: str, example: str) -> Mapping[Any, Any]:
    """A mapping such as ``example`` (``{sku: units}``)."""
    if not isinstance(value, Mapping):
        raise InvalidInventoryError.refused(
            field, value, f"is not a mapping like {example}", kind=InputKind.LIST
        )
    return value


def probability(value: object, field: str) -> Decimal:
    """A service level strictly between 0 and 1 (0.95, not 95)."""
    found = number(value, field)
    if not 0 < found < 1:
        raise InvalidInventoryError(
            field,
            value,
            "must be strictly between 0 and 1: write 95 % as Decimal('0.95'); "
            "0 and 1 would need no stock or infinite stock",
        )
    return found


_NORMAL = NormalDist()
_HALF = Fraction(1, 2)


def quantile(level: Decimal | Fraction) -> float:
    """z = Phi^-1(``level``) for 0 < level < 1, from the nearer tail.

    A level such as 0.99999999999999999 is 1.0 as a float, where Phi^-1 has no value;
    its distance from 1 is exact as a ``Decimal`` or a ``Fraction``, and a float holds
    that.
    """
    share = Fraction(level)
    if share <= _HALF:
        return _NORMAL.inv_cdf(float(share))
    return -_NORMAL.inv_cdf(float(1 - share))


def rounded(value: float | Fraction) -> Decimal:
    """A result as a ``Decimal`` rounded half-even to ``PLACES`` decimals, exactly."""
    return _checks.rounded(value, PLACES)


def ratio_result(
    value: Fraction, makes: str, over: tuple[Factor, ...], under: tuple[Factor, ...] = ()
) -> Decimal:
    """A ratio returned as a result: ``rounded``, or beyond the range refused naming
    the arguments it is made of, ``over`` divided by ``under`` (``ratio_beyond``)."""
    found = rounded(value)
    if out_of_range(found):
        raise ratio_beyond(InvalidInventoryError, makes, found, over, under)
    return found


def money_result(
    value: Fraction,
    currency: str,
    field: str,
    fix: str,
    *,
    over: tuple[Factor, ...] = (),
    under: tuple[Factor, ...] = (),
) -> Money:
    """An amount a rule computed, rounded once, half-up, to ``currency``'s minor unit.
    Beyond the range it is refused naming the arguments it is a product of (``over``
    divided by ``under``, ``ratio_beyond``), or where it sums many, the ``field`` that
    holds them and how to ``fix`` it."""
    places = minor_units(currency)
    scaled = value * 10**places
    whole = round_ratio(scaled.numerator, scaled.denominator, RoundingMode.HALF_UP)
    if abs(whole) >= MAX_MAGNITUDE * 10**places:
        if over:
            makes = f"{field} in {currency}"
            raise ratio_beyond(InvalidInventoryError, makes, value, over, under)
        raise InvalidInventoryError(
            field, f"{rounded(value)} {currency}", f"is out of range: {RANGE}; {fix}"
        )
    return Money(Decimal(whole).scaleb(-places, EXACT), currency)


# attrs validators for the fields of results: each names the field it refuses.

Field: TypeAlias = "attrs.Attribute[Any]"


def _exact_decimal(value: object, field: str) -> Decimal:
    if not isinstance(value, Decimal):
        raise InvalidInventoryError.refused(
            field,
            value,
            "is not a Decimal; pass a Decimal such as Decimal('12.5')",
            kind=InputKind.TYPE,
        )
    return value


def is_text(_: object, attribute: Field, value: object) -> None:
    """A non-empty ``str``."""
    text(value, attribute.name)


def is_optional_text(_: object, attribute: Field, value: object) -> None:
    """A non-empty ``str``, or ``None``."""
    if value is not None:
        text(value, attribute.name)


def is_units(_: object, attribute: Field, value: object) -> None:
    """A whole number of units, zero or more."""
    units(value, attribute.name)


def is_positive_units(_: object, attribute: Field, value: object) -> None:
    """A whole number of units, one or more."""
    units(value, attribute.name, positive=True)


def is_signed_units(_: object, attribute: Field, value: object) -> None:
    """A whole number of units of either sign."""
    signed_units(value, attribute.name)


def is_quantity(_: object, attribute: Field, value: object) -> None:
    """A ``Decimal`` of zero or more."""
    number(_exact_decimal(value, attribute.name), attribute.name)


def is_signed_quantity(_: object, attribute: Field, value: object) -> None:
    """A finite ``Decimal`` of either sign (a safety factor, a score)."""
    signed_number(_exact_decimal(value, attribute.name), attribute.name)


def is_share(_: object, attribute: Field, value: object) -> None:
    """A ``Decimal`` from 0 to 1: a share, a rate achieved."""
    found = number(_exact_decimal(value, attribute.name), attribute.name)
    if found > 1:
        raise InvalidInventoryError(
            attribute.name, value, "is a share, at most 1: write 95 % as Decimal('0.95')"
        )


def is_optional_share(instance: object, attribute: Field, value: object) -> None:
    """A share from 0 to 1, or ``None``."""
    if value is not None:
        is_share(instance, attribute, value)


def is_probability(_: object, attribute: Field, value: object) -> None:
    """A ``Decimal`` strictly between 0 and 1: a service level aimed at."""
    probability(_exact_decimal(value, attribute.name), attribute.name)


def _money(value: object, field: str) -> Money:
    if not isinstance(value, Money):
        raise InvalidInventoryError.refused(
            field, value, "is not Money; pass Money(amount, currency)", kind=InputKind.TYPE
        )
    return value


def is_money(_: object, attribute: Field, value: object) -> None:
    """``Money`` of zero or more, in the library's range."""
    found = _CHECK.money(_money(value, attribute.name), attribute.name)
    if out_of_range(found.amount):
        raise InvalidInventoryError(attribute.name, value, f"is out of range: {RANGE}")


def is_cash(instance: object, attribute: Field, value: object) -> None:
    """``Money`` of zero or more, in range and in whole minor units of its currency: an
    amount a rule computed and rounded (``money_result``)."""
    is_money(instance, attribute, value)
    assert isinstance(value, Money)  # noqa: S101  # is_money checked it
    scaled = EXACT.scaleb(value.amount, minor_units(value.currency.code))
    if scaled != scaled.to_integral_value(context=EXACT):
        raise InvalidInventoryError(
            attribute.name,
            value,
            f"is not in whole minor units of {value.currency.code}; round it half-up "
            "to the minor unit",
        )


def is_signed_money(_: object, attribute: Field, value: object) -> None:
    """``Money`` of either sign (a contribution margin may be a loss)."""
    _money(value, attribute.name)


def is_class_letter(_: object, attribute: Field, value: object) -> None:
    """One capital letter: an ABC class."""
    if not (isinstance(value, str) and len(value) == 1 and value in _LETTERS):
        raise InvalidInventoryError.refused(
            attribute.name,
            value,
            "is not a class letter; pass one of 'A' to 'Z'",
            kind=InputKind.CHOICE,
            choices=_LETTERS,
        )


_LETTERS = string.ascii_uppercase
