"""One market's prices for a whole catalog, in whole minor units, step by step as
[`localize_price`][commercekit.pricing.localize_price] takes them.

Each step is one exact integer ratio over a column, rounded with the plan's mode
([`divide_rounded`][commercekit.batch._integers.divide_rounded], which equals
``round_ratio``), so a row's figures are the per-call figures, not approximations of
them. A row the per-call rule would refuse is refused here with its error, at the step
where the per-call rule stops.
"""

from __future__ import annotations

from typing import Any

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import RANGE
from commercekit.batch._catalog import Amount, Catalog
from commercekit.batch._integers import (
    LIMIT,
    divide_rounded,
    divide_whole,
    exact,
    largest,
    multiply,
)
from commercekit.batch._plan import CATEGORIES, MarketPlan
from commercekit.batch._points import above, move
from commercekit.batch._rejects import Rejections
from commercekit.batch._tables import numpy
from commercekit.errors import InvalidAmountError, UnknownCurrencyError
from commercekit.money import RoundingMode
from commercekit.tax import TaxCategory

__all__ = ["MARGIN", "MINIMUM_PRICE", "Priced", "price_market"]

MARGIN, MINIMUM_PRICE = 0, 1
"""``bound_by`` codes (-1: no floor raised the price)."""

_STANDARD = CATEGORIES.index(TaxCategory.STANDARD)


@attrs.frozen
class Priced:
    """One market's figures for the rows ``where`` (``None``: every row), in minor
    units; ``floor`` is 0 where ``has_floor`` is false, ``bound_by`` a code."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    where: Any
    converted: Any
    fee: Any
    with_tax: Any
    shown: Any
    floor: Any
    has_floor: Any
    bound_by: Any
    category: Any
    rejections: Rejections


class _Rows:
    """The catalog's rows ``where`` (``None``: all), taken once per market."""

    def __init__(self, catalog: Catalog, where: Any) -> None:
        self.catalog, self.where = catalog, where
        self.rejections = catalog.rejections.take(where)

    def __call__(self, values: Any) -> Any:
        """``values`` for these rows (a scalar stays a scalar)."""
        np = numpy()
        if self.where is None or np.ndim(values) == 0:
            return values
        return values[self.where]

    def amount(self, amount: Amount) -> tuple[Any, Any, Any]:
        """Units (0 in refused rows, so they never widen a column), scale, present."""
        np = numpy()
        present = self(amount.present) & self.rejections.accepted
        units = self(amount.units)
        if not present.all():
            units = np.where(present, units, 0)
        return units, self(amount.scale), present


def _per_row(values: list[int], index: Any) -> Any:
    """``values[index]`` for each row; one value stays a scalar (the fast path)."""
    np = numpy()
    if len(set(values)) <= 1:
        return values[0] if values else 1  # no value: no row (an empty catalog)
    table = np.array([*values, values[0]], dtype=object)  # index -1: a refused row
    if max(abs(value) for value in values) < 2**62:
        table = table.astype(np.int64)
    return table[index]


def _power(places: Any) -> Any:
    """``10^places`` for a scalar or an array of places."""
    np = numpy()
    if np.ndim(places) == 0:
        return 10 ** int(places)
    if int(np.max(places, initial=0)) < 18:
        return np.power(10, places.astype(np.int64))
    return np.array([10 ** int(p) for p in places], dtype=object)


def _most(values: Any) -> int:
    """The largest of ``values`` (an int, or an array: 1 if empty)."""
    if not numpy().ndim(values):
        return int(values)
    return int(numpy().max(values)) if len(values) else 1


def _least(values: Any) -> int:
    """The smallest of ``values`` (an int, or an array: 1 if empty)."""
    if not numpy().ndim(values):
        return int(values)
    return int(numpy().min(values)) if len(values) else 1


def _times(
    values: Any, bound: int, ratio: tuple[Any, Any], mode: RoundingMode
) -> tuple[Any, int]:
    """``values x n / d`` rounded with ``mode`` (each value zero or more and at most
    ``bound``; ``n`` and ``d`` positive ints or arrays), and a bound on the result.
    Within ``int64`` it is one multiplication and one division, unchecked: the bound
    proves they fit."""
    n, d = ratio
    if numpy().ndim(n) == numpy().ndim(d) == 0 and n == d:
        return values, bound  # the same currency: nothing to convert or round
    if values.dtype != object and 2 * (bound * _most(n) + _most(d)) < LIMIT:
        result = divide_whole(values * n, d, mode)
    else:
        result = divide_rounded(multiply(values, n), d, mode)
    return result, bound * _most(n) // _least(d) + 1


def _too_large(units: Any, bound: int, places: int) -> Any:
    """Where ``units`` (at most ``bound``) are 10^18 or more of the currency: out of
    the library's range."""
    np = numpy()
    limit = 10 ** (18 + places)
    if bound < limit:
        return False
    return np.abs(units) >= limit


