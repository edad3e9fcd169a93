"""De minimis: below which no duty or import tax is collected, per destination.

Dated and sourced, in ``_data/de_minimis.csv``: per destination, kind (duty or tax),
the goods' origin, the country they are shipped from, channel and scheme. A de minimis
value the tax decision needs too (Switzerland's CHF 5 import-tax de minimis, Canada's
CAD 40 for courier goods shipped from the US or Mexico) has its one home in the tax
thresholds: its row here names the [`ThresholdRule`][commercekit.tax.ThresholdRule] and
takes amount, dates, legal basis and sources from
[`threshold_periods`][commercekit.tax.threshold_periods].
"""

from __future__ import annotations

import functools
from datetime import date

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.shipping import _checks as check
from commercekit.shipping._customs import (
    KINDS,
    MEASURES,
    ReliefKind,
    ReliefMeasure,
    _covers,
    _in_order,
    _note,
    _since,
    _sources,
    _text,
    _until,
)
from commercekit.shipping._terms import CHANNELS, TRANSPORT_MODES, Channel, TransportMode
from commercekit.tax import ThresholdRule, threshold_periods

__all__ = ["DeMinimis", "de_minimis"]


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


def _shipped_from(value: object) -> frozenset[str]:
    return check.countries(value, "shipped_from")


def _transport_modes(value: object) -> frozenset[TransportMode]:
    if isinstance(value, frozenset | set):
        value = tuple(sorted(value))
    return frozenset(map(_transport_mode, check.listed(value, str, "transport_modes")))


def _transport_mode(value: object) -> TransportMode:
    return TransportMode(check.choice(value, TRANSPORT_MODES, "transport_mode"))


def _scheme(value: object) -> str | None:
    return check.optional_text(value, "scheme")


