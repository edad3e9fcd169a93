"""A whole catalog's base prices carried into market prices: the batch path of
[`localize_price`][commercekit.pricing.localize_price].

The plan ([`plan_prices`][commercekit.batch.plan_prices]) resolves each market once;
[`localize_catalog`][commercekit.batch.localize_catalog] then prices every row of the
catalog in whole minor units, each step one exact ratio over a column.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from commercekit._numbers import EXACT
from commercekit.batch._amounts import decimal_column, repeated_text, repeated_units
from commercekit.batch._catalog import Catalog, read_catalog
from commercekit.batch._engine import Priced, price_market
from commercekit.batch._plan import MarketPlan, PricePlan
from commercekit.batch._result import BatchResult
from commercekit.batch._tables import arrow, in_kind, numpy, to_arrow
from commercekit.errors import InputKind, InvalidBatchError
from commercekit.pricing import BOUND_BY

__all__ = ["localize_catalog"]

_ALL = True  # every value of the column is valid


def _market_rows(catalog: Catalog, position: int) -> Any:
    """The rows priced in the plan's ``position``-th market (``None``: every row)."""
    if catalog.market is None:
        return None
    return numpy().flatnonzero(catalog.market == position)


def _amounts(priced: Priced, plan: MarketPlan, scale: int, ok: Any) -> dict[str, Any]:
    """The amount columns and ``bound_by`` of the accepted rows ``ok``."""
    np, pa = numpy(), arrow()
    every = bool(ok.all())
    size = int(np.count_nonzero(ok))

    def chosen(values: Any) -> Any:
        values = np.broadcast_to(values, (len(ok),))
        return values if every else values[ok]

    def amount(values: Any) -> Any:
        if np.ndim(values) == 0:  # one figure for every row (no fee): repeated
            return repeated_units(int(values) * 10 ** (scale - plan.places), scale, size)
        return decimal_column(chosen(values), plan.places, scale, _ALL)

    columns = {
        name: amount(getattr(priced, name))
        for name in ("converted", "fee", "with_tax", "shown")
    }
    if np.ndim(priced.has_floor) == 0:  # no floor in this market's rows
        columns["floor"] = pa.nulls(size, pa.decimal128(38, scale))
        columns["bound_by"] = pa.nulls(size, pa.string())
        return columns
    columns["floor"] = decimal_column(
        chosen(priced.floor), plan.places, scale, chosen(priced.has_floor)
    )
    codes = chosen(priced.bound_by).astype(np.int8)
    labels = pa.DictionaryArray.from_arrays(
        pa.array(codes, mask=codes < 0), pa.array(BOUND_BY)
    )
    columns["bound_by"] = labels.dictionary_decode()
    return columns


def _percents(priced: Priced, plan: MarketPlan, scale: int, ok: Any) -> Any:
    """The total tax percentage shown in each price (null where prices exclude tax)."""
    np, pa = numpy(), arrow()
    size = int(np.count_nonzero(ok))
    kind = pa.decimal128(38, scale)
    if plan.taxes is None:
        return pa.nulls(size, kind)
    percents = [tax.percent or Decimal(0) for tax in plan.taxes]  # 0: refused rows
    units = [int(percent.scaleb(scale, EXACT)) for percent in percents]
    if np.ndim(priced.category) == 0:  # one category: one percentage
        return repeated_units(units[priced.category], scale, size)
    return decimal_column(np.array(units)[priced.category[ok]], scale, scale, _ALL)


def _tables(
    catalog: Catalog,
    priced: Priced,
    plan: PricePlan,
    market: MarketPlan,
    shared: dict[Any, Any],
) -> tuple[Any, Any]:
    """The part's priced rows and refused rows, as Arrow tables; ``shared`` holds the
    columns the parts share (Arrow arrays are immutable): row positions, offsets."""
    np, pa = numpy(), arrow()
    where = priced.where
    if where is None and "positions" not in shared:
        shared["positions"] = np.arange(catalog.size)
    positions = shared["positions"] if where is None else where
    keys = catalog.keys if where is None else catalog.keys.take(pa.array(where))
    ok = priced.rejections.accepted
    size, every = int(np.count_nonzero(ok)), bool(ok.all())
    columns = {"row": pa.array(positions if every else positions[ok], pa.int64())}
    chosen = keys if every else keys.filter(pa.array(ok))
    columns.update({name: chosen.column(name) for name in keys.column_names})
    columns["market"] = repeated_text(market.code, size, shared)
    columns["currency"] = repeated_text(market.currency, size, shared)
    columns.update(_amounts(priced, market, plan.scale, ok))
    columns["tax_percent"] = _percents(priced, market, plan.percent_scale, ok)
    if every:  # no refusal: the keys' columns are enough
        keys = keys.slice(0, 0)
    labelled = keys.append_column("market", repeated_text(market.code, len(keys), shared))
    return pa.table(columns), priced.rejections.table(labelled, positions)