_FIGURES = {
    "fee": "the conversion fee",
    "net": "the net price (converted + fee)",
    "with_tax": "the price with tax",
}


def _in_range(rows: _Rows, plan: MarketPlan, field: str, units: tuple[Any, int]) -> None:
    """Refuse the rows whose ``field`` (``units`` and their bound) is out of range, as
    ``localize_price`` refuses it."""
    rows.rejections.refuse(
        _too_large(*units, plan.places),
        field,
        InvalidAmountError,
        f"{_FIGURES[field]} in {plan.currency} is out of range: {RANGE}; "
        "check the price and the rates",
    )


def _convert(
    rows: _Rows, plan: MarketPlan, mode: RoundingMode
) -> tuple[Any, int, tuple[Any, Any]]:
    """The prices converted (and their bound), and each row's ratio ``(n, d)`` from
    its currency into minor units of the market's."""
    catalog, rejections = rows.catalog, rows.rejections
    currency = rows(catalog.currency)
    ratios = []
    for position, code in enumerate(catalog.codes):
        ratio = plan.convert.get(code)
        if ratio is None:
            ratio = (0, 1)
            if code:  # an unknown ISO code is refused already
                error = UnknownCurrencyError(code, plan.missing_rate)
                rejections.refuse(currency == position, "currency", error, str(error))
        ratios.append(ratio)
    ratio = (
        _per_row([r[0] for r in ratios], currency),
        _per_row([r[1] for r in ratios], currency),
    )
    units, scale, _ = rows.amount(catalog.price)
    converted, bound = _times(units, largest(units), _in_units(ratio, scale), mode)
    rejections.refuse(
        _too_large(converted, bound, plan.places),
        "price",
        InvalidAmountError,
        f"price converted to {plan.currency} is out of range: {RANGE}; check the rates",
    )
    return converted, bound, ratio


def _in_units(ratio: tuple[Any, Any], scale: Any) -> tuple[Any, Any]:
    """The ratio for amounts given as whole units of ``10^-scale``."""
    power, np = _power(scale), numpy()
    if np.ndim(power) == np.ndim(ratio[1]) == 0:
        return ratio[0], ratio[1] * power  # Python ints: exact at any size
    return ratio[0], multiply(ratio[1], power)


def _taxes(rows: _Rows, plan: MarketPlan) -> tuple[Any, tuple[Any, Any] | None]:
    """Each row's category index and tax factor ``(n, d)`` (``None`` without tax)."""
    category = rows.catalog.category
    category = _STANDARD if category is None else rows(category)
    if plan.taxes is None:
        return category, None
    rejections = rows.rejections
    for position, tax in enumerate(plan.taxes):
        if tax.error is not None:
            rejections.refuse(category == position, "category", tax.error, tax.message)
    if numpy().ndim(category) == 0:
        return category, plan.taxes[category].factor
    n = _per_row([tax.factor[0] for tax in plan.taxes], category)
    d = _per_row([tax.factor[1] for tax in plan.taxes], category)
    return category, (n, d)


def _margin_floor(
    rows: _Rows,
    plan: MarketPlan,
    mode: RoundingMode,
    ratio: tuple[Any, Any],
    tax: tuple[Any, Any] | None,
) -> tuple[Any, int, Any]:
    """The margin floor (cost converted, ``price_for_margin``, grossed up half-up as
    ``gross_price`` rounds by default), its bound, and where there is one."""
    np, catalog, rejections = numpy(), rows.catalog, rows.rejections
    if catalog.cost is None or catalog.margin is None:
        return None, 0, None
    ok = rejections.accepted
    has_cost = rows(catalog.cost.present) & ok
    has_margin = rows(catalog.margin.present) & ok
    for given, missing, mask in (
        ("cost", "min_margin", has_cost & ~has_margin),
        ("min_margin", "cost", has_margin & ~has_cost),
    ):
        rejections.refuse(
            mask,
            given,
            InvalidAmountError,
            f"{given} is given without {missing}: a "
            f"floor at a margin over cost needs both (argument '{given}')",
        )
    cost, scale, present = rows.amount(catalog.cost)
    local, bound = _times(cost, largest(cost), _in_units(ratio, scale), mode)
    rejections.refuse(
        present & _too_large(local, bound, plan.places),
        "cost",
        InvalidAmountError,
        f"cost converted to {plan.currency} is out of range: {RANGE}",
    )
    margin, places, _ = rows.amount(catalog.margin)
    one = 10 ** int(places)
    rejections.refuse(
        present & (margin >= one),
        "min_margin",
        InvalidAmountError,
        "min_margin is not a valid margin: it must be from 0 up to, not including, 1",
    )
    margin = one - np.where(margin >= one, 0, margin)
    net, bound = _times(local, bound, (one, margin), RoundingMode.UP)
    rejections.refuse(
        present & _too_large(net, bound, plan.places),
        "min_margin",
        InvalidAmountError,
        f"the price for min_margin over cost is out of range: {RANGE}",
    )
    if tax is not None:
        net, bound = _times(net, bound, tax, RoundingMode.HALF_UP)
    return net, bound, present & rejections.accepted


