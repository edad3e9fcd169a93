"""Return rates and what returns cost, by product and channel, with the reasons.

* **Return rate by units** = units returned / units sold: the share of what was sold
  that came back. **By orders** = orders with a return / orders: the share of orders
  that sent something back. Both count the returns of the sales made in the period,
  whenever they came back, so a recent period's rate still rises as returns arrive.
* **Return cost** = refunds less the cost of the goods back in stock (the refunds not
  recovered), plus return shipping and restocking loss: the contribution margin the
  returns took away from their sales. The outbound fulfilment, shipping and payment
  costs were spent either way and stay in the sale's margin.
* **Reasons** are the shop's own codes, kept as data: the breakdown has one
  [`ReasonCost`][commercekit.metrics.ReasonCost] per code given, and they add up to
  the group's returns. A fixed list would not fit: Shopify deprecated its fixed
  ``ReturnReason`` enum for reason definitions a shop sets up.
* **A period with no sales** has no groups and a total of zero units, orders and
  amounts, whose rates are ``None`` (no share of nothing), as every measure of the
  package reports an empty period.

References:
    * Shopify Admin GraphQL API, ``ReturnReason`` (deprecated in favour of
      ``ReturnReasonDefinition``):
      https://shopify.dev/docs/api/customer/latest/enums/ReturnReason
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
    count,
    field_count,
    field_day,
    field_text,
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

__all__ = ["ReasonCost", "ReturnRate", "ReturnReport", "return_rates"]

_AMOUNTS = ("refunds", "cost_of_goods_returned", "return_shipping", "restocking_loss")


def _positive(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    count(value, attribute.name, positive=True)


@named_at_the_door
@attrs.frozen
class ReasonCost:
    """The returns given one reason code: units, and what they cost.

    The amounts are each zero or more, in one currency: ``refunds`` paid back (net of
    tax), ``cost_of_goods_returned`` (the returned units back in stock at cost),
    ``return_shipping`` and ``restocking_loss``.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    reason: str = attrs.field(validator=field_text)
    units: int = attrs.field(validator=_positive)
    refunds: Money = attrs.field(converter=_amounts.refunds)
    cost_of_goods_returned: Money = attrs.field(converter=_amounts.cost_of_goods_returned)
    return_shipping: Money = attrs.field(converter=_amounts.return_shipping)
    restocking_loss: Money = attrs.field(converter=_amounts.restocking_loss)

    def __attrs_post_init__(self) -> None:
        one_currency(*(getattr(self, name) for name in _AMOUNTS))

    @property
    def refunds_not_recovered(self) -> Money:
        """Refunds less the cost of the goods back in stock (negative if a refund was
        smaller than the goods' cost)."""
        return self.refunds - self.cost_of_goods_returned

    @property
    def return_cost(self) -> Money:
        """Refunds not recovered, plus return shipping and restocking loss."""
        return self.refunds_not_recovered + self.return_shipping + self.restocking_loss


def _key(value: object) -> tuple[str, ...]:
    return texts(value, "key")


def _reasons(value: object) -> tuple[ReasonCost, ...]:
    found = tuple(of_kind(r, ReasonCost, "reasons") for r in items(value, "reasons"))
    names = [r.reason for r in found]
    if names != sorted(set(names)):
        raise InvalidMetricError.refused(
            "reasons",
            value,
            "does not hold each reason once, in order; merge and sort them",
            kind=InputKind.LIST,
        )
    return found


