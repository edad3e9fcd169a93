"""Inventory policies: published worked examples, properties, and bad input.

Sources of the worked examples (inputs and printed answers):

* Snyder and Shen, *Fundamentals of Supply Chain Theory*, 2nd ed. (Wiley, 2019),
  Examples 3.1 (EOQ), 4.3 (newsvendor) and 5.5 ((r, Q) by EOQ plus safety stock), whose
  exact values stockpyl's documentation reproduces.
* Nahmias, *Production and Operations Analysis*, Example 4.1 (pencils at a bookstore).
* Chopra and Meindl, *Supply Chain Management*, chapter 12 (6th ed.; chapter 11 in the
  3rd): Examples 12-1, 12-3, 12-4, 12-5 (B&M Office Supplies), the lead-time slides, the
  supply-uncertainty example (Example 12-7), and Exercise 11-4 of the 3rd edition.
* Heizer and Render, *Operations Management*, chapter 12, solved example on p. 543.

Textbooks print a few significant figures, often after reading z off a table; each test
states the printed figure and checks ours to the precision the book shows.
"""

from __future__ import annotations

from decimal import Decimal
from statistics import NormalDist

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError
from commercekit.inventory import (
    DemandProfile,
    LeadTime,
    MinMaxPolicy,
    OrderUpToPolicy,
    ReorderPointPolicy,
    Shortfall,
    cycle_service_level,
    economic_order_quantity,
    expected_shortage,
    fill_rate,
    lead_time_demand,
    loss_function,
    newsvendor,
    newsvendor_quantities,
    order_up_to_policy,
    reorder,
    reorder_points,
    round_to_pack,
    safety_stock_for_cycle_service,
    safety_stock_for_fill_rate,
)
from commercekit.money import Money

D = Decimal


def close(value: Decimal, printed: str) -> bool:
    """``value`` rounds to the ``printed`` figure at the precision it is printed."""
    figure = D(printed)
    return value.quantize(figure) == figure


# -- worked examples ------------------------------------------------------------------


def test_eoq_snyder_shen_example_3_1() -> None:
    # K = 8, h = 0.225 per unit-year, 1,300 units a year: Q* = 304.0468, g = 68.4105.
    order = economic_order_quantity(1300, Money("8", "USD"), Money("0.225", "USD"))
    assert order.quantity == D("304.0468")
    assert order.total_cost == Money("68.41", "USD")
    assert order.ordering_cost == order.holding_cost == Money("34.21", "USD")


def test_eoq_nahmias_example_4_1_pencils() -> None:
    # 60 pencils a week (3,120 a year), K = $12, h = 25 % x $0.02 = $0.005 (inputs seen
    # in lecture notes on the example): Q* = 3,870, holding and set-up cost $9.67 each
    # a year (the printed answers as recalled; recomputed here).
    order = economic_order_quantity(60 * 52, Money("12", "USD"), Money("0.005", "USD"))
    assert close(order.quantity, "3870")
    assert order.holding_cost == Money("9.67", "USD")
    assert order.total_cost == Money("19.35", "USD")


def test_newsvendor_snyder_shen_example_4_3() -> None:
    # h = 0.18, p = 0.70, demand N(50, 8^2): S* = 56.60396, expected cost 1.99761.
    order = newsvendor(DemandProfile(50, 8), Money("0.70", "USD"), Money("0.18", "USD"))
    assert order.critical_ratio == D("0.7955")
    assert order.quantity == D("56.6040")
    assert order.expected_cost == Money("2.00", "USD")


def test_r_q_by_eoq_plus_safety_stock_snyder_shen_example_5_5() -> None:
    # h = 0.225, p = 7.5, K = 8, 1,300 a year (sd 150), lead time 1/12 year:
    # Q = EOQ = 304.0468; r = mu + z sigma at alpha = p / (p + h): r = 190.3370.
    cover = lead_time_demand(DemandProfile(1300, 150), LeadTime(D(1) / 12))
    level = D("7.5") / (D("7.5") + D("0.225"))
    assert safety_stock_for_cycle_service(cover, level).reorder_point == D("190.3370")
    order = economic_order_quantity(1300, Money("8", "USD"), Money("0.225", "USD"))
    assert order.quantity == D("304.0468")


