"""Field checks for the regions' value objects: each refuses what its field cannot hold,
with the ``InvalidAmountError`` of its kind (``InvalidAmountTextError`` for a name,
``InvalidAmountDateError`` for a day, ...) or an ``UnknownCountryError`` for a place."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from commercekit._inputs import For, invalid
from commercekit._numbers import MAX_ITERATED, at_most
from commercekit.errors import UnknownCountryError
from commercekit.regions._eu import check_country

_Kind = TypeVar("_Kind")
_CHECK = For(invalid)


# The checks a value object's field converts through take the field's name, which
# ``named_fields`` gives them; a direct call names its argument.


def name(value: object, field: str = "") -> str:
    """Non-empty text: a name, a code, a legal basis, a source."""
    return _CHECK.text(value, field)


def note(value: object, field: str = "") -> str:
    """Text that may be empty."""
    return _CHECK.text(value, field, empty=True)


def optional_name(value: object, field: str = "") -> str | None:
    """Non-empty text, or ``None``."""
    return None if value is None else name(value, field)


def yes_no(value: object, field: str = "") -> bool:
    """A ``bool``, never the truthiness of something else."""
    return _CHECK.flag(value, field)


def optional_yes_no(value: object, field: str = "") -> bool | None:
    """A ``bool``, or ``None`` for not known."""
    return None if value is None else yes_no(value, field)


def a_day(value: object, field: str = "") -> date:
    """A ``date``; a datetime is refused."""
    return _CHECK.day(value, field)


def optional_day(value: object, field: str = "") -> date | None:
    """A ``date`` or ``None``."""
    return None if value is None else a_day(value, field)


def country(value: object) -> str:
    """An ISO 3166-1 alpha-2 code, upper case, exactly as given."""
    code = check_country(value)
    if code != value:
        raise UnknownCountryError(
            value, "is not an upper-case ISO 3166-1 code such as 'DE'"
        )
    return code


def names(value: object, field: str = "") -> tuple[str, ...]:
    """A list or tuple of non-empty texts."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise UnknownCountryError(
            value, f"is not a list of texts; pass a tuple of str (argument '{field}')"
        )
    found = at_most(value, MAX_ITERATED)
    if found is None:
        raise UnknownCountryError(
            value,
            f"yields more than {MAX_ITERATED:,} texts; pass a tuple of str"
            f" (argument '{field}')",
        )
    return tuple(name(item, field) for item in found)


def area(value: object, field: str = "") -> str:
    """A jurisdiction or customs territory: ``EU``, ``XI``, a country code, or a code
    inside a country (``ES-CN``, ``CA-ON``, ``DE-HELGOLAND``)."""
    code = name(value, field)
    if code in {"EU", "XI"}:
        return code
    check_country(code.split("-")[0])
    return code


def optional_country(value: object) -> str | None:
    """An ISO 3166-1 alpha-2 code, or ``None``."""
    return None if value is None else country(value)


def inside(subdivision: str | None, country: str) -> None:
    """Refuse a subdivision code that does not start with its country's code."""
    if subdivision is not None and not subdivision.startswith(f"{country}-"):
        raise UnknownCountryError(
            subdivision, f"is not a subdivision of {country}; its code starts {country}-"
        )


def postcode(value: object) -> str:
    """A postal code: non-empty text of at most 32 characters."""
    if not isinstance(value, str) or not value.strip() or len(value) > 32:
        raise UnknownCountryError(value, "is not a postcode; give it as text, or None")
    return value


def optional(value: object, kind: type[_Kind], field: str) -> _Kind | None:
    """A ``kind`` or ``None``."""
    return None if value is None else _CHECK.instance(value, kind, field)
