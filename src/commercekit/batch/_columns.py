"""Columns other than amounts: codes and names as text, days, plain numbers, and the
distinct combinations of a few columns (so a rule that looks something up asks once per
combination, not once per row).

A column of the wrong type refuses the whole table with
[`InvalidBatchError`][commercekit.errors.InvalidBatchError]; a row without a value is
refused on its own, naming the column.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from commercekit._inputs import For
from commercekit.batch._rejects import Rejections
from commercekit.batch._tables import arrow, numpy
from commercekit.errors import InputKind, InvalidBatchError

__all__ = [
    "OPTIONS",
    "days",
    "distinct",
    "is_text",
    "needed",
    "numbers",
    "passed_through",
    "present",
    "texts",
]

OPTIONS = For(InvalidBatchError)
"""Checks for a batch's options (flags, choices), refusing with ``InvalidBatchError``."""


def needed(table: Any, name: str) -> Any:
    """Column ``name`` as one array, or the refusal naming the missing column."""
    if name not in table.column_names:
        raise InvalidBatchError.refused(
            name,
            table.column_names,
            f"is missing: the table needs a column {name}",
            kind=InputKind.LIST,
        )
    column = table.column(name)
    return column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)


def _typed(array: Any, kind: Any) -> Any:
    """A column with no values at all (Arrow's ``null`` type, as Polars and pandas give
    an all-empty column) as a column of ``kind``; text kept as categories (pandas'
    ``category``, Polars' ``Categorical``) or as string views as plain text; any other
    column unchanged."""
    pa = arrow()
    if pa.types.is_null(array.type):
        return array.cast(kind)
    if pa.types.is_string(kind) and is_text(array.type):
        return array.cast(kind)
    return array


def is_text(kind: Any) -> bool:
    """Whether a column of Arrow type ``kind`` holds text, plainly or as categories."""
    pa = arrow()
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return bool(
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_string_view(kind)
    )


def _wrong(name: str, kind: Any, wanted: str) -> InvalidBatchError:
    error = InvalidBatchError.refused(
        name,
        str(kind),
        f"is a column of the wrong type: give {wanted}",
        kind=InputKind.TYPE,
    )
    assert isinstance(error, InvalidBatchError)  # noqa: S101  # refused() makes one
    return error


def present(array: Any, name: str, rejections: Rejections) -> None:
    """Refuse the rows where ``array`` has no value, as ``name`` missing."""
    np = numpy()
    missing = np.asarray(array.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    rejections.refuse(missing, name, InvalidBatchError, f"{name} is missing in this row")


def texts(table: Any, name: str, rejections: Rejections, *, required: bool = True) -> Any:
    """Column ``name`` as an Arrow string array; rows without a value are refused where
    the column is ``required`` (elsewhere ``None`` means "not given")."""
    pa = arrow()
    array = _typed(needed(table, name), pa.string())
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        raise _wrong(name, array.type, "text")
    if required:
        present(array, name, rejections)
    return array


def days(table: Any, name: str, rejections: Rejections) -> Any:
    """Column ``name`` of calendar days (Arrow ``date32`` or ``date64``) as a ``date32``
    array; rows without a value are refused. A timestamp is refused: a rule is applied
    on a day, and which day a moment falls on depends on a time zone."""
    pa = arrow()
    array = _typed(needed(table, name), pa.date32())
    if not pa.types.is_date(array.type):
        raise _wrong(name, array.type, "calendar days (date32)")
    present(array, name, rejections)
    return array.cast(pa.date32())


def numbers(
    table: Any,
    name: str,
    rejections: Rejections,
    *,
    required: bool = True,
    read: bool = True,
) -> list[Decimal | int | None] | None:
    """Column ``name`` of decimals or integers as Python values (``None`` where a row
    has none, refused if ``required``), or ``None`` if the column is optional and
    absent (or not ``read``: then only its type and values are checked). Floats are
    refused: they cannot hold most decimal numbers exactly."""
    pa = arrow()
    if name not in table.column_names and not required:
        return None
    array = _typed(needed(table, name), pa.int64())
    if not (pa.types.is_decimal(array.type) or pa.types.is_integer(array.type)):
        raise _wrong(name, array.type, "decimal128 or integers (floats are not exact)")
    if required:
        present(array, name, rejections)
    if not read:
        return None
    values: list[Decimal | int | None] = array.to_pylist()
    return values


def distinct(arrays: Sequence[Any]) -> tuple[Any, list[tuple[Any, ...]]]:
    """The distinct combinations of the Arrow ``arrays`` (one per column, equal
    lengths): each row's combination number (an ``int64`` array), and each
    combination's Python values (``None`` for a missing value).

    Each column is dictionary-encoded (a hash, no sort of the values); the codes are
    combined a column at a time and renumbered, so no key ever exceeds the rows'
    count squared.
    """
    pa, np = arrow(), numpy()
    size = len(arrays[0])
    groups = np.zeros(size, dtype=np.int64)
    dictionaries = []
    codes = []
    for array in arrays:
        encoded = pa.compute.dictionary_encode(array)
        width = len(encoded.dictionary) + 1  # the last code is "no value"
        code = encoded.indices.fill_null(width - 1).to_numpy(zero_copy_only=False)
        dictionaries.append([*encoded.dictionary.to_pylist(), None])
        codes.append(code.astype(np.int64))
        groups = np.unique(groups * width + codes[-1], return_inverse=True)[1]
    if not size:
        return groups, []
    _, first_row = np.unique(groups, return_index=True)  # each combination's first row
    values = []
    for dictionary, code in zip(dictionaries, codes, strict=True):
        column = np.empty(len(dictionary), dtype=object)
        column[:] = dictionary
        values.append(column[code[first_row]].tolist())
    combinations = list(zip(*values, strict=True))
    return groups.astype(np.int64), combinations


def passed_through(table: Any, used: frozenset[str], made: tuple[str, ...]) -> Any:
    """The columns the batch does not read, copied to its results (order and line
    numbers, SKUs): a table of them, refused if one would clash with a result column."""
    keep = [name for name in table.column_names if name not in used]
    taken = ("row", "field", "error", "message", *made)
    clash = [name for name in keep if name in taken]
    if clash:
        raise InvalidBatchError.refused(
            clash[0],
            table.column_names,
            f"is a column name the results use ({', '.join(taken)}); "
            "rename it in the input",
            kind=InputKind.LIST,
        )
    return table.select(keep)
