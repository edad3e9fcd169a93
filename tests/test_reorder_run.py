"""A reorder run across the catalog: worked examples, scenarios, properties, refusals.

Sources of the worked examples (inputs and printed answers):

* Chopra and Meindl, *Supply Chain Management*, chapter 12 (6th ed.): B&M Office
  Supplies, weekly demand N(2,500, 500^2), a lead time of 2 weeks, orders of 10,000;
  Example 12-4 (a cycle service level of 90 %: safety stock 906) and Example 12-5 (a
  fill rate of 97.5 %: safety stock 67), as ``tests/test_inventory.py`` quotes them.
  The unit cost and the classes are ours, to give the run its cash.

The scenarios' figures are worked by hand in the comments beside them.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import (
    CurrencyMismatchError,
    InvalidInventoryError,
    MissingDataError,
)
from commercekit.inventory import (
    MAX_SKUS,
    DemandProfile,
    LeadTime,
    LineOutcome,
    ReorderItem,
    ReorderPointPolicy,
    ReorderRun,
    ServiceLevelTable,
    ServiceMeasure,
    Shortfall,
    Supplier,
    lead_time_demand,
    reorder,
    reorder_run,
    safety_stock_for_cycle_service,
    safety_stock_for_fill_rate,
)
from commercekit.money import Money, sum_money

D = Decimal


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def close(value: Decimal, printed: str) -> bool:
    places = D(printed)
    return value.quantize(places) == places


# -- Worked examples: Chopra and Meindl's B&M Office Supplies -----------------------


def _b_and_m() -> ReorderItem:
    # 3,000 on hand, 2,000 on order, 100 owed: inventory position 4,900.
    return ReorderItem(
        sku="PAPER",
        supplier="MILL",
        on_hand=3000,
        on_order=2000,
        backorders=100,
        demand=DemandProfile(2500, 500),
        lead_time=LeadTime(2),
        order_quantity=10000,
        unit_cost=eur("3.00"),
        abc="A",
        xyz="X",
    )


def test_chopra_meindl_12_4_a_class_served_to_a_cycle_service_level() -> None:
    # CSL 0.90: ss = NORMSINV(0.90) x 707 = 906, so r = 5,000 + 906 = 5,906; the
    # position 4,900 is below it, so one Q of 10,000 goes out.
    table = ServiceLevelTable({"AX": "0.90"}, measure="cycle_service_level")
    run = reorder_run([_b_and_m()], [Supplier("MILL")], table)
    (line,) = run.lines
    assert (line.measure, line.service_level) == (
        ServiceMeasure.CYCLE_SERVICE_LEVEL,
        D("0.9"),
    )
    assert close(line.reorder_point, "5906")
    assert line.reorder_point == D("5906.1938")
    assert (line.inventory_position, line.quantity) == (4900, 10000)
    assert line.cash == eur("30000.00")
    assert line.why.startswith(
        "class AX: cycle service level 0.90 from the service-level table; "
        "cycle service level 0.90: z = Phi^-1(0.90) = 1.2816"
    )
    assert "inventory position 3000 + 2000 - 100 = 4900" in line.why
    assert run.cash == eur("30000.00")


def test_chopra_meindl_12_5_a_class_served_to_a_fill_rate() -> None:
    # Fill rate 0.975 with Q = 10,000: ESC = 250 = sigma_L x G(k), ss = 67 (recomputed
    # 66.61), so r = 5,067: the position 4,900 is below it.
    table = ServiceLevelTable({"AX": "0.975"})
    run = reorder_run([_b_and_m()], [Supplier("MILL")], table)
    (line,) = run.lines
    assert line.measure is ServiceMeasure.FILL_RATE
    assert close(line.reorder_point - 5000, "67")
    assert line.quantity == 10000
    assert "fill rate 0.975 with backorders and Q = 10000" in line.why
    # A web shop loses the sale instead: Q / (Q + ESC) = 0.975 needs a lower point.
    lost = reorder_run([_b_and_m()], [Supplier("MILL")], table, shortfall="lost_sales")
    assert "fill rate 0.975 with lost sales and Q = 10000" in lost.lines[0].why
    assert lost.lines[0].reorder_point < line.reorder_point


def test_a_line_is_the_per_sku_rules_composed_by_hand() -> None:
    item = _b_and_m()
    cover = lead_time_demand(item.demand, item.lead_time)
    for table, stock in (
        (ServiceLevelTable(), safety_stock_for_fill_rate(cover, "0.95", 10000)),
        (
            ServiceLevelTable(measure="cycle_service_level"),
            safety_stock_for_cycle_service(cover, "0.95"),
        ),
    ):
        (line,) = reorder_run([item], [Supplier("MILL")], table).lines
        assert line.reorder_point == stock.reorder_point
        decision = reorder(3000, 2000, 100, ReorderPointPolicy(stock.reorder_point, 10000))
        assert line.needed == decision.quantity


# -- Scenarios ----------------------------------------------------------------------


def _item(
    sku: str,
    supplier: str,
    on_hand: int,
    classes: str,
    cost: str,
    pack: int,
    margin: str = "5.00",
) -> ReorderItem:
    # Demand 100 a week (sd 20), lead time 2 weeks, Q = 500.
    return ReorderItem(
        sku,
        supplier,
        on_hand,
        0,
        0,
        DemandProfile(100, 20),
        LeadTime(2),
        500,
        eur(cost),
        classes[0],
        classes[1],
        pack_size=pack,
        unit_margin=eur(margin),
    )


# With the default table (fill rates AX 0.95, BX 0.93, BY 0.92, CX 0.90, CZ 0.85) the
# reorder points are TEE 178.69, BAG 166.66, MUG 161.09, PIN 150.46, CAP 125.04: TEE,
# BAG, MUG and CAP need an order (500, rounded up to their packs), PIN (900) does not.
ITEMS = [
    _item("TEE", "ACME", 150, "AX", "4.00", 24),  # 504 x 4.00 = 2,016.00
    _item("CAP", "ACME", 100, "CZ", "2.50", 24, margin="9.00"),  # 504 x 2.50 = 1,260.00
    _item("MUG", "POTS", 120, "BY", "3.00", 6),  # 504 x 3.00 = 1,512.00
    _item("PIN", "POTS", 900, "CX", "4.00", 24),
    _item("BAG", "BAGCO", 50, "BX", "1.00", 10),  # 500 x 1.00 = 500.00
]
SUPPLIERS = [
    Supplier("ACME", eur(500)),
    Supplier("POTS", eur(2000)),
    Supplier("BAGCO"),
]


def _outcomes(run: ReorderRun) -> dict[str, tuple[int, str]]:
    return {line.sku: (line.quantity, line.outcome.value) for line in run.lines}


def test_an_order_below_its_suppliers_minimum_is_held() -> None:
    run = reorder_run(ITEMS, SUPPLIERS, ServiceLevelTable(), below_minimum="hold")
    assert _outcomes(run) == {
        "BAG": (500, "ordered"),
        "CAP": (504, "ordered"),
        "MUG": (0, "held"),
        "PIN": (0, "not_needed"),
        "TEE": (504, "ordered"),
    }
    orders = {order.supplier: order for order in run.orders}
    assert list(orders) == ["ACME", "BAGCO", "POTS"]  # PIN needed nothing from POTS...
    assert [line.sku for line in orders["POTS"].lines] == ["MUG"]  # ... MUG did
    assert (orders["ACME"].cash, orders["ACME"].meets_minimum) == (eur("3276.00"), True)
    assert (orders["POTS"].placed, orders["POTS"].meets_minimum) == (False, False)
    assert orders["POTS"].why == (
        "held: its lines come to 1512.00 EUR, below the minimum 2000 EUR "
        "(below_minimum='hold')"
    )
    assert run.cash == eur("3776.00")


def test_an_order_below_its_suppliers_minimum_is_raised() -> None:
    # POTS is 488.00 short of 2,000: MUG's packs of 6 cost 18.00, so 28 packs (504.00).
    run = reorder_run(ITEMS, SUPPLIERS, ServiceLevelTable(), below_minimum="raise")
    mug = next(line for line in run.lines if line.sku == "MUG")
    assert (mug.needed, mug.quantity, mug.outcome) == (504, 672, LineOutcome.RAISED)
    pots = run.orders[2]
    assert (pots.cash, pots.placed, pots.meets_minimum) == (eur("2016.00"), True, True)
    assert "raised (MUG + 28 x 6) to 2016.00 EUR" in pots.why
    assert run.cash == eur("5792.00")


def test_a_budget_keeps_class_a_first() -> None:
    # EUR 3,000 by class: TEE (AX) 2,016 leaves 984; BAG (BX) 500 leaves 484; MUG (BY,
    # raised to 2,016) is reduced to the 26 packs of 6 that 484 pays for (156 units,
    # 468.00), leaving 16; CAP (CZ) is cut (a pack of 24 costs 60). MUG's 468.00 is
    # then below POTS's minimum of 2,000, so POTS is held; the 468 is not re-spent.
    run = reorder_run(
        ITEMS, SUPPLIERS, ServiceLevelTable(), below_minimum="raise", budget=eur(3000)
    )
    assert _outcomes(run) == {
        "BAG": (500, "ordered"),
        "CAP": (0, "cut"),
        "MUG": (0, "held"),
        "PIN": (0, "not_needed"),
        "TEE": (504, "ordered"),
    }
    assert run.cash == eur("2516.00")
    mug = next(line for line in run.lines if line.sku == "MUG")
    assert "reduced from 672 to 156 (26 x 6): 484.00 EUR of the budget was left" in mug.why
    assert mug.why.endswith("below its minimum 2000 EUR")
    assert "the budget cut CAP, leaving 2016.00 EUR" in run.orders[0].why
    assert run.why.endswith("within a budget of 3000 EUR (lines kept by class priority)")


def test_a_budget_by_shortfall_or_by_margin() -> None:
    # Shortfall below r in weeks of demand: BAG 1.17, MUG 0.41, TEE 0.29, CAP 0.25.
    # BAG 500 and MUG 2,016 leave 484: TEE is reduced to 5 packs (480.00), below
    # ACME's minimum of 500, so ACME is held.
    by_shortfall = reorder_run(
        ITEMS,
        SUPPLIERS,
        ServiceLevelTable(),
        below_minimum="raise",
        budget=eur(3000),
        priority="shortfall",
    )
    assert _outcomes(by_shortfall)["MUG"] == (672, "raised")
    assert _outcomes(by_shortfall)["TEE"] == (0, "held")
    assert by_shortfall.cash == eur("2516.00")
    # By margin: CAP (9.00) and the rest (5.00, by SKU: BAG, MUG, TEE). CAP 1,260 and
    # BAG 500 leave 1,240: MUG is reduced to 68 packs (1,224.00), below POTS's minimum
    # (held); TEE is cut.
    by_margin = reorder_run(
        ITEMS,
        SUPPLIERS,
        ServiceLevelTable(),
        below_minimum="raise",
        budget=eur(3000),
        priority="margin",
    )
    assert _outcomes(by_margin) == {
        "BAG": (500, "ordered"),
        "CAP": (504, "ordered"),
        "MUG": (0, "held"),
        "PIN": (0, "not_needed"),
        "TEE": (0, "cut"),
    }
    assert by_margin.cash == eur("1760.00")


def test_a_negative_reorder_point_is_taken_as_zero() -> None:
    # 10 a week (sd 5), lead time 1, Q = 1,000 at a 95 % fill rate: G(k) = 0.05 x 1000
    # / 5 = 10, so k is about -10 and r about 10 - 50 < 0.
    item = ReorderItem(
        "SLOW", "ACME", 0, 0, 0, DemandProfile(10, 5), LeadTime(1), 1000, eur(1), "A", "X"
    )
    (line,) = reorder_run([item], [Supplier("ACME")], ServiceLevelTable()).lines
    assert line.reorder_point == 0
    assert "a reorder point below zero is taken as 0" in line.why
    assert line.quantity == 1000


def test_a_run_refuses_what_it_cannot_plan() -> None:
    table = ServiceLevelTable()
    with pytest.raises(MissingDataError, match="supplier terms for BAGCO"):
        reorder_run(ITEMS, SUPPLIERS[:2], table)
    bare = ReorderItem(
        "TEE", "ACME", 0, 0, 0, DemandProfile(1, 1), LeadTime(1), 10, eur(1), "A", "X"
    )
    with pytest.raises(MissingDataError, match="unit margin of TEE"):
        reorder_run([bare], SUPPLIERS, table, priority="margin")
    with pytest.raises(InvalidInventoryError, match="more than once"):
        reorder_run([bare, bare], SUPPLIERS, table)
    with pytest.raises(InvalidInventoryError, match="more than once"):
        reorder_run([bare], [*SUPPLIERS, Supplier("ACME")], table)
    with pytest.raises(InvalidInventoryError, match="1 to 10,000"):
        reorder_run([bare] * (MAX_SKUS + 1), SUPPLIERS, table)
    with pytest.raises(InvalidInventoryError, match="1 to 10,000"):
        reorder_run([], SUPPLIERS, table)
    with pytest.raises(CurrencyMismatchError):
        reorder_run([bare], SUPPLIERS, table, budget=Money(100, "USD"))
    with pytest.raises(InvalidInventoryError, match="ServiceLevelTable"):
        reorder_run([bare], SUPPLIERS, {"AX": "0.95"})  # type: ignore[arg-type]
    rare = ReorderItem(
        "RARE", "ACME", 0, 0, 0, DemandProfile(1, 1), LeadTime(1), 10, eur(1), "D", "X"
    )
    with pytest.raises(InvalidInventoryError, match="DX"):
        reorder_run([rare], SUPPLIERS, table)


# -- Properties ---------------------------------------------------------------------

NAMES = ("ACME", "BAGCO", "POTS")


@st.composite
def catalogs(draw: st.DrawFn) -> tuple[list[ReorderItem], list[Supplier]]:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
    cents = st.integers(0, 5000).map(lambda n: eur(D(n).scaleb(-2)))
    items = [
        ReorderItem(
            sku=f"S{index:02d}",
            supplier=draw(st.sampled_from(names)),
            on_hand=draw(st.integers(0, 600)),
            on_order=draw(st.integers(0, 200)),
            backorders=draw(st.integers(0, 50)),
            demand=DemandProfile(draw(st.integers(0, 200)), draw(st.integers(0, 60))),
            lead_time=LeadTime(draw(st.integers(0, 4)), draw(st.sampled_from([0, 1]))),
            order_quantity=draw(st.integers(1, 800)),
            unit_cost=draw(cents),
            abc=draw(st.sampled_from("ABC")),
            xyz=draw(st.sampled_from("XYZ")),
            pack_size=draw(st.sampled_from([1, 6, 12, 24])),
            minimum=draw(st.sampled_from([0, 10, 48])),
            unit_margin=draw(cents),
        )
        for index in range(draw(st.integers(1, 8)))
    ]
    minimums = st.none() | st.integers(0, 3000).map(eur)
    return items, [Supplier(name, draw(minimums)) for name in names]


_options = st.fixed_dictionaries(
    {
        "shortfall": st.sampled_from(Shortfall),
        "below_minimum": st.sampled_from(["hold", "raise"]),
        "budget": st.none() | st.integers(0, 20000).map(eur),
        "priority": st.sampled_from(["class", "shortfall", "margin"]),
    }
)
_tables = st.sampled_from(
    [ServiceLevelTable(), ServiceLevelTable(measure="cycle_service_level")]
)


@given(catalogs(), _tables, _options)
def test_every_sku_once_and_every_order_within_its_terms(
    catalog: tuple[list[ReorderItem], list[Supplier]],
    table: ServiceLevelTable,
    options: dict[str, object],
) -> None:
    """Each SKU once, in order; each order in whole packs and at least its minimum; each
    placed order at least its supplier's minimum; purchase order cash == the sum of its
    lines; run cash == the sum of its orders, and at most the budget."""
    items, suppliers = catalog
    run = reorder_run(items, suppliers, table, **options)  # type: ignore[arg-type]
    assert [line.sku for line in run.lines] == sorted(item.sku for item in items)
    terms = {item.sku: item for item in items}
    for line in run.lines:
        item = terms[line.sku]
        assert line.cash == item.unit_cost * line.quantity
        if line.quantity:
            assert line.quantity % item.pack_size == 0
            assert line.quantity >= item.minimum
    minimums = {supplier.name: supplier.minimum_order_value for supplier in suppliers}
    for order in run.orders:
        assert order.cash == sum_money((line.cash for line in order.lines), "EUR")
        assert order.minimum_order_value == minimums[order.supplier]
        if order.placed:
            assert order.meets_minimum
    assert run.cash == sum_money((order.cash for order in run.orders), "EUR")
    budget = options["budget"]
    if isinstance(budget, Money):
        assert run.cash <= budget


@given(catalogs(), _tables, _options, st.randoms(use_true_random=False))
def test_the_order_of_the_items_does_not_matter(
    catalog: tuple[list[ReorderItem], list[Supplier]],
    table: ServiceLevelTable,
    options: dict[str, object],
    shuffler: random.Random,
) -> None:
    """A run over the items in any order is the same run."""
    items, suppliers = catalog
    shuffled = list(items)
    shuffler.shuffle(shuffled)
    assert reorder_run(items, suppliers, table, **options) == reorder_run(  # type: ignore[arg-type]
        shuffled,
        list(reversed(suppliers)),
        table,
        **options,  # type: ignore[arg-type]
    )


@given(catalogs(), _tables)
def test_without_limits_each_line_is_what_reorder_says(
    catalog: tuple[list[ReorderItem], list[Supplier]], table: ServiceLevelTable
) -> None:
    """With no budget and no minimum order values, every line orders what ``reorder``
    orders at the line's reorder point for the SKU's demand, and nothing is held or
    cut."""
    items, suppliers = catalog
    free = [Supplier(supplier.name) for supplier in suppliers]
    run = reorder_run(items, free, table)
    terms = {item.sku: item for item in items}
    for line in run.lines:
        item = terms[line.sku]
        decision = reorder(
            item.on_hand,
            item.on_order,
            item.backorders,
            ReorderPointPolicy(line.reorder_point, item.order_quantity),
            demand=item.demand,
            pack_size=item.pack_size,
            minimum=item.minimum,
        )
        assert (line.needed, line.quantity) == (decision.quantity, decision.quantity)
        assert line.inventory_position == decision.inventory_position
        assert line.outcome in {LineOutcome.ORDERED, LineOutcome.NOT_NEEDED}
