"""Sold lines and returned lines: what a period's margin is made of.

An [`OrderLine`][commercekit.metrics.OrderLine] is one product sold on one order, with
every variable cost it carries; a [`ReturnLine`][commercekit.metrics.ReturnLine] is
some of its units coming back, with what the return cost. The measures built on them
(margin by group, return rates, shipping per order) share the steps here:

* **The period** runs from ``start`` (counted) to ``end`` (not counted), by the day
  the line was sold. A return counts with the sale it undoes, in that sale's period
  and group, so a period's figures say what its sales finally earned.
* **Matching.** A return belongs to the line of the same order and product, so each
  order holds one line per product (merge two lines of one product first: every
  amount adds up). A return of more units than the line sold is refused; a return of
  something no line sold is missing data, which raises a
  [`MissingDataError`][commercekit.errors.MissingDataError] unless the caller asks
  for a partial result, which then lists it.
* **Goods back in stock.** A returned unit goes back on the shelf at what it cost:
  the line's cost of goods is shared over its units as
  [`split`][commercekit.money.split] shares it (the first parts carry the leftover
  cents, as refunds share what was paid), and the returns of a line, taken in a fixed
  order, take consecutive parts. So all of a line's units coming back restock exactly
  its cost of goods, whatever order the returns are given in. What cannot be sold
  again is the return's ``restocking_loss``.
* **A refund never exceeds what was paid** (Directive 2011/83/EU, Art. 13(1)): the
  refunds of a line's returns are at most the returned units' share of its revenue
  after discounts plus the shipping charged on the order, and what they pay back
  above the goods' share is a refund of shipping, at most the shipping charged on the
  order over all its lines (see ``_refunds``). A return that refunds more is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from commercekit._checks import one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.errors import InputKind, InvalidMetricError, MissingDataError
from commercekit.metrics import _amounts
from commercekit.metrics._checks import (
    count,
    day,
    field_day,
    field_text,
    flag,
    items,
    listed,
    market,
    of_kind,
    texts,
)
from commercekit.metrics._refunds import (
    check_orders,
    first_parts,
    shipping_charged,
    shipping_refunded,
    units_said,
)
from commercekit.money import Money, from_minor_units, sum_money

__all__ = ["OrderLine", "ReturnLine"]

DIMENSIONS = ("order", "product", "channel", "market")
"""What sales can be grouped by, in any combination."""


def _units(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    count(value, attribute.name, positive=True)


@named_at_the_door
@attrs.frozen
class OrderLine:
    """One product sold on one order, with the variable costs it carries.

    ``day`` is the day of the sale (it decides the period); ``market`` the ISO 3166-1
    alpha-2 code of the country sold to (``"nl"`` is read as ``"NL"``); ``units``
    how many were sold, one or more. The amounts are the line's totals as booked, net
    of tax, each zero or more in whole minor units of one currency:

    * ``revenue``: units x price, before ``discounts`` (the line's share of every
      discount on the order);
    * ``cost_of_goods``: what the units cost the shop (landed, if it imports them);
    * ``fulfilment``: picking, packing and packaging;
    * ``shipping_charged`` and ``shipping_cost``: the line's share of the shipping the
      buyer paid and of what the carrier charged (share them over the order's lines
      as you like; the shipping subsidy is cost less charged, negative when shipping
      makes money);
    * ``payment_costs``: what taking the payment cost (from the payments quote);
    * ``commissions``: marketplace, affiliate or sales commissions on the line.

    Examples:
        >>> from datetime import date
        >>> from commercekit.money import Money
        >>> def eur(x): return Money(x, "EUR")
        >>> zero = eur("0")
        >>> OrderLine("1001", date(2026, 3, 2), "TEE", "web", "QZ", 1, eur("25"), zero,
        ...     eur("15"), zero, zero, zero, zero, zero)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidMetricPlaceError: market='QZ' is not an ISO 3166-1 ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    order: str = attrs.field(validator=field_text)
    day: date = attrs.field(validator=field_day)
    product: str = attrs.field(validator=field_text)
    channel: str = attrs.field(validator=field_text)
    market: str = attrs.field(converter=market)
    units: int = attrs.field(validator=_units)
    revenue: Money = attrs.field(converter=_amounts.revenue)
    discounts: Money = attrs.field(converter=_amounts.discounts)
    cost_of_goods: Money = attrs.field(converter=_amounts.cost_of_goods)
    fulfilment: Money = attrs.field(converter=_amounts.fulfilment)
    shipping_charged: Money = attrs.field(converter=_amounts.shipping_charged)
    shipping_cost: Money = attrs.field(converter=_amounts.shipping_cost)
    payment_costs: Money = attrs.field(converter=_amounts.payment_costs)
    commissions: Money = attrs.field(converter=_amounts.commissions)

    def __attrs_post_init__(self) -> None:
        one_currency(
            self.revenue,
            self.discounts,
            self.cost_of_goods,
            self.fulfilment,
            self.shipping_charged,
            self.shipping_cost,
            self.payment_costs,
            self.commissions,
        )


