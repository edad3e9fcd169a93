"""Cash tied up in stock: stock value, days' sales in inventory, a simulated run's costs,
and the cash conversion cycle from figures.

Sources of the worked examples (inputs and printed answers):

* OpenStax, *Principles of Accounting, Volume 1: Financial Accounting*, section 10.2,
  "Calculate the Cost of Goods Sold and Ending Inventory Using the Periodic Method":
  The Spy Who Loves You Corporation's GPS trackers (FIFO and weighted average).
* OpenStax, *Principles of Finance*, section 6.2, "Operating Efficiency Ratios": Clear
  Lake Sporting Goods (inventory turnover, days' sales in inventory).
* OpenStax, *Principles of Finance*, section 19.1, "What Is Working Capital?": King Sized
  Products Inc. (the cash cycle).
* Nahmias, *Production and Operations Analysis*, Example 4.1 (EOQ, pencils), as quoted
  in ``tests/test_inventory.py``.

OpenStax prints whole dollars or a decimal or two after rounding intermediate ratios;
each test quotes the printed figure and checks ours to the precision the book shows.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import (
    CommerceKitError,
    CurrencyMismatchError,
    InvalidInventoryError,
    InvalidMetricError,
    MissingDataError,
)
from commercekit.inventory import (
    MAX_SKUS,
    CostLayer,
    DemandProfile,
    LeadTime,
    ReorderPointPolicy,
    Shortfall,
    Simulation,
    ValuationBasis,
    days_of_inventory,
    days_sales_in_inventory,
    inventory_turnover,
    simulate,
    simulation_costs,
    stock_value,
    stock_value_from_layers,
)
from commercekit.metrics import (
    cash_conversion_cycle,
    cash_conversion_cycle_from_figures,
    days_payables_outstanding,
    days_sales_outstanding,
)
from commercekit.money import Money, sum_money

D = Decimal


def usd(amount: str | int) -> Money:
    return Money(amount, "USD")


def close(value: Decimal, printed: str) -> bool:
    """``value`` rounds to the figure a book printed, at the book's precision."""
    places = D(printed)
    return value.quantize(places) == places


# -- Stock value: OpenStax, Principles of Accounting 1, section 10.2 ---------------

# "Note: For simplicity of demonstration, beginning inventory cost is assumed to be $21
# per unit": 150 units at $21 ($3,150), then purchases of 225 units at $27 and 210 at
# $33 ($13,005); 585 units and $16,155 available; 300 sold, 285 left.
SPY = [CostLayer(150, usd(21)), CostLayer(225, usd(27)), CostLayer(210, usd(33))]


def test_openstax_fifo_ending_inventory() -> None:
    # "ending inventory included 210 units purchased at $33 and 75 units purchased at
    # $27 each, for a total FIFO periodic ending inventory value of $8,955. Subtracting
    # this ending inventory from the $16,155 total of goods available for sale leaves
    # $7,200 in cost of goods sold".
    stock = stock_value_from_layers({"GPS": 285}, {"GPS": SPY}, "fifo")
    assert stock.basis is ValuationBasis.FIFO
    assert stock.total == usd(8955)
    assert "210 x 33 USD + 75 x 27 USD" in stock.lines[0].why
    available = sum_money((layer.unit_cost * layer.units for layer in SPY), "USD")
    assert available == usd(16155)
    assert available - stock.total == usd(7200)


def test_openstax_weighted_average_ending_inventory() -> None:
    # "dividing total cost of goods available for sale ($16,155) by the total number of
    # available units (585) to get the average cost of $27.62 ... 285 units at an average
    # cost of $27.62 for a total AVG periodic ending inventory value of $7,872 ... the
    # cost comes to $27.6154 but rounds up to the stated cost of $27.62".
    stock = stock_value_from_layers({"GPS": 285}, {"GPS": SPY}, "weighted_average")
    assert "27.6154 USD a unit" in stock.lines[0].why
    # commercekit rounds once, at the end: 285 x 16,155 / 585 = 7,870.3846... The book
    # rounds the unit cost to the cent first (285 x 27.62 = 7,871.70) and prints whole
    # dollars; the two differ by no more than 285 half-cents.
    assert stock.total == usd("7870.38")
    assert abs(stock.total - usd("7871.70")) <= usd("1.425")
    assert close(usd("7871.70").amount, "7872")


def test_stock_value_at_the_shops_unit_cost() -> None:
    stock = stock_value(
        {"TEE": 120, "MUG": 40, "CAP": 0},
        {"TEE": usd("4.50"), "MUG": usd("3.20"), "CAP": usd("2.00"), "OLD": usd("9")},
    )
    assert stock.basis is ValuationBasis.UNIT_COST
    assert [(line.sku, line.value) for line in stock.lines] == [
        ("CAP", usd("0.00")),
        ("MUG", usd("128.00")),
        ("TEE", usd("540.00")),
    ]
    assert stock.total == usd("668.00")
    assert stock.lines[2].why == "120 x 4.50 USD = 540.00 USD"


