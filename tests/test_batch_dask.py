"""The batch path over Dask: the same prices, refusals and positions as on one machine,
on a local cluster of worker processes."""

from __future__ import annotations

import functools
import pickle
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from distributed import Client, LocalCluster

from commercekit.batch import (
    BatchResult,
    DaskBatchResult,
    PricePlan,
    localize_catalog,
    oss_return,
    over_dask,
    plan_prices,
    reorder_levels,
    tax_lines,
    tax_totals,
)
from commercekit.errors import InvalidBatchError
from commercekit.money import RateTable
from commercekit.pricing import CHARM_99, Market, PricePoint

TIMEOUT = 120
"""Seconds a cluster computation may take before the test fails instead of hanging."""

RATES = RateTable(
    base="EUR",
    rates={"USD": Decimal("1.0512"), "SEK": Decimal("11.2031"), "JPY": Decimal("162.4")},
    observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
    provider="test rates",
)
MARKETS = (
    Market("US", "USD", price_point=CHARM_99),
    Market(
        "SE", "SEK", tax_jurisdiction="SE", tax_inclusive=True, conversion_fee=Decimal(2)
    ),
    Market(
        "JP",
        "JPY",
        tax_jurisdiction="JP",
        tax_inclusive=True,
        price_point=PricePoint(Decimal(10), (Decimal(0),)),
    ),
)
CURRENCIES = ["EUR", "USD", "SEK", "JPY", "NOK", "XYZ"]
"""NOK has no rate and XYZ is no currency: their rows are refused."""


def plan() -> PricePlan:
    return plan_prices(MARKETS, RATES, on=date(2026, 11, 30))


def _decimals(values: list[Decimal | None], scale: int) -> pa.Array:
    return pa.array(values, pa.decimal128(12, scale))


