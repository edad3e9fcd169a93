"""Contribution margin per product, channel and market, each component shown.

[`margin_breakdown`][commercekit.metrics.margin_breakdown] groups a period's
[`OrderLine`][commercekit.metrics.OrderLine]s, with the
[`ReturnLine`][commercekit.metrics.ReturnLine]s matched to them, by any combination
of order, product, channel and market. Each group's
[`MarginBreakdown`][commercekit.metrics.MarginBreakdown] shows every component, and

    net sales = revenue - discounts - refunds of goods
    margin    = net sales - cost of goods + cost of goods returned to stock
                - fulfilment - shipping subsidy - payment costs - commissions
                - refunds of shipping - return shipping - restocking loss
    margin ratio = margin / net sales

where the shipping subsidy is shipping cost less shipping charged (negative when
shipping makes money). **Net sales** are what financial accounting calls them: gross
sales less sales discounts, returns and allowances (OpenStax, *Principles of
Accounting, Volume 1*, chapter 6). A refund pays back the goods first, up to the
returned units' share of the revenue after discounts; the rest paid back the shipping
charged (see [`ReturnLine`][commercekit.metrics.ReturnLine]). Revenue here is the
goods alone, so a refund of shipping is not taken from net sales: like return
shipping, it is a cost of the return. The margin is the contribution margin of
managerial accounting: sales less every cost that moves with them (OpenStax,
*Principles of Accounting, Volume 2: Managerial Accounting*, section 3.1), here with
the costs a web shop carries on each order, and its ratio is over net sales, so a
group whose sales all came back has no ratio rather than one over money it paid back.

A period with no sales has no groups, and a total of zero units and amounts whose
margin ratio is ``None``, as every measure of the package reports an empty period.

References:
    * OpenStax, *Principles of Accounting, Volume 1: Financial Accounting*, chapter 6,
      key terms ("net sales": sales discounts, returns and allowances deducted from
      gross sales):
      https://openstax.org/books/principles-financial-accounting/pages/6-key-terms
    * OpenStax, *Principles of Accounting, Volume 2: Managerial Accounting*, 3.1
      "Explain Contribution Margin and Calculate Contribution Margin per Unit,
      Contribution Margin Ratio, and Total Contribution Margin":
      https://openstax.org/books/principles-managerial-accounting/pages/3-1-explain-contribution-margin-and-calculate-contribution-margin-per-unit-contribution-margin-ratio-and-total-contribution-margin
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._checks import one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidMetricError
from commercekit.metrics import _amounts
from commercekit.metrics._checks import (
    field_count,
    field_day,
    items,
    of_kind,
    ratio,
    texts,
)
from commercekit.metrics._sales import (
    OrderLine,
    ReturnLine,
    Sold,
    check_report,
    dimensions,
    grouped,
    match,
)
from commercekit.money import Money, sum_money

__all__ = ["MarginBreakdown", "MarginReport", "margin_breakdown"]

_AMOUNTS = (
    "revenue",
    "discounts",
    "cost_of_goods",
    "cost_of_goods_returned",
    "fulfilment",
    "shipping_charged",
    "shipping_cost",
    "payment_costs",
    "commissions",
    "refunds",
    "refunds_of_shipping",
    "return_shipping",
    "restocking_loss",
)
"""The amounts a breakdown holds, each the sum over its lines."""


def _key(value: object) -> tuple[str, ...]:
    return texts(value, "key")


@named_at_the_door
@attrs.frozen
class MarginBreakdown:
    """One group's contribution margin, every component shown.

    ``key`` is the group's values of the report's ``by`` (``("TEE", "web")`` for
    ``by=("product", "channel")``; ``()`` for the total). ``units_sold`` and
    ``units_returned`` count units; the amounts are each zero or more, in one
    currency, the sums over the group's lines and their returns (see
    [`OrderLine`][commercekit.metrics.OrderLine] and
    [`ReturnLine`][commercekit.metrics.ReturnLine]); ``cost_of_goods_returned`` is
    the cost of the returned units back in stock, and ``refunds_of_shipping`` the part
    of ``refunds`` that paid back shipping (what each line's refunds exceed its
    returned goods' share by). What follows from them is derived:
    ``revenue_after_discounts``, ``refunds_of_goods``, ``net_sales``,
    ``shipping_subsidy``, ``margin``, ``margin_ratio`` and ``return_cost``.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    key: tuple[str, ...] = attrs.field(converter=_key)
    units_sold: int = attrs.field(validator=field_count)
    units_returned: int = attrs.field(validator=field_count)
    revenue: Money = attrs.field(converter=_amounts.revenue)
    discounts: Money = attrs.field(converter=_amounts.discounts)
    cost_of_goods: Money = attrs.field(converter=_amounts.cost_of_goods)
    cost_of_goods_returned: Money = attrs.field(converter=_amounts.cost_of_goods_returned)
    fulfilment: Money = attrs.field(converter=_amounts.fulfilment)
    shipping_charged: Money = attrs.field(converter=_amounts.shipping_charged)
    shipping_cost: Money = attrs.field(converter=_amounts.shipping_cost)
    payment_costs: Money = attrs.field(converter=_amounts.payment_costs)
    commissions: Money = attrs.field(converter=_amounts.commissions)
    refunds: Money = attrs.field(converter=_amounts.refunds)
    refunds_of_shipping: Money = attrs.field(converter=_amounts.refunds_of_shipping)
    return_shipping: Money = attrs.field(converter=_amounts.return_shipping)
    restocking_loss: Money = attrs.field(converter=_amounts.restocking_loss)

    def __attrs_post_init__(self) -> None:
        one_currency(*(getattr(self, name) for name in _AMOUNTS))
        if self.units_returned > self.units_sold:
            raise InvalidMetricError.refused(
                "units_returned",
                self.units_returned,
                f"exceeds units_sold={self.units_sold}",
                kind=InputKind.COUNT,
            )
        if self.cost_of_goods_returned > self.cost_of_goods:
            raise InvalidMetricError(
                "cost_of_goods_returned",
                self.cost_of_goods_returned,
                f"exceeds the cost of the goods sold, cost_of_goods={self.cost_of_goods}",
            )
        if self.refunds_of_shipping > self.refunds:
            raise InvalidMetricError(
                "refunds_of_shipping",
                self.refunds_of_shipping,
                f"exceeds the refunds ({self.refunds}) it is part of",
            )

    @property
    def revenue_after_discounts(self) -> Money:
        """Revenue less discounts (negative only if the discounts exceed it)."""
        return self.revenue - self.discounts

    @property
    def refunds_of_goods(self) -> Money:
        """The refunds that paid back goods: refunds less refunds of shipping."""
        return self.refunds - self.refunds_of_shipping

    @property
    def net_sales(self) -> Money:
        """Revenue less discounts and refunds of goods: net of sales returns and
        allowances, as financial accounting reports sales."""
        return self.revenue_after_discounts - self.refunds_of_goods

    @property
    def shipping_subsidy(self) -> Money:
        """Shipping cost less shipping charged: negative when shipping makes money."""
        return self.shipping_cost - self.shipping_charged

    @property
    def return_cost(self) -> Money:
        """The margin the returns took away: refunds less the cost of the goods back in
        stock, plus return shipping and restocking loss."""
        return (
            self.refunds
            - self.cost_of_goods_returned
            + self.return_shipping
            + self.restocking_loss
        )

    @property
    def margin(self) -> Money:
        """Revenue after discounts less every variable cost, returns included: net
        sales less the costs, plus the cost of the goods back in stock, less refunds of
        shipping, return shipping and restocking loss."""
        costs = (
            self.cost_of_goods
            + self.fulfilment
            + self.shipping_subsidy
            + self.payment_costs
            + self.commissions
        )
        return self.revenue_after_discounts - costs - self.return_cost

    @property
    def margin_ratio(self) -> Decimal | None:
        """Margin over net sales, rounded half-even to four decimals; ``None`` when
        there are no net sales (zero or less: nothing sold, or all of it paid back),
        where a ratio means nothing."""
        net = self.net_sales.amount
        if net <= 0:
            return None
        return ratio(Fraction(self.margin.amount) / Fraction(net))


def summed(
    key: tuple[str, ...], parts: Sequence[MarginBreakdown], currency: str
) -> MarginBreakdown:
    """The breakdown of ``parts`` taken together, under ``key``."""
    return MarginBreakdown(
        key,
        sum(part.units_sold for part in parts),
        sum(part.units_returned for part in parts),
        *(
            sum_money([getattr(part, name) for part in parts], currency)
            for name in _AMOUNTS
        ),
    )


_LINE_AMOUNTS = (
    "revenue",
    "discounts",
    "cost_of_goods",
    "fulfilment",
    "shipping_charged",
    "shipping_cost",
    "payment_costs",
    "commissions",
)
"""The amounts a breakdown takes from its order lines, by the same names."""


def _group(key: tuple[str, ...], sold: Sequence[Sold], currency: str) -> MarginBreakdown:
    """One group's breakdown, summed from its lines and their returns."""
    lines = [item.line for item in sold]
    backs = [back for item in sold for back in item.returns]
    from_lines = {
        name: sum_money([getattr(line, name) for line in lines], currency)
        for name in _LINE_AMOUNTS
    }
    return MarginBreakdown(
        key=key,
        units_sold=sum(line.units for line in lines),
        units_returned=sum(back.line.units for back in backs),
        cost_of_goods_returned=sum_money([back.cost_of_goods for back in backs], currency),
        refunds=sum_money([back.line.refund for back in backs], currency),
        refunds_of_shipping=sum_money(
            [item.refunds_of_shipping for item in sold], currency
        ),
        return_shipping=sum_money([back.line.return_shipping for back in backs], currency),
        restocking_loss=sum_money([back.line.restocking_loss for back in backs], currency),
        **from_lines,
    )


def _by(value: object) -> tuple[str, ...]:
    return dimensions(value)


def _groups(value: object) -> tuple[MarginBreakdown, ...]:
    return tuple(
        of_kind(group, MarginBreakdown, "groups") for group in items(value, "groups")
    )


def _total(value: object) -> MarginBreakdown:
    return of_kind(value, MarginBreakdown, "total")


def _missing(value: object) -> tuple[str, ...]:
    return texts(value, "missing")


@named_at_the_door
@attrs.frozen
class MarginReport:
    """A period's contribution margin by group, and the total.

    ``groups`` hold one [`MarginBreakdown`][commercekit.metrics.MarginBreakdown] per
    combination of ``by`` sold in ``[start, end)``, in order of their key; ``total``
    is their sum (built by hand, it must be). ``missing`` lists the returns left out
    of a partial report because no line sold what they return (empty otherwise).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    by: tuple[str, ...] = attrs.field(converter=_by)
    start: date = attrs.field(validator=field_day)
    end: date = attrs.field(validator=field_day)
    groups: tuple[MarginBreakdown, ...] = attrs.field(converter=_groups)
    total: MarginBreakdown = attrs.field(converter=_total)
    missing: tuple[str, ...] = attrs.field(converter=_missing, default=())

    def __attrs_post_init__(self) -> None:
        check_report(
            self.by,
            (self.start, self.end),
            [g.key for g in self.groups],
            [g.units_sold for g in self.groups],
        )
        currency = self.total.revenue.currency.code
        if self.total != summed((), self.groups, currency):
            raise InvalidMetricError.refused(
                "total",
                self.total,
                "is not the sum of the groups; pass the sum of each amount and count",
            )


@context_free
def margin_breakdown(
    lines: Sequence[OrderLine],
    returns: Sequence[ReturnLine],
    *,
    start: date,
    end: date,
    by: Sequence[str] = ("product",),
    partial: bool = False,
) -> MarginReport:
    """Contribution margin of the lines sold in ``[start, end)``, grouped ``by``.

    ``by`` names any of ``"order"``, ``"product"``, ``"channel"`` and ``"market"``.
    Each return counts with the line of its order and product (its group, its
    period). A return of more units than its line sold raises
    ``InvalidMetricCountError``; a return of something no line sold raises
    [`MissingDataError`][commercekit.errors.MissingDataError] naming it, unless
    ``partial=True``: the report then leaves it out and lists it in ``missing``.
    Two lines of one product on one order are refused (merge them), and so is a
    return whose refunds exceed what was paid (``InvalidMetricError``): the
    refunds of a line's returns together are at most the returned units' share of
    its revenue after discounts plus the shipping charged on the order, and what they
    pay above the goods' share (a refund of shipping) is at most the shipping charged
    on the order over all its lines (Directive 2011/83/EU, Art. 13(1)). The groups
    add up to the total, and the order of lines and returns changes no figure. A
    period with no sales gives no groups and a total of zeros whose margin ratio is
    ``None``.

    Examples:
        >>> from datetime import date
        >>> from commercekit.money import Money
        >>> def eur(x): return Money(x, "EUR")
        >>> def sale(order, channel, market, **costs):
        ...     amounts = dict(discounts=eur("0"), fulfilment=eur("2"),
        ...         shipping_charged=eur("0"), shipping_cost=eur("4"),
        ...         payment_costs=eur("0.70"), commissions=eur("0")) | costs
        ...     return OrderLine(order, date(2026, 3, 2), "TEE", channel, market, 2,
        ...         revenue=eur("50"), cost_of_goods=eur("24"), **amounts)
        >>> lines = [sale("1", "web", "NL"),
        ...          sale("2", "marketplace", "DE", commissions=eur("7.50"))]
        >>> back = ReturnLine("1", "TEE", 1, "too-small", refund=eur("25"),
        ...     return_shipping=eur("4.50"), restocking_loss=eur("0"))
        >>> report = margin_breakdown(lines, [back], start=date(2026, 3, 1),
        ...     end=date(2026, 4, 1), by=("channel", "market"))
        >>> for group in report.groups:
        ...     print(group.key, group.margin, group.margin_ratio, group.return_cost)
        ('marketplace', 'DE') 11.80 EUR 0.2360 0.00 EUR
        ('web', 'NL') 1.80 EUR 0.0720 17.50 EUR
        >>> report.total.margin, report.total.units_sold, report.total.units_returned
        (Money('13.60', 'EUR'), 4, 1)
    """
    matched = match(lines, returns, start, end, partial)
    dims = dimensions(by)
    currency = matched.currency
    groups = tuple(
        _group(key, sold, currency) for key, sold in grouped(matched.sold, dims).items()
    )
    return MarginReport(
        dims,
        start,
        end,
        groups,
        summed((), groups, currency),
        matched.missing,
    )
