"""Time the batch path for order books and SKU catalogs beside the per-call loops.

Run: ``python bench/batch_tax.py`` (after ``pip install -e ".[batch]"``). Prints:

* lines taxed per second by ``batch.tax_lines`` over a 200,000-line order book (EU
  places, four categories, a year of days, tax-inclusive prices, half-even), beside the
  per-call loop ``rate_for`` + ``extract_tax`` on the same lines, with the ratio;
* the same for ``batch.oss_return`` on the taxed lines, beside a per-call loop adding
  the lines up by period, member state and rate in Python;
* SKUs planned per second by ``batch.reorder_levels`` over 20,000 SKU-locations (with
  repeated profiles, as a catalog has), beside ``lead_time_demand`` +
  ``safety_stock_for_cycle_service`` per SKU, with the ratio.

Before timing, each bench checks the batch's rows against the per-call loop on a
sample (every row of it) and says how many rows it checked: a speed bought with a
wrong figure fails here.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pyarrow as pa

from commercekit.batch import oss_return, reorder_levels, tax_lines
from commercekit.inventory import (
    DemandProfile,
    LeadTime,
    lead_time_demand,
    safety_stock_for_cycle_service,
)
from commercekit.money import Money, RoundingMode
from commercekit.tax import extract_tax, rate_for

LINES = 200_000
SKUS = 20_000
SAMPLE = 5_000
MODE = RoundingMode.HALF_EVEN
PLACES = ("DE", "FR", "IT", "ES", "NL", "PT-20", "FR-2A", "AT", "IE", "FI", "SE", "PL")
CATEGORIES = ("standard", "food", "books", "restaurant")


def _timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    found = function()
    return time.perf_counter() - started, found


def _book(size: int) -> pa.Table:
    rng = random.Random(17)
    start = date(2026, 1, 1)
    return pa.table(
        {
            "order": [f"O{index // 3}" for index in range(size)],
            "amount_minor": [rng.randint(1, 50_000) for _ in range(size)],
            "currency": ["EUR"] * size,
            "jurisdiction": [rng.choice(PLACES) for _ in range(size)],
            "category": [rng.choice(CATEGORIES) for _ in range(size)],
            "date": pa.array(
                [start + timedelta(days=rng.randrange(365)) for _ in range(size)],
                pa.date32(),
            ),
            # distance sales of goods from Belgian stock, for the Union return
            "supply": ["goods"] * size,
            "dispatched_from": ["BE"] * size,
        }
    )


def _per_call_taxes(book: pa.Table) -> list[tuple[Decimal, Decimal, Decimal]]:
    out = []
    for row in book.to_pylist():
        rate = rate_for(row["jurisdiction"], row["category"], on=row["date"])
        gross = Money(Decimal(row["amount_minor"]).scaleb(-2), row["currency"])
        taxed = extract_tax(gross, rate, mode=MODE)
        out.append((taxed.net.amount, taxed.tax.amount, taxed.gross.amount))
    return out


def taxes() -> pa.Table:
    book = _book(LINES)
    sample = book.slice(0, SAMPLE)
    rows = tax_lines(sample, prices_include_tax=True, mode=MODE).rows.to_pylist()
    assert [(r["net"], r["tax"], r["gross"]) for r in rows] == _per_call_taxes(sample)
    print(f"tax_lines: checked {len(rows):,} rows equal to rate_for + extract_tax")
    batch, taxed = _timed(lambda: tax_lines(book, prices_include_tax=True, mode=MODE))
    loop, _ = _timed(lambda: _per_call_taxes(book))
    print(
        f"tax_lines: {LINES:,} lines in {batch:.2f} s ({LINES / batch:,.0f} per second); "
        f"per-call loop {loop:.2f} s ({LINES / loop:,.0f} per second); "
        f"ratio {loop / batch:.1f}x"
    )
    return taxed.rows


def _per_call_return(lines: list[dict[str, Any]]) -> dict[tuple[Any, ...], list[Any]]:
    totals: dict[tuple[Any, ...], list[Any]] = {}
    for row in lines:
        day = row["date"]
        key = (
            f"{day.year}-Q{(day.month - 1) // 3 + 1}",
            row["jurisdiction"].partition("-")[0],
            row["rate"],
        )
        total = totals.setdefault(key, [Decimal(0), Decimal(0), 0])
        total[0] += row["net"]
        total[1] += row["tax"]
        total[2] += 1
    return totals


def returns(taxed: pa.Table) -> None:
    filed = oss_return(taxed, scheme="union", identified_in="BE")
    assert filed.refused == 0
    got = {
        (r["period"], r["member_state"], r["rate"]): [
            r["taxable_amount"],
            r["vat"],
            r["lines"],
        ]
        for r in filed.rows.to_pylist()
    }
    assert got == _per_call_return(taxed.to_pylist())
    print(f"oss_return: checked all {len(got):,} rows against the lines added up by hand")
    batch, _ = _timed(lambda: oss_return(taxed, scheme="union", identified_in="BE"))
    lines = taxed.to_pylist()
    loop, _ = _timed(lambda: _per_call_return(lines))
    print(
        f"oss_return: {taxed.num_rows:,} lines in {batch:.2f} s; a Python loop adding "
        f"them up (no checks) {loop:.2f} s; ratio {loop / batch:.1f}x"
    )


def _catalog(size: int) -> pa.Table:
    rng = random.Random(5)
    profiles = [
        (rng.randint(1, 500), rng.randint(0, 100), rng.choice([1, 2, 3, 4, 6]))
        for _ in range(size // 4)  # four locations share a profile on average
    ]
    chosen = [rng.choice(profiles) for _ in range(size)]
    return pa.table(
        {
            "sku": [f"S{index}" for index in range(size)],
            "demand_mean": [mean for mean, _, _ in chosen],
            "demand_std_dev": [spread for _, spread, _ in chosen],
            "lead_time": [lead for _, _, lead in chosen],
            "service_level": pa.array(
                [rng.choice([Decimal("0.9"), Decimal("0.95"), Decimal("0.98")])] * size
            ),
        }
    )


def _per_call_levels(catalog: pa.Table) -> list[tuple[Decimal, Decimal]]:
    out = []
    for row in catalog.to_pylist():
        demand = lead_time_demand(
            DemandProfile(row["demand_mean"], row["demand_std_dev"]),
            LeadTime(row["lead_time"]),
        )
        stock = safety_stock_for_cycle_service(demand, row["service_level"])
        out.append((stock.safety_stock, stock.reorder_point))
    return out


def levels() -> None:
    catalog = _catalog(SKUS)
    sample = catalog.slice(0, SAMPLE)
    rows = reorder_levels(sample).rows.to_pylist()
    assert [(r["safety_stock"], r["reorder_point"]) for r in rows] == _per_call_levels(
        sample
    )
    print(f"reorder_levels: checked {len(rows):,} rows equal to the per-call rules")
    batch, _ = _timed(lambda: reorder_levels(catalog))
    loop, _ = _timed(lambda: _per_call_levels(catalog))
    print(
        f"reorder_levels: {SKUS:,} SKU-locations in {batch:.2f} s "
        f"({SKUS / batch:,.0f} per second); per-call loop {loop:.2f} s; "
        f"ratio {loop / batch:.1f}x"
    )


if __name__ == "__main__":
    levels()
    returns(taxes())