# Chopra and Meindl's B&M Office Supplies: weekly demand N(2,500, 500^2), lead time 2
# weeks, orders of 10,000.
B_AND_M = lead_time_demand(DemandProfile(2500, 500), LeadTime(2))


def test_chopra_meindl_12_1_cycle_service_level_of_a_policy() -> None:
    # D_L = 5,000, sigma_L = 707, ROP 6,000 so ss = 1,000: CSL = 0.92.
    assert B_AND_M.mean == 5000
    assert close(B_AND_M.std_dev, "707")
    assert close(cycle_service_level(6000, B_AND_M), "0.92")


def test_chopra_meindl_12_3_fill_rate_of_a_policy() -> None:
    # ss = 1,000: ESC = 25.13 and fill rate 0.9975 (the formula checked on the book's
    # slides; the printed figures as recalled, recomputed here: 25.127 and 0.99749).
    assert close(expected_shortage(6000, B_AND_M), "25.13")
    assert fill_rate(6000, B_AND_M, 10000) == D("0.9975")


def test_chopra_meindl_12_4_safety_stock_for_a_cycle_service_level() -> None:
    # CSL 0.90: ss = NORMSINV(0.90) x 707 = 906 (formula seen on the slides; the
    # printed 906 as recalled, recomputed: 906.19).
    stock = safety_stock_for_cycle_service(B_AND_M, "0.90")
    assert close(stock.safety_stock, "906")
    assert close(stock.reorder_point, "5906")


def test_chopra_meindl_12_5_safety_stock_for_a_fill_rate() -> None:
    # Fill rate 0.975 with Q = 10,000: ESC = 250 = sigma_L x G(k) (seen on the slides),
    # solved by Goal Seek in the book: ss = 67 (as recalled; recomputed 66.61).
    stock = safety_stock_for_fill_rate(B_AND_M, "0.975", 10000)
    assert close(stock.safety_stock, "67")
    assert fill_rate(stock.reorder_point, B_AND_M, 10000) == D("0.9750")


def test_chopra_meindl_exercise_11_4_hp_printers() -> None:
    # Weekly demand N(250, 150^2), L = 2, Q = 1,000, ROP 600 (3rd ed., published
    # solution): sigma_L = 212, CSL = 0.68, ESC = 43.86, fill rate 0.96.
    demand = lead_time_demand(DemandProfile(250, 150), LeadTime(2))
    assert close(demand.std_dev, "212")
    assert close(cycle_service_level(600, demand), "0.68")
    assert close(fill_rate(600, demand, 1000), "0.96")
    assert close(expected_shortage(600, demand), "43.86")


def test_chopra_meindl_lead_time_slides() -> None:
    # sigma_D = 800 a week, CSL 0.95: ss = 3,948 for a 9-week lead time, 1,316 for 1.
    for weeks, printed in ((9, "3948"), (1, "1316")):
        demand = lead_time_demand(DemandProfile(1000, 800), LeadTime(weeks))
        assert close(safety_stock_for_cycle_service(demand, "0.95").safety_stock, printed)


def test_chopra_meindl_12_7_uncertain_lead_time() -> None:
    # 2,500 a day (sd 500), lead time 7 days (sd 7): sigma_L = 17,550, ss(90 %) = 22,491.
    demand = lead_time_demand(DemandProfile(2500, 500), LeadTime(7, 7))
    assert demand.mean == 17500
    assert close(demand.std_dev, "17550")
    assert close(safety_stock_for_cycle_service(demand, "0.90").safety_stock, "22491")


