"""Contribution margin by product, channel and market: a textbook example, a worked
example with returns, refusals, and properties.

Source:

* OpenStax, *Principles of Accounting, Volume 2: Managerial Accounting*, section 3.1,
  "Your Turn: Contribution Margin Income Statement": "You rent a kiosk in the mall for
  $300 a month and use it to sell T-shirts ... You sell each T-shirt for $25, and your
  cost for each shirt is $15. You also pay your sales person a commission of $0.50 per
  T-shirt sold in addition to a salary of $400 per month. Construct a contribution
  margin income statement for two different months: in one month, assume 100 T-shirts
  are sold, and in the other, assume 200 T-shirts are sold."
  https://openstax.org/books/principles-managerial-accounting/pages/3-1-explain-contribution-margin-and-calculate-contribution-margin-per-unit-contribution-margin-ratio-and-total-contribution-margin

  By the section's definitions (contribution margin = sales - variable costs; the
  rent and the salary are fixed): 100 shirts give sales $2,500, variable costs $1,550
  (1,500 for the shirts, 50 commission), a contribution margin of $950 and, after
  $700 of fixed costs, a net income of $250; 200 shirts give $5,000, $3,100, $1,900
  and $1,200. The margin is $9.50 a shirt, a ratio of 38 %.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import (
    CurrencyMismatchError,
    InvalidMetricError,
    MissingDataError,
)
from commercekit.metrics import (
    MarginBreakdown,
    MarginReport,
    OrderLine,
    ReturnLine,
    margin_breakdown,
    return_rates,
)
from commercekit.money import Money, split, sum_money
from tests.sales_strategies import END, START, Book, books, shuffled


def usd(amount: str | int) -> Money:
    return Money(amount, "USD")


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def _shirts(order: str, sold: date, units: int) -> OrderLine:
    zero = usd(0)
    return OrderLine(
        order=order,
        day=sold,
        product="COLLEGE-TEE",
        channel="kiosk",
        market="US",
        units=units,
        revenue=usd(25 * units),
        discounts=zero,
        cost_of_goods=usd(15 * units),
        fulfilment=zero,
        shipping_charged=zero,
        shipping_cost=zero,
        payment_costs=zero,
        commissions=usd(Decimal("0.50") * units),
    )


# -- OpenStax 3.1: the T-shirt kiosk ------------------------------------------------------


def test_openstax_kiosk_contribution_margin_in_two_months() -> None:
    # March: 100 shirts, one a sale; April: 200 shirts, four a sale.
    lines = [_shirts(f"M{i}", date(2026, 3, 1 + i % 31), 1) for i in range(100)]
    lines += [_shirts(f"A{i}", date(2026, 4, 1 + i % 30), 4) for i in range(50)]
    fixed = usd(300) + usd(400)
    march = margin_breakdown(lines, [], start=date(2026, 3, 1), end=date(2026, 4, 1))
    april = margin_breakdown(lines, [], start=date(2026, 4, 1), end=date(2026, 5, 1))
    for month, units, sales, variable, margin, income in (
        (march, 100, 2500, 1550, 950, 250),
        (april, 200, 5000, 3100, 1900, 1200),
    ):
        total = month.total
        assert total.units_sold == units
        assert total.revenue_after_discounts == total.net_sales == usd(sales)
        assert total.cost_of_goods + total.commissions == usd(variable)
        assert total.margin == usd(margin)
        assert total.margin - fixed == usd(income)
        assert total.margin_ratio == Decimal("0.3800")
        assert [g.key for g in month.groups] == [("COLLEGE-TEE",)]


# -- A worked example with returns ---------------------------------------------------------


def _sale(
    order: str, product: str, channel: str, market: str, **amounts: Money
) -> OrderLine:
    given = {
        "discounts": eur(0),
        "fulfilment": eur("2.50"),
        "shipping_charged": eur("4.95"),
        "shipping_cost": eur("6.10"),
        "payment_costs": eur("1.05"),
        "commissions": eur(0),
    } | amounts
    return OrderLine(
        order,
        date(2026, 3, 10),
        product,
        channel,
        market,
        3,
        revenue=eur(90),
        cost_of_goods=eur("40.00"),
        **given,
    )


LINES = [
    _sale("1", "TEE", "web", "NL", discounts=eur(9)),
    _sale("2", "TEE", "marketplace", "DE", commissions=eur("13.50")),
    _sale("3", "MUG", "web", "de"),
]
RETURNS = [
    ReturnLine("1", "TEE", 1, "too-small", eur(27), eur("4.50"), eur(0)),
    ReturnLine("1", "TEE", 1, "damaged", eur(27), eur("4.50"), eur("13.33")),
]


def test_a_worked_example_with_returns_shows_every_component() -> None:
    report = margin_breakdown(
        LINES, RETURNS, start=START, end=END, by=("product", "channel")
    )
    assert [g.key for g in report.groups] == [
        ("MUG", "web"),
        ("TEE", "marketplace"),
        ("TEE", "web"),
    ]
    web = report.groups[2]
    # 40.00 over 3 units splits 13.34, 13.33, 13.33: two units back restock 26.67.
    assert web.cost_of_goods_returned == eur("26.67")
    assert (web.units_sold, web.units_returned) == (3, 2)
    assert web.revenue_after_discounts == eur(81)
    # 81 over 3 units is 27 each: the two refunds of 27 paid back goods, no shipping.
    assert (web.refunds_of_goods, web.refunds_of_shipping) == (eur(54), eur(0))
    assert web.net_sales == eur(27)
    assert web.shipping_subsidy == eur("1.15")
    # Refunds 54.00 less 26.67 back in stock, 9.00 return shipping, 13.33 written off.
    assert web.return_cost == eur("49.66")
    # 81 - 40 - 2.50 - 1.15 - 1.05 - 0 = 36.30 before returns; 36.30 - 49.66 after.
    assert web.margin == eur("-13.36")
    assert web.margin_ratio == Decimal("-0.4948")  # over net sales of 27
    marketplace = report.groups[1]
    assert marketplace.margin == eur("31.80")
    mug = report.groups[0]
    assert mug.margin == eur("45.30")
    assert mug.margin_ratio == Decimal("0.5033")
    assert report.total.margin == eur("63.74")  # 45.30 + 31.80 - 13.36
    assert LINES[2].market == "DE"  # given as "de"
    assert report.missing == ()


def test_the_period_counts_its_first_day_and_not_its_end() -> None:
    on_start = attrs.evolve(LINES[0], day=START)
    on_end = attrs.evolve(LINES[0], day=END)
    assert margin_breakdown([on_start], [], start=START, end=END).total.units_sold == 3
    report = margin_breakdown([on_end], [], start=START, end=END)
    assert (report.groups, report.total.units_sold) == ((), 0)


def test_a_return_of_a_sale_outside_the_period_is_matched_but_not_counted() -> None:
    april = margin_breakdown(LINES, RETURNS, start=END, end=date(2026, 5, 1))
    assert april.groups == ()
    assert april.total.refunds == eur(0)
    assert april.missing == ()


# -- Net sales: net of discounts and returns ----------------------------------------------


def _tee(order: str, units: int, **amounts: Money) -> OrderLine:
    given = {
        "discounts": eur(0),
        "cost_of_goods": eur(12 * units),
        "fulfilment": eur(0),
        "shipping_charged": eur("4.95"),
        "shipping_cost": eur("4.95"),
        "payment_costs": eur(0),
        "commissions": eur(0),
    } | amounts
    return OrderLine(
        order, date(2026, 3, 9), "TEE", "web", "NL", units, eur(25 * units), **given
    )  # type: ignore[arg-type]


def test_a_group_returned_whole_has_no_net_sales_and_no_margin_ratio() -> None:
    # Sold 2 for 50 and both came back, refunded 50: nothing was finally sold.
    back = ReturnLine("1", "TEE", 2, "changed-mind", eur(50), eur("4.50"), eur(0))
    (tee,) = margin_breakdown([_tee("1", 2)], [back], start=START, end=END).groups
    assert (tee.revenue_after_discounts, tee.refunds_of_goods) == (eur(50), eur(50))
    assert tee.net_sales == eur(0)
    assert tee.margin_ratio is None  # not 0.0000 over money paid back
    assert tee.margin == eur("-4.50")


def test_net_sales_take_the_refunds_of_goods_and_the_ratio_is_over_them() -> None:
    # The docs' marketplace shirts: 3 sold at 25, one refunded 25. Net sales are 50,
    # and the margin ratio is over those 50, not over the 75 first invoiced.
    lines = [_tee("1", 3, commissions=eur("11.25"))]
    back = ReturnLine("1", "TEE", 1, "damaged", eur(25), eur("5.20"), eur(12))
    (tee,) = margin_breakdown(lines, [back], start=START, end=END).groups
    assert tee.net_sales == eur(50)
    # 75 - 36 cost + 12 back in stock - 11.25 - 25 refund - 5.20 - 12 written off
    assert tee.margin == eur("-2.45")
    assert tee.margin_ratio == Decimal("-0.0490")


def test_a_refund_of_the_delivery_cost_is_a_refund_of_shipping_not_of_goods() -> None:
    # The whole order back, its 4.95 delivery refunded too (Directive 2011/83/EU,
    # Art. 13(1)): goods 25 and shipping 4.95.
    back = ReturnLine("1", "TEE", 1, "changed-mind", eur("29.95"), eur(0), eur(0))
    (tee,) = margin_breakdown([_tee("1", 1)], [back], start=START, end=END).groups
    assert (tee.refunds_of_goods, tee.refunds_of_shipping) == (eur(25), eur("4.95"))
    assert tee.net_sales == eur(0)
    assert tee.return_cost == eur("17.95")  # 29.95 refunded less 12 back in stock
    # Everything paid back and the shirt on the shelf again: the shop is out the 4.95
    # it paid the carrier.
    assert tee.margin == eur("-4.95")


# -- A refund never exceeds what was paid --------------------------------------------------


def test_a_refund_above_what_was_paid_is_refused() -> None:
    # The reviewer's case: one unit sold at 25, a refund of 2500.
    line = _tee("1", 1, shipping_charged=eur(0), shipping_cost=eur(0))
    back = ReturnLine("1", "TEE", 1, "too-small", eur(2500), eur(0), eur(0))
    with pytest.raises(InvalidMetricError, match=r"more than was paid for them: 25.00 EUR"):
        margin_breakdown([line], [back], start=START, end=END)
    with pytest.raises(InvalidMetricError, match="a refund never exceeds what was paid"):
        return_rates([line], [back], start=START, end=END)


def test_the_cap_is_the_goods_share_plus_the_shipping_charged_on_the_order() -> None:
    line = _tee("1", 3, discounts=eur("0.01"))  # 74.99 after discounts: 25, 25, 24.99
    at_cap = ReturnLine("1", "TEE", 1, "too-small", eur("29.95"), eur(0), eur(0))
    margin_breakdown([line], [at_cap], start=START, end=END)
    over = attrs.evolve(at_cap, refund=eur("29.96"))
    with pytest.raises(InvalidMetricError, match=r"1 unit of 'TEE' on order '1'"):
        margin_breakdown([line], [over], start=START, end=END)
    # All three back: exactly 74.99 of goods, and the 4.95 of delivery once.
    whole = ReturnLine("1", "TEE", 3, "too-small", eur("79.94"), eur(0), eur(0))
    (tee,) = margin_breakdown([line], [whole], start=START, end=END).groups
    assert (tee.net_sales, tee.refunds_of_shipping) == (eur(0), eur("4.95"))


def test_the_refunds_of_one_line_are_capped_together() -> None:
    line = _tee("1", 2, shipping_charged=eur(0), shipping_cost=eur(0))
    first = ReturnLine("1", "TEE", 1, "too-small", eur(25), eur(0), eur(0))
    again = ReturnLine("1", "TEE", 1, "damaged", eur(26), eur(0), eur(0))
    with pytest.raises(InvalidMetricError, match=r"is refunded for 2 units of 'TEE'"):
        margin_breakdown([line], [first, again], start=START, end=END)


def test_an_orders_delivery_is_paid_back_once() -> None:
    # Order 1 was charged 4.95 shipping, booked on the TEE line; each line's refund
    # alone fits, but together they pay the delivery back twice.
    tee = _tee("1", 1)
    mug = OrderLine(
        "1", date(2026, 3, 9), "MUG", "web", "NL", 1, eur(10), eur(0), eur(4), eur(0),
        eur(0), eur(0), eur(0), eur(0),
    )  # fmt: skip
    backs = [
        ReturnLine("1", "TEE", 1, "too-small", eur("29.95"), eur(0), eur(0)),
        ReturnLine("1", "MUG", 1, "too-small", eur("14.95"), eur(0), eur(0)),
    ]
    with pytest.raises(InvalidMetricError, match="delivery is paid back once at most"):
        margin_breakdown([tee, mug], backs, start=START, end=END)
    # The delivery refunded with the mug alone is fine: it was charged on the order.
    report = margin_breakdown([tee, mug], backs[1:], start=START, end=END)
    assert report.total.refunds_of_shipping == eur("4.95")


# -- Refusals ------------------------------------------------------------------------------


def test_a_return_of_nothing_sold_is_missing_data_unless_partial() -> None:
    stray = ReturnLine("9", "CAP", 2, "wrong-item", eur(20), eur(4), eur(0))
    with pytest.raises(MissingDataError, match=r"'CAP' on order '9' \(2 units returned\)"):
        margin_breakdown(LINES, [*RETURNS, stray], start=START, end=END)
    partial = margin_breakdown(LINES, [*RETURNS, stray], start=START, end=END, partial=True)
    assert partial.missing == ("the sale of 'CAP' on order '9' (2 units returned)",)
    one = attrs.evolve(stray, units=1)
    single = margin_breakdown(LINES, [one], start=START, end=END, partial=True)
    assert single.missing == ("the sale of 'CAP' on order '9' (1 unit returned)",)
    whole = margin_breakdown(LINES, RETURNS, start=START, end=END)
    assert partial.total == whole.total


def test_a_return_of_more_units_than_sold_is_refused() -> None:
    third = ReturnLine("1", "TEE", 2, "too-small", eur(54), eur(9), eur(0))
    with pytest.raises(InvalidMetricError, match="which sold 3; a return cannot exceed"):
        margin_breakdown(LINES, [*RETURNS, third], start=START, end=END)


def test_two_lines_of_one_product_on_one_order_are_refused() -> None:
    with pytest.raises(InvalidMetricError, match="merge them into one line"):
        margin_breakdown([*LINES, LINES[0]], [], start=START, end=END)


@pytest.mark.parametrize(
    ("by", "said"),
    [
        (("product", "colour"), "not one of 'order', 'product', 'channel', 'market'"),
        (("product", "product"), "names a dimension twice"),
        ("product", "is not a list"),
    ],
)
def test_only_the_four_dimensions_group(by: object, said: str) -> None:
    with pytest.raises(InvalidMetricError, match=said):
        margin_breakdown(LINES, [], start=START, end=END, by=by)  # type: ignore[arg-type]


def test_a_period_that_does_not_run_forward_is_refused() -> None:
    with pytest.raises(InvalidMetricError, match="is not after start"):
        margin_breakdown(LINES, [], start=END, end=END)


def test_mixed_currencies_are_refused() -> None:
    dollars = ReturnLine("1", "TEE", 1, "too-small", usd(27), usd(0), usd(0))
    with pytest.raises(CurrencyMismatchError):
        margin_breakdown(LINES, [dollars], start=START, end=END)


def test_amounts_finer_than_the_minor_unit_are_refused() -> None:
    with pytest.raises(InvalidMetricError, match="more than EUR's 2 decimals"):
        _sale("1", "TEE", "web", "NL", payment_costs=eur("1.045"))


def test_a_total_that_is_not_the_sum_of_its_groups_is_refused() -> None:
    report = margin_breakdown(LINES, RETURNS, start=START, end=END)
    with pytest.raises(InvalidMetricError, match="is not the sum of the groups"):
        MarginReport(report.by, START, END, report.groups[:1], report.total)


# -- Properties ----------------------------------------------------------------------------

_BY = st.lists(
    st.sampled_from(("order", "product", "channel", "market")), unique=True, max_size=4
)


def _expected_margin(book: Book) -> Money:
    """The margin of the period's sales, from the lines and returns by hand."""
    parts: list[Money] = []
    for line in book.lines:
        if not START <= line.day < END:
            continue
        back = [
            r for r in book.returns if (r.order, r.product) == (line.order, line.product)
        ]
        units = sum(r.units for r in back)
        restocked = sum_money(split(line.cost_of_goods, line.units)[:units], book.currency)
        parts += [
            line.revenue - line.discounts - line.cost_of_goods - line.fulfilment,
            line.shipping_charged - line.shipping_cost - line.payment_costs,
            restocked - line.commissions,
        ]
        parts += [-(r.refund + r.return_shipping + r.restocking_loss) for r in back]
    return sum_money(parts, book.currency)


