"""Checked inputs for the tax rules: amounts, rates, days, flags, choices and codes.

The tax package raises ``InvalidAmountError`` for a bad value (naming the argument and
what to pass instead; of its kind where the value is not an amount:
``InvalidAmountChoiceError`` listing the values, ``InvalidAmountDateError``, ...) and
``UnknownCountryError`` for a place code that is not one. The
``valid_*`` functions are attrs validators: they take the field from attrs and check a
value object's field when it is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

import attrs

from commercekit import _checks
from commercekit._checks import invalid
from commercekit.errors import InputKind, InvalidAmountError, UnknownCountryError
from commercekit.money import Money, RateTable, require_money
from commercekit.regions import check_country, check_subdivision

__all__ = [
    "SCHEMES",
    "amount",
    "choice",
    "day",
    "flag",
    "instance_of",
    "jurisdiction",
    "listed",
    "one_currency",
    "optional_instance_of",
    "registrations",
    "text",
    "texts",
    "valid_amount",
    "valid_day",
    "valid_flag",
    "valid_moment",
    "valid_note",
    "valid_optional_amount",
    "valid_optional_day",
    "valid_optional_text",
    "valid_postcode",
    "valid_rates_table",
    "valid_text",
    "whole",
]

_Kind = TypeVar("_Kind")
_CHECK = _checks.Checks(invalid)

SCHEMES = ("OSS", "IOSS", "VOEC")
"""Scheme names a seller may be registered under, besides jurisdiction codes."""

_JURISDICTION = (
    "is not a jurisdiction code; use a country (ISO 3166-1 alpha-2, such as 'DE'), "
    "'XI' for Northern Ireland, or a subdivision (ISO 3166-2, such as 'CA-ON')"
)


choice = _CHECK.member
"""``value`` as a member of ``kind`` (or its value), or an error listing them."""
day = _CHECK.day
"""A calendar day; a datetime (a moment, not a day) is refused."""
text = _CHECK.text
"""Non-empty text (or any text with ``empty``)."""
flag = _CHECK.flag
"""True or False; a truthy string is refused."""
whole = _CHECK.whole
"""A whole number (``int``, not a bool), not negative (or > 0), at most ``maximum``."""


def amount(value: object, field: str) -> Money:
    """Money that is not negative: a price, a value, a tax, a threshold."""
    try:
        found = require_money(value, field)
    except InvalidAmountError as error:  # named here: the field is known
        raise invalid(field, value, error.reason) from None
    if found.amount < 0:
        what = field.replace("_", " ")
        raise invalid(
            field,
            value,
            f"is a negative {what}; pass zero or more (a refund or credit is recorded "
            "on its own, as the positive amount returned)",
        )
    return found


def listed(value: object, kind: type[_Kind], field: str) -> tuple[_Kind, ...]:
    """A list or tuple of ``kind``, as a tuple."""
    found = _CHECK.items(value, field)
    for index, element in enumerate(found):
        if not isinstance(element, kind):  # the field's name is built only to refuse
            _CHECK.instance(element, kind, f"{field}[{index}]")
    return found


def texts(value: object, field: str) -> tuple[str, ...]:
    """A list or tuple of non-empty texts, as a tuple."""
    found = _CHECK.items(value, field)
    for index, element in enumerate(found):
        text(element, f"{field}[{index}]")
    return found


def jurisdiction(value: object, *, union: bool = False) -> str:
    """A jurisdiction code, upper-cased: a country, ``XI``, a subdivision such as
    ``CA-ON`` or ``FR-20R`` (and ``EU`` itself with ``union``); a subdivision code
    the country does not have (``CA-XX``) raises ``UnknownCountryError``."""
    if not isinstance(value, str):
        raise UnknownCountryError(value, _JURISDICTION)
    code = value.strip().upper()
    country, dash, region = code.partition("-")
    # ISO 3166-2: the country, a hyphen, and one to three letters or digits
    if dash and not (1 <= len(region) <= 3 and region.isalnum()):
        raise UnknownCountryError(value, _JURISDICTION)
    if not dash and (country == "XI" or (union and country == "EU")):
        return code
    if len(country) != 2:  # alpha-2
        raise UnknownCountryError(value, _JURISDICTION)
    try:
        check_country(country)
    except UnknownCountryError:
        raise UnknownCountryError(value, _JURISDICTION) from None
    if dash:  # a made-up subdivision (CA-XX) is refused, naming the country's codes
        try:
            check_subdivision(country, code)
        except UnknownCountryError as error:
            from commercekit.tax._india import FORMER_CODES  # noqa: PLC0415  # it imports this module

            former = FORMER_CODES.get(code)  # IN-TG: ISO 3166-2 lists IN-TS now
            if former is None:
                raise
            current, name = former
            raise UnknownCountryError(
                value,
                f"is no longer listed by ISO 3166-2:{country}: {name} is {current!r}",
            ) from error
    return code


def registrations(value: object, field: str) -> frozenset[str]:
    """Where and under which schemes a seller is registered: jurisdiction codes
    (``DE``, ``GB``, ``XI``, ``CA-QC``, ``EU``) and scheme names (``OSS``, ``IOSS``,
    ``VOEC``)."""
    if isinstance(value, str | bytes | dict) or not isinstance(
        value, set | frozenset | list | tuple
    ):
        raise invalid(
            field,
            value,
            "is not a set of registrations, such as {'DE', 'OSS', 'IOSS'}",
            kind=InputKind.LIST,
        )
    found = set()
    for element in value:
        code = text(element, field).strip().upper()
        if code not in SCHEMES:
            try:
                code = jurisdiction(code, union=True)
            except UnknownCountryError as error:
                if error.reason != _JURISDICTION:
                    raise  # a real country's made-up subdivision: its codes are named
                raise invalid(
                    field,
                    element,
                    "is neither a jurisdiction code (such as 'DE', 'XI', 'CA-QC', 'EU') "
                    f"nor a scheme: {', '.join(SCHEMES)}",
                    kind=InputKind.PLACE,
                ) from None
        found.add(code)
    return frozenset(found)


# attrs validators: each checks one field, named by attrs.


def valid_amount(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Money that is not negative."""
    amount(value, attribute.name)


