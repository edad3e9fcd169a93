"""Time the batch path: a catalog's base prices into ten markets, beside the per-call loop.

Run: ``python bench/batch.py`` (after ``pip install -e ".[batch]"``). Prints prices per
second for ``localize_catalog`` on 1,000,000 SKUs into the ten markets of
``bench/pricing.py`` (10,000,000 prices: conversion, fee, tax shown the market's way,
price point), for the per-call ``localize_price`` loop on a sample of the same inputs,
and their ratio, beside the targets (at least 10 million prices a second on one core,
and at least 100 times the per-call loop). It also times a catalog with the exact
Python-integer path (amounts whose intermediate products pass int64) and a catalog with
tax categories and margin floors.

Before timing, it asserts that the batch rows equal ``localize_price`` on a sample of
the same inputs (converted, fee, with tax, shown, floor and bound_by), and says how many
it checked. Times are CPU seconds of this process (``time.process_time``), best of three
after a warm-up run, so that other work on the machine does not count; the wall-clock
time is printed beside them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa

from commercekit.batch import localize_catalog, plan_prices
from commercekit.money import Money
from commercekit.pricing import localize_price
from pricing import MARKETS, ON, RATES  # bench/pricing.py: the same ten markets

D = Decimal
ROWS = 1_000_000
SAMPLE = 2_000
CATEGORIES = ("standard", "books", "food", "restaurant")
TARGET_RATE = 10_000_000
TARGET_RATIO = 100


def catalog(size: int, *, seed: int, floors: bool = False, big: bool = False) -> pa.Table:
    """``size`` SKUs priced in EUR cents (from 1.00 to 9,999.99; with ``big``, around
    EUR 10^15, so that converting passes int64), optionally with tax categories and a
    cost at a 25 % minimum margin."""
    rng = np.random.default_rng(seed)
    low, high = (10**16, 10**17) if big else (100, 1_000_000)
    prices = rng.integers(low, high, size)
    columns: dict[str, Any] = {
        "sku": pa.array([f"SKU-{index}" for index in range(size)]),
        "price_minor": prices,
        "currency": pa.array(["EUR"] * size),
    }
    if floors:
        columns["category"] = pa.array(rng.choice(CATEGORIES, size).tolist())
        columns["cost_minor"] = prices * rng.integers(40, 90, size) // 100
        columns["min_margin"] = pa.array([D("0.25")] * size, pa.decimal128(4, 2))
    return pa.table(columns)


def per_call(table: pa.Table, index: int, market: Any) -> Any:
    """``localize_price`` for row ``index`` of ``table``, as a caller would call it."""
    row = table.slice(index, 1).to_pylist()[0]
    extra: dict[str, Any] = {}
    if "category" in row:
        extra = {
            "category": row["category"],
            "cost": Money(D(row["cost_minor"]).scaleb(-2), "EUR"),
            "min_margin": row["min_margin"],
        }
    base = Money(D(row["price_minor"]).scaleb(-2), "EUR")
    return localize_price(base, market, RATES, on=ON, **extra)


def check(table: pa.Table, rows: pa.Table, rng: random.Random) -> int:
    """Assert that sampled batch rows equal ``localize_price``; the number checked."""
    size = table.num_rows
    for _ in range(SAMPLE):
        index, position = rng.randrange(size), rng.randrange(len(MARKETS))
        got = rows.slice(position * size + index, 1).to_pylist()[0]
        want = per_call(table, index, MARKETS[position])
        assert (got["row"], got["market"]) == (index, MARKETS[position].code)
        assert [got[name] for name in ("converted", "fee", "with_tax", "shown")] == [
            want.converted.amount,
            want.fee.amount,
            want.with_tax.amount,
            want.shown.amount,
        ], (index, got, want)
        floor = None if want.floor is None else want.floor.amount
        assert (got["floor"], got["bound_by"]) == (floor, want.bound_by)
    return SAMPLE


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """CPU and wall seconds of ``run``: best of three after a warm-up."""
    run()
    best = (float("inf"), float("inf"))
    for _ in range(3):
        cpu, wall = time.process_time(), time.perf_counter()
        run()
        best = min(best, (time.process_time() - cpu, time.perf_counter() - wall))
    return best


def batch_rate(table: pa.Table, plan: Any) -> tuple[float, float]:
    prices = table.num_rows * len(MARKETS)
    cpu, wall = timed(lambda: localize_catalog(table, plan))
    return prices / cpu, prices / wall


def per_call_rate(table: pa.Table, rng: random.Random) -> float:
    chosen = [rng.randrange(table.num_rows) for _ in range(SAMPLE // len(MARKETS))]
    inputs = [
        (Money(D(price).scaleb(-2), "EUR"), market)
        for price in table.column("price_minor").take(chosen).to_pylist()
        for market in MARKETS
    ]
    cpu, _ = timed(lambda: [localize_price(p, m, RATES, on=ON) for p, m in inputs])
    return len(inputs) / cpu


def main() -> None:
    rng = random.Random(17)
    plan = plan_prices(MARKETS, RATES, on=ON)
    simple = catalog(ROWS, seed=1)
    checked = check(simple, localize_catalog(simple, plan).rows, rng)
    print(f"checked {checked:,} batch rows against localize_price: all equal")
    batch, wall = batch_rate(simple, plan)
    calls = per_call_rate(simple, rng)
    print(
        f"batch, {ROWS:,} SKUs x {len(MARKETS)} markets: {batch:,.0f} prices/s "
        f"(wall clock {wall:,.0f}; target {TARGET_RATE:,})"
    )
    print(f"per-call localize_price loop: {calls:,.0f} prices/s")
    print(f"ratio: {batch / calls:,.0f}x (target {TARGET_RATIO}x)")

    floors = catalog(ROWS // 10, seed=2, floors=True)
    checked = check(floors, localize_catalog(floors, plan).rows, rng)
    rate, _ = batch_rate(floors, plan)
    print(
        f"with tax categories and margin floors ({checked:,} rows checked): "
        f"{rate:,.0f} prices/s ({batch / rate:.1f}x slower)"
    )
    big = catalog(ROWS // 100, seed=3, big=True)
    checked = check(big, localize_catalog(big, plan).rows, rng)
    rate, _ = batch_rate(big, plan)
    print(
        f"exact Python-int path, amounts past int64 ({checked:,} rows checked): "
        f"{rate:,.0f} prices/s ({batch / rate:.0f}x slower; {rate / calls:.1f}x the "
        "per-call loop)"
    )


if __name__ == "__main__":
    main()
