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
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from importlib.resources import files
from typing import Protocol

import attrs

from commercekit._numbers import context_free
from commercekit.errors import InvalidAmountError, NoRuleError
from commercekit.money import Money, to_decimal
from commercekit.regions import check_day
from commercekit.shipping import _checks as check

__all__ = [
    "BundledTariff",
    "CustomsRules",
    "DeMinimis",
    "DutyRate",
    "TariffSource",
    "TariffTable",
    "check_hs_code",
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


VALUATIONS = ("CIF", "FOB", "GROSS_WEIGHT")
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


def _valuation(value: object) -> str:
    return check.choice(value, VALUATIONS, "valuation")


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


def _in_order(since: date, until: date | None) -> None:
    if until is not None and until < since:
        raise InvalidAmountError(until, f"ends before it begins ({since})")


@attrs.frozen
class CustomsRules:
    """How a destination values imports and bases its import tax."""

    destination: str = attrs.field(converter=check.area)
    valuation: str = attrs.field(converter=_valuation)
    import_tax: str = attrs.field(validator=_text)
    import_tax_base: tuple[str, ...] = attrs.field(converter=_tax_base)
    since: date = attrs.field(converter=_since)
    until: date | None = attrs.field(converter=_until)
    legal_basis: str = attrs.field(validator=_text)
    source: str = attrs.field(validator=_text)
    note: str = attrs.field(default="", validator=_note)

    def __attrs_post_init__(self) -> None:
        _in_order(self.since, self.until)


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


@context_free
def customs_rules(area: str, *, on: date) -> CustomsRules:
    """The valuation and import-tax rules of a customs area on ``on``."""
    area = check.area(area)
    on = check.day(on, "on")
    for rules in _CUSTOMS:
        if rules.destination == area and _covers(rules.since, rules.until, on):
            return rules
    known = ", ".join(sorted({rules.destination for rules in _CUSTOMS}))
    raise NoRuleError(f"customs rules of {area}", on, f"destinations {known}")


KINDS = ("duty", "tax")
"""What a de minimis relieves: duty, or import VAT/GST."""

MEASURES = ("consignment_value", "item_value_below", "tax_amount", "duty_amount")
"""What a de minimis threshold is compared with."""

CHANNELS = ("courier", "post")
"""How goods are sent; some reliefs differ by channel (Canada's)."""


def _kind(value: object) -> str:
    return check.choice(value, KINDS, "kind")


def _measure(value: object) -> str:
    return check.choice(value, MEASURES, "measure")


def _channel(value: object) -> str:
    return check.choice(value, CHANNELS, "channel")


def _optional_channel(value: object) -> str | None:
    return None if value is None else _channel(value)


def _threshold(value: object) -> Money:
    return check.money(value, "threshold")


def _origins(value: object) -> frozenset[str]:
    return check.countries(value, "origins")


def _scheme(value: object) -> str | None:
    return check.optional_text(value, "scheme")


@attrs.frozen
class DeMinimis:
    """Below ``threshold``, no duty (``kind="duty"``) or no import tax is collected.

    ``measure`` says what the threshold is compared with: ``consignment_value`` (the
    goods' value, not over it), ``item_value_below`` (each unit's value, under it),
    ``tax_amount`` or ``duty_amount`` (the amount computed, not over it). ``origins``
    and ``channel`` limit the row to goods of those origins or sent that way; ``scheme``
    to goods whose VAT was charged at sale under that scheme (Norway's VOEC).
    """

    destination: str = attrs.field(converter=check.area)
    kind: str = attrs.field(converter=_kind)
    threshold: Money = attrs.field(converter=_threshold)
    measure: str = attrs.field(converter=_measure)
    origins: frozenset[str] = attrs.field(converter=_origins)
    channel: str | None = attrs.field(converter=_optional_channel)
    scheme: str | None = attrs.field(converter=_scheme)
    since: date = attrs.field(converter=_since)
    until: date | None = attrs.field(converter=_until)
    legal_basis: str = attrs.field(validator=_text)
    source: str = attrs.field(validator=_text)
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


@context_free
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
    area = check.area(area)
    kind = _kind(kind)
    origin = check.country(origin)
    channel = _channel(channel)
    scheme = _scheme(scheme)
    on = check.day(on, "on")
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


def check_hs_code(value: object) -> str:
    """``value`` as an HS code or tariff heading: 2 to 14 digits, dots and spaces
    allowed between them (``6109.10``, ``6109 10 00``), or raise.

    Examples:
        >>> check_hs_code(" 6109.10 ")
        '6109.10'
        >>> check_hs_code("")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: '' is not an HS code or tariff heading; ...
    """
    text = value.strip() if isinstance(value, str) else ""
    digits = text.replace(".", "").replace(" ", "")
    if not digits.isdigit() or not 2 <= len(digits) <= 14:
        raise InvalidAmountError(
            value, "is not an HS code or tariff heading; write its digits, e.g. '6109.10'"
        )
    return text


def _duty_percent(value: object) -> Decimal:
    rate = to_decimal(value, "duty rate")
    if not 0 <= rate <= 1000:
        raise InvalidAmountError(value, "is not a duty rate from 0 to 1,000 percent")
    return rate


def _source(_: object, __: object, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidAmountError(value, "is not a source; give the URL or the law")


def _hs_digits(value: object) -> str:
    if not isinstance(value, str) or not value.isdigit() or len(value) > 14:
        raise InvalidAmountError(
            value, "are not an HS code's digits; pass them without dots, e.g. '610910'"
        )
    return value


@attrs.frozen
class DutyRate:
    """A duty rate for a heading: ad valorem percent, dated, with its source.

    ``heading`` is a tariff heading's digits (``6109.10``), which an HS code starting
    with them matches; ``until`` is the last day in force (``None`` while it is).
    """

    destination: str = attrs.field(converter=check.area)
    heading: str = attrs.field(converter=check_hs_code)
    rate: Decimal = attrs.field(converter=_duty_percent)
    since: date = attrs.field(converter=check_day)
    until: date | None = attrs.field(converter=_until)
    source: str = attrs.field(validator=_source)
    note: str = attrs.field(default="", validator=_note)
    description: str = attrs.field(default="", validator=_note)

    def __attrs_post_init__(self) -> None:
        _in_order(self.since, self.until)

    @property
    def digits(self) -> str:
        """The heading's digits: how it is matched, however it is written."""
        return "".join(char for char in self.heading if char.isdigit())

    def covers(self, hs_code_digits: str, destination: str, on: date) -> bool:
        """Whether this row rates that HS code into ``destination`` on ``on``."""
        hs_code_digits = _hs_digits(hs_code_digits)
        destination = check.area(destination)
        on = check.day(on, "on")
        return (
            self.destination == destination
            and hs_code_digits.startswith(self.digits)
            and _covers(self.since, self.until, on)
        )


class TariffSource(Protocol):
    """Where duty rates come from: a tariff table, or a plugin's live lookup."""

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        """The duty rate for ``hs_code`` from ``origin`` into ``destination`` on ``on``."""
        ...


class TariffTable:
    """A tariff as data: dated duty rates by destination and heading, each sourced.

    A shop or plugin with its own classifications builds one from its rows (the JSON
    quote request can carry them); the longest heading that starts an HS code wins.
    Rates are third-country (MFN) rates: origin does not change them here.

    Examples:
        >>> from datetime import date
        >>> day = date(2026, 11, 26)
        >>> table = TariffTable([DutyRate("US", "6109.10", "16.5", date(2026, 1, 1), None,
        ...     "https://hts.usitc.gov/")], name="my tariff")
        >>> table.duty("6109.10.0012", origin="PT", destination="US", on=day).rate
        Decimal('16.5')
        >>> table.duty("6110.20", origin="PT", destination="US", on=day)
        Traceback (most recent call last):
        ...
        commercekit.errors.NoRuleError: no rule for duty on 6110.20 into US on ...
    """

    def __init__(self, rates: Iterable[DutyRate], *, name: str) -> None:
        self.rates = check.listed(rates, DutyRate, "rates")
        self.name = check.text(name, "name")
        seen: dict[tuple[str, str], list[DutyRate]] = {}
        for rate in self.rates:
            key = (rate.destination, rate.digits)  # 6109.10 and 610910 are one heading
            for other in seen.setdefault(key, []):
                if _overlap(rate, other):
                    raise InvalidAmountError(
                        rate, f"overlaps another row for {rate.heading} into "
                        f"{rate.destination} from {other.since}",
                    )  # fmt: skip
            seen[key].append(rate)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TariffTable):
            return NotImplemented
        return (self.name, self.rates) == (other.name, other.rates)

    __hash__ = None  # type: ignore[assignment]  # equal by value, mutable by nobody

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<{len(self.rates)} rates>, name={self.name!r})"

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        """The rate of the longest heading that starts the HS code (``6109.10.0010``)."""
        hs_code = check_hs_code(hs_code)
        check.country(origin)  # the table holds third-country (MFN) rates: not used
        destination = check.area(destination)
        on = check.day(on, "on")
        digits = "".join(char for char in hs_code if char.isdigit())
        found = [rate for rate in self.rates if rate.covers(digits, destination, on)]
        if not found:
            raise NoRuleError(f"duty on {hs_code} into {destination}", on, self._covered())
        return max(found, key=lambda rate: len(rate.digits))

    def _covered(self) -> str:
        return f"the rows of {self.name}; add a row for this heading"


def _overlap(one: DutyRate, other: DutyRate) -> bool:
    ends = (one.until or date.max, other.until or date.max)
    return one.since <= ends[1] and other.since <= ends[0]


class BundledTariff(TariffTable):
    """The EXAMPLE tariff bundled for the docs and tests (a few headings, MFN rates)."""

    def __init__(self) -> None:
        super().__init__(
            (
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
            ),
            name="the example tariff",
        )

    def _covered(self) -> str:
        return (
            "the example tariff's few headings only; supply a TariffSource for real rates"
        )


BUNDLED_TARIFF = BundledTariff()
