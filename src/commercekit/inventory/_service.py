"""Service levels: safety stock and reorder points for a cycle service level or a fill rate.

Two questions a stock level answers differently:

* **Cycle service level** (type 1): the share of replenishment cycles with no stock-out.
  The reorder point covers lead-time demand with probability CSL: z = inverse of the
  standard normal distribution at CSL.
* **Fill rate** (type 2): the share of demand served from stock. Shortages per cycle are
  ESC = sigma_L x G(k), with G the standard normal loss function; with backorders the
  fill rate is 1 - ESC / Q, with lost sales it is Q / (Q + ESC).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from statistics import NormalDist

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._demand import LeadTimeDemand
from commercekit.inventory._numbers import (
    choice,
    is_probability,
    is_signed_quantity,
    is_text,
    listed,
    number,
    probability,
    quantile,
    rounded,
    signed_number,
)

__all__ = [
    "SafetyStock",
    "ServiceMeasure",
    "Shortfall",
    "cycle_service_level",
    "expected_shortage",
    "fill_rate",
    "loss_function",
    "reorder_points",
    "safety_stock_for_cycle_service",
    "safety_stock_for_fill_rate",
]

_NORMAL = NormalDist()


class ServiceMeasure(enum.StrEnum):
    """Which service level a safety stock was solved for."""

    CYCLE_SERVICE_LEVEL = "cycle_service_level"
    """Type 1: the probability of no stock-out in a replenishment cycle."""
    FILL_RATE = "fill_rate"
    """Type 2: the share of demand met from stock on hand."""


class Shortfall(enum.StrEnum):
    """What happens to demand that finds the shelf empty."""

    BACKORDER = "backorder"
    """The customer waits; the order is filled from the next delivery."""
    LOST_SALES = "lost_sales"
    """The sale is lost (typical of a web shop: the buyer goes elsewhere)."""


_SHORT = {Shortfall.BACKORDER: "backorders", Shortfall.LOST_SALES: "lost sales"}
"""How a fill rate's explanation names what happens to demand short."""


def _measure(value: object) -> ServiceMeasure:
    return choice(value, ServiceMeasure, "measure")


