"""Stock across locations and channels: what can be promised, where an order ships from.

Stock is given as ``{location: {sku: units on hand}}``; reservations (orders taken but
not yet shipped) are inputs, never state kept here.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from commercekit._numbers import context_free
from commercekit.errors import InvalidInventoryError
from commercekit.inventory._numbers import (
    Field,
    is_optional_text,
    is_positive_units,
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
    "Assignment",
    "Availability",
    "ChannelBuffer",
    "Location",
    "Reservation",
    "Routing",
    "available_to_promise",
    "route_order",
]

Stock = Mapping[str, Mapping[str, int]]


def _code(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInventoryError(
            "code", value, "is not a location code such as 'NL-AMS'"
        )
    return value


def _country(value: object) -> str:
    return check_country(value)


def _cost(value: object) -> Decimal:
    return number(value, "cost")


@attrs.frozen
class Location:
    """A place that ships orders: a warehouse, a store, a 3PL's site.

    ``cost`` ranks locations that are otherwise equal (the shipping cost or distance to
    the buyer, injected per order by the caller); lower is preferred.
    """

    code: str = attrs.field(converter=_code)
    country: str = attrs.field(converter=_country)
    cost: Decimal = attrs.field(default=Decimal(0), converter=_cost)


@attrs.frozen
class Reservation:
    """Units of a SKU held at a location for an order not yet shipped."""

    location: str = attrs.field(validator=is_text)
    sku: str = attrs.field(validator=is_text)
    quantity: int = attrs.field(validator=is_units)


@attrs.frozen
class ChannelBuffer:
    """Units of every SKU (or of one ``sku``) a sales channel keeps back from sale.

    A marketplace that learns of stock changes with a delay oversells unless some units
    are held back from it.
    """

    channel: str = attrs.field(validator=is_text)
    units: int = attrs.field(validator=is_units)
    sku: str | None = attrs.field(default=None, validator=is_optional_text)


def _stock(
    stock: object, known: set[str] | None = None, skus: set[str] | None = None
) -> dict[str, dict[str, int]]:
    """The stock map checked: every count, or only those of ``skus`` when given."""
    checked: dict[str, dict[str, int]] = {}
    for key, items in mapping(stock, "stock", "{location: {sku: units}}").items():
        location = text(key, "stock")
        if known is not None and location not in known:
            raise InvalidInventoryError(
                "stock", location, f"is not a known location; known: {sorted(known)}"
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
        raise InvalidInventoryError(field, value, "is not a dict {name: {sku: units}}")
    for name, items in value.items():
        inner = f"{field}[{text(name, field)!r}]"
        if not isinstance(items, dict):
            raise InvalidInventoryError(inner, items, "is not a dict {sku: units}")
        for sku, count in items.items():
            units(count, f"{inner}[{text(sku, inner)!r}]")
    return value


def _by_place(_: object, attribute: Field, value: object) -> None:
    _counts(value, attribute.name)


@attrs.frozen
class Availability:
    """Available to promise: per location and SKU, and per channel and SKU."""

    by_location: dict[str, dict[str, int]] = attrs.field(validator=_by_place)
    by_channel: dict[str, dict[str, int]] = attrs.field(validator=_by_place)

    def for_channel(self, channel: str, sku: str) -> int:
        """Units of ``sku`` that ``channel`` may sell now (0 if none)."""
        channel, sku = text(channel, "channel"), text(sku, "sku")
        if channel not in self.by_channel:
            raise InvalidInventoryError(
                "channel", channel, f"is not one of {sorted(self.by_channel)}"
            )
        return self.by_channel[channel].get(sku, 0)


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
    on_hand = _stock(stock)
    reserved: dict[tuple[str, str], int] = {}
    for reservation in listed(reservations, "reservations"):
        if not isinstance(reservation, Reservation):
            raise InvalidInventoryError("reservations", reservation, "is not a Reservation")
        if reservation.location not in on_hand:
            raise InvalidInventoryError(
                "reservation.location",
                reservation.location,
                f"is not a location in stock; known: {sorted(on_hand)}",
            )
        key = (reservation.location, reservation.sku)
        quantity = units(reservation.quantity, "reservation.quantity")
        reserved[key] = reserved.get(key, 0) + quantity
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
    names = [text(name, "channels") for name in listed(channels, "channels")]
    if not names or len(set(names)) != len(names):
        raise InvalidInventoryError(
            "channels", channels, "must name each sales channel once, such as ['web']"
        )
    held: dict[tuple[str, str | None], int] = {}
    for buffer in listed(buffers, "buffers"):
        if not isinstance(buffer, ChannelBuffer):
            raise InvalidInventoryError("buffers", buffer, "is not a ChannelBuffer")
        if buffer.channel not in names:
            raise InvalidInventoryError(
                "buffer.channel", buffer.channel, f"is not one of the channels {names}"
            )
        held[(buffer.channel, buffer.sku)] = units(buffer.units, "buffer.units")
    by_channel = {
        channel: {
            sku: max(0, total - held.get((channel, sku), held.get((channel, None), 0)))
            for sku, total in sorted(totals.items())
        }
        for channel in names
    }
    return Availability(by_location=by_location, by_channel=by_channel)


@attrs.frozen
class Assignment:
    """Units of one order line sent from one location (or a dropship supplier)."""

    sku: str = attrs.field(validator=is_text)
    quantity: int = attrs.field(validator=is_positive_units)
    location: str = attrs.field(validator=is_text)
    why: str = attrs.field(validator=is_text)


def _tuple(value: object, field: str) -> tuple[object, ...]:
    if not isinstance(value, tuple):
        raise InvalidInventoryError(field, value, "is not a tuple; pass a tuple")
    return value


def _codes(_: object, attribute: Field, value: object) -> None:
    for code in _tuple(value, attribute.name):
        text(code, attribute.name)


def _assignments(_: object, attribute: Field, value: object) -> None:
    for item in _tuple(value, attribute.name):
        if not isinstance(item, Assignment):
            raise InvalidInventoryError(attribute.name, item, "is not an Assignment")


def _unfilled(_: object, attribute: Field, value: object) -> None:
    if not isinstance(value, dict):
        raise InvalidInventoryError(attribute.name, value, "is not a dict {sku: units}")
    for sku, count in value.items():
        units(count, f"unfilled[{text(sku, attribute.name)!r}]", positive=True)


@attrs.frozen
class Routing:
    """Where each line ships from: the locations used, the assignments, and why.

    ``locations`` are exactly the locations the ``assignments`` ship from, each once.
    """

    locations: tuple[str, ...] = attrs.field(validator=_codes)
    assignments: tuple[Assignment, ...] = attrs.field(validator=_assignments)
    dropshipped: tuple[Assignment, ...] = attrs.field(validator=_assignments)
    unfilled: dict[str, int] = attrs.field(validator=_unfilled)
    why: str = attrs.field(validator=is_text)

    def __attrs_post_init__(self) -> None:
        shipping = {item.location for item in self.assignments}
        if len(set(self.locations)) != len(self.locations) or shipping != set(
            self.locations
        ):
            raise InvalidInventoryError(
                "locations",
                self.locations,
                f"must list each location the assignments ship from once: "
                f"{sorted(shipping)}",
            )

    @property
    def shipments(self) -> int:
        """Parcels the order becomes: one per location used, one per dropship supplier."""
        return len(self.locations) + len({item.location for item in self.dropshipped})


MAX_LOCATIONS = 16
"""The most locations ``route_order`` searches exhaustively (2**16 subsets at worst)."""


def _sites(locations: Sequence[Location]) -> list[Location]:
    sites = list(listed(locations, "locations"))
    for site in sites:
        if not isinstance(site, Location):
            raise InvalidInventoryError("locations", site, "is not a Location")
    codes = [site.code for site in sites]
    if len(set(codes)) != len(codes):
        raise InvalidInventoryError("locations", codes, "lists a location twice")
    if len(sites) > MAX_LOCATIONS:
        raise InvalidInventoryError(
            "locations",
            len(sites),
            f"is more than {MAX_LOCATIONS}; pre-select the nearest locations first",
        )
    return sites


def _explain(
    used: tuple[str, ...], dropshipped: list[Assignment], unfilled: dict[str, int]
) -> str:
    parts = []
    if used:
        count = len(used)
        parts.append(
            f"{count} shipment{'s' if count > 1 else ''} from {', '.join(used)}: "
            f"the fewest locations that hold every line"
        )
    if dropshipped:
        parts.append("dropshipped: " + ", ".join(a.sku for a in dropshipped))
    if unfilled:
        parts.append("no stock anywhere for: " + ", ".join(sorted(unfilled)))
    return "; ".join(parts)


@context_free
def route_order(
    lines: Mapping[str, int],
    locations: Sequence[Location],
    stock: Stock,
    destination: str,
    *,
    dropship: Mapping[str, str] | None = None,
) -> Routing:
    """Choose where an order ships from: fewest shipments, then in-market, then cheapest.

    1. A line that all the locations together cannot fill goes to its dropship
       supplier (``dropship`` maps SKU to supplier) or is reported unfilled.
    2. The other lines go to the smallest set of locations that can fill them all,
       searched exhaustively (exact, for up to ``MAX_LOCATIONS`` locations).
    3. Among sets of that size, prefer more locations in the ``destination`` country
       (no customs, faster), then the lowest total ``cost``, then the codes in order.
    4. Within the set each line is taken from the preferred location first.

    Deterministic: the same order and stock always route the same way.

    Examples:
        >>> sites = [Location("NL-AMS", "NL", cost=6), Location("DE-BER", "DE", cost=4)]
        >>> stock = {"NL-AMS": {"TEE": 10, "MUG": 5}, "DE-BER": {"TEE": 10}}
        >>> routing = route_order({"TEE": 2, "MUG": 1}, sites, stock, "DE")
        >>> routing.locations, routing.shipments
        (('NL-AMS',), 1)
        >>> print(routing.why)
        1 shipment from NL-AMS: the fewest locations that hold every line
    """
    sites = _sites(locations)
    codes = [site.code for site in sites]
    destination = _country(destination)
    if not isinstance(lines, Mapping) or not lines:
        raise InvalidInventoryError("lines", lines, "is not a non-empty {sku: quantity}")
    wanted = {
        text(sku, "lines"): units(qty, f"lines[{sku!r}]", positive=True)
        for sku, qty in lines.items()
    }
    on_hand = _stock(stock, set(codes), set(wanted))  # only the counts this order reads
    suppliers = {
        text(sku, "dropship"): text(supplier, f"dropship[{sku!r}]")
        for sku, supplier in mapping(
            {} if dropship is None else dropship, "dropship", "{sku: supplier}"
        ).items()
    }

    def held(code: str, sku: str) -> int:
        return on_hand.get(code, {}).get(sku, 0)

    dropshipped: list[Assignment] = []
    unfilled: dict[str, int] = {}
    routable: dict[str, int] = {}
    for sku, quantity in sorted(wanted.items()):
        total = sum(held(code, sku) for code in codes)
        if total >= quantity:
            routable[sku] = quantity
        elif sku in suppliers:
            dropshipped.append(
                Assignment(
                    sku,
                    quantity,
                    suppliers[sku],
                    f"the locations hold {total} of {quantity}: dropshipped",
                )
            )
        else:
            unfilled[sku] = quantity

    def preference(site: Location) -> tuple[bool, Decimal, str]:
        return (site.country != destination, site.cost, site.code)

    best: tuple[Location, ...] = ()
    for size in range(1, len(sites) + 1) if routable else ():
        fitting = [
            combo
            for combo in itertools.combinations(sites, size)
            if all(
                sum(held(s.code, sku) for s in combo) >= q for sku, q in routable.items()
            )
        ]
        if fitting:
            best = min(
                fitting,
                key=lambda combo: (
                    -sum(s.country == destination for s in combo),
                    sum((s.cost for s in combo), Decimal(0)),
                    tuple(s.code for s in combo),
                ),
            )
            break
    chosen = sorted(best, key=preference)
    assignments: list[Assignment] = []
    for sku, quantity in sorted(routable.items()):
        left = quantity
        for site in chosen:
            take = min(left, held(site.code, sku))
            if take:
                where = "in market" if site.country == destination else "cross-border"
                assignments.append(
                    Assignment(
                        sku,
                        take,
                        site.code,
                        f"{site.code} ({where}) holds {held(site.code, sku)}",
                    )
                )
                left -= take
            if not left:
                break
    used = tuple(
        site.code for site in chosen if any(a.location == site.code for a in assignments)
    )
    return Routing(
        locations=used,
        assignments=tuple(assignments),
        dropshipped=tuple(dropshipped),
        unfilled=unfilled,
        why=_explain(used, dropshipped, unfilled),
    )