@named_at_the_door
@attrs.frozen
class DeMinimis(_bundled.Sourced):
    """Below ``threshold``, no duty (``kind="duty"``) or no import tax is collected.

    ``measure`` says what the threshold is compared with: ``consignment_value`` (the
    goods' value, not over it), ``customs_value`` (the consignment's customs value,
    transport and insurance in where it is CIF, not over it), ``customs_value_under``
    (the same, under it: Norway's NOK 350), ``item_value_below`` (each unit's value,
    under it), ``tax_amount`` or ``duty_amount`` (the amount computed, not over it).
    ``origins`` and ``channel`` limit the row to goods of those origins or sent that
    way; ``shipped_from`` to goods shipped from those countries, whatever their origin
    (Canada's CUSMA courier thresholds); ``transport_modes`` to goods travelling so
    (Singapore's relief for goods by air, or by post: two rows); ``scheme`` to goods
    whose VAT was charged at sale under that scheme (Norway's VOEC).
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
    shipped_from: frozenset[str] = attrs.field(default=frozenset(), converter=_shipped_from)
    transport_modes: frozenset[TransportMode] = attrs.field(
        default=frozenset(), converter=_transport_modes
    )

    def __attrs_post_init__(self) -> None:
        _in_order(self.since, self.until)

    @named_at_the_door
    def applies_to(
        self,
        origin: str,
        channel: str | None,
        scheme: str | None,
        on: date,
        *,
        shipped_from: str | None = None,
        transport_mode: str | None = None,
    ) -> bool:
        """Whether this row governs goods from ``origin`` by ``channel``, sold under
        ``scheme``, on ``on``, shipped from ``shipped_from``, travelling by
        ``transport_mode`` (a row that depends on the channel, the country shipped
        from or the mode does not govern goods for which it is not said)."""
        origin = check.country(origin)
        channel = _optional_channel(channel)
        scheme = _scheme(scheme)
        on = check.day(on, "on")
        return (
            _covers(self.since, self.until, on)
            and (not self.origins or origin in self.origins)
            and (not self.shipped_from or shipped_from in self.shipped_from)
            and (not self.transport_modes or transport_mode in self.transport_modes)
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
_DE_MINIMIS_COLUMNS += ("until", "legal_basis", "source", "note", "shipped_from")
_DE_MINIMIS_COLUMNS += ("transport_modes",)
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
        "shipped_from": frozenset(line.words("shipped_from")),
        "transport_modes": frozenset(line.words("transport_modes")),
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
        (
            line,
            (
                *(r.destination, r.kind, r.origins, r.shipped_from, r.channel),
                *(r.scheme, r.transport_modes),
            ),
            r.since,
            r.until,
        )
        for line, r in rows
    )
    return tuple(row for _, row in rows)


@context_free
def de_minimis(
    area: str,
    kind: ReliefKind | str,
    *,
    origin: str,
    on: date,
    channel: Channel | str | None = None,
    scheme: str | None = None,
    shipped_from: str | None = None,
    transport_mode: TransportMode | str | None = None,
) -> DeMinimis | None:
    """The de minimis row for duty or tax; the most specific one wins (scheme, origin
    or the country shipped from, channel).

    ``None`` when the destination has none (every import is charged). Raises
    [`MissingDataError`][commercekit.errors.MissingDataError] when a row that could
    govern depends on where the goods are shipped from and ``shipped_from`` is not
    given (a courier parcel to Canada), or on how they travel and ``transport_mode``
    is not given (a courier parcel to Singapore). Without a ``channel``, the relief
    post and courier both give (the first channel's row, when they give it under
    different rows); raises when they differ (a US shop's parcel to Canada: CAD 20 by
    post, CAD 40 and 150 by courier, CBSA Customs Notice 20-18).

        >>> from datetime import date
        >>> day = date(2026, 11, 26)
        >>> de_minimis("CA", "duty", origin="CN", shipped_from="CN", on=day).threshold
        Money('20', 'CAD')
        >>> de_minimis("CA", "duty", origin="CN", shipped_from="US", on=day)
        Traceback (most recent call last):
        ...
        commercekit.errors.MissingDataError: ...
    """
    area = check.area(area)
    kind = _kind(kind)
    origin = check.country(origin)
    scheme = _scheme(scheme)
    on = check.day(on, "on")
    shipped_from = check.optional_country(shipped_from)
    mode = None if transport_mode is None else _transport_mode(transport_mode)
    if channel is None:
        return _by_either_channel(
            area, kind, origin, on, scheme=scheme, shipped_from=shipped_from, mode=mode
        )
    channel = _channel(channel)
    mine = [
        row for row in _read_de_minimis() if row.destination == area and row.kind == kind
    ]
    if shipped_from is None:
        _ask_shipped_from(mine, origin, channel, scheme, on)
    if mode is None:
        _ask_transport_mode(mine, origin, channel, scheme, on, shipped_from=shipped_from)
    rows = [
        row
        for row in mine
        if row.applies_to(
            origin, channel, scheme, on, shipped_from=shipped_from, transport_mode=mode
        )
    ]
    if not rows:
        return None
    return max(
        rows,
        key=lambda row: (
            row.scheme is not None,
            bool(row.origins) or bool(row.shipped_from),
            row.channel is not None or bool(row.transport_modes),
            row.since,
        ),
    )


def _ask_shipped_from(
    rows: list[DeMinimis], origin: str, channel: str, scheme: str | None, on: date
) -> None:
    """Raise when one of ``rows`` that could govern depends on where the goods are
    shipped from, which was not said."""
    for row in rows:
        if row.shipped_from and row.applies_to(
            origin, channel, scheme, on, shipped_from=min(row.shipped_from)
        ):
            why = (
                f"{row.legal_basis} sets its threshold by the country the goods are "
                f"shipped from ({', '.join(sorted(row.shipped_from))}), not their "
                f"origin [{row.source}]"
            )
            raise MissingDataError(
                f"where the goods are shipped from (into {row.destination} by {channel})",
                f"{why}; give Shipment(shipped_from=...)",
                field="shipment.shipped_from",
                json_how=f'{why}; write "shipped_from" in the shipment',
            )


def _ask_transport_mode(
    rows: list[DeMinimis],
    origin: str,
    channel: str,
    scheme: str | None,
    on: date,
    *,
    shipped_from: str | None,
) -> None:
    """Raise when one of ``rows`` that could govern depends on how the goods travel,
    which was not said."""
    for row in rows:
        if row.transport_modes and row.applies_to(
            *(origin, channel, scheme, on),
            shipped_from=shipped_from,
            transport_mode=min(row.transport_modes),
        ):
            relieves = (
                f"{row.legal_basis} relieves goods travelling by "
                f"{' or '.join(sorted(row.transport_modes))} only [{row.source}]"
            )
            raise MissingDataError(
                f"how the goods travel (into {row.destination} by {channel})",
                f"{relieves}; give Shipment(transport_mode='air', 'sea' or 'land')",
                field="shipment.transport_mode",
                json_how=f'{relieves}; write the shipment\'s "transport_mode" ("air", '
                '"sea" or "land")',
            )


def _by_either_channel(
    area: str,
    kind: ReliefKind,
    origin: str,
    on: date,
    *,
    scheme: str | None,
    shipped_from: str | None,
    mode: TransportMode | None,
) -> DeMinimis | None:
    """The relief every channel gives (see ``de_minimis``); raise, naming the
    channel, when the rows differ by channel."""
    found: list[DeMinimis | None] = []
    said: list[str] = []  # what each channel gives, for the refusal
    asked: list[MissingDataError] = []
    for channel in CHANNELS:
        try:
            row = de_minimis(
                *(area, kind),
                origin=origin,
                on=on,
                channel=channel,
                scheme=scheme,
                shipped_from=shipped_from,
                transport_mode=mode,
            )
        except MissingDataError as error:
            said.append(f"by {channel}, it depends on {error.missing[0]}")
            asked.append(error)
            continue
        found.append(row)
        gives = row and f"{row.threshold} ({row.legal_basis}) [{row.source}]"
        said.append(f"by {channel}: {gives or 'none'}")
    if not found:
        raise asked[0]  # needed whatever the channel
    reliefs = {row and (row.threshold, row.measure) for row in found}  # None: none
    if len(found) == len(CHANNELS) and len(reliefs) == 1:
        return found[0]
    how = f"its {kind} relief differs by post and by courier ({'; '.join(said)})"
    raise MissingDataError(
        f"how the goods are sent (into {area}: by post or by courier)",
        f"{how}; give Shipment(channel='post' or 'courier')",
        field="shipment.channel",
        json_how=f'{how}; write the shipment\'s "channel" ("post" or "courier")',
    )
