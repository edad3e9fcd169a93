"""Customs data: valuation basis and import-tax base, per destination.

All dated and sourced, in ``_data/customs.csv`` (per destination: CIF or FOB, and what
import VAT/GST is computed on). The de minimis reliefs are in ``_de_minimis.py``, duty
rates in ``_tariff.py``.
"""

from __future__ import annotations

import enum
import functools
from datetime import date

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidAmountError, NoRuleError
from commercekit.shipping import _checks as check

__all__ = ["CustomsRules", "ReliefKind", "ReliefMeasure", "Valuation", "customs_rules"]


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
    CUSTOMS_VALUE = "customs_value"
    """The consignment's customs value, not over the threshold: with the transport and
    insurance to the border where the destination values goods CIF (Japan's "total
    customs value of 10,000 yen or less", Customs Answer 1006)."""
    CUSTOMS_VALUE_UNDER = "customs_value_under"
    """The consignment's customs value, under the threshold (Norway's NOK 350: "less
    than NOK 350 including freight and insurance costs", Norwegian Customs)."""
    ITEM_VALUE_BELOW = "item_value_below"
    """Each unit's value, under the threshold."""
    TAX_AMOUNT = "tax_amount"
    """The import tax computed, not over the threshold."""
    DUTY_AMOUNT = "duty_amount"
    """The duty computed, not over the threshold."""
    DUTY_AND_TAX_UNDER = "duty_and_tax_under"
    """The duty and import tax computed, added up, under the threshold (both waived
    together: New Zealand's NZD 60 before 1 December 2019)."""


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


@named_at_the_door
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
