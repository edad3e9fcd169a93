"""Simulating a policy: a seeded Monte-Carlo run of a shelf, period after period.

The service-level formulas promise a cycle service level or a fill rate on the strength of
a normal approximation of lead-time demand. [`simulate`][commercekit.inventory.simulate]
checks the promise: it draws demand and lead times from one ``random.Random(seed)``,
applies the policy, and counts what the shelf actually did. The same seed gives the same
run; nothing else (no clock, no global random state) enters it.
"""

from __future__ import annotations

import enum
import heapq
import math
import random
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._numbers import RANGE, context_free, out_of_range
from commercekit.errors import InvalidInventoryError
from commercekit.inventory._demand import DemandProfile, LeadTime
from commercekit.inventory._numbers import (
    Field,
    choice,
    is_optional_share,
    is_positive_units,
    is_quantity,
    is_share,
    is_units,
    rounded,
    units,
)
from commercekit.inventory._policies import (
    MinMaxPolicy,
    OrderUpToPolicy,
    Policy,
    ReorderPointPolicy,
)
from commercekit.inventory._service import Shortfall

__all__ = ["MAX_ORDERS", "MAX_PERIODS", "DemandDistribution", "Simulation", "simulate"]

MAX_PERIODS = 50_000
"""The most periods one ``simulate`` call runs (over 130 years of days)."""

MAX_ORDERS = 20_000
"""The most orders one ``simulate`` call places: each costs work, however few periods
run (a small Q against a huge demand orders many times a period)."""


class DemandDistribution(enum.StrEnum):
    """How a simulated period's demand is drawn from a ``DemandProfile``."""

    NORMAL = "normal"
    """Normal with the profile's mean and standard deviation, rounded to whole units
    (half to even) and truncated at 0 (which lifts the mean a little when demand is
    erratic: by about 0.4 % of it at a coefficient of variation of 0.5)."""
    POISSON = "poisson"
    """Poisson with the profile's mean (its standard deviation is ignored: a Poisson
    variable's variance is its mean). Fits slow movers: a few units a period."""


