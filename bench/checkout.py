"""Time checkout quotes for carts of 10, 100 and 1,000 lines.

Run: ``python bench/checkout.py`` (after ``pip install -e .``). Prints the time per quote
for each cart size, and the time per line, which should stay roughly flat: a quote's
work grows linearly with the cart.
"""

from __future__ import annotations

import random
import timeit
from datetime import UTC, datetime
from decimal import Decimal

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine, FreeShipping, PercentOff, Promotion
from commercekit.shipping import example_rate_cards
from commercekit.tax import Buyer, Seller

D = Decimal
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
        number = max(1, 2000 // size)
        timer = timeit.Timer(lambda c=cart, x=context: quote(c, x))
        seconds = min(timer.repeat(number=number, repeat=5)) / number
        per_line = seconds / size
        growth = f", x{seconds / previous:.1f} for x10 lines" if previous else ""
        print(
            f"{size:>5} lines: {seconds * 1e3:8.2f} ms per quote, "
            f"{per_line * 1e6:6.1f} us per line{growth}"
        )
        previous = seconds


if __name__ == "__main__":
    main()
