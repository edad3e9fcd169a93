"""Cash tied up in stock: its value at cost, per SKU and in total, and the days it lasts.

Stock on hand is money the shop has paid (or owes) for goods not yet sold. Its value at
cost is the units on hand times what each unit cost, on a basis the result names
([`ValuationBasis`][commercekit.inventory.ValuationBasis]):

* **unit cost**: the shop's own cost per unit (a standard cost, or the latest purchase
  price), given per SKU: ``units x unit cost``, exactly;
* **FIFO** (first in, first out): the units sold first were those bought first, so the
  units still on hand are the newest receipts, each at its own cost;
* **weighted average** (periodic): every unit available in the period (the opening
  stock and each receipt) costs the same, their total cost over their total units.

The receipts are [`CostLayer`][commercekit.inventory.CostLayer]s, oldest first.
Rounding, on every basis alike: each SKU's value is computed exactly (units x cost,
or the layers' sum, or units x the average), then rounded once, half-up, to the
currency's minor unit; a unit cost finer than the minor unit (EUR 0.333) is normal,
and only the SKU's value is rounded. The total is the sum of the SKUs' rounded values,
as shown. A value or a total that reaches 10^18, the library's range, is refused. Days'
sales in inventory turn the total into days: stock value over the cost of goods sold
per day.

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
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit import _checks
from commercekit._numbers import EXACT, RANGE, context_free, out_of_range
from commercekit.errors import (
    InputKind,
    InvalidInventoryError,
    MissingDataError,
)
from commercekit.inventory._health import days_of_inventory
from commercekit.inventory._numbers import (
    Field,
    choice,
    is_cash,
    is_positive_units,
    is_text,
    is_units,
    listed,
    mapping,
    money_result,
    rounded,
    text,
    units,
)
from commercekit.money import Money, sum_money

__all__ = [
    "MAX_LAYERS",
    "MAX_SKUS",
    "CostLayer",
    "SkuValue",
    "StockValue",
    "ValuationBasis",
    "days_sales_in_inventory",
    "stock_value",
    "stock_value_from_layers",
]

MAX_SKUS = 10_000
"""The most SKUs one stock valuation or one reorder run takes."""

MAX_LAYERS = 1_000
"""The most cost layers (receipts) one SKU's valuation reads."""


class ValuationBasis(enum.StrEnum):
    """Which cost a stock value puts on each unit on hand."""

    UNIT_COST = "unit_cost"
    """The shop's own cost per unit, given per SKU (a standard or latest cost)."""
    FIFO = "fifo"
    """First in, first out: the units on hand are the newest receipts, at their costs."""
    WEIGHTED_AVERAGE = "weighted_average"
    """Periodic weighted average: total cost of the layers over their total units."""


def _cost(value: object) -> Money:
    return _checks.money(value, "unit_cost", InvalidInventoryError)


@attrs.frozen
class CostLayer:
    """One receipt of stock (or the opening stock): how many units, at what cost each.

    Examples:
        >>> CostLayer(150, Money("21", "USD"))
        CostLayer(units=150, unit_cost=Money('21', 'USD'))
    """

    units: int = attrs.field(validator=is_positive_units)
    unit_cost: Money = attrs.field(converter=_cost)


@attrs.frozen
class SkuValue:
    """One SKU's stock at cost: units on hand, their value (in whole minor units), and
    how it was reached."""

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


@attrs.frozen
class StockValue:
    """Stock at cost, SKU by SKU (in SKU order) and in total, on a named basis.

    ``total`` is the sum of the lines' values, in their one currency.
    """

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


def _stock(on_hand: object) -> list[tuple[str, int]]:
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


def _missing(what: str, skus: list[str], how: str) -> MissingDataError:
    shown = ", ".join(skus[:10]) + (f" and {len(skus) - 10} more" if len(skus) > 10 else "")
    return MissingDataError(f"{what} of {shown}", how)


def _sku_value(sku: str, count: int, exact: Fraction, currency: str) -> Money:
    """``exact``, the SKU's value, rounded once, half-up, to the minor unit."""
    return money_result(
        exact,
        currency,
        f"on_hand[{sku!r}]",
        f"{count} units at their cost come to more than money holds; check the count "
        "and the cost",
    )


def _shown(exact: Decimal, value: Money) -> str:
    """The SKU's exact value, and how it was rounded where it had to be."""
    if exact == value.amount:
        return str(value)
    return f"{exact} {value.currency.code}, rounded half-up to {value}"


def _valued(basis: ValuationBasis, lines: list[SkuValue]) -> StockValue:
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
    stock = _stock(on_hand)
    costs = mapping(unit_costs, "unit_costs", "{'TEE': Money('4.50', 'EUR')}")
    absent = [sku for sku, _ in stock if sku not in costs]
    if absent:
        raise _missing(
            "unit cost", absent, "pass unit_costs={sku: Money(...)} for every SKU on hand"
        )
    lines = []
    for sku, count in stock:
        cost = _checks.money(costs[sku], f"unit_costs[{sku!r}]", InvalidInventoryError)
        exact = EXACT.multiply(cost.amount, count)
        value = _sku_value(sku, count, Fraction(exact), cost.currency.code)
        lines.append(
            SkuValue(sku, count, value, f"{count} x {cost} = {_shown(exact, value)}")
        )
    return _valued(ValuationBasis.UNIT_COST, lines)


