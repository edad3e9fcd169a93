"""Time pricing: a promoted 1,000-line cart, and localizing prices into ten markets.

Run: ``python bench/pricing.py`` (after ``pip install -e .``). Prints, each beside plain
Decimal code doing the same arithmetic in the same run:

* a 1,000-line cart with three stacked promotions (20 % off a collection, 10 % off the
  order spread over the lines by largest remainder, free shipping over EUR 50), with
  the ratio (target: at most 3x);
* prices localized per second, one ``localize_price`` call each (100,000 base prices
  spread over 10 markets: conversion, fee, tax shown the market's way, price point),
  beside the target (issue 17: at least 150,000 a second), in the process's CPU time
  (other work on a shared machine does not count), with the garbage collector on.
"""

from __future__ import annotations

import random
import time
import timeit
from datetime import UTC, date, datetime
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal

from commercekit.money import Money, RateTable
from commercekit.pricing import (
    CHARM_99,
    Cart,
    CartLine,
    FreeShipping,
    Market,
    PercentOff,
    PricePoint,
    Promotion,
    PromotionClass,
    apply_promotions,
    localize_price,
)

D = Decimal
ON = date(2026, 11, 26)
RATES = RateTable(
    base="EUR",
    rates={
        "USD": D("1.05"),
        "GBP": D("0.84"),
        "SEK": D("11.20"),
        "JPY": D("161.00"),
        "CHF": D("0.93"),
        "AUD": D("1.65"),
        "NOK": D("11.75"),
        "CAD": D("1.46"),
        "NZD": D("1.85"),
    },
    observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
    provider="example reference rates",
)
TENS_ENDING_9 = PricePoint(D(10), (D(9),))
MARKETS = [
    Market("DE", "EUR", tax_jurisdiction="DE", tax_inclusive=True, price_point=CHARM_99),
    Market("US", "USD", price_point=CHARM_99, conversion_fee=D(2)),
    Market("GB", "GBP", tax_jurisdiction="GB", tax_inclusive=True, price_point=CHARM_99),
    Market(
        "SE", "SEK", tax_jurisdiction="SE", tax_inclusive=True, price_point=TENS_ENDING_9
    ),
    Market(
        "JP",
        "JPY",
        tax_jurisdiction="JP",
        tax_inclusive=True,
        price_point=PricePoint(D(1000), (D(980),)),
    ),
    Market(
        "CH",
        "CHF",
        tax_jurisdiction="CH",
        tax_inclusive=True,
        price_point=PricePoint(D(1), (D("0.50"), D("0.90"))),
    ),
    Market("AU", "AUD", tax_jurisdiction="AU", tax_inclusive=True, price_point=CHARM_99),
    Market(
        "NO", "NOK", tax_jurisdiction="NO", tax_inclusive=True, price_point=TENS_ENDING_9
    ),
    Market("CA", "CAD", price_point=CHARM_99, conversion_fee=D(2)),
    Market("NZ", "NZD", tax_jurisdiction="NZ", tax_inclusive=True, price_point=CHARM_99),
]
VAT = {
    "DE": D("0.19"), "GB": D("0.20"), "SE": D("0.25"), "JP": D("0.10"), "CH": D("0.081"),
    "AU": D("0.10"), "NO": D("0.25"), "NZ": D("0.15"), "US": D(0), "CA": D(0),
}  # fmt: skip


def plain(base: Decimal, market: Market) -> Decimal:
    """The same steps by hand: convert, fee, tax, next price point up."""
    quantum = D(1) if market.currency == "JPY" else D("0.01")
    converted = base * RATES.rates[market.currency] if market.currency != "EUR" else base
    converted = converted.quantize(quantum, ROUND_HALF_UP)
    net = converted + (converted * market.conversion_fee / 100).quantize(
        quantum, ROUND_HALF_UP
    )
    gross = (net * (1 + VAT[market.code])).quantize(quantum, ROUND_HALF_UP)
    point = market.price_point
    assert point is not None
    return min(  # the lowest price point at or above, over the endings
        ((gross - ending) / point.step).quantize(D(1), ROUND_CEILING) * point.step + ending
        for ending in point.endings
    )


