"""Unit economics and the points liability: published examples, properties, bad input.

Sources:

* IFRS 15 *Revenue from Contracts with Customers*, Illustrative Examples, Example 52
  (customer loyalty programme, IE267-IE270): 10,000 points worth 1 each, 97 % expected
  to be redeemed, goods sold for 100,000. The standard allocates 91,000 / 9,000 (after
  rounding the ratio to whole percent), then recognises 4,175 when 4,500 points are
  redeemed, and 3,552 more when 8,500 have been redeemed and 9,900 are expected. The
  figures as reproduced in KPMG's *Revenue - IFRS 15 handbook* (2019), Example 10A.
* OpenStax, *Principles of Accounting, Volume 2: Managerial Accounting*, chapter 3:
  fixed costs of $20,000, a price of $400 and variable costs of $250 a unit, a
  contribution margin of $150 a unit.
* Gupta and Lehmann, "Customers as assets", *Journal of Interactive Marketing* 17(1),
  2003: the margin multiple r / (1 + i - r), 2.67 at r = 80 % and i = 10 %.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError
from commercekit.loyalty import (
    allocate_transaction_price,
    points_liability,
    points_revenue,
    points_standalone_price,
)
from commercekit.metrics import (
    MarginLine,
    OrderAmounts,
    Purchase,
    average_order_value,
    break_even_revenue,
    break_even_units,
    cac_payback_months,
    cart_abandonment_rate,
    cash_conversion_cycle,
    cohorts,
    contribution_by,
    contribution_margin,
    conversion_rate,
    customer_acquisition_cost,
    days_of_inventory,
    days_payables_outstanding,
    days_sales_outstanding,
    discounted_clv,
    ltv_to_cac,
    return_on_ad_spend,
    simple_clv,
)
from commercekit.money import Money

D = Decimal


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


ZERO = eur(0)

# -- IFRS 15 Example 52 ---------------------------------------------------------------


def test_ifrs_15_example_52_allocation() -> None:
    ssp = points_standalone_price(10_000, eur(1), "0.97")
    assert ssp == eur(9700)
    split = allocate_transaction_price(eur(100_000), eur(100_000), ssp)
    # Exactly: 100,000 x 9,700 / 109,700 = 8,842.30; the standard rounds the ratio to
    # 9 % and shows 9,000.
    assert (split.goods, split.points) == (eur("91157.70"), eur("8842.30"))
    assert split.goods + split.points == eur(100_000)


def test_ifrs_15_example_52_recognition_with_catch_up() -> None:
    allocated = eur(9000)  # as the standard allocates
    first = points_revenue(allocated, 4500, 9700, ZERO)
    assert first.this_period.amount.quantize(D(1)) == 4175
    second = points_revenue(allocated, 8500, 9900, first.to_date)
    assert second.this_period.amount.quantize(D(1)) == 3552
    assert second.to_date + second.deferred == allocated


@given(
    st.integers(1, 10**7),
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    st.integers(0, 10**6),
)
def test_allocation_adds_up_to_the_price(
    cents: int, goods: int, points: int, x: int
) -> None:
    price = Money(D(cents).scaleb(-2), "EUR")
    if goods + points == 0:
        goods = 1
    split = allocate_transaction_price(price, eur(goods), eur(points))
    assert split.goods + split.points == price


@given(st.lists(st.integers(0, 500), min_size=1, max_size=8), st.integers(1, 10**6))
def test_recognition_adds_up_to_the_allocation(redemptions: list[int], cents: int) -> None:
    allocated = Money(D(cents).scaleb(-2), "EUR")
    expected = sum(redemptions) or 1
    recognised = ZERO
    done = 0
    for count in redemptions:
        done += count
        step = points_revenue(allocated, done, expected, recognised)
        assert step.to_date == recognised + step.this_period
        recognised = step.to_date
    if sum(redemptions):
        assert recognised == allocated  # every expected point redeemed: all recognised


def test_points_liability_and_breakage() -> None:
    owed = points_liability(250_000, eur("0.01"), "0.85")
    assert (owed.face_value, owed.expected, owed.breakage) == (
        eur(2500),
        eur(2125),
        eur(375),
    )


# -- unit economics -----------------------------------------------------------------


def test_break_even_openstax() -> None:
    usd = lambda amount: Money(amount, "USD")  # noqa: E731
    # $20,000 / $150 = 133.33 units: the 134th unit is the first without a loss.
    assert break_even_units(usd(20000), usd(400), usd(250)) == 134
    # Contribution margin ratio 150 / 400 = 37.5 %: $20,000 / 0.375 = $53,333.33...,
    # rounded up to the cent so the revenue covers the costs.
    assert break_even_revenue(usd(20000), usd(400), usd(250)) == usd("53333.34")


def test_clv_gupta_lehmann_margin_multiple() -> None:
    # r = 80 %, i = 10 %: multiple 0.8 / 0.3 = 2.67; a margin of 100 is worth 266.67.
    assert discounted_clv(Money("100", "USD"), "0.8", "0.1") == Money("266.67", "USD")
    assert simple_clv(eur(60), 3, "0.35", 4) == eur(252)


def test_contribution_margin_by_channel() -> None:
    lines = [
        MarginLine(
            "1", "TEE", "web", eur(40), eur(4), eur(12), eur("5.50"), eur("1.20"), eur(2)
        ),
        MarginLine(
            "2", "TEE", "marketplace", eur(40), ZERO, eur(12), eur(5), eur(6), eur(2)
        ),
        MarginLine("3", "MUG", "web", eur(20), ZERO, eur(6), eur(4), eur("0.60"), ZERO),
    ]
    # TEE web: 40 - 4 = 36 revenue; 36 - 12 - 5.50 - 1.20 - 2 = 15.30.
    assert contribution_margin(lines[0]).margin == eur("15.30")
    by_channel = contribution_by(lines, "channel")
    assert by_channel["web"].margin == eur("24.70")  # 15.30 + 9.40
    assert by_channel["marketplace"].margin == eur(15)
    by_product = contribution_by(lines, "product")
    assert by_product["TEE"].revenue == eur(76)
    assert by_product["TEE"].ratio == D("0.3987")  # 30.30 / 76 = 0.398684...


def test_rates_and_ratios() -> None:
    orders = [
        OrderAmounts(eur(50), eur(5), eur("4.90"), eur("8.55")),
        OrderAmounts(eur(30), ZERO, eur("4.90"), eur("5.70")),
    ]
    assert average_order_value(orders, "net") == eur("37.50")
    assert average_order_value(orders, "total") == eur("49.53")  # 99.05 / 2, half up
    assert conversion_rate(42, 1500) == D("0.028")
    assert cart_abandonment_rate(400, 120) == D("0.7")
    assert customer_acquisition_cost(eur(12000), 300) == eur(40)
    assert ltv_to_cac(eur(240), eur(80)) == 3
    assert cac_payback_months(eur(80), eur("12.50")) == D("6.4")
    assert return_on_ad_spend(eur(5000), eur(1250)) == 4


def test_cash_conversion_cycle() -> None:
    dio = days_of_inventory(eur(120_000), eur(20_000))  # 60.8333 days
    dso = days_sales_outstanding(eur(2000), eur(365_000))  # 2 days
    dpo = days_payables_outstanding(eur(20_000), eur(182_500))  # 40 days
    assert cash_conversion_cycle(dio, dso, dpo) == D("22.8333")


def test_cohorts() -> None:
    result = cohorts(
        [
            Purchase("ann", date(2026, 1, 5), eur(40)),
            Purchase("bob", date(2026, 1, 20), eur(25)),
            Purchase("ann", date(2026, 3, 2), eur(30)),
            Purchase("cy", date(2026, 2, 9), eur(60)),
            Purchase("cy", date(2026, 2, 28), eur(15)),
        ]
    )
    assert [(c.month, c.customers, c.repeat_customers) for c in result] == [
        ("2026-01", 2, 1),
        ("2026-02", 1, 1),
    ]
    assert result[0].revenue_by_month == {"2026-01": eur(65), "2026-03": eur(30)}


@given(st.integers(0, 99), st.integers(1, 99), st.integers(1, 10_000))
def test_clv_rises_with_retention(a: int, b: int, margin: int) -> None:
    low, high = sorted((a, b))
    value = [discounted_clv(eur(margin), D(r) / 100, "0.1") for r in (low, high)]
    assert value[0] <= value[1]


# -- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: average_order_value([], "net"), "at least one order"),
        (
            lambda: average_order_value([OrderAmounts(ZERO, ZERO, ZERO, ZERO)], "gross "),
            "basis",
        ),
        (lambda: conversion_rate(5, 0), "greater than zero"),
        (lambda: conversion_rate(5.0, 10), "whole number"),  # type: ignore[arg-type]
        (lambda: conversion_rate(11, 10), "exceeds"),
        (lambda: cart_abandonment_rate(0, 0), "greater than zero"),
        (lambda: customer_acquisition_cost(eur(100), 0), "greater than zero"),
        (lambda: customer_acquisition_cost(eur(-1), 3), "zero or more"),
        (lambda: discounted_clv(eur(100), "1", "0"), "never converge"),
        (lambda: discounted_clv(eur(100), "1.2", "0.5"), "at most 1"),
        (lambda: discounted_clv(eur(100), 0.8, "0.1"), "float"),
        (lambda: simple_clv(eur(60), 3, 35, 4), "0.35, not 35"),
        (lambda: break_even_units(eur(100), eur(10), eur(10)), "no volume breaks even"),
        (
            lambda: break_even_units(eur(100), eur(10), Money(5, "USD")),
            "different currencies",
        ),
        (lambda: ltv_to_cac(eur(100), Money(5, "USD")), "different currencies"),
        (lambda: return_on_ad_spend(eur(100), ZERO), "greater than zero"),
        (lambda: contribution_by([], "product"), "non-empty"),
        (lambda: contribution_by([object()], "sku"), "'order', 'product', 'channel'"),  # type: ignore[list-item]
        (lambda: cohorts([]), "non-empty"),
        (
            lambda: cohorts(
                [
                    Purchase("a", date(2026, 1, 1), eur(1)),
                    Purchase("b", date(2026, 1, 2), Money(1, "USD")),
                ]
            ),
            "different currencies",
        ),
        (lambda: points_revenue(eur(100), 50, 40, ZERO), "revise the estimate"),
        (lambda: points_revenue(eur(100), 10, 40, eur(200)), "exceeds"),
        (lambda: points_standalone_price(-1, eur(1), "0.9"), "zero or more"),
        (lambda: points_standalone_price(10, eur(1), "97"), "0.97, not 97"),
        (lambda: allocate_transaction_price(eur(10), ZERO, ZERO), "both zero"),
        (
            lambda: allocate_transaction_price(eur(10), eur(1), Money(1, "USD")),
            "different currencies",
        ),
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(CommerceKitError, match=message):
        call()  # type: ignore[operator]
