"""What a simulated policy costs in money: holding the stock, and the sales it lost.

A [`Simulation`][commercekit.inventory.Simulation] counts units. Two costs turn those
counts into money, so that two policies can be compared by what they cost, not only by
the service they give:

* **holding cost**: the carrying cost of the stock on the shelf (storage, insurance,
  shrinkage, obsolescence and the cash tied up in it), a share of the unit cost per
  period per unit held: h = holding rate x unit cost (Silver, Pyke and Thomas,
  *Inventory and Production Management in Supply Chains*, 4th ed., the carrying
  charge r times the unit variable cost v). Over the run it is the units on hand at
  the end of each period, summed, times h: the average on hand x h x periods.
* **lost margin**: the margin a sale would have earned, for each unit demanded that
  found the shelf empty and went elsewhere (lost sales). A backordered unit is sold
  later, so with backorders no margin is lost; the run says which it simulated.

OpenStax's *Principles of Finance*, section 19.5 ("Inventory Management"), names the
same two: carrying costs, and stockout costs, "an opportunity cost incurred when a
customer order cannot be filled and the customer goes elsewhere".
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit import _checks
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._numbers import (
    is_cash,
    is_text,
    is_units,
    money_result,
    number,
)
from commercekit.inventory._service import Shortfall
from commercekit.inventory._simulation import Simulation
from commercekit.money import Money

__all__ = ["SimulationCosts", "simulation_costs"]


@named_at_the_door
@attrs.frozen
class SimulationCosts:
    """A simulated run in money: stock value carried, holding cost, margin lost.

    ``average_stock_value`` is the average units on hand x the unit cost;
    ``holding_cost`` covers the whole run; ``lost_margin`` is ``units_lost`` x the
    unit margin. Each is rounded once, half-up, to the currency's minor unit, and
    ``cost`` is ``holding_cost + lost_margin``.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    average_stock_value: Money = attrs.field(validator=is_cash)
    holding_cost: Money = attrs.field(validator=is_cash)
    units_lost: int = attrs.field(validator=is_units)
    lost_margin: Money = attrs.field(validator=is_cash)
    why: str = attrs.field(validator=is_text)

    def __attrs_post_init__(self) -> None:
        _checks.one_currency(self.average_stock_value, self.holding_cost, self.lost_margin)

    @property
    def cost(self) -> Money:
        """What the policy cost over the run: holding cost plus lost margin (each below
        10^18, so their sum is too, at most twice that)."""
        return self.holding_cost + self.lost_margin


def _rate(value: object) -> Decimal:
    rate = number(value, "holding_rate")
    if rate > 1:
        raise InvalidInventoryError(
            "holding_rate",
            value,
            "is a share of the unit cost per period, at most 1: write 25 % a year as "
            "Decimal('0.25'), and per day of a 365-day year as Decimal('0.25') / 365",
        )
    return rate


@context_free
def simulation_costs(
    run: Simulation, unit_cost: Money, holding_rate: object, unit_margin: Money
) -> SimulationCosts:
    """Price a simulated run: holding cost over the run, and the margin of lost sales.

    ``holding_rate`` is the carrying cost per period (the run's periods) as a share of
    the unit cost: 25 % a year is ``Decimal('0.25') / 365`` a day. The holding cost is
    the sum of the end-of-period units on hand x unit cost x holding rate; the lost
    margin is the units short x ``unit_margin`` when the run lost its short sales, and
    nothing when it backordered them (the customers waited). Every amount is in the
    unit cost's currency.

    Examples:
        >>> from commercekit.inventory import (
        ...     DemandProfile, LeadTime, ReorderPointPolicy, simulate)
        >>> run = simulate(ReorderPointPolicy(480, 1000), DemandProfile(100, 30),
        ...                LeadTime(4), 365, seed=7, shortfall="lost_sales")
        >>> costs = simulation_costs(run, Money("4.00", "EUR"), Decimal("0.25") / 365,
        ...                          unit_margin=Money("6.00", "EUR"))
        >>> costs.average_stock_value, costs.holding_cost
        (Money('2354.32', 'EUR'), Money('588.58', 'EUR'))
        >>> costs.units_lost, costs.lost_margin, costs.cost
        (15, Money('90.00', 'EUR'), Money('678.58', 'EUR'))
    """
    if not isinstance(run, Simulation):
        raise InvalidInventoryError.refused(
            "run", run, "is not a Simulation; get one from simulate()", kind=InputKind.TYPE
        )
    cost = _checks.money(unit_cost, "unit_cost", InvalidInventoryError)
    margin = _checks.money(unit_margin, "unit_margin", InvalidInventoryError)
    code = _checks.one_currency(cost, margin)
    rate = _rate(holding_rate)
    held = sum(run.on_hand)
    lost = run.short if run.shortfall is Shortfall.LOST_SALES else 0
    unit = Fraction(cost.amount)
    fix = "check the unit cost, the run's stock and the margin"
    unit_given = ("unit_cost", unit_cost, cost.amount, 1)
    average = money_result(
        unit * held / run.periods, code, "the average stock value", fix, over=(unit_given,)
    )
    holding = money_result(
        unit * held * Fraction(rate),
        code,
        "the holding cost",
        fix,
        over=(unit_given, ("holding_rate", holding_rate, rate, 1)),
    )
    lost_margin = money_result(
        Fraction(margin.amount) * lost,
        code,
        "the margin lost",
        fix,
        over=(("unit_margin", unit_margin, margin.amount, 1),),
    )
    if run.shortfall is Shortfall.LOST_SALES:
        fate = f"{lost} units lost x {margin} = {lost_margin}"
    else:
        fate = f"{run.short} units backordered and sold late: no margin lost"
    return SimulationCosts(
        average_stock_value=average,
        holding_cost=holding,
        units_lost=lost,
        lost_margin=lost_margin,
        why=(
            f"holding: {held} unit-periods on hand x {cost} x {rate:.6} a period = "
            f"{holding} over {run.periods} periods; {fate}"
        ),
    )
