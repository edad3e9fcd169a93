"""EU membership, dated, and the VAT prefix of each member state."""

from __future__ import annotations

import functools
from datetime import date, datetime

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free
from commercekit.errors import (
    InputKind,
    InvalidAmountError,
    InvalidInputError,
    UnknownCountryError,
)
from commercekit.regions._iso import iso_countries

__all__ = [
    "Membership",
    "check_country",
    "check_day",
    "eu_members",
    "is_eu_member",
    "memberships",
    "vat_prefix",
]


@attrs.frozen
class Membership:
    """A state's membership of the EU VAT area: ``joined`` to ``left`` (last day)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    country: str
    vat_prefix: str
    joined: date
    left: date | None
    note: str

    def covers(self, on: date) -> bool:
        """Whether EU VAT rules applied to the whole state on ``on``."""
        return self.joined <= on and (self.left is None or on <= self.left)


@functools.cache
def memberships() -> dict[str, Membership]:
    columns = ("country", "vat_prefix", "joined", "left", "note")
    lines = _bundled.read("commercekit.regions", "eu_members.csv", columns=columns)
    rows = [
        (
            line,
            Membership(
                country=line.text("country"),
                vat_prefix=line.text("vat_prefix"),
                joined=line.day("joined"),
                left=line.optional_day("left"),
                note=line.raw("note"),
            ),
        )
        for line in lines
    ]
    _bundled.check_periods((line, row.country, row.joined, row.left) for line, row in rows)
    return {row.country: row for _, row in rows}


def check_country(country: object) -> str:
    """``country`` as an upper-case ISO 3166-1 alpha-2 code, or raise."""
    if not isinstance(country, str) or len(country) != 2:
        raise UnknownCountryError(country)
    code = country.upper()
    if code not in memberships() and code not in iso_countries():
        raise UnknownCountryError(country)
    return code


def check_date(on: object) -> date:
    """Refuse anything that is not a date (a datetime is a date too, and allowed)."""
    if not isinstance(on, date):
        raise _not_a_day(on, "is not a date; pass on=datetime.date(...)", "on")
    return on


def _not_a_day(on: object, reason: str, field: str) -> InvalidInputError:
    return InvalidAmountError.of_kind(InputKind.DATE)(on, reason, field=field)


def check_day(on: object, field: str = "on") -> date:
    """``on`` as a date; a datetime (a moment, not a day) is refused with how to fix it.
    ``field`` names the argument (a value object's field is named by ``named_fields``)."""
    if isinstance(on, datetime):
        raise _not_a_day(
            on,
            f"is a datetime; rules apply to a day: pass {field}=the_moment.date()",
            field,
        )
    if not isinstance(on, date):
        raise _not_a_day(on, f"is not a date; pass {field}=datetime.date(...)", field)
    return on


@context_free
def is_eu_member(country: str, *, on: date) -> bool:
    """Whether ``country`` was an EU member state (for VAT) on ``on``."""
    membership = memberships().get(check_country(country))
    return membership is not None and membership.covers(check_day(on))


@context_free
def eu_members(*, on: date) -> frozenset[str]:
    """The ISO codes of the EU member states on ``on``.

    Examples:
        >>> len(eu_members(on=date(2026, 11, 26)))
        27
        >>> "GB" in eu_members(on=date(2020, 12, 31))
        True
    """
    on = check_day(on)
    return frozenset(code for code, member in memberships().items() if member.covers(on))


@context_free
def vat_prefix(country: str) -> str:
    """The prefix EU VAT uses for ``country`` (``EL`` for Greece, else the ISO code)."""
    code = check_country(country)
    membership = memberships().get(code)
    return membership.vat_prefix if membership else code
