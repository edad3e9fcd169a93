"""Customs data: valuation basis, import-tax base and de minimis, per destination.

All dated and sourced, in ``_data/``: ``customs.csv`` (per destination: CIF or FOB, and
what import VAT/GST is computed on) and ``de_minimis.csv`` (below which no duty or tax
is collected, per destination, origin and channel). A de minimis value the tax decision
needs too (Switzerland's CHF 5 import-tax de minimis, Canada's CAD 40 for courier goods
from the US or Mexico) has its one home in the tax thresholds: its row here names the
[`ThresholdRule`][commercekit.tax.ThresholdRule] and takes amount, dates, legal basis
and sources from [`threshold_periods`][commercekit.tax.threshold_periods]. Duty rates
are in ``_tariff.py``.
"""

from __future__ import annotations

import enum
import functools
from datetime import date

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free
from commercekit.errors import InputKind, InvalidAmountError, NoRuleError
from commercekit.money import Money
from commercekit.shipping import _checks as check
from commercekit.shipping._terms import CHANNELS, Channel
from commercekit.tax import ThresholdRule, threshold_periods

__all__ = [
    "CustomsRules",
    "DeMinimis",
    "ReliefKind",
    "ReliefMeasure",
    "Valuation",
    "customs_rules",
    "de_minimis",
]


def _covers(since: date, until: date | None, on: date) -> bool:
    return since <= on and (until is None or on <= until)


class Valuation(enum.StrEnum):
    """How customs values goods."""

    CIF = "CIF"
    """Goods plus transport and insurance to the border (the EU, the UK, Japan …)."""
    FOB = "FOB"
    """The goods alone (the United States, Canada, Australia, New Zealand)."""
    GROSS_WEIGHT = "GROSS_WEIGHT"
    """By gross weight: Switzerland's specific duties."""


class ReliefKind(enum.StrEnum):
    """What a de minimis relieves."""

    DUTY = "duty"
    TAX = "tax"
    """Import VAT/GST."""


class ReliefMeasure(enum.StrEnum):
    """What a de minimis threshold is compared with."""

    CONSIGNMENT_VALUE = "consignment_value"
    """The goods' value, not over the threshold."""
    ITEM_VALUE_BELOW = "item_value_below"
    """Each unit's value, under the threshold."""
    TAX_AMOUNT = "tax_amount"
    """The import tax computed, not over the threshold."""
    DUTY_AMOUNT = "duty_amount"
    """The duty computed, not over the threshold."""


VALUATIONS = tuple(Valuation)
"""How customs values goods: with transport and insurance to the border (CIF), the
goods alone (FOB), or by gross weight (Switzerland's specific duties)."""

TAX_BASE_TERMS = (
    "customs_value",
    "duty",
    "excise",
    "transport_to_border",
    "transport_inland",
    "insurance",
)
"""The words an import-tax base is summed from."""

KINDS = tuple(ReliefKind)
"""What a de minimis relieves: duty, or import VAT/GST."""

MEASURES = tuple(ReliefMeasure)
"""What a de minimis threshold is compared with."""


def _valuation(value: object) -> Valuation:
    return Valuation(check.choice(value, VALUATIONS, "valuation"))


def _tax_base(value: object) -> tuple[str, ...]:
    terms = check.texts(value, "import_tax_base")
    return tuple(check.choice(term, TAX_BASE_TERMS, "import_tax_base") for term in terms)


def _since(value: object) -> date:
    return check.day(value, "since")


def _until(value: object) -> date | None:
    return check.optional_day(value, "until")


