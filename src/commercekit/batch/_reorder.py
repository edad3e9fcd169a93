"""Safety stock, reorder point and order quantity for every SKU (or SKU and location).

Each row equals the per-call rules composed for that row's inputs:

* ``demand = lead_time_demand(DemandProfile(demand_mean, demand_std_dev),
  LeadTime(lead_time, lead_time_std_dev), review_period)``;
* ``economic_order_quantity(demand_rate, Money(order_cost, currency),
  Money(holding_cost, currency))`` where those columns are given;
* ``safety_stock_for_cycle_service(demand, service_level)``, or
  ``safety_stock_for_fill_rate(demand, service_level, order_quantity, shortfall)``
  with the row's ``order_quantity`` (or, without that column, the economic order
  quantity).

The normal distribution's inverse and its loss function are irrational, and the
per-call rules compute them in binary floating point (``statistics.NormalDist``, and a
bisection and Newton's method for a fill rate's k) before rounding each result once,
half-even, to four decimals. The batch does not re-implement them: it asks the per-call
rules, each once per distinct combination of the inputs it reads (``_reorder_plan``:
SKU-locations that share a demand profile and lead time share one lead-time demand; a
cycle service level's reorder points come from ``reorder_points``, which finds z once
per level), so every figure is the per-call figure, to the last digit. A row the
per-call rules refuse is refused with the error they raise first.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from commercekit.batch._amounts import Amounts, read_amounts
from commercekit.batch._columns import OPTIONS, numbers, passed_through, texts
from commercekit.batch._rejects import Rejections
from commercekit.batch._reorder_plan import plan
from commercekit.batch._result import BatchResult, result
from commercekit.batch._tables import arrow, numpy, to_arrow
from commercekit.errors import InputKind, InvalidBatchError
from commercekit.inventory import (
    PLACES,
    ServiceMeasure,
    Shortfall,
)

__all__ = ["reorder_levels"]

_NUMBERS = (
    "demand_mean",
    "demand_std_dev",
    "lead_time",
    "lead_time_std_dev",
    "review_period",
    "service_level",
    "order_quantity",
    "demand_rate",
)
_COSTS = ("order_cost", "holding_cost")
_INPUTS = frozenset({*_NUMBERS, *_COSTS, *(f"{name}_minor" for name in _COSTS), "currency"})
_MADE = (
    "lead_time_demand",
    "lead_time_demand_std_dev",
    "k",
    "safety_stock",
    "reorder_point",
    "order_quantity",
)
_OPTIONAL = {"lead_time_std_dev": 0, "review_period": 0}
"""Optional columns, and the per-call default they stand for when absent
(``LeadTime(mean)`` has no spread; ``lead_time_demand`` has no review period)."""


def _costs(table: Any, rejections: Rejections) -> list[tuple[Any, ...]] | None:
    """Each row's demand rate and (currency, order cost, holding cost), or
    ``None`` if the table has no ``order_cost`` (then a fill rate needs an
    ``order_quantity``)."""
    names = table.column_names
    if not any(name in names for name in ("order_cost", "order_cost_minor")):
        return None
    # The codes are checked where the per-call rules check them, by Money(), in turn.
    codes = numpy().asarray(texts(table, "currency", rejections).to_pylist(), object)
    found = [read_amounts(table, name, codes, rejections) for name in _COSTS]
    rate = numbers(table, "demand_rate", rejections)
    assert rate is not None  # noqa: S101  # required=True
    return [
        (rate[row], (codes[row], *(_amount(cost, row) for cost in found)))
        for row in range(table.num_rows)
    ]


def _amount(amounts: Amounts | None, row: int) -> Decimal:
    """Row ``row``'s amount, exactly (``Money`` checks its range when the plan runs)."""
    assert amounts is not None  # noqa: S101  # required=True
    return Decimal(int(amounts.units[row])).scaleb(-int(amounts.scale[row]))


def _inputs(table: Any, rejections: Rejections, *, fill: bool) -> list[tuple[Any, ...]]:
    """Each row's inputs to the per-call rules, as a tuple of Python values."""
    columns: list[list[Any]] = []
    for name in _NUMBERS[:-1]:
        optional = name in _OPTIONAL or name == "order_quantity"  # None: the EOQ
        values = numbers(table, name, rejections, required=not optional)
        columns.append([_OPTIONAL.get(name)] * table.num_rows if values is None else values)
    costs = _costs(table, rejections)
    if fill and "order_quantity" not in table.column_names and costs is None:
        raise InvalidBatchError.refused(
            "order_quantity",
            table.column_names,
            "is missing: a fill rate needs each row's order quantity; give an "
            "order_quantity column, or demand_rate, order_cost, holding_cost and "
            "currency for the economic order quantity",
            kind=InputKind.LIST,
        )
    extra = [(None, None)] * table.num_rows if costs is None else costs
    return [
        (*values, *cost)
        for values, cost in zip(zip(*columns, strict=True), extra, strict=True)
    ]


