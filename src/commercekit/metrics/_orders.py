"""Orders and visits: average order value on a named basis, conversion, abandonment.

The same shop's average order value differs by a fifth or more between gross goods and
the total paid, so [`average_order_value`][commercekit.metrics.average_order_value]
takes an explicit [`AovBasis`][commercekit.metrics.AovBasis];
[`conversion_rate`][commercekit.metrics.conversion_rate] and
[`cart_abandonment_rate`][commercekit.metrics.cart_abandonment_rate] are ratios of
counts.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._checks import money_of, one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidMetricError
from commercekit.metrics._checks import amount, choice, count, listed, ratio
from commercekit.money import Money, sum_money

__all__ = [
    "AovBasis",
    "OrderAmounts",
    "average_order_value",
    "cart_abandonment_rate",
    "conversion_rate",
]


# Converters name the field they check (attrs' converters are not told it).


def _goods(value: object) -> Money:
    return amount(value, "goods")


def _discounts(value: object) -> Money:
    return amount(value, "discounts")


def _shipping(value: object) -> Money:
    return amount(value, "shipping")


def _tax(value: object) -> Money:
    return amount(value, "tax")


class AovBasis(enum.StrEnum):
    """Which amount of an order average order value averages."""

    GROSS = "gross"
    """Goods before discounts, without tax or shipping."""
    NET = "net"
    """Goods after discounts, without tax or shipping: what the shop keeps for goods."""
    TOTAL = "total"
    """What the buyer paid: goods after discounts, plus shipping and tax."""


@named_at_the_door
@attrs.frozen
class OrderAmounts:
    """An order's amounts, enough for any AOV basis: each zero or more, in one
    currency."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    goods: Money = attrs.field(converter=_goods)
    discounts: Money = attrs.field(converter=_discounts)
    shipping: Money = attrs.field(converter=_shipping)
    tax: Money = attrs.field(converter=_tax)

    def __attrs_post_init__(self) -> None:
        one_currency(self.goods, self.discounts, self.shipping, self.tax)


@context_free
def average_order_value(orders: Sequence[OrderAmounts], basis: AovBasis | str) -> Money:
    """Average order value on an explicit basis, rounded half-up to the minor unit.

    The basis must be named: the same shop's AOV differs by a fifth or more between
    gross goods and the total paid, and a comparison on different bases means nothing.

    Examples:
        >>> from commercekit.money import Money
        >>> def eur(x): return Money(x, "EUR")
        >>> orders = [OrderAmounts(eur("50"), eur("5"), eur("4.90"), eur("8.55")),
        ...           OrderAmounts(eur("30"), eur("0"), eur("4.90"), eur("5.70"))]
        >>> [average_order_value(orders, basis) for basis in ("gross", "net", "total")]
        [Money('40.00', 'EUR'), Money('37.50', 'EUR'), Money('49.53', 'EUR')]
    """
    chosen = choice(basis, AovBasis, "basis")
    values = []
    for order in listed(
        orders, OrderAmounts, "orders", empty=": an average needs at least one order"
    ):
        if chosen is AovBasis.GROSS:
            values.append(order.goods)
        elif chosen is AovBasis.NET:
            values.append(order.goods - order.discounts)
        else:
            values.append(order.goods - order.discounts + order.shipping + order.tax)
    currency = one_currency(*values)
    total = sum_money(values, currency)
    return money_of(Fraction(total.amount) / len(values), currency)


@context_free
def conversion_rate(orders: int, sessions: int) -> Decimal:
    """Conversion rate = orders / sessions (or visitors, if that is what is counted).

    Examples:
        >>> conversion_rate(42, 1500)
        Decimal('0.0280')
    """
    placed = count(orders, "orders")
    visits = count(sessions, "sessions", positive=True)
    if placed > visits:
        raise InvalidMetricError.refused(
            "orders", placed, f"exceeds the {visits} sessions", kind=InputKind.COUNT
        )
    return ratio(Fraction(placed, visits))


@context_free
def cart_abandonment_rate(carts_created: int, orders_completed: int) -> Decimal:
    """Cart abandonment rate = 1 - orders completed / carts created.

    Examples:
        >>> cart_abandonment_rate(400, 120)
        Decimal('0.7000')
    """
    carts = count(carts_created, "carts_created", positive=True)
    done = count(orders_completed, "orders_completed")
    if done > carts:
        raise InvalidMetricError.refused(
            "orders_completed", done, f"exceeds the {carts} carts", kind=InputKind.COUNT
        )
    return ratio(1 - Fraction(done, carts))
