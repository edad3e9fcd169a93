"""The batch path over a Dask DataFrame: the same batch function, partition by partition,
on one machine or on a cluster.

Each partition is turned into an Arrow table of the frame's own column types and handed to
the batch function (such as [`localize_catalog`][commercekit.batch.localize_catalog]),
exactly as a single-machine call would be; what it gives back is split into two lazy Dask
DataFrames, the rows computed and the rows refused. Nothing runs until they are computed.

Positions. A batch function numbers the rows of the table it was given from 0. Over Dask,
``row`` is the row's position in the *whole* frame, counted across partitions in order: the
partition's offset (how many rows the partitions before it hold) plus the row's place in
its partition, so ``row`` means what it would mean had the whole frame been priced on one
machine. The offsets are a chain of small sums of the partitions' sizes, each counted
where its partition is priced, so no partition is read twice.

Types. A partition's tables come back as pandas DataFrames of Arrow-backed columns
(``pandas.ArrowDtype``): decimals stay ``decimal128``, never floats. The two frames'
``meta`` (the column types Dask plans with) is what the batch function gives back for an
empty table of the frame's column types, so Dask never computes a partition to guess it,
and a bad argument (a plan of the wrong type) is refused before anything runs.

The arguments after the frame (a price plan, ...) are put in the task graph once, as one
key; each worker fetches them once, however many partitions it runs. They must pickle.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.batch._oss import oss_return
from commercekit.batch._result import BatchResult
from commercekit.batch._tables import arrow
from commercekit.batch._tax_totals import tax_totals
from commercekit.errors import InputKind, InvalidBatchError, MissingDataError

__all__ = ["DaskBatchResult", "over_dask"]

EXTRA = 'install the dask extra: pip install "commercekit[dask]"'


def _dask() -> tuple[Any, Any]:
    """dask and dask.dataframe, or the error naming the extra that brings them."""
    try:
        import dask  # noqa: PLC0415  # the optional extra, loaded when a Dask batch runs
        import dask.dataframe as dd  # noqa: PLC0415
    except ImportError:
        raise MissingDataError(
            "dask, which runs the batch path over partitions", EXTRA
        ) from None
    return dask, dd


def _is_dask_frame(frame: object) -> bool:
    kind = type(frame)
    return kind.__module__.partition(".")[0] == "dask" and kind.__name__ == "DataFrame"


def _frame(value: object, field: str) -> None:
    if not _is_dask_frame(value):
        raise InvalidBatchError.refused(
            field,
            value,
            "is not a Dask DataFrame; pass one, such as dask.dataframe.read_parquet(...)",
            kind=InputKind.TYPE,
        )


@named_at_the_door
@attrs.frozen
class DaskBatchResult:
    """What [`over_dask`][commercekit.batch.over_dask] gives back: two lazy Dask
    DataFrames, ``rows`` (the rows computed) and ``rejected`` (the rows refused), with
    the columns of a [`BatchResult`][commercekit.batch.BatchResult]'s tables as pandas
    Arrow-backed columns.

    ``row`` in both is the input row's position in the whole frame (partition offset
    plus place in the partition). Compute the two together (``compute``, or
    ``dask.compute(result.rows.to_parquet(..., compute=False),
    result.rejected.to_parquet(..., compute=False))``): computed one after the other,
    each partition would be priced twice.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    rows: Any = attrs.field(validator=lambda _, __, value: _frame(value, "rows"))
    rejected: Any = attrs.field(validator=lambda _, __, value: _frame(value, "rejected"))

    def compute(self) -> BatchResult:
        """Both frames computed in one pass on Dask's current scheduler (a
        ``distributed.Client`` if one is open), as a
        [`BatchResult`][commercekit.batch.BatchResult] of pandas DataFrames, each
        numbered from 0 (a partition's own numbering would repeat)."""
        dask, _ = _dask()
        rows, rejected = dask.compute(self.rows, self.rejected)
        return BatchResult(
            rows=rows.reset_index(drop=True), rejected=rejected.reset_index(drop=True)
        )