def _series(_: object, attribute: Field, value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidInventoryError(attribute.name, value, "is not a tuple of units")
    for count in value:
        units(count, attribute.name)


@attrs.frozen
class Simulation:
    """What a policy did over a simulated run.

    * ``fill_rate`` (type 2 service): units served from stock on hand when demanded,
      over units demanded; 1 if nothing was demanded. A backordered unit served from a
      later delivery counts as short.
    * ``cycle_service_level`` (type 1 service): the share of replenishment cycles with no
      stock-out. A cycle runs from one delivery to the next (the first from the start of
      the run to the first delivery; the part after the last delivery is not counted). A
      cycle is a stock-out cycle if any demand in it found the shelf empty, or if it
      began with customers still waiting for backorders. ``None`` when no delivery
      ended a cycle. These follow the definitions of cycle service level and fill rate
      in Chopra and Meindl (*Supply Chain Management*, ch. 12), the type 1 and type 2
      service of Silver, Pyke and Thomas (*Inventory and Production Management in
      Supply Chains*, 4th ed.).
    * ``on_hand``: units on the shelf at the end of each period (never negative; owed
      units are in ``backorders``, not below zero), and ``average_on_hand`` its mean.
    * ``stockout_periods``: periods in which some demand went unserved from stock.

    Units balance: ``served + short == demanded``, and ``initial_on_hand + received ==
    served + (short - backorders) + on_hand[-1]`` with backorders (lost sales leave
    ``backorders`` at 0 and ``short`` lost). The fractions are rounded half-even to
    ``PLACES`` decimals.
    """

    periods: int = attrs.field(validator=is_positive_units)
    initial_on_hand: int = attrs.field(validator=is_units)
    demanded: int = attrs.field(validator=is_units)
    served: int = attrs.field(validator=is_units)
    short: int = attrs.field(validator=is_units)
    backorders: int = attrs.field(validator=is_units)
    received: int = attrs.field(validator=is_units)
    orders_placed: int = attrs.field(validator=is_units)
    cycles: int = attrs.field(validator=is_units)
    stockout_cycles: int = attrs.field(validator=is_units)
    stockout_periods: int = attrs.field(validator=is_units)
    fill_rate: Decimal = attrs.field(validator=is_share)
    cycle_service_level: Decimal | None = attrs.field(validator=is_optional_share)
    average_on_hand: Decimal = attrs.field(validator=is_quantity)
    on_hand: tuple[int, ...] = attrs.field(repr=False, validator=_series)

    def __attrs_post_init__(self) -> None:
        if self.served + self.short != self.demanded:
            raise InvalidInventoryError(
                "served",
                self.served,
                f"plus short ({self.short}) must equal demanded ({self.demanded})",
            )
        if len(self.on_hand) != self.periods:
            raise InvalidInventoryError(
                "on_hand",
                self.on_hand,
                f"must hold one count per period ({self.periods})",
            )
        for field, count, most, of in (
            ("backorders", self.backorders, self.short, "short"),
            ("stockout_cycles", self.stockout_cycles, self.cycles, "cycles"),
            ("stockout_periods", self.stockout_periods, self.periods, "periods"),
        ):
            if count > most:
                raise InvalidInventoryError(field, count, f"cannot exceed {of} ({most})")


def _seed(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInventoryError(
            "seed", value, "is not a whole number; pass an int such as 2024"
        )
    if value < 0 or out_of_range(value):
        raise InvalidInventoryError(
            "seed", value, f"must be zero or more, and {RANGE}; pass an int such as 2024"
        )
    return value


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw: Knuth's product of uniforms below a mean of 10, else PTRS.

    PTRS is the transformed rejection method with squeeze of W. Hormann, "The
    transformed rejection method for generating Poisson random variables", *Insurance:
    Mathematics and Economics* 12 (1993); its constants are the paper's.
    """
    if mean < 10:
        threshold, draws, product = math.exp(-mean), 0, rng.random()
        while product > threshold:
            draws += 1
            product *= rng.random()
        return draws
    log_mean = math.log(mean)
    scale = 0.931 + 2.53 * math.sqrt(mean)
    shape = -0.059 + 0.02483 * scale
    log_alpha = math.log(1.1239 + 1.1328 / (scale - 3.4))
    accept_at_once = 0.9277 - 3.6224 / (scale - 2)
    while True:
        centred = rng.random() - 0.5
        uniform = rng.random()
        gap = 0.5 - abs(centred)
        candidate = math.floor((2 * shape / gap + scale) * centred + mean + 0.43)
        if gap >= 0.07 and uniform <= accept_at_once:
            return candidate
        if candidate < 0 or (gap < 0.013 and uniform > gap):
            continue
        bound = math.log(uniform) + log_alpha - math.log(shape / (gap * gap) + scale)
        if bound <= -mean + candidate * log_mean - math.lgamma(candidate + 1):
            return candidate


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
class _Shelf:
    """The mutable state of one run (private: the result is the frozen ``Simulation``)."""

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
            raise InvalidInventoryError(
                "orders_placed",
                self.orders,
                f"would pass {MAX_ORDERS:,}, the most one run places; simulate fewer "
                "periods, or a policy that orders more at a time (a larger Q, or S "
                "further above s)",
            )
        mean, spread = float(self.lead_time.mean), float(self.lead_time.std_dev)
        drawn = self.rng.gauss(mean, spread) if spread else mean
        arrival = period + max(0, round(drawn))
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


def _trigger(policy: Policy) -> tuple[int | None, int]:
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
            raise InvalidInventoryError(
                "review_period",
                review,
                "must be a whole number of periods to simulate; count the review "
                "period in the demand's periods (7 days, not 1 week of 7-day demand)",
            )
        return None, math.ceil(policy.order_up_to)
    raise InvalidInventoryError(
        "policy", policy, "is not a ReorderPointPolicy, MinMaxPolicy or OrderUpToPolicy"
    )


def _quantity(policy: Policy, position: int) -> int:
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


def _draw(
    rng: random.Random, demand: DemandProfile, distribution: DemandDistribution
) -> int:
    mean, spread = float(demand.mean), float(demand.std_dev)
    if distribution is DemandDistribution.POISSON:
        return _poisson(rng, mean)
    return max(0, round(rng.gauss(mean, spread) if spread else mean))


def _period(
    shelf: _Shelf,
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
        quantity = _quantity(policy, shelf.position)
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
            quantity = _quantity(policy, shelf.position)
            shelf.order(quantity, t, Fraction(2 * done - 1, 2 * demand))
    return short


@context_free
def simulate(
    policy: Policy,
    demand: DemandProfile,
    lead_time: LeadTime,
    periods: int,
    *,
    seed: int,
    distribution: DemandDistribution | str = DemandDistribution.NORMAL,
    initial_on_hand: int | None = None,
    shortfall: Shortfall | str = Shortfall.BACKORDER,
) -> Simulation:
    """Run ``policy`` for ``periods`` periods of random demand; count the service it gives.

    Each period's demand is drawn from ``demand`` (see ``DemandDistribution``) and its
    units arrive evenly spread over the period. Each order's lead time is drawn from
    ``lead_time``: normal with its mean and standard deviation, rounded half-even to
    whole periods and at least 0, independently per order, so orders may cross. An order
    placed a fraction f into period t with a lead time of L periods lands f into period
    t + L (L = 0: at once). Demand the shelf cannot meet is backordered (served first
    from the next delivery) or lost, as ``shortfall`` says.

    * (r, Q) and (s, S) are reviewed continuously: right after the unit of demand that
      brings the inventory position (on hand + on order - backorders) to r or s, the
      policy orders what [`reorder`][commercekit.inventory.reorder] would (the fewest
      multiples of Q that lift the position above r; up to S, rounded up to whole units).
    * (R, S) is reviewed at the start of periods 0, R, 2R, ... (R a whole number of
      periods), before that period's demand.

    The shelf starts with ``initial_on_hand`` units (by default r + Q or S, rounded
    down or up to whole units) and nothing on order; a continuous policy checks its
    position once before the first unit of demand. All randomness comes from
    ``random.Random(seed)``: the same arguments give the same result. A run is bounded:
    at most ``MAX_PERIODS`` periods and ``MAX_ORDERS`` orders, or it is refused.

    Examples:
        >>> demand, lead_time = DemandProfile(100, 30), LeadTime(4)
        >>> policy = ReorderPointPolicy(reorder_point=480, order_quantity=1000)
        >>> run = simulate(policy, demand, lead_time, 365, seed=7)
        >>> run.fill_rate, run.cycle_service_level, run.orders_placed
        (Decimal('0.9996'), Decimal('0.9167'), 36)
        >>> run.on_hand[:5]
        (1388, 1273, 1180, 1089, 1017)
        >>> simulate(policy, demand, lead_time, 365, seed=7) == run
        True
        >>> simulate(policy, demand, lead_time, 0, seed=7)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidInventoryError: periods=0 must be greater than zero
    """
    trigger, full = _trigger(policy)
    if not isinstance(demand, DemandProfile):
        raise InvalidInventoryError("demand", demand, "is not a DemandProfile")
    if not isinstance(lead_time, LeadTime):
        raise InvalidInventoryError("lead_time", lead_time, "is not a LeadTime")
    count = units(periods, "periods", positive=True, unit="periods", maximum=MAX_PERIODS)
    draws = choice(distribution, DemandDistribution, "distribution")
    start = full if initial_on_hand is None else units(initial_on_hand, "initial_on_hand")
    # S311: a seeded simulation needs a reproducible generator, not a cryptographic one.
    rng = random.Random(_seed(seed))  # noqa: S311
    shelf = _Shelf(
        rng=rng,
        lead_time=lead_time,
        shortfall=choice(shortfall, Shortfall, "shortfall"),
        on_hand=start,
    )
    if trigger is not None and shelf.position <= trigger:
        shelf.order(_quantity(policy, shelf.position), 0, Fraction(0))
    series: list[int] = []
    stockouts = 0
    every = int(policy.review_period) if isinstance(policy, OrderUpToPolicy) else 0
    for t in range(count):
        review = bool(every) and t % every == 0
        drawn = _draw(rng, demand, draws)
        short = _period(shelf, policy, t, drawn, trigger=trigger, review=review)
        stockouts += short > 0
        series.append(shelf.on_hand)
    served_cycles = shelf.cycles - shelf.stockout_cycles
    return Simulation(
        periods=count,
        initial_on_hand=start,
        demanded=shelf.demanded,
        served=shelf.served,
        short=shelf.short,
        backorders=shelf.backorders,
        received=shelf.received,
        orders_placed=shelf.orders,
        cycles=shelf.cycles,
        stockout_cycles=shelf.stockout_cycles,
        stockout_periods=stockouts,
        fill_rate=rounded(
            Fraction(shelf.served, shelf.demanded) if shelf.demanded else Fraction(1)
        ),
        cycle_service_level=(
            rounded(Fraction(served_cycles, shelf.cycles)) if shelf.cycles else None
        ),
        average_on_hand=rounded(Fraction(sum(series), count)),
        on_hand=tuple(series),
    )
