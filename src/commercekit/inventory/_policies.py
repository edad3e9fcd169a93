"""Replenishment policies: (r, Q), (s, S), (R, S), and what to order today.

A policy says when to order and how much; [`reorder`][commercekit.inventory.reorder]
applies it to today's stock and says what to order now, and why, rounded to the
supplier's packs. The quantities a policy is built from (the economic order quantity,
the newsvendor quantity) live in ``_order_quantities``.
"""

from __future__ import annotations

import enum
import math
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._beyond import beyond
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import MAX_MAGNITUDE, context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidInputError, InvalidInventoryError
from commercekit.inventory._demand import DemandProfile, LeadTime, lead_time_demand
from commercekit.inventory._numbers import (
    choice,
    is_signed_units,
    is_text,
    is_units,
    number,
    probability,
    quantile,
    rounded,
    units,
)

__all__ = [
    "MinMaxPolicy",
    "OrderUpToPolicy",
    "PackRounding",
    "Policy",
    "ReorderDecision",
    "ReorderPointPolicy",
    "expects_no_demand",
    "order_up_to_policy",
    "reorder",
    "round_to_pack",
]


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


@named_at_the_door
@attrs.frozen
class ReorderPointPolicy:
    """(r, Q): when the inventory position falls to ``reorder_point``, order ``Q``."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    reorder_point: Decimal = attrs.field(converter=_reorder_point)
    order_quantity: int = attrs.field(converter=_order_quantity)


@named_at_the_door
@attrs.frozen
class MinMaxPolicy:
    """(s, S): when the inventory position falls to ``minimum``, order up to ``maximum``."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    minimum: Decimal = attrs.field(converter=_minimum)
    maximum: Decimal = attrs.field(converter=_maximum)

    def __attrs_post_init__(self) -> None:
        if self.maximum <= self.minimum:
            raise InvalidInventoryError(
                "maximum", self.maximum, f"must be above the minimum {self.minimum}"
            )


@named_at_the_door
@attrs.frozen
class OrderUpToPolicy:
    """(R, S): every ``review_period`` periods, order up to ``order_up_to``."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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
    mean, spread = float(cover.mean), float(cover.std_dev)
    order_up_to = mean + quantile(target) * spread
    if order_up_to < 0:  # a level so low that S = mean + z x sigma falls below zero
        raise beyond(
            InvalidInventoryError,
            "level",
            level,
            makes="the order-up-to level S = d x (R + L) + z x sigma",
            figure=Decimal(order_up_to),
            above=Decimal(math.erfc(mean / spread / math.sqrt(2)) / 2),  # Phi(-mean/sigma)
            outside="below zero units",
        )
    return OrderUpToPolicy(review_period=period, order_up_to=rounded(order_up_to))


Policy = ReorderPointPolicy | MinMaxPolicy | OrderUpToPolicy


@named_at_the_door
@attrs.frozen
class ReorderDecision:
    """What to order now: the quantity (0 for nothing), the inventory position, why.

    The position is below zero when more is owed to customers than is held and on order.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    quantity: int = attrs.field(validator=is_units)
    inventory_position: int = attrs.field(validator=is_signed_units)
    why: str = attrs.field(validator=is_text)


def expects_no_demand(demand: DemandProfile | None) -> bool:
    """Whether ``demand`` holds no demand at all: a mean and a standard deviation of 0.

    Then the inventory position never falls: nothing draws stock down over any lead
    time or review period. A mean of 0 with a spread above 0 (a forecast of 0 whose
    past errors were not) still expects some sales under the normal model, where
    demand below zero counts as none, so it is not this case.
    """
    return demand is not None and not demand.mean and not demand.std_dev


def _demand(value: object) -> DemandProfile | None:
    if value is not None and not isinstance(value, DemandProfile):
        raise InvalidInventoryError.refused(
            "demand",
            value,
            "is not a DemandProfile; pass the demand per period the policy was set "
            "for, or None",
            kind=InputKind.TYPE,
        )
    return value


def _due(position: int, policy: Policy) -> tuple[Decimal | int, str] | None:
    """What ``policy`` needs at ``position`` and the rule in words; None if nothing."""
    if isinstance(policy, ReorderPointPolicy):
        point, size = policy.reorder_point, policy.order_quantity
        if position > point:
            return None
        batches = math.floor((point - position) / size) + 1
        return batches * size, f"at or below r = {point}: {batches} x Q = {batches * size}"
    if isinstance(policy, MinMaxPolicy):
        if position > policy.minimum:
            return None
        need = policy.maximum - position
        return need, f"at or below s = {policy.minimum}: S - position = {need}"
    if isinstance(policy, OrderUpToPolicy):
        if position >= policy.order_up_to:
            return None
        need = policy.order_up_to - position
        return need, f"below S = {policy.order_up_to} at this review: S - position = {need}"
    raise InvalidInventoryError.refused(
        "policy",
        policy,
        "is not a ReorderPointPolicy, MinMaxPolicy or OrderUpToPolicy",
        kind=InputKind.TYPE,
    )


