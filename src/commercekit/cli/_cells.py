"""A CSV catalog's amount cells, read row by row: exact decimals and whole minor units.

A CSV holds text. ``price``, ``cost``, ``min_margin`` and ``minimum_price`` are read
as decimal numbers written with a point (``19.99``), ``price_minor``, ``cost_minor``
and ``minimum_price_minor`` as whole numbers (``1999``); never through a float. A cell
that is neither refuses its row alone: the row goes beside the rows the pricing
refuses, in the same columns (``row``, the keys, ``market``, ``field``, ``error``,
``message``), once for each market it would have been priced in, and every other row
is priced.
"""

from __future__ import annotations

import importlib
import re
from decimal import Decimal
from typing import Any

from commercekit.errors import InvalidAmountError

__all__ = ["Unread", "read_cells", "refuse_unread"]

Unread = dict[int, tuple[str, str]]
"""The rows of a chunk with a cell that is not a number: row -> (column, message)."""

_DECIMALS = ("price", "cost", "min_margin", "minimum_price")
_MINOR = ("price_minor", "cost_minor", "minimum_price_minor")
_MOST_DIGITS = 38  # decimal128's precision: 20 digits before the point, 18 after
_WHOLE = 20
_DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
_DECIMAL_COMMA = re.compile(r"([+-]?[0-9]+),([0-9]{1,2}|[0-9]{4,})")  # 1,50; not 1,500
_MINOR_LIMIT = 10**18  # Money's range: fewer than 19 digits


class _NotANumberError(Exception):
    """A cell that is not a number of its column's kind; the message says what to
    write instead."""


def _decimal(text: str) -> Decimal:
    if not _DECIMAL.fullmatch(text):
        comma = _DECIMAL_COMMA.fullmatch(text)
        advice = (
            f"write {comma[1]}.{comma[2]}"
            if comma
            else "write it like 1234.50, with a point before the decimals and no "
            "thousands separators"
        )
        raise _NotANumberError(f"is not a decimal number; {advice}")
    value = Decimal(text)
    if not (value.adjusted() < _WHOLE and _places(value) <= _MOST_DIGITS - _WHOLE):
        raise _NotANumberError(
            f"has more than {_WHOLE} digits before the point or "
            f"{_MOST_DIGITS - _WHOLE} after"
        )
    return value


def _whole(text: str) -> int:
    if not _WHOLE_NUMBER.fullmatch(text):
        raise _NotANumberError(
            "is not a whole number of minor units; write e.g. 1999 for EUR 19.99, or "
            "give the amount in the column without _minor"
        )
    value = int(text)
    if abs(value) >= _MINOR_LIMIT:
        raise _NotANumberError("is out of range: give fewer than 19 digits")
    return value


def _places(value: Decimal) -> int:
    """How many digits ``value`` has after the point (0 for a whole number)."""
    return max(-int(value.as_tuple().exponent), 0)


def read_cells(table: Any) -> tuple[Any, Unread]:
    """``table`` (every column text) with its amount columns as ``decimal128(38, s)``
    (``s`` the most places written) and its ``*_minor`` columns as ``int64``; a cell
    that is neither is null there, and its row in the ``Unread`` (the first such cell
    of a row, in the order of the columns above)."""
    pa = importlib.import_module("pyarrow")
    unread: Unread = {}
    for name in (*_DECIMALS, *_MINOR):
        if name not in table.column_names:
            continue
        parse = _whole if name in _MINOR else _decimal
        values: list[Decimal | int | None] = []
        for row, text in enumerate(table[name].to_pylist()):
            try:
                values.append(None if text is None else parse(text.strip()))
            except _NotANumberError as problem:
                values.append(None)
                unread.setdefault(row, (name, f"{name} {text!r} {problem}"))
        if name in _MINOR:
            kind = pa.int64()
        else:
            scale = max(
                (_places(value) for value in values if isinstance(value, Decimal)),
                default=0,
            )
            kind = pa.decimal128(_MOST_DIGITS, scale)
        table = table.set_column(
            table.column_names.index(name), name, pa.array(values, kind)
        )
    return table, unread


def refuse_unread(rows: Any, rejected: Any, unread: Unread) -> tuple[Any, Any]:
    """A chunk's priced and refused rows with the ``unread`` rows moved to the refused,
    one for each market they were priced or refused in, naming the cell."""
    if not unread:
        return rows, rejected
    pa = importlib.import_module("pyarrow")
    compute = importlib.import_module("pyarrow.compute")
    where = pa.array(sorted(unread), pa.int64())
    priced = compute.is_in(rows["row"], value_set=where)
    refused = compute.is_in(rejected["row"], value_set=where)
    head = rejected.column_names[:-3]  # row, the keys, market
    moved = pa.concat_tables(
        [rejected.filter(refused).select(head), rows.filter(priced).select(head)]
    ).sort_by("row")
    said = [unread[row] for row in moved["row"].to_pylist()]
    for name, values in (
        ("field", [field for field, _ in said]),
        ("error", [InvalidAmountError.__name__] * len(said)),
        ("message", [message for _, message in said]),
    ):
        moved = moved.append_column(name, pa.array(values, pa.string()))
    return rows.filter(compute.invert(priced)), pa.concat_tables(
        [rejected.filter(compute.invert(refused)), moved]
    )
