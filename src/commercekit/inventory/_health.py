"""Stock health ratios: turnover, days of inventory and of supply, sell-through, and the
stock-out rate.

Each is one ratio of figures a shop already has (the cost of goods sold, the average
inventory at cost, units sold, received and on hand, periods out of stock), rounded
once to ``PLACES`` decimals. A ratio beyond the library's range of numbers (a cost of
goods sold of a cent against a stock of billions) is refused, as every input is.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from commercekit import _checks
from commercekit._beyond import Factor
from commercekit._numbers import context_free
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._numbers import number, ratio_result, rounded, units
from commercekit.money import Money

__all__ = [
    "days_of_inventory",
    "days_of_supply",
    "inventory_turnover",
    "sell_through",
    "stock_out_rate",
]


def _money_ratio(top: tuple[str, Money], bottom: tuple[str, Money]) -> Fraction:
    """``top / bottom`` for two amounts in one currency: top >= 0, bottom > 0."""
    return _checks.money_ratio(top, bottom, InvalidInventoryError)


@context_free
def inventory_turnover(cost_of_goods_sold: Money, average_inventory: Money) -> Decimal:
    """Inventory turnover = cost of goods sold / average inventory value (at cost).

    How many times the stock was sold and replaced over the period the cost of goods
    sold covers; average inventory is usually (opening + closing) / 2.

    Examples:
        >>> from commercekit.money import Money
        >>> inventory_turnover(Money("120000", "EUR"), Money("20000", "EUR"))
        Decimal('6.0000')
    """
    return ratio_result(
        _money_ratio(
            ("cost_of_goods_sold", cost_of_goods_sold),
            ("average_inventory", average_inventory),
        ),
        "the turnover, cost_of_goods_sold / average_inventory",
        over=(_factor("cost_of_goods_sold", cost_of_goods_sold),),
        under=(_factor("average_inventory", average_inventory),),
    )


def _factor(field: str, amount: Money) -> Factor:
    return field, amount, amount.amount, 1


@context_free
def days_of_inventory(
    cost_of_goods_sold: Money, average_inventory: Money, days: int = 365
) -> Decimal:
    """Days of inventory = average inventory / cost of goods sold x days in the period.

    The average number of days a unit waits before it sells: ``days`` / turnover.

    Examples:
        >>> from commercekit.money import Money
        >>> days_of_inventory(Money("120000", "EUR"), Money("20000", "EUR"))
        Decimal('60.8333')
    """
    return inventory_days(
        cost_of_goods_sold, ("average_inventory", average_inventory), days
    )


def inventory_days(
    cost_of_goods_sold: Money, held: tuple[str, Money], days: int
) -> Decimal:
    """Days of inventory, the inventory ``held`` given as the argument it names."""
    share = _money_ratio(held, ("cost_of_goods_sold", cost_of_goods_sold))
    period = units(days, "days", positive=True)
    return ratio_result(
        share * period,
        f"the days of inventory, {held[0]} / cost_of_goods_sold x days",
        over=(_factor(*held), ("days", days, period, 1)),
        under=(_factor("cost_of_goods_sold", cost_of_goods_sold),),
    )


@context_free
def days_of_supply(on_hand: int, demand_per_day: object) -> Decimal:
    """Days of supply = units on hand / expected demand per day: how long stock lasts.

    Examples:
        >>> days_of_supply(450, 30)
        Decimal('15.0000')
    """
    stock = units(on_hand, "on_hand")
    rate = number(demand_per_day, "demand_per_day", positive=True)
    return ratio_result(
        Fraction(stock) / Fraction(rate),
        "the days of supply, on_hand / demand_per_day",
        over=(("on_hand", on_hand, stock, 1),),
        under=(("demand_per_day", demand_per_day, rate, 1),),
    )


@context_free
def sell_through(
    units_sold: int, units_received: int, beginning_on_hand: int = 0
) -> Decimal:
    """Sell-through = units sold / (units on hand at the start + units received).

    The share of the stock available in the period that sold.

    Examples:
        >>> sell_through(340, 400, beginning_on_hand=100)
        Decimal('0.6800')
    """
    sold = units(units_sold, "units_sold")
    available = units(units_received, "units_received") + units(
        beginning_on_hand, "beginning_on_hand"
    )
    if not available:
        raise InvalidInventoryError.refused(
            "units_received",
            units_received,
            "and the opening stock are both zero",
            kind=InputKind.COUNT,
        )
    if sold > available:
        raise InvalidInventoryError.refused(
            "units_sold",
            sold,
            f"exceeds the {available} units available in the period (units_received "
            "plus beginning_on_hand)",
            kind=InputKind.COUNT,
        )
    return rounded(Fraction(sold, available))


@context_free
def stock_out_rate(periods_out_of_stock: int, periods: int) -> Decimal:
    """Stock-out rate = periods (days) with no stock / periods observed.

    Examples:
        >>> stock_out_rate(3, 90)
        Decimal('0.0333')
    """
    total = units(periods, "periods", positive=True)
    out = units(periods_out_of_stock, "periods_out_of_stock")
    if out > total:
        raise InvalidInventoryError.refused(
            "periods_out_of_stock", out, f"exceeds periods ({total})", kind=InputKind.COUNT
        )
    return rounded(Fraction(out, total))
