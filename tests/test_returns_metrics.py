"""Return rates, return cost by reason, shipping per order and on-time delivery.

The figures are worked by hand in each test from the rules in
``commercekit.metrics._returns`` and ``_delivery`` (units returned / units sold; orders
with a return / orders; return cost = refunds - cost back in stock + return shipping +
restocking loss; on time = delivered on or before the last promised day).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import InvalidMetricError, MissingDataError
from commercekit.metrics import (
    Delivery,
    DeliveryPerformance,
    OrderLine,
    ReasonCost,
    ReturnLine,
    ReturnRate,
    ReturnReport,
    ShippingPerOrder,
    ShippingReport,
    margin_breakdown,
    on_time_delivery,
    return_rates,
    shipping_per_order,
)
from commercekit.money import Money, sum_money
from tests.sales_strategies import END, START, Book, books, shuffled


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


ZERO = eur(0)


def _sale(
    order: str, product: str, channel: str, units: int, **shipping: Money
) -> OrderLine:
    charged, cost = shipping.get("charged", ZERO), shipping.get("cost", ZERO)
    return OrderLine(
        order, date(2026, 3, 9), product, channel, "NL", units, eur(30 * units), ZERO,
        eur(12 * units), ZERO, charged, cost, ZERO, ZERO,
    )  # fmt: skip


LINES = [
    _sale("1", "TEE", "web", 2),
    _sale("2", "TEE", "web", 1),
    _sale("3", "TEE", "marketplace", 3),
    _sale("3", "MUG", "marketplace", 1),
]
RETURNS = [
    ReturnLine("1", "TEE", 1, "too-small", eur(30), eur("4.50"), ZERO),
    ReturnLine("1", "TEE", 1, "damaged", eur(30), eur("4.50"), eur(12)),
    ReturnLine("3", "TEE", 1, "too-small", eur(30), eur("5.00"), ZERO),
]


def test_return_rates_by_product_and_channel_with_reasons() -> None:
    report = return_rates(LINES, RETURNS, start=START, end=END)
    by_key = {g.key: g for g in report.groups}
    web = by_key["TEE", "web"]
    # 2 of 3 units back; 1 of 2 orders sent something back.
    assert (web.unit_return_rate, web.order_return_rate) == (
        Decimal("0.6667"),
        Decimal("0.5000"),
    )
    # Refunds 60 less 24 back in stock, 9 return shipping, 12 written off.
    assert web.refunds_not_recovered == eur(36)
    assert web.return_cost == eur(57)
    assert [(r.reason, r.units, r.return_cost) for r in web.reasons] == [
        ("damaged", 1, eur("34.50")),
        ("too-small", 1, eur("22.50")),
    ]
    marketplace = by_key["TEE", "marketplace"]
    assert (marketplace.unit_return_rate, marketplace.return_cost) == (
        Decimal("0.3333"),
        eur(23),
    )
    mug = by_key["MUG", "marketplace"]
    assert (mug.unit_return_rate, mug.reasons, mug.return_cost) == (Decimal(0), (), ZERO)
    total = report.total
    # Orders 1, 2 and 3; 1 and 3 had returns. Order 3 is in two groups, once here.
    assert (total.orders, total.orders_with_returns) == (3, 2)
    assert (total.units_sold, total.units_returned) == (7, 3)
    assert total.return_cost == eur(80)


def test_return_cost_is_what_the_returns_took_from_the_margin() -> None:
    kept = margin_breakdown(LINES, [], start=START, end=END).total.margin
    after = margin_breakdown(LINES, RETURNS, start=START, end=END).total.margin
    total = return_rates(LINES, RETURNS, start=START, end=END).total
    assert kept - after == total.return_cost


def test_return_rates_refuse_or_list_returns_of_nothing_sold() -> None:
    stray = ReturnLine("8", "CAP", 1, "other: arrived late", eur(15), ZERO, ZERO)
    with pytest.raises(MissingDataError, match="'CAP' on order '8'"):
        return_rates(LINES, [stray], start=START, end=END)
    partial = return_rates(LINES, [stray], start=START, end=END, partial=True)
    assert partial.missing == ("the sale of 'CAP' on order '8' (1 unit returned)",)
    assert partial.total.units_returned == 0


# -- A period with nothing in it -----------------------------------------------------------

APRIL = {"start": END, "end": date(2026, 5, 1)}


def test_every_measure_reports_an_empty_period_the_same_way() -> None:
    """No groups; a total of zero counts and amounts; None for every ratio."""
    margin = margin_breakdown(LINES, RETURNS, **APRIL).total
    assert (margin.units_sold, margin.net_sales, margin.margin) == (0, ZERO, ZERO)
    assert margin.margin_ratio is None
    rates = return_rates(LINES, RETURNS, **APRIL)
    assert rates.groups == ()
    assert (rates.total.units_sold, rates.total.orders, rates.total.return_cost) == (
        0,
        0,
        ZERO,
    )
    assert (rates.total.unit_return_rate, rates.total.order_return_rate) == (None, None)
    shipping = shipping_per_order(LINES, **APRIL, by=("channel",))
    assert shipping.groups == ()
    assert (shipping.total.key, shipping.total.orders, shipping.total.shipping_cost) == (
        (),
        0,
        ZERO,
    )
    assert (shipping.total.cost_per_order, shipping.total.charged_per_order) == (None, None)
    nothing_due = on_time_delivery([Delivery("1", on(3), on(5), None)], as_of=on(4))
    assert (nothing_due.due, nothing_due.on_time, nothing_due.late) == (0, 0, ())
    assert (nothing_due.on_time_rate, nothing_due.average_days_late) == (None, None)


def test_a_group_that_sold_nothing_is_refused() -> None:
    total = return_rates(LINES, RETURNS, **APRIL).total
    with pytest.raises(InvalidMetricError, match="a group that sold nothing"):
        ReturnReport(
            ("product",), END, date(2026, 5, 1), [attrs.evolve(total, key=("TEE",))], total
        )
    empty = ShippingPerOrder(("web",), 0, ZERO, ZERO)
    with pytest.raises(InvalidMetricError, match="a group that sold nothing"):
        ShippingReport(("channel",), START, END, [empty], attrs.evolve(empty, key=()))
    with pytest.raises(InvalidMetricError, match="yet shipping was charged or cost"):
        ShippingPerOrder((), 0, eur("4.95"), ZERO)
    with pytest.raises(InvalidMetricError, match="an order sells a unit or more"):
        ReturnRate((), 0, 0, 1, 0, ZERO, ZERO, ZERO, ZERO, [])


def test_reasons_that_do_not_add_up_are_refused() -> None:
    reason = ReasonCost("too-small", 1, eur(30), eur(12), eur("4.50"), ZERO)
    with pytest.raises(InvalidMetricError, match="do not add up to units_returned=2"):
        ReturnRate(("TEE",), 3, 2, 2, 1, eur(30), eur(12), eur("4.50"), ZERO, [reason])
    with pytest.raises(InvalidMetricError, match="refunds"):
        ReturnRate(("TEE",), 3, 1, 2, 1, eur(31), eur(12), eur("4.50"), ZERO, [reason])


@given(books(), st.data())
def test_return_rates_lie_between_zero_and_one_and_ignore_order(
    book: Book, data: st.DataObject
) -> None:
    """0 <= rate <= 1 by units and by orders (returns never exceed sales), the reasons
    add up to their group, and shuffling lines and returns changes nothing."""
    report = return_rates(book.lines, book.returns, start=START, end=END)
    for group in report.groups:
        assert group.unit_return_rate is not None
        assert group.order_return_rate is not None
        assert 0 <= group.unit_return_rate <= 1
        assert 0 <= group.order_return_rate <= 1
        assert sum(r.units for r in group.reasons) == group.units_returned
        assert sum_money([r.return_cost for r in group.reasons], book.currency) == (
            group.return_cost
        )
    again = shuffled(data, book)
    assert return_rates(again.lines, again.returns, start=START, end=END) == report


@given(books())
def test_the_return_cost_is_the_margin_the_returns_took(book: Book) -> None:
    """margin without returns - margin with them == return cost, per group."""
    kept = margin_breakdown(book.lines, [], start=START, end=END, by=("product", "channel"))
    after = margin_breakdown(
        book.lines, book.returns, start=START, end=END, by=("product", "channel")
    )
    rates = return_rates(book.lines, book.returns, start=START, end=END)
    for before, now, rate in zip(kept.groups, after.groups, rates.groups, strict=True):
        assert before.margin - now.margin == rate.return_cost == now.return_cost


# -- Shipping per order --------------------------------------------------------------------


def test_shipping_per_order_counts_an_order_once() -> None:
    lines = [
        _sale("1", "TEE", "web", 1, charged=ZERO, cost=eur("3.10")),
        _sale("1", "MUG", "web", 1, charged=ZERO, cost=eur("3.10")),
        _sale("2", "TEE", "web", 1, charged=eur("4.95"), cost=eur("6.40")),
        _sale("3", "TEE", "marketplace", 1, charged=eur("4.95"), cost=eur("4.10")),
    ]
    report = shipping_per_order(lines, start=START, end=END)
    (everything,) = report.groups
    assert everything == report.total
    assert (everything.key, everything.orders) == ((), 3)
    # 16.70 over 3 orders is 5.5666...: half-up to 5.57.
    assert everything.cost_per_order == eur("5.57")
    assert everything.charged_per_order == eur("3.30")
    assert everything.shipping_subsidy == eur("6.80")
    by_channel = shipping_per_order(lines, start=START, end=END, by=("channel",))
    marketplace, web = by_channel.groups
    assert (marketplace.key, marketplace.shipping_subsidy) == (
        ("marketplace",),
        eur("-0.85"),
    )
    assert (web.orders, web.cost_per_order) == (2, eur("6.30"))
    assert by_channel.total == everything  # each order in one group


def test_a_shipping_total_that_is_not_the_sum_of_its_groups_is_refused() -> None:
    lines = [_sale("1", "TEE", "web", 1, charged=ZERO, cost=eur("3.10"))]
    report = shipping_per_order(lines, start=START, end=END, by=("channel",))
    with pytest.raises(InvalidMetricError, match="is not the sum of the groups"):
        ShippingReport(
            ("channel",),
            START,
            END,
            report.groups,
            ShippingPerOrder((), 2, ZERO, eur("3.10")),
        )


def test_an_order_split_over_two_markets_is_refused() -> None:
    lines = [_sale("1", "TEE", "web", 1), _sale("1", "MUG", "marketplace", 1)]
    with pytest.raises(InvalidMetricError, match="give an order's lines one channel"):
        shipping_per_order(lines, start=START, end=END, by=("channel",))
    with pytest.raises(InvalidMetricError, match="not one of 'channel', 'market'"):
        shipping_per_order(lines, start=START, end=END, by=("product",))


# -- On-time delivery ----------------------------------------------------------------------


def on(day: int) -> date:
    return date(2026, 3, day)


def test_on_time_early_late_and_in_transit() -> None:
    result = on_time_delivery(
        [
            Delivery("1", on(3), on(5), on(2)),  # early: on time and early
            Delivery("2", on(3), on(5), on(5)),  # the last promised day: on time
            Delivery("3", on(3), on(5), on(6)),  # a day late
            Delivery("4", on(3), on(5), None),  # not arrived by the 9th: 4 days late
            Delivery("5", on(3), on(9), None),  # may still arrive on the 9th: not due
            Delivery("6", on(4), on(7), on(4)),  # on the first day: on time, not early
        ],
        as_of=on(9),
    )
    assert (result.on_time, result.early, result.not_yet_due, result.due) == (3, 1, 1, 5)
    assert result.late == ("3", "4")
    assert result.in_transit == ("4",)
    assert result.days_late == 5
    assert result.on_time_rate == Decimal("0.6000")
    assert result.average_days_late == Decimal("2.5000")


def test_nothing_due_has_no_rate() -> None:
    result = on_time_delivery([Delivery("1", on(3), on(5), None)], as_of=on(4))
    assert (result.on_time_rate, result.average_days_late) == (None, None)


@pytest.mark.parametrize(
    ("deliveries", "said"),
    [
        ([Delivery("1", on(3), on(5), on(12))], "after as_of"),
        ([Delivery("1", on(3), on(5), None)] * 2, "names an order twice"),
    ],
)
def test_deliveries_that_cannot_be_are_refused(
    deliveries: list[Delivery], said: str
) -> None:
    with pytest.raises(InvalidMetricError, match=said):
        on_time_delivery(deliveries, as_of=on(10))


def test_delivery_dates_are_checked() -> None:
    with pytest.raises(InvalidMetricError, match="is before promised_earliest"):
        Delivery("1", on(5), on(3), None)
    with pytest.raises(InvalidMetricError, match="is a datetime"):
        Delivery("1", on(3), on(5), datetime(2026, 3, 4, 12))  # noqa: DTZ001


_DAYS = st.dates(date(2026, 2, 1), date(2026, 3, 31))


@st.composite
def _deliveries(draw: st.DrawFn) -> list[Delivery]:
    found = []
    for index in range(draw(st.integers(1, 12))):
        first = draw(_DAYS)
        last = draw(st.dates(first, date(2026, 4, 10)))
        arrived = draw(st.none() | st.dates(date(2026, 2, 1), date(2026, 4, 1)))
        found.append(Delivery(str(index), first, last, arrived))
    return found


@given(_deliveries())
def test_every_delivery_is_counted_once(deliveries: list[Delivery]) -> None:
    """on time + late + not yet due == deliveries; the rate lies in [0, 1]; each late
    order is at least a day late."""
    result = on_time_delivery(deliveries, as_of=date(2026, 4, 1))
    assert isinstance(result, DeliveryPerformance)
    assert result.on_time + len(result.late) + result.not_yet_due == len(deliveries)
    if result.on_time_rate is not None:
        assert 0 <= result.on_time_rate <= 1
    assert result.days_late >= len(result.late)
