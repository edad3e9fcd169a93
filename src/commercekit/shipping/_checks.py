"""Checked inputs for the shipping rules: weights and sizes, money, places, days, lists.

Every check raises a [`CommerceKitError`][commercekit.errors.CommerceKitError] that
names the argument and says what to pass instead: an
[`InvalidAmountError`][commercekit.errors.InvalidAmountError] for a number or an
amount, the ``InvalidAmountError`` of its kind for a count, text, a flag, a date, a list
or a choice (``InvalidAmountChoiceError``, which lists the values, ...), an
[`UnknownCountryError`][commercekit.errors.UnknownCountryError] for a place, and a
[`CurrencyMismatchError`][commercekit.errors.CurrencyMismatchError] for amounts that
must share a currency.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from commercekit import _checks
from commercekit._checks import invalid
from commercekit.errors import CurrencyMismatchError, InputKind, UnknownCountryError
from commercekit.money import Money
from commercekit.regions import check_country, check_subdivision

_Kind = TypeVar("_Kind")
_CHECK = _checks.Checks(invalid)

MAX_DAYS = 366
"""The most business days a handling or transit time may take (a year): each day is
counted one by one, so the count is capped."""


decimal = _CHECK.decimal
"""A finite ``Decimal`` in range, not negative (or > 0 with ``positive``)."""
flag = _CHECK.flag
"""``True`` or ``False``; a truthy string such as ``"no"`` is refused."""
day = _CHECK.day
"""A calendar ``date``; a ``datetime`` (a moment, not a day) is refused."""
optional_day = _CHECK.optional_day
"""``None`` (open-ended), or a ``day``."""
member = _CHECK.member
"""A member of ``kind`` or its value; the refusal lists the values."""
instance = _CHECK.instance
"""``value`` if it is a ``kind``."""


def choice(value: object, options: tuple[str, ...], field: str) -> str:
    """One of the words ``options``; the refusal lists them (and ``choices`` too)."""
    return _checks.one_of(value, options, field, invalid)


def text(value: object, field: str) -> str:
    """A non-empty ``str``: a name, a rule, a source."""
    return _CHECK.text(value, field)


def optional_decimal(
    value: object, field: str, *, positive: bool = False
) -> Decimal | None:
    """``None``, or a ``decimal``."""
    return None if value is None else decimal(value, field, positive=positive)


def whole(value: object, field: str, *, unit: str, maximum: int | None = None) -> int:
    """A whole number of ``unit``, 0 or more, at most ``maximum``."""
    return _CHECK.whole(value, field, unit=unit, maximum=maximum)


def optional_text(value: object, field: str) -> str | None:
    """``None``, or non-empty text."""
    return None if value is None else text(value, field)


def note(value: object, field: str) -> str:
    """Free text that may be empty (a note, a description)."""
    return _CHECK.text(value, field, empty=True)


def listed(value: object, kind: type[_Kind], field: str) -> tuple[_Kind, ...]:
    """A list or tuple of ``kind``, as a tuple."""
    found = _CHECK.items(value, field)
    for index, element in enumerate(found):
        instance(element, kind, f"{field}[{index}]")
    return found


def pairs(value: object, field: str, shape: str) -> tuple[tuple[Any, Any], ...]:
    """A list or tuple of pairs (``shape`` names them: ``"(low, high)"``)."""
    found = []
    for pair in _CHECK.items(value, field):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise invalid(
                field,
                pair,
                f"is not a {shape} pair; pass a tuple of two",
                kind=InputKind.LIST,
            )
        found.append((pair[0], pair[1]))
    return tuple(found)


def texts(value: object, field: str) -> tuple[str, ...]:
    """A list or tuple of non-empty text (explanations, reasons)."""
    return tuple(
        text(line, f"{field}[{index}]")
        for index, line in enumerate(_CHECK.items(value, field))
    )


def mapping(value: object, field: str) -> Mapping[Any, Any]:
    """A mapping (a ``dict``) keyed by non-empty text."""
    if not isinstance(value, Mapping):
        raise invalid(field, value, "is not a mapping; pass a dict", kind=InputKind.LIST)
    for key in value:
        text(key, f"each key of {field}")
    return value


def money(value: object, field: str, *, currency: str | None = None) -> Money:
    """Money that is not negative, in ``currency`` when given."""
    found = _CHECK.money(value, field)
    if currency is not None and found.currency.code != currency:
        raise CurrencyMismatchError(currency, found.currency.code, f"use {field} with")
    return found


def optional_money(
    value: object, field: str, *, currency: str | None = None
) -> Money | None:
    """``None``, or ``money``."""
    return None if value is None else money(value, field, currency=currency)


def country(value: object) -> str:
    """An ISO 3166-1 alpha-2 country code, upper-case."""
    return check_country(value)


def optional_country(value: object) -> str | None:
    """``None``, or a ``country``."""
    return None if value is None else check_country(value)


def countries(value: object, field: str) -> frozenset[str]:
    """A set (or list) of country codes."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(
        value, list | tuple | set | frozenset
    ):
        raise invalid(
            field,
            value,
            "is not a set of country codes; pass e.g. {'DE', 'FR'}",
            kind=InputKind.LIST,
        )
    return frozenset(check_country(code) for code in value)


EU = "EU"
"""The one customs area that is not a country: the EU's customs union."""


def area(value: object) -> str:
    """A customs area: ``"EU"`` or a country code (``"GB"``, ``"US"``, ``"CH"``)."""
    if value == EU and isinstance(value, str):
        return EU
    if isinstance(value, str) and len(value) == 2:  # an alpha-2 code
        return check_country(value)
    raise UnknownCountryError(
        value, "is not a customs area; use 'EU' or a country code such as 'GB' or 'US'"
    )


_POSTCODE = re.compile(r"[A-Z0-9][A-Z0-9 -]{0,11}")


def postcode(value: object, field: str = "postcode") -> str:
    """A postal code: letters, digits, spaces and hyphens, with at least one digit
    (every national system has digits: ``10115``, ``BT1 5GS``, ``D02 X285``)."""
    if (
        not isinstance(value, str)
        or not _POSTCODE.fullmatch(value.strip().upper())
        or not any(char.isdigit() for char in value)
    ):
        raise UnknownCountryError(
            value,
            "is not a postcode; give it as text of letters and digits such as '10115' "
            "or 'BT1 5GS', or None",
            field=field,
        )
    return value


def optional_postcode(value: object, field: str = "postcode") -> str | None:
    """``None``, or a ``postcode``."""
    return None if value is None else postcode(value, field)


def subdivision(value: object, of: str) -> str:
    """An ISO 3166-2 code of country ``of`` (``CA-ON``), upper-case."""
    return check_subdivision(of, value)


def transit_days(value: object, field: str) -> tuple[int, int]:
    """A ``(min, max)`` of whole business days, ``0 <= min <= max <= MAX_DAYS``."""
    found = _CHECK.items(value, field)
    if len(found) != 2:  # a pair
        raise invalid(
            field,
            value,
            "is not a (min, max) pair of days; pass e.g. (2, 3)",
            kind=InputKind.LIST,
        )
    low = whole(found[0], f"{field}[0]", unit="days", maximum=MAX_DAYS)
    high = whole(found[1], f"{field}[1]", unit="days", maximum=MAX_DAYS)
    if low > high:
        raise invalid(
            field,
            value,
            "has its min after its max; pass (min, max) with min <= max",
            kind=InputKind.COUNT,
        )
    return low, high
