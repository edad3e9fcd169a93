"""Time rate lookups and a 1,000-line mixed-rate cart beside hand-written Decimal code.

Run: ``python bench/tax.py`` (after ``pip install -e .``). Prints:

* rate lookups per second over a 1,000,000-lookup loop (``rate_for`` across
  jurisdictions, categories and dates), beside a plain dict lookup of a fixed rate;
* the tax on a 1,000-line cart mixing 19 % and 7 % lines, per line and per invoice,
  beside a hand-written Decimal loop doing the same arithmetic, with the ratio.
"""

from __future__ import annotations

import random
import time
import timeit
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from commercekit.money import Money
from commercekit.tax import RoundingLevel, TaxLine, rate_for, tax_invoice

CENT = Decimal("0.01")
LOOKUPS = 1_000_000


def lookups() -> None:
    rng = random.Random(3)
    cases = [
        (code, category, date(2024, 1, 1).fromordinal(date(2024, 1, 1).toordinal() + day))
        for code, category, day in (
            (
                rng.choice(["DE", "FR", "FI", "EE", "GB", "CH", "NO", "JP", "AU"]),
                rng.choice(["standard", "food", "books", "restaurant", "medicines"]),
                rng.randrange(1000),
            )
            for _ in range(1000)
        )
    ]
    started = time.perf_counter()
    for index in range(LOOKUPS):
        code, category, day = cases[index % 1000]
        rate_for(code, category, on=day)
    ours = time.perf_counter() - started
    table = {("DE", "standard"): Decimal(19)}
    started = time.perf_counter()
    for _ in range(LOOKUPS):
        table["DE", "standard"]
    plain = time.perf_counter() - started
    print(
        f"rate_for: {LOOKUPS:,} lookups in {ours:.2f} s ({LOOKUPS / ours:,.0f} per second)"
    )
    print(
        f"plain dict of one fixed rate (no dates, no categories): {plain:.2f} s; "
        f"ratio {ours / plain:.1f}x"
    )


def cart() -> None:
    on = date(2026, 11, 26)
    standard = rate_for("DE", "standard", on=on)
    food = rate_for("DE", "food", on=on)
    rng = random.Random(4)
    rows = [
        (Decimal(rng.randint(50, 20_000)).scaleb(-2), rng.randint(1, 5), rng.random() < 0.4)
        for _ in range(1000)
    ]
    lines = [
        TaxLine(Money(price, "EUR"), quantity, food if is_food else standard)
        for price, quantity, is_food in rows
    ]

    def by_hand() -> Decimal:
        # Prices net of tax; tax per line, half-up to the cent.
        total = Decimal(0)
        for price, quantity, is_food in rows:
            net = (price * quantity).quantize(CENT, ROUND_HALF_UP)
            rate = Decimal("0.07") if is_food else Decimal("0.19")
            total += (net * rate).quantize(CENT, ROUND_HALF_UP)
        return total

    assert tax_invoice(lines, prices_include_tax=False).tax.amount == by_hand()
    plain = min(timeit.repeat(by_hand, number=20, repeat=5)) / 20
    per_line = (
        min(
            timeit.repeat(
                lambda: tax_invoice(lines, prices_include_tax=False), number=5, repeat=5
            )
        )
        / 5
    )
    per_invoice = (
        min(
            timeit.repeat(
                lambda: tax_invoice(
                    lines, prices_include_tax=False, rounding=RoundingLevel.INVOICE
                ),
                number=5,
                repeat=5,
            )
        )
        / 5
    )
    print(f"1,000-line cart, hand-written Decimal loop: {plain * 1e3:.2f} ms")
    print(
        f"tax_invoice per line: {per_line * 1e3:.2f} ms ({per_line / plain:.1f}x); "
        f"per invoice: {per_invoice * 1e3:.2f} ms ({per_invoice / plain:.1f}x)"
    )


if __name__ == "__main__":
    lookups()
    cart()
