"""Money the inventory rules compute: in the currency's minor units, by one rounding rule,
and never beyond the library's range of numbers (below 10^18, ``_numbers.MAX_MAGNITUDE``).

The rule, on every basis and in every result: each SKU's (or line's, or cost's) exact
value is rounded once, half-up, to the minor unit; a total is the sum of the rounded
parts shown. A unit cost finer than the minor unit (EUR 0.333) is normal input. A value
or a total of 10^18 or more is refused with an ``InvalidInventoryError`` naming what to
check, as ``metrics.cash_conversion_cycle_from_figures`` refuses the same days.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit._numbers import MAX_MAGNITUDE
from commercekit.errors import InvalidInventoryError, InvalidMetricError
from commercekit.inventory import (
    CostLayer,
    DemandProfile,
    LeadTime,
    ReorderItem,
    ServiceLevelTable,
    Shortfall,
    Simulation,
    Supplier,
    days_of_inventory,
    days_of_supply,
    days_sales_in_inventory,
    economic_order_quantity,
    inventory_turnover,
    newsvendor,
    reorder_run,
    simulation_costs,
    stock_value,
    stock_value_from_layers,
)
from commercekit.metrics import cash_conversion_cycle_from_figures
from commercekit.money import Money, RoundingMode, round_money, sum_money

D = Decimal
BIG = 10**17


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


# -- Stock values: one rounding rule on every basis ------------------------------------


def test_a_unit_cost_finer_than_a_cent_gives_a_value_in_cents() -> None:
    stock = stock_value({"PIN": 3}, {"PIN": eur("0.333")})
    assert stock.total == eur("1.00")
    assert stock.lines[0].why == "3 x 0.333 EUR = 0.999 EUR, rounded half-up to 1.00 EUR"


def test_each_sku_is_rounded_then_the_total_is_their_sum() -> None:
    # Two half cents, each rounded up to a cent: EUR 0.02, not the EUR 0.01 a rounded
    # exact total would give. The total is the sum of the values shown.
    stock = stock_value({"A": 1, "B": 1}, {"A": eur("0.005"), "B": eur("0.005")})
    assert [line.value for line in stock.lines] == [eur("0.01"), eur("0.01")]
    assert stock.total == eur("0.02")


def test_fifo_and_the_average_round_the_same_way() -> None:
    layers = {"PIN": [CostLayer(2, eur("0.3333")), CostLayer(1, eur("0.3334"))]}
    fifo = stock_value_from_layers({"PIN": 3}, layers, "fifo")
    # 1 x 0.3334 + 2 x 0.3333 = 1.0000 exactly: already in cents.
    assert fifo.total == eur("1.00")
    one = stock_value_from_layers({"PIN": 1}, layers, "fifo")
    assert one.lines[0].why == (
        "FIFO, newest receipts first: 1 x 0.3334 EUR = 0.3334 EUR, rounded half-up to "
        "0.33 EUR"
    )
    average = stock_value_from_layers({"PIN": 1}, layers, "weighted_average")
    assert average.total == eur("0.33")


_mills = st.integers(0, 10**7).map(lambda n: eur(D(n).scaleb(-3)))


@given(st.integers(0, 10**9), _mills)
def test_every_basis_values_one_cost_alike(units: int, cost: Money) -> None:
    """Units all bought at one cost: the unit-cost, FIFO and weighted-average values are
    the same, units x cost rounded half-up to the cent."""
    expected = round_money(cost * units, mode=RoundingMode.HALF_UP)
    on_hand = {"SKU": units}
    layers = {"SKU": [CostLayer(max(units, 1), cost)]}
    assert stock_value(on_hand, {"SKU": cost}).total == expected
    for basis in ("fifo", "weighted_average"):
        assert stock_value_from_layers(on_hand, layers, basis).total == expected


@given(
    st.dictionaries(st.sampled_from("ABCDEFGH"), st.tuples(st.integers(0, 10**6), _mills))
)
def test_values_are_in_cents_and_the_total_is_their_sum(
    stock: dict[str, tuple[int, Money]],
) -> None:
    """Each value is units x cost rounded half-up to the cent; total == their sum."""
    if not stock:
        return
    value = stock_value(
        {sku: units for sku, (units, _) in stock.items()},
        {sku: cost for sku, (_, cost) in stock.items()},
    )
    for line in value.lines:
        units, cost = stock[line.sku]
        assert line.value == round_money(cost * units, mode=RoundingMode.HALF_UP)
        assert line.value.amount == line.value.amount.quantize(D("0.01"))
    assert value.total == sum_money((line.value for line in value.lines), "EUR")


def test_a_stock_value_beyond_the_range_is_refused() -> None:
    # The reviewer's 10^17 units at EUR 100: 10^19, past the 10^18 every number keeps to.
    with pytest.raises(InvalidInventoryError, match="out of range") as refused:
        stock_value({"A": BIG}, {"A": eur(100)})
    assert refused.value.field == "on_hand['A']"
    assert "check the count and the cost" in str(refused.value)
    layers = {"A": [CostLayer(BIG, eur(100))]}
    for basis in ("fifo", "weighted_average"):
        with pytest.raises(InvalidInventoryError, match="out of range"):
            stock_value_from_layers({"A": BIG}, layers, basis)
    # Each SKU in range, their total not.
    near = {"A": BIG - 1, "B": BIG - 1}
    with pytest.raises(InvalidInventoryError, match="value fewer SKUs at a time"):
        stock_value(near, {"A": eur("9.99"), "B": eur("9.99")})
    # Just inside: 10^18 less a cent is taken.
    edge = stock_value({"A": 1}, {"A": eur(MAX_MAGNITUDE - 1) + eur("0.99")})
    assert edge.total.amount == D(MAX_MAGNITUDE) - D("0.01")


def test_days_beyond_the_range_are_refused_as_metrics_refuses_them() -> None:
    stock = stock_value({"A": BIG}, {"A": eur(9)})
    cent = eur("0.01")
    with pytest.raises(
        InvalidInventoryError, match="the days of inventory, stock /"
    ) as got:
        days_sales_in_inventory(stock, cent, days=365)
    assert got.value.field == "cost_of_goods_sold"  # the argument, not the result's name
    with pytest.raises(InvalidMetricError, match="out of range"):
        cash_conversion_cycle_from_figures(stock, cent, cent, cent, cent, days=365)
    with pytest.raises(InvalidInventoryError, match="the turnover"):
        inventory_turnover(eur(BIG), cent)
    with pytest.raises(InvalidInventoryError, match="the days of inventory"):
        days_of_inventory(cent, eur(BIG), 365)
    with pytest.raises(InvalidInventoryError, match="give demand_per_day above"):
        days_of_supply(BIG, D("0.001"))
    assert days_sales_in_inventory(stock, eur(BIG), days=365) == D("3285.0000")


# -- Other money results ---------------------------------------------------------------


def _run(on_hand: tuple[int, ...]) -> Simulation:
    return Simulation(
        periods=len(on_hand), initial_on_hand=on_hand[0], demanded=0, served=0, short=0,
        backorders=0, received=0, orders_placed=0, cycles=0, stockout_cycles=0,
        stockout_periods=0, fill_rate=D(1), cycle_service_level=None,
        average_on_hand=D(sum(on_hand)) / len(on_hand), on_hand=on_hand,
        shortfall=Shortfall.LOST_SALES,
    )  # fmt: skip


def test_simulation_costs_are_in_cents_and_refused_beyond_the_range() -> None:
    costs = simulation_costs(_run((3, 3)), eur("0.333"), D("0.1"), eur("0.01"))
    # Average 3 units x 0.333 = 0.999 -> 1.00; holding 6 x 0.333 x 0.1 = 0.1998 -> 0.20.
    assert (costs.average_stock_value, costs.holding_cost) == (eur("1.00"), eur("0.20"))
    with pytest.raises(InvalidInventoryError, match="the average stock value") as refused:
        simulation_costs(_run((BIG, BIG)), eur(100), D("0.1"), eur(1))
    assert "out of range" in str(refused.value)
    assert refused.value.field == "unit_cost"


def test_order_costs_beyond_the_range_are_refused_by_field() -> None:
    with pytest.raises(InvalidInventoryError, match="the cost per period") as refused:
        economic_order_quantity(BIG, eur(BIG), eur(BIG))
    assert refused.value.field == "demand_rate"  # the first argument the cost grows with
    with pytest.raises(InvalidInventoryError, match="expected_cost"):
        newsvendor(DemandProfile(BIG, BIG), eur(BIG), eur(BIG))


# -- Reorder cash: lines in cents; the minimum and the budget on the cash shown ----------


def _pins(needed: int, cost: str, pack: int = 1, sku: str = "PIN") -> ReorderItem:
    # No spread and a cycle service level: r = mean x lead time = `needed`; one pin on
    # the shelf, so the (r, Q) order with Q = 1 lifts the position to needed + 1.
    return ReorderItem(
        sku, "BADGES", 1, 0, 0, DemandProfile(needed, 0), LeadTime(1), 1,
        eur(cost), "A", "X", pack_size=pack,
    )  # fmt: skip


TABLE = ServiceLevelTable(measure="cycle_service_level")


def test_a_line_costing_fractions_of_a_cent_is_in_cents() -> None:
    run = reorder_run([_pins(3, "0.333")], [Supplier("BADGES")], TABLE)
    (line,) = run.lines
    assert (line.quantity, line.cash) == (3, eur("1.00"))
    assert run.cash == run.orders[0].cash == eur("1.00")


def test_the_budget_keeps_what_its_rounded_cash_pays_for() -> None:
    # 10 pins at 0.333 with EUR 0.999 to spend: 3 pins come to 0.999, shown as EUR 1.00,
    # over the budget; 2 come to EUR 0.67. (Dividing the exact amounts would keep 3.)
    run = reorder_run(
        [_pins(10, "0.333")], [Supplier("BADGES")], TABLE, budget=eur("0.999")
    )
    assert (run.lines[0].quantity, run.cash) == (2, eur("0.67"))
    # 0.3349 a pin with EUR 1.00: 3 pins are 1.0047, shown as EUR 1.00: they fit.
    fits = reorder_run([_pins(10, "0.3349")], [Supplier("BADGES")], TABLE, budget=eur(1))
    assert (fits.lines[0].quantity, fits.cash) == (3, eur("1.00"))


def test_the_minimum_is_reached_with_the_fewest_packs_as_rounded() -> None:
    # 1 pin at 0.333 (EUR 0.33) against a EUR 1.00 minimum: 2 more pins bring the line
    # to 0.999, shown as EUR 1.00, which meets it. (Counting the EUR 0.67 missing at the
    # exact price would add 3.)
    run = reorder_run(
        [_pins(1, "0.333")], [Supplier("BADGES", eur(1))], TABLE, below_minimum="raise"
    )
    (line,) = run.lines
    assert (line.quantity, line.cash, line.outcome.value) == (3, eur("1.00"), "raised")
    assert run.orders[0].placed


def test_reorder_cash_beyond_the_range_is_refused() -> None:
    with pytest.raises(InvalidInventoryError, match="out of range") as refused:
        reorder_run([_pins(100, str(BIG))], [Supplier("BADGES")], TABLE)
    assert refused.value.field == "items['PIN']"
    items = [_pins(9, str(BIG), sku=f"P{index}") for index in range(2)]
    with pytest.raises(InvalidInventoryError, match="run fewer SKUs at a time"):
        reorder_run(items, [Supplier("BADGES")], TABLE)


_fine = st.integers(1, 5000).map(lambda n: eur(D(n).scaleb(-3)))


@given(
    st.lists(st.tuples(st.integers(1, 60), _fine, st.sampled_from([1, 6])), min_size=1,
             max_size=5),
    st.none() | st.integers(0, 20000).map(lambda n: eur(D(n).scaleb(-3))),
    st.none() | st.integers(0, 20000).map(lambda n: eur(D(n).scaleb(-3))),
)  # fmt: skip
def test_cash_in_cents_within_the_budget_and_the_minimum(
    lines: list[tuple[int, Money, int]], budget: Money | None, minimum: Money | None
) -> None:
    """Unit costs in tenths of a cent, a budget and a minimum too: each line's cash ==
    quantity x unit cost rounded half-up to the cent; a placed order reaches its
    minimum; the run's cash is at most the budget."""
    items = [
        _pins(needed, str(cost.amount), pack, sku=f"S{index}")
        for index, (needed, cost, pack) in enumerate(lines)
    ]
    run = reorder_run(
        items, [Supplier("BADGES", minimum)], TABLE, budget=budget, below_minimum="raise"
    )
    for line in run.lines:
        exact = line.unit_cost * line.quantity
        assert line.cash == round_money(exact, mode=RoundingMode.HALF_UP)
    for order in run.orders:
        assert not order.placed or order.meets_minimum
    if budget is not None:
        assert run.cash <= budget