def _text(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    check.text(value, attribute.name)


def _note(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    check.note(value, attribute.name)


def _sources(value: object) -> tuple[str, ...]:
    return _bundled.source_list(value)


def _in_order(since: date, until: date | None) -> None:
    if until is not None and until < since:
        raise InvalidAmountError.refused(
            "until", until, f"ends before it begins ({since})", kind=InputKind.DATE
        )


@attrs.frozen
class CustomsRules(_bundled.Sourced):
    """How a destination values imports and bases its import tax.

    ``sources`` are its official sources, the primary one first (``source``).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    destination: str = attrs.field(converter=check.area)
    valuation: Valuation = attrs.field(converter=_valuation)
    import_tax: str = attrs.field(validator=_text)
    import_tax_base: tuple[str, ...] = attrs.field(converter=_tax_base)
    since: date = attrs.field(converter=_since)
    until: date | None = attrs.field(converter=_until)
    legal_basis: str = attrs.field(validator=_text)
    sources: tuple[str, ...] = attrs.field(converter=_sources)
    note: str = attrs.field(default="", validator=_note)

    def __attrs_post_init__(self) -> None:
        _in_order(self.since, self.until)


_CUSTOMS_COLUMNS: tuple[str, ...] = (
    "destination",
    "valuation",
    "import_tax",
    "import_tax_base",
)
_CUSTOMS_COLUMNS += ("since", "until", "legal_basis", "source", "note")


def _customs_rules(line: _bundled.Line) -> CustomsRules:
    terms = line.raw("import_tax_base").split("+")
    return line.build(
        CustomsRules,
        destination=line.text("destination"),
        valuation=line.choice("valuation", Valuation),
        import_tax=line.text("import_tax"),
        import_tax_base=tuple(term.strip() for term in terms if term.strip()),
        since=line.day("since"),
        until=line.optional_day("until"),
        legal_basis=line.text("legal_basis"),
        sources=line.sources(),
        note=line.raw("note"),
    )


@functools.cache
def _read_customs() -> tuple[CustomsRules, ...]:
    """The bundled customs rules, read when first asked for (an EU quote within the
    union never is)."""
    lines = _bundled.read("commercekit.shipping", "customs.csv", columns=_CUSTOMS_COLUMNS)
    rows = [(line, _customs_rules(line)) for line in lines]
    _bundled.check_periods((line, r.destination, r.since, r.until) for line, r in rows)
    return tuple(row for _, row in rows)


@context_free
def customs_rules(area: str, *, on: date) -> CustomsRules:
    """The valuation and import-tax rules of a customs area on ``on``."""
    area = check.area(area)
    on = check.day(on, "on")
    for rules in _read_customs():
        if rules.destination == area and _covers(rules.since, rules.until, on):
            return rules
    own = [rules for rules in _read_customs() if rules.destination == area]
    if own:  # the area is known, the day is not: say the area's own periods
        spans = ", ".join(f"{rules.since}..{rules.until or 'open'}" for rules in own)
        raise NoRuleError(f"customs rules of {area}", on, spans)
    known = ", ".join(sorted({rules.destination for rules in _read_customs()}))
    raise NoRuleError(f"customs rules of {area}", on, f"destinations {known}")


def _kind(value: object) -> ReliefKind:
    return ReliefKind(check.choice(value, KINDS, "kind"))


def _measure(value: object) -> ReliefMeasure:
    return ReliefMeasure(check.choice(value, MEASURES, "measure"))


def _channel(value: object) -> Channel:
    return Channel(check.choice(value, CHANNELS, "channel"))


def _optional_channel(value: object) -> Channel | None:
    return None if value is None else _channel(value)


def _threshold(value: object) -> Money:
    return check.money(value, "threshold")


def _origins(value: object) -> frozenset[str]:
    return check.countries(value, "origins")


def _scheme(value: object) -> str | None:
    return check.optional_text(value, "scheme")


@attrs.frozen
class DeMinimis(_bundled.Sourced):
    """Below ``threshold``, no duty (``kind="duty"``) or no import tax is collected.

    ``measure`` says what the threshold is compared with: ``consignment_value`` (the
    goods' value, not over it), ``item_value_below`` (each unit's value, under it),
    ``tax_amount`` or ``duty_amount`` (the amount computed, not over it). ``origins``
    and ``channel`` limit the row to goods of those origins or sent that way; ``scheme``
    to goods whose VAT was charged at sale under that scheme (Norway's VOEC).
    ``sources`` are its official sources, the primary one first (``source``).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    destination: str = attrs.field(converter=check.area)
    kind: ReliefKind = attrs.field(converter=_kind)
    threshold: Money = attrs.field(converter=_threshold)
    measure: ReliefMeasure = attrs.field(converter=_measure)
    origins: frozenset[str] = attrs.field(converter=_origins)
    channel: Channel | None = attrs.field(converter=_optional_channel)
    scheme: str | None = attrs.field(converter=_scheme)
    since: date = attrs.field(converter=_since)
    until: date | None = attrs.field(converter=_until)
    legal_basis: str = attrs.field(validator=_text)
    sources: tuple[str, ...] = attrs.field(converter=_sources)
    note: str = attrs.field(default="", validator=_note)

    def __attrs_post_init__(self) -> None:
        _in_order(self.since, self.until)

    def applies_to(self, origin: str, channel: str, scheme: str | None, on: date) -> bool:
        """Whether this row governs goods from ``origin`` by ``channel``, sold under
        ``scheme``, on ``on``."""
        origin = check.country(origin)
        channel = _channel(channel)
        scheme = _scheme(scheme)
        on = check.day(on, "on")
        return (
            _covers(self.since, self.until, on)
            and (not self.origins or origin in self.origins)
            and (self.channel is None or self.channel == channel)
            and (self.scheme is None or self.scheme == scheme)
        )


_DE_MINIMIS_COLUMNS: tuple[str, ...] = (
    "destination",
    "kind",
    "threshold",
    "currency",
    "measure",
)
_DE_MINIMIS_COLUMNS += ("origins", "channel", "scheme", "threshold_rule", "since")
_DE_MINIMIS_COLUMNS += ("until", "legal_basis", "source", "note")
_TAKEN = ("threshold", "currency", "since", "until", "legal_basis", "source")
"""The cells a row that names a threshold rule takes from it, and leaves blank."""


def _de_minimis_rows(line: _bundled.Line) -> list[DeMinimis]:
    """The row of ``line``; one per period of the threshold rule it names, if any."""
    rule = line.optional_choice("threshold_rule", ThresholdRule)
    fields = {
        "destination": line.text("destination"),
        "kind": line.choice("kind", ReliefKind),
        "measure": line.choice("measure", ReliefMeasure),
        "origins": frozenset(line.words("origins")),
        "channel": line.optional_choice("channel", Channel),
        "scheme": line.optional_text("scheme"),
        "note": line.raw("note"),
    }
    if rule is None:
        own = {
            "threshold": Money(line.decimal("threshold"), line.text("currency")),
            "since": line.day("since"),
            "until": line.optional_day("until"),
            "legal_basis": line.text("legal_basis"),
            "sources": line.sources(),
        }
        return [line.build(DeMinimis, **fields, **own)]
    for column in _TAKEN:  # one home: the value is not repeated here
        if line.raw(column):
            raise line.error(
                column, line.raw(column), f"repeats the rule {rule}; leave it blank"
            )
    return [
        line.build(
            DeMinimis,
            **fields,
            threshold=period.amount,
            since=period.since,
            until=period.until,
            legal_basis=period.legal_basis,
            sources=period.sources,
        )
        for period in threshold_periods(fields["destination"], rule)  # type: ignore[arg-type]
    ]


@functools.cache
def _read_de_minimis() -> tuple[DeMinimis, ...]:
    """The bundled de minimis rows, read when first asked for."""
    lines = _bundled.read(
        "commercekit.shipping", "de_minimis.csv", columns=_DE_MINIMIS_COLUMNS
    )
    rows = [(line, row) for line in lines for row in _de_minimis_rows(line)]
    _bundled.check_periods(
        (line, (r.destination, r.kind, r.origins, r.channel, r.scheme), r.since, r.until)
        for line, r in rows
    )
    return tuple(row for _, row in rows)


@context_free
def de_minimis(
    area: str,
    kind: ReliefKind | str,
    *,
    origin: str,
    channel: Channel | str,
    on: date,
    scheme: str | None = None,
) -> DeMinimis | None:
    """The de minimis row for duty or tax; the most specific one wins (scheme, origin,
    channel).

    ``None`` when the destination has none (every import is charged).
    """
    area = check.area(area)
    kind = _kind(kind)
    origin = check.country(origin)
    channel = _channel(channel)
    scheme = _scheme(scheme)
    on = check.day(on, "on")
    rows = [
        row
        for row in _read_de_minimis()
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
