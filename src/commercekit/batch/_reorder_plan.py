"""The plan behind ``reorder_levels``: the per-call inventory rules, each asked once.

A catalog repeats itself: SKU-locations share a demand profile and lead time, classes
of SKUs share a service level, suppliers share costs. Each rule is asked once per
distinct combination of the inputs it reads, in the order the per-call composition asks
them (demand over the lead time, then the economic order quantity, then the safety
stock), so a row is refused with the error the per-call composition raises first:

* ``lead_time_demand(DemandProfile(...), LeadTime(...), review_period)`` once per
  distinct demand, lead time and review period;
* ``economic_order_quantity(...)`` once per distinct demand rate and costs;
* for a cycle service level, ``reorder_points(demands, level)`` once per distinct level
  over all the rows that share it (it finds z once, and each row costs a multiply and a
  rounding), with ``k`` from ``safety_stock_for_cycle_service`` once per level; for a
  fill rate, ``safety_stock_for_fill_rate`` once per distinct demand, rate, Q and
  shortfall (its k is solved by bisection and Newton's method, row by row).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from decimal import Decimal
from typing import Any

from commercekit._numbers import EXACT, MAX_MAGNITUDE, RANGE
from commercekit.batch._rejects import Rejections
from commercekit.batch._tables import numpy
from commercekit.errors import (
    CommerceKitError,
    InvalidInputError,
    InvalidInventoryError,
)
from commercekit.inventory import (
    DemandProfile,
    LeadTime,
    Shortfall,
    economic_order_quantity,
    lead_time_demand,
    reorder_points,
    safety_stock_for_cycle_service,
    safety_stock_for_fill_rate,
)
from commercekit.money import Money

__all__ = ["plan"]

_LIMIT = Decimal(MAX_MAGNITUDE)
"""Figures are below 10^18 in magnitude (four places: never finer than 10^-50)."""


def _once(
    keys: list[Hashable],
    compute: Callable[[Any], Any],
    rejections: Rejections,
    field: str,
) -> list[Any]:
    """``compute(key)`` for each accepted row's key, once per distinct key; a row whose
    key the rule refuses is refused with its error (``None`` in the answer), under the
    error's own field where that is one of the table's columns, else ``field``."""
    np = numpy()
    answers: dict[Hashable, Any] = {}
    found: list[Any] = [None] * len(keys)
    refused: dict[tuple[type, str], Any] = {}
    for row in np.flatnonzero(rejections.accepted).tolist():
        key = keys[row]
        if key not in answers:
            try:
                answers[key] = compute(key)
            except CommerceKitError as problem:
                answers[key] = problem
        answer = answers[key]
        if isinstance(answer, CommerceKitError):
            named = getattr(answer, "field", None)
            blamed = named if named in _COLUMN_NAMES else field
            messages = refused.setdefault(
                (type(answer), blamed), np.full(len(keys), None, object)
            )
            messages[row] = str(answer)
        else:
            found[row] = answer
    for (kind, blamed), messages in refused.items():
        rejections.refuse(messages != None, blamed, kind, messages)  # noqa: E711
    return found


_COLUMNS = {
    DemandProfile: {"mean": "demand_mean", "std_dev": "demand_std_dev"},
    LeadTime: {"mean": "lead_time", "std_dev": "lead_time_std_dev"},
}
"""The table's column behind each field of the value objects the rules are given."""
_COLUMN_NAMES = frozenset(
    {"review_period", *(name for names in _COLUMNS.values() for name in names.values())}
)


def _built(kind: type, *values: Any) -> Any:
    """``kind(*values)``; refused as the table's column (``lead_time``, not ``mean``)."""
    try:
        return kind(*values)
    except InvalidInputError as error:
        column = _COLUMNS[kind].get(error.field or "", error.field or "")
        raise InvalidInventoryError.refused(
            column, error.value, error.reason, kind=error.kind, choices=error.choices
        ) from error


def _demand(key: tuple[Any, ...]) -> Any:
    mean, spread, lead, lead_spread, review = key
    return lead_time_demand(
        _built(DemandProfile, mean, spread), _built(LeadTime, lead, lead_spread), review
    )


def _order(key: tuple[Any, Any]) -> Any:
    rate, costs = key
    if costs is None:  # the table has no costs: no economic order quantity
        return ()
    currency, fixed, holding = costs
    order = economic_order_quantity(rate, Money(fixed, currency), Money(holding, currency))
    return (order.quantity,)


def _cycle(demands: list[Any], levels: list[Any], rejections: Rejections) -> list[Any]:
    """(k, safety stock, reorder point) per accepted row for a cycle service level:
    ``reorder_points`` over each level's rows, ``k`` from one call per level."""
    np = numpy()
    rows_of: dict[Any, list[int]] = {}
    for row in np.flatnonzero(rejections.accepted).tolist():
        rows_of.setdefault(levels[row], []).append(row)
    first: list[Hashable] = [None] * len(levels)
    for level, rows in rows_of.items():
        for row in rows:
            first[row] = (level, demands[rows[0]])
    ks = _once(first, _k, rejections, "service_level")
    found: list[Any] = [None] * len(levels)
    beyond = np.zeros(len(levels), dtype=bool)
    for level, rows in rows_of.items():
        kept = [row for row in rows if rejections.accepted[row]]
        points = reorder_points([demands[row] for row in kept], level) if kept else ()
        for row, point in zip(kept, points, strict=True):
            safety = EXACT.subtract(point, demands[row].mean)  # point = mean + safety
            # SafetyStock refuses figures beyond the library's range; reorder_points,
            # which builds none, does not: the batch refuses them as the former does.
            beyond[row] = abs(safety) >= _LIMIT or abs(point) >= _LIMIT
            found[row] = (ks[row], safety, point)
    rejections.refuse(
        beyond,
        "service_level",
        InvalidInventoryError,
        f"the safety stock or reorder point is out of range: {RANGE}",
    )
    return found


def _k(key: Any) -> Any:
    level, demand = key
    return safety_stock_for_cycle_service(demand, level).k


def plan(
    rows: list[tuple[Any, ...]], rejections: Rejections, *, fill: bool, short: Shortfall
) -> list[Any]:
    """Each accepted row's figures (lead-time demand, its sigma, k, safety stock,
    reorder point, order quantity), ``None`` for the others.

    ``rows`` hold (mean, std_dev, lead time, its std_dev, review period, service level,
    order quantity, demand rate, (currency, order cost, holding cost) or ``None``).
    """
    demands = _once([row[:5] for row in rows], _demand, rejections, "demand")
    orders = _once([(row[7], row[8]) for row in rows], _order, rejections, "order_cost")
    sizes = [
        row[6] if row[6] is not None or order is None else (order or (None,))[0]
        for row, order in zip(rows, orders, strict=True)
    ]
    if fill:
        stocks = _once(
            [
                (demand, row[5], size)
                for demand, row, size in zip(demands, rows, sizes, strict=True)
            ],
            lambda key: _fill(key, short),
            rejections,
            "service_level",
        )
    else:
        stocks = _cycle(demands, [row[5] for row in rows], rejections)
    return [
        None
        if stock is None or not rejections.accepted[index]
        else (demands[index].mean, demands[index].std_dev, *stock, sizes[index])
        for index, stock in enumerate(stocks)
    ]


def _fill(key: Any, short: Shortfall) -> tuple[Any, ...]:
    demand, level, size = key
    stock = safety_stock_for_fill_rate(demand, level, size, short)
    return stock.k, stock.safety_stock, stock.reorder_point