def over_dask(
    function: Callable[..., BatchResult], frame: Any, *arguments: Any, **keywords: Any
) -> DaskBatchResult:
    """Run the batch ``function`` over each partition of the Dask DataFrame ``frame``,
    with ``arguments`` and ``keywords`` after the table, as ``function(table,
    *arguments, **keywords)`` would on one machine.

    Row by row the result equals ``function`` on the whole frame computed into one table:
    the same rows computed, the same rows refused, the same ``row`` positions. Nothing is
    computed here except ``function`` on an empty table, which gives the result's column
    types (Dask's ``meta``) and refuses bad ``arguments`` at once.

    Raises:
        InvalidBatchError: ``function`` is not callable, gives back no
            [`BatchResult`][commercekit.batch.BatchResult], or adds rows up across the
            table ([`oss_return`][commercekit.batch.oss_return],
            [`tax_totals`][commercekit.batch.tax_totals]: run them on the rows
            computed, collected on one machine); ``frame`` is not a Dask
            DataFrame, or has a column of Python objects (whose Arrow type cannot be
            known before reading it: give it an Arrow type, see ``docs/dask.md``).
        MissingDataError: dask is not installed (the ``dask`` extra).
        CommerceKitError: whatever ``function`` raises for ``arguments`` and ``keywords``.

    Examples:
        >>> import dask, dask.dataframe as dd, pandas as pd, pyarrow as pa
        >>> from datetime import UTC, datetime
        >>> from commercekit.batch import localize_catalog, plan_prices
        >>> from commercekit.money import RateTable
        >>> from commercekit.pricing import Market
        >>> rates = RateTable(base="EUR", rates={"USD": Decimal("1.05")},
        ...     observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC), provider="example")
        >>> plan = plan_prices([Market("US", "USD")], rates, on=date(2026, 11, 30))
        >>> prices = pa.array([Decimal("20.00"), None, Decimal("9.50")],
        ...     pa.decimal128(10, 2))
        >>> catalog = pa.table({"sku": ["TEE", "CAP", "MUG"], "price": prices,
        ...     "currency": ["EUR"] * 3})
        >>> frame = dd.from_pandas(catalog.to_pandas(types_mapper=pd.ArrowDtype),
        ...     npartitions=2)
        >>> with dask.config.set(scheduler="synchronous"):
        ...     result = over_dask(localize_catalog, frame, plan).compute()
        >>> result.rows[["row", "sku", "shown"]].to_numpy().tolist()
        [[0, 'TEE', Decimal('21.00')], [2, 'MUG', Decimal('9.98')]]
        >>> result.rejected[["row", "sku", "field"]].to_numpy().tolist()
        [[1, 'CAP', 'price']]
    """
    if not callable(function):
        raise InvalidBatchError.refused(
            "function",
            function,
            "is not a batch function; pass one such as localize_catalog",
            kind=InputKind.TYPE,
        )
    _row_by_row(function)
    _frame(frame, "frame")
    dask, dd = _dask()
    frame = _indexed(frame)
    schema = _schema(frame)
    empty = function(schema.empty_table(), *arguments, **keywords)
    if not isinstance(empty, BatchResult):
        raise InvalidBatchError.refused(
            "function",
            function,
            f"gave back {type(empty).__name__}, not a BatchResult: it is not a batch "
            "function that prices row by row",
            kind=InputKind.TYPE,
        )
    shapes = (_bare(empty.rows).schema, _bare(empty.rejected).schema)
    if any(shape.get_field_index("row") < 0 for shape in shapes):
        raise InvalidBatchError.refused(
            "function",
            function,
            "gave back tables without a row column: it is not a batch function",
            kind=InputKind.TYPE,
        )
    # Pure tasks: their keys are hashes of their inputs, so the same batch over the same
    # frame makes the same graph (and Dask may reuse what it computed).
    shipped = dask.delayed((arguments, keywords), traverse=False, pure=True)
    offset: Any = 0
    pieces: tuple[list[Any], list[Any]] = ([], [])
    for part in frame.to_delayed():
        ran = dask.delayed(_run, pure=True)(part, schema, function, shipped)
        for which, shape in enumerate(shapes):
            pieces[which].append(dask.delayed(_piece, pure=True)(ran, which, offset, shape))
        offset = dask.delayed(_next_offset, pure=True)(offset, ran)
    rows, rejected = (
        dd.from_delayed(parts, meta=_pandas(shape.empty_table()))
        for parts, shape in zip(pieces, shapes, strict=True)
    )
    return DaskBatchResult(rows=rows, rejected=rejected)


