"""Cash tied up in stock: its value at cost, per SKU and in total, and the days it lasts.

Stock on hand is money the shop has paid (or owes) for goods not yet sold. Its value at
cost is the units on hand times what each unit cost, on a basis the result names
([`ValuationBasis`][commercekit.inventory.ValuationBasis]):

* **unit cost**: the shop's own cost per unit (a standard cost, or the latest purchase
  price), given per SKU: ``units x unit cost``;
* **FIFO** (first in, first out): the units sold first were those bought first, so the
  units still on hand are the newest receipts, each at its own cost;
* **weighted average** (periodic): every unit available in the period (the opening
  stock and each receipt) costs the same, their total cost over their total units.

The receipts are [`CostLayer`][commercekit.inventory.CostLayer]s, oldest first (FIFO
and the average live in ``_stock_layers``). Rounding, on every basis alike: each SKU's
value is computed exactly (units x cost, or the layers' sum, or units x the average),
then rounded once, half-up, to the currency's minor unit; a unit cost finer than the
minor unit (EUR 0.333) is normal, and only the SKU's value is rounded. The total is the
sum of the SKUs' rounded values, as shown. A value or a total that reaches 10^18, the
library's range, is refused. Days' sales in inventory turn the total into days: stock
value over the cost of goods sold per day.

References:
    * OpenStax, *Principles of Accounting, Volume 1: Financial Accounting*, section 10.2,
      "Calculate the Cost of Goods Sold and Ending Inventory Using the Periodic Method"
      (FIFO and weighted average, The Spy Who Loves You Corporation).
      https://openstax.org/books/principles-financial-accounting/pages/10-2-calculate-the-cost-of-goods-sold-and-ending-inventory-using-the-periodic-method
    * OpenStax, *Principles of Finance*, section 6.2, "Operating Efficiency Ratios"
      (days' sales in inventory = ending inventory / cost of goods sold x 365).
      https://openstax.org/books/principles-finance/pages/6-2-operating-efficiency-ratios
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit import _checks
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, RANGE, context_free, named_at_the_door, out_of_range
from commercekit.errors import (
    InputKind,
    InvalidInventoryError,
    MissingDataError,
)
from commercekit.inventory._health import inventory_days
from commercekit.inventory._numbers import (
    Field,
    choice,
    is_cash,
    is_text,
    is_units,
    listed,
    mapping,
    money_result,
    text,
    units,
)
from commercekit.money import Money, sum_money

__all__ = [
    "MAX_SKUS",
    "SkuValue",
    "StockValue",
    "ValuationBasis",
    "days_sales_in_inventory",
    "missing",
    "on_hand_of",
    "sku_value",
    "stock_value",
    "value_shown",
    "valued",
]

MAX_SKUS = 10_000
"""The most SKUs one stock valuation or one reorder run takes."""


class ValuationBasis(enum.StrEnum):
    """Which cost a stock value puts on each unit on hand."""

    UNIT_COST = "unit_cost"
    """The shop's own cost per unit, given per SKU (a standard or latest cost)."""
    FIFO = "fifo"
    """First in, first out: the units on hand are the newest receipts, at their costs."""
    WEIGHTED_AVERAGE = "weighted_average"
    """Periodic weighted average: total cost of the layers over their total units."""


@named_at_the_door
@attrs.frozen
class SkuValue:
    """One SKU's stock at cost: units on hand, their value (in whole minor units), and
    how it was reached."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sku: str = attrs.field(validator=is_text)
    on_hand: int = attrs.field(validator=is_units)
    value: Money = attrs.field(validator=is_cash)
    why: str = attrs.field(validator=is_text)


def _basis(value: object) -> ValuationBasis:
    return choice(value, ValuationBasis, "basis")


def _lines(_: object, attribute: Field, value: object) -> None:
    found = listed(value, attribute.name)
    if not found or not isinstance(value, tuple):
        raise InvalidInventoryError.refused(
            attribute.name,
            value,
            "is not a non-empty tuple of SkuValue",
            kind=InputKind.LIST,
        )
    for line in found:
        if not isinstance(line, SkuValue):
            raise InvalidInventoryError.refused(
                attribute.name, line, "is not a SkuValue", kind=InputKind.TYPE
            )
    skus = [line.sku for line in found]
    if skus != sorted(set(skus)):
        raise InvalidInventoryError.refused(
            attribute.name, skus, "must list each SKU once, in order", kind=InputKind.LIST
        )


@named_at_the_door
@attrs.frozen
class StockValue:
    """Stock at cost, SKU by SKU (in SKU order) and in total, on a named basis.

    ``total`` is the sum of the lines' values, in their one currency.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    basis: ValuationBasis = attrs.field(converter=_basis)
    lines: tuple[SkuValue, ...] = attrs.field(validator=_lines)
    total: Money = attrs.field(validator=is_cash)

    def __attrs_post_init__(self) -> None:
        code = _checks.one_currency(self.total, *(line.value for line in self.lines))
        parts = sum_money((line.value for line in self.lines), code)
        if parts != self.total:
            raise InvalidInventoryError(
                "total", self.total, f"is not the sum of the SKUs' values ({parts})"
            )


