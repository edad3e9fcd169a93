"""A figure worked out from the caller's arguments that leaves the library's range is
refused naming the argument given, with the bound on it derived from the rule's formula,
and the bound holds on both sides (issue 18).

``tests/test_hostile.py::test_a_refusal_names_the_argument_it_refuses`` checks the names
over the whole sweep; these check the bounds the refusals state.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from commercekit.errors import InvalidInputError, InvalidLoyaltyError
from commercekit.inventory import (
    DemandProfile,
    LeadTime,
    MinMaxPolicy,
    ServiceLevelTable,
    days_of_supply,
    economic_order_quantity,
    lead_time_demand,
    order_up_to_policy,
    reorder,
)
from commercekit.loyalty import add_months, qualifying_period
from commercekit.metrics import cash_conversion_cycle_from_figures
from commercekit.money import Money


def _refusal(call: object) -> InvalidInputError:
    with pytest.raises(InvalidInputError) as raised:
        call()  # type: ignore[operator]
    return raised.value


def test_a_review_period_is_refused_where_the_mean_demand_reaches_10_18() -> None:
    """d x (L + R) < 10^18 with d = 100, L = 7: R below 10^16 - 7."""
    demand, lead = DemandProfile(100, 30), LeadTime(7, 2)
    below = lead_time_demand(demand, lead, Decimal("9999999999999992"))
    assert below.mean == Decimal("999999999999999900.0000")
    error = _refusal(lambda: lead_time_demand(demand, lead, Decimal("9999999999999993")))
    assert error.field == "review_period"
    assert "d x (L + R) = 1000000000000000000," in str(error)
    assert "give review_period below 9999999999999993" in str(error)
    # Before: "mean=Decimal('100000000000000000300.0000') is out of range".
    huge = _refusal(lambda: lead_time_demand(demand, lead, Decimal("999999999999999999")))
    assert huge.field == "review_period"
    assert "mean=" not in str(huge)


def test_a_service_level_that_makes_the_order_up_to_level_negative_names_level() -> None:
    """S = d x (R + L) + z x sigma = 1100 + z x 120 (a lead time of 4 +- 1, R = 7) is
    zero or more from level = Phi(-1100 / 120), about 2.4383E-20, shown as 2.44E-20."""
    demand, lead = DemandProfile(100, 20), LeadTime(4, 1)
    assert order_up_to_policy(demand, lead, 7, Decimal("2.44E-20")).order_up_to >= 0
    error = _refusal(lambda: order_up_to_policy(demand, lead, 7, Decimal("2.438E-20")))
    assert error.field == "level"
    assert "below zero units; give level above 2.44E-20" in str(error)


@pytest.mark.parametrize(
    ("field", "most"),
    [("on_hand", 10**18 - 24 + 3 - 1), ("on_order", 10**18 - 40 + 3 - 1)],
)
def test_stock_is_refused_where_the_inventory_position_reaches_10_18(
    field: str, most: int
) -> None:
    """on_hand + on_order - backorders < 10^18, with the others 40, 24 and 3."""
    given = {"on_hand": 40, "on_order": 24, "backorders": 3}
    policy = MinMaxPolicy(50, 200)
    assert reorder(**{**given, field: most}, policy=policy).inventory_position == 10**18 - 1
    error = _refusal(lambda: reorder(**{**given, field: most + 1}, policy=policy))
    assert error.field == field
    assert f"give {field} below {most + 1}" in str(error)
    assert "inventory_position=" not in str(error)


def test_a_backlog_that_makes_the_order_10_18_or_more_names_backorders() -> None:
    error = _refusal(
        lambda: reorder(40, 24, 10**18 - 1, MinMaxPolicy(50, 200), pack_size=24)
    )
    assert error.field == "backorders"
    assert "the order quantity, rounded to whole packs" in str(error)
    below = int(str(error).rsplit("give backorders below ", 1)[1].split()[0])
    order = reorder(40, 24, below - 1, MinMaxPolicy(50, 200), pack_size=24)
    assert order.quantity < 10**18


def test_a_ratio_names_its_divisor_and_the_bound_that_keeps_it_in_range() -> None:
    """450 / d < 10^18 from d above 4.5E-16."""
    assert days_of_supply(450, Decimal("4.51E-16")) < 10**18
    error = _refusal(lambda: days_of_supply(450, Decimal("4.5E-16")))
    assert error.field == "demand_per_day"
    assert "give demand_per_day above 4.5E-16" in str(error)


def test_the_cash_cycle_names_the_flow_a_period_is_divided_by() -> None:
    def usd(amount: str) -> Money:
        return Money(amount, "USD")

    error = _refusal(
        lambda: cash_conversion_cycle_from_figures(
            usd("3000000"),
            usd("1E-20"),
            receivables=usd("6000000"),
            credit_sales=usd("40000000"),
            payables=usd("2800000"),
            days=365,
        )
    )
    assert error.field == "cost_of_goods_sold"  # was days_of_inventory, a result
    assert "give cost_of_goods_sold above" in str(error)


def test_the_economic_order_quantity_names_the_holding_cost() -> None:
    """sqrt(2 K D / h) with h = 10^-50: the holding cost is refused, with the bounds of
    the other two (each enters squared under the root)."""
    error = _refusal(
        lambda: economic_order_quantity(3120, Money("12", "EUR"), Money("1E-50", "EUR"))
    )
    assert error.field == "holding_cost"
    assert "or demand_rate below" in str(error)
    assert "or order_cost below" in str(error)


@pytest.mark.parametrize(("abc", "xyz", "field"), [("Q", "X", "abc"), ("C", "Q", "xyz")])
def test_a_service_class_names_the_letter_no_class_has(
    abc: str, xyz: str, field: str
) -> None:
    error = _refusal(lambda: ServiceLevelTable().level(abc, xyz))
    assert error.field == field  # was "class", which the method does not take


def test_a_month_move_past_the_calendar_names_the_day_and_the_days_that_fit() -> None:
    assert add_months(date(9999, 11, 30), 1) == date(9999, 12, 30)
    with pytest.raises(InvalidLoyaltyError) as raised:
        add_months(date(9999, 12, 1), 1)
    assert raised.value.field == "day"  # was months
    assert "give day from 0001-01-01 to 9999-11-30" in str(raised.value)


def test_a_qualifying_period_past_the_calendar_names_on() -> None:
    anchor = date(2024, 3, 15)
    assert qualifying_period(date(9999, 3, 14), anchor).end == date(9999, 3, 14)
    with pytest.raises(InvalidLoyaltyError) as raised:
        qualifying_period(date(9999, 3, 15), anchor)
    assert raised.value.field == "on"  # was months
    assert "give on from 0001-03-15 to 9999-03-14" in str(raised.value)