@named_at_the_door
@attrs.frozen
class ReturnLine:
    """Some units of an order's product coming back, and what that cost.

    ``reason`` is the shop's own reason code (``"too-small"``, ``"damaged"``): shops
    and marketplaces each keep their own list, so the measures group by whatever codes
    are given rather than force them into a fixed one. The amounts are each zero or
    more, in whole minor units of the order's currency:

    * ``refund``: what was paid back, net of tax (goods, and shipping if it was
      refunded), after any restocking fee kept. The refunds of one order line's
      returns together are at most what the returned units were paid plus the
      shipping charged on the order (Directive 2011/83/EU, Art. 13(1)); the measures
      refuse more;
    * ``return_shipping``: what bringing the parcel back cost the shop;
    * ``restocking_loss``: the value lost on units that cannot be sold again: units
      written off x their cost (``unit_cost * 2``), or the write-down you know.

    Examples:
        >>> from commercekit.money import Money
        >>> ReturnLine("1001", "TEE", 0, "too-small", Money("25", "EUR"),
        ...     Money("4.50", "EUR"), Money("0", "EUR"))
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidMetricCountError: units=0 must be greater than zero
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    order: str = attrs.field(validator=field_text)
    product: str = attrs.field(validator=field_text)
    units: int = attrs.field(validator=_units)
    reason: str = attrs.field(validator=field_text)
    refund: Money = attrs.field(converter=_amounts.refund)
    return_shipping: Money = attrs.field(converter=_amounts.return_shipping)
    restocking_loss: Money = attrs.field(converter=_amounts.restocking_loss)

    def __attrs_post_init__(self) -> None:
        one_currency(self.refund, self.return_shipping, self.restocking_loss)


def dimensions(value: object, allowed: tuple[str, ...] = DIMENSIONS) -> tuple[str, ...]:
    """What to group by: names from ``allowed``, each at most once, in the order given
    (an empty list groups everything together)."""
    found = texts(value, "by")
    for name in found:
        if name not in allowed:
            raise InvalidMetricError.refused(
                "by",
                value,
                f"names {name!r}, which is not one of {', '.join(map(repr, allowed))}",
                kind=InputKind.CHOICE,
                choices=allowed,
            )
    if len(set(found)) != len(found):
        raise InvalidMetricError.refused(
            "by", value, "names a dimension twice; name each once", kind=InputKind.LIST
        )
    return found


def period(start: object, end: object) -> tuple[date, date]:
    """The period ``[start, end)``: two days, ``end`` after ``start``."""
    first, after = day(start, "start"), day(end, "end")
    if after <= first:
        raise InvalidMetricError.refused(
            "end",
            end,
            f"is not after start ({first}); the period runs from start (counted) to "
            "end (not counted)",
            kind=InputKind.DATE,
        )
    return first, after


def check_report(
    by: tuple[str, ...],
    period: tuple[date, date],
    keys: Sequence[tuple[str, ...]],
    sold: Sequence[int],
) -> None:
    """A report's period runs forward, and its groups have distinct keys of ``by`` and
    each ``sold`` something (units or orders): a group is there because it sold, and
    a period with no sales has no groups."""
    start, end = period
    if end <= start:
        raise InvalidMetricError.refused(
            "end", end, f"is not after start ({start})", kind=InputKind.DATE
        )
    for key in keys:
        if len(key) != len(by):
            raise InvalidMetricError.refused(
                "groups",
                key,
                f"is not a key of {len(by)} values, one for each of by={by}",
                kind=InputKind.LIST,
            )
    if len(set(keys)) != len(keys):
        raise InvalidMetricError.refused(
            "groups", keys, "holds a key twice; merge those groups", kind=InputKind.LIST
        )
    if 0 in sold:
        raise InvalidMetricError.refused(
            "groups",
            keys[list(sold).index(0)],
            "is the key of a group that sold nothing; leave it out (the total shows a "
            "period with no sales)",
            kind=InputKind.LIST,
        )


@attrs.frozen
class Returned:
    """A return with the cost of its units back in stock."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    line: ReturnLine
    cost_of_goods: Money