def on_hand_of(on_hand: object) -> list[tuple[str, int]]:
    """The SKUs and their units on hand, in SKU order, within ``MAX_SKUS``."""
    given = mapping(on_hand, "on_hand", "{'TEE': 120}")
    if not given:
        raise InvalidInventoryError.refused(
            "on_hand",
            on_hand,
            "is empty; pass each SKU's units on hand",
            kind=InputKind.LIST,
        )
    if len(given) > MAX_SKUS:
        raise InvalidInventoryError.refused(
            "on_hand",
            f"{len(given)} SKUs",
            f"has more than {MAX_SKUS:,} SKUs, the most one valuation takes; value the "
            "catalog in parts and add the totals",
            kind=InputKind.LIST,
        )
    stock = [
        (text(sku, "on_hand"), units(count, f"on_hand[{sku!r}]"))
        for sku, count in given.items()
    ]
    return sorted(stock)


def missing(what: str, skus: list[str], how: str) -> MissingDataError:
    shown = ", ".join(skus[:10]) + (f" and {len(skus) - 10} more" if len(skus) > 10 else "")
    return MissingDataError(f"{what} of {shown}", how)


def sku_value(sku: str, count: int, exact: Fraction, currency: str) -> Money:
    """``exact``, the SKU's value, rounded once, half-up, to the minor unit."""
    return money_result(
        exact,
        currency,
        f"on_hand[{sku!r}]",
        f"{count} units at their cost come to more than money holds; check the count "
        "and the cost",
    )


def value_shown(exact: Decimal, value: Money) -> str:
    """The SKU's exact value, and how it was rounded where it had to be."""
    if exact == value.amount:
        return str(value)
    return f"{exact} {value.currency.code}, rounded half-up to {value}"


def valued(basis: ValuationBasis, lines: list[SkuValue]) -> StockValue:
    code = _checks.one_currency(*(line.value for line in lines), operation="add")
    total = sum_money((line.value for line in lines), code)
    if out_of_range(total.amount):
        raise InvalidInventoryError.refused(
            "on_hand",
            f"<{len(lines)} SKUs>",
            f"come to {total} in all, out of range: {RANGE}; value fewer SKUs at a time",
            kind=InputKind.LIST,
        )
    return StockValue(basis, tuple(lines), total)


@context_free
def stock_value(on_hand: Mapping[str, int], unit_costs: Mapping[str, Money]) -> StockValue:
    """Stock at cost from the shop's unit costs: units on hand x unit cost, per SKU.

    Every SKU in ``on_hand`` needs a unit cost (a cost list may name more SKUs than are
    in stock); the costs share one currency. Each SKU's value is units x unit cost,
    rounded once, half-up, to the minor unit (a unit cost may be finer); the total is
    the sum of those values. A value or total of 10^18 or more is refused.

    Examples:
        >>> stock = stock_value({"TEE": 120, "MUG": 40},
        ...     {"TEE": Money("4.50", "EUR"), "MUG": Money("3.20", "EUR")})
        >>> [(line.sku, line.value) for line in stock.lines], stock.total
        ([('MUG', Money('128.00', 'EUR')), ('TEE', Money('540.00', 'EUR'))],
         Money('668.00', 'EUR'))
        >>> print(stock_value({"PIN": 3}, {"PIN": Money("0.333", "EUR")}).lines[0].why)
        3 x 0.333 EUR = 0.999 EUR, rounded half-up to 1.00 EUR
        >>> stock_value({"CAP": 5}, {})
        Traceback (most recent call last):
        ...
        commercekit.errors.MissingDataError: missing unit cost of CAP: pass ...
    """
    stock = on_hand_of(on_hand)
    costs = mapping(unit_costs, "unit_costs", "{'TEE': Money('4.50', 'EUR')}")
    absent = [sku for sku, _ in stock if sku not in costs]
    if absent:
        raise missing(
            "unit cost", absent, "pass unit_costs={sku: Money(...)} for every SKU on hand"
        )
    lines = []
    for sku, count in stock:
        cost = _checks.money(costs[sku], f"unit_costs[{sku!r}]", InvalidInventoryError)
        exact = EXACT.multiply(cost.amount, count)
        value = sku_value(sku, count, Fraction(exact), cost.currency.code)
        lines.append(
            SkuValue(sku, count, value, f"{count} x {cost} = {value_shown(exact, value)}")
        )
    return valued(ValuationBasis.UNIT_COST, lines)


@context_free
def days_sales_in_inventory(
    stock: StockValue, cost_of_goods_sold: Money, *, days: int
) -> Decimal:
    """Days' sales in inventory: stock value / (cost of goods sold / ``days``).

    How many days of sales, at cost, the stock on hand would last: the stock value at
    cost over the cost of goods sold per day of a period of ``days`` days (the period
    the cost of goods sold covers: 365 for a year, 90 for a quarter). It is
    [`days_of_inventory`][commercekit.inventory.days_of_inventory] with today's stock
    value as the inventory, as OpenStax's days' sales in inventory uses ending
    inventory (*Principles of Finance*, section 6.2: Clear Lake Sporting Goods,
    $40,000 / $60,000 x 365 = 243 days). Rounded half-even to ``PLACES`` decimals.

    Examples:
        >>> stock = stock_value({"LURE": 8000}, {"LURE": Money("5", "USD")})
        >>> days_sales_in_inventory(stock, Money("60000", "USD"), days=365)
        Decimal('243.3333')
    """
    if not isinstance(stock, StockValue):
        raise InvalidInventoryError.refused(
            "stock",
            stock,
            "is not a StockValue; get one from stock_value()",
            kind=InputKind.TYPE,
        )
    return inventory_days(cost_of_goods_sold, ("stock", stock.total), days)
