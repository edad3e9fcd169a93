"""Stock across locations and channels: the locations, their stock, and what can be
promised.

Stock is given as ``{location: {sku: units on hand}}``; reservations (orders taken but
not yet shipped) are inputs, never state kept here. Available to promise is on hand
less reserved per location, added up per channel less the channel's buffer. Where an
order ships from lives in ``_routing``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._numbers import (
    Field,
    is_optional_text,
    is_text,
    is_units,
    listed,
    mapping,
    number,
    text,
    units,
)
from commercekit.regions import check_country

__all__ = [
    "Availability",
    "ChannelBuffer",
    "Location",
    "Reservation",
    "Stock",
    "available_to_promise",
    "checked_stock",
]

Stock = Mapping[str, Mapping[str, int]]
"""Units on hand per location and SKU: ``{location: {sku: units}}``."""


def _code(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInventoryError.refused(
            "code", value, "is not a location code such as 'NL-AMS'", kind=InputKind.PLACE
        )
    return value


def _country(value: object) -> str:
    return check_country(value)


def _cost(value: object) -> Decimal:
    return number(value, "cost")


@named_at_the_door
@attrs.frozen
class Location:
    """A place that ships orders: a warehouse, a store, a 3PL's site.

    ``cost`` ranks locations that are otherwise equal (the shipping cost or distance to
    the buyer, injected per order by the caller); lower is preferred.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    code: str = attrs.field(converter=_code)
    country: str = attrs.field(converter=_country)
    cost: Decimal = attrs.field(default=Decimal(0), converter=_cost)


@named_at_the_door
@attrs.frozen
class Reservation:
    """Units of a SKU held at a location for an order not yet shipped."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    location: str = attrs.field(validator=is_text)
    sku: str = attrs.field(validator=is_text)
    quantity: int = attrs.field(validator=is_units)


@named_at_the_door
@attrs.frozen
class ChannelBuffer:
    """Units of every SKU (or of one ``sku``) a sales channel keeps back from sale.

    A marketplace that learns of stock changes with a delay oversells unless some units
    are held back from it.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    channel: str = attrs.field(validator=is_text)
    units: int = attrs.field(validator=is_units)
    sku: str | None = attrs.field(default=None, validator=is_optional_text)


def checked_stock(
    stock: object, known: set[str] | None = None, skus: set[str] | None = None
) -> dict[str, dict[str, int]]:
    """The stock map checked: every count, or only those of ``skus`` when given."""
    checked: dict[str, dict[str, int]] = {}
    for key, items in mapping(stock, "stock", "{location: {sku: units}}").items():
        location = text(key, "stock")
        if known is not None and location not in known:
            raise InvalidInventoryError.refused(
                "stock",
                location,
                f"is not a known location; locations: {sorted(known)}",
                kind=InputKind.PLACE,
            )
        field = f"stock[{location!r}]"
        checked[location] = {
            text(sku, field): units(on_hand, f"{field}[{sku!r}]")
            for sku, on_hand in mapping(items, field, "{sku: units on hand}").items()
            if skus is None or sku in skus
        }
    return checked


def _counts(value: object, field: str) -> dict[str, dict[str, int]]:
    """A result's ``{place: {sku: units}}``, checked."""
    if not isinstance(value, dict):
        raise InvalidInventoryError.refused(
            field, value, "is not a dict {name: {sku: units}}", kind=InputKind.LIST
        )
    for name, items in value.items():
        inner = f"{field}[{text(name, field)!r}]"
        if not isinstance(items, dict):
            raise InvalidInventoryError.refused(
                inner, items, "is not a dict {sku: units}", kind=InputKind.LIST
            )
        for sku, count in items.items():
            units(count, f"{inner}[{text(sku, inner)!r}]")
    return value


def _by_place(_: object, attribute: Field, value: object) -> None:
    _counts(value, attribute.name)