@named_at_the_door
@attrs.frozen
class ReturnRate:
    """One group's returns: how many, how often, what they cost, and why.

    ``units_sold`` and ``orders`` are the group's sales in the period (both zero only
    for the total of a period with no sales); ``units_returned`` and
    ``orders_with_returns`` what came back of them. The amounts total the
    ``reasons``, which must add up to them. Derived: ``unit_return_rate``,
    ``order_return_rate``, ``refunds_not_recovered`` and ``return_cost``.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    key: tuple[str, ...] = attrs.field(converter=_key)
    units_sold: int = attrs.field(validator=field_count)
    units_returned: int = attrs.field(validator=field_count)
    orders: int = attrs.field(validator=field_count)
    orders_with_returns: int = attrs.field(validator=field_count)
    refunds: Money = attrs.field(converter=_amounts.refunds)
    cost_of_goods_returned: Money = attrs.field(converter=_amounts.cost_of_goods_returned)
    return_shipping: Money = attrs.field(converter=_amounts.return_shipping)
    restocking_loss: Money = attrs.field(converter=_amounts.restocking_loss)
    reasons: tuple[ReasonCost, ...] = attrs.field(converter=_reasons)

    def __attrs_post_init__(self) -> None:
        currency = one_currency(*(getattr(self, name) for name in _AMOUNTS))
        if (self.units_sold == 0) != (self.orders == 0):
            raise InvalidMetricError.refused(
                "orders",
                self.orders,
                f"does not fit units_sold={self.units_sold}: an order sells a unit or "
                "more, so both are zero (a period with no sales) or neither is",
                kind=InputKind.COUNT,
            )
        for part, whole in (
            ("units_returned", "units_sold"),
            ("orders_with_returns", "orders"),
        ):
            if getattr(self, part) > getattr(self, whole):
                raise InvalidMetricError.refused(
                    part,
                    getattr(self, part),
                    f"exceeds {whole} ({getattr(self, whole)})",
                    kind=InputKind.COUNT,
                )
        if sum(r.units for r in self.reasons) != self.units_returned:
            raise InvalidMetricError.refused(
                "reasons",
                self.reasons,
                f"do not add up to units_returned={self.units_returned}",
                kind=InputKind.LIST,
            )
        for name in _AMOUNTS:
            if sum_money([getattr(r, name) for r in self.reasons], currency) != getattr(
                self, name
            ):
                raise InvalidMetricError.refused(
                    "reasons",
                    self.reasons,
                    f"do not add up to the group's {name} ({getattr(self, name)})",
                    kind=InputKind.LIST,
                )

    @property
    def unit_return_rate(self) -> Decimal | None:
        """Units returned / units sold, rounded half-even to four decimals; ``None``
        when nothing was sold."""
        if not self.units_sold:
            return None
        return ratio(Fraction(self.units_returned, self.units_sold))

    @property
    def order_return_rate(self) -> Decimal | None:
        """Orders with a return / orders, rounded half-even to four decimals; ``None``
        when there were no orders."""
        if not self.orders:
            return None
        return ratio(Fraction(self.orders_with_returns, self.orders))

    @property
    def refunds_not_recovered(self) -> Money:
        """Refunds less the cost of the goods back in stock."""
        return self.refunds - self.cost_of_goods_returned

    @property
    def return_cost(self) -> Money:
        """Refunds not recovered, plus return shipping and restocking loss."""
        return self.refunds_not_recovered + self.return_shipping + self.restocking_loss


def _by(value: object) -> tuple[str, ...]:
    return dimensions(value)


def _groups(value: object) -> tuple[ReturnRate, ...]:
    return tuple(of_kind(g, ReturnRate, "groups") for g in items(value, "groups"))


def _total(value: object) -> ReturnRate:
    return of_kind(value, ReturnRate, "total")


def _missing(value: object) -> tuple[str, ...]:
    return texts(value, "missing")


@named_at_the_door
@attrs.frozen
class ReturnReport:
    """A period's returns by group, and for all its sales together.

    ``groups`` hold one [`ReturnRate`][commercekit.metrics.ReturnRate] per
    combination of ``by`` sold in ``[start, end)``, in order of their key; ``total``
    covers every sale of the period (zero counts and amounts, and no rates, if there
    were none). Its units and amounts are the sums of the groups'; its orders count
    each order once, though an order of two products is in two product groups.
    ``missing`` lists the returns a partial report left out.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    by: tuple[str, ...] = attrs.field(converter=_by)
    start: date = attrs.field(validator=field_day)
    end: date = attrs.field(validator=field_day)
    groups: tuple[ReturnRate, ...] = attrs.field(converter=_groups)
    total: ReturnRate = attrs.field(converter=_total)
    missing: tuple[str, ...] = attrs.field(converter=_missing, default=())

    def __attrs_post_init__(self) -> None:
        check_report(
            self.by,
            (self.start, self.end),
            [g.key for g in self.groups],
            [g.units_sold for g in self.groups],
        )
        if self.total.key != ():
            raise InvalidMetricError.refused(
                "total", self.total, "has a key; the total's key is ()", kind=InputKind.LIST
            )
        if (self.total.orders == 0) != (not self.groups):
            raise InvalidMetricError.refused(
                "total",
                self.total,
                "has no orders though there are groups, or orders without a group",
                kind=InputKind.COUNT,
            )
        currency = self.total.refunds.currency.code
        for name in ("units_sold", "units_returned"):
            if sum(getattr(g, name) for g in self.groups) != getattr(self.total, name):
                raise InvalidMetricError.refused(
                    "total", self.total, f"{name} is not the groups' sum"
                )
        for name in _AMOUNTS:
            summed = sum_money([getattr(g, name) for g in self.groups], currency)
            if summed != getattr(self.total, name):
                raise InvalidMetricError.refused(
                    "total", self.total, f"{name} is not the groups' sum ({summed})"
                )


