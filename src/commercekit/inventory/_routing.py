"""Where an order ships from: the fewest shipments, then in-market, then the cheapest.

Each line goes to the smallest set of locations that can fill the whole order (an
exhaustive search, exact for up to ``MAX_LOCATIONS`` locations); a line no location
can fill goes to its dropship supplier or is reported unfilled. The locations and the
stock they hold are checked in ``_locations``.

The search is bounded by the work it does, not only by the number of locations: up to
2^16 sets, each checked against every line, would run for minutes on an order of a
thousand lines. It starts at the fewest locations the hardest line alone needs, checks
the lines that need the most locations (then those held at the fewest) first, so that a
set that fails mostly fails at once, and counts every (set, line) check: past
``MAX_ROUTING_CHECKS`` the order is refused, with what to do (pre-select fewer
locations, or route the order in parts).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidInputError, InvalidInventoryError
from commercekit.inventory._locations import Location, Stock, checked_stock
from commercekit.inventory._numbers import (
    Field,
    is_positive_units,
    is_text,
    listed,
    mapping,
    text,
    units,
)
from commercekit.regions import check_country

__all__ = ["MAX_LOCATIONS", "MAX_ROUTING_CHECKS", "Assignment", "Routing", "route_order"]


@named_at_the_door
@attrs.frozen
class Assignment:
    """Units of one order line sent from one location (or a dropship supplier)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sku: str = attrs.field(validator=is_text)
    quantity: int = attrs.field(validator=is_positive_units)
    location: str = attrs.field(validator=is_text)
    why: str = attrs.field(validator=is_text)


def _tuple(value: object, field: str) -> tuple[object, ...]:
    if not isinstance(value, tuple):
        raise InvalidInventoryError.refused(
            field, value, "is not a tuple; pass a tuple", kind=InputKind.LIST
        )
    return value


def _codes(_: object, attribute: Field, value: object) -> None:
    for code in _tuple(value, attribute.name):
        text(code, attribute.name)


def _assignments(_: object, attribute: Field, value: object) -> None:
    for item in _tuple(value, attribute.name):
        if not isinstance(item, Assignment):
            raise InvalidInventoryError.refused(
                attribute.name, item, "is not an Assignment", kind=InputKind.TYPE
            )


def _unfilled(_: object, attribute: Field, value: object) -> None:
    if not isinstance(value, dict):
        raise InvalidInventoryError.refused(
            attribute.name, value, "is not a dict {sku: units}", kind=InputKind.LIST
        )
    for sku, count in value.items():
        units(count, f"unfilled[{text(sku, attribute.name)!r}]", positive=True)


@named_at_the_door
@attrs.frozen
class Routing:
    """Where each line ships from: the locations used, the assignments, and why.

    ``locations`` are exactly the locations the ``assignments`` ship from, each once.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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
            raise InvalidInventoryError.refused(
                "locations",
                self.locations,
                f"must list each location the assignments ship from once: "
                f"{sorted(shipping)}",
                kind=InputKind.LIST,
            )

    @property
    def shipments(self) -> int:
        """Parcels the order becomes: one per location used, one per dropship supplier."""
        return len(self.locations) + len({item.location for item in self.dropshipped})


MAX_LOCATIONS = 16
"""The most locations ``route_order`` searches exhaustively (2**16 subsets at worst)."""

MAX_ROUTING_CHECKS = 1_000_000
"""The most (set of locations, order line) checks one ``route_order`` makes while it
looks for the fewest locations (about two seconds of work where measured)."""


def _sites(locations: Sequence[Location]) -> list[Location]:
    sites = list(listed(locations, "locations"))
    for site in sites:
        if not isinstance(site, Location):
            raise InvalidInventoryError.refused(
                "locations", site, "is not a Location", kind=InputKind.TYPE
            )
    codes = [site.code for site in sites]
    if len(set(codes)) != len(codes):
        raise InvalidInventoryError.refused(
            "locations", codes, "lists a location twice", kind=InputKind.LIST
        )
    if len(sites) > MAX_LOCATIONS:
        raise InvalidInventoryError.refused(
            "locations",
            len(sites),
            f"is more than {MAX_LOCATIONS}; pre-select the nearest locations first",
            kind=InputKind.LIST,
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


def _order_lines(lines: Mapping[str, int]) -> dict[str, int]:
    """The order's ``{sku: quantity}``, each quantity one unit or more."""
    if not isinstance(lines, Mapping) or not lines:
        raise InvalidInventoryError.refused(
            "lines", lines, "is not a non-empty {sku: quantity}", kind=InputKind.LIST
        )
    return {
        text(sku, "lines"): units(qty, f"lines[{sku!r}]", positive=True)
        for sku, qty in lines.items()
    }


