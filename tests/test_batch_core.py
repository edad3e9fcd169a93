"""The batch path's foundations: exact rounding over columns, amount columns in both
forms, per-row refusals, and tables given back in the kind they came in."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.batch._amounts import currencies, decimal_column, read_amounts
from commercekit.batch._integers import divide_rounded, multiply
from commercekit.batch._rejects import Rejections
from commercekit.batch._tables import TableKind, in_kind, to_arrow
from commercekit.errors import InvalidBatchError
from commercekit.money import RoundingMode, round_ratio

WHOLE = st.integers(min_value=-(10**24), max_value=10**24)
SMALL = st.integers(min_value=-(10**9), max_value=10**9)


@given(
    numerators=st.lists(st.one_of(SMALL, WHOLE), min_size=1, max_size=40),
    denominator=st.integers(min_value=1, max_value=10**12),
    mode=st.sampled_from(RoundingMode),
)
def test_divide_rounded_equals_round_ratio(
    numerators: list[int], denominator: int, mode: RoundingMode
) -> None:
    """Every row of ``divide_rounded`` is ``round_ratio`` of that row, in every mode,
    inside int64 and beyond it."""
    got = divide_rounded(np.array(numerators, dtype=object), denominator, mode)
    assert [int(value) for value in got] == [
        round_ratio(value, denominator, mode) for value in numerators
    ]
    small = [value for value in numerators if abs(value) < 10**9]
    if small:
        fast = divide_rounded(np.array(small, dtype=np.int64), denominator, mode)
        assert fast.dtype == np.int64
        assert fast.tolist() == [round_ratio(value, denominator, mode) for value in small]


def test_half_way_cases_in_every_mode() -> None:
    """The ties the modes disagree on: 5/2, -5/2, 7/2, -7/2."""
    values = np.array([5, -5, 7, -7], dtype=np.int64)
    expected = {
        RoundingMode.HALF_UP: [3, -3, 4, -4],
        RoundingMode.HALF_DOWN: [2, -2, 3, -3],
        RoundingMode.HALF_EVEN: [2, -2, 4, -4],
        RoundingMode.UP: [3, -3, 4, -4],
        RoundingMode.DOWN: [2, -2, 3, -3],
        RoundingMode.CEILING: [3, -2, 4, -3],
        RoundingMode.FLOOR: [2, -3, 3, -4],
    }
    for mode, wanted in expected.items():
        assert divide_rounded(values, 2, mode).tolist() == wanted, mode


def test_multiply_leaves_int64_before_it_could_overflow() -> None:
    big = np.array([2**40, -(2**40)], dtype=np.int64)
    product = multiply(big, 2**30)
    assert product.dtype == object
    assert [int(value) for value in product] == [2**70, -(2**70)]
    assert multiply(np.array([3, -4]), 5).tolist() == [15, -20]


def _table() -> pa.Table:
    return pa.table(
        {
            "sku": ["A", "B", "C", "D"],
            "price": pa.array(
                [Decimal("19.99"), None, Decimal("-3.50"), Decimal(10**20)],
                pa.decimal128(38, 2),
            ),
            "currency": ["EUR", "EUR", "XYZ", "JPY"],
        }
    )


def test_amounts_and_refusals_per_row() -> None:
    """A missing price and an unknown currency refuse their rows only, each with the
    per-call error; a value beyond int64 is kept exactly."""
    table = _table()
    rejections = Rejections(table.num_rows)
    codes = currencies(table, "currency", rejections)
    amounts = read_amounts(table, "price", codes, rejections)
    assert amounts is not None
    assert [int(value) for value in amounts.units] == [1999, 0, -350, 10**22]
    refused = rejections.table(table.select(["sku"]), np.arange(table.num_rows)).to_pylist()
    assert [(row["row"], row["sku"], row["field"], row["error"]) for row in refused] == [
        (1, "B", "price", "InvalidBatchError"),
        (2, "C", "currency", "UnknownCurrencyError"),
    ]
    assert "'XYZ' is not an ISO 4217 currency code" in refused[1]["message"]
    column = decimal_column(amounts.units, amounts.scale, 2, rejections.accepted)
    assert column.to_pylist() == [Decimal("19.99"), None, None, Decimal("1E+20")]


def test_minor_units_follow_each_rows_currency() -> None:
    table = pa.table({"price_minor": [1999, 2980, 1500], "currency": ["EUR", "JPY", "KWD"]})
    rejections = Rejections(3)
    amounts = read_amounts(
        table, "price", currencies(table, "currency", rejections), rejections
    )
    assert amounts is not None
    column = decimal_column(amounts.units, amounts.scale, 3, rejections.accepted)
    assert column.to_pylist() == [Decimal("19.990"), Decimal("2980.000"), Decimal("1.500")]


@pytest.mark.parametrize(
    ("column", "values", "message"),
    [
        ("price", pa.array([19.99]), "floats cannot hold most amounts exactly"),
        ("price", pa.array([1999]), "give price as decimal128"),
        ("price_minor", pa.array([19.99]), "wrong type"),
    ],
)
def test_float_and_ambiguous_columns_are_refused(
    column: str, values: pa.Array, message: str
) -> None:
    table = pa.table({column: values, "currency": ["EUR"]})
    rejections = Rejections(1)
    with pytest.raises(InvalidBatchError, match=message):
        read_amounts(table, "price", currencies(table, "currency", rejections), rejections)


def test_a_missing_column_is_named() -> None:
    table = pa.table({"currency": ["EUR"]})
    with pytest.raises(InvalidBatchError, match="needs a column price"):
        read_amounts(table, "price", np.array(["EUR"], dtype=object), Rejections(1))


@pytest.mark.parametrize(
    ("table", "kind"),
    [
        (pa.table({"price": pa.array([Decimal("1.50")], pa.decimal128(10, 2))}), "arrow"),
        (pl.DataFrame({"price": [Decimal("1.50")]}), "polars"),
        (pd.DataFrame({"price": [Decimal("1.50")]}), "pandas"),
    ],
)
def test_tables_come_back_in_kind(table: object, kind: str) -> None:
    """An Arrow table, a Polars or a pandas DataFrame comes back as the same kind, with
    decimals as decimals, never floats."""
    converted, found = to_arrow(table, "catalog")
    assert found is TableKind(kind if kind != "arrow" else "pyarrow")
    back = in_kind(converted, found)
    assert type(back) is type(table)
    column = back["price"]
    values = {"arrow": "to_pylist", "polars": "to_list", "pandas": "tolist"}[kind]
    values = getattr(column, values)()
    assert values == [Decimal("1.50")]
    assert all(type(value) is Decimal for value in values)


def test_not_a_table_is_refused() -> None:
    with pytest.raises(InvalidBatchError, match="is not a table"):
        to_arrow([{"price": 1}], "catalog")