@given(books(), _BY)
def test_the_components_add_up_to_the_margin_computed_by_hand(
    book: Book, by: list[str]
) -> None:
    """total.margin == sum over the period's lines of revenue - discounts - costs -
    refunds + cost restocked - return costs, restocking shared as split() shares it."""
    report = margin_breakdown(book.lines, book.returns, start=START, end=END, by=by)
    assert report.total.margin == _expected_margin(book)


_AMOUNTS = [
    field.name
    for field in MarginBreakdown.__attrs_attrs__
    if field.name not in {"key", "units_sold", "units_returned"}
]


@given(books(), _BY)
def test_the_groups_add_up_to_the_total(book: Book, by: list[str]) -> None:
    """Each amount and count of the total == its sum over the groups, for any grouping,
    and the margin too."""
    report = margin_breakdown(book.lines, book.returns, start=START, end=END, by=by)
    groups = report.groups
    for name in _AMOUNTS:
        assert getattr(report.total, name) == sum_money(
            [getattr(g, name) for g in groups], book.currency
        )
    assert report.total.units_sold == sum(g.units_sold for g in groups)
    assert report.total.margin == sum_money([g.margin for g in groups], book.currency)
    assert len({g.key for g in groups}) == len(groups)


@given(books(), _BY, _BY)
def test_the_total_does_not_depend_on_the_grouping(
    book: Book, by: list[str], other: list[str]
) -> None:
    """The total is the same whatever the sales are grouped by."""
    first = margin_breakdown(book.lines, book.returns, start=START, end=END, by=by)
    second = margin_breakdown(book.lines, book.returns, start=START, end=END, by=other)
    assert first.total == second.total


