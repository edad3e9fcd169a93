"""The bundled surcharging rules (``_data/surcharge_rules.csv``), read once.

Each row bans a surcharge or allows one capped at the merchant's cost, for one
jurisdiction (``EU`` or a country), instrument class and kind of buyer, over a period;
``needs_free_alternative`` marks an allowance on condition that a usual free means of
payment is also offered (§ 312a(4) no. 1 BGB). The file's header cites the law.
"""

from __future__ import annotations

import enum
import functools
from datetime import date

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.errors import UnknownCountryError
from commercekit.payments._instruments import INSTRUMENTS
from commercekit.regions import check_country

__all__ = ["Rule", "rules"]


@attrs.frozen
class Rule(_bundled.Sourced):
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    jurisdiction: str
    instrument: str
    buyer: str
    banned: bool
    since: date
    until: date | None
    needs_free_alternative: bool
    legal_basis: str
    sources: tuple[str, ...]
    note: str

    def covers(self, on: date) -> bool:
        return self.since <= on and (self.until is None or on <= self.until)


class _Verdict(enum.StrEnum):
    BANNED = "banned"
    CAPPED_AT_COST = "capped_at_cost"


def _place(line: _bundled.Line) -> str:
    found = line.text("jurisdiction")
    try:
        return found if found == "EU" else check_country(found)
    except UnknownCountryError:
        raise line.error("jurisdiction", found, "is not 'EU' or a country") from None


def _instrument(line: _bundled.Line) -> str:
    found = line.text("instrument")
    if found not in (*INSTRUMENTS, "any"):
        raise line.error("instrument", found, f"is not one of {', '.join(INSTRUMENTS)}")
    return found


@functools.cache
def rules() -> tuple[Rule, ...]:
    columns = (
        "jurisdiction",
        "instrument",
        "buyer",
        "ruling",
        "since",
        "until",
        "needs_free_alternative",
        "legal_basis",
        "source",
        "note",
    )
    read = [
        (
            line,
            Rule(
                jurisdiction=_place(line),
                instrument=_instrument(line),
                buyer=line.choice("buyer", _BuyerColumn).value,
                banned=line.choice("ruling", _Verdict) is _Verdict.BANNED,
                since=line.day("since"),
                until=line.optional_day("until"),
                needs_free_alternative=line.flag("needs_free_alternative"),
                legal_basis=line.text("legal_basis"),
                sources=line.sources(),
                note=line.text("note"),
            ),
        )
        for line in _bundled.read(
            "commercekit.payments", "surcharge_rules.csv", columns=columns
        )
    ]
    _bundled.check_periods(
        (line, (r.jurisdiction, r.instrument, r.buyer), r.since, r.until)
        for line, r in read
    )
    return tuple(rule for _, rule in read)


class _BuyerColumn(enum.StrEnum):
    CONSUMER = "consumer"
    BUSINESS = "business"
    ANY = "any"