def catalog(seed: int, size: int, *, long: bool = False) -> pa.Table:
    """A random catalog with refused rows among good ones: missing prices, currencies
    without a rate or no currency at all, categories that are none; in the long form
    each row names its market (FR is in no plan) and may carry a minimum price."""
    rng = np.random.default_rng(seed)
    cents = rng.integers(0, 10**7, size).tolist()
    gone = (rng.random(size) < 0.08).tolist()
    columns: dict[str, Any] = {
        "sku": [f"SKU-{seed}-{index}" for index in range(size)],
        "price": _decimals(
            [
                None if out else Decimal(v).scaleb(-2)
                for v, out in zip(cents, gone, strict=True)
            ],
            2,
        ),
        "currency": rng.choice(
            CURRENCIES, size, p=[0.5, 0.15, 0.1, 0.1, 0.1, 0.05]
        ).tolist(),
        "category": rng.choice(["standard", "books", "food", "nonsense"], size).tolist(),
        "cost": _decimals([Decimal(v // 2).scaleb(-2) for v in cents], 2),
        "min_margin": _decimals(
            [Decimal(v) for v in rng.choice(["0.10", "0.25", "0.60"], size).tolist()], 2
        ),
    }
    if long:
        columns["market"] = rng.choice(["US", "SE", "JP", "FR"], size).tolist()
        floors = rng.integers(0, 10**5, size).tolist()
        columns["minimum_price"] = _decimals(
            [Decimal(v) if v % 3 == 0 else None for v in floors], 0
        )
    return pa.table(columns)


def frame(table: pa.Table, partitions: int) -> Any:
    return dd.from_pandas(
        table.to_pandas(types_mapper=pd.ArrowDtype), npartitions=partitions
    )


def in_order(table: pa.Table) -> pa.Table:
    """Rows by position, then market: one machine gives them market by market, Dask
    partition by partition."""
    keys = [("row", "ascending"), ("market", "ascending")]
    return table.replace_schema_metadata(None).sort_by(keys)


def same(got: BatchResult, wanted: BatchResult) -> None:
    for mine, theirs in ((got.rows, wanted.rows), (got.rejected, wanted.rejected)):
        assert in_order(pa.Table.from_pandas(mine, preserve_index=False)).equals(
            in_order(theirs)
        )


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two worker processes on loopback, closed after the module's tests."""
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


def on_cluster(client: Client, outcome: DaskBatchResult) -> BatchResult:
    rows, rejected = client.compute([outcome.rows, outcome.rejected])
    return BatchResult(rows=rows.result(TIMEOUT), rejected=rejected.result(TIMEOUT))


@pytest.mark.parametrize(
    ("seed", "size", "partitions", "long"),
    [(1, 300, 4, False), (2, 57, 5, True), (3, 9, 3, False), (4, 40, 6, True)],
)
def test_cluster_equals_one_machine(
    client: Client, seed: int, size: int, partitions: int, *, long: bool
) -> None:
    """On worker processes, every price and every refusal equals ``localize_catalog``
    on the whole catalog on one machine, ``row`` counted across partitions."""
    table = catalog(seed, size, long=long)
    wanted = localize_catalog(table, plan())
    assert len(wanted.rejected)  # both kinds of row are there
    assert len(wanted.rows)
    outcome = over_dask(localize_catalog, frame(table, partitions), plan())
    same(on_cluster(client, outcome), wanted)


def order_book() -> pa.Table:
    """Lines whose currencies (JPY, EUR, KWD), rates (19, 9.975 for Quebec's QST, 0)
    and refusals (an unknown place, a missing amount) differ from partition to
    partition, so a column type taken from the rows would differ too."""
    size = 24
    places = ["JP", "DE", "CA-QC", "XX", "FR", "DE"]
    return pa.table(
        {
            "line": [f"L{index}" for index in range(size)],
            "price_minor": [None if i == 5 else 999 * i + 7 for i in range(size)],
            "quantity": [1 + i % 4 for i in range(size)],
            "currency": [["JPY", "EUR", "KWD"][i % 3] for i in range(size)],
            "jurisdiction": [places[i % len(places)] for i in range(size)],
            "category": [["standard", "food", "zero_rated"][i % 3] for i in range(size)],
            "tax_name": ["QST" if i % 6 == 2 else None for i in range(size)],
            "date": pa.array([date(2026, 8, 1 + i) for i in range(size)], pa.date32()),
        }
    )


def stock_table() -> pa.Table:
    """SKUs, some refused (a negative lead time, a missing level), one partition all
    refused, with an order quantity finer than four places."""
    size = 12
    return pa.table(
        {
            "sku": [f"S{index}" for index in range(size)],
            "demand_mean": [100 + index for index in range(size)],
            "demand_std_dev": [20] * size,
            "lead_time": [-1 if index < 4 else 2 for index in range(size)],
            "service_level": pa.array(
                [None if index == 7 else Decimal("0.95") for index in range(size)]
            ),
            "order_quantity": pa.array([Decimal("50.123456")] * size, pa.decimal128(9, 6)),
        }
    )


def by_row(table: pa.Table) -> pa.Table:
    return table.replace_schema_metadata(None).sort_by([("row", "ascending")])


def same_rows(got: BatchResult, wanted: BatchResult) -> None:
    for mine, theirs in ((got.rows, wanted.rows), (got.rejected, wanted.rejected)):
        assert by_row(pa.Table.from_pandas(mine, preserve_index=False)).equals(
            by_row(theirs)
        )


@pytest.mark.parametrize(
    ("function", "table"),
    [
        (functools.partial(tax_lines, prices_include_tax=True), order_book()),
        (functools.partial(tax_lines, prices_include_tax=False), order_book()),
        (reorder_levels, stock_table()),
    ],
)
def test_other_batch_functions_equal_one_machine(
    client: Client, function: Any, table: pa.Table
) -> None:
    """``tax_lines`` and ``reorder_levels`` over Dask (on worker processes, and on one
    thread) equal the whole table on one machine: their column types depend on the
    input's types only, so every partition gives the types Dask was promised."""
    wanted = function(table)
    assert len(wanted.rows)
    assert len(wanted.rejected)
    outcome = over_dask(function, frame(table, 4))
    same_rows(on_cluster(client, outcome), wanted)
    with dask.config.set(scheduler="synchronous"):
        same_rows(outcome.compute(), wanted)


@pytest.mark.parametrize("function", [oss_return, tax_totals])
def test_functions_that_add_rows_up_are_refused_at_once(function: Any) -> None:
    """A partition's sums are not parts of a return: refused before anything runs,
    saying to run the function on the rows collected."""
    with pytest.raises(InvalidBatchError, match="on one machine") as refused:
        over_dask(functools.partial(function), frame(order_book(), 2))
    assert refused.value.field == "function"


def test_a_named_index_is_read_as_columns() -> None:
    """``set_index("sku")`` keeps the SKUs over Dask too, as on one machine."""
    table = catalog(11, 9)
    data = frame(table, 3).set_index("sku", sort=False)
    with dask.config.set(scheduler="synchronous"):
        outcome = over_dask(localize_catalog, data, plan()).compute()
    wanted = localize_catalog(table, plan())
    assert sorted(outcome.rows["sku"].tolist()) == sorted(
        wanted.rows.column("sku").to_pylist()
    )


def test_positions_count_across_partitions() -> None:
    """``row`` is the position in the whole frame: partition offset plus place in it."""
    table = catalog(5, 12)
    with dask.config.set(scheduler="synchronous"):
        outcome = over_dask(localize_catalog, frame(table, 4), plan()).compute()
    positions = {*outcome.rows["row"].tolist(), *outcome.rejected["row"].tolist()}
    assert positions == set(range(12))
    skus = table.column("sku").to_pylist()
    for found in (outcome.rows, outcome.rejected):
        assert found["sku"].tolist() == [skus[row] for row in found["row"].tolist()]
    assert list(outcome.rows.index) == list(range(len(outcome.rows)))


def test_an_empty_partition_prices_nothing_and_moves_nothing() -> None:
    """A partition left empty by a filter adds no rows and no offset."""
    table = catalog(10, 12)
    data = frame(table, 3)
    kept = data[~data["sku"].isin([f"SKU-10-{index}" for index in range(4, 8)])]
    with dask.config.set(scheduler="synchronous"):
        outcome = over_dask(localize_catalog, kept, plan()).compute()
    wanted = localize_catalog(
        table.filter(pa.array([not 4 <= i < 8 for i in range(12)])), plan()
    )
    assert sorted({*outcome.rows["row"], *outcome.rejected["row"]}) == list(range(8))
    same(outcome, wanted)


def test_meta_is_given_and_decimals_stay_decimals() -> None:
    """Dask is told the column types: decimals as Arrow decimals, never floats."""
    outcome = over_dask(localize_catalog, frame(catalog(6, 10), 2), plan())
    assert str(outcome.rows.dtypes["shown"]) == "decimal128(38, 2)[pyarrow]"
    assert list(outcome.rejected.columns) == [
        "row",
        "sku",
        "market",
        "field",
        "error",
        "message",
    ]


def test_the_plan_pickles_and_is_one_key_of_the_graph() -> None:
    """The plan is put in the graph once, however many partitions use it."""
    outcome = over_dask(localize_catalog, frame(catalog(7, 20), 5), plan())
    graph = dict(outcome.rows.__dask_graph__())
    assert len([key for key in graph if str(key).startswith("tuple-")]) == 1
    assert pickle.loads(pickle.dumps(plan())) == plan()  # noqa: S301  # our own bytes


def test_bad_arguments_are_refused_before_anything_runs() -> None:
    with pytest.raises(InvalidBatchError, match="plan"):
        over_dask(localize_catalog, frame(catalog(8, 4), 2), "not a plan")


@pytest.mark.parametrize(
    ("function", "data", "message"),
    [
        ("localize_catalog", None, "is not a batch function"),
        (localize_catalog, "frame", "is not a Dask DataFrame"),
        (lambda table, plan: table, None, "not a BatchResult"),
    ],
)
def test_refusals(function: Any, data: Any, message: str) -> None:
    given = frame(catalog(9, 4), 2) if data is None else data
    with pytest.raises(InvalidBatchError, match=message):
        over_dask(function, given, plan())


def test_a_column_of_python_objects_is_refused() -> None:
    """Without Dask's string conversion, Decimal objects stay ``object``: their Arrow
    type is unknown until read."""
    with dask.config.set({"dataframe.convert-string": False}):
        data = dd.from_pandas(
            pd.DataFrame({"sku": ["A"], "currency": ["EUR"], "price": [Decimal(1)]}),
            npartitions=1,
        ).astype({"sku": "string[pyarrow]", "currency": "string[pyarrow]"})
    with pytest.raises(InvalidBatchError, match="Python objects") as refused:
        over_dask(localize_catalog, data, plan())
    assert refused.value.field == "price"


def test_importing_the_batch_path_does_not_import_dask() -> None:
    code = (
        "import sys, commercekit.batch; "
        "print(sorted({'dask', 'distributed'} & set(sys.modules)))"
    )
    shown = subprocess.run(  # noqa: S603  # our own interpreter, a fixed script
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert shown.stdout.strip() == "[]"
