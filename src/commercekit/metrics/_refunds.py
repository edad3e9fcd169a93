"""What a return may pay back: never more than was paid for what came back.

The trader reimburses every payment received from the consumer, including the costs
of delivery (Directive 2011/83/EU on consumer rights, Art. 13(1)), and a refund never
exceeds what was paid (the same rule as ``payments.refund_cost`` and
``checkout.refund``). In an [`OrderLine`][commercekit.metrics.OrderLine]'s terms:

* The **goods' share** of some returned units is what they were paid: the line's
  revenue after discounts (none if the discounts exceed the revenue) shared over its
  units as [`split`][commercekit.money.split] shares it, the first parts carrying the
  leftover cents. All of a line's units have a share of exactly its revenue after
  discounts.
* The refunds of all the returns of one order line, together, are at most their
  returned units' share plus the **shipping charged on the order** (the sum of its
  lines' ``shipping_charged``, however it was shared over them).
* A refund pays back the goods first. What a line's refunds exceed the goods' share
  by is a **refund of shipping**; over all the lines of an order the refunds of
  shipping are at most the shipping charged on it: delivery is paid back once.

A return that refunds more is refused: the figures it would give look authoritative
and are wrong.

References:
    * Directive 2011/83/EU on consumer rights, Art. 13(1) (the trader reimburses all
      payments received, including, if applicable, the costs of delivery):
      https://eur-lex.europa.eu/eli/dir/2011/83/oj
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from commercekit.errors import InvalidMetricError
from commercekit.money import Money, from_minor_units, sum_money, to_minor_units

if TYPE_CHECKING:  # _sales builds on these rules and imports this module
    from commercekit.metrics._sales import OrderLine, ReturnLine


def units_said(units: int) -> str:
    """``"1 unit"``, ``"2 units"``."""
    return f"{units} unit" if units == 1 else f"{units} units"


def first_parts(total: Money, parts: int, units: int) -> int:
    """Minor units in the first ``units`` of ``split(total, parts)``, in constant time:
    each part holds ``total // parts`` and the first ``total % parts`` one more."""
    each, leftover = divmod(to_minor_units(total), parts)
    return units * each + min(units, leftover)


def goods_paid(line: OrderLine, units: int) -> Money:
    """What ``units`` returned of ``line`` were paid for the goods, at most."""
    paid = line.revenue - line.discounts
    if paid.amount <= 0:
        return from_minor_units(0, paid.currency)
    return from_minor_units(first_parts(paid, line.units, units), paid.currency)


def shipping_charged(lines: Sequence[OrderLine]) -> dict[str, Money]:
    """The shipping charged on each order: the sum over its lines."""
    found: dict[str, list[Money]] = {}
    for line in lines:
        found.setdefault(line.order, []).append(line.shipping_charged)
    return {
        order: sum_money(amounts, amounts[0].currency) for order, amounts in found.items()
    }


def shipping_refunded(
    line: OrderLine, returns: Sequence[ReturnLine], charged: Money
) -> Money:
    """The part of the refunds of ``line``'s ``returns`` that paid back shipping: what
    they exceed the returned goods' share by. Refused above that share plus
    ``charged``, the shipping charged on the order."""
    currency = charged.currency
    refunded = sum_money([r.refund for r in returns], currency)
    units = sum(r.units for r in returns)
    goods = goods_paid(line, units)
    if refunded > goods + charged:
        raise InvalidMetricError.refused(
            "returns",
            refunded,
            f"is refunded for {units_said(units)} of {line.product!r} on order "
            f"{line.order!r}, more than was paid for them: {goods} for the goods (their "
            f"share of the line's revenue after discounts) and at most {charged} of "
            "shipping charged on the order; a refund never exceeds what was paid "
            "(Directive 2011/83/EU, Art. 13(1)). Check the refunds, or the line's "
            "revenue and discounts",
        )
    return max(refunded - goods, from_minor_units(0, currency))


def check_orders(refunded: Mapping[str, Money], charged: Mapping[str, Money]) -> None:
    """Refuse an order whose refunds of shipping, over its lines, exceed the shipping
    charged on it."""
    for order, amount in sorted(refunded.items()):
        if amount > charged[order]:
            raise InvalidMetricError.refused(
                "returns",
                amount,
                f"is refunded for shipping on order {order!r} (the refunds above the "
                f"returned goods' share, over its lines), more than the "
                f"{charged[order]} charged on it: delivery is paid back once at most "
                "(Directive 2011/83/EU, Art. 13(1))",
            )