def _order_beyond(
    quantity: int, owed: int, pack_size: int, minimum: int, policy: Policy
) -> InvalidInputError:
    """The refusal of an order of 10^18 units or more: of ``minimum`` where the
    minimum, rounded up to whole packs, sets it; else of ``backorders``, which the
    order grows with one for one, up to a batch of Q and a pack (the bound leaves room
    for both); else of ``pack_size``, whose rounding lifted it."""
    most = (MAX_MAGNITUDE - 1) // pack_size * pack_size  # the largest order in range
    makes = "the order quantity, rounded to whole packs"
    count = InputKind.COUNT
    if quantity == math.ceil(Fraction(minimum, pack_size)) * pack_size:
        return beyond(
            InvalidInventoryError, "minimum", minimum, makes=makes, figure=quantity,
            below=most + 1, kind=count,
        )  # fmt: skip
    if owed:
        batch = policy.order_quantity if isinstance(policy, ReorderPointPolicy) else 0
        room = owed - (quantity - most) - pack_size - batch
        return beyond(
            InvalidInventoryError, "backorders", owed, makes=makes, figure=quantity,
            below=room, kind=count,
        )  # fmt: skip
    return beyond(
        InvalidInventoryError, "pack_size", pack_size, makes=makes, figure=quantity,
        below=2, kind=count,
    )  # fmt: skip


_NOTHING = {
    ReorderPointPolicy: "is above r = {0.reorder_point}: no order",
    MinMaxPolicy: "is above s = {0.minimum}: no order",
    OrderUpToPolicy: "is at or above S = {0.order_up_to}: no order",
}


@context_free
def reorder(  # stock, policy, the demand it serves and the supplier's pack terms
    on_hand: int,
    on_order: int,
    backorders: int,
    policy: Policy,
    *,
    demand: DemandProfile | None = None,
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

    "At or below" reads a position the textbooks' way: an order is due when the
    position *drops* to the reorder point or lower (Silver, Pyke and Thomas, 4th ed.,
    on the (s, Q) and (s, S) systems; Chopra and Meindl, ch. 12: an order is placed
    when inventory declines to the reorder point). A position can only drop through
    demand, so with ``demand``, the demand per period the policy was set for, given
    and holding none (``DemandProfile(0, 0)``), a position at or above 0 orders
    nothing: no demand is expected, so nothing is to be covered, even at r = 0. Only
    units customers are already owed (a position below 0) are then ordered, by the
    policy's rule. Without ``demand`` the position is read as having dropped there.

    Examples:
        >>> reorder(40, 0, 0, ReorderPointPolicy(reorder_point=50, order_quantity=120))
        ReorderDecision(quantity=120, inventory_position=40, why='...')
        >>> reorder(40, 0, 0, MinMaxPolicy(50, 200), pack_size=24).quantity
        168
        >>> print(reorder(0, 0, 0, ReorderPointPolicy(0, 50),
        ...               demand=DemandProfile(0, 0)).why)
        inventory position 0 + 0 - 0 = 0; no demand expected: nothing to order (the
        demand per period has a mean and a standard deviation of 0)
    """
    stock = units(on_hand, "on_hand")
    incoming = units(on_order, "on_order")
    owed = units(backorders, "backorders")
    idle = expects_no_demand(_demand(demand))
    position = stock + incoming - owed
    if position >= MAX_MAGNITUDE:  # on hand + on order, less backorders, under 10^18
        field, other = ("on_hand", incoming) if stock >= incoming else ("on_order", stock)
        raise beyond(
            InvalidInventoryError,
            field,
            max(stock, incoming),
            makes="the inventory position on_hand + on_order - backorders",
            figure=position,
            below=MAX_MAGNITUDE - other + owed,
            kind=InputKind.COUNT,
        )
    seen = f"inventory position {stock} + {incoming} - {owed} = {position}"
    due = _due(position, policy)
    if idle and position >= 0:
        return ReorderDecision(
            0,
            position,
            f"{seen}; no demand expected: nothing to order (the demand per period has "
            "a mean and a standard deviation of 0)",
        )
    if due is None:
        return ReorderDecision(
            0, position, f"{seen} {_NOTHING[type(policy)].format(policy)}"
        )
    need, rule = due
    if idle:
        rule += f" (no demand expected, but {-position} units are owed to customers)"
    terms = units(pack_size, "pack_size", positive=True), units(minimum, "minimum")
    if need >= MAX_MAGNITUDE:
        raise _order_beyond(math.ceil(need), owed, *terms, policy)
    quantity = round_to_pack(need, pack_size, minimum, rounding)
    if quantity >= MAX_MAGNITUDE:
        raise _order_beyond(quantity, owed, *terms, policy)
    packed = "" if quantity == need else f", rounded to {quantity}"
    if quantity != need and pack_size > 1:
        packed += f" in packs of {pack_size}"
    if quantity != need and minimum:
        packed += f" (minimum order {minimum})"
    return ReorderDecision(quantity, position, f"{seen} is {rule}{packed}")