def test_heizer_render_constant_demand_variable_lead_time() -> None:
    # 60 packs a week, lead time 6 weeks (sd 2), 90 %: ROP = 360 + 1.28 x 60 x 2 = 513.6
    # with the table's z = 1.28; the exact z (1.2816) gives 513.79, both round to 514.
    demand = lead_time_demand(DemandProfile(60, 0), LeadTime(6, 2))
    assert (demand.mean, demand.std_dev) == (360, 120)
    point = safety_stock_for_cycle_service(demand, "0.90").reorder_point
    assert point == D("513.7862")
    assert close(point, "514")


def test_loss_function_table_values() -> None:
    # G(0) = phi(0) = 0.3989; G(0.8416) = 0.112 (a published exam solution).
    assert loss_function(0) == D("0.3989")
    assert close(loss_function("0.8416"), "0.112")
    assert loss_function(-3) == D("3.0004")  # G(k) = -k + G(-k)... = 3 + G(3)


def test_order_up_to_matches_the_periodic_review_formula() -> None:
    # S = d(R + L) + z sd sqrt(R + L): d = 100, sd = 30, R = 1, L = 5, 90 %:
    # 600 + 1.2816 x 30 x sqrt(6) = 694.18 (a published homework solution prints
    # ss = 94.15 from rounded inputs).
    policy = order_up_to_policy(DemandProfile(100, 30), LeadTime(5), 1, "0.90")
    assert close(policy.order_up_to, "694.2")


def test_reorder_decisions_explain_themselves() -> None:
    rq = ReorderPointPolicy(reorder_point="5906.19", order_quantity=10000)
    decision = reorder(3000, 2000, 100, rq)
    assert (decision.quantity, decision.inventory_position) == (10000, 4900)
    assert "4900" in decision.why
    assert "5906.19" in decision.why
    assert reorder(6000, 0, 0, rq).quantity == 0
    # Far below r, one Q is not enough to lift the position above it.
    assert reorder(0, 0, 2000, ReorderPointPolicy(500, 1000)).quantity == 3000
    assert reorder(40, 10, 0, MinMaxPolicy(50, 200)).quantity == 150
    assert reorder(40, 10, 0, MinMaxPolicy(50, 200), pack_size=24).quantity == 168
    review = OrderUpToPolicy(review_period=7, order_up_to="998.69")
    assert reorder(300, 0, 0, review).quantity == 699
    assert reorder(1000, 0, 0, review).quantity == 0
    assert reorder(300, 0, 0, review, pack_size=50, minimum=1000).quantity == 1000


def test_pack_rounding() -> None:
    assert round_to_pack(37, 12) == 48
    assert round_to_pack(37, 12, rounding="down") == 36
    assert round_to_pack(37, 12, rounding="nearest") == 36
    assert round_to_pack(42, 12, rounding="nearest") == 48  # 3.5 packs: halves up
    assert round_to_pack(5, 12, rounding="down") == 12  # never below one pack
    assert round_to_pack(0, 12, minimum=100) == 0  # nothing needed, nothing ordered
    assert round_to_pack(5, 12, minimum=30) == 36


def test_lost_sales_need_less_safety_stock_than_backorders() -> None:
    # Q / (Q + ESC) >= 1 - ESC / Q: the same fill rate needs a lower k with lost sales.
    backorder = safety_stock_for_fill_rate(B_AND_M, "0.99", 2000)
    lost = safety_stock_for_fill_rate(B_AND_M, "0.99", 2000, Shortfall.LOST_SALES)
    assert lost.safety_stock < backorder.safety_stock
    assert fill_rate(lost.reorder_point, B_AND_M, 2000, "lost_sales") == D("0.9900")


def test_history_estimates_mean_and_sample_deviation() -> None:
    profile = DemandProfile.from_history([12, 15, 9, 14, 10])
    # mean 12; squares 0 + 9 + 9 + 4 + 4 = 26, / 4 = 6.5, sqrt = 2.5495.
    assert (profile.mean, profile.std_dev) == (D("12"), D("2.5495"))


