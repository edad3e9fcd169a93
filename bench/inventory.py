"""Time inventory policies: many SKUs, and the same computations through stockpyl.

Run: ``pip install -e '.[bench]' && python bench/inventory.py``. Prints:

* SKUs per second for a full (r, Q) policy per SKU (lead-time demand, safety stock for
  a cycle service level, EOQ rounded to packs) over 100,000 SKUs;
* orders per second routed over 5 warehouses (10,000 orders of 1 to 6 lines);
* the bulk versions (``newsvendor_quantities``, ``reorder_points``: one class of SKUs
  sharing costs or a service level) per SKU over 100,000 SKUs;
* time per newsvendor and per EOQ + safety stock (r, Q) computation, beside stockpyl's
  ``newsvendor_normal`` and ``r_q_eoqss_approximation`` on the same inputs, measured in
  the same run, and a hand-written ``statistics.NormalDist`` version of the same float
  arithmetic (no checks, no explanation, no rounding) as the floor. The bulk r-only
  row is compared with a floor that computes r alone, at the same service level.

Before any timing, the bench asserts that every baseline gives the library's figures on
the same inputs (the floats rounded as the library rounds them: quantities to four
decimals, costs to the cent), and prints what it checked.

stockpyl is a benchmark-only dependency (the ``bench`` extra), never a runtime one.
"""

from __future__ import annotations

import math
import random
import time
import timeit
from collections.abc import Callable
from decimal import Decimal
from statistics import NormalDist

from commercekit.inventory import (
    DemandProfile,
    LeadTime,
    Location,
    ReorderPointPolicy,
    economic_order_quantity,
    lead_time_demand,
    newsvendor,
    newsvendor_quantities,
    reorder_points,
    round_to_pack,
    route_order,
    safety_stock_for_cycle_service,
)
from commercekit.money import Money

D = Decimal
NORMAL = NormalDist()


def per_call(run: Callable[[], object], number: int = 5000) -> float:
    return min(timeit.Timer(run).repeat(number=number, repeat=5)) / number


def policies(count: int) -> float:
    """SKUs per second for a full (r, Q) policy each."""
    rng = random.Random(7)
    skus = [
        (
            DemandProfile(rng.randint(1, 500), rng.randint(0, 120)),
            LeadTime(rng.randint(1, 6), D(rng.randint(0, 10)) / 10),
            Money(rng.randint(20, 80), "EUR"),
            Money(D(rng.randint(10, 900)) / 100, "EUR"),
        )
        for _ in range(count)
    ]
    start = time.perf_counter()
    for demand, lead_time, order_cost, holding_cost in skus:
        cover = lead_time_demand(demand, lead_time)
        stock = safety_stock_for_cycle_service(cover, "0.95")
        eoq = economic_order_quantity(demand.mean * 52, order_cost, holding_cost)
        ReorderPointPolicy(stock.reorder_point, round_to_pack(eoq.quantity, 12))
    return count / (time.perf_counter() - start)


def routing(count: int) -> float:
    """Orders per second routed over five warehouses."""
    rng = random.Random(11)
    sites = [
        Location(code, country, cost=rng.randint(3, 9))
        for code, country in (
            ("NL-AMS", "NL"),
            ("DE-BER", "DE"),
            ("PL-WAW", "PL"),
            ("FR-LYS", "FR"),
            ("ES-MAD", "ES"),
        )
    ]
    skus = [f"SKU{i:03d}" for i in range(200)]
    stock = {
        site.code: {sku: rng.randint(0, 20) for sku in skus if rng.random() < 0.6}
        for site in sites
    }
    orders = [
        (
            {sku: rng.randint(1, 3) for sku in rng.sample(skus, rng.randint(1, 6))},
            rng.choice(["DE", "FR", "NL", "IT", "AT"]),
        )
        for _ in range(count)
    ]
    start = time.perf_counter()
    for lines, destination in orders:
        route_order(lines, sites, stock, destination)
    return count / (time.perf_counter() - start)


def bulk(count: int) -> tuple[float, float]:
    """Seconds per SKU for bulk newsvendor quantities and bulk reorder points, after
    checking the first SKUs of each against the float floor on the same inputs."""
    rng = random.Random(5)
    profiles = [
        DemandProfile(rng.randint(1, 500), rng.randint(0, 120)) for _ in range(count)
    ]
    covers = [lead_time_demand(profile, LeadTime(2)) for profile in profiles]
    under, over = Money("0.70", "USD"), Money("0.18", "USD")
    start = time.perf_counter()
    orders = newsvendor_quantities(profiles, under, over)
    middle = time.perf_counter()
    points = reorder_points(covers, "0.95")
    end = time.perf_counter()
    for profile, cover, order, point in zip(profiles, covers, orders, points, strict=False):
        mean, sd = float(profile.mean), float(profile.std_dev)
        same(order, floor_newsvendor(0.18, 0.70, mean, sd)[0], "bulk newsvendor")
        same(point, floor_r(float(cover.mean), float(cover.std_dev), 0.95), "bulk r")
        if mean > 400:  # a few SKUs are enough to show the figures agree
            break
    return (middle - start) / count, (end - middle) / count


def same(ours: Decimal, floor: float, what: str, places: str = "0.0001") -> None:
    """The floor's float, rounded as the library rounds it, equals the library's figure."""
    theirs = Decimal(floor).quantize(Decimal(places))
    assert ours == theirs, f"{what}: commercekit {ours}, baseline {theirs}"


