"""Valid calls over ``commercekit.batch``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import dask.dataframe as dd
import pyarrow as pa

from commercekit.batch import localize_catalog, plan_prices, tax_lines
from commercekit.money import RateTable
from commercekit.pricing import CHARM_99, Market
from tests.hostile import Call, call
from tests.test_batch_dask import frame

DAY = date(2026, 6, 1)


def _markets() -> list[Market]:
    return [
        Market("DE", "EUR", tax_jurisdiction="DE", tax_inclusive=True),
        Market("US", "USD", price_point=CHARM_99, conversion_fee=Decimal(2)),
    ]


def _rates() -> RateTable:
    return RateTable(
        base="EUR",
        rates={"USD": Decimal("1.05")},
        observed_at=datetime(2026, 5, 29, 16, 0, tzinfo=UTC),
        provider="example rates",
    )


def _catalog() -> pa.Table:
    return pa.table(
        {
            "sku": ["TEE", "MUG"],
            "price": pa.array([Decimal("20.00"), Decimal("9.50")], pa.decimal128(10, 2)),
            "currency": ["EUR", "EUR"],
        }
    )


def _lines() -> pa.Table:
    return pa.table(
        {
            "order": ["A1", "A1"],
            "amount": pa.array([Decimal("119.00"), Decimal("9.99")], pa.decimal128(10, 2)),
            "currency": ["EUR", "EUR"],
            "jurisdiction": ["DE", "FR"],
            "category": ["standard", "books"],
            "date": pa.array([date(2026, 11, 26)] * 2, pa.date32()),
        }
    )


def _skus() -> pa.Table:
    return pa.table(
        {
            "sku": ["MUG"],
            "demand_mean": [100],
            "demand_std_dev": [20],
            "lead_time": [4],
            "service_level": pa.array([Decimal("0.95")]),
            "order_quantity": [400],
        }
    )


def _frame() -> dd.DataFrame:
    prices = pa.array([Decimal("1.50"), Decimal("2.25"), None], pa.decimal128(12, 2))
    catalog = pa.table({"sku": ["A", "B", "C"], "price": prices, "currency": ["EUR"] * 3})
    return frame(catalog, 2)


CALLS: dict[str, Callable[[], Call]] = {
    "BatchResult": lambda: call(
        pa.table({"row": [0]}), pa.table({"row": pa.array([], pa.int64())})
    ),
    "tax_lines": lambda: call(_lines(), prices_include_tax=True, mode="half-even"),
    "tax_totals": lambda: call(
        tax_lines(_lines(), prices_include_tax=True).rows, by=["order"]
    ),
    "oss_return": lambda: call(
        tax_lines(_lines(), prices_include_tax=True).rows,
        scheme="union",
        identified_in="DE",
    ),
    "reorder_levels": lambda: call(_skus(), measure="fill_rate", shortfall="lost_sales"),
    "PricePlan": lambda: call(_markets(), _rates(), on=DAY),
    "plan_prices": lambda: call(_markets(), _rates(), on=DAY),
    "localize_catalog": lambda: call(
        _catalog(), plan_prices(_markets(), _rates(), on=DAY), keys=["sku"]
    ),
    "DaskBatchResult": lambda: call(_frame(), _frame()),
    "over_dask": lambda: call(
        localize_catalog, _frame(), plan_prices(_markets(), _rates(), on=DAY)
    ),
}
