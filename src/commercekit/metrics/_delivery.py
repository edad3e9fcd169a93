"""Shipping cost per order, and deliveries on time against the promised window.

* **Shipping per order**: the shipping the period's orders cost and were charged,
  over the number of orders, rounded half-up to the minor unit. The subsidy is cost
  less charged; negative when shipping makes money. A period with no orders has no
  groups and a total of zero orders and amounts, with no figure per order (``None``),
  as every measure of the package reports an empty period.
* **On time** means delivered on or before the last day of the promised window: a
  parcel that comes early is on time (the buyer got it no later than promised), and
  is counted as early too. An order not yet delivered whose window ended before
  ``as_of`` is late already, by the days since its last promised day, and is listed
  as still in transit; leaving it out would flatter the rate. An order whose window
  has not ended is not yet due and is not counted. **Days late** are calendar days
  after the last promised day; their average is over the late orders. With nothing
  due yet, every count is zero and the rate and the average are ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._checks import money_of, one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidMetricError
from commercekit.metrics import _amounts
from commercekit.metrics._checks import (
    day,
    field_count,
    field_day,
    field_text,
    items,
    listed,
    of_kind,
    ratio,
    texts,
)
from commercekit.metrics._sales import OrderLine, check_report, dimensions, period
from commercekit.money import Money, sum_money

__all__ = [
    "Delivery",
    "DeliveryPerformance",
    "ShippingPerOrder",
    "ShippingReport",
    "on_time_delivery",
    "shipping_per_order",
]


def _key(value: object) -> tuple[str, ...]:
    return texts(value, "key")


@named_at_the_door
@attrs.frozen
class ShippingPerOrder:
    """One group's orders and the shipping they were charged and cost.

    ``orders`` is one or more, or zero for the total of a period with no orders (its
    amounts are then zero); the amounts are zero or more, in one currency. Derived:
    ``shipping_subsidy``, ``cost_per_order`` and ``charged_per_order``.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    key: tuple[str, ...] = attrs.field(converter=_key)
    orders: int = attrs.field(validator=field_count)
    shipping_charged: Money = attrs.field(converter=_amounts.shipping_charged)
    shipping_cost: Money = attrs.field(converter=_amounts.shipping_cost)

    def __attrs_post_init__(self) -> None:
        one_currency(self.shipping_charged, self.shipping_cost)
        if not self.orders and (self.shipping_charged or self.shipping_cost):
            raise InvalidMetricError.refused(
                "orders",
                self.orders,
                "is zero, yet shipping was charged or cost; count the orders",
                kind=InputKind.COUNT,
            )

    @property
    def shipping_subsidy(self) -> Money:
        """Shipping cost less shipping charged: negative when shipping makes money."""
        return self.shipping_cost - self.shipping_charged

    @property
    def cost_per_order(self) -> Money | None:
        """Shipping cost / orders, rounded half-up to the minor unit; ``None`` without
        orders."""
        return _per_order(self.shipping_cost, self.orders)

    @property
    def charged_per_order(self) -> Money | None:
        """Shipping charged / orders, rounded half-up to the minor unit; ``None``
        without orders."""
        return _per_order(self.shipping_charged, self.orders)


def _per_order(total: Money, orders: int) -> Money | None:
    if not orders:
        return None
    return money_of(Fraction(total.amount) / orders, total.currency.code)


_SHIPPING_DIMENSIONS = ("channel", "market")


def _by(value: object) -> tuple[str, ...]:
    return dimensions(value, _SHIPPING_DIMENSIONS)


def _groups(value: object) -> tuple[ShippingPerOrder, ...]:
    return tuple(of_kind(g, ShippingPerOrder, "groups") for g in items(value, "groups"))


def _total(value: object) -> ShippingPerOrder:
    return of_kind(value, ShippingPerOrder, "total")


