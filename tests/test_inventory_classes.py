"""ABC/XYZ classes, ranking, stock health ratios, available-to-promise and routing."""

from __future__ import annotations

from decimal import Decimal

import moneyed
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError
from commercekit.inventory import (
    ChannelBuffer,
    DemandProfile,
    Location,
    Reservation,
    SalesRecord,
    ServiceLevelTable,
    abc_classes,
    available_to_promise,
    days_of_inventory,
    days_of_supply,
    inventory_turnover,
    rank_products,
    route_order,
    sell_through,
    stock_out_rate,
    xyz_classes,
)
from commercekit.money import Money

D = Decimal
EUR = Money("1", "EUR")


# -- ABC and XYZ --------------------------------------------------------------------


def test_abc_by_revenue_with_both_crossing_rules() -> None:
    # Ten SKUs, revenue 40 % / 25 % / 10 % / 8 % / 5 % / 4 % / 3 % / 2 % / 2 % / 1 %.
    revenue = {
        f"S{i:02d}": Money(amount, "EUR")
        for i, amount in enumerate([4000, 2500, 1000, 800, 500, 400, 300, 200, 200, 100])
    }
    upper = abc_classes(revenue)
    # Cumulative: 40, 65, 75, 83, 88, 92, 95, 97, 99, 100. The item that crosses 80 %
    # (S03: 75 -> 83) stays in A; the one that reaches 95 % exactly (S06) is in B.
    assert "".join(item.abc for item in upper) == "AAAABBBCCC"
    lower = abc_classes(revenue, crossing="lower")
    assert "".join(item.abc for item in lower) == "AAABBBBCCC"
    assert [item.cumulative_share for item in upper][-1] == 1


def test_abc_items_without_value_fall_in_the_last_class() -> None:
    items = abc_classes({"A1": 90, "LOSS": -20, "NONE": 0, "B1": 10})
    assert [(item.sku, item.abc) for item in items] == [
        ("A1", "A"),
        ("B1", "B"),
        ("NONE", "C"),
        ("LOSS", "C"),
    ]


def test_xyz_and_the_service_level_table() -> None:
    classes = xyz_classes(
        {
            "STEADY": DemandProfile(100, 20),  # CV 0.2
            "LUMPY": DemandProfile(100, 80),  # CV 0.8
            "RARE": DemandProfile(2, 5),  # CV 2.5
            "DEAD": DemandProfile(0, 0),
        }
    )
    assert classes == {"DEAD": "Z", "LUMPY": "Y", "RARE": "Z", "STEADY": "X"}
    table = ServiceLevelTable()
    assert table.level("A", "X") == D("0.95")
    assert table.level("C", "Z") == D("0.85")
    assert ServiceLevelTable({"AX": "0.98"}).level("A", "X") == D("0.98")


