"""Cohorts by first-purchase month, and the cash conversion cycle."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._checks import one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidMetricError
from commercekit.metrics._checks import (
    amount,
    count,
    days_outstanding,
    field_count,
    field_day,
    field_text,
    listed,
    number,
    ratio,
    signed_number,
    year_month,
)
from commercekit.money import Money, sum_money

__all__ = [
    "Cohort",
    "Purchase",
    "cash_conversion_cycle",
    "cohorts",
    "days_payables_outstanding",
    "days_sales_outstanding",
]


def _purchase_amount(value: object) -> Money:
    return amount(value, "amount")


@named_at_the_door
@attrs.frozen
class Purchase:
    """One order: who placed it (the shop's customer id), on which day, for how much
    (zero or more)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    customer: str = attrs.field(validator=field_text)
    day: date = attrs.field(validator=field_day)
    amount: Money = attrs.field(converter=_purchase_amount)


def _month_field(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    year_month(value, attribute.name)


def _customers(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    count(value, attribute.name, positive=True)


def _repeat_rate(value: object) -> Decimal:
    return signed_number(value, "repeat_rate")


def _revenue_by_month(value: object) -> dict[str, Money]:
    if not isinstance(value, Mapping):
        raise InvalidMetricError.refused(
            "revenue_by_month",
            value,
            "is not a mapping; pass a dict of 'YYYY-MM' months to Money",
            kind=InputKind.LIST,
        )
    if not value:
        raise InvalidMetricError.refused(
            "revenue_by_month",
            value,
            "is empty; pass at least the cohort's own month",
            kind=InputKind.LIST,
        )
    spent = {
        year_month(key, "revenue_by_month"): amount(spend, "revenue_by_month")
        for key, spend in value.items()
    }
    one_currency(*spent.values())
    return dict(sorted(spent.items()))


@named_at_the_door
@attrs.frozen
class Cohort:
    """The customers whose first order fell in ``month`` (``"YYYY-MM"``), and what followed.

    ``repeat_rate`` is the share of them who ordered again (at any later time), rounded
    half-even to four decimals; ``revenue_by_month`` is what the cohort spent in each
    calendar month, from its own month on, in one currency. Built by hand, the counts
    and the rate must agree.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    month: str = attrs.field(validator=_month_field)
    customers: int = attrs.field(validator=_customers)
    repeat_customers: int = attrs.field(validator=field_count)
    repeat_rate: Decimal = attrs.field(converter=_repeat_rate)
    revenue_by_month: dict[str, Money] = attrs.field(converter=_revenue_by_month)

    def __attrs_post_init__(self) -> None:
        if self.repeat_customers > self.customers:
            raise InvalidMetricError.refused(
                "repeat_customers",
                self.repeat_customers,
                f"exceeds the cohort's {self.customers} customers",
                kind=InputKind.COUNT,
            )
        rate = ratio(Fraction(self.repeat_customers, self.customers))
        if self.repeat_rate != rate:
            raise InvalidMetricError(
                "repeat_rate",
                self.repeat_rate,
                f"is not repeat_customers / customers rounded to four decimals ({rate})",
            )
        first = next(iter(self.revenue_by_month))
        if first != self.month:
            raise InvalidMetricError.refused(
                "revenue_by_month",
                self.revenue_by_month,
                f"starts in {first}, not in the cohort's month {self.month}: its "
                "customers first ordered then",
                kind=InputKind.LIST,
            )


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@context_free
def cohorts(purchases: Sequence[Purchase]) -> tuple[Cohort, ...]:
    """Group customers by the month of their first order: repeat rate and revenue by month.

    Examples:
        >>> from datetime import date
        >>> from commercekit.money import Money
        >>> def buy(who, day, x): return Purchase(who, day, Money(x, "EUR"))
        >>> result = cohorts([
        ...     buy("ann", date(2026, 1, 5), "40"), buy("bob", date(2026, 1, 20), "25"),
        ...     buy("ann", date(2026, 2, 2), "30"), buy("cy", date(2026, 2, 9), "60"),
        ... ])
        >>> [(c.month, c.customers, c.repeat_rate) for c in result]
        [('2026-01', 2, Decimal('0.5000')), ('2026-02', 1, Decimal('0.0000'))]
        >>> result[0].revenue_by_month
        {'2026-01': Money('65.00', 'EUR'), '2026-02': Money('30.00', 'EUR')}
    """
    given = listed(purchases, Purchase, "purchases")
    currency = one_currency(*(purchase.amount for purchase in given))
    by_customer: dict[str, list[Purchase]] = {}
    for purchase in given:
        by_customer.setdefault(purchase.customer, []).append(purchase)
    members: dict[str, list[list[Purchase]]] = {}
    for history in by_customer.values():
        history.sort(key=lambda p: p.day)
        members.setdefault(_month(history[0].day), []).append(history)
    result = []
    for month, histories in sorted(members.items()):
        spend: dict[str, list[Money]] = {}
        for history in histories:
            for purchase in history:
                spend.setdefault(_month(purchase.day), []).append(purchase.amount)
        repeat = sum(len(history) > 1 for history in histories)
        result.append(
            Cohort(
                month=month,
                customers=len(histories),
                repeat_customers=repeat,
                repeat_rate=ratio(Fraction(repeat, len(histories))),
                revenue_by_month={
                    key: sum_money(values, currency)
                    for key, values in sorted(spend.items())
                },
            )
        )
    return tuple(result)


def _days_of(balance: Money, flow: Money, days: int, names: tuple[str, str]) -> Decimal:
    period = count(days, "days", positive=True)
    return days_outstanding((names[0], balance), (names[1], flow), period)


@context_free
def days_sales_outstanding(receivables: Money, revenue: Money, days: int = 365) -> Decimal:
    """DSO = average receivables / credit revenue x days: how long customers take to pay.

    A shop paid at checkout has no credit revenue and no receivables: its DSO is 0.
    Receivables above zero with no credit revenue are refused.

    Examples:
        >>> from commercekit.money import Money
        >>> days_sales_outstanding(Money("10000", "EUR"), Money("365000", "EUR"))
        Decimal('10.0000')
        >>> days_sales_outstanding(Money("0", "EUR"), Money("0", "EUR"))
        Decimal('0.0000')
    """
    return _days_of(receivables, revenue, days, ("receivables", "revenue"))


@context_free
def days_payables_outstanding(
    payables: Money, cost_of_goods_sold: Money, days: int = 365
) -> Decimal:
    """DPO = average payables / cost of goods sold x days: how long the shop takes to pay.

    No payables over no cost of goods sold is 0 days; payables above zero with no cost
    of goods sold are refused.

    Examples:
        >>> from commercekit.money import Money
        >>> days_payables_outstanding(Money("20000", "EUR"), Money("182500", "EUR"))
        Decimal('40.0000')
    """
    return _days_of(payables, cost_of_goods_sold, days, ("payables", "cost_of_goods_sold"))


@context_free
def cash_conversion_cycle(
    days_of_inventory: Decimal,
    days_sales_outstanding: Decimal,
    days_payables_outstanding: Decimal,
) -> Decimal:
    """Cash conversion cycle = DIO + DSO - DPO, in days; negative when suppliers fund sales.

    A web shop paid at checkout has a DSO near zero; paying suppliers in 60 days while
    stock turns in 30 gives a negative cycle: customers' money arrives before it is owed.

    Examples:
        >>> from decimal import Decimal
        >>> cash_conversion_cycle(Decimal("60.8333"), Decimal("2"), Decimal("40"))
        Decimal('22.8333')
    """
    dio = number(days_of_inventory, "days_of_inventory")
    dso = number(days_sales_outstanding, "days_sales_outstanding")
    dpo = number(days_payables_outstanding, "days_payables_outstanding")
    return EXACT.subtract(EXACT.add(dio, dso), dpo)