@named_at_the_door
@attrs.frozen
class SafetyStock:
    """A safety stock and the reorder point it gives, with the rule that set them.

    ``k`` is the safety factor (``z`` for a cycle service level): safety stock is
    k x sigma_L, and the reorder point is the mean lead-time demand plus the safety stock.
    A high fill rate with large orders can need a negative k: the orders alone serve
    almost all demand, and the safety stock (even the reorder point) is then negative.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    measure: ServiceMeasure = attrs.field(converter=_measure)
    target: Decimal = attrs.field(validator=is_probability)
    k: Decimal = attrs.field(validator=is_signed_quantity)
    safety_stock: Decimal = attrs.field(validator=is_signed_quantity)
    reorder_point: Decimal = attrs.field(validator=is_signed_quantity)
    why: str = attrs.field(validator=is_text)


def _demand(value: object, field: str = "demand") -> LeadTimeDemand:
    if not isinstance(value, LeadTimeDemand):
        raise InvalidInventoryError.refused(
            field,
            value,
            "is not a LeadTimeDemand; get one from lead_time_demand()",
            kind=InputKind.TYPE,
        )
    return value


def normal_loss(k: float) -> float:
    """G(k) in floating point (the public form rounds it: ``loss_function``)."""
    # 1 - Phi(k) is written Phi(-k): the subtraction would lose every digit beyond k = 8.
    return _NORMAL.pdf(k) - k * _NORMAL.cdf(-k)


@context_free
def loss_function(k: object) -> Decimal:
    """The standard normal loss function G(k) = phi(k) - k x (1 - Phi(k)).

    The expected number of units by which a standard normal variable exceeds ``k``
    (Silver, Pyke and Thomas, *Inventory and Production Management in Supply Chains*,
    4th ed.; Nahmias, *Production and Operations Analysis*, ch. 5, whose tables print it).

    Examples:
        >>> loss_function(0), loss_function("1.5")
        (Decimal('0.3989'), Decimal('0.0293'))
        >>> loss_function("-12345678901234567")
        Decimal('12345678901234567.0000')
    """
    number = signed_number(k, "k")
    if abs(number) >= _FAR:  # phi(k) < 1E-300: G(k) is max(-k, 0), exactly, to 4 places
        return rounded(Fraction(max(-number, Decimal(0))))
    return rounded(normal_loss(float(number)))


_FAR = 38
"""Beyond 38 standard deviations the normal density is below 1E-300, so the loss
function is computed exactly (a float would lose the digits of a large k)."""


@context_free
def safety_stock_for_cycle_service(demand: LeadTimeDemand, level: object) -> SafetyStock:
    """The safety stock for a cycle service level: z x sigma_L, z = Phi^-1(level).

    The reorder point r = mean lead-time demand + z x sigma_L is not exceeded by demand
    over the lead time in a share ``level`` of cycles (Chopra and Meindl, *Supply Chain
    Management*, ch. 12: ss = F_S^-1(CSL) x sigma_L; Nahmias, *Production and Operations
    Analysis*, ch. 5, type 1 service).

    Examples:
        >>> from commercekit.inventory import DemandProfile, LeadTime, lead_time_demand
        >>> over_lead_time = lead_time_demand(DemandProfile(2500, 500), LeadTime(2))
        >>> stock = safety_stock_for_cycle_service(over_lead_time, "0.90")
        >>> stock.k, stock.safety_stock, stock.reorder_point
        (Decimal('1.2816'), Decimal('906.1938'), Decimal('5906.1938'))
    """
    demand = _demand(demand)
    target = probability(level, "level")
    z = quantile(target)
    return _stock(
        demand,
        ServiceMeasure.CYCLE_SERVICE_LEVEL,
        target,
        z,
        f"cycle service level {target}: z = Phi^-1({target}) = {rounded(z)}",
    )


def _stock(
    demand: LeadTimeDemand, measure: ServiceMeasure, target: Decimal, k: float, why: str
) -> SafetyStock:
    """Safety stock k x sigma_L and reorder point mean + safety stock, explained."""
    safety = rounded(k * float(demand.std_dev))
    point = EXACT.add(demand.mean, safety)
    return SafetyStock(
        measure=measure,
        target=target,
        k=rounded(k),
        safety_stock=safety,
        reorder_point=point,
        why=(
            f"{why}; safety stock = k x sigma_L = {rounded(k)} x {demand.std_dev} "
            f"= {safety}; "
            f"reorder point = {demand.mean} {'-' if safety < 0 else '+'} "
            f"{safety.copy_abs()} = {point}"
        ),
    )


@context_free
def reorder_points(demands: Sequence[LeadTimeDemand], level: object) -> tuple[Decimal, ...]:
    """Reorder points for many SKUs sharing one cycle service level, in bulk.

    The same figures as ``safety_stock_for_cycle_service(demand, level).reorder_point``
    for each, without the explanations: z is found once, and each SKU costs a multiply
    and a rounding. Made for a class of SKUs with one target (see
    [`ServiceLevelTable`][commercekit.inventory.ServiceLevelTable]).

    Examples:
        >>> from commercekit.inventory import DemandProfile, LeadTime, lead_time_demand
        >>> weeks = LeadTime(2)
        >>> demands = [lead_time_demand(DemandProfile(d, 20), weeks) for d in (50, 80)]
        >>> reorder_points(demands, "0.95")
        (Decimal('146.5235'), Decimal('206.5235'))
    """
    z = quantile(probability(level, "level"))
    add = EXACT.add
    return tuple(
        add(_demand(demand, f"demands[{index}]").mean, rounded(z * float(demand.std_dev)))
        for index, demand in enumerate(listed(demands, "demands"))
    )


def _loss_target(
    fill: Decimal, quantity: Decimal, sigma: Decimal, shortfall: Shortfall
) -> float:
    """The G(k) a fill rate needs: ESC / sigma_L (exact, then one float)."""
    short = Fraction(1 - fill) * Fraction(quantity) / Fraction(sigma)
    if shortfall is Shortfall.BACKORDER:
        return float(short)  # 1 - ESC / Q = fill
    return float(short / Fraction(fill))  # Q / (Q + ESC) = fill


_HIGHEST_K = 40.0  # G(40) is below the smallest float, so every target's k lies below


def _solve_k(target: float) -> float:
    """The k with G(k) = target: bisection to a bracket, then Newton's method.

    G is convex and decreasing (G'(k) = Phi(k) - 1 = -Phi(-k) < 0), and G(k) >= -k, so
    the root lies in [-target, 40]. Bisection narrows that to a thousandth (Newton's
    steps alone would crawl towards a tiny target, about 1/k at a time); from the left
    end, where G >= target, Newton's steps then rise monotonically to the root.
    """
    low, high = -target, _HIGHEST_K
    while high - low > 1e-3 * max(1.0, abs(low)):
        middle = (low + high) / 2
        if normal_loss(middle) >= target:
            low = middle
        else:
            high = middle
    k = low
    for _ in range(200):
        slope = -_NORMAL.cdf(-k)
        if not slope:
            break
        step = (normal_loss(k) - target) / slope
        k -= step
        if abs(step) <= 1e-13 * max(1.0, abs(k)):
            break
    return k


@context_free
def safety_stock_for_fill_rate(
    demand: LeadTimeDemand,
    rate: object,
    order_quantity: object,
    shortfall: Shortfall | str = Shortfall.BACKORDER,
) -> SafetyStock:
    """The safety stock that serves a share ``rate`` of demand from stock, for orders of Q.

    Expected units short per cycle are ESC = sigma_L x G(k). With backorders the fill
    rate is 1 - ESC / Q, so G(k) = (1 - rate) x Q / sigma_L; with lost sales it is
    Q / (Q + ESC), so G(k) = (1 - rate) x Q / (rate x sigma_L). G is strictly decreasing,
    so k is solved exactly (Newton's method to machine precision), not read off a table
    (Chopra and Meindl, *Supply Chain Management*, ch. 12, fill rate and ESC; Silver, Pyke
    and Thomas, 4th ed.; Nahmias, ch. 5, type 2 service).

    Examples:
        >>> from commercekit.inventory import DemandProfile, LeadTime, lead_time_demand
        >>> over_lead_time = lead_time_demand(DemandProfile(100, 20), LeadTime(4))
        >>> stock = safety_stock_for_fill_rate(over_lead_time, "0.98", 400)
        >>> stock.k, stock.safety_stock, stock.reorder_point
        (Decimal('0.4929'), Decimal('19.7155'), Decimal('419.7155'))
    """
    demand = _demand(demand)
    target = probability(rate, "rate")
    quantity = number(order_quantity, "order_quantity", positive=True)
    shortfall = choice(shortfall, Shortfall, "shortfall")
    sigma = float(demand.std_dev)
    if sigma == 0:
        return SafetyStock(
            measure=ServiceMeasure.FILL_RATE,
            target=target,
            k=Decimal(0),
            safety_stock=Decimal(0),
            reorder_point=demand.mean,
            why="lead-time demand has no spread: the mean alone serves every order",
        )
    needed = _loss_target(target, quantity, demand.std_dev, shortfall)
    formula = (
        "(1 - rate) x Q / sigma_L"
        if shortfall is Shortfall.BACKORDER
        else "(1 - rate) x Q / (rate x sigma_L)"
    )
    k = _solve_k(needed)
    return _stock(
        demand,
        ServiceMeasure.FILL_RATE,
        target,
        k,
        f"fill rate {target} with {_SHORT[shortfall]} and Q = "
        f"{quantity}: G(k) = {formula} = {rounded(needed)}, so k = {rounded(k)}",
    )


@context_free
def cycle_service_level(reorder_point: object, demand: LeadTimeDemand) -> Decimal:
    """The cycle service level a reorder point buys: Phi((r - mean) / sigma_L).

    Examples:
        >>> from commercekit.inventory import DemandProfile, LeadTime, lead_time_demand
        >>> over_lead_time = lead_time_demand(DemandProfile(2500, 500), LeadTime(2))
        >>> cycle_service_level(5500, over_lead_time)
        Decimal('0.7602')
    """
    demand = _demand(demand)
    point = number(reorder_point, "reorder_point")
    sigma = float(demand.std_dev)
    if sigma == 0:
        return Decimal(1) if point >= demand.mean else Decimal(0)
    return rounded(_NORMAL.cdf(float(point - demand.mean) / sigma))


def _shortage(point: Decimal, demand: LeadTimeDemand) -> float:
    sigma = float(demand.std_dev)
    if sigma == 0:
        return max(0.0, float(demand.mean - point))
    return sigma * normal_loss(float(point - demand.mean) / sigma)


@context_free
def expected_shortage(reorder_point: object, demand: LeadTimeDemand) -> Decimal:
    """Expected units short per cycle: ESC = sigma_L x G((r - mean) / sigma_L).

    Demand over the lead time beyond the reorder point r goes unserved from stock (Chopra
    and Meindl, *Supply Chain Management*, ch. 12, "expected shortage per cycle").

    Examples:
        >>> from commercekit.inventory import DemandProfile, LeadTime, lead_time_demand
        >>> over_lead_time = lead_time_demand(DemandProfile(100, 20), LeadTime(4))
        >>> expected_shortage(400, over_lead_time)
        Decimal('15.9577')
    """
    demand = _demand(demand)
    return rounded(_shortage(number(reorder_point, "reorder_point"), demand))


@context_free
def fill_rate(
    reorder_point: object,
    demand: LeadTimeDemand,
    order_quantity: object,
    shortfall: Shortfall | str = Shortfall.BACKORDER,
) -> Decimal:
    """The fill rate a reorder point buys: the inverse of ``safety_stock_for_fill_rate``.

    ESC = sigma_L x G((r - mean) / sigma_L); the fill rate is 1 - ESC / Q with backorders
    (never below 0) and Q / (Q + ESC) with lost sales (Chopra and Meindl, ch. 12).

    Examples:
        >>> from commercekit.inventory import DemandProfile, LeadTime, lead_time_demand
        >>> over_lead_time = lead_time_demand(DemandProfile(100, 20), LeadTime(4))
        >>> fill_rate(400, over_lead_time, 400)
        Decimal('0.9601')
    """
    demand = _demand(demand)
    point = number(reorder_point, "reorder_point")
    quantity = float(number(order_quantity, "order_quantity", positive=True))
    shortfall = choice(shortfall, Shortfall, "shortfall")
    short = _shortage(point, demand)
    if shortfall is Shortfall.BACKORDER:
        return rounded(max(0.0, 1 - short / quantity))
    return rounded(quantity / (quantity + short))
