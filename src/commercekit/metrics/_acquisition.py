"""Acquisition and lifetime value: what a customer costs to win and brings back.

[`customer_acquisition_cost`][commercekit.metrics.customer_acquisition_cost] against
[`simple_clv`][commercekit.metrics.simple_clv] or
[`discounted_clv`][commercekit.metrics.discounted_clv] (with retention and
discounting), compared by [`ltv_to_cac`][commercekit.metrics.ltv_to_cac] and
[`cac_payback_months`][commercekit.metrics.cac_payback_months]; and
[`return_on_ad_spend`][commercekit.metrics.return_on_ad_spend].
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from commercekit._checks import money_of
from commercekit._numbers import context_free
from commercekit.errors import InvalidMetricError
from commercekit.metrics._checks import amount, count, money_ratio, number, ratio
from commercekit.money import Money

__all__ = [
    "cac_payback_months",
    "customer_acquisition_cost",
    "discounted_clv",
    "ltv_to_cac",
    "return_on_ad_spend",
    "simple_clv",
]


@context_free
def customer_acquisition_cost(spend: Money, new_customers: int) -> Money:
    """CAC = sales and marketing spend in a period / customers won in it.

    Examples:
        >>> from commercekit.money import Money
        >>> customer_acquisition_cost(Money("12000", "EUR"), 300)
        Money('40.00', 'EUR')
    """
    paid = amount(spend, "spend")
    won = count(new_customers, "new_customers", positive=True)
    return money_of(Fraction(paid.amount) / won, paid.currency.code)


@context_free
def simple_clv(
    average_order_value: Money, orders_per_year: object, margin_ratio: object, years: object
) -> Money:
    """Simple CLV = AOV x orders a year x margin ratio x expected years as a customer.

    No discounting and no churn curve: a first estimate, and an upper bound on the
    discounted value.

    Examples:
        >>> from commercekit.money import Money
        >>> simple_clv(Money("60", "EUR"), 3, "0.35", 4)
        Money('252.00', 'EUR')
    """
    aov = amount(average_order_value, "average_order_value")
    frequency = number(orders_per_year, "orders_per_year")
    margin = number(margin_ratio, "margin_ratio")
    if margin > 1:
        raise InvalidMetricError("margin_ratio", margin_ratio, "is a share: 0.35, not 35")
    span = number(years, "years")
    value = Fraction(aov.amount) * Fraction(frequency) * Fraction(margin) * Fraction(span)
    return money_of(value, aov.currency.code)


@context_free
def discounted_clv(
    margin_per_period: Money, retention: object, discount_rate: object
) -> Money:
    """CLV with retention and discounting: m x r / (1 + i - r).

    m is the margin a customer brings each period (first received one period from now),
    r the share of customers retained from one period to the next, i the discount rate
    per period. The sum of m r^t / (1 + i)^t over all periods is this closed form
    (Gupta and Lehmann, "Customers as assets", *Journal of Interactive Marketing* 17(1),
    2003: the "margin multiple" r / (1 + i - r)). It converges only for r < 1 + i.

    Examples:
        >>> from commercekit.money import Money
        >>> discounted_clv(Money("100", "USD"), "0.8", "0.1")
        Money('266.67', 'USD')
    """
    margin = amount(margin_per_period, "margin_per_period")
    r = number(retention, "retention")
    i = number(discount_rate, "discount_rate")
    if r > 1:
        raise InvalidMetricError(
            "retention", retention, "is a share of customers: at most 1"
        )
    if r >= 1 + i:
        raise InvalidMetricError(
            "retention",
            retention,
            f"must be below 1 + discount_rate ({1 + i}): the value would never converge",
        )
    multiple = Fraction(r) / (1 + Fraction(i) - Fraction(r))
    return money_of(Fraction(margin.amount) * multiple, margin.currency.code)


@context_free
def ltv_to_cac(lifetime_value: Money, acquisition_cost: Money) -> Decimal:
    """LTV:CAC = lifetime value / acquisition cost (3 or more is the common rule of thumb).

    Examples:
        >>> from commercekit.money import Money
        >>> ltv_to_cac(Money("266.67", "USD"), Money("80", "USD"))
        Decimal('3.3334')
    """
    return ratio(
        money_ratio(
            ("lifetime_value", lifetime_value), ("acquisition_cost", acquisition_cost)
        )
    )


@context_free
def cac_payback_months(acquisition_cost: Money, monthly_margin: Money) -> Decimal:
    """Months to earn back acquisition: CAC / contribution margin per customer a month.

    Examples:
        >>> from commercekit.money import Money
        >>> cac_payback_months(Money("80", "EUR"), Money("12.50", "EUR"))
        Decimal('6.4000')
    """
    return ratio(
        money_ratio(
            ("acquisition_cost", acquisition_cost), ("monthly_margin", monthly_margin)
        )
    )


@context_free
def return_on_ad_spend(revenue: Money, ad_spend: Money) -> Decimal:
    """ROAS = revenue attributed to ads / ad spend.

    Examples:
        >>> from commercekit.money import Money
        >>> return_on_ad_spend(Money("5000", "EUR"), Money("1250", "EUR"))
        Decimal('4.0000')
    """
    return ratio(money_ratio(("revenue", revenue), ("ad_spend", ad_spend)))
