"""Products on the margin-velocity grid: a worked example, the boundary and tie rules,
refusals, and properties (every product once, placed by the stated rule).

The grid is a convention (see ``commercekit.metrics._portfolio``); the figures here are
worked by hand from its stated rule.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from commercekit.errors import InvalidMetricError
from commercekit.metrics import (
    OrderLine,
    PortfolioRule,
    ProductPosition,
    ProductRole,
    ReturnLine,
    margin_breakdown,
    portfolio,
)
from commercekit.money import Money
from tests.sales_strategies import END, START, Book, books

GROWTH, PROTECT, TRAFFIC, DROP = (
    ProductRole.GROWTH_ENGINE,
    ProductRole.PROFIT_PROTECTOR,
    ProductRole.TRAFFIC_BUILDER,
    ProductRole.DROP_OR_DROPSHIP,
)


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def _sold(product: str, units: int, revenue: str, cost: str, order: str = "1") -> OrderLine:
    zero = eur(0)
    return OrderLine(
        f"{order}-{product}", date(2026, 3, 2), product, "web", "NL", units, eur(revenue),
        zero, eur(cost), zero, zero, zero, zero, zero,
    )  # fmt: skip


def _placed(
    lines: list[OrderLine], rule: PortfolioRule, periods: int = 4
) -> dict[str, tuple[int, ProductRole]]:
    report = margin_breakdown(lines, [], start=START, end=END)
    result = portfolio(report, periods=periods, rule=rule)
    return {p.product: (p.rank, p.role) for p in result.products}


QUARTER = [
    _sold("TEE", 400, "10000", "6000"),  # 4000 margin, ratio 0.40
    _sold("SOCKS", 900, "4500", "4000"),  # 500, ratio 0.1111
    _sold("SCARF", 30, "1500", "600"),  # 900, ratio 0.60
    _sold("CAP", 20, "300", "270"),  # 30, ratio 0.10
]


def test_a_median_split_places_each_product_in_its_group() -> None:
    report = margin_breakdown(QUARTER, [], start=START, end=END)
    result = portfolio(report, periods=13, rule=PortfolioRule.medians())
    assert [(p.product, p.rank, p.role) for p in result.products] == [
        ("TEE", 1, GROWTH),
        ("SCARF", 2, PROTECT),
        ("SOCKS", 3, TRAFFIC),
        ("CAP", 4, DROP),
    ]
    # Net units a period: 30.77, 69.23, 2.31, 1.54; the median of four is the mean of
    # the middle two, (30 + 400) / 2 / 13 = 16.5385. Ratios 0.1, 0.1111, 0.4, 0.6: the
    # median (1/9 + 0.4) / 2 = 0.2556.
    assert (result.units_cut, result.ratio_cut) == (Decimal("16.5385"), Decimal("0.2556"))
    assert "the median of the 4 products" in result.rule
    tee = result.products[0]
    assert (tee.units_per_period, tee.margin_per_period) == (
        Decimal("30.7692"),
        eur("307.69"),
    )
    assert tee.why.endswith("a growth engine: keep it in stock and promote it")


def test_cut_offs_given_by_the_shop_are_stated() -> None:
    report = margin_breakdown(QUARTER, [], start=START, end=END)
    rule = PortfolioRule(units_per_period=Decimal(60), margin_ratio=Decimal("0.5"))
    result = portfolio(report, periods=13, rule=rule)
    roles = {p.product: p.role for p in result.products}
    assert roles == {"TEE": DROP, "SOCKS": TRAFFIC, "SCARF": PROTECT, "CAP": DROP}
    assert "60.0000 net units a period or more (given by the shop)" in result.rule


def test_a_value_at_the_cut_off_counts_as_fast_and_profitable() -> None:
    lines = [_sold("AT", 40, "100", "75"), _sold("BELOW", 39, "100", "76")]
    rule = PortfolioRule(units_per_period=Decimal(10), margin_ratio=Decimal("0.25"))
    assert _placed(lines, rule) == {"AT": (1, GROWTH), "BELOW": (2, DROP)}


def test_the_median_product_of_an_odd_count_is_fast_and_profitable() -> None:
    lines = [
        _sold("A", 4, "100", "90"),
        _sold("B", 8, "100", "80"),
        _sold("C", 12, "100", "70"),
    ]
    assert _placed(lines, PortfolioRule.medians()) == {
        "C": (1, GROWTH),
        "B": (2, GROWTH),
        "A": (3, DROP),
    }


def test_ties_go_to_more_units_then_the_product_id() -> None:
    lines = [
        _sold("B", 10, "100", "50"),
        _sold("A", 10, "100", "50"),
        _sold("C", 20, "150", "100"),
    ]
    ranks = _placed(lines, PortfolioRule(Decimal(0), Decimal(0)))
    assert [name for name, _ in sorted(ranks.items(), key=lambda kv: kv[1][0])] == [
        "C",
        "A",
        "B",
    ]


def test_a_product_without_net_sales_is_thin_and_a_loss_is_said() -> None:
    lines = [_sold("FREE", 5, "0", "20"), _sold("TEE", 5, "100", "50")]
    report = margin_breakdown(lines, [], start=START, end=END)
    result = portfolio(report, periods=1, rule=PortfolioRule.medians())
    free = next(p for p in result.products if p.product == "FREE")
    assert (free.role, free.margin_ratio) == (TRAFFIC, None)
    assert "no net sales, so thin" in free.why
    assert free.why.endswith("; it sells at a loss")
    assert "the median of the 1 with net sales" in result.rule


# -- A loss is never profitable ------------------------------------------------------------


def test_a_product_sold_at_a_loss_is_not_profitable_though_it_is_its_own_median() -> None:
    # The reviewer's case: one product, margin ratio -0.5, so the median is -0.5.
    report = margin_breakdown([_sold("TEE", 10, "100", "150")], [], start=START, end=END)
    result = portfolio(report, periods=1, rule=PortfolioRule.medians())
    (tee,) = result.products
    assert (tee.role, tee.margin_ratio) == (TRAFFIC, Decimal("-0.5000"))
    assert "(at or above -0.5000, but not above zero)" in tee.why
    assert "promote" not in tee.why
    assert tee.why.endswith(
        "a traffic builder: bundle it or review its price; it sells at a loss"
    )
    assert "and above zero" in result.rule


def test_of_two_loss_makers_neither_is_profitable() -> None:
    # Margin ratios -0.5 and -0.2: the median is -0.35, and -0.2 is above it.
    lines = [_sold("LOSS", 10, "100", "150"), _sold("LESS", 10, "100", "120")]
    assert _placed(lines, PortfolioRule.medians()) == {
        "LESS": (1, TRAFFIC),
        "LOSS": (2, TRAFFIC),
    }
    assert _placed(lines, PortfolioRule(Decimal(0), Decimal(0))) == {
        "LESS": (1, TRAFFIC),
        "LOSS": (2, TRAFFIC),
    }


def test_a_product_that_sold_nothing_net_is_not_fast() -> None:
    # Two sold and both came back, all paid back: no net units, no net sales.
    lines = [_sold("BACK", 2, "50", "24"), _sold("TEE", 10, "100", "50", order="2")]
    back = ReturnLine("1-BACK", "BACK", 2, "changed-mind", eur(50), eur(0), eur(0))
    report = margin_breakdown(lines, [back], start=START, end=END)
    result = portfolio(report, periods=1, rule=PortfolioRule(Decimal(0), None))
    back_position = next(p for p in result.products if p.product == "BACK")
    assert back_position.role is DROP
    assert "0.0000 net units a period (at or above 0.0000, but not above zero)" in (
        back_position.why
    )
    assert "no net sales, so thin" in back_position.why


def test_a_profitable_role_with_a_loss_is_refused() -> None:
    with pytest.raises(InvalidMetricError, match="a loss is never profitable"):
        ProductPosition(
            "TEE", 1, GROWTH, Decimal(1), eur("-1.00"), Decimal("-0.5000"), "why"
        )
    with pytest.raises(InvalidMetricError, match="a loss is never profitable"):
        ProductPosition("TEE", 1, PROTECT, Decimal(1), eur("1.00"), None, "why")


@pytest.mark.parametrize(
    ("by", "lines", "said"),
    [
        (("channel",), QUARTER, "is not a report by product"),
        (("product",), [_sold("TEE", 1, "10", "5")], "is not a report by product"),
    ],
)
def test_only_a_report_by_product_with_products_is_placed(
    by: tuple[str, ...], lines: list[OrderLine], said: str
) -> None:
    start = START if by != ("product",) else END
    report = margin_breakdown(lines, [], start=start, end=date(2026, 5, 1), by=by)
    with pytest.raises(InvalidMetricError, match=said):
        portfolio(report, periods=4, rule=PortfolioRule.medians())


def test_no_median_ratio_without_net_sales() -> None:
    report = margin_breakdown([_sold("FREE", 1, "0", "2")], [], start=START, end=END)
    with pytest.raises(InvalidMetricError, match="no median margin ratio"):
        portfolio(report, periods=4, rule=PortfolioRule.medians())
    given = portfolio(report, periods=4, rule=PortfolioRule(None, Decimal("0.2")))
    assert given.products[0].role is TRAFFIC  # fast (the median of one), no revenue


_RULES = st.builds(
    PortfolioRule,
    st.none() | st.decimals(0, 5, places=2),
    st.none() | st.decimals(0, 1, places=2),
)


@given(books(most=10), _RULES, st.integers(1, 13))
def test_every_product_appears_once_placed_by_the_stated_rule(
    book: Book, rule: PortfolioRule, periods: int
) -> None:
    """Each product sold in the period appears exactly once, ranked 1..n by margin per
    period (most first); fast iff its net units a period >= the cut-off and > 0,
    profitable iff its margin ratio is >= the cut-off and > 0; a profitable product
    never sells at a loss, whatever the cut-offs."""
    report = margin_breakdown(book.lines, book.returns, start=START, end=END)
    assume(report.groups)
    assume(
        rule.margin_ratio is not None or any(g.net_sales.amount > 0 for g in report.groups)
    )
    result = portfolio(report, periods=periods, rule=rule)
    assert sorted(p.product for p in result.products) == [g.key[0] for g in report.groups]
    assert [p.rank for p in result.products] == list(range(1, len(report.groups) + 1))
    margins = [p.margin_per_period.amount for p in result.products]
    assert margins == sorted(margins, reverse=True)
    groups = {g.key[0]: g for g in report.groups}
    units_cut = (
        Fraction(rule.units_per_period) if rule.units_per_period is not None else None
    )
    for position in result.products:
        group = groups[position.product]
        units = Fraction(group.units_sold - group.units_returned, periods)
        fast = position.role in {GROWTH, TRAFFIC}
        if units_cut is not None:
            assert fast == (units > 0 and units >= units_cut)
        assert not fast or units > 0
        profitable = position.role in {GROWTH, PROTECT}
        if group.net_sales.amount <= 0:
            assert not profitable
            continue
        exact = Fraction(group.margin.amount) / Fraction(group.net_sales.amount)
        if rule.margin_ratio is not None:
            assert profitable == (exact > 0 and exact >= rule.margin_ratio)
        if profitable:
            assert exact > 0
            assert group.margin.amount > 0
            assert "at a loss" not in position.why
