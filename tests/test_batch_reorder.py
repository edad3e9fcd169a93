"""Reorder levels in bulk: every SKU's safety stock, reorder point and order quantity
equal to the per-call inventory rules, or refused with their error."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.batch import reorder_levels
from commercekit.errors import CommerceKitError, InvalidBatchError
from commercekit.inventory import (
    DemandProfile,
    LeadTime,
    Shortfall,
    economic_order_quantity,
    lead_time_demand,
    safety_stock_for_cycle_service,
    safety_stock_for_fill_rate,
)
from commercekit.money import Money

_SPREAD = st.decimals(min_value=0, max_value=10**5, places=2)
quantities = st.one_of(
    *[_SPREAD] * 8, st.sampled_from([Decimal(0), Decimal(1), Decimal("-1")])
)
"""Mostly valid quantities; sometimes zero, one or a negative the rules refuse."""
_LEVEL = st.decimals(min_value="0.01", max_value="0.99", places=2)
levels = st.one_of(
    *[_LEVEL] * 4, st.sampled_from([Decimal("0.5"), Decimal("0.999"), Decimal(0)])
)
"""Mostly valid service levels; sometimes 0, which the rules refuse."""


@st.composite
def sku_rows(draw: st.DrawFn, *, costs: bool) -> list[dict[str, Any]]:
    """SKUs with drawn demand, lead time and targets; repeats, zeros, a negative."""
    size = draw(st.integers(min_value=0, max_value=8))
    rows = []
    for index in range(size):
        row = {
            "sku": f"S{index}",
            "demand_mean": draw(quantities),
            "demand_std_dev": draw(quantities),
            "lead_time": draw(st.sampled_from([Decimal(0), Decimal(1), Decimal("2.5")])),
            "lead_time_std_dev": draw(st.sampled_from([Decimal(0), Decimal("0.5")])),
            "review_period": draw(st.sampled_from([Decimal(0), Decimal(1)])),
            "service_level": draw(levels),
            "order_quantity": draw(st.one_of(st.none(), quantities)),
        }
        if costs:
            row |= {
                "demand_rate": draw(quantities),
                "order_cost": draw(st.sampled_from([Decimal("12.00"), Decimal("0.01")])),
                "holding_cost": draw(
                    st.sampled_from([Decimal("0.50"), Decimal("0.05"), Decimal(0)])
                ),
                "currency": draw(st.sampled_from(["EUR", "EUR", "JPY", "XYZ"])),
            }
        rows.append(row)
    if rows and draw(st.booleans()):
        rows.append(rows[0] | {"sku": "again"})  # a repeat is planned once
    return rows


def _table(rows: list[dict[str, Any]], *, costs: bool) -> pa.Table:
    names = [
        "demand_mean", "demand_std_dev", "lead_time", "lead_time_std_dev",
        "review_period", "service_level", "order_quantity",
    ]  # fmt: skip
    if costs:
        names += ["demand_rate", "order_cost", "holding_cost"]
    columns = {"sku": pa.array([row["sku"] for row in rows], pa.string())}
    for name in names:
        columns[name] = pa.array([row[name] for row in rows], pa.decimal128(20, 4))
    if costs:
        columns["currency"] = pa.array([row["currency"] for row in rows], pa.string())
    return pa.table(columns)


def _per_call(row: dict[str, Any], *, fill: bool, shortfall: Shortfall) -> Any:
    """The per-call rules composed for one SKU, or the class of their error."""
    try:
        demand = lead_time_demand(
            DemandProfile(row["demand_mean"], row["demand_std_dev"]),
            LeadTime(row["lead_time"], row["lead_time_std_dev"]),
            row["review_period"],
        )
        order = None
        if "order_cost" in row:
            order = economic_order_quantity(
                row["demand_rate"],
                Money(row["order_cost"], row["currency"]),
                Money(row["holding_cost"], row["currency"]),
            ).quantity
        size = row["order_quantity"] if row["order_quantity"] is not None else order
        if fill:
            stock = safety_stock_for_fill_rate(
                demand, row["service_level"], size, shortfall
            )
        else:
            stock = safety_stock_for_cycle_service(demand, row["service_level"])
    except CommerceKitError as error:
        return type(error)
    return (
        demand.mean,
        demand.std_dev,
        stock.k,
        stock.safety_stock,
        stock.reorder_point,
        size,
    )


_FIGURES = (
    "lead_time_demand", "lead_time_demand_std_dev", "k", "safety_stock",
    "reorder_point", "order_quantity",
)  # fmt: skip


def _check(
    rows: list[dict[str, Any]], got: Any, *, fill: bool, shortfall: Shortfall
) -> None:
    planned = {row["row"]: row for row in got.rows.to_pylist()}
    refused = {row["row"]: row for row in got.rejected.to_pylist()}
    assert not planned.keys() & refused.keys()
    assert planned.keys() | refused.keys() == set(range(len(rows)))
    for index, row in enumerate(rows):
        expected = _per_call(row, fill=fill, shortfall=shortfall)
        if isinstance(expected, type):
            assert refused[index]["error"] == expected.__name__, (row, refused[index])
        else:
            found = tuple(planned[index][name] for name in _FIGURES)
            assert found == expected, row
            assert planned[index]["sku"] == row["sku"]


@given(rows=sku_rows(costs=False))
def test_cycle_service_levels_equal_the_per_call_rules(rows: list[dict[str, Any]]) -> None:
    """Each SKU's figures are lead_time_demand and safety_stock_for_cycle_service of
    its own inputs, to the last digit, or it is refused with their error."""
    got = reorder_levels(_table(rows, costs=False))
    _check(rows, got, fill=False, shortfall=Shortfall.BACKORDER)


@given(rows=sku_rows(costs=True), shortfall=st.sampled_from(Shortfall))
def test_fill_rates_with_economic_orders_equal_the_per_call_rules(
    rows: list[dict[str, Any]], shortfall: Shortfall
) -> None:
    """For a fill rate, Q is the row's order quantity or else its economic order
    quantity; each figure equals safety_stock_for_fill_rate and
    economic_order_quantity per call, or the row is refused with their error."""
    got = reorder_levels(_table(rows, costs=True), measure="fill_rate", shortfall=shortfall)
    _check(rows, got, fill=True, shortfall=shortfall)


@given(rows=sku_rows(costs=False))
def test_polars_and_pandas_give_the_arrow_figures(rows: list[dict[str, Any]]) -> None:
    """Polars and pandas tables give the same figures and refusals as Arrow."""
    table = _table(rows, costs=False)
    arrow = reorder_levels(table)
    polars = reorder_levels(pl.from_arrow(table))
    assert polars.rows.to_arrow().to_pylist() == arrow.rows.to_pylist()
    if rows:
        pandas = reorder_levels(table.to_pandas())
        assert isinstance(pandas.rows, pd.DataFrame)
        assert pandas.rows["reorder_point"].tolist() == (
            arrow.rows.column("reorder_point").to_pylist()
        )


def test_the_textbook_example() -> None:
    """Chopra and Meindl's weekly demand 2500 (sd 500), lead time 2 weeks, 90 % cycle
    service: z = 1.2816, safety stock 906.1938 (as safety_stock_for_cycle_service's
    own example), with integer columns."""
    skus = pa.table(
        {
            "sku": ["A", "B"],
            "location": ["Berlin", "Lyon"],
            "demand_mean": [2500, 2500],
            "demand_std_dev": [500, 500],
            "lead_time": [2, 2],
            "service_level": pa.array([Decimal("0.90"), Decimal("0.9")]),
        }
    )
    rows = reorder_levels(skus).rows.to_pylist()
    assert [(r["location"], r["safety_stock"], r["reorder_point"]) for r in rows] == [
        ("Berlin", Decimal("906.1938"), Decimal("5906.1938")),
        ("Lyon", Decimal("906.1938"), Decimal("5906.1938")),
    ]


@pytest.mark.parametrize(
    ("columns", "options", "message"),
    [
        ({"demand_mean": pa.array([1.5])}, {}, "wrong type"),
        ({}, {"measure": "type 3"}, "is not one of"),
        ({}, {"measure": "fill_rate"}, "needs each row's order quantity"),
        ({"row": [1]}, {}, "column name the results use"),
    ],
)
def test_bad_tables_and_options_are_refused(
    columns: dict[str, Any], options: dict[str, Any], message: str
) -> None:
    table = {
        "demand_mean": [10],
        "demand_std_dev": [2],
        "lead_time": [1],
        "service_level": pa.array([Decimal("0.9")]),
    }
    with pytest.raises(InvalidBatchError, match=message):
        reorder_levels(pa.table(table | columns), **options)
    with pytest.raises(InvalidBatchError, match="is not a table"):
        reorder_levels({"demand_mean": [10]})


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("demand_mean", -1),
        ("demand_std_dev", -1),
        ("lead_time", -1),
        ("lead_time_std_dev", -3),
        ("review_period", -2),
    ],
)
def test_a_refusal_names_the_column_at_fault(column: str, value: int) -> None:
    """A negative lead time is the lead time's fault, not the demand's: each input's
    refusal names its own column, in the field and in the message."""
    table = {
        "demand_mean": [10],
        "demand_std_dev": [2],
        "lead_time": [1],
        "lead_time_std_dev": [0],
        "review_period": [0],
        "service_level": pa.array([Decimal("0.9")]),
    }
    refused = reorder_levels(pa.table(table | {column: [value]})).rejected.to_pylist()
    assert [(row["field"], row["error"]) for row in refused] == [
        (column, "InvalidInventoryError")
    ]
    assert refused[0]["message"] == f"{column}={value} must be zero or more"


def test_column_types_do_not_depend_on_the_rows() -> None:
    """Four places for the figures (an order quantity at its column's own scale where
    finer), whether every row, some or none is refused."""
    table = pa.table(
        {
            "demand_mean": [10, -1],
            "demand_std_dev": [2, 2],
            "lead_time": [1, 1],
            "service_level": pa.array([Decimal("0.9")] * 2),
            "order_quantity": pa.array([Decimal("5.123456"), None], pa.decimal128(9, 6)),
        }
    )
    schemas = {
        reorder_levels(part).rows.schema
        for part in (table, table.slice(0, 1), table.slice(1, 1), table.slice(0, 0))
    }
    assert len(schemas) == 1
    (schema,) = schemas
    assert schema.field("k").type == pa.decimal128(38, 4)
    assert schema.field("order_quantity").type == pa.decimal128(38, 6)
