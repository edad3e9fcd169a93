"""Stock at cost from its receipts: FIFO and the periodic weighted average.

The receipts are [`CostLayer`][commercekit.inventory.CostLayer]s, oldest first, per
SKU; [`stock_value_from_layers`][commercekit.inventory.stock_value_from_layers] values
the units on hand from them, rounded as every stock value is (``_stock_value``): each
SKU's exact value once, half-up, to the minor unit, the total the sum of those.

References:
    * OpenStax, *Principles of Accounting, Volume 1: Financial Accounting*, section 10.2,
      "Calculate the Cost of Goods Sold and Ending Inventory Using the Periodic Method"
      (FIFO and weighted average, The Spy Who Loves You Corporation).
      https://openstax.org/books/principles-financial-accounting/pages/10-2-calculate-the-cost-of-goods-sold-and-ending-inventory-using-the-periodic-method
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit import _checks
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidInventoryError, MissingDataError
from commercekit.inventory._numbers import (
    choice,
    is_positive_units,
    listed,
    mapping,
    rounded,
)
from commercekit.inventory._stock_value import (
    SkuValue,
    StockValue,
    ValuationBasis,
    missing,
    on_hand_of,
    sku_value,
    value_shown,
    valued,
)
from commercekit.money import Money, sum_money

__all__ = ["MAX_LAYERS", "CostLayer", "stock_value_from_layers"]

MAX_LAYERS = 1_000
"""The most cost layers (receipts) one SKU's valuation reads."""


def _cost(value: object) -> Money:
    return _checks.money(value, "unit_cost", InvalidInventoryError)


@named_at_the_door
@attrs.frozen
class CostLayer:
    """One receipt of stock (or the opening stock): how many units, at what cost each.

    Examples:
        >>> CostLayer(150, Money("21", "USD"))
        CostLayer(units=150, unit_cost=Money('21', 'USD'))
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    units: int = attrs.field(validator=is_positive_units)
    unit_cost: Money = attrs.field(converter=_cost)


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
    value = sku_value(sku, count, Fraction(exact), layers[0].unit_cost.currency.code)
    shown = " + ".join(parts) if parts else "nothing on hand"
    return SkuValue(
        sku,
        count,
        value,
        f"FIFO, newest receipts first: {shown} = {value_shown(exact, value)}",
    )


def _average(sku: str, count: int, layers: tuple[CostLayer, ...]) -> SkuValue:
    """Every unit costs the layers' total cost over their total units; rounded once."""
    code = layers[0].unit_cost.currency.code
    cost = sum_money((layer.unit_cost * layer.units for layer in layers), code)
    available = sum(layer.units for layer in layers)
    each = Fraction(cost.amount) / available
    value = sku_value(sku, count, each * count, code)
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
    stock = on_hand_of(on_hand)
    given = mapping(layers, "layers", "{'TEE': [CostLayer(100, Money('4.50', 'EUR'))]}")
    absent = [sku for sku, _ in stock if sku not in given]
    if absent:
        raise missing("cost layers", absent, "pass layers={sku: [CostLayer(...)]}")
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
    return valued(method, lines)
