"""Products by margin and velocity: the four groups a shop acts on.

Each product of a period is placed by two measures:

* **Velocity**: net units (sold less returned) per period;
* **Margin ratio**: contribution margin over net sales (a product without net sales
  has no ratio and counts as thin).

Against two cut-offs, given by the shop or the medians of the products ranked, it is
**fast** or **slow**, and **profitable** or **thin**:

* **fast** needs net units a period at or above the cut-off *and* above zero;
* **profitable** needs a margin ratio at or above the cut-off *and* above zero.

A value *at* a cut-off counts as fast or profitable, and values are compared exactly,
before rounding. With a median split the median product of an odd count is therefore
fast (or profitable), and with an even count the cut-off is the mean of the two middle
values. A median is relative, so it may fall at or below zero when most products lose
money or sell nothing net; the second condition keeps a loss from ever counting as
profitable (and a product that sold nothing net from counting as fast), whatever the
cut-off. Then:

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
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
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


_PROFITABLE = frozenset({ProductRole.GROWTH_ENGINE, ProductRole.PROFIT_PROTECTOR})

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


@named_at_the_door
@attrs.frozen
class PortfolioRule:
    """The cut-offs: ``units_per_period`` for fast, ``margin_ratio`` for profitable.

    Each is a ``Decimal`` of zero or more, or ``None`` for the median of the products
    ranked. ``PortfolioRule.medians()`` splits both at the median. A product is fast
    when its net units a period are at or above the cut-off and above zero, and
    profitable when its margin ratio is at or above the cut-off and above zero: a
    product sold at a loss is never profitable, whatever the cut-off.

    Examples:
        >>> from decimal import Decimal
        >>> PortfolioRule(Decimal("NaN"), None)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidMetricError: units_per_period=Decimal('NaN') is not a
        finite number; a number must be finite: ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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


@named_at_the_door
@attrs.frozen
class ProductPosition:
    """A product's place: its rank, its group and why.

    ``units_per_period`` is net units a period, rounded half-even to four decimals;
    ``margin_per_period`` the contribution margin a period, rounded half-up to the
    minor unit (negative for a product sold at a loss); ``margin_ratio`` as in its
    [`MarginBreakdown`][commercekit.metrics.MarginBreakdown]. A profitable role (a
    growth engine or a profit protector) needs a margin ratio and a margin of zero or
    more, as rounded: a loss is never profitable.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    product: str = attrs.field(validator=field_text)
    rank: int = attrs.field(validator=_rank)
    role: ProductRole = attrs.field(converter=_role)
    units_per_period: Decimal = attrs.field(converter=_units)
    margin_per_period: Money = attrs.field(converter=_margin)
    margin_ratio: Decimal | None = attrs.field(converter=_ratio)
    why: str = attrs.field(validator=field_text)

    def __attrs_post_init__(self) -> None:
        if self.role in _PROFITABLE and (
            self.margin_ratio is None
            or self.margin_ratio < 0
            or self.margin_per_period.amount < 0
        ):
            raise InvalidMetricError.refused(
                "role",
                self.role,
                f"is a profitable role, but the margin ratio is {self.margin_ratio} "
                f"and the margin a period {self.margin_per_period}; a loss is never "
                "profitable: pass the traffic builder or drop role",
                kind=InputKind.CHOICE,
                choices=[role.value for role in ProductRole],
            )


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


@named_at_the_door
@attrs.frozen
class Portfolio:
    """Every product of a period in its group, ranked, with the rule that placed it.

    ``units_cut`` and ``ratio_cut`` are the cut-offs used (rounded half-even to four
    decimals; a median of a loss-making range may be negative); ``rule`` states them,
    where they came from, and that fast and profitable also need a value above zero.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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
    net = group.net_sales.amount
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
                "has no product with net sales, so no median margin ratio; give "
                "PortfolioRule a margin_ratio",
                kind=InputKind.LIST,
            )
        cut = _median(ratios)
        ratio_said = f"the median of the {len(ratios)} with net sales"
    else:
        cut, ratio_said = Fraction(rule.margin_ratio), "given by the shop"
    said = (
        f"fast: {ratio(units)} net units a period or more ({units_said}), and more "
        f"than zero; profitable: a margin ratio of {ratio(cut)} or more ({ratio_said}), "
        "and above zero; a product without net sales is thin; compared exactly, "
        "before rounding"
    )
    return units, cut, said


def _level(value: Fraction, cut: Fraction, *, passes: bool) -> str:
    """Where ``value`` stands: at or above ``cut`` and above zero, below it, or at
    or above a cut-off at or below zero without being above zero."""
    if passes:
        return f"at or above {ratio(cut)}"
    if value < cut:
        return f"below {ratio(cut)}"
    return f"at or above {ratio(cut)}, but not above zero"


def _place(
    group: MarginBreakdown, periods: int, cuts: tuple[Fraction, Fraction]
) -> tuple[ProductRole, str]:
    units = Fraction(group.units_sold - group.units_returned, periods)
    exact = _exact_ratio(group)
    fast = units > 0 and units >= cuts[0]
    profitable = exact is not None and exact > 0 and exact >= cuts[1]
    role = {
        (True, True): ProductRole.GROWTH_ENGINE,
        (False, True): ProductRole.PROFIT_PROTECTOR,
        (True, False): ProductRole.TRAFFIC_BUILDER,
        (False, False): ProductRole.DROP_OR_DROPSHIP,
    }[fast, profitable]
    said = f"{ratio(units)} net units a period ({_level(units, cuts[0], passes=fast)})"
    if exact is None:
        said += " and no net sales, so thin"
    else:
        level = _level(exact, cuts[1], passes=profitable)
        said += f" and a margin ratio of {ratio(exact)} ({level})"
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