def valid_optional_amount(
    _: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Money that is not negative, or None."""
    if value is not None:
        amount(value, attribute.name)


def valid_day(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A calendar day."""
    day(value, attribute.name)


def valid_optional_day(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A calendar day, or None."""
    if value is not None:
        day(value, attribute.name)


def valid_text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Non-empty text."""
    text(value, attribute.name)


def valid_note(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Text, empty allowed."""
    text(value, attribute.name, empty=True)


def valid_optional_text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Non-empty text, or None (for 'not given')."""
    if value is not None:
        text(value, attribute.name)


def valid_flag(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """True or False."""
    flag(value, attribute.name)


def valid_moment(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An aware datetime, or None."""
    if value is not None:
        _CHECK.moment(value, attribute.name)


def valid_rates_table(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An exchange-rate table, or None."""
    if value is not None:
        _CHECK.instance(value, RateTable, attribute.name)


def instance_of(kind: type[Any]) -> Any:
    """An attrs validator: the field holds a ``kind`` (the error names the type)."""

    def valid(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        _CHECK.instance(value, kind, attribute.name)

    return valid


def optional_instance_of(kind: type[Any]) -> Any:
    """An attrs validator: the field holds a ``kind``, or None."""

    def valid(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            _CHECK.instance(value, kind, attribute.name)

    return valid


def one_currency(*amounts: Money | None, operation: str) -> None:
    """The amounts given (None skipped) share one currency."""
    present = [found for found in amounts if found is not None]
    if present:
        _checks.one_currency(*present, operation=operation)


def net_prices(lines: Sequence[Any], *, inclusive: bool) -> None:
    """Refuse tax-inclusive prices on lines whose rates were chosen on the price without
    the tax (``item_tax_lines``): the value without the tax depends on the rate chosen."""
    if inclusive and any(line.priced_without_tax for line in lines):
        raise invalid(
            "prices_include_tax",
            True,  # noqa: FBT003 - the value refused
            "is refused for lines from item_tax_lines: their rates were chosen by "
            "comparing each item's price without the tax with a per-item threshold, and "
            "a price with the tax in it gives that price only once the rate is chosen; "
            "pass the prices without the tax and prices_include_tax=False",
        )


_POSTCODE_LENGTH = 32  # as place_of reads a postcode (regions)


def valid_postcode(_: object, __: attrs.Attribute[Any], value: object) -> None:
    """``None``, or a postcode as text of 1 to 32 characters, not blanks."""
    if value is None:
        return
    code = text(value, "postcode")
    if not code.strip() or len(code) > _POSTCODE_LENGTH:
        raise invalid(
            "postcode",
            value,
            f"is not a postcode; give it as text of 1 to {_POSTCODE_LENGTH} characters"
            ", not blanks, or None",
            kind=InputKind.TEXT,
        )
