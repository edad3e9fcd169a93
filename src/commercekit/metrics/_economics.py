"""Unit economics: margins, break-even, order value, conversion, acquisition, CLV."""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._checks import money_of, one_currency
from commercekit._numbers import context_free
from commercekit.errors import InvalidMetricError
from commercekit.metrics._checks import (
    amount,
    choice,
    count,
    field_text,
    listed,
    money_ratio,
    number,
    of_kind,
    ratio,
    signed_amount,
    signed_number,
)
from commercekit.money import Money, RoundingMode, sum_money

__all__ = [
    "AovBasis",
    "ContributionMargin",
    "MarginLine",
    "OrderAmounts",
    "average_order_value",
    "break_even_revenue",
    "break_even_units",
    "cac_payback_months",
    "cart_abandonment_rate",
    "contribution_by",
    "contribution_margin",
    "conversion_rate",
    "customer_acquisition_cost",
    "discounted_clv",
    "ltv_to_cac",
    "return_on_ad_spend",
    "simple_clv",
]


# Converters name the field they check, so a refusal says which amount to fix (attrs'
# converters are not told the field's name).


def _revenue(value: object) -> Money:
    return amount(value, "revenue")


def _discounts(value: object) -> Money:
    return amount(value, "discounts")


def _cost_of_goods(value: object) -> Money:
    return amount(value, "cost_of_goods")


def _fulfilment(value: object) -> Money:
    return amount(value, "fulfilment")


def _payment_fees(value: object) -> Money:
    return amount(value, "payment_fees")


def _returns_allowance(value: object) -> Money:
    return amount(value, "returns_allowance")


def _net_revenue(value: object) -> Money:
    return signed_amount(value, "revenue")


def _variable_costs(value: object) -> Money:
    return amount(value, "variable_costs")


def _margin(value: object) -> Money:
    return signed_amount(value, "margin")


def _ratio(value: object) -> Decimal:
    return signed_number(value, "ratio")


def _goods(value: object) -> Money:
    return amount(value, "goods")


def _shipping(value: object) -> Money:
    return amount(value, "shipping")


def _tax(value: object) -> Money:
    return amount(value, "tax")


@attrs.frozen
class MarginLine:
    """One sale's revenue and the variable costs it carries, with what it belongs to.

    ``revenue`` is net of tax and before ``discounts``; ``returns_allowance`` is the
    expected cost of returns (refunds not recovered, return shipping) set aside for
    this sale. Every amount is zero or more, in one currency.

    Examples:
        >>> from commercekit.money import Money
        >>> MarginLine("1001", "TEE", "web", Money("40", "EUR"), Money("-4", "EUR"),
        ...     Money("12", "EUR"), Money("5", "EUR"), Money("1", "EUR"), Money("0", "EUR"))
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidMetricError: discounts=Money('-4', 'EUR') must be zero ...
    """

    order: str = attrs.field(validator=field_text)
    product: str = attrs.field(validator=field_text)
    channel: str = attrs.field(validator=field_text)
    revenue: Money = attrs.field(converter=_revenue)
    discounts: Money = attrs.field(converter=_discounts)
    cost_of_goods: Money = attrs.field(converter=_cost_of_goods)
    fulfilment: Money = attrs.field(converter=_fulfilment)
    payment_fees: Money = attrs.field(converter=_payment_fees)
    returns_allowance: Money = attrs.field(converter=_returns_allowance)

    def __attrs_post_init__(self) -> None:
        one_currency(
            self.revenue,
            self.discounts,
            self.cost_of_goods,
            self.fulfilment,
            self.payment_fees,
            self.returns_allowance,
        )


def _share(margin: Money, revenue: Money) -> Decimal:
    """The margin ratio: margin over revenue, 0 when there is no revenue."""
    if not revenue.amount:
        return ratio(Fraction(0))
    return ratio(Fraction(margin.amount) / Fraction(revenue.amount))


@attrs.frozen
class ContributionMargin:
    """Contribution margin: what sales leave to pay fixed costs, and its share.

    ``revenue`` is after discounts (negative only if the discounts exceed it);
    ``margin`` is ``revenue - variable_costs`` (negative when the sales lose money) and
    ``ratio`` the margin over revenue, rounded half-even to four decimals (0 without
    revenue). Built by hand, the three must agree.
    """

    revenue: Money = attrs.field(converter=_net_revenue)
    variable_costs: Money = attrs.field(converter=_variable_costs)
    margin: Money = attrs.field(converter=_margin)
    ratio: Decimal = attrs.field(converter=_ratio)

    def __attrs_post_init__(self) -> None:
        one_currency(self.revenue, self.variable_costs, self.margin)
        expected = self.revenue - self.variable_costs
        if self.margin != expected:
            raise InvalidMetricError(
                "margin",
                self.margin,
                f"is not revenue less variable costs ({expected}); pass that difference",
            )
        share = _share(self.margin, self.revenue)
        if self.ratio != share:
            raise InvalidMetricError(
                "ratio",
                self.ratio,
                f"is not the margin over revenue rounded to four decimals ({share})",
            )