def _reason_costs(sold: Sequence[Sold], currency: str) -> tuple[ReasonCost, ...]:
    by_reason: dict[str, list[tuple[ReturnLine, Money]]] = {}
    for item in sold:
        for back in item.returns:
            by_reason.setdefault(back.line.reason, []).append(
                (back.line, back.cost_of_goods)
            )
    return tuple(
        ReasonCost(
            reason,
            sum(line.units for line, _ in found),
            sum_money([line.refund for line, _ in found], currency),
            sum_money([cost for _, cost in found], currency),
            sum_money([line.return_shipping for line, _ in found], currency),
            sum_money([line.restocking_loss for line, _ in found], currency),
        )
        for reason, found in sorted(by_reason.items())
    )


def _rate(key: tuple[str, ...], sold: Sequence[Sold], currency: str) -> ReturnRate:
    reasons = _reason_costs(sold, currency)
    orders = {item.line.order for item in sold}
    returning = {item.line.order for item in sold if item.returns}
    amounts = {
        name: sum_money([getattr(r, name) for r in reasons], currency) for name in _AMOUNTS
    }
    return ReturnRate(
        key=key,
        units_sold=sum(item.line.units for item in sold),
        units_returned=sum(r.units for r in reasons),
        orders=len(orders),
        orders_with_returns=len(returning),
        reasons=reasons,
        **amounts,
    )


@context_free
def return_rates(
    lines: Sequence[OrderLine],
    returns: Sequence[ReturnLine],
    *,
    start: date,
    end: date,
    by: Sequence[str] = ("product", "channel"),
    partial: bool = False,
) -> ReturnReport:
    """Return rates, return cost and its reasons for the sales of ``[start, end)``.

    Grouped ``by`` any of ``"order"``, ``"product"``, ``"channel"`` and
    ``"market"``; returns are matched to their sale as
    [`margin_breakdown`][commercekit.metrics.margin_breakdown] matches them, and
    refused or, with ``partial=True``, listed in ``missing`` the same way, and so are
    refunds above what was paid. Returns never exceed sales, so each rate lies
    between 0 and 1; a period with no sales has no groups, and a total of zeros whose
    rates are ``None``.

    Examples:
        >>> from datetime import date
        >>> from commercekit.money import Money
        >>> def eur(x): return Money(x, "EUR")
        >>> zero = eur("0")
        >>> def sale(order, units):
        ...     return OrderLine(order, date(2026, 3, 2), "TEE", "web", "NL", units,
        ...         eur(25 * units), zero, eur(12 * units), zero, zero, zero, zero, zero)
        >>> lines = [sale("1", 2), sale("2", 1), sale("3", 1)]
        >>> returns = [
        ...     ReturnLine("1", "TEE", 1, "too-small", eur("25"), eur("4.50"), zero),
        ...     ReturnLine("3", "TEE", 1, "damaged", eur("25"), eur("4.50"), eur("12")),
        ... ]
        >>> report = return_rates(lines, returns, start=date(2026, 3, 1),
        ...     end=date(2026, 4, 1))
        >>> tee = report.groups[0]
        >>> tee.unit_return_rate, tee.order_return_rate, tee.return_cost
        (Decimal('0.5000'), Decimal('0.6667'), Money('47.00', 'EUR'))
        >>> [(r.reason, r.return_cost) for r in tee.reasons]
        [('damaged', Money('29.50', 'EUR')), ('too-small', Money('17.50', 'EUR'))]
    """
    matched = match(lines, returns, start, end, partial)
    dims = dimensions(by)
    currency = matched.currency
    groups = tuple(
        _rate(key, sold, currency) for key, sold in grouped(matched.sold, dims).items()
    )
    total = _rate((), matched.sold, currency)
    return ReturnReport(dims, start, end, groups, total, matched.missing)
