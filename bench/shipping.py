"""Time landed cost and rate shopping.

Run: ``python bench/shipping.py`` (after ``pip install -e .``). Prints landed costs per
second over 10,000 shipments (EU, UK and US destinations, CIF and FOB, with duty and
import tax) beside hand-written Decimal code doing the same arithmetic, and the time to
price one parcel on 20 services and mark the cheapest and fastest.
"""

from __future__ import annotations

import random
import time
import timeit
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import attrs

from commercekit.money import Money
from commercekit.shipping import (
    Item,
    Parcel,
    Shipment,
    example_rate_cards,
    landed_cost,
    shipping_options,
)

D = Decimal
CENT = D("0.01")
ON = date(2026, 11, 26)
# destination, currency, CIF?, duty rate (example tariff), import tax rate
ROUTES = [
    ("DE", "EUR", True, D("0.12"), D("0.19")),
    ("GB", "GBP", True, D("0.12"), D("0.20")),
    ("US", "USD", False, D("0.166"), D(0)),
]


def main() -> None:
    rng = random.Random(11)
    cases = []
    for index in range(10_000):
        destination, currency, cif, duty, tax = ROUTES[index % 3]
        goods = D(rng.randint(20_000, 90_000)).scaleb(-2)  # above every de minimis
        freight = D(rng.randint(500, 3000)).scaleb(-2)
        heading = "6109.10" if destination != "US" else "6203.42"
        shipment = Shipment(
            (Item("clothes", Money(goods, currency), hs_code=heading, origin="CN"),),
            destination=destination,
            shipping=Money(freight, currency),
        )
        cases.append((shipment, goods, freight, cif, duty, tax))

    started = time.perf_counter()
    for shipment, *_ in cases:
        landed_cost(shipment, incoterm="DDP", on=ON)
    ours = time.perf_counter() - started

    started = time.perf_counter()
    for _, goods, freight, cif, duty, tax in cases:
        value = goods + freight if cif else goods
        duty_amount = (value * duty).quantize(CENT, ROUND_HALF_UP)
        (((value + duty_amount) * tax).quantize(CENT, ROUND_HALF_UP))
    plain = time.perf_counter() - started
    print(
        f"landed_cost: 10,000 shipments in {ours:.2f} s ({10_000 / ours:,.0f} per second); "
        f"hand-written Decimal (no rules, no sources): {plain * 1e3:.1f} ms; "
        f"ratio {ours / plain:.0f}x"
    )

    base_cards = example_rate_cards()
    cards = [
        attrs.evolve(card, service=f"{card.service} {n}", fuel_surcharge_percent=D(n))
        for n in range(10)
        for card in base_cards
    ]
    parcel = Parcel.metric(weight=D("2.4"), length=40, width=30, height=15)
    per_call = min(
        timeit.repeat(lambda: shipping_options(parcel, "DE", cards), number=200, repeat=5)
    )
    per_parcel = per_call / 200 * 1e3
    print(f"rate shopping across {len(cards)} services: {per_parcel:.3f} ms per parcel")


if __name__ == "__main__":
    main()
