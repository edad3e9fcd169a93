"""The batch path over Dask: the same rows, refusals and positions as on one machine,
on a local cluster of worker processes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from distributed import Client, LocalCluster

from commercekit.batch import BatchResult, DaskBatchResult, over_dask
from commercekit.batch._amounts import currencies, decimal_column, read_amounts
from commercekit.batch._rejects import Rejections
from commercekit.batch._result import result
from commercekit.batch._tables import to_arrow
from commercekit.errors import InvalidBatchError

TIMEOUT = 120
"""Seconds a cluster computation may take before the test fails instead of hanging."""


def doubled(table: Any, factor: int) -> BatchResult:
    """A small batch function: each price times ``factor``, bad rows refused."""
    if type(factor) is not int or not 1 <= factor <= 1000:
        raise InvalidBatchError.refused("factor", factor, "is not a whole number 1-1000")
    arrow, kind = to_arrow(table, "catalog")
    rejections = Rejections(arrow.num_rows)
    codes = currencies(arrow, "currency", rejections)
    amounts = read_amounts(arrow, "price", codes, rejections)
    assert amounts is not None
    price = decimal_column(amounts.units * factor, amounts.scale, 4, rejections.accepted)
    keep = pa.array(np.flatnonzero(rejections.accepted))
    rows = pa.table(
        {
            "row": pa.array(keep, pa.int64()),
            "sku": arrow.column("sku").take(keep),
            "price": price.take(keep),
        }
    )
    keys = arrow.select(["sku"])
    return result(rows, rejections, keys, np.arange(arrow.num_rows), kind)


def catalog(seed: int, size: int) -> pa.Table:
    """A random catalog with missing prices and unknown currencies among good rows."""
    rng = np.random.default_rng(seed)
    cents = rng.integers(-(10**6), 10**6, size)
    missing = rng.random(size) < 0.1
    codes = rng.choice(["EUR", "JPY", "KWD", "XYZ"], size, p=[0.5, 0.2, 0.2, 0.1])
    return pa.table(
        {
            "sku": [f"SKU-{seed}-{index}" for index in range(size)],
            "price": pa.array(
                [
                    None if gone else Decimal(int(value)).scaleb(-2)
                    for value, gone in zip(cents.tolist(), missing.tolist(), strict=True)
                ],
                pa.decimal128(12, 2),
            ),
            "currency": codes.tolist(),
        }
    )


def frame(table: pa.Table, partitions: int) -> Any:
    return dd.from_pandas(
        table.to_pandas(types_mapper=pd.ArrowDtype), npartitions=partitions
    )


def arrow_of(table: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(table, preserve_index=False).replace_schema_metadata(None)


def same(got: BatchResult, wanted: BatchResult) -> None:
    assert arrow_of(got.rows).equals(wanted.rows)
    assert arrow_of(got.rejected).equals(wanted.rejected)


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
    ("seed", "size", "partitions"), [(1, 200, 4), (2, 57, 5), (3, 9, 3)]
)
def test_cluster_equals_one_machine(
    client: Client, seed: int, size: int, partitions: int
) -> None:
    """On worker processes, every row computed and every row refused equals the
    single-machine batch on the whole catalog, ``row`` counted across partitions."""
    table = catalog(seed, size)
    wanted = doubled(table, 3)
    assert wanted.refused  # both kinds of row are there
    assert len(wanted.rows)
    same(on_cluster(client, over_dask(doubled, frame(table, partitions), 3)), wanted)


def test_positions_count_across_partitions() -> None:
    """``row`` is the position in the whole frame: partition offset plus place in it."""
    table = catalog(4, 12)
    with dask.config.set(scheduler="synchronous"):
        outcome = over_dask(doubled, frame(table, 4), 1).compute()
    positions = sorted([*outcome.rows["row"].tolist(), *outcome.rejected["row"].tolist()])
    assert positions == list(range(12))
    assert outcome.rows["sku"].tolist() == [
        table.column("sku")[row].as_py() for row in outcome.rows["row"].tolist()
    ]


def test_meta_is_given_and_decimals_stay_decimals() -> None:
    """Dask is told the column types: decimals as Arrow decimals, never floats."""
    outcome = over_dask(doubled, frame(catalog(5, 10), 2), 2)
    assert str(outcome.rows.dtypes["price"]) == "decimal128(38, 4)[pyarrow]"
    assert list(outcome.rejected.columns) == ["row", "sku", "field", "error", "message"]


def test_bad_arguments_are_refused_before_anything_runs() -> None:
    with pytest.raises(InvalidBatchError, match="factor"):
        over_dask(doubled, frame(catalog(6, 4), 2), 0.5)


@pytest.mark.parametrize(
    ("function", "data", "message"),
    [
        ("doubled", None, "is not a batch function"),
        (doubled, "frame", "is not a Dask DataFrame"),
        (lambda table: table, None, "not a BatchResult"),
    ],
)
def test_refusals(function: Any, data: Any, message: str) -> None:
    given = frame(catalog(7, 4), 2) if data is None else data
    with pytest.raises(InvalidBatchError, match=message):
        over_dask(function, given)


def test_a_column_of_python_objects_is_refused() -> None:
    """Without Dask's string conversion, Decimal objects stay ``object``: their Arrow
    type is unknown until read."""
    with dask.config.set({"dataframe.convert-string": False}):
        data = dd.from_pandas(
            pd.DataFrame({"sku": ["A"], "currency": ["EUR"], "price": [Decimal(1)]}),
            npartitions=1,
        ).astype({"sku": "string[pyarrow]", "currency": "string[pyarrow]"})
    with pytest.raises(InvalidBatchError, match="Python objects") as refused:
        over_dask(doubled, data, 1)
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
