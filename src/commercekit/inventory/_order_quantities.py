"""How much to order: the economic order quantity and the newsvendor quantity.

The economic order quantity balances the cost of placing orders against the cost of
holding stock, for demand that repeats; the newsvendor quantity balances the cost of a
unit short against the cost of a unit left over, for a single season or one-off buy.
When to order (the replenishment policies) lives in ``_policies``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Context, Decimal
from fractions import Fraction
from statistics import NormalDist

import attrs

from commercekit import _checks
from commercekit._beyond import ratio_beyond
from commercekit._checks import one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, MAX_MAGNITUDE, context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._demand import DemandProfile
from commercekit.inventory._numbers import (
    PLACES,
    is_cash,
    is_quantity,
    is_share,
    is_signed_quantity,
    is_text,
    listed,
    money_result,
    number,
    quantile,
    rounded,
)
from commercekit.inventory._service import normal_loss
from commercekit.money import Money

__all__ = [
    "EconomicOrder",
    "NewsvendorOrder",
    "economic_order_quantity",
    "newsvendor",
    "newsvendor_quantities",
]


_NORMAL = NormalDist()


_SQRT = Context(prec=50, rounding=ROUND_HALF_EVEN)
_PLACES = Decimal(1).scaleb(-PLACES)


def _costs(*amounts: tuple[str, object]) -> tuple[list[Money], str]:
    """Costs that are positive Money in one currency, and that currency."""
    found = [
        _checks.money(value, field, InvalidInventoryError, positive=True)
        for field, value in amounts
    ]
    return found, one_currency(*found)


@named_at_the_door
@attrs.frozen
class EconomicOrder:
    """The economic order quantity and what it costs per period.

    ``ordering_cost`` (D / Q x K) and ``holding_cost`` (Q / 2 x h) are equal at the
    optimum; ``total_cost`` is their sum, sqrt(2 x K x D x h). The three costs share
    one currency.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    quantity: Decimal = attrs.field(validator=is_quantity)
    orders_per_period: Decimal = attrs.field(validator=is_quantity)
    ordering_cost: Money = attrs.field(validator=is_cash)
    holding_cost: Money = attrs.field(validator=is_cash)
    total_cost: Money = attrs.field(validator=is_cash)
    why: str = attrs.field(validator=is_text)

    def __attrs_post_init__(self) -> None:
        one_currency(
            self.ordering_cost, self.holding_cost, self.total_cost, operation="add"
        )


@context_free
def economic_order_quantity(
    demand_rate: object, order_cost: Money, holding_cost: Money
) -> EconomicOrder:
    """The order quantity that balances ordering and holding costs: sqrt(2 x K x D / h).

    ``demand_rate`` is units per period (a year, usually); ``order_cost`` (K) is the
    fixed cost of placing one order and ``holding_cost`` (h) the cost of holding one
    unit for one period, often the unit cost times an annual carrying rate. The rule is
    Harris's (1913), as in Nahmias, *Production and Operations Analysis*, ch. 4,
    and Snyder and Shen, *Fundamentals of Supply Chain Theory*, 2nd ed., ch. 3.

    Examples:
        >>> from commercekit.money import Money
        >>> order = economic_order_quantity(3120, Money("12", "USD"), Money("0.005", "USD"))
        >>> order.quantity, order.total_cost
        (Decimal('3869.8837'), Money('19.35', 'USD'))
    """
    demand = number(demand_rate, "demand_rate", positive=True)
    (fixed, holding), currency = _costs(
        ("order_cost", order_cost), ("holding_cost", holding_cost)
    )
    # Money stays decimal: the square roots are taken to 50 significant digits, then
    # rounded once to the result's places.
    k, h = fixed.amount, holding.amount
    quantity = _SQRT.sqrt(_SQRT.divide(2 * k * demand, h))
    total = _SQRT.sqrt(2 * k * demand * h)
    per_period = _SQRT.divide(demand, quantity)
    given = {
        "demand_rate": ("demand_rate", demand_rate, demand, 2),
        "order_cost": ("order_cost", order_cost, k, 2),
        "holding_cost": ("holding_cost", holding_cost, h, 2),
    }
    for figure, makes, under in (
        (quantity, "the order quantity sqrt(2 x K x D / h)", "holding_cost"),
        (per_period, "the orders per period D / EOQ = sqrt(D x h / (2 x K))", "order_cost"),
        (total, "the cost per period sqrt(2 x K x D x h)", ""),
    ):
        if figure >= MAX_MAGNITUDE:
            over = tuple(factor for name, factor in given.items() if name != under)
            below = (given[under],) if under else ()
            raise ratio_beyond(InvalidInventoryError, makes, figure, over, below)
    fix = "check the demand rate and the two costs"
    half = money_result(Fraction(_SQRT.divide(total, 2)), currency, "holding_cost", fix)
    shown = quantity.quantize(_PLACES, ROUND_HALF_EVEN, EXACT)
    why = (
        f"EOQ = sqrt(2 x K x D / h) = sqrt(2 x {k} x {demand} / {h}) = {shown}; at "
        f"that quantity ordering and holding each cost {half.amount} per period"
    )
    return EconomicOrder(
        quantity=shown,
        orders_per_period=per_period.quantize(_PLACES, ROUND_HALF_EVEN, EXACT),
        ordering_cost=half,
        holding_cost=half,
        total_cost=money_result(Fraction(total), currency, "total_cost", fix),
        why=why,
    )