@given(books(), _BY, st.data())
def test_the_order_of_lines_and_returns_changes_no_figure(
    book: Book, by: list[str], data: st.DataObject
) -> None:
    """The report of shuffled lines and returns == the report of the given order."""
    again = shuffled(data, book)
    first = margin_breakdown(book.lines, book.returns, start=START, end=END, by=by)
    second = margin_breakdown(again.lines, again.returns, start=START, end=END, by=by)
    assert first == second


@given(books(), _BY)
def test_net_sales_are_revenue_less_discounts_and_refunds_of_goods(
    book: Book, by: list[str]
) -> None:
    """net sales == revenue - discounts - (refunds - refunds of shipping); the margin
    is net sales less the costs, plus the cost back in stock, less the refunds of
    shipping and the other return costs; the ratio is margin / net sales, or None
    without net sales."""
    report = margin_breakdown(book.lines, book.returns, start=START, end=END, by=by)
    for group in report.groups:
        goods = group.refunds - group.refunds_of_shipping
        assert group.net_sales == group.revenue - group.discounts - goods
        costs = [
            group.cost_of_goods,
            group.fulfilment,
            group.shipping_cost - group.shipping_charged,
            group.payment_costs,
            group.commissions,
            group.refunds_of_shipping,
            group.return_shipping,
            group.restocking_loss,
        ]
        assert group.margin == group.net_sales + group.cost_of_goods_returned - sum_money(
            costs, book.currency
        )
        if group.net_sales.amount > 0:
            exact = Decimal(group.margin.amount) / Decimal(group.net_sales.amount)
            assert group.margin_ratio is not None
            assert abs(group.margin_ratio - exact) <= Decimal("0.00005")
        else:
            assert group.margin_ratio is None


@given(books())
def test_refunds_never_exceed_what_was_paid(book: Book) -> None:
    """Per order line: refunds of goods <= revenue after discounts; per order: refunds
    of shipping <= shipping charged; so net sales of a line are never negative unless
    its discounts exceed its revenue."""
    report = margin_breakdown(
        book.lines, book.returns, start=START, end=END, by=("order", "product")
    )
    for group in report.groups:
        paid = max(group.revenue_after_discounts, Money(0, book.currency))
        assert group.refunds_of_goods <= paid
    by_order = margin_breakdown(
        book.lines, book.returns, start=START, end=END, by=("order",)
    )
    for order in by_order.groups:
        assert order.refunds_of_shipping <= order.shipping_charged


@given(books())
def test_a_line_returned_whole_restocks_its_whole_cost(book: Book) -> None:
    """Per order and product: all units back => cost of goods returned == cost of goods;
    and never more than it."""
    report = margin_breakdown(
        book.lines, book.returns, start=START, end=END, by=("order", "product")
    )
    for group in report.groups:
        assert group.cost_of_goods_returned <= group.cost_of_goods
        if group.units_returned == group.units_sold:
            assert group.cost_of_goods_returned == group.cost_of_goods
