"""Time checkout quotes for carts of 10, 100, 1,000 and 10,000 lines.

Run: ``python bench/checkout.py`` (after ``pip install -e .``). Prints, for each cart
size, the time per quote and per line (which should stay roughly flat: a quote's work
grows linearly with the cart, so 10,000 lines cost about ten times 1,000), timed in
the process's CPU time with the garbage collector on, as in real use.

Beside each, the same run times two hand-written baselines, in turns with the quote (a
slow spell of a shared machine slows all three alike), doing only the arithmetic of the
quote (10 % off shared by largest remainder, VAT extracted per line at 7 % or 19 %
and rounded half up, shipping waived by the free-shipping promotion from EUR 50): one in
plain ``Decimal``, one with py-moneyed's ``Money``. They are given the rate card's
shipping price and each line's rate, and skip what a quote also does (the tax decision,
dated rate look-ups, the rate card, the invoice summary and the explanation), so the
ratio is the price of those. Before timing, the bench asserts that both baselines give
the quote's own tax and grand total on the same cart, and prints the figures it checked.

Targets (issue 17): at 1,000 lines a quote costs at most 4x the plain-``Decimal``
loop, and the cost per line at 10,000 lines stays within 1.5x of that at 1,000 (linear
growth); the last lines print both beside their targets.
"""

from __future__ import annotations

import gc
import random
import time
import timeit
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

from moneyed import Money as MoneyedMoney

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine, FreeShipping, PercentOff, Promotion
from commercekit.shipping import example_rate_cards
from commercekit.tax import Buyer, Seller

D = Decimal
CENT = D("0.01")
AT = datetime(2026, 11, 26, 12, tzinfo=UTC)


def cart_of(size: int, rng: random.Random) -> tuple[Cart, dict[str, Product]]:
    lines = [
        CartLine(
            f"SKU{i:04d}",
            Money(D(rng.randint(100, 9000)).scaleb(-2), "EUR"),
            rng.randint(1, 3),
        )
        for i in range(size)
    ]
    products = {
        line.sku: Product(
            line.sku,
            tax_category="books" if i % 3 == 0 else "standard",
            weight_kg=D("0.001"),  # 10,000 lines still ship as one parcel
        )
        for i, line in enumerate(lines)
    }
    return Cart(lines), products


