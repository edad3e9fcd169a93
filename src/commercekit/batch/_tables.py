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

    Raises:
        InvalidBatchError: ``table`` is not an Arrow table or record batch, a Polars
            DataFrame or a pandas DataFrame.
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
        return table.to_arrow(), kind  # type: ignore[attr-defined]
    if kind is TableKind.PANDAS:
        return pa.Table.from_pandas(table, preserve_index=False), kind
    if type(table).__name__ == "RecordBatch":
        return pa.Table.from_batches([table]), kind
    return table, kind


def in_kind(table: Any, kind: TableKind) -> Any:
    """The Arrow ``table`` given back as ``kind``: decimals stay decimals (Python
    ``Decimal`` objects in pandas), never floats."""
    if kind is TableKind.POLARS:
        import polars  # noqa: PLC0415  # the caller's own library: it gave us a DataFrame

        return polars.from_arrow(table)
    if kind is TableKind.PANDAS:
        return table.to_pandas()
    return table