@attrs.frozen
class Sold:
    """An order line of the period with the returns matched to it, and the part of
    their refunds that paid back shipping."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    line: OrderLine
    returns: tuple[Returned, ...]
    refunds_of_shipping: Money

    def key(self, by: Sequence[str]) -> tuple[str, ...]:
        """The line's group: its values of the dimensions ``by``."""
        return tuple(getattr(self.line, name) for name in by)


@attrs.frozen
class Matched:
    """The period's sold lines with their returns, and the returns of no line."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    currency: str
    sold: tuple[Sold, ...]
    missing: tuple[str, ...]


def _restocked(line: OrderLine, returns: list[ReturnLine]) -> tuple[Returned, ...]:
    returned = sum(r.units for r in returns)
    if returned > line.units:
        raise InvalidMetricError.refused(
            "returns",
            returned,
            f"units of {line.product!r} come back on order {line.order!r}, which "
            f"sold {line.units}; a return cannot exceed its sale",
            kind=InputKind.COUNT,
        )
    # A fixed order, so the leftover cents go to the same returns however given.
    ordered = sorted(
        returns,
        key=lambda r: (
            r.reason,
            r.units,
            r.refund.amount,
            r.return_shipping.amount,
            r.restocking_loss.amount,
        ),
    )
    found, before = [], 0
    for item in ordered:
        after = before + item.units
        cents = first_parts(line.cost_of_goods, line.units, after) - first_parts(
            line.cost_of_goods, line.units, before
        )
        found.append(Returned(item, from_minor_units(cents, line.cost_of_goods.currency)))
        before = after
    return tuple(found)


def _sold(
    sales: tuple[OrderLine, ...], by_line: dict[tuple[str, str], list[ReturnLine]]
) -> list[Sold]:
    """Each line with its returns: their cost back in stock, and their refunds checked
    against what was paid, line by line and order by order."""
    charged = shipping_charged(sales)
    sold: list[Sold] = []
    refunded: dict[str, list[Money]] = {}
    for line in sales:
        backs = by_line.get((line.order, line.product), [])
        restocked = _restocked(line, backs)  # refuses more units back than sold
        shipping = shipping_refunded(line, backs, charged[line.order])
        sold.append(Sold(line, restocked, shipping))
        refunded.setdefault(line.order, []).append(shipping)
    check_orders(
        {order: sum_money(found, found[0].currency) for order, found in refunded.items()},
        charged,
    )
    return sold


def _indexed(lines: tuple[OrderLine, ...]) -> dict[tuple[str, str], OrderLine]:
    index: dict[tuple[str, str], OrderLine] = {}
    for line in lines:
        key = (line.order, line.product)
        if key in index:
            raise InvalidMetricError.refused(
                "lines",
                line,
                f"is a second line of {line.product!r} on order {line.order!r}; merge "
                "them into one line (add their units and amounts)",
                kind=InputKind.LIST,
            )
        index[key] = line
    return index


def match(
    lines: object, returns: object, start: object, end: object, partial: object
) -> Matched:
    """Check the inputs, keep the period's lines and match each return to its line."""
    first, after = period(start, end)
    partial = flag(partial, "partial")
    sales = listed(lines, OrderLine, "lines")
    # A period may have no returns: an empty list is fine here.
    backs = tuple(
        of_kind(item, ReturnLine, "returns") for item in items(returns, "returns")
    )
    currency = one_currency(
        *(line.revenue for line in sales), *(item.refund for item in backs)
    )
    index = _indexed(sales)
    by_line: dict[tuple[str, str], list[ReturnLine]] = {}
    for item in backs:
        by_line.setdefault((item.order, item.product), []).append(item)
    missing = tuple(
        f"the sale of {product!r} on order {order!r} "
        f"({units_said(sum(r.units for r in found))} returned)"
        for (order, product), found in sorted(by_line.items())
        if (order, product) not in index
    )
    if missing and not partial:
        raise MissingDataError(
            missing,
            "pass the order lines that sold them, or partial=True to leave these "
            "returns out (the result lists them in missing)",
        )
    # Every line's returns are checked; only the period's lines are counted.
    sold = _sold(sales, by_line)
    counted = tuple(item for item in sold if first <= item.line.day < after)
    return Matched(currency, counted, missing)


def grouped(sold: Sequence[Sold], by: Sequence[str]) -> dict[tuple[str, ...], list[Sold]]:
    """The sold lines by their group, groups in order of their key."""
    groups: dict[tuple[str, ...], list[Sold]] = {}
    for item in sold:
        groups.setdefault(item.key(by), []).append(item)
    return dict(sorted(groups.items()))
