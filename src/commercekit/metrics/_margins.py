"""Contribution margin and break-even: what sales leave after their variable costs.

A [`MarginLine`][commercekit.metrics.MarginLine] is one sale with the variable costs it
carries; [`contribution_margin`][commercekit.metrics.contribution_margin] and
[`contribution_by`][commercekit.metrics.contribution_by] say what a sale, an order, a
product or a channel leaves to pay fixed costs, and
[`break_even_units`][commercekit.metrics.break_even_units] and
[`break_even_revenue`][commercekit.metrics.break_even_revenue] how much must be sold
for that to cover them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._checks import money_of, one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidMetricError
from commercekit.metrics._checks import (
    amount,
    field_text,
    listed,
    of_kind,
    ratio,
    signed_amount,
    signed_number,
)
from commercekit.money import Money, RoundingMode, sum_money

__all__ = [
    "ContributionMargin",
    "MarginLine",
    "break_even_revenue",
    "break_even_units",
    "contribution_by",
    "contribution_margin",
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


def _revenue_after_discounts(value: object) -> Money:
    return signed_amount(value, "revenue")


def _variable_costs(value: object) -> Money:
    return amount(value, "variable_costs")


def _margin(value: object) -> Money:
    return signed_amount(value, "margin")


def _ratio(value: object) -> Decimal:
    return signed_number(value, "ratio")


@named_at_the_door
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

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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


@named_at_the_door
@attrs.frozen
class ContributionMargin:
    """Contribution margin: what sales leave to pay fixed costs, and its share.

    ``revenue`` is after discounts (negative only if the discounts exceed it);
    ``margin`` is ``revenue - variable_costs`` (negative when the sales lose money) and
    ``ratio`` the margin over revenue, rounded half-even to four decimals (0 without
    revenue). Built by hand, the three must agree.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    revenue: Money = attrs.field(converter=_revenue_after_discounts)
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
                f"is not revenue less variable_costs ({expected}); pass that difference",
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
        raise InvalidMetricError.refused(
            "key",
            key,
            "is not one of 'order', 'product', 'channel'",
            kind=InputKind.CHOICE,
            choices=_KEYS,
        )
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
            f"does not exceed variable_cost={variable_cost}: no volume breaks even",
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