@context_free
def contribution_margin(line: MarginLine) -> ContributionMargin:
    """Contribution margin = revenue - discounts - COGS - fulfilment - fees - returns.

    The ratio is the margin over revenue after discounts (OpenStax, *Principles of
    Accounting, Volume 2: Managerial Accounting*, chapter 3, on contribution margin).

    Examples:
        >>> from commercekit.money import Money
        >>> def eur(x): return Money(x, "EUR")
        >>> line = MarginLine("1001", "TEE", "web", eur("40.00"), eur("4.00"),
        ...     eur("12.00"), eur("5.50"), eur("1.20"), eur("2.00"))
        >>> result = contribution_margin(line)
        >>> result.margin, result.ratio
        (Money('15.30', 'EUR'), Decimal('0.4250'))
    """
    return _combine([of_kind(line, MarginLine, "line")])


def _combine(lines: Sequence[MarginLine]) -> ContributionMargin:
    # Each line's amounts share one currency (checked when it was built).
    revenue = [line.revenue - line.discounts for line in lines]
    costs = [
        cost
        for line in lines
        for cost in (
            line.cost_of_goods,
            line.fulfilment,
            line.payment_fees,
            line.returns_allowance,
        )
    ]
    currency = one_currency(*revenue)
    net = sum_money(revenue, currency)
    variable = sum_money(costs, currency)
    margin = net - variable
    return ContributionMargin(net, variable, margin, _share(margin, net))


_KEYS = ("order", "product", "channel")


@context_free
def contribution_by(
    lines: Sequence[MarginLine], key: str = "product"
) -> dict[str, ContributionMargin]:
    """Contribution margin grouped by ``"order"``, ``"product"`` or ``"channel"``.

    Examples:
        >>> from commercekit.money import Money
        >>> def eur(x): return Money(x, "EUR")
        >>> zero = eur("0")
        >>> lines = [
        ...     MarginLine("1", "TEE", "web", eur("40"), zero, eur("12"), eur("5"),
        ...                zero, zero),
        ...     MarginLine("2", "TEE", "marketplace", eur("40"), zero, eur("12"), eur("5"),
        ...                eur("6"), zero),
        ... ]
        >>> {channel: m.margin for channel, m in contribution_by(lines, "channel").items()}
        {'marketplace': Money('17.00', 'EUR'), 'web': Money('23.00', 'EUR')}
    """
    if not isinstance(key, str) or key not in _KEYS:
        raise InvalidMetricError("key", key, "is not one of 'order', 'product', 'channel'")
    groups: dict[str, list[MarginLine]] = {}
    for line in listed(lines, MarginLine, "lines"):
        groups.setdefault(getattr(line, key), []).append(line)
    return {name: _combine(group) for name, group in sorted(groups.items())}


def _unit_margin(price: Money, variable_cost: Money) -> Money:
    one_currency(price, variable_cost)
    margin = price - variable_cost
    if margin.amount <= 0:
        raise InvalidMetricError(
            "price",
            price,
            f"does not exceed the variable cost {variable_cost}: no volume breaks even",
        )
    return margin


@context_free
def break_even_units(fixed_costs: Money, price: Money, variable_cost: Money) -> int:
    """Units that cover fixed costs: fixed costs / (price - variable cost), rounded up.

    The last unit must be whole, so the fraction rounds up: at 133.33 units the 134th
    is the first that leaves no loss (OpenStax, *Principles of Accounting, Volume 2*,
    section 3.2, break-even point in units).

    Examples:
        >>> from commercekit.money import Money
        >>> usd = lambda x: Money(x, "USD")
        >>> break_even_units(usd("20000"), usd("400"), usd("250"))
        134
    """
    fixed = amount(fixed_costs, "fixed_costs")
    unit = _unit_margin(amount(price, "price"), amount(variable_cost, "variable_cost"))
    one_currency(fixed, unit)
    return math.ceil(Fraction(fixed.amount) / Fraction(unit.amount))


@context_free
def break_even_revenue(fixed_costs: Money, price: Money, variable_cost: Money) -> Money:
    """Revenue that covers fixed costs: fixed costs / contribution margin ratio, rounded up.

    Examples:
        >>> from commercekit.money import Money
        >>> usd = lambda x: Money(x, "USD")
        >>> break_even_revenue(usd("20000"), usd("400"), usd("250"))
        Money('53333.34', 'USD')
    """
    fixed = amount(fixed_costs, "fixed_costs")
    gross = amount(price, "price")
    unit = _unit_margin(gross, amount(variable_cost, "variable_cost"))
    currency = one_currency(fixed, unit)
    exact = Fraction(fixed.amount) * Fraction(gross.amount) / Fraction(unit.amount)
    return money_of(exact, currency, RoundingMode.CEILING)


class AovBasis(enum.StrEnum):
    """Which amount of an order average order value averages."""

    GROSS = "gross"
    """Goods before discounts, without tax or shipping."""
    NET = "net"
    """Goods after discounts, without tax or shipping: what the shop keeps for goods."""
    TOTAL = "total"
    """What the buyer paid: goods after discounts, plus shipping and tax."""


@attrs.frozen
class OrderAmounts:
    """An order's amounts, enough for any AOV basis: each zero or more, in one
    currency."""

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
        raise InvalidMetricError("orders", placed, f"exceeds the {visits} sessions")
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
        raise InvalidMetricError("orders_completed", done, f"exceeds the {carts} carts")
    return ratio(1 - Fraction(done, carts))


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