def reorder_levels(
    demand: Any,
    *,
    measure: ServiceMeasure | str = ServiceMeasure.CYCLE_SERVICE_LEVEL,
    shortfall: Shortfall | str = Shortfall.BACKORDER,
) -> BatchResult:
    """Safety stock, reorder point and order quantity for every row of ``demand``.

    ``demand`` is a table (Arrow, Polars or pandas), one row per SKU or SKU and
    location, with decimal or integer columns (never floats): ``demand_mean`` and
    ``demand_std_dev`` (units per period), ``lead_time`` (periods), optional
    ``lead_time_std_dev`` and ``review_period`` (0 when absent, as per call), and
    ``service_level`` (the cycle service level, or the fill rate with
    ``measure="fill_rate"``). For the order quantity, ``order_quantity``, or
    ``demand_rate`` with the amounts ``order_cost`` and ``holding_cost`` and their
    ``currency`` for the economic order quantity (used as Q for a fill rate when no
    ``order_quantity`` is given). Other columns (``sku``, ``location``) are copied.

    The result's ``rows`` hold ``row``, the copied columns, ``lead_time_demand``
    and ``lead_time_demand_std_dev`` (sigma_L), ``k``, ``safety_stock``,
    ``reorder_point`` and ``order_quantity`` (null where neither is given), as
    ``decimal128(38, 4)`` (``order_quantity`` at a decimal ``order_quantity``
    column's own scale where that is finer), each equal to the per-call rules named in the module
    docstring; ``shortfall`` says what happens to demand short, for a fill rate.

    Raises:
        InvalidBatchError: ``demand`` is not a table, a column is missing or of the
            wrong type, or ``measure`` or ``shortfall`` is not one of its values.

    Examples:
        >>> import pyarrow as pa
        >>> from decimal import Decimal
        >>> skus = pa.table({
        ...     "sku": ["MUG", "TEE"],
        ...     "demand_mean": [2500, 100],
        ...     "demand_std_dev": [500, 20],
        ...     "lead_time": [2, 4],
        ...     "service_level": pa.array([Decimal("0.90"), Decimal("0.90")]),
        ... })
        >>> levels = reorder_levels(skus).rows
        >>> levels.select(["sku", "k", "safety_stock", "reorder_point"]).to_pylist()[0]
        {'sku': 'MUG', 'k': Decimal('1.2816'), 'safety_stock': Decimal('906.1938'), 'reorder_point': Decimal('5906.1938')}
    """  # noqa: E501  # the doctest's output is one line
    pa, np = arrow(), numpy()
    table, kind = to_arrow(demand, "demand")
    fill = OPTIONS.member(measure, ServiceMeasure, "measure") is ServiceMeasure.FILL_RATE
    short = OPTIONS.member(shortfall, Shortfall, "shortfall")
    keys = passed_through(table, _INPUTS, _MADE)
    rejections = Rejections(table.num_rows)
    figures = plan(
        _inputs(table, rejections, fill=fill), rejections, fill=fill, short=short
    )
    ok = rejections.accepted
    where = np.flatnonzero(ok)
    columns = {"row": pa.array(where, pa.int64())}
    for name in keys.column_names:
        columns[name] = keys.column(name).take(pa.array(where))
    for index, name in enumerate(_MADE):
        scale = _order_scale(table) if name == "order_quantity" else PLACES
        columns[name] = pa.array(
            [figures[row][index] for row in where.tolist()], pa.decimal128(38, scale)
        )
    return result(pa.table(columns), rejections, keys, np.arange(table.num_rows), kind)


def _order_scale(table: Any) -> int:
    """The ``order_quantity`` column's places: the rules' four (an economic order
    quantity's), or a decimal ``order_quantity`` column's own if finer, so the
    column's type depends on the input's types only, never on its values."""
    pa = arrow()
    if "order_quantity" not in table.column_names:
        return PLACES
    kind = table.schema.field("order_quantity").type
    return max(PLACES, int(kind.scale)) if pa.types.is_decimal(kind) else PLACES
