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
        assert total.net_revenue == usd(sales)
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
    assert web.net_revenue == eur(81)
    assert web.shipping_subsidy == eur("1.15")
    # Refunds 54.00 less 26.67 back in stock, 9.00 return shipping, 13.33 written off.
    assert web.return_cost == eur("49.66")
    # 81 - 40 - 2.50 - 1.15 - 1.05 - 0 = 36.30 before returns; 36.30 - 49.66 after.
    assert web.margin == eur("-13.36")
    assert web.margin_ratio == Decimal("-0.1649")
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


# -- Refusals ------------------------------------------------------------------------------


def test_a_return_of_nothing_sold_is_missing_data_unless_partial() -> None:
    stray = ReturnLine("9", "CAP", 2, "wrong-item", eur(20), eur(4), eur(0))
    with pytest.raises(MissingDataError, match=r"'CAP' on order '9' \(2 units returned\)"):
        margin_breakdown(LINES, [*RETURNS, stray], start=START, end=END)
    partial = margin_breakdown(LINES, [*RETURNS, stray], start=START, end=END, partial=True)
    assert partial.missing == ("the sale of 'CAP' on order '9' (2 units returned)",)
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