def shares(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split ``total`` cents over ``weights`` by largest remainder (plain Decimal)."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    parts = [e.quantize(CENT, rounding="ROUND_DOWN") for e in exact]
    left = int((total - sum(parts)) / CENT)
    order = sorted(range(len(parts)), key=lambda i: parts[i] - exact[i])
    for i in order[:left]:
        parts[i] += CENT
    return parts


FREE_SHIPPING_FROM = D("50")
"""The free-shipping promotion's minimum subtotal (before the 10 % off), as in main()."""


def decimal_quote(
    cart: Cart, rates: list[Decimal], shipping: Decimal
) -> tuple[Decimal, Decimal]:
    """The quote's arithmetic by hand: (tax, grand total) with 10 % off, VAT extracted
    per line, and the shipping price unless the free-shipping promotion waives it."""
    amounts = [line.unit_price.amount * line.quantity for line in cart.lines]
    subtotal = sum(amounts, D(0))
    discount = (subtotal * D("0.10")).quantize(CENT, rounding="ROUND_HALF_UP")
    tax = total = D(0)
    for amount, off, rate in zip(amounts, shares(discount, amounts), rates, strict=True):
        gross = amount - off
        tax += (gross * rate / (100 + rate)).quantize(CENT, rounding="ROUND_HALF_UP")
        total += gross
    return tax, total + (D(0) if subtotal >= FREE_SHIPPING_FROM else shipping)


def moneyed_quote(
    cart: Cart, rates: list[Decimal], shipping: Decimal
) -> tuple[MoneyedMoney, MoneyedMoney]:
    """The same arithmetic with py-moneyed amounts."""
    amounts = [
        MoneyedMoney(line.unit_price.amount, "EUR") * line.quantity for line in cart.lines
    ]
    subtotal = sum(amounts, MoneyedMoney(0, "EUR"))
    discount = (subtotal * D("0.10")).amount.quantize(CENT, rounding="ROUND_HALF_UP")
    offs = shares(discount, [a.amount for a in amounts])
    tax = total = MoneyedMoney(0, "EUR")
    for amount, off, rate in zip(amounts, offs, rates, strict=True):
        gross = amount - MoneyedMoney(off, "EUR")
        tax += MoneyedMoney(
            (gross.amount * rate / (100 + rate)).quantize(CENT, rounding="ROUND_HALF_UP"),
            "EUR",
        )
        total += gross
    waived = subtotal.amount >= FREE_SHIPPING_FROM
    return tax, total + MoneyedMoney(0 if waived else shipping, "EUR")


def best(runs: list[Callable[[], object]], number: int) -> list[float]:
    """The best of seven timings of each of ``runs``, in this process's CPU time (other
    work on a shared machine does not count), with the garbage collector on (timeit
    turns it off unless the setup turns it back on). The runs take turns, round by
    round, so that a slow spell of the machine slows all of them alike."""
    timers = [
        timeit.Timer(run, setup="gc.enable()", timer=time.process_time, globals={"gc": gc})
        for run in runs
    ]
    found = [float("inf")] * len(runs)
    for _ in range(7):
        for index, timer in enumerate(timers):
            found[index] = min(found[index], timer.timeit(number=number) / number)
    return found


def main() -> None:
    rng = random.Random(13)
    seller = Seller("NL", {"OSS"}, eu_sales_this_year=Money("42000", "EUR"))
    promotions = (
        Promotion("TEN", PercentOff(10)),
        Promotion("SHIP", FreeShipping(), minimum_subtotal=Money("50", "EUR")),
    )
    per_line: dict[int, tuple[float, float]] = {}
    for size in (10, 100, 1000, 10_000):
        per_line[size] = _timed(size, rng, seller, promotions)
    ratio_1k = per_line[1000][1]
    growth = per_line[10_000][0] / per_line[1000][0]
    print(
        f"per line: {per_line[1000][0] * 1e6:.1f} us at 1,000 lines, "
        f"{per_line[10_000][0] * 1e6:.1f} us at 10,000 lines"
    )
    print(
        f"target: at most 4x plain Decimal at 1,000 lines: {ratio_1k:.1f}x "
        f"({'met' if ratio_1k <= 4 else 'not met'}); linear to 10,000 lines (per line "
        f"within 1.5x): {growth:.2f}x ({'met' if growth <= 1.5 else 'not met'})"
    )


def _timed(
    size: int, rng: random.Random, seller: Seller, promotions: tuple[Promotion, ...]
) -> tuple[float, float]:
    """Check and time one cart size; (seconds per line, ratio to plain Decimal)."""
    cart, products = cart_of(size, rng)
    context = CheckoutContext(
        seller,
        Buyer("DE"),
        at=AT,
        prices_include_tax=True,
        products=products,
        promotions=promotions,
        rate_cards=example_rate_cards(),
    )
    rates = [D(7) if i % 3 == 0 else D(19) for i in range(size)]
    # The baselines must compute the quote's own figures on the same cart.
    made = quote(cart, context)
    assert made.shipping is not None
    fee = made.shipping.price.amount
    wanted = (made.tax.amount, made.grand_total.amount)
    assert decimal_quote(cart, rates, fee) == wanted, (
        decimal_quote(cart, rates, fee),
        wanted,
    )
    tax, total = moneyed_quote(cart, rates, fee)
    assert (tax.amount, total.amount) == wanted
    print(
        f"{size:>6} lines: checked: tax {made.tax}, grand total {made.grand_total} "
        f"(shipping {made.shipping.price} waived: {made.shipping.gross.amount == 0}) "
        "equal in the quote and both baselines"
    )
    number = max(1, 2000 // size)
    seconds, plain, moneyed = best(
        [
            lambda: quote(cart, context),
            lambda: decimal_quote(cart, rates, fee),
            lambda: moneyed_quote(cart, rates, fee),
        ],
        number,
    )
    print(
        f"{size:>6} lines: {seconds * 1e3:8.2f} ms per quote, "
        f"{seconds / size * 1e6:6.1f} us per line; {seconds / plain:.1f}x plain Decimal "
        f"({plain * 1e3:.2f} ms), {seconds / moneyed:.1f}x py-moneyed "
        f"({moneyed * 1e3:.2f} ms)"
    )
    return seconds / size, seconds / plain


if __name__ == "__main__":
    main()
