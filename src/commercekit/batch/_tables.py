"""Tables in, tables out: Arrow, Polars and pandas, and the extra that brings them.

The batch path works on Apache Arrow tables. A Polars or pandas DataFrame is turned into
an Arrow table on the way in and the result is given back in the same kind, so a shop
keeps the library it already uses. pyarrow and numpy are the optional ``batch`` extra;
Polars and pandas are the caller's own and are never imported unless given.
"""

from __future__ import annotations

import enum
from types import ModuleType
from typing import Any, cast

from commercekit.errors import InputKind, InvalidBatchError, MissingDataError

__all__ = ["EXTRA", "TableKind", "arrow", "in_kind", "kind_of", "numpy", "to_arrow"]

EXTRA = 'install the batch extra: pip install "commercekit[batch]"'


def arrow() -> ModuleType:
    """pyarrow, or the error naming the extra that brings it."""
    try:
        import pyarrow  # noqa: PLC0415  # the optional extra, loaded when a batch runs
        import pyarrow.compute  # noqa: PLC0415
    except ImportError:
        raise MissingDataError(
            "pyarrow, which holds the batch path's tables", EXTRA
        ) from None
    return cast(ModuleType, pyarrow)


def numpy() -> ModuleType:
    """numpy, or the error naming the extra that brings it."""
    try:
        import numpy as np  # noqa: PLC0415  # the optional extra, loaded when a batch runs
    except ImportError:
        raise MissingDataError(
            "numpy, which does the batch path's arithmetic", EXTRA
        ) from None
    return np


class TableKind(enum.Enum):
    """The library a table came in, and goes back out, as."""

    ARROW = "pyarrow"
    POLARS = "polars"
    PANDAS = "pandas"


def kind_of(table: object) -> TableKind | None:
    """The kind of ``table``, or ``None`` if it is not a table the batch path reads."""
    root = type(table).__module__.partition(".")[0]
    name = type(table).__name__
    if root == "pyarrow" and name in {"Table", "RecordBatch"}:
        return TableKind.ARROW
    if root == "polars" and name == "DataFrame":
        return TableKind.POLARS
    if root == "pandas" and name == "DataFrame":
        return TableKind.PANDAS
    return None


def to_arrow(table: object, what: str) -> tuple[Any, TableKind]:
    """``table`` as a ``pyarrow.Table``, and the kind to give results back in.

    A pandas DataFrame's named index is kept as columns (``reset_index()``), an
    unnamed one dropped.

    Raises:
        InvalidBatchError: ``table`` is not an Arrow table or record batch, a Polars
            DataFrame or a pandas DataFrame; two of its columns share a name; or a
            pandas column holds values Arrow cannot convert to one type.
    """
    kind = kind_of(table)
    if kind is None:
        raise InvalidBatchError.refused(
            what,
            table,
            "is not a table; pass a pyarrow.Table, a polars.DataFrame or a "
            "pandas.DataFrame",
            kind=InputKind.TYPE,
        )
    pa = arrow()
    if kind is TableKind.POLARS:
        converted = table.to_arrow()  # type: ignore[attr-defined]
    elif kind is TableKind.PANDAS:
        converted = _from_pandas(table)
    elif type(table).__name__ == "RecordBatch":
        converted = pa.Table.from_batches([table])
    else:
        converted = table
    _named_once(converted.column_names)
    return converted, kind


def _named_once(names: list[str]) -> None:
    """Refuse a table with two columns of one name: which one is meant is a guess."""
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise InvalidBatchError.refused(
            twice[0],
            names,
            f"names more than one column ({', '.join(map(repr, twice))}); "
            "give each column its own name",
            kind=InputKind.LIST,
        )


def _from_pandas(frame: Any) -> Any:
    """A pandas DataFrame as an Arrow table: a named index (``set_index("sku")``) kept
    as columns, as ``reset_index()`` would; an unnamed one (0, 1, 2, ..., or what a
    filter left) dropped. A column Arrow cannot convert is refused by name."""
    pa = arrow()
    names = [str(name) for name in frame.columns]
    _named_once(names)
    levels = [name for name in frame.index.names if name is not None]
    if levels:
        clash = [name for name in levels if name in names]
        if clash:
            raise InvalidBatchError.refused(
                str(clash[0]),
                names,
                "is both the index's name and a column's; rename one, or drop the "
                "index (reset_index(drop=True))",
                kind=InputKind.LIST,
            )
        frame = frame.reset_index(level=levels)
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (TypeError, ValueError, pa.ArrowException):
        for name in frame.columns:
            try:
                pa.Table.from_pandas(frame[[name]], preserve_index=False)
            except (TypeError, ValueError, pa.ArrowException) as failed:
                raise InvalidBatchError.refused(
                    str(name),
                    str(frame[name].dtype),
                    "holds values Arrow cannot put in one column (mixed types such "
                    "as text and numbers, or a Decimal infinity): give each row a "
                    f"value of the column's one type, or None ({failed})",
                    kind=InputKind.TYPE,
                ) from failed
        raise  # pragma: no cover  # a failure no single column reproduces


def in_kind(table: Any, kind: TableKind) -> Any:
    """The Arrow ``table`` given back as ``kind``: decimals stay decimals (Python
    ``Decimal`` objects in pandas), never floats."""
    if kind is TableKind.POLARS:
        import polars  # noqa: PLC0415  # the caller's own library: it gave us a DataFrame

        return polars.from_arrow(table)
    if kind is TableKind.PANDAS:
        return table.to_pandas()
    return table
