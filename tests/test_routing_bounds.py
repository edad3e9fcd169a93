"""Routing an order is bounded in work, and still finds the fewest locations.

Before, ``route_order`` checked every set of up to ``MAX_LOCATIONS`` (16) locations
against every line: an order of 100 lines whose last line needed all 16 locations took
12 seconds, one of 1,000 two minutes. The search now starts at the fewest locations
the hardest line alone needs, checks the hardest lines first, and counts its checks:
beyond ``MAX_ROUTING_CHECKS`` it refuses, saying what to do.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import InvalidInventoryError, InvalidListError
from commercekit.inventory import (
    MAX_LOCATIONS,
    MAX_ROUTING_CHECKS,
    Location,
    _routing,
    route_order,
)

SIXTEEN = [
    Location(f"L{index:02d}", "DE", cost=index % 3) for index in range(MAX_LOCATIONS)
]


def _everywhere(lines: int) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """``lines`` lines any location fills, then one line only all 16 together fill."""
    order = {**{f"A{index:04d}": 1 for index in range(lines)}, "ZZZ": MAX_LOCATIONS}
    stock = {site.code: dict.fromkeys(order, 1) for site in SIXTEEN}
    return order, stock


def test_the_order_that_took_minutes_routes_at_once() -> None:
    order, stock = _everywhere(1000)
    routing = route_order(order, SIXTEEN, stock, "DE")
    assert sorted(routing.locations) == [site.code for site in SIXTEEN]
    assert routing.unfilled == {}
    assert sum(item.quantity for item in routing.assignments if item.sku == "ZZZ") == 16


def test_past_the_bound_the_order_is_refused_saying_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert MAX_ROUTING_CHECKS == 1_000_000
    # 16 lines, each held at every location but one: no single location holds them
    # all, any two do; a tiny bound is passed while sets of one are searched.
    order = {f"S{index:02d}": 1 for index in range(MAX_LOCATIONS)}
    stock = {
        site.code: {sku: int(sku != f"S{index:02d}") for sku in order}
        for index, site in enumerate(SIXTEEN)
    }
    assert len(route_order(order, SIXTEEN, stock, "DE").locations) == 2
    monkeypatch.setattr(_routing, "MAX_ROUTING_CHECKS", 20)
    with pytest.raises(InvalidInventoryError, match="route the order in parts") as refused:
        route_order(order, SIXTEEN, stock, "DE")
    assert isinstance(refused.value, InvalidListError)
    assert "need more than 20 checks" in str(refused.value)
    assert "pre-select fewer locations" in str(refused.value)


def _fewest_by_brute_force(
    order: dict[str, int], sites: list[Location], stock: dict[str, dict[str, int]]
) -> tuple[str, ...]:
    """The search as it was: every set, smallest first, against every line."""

    def held(site: Location, sku: str) -> int:
        return stock.get(site.code, {}).get(sku, 0)

    routable = {
        sku: quantity
        for sku, quantity in order.items()
        if sum(held(site, sku) for site in sites) >= quantity
    }
    for size in range(1, len(sites) + 1) if routable else ():
        fitting = [
            combo
            for combo in itertools.combinations(sites, size)
            if all(sum(held(s, sku) for s in combo) >= q for sku, q in routable.items())
        ]
        if fitting:
            best = min(
                fitting,
                key=lambda combo: (
                    -sum(s.country == "DE" for s in combo),
                    sum((s.cost for s in combo), Decimal(0)),
                    tuple(s.code for s in combo),
                ),
            )
            return tuple(sorted(s.code for s in best))
    return ()


_codes = "ABCDEF"


@given(
    st.dictionaries(
        st.sampled_from(_codes),
        st.dictionaries(st.sampled_from("TUVWXYZ"), st.integers(0, 6)),
    ),
    st.dictionaries(st.sampled_from("TUVWXYZ"), st.integers(1, 10), min_size=1),
    st.lists(st.integers(0, 3), min_size=len(_codes), max_size=len(_codes)),
)
def test_the_bounded_search_finds_the_same_locations_as_every_set(
    stock: dict[str, dict[str, int]], order: dict[str, int], costs: list[int]
) -> None:
    """The locations chosen are those the exhaustive search chose (the fewest, then the
    most in market, then the cheapest, then by code)."""
    sites = [
        Location(code, "DE" if index % 2 else "AT", cost=cost)
        for index, (code, cost) in enumerate(zip(_codes, costs, strict=True))
    ]
    routing = route_order(order, sites, stock, "DE")
    used = {item.location for item in routing.assignments}
    assert tuple(sorted(used)) == _fewest_by_brute_force(order, sites, stock)
