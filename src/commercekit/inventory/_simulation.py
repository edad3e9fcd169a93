"""Simulating a policy: a seeded Monte-Carlo run of a shelf, period after period.

The service-level formulas promise a cycle service level or a fill rate on the strength of
a normal approximation of lead-time demand. [`simulate`][commercekit.inventory.simulate]
checks the promise: it draws demand and lead times from one ``random.Random(seed)``,
applies the policy, and counts what the shelf actually did. The same seed gives the same
run; nothing else (no clock, no global random state) enters it.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import RANGE, context_free, named_at_the_door, out_of_range
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._demand import DemandProfile, LeadTime, check_demand
from commercekit.inventory._draws import DemandDistribution, draw_demand
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
from commercekit.inventory._policies import OrderUpToPolicy, Policy, expects_no_demand
from commercekit.inventory._service import Shortfall
from commercekit.inventory._shelf import (
    Shelf,
    order_quantity,
    reorder_trigger,
    run_period,
)

__all__ = ["MAX_PERIODS", "Simulation", "simulate"]

MAX_PERIODS = 50_000
"""The most periods one ``simulate`` call runs (over 130 years of days)."""


def _series(_: object, attribute: Field, value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidInventoryError.refused(
            attribute.name, value, "is not a tuple of units", kind=InputKind.LIST
        )
    for count in value:
        units(count, attribute.name)


def _shortfall(value: object) -> Shortfall:
    return choice(value, Shortfall, "shortfall")


@named_at_the_door
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
    * ``shortfall``: what became of the units short, backordered or lost, as the run
      was told (so that [`simulation_costs`][commercekit.inventory.simulation_costs]
      prices only lost units as lost margin); backordered, as ``simulate``'s default,
      when a run built by hand does not say.

    Units balance: ``served + short == demanded``, and ``initial_on_hand + received ==
    served + (short - backorders) + on_hand[-1]`` with backorders (lost sales leave
    ``backorders`` at 0 and ``short`` lost). The fractions are rounded half-even to
    ``PLACES`` decimals.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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
    shortfall: Shortfall = attrs.field(default=Shortfall.BACKORDER, converter=_shortfall)

    def __attrs_post_init__(self) -> None:
        if self.served + self.short != self.demanded:
            raise InvalidInventoryError.refused(
                "served",
                self.served,
                f"plus short ({self.short}) must equal demanded ({self.demanded})",
                kind=InputKind.COUNT,
            )
        if len(self.on_hand) != self.periods:
            raise InvalidInventoryError.refused(
                "on_hand",
                self.on_hand,
                f"must hold one count per period (periods={self.periods})",
                kind=InputKind.LIST,
            )
        if self.shortfall is Shortfall.LOST_SALES and self.backorders:
            raise InvalidInventoryError.refused(
                "backorders",
                self.backorders,
                "must be 0 when short sales are lost",
                kind=InputKind.COUNT,
            )
        for field, count, most, of in (
            ("backorders", self.backorders, self.short, "short"),
            ("stockout_cycles", self.stockout_cycles, self.cycles, "cycles"),
            ("stockout_periods", self.stockout_periods, self.periods, "periods"),
        ):
            if count > most:
                raise InvalidInventoryError.refused(
                    field, count, f"cannot exceed {of} ({most})", kind=InputKind.COUNT
                )


def _seed(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInventoryError.refused(
            "seed",
            value,
            "is not a whole number; pass an int such as 2024",
            kind=InputKind.COUNT,
        )
    if value < 0 or out_of_range(value):
        raise InvalidInventoryError.refused(
            "seed",
            value,
            f"must be zero or more, and {RANGE}; pass an int such as 2024",
            kind=InputKind.COUNT,
        )
    return value


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
    * With ``DemandProfile(0, 0)`` no demand is expected, and nothing is ordered, as
      ``reorder`` says: no unit is ever demanded, so none is owed.

    The shelf starts with ``initial_on_hand`` units (by default r + Q or S, rounded
    down or up to whole units) and nothing on order; a continuous policy checks its
    position once before the first unit of demand. All randomness comes from
    ``random.Random(seed)``: the same arguments give the same result. A run is bounded:
    at most ``MAX_PERIODS`` periods and ``MAX_ORDERS`` orders, or it is refused.

    Examples:
        >>> from commercekit.inventory import ReorderPointPolicy
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
        commercekit.errors.InvalidInventoryCountError: periods=0 must be greater than zero
    """
    trigger, full = reorder_trigger(policy)
    check_demand(demand, lead_time)
    count = units(periods, "periods", positive=True, unit="periods", maximum=MAX_PERIODS)
    draws = choice(distribution, DemandDistribution, "distribution")
    start = full if initial_on_hand is None else units(initial_on_hand, "initial_on_hand")
    # S311: a seeded simulation needs a reproducible generator, not a cryptographic one.
    rng = random.Random(_seed(seed))  # noqa: S311
    shelf = Shelf(
        rng=rng, lead_time=lead_time, shortfall=_shortfall(shortfall), on_hand=start
    )
    every = int(policy.review_period) if isinstance(policy, OrderUpToPolicy) else 0
    if expects_no_demand(demand):
        trigger, every = None, 0  # nothing is demanded, so nothing is ever due
    if trigger is not None and shelf.position <= trigger:
        shelf.order(order_quantity(policy, shelf.position), 0, Fraction(0))
    series: list[int] = []
    stockouts = 0
    for t in range(count):
        review = bool(every) and t % every == 0
        drawn = draw_demand(rng, demand, draws)
        short = run_period(shelf, policy, t, drawn, trigger=trigger, review=review)
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
        shortfall=shelf.shortfall,
    )