def _unplaced(catalog: Catalog, market: Any, table: Any) -> Any:
    """The long form's rows with no ``market`` of the plan (refused when read)."""
    np, pa = numpy(), arrow()
    where = np.flatnonzero(market < 0)
    keys = catalog.keys.take(pa.array(where))
    given = table.column("market").take(pa.array(where)).cast(pa.string())
    labelled = keys.append_column("market", given)
    return catalog.rejections.take(where).table(labelled, where)


def localize_catalog(
    catalog: Any, plan: PricePlan, *, keys: tuple[str, ...] | list[str] = ("sku",)
) -> BatchResult:
    """Every base price of ``catalog`` as shown in the markets of ``plan``: the batch
    path of [`localize_price`][commercekit.pricing.localize_price], row for row.

    ``catalog`` is a pyarrow Table, a Polars or a pandas DataFrame with the columns
    the page "Pricing a whole catalog" describes: the ``keys`` (passed through),
    ``price`` or ``price_minor`` with ``currency``, and optionally ``category``,
    ``cost`` (or ``cost_minor``) with ``min_margin``, and ``market`` (then each row
    is priced in that market only, and may carry ``minimum_price`` or
    ``minimum_price_minor``);
    without ``market`` each row is priced in every market of the plan.

    Returns a [`BatchResult`][commercekit.batch.BatchResult] in the catalog's kind:
    ``rows`` has ``row`` (the input row's position), the keys, ``market``,
    ``currency``, the amounts ``converted``, ``fee``, ``with_tax``, ``shown`` and
    ``floor`` (null where there is none) as ``decimal128(38, plan.scale)``,
    ``bound_by`` (``"margin"``, ``"minimum price"`` or null, as
    ``LocalizedPrice.bound_by``) and ``tax_percent`` (the total VAT/GST percentage the
    price includes, ``decimal128(38, plan.percent_scale)``; null where prices are shown
    without tax). Rows come market by market, in the catalog's order within each.
    ``rejected`` has a row for each row and market refused, with its ``market`` and the
    error ``localize_price`` raises for it. Every accepted row equals
    ``localize_price`` for the same inputs; ``len(rows) + len(rejected)`` is the number
    of rows times the markets (wide form) or the number of rows (long form).

    Raises:
        InvalidBatchError: ``catalog`` is not a table; a column is missing, of the
            wrong type (floats for amounts) or not one this function reads; ``keys``
            names no column; ``plan`` is not a ``PricePlan``; or ``minimum_price`` is
            given without a ``market`` column.

    Examples:
        >>> import pyarrow as pa
        >>> from datetime import UTC, datetime
        >>> from commercekit.money import RateTable
        >>> from commercekit.batch import plan_prices
        >>> from commercekit.pricing import CHARM_99, Market
        >>> rates = RateTable(base="EUR", rates={"USD": Decimal("1.05")},
        ...     observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC), provider="example")
        >>> us = Market("US", "USD", price_point=CHARM_99, conversion_fee=Decimal(2))
        >>> plan = plan_prices([us], rates, on=date(2026, 11, 26))
        >>> catalog = pa.table({"sku": ["TEE", "MUG"], "price_minor": [2000, -5],
        ...     "currency": ["EUR", "EUR"]})
        >>> result = localize_catalog(catalog, plan)
        >>> result.rows.select(["sku", "shown"]).to_pylist()
        [{'sku': 'TEE', 'shown': Decimal('21.99')}]
        >>> result.rejected.select(["sku", "field", "error"]).to_pylist()
        [{'sku': 'MUG', 'field': 'price', 'error': 'InvalidAmountError'}]
    """
    table, kind = to_arrow(catalog, "catalog")
    if not isinstance(plan, PricePlan):
        raise InvalidBatchError.refused(
            "plan",
            plan,
            "is not a PricePlan; make one with plan_prices()",
            kind=InputKind.TYPE,
        )
    read = read_catalog(table, plan, keys)
    priced, refused = [], []
    shared: dict[Any, Any] = {}
    for position, market in enumerate(plan.markets):
        where = _market_rows(read, position)
        part = price_market(read, market, plan.mode, where)
        rows, rejected = _tables(read, part, plan, market, shared)
        priced.append(rows)
        refused.append(rejected)
    if read.market is not None:
        refused.append(_unplaced(read, read.market, table))
    pa = arrow()
    return BatchResult(
        rows=in_kind(pa.concat_tables(priced), kind),
        rejected=in_kind(pa.concat_tables(refused), kind),
    )
