"""Order quantities and replenishment policies: EOQ, newsvendor, (r, Q), (s, S), (R, S).

A policy says when to order and how much; [`reorder`][commercekit.inventory.reorder]
applies it to today's stock and says what to order now, and why.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from statistics import NormalDist

import attrs

from commercekit import _checks
from commercekit._checks import money_of, one_currency
from commercekit._numbers import EXACT, context_free
from commercekit.errors import InvalidInventoryError
from commercekit.inventory._demand import DemandProfile, LeadTime, lead_time_demand
from commercekit.inventory._numbers import (
    PLACES,
    choice,
    is_money,
    is_quantity,
    is_share,
    is_signed_quantity,
    is_signed_units,
    is_text,
    is_units,
    listed,
    number,
    probability,
    quantile,
    rounded,
    units,
)
from commercekit.inventory._service import normal_loss
from commercekit.money import Money, minor_units

__all__ = [
    "EconomicOrder",
    "MinMaxPolicy",
    "NewsvendorOrder",
    "OrderUpToPolicy",
    "PackRounding",
    "Policy",
    "ReorderDecision",
    "ReorderPointPolicy",
    "economic_order_quantity",
    "newsvendor",
    "newsvendor_quantities",
    "order_up_to_policy",
    "reorder",
    "round_to_pack",
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


@attrs.frozen
class EconomicOrder:
    """The economic order quantity and what it costs per period.

    ``ordering_cost`` (D / Q x K) and ``holding_cost`` (Q / 2 x h) are equal at the
    optimum; ``total_cost`` is their sum, sqrt(2 x K x D x h). The three costs share
    one currency.
    """

    quantity: Decimal = attrs.field(validator=is_quantity)
    orders_per_period: Decimal = attrs.field(validator=is_quantity)
    ordering_cost: Money = attrs.field(validator=is_money)
    holding_cost: Money = attrs.field(validator=is_money)
    total_cost: Money = attrs.field(validator=is_money)
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
    cents = Decimal(1).scaleb(-minor_units(currency))
    half = Money(_SQRT.divide(total, 2).quantize(cents, ROUND_HALF_UP, EXACT), currency)
    shown = quantity.quantize(_PLACES, ROUND_HALF_EVEN, EXACT)
    why = (
        f"EOQ = sqrt(2 x K x D / h) = sqrt(2 x {k} x {demand} / {h}) = {shown}; at "
        f"that quantity ordering and holding each cost {half.amount} per period"
    )
    return EconomicOrder(
        quantity=shown,
        orders_per_period=_SQRT.divide(demand, quantity).quantize(
            _PLACES, ROUND_HALF_EVEN, EXACT
        ),
        ordering_cost=half,
        holding_cost=half,
        total_cost=Money(total.quantize(cents, ROUND_HALF_UP, EXACT), currency),
        why=why,
    )


@attrs.frozen
class NewsvendorOrder:
    """A one-off buy: the critical ratio, its z, the quantity and the expected cost.

    ``z`` is negative when a unit left over costs more than a unit short.
    """

    critical_ratio: Decimal = attrs.field(validator=is_share)
    z: Decimal = attrs.field(validator=is_signed_quantity)
    quantity: Decimal = attrs.field(validator=is_quantity)
    expected_cost: Money = attrs.field(validator=is_money)
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
        raise InvalidInventoryError("demand", demand, "is not a DemandProfile")
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
        expected_cost=money_of(cost, currency),
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
            raise InvalidInventoryError("demands", demand, "is not a DemandProfile")
        result.append(rounded(max(0.0, _order_size(demand, z))))
    return tuple(result)


class PackRounding(enum.StrEnum):
    """How a quantity is rounded to a whole number of packs."""

    UP = "up"
    """Up to the next pack: never order less than needed (the default)."""
    DOWN = "down"
    """Down to a whole pack, but never below one pack: an order that is due is placed."""
    NEAREST = "nearest"
    """To the nearest pack (halves up), never below one pack."""


@context_free
def round_to_pack(
    quantity: object,
    pack_size: int = 1,
    minimum: int = 0,
    rounding: PackRounding | str = PackRounding.UP,
) -> int:
    """``quantity`` as a whole number of packs of ``pack_size``, at least ``minimum``.

    Zero stays zero (nothing to order). The minimum order is itself rounded up to whole
    packs, since a supplier sells nothing smaller.

    Examples:
        >>> round_to_pack(37, pack_size=12), round_to_pack(37, 12, rounding="down")
        (48, 36)
        >>> round_to_pack(5, pack_size=12, minimum=30)
        36
    """
    need = number(quantity, "quantity")
    pack = units(pack_size, "pack_size", positive=True)
    floor = units(minimum, "minimum")
    mode = choice(rounding, PackRounding, "rounding")
    if need == 0:
        return 0
    exact = Fraction(need) / pack
    if mode is PackRounding.UP:
        packs = math.ceil(exact)
    elif mode is PackRounding.DOWN:
        packs = math.floor(exact)
    else:
        packs = math.floor(exact + Fraction(1, 2))
    return max(packs, 1, math.ceil(Fraction(floor, pack))) * pack


def _reorder_point(value: object) -> Decimal:
    return number(value, "reorder_point")


def _minimum(value: object) -> Decimal:
    return number(value, "minimum")


def _maximum(value: object) -> Decimal:
    return number(value, "maximum")


def _order_up_to(value: object) -> Decimal:
    return number(value, "order_up_to")


def _order_quantity(value: object) -> int:
    return units(value, "order_quantity", positive=True)


def _review_period(value: object) -> Decimal:
    return number(value, "review_period", positive=True)


@attrs.frozen
class ReorderPointPolicy:
    """(r, Q): when the inventory position falls to ``reorder_point``, order ``Q``."""

    reorder_point: Decimal = attrs.field(converter=_reorder_point)
    order_quantity: int = attrs.field(converter=_order_quantity)


@attrs.frozen
class MinMaxPolicy:
    """(s, S): when the inventory position falls to ``minimum``, order up to ``maximum``."""

    minimum: Decimal = attrs.field(converter=_minimum)
    maximum: Decimal = attrs.field(converter=_maximum)

    def __attrs_post_init__(self) -> None:
        if self.maximum <= self.minimum:
            raise InvalidInventoryError(
                "maximum", self.maximum, f"must be above the minimum {self.minimum}"
            )


@attrs.frozen
class OrderUpToPolicy:
    """(R, S): every ``review_period`` periods, order up to ``order_up_to``."""

    review_period: Decimal = attrs.field(converter=_review_period)
    order_up_to: Decimal = attrs.field(converter=_order_up_to)


@context_free
def order_up_to_policy(
    demand: DemandProfile, lead_time: LeadTime, review_period: object, level: object
) -> OrderUpToPolicy:
    """The periodic-review policy (R, S) for a cycle service level.

    An order placed now must last until the next order arrives, R + L periods later, so
    S = d x (R + L) + z x sigma over R + L. With a fixed lead time that sigma is
    std_dev x sqrt(R + L); a varying lead time adds its spread as in
    [`lead_time_demand`][commercekit.inventory.lead_time_demand] (Silver, Pyke and
    Thomas, 4th ed., on periodic review; Chopra and Meindl, ch. 12).

    Examples:
        >>> policy = order_up_to_policy(DemandProfile(100, 20), LeadTime(2), 7, "0.95")
        >>> policy.order_up_to
        Decimal('998.6912')
    """
    period = number(review_period, "review_period", positive=True)
    target = probability(level, "level")
    cover = lead_time_demand(demand, lead_time, period)
    z = quantile(target)
    return OrderUpToPolicy(
        review_period=period,
        order_up_to=rounded(float(cover.mean) + z * float(cover.std_dev)),
    )


Policy = ReorderPointPolicy | MinMaxPolicy | OrderUpToPolicy


@attrs.frozen
class ReorderDecision:
    """What to order now: the quantity (0 for nothing), the inventory position, why.

    The position is below zero when more is owed to customers than is held and on order.
    """

    quantity: int = attrs.field(validator=is_units)
    inventory_position: int = attrs.field(validator=is_signed_units)
    why: str = attrs.field(validator=is_text)


@context_free
def reorder(  # stock, policy and the supplier's pack terms
    on_hand: int,
    on_order: int,
    backorders: int,
    policy: Policy,
    *,
    pack_size: int = 1,
    minimum: int = 0,
    rounding: PackRounding | str = PackRounding.UP,
) -> ReorderDecision:
    """What to order now under ``policy``, rounded to the supplier's packs and minimum.

    The inventory position is on hand + on order - backorders: stock already bought
    counts, demand already owed does not. Then:

    * (r, Q): if the position is at or below r, order the fewest multiples of Q that
      lift it above r;
    * (s, S): if it is at or below s, order S - position;
    * (R, S), called at a review: order S - position if that is above zero.

    Examples:
        >>> reorder(40, 0, 0, ReorderPointPolicy(reorder_point=50, order_quantity=120))
        ReorderDecision(quantity=120, inventory_position=40, why='...')
        >>> reorder(40, 0, 0, MinMaxPolicy(50, 200), pack_size=24).quantity
        168
    """
    stock = units(on_hand, "on_hand")
    incoming = units(on_order, "on_order")
    owed = units(backorders, "backorders")
    position = stock + incoming - owed
    seen = f"inventory position {stock} + {incoming} - {owed} = {position}"
    if isinstance(policy, ReorderPointPolicy):
        point, size = policy.reorder_point, policy.order_quantity
        if position > point:
            return ReorderDecision(0, position, f"{seen} is above r = {point}: no order")
        batches = math.floor((point - position) / size) + 1
        need: Decimal | int = batches * size
        rule = f"at or below r = {point}: {batches} x Q = {need}"
    elif isinstance(policy, MinMaxPolicy):
        if position > policy.minimum:
            return ReorderDecision(
                0, position, f"{seen} is above s = {policy.minimum}: no order"
            )
        need = policy.maximum - position
        rule = f"at or below s = {policy.minimum}: S - position = {need}"
    elif isinstance(policy, OrderUpToPolicy):
        if position >= policy.order_up_to:
            return ReorderDecision(
                0, position, f"{seen} is at or above S = {policy.order_up_to}: no order"
            )
        need = policy.order_up_to - position
        rule = f"below S = {policy.order_up_to} at this review: S - position = {need}"
    else:
        raise InvalidInventoryError(
            "policy",
            policy,
            "is not a ReorderPointPolicy, MinMaxPolicy or OrderUpToPolicy",
        )
    quantity = round_to_pack(need, pack_size, minimum, rounding)
    packed = "" if quantity == need else f", rounded to {quantity}"
    if quantity != need and pack_size > 1:
        packed += f" in packs of {pack_size}"
    if quantity != need and minimum:
        packed += f" (minimum order {minimum})"
    return ReorderDecision(quantity, position, f"{seen} is {rule}{packed}")