def _minimum(rows: _Rows, plan: MarketPlan) -> tuple[Any, int, Any]:
    """The minimum advertised price in minor units (on the grid: checked when read),
    its bound, and where there is one."""
    if rows.catalog.minimum is None:
        return None, 0, None
    np = numpy()
    units, scale, present = rows.amount(rows.catalog.minimum)
    up = _power(np.maximum(plan.places - scale, 0))
    down = _power(np.maximum(scale - plan.places, 0))
    minimum = multiply(units, up) // down
    return minimum, largest(minimum), present


def _floor(
    margin: tuple[Any, int, Any], minimum: tuple[Any, int, Any]
) -> tuple[Any, int, Any, Any]:
    """The higher floor (0 where none), its bound, where there is one, and which."""
    np = numpy()
    bound = max(margin[1], minimum[1])
    if margin[0] is None and minimum[0] is None:
        return None, 0, False, -1
    if minimum[0] is None:
        return margin[0], bound, margin[2], MARGIN
    if margin[0] is None:
        return minimum[0], bound, minimum[2], MINIMUM_PRICE
    floor_margin = np.where(margin[2], margin[0], 0)
    floor_minimum = np.where(minimum[2], minimum[0], 0)
    which = np.where(minimum[2] & (floor_minimum >= floor_margin), MINIMUM_PRICE, MARGIN)
    level = np.maximum(floor_margin, floor_minimum)
    return level, bound, margin[2] | minimum[2], which


def _shown(
    with_tax: tuple[Any, int],
    floor: tuple[Any, int, Any, Any],
    plan: MarketPlan,
    rejections: Rejections,
) -> tuple[Any, Any]:
    """The price shown and which floor raised it (-1: none), as ``localize_price``."""
    np = numpy()
    (value, bound), (level, floor_bound, has_floor, which) = with_tax, floor
    point = plan.point
    if point is not None and point.grid > 1:
        value, bound = _times(value, bound, (point.grid, 1), RoundingMode.UP)
        if level is not None:
            level, floor_bound = _times(
                level, floor_bound, (point.grid, 1), RoundingMode.UP
            )
    if point is not None and max(bound, floor_bound) + 2 * point.step >= LIMIT:
        value = exact(value)  # a price point above it might not fit in int64
        level = None if level is None else exact(level)
    unfloored = value if point is None else move(value, point, plan.direction)
    raised = False if level is None else has_floor & (unfloored < level)
    shown = unfloored
    if np.any(raised):
        shown = np.where(raised, level if point is None else above(level, point), shown)
    if point is None:
        return shown, np.where(raised, which, -1)
    if point.grid > 1:
        rejections.refuse(
            shown % point.grid != 0,
            "shown",
            InvalidAmountError,
            f"the price point gives a price finer than {plan.currency}'s minor unit",
        )
        shown = shown // point.grid
    rejections.refuse(
        _too_large(
            shown, (max(bound, floor_bound) + point.step) // point.grid + 1, plan.places
        ),
        "shown",
        InvalidAmountError,
        f"the price shown is out of range: {RANGE}",
    )
    return shown, np.where(raised, which, -1)


def price_market(
    catalog: Catalog, plan: MarketPlan, mode: RoundingMode, where: Any
) -> Priced:
    """The rows ``where`` (``None``: every row) of ``catalog`` priced in ``plan``'s
    market: ``localize_price``'s figures, or the row refused with its error."""
    rows = _Rows(catalog, where)
    converted, bound, ratio = _convert(rows, plan, mode)
    fee, net = 0, converted
    if plan.fee[0]:
        fee, fee_bound = _times(converted, bound, plan.fee, mode)
        bound += fee_bound
        if bound >= LIMIT:  # the sum might not fit in int64: add Python ints
            converted, fee = exact(converted), exact(fee)
        net = converted + fee
        _in_range(rows, plan, "fee", (fee, fee_bound))
        _in_range(rows, plan, "net", (net, bound))
    category, tax = _taxes(rows, plan)
    with_tax = (net, bound) if tax is None else _times(net, bound, tax, mode)
    if tax is not None:
        _in_range(rows, plan, "with_tax", with_tax)
    margin = _margin_floor(rows, plan, mode, ratio, tax)
    floor = _floor(margin, _minimum(rows, plan))
    shown, bound_by = _shown(with_tax, floor, plan, rows.rejections)
    return Priced(
        where=where,
        converted=converted,
        fee=fee,
        with_tax=with_tax[0],
        shown=shown,
        floor=0 if floor[0] is None else floor[0],
        has_floor=floor[2],
        bound_by=bound_by,
        category=category,
        rejections=rows.rejections,
    )
