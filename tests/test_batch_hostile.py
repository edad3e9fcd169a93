"""Every column of every batch function's table, made hostile: the whole table is
refused with a ``CommerceKitError`` naming the column (a float or text column where
numbers are meant), or the bad rows are rejected one by one (a null, an unknown code,
a figure out of range, year 1) while the others are computed; never a crash, never a
hang.

The tables are the hostile harness's valid calls (``tests/hostile/batch.py``), so a
new batch function, or a new column of one, is covered the day its call is added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from commercekit.batch import BatchResult
from commercekit.errors import CommerceKitError
from tests.hostile import Call, public_callables, timed
from tests.hostile.batch import CALLS

VERBS = ("is ", "are ", "has ", "have ", "must ")
"""How a rejected row's message must not begin: it says what is wrong ("price is
negative"), not only what is wrong with it."""


def _hostile_columns(column: pa.ChunkedArray) -> Iterator[tuple[str, pa.Array]]:
    """Hostile versions of ``column``: whole-column types, then one bad row."""
    size = len(column)
    yield "a float column", pa.array([0.1] * size)
    yield "a float column of NaN", pa.array([float("nan")] * size)
    yield "a text column of 'NaN'", pa.array(["NaN"] * size)
    yield "a column of nulls", pa.nulls(size, column.type)
    first: Any = None
    if pa.types.is_string(column.type):
        first = "QZ"
    elif pa.types.is_decimal(column.type):
        digits, scale = column.type.precision, column.type.scale
        whole, fraction = "9" * (digits - scale) or "0", "9" * scale
        first = Decimal(f"{whole}.{fraction}" if scale else whole)  # the largest
    elif pa.types.is_integer(column.type):
        first = 10**18
    elif pa.types.is_date(column.type):
        first = dt.date.min
    if first is not None and size:
        rows = [first, *column.to_pylist()[1:]]
        yield f"{first!r} in the first row", pa.array(rows, column.type)


def _messages(result: BatchResult) -> list[str]:
    rejected = result.rejected
    if "message" not in rejected.column_names:  # a BatchResult built by hand
        return []
    return [str(message) for message in rejected.column("message").to_pylist()]


def _tables(valid: Call) -> Iterator[tuple[str, Callable[[pa.Table], Call]]]:
    """Each table argument of ``valid``, with how to put another table there."""
    for index, value in enumerate(valid.args):
        if isinstance(value, pa.Table):

            def put(table: pa.Table, index: int = index) -> Call:
                args = list(valid.args)
                args[index] = table
                return Call(tuple(args), valid.kwargs, valid.target)

            yield f"argument {index}", put


@pytest.mark.parametrize("name", sorted(public_callables("batch")))
def test_a_hostile_column_is_refused_or_its_rows_rejected(name: str) -> None:
    function = public_callables("batch")[name]
    wrong: list[str] = []
    tried = 0
    for where, put in _tables(CALLS[name]()):
        table = CALLS[name]().args[int(where.split()[-1])]
        for column_name in table.column_names:
            column = table[column_name]
            for label, hostile in _hostile_columns(column):
                changed = table.set_column(
                    table.schema.get_field_index(column_name), column_name, hostile
                )
                call = put(changed)
                tried += 1
                found: list[Any] = []
                seconds, raised, interrupted = timed(
                    lambda call=call, found=found: found.append(
                        function(*call.args, **call.kwargs)
                    )
                )
                said = f"{name} {where} {column_name}: {label}"
                if interrupted:
                    wrong.append(f"{said}: stopped after {seconds:.1f} s of CPU")
                elif raised is not None and not isinstance(raised, CommerceKitError):
                    wrong.append(f"{said}: {type(raised).__name__}: {raised}"[:300])
                elif raised is None and isinstance(found[0], BatchResult):
                    result = found[0]
                    kept = result.rows.num_rows + result.rejected.num_rows
                    if kept == 0 and table.num_rows:
                        wrong.append(f"{said}: every row vanished")
                    wrong += [
                        f"{said}: {message!r} has no subject"
                        for message in _messages(result)
                        if message.startswith(VERBS)
                    ][:1]
    assert wrong == [], "\n".join(wrong)
    assert tried or name in {"DaskBatchResult", "over_dask", "PricePlan", "plan_prices"}
