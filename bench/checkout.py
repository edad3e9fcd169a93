"""Time checkout quotes for carts of 10, 100 and 1,000 lines.

Run: ``python bench/checkout.py`` (after ``pip install -e .``). Prints the time per quote
for each cart size, and the time per line, which should stay roughly flat: a quote's
work grows linearly with the cart.

Beside each, the same run times two hand-written baselines doing only the arithmetic of
the quote (10 % off shared by largest remainder, VAT extracted per line at 7 % or 19 %
and rounded half up, shipping waived by the free-shipping promotion from EUR 50): one in
plain ``Decimal``, one with py-moneyed's ``Money``. They are given the rate card's
shipping price and each line's rate, and skip what a quote also does (the tax decision,
dated rate look-ups, the rate card, the invoice summary and the explanation), so the
ratio is the price of those. Before timing, the bench asserts that both baselines give
the quote's own tax and grand total on the same cart, and prints the figures it checked.
"""

from __future__ import annotations

import random
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
            weight_kg=D("0.01"),
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


def best(run: Callable[[], object], number: int) -> float:
    timer = timeit.Timer(run)
    return min(timer.repeat(number=number, repeat=5)) / number


def main() -> None:
    rng = random.Random(13)
    seller = Seller("NL", {"OSS"}, eu_sales_this_year=Money("42000", "EUR"))
    promotions = (
        Promotion("TEN", PercentOff(10)),
        Promotion("SHIP", FreeShipping(), minimum_subtotal=Money("50", "EUR")),
    )
    previous = None
    for size in (10, 100, 1000):
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
            f"{size:>5} lines: checked: tax {made.tax}, grand total {made.grand_total} "
            f"(shipping {made.shipping.price} waived: {made.shipping.gross.amount == 0}) "
            "equal in the quote and both baselines"
        )
        number = max(1, 2000 // size)
        seconds = best(lambda c=cart, x=context: quote(c, x), number)
        plain = best(lambda c=cart, r=rates, f=fee: decimal_quote(c, r, f), number)
        moneyed = best(lambda c=cart, r=rates, f=fee: moneyed_quote(c, r, f), number)
        per_line = seconds / size
        growth = f", x{seconds / previous:.1f} for x10 lines" if previous else ""
        print(
            f"{size:>5} lines: {seconds * 1e3:8.2f} ms per quote, "
            f"{per_line * 1e6:6.1f} us per line{growth}"
        )
        print(
            f"{'':>12}{seconds / plain:.1f}x plain Decimal ({plain * 1e3:.2f} ms), "
            f"{seconds / moneyed:.1f}x py-moneyed ({moneyed * 1e3:.2f} ms)"
        )
        previous = seconds


if __name__ == "__main__":
    main()
