"""Products by margin and velocity: the four groups a shop acts on.

Each product of a period is placed by two measures:

* **Velocity**: net units (sold less returned) per period;
* **Margin ratio**: contribution margin over net revenue (a product without net
  revenue has no ratio and counts as thin).

Against two cut-offs, given by the shop or the medians of the products ranked, it is
**fast** or **slow**, and **profitable** or **thin**; a value *at* a cut-off counts
as fast or profitable, and values are compared exactly, before rounding. With a
median split the median product of an odd count is therefore fast (or profitable),
and with an even count the cut-off is the mean of the two middle values. Then:

| | profitable | thin |
|---|---|---|
| **fast** | growth engine | traffic builder |
| **slow** | profit protector | candidate to drop or dropship |

Every product appears once, ranked by margin per period (the most first), ties by
velocity, then by product id.

The grid is a convention, not a law. It borrows the shape of the BCG growth-share
matrix (Henderson, 1970), which places products by market growth and relative market
share; retail practice puts sales volume against margin in the same two-by-two way,
under names that vary (stars, traffic drivers, niche products, losers or dogs; BCG's
own "cash cow" means high share in a slow market, so it is not used here). It says
where to look, not what to do: a traffic builder may be worth its thin margin for the
orders it brings.

References:
    * Henderson, B., "The Product Portfolio", BCG, 1970:
      https://www.bcg.com/publications/1970/strategy-the-product-portfolio
    * An example of the retail practice (not an authority): "Inventory control with
      the sales-margin matrix", salesoperator.net, 2025:
      https://salesoperator.net/2025/04/28/inventory-control-with-sales-margin-matrix/
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._checks import money_of
from commercekit._numbers import context_free
from commercekit.errors import InputKind, InvalidMetricError
from commercekit.metrics._breakdown import MarginBreakdown, MarginReport
from commercekit.metrics._checks import (
    choice,
    count,
    field_text,
    items,
    number,
    of_kind,
    ratio,
    signed_amount,
    signed_number,
    text,
)
from commercekit.money import Money

__all__ = ["Portfolio", "PortfolioRule", "ProductPosition", "ProductRole", "portfolio"]


class ProductRole(enum.StrEnum):
    """Where a product falls on the margin-velocity grid."""

    GROWTH_ENGINE = "growth_engine"
    """Fast and profitable (often called a star): keep it in stock and promote it."""
    PROFIT_PROTECTOR = "profit_protector"
    """Slow but profitable (a niche product): protect its price; it earns on few sales."""
    TRAFFIC_BUILDER = "traffic_builder"
    """Fast but thin (a traffic driver): it brings orders; bundle it or reprice it."""
    DROP_OR_DROPSHIP = "drop_or_dropship"
    """Slow and thin (a loser, or dog): drop it, or sell it without holding stock."""


_ADVICE = {
    ProductRole.GROWTH_ENGINE: "a growth engine: keep it in stock and promote it",
    ProductRole.PROFIT_PROTECTOR: "a profit protector: guard its price and availability",
    ProductRole.TRAFFIC_BUILDER: "a traffic builder: bundle it or review its price",
    ProductRole.DROP_OR_DROPSHIP: "a candidate to drop or dropship",
}


def _units_cut_given(value: object) -> Decimal | None:
    return None if value is None else number(value, "units_per_period")


def _ratio_cut_given(value: object) -> Decimal | None:
    return None if value is None else number(value, "margin_ratio")


@attrs.frozen
class PortfolioRule:
    """The cut-offs: ``units_per_period`` for fast, ``margin_ratio`` for profitable.

    Each is a ``Decimal`` of zero or more, or ``None`` for the median of the products
    ranked. ``PortfolioRule.medians()`` splits both at the median.
    """

    units_per_period: Decimal | None = attrs.field(converter=_units_cut_given)
    margin_ratio: Decimal | None = attrs.field(converter=_ratio_cut_given)

    @classmethod
    def medians(cls) -> PortfolioRule:
        """Both cut-offs at the median of the products ranked."""
        return cls(None, None)


def _rank(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    count(value, attribute.name, positive=True)


def _role(value: object) -> ProductRole:
    return choice(value, ProductRole, "role")


def _units(value: object) -> Decimal:
    return number(value, "units_per_period")


def _margin(value: object) -> Money:
    return signed_amount(value, "margin_per_period")


def _ratio(value: object) -> Decimal | None:
    return None if value is None else signed_number(value, "margin_ratio")


@attrs.frozen
class ProductPosition:
    """A product's place: its rank, its group and why.

    ``units_per_period`` is net units a period, rounded half-even to four decimals;
    ``margin_per_period`` the contribution margin a period, rounded half-up to the
    minor unit (negative for a product sold at a loss); ``margin_ratio`` as in its
    [`MarginBreakdown`][commercekit.metrics.MarginBreakdown].
    """

    product: str = attrs.field(validator=field_text)
    rank: int = attrs.field(validator=_rank)
    role: ProductRole = attrs.field(converter=_role)
    units_per_period: Decimal = attrs.field(converter=_units)
    margin_per_period: Money = attrs.field(converter=_margin)
    margin_ratio: Decimal | None = attrs.field(converter=_ratio)
    why: str = attrs.field(validator=field_text)


def _positions(value: object) -> tuple[ProductPosition, ...]:
    found = tuple(of_kind(p, ProductPosition, "products") for p in items(value, "products"))
    if [p.rank for p in found] != list(range(1, len(found) + 1)):
        raise InvalidMetricError.refused(
            "products", value, "is not ranked 1, 2, 3 ... in order", kind=InputKind.LIST
        )
    if len({p.product for p in found}) != len(found):
        raise InvalidMetricError.refused(
            "products", value, "holds a product twice", kind=InputKind.LIST
        )
    return found


def _periods(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    count(value, attribute.name, positive=True)


def _units_cut(value: object) -> Decimal:
    return number(value, "units_cut")


def _ratio_cut(value: object) -> Decimal:
    return signed_number(value, "ratio_cut")


def _rule(value: object) -> str:
    return text(value, "rule")


@attrs.frozen
class Portfolio:
    """Every product of a period in its group, ranked, with the rule that placed it.

    ``units_cut`` and ``ratio_cut`` are the cut-offs used (rounded half-even to four
    decimals; a median of a loss-making range may be negative); ``rule`` states them
    and where they came from.
    """

    periods: int = attrs.field(validator=_periods)
    units_cut: Decimal = attrs.field(converter=_units_cut)
    ratio_cut: Decimal = attrs.field(converter=_ratio_cut)
    rule: str = attrs.field(converter=_rule)
    products: tuple[ProductPosition, ...] = attrs.field(converter=_positions)


def _median(values: Sequence[Fraction]) -> Fraction:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _exact_ratio(group: MarginBreakdown) -> Fraction | None:
    net = group.net_revenue.amount
    return Fraction(group.margin.amount) / Fraction(net) if net > 0 else None


def _cuts(
    groups: Sequence[MarginBreakdown], periods: int, rule: PortfolioRule
) -> tuple[Fraction, Fraction, str]:
    """The two cut-offs, exactly, and the rule in words."""
    n = len(groups)
    if rule.units_per_period is None:
        units = _median(
            [Fraction(g.units_sold - g.units_returned, periods) for g in groups]
        )
        units_said = f"the median of the {n} products"
    else:
        units, units_said = Fraction(rule.units_per_period), "given by the shop"
    if rule.margin_ratio is None:
        ratios = [r for r in map(_exact_ratio, groups) if r is not None]
        if not ratios:
            raise InvalidMetricError.refused(
                "report",
                groups,
                "has no product with net revenue, so no median margin ratio; give "
                "PortfolioRule a margin_ratio",
                kind=InputKind.LIST,
            )
        cut, ratio_said = _median(ratios), f"the median of the {len(ratios)} with revenue"
    else:
        cut, ratio_said = Fraction(rule.margin_ratio), "given by the shop"
    said = (
        f"fast: {ratio(units)} net units a period or more ({units_said}); profitable: "
        f"a margin ratio of {ratio(cut)} or more ({ratio_said}); a product without net "
        "revenue is thin; compared exactly, before rounding"
    )
    return units, cut, said


def _place(
    group: MarginBreakdown, periods: int, cuts: tuple[Fraction, Fraction]
) -> tuple[ProductRole, str]:
    units = Fraction(group.units_sold - group.units_returned, periods)
    exact = _exact_ratio(group)
    fast = units >= cuts[0]
    profitable = exact is not None and exact >= cuts[1]
    role = {
        (True, True): ProductRole.GROWTH_ENGINE,
        (False, True): ProductRole.PROFIT_PROTECTOR,
        (True, False): ProductRole.TRAFFIC_BUILDER,
        (False, False): ProductRole.DROP_OR_DROPSHIP,
    }[fast, profitable]
    speed = "at or above" if fast else "below"
    said = f"{ratio(units)} net units a period ({speed} {ratio(cuts[0])})"
    if exact is None:
        said += " and no net revenue, so thin"
    else:
        level = "at or above" if profitable else "below"
        said += f" and a margin ratio of {ratio(exact)} ({level} {ratio(cuts[1])})"
    why = f"{said}: {_ADVICE[role]}"
    if group.margin.amount < 0:
        why += "; it sells at a loss"
    return role, why


@context_free
def portfolio(report: MarginReport, *, periods: int, rule: PortfolioRule) -> Portfolio:
    """Place each product of ``report`` on the margin-velocity grid, and rank them.

    ``report`` is a [`margin_breakdown`][commercekit.metrics.margin_breakdown] by
    ``("product",)`` with at least one product; ``periods`` is how many periods
    (weeks, months) its dates span, one or more, which velocity and margin are per.

    Examples:
        >>> from commercekit.metrics import OrderLine, margin_breakdown
        >>> def eur(x): return Money(x, "EUR")
        >>> zero = eur("0")
        >>> def sold(product, units, revenue, cost):
        ...     return OrderLine(f"{product}-1", date(2026, 2, 2), product, "web", "NL",
        ...         units, eur(revenue), zero, eur(cost), zero, zero, zero, zero, zero)
        >>> lines = [sold("TEE", 400, "10000", "6000"), sold("SOCKS", 900, "4500", "4000"),
        ...          sold("SCARF", 30, "1500", "600"), sold("CAP", 20, "300", "270")]
        >>> quarter = margin_breakdown(lines, [], start=date(2026, 1, 1),
        ...     end=date(2026, 4, 1), by=("product",))
        >>> result = portfolio(quarter, periods=13, rule=PortfolioRule.medians())
        >>> [(p.rank, p.product, p.role.value) for p in result.products]
        [(1, 'TEE', 'growth_engine'), (2, 'SCARF', 'profit_protector'),
         (3, 'SOCKS', 'traffic_builder'), (4, 'CAP', 'drop_or_dropship')]
        >>> print(result.products[3].why)
        1.5385 net units a period (below 16.5385) and a margin ratio of 0.1000
        (below 0.2556): a candidate to drop or dropship
    """
    checked = of_kind(report, MarginReport, "report")
    if checked.by != ("product",) or not checked.groups:
        raise InvalidMetricError.refused(
            "report",
            checked.by,
            "is not a report by product with a product in it; pass "
            "margin_breakdown(..., by=('product',)) of a period with sales",
            kind=InputKind.TYPE,
        )
    spans = count(periods, "periods", positive=True)
    given = of_kind(rule, PortfolioRule, "rule")
    units_cut, ratio_cut, said = _cuts(checked.groups, spans, given)
    placed = []
    for group in checked.groups:
        role, why = _place(group, spans, (units_cut, ratio_cut))
        units = Fraction(group.units_sold - group.units_returned, spans)
        margin = Fraction(group.margin.amount) / spans
        placed.append((-margin, -units, group.key[0], group, role, why))
    placed.sort(key=lambda row: row[:3])
    return Portfolio(
        spans,
        ratio(units_cut),
        ratio(ratio_cut),
        said,
        tuple(
            ProductPosition(
                product=name,
                rank=rank,
                role=role,
                units_per_period=ratio(-units),
                margin_per_period=money_of(-margin, group.margin.currency.code),
                margin_ratio=group.margin_ratio,
                why=why,
            )
            for rank, (margin, units, name, group, role, why) in enumerate(placed, 1)
        ),
    )