def test_no_spread_needs_no_safety_stock() -> None:
    demand = lead_time_demand(DemandProfile(10, 0), LeadTime(3))
    stock = safety_stock_for_fill_rate(demand, "0.99", 50)
    assert (stock.safety_stock, stock.reorder_point) == (0, 30)
    assert fill_rate(30, demand, 50) == 1
    assert fill_rate(25, demand, 50) == D("0.9")
    assert cycle_service_level(29, demand) == 0


# -- properties ---------------------------------------------------------------------

levels = st.decimals(min_value="0.5001", max_value="0.9999", places=4)
sigmas = st.integers(min_value=1, max_value=2000)


@given(levels, levels, sigmas)
def test_safety_stock_rises_with_the_service_level(a: Decimal, b: Decimal, sd: int) -> None:
    low, high = sorted((a, b))
    demand = lead_time_demand(DemandProfile(100, sd), LeadTime(4))
    assert (
        safety_stock_for_cycle_service(demand, low).safety_stock
        <= safety_stock_for_cycle_service(demand, high).safety_stock
    )
    quantity = 400
    assert (
        safety_stock_for_fill_rate(demand, low, quantity).safety_stock
        <= safety_stock_for_fill_rate(demand, high, quantity).safety_stock
    )


@given(levels, sigmas, sigmas)
def test_safety_stock_rises_with_the_spread(level: Decimal, a: int, b: int) -> None:
    low, high = sorted((a, b))
    stock = [
        safety_stock_for_cycle_service(
            lead_time_demand(DemandProfile(100, sd), LeadTime(4)), level
        ).safety_stock
        for sd in (low, high)
    ]
    assert stock[0] <= stock[1]


@given(
    st.integers(min_value=0, max_value=3000),
    st.integers(min_value=0, max_value=3000),
    sigmas,
    st.integers(min_value=1, max_value=5000),
    st.sampled_from(list(Shortfall)),
)
def test_fill_rate_rises_with_the_reorder_point(
    a: int, b: int, sd: int, quantity: int, shortfall: Shortfall
) -> None:
    low, high = sorted((a, b))
    demand = lead_time_demand(DemandProfile(250, sd), LeadTime(4))
    assert fill_rate(low, demand, quantity, shortfall) <= fill_rate(
        high, demand, quantity, shortfall
    )


@given(
    st.decimals(min_value="0.05", max_value="0.995", places=3),
    st.integers(min_value=5, max_value=500),
    st.integers(min_value=1, max_value=5000),
    st.sampled_from(list(Shortfall)),
)
def test_the_fill_rate_solver_and_its_inverse_agree(
    rate: Decimal, sd: int, quantity: int, shortfall: Shortfall
) -> None:
    demand = lead_time_demand(DemandProfile(1000, sd), LeadTime(1))
    stock = safety_stock_for_fill_rate(demand, rate, quantity, shortfall)
    assume(stock.reorder_point >= 0)  # a stock level below zero cannot be set
    achieved = fill_rate(stock.reorder_point, demand, quantity, shortfall)
    assert abs(achieved - rate) <= D("0.0002")


