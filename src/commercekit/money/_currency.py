"""Currencies: ISO 4217 codes, their minor units, and where CLDR displays them differently.

Amounts follow ISO 4217: the *minor unit* is the number of decimals a currency's
amounts carry (2 for EUR, 0 for JPY, 3 for KWD, 4 for CLF). CLDR, which babel uses to
*display* amounts, sometimes shows fewer digits (IQD has 3 in ISO, 0 in CLDR). commercekit
computes with ISO and leaves display to [`format_money`][commercekit.money.format_money].

The table is bundled data (``_data/iso4217.csv``), read once at import.

More information:

* https://www.six-group.com/en/products-services/financial-information/data-standards.html
* https://www.iso.org/iso-4217-currency-codes.html

Examples:
    >>> minor_units("EUR"), minor_units("JPY"), minor_units("KWD"), minor_units("CLF")
    (2, 0, 3, 4)
    >>> validate_currency("chf")
    'CHF'
    >>> is_currency("XYZ")
    False
    >>> minor_units("XAU")
    Traceback (most recent call last):
    ...
    commercekit.errors.UnknownCurrencyError: 'XAU' has no minor unit in ISO 4217 (Gold); ...
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType

import attrs
import moneyed

from commercekit import _bundled
from commercekit._inputs import day, flag, invalid, text, whole
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InvalidAmountError, UnknownCurrencyError

__all__ = [
    "CurrencyInfo",
    "currency_info",
    "is_currency",
    "minor_units",
    "validate_currency",
]

ISO_4217_SOURCE = "https://www.six-group.com/en/products-services/financial-information/data-standards.html"


def _code(value: object) -> str:
    if not (
        isinstance(value, str) and len(value) == 3 and value.isalpha() and value.isupper()
    ):
        raise UnknownCurrencyError(
            value, "is not a three-letter ISO 4217 code such as 'EUR'"
        )
    return value


def _code_or_none(value: object) -> str | None:
    return None if value is None else _code(value)


def _numeric(value: object) -> str:
    if not (
        isinstance(value, str) and len(value) == 3 and value.isascii() and value.isdigit()
    ):
        raise InvalidAmountError(
            value, "is not an ISO 4217 numeric code; pass three digits"
        )
    return value


def _places(value: object) -> int | None:
    if value is None:
        return None
    return whole(value, "minor_units", invalid, maximum=4, unit="decimal places")


def _name(value: object) -> str:
    return text(value, "name", invalid)


def _fund(value: object) -> bool:
    return flag(value, "fund", invalid)


def _day_or_none(value: object) -> date | None:
    return None if value is None else day(value, "replaced_on", invalid)


@named_at_the_door
@attrs.frozen
class CurrencyInfo:
    """One row of the ISO 4217 table.

    ``minor_units`` is ``None`` for codes ISO marks "N.A." (gold, bond-market units,
    ``XXX``); ``replaced_on`` and ``replaced_by`` say when a withdrawn currency's
    successor became legal tender (BGN by EUR on 2026-01-01).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    code: str = attrs.field(converter=_code)
    numeric: str = attrs.field(converter=_numeric)
    minor_units: int | None = attrs.field(converter=_places)
    name: str = attrs.field(converter=_name)
    fund: bool = attrs.field(converter=_fund)
    replaced_on: date | None = attrs.field(default=None, converter=_day_or_none)
    replaced_by: str | None = attrs.field(default=None, converter=_code_or_none)

    @property
    def source(self) -> str:
        """The maintenance agency's page for ISO 4217."""
        return ISO_4217_SOURCE


def _currency_info(line: _bundled.Line) -> CurrencyInfo:
    places = line.raw("minor_units")
    return line.build(
        CurrencyInfo,
        code=line.text("code"),
        numeric=line.text("numeric"),
        minor_units=None if places == "N.A." else line.whole("minor_units"),
        name=line.text("name"),
        fund=line.flag("fund", yes="1", no="0"),
        replaced_on=line.optional_day("replaced_on"),
        replaced_by=line.optional_text("replaced_by"),
    )


def _read_table() -> dict[str, CurrencyInfo]:
    columns = ("code", "numeric", "minor_units", "name", "fund", "replaced_on")
    lines = _bundled.read(
        "commercekit.money", "iso4217.csv", columns=(*columns, "replaced_by")
    )
    return {info.code: info for info in map(_currency_info, lines)}


_TABLE: dict[str, CurrencyInfo] = _read_table()

# Computing tables, keyed by code, for the currencies amounts can be kept in. The
# ``moneyed.Currency`` objects compare equal to py-moneyed's own (equality is by code),
# so amounts mix freely with py-moneyed and django-money.
MINOR_UNITS: Mapping[str, int] = MappingProxyType(
    {
        code: info.minor_units
        for code, info in _TABLE.items()
        if info.minor_units is not None
    }
)
"""Each ISO 4217 code's decimal places (``EUR``: 2, ``JPY``: 0, ``KWD``: 3), read-only:
the lookup hot paths use; ``minor_units(code)`` checks the code and says what is wrong."""
QUANTUM: Mapping[str, Decimal] = MappingProxyType(
    {code: Decimal(1).scaleb(-n) for code, n in MINOR_UNITS.items()}
)
"""Each code's minor unit as a ``Decimal`` step (``EUR``: ``0.01``), read-only."""
CURRENCIES: dict[str, moneyed.Currency] = {
    code: moneyed.Currency(
        code=code,
        numeric=_TABLE[code].numeric,
        sub_unit=10**n,
        name=_TABLE[code].name,
    )
    for code, n in MINOR_UNITS.items()
}


@context_free
def currency_info(code: str) -> CurrencyInfo:
    """The ISO 4217 row for ``code`` (any code in the table, metals included).

    Examples:
        >>> currency_info("BGN").replaced_by
        'EUR'
    """
    if isinstance(code, str):
        info = _TABLE.get(code.upper())
        if info is not None:
            return info
    raise UnknownCurrencyError(code)


def validate_currency(code: str) -> str:
    """Return ``code`` in upper case if amounts can be kept in that currency.

    Otherwise raise [`UnknownCurrencyError`][commercekit.errors.UnknownCurrencyError].
    Only codes with a minor unit pass: amounts cannot be kept in gold (``XAU``) or in
    ``XXX``.
    """
    if code.__class__ is str and code in MINOR_UNITS:  # a code as ISO writes it
        return code
    info = currency_info(code)
    if info.minor_units is None:
        raise UnknownCurrencyError(
            code,
            f"has no minor unit in ISO 4217 ({info.name}); "
            f"it is not a currency amounts can be kept in",
        )
    return info.code


@context_free
def is_currency(code: object) -> bool:
    """Whether ``code`` is an ISO 4217 code amounts can be kept in. Never raises."""
    return isinstance(code, str) and code.upper() in MINOR_UNITS


@context_free
def minor_units(code: str) -> int:
    """The ISO 4217 minor unit (number of decimals) of ``code``.

    Examples:
        >>> minor_units("ISK"), minor_units("BHD")
        (0, 3)
    """
    return MINOR_UNITS[validate_currency(code)]


def currency_of(currency: str | moneyed.Currency) -> moneyed.Currency:
    """The currency object for a code or a py-moneyed ``Currency``."""
    if isinstance(currency, moneyed.Currency):
        currency = currency.code
    return CURRENCIES[validate_currency(currency)]
