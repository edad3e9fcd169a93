"""One simulated shelf, period after period: deliveries, demand served, orders placed.

The shelf is the mutable state of one run of [`simulate`][commercekit.inventory.simulate]:
units on hand, backorders and orders in the pipeline, and the counts the result reports.
Within a period, demand arrives unit by unit, spread evenly over it; a delivery lands
between two units, and a continuously reviewed policy orders right after the unit that
brings its inventory position to the trigger.
"""

from __future__ import annotations

import heapq
import math
import random
from fractions import Fraction

import attrs

from commercekit._methods import attrs_repr
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._demand import LeadTime
from commercekit.inventory._draws import draw_lead_time
from commercekit.inventory._policies import (
    MinMaxPolicy,
    OrderUpToPolicy,
    Policy,
    ReorderPointPolicy,
)
from commercekit.inventory._service import Shortfall

__all__ = ["MAX_ORDERS", "Shelf", "order_quantity", "reorder_trigger", "run_period"]

MAX_ORDERS = 20_000
"""The most orders one ``simulate`` call places: each costs work, however few periods
run (a small Q against a huge demand orders many times a period)."""


def _before(fraction: Fraction, demand: int) -> int:
    """How many of a period's ``demand`` units come before a delivery at ``fraction``.

    The period's units arrive evenly spread: unit i at (i + 1/2) / demand of the way
    through it. A delivery at or before a unit's moment is on the shelf for it.
    """
    # ceil(n / d x demand - 1/2) = ceil((2 x n x demand - d) / 2d), in whole numbers:
    # this runs for every delivery and every unit of demand served, so no Fractions.
    top, bottom = fraction.numerator, fraction.denominator
    return max(0, -((bottom - 2 * top * demand) // (2 * bottom)))


@attrs.define
class Shelf:
    """The mutable state of one run (private: the result is the frozen ``Simulation``)."""

    __repr__ = attrs_repr
    rng: random.Random
    lead_time: LeadTime
    shortfall: Shortfall
    on_hand: int
    backorders: int = 0
    on_order: int = 0
    pipeline: list[tuple[int, Fraction, int, int]] = attrs.Factory(list)
    demanded: int = 0
    served: int = 0
    short: int = 0
    received: int = 0
    orders: int = 0
    cycles: int = 0
    stockout_cycles: int = 0
    cycle_short: bool = False

    @property
    def position(self) -> int:
        return self.on_hand + self.on_order - self.backorders

    def order(self, quantity: int, period: int, fraction: Fraction) -> None:
        if self.orders >= MAX_ORDERS:
            raise InvalidInventoryError.refused(
                "orders_placed",
                self.orders,
                f"would pass {MAX_ORDERS:,}, the most one run places; simulate fewer "
                "periods, or a policy that orders more at a time (a larger Q, or S "
                "further above s)",
                kind=InputKind.COUNT,
            )
        arrival = period + draw_lead_time(self.rng, self.lead_time)
        # Each order draws its own lead time, so a later order may overtake an earlier
        # one (orders cross), as the independent lead times of the formulas assume.
        heapq.heappush(self.pipeline, (arrival, fraction, self.orders, quantity))
        self.on_order += quantity
        self.orders += 1

    def receive(self, period: int, served_so_far: int, demand: int) -> None:
        """Put away every delivery due before unit ``served_so_far`` of this period."""
        while self.pipeline and (
            self.pipeline[0][0] < period
            or (
                self.pipeline[0][0] == period
                and _before(self.pipeline[0][1], demand) <= served_so_far
            )
        ):
            quantity = heapq.heappop(self.pipeline)[3]
            self.on_order -= quantity
            self.received += quantity
            owed = min(quantity, self.backorders)
            self.backorders -= owed
            self.on_hand += quantity - owed
            self.cycles += 1
            self.stockout_cycles += self.cycle_short
            self.cycle_short = self.backorders > 0

    def next_delivery(self, period: int, demand: int) -> int:
        """The unit of this period before which the next delivery lands (or ``demand``)."""
        if self.pipeline and self.pipeline[0][0] == period:
            return _before(self.pipeline[0][1], demand)
        return demand

    def serve(self, count: int) -> int:
        """Serve ``count`` units of demand from the shelf; return how many were short."""
        served = min(count, self.on_hand)
        self.on_hand -= served
        short = count - served
        if self.shortfall is Shortfall.BACKORDER:
            self.backorders += short
        self.demanded += count
        self.served += served
        self.short += short
        self.cycle_short = self.cycle_short or short > 0
        return short


def reorder_trigger(policy: Policy) -> tuple[int | None, int]:
    """The position at or below which a continuous policy orders, and a full shelf.

    Positions are whole units, so position <= r is position <= floor(r); an order up to
    S must be whole, so it goes up to ceil(S) (as ``reorder`` rounds up to whole units).
    """
    if isinstance(policy, ReorderPointPolicy):
        point = math.floor(policy.reorder_point)
        return point, point + policy.order_quantity
    if isinstance(policy, MinMaxPolicy):
        return math.floor(policy.minimum), math.ceil(policy.maximum)
    if isinstance(policy, OrderUpToPolicy):
        review = policy.review_period
        if review != review.to_integral_value():
            raise InvalidInventoryError.refused(
                "review_period",
                review,
                "must be a whole number of periods to simulate; count the review "
                "period in the demand's periods (7 days, not 1 week of 7-day demand)",
                kind=InputKind.COUNT,
            )
        return None, math.ceil(policy.order_up_to)
    raise InvalidInventoryError.refused(
        "policy",
        policy,
        "is not a ReorderPointPolicy, MinMaxPolicy or OrderUpToPolicy",
        kind=InputKind.TYPE,
    )


def order_quantity(policy: Policy, position: int) -> int:
    """What ``policy`` orders at ``position`` (0 for nothing), as ``reorder`` would."""
    if isinstance(policy, ReorderPointPolicy):
        point = math.floor(policy.reorder_point)
        if position > point:
            return 0
        return ((point - position) // policy.order_quantity + 1) * policy.order_quantity
    if isinstance(policy, MinMaxPolicy):
        if position > policy.minimum:
            return 0
        return math.ceil(policy.maximum) - position
    return max(0, math.ceil(policy.order_up_to) - position)


def run_period(
    shelf: Shelf,
    policy: Policy,
    t: int,
    demand: int,
    *,
    trigger: int | None,
    review: bool,
) -> int:
    """Run period ``t`` with ``demand`` units; return how many were short."""
    if review:
        shelf.receive(t, 0, demand)
        quantity = order_quantity(policy, shelf.position)
        if quantity:
            shelf.order(quantity, t, Fraction(0))
    short, done = 0, 0
    while True:
        shelf.receive(t, done, demand)
        if done == demand:
            break
        # Serve up to the next delivery, or up to the unit that brings the position to
        # the trigger: continuous review orders right after it, not at the period's end.
        count = shelf.next_delivery(t, demand) - done
        if trigger is not None:
            count = min(count, shelf.position - trigger)
        short += shelf.serve(count)
        done += count
        if trigger is not None and shelf.position <= trigger:
            quantity = order_quantity(policy, shelf.position)
            shelf.order(quantity, t, Fraction(2 * done - 1, 2 * demand))
    return short