def _row_by_row(function: Callable[..., Any]) -> None:
    """Refuse a function that adds rows up across the whole table: a partition's sums
    are not parts of the whole's it shows (a tax period's rows may sit in any
    partition), so it runs once, on the rows collected."""
    inner = function
    while isinstance(inner, functools.partial):
        inner = inner.func
    if inner in (oss_return, tax_totals):
        name = inner.__name__
        raise InvalidBatchError.refused(
            "function",
            name,
            f"adds rows up across the whole table, so it does not run partition by "
            f"partition; run the row-by-row part over Dask (over_dask(tax_lines, ...)), "
            f"compute it, and pass the rows to {name} on one machine: "
            f"{name}(over_dask(tax_lines, frame, ...).compute().rows, ...)",
            kind=InputKind.TYPE,
        )


def _indexed(frame: Any) -> Any:
    """The frame with a named index read as columns (as a pandas DataFrame's is, on
    one machine); an unnamed one is not read."""
    names = list(frame._meta.index.names)
    if all(name is None for name in names):
        return frame
    clash = [name for name in names if name in frame.columns]
    if clash:
        raise InvalidBatchError.refused(
            str(clash[0]),
            list(frame.columns),
            "is both the index's name and a column's; rename one, or drop the index "
            "(reset_index(drop=True))",
            kind=InputKind.LIST,
        )
    return frame.reset_index()


def _schema(frame: Any) -> Any:
    """The Arrow schema of the frame's columns; a column Dask knows only as Python
    objects is refused (its Arrow type would be guessed from each partition's values)."""
    pa = arrow()
    schema = pa.Schema.from_pandas(frame._meta, preserve_index=False)
    for field in schema:
        if pa.types.is_null(field.type):
            raise InvalidBatchError.refused(
                field.name,
                str(frame._meta.dtypes[field.name]),  # Dask's column types
                "is a column of Python objects, whose Arrow type Dask cannot know before "
                "reading it; give it one, e.g. frame.astype({'price': "
                "pandas.ArrowDtype(pyarrow.decimal128(38, 2))}), or read Parquet, "
                "which keeps its types",
                kind=InputKind.TYPE,
            )
    return schema.remove_metadata()


def _bare(table: Any) -> Any:
    """The table without schema metadata (pandas' own would restore an index)."""
    return table.replace_schema_metadata(None)


def _pandas(table: Any) -> Any:
    """An Arrow table as pandas with Arrow-backed columns (decimals stay decimals)."""
    pandas = importlib.import_module("pandas")  # Dask's own dependency (no type stubs)
    return table.to_pandas(types_mapper=pandas.ArrowDtype)


def _run(part: Any, schema: Any, function: Any, shipped: Any) -> tuple[BatchResult, int]:
    """One partition through the batch function, with the arguments shipped once; and
    how many input rows the partition held."""
    pa = arrow()
    arguments, keywords = shipped
    table = pa.Table.from_pandas(part, schema=schema, preserve_index=False)
    return function(table, *arguments, **keywords), table.num_rows


def _next_offset(offset: int, ran: tuple[BatchResult, int]) -> int:
    """The next partition's offset: this one's plus the input rows it held."""
    return offset + ran[1]


def _piece(ran: tuple[BatchResult, int], which: int, offset: int, shape: Any) -> Any:
    """The rows (``which`` 0) or rejected rows (1) of one partition, ``row`` moved on
    by the partition's offset, in the column types Dask was promised."""
    pa = arrow()
    table = _bare((ran[0].rows, ran[0].rejected)[which])
    if not table.schema.equals(shape):
        raise InvalidBatchError.refused(
            "function",
            str(table.schema),
            f"gave back other column types than for an empty table ({shape}); a batch "
            "function's types must not depend on the data",
            kind=InputKind.TYPE,
        )
    position = table.schema.get_field_index("row")
    moved = pa.compute.add(table.column(position), pa.scalar(offset, pa.int64()))
    return _pandas(table.set_column(position, "row", moved))
