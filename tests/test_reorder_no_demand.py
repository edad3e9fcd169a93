"""No demand expected, nothing ordered; and the budget's shortfall, measured as it says.

The rule (Silver, Pyke and Thomas, 4th ed., on the (s, Q) and (s, S) systems: an order
is due when the inventory position *drops* to the reorder point or lower; Chopra and
Meindl, ch. 12: an order is placed when inventory declines to the reorder point): only
demand makes the position drop, so with ``DemandProfile(0, 0)`` a position at or above
0 orders nothing, whatever the policy; a position below 0 (units owed to customers) is
still served by the policy's own rule. Without the demand, ``reorder`` reads the
position as having dropped there, as before.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import InvalidInventoryError, InvalidTypeError
from commercekit.inventory import (
    DemandProfile,
    LeadTime,
    MinMaxPolicy,
    MovingAverage,
    OrderUpToPolicy,
    ReorderItem,
    ReorderPointPolicy,
    SalesHistory,
    ServiceLevelTable,
    Supplier,
    demand_from_forecast,
    forecast,
    order_up_to_policy,
    reorder,
    reorder_run,
    simulate,
)
from commercekit.money import Money

NONE = DemandProfile(0, 0)
NOTHING = "no demand expected: nothing to order"


def _dead(
    on_hand: int = 0, backorders: int = 0, demand: DemandProfile = NONE
) -> ReorderItem:
    return ReorderItem(
        "DEAD", "ACME", on_hand, 0, backorders, demand, LeadTime(2), 50,
        Money("3", "EUR"), "C", "Z",
    )  # fmt: skip


def test_the_reviewers_product_that_never_sells_is_not_reordered() -> None:
    # Twelve weeks without a sale: a moving average of 0 with an RMSE of 0, so the
    # demand over the lead time has mean 0 and spread 0 and the reorder point is 0.
    history = SalesHistory([0] * 12, start=date(2026, 1, 5), period="week")
    demand = demand_from_forecast(
        forecast(history, MovingAverage(4), horizon=2), LeadTime(2)
    )
    assert (demand.over_lead_time.mean, demand.over_lead_time.std_dev) == (0, 0)
    run = reorder_run(
        [_dead(demand=demand.profile)], [Supplier("ACME")], ServiceLevelTable()
    )
    (line,) = run.lines
    assert (line.reorder_point, line.inventory_position) == (0, 0)
    assert (line.needed, line.quantity, line.outcome.value) == (0, 0, "not_needed")
    assert run.cash == Money("0.00", "EUR")
    assert run.orders == ()
    assert NOTHING in line.why


def test_a_profile_of_no_demand_with_no_stock_is_not_reordered() -> None:
    run = reorder_run([_dead()], [Supplier("ACME")], ServiceLevelTable())
    assert run.lines[0].quantity == 0
    assert run.lines[0].why.endswith(
        "inventory position 0 + 0 - 0 = 0; no demand expected: nothing to order (the "
        "demand per period has a mean and a standard deviation of 0)"
    )


def test_units_owed_are_still_ordered_when_no_demand_is_expected() -> None:
    # Five units owed to customers: position -5 is below r = 0, so one Q of 50 lifts it.
    run = reorder_run([_dead(backorders=5)], [Supplier("ACME")], ServiceLevelTable())
    (line,) = run.lines
    assert (line.inventory_position, line.quantity) == (-5, 50)
    assert "(no demand expected, but 5 units are owed to customers)" in line.why
    assert run.cash == Money("150.00", "EUR")


@pytest.mark.parametrize(
    "policy",
    [ReorderPointPolicy(0, 50), ReorderPointPolicy(20, 50), MinMaxPolicy(0, 40),
     MinMaxPolicy(10, 40), OrderUpToPolicy(7, 30)],
)  # fmt: skip
def test_every_policy_orders_nothing_without_demand(
    policy: ReorderPointPolicy | MinMaxPolicy | OrderUpToPolicy,
) -> None:
    decision = reorder(0, 0, 0, policy, demand=NONE)
    assert (decision.quantity, decision.inventory_position) == (0, 0)
    assert NOTHING in decision.why
    # The same position read without the demand: the textbook trigger, as before.
    assert reorder(0, 0, 0, policy).quantity > 0


def test_an_order_up_to_policy_for_no_demand_orders_nothing() -> None:
    policy = order_up_to_policy(NONE, LeadTime(2), 7, "0.95")
    assert policy.order_up_to == 0
    assert reorder(0, 0, 0, policy, demand=NONE).quantity == 0


def test_a_forecast_of_zero_with_a_spread_still_expects_sales() -> None:
    # Mean 0, standard deviation 2: under the normal model demand below zero counts as
    # none, so some sales are expected. Served to a cycle service level the reorder
    # point is above 0; to a fill rate with Q = 50 it is below 0, taken as 0, and the
    # position of 0 is at it: a sale may come, so the order is due, as the textbooks'
    # trigger says.
    spread = DemandProfile(0, 2)
    for table in (ServiceLevelTable(measure="cycle_service_level"), ServiceLevelTable()):
        run = reorder_run([_dead(demand=spread)], [Supplier("ACME")], table)
        assert run.lines[0].quantity == 50
        assert NOTHING not in run.lines[0].why
    # z = Phi^-1(0.85) = 1.0364; sigma over 2 periods = 2 x sqrt(2) = 2.8284.
    cycle = ServiceLevelTable(measure="cycle_service_level")
    (line,) = reorder_run([_dead(demand=spread)], [Supplier("ACME")], cycle).lines
    assert line.reorder_point == Decimal("2.9314")


def test_the_demand_must_be_a_demand_profile() -> None:
    with pytest.raises(InvalidInventoryError, match="is not a DemandProfile") as refused:
        reorder(0, 0, 0, ReorderPointPolicy(0, 50), demand=(0, 0))  # type: ignore[arg-type]
    assert isinstance(refused.value, InvalidTypeError)
    assert refused.value.field == "demand"


@pytest.mark.parametrize(
    "policy", [ReorderPointPolicy(0, 50), MinMaxPolicy(0, 40), OrderUpToPolicy(7, 30)]
)
def test_a_simulation_with_no_demand_orders_nothing(
    policy: ReorderPointPolicy | MinMaxPolicy | OrderUpToPolicy,
) -> None:
    run = simulate(policy, NONE, LeadTime(2), 30, seed=1, initial_on_hand=0)
    assert (run.orders_placed, run.demanded, run.received) == (0, 0, 0)
    assert run.fill_rate == 1
    # With demand the same start orders at once.
    assert simulate(policy, DemandProfile(5, 1), LeadTime(2), 30, seed=1,
                    initial_on_hand=0).orders_placed > 0  # fmt: skip


_policies = st.one_of(
    st.builds(ReorderPointPolicy, st.integers(0, 300), st.integers(1, 200)),
    st.integers(0, 300).flatmap(
        lambda low: st.builds(MinMaxPolicy, st.just(low), st.integers(low + 1, low + 500))
    ),
    st.builds(OrderUpToPolicy, st.integers(1, 14), st.integers(0, 500)),
)


@given(st.integers(0, 400), st.integers(0, 400), st.integers(0, 400), _policies)
def test_no_demand_orders_only_what_customers_are_owed(
    on_hand: int,
    on_order: int,
    backorders: int,
    policy: ReorderPointPolicy | MinMaxPolicy | OrderUpToPolicy,
) -> None:
    """With DemandProfile(0, 0): nothing at a position of 0 or more; below 0, exactly
    what the policy orders without the demand."""
    decision = reorder(on_hand, on_order, backorders, policy, demand=NONE)
    plain = reorder(on_hand, on_order, backorders, policy)
    if decision.inventory_position >= 0:
        assert decision.quantity == 0
    else:
        assert decision.quantity == plain.quantity > 0


@given(st.integers(0, 400), st.integers(0, 100), _policies, st.integers(1, 50))
def test_any_demand_reads_the_position_as_before(
    on_hand: int,
    backorders: int,
    policy: ReorderPointPolicy | MinMaxPolicy | OrderUpToPolicy,
    mean: int,
) -> None:
    """With demand expected, the demand changes nothing: the textbook trigger stands."""
    demand = DemandProfile(mean, 0)
    assert reorder(on_hand, 0, backorders, policy, demand=demand) == reorder(
        on_hand, 0, backorders, policy
    )


# -- The budget's shortfall priority, as docs/inventory.md section 10 states it -------


def _short(sku: str, on_hand: int, mean: int, std_dev: int = 0) -> ReorderItem:
    return ReorderItem(
        sku, "ACME", on_hand, 0, 0, DemandProfile(mean, std_dev), LeadTime(1), 100,
        Money("1.00", "EUR"), "A", "X",
    )  # fmt: skip


def test_the_shortfall_is_counted_in_periods_of_demand_not_units() -> None:
    # No spread and a cycle service level: r = the mean over one period. HOODIE sells
    # 60 a period and holds 26: 34 units, 0.57 periods short. TEE sells 250 and holds
    # 192: 58 units, 0.23 periods short. A budget for one order keeps HOODIE.
    table = ServiceLevelTable(measure="cycle_service_level")
    items = [_short("HOODIE", 26, 60), _short("TEE", 192, 250)]
    run = reorder_run(
        items,
        [Supplier("ACME")],
        table,
        budget=Money("100.00", "EUR"),
        priority="shortfall",
    )
    lines = {line.sku: line for line in run.lines}
    assert lines["HOODIE"].reorder_point - lines["HOODIE"].inventory_position == 34
    assert lines["TEE"].reorder_point - lines["TEE"].inventory_position == 58
    assert (lines["HOODIE"].outcome.value, lines["TEE"].outcome.value) == ("ordered", "cut")


def test_a_sku_with_no_mean_demand_ranks_after_every_sku_with_demand() -> None:
    # SPREAD has a mean of 0 (and a spread, so it is ordered): it has no periods of
    # demand to count, so it comes after SLOW, which is only 1 unit short at 100 a
    # period, however many units SPREAD is short.
    table = ServiceLevelTable(measure="cycle_service_level")
    items = [_short("SPREAD", 0, 0, 30), _short("SLOW", 99, 100)]
    run = reorder_run(
        items,
        [Supplier("ACME")],
        table,
        budget=Money("100.00", "EUR"),
        priority="shortfall",
    )
    lines = {line.sku: line for line in run.lines}
    assert lines["SPREAD"].reorder_point > 1
    assert (lines["SLOW"].outcome.value, lines["SPREAD"].outcome.value) == (
        "ordered",
        "cut",
    )
    # Between two SKUs with no mean demand, the more units short goes first.
    pair = [_short("FEW", 0, 0, 5), _short("MANY", 0, 0, 40)]
    kept = reorder_run(
        pair, [Supplier("ACME")], table, budget=Money("100.00", "EUR"), priority="shortfall"
    )
    assert [line.outcome.value for line in kept.lines] == ["cut", "ordered"]
    assert kept.lines[0].reorder_point < kept.lines[1].reorder_point == Decimal("65.7941")
