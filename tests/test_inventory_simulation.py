"""Simulating a policy: the service levels the formulas promise, seeds, units, bad input.

The formulas of ``safety_stock_for_fill_rate`` and ``safety_stock_for_cycle_service``
rest on a normal approximation of lead-time demand; the simulation draws whole units,
truncates demand at zero and floors the reorder point to whole units. The tests check
that a policy solved for a target achieves it within a stated tolerance over a long run
with a fixed seed, and say where the tolerance comes from.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from commercekit.errors import InvalidInventoryError
from commercekit.inventory import (
    MAX_ORDERS,
    MAX_PERIODS,
    DemandDistribution,
    DemandProfile,
    LeadTime,
    MinMaxPolicy,
    ReorderPointPolicy,
    Shortfall,
    Simulation,
    lead_time_demand,
    order_up_to_policy,
    safety_stock_for_cycle_service,
    safety_stock_for_fill_rate,
    simulate,
)

D = Decimal

# Daily demand N(100, 30^2), a fixed 4-day lead time: sigma_L = 60 units.
DAILY = DemandProfile(100, 30)
FOUR_DAYS = LeadTime(4)
COVER = lead_time_demand(DAILY, FOUR_DAYS)
PERIODS = 40_000


def test_a_policy_solved_for_a_95_percent_fill_rate_serves_95_percent() -> None:
    # Q = 1,000 (ten days): G(k) = 0.05 x 1000 / 60, k = -0.6874, r = 358.7576.
    stock = safety_stock_for_fill_rate(COVER, "0.95", 1000)
    assert stock.reorder_point == D("358.7576")
    run = simulate(
        ReorderPointPolicy(stock.reorder_point, 1000),
        DAILY,
        FOUR_DAYS,
        PERIODS,
        seed=20_240_501,
    )
    # Achieved: 0.9462 over 4,000 cycles; over eight other seeds the mean is 0.9472 and
    # the run-to-run standard deviation 0.0007. The formula's ESC is 50 units a cycle;
    # the run is short about 53.9: the order goes out at the whole-unit position
    # floor(r) = 358 (+0.6 units), and the reorder point is more often crossed on a busy
    # day, whose rest stays busy (length-biased sampling: about sd^2 / (2 x mean) = 4.5
    # more units to cover, which the normal approximation of lead-time demand ignores).
    # Tolerance 0.01: that bias (about 0.004) plus over five standard deviations of noise.
    assert run.fill_rate == D("0.9462")
    assert abs(run.fill_rate - D("0.95")) <= D("0.01")
    assert run.cycles >= 3900


def test_a_policy_solved_for_a_90_percent_cycle_service_level_achieves_it() -> None:
    # Q = 500 (five days) gives 8,000 cycles; r = 400 + 1.2816 x 60 = 476.8931.
    stock = safety_stock_for_cycle_service(COVER, "0.90")
    assert stock.reorder_point == D("476.8931")
    run = simulate(
        ReorderPointPolicy(stock.reorder_point, 500),
        DAILY,
        FOUR_DAYS,
        PERIODS,
        seed=20_240_501,
    )
    # Achieved: 0.8996. Each cycle is a Bernoulli trial, so the standard error over
    # 8,000 cycles is sqrt(0.9 x 0.1 / 8000) = 0.0034; across seeds the mean is 0.898.
    # Demand spread evenly within a day makes the demand over an order's lead time a
    # little less variable than four whole days' (part days at each end), which pushes
    # the level up for short lead times (0.909 with a 2-day lead time). Tolerance 0.015:
    # four standard errors, which also covers that modelling difference.
    assert run.cycle_service_level == D("0.8996")
    assert run.cycle_service_level is not None
    assert abs(run.cycle_service_level - D("0.90")) <= D("0.015")
    assert run.cycles >= 7900


def test_an_order_up_to_policy_achieves_its_cycle_service_level() -> None:
    # (R, S) with R = 7 and 95 % of cycles: each review period is a cycle (5,714 here).
    policy = order_up_to_policy(DemandProfile(100, 20), LeadTime(2), 7, "0.95")
    run = simulate(policy, DemandProfile(100, 20), LeadTime(2), PERIODS, seed=7)
    # Standard error sqrt(0.95 x 0.05 / 5714) = 0.0029; tolerance 0.01 (3.4 of them).
    assert run.cycle_service_level is not None
    assert abs(run.cycle_service_level - D("0.95")) <= D("0.01")
    # 5,715 reviews, every 7 days from day 0; the first finds the shelf full at S and
    # orders nothing, and the last order lands after the run.
    assert (run.orders_placed, run.cycles) == (5714, 5713)


def test_the_same_seed_gives_the_same_run_and_another_seed_another() -> None:
    policy = MinMaxPolicy(400, 1200)
    first = simulate(policy, DAILY, FOUR_DAYS, 500, seed=1)
    assert simulate(policy, DAILY, FOUR_DAYS, 500, seed=1) == first
    other = simulate(policy, DAILY, FOUR_DAYS, 500, seed=2)
    assert other.on_hand != first.on_hand
    assert len(first.on_hand) == first.periods == 500


@pytest.mark.parametrize("shortfall", list(Shortfall))
@pytest.mark.parametrize(
    "policy",
    [
        ReorderPointPolicy(30, 50),
        MinMaxPolicy(25, 70),
        order_up_to_policy(DemandProfile(4, 2), LeadTime(3, 2), 5, "0.9"),
    ],
    ids=["r-Q", "s-S", "R-S"],
)
def test_poisson_demand_and_variable_lead_times_conserve_units(
    policy: object, shortfall: Shortfall
) -> None:
    """served + short == demanded, and every unit received is served, owed or on hand."""
    run = simulate(
        policy,  # type: ignore[arg-type]
        DemandProfile(4, 2),
        LeadTime(3, 2),  # whole days, drawn per order: orders cross
        5000,
        seed=11,
        distribution="poisson",
        initial_on_hand=10,
        shortfall=shortfall,
    )
    assert run.served + run.short == run.demanded > 0
    # Backordered units are served later from deliveries; lost ones never leave the shelf.
    filled_later = run.short - run.backorders if shortfall is Shortfall.BACKORDER else 0
    assert run.initial_on_hand + run.received == run.served + filled_later + run.on_hand[-1]
    assert min(run.on_hand) >= 0
    assert run.orders_placed > 0
    assert run.short > 0
    if shortfall is Shortfall.LOST_SALES:
        assert run.backorders == 0
    assert 0 <= run.fill_rate <= 1
    assert run.stockout_periods <= run.periods


def test_poisson_demand_has_the_profiles_mean() -> None:
    run = simulate(
        ReorderPointPolicy(30, 50),
        DemandProfile(4, 2),
        LeadTime(3),
        20_000,
        seed=3,
        distribution=DemandDistribution.POISSON,
    )
    assert abs(run.demanded / run.periods - 4) < 0.05  # sd of the mean: 2 / sqrt(20000)


def test_a_run_too_short_for_a_delivery_has_no_cycle_service_level() -> None:
    run = simulate(ReorderPointPolicy(10, 100), DAILY, FOUR_DAYS, 1, seed=0)
    assert run.cycle_service_level is None
    assert isinstance(run, Simulation)


POLICY = ReorderPointPolicy(10, 100)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: simulate(POLICY, DAILY, FOUR_DAYS, 10.0, seed=1), "whole number"),  # type: ignore[arg-type]
        (lambda: simulate(POLICY, DAILY, FOUR_DAYS, 0, seed=1), "greater than zero"),
        (lambda: simulate(POLICY, DAILY, FOUR_DAYS, periods=True, seed=1), "whole number"),
        (lambda: simulate(POLICY, DAILY, FOUR_DAYS, 10, seed=1.5), "whole number"),  # type: ignore[arg-type]
        (
            lambda: simulate(POLICY, DAILY, FOUR_DAYS, 10, seed=1, distribution="gamma"),
            "'normal', 'poisson'",
        ),
        (
            lambda: simulate(POLICY, DAILY, FOUR_DAYS, 10, seed=1, shortfall="lost"),
            "'backorder'",
        ),
        (lambda: simulate("r-Q", DAILY, FOUR_DAYS, 10, seed=1), "ReorderPointPolicy"),  # type: ignore[arg-type]
        (lambda: simulate(POLICY, (100, 30), FOUR_DAYS, 10, seed=1), "DemandProfile"),  # type: ignore[arg-type]
        (lambda: simulate(POLICY, DAILY, 4, 10, seed=1), "LeadTime"),  # type: ignore[arg-type]
        (
            lambda: simulate(POLICY, DAILY, FOUR_DAYS, 10, seed=1, initial_on_hand=-5),
            "zero or more",
        ),
        (
            lambda: simulate(POLICY, DAILY, FOUR_DAYS, 10, seed=1, initial_on_hand=5.0),  # type: ignore[arg-type]
            "whole number",
        ),
        (
            lambda: simulate(
                order_up_to_policy(DAILY, FOUR_DAYS, "2.5", "0.9"),
                DAILY,
                FOUR_DAYS,
                10,
                seed=1,
            ),
            "whole number of periods",
        ),
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(InvalidInventoryError, match=message):
        call()  # type: ignore[operator]


def test_a_run_is_bounded() -> None:
    """No run goes on for minutes: periods and orders are capped, and the cap is named."""
    with pytest.raises(InvalidInventoryError, match=f"{MAX_PERIODS:,} periods"):
        simulate(POLICY, DAILY, FOUR_DAYS, MAX_PERIODS + 1, seed=1)
    # Q = 1 against 100 units a day, or a demand spread of 10^17: an order per unit.
    one_at_a_time = ReorderPointPolicy(10, 1)
    with pytest.raises(InvalidInventoryError, match=f"{MAX_ORDERS:,}"):
        simulate(one_at_a_time, DAILY, FOUR_DAYS, 1_000, seed=1)
    with pytest.raises(InvalidInventoryError, match=f"{MAX_ORDERS:,}"):
        simulate(one_at_a_time, DemandProfile(5, D("1E+17")), FOUR_DAYS, 10, seed=1)
    with pytest.raises(InvalidInventoryError, match="zero or more"):
        simulate(POLICY, DAILY, FOUR_DAYS, 10, seed=-1)