@given(
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=1, max_value=500),
    st.integers(min_value=0, max_value=2000),
    st.sampled_from(["up", "down", "nearest"]),
)
def test_pack_rounding_gives_whole_packs_and_the_minimum(
    need: int, pack: int, minimum: int, rounding: str
) -> None:
    result = round_to_pack(need, pack, minimum, rounding)
    assert result % pack == 0
    smallest = max(pack, -(-minimum // pack) * pack)  # one pack, the minimum in packs
    if need:
        assert result >= smallest
        if rounding == "up":
            assert result >= need
        if rounding == "down" and result > smallest:
            assert result <= need
    else:
        assert result == 0


@given(
    st.integers(min_value=0, max_value=5000),
    st.integers(min_value=0, max_value=5000),
    st.integers(min_value=0, max_value=5000),
    st.integers(min_value=0, max_value=3000),
    st.integers(min_value=1, max_value=3000),
)
def test_an_order_lifts_the_position_above_the_reorder_point(
    on_hand: int, on_order: int, owed: int, point: int, quantity: int
) -> None:
    decision = reorder(on_hand, on_order, owed, ReorderPointPolicy(point, quantity))
    position = decision.inventory_position
    assert position == on_hand + on_order - owed
    assert decision.quantity % quantity == 0
    if position > point:
        assert decision.quantity == 0
    else:
        assert point < position + decision.quantity <= point + quantity


@given(
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=1, max_value=10**4),
    st.integers(min_value=1, max_value=10**4),
)
def test_eoq_balances_ordering_and_holding(demand: int, fixed: int, cents: int) -> None:
    order = economic_order_quantity(
        demand, Money(fixed, "EUR"), Money(D(cents).scaleb(-2), "EUR")
    )
    assert order.ordering_cost == order.holding_cost
    assert abs(order.ordering_cost * 2 - order.total_cost).amount <= D("0.01")


@given(st.integers(min_value=1, max_value=1000), st.integers(min_value=1, max_value=1000))
def test_newsvendor_buys_more_when_shortage_costs_more(a: int, b: int) -> None:
    low, high = sorted((a, b))
    over = Money(10, "EUR")
    profile = DemandProfile(100, 30)
    assert (
        newsvendor(profile, Money(low, "EUR"), over).quantity
        <= newsvendor(profile, Money(high, "EUR"), over).quantity
    )


# -- bad input ------------------------------------------------------------------------

EUR = Money("1", "EUR")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: DemandProfile(2.5, 1), "float"),
        (lambda: DemandProfile(-1, 1), "zero or more"),
        (lambda: DemandProfile(10, "-2"), "zero or more"),
        (lambda: LeadTime(-2), "zero or more"),
        (lambda: DemandProfile.from_history([4]), "at least two periods"),
        (lambda: DemandProfile.from_history("12"), "list of demand"),
        (
            lambda: lead_time_demand(DemandProfile(1, 1), LeadTime(1), review_period=-1),
            "zero",
        ),
        (lambda: lead_time_demand((1, 1), LeadTime(1)), "DemandProfile"),  # type: ignore[arg-type]
        (lambda: safety_stock_for_cycle_service(B_AND_M, 95), "between 0 and 1"),
        (lambda: safety_stock_for_cycle_service(B_AND_M, 0), "between 0 and 1"),
        (lambda: safety_stock_for_cycle_service(B_AND_M, 1), "between 0 and 1"),
        (lambda: safety_stock_for_cycle_service(B_AND_M, 0.9), "float"),
        (lambda: safety_stock_for_fill_rate(B_AND_M, "0.9", 0), "greater than zero"),
        (lambda: safety_stock_for_fill_rate(B_AND_M, "0.9", 10, "lost"), "backorder"),
        (
            lambda: safety_stock_for_fill_rate(DemandProfile(1, 1), "0.9", 10),
            "lead_time_demand",
        ),  # type: ignore[arg-type]
        (lambda: fill_rate(-5, B_AND_M, 10), "zero or more"),
        (lambda: loss_function(0.5), "float"),
        (lambda: economic_order_quantity(0, EUR, EUR), "greater than zero"),
        (
            lambda: economic_order_quantity(100, EUR, Money("1", "USD")),
            "different currencies",
        ),
        (lambda: economic_order_quantity(100, EUR, Money("0", "EUR")), "greater than zero"),
        (lambda: economic_order_quantity(100, 12, EUR), "Money"),  # type: ignore[arg-type]
        (
            lambda: newsvendor(DemandProfile(1, 1), EUR, Money("1", "GBP")),
            "different currencies",
        ),
        (lambda: round_to_pack(10, 0), "greater than zero"),
        (lambda: round_to_pack(10, 2.0), "whole number"),  # type: ignore[arg-type]
        (lambda: round_to_pack(10, 2, rounding="ceiling"), "'up'"),
        (lambda: round_to_pack(-3, 2), "zero or more"),
        (lambda: ReorderPointPolicy(10, 0), "greater than zero"),
        (lambda: MinMaxPolicy(50, 50), "above the minimum"),
        (lambda: OrderUpToPolicy(0, 100), "greater than zero"),
        (lambda: reorder(-1, 0, 0, MinMaxPolicy(1, 2)), "zero or more"),
        (lambda: reorder(1.0, 0, 0, MinMaxPolicy(1, 2)), "whole number"),  # type: ignore[arg-type]
        (lambda: reorder(1, 0, 0, "rq"), "ReorderPointPolicy"),  # type: ignore[arg-type]
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(CommerceKitError, match=message):
        call()  # type: ignore[operator]


