"""Checked inputs for the payment rules: amounts, percentages, places, days, choices.

Every check raises ``InvalidPaymentError`` naming the field and what to pass instead;
an input that is not an amount raises the payments error of its kind
(``InvalidPaymentChoiceError`` listing the values, ``InvalidPaymentDateError``,
``InvalidPaymentPlaceError`` for a country code ...). A value that is not money at all
raises the money package's own ``InvalidAmountError``.

Money a payment moves (an amount paid, a fee charged, a cost, a surcharge) is booked in
whole minor units (cents for EUR, yen for JPY): a finer digit is refused, never
rounded away in silence.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from commercekit import _checks
from commercekit.errors import (
    InputKind,
    InvalidAmountError,
    InvalidInputError,
    InvalidPaymentError,
    UnknownCountryError,
)
from commercekit.money import Money, from_minor_units, minor_units, to_minor_units
from commercekit.regions import check_country

__all__ = [
    "amount",
    "booked",
    "choice",
    "country",
    "day",
    "flag",
    "instance_of",
    "invalid",
    "items",
    "one_of",
    "percent",
    "sentences",
    "sources",
    "text",
    "zero",
]

_CHECK = _checks.Checks(InvalidPaymentError)

choice = _CHECK.member
"""``value`` as a member of ``kind`` (or its value), or an error listing them."""
day = _CHECK.day
"""A calendar day; a datetime (a moment, not a day) is refused."""
text = _CHECK.text
"""Non-empty text (or any text with ``empty``)."""
flag = _CHECK.flag
"""True or False; a truthy string is refused."""
instance_of = _CHECK.instance
"""``value`` if it is a ``kind``; otherwise an error naming the type to pass."""
items = _CHECK.items
"""A list or tuple, as a tuple."""
amount = _CHECK.money
"""Money that is not negative: a fee in a provider's schedule, which may hold a
fraction of a cent."""

_HUNDRED = Decimal(100)


def invalid(
    field: str,
    value: object,
    reason: str,
    *,
    kind: InputKind = InputKind.AMOUNT,
    choices: Iterable[str] = (),
) -> InvalidInputError:
    """The payments error for ``field``'s ``value`` of ``kind``."""
    return InvalidPaymentError.refused(field, value, reason, kind=kind, choices=choices)


def one_of(value: object, options: tuple[str, ...], field: str) -> str:
    """``value`` if it is one of the words ``options``; otherwise an error listing them."""
    return _checks.one_of(value, options, field, InvalidPaymentError)


def booked(value: object, field: str) -> Money:
    """Money that is not negative, in whole minor units: an amount paid or charged."""
    found = amount(value, field)
    try:
        to_minor_units(found)
    except InvalidAmountError:  # a digit below the minor unit
        code = found.currency.code
        raise invalid(
            field,
            value,
            f"has more decimals than {code}'s {minor_units(code)}; pass the amount as "
            "paid or charged (round it with round_money() first)",
        ) from None
    return found


def zero(currency: str) -> Money:
    """Zero in ``currency``, written to its minor unit (``0.00 EUR``, ``0 JPY``)."""
    return from_minor_units(0, currency)


def percent(value: object, field: str) -> Decimal:
    """A percentage from 0 to 100 (``1.5`` is 1.5 %); floats are refused."""
    found = _CHECK.decimal(value, field)
    if found > _HUNDRED:
        raise invalid(
            field, value, "is above 100; pass a percentage such as Decimal('1.5')"
        )
    return found


def country(value: object, field: str) -> str:
    """An ISO 3166-1 alpha-2 country code, upper case; anything else is refused as a
    place."""
    try:
        return check_country(value)
    except UnknownCountryError as problem:
        raise invalid(field, value, problem.reason, kind=InputKind.PLACE) from None


def sentences(value: object, field: str = "why") -> tuple[str, ...]:
    """A non-empty list of non-empty sentences, as a tuple."""
    found = _CHECK.items(value, field)
    if not found:
        raise invalid(
            field, value, "is empty; give at least one sentence", kind=InputKind.LIST
        )
    return tuple(text(item, field) for item in found)


def sources(value: object) -> tuple[str, ...]:
    """One source or a non-empty list of them (URLs or named official documents), as
    a tuple, the primary first."""
    found = (value,) if isinstance(value, str) else items(value, "sources")
    checked = tuple(text(source, "sources") for source in found)
    if not checked or any(not source.strip() for source in checked):
        raise invalid(
            "sources",
            value,
            "is not a list of sources: give one or more, each a URL or the name of an "
            "official document",
            kind=InputKind.LIST,
        )
    return checked