@named_at_the_door
@attrs.frozen
class Availability:
    """Available to promise: per location and SKU, and per channel and SKU."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    by_location: dict[str, dict[str, int]] = attrs.field(validator=_by_place)
    by_channel: dict[str, dict[str, int]] = attrs.field(validator=_by_place)

    def for_channel(self, channel: str, sku: str) -> int:
        """Units of ``sku`` that ``channel`` may sell now (0 if none)."""
        channel, sku = text(channel, "channel"), text(sku, "sku")
        if channel not in self.by_channel:
            raise InvalidInventoryError.refused(
                "channel",
                channel,
                f"is not one of {sorted(self.by_channel)}",
                kind=InputKind.CHOICE,
                choices=sorted(self.by_channel),
            )
        return self.by_channel[channel].get(sku, 0)


def _reserved(
    reservations: Sequence[Reservation], on_hand: dict[str, dict[str, int]]
) -> dict[tuple[str, str], int]:
    """Units reserved per (location, SKU), at locations that hold stock."""
    reserved: dict[tuple[str, str], int] = {}
    for index, reservation in enumerate(listed(reservations, "reservations")):
        if not isinstance(reservation, Reservation):
            raise InvalidInventoryError.refused(
                f"reservations[{index}]",
                reservation,
                "is not a Reservation",
                kind=InputKind.TYPE,
            )
        if reservation.location not in on_hand:
            raise InvalidInventoryError.refused(
                f"reservations[{index}].location",
                reservation.location,
                f"is not a location in stock; known: {sorted(on_hand)}",
                kind=InputKind.PLACE,
            )
        key = (reservation.location, reservation.sku)
        quantity = units(reservation.quantity, "reservation.quantity")
        reserved[key] = reserved.get(key, 0) + quantity
    return reserved


def _channel_names(channels: Sequence[str]) -> list[str]:
    """The sales channels, each named once."""
    names = [text(name, "channels") for name in listed(channels, "channels")]
    if not names or len(set(names)) != len(names):
        raise InvalidInventoryError.refused(
            "channels",
            channels,
            "must name each sales channel once, such as ['web']",
            kind=InputKind.LIST,
        )
    return names


def _held_back(
    buffers: Sequence[ChannelBuffer], names: list[str]
) -> dict[tuple[str, str | None], int]:
    """Units each channel keeps back, per (channel, SKU or ``None`` for every SKU)."""
    held: dict[tuple[str, str | None], int] = {}
    for buffer in listed(buffers, "buffers"):
        if not isinstance(buffer, ChannelBuffer):
            raise InvalidInventoryError.refused(
                "buffers", buffer, "is not a ChannelBuffer", kind=InputKind.TYPE
            )
        if buffer.channel not in names:
            raise InvalidInventoryError.refused(
                "buffer.channel",
                buffer.channel,
                f"is not one of the channels {names}",
                kind=InputKind.CHOICE,
                choices=names,
            )
        held[(buffer.channel, buffer.sku)] = units(buffer.units, "buffer.units")
    return held


@context_free
def available_to_promise(
    stock: Stock,
    reservations: Sequence[Reservation] = (),
    channels: Sequence[str] = ("web",),
    buffers: Sequence[ChannelBuffer] = (),
) -> Availability:
    """What can be promised: on hand - reserved per location, less each channel's buffer.

    Per location and SKU, ATP = max(0, on hand - reserved); per channel, the locations'
    ATP added up, less the channel's buffer for that SKU (a SKU-specific buffer replaces
    the channel-wide one), never below zero.

    Examples:
        >>> atp = available_to_promise(
        ...     {"NL": {"TEE": 40}, "DE": {"TEE": 15}},
        ...     reservations=[Reservation("NL", "TEE", 12)],
        ...     channels=["web", "marketplace"],
        ...     buffers=[ChannelBuffer("marketplace", 5)],
        ... )
        >>> atp.by_location["NL"]["TEE"], atp.for_channel("web", "TEE")
        (28, 43)
        >>> atp.for_channel("marketplace", "TEE")
        38
    """
    on_hand = checked_stock(stock)
    reserved = _reserved(reservations, on_hand)
    by_location = {
        location: {
            sku: max(0, count - reserved.get((location, sku), 0))
            for sku, count in sorted(items.items())
        }
        for location, items in sorted(on_hand.items())
    }
    totals: dict[str, int] = {}
    for items in by_location.values():
        for sku, count in items.items():
            totals[sku] = totals.get(sku, 0) + count
    names = _channel_names(channels)
    held = _held_back(buffers, names)
    by_channel = {
        channel: {
            sku: max(0, total - held.get((channel, sku), held.get((channel, None), 0)))
            for sku, total in sorted(totals.items())
        }
        for channel in names
    }
    return Availability(by_location=by_location, by_channel=by_channel)