def _layers(value: object, sku: str) -> tuple[CostLayer, ...]:
    field = f"layers[{sku!r}]"
    found = listed(value, field)
    if not found:
        raise InvalidInventoryError.refused(
            field, value, "is empty; pass the receipts, oldest first", kind=InputKind.LIST
        )
    if len(found) > MAX_LAYERS:
        raise InvalidInventoryError.refused(
            field,
            f"{len(found)} layers",
            f"has more than {MAX_LAYERS:,} layers; merge old receipts into one opening "
            "layer",
            kind=InputKind.LIST,
        )
    for layer in found:
        if not isinstance(layer, CostLayer):
            raise InvalidInventoryError.refused(
                field, layer, "is not a CostLayer", kind=InputKind.TYPE
            )
    _checks.one_currency(*(layer.unit_cost for layer in found))
    return found


def _fifo(sku: str, count: int, layers: tuple[CostLayer, ...]) -> SkuValue:
    """The newest layers hold the units on hand: value each at its own cost, exactly,
    and round the SKU's value once."""
    left, parts, exact = count, [], Decimal(0)
    for layer in reversed(layers):
        if not left:
            break
        take = min(left, layer.units)
        exact = EXACT.add(exact, EXACT.multiply(layer.unit_cost.amount, take))
        parts.append(f"{take} x {layer.unit_cost}")
        left -= take
    value = _sku_value(sku, count, Fraction(exact), layers[0].unit_cost.currency.code)
    shown = " + ".join(parts) if parts else "nothing on hand"
    return SkuValue(
        sku, count, value, f"FIFO, newest receipts first: {shown} = {_shown(exact, value)}"
    )


def _average(sku: str, count: int, layers: tuple[CostLayer, ...]) -> SkuValue:
    """Every unit costs the layers' total cost over their total units; rounded once."""
    code = layers[0].unit_cost.currency.code
    cost = sum_money((layer.unit_cost * layer.units for layer in layers), code)
    available = sum(layer.units for layer in layers)
    each = Fraction(cost.amount) / available
    value = _sku_value(sku, count, each * count, code)
    return SkuValue(
        sku,
        count,
        value,
        f"weighted average: {cost} / {available} units = {rounded(each)} {code} a unit; "
        f"{count} x that = {value} (rounded half-up to the minor unit)",
    )


@context_free
def stock_value_from_layers(
    on_hand: Mapping[str, int],
    layers: Mapping[str, Sequence[CostLayer]],
    basis: ValuationBasis | str,
) -> StockValue:
    """Stock at cost from its receipts (cost layers, oldest first), by FIFO or average.

    * ``"fifo"``: the units on hand are the newest receipts: walk the layers from the
      newest back until the units on hand are covered, each at its own cost (exact).
    * ``"weighted_average"`` (periodic): each unit costs the total cost of all the
      layers (the opening stock and the period's receipts) over their total units; the
      SKU's value is that times the units on hand, rounded once, half-up, to the minor
      unit.

    The layers must cover the units on hand: if they hold fewer, the older receipts
    are missing and the value would be guessed, so it is refused. OpenStax's worked
    example (Principles of Accounting 1, section 10.2): 150 units at $21, 225 at $27,
    210 at $33, of which 285 are left.

    Examples:
        >>> gps = [CostLayer(150, Money("21", "USD")), CostLayer(225, Money("27", "USD")),
        ...        CostLayer(210, Money("33", "USD"))]
        >>> stock_value_from_layers({"GPS": 285}, {"GPS": gps}, "fifo").total
        Money('8955.00', 'USD')
        >>> print(stock_value_from_layers({"GPS": 285}, {"GPS": gps}, "weighted_average")
        ...       .lines[0].why)
        weighted average: 16155.00 USD / 585 units = 27.6154 USD a unit; 285 x that =
        7870.38 USD (rounded half-up to the minor unit)
        >>> stock_value_from_layers({"GPS": 600}, {"GPS": gps}, "fifo")
        Traceback (most recent call last):
        ...
        commercekit.errors.MissingDataError: missing cost layers for 15 of GPS's 600 ...
    """
    method = choice(basis, ValuationBasis, "basis")
    if method is ValuationBasis.UNIT_COST:
        raise InvalidInventoryError.refused(
            "basis",
            method,
            "is not a basis for layers; use stock_value() with the shop's unit costs",
            kind=InputKind.CHOICE,
            choices=(ValuationBasis.FIFO, ValuationBasis.WEIGHTED_AVERAGE),
        )
    stock = _stock(on_hand)
    given = mapping(layers, "layers", "{'TEE': [CostLayer(100, Money('4.50', 'EUR'))]}")
    absent = [sku for sku, _ in stock if sku not in given]
    if absent:
        raise _missing("cost layers", absent, "pass layers={sku: [CostLayer(...)]}")
    value = _fifo if method is ValuationBasis.FIFO else _average
    lines = []
    for sku, count in stock:
        found = _layers(given[sku], sku)
        covered = sum(layer.units for layer in found)
        if covered < count:
            raise MissingDataError(
                f"cost layers for {count - covered} of {sku}'s {count} units on hand",
                "add the older receipts (or the opening stock at its cost) as layers, "
                "oldest first",
            )
        lines.append(value(sku, count, found))
    return _valued(method, lines)


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
    return days_of_inventory(cost_of_goods_sold, stock.total, days)
