"""Amount columns: read exactly as whole numbers of a power of ten, written back as
Arrow ``decimal128``. Never floats.

An amount comes in one of two forms, named by its column:

* ``<name>`` of type ``decimal128`` (or ``decimal256``): the amount itself, in the row's
  currency (``Decimal("19.99")``);
* ``<name>_minor`` of an integer type: whole minor units of the row's currency (1999 for
  EUR 19.99, 2980 for JPY 2,980, 1500 for KWD 1.500).

A float column is refused (a float cannot hold most prices exactly), and so is an integer
column under the plain name, which could mean either units or minor units.
"""

from __future__ import annotations

from typing import Any

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT
from commercekit.batch._columns import is_text, needed
from commercekit.batch._integers import exact, multiply, pow10, to_int64
from commercekit.batch._rejects import Rejections
from commercekit.batch._tables import arrow, numpy
from commercekit.errors import CommerceKitError, InputKind, InvalidBatchError
from commercekit.money import minor_units as currency_minor_units
from commercekit.money import validate_currency

__all__ = ["FINEST_MINOR", "Amounts", "currencies", "decimal_column", "read_amounts"]

FINEST_MINOR = 4
"""The most decimals an ISO 4217 currency has (CLF, UYW; the currency table refuses
more): a column of amounts in any currency at this scale holds each exactly, so a
result's column types never depend on the currencies in its rows."""


@attrs.frozen
class Amounts:
    """A column of amounts: row ``i`` is ``units[i] x 10^-scale[i]``.

    ``units`` is an ``int64`` array (or an ``object`` array of Python ints beyond it),
    ``scale`` an ``int64`` array; ``present`` marks the rows that had a value.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    units: Any
    scale: Any
    present: Any


def _column(
    table: Any, name: str, *, required: bool, ratio: bool = False
) -> tuple[str, Any] | None:
    """Column ``name`` (``decimal128``) or ``<name>_minor`` (integers), which ever the
    table has, as (form, column); both at once are refused, as is a column of another
    type. A ``ratio`` (a margin: 0.25 for 25 %) has no minor units: only ``name``."""
    pa = arrow()
    types = pa.types
    forms = (
        ((name, "decimal"),) if ratio else ((name, "decimal"), (f"{name}_minor", "integer"))
    )
    given = [column for column, _ in forms if column in table.column_names]
    if len(given) > 1:
        raise InvalidBatchError.refused(
            name,
            given,
            f"gives {name} twice, as {name} and as {name}_minor: keep one of the "
            "two columns (which one holds the amount is not ours to guess)",
            kind=InputKind.LIST,
        )
    for column, wanted in forms:
        if column not in table.column_names:
            continue
        kind = table.schema.field(column).type
        if wanted == "decimal" and types.is_decimal(kind):
            return "decimal", table.column(column)
        if wanted == "integer" and types.is_integer(kind):
            return "minor", table.column(column)
        advice = (
            f"give {name} as decimal128 (0.25 for 25 %); floats cannot hold most "
            "ratios exactly"
            if ratio
            else f"give {name} as decimal128 (the amount) or {name}_minor as integers "
            "(minor units); floats cannot hold most amounts exactly"
        )
        raise InvalidBatchError.refused(
            column,
            str(kind),
            f"is a column of the wrong type: {advice}",
            kind=InputKind.TYPE,
        )
    if required:
        raise InvalidBatchError.refused(
            name,
            table.column_names,
            f"is missing: the table needs a column {name} (decimal128) or {name}_minor "
            "(integer minor units)",
            kind=InputKind.LIST,
        )
    return None


def _decimal_units(column: Any) -> tuple[Any, int]:
    """The unscaled integers of a decimal column, and its scale."""
    pa, np = arrow(), numpy()
    kind = column.type
    array = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if pa.types.is_decimal128(kind) and len(array):
        words = np.frombuffer(array.buffers()[1], dtype=np.int64)
        words = words[2 * array.offset : 2 * (array.offset + len(array))].reshape(-1, 2)
        low, high = words[:, 0], words[:, 1]
        if bool(np.all(high == (low >> 63))):  # every value fits in one signed word
            return low.copy(), kind.scale
    values = array.to_pylist()
    units = np.empty(len(values), dtype=object)
    units[:] = [
        0 if value is None else int(value.scaleb(kind.scale, EXACT)) for value in values
    ]
    return to_int64(units), kind.scale


def read_amounts(
    table: Any, name: str, currency: Any, rejections: Rejections, *, required: bool = True
) -> Amounts | None:
    """The amounts of column ``name`` (see the module for its two forms), or ``None``
    if the column is optional and absent. A row without a value is refused, as
    ``name`` missing, only where the column is ``required``.

    ``currency`` is the per-row ISO code column (from [`currencies`][]), used for the
    minor-unit form.
    """
    np = numpy()
    found = _column(table, name, required=required)
    if found is None:
        return None
    form, column = found
    present = ~np.asarray(column.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    if required:
        rejections.refuse(
            ~present, name, InvalidBatchError, f"{name} is missing in this row"
        )
    if form == "decimal":
        units, scale = _decimal_units(column)
        return Amounts(units, np.full(len(units), scale, dtype=np.int64), present)
    raw = column.fill_null(0).to_numpy(zero_copy_only=False)
    units = raw.astype(np.int64) if raw.dtype != np.uint64 else to_int64(exact(raw))
    return Amounts(units, minor_scale(currency), present)


def _encoded(values: Any) -> tuple[list[Any], Any]:
    """The distinct values of a text column (an Arrow array or an ``object`` array),
    and each row's index into them; a row without a value gets the last index, one
    past the values. A hash, no sort: each distinct code is then looked at once."""
    pa, np = arrow(), numpy()
    array = values if isinstance(values, pa.Array) else pa.array(values, pa.string())
    encoded = pa.compute.dictionary_encode(array)
    distinct = encoded.dictionary.to_pylist()
    index = encoded.indices.fill_null(len(distinct)).to_numpy(zero_copy_only=False)
    return distinct, np.asarray(index, dtype=np.int64)


def minor_scale(currency: Any) -> Any:
    """The minor-unit count of each row's currency (0 where the code is unknown)."""
    np = numpy()
    distinct, index = _encoded(currency)
    scale = []
    for code in distinct:
        try:
            scale.append(currency_minor_units(str(code)))
        except CommerceKitError:
            scale.append(0)
    return np.asarray([*scale, 0], dtype=np.int64)[index]


