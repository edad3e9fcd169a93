"""Valid calls over ``commercekit.batch``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import pyarrow as pa

from commercekit.batch import plan_prices
from commercekit.money import RateTable
from commercekit.pricing import CHARM_99, Market
from tests.hostile import Call, call

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


CALLS: dict[str, Callable[[], Call]] = {
    "BatchResult": lambda: call(
        pa.table({"row": [0]}), pa.table({"row": pa.array([], pa.int64())})
    ),
    "PricePlan": lambda: call(_markets(), _rates(), on=DAY),
    "plan_prices": lambda: call(_markets(), _rates(), on=DAY),
    "localize_catalog": lambda: call(
        _catalog(), plan_prices(_markets(), _rates(), on=DAY), keys=["sku"]
    ),
}