def test_stock_value_refuses_what_it_cannot_value() -> None:
    with pytest.raises(MissingDataError, match="unit cost of CAP"):
        stock_value({"CAP": 5, "TEE": 1}, {"TEE": usd(1)})
    with pytest.raises(CurrencyMismatchError):
        stock_value({"CAP": 5, "TEE": 1}, {"CAP": usd(1), "TEE": Money(1, "EUR")})
    with pytest.raises(MissingDataError, match="15 of GPS's 600 units"):
        stock_value_from_layers({"GPS": 600}, {"GPS": SPY}, "weighted_average")
    with pytest.raises(MissingDataError, match="cost layers of GPS"):
        stock_value_from_layers({"GPS": 1}, {}, "fifo")
    with pytest.raises(InvalidInventoryError, match="use stock_value"):
        stock_value_from_layers({"GPS": 1}, {"GPS": SPY}, "unit_cost")
    with pytest.raises(InvalidInventoryError, match="empty"):
        stock_value({}, {})
    many = {f"S{i}": 1 for i in range(MAX_SKUS + 1)}
    with pytest.raises(InvalidInventoryError, match="more than 10,000 SKUs"):
        stock_value(many, dict.fromkeys(many, usd(1)))


# -- Days' sales in inventory: OpenStax, Principles of Finance, section 6.2 ---------


def test_openstax_clear_lake_days_sales_in_inventory() -> None:
    # "Average Inventory = ($35,000 + $40,000) / 2 = $37,500; Inventory Turnover =
    # $60,000 / $37,500 = 1.6 times"; "Days' Sales in Inventory = $40,000 / $60,000 x
    # 365 = 243 days (rounded)". The $40,000 ending inventory: 8,000 lures at $5.
    assert inventory_turnover(usd(60000), usd(37500)) == D("1.6")
    stock = stock_value({"LURE": 8000}, {"LURE": usd(5)})
    days = days_sales_in_inventory(stock, usd(60000), days=365)
    assert close(days, "243")
    assert days == D("243.3333")
    assert days == days_of_inventory(usd(60000), stock.total, days=365)


def test_days_sales_in_inventory_needs_a_stock_value_and_a_period() -> None:
    with pytest.raises(InvalidInventoryError, match="StockValue"):
        days_sales_in_inventory(usd(40000), usd(60000), days=365)  # type: ignore[arg-type]
    stock = stock_value({"LURE": 1}, {"LURE": usd(5)})
    with pytest.raises(CommerceKitError):
        days_sales_in_inventory(stock, usd(0), days=365)
    with pytest.raises(TypeError):
        days_sales_in_inventory(stock, usd(60000))  # type: ignore[call-arg]


# -- The cash conversion cycle: OpenStax, Principles of Finance, section 19.1 -------


def test_openstax_king_sized_products_cash_cycle() -> None:
    # "annual credit sales of $40,000,000. The average inventory is $3,000,000 ...
    # average accounts receivable of $6,000,000 and average accounts payable of
    # $2,800,000. The cost of goods sold ... is $30,000,000." The book: inventory
    # conversion period 365 / 10 = 36.5 days; receivables 365 / 6.67 = 54.7 days (the
    # turnover rounded first: unrounded it is 54.75); payables 365 / 10.71 = 34 days;
    # "Cash Conversion Cycle = 36.5 days + 54.7 days - 34 days = 57.2 days".
    cycle = cash_conversion_cycle_from_figures(
        usd(3_000_000),
        usd(30_000_000),
        receivables=usd(6_000_000),
        credit_sales=usd(40_000_000),
        payables=usd(2_800_000),
        days=365,
    )
    assert cycle.days_of_inventory == D("36.5")
    assert cycle.days_sales_outstanding == D("54.75")
    assert close(D(365) / D("6.67"), "54.7")
    assert close(cycle.days_payables_outstanding, "34")
    assert close(cycle.cash_conversion_cycle, "57.2")
    assert cycle.cash_conversion_cycle == D("57.1833")
    assert "cost of goods sold (OpenStax)" in cycle.why