# -- bulk versions ----------------------------------------------------------------------


@given(
    st.lists(
        st.tuples(st.integers(0, 5000), st.integers(0, 900), st.integers(1, 8)),
        min_size=1,
        max_size=20,
    ),
    levels,
    st.integers(1, 500),
    st.integers(1, 500),
)
def test_bulk_results_equal_one_at_a_time(
    rows: list[tuple[int, int, int]], level: Decimal, under: int, over: int
) -> None:
    profiles = [DemandProfile(mean, sd) for mean, sd, _ in rows]
    covers = [
        lead_time_demand(profile, LeadTime(weeks))
        for profile, (_, _, weeks) in zip(profiles, rows, strict=True)
    ]
    assert reorder_points(covers, level) == tuple(
        safety_stock_for_cycle_service(cover, level).reorder_point for cover in covers
    )
    p, h = Money(under, "EUR"), Money(over, "EUR")
    assert newsvendor_quantities(profiles, p, h) == tuple(
        newsvendor(profile, p, h).quantity for profile in profiles
    )


def test_bulk_bad_input() -> None:
    with pytest.raises(CommerceKitError, match="LeadTimeDemand"):
        reorder_points([DemandProfile(1, 1)], "0.9")  # type: ignore[list-item]
    with pytest.raises(CommerceKitError, match="DemandProfile"):
        newsvendor_quantities([B_AND_M], EUR, EUR)  # type: ignore[list-item]
    with pytest.raises(CommerceKitError, match="between 0 and 1"):
        reorder_points([B_AND_M], 2)


# -- the edges of the range -------------------------------------------------------------


def test_a_service_level_a_float_cannot_tell_from_1_still_has_its_z() -> None:
    """z is taken from the nearer tail: 1 - level is exact, even where float(level) == 1."""
    level = D("0.99999999999999999999")  # float(level) == 1.0, where Phi^-1 has no value
    stock = safety_stock_for_cycle_service(B_AND_M, level)
    assert D(9) < stock.k < D(10)
    assert reorder_points([B_AND_M], level) == (stock.reorder_point,)
    assert order_up_to_policy(DemandProfile(100, 20), LeadTime(2), 7, level).order_up_to


@pytest.mark.parametrize("quantity", ["1E-50", "0.0001", "1"])
def test_the_safety_factor_for_a_tiny_order_meets_its_tiny_loss_target(
    quantity: str,
) -> None:
    """G(k) = (1 - rate) x Q / sigma_L even far in the tail, where Newton alone crawls."""
    stock = safety_stock_for_fill_rate(B_AND_M, "0.98", quantity)
    target = (1 - 0.98) * float(quantity) / float(B_AND_M.std_dev)
    normal, k = NormalDist(), float(stock.k)
    loss = normal.pdf(k) - k * normal.cdf(-k)
    assert abs(loss - target) <= target * 1e-2  # k is rounded to 4 places


def test_a_newsvendor_never_orders_below_zero() -> None:
    """mean + z x std_dev below zero means: order nothing (and pay for no leftovers)."""
    demand = DemandProfile(5, 20)
    p, h = Money("0.10", "EUR"), Money("0.90", "EUR")
    order = newsvendor(demand, p, h)
    assert order.quantity == 0
    assert "below zero" in order.why
    # C(0) = p x E[D+] + h x E[D-] for D ~ N(5, 20): 0.1 x 10.73 + 0.9 x 5.73
    assert order.expected_cost == Money("6.23", "EUR")
    assert newsvendor_quantities([demand], p, h) == (D(0).quantize(D("0.0001")),)
