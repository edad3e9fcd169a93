"""Valid calls over ``commercekit.batch``."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import dask.dataframe as dd
import pyarrow as pa

from commercekit.batch import localize_catalog
from tests.hostile import Call, call
from tests.test_batch_dask import frame, plan


def _frame() -> dd.DataFrame:
    prices = pa.array([Decimal("1.50"), Decimal("2.25"), None], pa.decimal128(12, 2))
    catalog = pa.table({"sku": ["A", "B", "C"], "price": prices, "currency": ["EUR"] * 3})
    return frame(catalog, 2)


CALLS: dict[str, Callable[[], Call]] = {
    "BatchResult": lambda: call(
        pa.table({"row": [0]}), pa.table({"row": pa.array([], pa.int64())})
    ),
    "DaskBatchResult": lambda: call(_frame(), _frame()),
    "over_dask": lambda: call(localize_catalog, _frame(), plan()),
}