@named_at_the_door
@attrs.frozen
class ShippingReport:
    """A period's shipping per order by group, and for all its orders together.

    ``groups`` hold one [`ShippingPerOrder`][commercekit.metrics.ShippingPerOrder]
    per combination of ``by`` (``"channel"``, ``"market"``) with orders in
    ``[start, end)``, in order of their key; ``total`` (key ``()``) covers every order
    of the period: their sum, since each order is in one group (zero orders and
    amounts if there were none).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    by: tuple[str, ...] = attrs.field(converter=_by)
    start: date = attrs.field(validator=field_day)
    end: date = attrs.field(validator=field_day)
    groups: tuple[ShippingPerOrder, ...] = attrs.field(converter=_groups)
    total: ShippingPerOrder = attrs.field(converter=_total)

    def __attrs_post_init__(self) -> None:
        check_report(
            self.by,
            (self.start, self.end),
            [g.key for g in self.groups],
            [g.orders for g in self.groups],
        )
        currency = self.total.shipping_cost.currency.code
        summed = ShippingPerOrder(
            (),
            sum(g.orders for g in self.groups),
            sum_money([g.shipping_charged for g in self.groups], currency),
            sum_money([g.shipping_cost for g in self.groups], currency),
        )
        if self.total != summed:
            raise InvalidMetricError.refused(
                "total",
                self.total,
                f"is not the sum of the groups ({summed}); pass that sum, key ()",
            )


def _shipping(
    key: tuple[str, ...], lines: Sequence[OrderLine], currency: str
) -> ShippingPerOrder:
    return ShippingPerOrder(
        key,
        len({line.order for line in lines}),
        sum_money([line.shipping_charged for line in lines], currency),
        sum_money([line.shipping_cost for line in lines], currency),
    )


@context_free
def shipping_per_order(
    lines: Sequence[OrderLine], *, start: date, end: date, by: Sequence[str] = ()
) -> ShippingReport:
    """Shipping charged and cost per order for the orders sold in ``[start, end)``.

    ``by`` groups by ``"channel"``, ``"market"``, both, or neither (one group, key
    ``()``). An order counts once, with all its lines in the period; the lines of
    one order must share its channel and market. Groups come in order of their key;
    the total covers every order of the period.

    Examples:
        >>> from datetime import date
        >>> from commercekit.money import Money
        >>> def eur(x): return Money(x, "EUR")
        >>> zero = eur("0")
        >>> def sale(order, product, market, charged, cost):
        ...     return OrderLine(order, date(2026, 3, 2), product, "web", market, 1,
        ...         eur("30"), zero, eur("12"), zero, eur(charged), eur(cost), zero, zero)
        >>> lines = [sale("1", "TEE", "NL", "0", "3.10"),
        ...          sale("1", "MUG", "NL", "0", "3.10"),
        ...          sale("2", "TEE", "DE", "4.95", "6.40")]
        >>> report = shipping_per_order(lines, start=date(2026, 3, 1),
        ...     end=date(2026, 4, 1), by=("market",))
        >>> for group in (*report.groups, report.total):
        ...     print(group.key, group.orders, group.cost_per_order, group.shipping_subsidy)
        ('DE',) 1 6.40 EUR 1.45 EUR
        ('NL',) 1 6.20 EUR 6.20 EUR
        () 2 6.30 EUR 7.65 EUR
    """
    first, after = period(start, end)
    dims = dimensions(by, _SHIPPING_DIMENSIONS)
    given = listed(lines, OrderLine, "lines")
    currency = one_currency(*(line.revenue for line in given))
    orders: dict[str, tuple[str, ...]] = {}
    groups: dict[tuple[str, ...], list[OrderLine]] = {}
    counted = [line for line in given if first <= line.day < after]
    for line in counted:
        key = tuple(getattr(line, name) for name in dims)
        if orders.setdefault(line.order, key) != key:
            raise InvalidMetricError.refused(
                "lines",
                line,
                f"puts order {line.order!r} in group {key}, and another of its lines "
                f"in {orders[line.order]}; give an order's lines one channel and market",
                kind=InputKind.LIST,
            )
        groups.setdefault(key, []).append(line)
    return ShippingReport(
        dims,
        first,
        after,
        tuple(_shipping(key, found, currency) for key, found in sorted(groups.items())),
        _shipping((), counted, currency),
    )


def _delivered(instance: object, attribute: attrs.Attribute[date], value: object) -> None:
    if value is not None:
        day(value, "delivered")


@named_at_the_door
@attrs.frozen
class Delivery:
    """An order's promised delivery window and the day it arrived.

    ``promised_earliest`` to ``promised_latest`` (both counted) is the window the
    shop promised; ``delivered`` is the day the order arrived (its last parcel, if
    it shipped in several), or ``None`` while it has not.

    Examples:
        >>> from datetime import date
        >>> Delivery("1001", date(2026, 3, 5), date(2026, 3, 3), None)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidMetricDateError: promised_latest=datetime.date(2026, ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    order: str = attrs.field(validator=field_text)
    promised_earliest: date = attrs.field(validator=field_day)
    promised_latest: date = attrs.field(validator=field_day)
    delivered: date | None = attrs.field(validator=_delivered)

    def __attrs_post_init__(self) -> None:
        if self.promised_latest < self.promised_earliest:
            raise InvalidMetricError.refused(
                "promised_latest",
                self.promised_latest,
                f"is before promised_earliest ({self.promised_earliest}); the window "
                "runs from the earliest day to the latest",
                kind=InputKind.DATE,
            )


def _orders(value: object, field: str = "") -> tuple[str, ...]:
    return texts(value, field)


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class DeliveryPerformance:
    """Deliveries due by ``as_of``: how many on time, which late, by how much.

    ``on_time`` counts orders delivered by their last promised day, ``early`` those
    of them delivered before their first; ``late`` lists the late orders (in order),
    ``in_transit`` those of them not yet delivered; ``days_late`` adds up the days
    each was late (so far, for those in transit); ``not_yet_due`` counts orders
    whose window had not ended. Derived: ``due``, ``on_time_rate`` and
    ``average_days_late``.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    as_of: date = attrs.field(validator=field_day)
    on_time: int = attrs.field(validator=field_count)
    early: int = attrs.field(validator=field_count)
    late: tuple[str, ...] = attrs.field(converter=_orders)
    in_transit: tuple[str, ...] = attrs.field(converter=_orders)
    days_late: int = attrs.field(validator=field_count)
    not_yet_due: int = attrs.field(validator=field_count)

    def __attrs_post_init__(self) -> None:
        if self.early > self.on_time:
            raise InvalidMetricError.refused(
                "early",
                self.early,
                "exceeds on_time: early is on time",
                kind=InputKind.COUNT,
            )
        for name in ("late", "in_transit"):
            orders = getattr(self, name)
            if list(orders) != sorted(set(orders)):
                raise InvalidMetricError.refused(
                    name, orders, "must list each order once, in order", kind=InputKind.LIST
                )
        if not set(self.in_transit) <= set(self.late):
            raise InvalidMetricError.refused(
                "in_transit",
                self.in_transit,
                "names an order that is not late; an order in transit is late",
                kind=InputKind.LIST,
            )
        if self.days_late < len(self.late) or (self.days_late and not self.late):
            raise InvalidMetricError.refused(
                "days_late",
                self.days_late,
                f"does not fit {len(self.late)} late orders (each late a day or more)",
                kind=InputKind.COUNT,
            )

    @property
    def due(self) -> int:
        """Orders whose promised window had ended by ``as_of``, or that arrived."""
        return self.on_time + len(self.late)

    @property
    def on_time_rate(self) -> Decimal | None:
        """On time / due, rounded half-even to four decimals; ``None`` if none was due."""
        return ratio(Fraction(self.on_time, self.due)) if self.due else None

    @property
    def average_days_late(self) -> Decimal | None:
        """Days late / late orders, rounded half-even to four decimals; ``None`` if
        none was late."""
        return ratio(Fraction(self.days_late, len(self.late))) if self.late else None


@context_free
def on_time_delivery(deliveries: Sequence[Delivery], *, as_of: date) -> DeliveryPerformance:
    """On-time rate, late orders and days late of ``deliveries`` as of ``as_of``.

    Raises ``InvalidMetricDateError`` for a delivery after ``as_of`` (the report cannot
    know of it yet) and ``InvalidMetricListError`` for an order given twice.

    Examples:
        >>> from datetime import date
        >>> def on(d): return date(2026, 3, d)
        >>> result = on_time_delivery([
        ...     Delivery("1", on(3), on(5), on(2)),   # early: on time
        ...     Delivery("2", on(3), on(5), on(5)),   # the last promised day: on time
        ...     Delivery("3", on(3), on(5), on(8)),   # 3 days late
        ...     Delivery("4", on(3), on(5), None),    # not arrived by the 10th: 5 days late
        ...     Delivery("5", on(9), on(12), None),   # not due yet
        ... ], as_of=on(10))
        >>> result.on_time_rate, result.late, result.in_transit, result.average_days_late
        (Decimal('0.5000'), ('3', '4'), ('4',), Decimal('4.0000'))
    """
    when = day(as_of, "as_of")
    given = listed(deliveries, Delivery, "deliveries")
    if len({d.order for d in given}) != len(given):
        raise InvalidMetricError.refused(
            "deliveries",
            deliveries,
            "names an order twice; give one delivery per order (the day its last "
            "parcel arrived)",
            kind=InputKind.LIST,
        )
    on_time = early = waiting = days = 0
    late: list[str] = []
    in_transit: list[str] = []
    for item in given:
        arrived = item.delivered
        if arrived is not None and arrived > when:
            raise InvalidMetricError.refused(
                "deliveries",
                arrived,
                f"is when order {item.order!r} arrived, after as_of ({when})",
                kind=InputKind.DATE,
            )
        if arrived is None and item.promised_latest >= when:
            waiting += 1
        elif arrived is not None and arrived <= item.promised_latest:
            on_time += 1
            early += arrived < item.promised_earliest
        else:
            late.append(item.order)
            if arrived is None:
                in_transit.append(item.order)
            days += ((arrived or when) - item.promised_latest).days
    return DeliveryPerformance(
        when, on_time, early, tuple(sorted(late)), tuple(sorted(in_transit)), days, waiting
    )