CENT = D("0.01")
LOCALIZED_PER_SECOND = 150_000
"""The target for localize_price, one call per price (issue 17)."""


def promoted_cart() -> None:
    rng = random.Random(7)
    rows = [
        (D(rng.randrange(100, 10_000)).scaleb(-2), rng.randrange(1, 5), index % 2 == 1)
        for index in range(1000)
    ]
    cart = Cart(
        [
            CartLine(
                f"SKU{i}",
                Money(price, "EUR"),
                qty,
                frozenset({"sale"}) if sale else frozenset(),
            )
            for i, (price, qty, sale) in enumerate(rows)
        ],
        shipping=Money("4.95", "EUR"),
    )
    promotions = [
        Promotion(
            "SALE20",
            PercentOff(20),
            collections={"sale"},
            promotion_class=PromotionClass.PRODUCT,
        ),
        Promotion("TEN", PercentOff(10)),
        Promotion("SHIP", FreeShipping(), minimum_subtotal=Money("50.00", "EUR")),
    ]
    at = datetime(2026, 11, 27, tzinfo=UTC)

    def by_hand() -> Decimal:
        nets = []
        for price, quantity, sale in rows:
            line = price * quantity
            if sale:
                line -= (line * D("0.2")).quantize(CENT, ROUND_HALF_UP)
            nets.append(line)
        total = sum(nets)
        off = (total * D("0.1")).quantize(CENT, ROUND_HALF_UP)
        shares = [off * net / total for net in nets]
        floors = [share.quantize(CENT, ROUND_DOWN) for share in shares]
        left = int((off - sum(floors)) / CENT)
        order = sorted(
            range(len(shares)), key=lambda i: shares[i] - floors[i], reverse=True
        )
        for index in order[:left]:
            floors[index] += CENT
        nets = [net - floor for net, floor in zip(nets, floors, strict=True)]
        return sum(nets) + (D("4.95") if sum(nets) < 50 else D(0))

    assert apply_promotions(cart, promotions, at=at).total.amount == by_hand()
    ours = (
        min(
            timeit.repeat(
                lambda: apply_promotions(cart, promotions, at=at), number=20, repeat=5
            )
        )
        / 20
    )
    lines = (
        min(
            timeit.repeat(
                lambda: apply_promotions(cart, promotions, at=at).lines, number=20, repeat=5
            )
        )
        / 20
    )
    plain = min(timeit.repeat(by_hand, number=20, repeat=5)) / 20
    print(
        f"1,000-line cart, 3 stacked promotions: {ours * 1e3:.2f} ms "
        f"({lines * 1e3:.2f} ms with every line's result); hand-written Decimal loop "
        f"{plain * 1e3:.2f} ms; ratio {ours / plain:.1f}x ({lines / plain:.1f}x)"
    )


def main() -> None:
    promoted_cart()
    rng = random.Random(5)
    bases = [D(rng.randint(100, 50_000)).scaleb(-2) for _ in range(100_000)]
    for index, base in enumerate(bases):  # the same figures, on the timed inputs
        market = MARKETS[index % 10]
        shown = localize_price(Money(base, "EUR"), market, RATES, on=ON).shown
        assert shown == Money(plain(base, market), market.currency), (base, market)
    started = time.process_time()
    for index, base in enumerate(bases):
        localize_price(Money(base, "EUR"), MARKETS[index % 10], RATES, on=ON)
    ours = time.process_time() - started
    started = time.process_time()
    for index, base in enumerate(bases):
        plain(base, MARKETS[index % 10])
    by_hand = time.process_time() - started
    rate = 100_000 / ours
    print(
        f"localize_price: 100,000 prices into 10 markets in {ours:.2f} s of CPU: "
        f"{rate:,.0f} calls per second beside the target of {LOCALIZED_PER_SECOND:,} "
        f"({'met' if rate >= LOCALIZED_PER_SECOND else 'not met'})"
    )
    print(
        f"hand-written Decimal (no sources, no floors): "
        f"{by_hand:.2f} s; ratio {ours / by_hand:.1f}x"
    )


if __name__ == "__main__":
    main()