@named_at_the_door
@attrs.frozen
class NewsvendorOrder:
    """A one-off buy: the critical ratio, its z, the quantity and the expected cost.

    ``z`` is negative when a unit left over costs more than a unit short.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    critical_ratio: Decimal = attrs.field(validator=is_share)
    z: Decimal = attrs.field(validator=is_signed_quantity)
    quantity: Decimal = attrs.field(validator=is_quantity)
    expected_cost: Money = attrs.field(validator=is_cash)
    why: str = attrs.field(validator=is_text)


def _critical_z(under: Money, over: Money) -> tuple[Decimal, float]:
    """The critical ratio p / (p + h), rounded, and its z = Phi^-1(p / (p + h)).

    The ratio is exact (a Fraction) and z comes from the nearer tail, so a ratio as
    close to 1 as 0.99999999999999999 still has its z.
    """
    ratio = Fraction(under.amount) / (Fraction(under.amount) + Fraction(over.amount))
    return rounded(ratio), quantile(ratio)


def _order_size(demand: DemandProfile, z: float) -> float:
    """mean + z x std_dev, unrounded (below zero when a left-over unit costs most)."""
    return float(demand.mean) + z * float(demand.std_dev)


@context_free
def newsvendor(
    demand: DemandProfile, underage_cost: Money, overage_cost: Money
) -> NewsvendorOrder:
    """The quantity for a single season or one-off buy of normally distributed demand.

    Each unit short costs ``underage_cost`` (p: the margin lost, price - cost), each unit
    left over ``overage_cost`` (h: cost - salvage value). The best quantity covers demand
    with probability p / (p + h), the critical ratio: Q = mean + z x std_dev with
    z = Phi^-1(p / (p + h)); its expected cost is (p + h) x std_dev x phi(z) (Snyder and
    Shen, *Fundamentals of Supply Chain Theory*, 2nd ed., ch. 4; Nahmias,
    *Production and Operations Analysis*, ch. 5). When a left-over unit costs so much
    more than a lost sale that Q falls below zero, the best order is none, and the
    expected cost is that of ordering nothing.

    Examples:
        >>> from commercekit.money import Money
        >>> order = newsvendor(
        ...     DemandProfile(50, 8), Money("0.70", "USD"), Money("0.18", "USD"))
        >>> order.critical_ratio, order.quantity, order.expected_cost
        (Decimal('0.7955'), Decimal('56.6040'), Money('2.00', 'USD'))
        >>> newsvendor(
        ...     DemandProfile(5, 20), Money("0.10", "USD"), Money("0.90", "USD")).quantity
        Decimal('0.0000')
    """
    if not isinstance(demand, DemandProfile):
        raise InvalidInventoryError.refused(
            "demand", demand, "is not a DemandProfile", kind=InputKind.TYPE
        )
    (under, over), currency = _costs(
        ("underage_cost", underage_cost), ("overage_cost", overage_cost)
    )
    ratio, z = _critical_z(under, over)
    sigma = float(demand.std_dev)
    best = _order_size(demand, z)
    below_zero = best < 0
    quantity = rounded(max(0.0, best))
    shown_z = rounded(z)
    why = (
        f"critical ratio p / (p + h) = {under.amount} / ({under.amount} + "
        f"{over.amount}) = {ratio}; z = {shown_z}; "
        f"Q = {demand.mean} + z x {demand.std_dev} = {rounded(best)}"
        + (", below zero: order nothing" if below_zero else "")
    )
    p, h = float(under.amount), float(over.amount)
    if not below_zero:
        cost = (p + h) * sigma * _NORMAL.pdf(z)
    else:  # C(Q) = h x (Q - mean) + (p + h) x sigma x G((Q - mean) / sigma), at Q = 0
        mean = float(demand.mean)
        cost = -h * mean + (p + h) * sigma * normal_loss(-mean / sigma)
    return NewsvendorOrder(
        critical_ratio=ratio,
        z=shown_z,
        quantity=quantity,
        expected_cost=money_result(
            Fraction(cost), currency, "expected_cost", "check the demand and the costs"
        ),
        why=why,
    )


@context_free
def newsvendor_quantities(
    demands: Sequence[DemandProfile], underage_cost: Money, overage_cost: Money
) -> tuple[Decimal, ...]:
    """Newsvendor quantities for many SKUs sharing one cost structure, in bulk.

    The same quantities as ``newsvendor(demand, underage_cost, overage_cost).quantity``
    for each, without the explanations: the critical ratio and z are found once, and
    each SKU costs a multiply and a rounding (a seasonal collection bought at one
    margin and one markdown loss, say).

    Examples:
        >>> from commercekit.money import Money
        >>> newsvendor_quantities(
        ...     [DemandProfile(50, 8), DemandProfile(120, 30)],
        ...     Money("0.70", "USD"), Money("0.18", "USD"))
        (Decimal('56.6040'), Decimal('144.7648'))
    """
    (under, over), _ = _costs(
        ("underage_cost", underage_cost), ("overage_cost", overage_cost)
    )
    _, z = _critical_z(under, over)
    result = []
    for demand in listed(demands, "demands"):
        if not isinstance(demand, DemandProfile):
            raise InvalidInventoryError.refused(
                "demands", demand, "is not a DemandProfile", kind=InputKind.TYPE
            )
        result.append(rounded(max(0.0, _order_size(demand, z))))
    return tuple(result)