@given(
    st.dictionaries(
        st.text("ABCDEFGH", min_size=1, max_size=3),
        st.integers(min_value=-50, max_value=10_000),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from(["upper", "lower"]),
)
def test_abc_covers_every_item_exactly_once(values: dict[str, int], crossing: str) -> None:
    items = abc_classes(values, crossing=crossing)
    assert sorted(item.sku for item in items) == sorted(values)
    assert [item.rank for item in items] == list(range(1, len(values) + 1))
    classes = [item.abc for item in items]
    assert classes == sorted(classes)  # higher value, same or better class
    assert set(classes) <= {"A", "B", "C"}


# -- ranking and health ---------------------------------------------------------------


def test_ranking_prefers_steady_profitable_sellers() -> None:
    ranked = rank_products(
        [
            SalesRecord("TEE", 400, Money("1200", "EUR"), 12, 12),  # 100 a week, weekly
            SalesRecord("BULK", 90, Money("1800", "EUR"), 12, 2),  # 150 a week, twice
            SalesRecord("MUG", 300, Money("600", "EUR"), 12, 12),
        ]
    )
    assert [(item.sku, item.score) for item in ranked] == [
        ("TEE", D("100.0000")),
        ("MUG", D("50.0000")),
        ("BULK", D("25.0000")),
    ]
    assert ranked[0].margin_per_period == Money("100", "EUR")


def test_health_ratios() -> None:
    # COGS EUR 120,000 a year over an average inventory of EUR 20,000: 6 turns,
    # 365 / 6 = 60.83 days of inventory.
    assert inventory_turnover(Money("120000", "EUR"), Money("20000", "EUR")) == 6
    assert days_of_inventory(Money("120000", "EUR"), Money("20000", "EUR")) == D("60.8333")
    assert days_of_supply(450, "30") == 15
    assert sell_through(340, 400, beginning_on_hand=100) == D("0.68")
    assert stock_out_rate(3, 90) == D("0.0333")


# -- available to promise -------------------------------------------------------------


def test_atp_per_location_and_channel() -> None:
    atp = available_to_promise(
        {"NL": {"TEE": 40, "MUG": 3}, "DE": {"TEE": 15}},
        reservations=[Reservation("NL", "TEE", 12), Reservation("NL", "MUG", 5)],
        channels=["web", "marketplace"],
        buffers=[ChannelBuffer("marketplace", 5), ChannelBuffer("marketplace", 0, "MUG")],
    )
    assert atp.by_location == {"DE": {"TEE": 15}, "NL": {"MUG": 0, "TEE": 28}}
    assert atp.for_channel("web", "TEE") == 43
    assert atp.for_channel("marketplace", "TEE") == 38
    assert atp.for_channel("marketplace", "MUG") == 0  # over-reserved: never negative
    assert atp.for_channel("web", "CAP") == 0


@given(
    st.dictionaries(
        st.sampled_from(["NL", "DE", "FR"]),
        st.dictionaries(st.sampled_from(["TEE", "MUG"]), st.integers(0, 50), min_size=1),
        min_size=1,
    ),
    st.lists(st.tuples(st.sampled_from(["TEE", "MUG"]), st.integers(0, 80)), max_size=4),
    st.integers(0, 100),
)
def test_atp_is_never_negative(
    stock: dict[str, dict[str, int]], holds: list[tuple[str, int]], buffer: int
) -> None:
    location = sorted(stock)[0]
    atp = available_to_promise(
        stock,
        reservations=[Reservation(location, sku, qty) for sku, qty in holds],
        channels=["web", "app"],
        buffers=[ChannelBuffer("app", buffer)],
    )
    for table in (*atp.by_location.values(), *atp.by_channel.values()):
        assert all(count >= 0 for count in table.values())
    for sku, total in atp.by_channel["web"].items():
        assert atp.by_channel["app"][sku] <= total


# -- routing ------------------------------------------------------------------------

SITES = [
    Location("NL-AMS", "NL", cost=6),
    Location("DE-BER", "DE", cost=4),
    Location("PL-WAW", "PL", cost=3),
]
STOCK = {
    "NL-AMS": {"TEE": 10, "MUG": 5, "CAP": 1},
    "DE-BER": {"TEE": 10, "CAP": 2},
    "PL-WAW": {"TEE": 10, "MUG": 5},
}


def test_fewest_shipments_first() -> None:
    routing = route_order({"TEE": 2, "MUG": 1}, SITES, STOCK, "DE")
    # DE-BER is in market but has no mugs; PL-WAW (cost 3) beats NL-AMS (cost 6).
    assert routing.locations == ("PL-WAW",)
    assert routing.shipments == 1


def test_then_in_market() -> None:
    routing = route_order({"TEE": 2}, SITES, STOCK, "DE")
    assert routing.locations == ("DE-BER",)
    assert routing.assignments[0].why == "DE-BER (in market) holds 10"


def test_a_split_when_no_location_holds_everything() -> None:
    routing = route_order({"TEE": 25, "CAP": 3}, SITES, STOCK, "DE")
    # CAP needs NL-AMS and DE-BER together; they hold 20 tees, so a third is needed.
    assert routing.shipments == 3
    assert {(a.sku, a.location, a.quantity) for a in routing.assignments} == {
        ("CAP", "DE-BER", 2),
        ("CAP", "NL-AMS", 1),
        ("TEE", "DE-BER", 10),
        ("TEE", "PL-WAW", 10),
        ("TEE", "NL-AMS", 5),
    }


def test_dropship_and_unfilled() -> None:
    routing = route_order(
        {"TEE": 1, "POSTER": 2, "HAT": 1},
        SITES,
        STOCK,
        "FR",
        dropship={"POSTER": "PRINTCO"},
    )
    assert [(a.sku, a.location) for a in routing.dropshipped] == [("POSTER", "PRINTCO")]
    assert routing.unfilled == {"HAT": 1}
    assert routing.shipments == 2
    assert "no stock anywhere for: HAT" in routing.why


@given(
    st.dictionaries(
        st.sampled_from(["A", "B", "C", "D"]),
        st.dictionaries(st.sampled_from(["X", "Y", "Z"]), st.integers(0, 9)),
    ),
    st.dictionaries(st.sampled_from(["X", "Y", "Z"]), st.integers(1, 12), min_size=1),
)
def test_routing_never_takes_more_than_a_location_holds(
    stock: dict[str, dict[str, int]], order: dict[str, int]
) -> None:
    sites = [Location(code, "DE" if code < "C" else "AT") for code in "ABCD"]
    routing = route_order(order, sites, stock, "DE")
    taken: dict[tuple[str, str], int] = {}
    for item in routing.assignments:
        key = (item.location, item.sku)
        taken[key] = taken.get(key, 0) + item.quantity
    for (location, sku), quantity in taken.items():
        assert quantity <= stock.get(location, {}).get(sku, 0)
    for sku, quantity in order.items():
        routed = sum(a.quantity for a in routing.assignments if a.sku == sku)
        assert routed in {0, quantity}
        assert (routed == quantity) != (sku in routing.unfilled)


# -- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: abc_classes({}), "non-empty"),
        (lambda: abc_classes({"A": 1.5}), "float"),
        (lambda: abc_classes({"A": 1}, (80, 15)), "add up to 100"),
        (lambda: abc_classes({"A": 1}, crossing="middle"), "'upper'"),
        (lambda: abc_classes({"A": EUR, "B": Money("1", "USD")}), "different currencies"),
        (lambda: xyz_classes({"A": (1, 2)}), "DemandProfile"),  # type: ignore[dict-item]
        (lambda: xyz_classes({}, ("1", "0.5")), "must rise"),
        (lambda: ServiceLevelTable({"AX": 95}), "between 0 and 1"),
        (lambda: ServiceLevelTable().level("D", "X"), "no service level"),
        (lambda: rank_products([SalesRecord("A", 1, EUR, 0, 0)]), "greater than zero"),
        (lambda: rank_products([SalesRecord("A", 1, EUR, 4, 5)]), "cannot exceed"),
        (lambda: inventory_turnover(EUR, Money("0", "EUR")), "greater than zero"),
        (lambda: inventory_turnover(EUR, Money("1", "USD")), "different currencies"),
        (lambda: days_of_supply(-1, 3), "zero or more"),
        (lambda: days_of_supply(10, 0), "greater than zero"),
        (lambda: sell_through(5, 4), "exceeds"),
        (lambda: stock_out_rate(1, 0), "greater than zero"),
        (lambda: available_to_promise({"NL": {"TEE": -1}}), "zero or more"),
        (
            lambda: available_to_promise({"NL": {"TEE": 1}}, [Reservation("XX", "TEE", 1)]),
            "known",
        ),
        (
            lambda: available_to_promise({"NL": {}}, buffers=[ChannelBuffer("shop", 1)]),
            "channels",
        ),
        (
            lambda: route_order({"TEE": 1}, SITES, {"XX": {"TEE": 1}}, "DE"),
            "known location",
        ),
        (lambda: route_order({"TEE": 0}, SITES, STOCK, "DE"), "greater than zero"),
        (lambda: route_order({"TEE": 1}, SITES, STOCK, "Germany"), "alpha-2"),
        (lambda: route_order({"TEE": 1}, SITES, STOCK, "ZZ"), "alpha-2"),
        (lambda: Location("X", "ZZ"), "alpha-2"),
        (lambda: route_order({"TEE": 1}, [*SITES, SITES[0]], STOCK, "DE"), "twice"),
        (lambda: Location("", "DE"), "location code"),
        (lambda: Location("A", "DE", cost=1.5), "float"),
        (lambda: ServiceLevelTable({"AQ": "0.9"}), "an ABC letter and an XYZ letter"),
        (lambda: ServiceLevelTable().level(10**10000, "X"), "not text"),  # type: ignore[arg-type]
        (lambda: xyz_classes({}, ("0.5",)), "two bounds"),  # type: ignore[arg-type]
        (lambda: available_to_promise({"NL": {"TEE": 1}}, channels="web"), "not a list"),
        (lambda: available_to_promise({"NL": {"TEE": 1}}, channels=[]), "each sales"),
        (
            lambda: route_order({"TEE": 1}, SITES, STOCK, "DE", dropship="X"),  # type: ignore[arg-type]
            "mapping",
        ),
        (
            lambda: SalesRecord("A", 1, moneyed.Money(Decimal("NaN"), "EUR"), 1, 1),
            "contribution_margin=.* not a finite number",
        ),
        (lambda: SalesRecord("A", 1, EUR, 4, 5), "cannot exceed"),
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(CommerceKitError, match=message):
        call()  # type: ignore[operator]