def test_cash_cycle_from_figures_agrees_with_the_day_counts() -> None:
    figures = {"receivables": usd(6000), "credit_sales": usd(40000), "payables": usd(2800)}
    stock = stock_value({"TEE": 600}, {"TEE": usd(5)})
    cycle = cash_conversion_cycle_from_figures(stock, usd(30000), **figures, days=90)
    assert cycle.days_of_inventory == days_of_inventory(usd(30000), usd(3000), days=90)
    assert cycle.days_sales_outstanding == days_sales_outstanding(
        usd(6000), usd(40000), days=90
    )
    assert cycle.days_payables_outstanding == days_payables_outstanding(
        usd(2800), usd(30000), days=90
    )
    assert cycle.cash_conversion_cycle == cash_conversion_cycle(
        cycle.days_of_inventory,
        cycle.days_sales_outstanding,
        cycle.days_payables_outstanding,
    )
    assert "today's stock value at cost (unit cost)" in cycle.why
    # On purchases (the CFA Institute's payables turnover) DPO is payables / purchases.
    on_purchases = cash_conversion_cycle_from_figures(
        stock, usd(30000), **figures, days=90, purchases=usd(36000)
    )
    assert on_purchases.days_payables_outstanding == D("7.0000")
    assert "purchases (CFA)" in on_purchases.why


def test_a_shop_paid_at_checkout_runs_on_its_suppliers_money() -> None:
    # Paid at checkout: no sales on credit and nothing owed by customers, so DSO is 0.
    cycle = cash_conversion_cycle_from_figures(
        usd(20000), usd(120000), receivables=usd(0), credit_sales=usd(0),
        payables=usd(30000), days=365,
    )  # fmt: skip
    assert cycle.days_sales_outstanding == 0
    assert cycle.cash_conversion_cycle == D("-30.4167")
    assert "DSO = 0.0000: no credit sales and no receivables (paid at checkout)" in (
        cycle.why
    )
    assert days_sales_outstanding(usd(0), usd(0)) == 0


def test_receivables_without_credit_sales_are_refused() -> None:
    with pytest.raises(
        InvalidMetricError, match=r"credit_sales=.* is zero, but receivables"
    ):
        cash_conversion_cycle_from_figures(
            usd(20000), usd(120000), usd(500), usd(0), usd(30000), days=365
        )
    with pytest.raises(InvalidMetricError, match=r"revenue=.* is zero, but receivables"):
        days_sales_outstanding(usd(500), usd(0))
    with pytest.raises(CurrencyMismatchError):
        days_sales_outstanding(usd(0), Money(0, "EUR"))


def test_no_payables_over_no_purchases_is_no_days() -> None:
    cycle = cash_conversion_cycle_from_figures(
        usd(20000), usd(120000), usd(0), usd(0), usd(0), days=90, purchases=usd(0)
    )
    assert cycle.days_payables_outstanding == 0
    assert "DPO = 0.0000: no purchases (CFA) and no payables" in cycle.why
    with pytest.raises(InvalidMetricError, match=r"purchases=.* is zero, but payables"):
        cash_conversion_cycle_from_figures(
            usd(20000), usd(120000), usd(0), usd(0), usd(10), days=90, purchases=usd(0)
        )


def test_cash_cycle_from_figures_refuses_mixed_currencies() -> None:
    with pytest.raises(CurrencyMismatchError):
        cash_conversion_cycle_from_figures(
            usd(1), usd(2), usd(3), usd(4), Money(5, "EUR"), days=365
        )


# -- A simulated run in money -------------------------------------------------------


def _run(shortfall: Shortfall) -> Simulation:
    return Simulation(
        periods=3,
        initial_on_hand=300,
        demanded=290,
        served=280,
        short=10,
        backorders=10 if shortfall is Shortfall.BACKORDER else 0,
        received=0,
        orders_placed=1,
        cycles=0,
        stockout_cycles=0,
        stockout_periods=1,
        fill_rate=D("0.9655"),
        cycle_service_level=None,
        average_on_hand=D("73.3333"),
        on_hand=(200, 20, 0),
        shortfall=shortfall,
    )


def test_simulation_costs_by_hand() -> None:
    # 220 unit-periods on hand at EUR 4 and 1 % a period: EUR 8.80; average stock
    # 220 / 3 x 4 = 293.333 -> EUR 293.33; 10 lost sales at EUR 6 margin: EUR 60.
    eur = Money("4.00", "EUR")
    lost = simulation_costs(_run(Shortfall.LOST_SALES), eur, D("0.01"), Money(6, "EUR"))
    assert lost.holding_cost == Money("8.80", "EUR")
    assert lost.average_stock_value == Money("293.33", "EUR")
    assert (lost.units_lost, lost.lost_margin) == (10, Money("60.00", "EUR"))
    assert lost.cost == Money("68.80", "EUR")
    late = simulation_costs(_run(Shortfall.BACKORDER), eur, D("0.01"), Money(6, "EUR"))
    assert (late.units_lost, late.lost_margin) == (0, Money("0.00", "EUR"))
    assert "10 units backordered and sold late" in late.why


