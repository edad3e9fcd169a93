"""Tables a batch cannot read without guessing are refused whole, naming what to fix;
a column with no value at all refuses each row as missing; a pandas index with a name
is read as columns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

from commercekit.batch import (
    BatchResult,
    PricePlan,
    localize_catalog,
    plan_prices,
    reorder_levels,
    tax_lines,
)
from commercekit.errors import InvalidBatchError
from commercekit.money import RateTable
from commercekit.pricing import Market

DAY = date(2026, 8, 1)


def plan() -> PricePlan:
    rates = RateTable(
        base="EUR",
        rates={"USD": Decimal("1.05")},
        observed_at=datetime(2026, 7, 30, 16, tzinfo=UTC),
        provider="test rates",
    )
    markets = [Market("US", "USD"), Market("DE", "EUR", tax_jurisdiction="DE")]
    return plan_prices(markets, rates, on=DAY)


CATALOG: dict[str, Any] = {
    "sku": ["TEE", "MUG", "CAP"],
    "price": [Decimal("20.00"), Decimal("9.50"), Decimal("5.00")],
    "currency": ["EUR", "EUR", "EUR"],
}
LINES: dict[str, Any] = {
    "order": ["A", "B", "C"],
    "amount": [Decimal("119.00"), Decimal("9.99"), Decimal("5.00")],
    "currency": ["EUR", "EUR", "EUR"],
    "jurisdiction": ["DE", "DE", "FR"],
    "category": ["standard", "food", "standard"],
    "date": [DAY] * 3,
}
STOCK: dict[str, Any] = {
    "sku": ["TEE", "MUG", "CAP"],
    "demand_mean": [100, 50, 10],
    "demand_std_dev": [20, 5, 1],
    "lead_time": [2, 2, 1],
    "service_level": [Decimal("0.95")] * 3,
    "demand_rate": [1200, 600, 120],
    "order_cost": [Decimal("12.00")] * 3,
    "holding_cost": [Decimal("0.50")] * 3,
}
STOCK_CURRENCY = {"currency": ["EUR"] * 3}

RUNS: dict[str, tuple[Callable[[Any], BatchResult], dict[str, Any]]] = {
    "localize_catalog": (lambda table: localize_catalog(table, plan()), CATALOG),
    "tax_lines": (lambda table: tax_lines(table, prices_include_tax=True), LINES),
    "reorder_levels": (reorder_levels, STOCK | STOCK_CURRENCY),
}


def arrow(columns: dict[str, Any]) -> pa.Table:
    return pa.table(
        {
            name: pa.array(values, pa.date32() if name == "date" else None)
            for name, values in columns.items()
        }
    )


@pytest.mark.parametrize(
    ("run", "extra", "named"),
    [
        ("localize_catalog", {"price_minor": [2000, 950, 500]}, "price_minor"),
        ("tax_lines", {"amount_minor": [11900, 999, 500]}, "amount_minor"),
        ("tax_lines", {"quantity": [1, 2, 3]}, "quantity"),
        ("reorder_levels", {"order_cost_minor": [1200] * 3}, "order_cost_minor"),
    ],
)
def test_an_amount_given_in_two_forms_is_refused(
    run: str, extra: dict[str, Any], named: str
) -> None:
    """``price`` beside ``price_minor`` (or a line's amount beside a unit price and a
    quantity): one would be ignored, so the table is refused, naming both."""
    function, columns = RUNS[run]
    with pytest.raises(InvalidBatchError, match=named) as refused:
        function(arrow(columns | extra))
    assert named.removesuffix("_minor") in str(refused.value)
    assert "not both" in str(refused.value) or "keep one" in str(refused.value)


@pytest.mark.parametrize("run", sorted(RUNS))
def test_two_columns_of_one_name_are_refused(run: str) -> None:
    """Which of two ``currency`` columns is meant is a guess: refused, in Arrow and in
    pandas, instead of a KeyError."""
    function, columns = RUNS[run]
    table = arrow(columns)
    twice = pa.Table.from_arrays(
        [*table.columns, table.column("currency")], [*table.column_names, "currency"]
    )
    with pytest.raises(InvalidBatchError, match="give each column its own name"):
        function(twice)
    frame = twice.to_pandas()
    with pytest.raises(InvalidBatchError, match="give each column its own name"):
        function(frame)


@pytest.mark.parametrize(
    ("column", "values"),
    [
        ("currency", ["EUR", 5, None]),
        ("price", [Decimal("20.00"), Decimal("Infinity"), None]),
        ("price", [Decimal("20.00"), "9.50", None]),
    ],
)
def test_a_pandas_column_arrow_cannot_convert_is_refused_by_name(
    column: str, values: list[Any]
) -> None:
    """A column of Python objects of mixed kinds, or holding an infinity, refuses the
    table naming the column, instead of Arrow's or Python's own error."""
    frame = pd.DataFrame(CATALOG | {column: values})
    with pytest.raises(InvalidBatchError, match="holds values Arrow cannot") as refused:
        localize_catalog(frame, plan())
    assert refused.value.field == column


def test_a_margin_is_asked_for_as_a_decimal_ratio() -> None:
    """A ratio has no minor units: the advice never names a min_margin_minor column."""
    table = arrow(CATALOG | {"cost": [Decimal("8.00")] * 3, "min_margin": [25] * 3})
    with pytest.raises(InvalidBatchError, match=r"0\.25 for 25 %") as refused:
        localize_catalog(table, plan())
    assert "min_margin_minor" not in str(refused.value)


@pytest.mark.parametrize(
    ("run", "column"),
    [
        ("localize_catalog", "category"),
        ("localize_catalog", "currency"),
        ("tax_lines", "category"),
        ("tax_lines", "jurisdiction"),
        ("tax_lines", "currency"),
        ("reorder_levels", "currency"),
    ],
)
def test_a_column_with_no_value_refuses_each_row_as_missing(run: str, column: str) -> None:
    """An all-empty column (Arrow's ``null`` type, as pandas and Polars give one) is a
    missing value in every row, never the wrong type for the whole table."""
    function, columns = RUNS[run]
    table = arrow(columns)
    index = table.column_names.index(column) if column in table.column_names else None
    empty = pa.nulls(3)
    if index is None:
        table = table.append_column(column, empty)
    else:
        table = table.set_column(index, column, empty)
    result = function(table)
    assert len(result.rows) == 0
    refused = result.rejected.to_pylist()
    assert {row["row"] for row in refused} == {0, 1, 2}
    assert {row["field"] for row in refused} == {column}
    assert all("missing" in row["message"] for row in refused)


def test_text_as_pandas_categories_is_read_as_text() -> None:
    frame = pd.DataFrame(LINES).astype({"currency": "category", "category": "category"})
    frame["date"] = pd.Series(pa.array(LINES["date"], pa.date32()).to_pandas())
    taxed = tax_lines(frame, prices_include_tax=True)
    assert len(taxed.rows) == 3


def test_a_named_pandas_index_is_read_as_columns() -> None:
    """``set_index("sku")`` keeps the SKUs (as ``reset_index()`` would); an unnamed
    index (what a filter leaves) is not read; a name both an index's and a column's is
    refused."""
    frame = pd.DataFrame(CATALOG)
    wanted = localize_catalog(frame, plan()).rows
    got = localize_catalog(frame.set_index("sku"), plan()).rows
    assert got.equals(wanted)
    kept = localize_catalog(frame.iloc[1:], plan()).rows
    assert sorted(set(kept["sku"])) == ["CAP", "MUG"]
    clash = frame.set_index("sku")
    clash["sku"] = clash.index
    with pytest.raises(InvalidBatchError, match="both the index's name and a column"):
        localize_catalog(clash, plan())
