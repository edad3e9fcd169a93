"""Time commercekit's money core beside plain Decimal code and py-moneyed, in one run.

Run: ``python bench/money.py`` (after ``pip install -e .``). Each operation is timed
with ``timeit`` (best of several repeats) and printed per call, with the ratio to the
baselines measured in the same run:

* add: ``a + b``;
* multiply-and-round: price x 1.19, rounded half-up to cents;
* allocate: EUR 1,234,567.89 over 1,000 ratios (largest remainder, exact);
* format: EUR 1,234.56 for the ``de_DE`` locale.

Targets (issue #2): add and multiply-and-round take at most half of py-moneyed's time;
allocate over 1,000 ratios under 1 ms.
"""

from __future__ import annotations

import random
import timeit
from collections.abc import Callable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import moneyed
from babel.numbers import format_currency
from moneyed.l10n import format_money as moneyed_format

from commercekit.money import Money, allocate, format_money, round_money

CENT = Decimal("0.01")
VAT = Decimal("1.19")


def best(function: Callable[[], object], number: int) -> float:
    """Seconds per call: the best of five repeats of ``number`` calls."""
    return min(timeit.repeat(function, number=number, repeat=5)) / number


def decimal_allocate(total: Decimal, ratios: list[Decimal]) -> list[Decimal]:
    """Largest remainder in plain Decimal code, as one would write it by hand."""
    weight = sum(ratios)
    exact = [total * ratio / weight for ratio in ratios]
    parts = [share.quantize(CENT, ROUND_DOWN) for share in exact]
    leftover = int((total - sum(parts)) / CENT)
    order = sorted(range(len(parts)), key=lambda i: parts[i] - exact[i])
    for index in order[:leftover]:
        parts[index] += CENT
    return parts


def main() -> None:
    a_dec, b_dec = Decimal("1234.56"), Decimal("78.90")
    a_ck, b_ck = Money(a_dec, "EUR"), Money(b_dec, "EUR")
    a_py, b_py = moneyed.Money(a_dec, "EUR"), moneyed.Money(b_dec, "EUR")
    rng = random.Random(2)
    ratios = [Decimal(rng.randint(1, 10_000)).scaleb(-2) for _ in range(1000)]
    total_dec = Decimal("1234567.89")
    total_ck = Money(total_dec, "EUR")
    assert sum(allocate(total_ck, ratios)) == total_ck
    assert sum(decimal_allocate(total_dec, ratios)) == total_dec

    rows = [
        (
            "add",
            best(lambda: a_dec + b_dec, 200_000),
            best(lambda: a_py + b_py, 200_000),
            best(lambda: a_ck + b_ck, 200_000),
        ),
        (
            "multiply-and-round",
            best(lambda: (a_dec * VAT).quantize(CENT, ROUND_HALF_UP), 200_000),
            best(lambda: (a_py * VAT).round(2), 200_000),
            best(lambda: round_money(a_ck * VAT), 200_000),
        ),
        (
            "allocate 1,000 ratios",
            best(lambda: decimal_allocate(total_dec, ratios), 50),
            None,
            best(lambda: allocate(total_ck, ratios), 50),
        ),
        (
            "format_money de_DE",
            best(lambda: format_currency(a_dec, "EUR", locale="de_DE"), 5_000),
            best(lambda: moneyed_format(a_py, locale="de_DE"), 5_000),
            best(lambda: format_money(a_ck, "de_DE"), 5_000),
        ),
    ]

    print(
        f"{'operation':<22} {'Decimal':>11} {'py-moneyed':>11} {'commercekit':>12}"
        f" {'ck/Decimal':>11} {'ck/moneyed':>11}"
    )
    for name, plain, py, ours in rows:
        py_text = f"{py * 1e6:9.3f}µs" if py else f"{'n/a':>11}"
        vs_py = f"{ours / py:10.2f}x" if py else f"{'n/a':>11}"
        print(
            f"{name:<22} {plain * 1e6:9.3f}µs {py_text} {ours * 1e6:10.3f}µs"
            f" {ours / plain:10.2f}x {vs_py}"
        )
    add, mul, alloc = rows[0], rows[1], rows[2]
    print()
    print(f"target add <= 0.5x py-moneyed: {add[3] / add[2]:.2f}x")  # type: ignore[operator]
    print(f"target multiply-and-round <= 0.5x py-moneyed: {mul[3] / mul[2]:.2f}x")  # type: ignore[operator]
    print(f"target allocate over 1,000 ratios < 1 ms: {alloc[3] * 1e3:.3f} ms")


if __name__ == "__main__":
    main()
