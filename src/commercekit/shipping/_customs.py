"""Customs data: valuation basis, import-tax base, de minimis, and an example tariff.

All dated and sourced, in ``_data/``: ``customs.csv`` (per destination: CIF or FOB, and
what import VAT/GST is computed on), ``de_minimis.csv`` (below which no duty or tax is
collected, per destination, origin and channel) and ``example_tariff.csv`` (an example,
not a full tariff). Duty rates come from a
[`TariffSource`][commercekit.shipping.TariffSource]; the bundled one reads the example
tariff.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from importlib.resources import files
from typing import Protocol

import attrs

from commercekit.errors import NoRuleError
from commercekit.money import Money

__all__ = [
    "BundledTariff",
    "CustomsRules",
    "DeMinimis",
    "DutyRate",
    "TariffSource",
    "customs_rules",
    "de_minimis",
]


def _read(name: str) -> list[dict[str, str]]:
    text = files("commercekit.shipping").joinpath(f"_data/{name}").read_text("utf-8")
    return list(
        csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    )


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _covers(since: date, until: date | None, on: date) -> bool:
    return since <= on and (until is None or on <= until)


@attrs.frozen
class CustomsRules:
    """How a destination values imports and bases its import tax."""

    destination: str
    valuation: str
    import_tax: str
    import_tax_base: tuple[str, ...]
    since: date
    until: date | None
    legal_basis: str
    source: str
    note: str


_CUSTOMS = [
    CustomsRules(
        destination=row["destination"],
        valuation=row["valuation"],
        import_tax=row["import_tax"],
        import_tax_base=tuple(
            term.strip() for term in row["import_tax_base"].split("+") if term.strip()
        ),
        since=date.fromisoformat(row["since"]),
        until=_day(row["until"]),
        legal_basis=row["legal_basis"],
        source=row["source"],
        note=row["note"],
    )
    for row in _read("customs.csv")
]


def customs_rules(area: str, *, on: date) -> CustomsRules:
    """The valuation and import-tax rules of a customs area on ``on``."""
    for rules in _CUSTOMS:
        if rules.destination == area and _covers(rules.since, rules.until, on):
            return rules
    known = ", ".join(sorted({rules.destination for rules in _CUSTOMS}))
    raise NoRuleError(f"customs rules of {area}", on, f"destinations {known}")


@attrs.frozen
class DeMinimis:
    """Below ``threshold``, no duty (``kind="duty"``) or no import tax is collected.

    ``measure`` says what the threshold is compared with: ``consignment_value`` (the
    goods' value, not over it), ``item_value_below`` (each unit's value, under it),
    ``tax_amount`` or ``duty_amount`` (the amount computed, not over it). ``origins``
    and ``channel`` limit the row to goods of those origins or sent that way; ``scheme``
    to goods whose VAT was charged at sale under that scheme (Norway's VOEC).
    """

    destination: str
    kind: str
    threshold: Money
    measure: str
    origins: frozenset[str]
    channel: str | None
    scheme: str | None
    since: date
    until: date | None
    legal_basis: str
    source: str
    note: str

    def applies_to(self, origin: str, channel: str, scheme: str | None, on: date) -> bool:
        """Whether this row governs goods from ``origin`` by ``channel``, sold under
        ``scheme``, on ``on``."""
        return (
            _covers(self.since, self.until, on)
            and (not self.origins or origin in self.origins)
            and (self.channel is None or self.channel == channel)
            and (self.scheme is None or self.scheme == scheme)
        )


_DE_MINIMIS = [
    DeMinimis(
        destination=row["destination"],
        kind=row["kind"],
        threshold=Money(row["threshold"], row["currency"]),
        measure=row["measure"],
        origins=frozenset(row["origins"].split()),
        channel=row["channel"] or None,
        scheme=row["scheme"] or None,
        since=date.fromisoformat(row["since"]),
        until=_day(row["until"]),
        legal_basis=row["legal_basis"],
        source=row["source"].split()[0] if row["source"] else "",
        note=row["note"],
    )
    for row in _read("de_minimis.csv")
]


def de_minimis(
    area: str,
    kind: str,
    *,
    origin: str,
    channel: str,
    on: date,
    scheme: str | None = None,
) -> DeMinimis | None:
    """The de minimis row for duty or tax; the most specific one wins (scheme, origin,
    channel).

    ``None`` when the destination has none (every import is charged).
    """
    rows = [
        row
        for row in _DE_MINIMIS
        if row.destination == area
        and row.kind == kind
        and row.applies_to(origin, channel, scheme, on)
    ]
    if not rows:
        return None
    return max(
        rows,
        key=lambda row: (
            row.scheme is not None,
            bool(row.origins),
            row.channel is not None,
            row.since,
        ),
    )


@attrs.frozen
class DutyRate:
    """A duty rate for a heading: ad valorem percent, with its source."""

    destination: str
    heading: str
    rate: Decimal
    since: date
    until: date | None
    source: str
    note: str = ""
    description: str = ""


class TariffSource(Protocol):
    """Where duty rates come from: the example tariff, or a plugin's real one."""

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        """The duty rate for ``hs_code`` from ``origin`` into ``destination`` on ``on``."""
        ...


class BundledTariff:
    """The EXAMPLE tariff bundled for the docs and tests (a few headings, MFN rates)."""

    def __init__(self) -> None:
        self.rates = [
            DutyRate(
                destination=row["destination"],
                heading=row["heading"],
                rate=Decimal(row["rate"]),
                since=date.fromisoformat(row["since"]),
                until=_day(row["until"]),
                source=row["source"],
                note=row["note"],
                description=row["description"],
            )
            for row in _read("example_tariff.csv")
        ]

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        """The rate whose heading starts the HS code (``6109.10.0010``: ``6109.10``)."""
        del origin  # the example tariff holds third-country (MFN) rates only
        digits = "".join(char for char in hs_code if char.isdigit())
        for rate in self.rates:
            heading = rate.heading.replace(".", "")
            if (
                rate.destination == destination
                and digits.startswith(heading)
                and _covers(rate.since, rate.until, on)
            ):
                return rate
        raise NoRuleError(
            f"duty on {hs_code} into {destination}",
            on,
            "the example tariff's few headings only; supply a TariffSource for real rates",
        )


BUNDLED_TARIFF = BundledTariff()