def floor_newsvendor(h: float, p: float, mean: float, sd: float) -> tuple[float, float]:
    z = NORMAL.inv_cdf(p / (p + h))
    return mean + z * sd, (p + h) * sd * NORMAL.pdf(z)


def floor_r(mean: float, sd: float, level: float) -> float:
    """The reorder point alone (mean + z x sd over the lead time), as ``reorder_points``
    computes it: the baseline for the bulk r-only row."""
    return mean + NORMAL.inv_cdf(level) * sd


def floor_rq(
    h: float, p: float, k: float, mean: float, sd: float, *, lead: float
) -> tuple[float, float]:
    z = NORMAL.inv_cdf(p / (p + h))
    return mean * lead + z * sd * math.sqrt(lead), math.sqrt(2 * k * mean / h)


def stockpyl_times(
    quantity: Decimal, cost: Decimal, point: Decimal, order_quantity: Decimal
) -> tuple[float | None, ...] | None:
    """stockpyl's time per call for each row, after checking it gives the library's
    figures (None where it is not installed, or has no such computation)."""
    try:
        from stockpyl.newsvendor import newsvendor_normal  # noqa: PLC0415
        from stockpyl.rq import r_q_eoqss_approximation  # noqa: PLC0415
    except ImportError:
        print("stockpyl is not installed: pip install -e '.[bench]' to compare with it")
        return None
    else:
        eoqss = r_q_eoqss_approximation
        their_q, their_cost = newsvendor_normal(0.18, 0.70, 50, 8)
        same(quantity, float(their_q), "stockpyl newsvendor Q")
        same(cost, float(their_cost), "stockpyl cost", "0.01")
        their_r, their_quantity = eoqss(0.225, 7.5, 8, 1300, 150, 1 / 12)
        same(point, float(their_r), "stockpyl r")
        same(order_quantity, float(their_quantity), "stockpyl Q")
        print("checked: stockpyl gives the same newsvendor and (r, Q) figures")
        newsvendor_time = per_call(lambda: newsvendor_normal(0.18, 0.70, 50, 8), 1000)
        rq_time = per_call(lambda: eoqss(0.225, 7.5, 8, 1300, 150, 1 / 12), 500)
        # stockpyl has no reorder point alone: the bulk r-only row is not compared.
        return (newsvendor_time, newsvendor_time, rq_time, None)


def main() -> None:
    count = 100_000
    print(f"(r, Q) policies: {policies(count):,.0f} SKUs per second ({count:,} SKUs)")
    routed = routing(10_000)
    print(f"routing: {routed:,.0f} orders per second (10,000 orders, 5 warehouses)")

    # Snyder and Shen, Example 4.3 (newsvendor) and Example 5.5 (EOQ + SS).
    profile, under, over = DemandProfile(50, 8), Money("0.70", "USD"), Money("0.18", "USD")
    ours_nv = per_call(lambda: newsvendor(profile, under, over))
    floor_nv = per_call(lambda: floor_newsvendor(0.18, 0.70, 50, 8))
    weekly = DemandProfile(1300, 150)
    lead = LeadTime(D(1) / 12)
    level = D("7.5") / (D("7.5") + D("0.225"))
    k, h = Money("8", "USD"), Money("0.225", "USD")

    def ours_rq() -> object:
        stock = safety_stock_for_cycle_service(lead_time_demand(weekly, lead), level)
        return stock.reorder_point, economic_order_quantity(1300, k, h).quantity

    # Every baseline computes the same figures on the same inputs: checked first.
    order = newsvendor(profile, under, over)
    floor_q, floor_cost = floor_newsvendor(0.18, 0.70, 50, 8)
    same(order.quantity, floor_q, "newsvendor Q")
    same(order.expected_cost.amount, floor_cost, "newsvendor cost", "0.01")
    point, quantity = ours_rq()
    floor_point, floor_quantity = floor_rq(0.225, 7.5, 8, 1300, 150, lead=1 / 12)
    same(point, floor_point, "r")
    same(quantity, floor_quantity, "Q")
    print(
        f"checked: newsvendor Q {order.quantity} and cost {order.expected_cost}, "
        f"(r, Q) = ({point}, {quantity}) equal in commercekit and the float floor"
    )
    ours_rq_time = per_call(ours_rq)
    floor_rq_time = per_call(lambda: floor_rq(0.225, 7.5, 8, 1300, 150, lead=1 / 12))
    floor_r_time = per_call(lambda: floor_r(1300 / 12, 150 / math.sqrt(12), 0.95))
    bulk_nv, bulk_rq = bulk(count)
    rows = [
        ("newsvendor", ours_nv, floor_nv),
        ("bulk, per SKU", bulk_nv, floor_nv),
        ("(r, Q) by EOQ + SS", ours_rq_time, floor_rq_time),
        ("bulk r only, per SKU", bulk_rq, floor_r_time),
    ]
    stockpyl = stockpyl_times(order.quantity, order.expected_cost.amount, point, quantity)
    for index, (name, ours, floor) in enumerate(rows):
        line = (
            f"{name:>20}: {ours * 1e6:7.2f} us; float floor {floor * 1e6:5.2f} us "
            f"({ours / floor:.1f}x)"
        )
        theirs = None if stockpyl is None else stockpyl[index]
        if theirs is not None:
            line += f"; stockpyl {theirs * 1e6:7.1f} us ({theirs / ours:.0f}x faster)"
        elif stockpyl is not None:
            line += "; stockpyl has no r-only computation"
        print(line)


if __name__ == "__main__":
    main()