def _suppliers(dropship: Mapping[str, str] | None) -> dict[str, str]:
    """The dropship supplier of each SKU that has one."""
    return {
        text(sku, "dropship"): text(supplier, f"dropship[{sku!r}]")
        for sku, supplier in mapping(
            {} if dropship is None else dropship, "dropship", "{sku: supplier}"
        ).items()
    }


def _held(on_hand: dict[str, dict[str, int]], code: str, sku: str) -> int:
    return on_hand.get(code, {}).get(sku, 0)


def _sort_lines(
    wanted: dict[str, int],
    codes: list[str],
    on_hand: dict[str, dict[str, int]],
    suppliers: dict[str, str],
) -> tuple[dict[str, int], list[Assignment], dict[str, int]]:
    """Step 1: the lines the locations together can fill, those dropshipped, and those
    no one can fill."""
    dropshipped: list[Assignment] = []
    unfilled: dict[str, int] = {}
    routable: dict[str, int] = {}
    for sku, quantity in sorted(wanted.items()):
        total = sum(_held(on_hand, code, sku) for code in codes)
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
    return routable, dropshipped, unfilled


def _preference(site: Location, destination: str) -> tuple[bool, Decimal, str]:
    """In market first, then the lowest cost, then the code."""
    return (site.country != destination, site.cost, site.code)


def _needed(holdings: list[int], quantity: int) -> int:
    """The fewest locations that could fill ``quantity`` alone: the largest first."""
    running = 0
    for count, held in enumerate(sorted(holdings, reverse=True), start=1):
        running += held
        if running >= quantity:
            return count
    return len(holdings) + 1  # no set fills it (such a line is not routable)


def _fewest_locations(
    routable: dict[str, int],
    sites: list[Location],
    on_hand: dict[str, dict[str, int]],
    destination: str,
) -> list[Location]:
    """Steps 2 and 3: the smallest set of locations that fills every routable line, the
    one with the most locations in market, then the lowest total cost, then the codes;
    in order of preference. No set is smaller than the hardest line alone needs; the
    lines needing most locations, then held at fewest, are checked first, so a set
    that fails mostly fails at once; the checks are counted and bounded."""
    holdings = {sku: [_held(on_hand, site.code, sku) for site in sites] for sku in routable}
    needed = {sku: _needed(holdings[sku], q) for sku, q in routable.items()}
    held_at = {sku: sum(map(bool, counts)) for sku, counts in holdings.items()}
    lines = sorted(
        routable.items(), key=lambda line: (-needed[line[0]], held_at[line[0]], line[0])
    )
    checks = 0
    start = max(needed.values(), default=len(sites) + 1)
    for size in range(start, len(sites) + 1):
        fitting = []
        for combo in itertools.combinations(range(len(sites)), size):
            for sku, quantity in lines:
                checks += 1
                if sum(holdings[sku][index] for index in combo) < quantity:
                    break
            else:
                fitting.append(tuple(sites[index] for index in combo))
            if checks > MAX_ROUTING_CHECKS:
                raise _too_much(len(sites), len(routable), size)
        if fitting:
            best = min(
                fitting,
                key=lambda combo: (
                    -sum(s.country == destination for s in combo),
                    sum((s.cost for s in combo), Decimal(0)),
                    tuple(s.code for s in combo),
                ),
            )
            return sorted(best, key=lambda site: _preference(site, destination))
    return []


def _too_much(locations: int, lines: int, size: int) -> InvalidInputError:
    return InvalidInventoryError.refused(
        "lines",
        f"<{lines} lines>",
        f"over {locations} locations need more than {MAX_ROUTING_CHECKS:,} checks to "
        f"find the fewest locations that hold them all (still searching sets of "
        f"{size}); pre-select fewer locations (the nearest), or route the order in parts",
        kind=InputKind.LIST,
    )


def _assign(
    routable: dict[str, int],
    chosen: list[Location],
    on_hand: dict[str, dict[str, int]],
    destination: str,
) -> list[Assignment]:
    """Step 4: each line taken from the preferred location first."""
    assignments: list[Assignment] = []
    for sku, quantity in sorted(routable.items()):
        left = quantity
        for site in chosen:
            take = min(left, _held(on_hand, site.code, sku))
            if take:
                where = "in market" if site.country == destination else "cross-border"
                assignments.append(
                    Assignment(
                        sku,
                        take,
                        site.code,
                        f"{site.code} ({where}) holds {_held(on_hand, site.code, sku)}",
                    )
                )
                left -= take
            if not left:
                break
    return assignments


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
    destination = check_country(destination)
    wanted = _order_lines(lines)
    on_hand = checked_stock(stock, set(codes), set(wanted))  # only the counts it reads
    suppliers = _suppliers(dropship)
    routable, dropshipped, unfilled = _sort_lines(wanted, codes, on_hand, suppliers)
    chosen = _fewest_locations(routable, sites, on_hand, destination)
    assignments = _assign(routable, chosen, on_hand, destination)
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