def currencies(table: Any, name: str, rejections: Rejections) -> Any:
    """The ISO 4217 codes of column ``name`` (upper case, an ``object`` array); a row
    with no code or an unknown one is refused with the per-call rule's error. Each
    distinct code is checked once."""
    pa, np = arrow(), numpy()
    column = needed(table, name)
    if pa.types.is_null(column.type) or is_text(column.type):  # as plain text
        column = column.cast(pa.string())
    if not pa.types.is_string(column.type):
        raise InvalidBatchError.refused(
            name,
            str(column.type),
            "is not a text column of ISO 4217 codes",
            kind=InputKind.TYPE,
        )
    distinct, index = _encoded(column)
    absent = index == len(distinct)
    rejections.refuse(absent, name, InvalidBatchError, f"{name} is missing in this row")
    found: list[str | None] = []
    for position, code in enumerate(distinct):
        try:
            found.append(validate_currency(str(code)))
        except CommerceKitError as error:
            found.append(None)
            rejections.refuse(index == position, name, error, str(error))
    out = np.empty(len(found) + 1, dtype=object)
    out[:] = [*found, None]
    return out[index]


def decimal_column(units: Any, exponent: Any, scale: int, valid: Any) -> Any:
    """A ``decimal128(38, scale)`` Arrow array of ``units x 10^-exponent`` (each
    ``exponent <= scale``), null where ``valid`` is false. Built from the integers'
    bytes (and a validity bitmap), so it is exact and fast."""
    pa, np = arrow(), numpy()
    size = len(units)
    shift = scale - np.asarray(exponent, dtype=np.int64)
    scaled = units
    if shift.ndim or int(shift):
        factor = pow10(shift) if shift.ndim else 10 ** int(shift)
        scaled = multiply(units, factor)
    valid = np.asarray(valid, dtype=bool)
    every = bool(valid.all())  # cheap for one flag (True: every value)
    valid = np.broadcast_to(valid, (size,))
    if not every:
        scaled = np.where(valid, scaled, 0)
    kind = pa.decimal128(38, scale)
    scaled = to_int64(scaled)
    if scaled.dtype != object:
        words = np.zeros((size, 2), dtype=np.int64)  # little-endian: low word, high
        words[:, 0] = scaled
        if size and int(np.min(scaled)) < 0:
            words[:, 1] = scaled >> 63
        bitmap = None if every else pa.py_buffer(np.packbits(valid, bitorder="little"))
        return pa.Array.from_buffers(kind, size, [bitmap, pa.py_buffer(words)])
    from decimal import Decimal  # noqa: PLC0415  # the rare path beyond 63 bits

    values = [
        Decimal(int(value)).scaleb(-scale, EXACT) if ok else None
        for value, ok in zip(scaled.tolist(), valid.tolist(), strict=True)
    ]
    return pa.array(values, type=kind)


def repeated_units(units: int, scale: int, size: int) -> Any:
    """A ``decimal128(38, scale)`` Arrow array of ``size`` copies of ``units x
    10^-scale``, written as its two 64-bit words (several times faster than
    ``pyarrow.repeat``; zeros are never written at all)."""
    pa, np = arrow(), numpy()
    words = np.zeros((size, 2), dtype=np.int64)  # little-endian: low word, high
    if units:
        words[:, 0] = (units + 2**63) % 2**64 - 2**63  # the low 64 bits, signed
        words[:, 1] = units >> 64
    kind = pa.decimal128(38, scale)
    return pa.Array.from_buffers(kind, size, [None, pa.py_buffer(words)])


def repeated_text(text: str, size: int, shared: dict[Any, Any]) -> Any:
    """A ``string`` Arrow array of ``size`` copies of ``text``, written as its offsets
    and data (several times faster than ``pyarrow.repeat``). ``shared`` keeps the
    offsets made for each length of text and size, for the next column of that shape
    (Arrow arrays are immutable, so they can share buffers)."""
    pa, np = arrow(), numpy()
    data = text.encode()
    width = len(data)
    if not width or size * width >= 2**31:  # past int32 offsets: Arrow's own way
        return pa.repeat(pa.scalar(text, pa.string()), size)
    key = ("offsets", width, size)
    if key not in shared:
        shared[key] = pa.py_buffer(np.arange(0, (size + 1) * width, width, dtype=np.int32))
    return pa.Array.from_buffers(
        pa.string(), size, [None, shared[key], pa.py_buffer(data * size)]
    )