def test_simulated_holding_cost_meets_the_eoq_textbook_figure() -> None:
    # Nahmias Example 4.1: 60 pencils a week, Q* = 3,870, h = 25 % x $0.02 = $0.005 a
    # year, so the EOQ's holding cost is Q/2 x h = $9.67 a year. A steady simulation of
    # (r = 0, Q = 3,870) counts stock at the end of each week, in steps of 60: over
    # whole cycles its average is 1,950, 15 above Q/2, so $9.75 a year, within half a
    # week's demand (d/2 x h = $0.15) of the book's continuous average.
    weeks = 516  # four whole cycles of 64.5 weeks
    run = simulate(
        ReorderPointPolicy(0, 3870), DemandProfile(60, 0), LeadTime(0), weeks, seed=1
    )
    costs = simulation_costs(run, usd("0.02"), D("0.25") / 52, usd(0))
    yearly = costs.holding_cost.amount * 52 / weeks
    assert yearly == D("9.75")
    assert abs(yearly - D("9.67")) <= D("0.15")


def test_simulation_costs_refuse_a_percentage_and_mixed_currencies() -> None:
    run = _run(Shortfall.LOST_SALES)
    with pytest.raises(InvalidInventoryError, match="must be 0 when short sales are lost"):
        attrs.evolve(run, backorders=10)
    with pytest.raises(InvalidInventoryError, match="at most 1"):
        simulation_costs(run, usd(4), D(25), usd(6))
    with pytest.raises(CurrencyMismatchError):
        simulation_costs(run, usd(4), D("0.01"), Money(6, "EUR"))


# -- Properties ---------------------------------------------------------------------

_skus = st.text(alphabet="ABCDEFGH", min_size=1, max_size=3)
_cents = st.integers(min_value=0, max_value=10**8).map(lambda n: usd(D(n).scaleb(-2)))
_layers = st.lists(
    st.builds(CostLayer, st.integers(1, 10**6), _cents), min_size=1, max_size=6
)


@given(st.dictionaries(_skus, st.tuples(st.integers(0, 10**9), _cents), min_size=1))
def test_stock_value_total_is_the_sum_of_the_skus(
    stock: dict[str, tuple[int, Money]],
) -> None:
    """total == the sum of the SKUs' values, each units x unit cost."""
    value = stock_value(
        {sku: units for sku, (units, _) in stock.items()},
        {sku: cost for sku, (_, cost) in stock.items()},
    )
    assert value.total == sum_money((line.value for line in value.lines), "USD")
    assert [line.sku for line in value.lines] == sorted(stock)
    for line in value.lines:
        units, cost = stock[line.sku]
        assert line.value == cost * units


@given(st.dictionaries(_skus, st.tuples(_layers, st.integers(0, 100)), min_size=1))
def test_layered_values_add_up_and_stay_within_the_layers(
    given_layers: dict[str, tuple[list[CostLayer], int]],
) -> None:
    """FIFO and average totals == the sum of their SKUs; FIFO of every unit == the
    layers' cost; each value lies between the cheapest and dearest layer's."""
    layers = {sku: found for sku, (found, _) in given_layers.items()}
    units = {
        sku: sum(layer.units for layer in found) * share // 100
        for sku, (found, share) in given_layers.items()
    }
    for basis in ("fifo", "weighted_average"):
        value = stock_value_from_layers(units, layers, basis)
        assert value.total == sum_money((line.value for line in value.lines), "USD")
        for line in value.lines:
            costs = [layer.unit_cost for layer in layers[line.sku]]
            assert min(costs) * line.on_hand - usd("0.005") <= line.value
            assert line.value <= max(costs) * line.on_hand + usd("0.005")
    everything = {sku: sum(layer.units for layer in found) for sku, found in layers.items()}
    fifo = stock_value_from_layers(everything, layers, "fifo")
    average = stock_value_from_layers(everything, layers, "weighted_average")
    assert fifo.total == average.total


@given(
    st.integers(0, 10**6),
    _cents,
    st.integers(1, 10**9).map(usd),
    st.integers(1, 3650),
)
def test_days_sales_in_inventory_is_days_of_inventory_of_the_stock_value(
    units: int, cost: Money, sold: Money, days: int
) -> None:
    """days_sales_in_inventory(stock) == days_of_inventory(cogs, stock.total)."""
    stock = stock_value({"SKU": units}, {"SKU": cost})
    assert days_sales_in_inventory(stock, sold, days=days) == days_of_inventory(
        sold, stock.total, days=days
    )


@given(st.lists(st.integers(1, 10**9).map(usd), min_size=6, max_size=6))
def test_the_cycle_is_its_parts(amounts: list[Money]) -> None:
    """cash conversion cycle == DIO + DSO - DPO, each as shown."""
    stock, cost, receivable, sales, payable, bought = amounts
    cycle = cash_conversion_cycle_from_figures(
        stock, cost, receivable, sales, payable, days=365, purchases=bought
    )
    assert cycle.cash_conversion_cycle == (
        cycle.days_of_inventory
        + cycle.days_sales_outstanding
        - cycle.days_payables_outstanding
    )
