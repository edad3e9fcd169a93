"""The cash conversion cycle from the books' figures: stock, receivables, payables.

The cash conversion cycle is how long a unit of cash is tied up between paying for goods
and being paid for them: the days stock waits to sell, plus the days customers take to
pay, less the days the shop takes to pay its suppliers. Each part is a balance over
the flow that runs through it, per day of the period the flow covers:

* days of inventory (DIO, the inventory conversion period) = inventory at cost /
  cost of goods sold x days;
* days sales outstanding (DSO, the receivables collection period) = receivables /
  credit sales x days;
* days payables outstanding (DPO, the payables deferral period) = payables / cost of
  goods sold x days (OpenStax), or payables / purchases x days (the CFA Institute's
  "number of days of payables", payables turnover = purchases / average trade
  payables): the sources differ, so the caller chooses by passing ``purchases`` or not,
  and the result says which;
* cash conversion cycle = DIO + DSO - DPO.

A shop paid at checkout sells nothing on credit and is owed nothing: receivables of
zero over credit sales of zero are a DSO of 0 days (and payables of zero over
purchases of zero a DPO of 0). A balance above zero with no flow behind it is refused.

References:
    * OpenStax, *Principles of Finance*, section 19.1, "What Is Working Capital?"
      (the cash cycle; King Sized Products: 36.5 + 54.7 - 34 = 57.2 days).
      https://openstax.org/books/principles-finance/pages/19-1-what-is-working-capital
    * CFA Institute, CFA Program curriculum, Level I, "Financial Analysis Techniques"
      (activity ratios: payables turnover on purchases; number of days of payables).
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from commercekit._checks import one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, context_free, named_at_the_door
from commercekit.inventory import StockValue
from commercekit.metrics._checks import (
    amount,
    count,
    days_outstanding,
    field_text,
    in_days,
    number,
)
from commercekit.money import Money

__all__ = ["CashConversionCycle", "cash_conversion_cycle_from_figures"]


def _inventory_days(value: object) -> Decimal:
    return number(value, "days_of_inventory")


def _sales_days(value: object) -> Decimal:
    return number(value, "days_sales_outstanding")


def _payables_days(value: object) -> Decimal:
    return number(value, "days_payables_outstanding")


@named_at_the_door
@attrs.frozen
class CashConversionCycle:
    """The three periods of the cash cycle, in days, and the cycle they make.

    Each period is rounded half-even to ``PLACES`` decimals;
    ``cash_conversion_cycle`` is DIO + DSO - DPO of the periods as shown, below zero
    when suppliers are paid after customers pay.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    days_of_inventory: Decimal = attrs.field(converter=_inventory_days)
    days_sales_outstanding: Decimal = attrs.field(converter=_sales_days)
    days_payables_outstanding: Decimal = attrs.field(converter=_payables_days)
    why: str = attrs.field(validator=field_text)

    @property
    def cash_conversion_cycle(self) -> Decimal:
        """DIO + DSO - DPO, in days."""
        return EXACT.subtract(
            EXACT.add(self.days_of_inventory, self.days_sales_outstanding),
            self.days_payables_outstanding,
        )


def _days(balance: tuple[str, Money], flow: tuple[str, Money], days: int) -> Decimal:
    """``balance / flow x days``, rounded half-even to ``PLACES`` decimals."""
    return in_days(balance, flow, days)


def _stock(inventory: object) -> tuple[Money, str]:
    if isinstance(inventory, StockValue):
        basis = inventory.basis.value.replace("_", " ")
        return inventory.total, f"today's stock value at cost ({basis})"
    return amount(inventory, "inventory"), "inventory at cost"


@context_free
def cash_conversion_cycle_from_figures(
    inventory: Money | StockValue,
    cost_of_goods_sold: Money,
    receivables: Money,
    credit_sales: Money,
    payables: Money,
    *,
    days: int,
    purchases: Money | None = None,
) -> CashConversionCycle:
    """DIO, DSO and DPO from the balances and the period's flows, and the cycle.

    ``inventory`` is the average inventory at cost over the period (OpenStax 19.1),
    or today's stock value (a [`StockValue`][commercekit.inventory.StockValue]; days'
    sales in inventory read ending inventory so); ``receivables`` and ``payables``
    are (average) balances; ``cost_of_goods_sold``, ``credit_sales`` (sales on credit,
    zero for a shop paid at checkout, whose receivables are then zero too and its DSO
    0 days) and ``purchases`` are the flows over the ``days`` days of the period;
    ``credit_sales`` or ``purchases`` of zero with a balance above zero are refused
    (``InvalidMetricError``). DPO is on ``purchases`` when they are given
    (the CFA Institute's definition), on the cost of goods sold when not (OpenStax's).
    Every amount is in one currency; each period is rounded half-even to ``PLACES``
    decimals, and the cycle is their sum as shown.

    Examples:
        >>> from commercekit.money import Money
        >>> def usd(amount): return Money(amount, "USD")
        >>> cycle = cash_conversion_cycle_from_figures(
        ...     usd("3000000"), usd("30000000"), receivables=usd("6000000"),
        ...     credit_sales=usd("40000000"), payables=usd("2800000"), days=365)
        >>> cycle.days_of_inventory, cycle.days_sales_outstanding
        (Decimal('36.5000'), Decimal('54.7500'))
        >>> cycle.days_payables_outstanding, cycle.cash_conversion_cycle
        (Decimal('34.0667'), Decimal('57.1833'))
    """
    stock, held = _stock(inventory)
    cost = amount(cost_of_goods_sold, "cost_of_goods_sold")
    owed_to_us = amount(receivables, "receivables")
    sales = amount(credit_sales, "credit_sales")
    owed = amount(payables, "payables")
    bought = None if purchases is None else amount(purchases, "purchases")
    one_currency(
        stock, cost, owed_to_us, sales, owed, *([bought] if bought is not None else [])
    )
    period = count(days, "days", positive=True)
    flow = ("purchases", bought) if bought is not None else ("cost_of_goods_sold", cost)
    dio = _days(("inventory", stock), ("cost_of_goods_sold", cost), period)
    dso = days_outstanding(("receivables", owed_to_us), ("credit_sales", sales), period)
    dpo = days_outstanding(("payables", owed), flow, period)
    basis = "purchases (CFA)" if bought is not None else "cost of goods sold (OpenStax)"
    cycle = EXACT.subtract(EXACT.add(dio, dso), dpo)
    dso_said = f"receivables {owed_to_us} / credit sales {sales} x {period} = {dso}"
    if not sales.amount:
        dso_said = f"{dso}: no credit sales and no receivables (paid at checkout)"
    dpo_said = f"payables {owed} / {basis} {flow[1]} x {period} = {dpo}"
    if not flow[1].amount:
        dpo_said = f"{dpo}: no {basis} and no payables"
    return CashConversionCycle(
        days_of_inventory=dio,
        days_sales_outstanding=dso,
        days_payables_outstanding=dpo,
        why=(
            f"DIO = {held} {stock} / cost of goods sold {cost} x {period} = {dio}; "
            f"DSO = {dso_said}; DPO = {dpo_said}; "
            f"cash conversion cycle = {dio} + {dso} - {dpo} = {cycle} days"
        ),
    )
