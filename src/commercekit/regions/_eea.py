"""The European Economic Area (EEA), dated: the EU member states and Iceland,
Liechtenstein and Norway.

The EEA Agreement (in force 1994-01-01) extends the EU's internal market to the EEA EFTA
states. Payment rules and prices follow it: card schemes and payment providers price an
EEA-issued card alike across the area, and a card issued in Norway is an "EEA card" to a
Dutch merchant. A state counts from the later of its EU accession and 1994-01-01 (the
later day the data records for Bulgaria, Romania and Croatia, whose EEA participation
began after their EU accession) until it left the EU.

Examples:
    >>> from datetime import date
    >>> day = date(2026, 11, 30)
    >>> is_eea_member("NO", on=day), is_eea_member("CH", on=day)
    (True, False)
    >>> is_eea_member("GB", on=date(2020, 12, 31)), is_eea_member("GB", on=date(2021, 1, 1))
    (True, False)
    >>> is_eea_member("HR", on=date(2014, 4, 11)), is_eea_member("HR", on=date(2014, 4, 12))
    (False, True)
"""

from __future__ import annotations

import enum
import functools
from datetime import date

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free
from commercekit.regions._eu import check_country, check_day, memberships

__all__ = ["eea_members", "is_eea_member"]

_AGREEMENT = date(1994, 1, 1)
"""The day the EEA Agreement entered into force."""


class _Kind(enum.StrEnum):
    EFTA = "efta"
    EU_LATER = "eu_later"


@attrs.frozen
class EeaMembership(_bundled.Sourced):
    """A row of ``eea.csv``: a state's EEA membership beyond what EU membership says."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    country: str
    joined: date
    left: date | None
    kind: _Kind
    sources: tuple[str, ...]
    note: str

    def covers(self, on: date) -> bool:
        """Whether the state was in the EEA on ``on``."""
        return self.joined <= on and (self.left is None or on <= self.left)


@functools.cache
def _read() -> dict[str, EeaMembership]:
    columns = ("country", "joined", "left", "kind", "source", "note")
    lines = _bundled.read("commercekit.regions", "eea.csv", columns=columns)
    rows = [
        (
            line,
            EeaMembership(
                country=line.text("country"),
                joined=line.day("joined"),
                left=line.optional_day("left"),
                kind=line.choice("kind", _Kind),
                sources=line.sources(),
                note=line.raw("note"),
            ),
        )
        for line in lines
    ]
    _bundled.check_periods((line, row.country, row.joined, row.left) for line, row in rows)
    return {row.country: row for _, row in rows}


def _member(code: str, on: date) -> bool:
    extra = _read().get(code)
    if extra is not None and extra.kind is _Kind.EFTA:
        return extra.covers(on)
    eu = memberships().get(code)
    if eu is None or on < _AGREEMENT or not eu.covers(on):
        return False
    return extra is None or extra.covers(on)


@context_free
def is_eea_member(country: str, *, on: date) -> bool:
    """Whether ``country`` was in the European Economic Area on ``on``.

    Raises ``UnknownCountryError`` for a code that is not a country, and
    ``InvalidAmountDateError`` for ``on`` that is not a day.
    """
    return _member(check_country(country), check_day(on))


@context_free
def eea_members(*, on: date) -> frozenset[str]:
    """The ISO codes of the EEA states on ``on`` (30 from 2021-01-01).

    Examples:
        >>> len(eea_members(on=date(2026, 11, 30)))
        30
    """
    day = check_day(on)
    return frozenset(code for code in {*memberships(), *_read()} if _member(code, day))
