"""Valid calls over ``commercekit.inventory``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

# statsmodels' first import takes seconds, which the time bound on each call is not
# about: it is imported here, before any call is timed.
import statsmodels.tsa.holtwinters  # noqa: F401

from commercekit.inventory import (
    SBA,
    Accuracy,
    Assignment,
    Availability,
    BacktestScore,
    BelowMinimum,
    BudgetPriority,
    ChannelBuffer,
    CostLayer,
    Crossing,
    Croston,
    DemandClass,
    DemandDistribution,
    DemandProfile,
    ErrorMeasure,
    Forecast,
    LeadTime,
    LeadTimeDemand,
    LineOutcome,
    Location,
    MovingAverage,
    PackRounding,
    Period,
    PurchaseOrder,
    ReorderItem,
    ReorderLine,
    ReorderPointPolicy,
    Reservation,
    SalesHistory,
    SalesRecord,
    Seasonality,
    ServiceLevelTable,
    ServiceMeasure,
    Shortfall,
    SimpleExponentialSmoothing,
    Simulation,
    SkuValue,
    StockValue,
    Supplier,
    ValuationBasis,
    forecast,
    simulate,
)
from commercekit.money import Money
from tests.hostile import Call, call, method


def _demand() -> DemandProfile:
    return DemandProfile(mean=Decimal("100"), std_dev=Decimal("20"))


def _lead_time() -> LeadTime:
    return LeadTime(mean=Decimal("4"), std_dev=Decimal("1"))


def _over_lead_time() -> LeadTimeDemand:
    return LeadTimeDemand(
        mean=Decimal("400"), std_dev=Decimal("107.7033"), periods=Decimal("4")
    )


def _sites() -> list[Location]:
    return [
        Location(code="NL-AMS", country="NL", cost=Decimal("6")),
        Location(code="DE-BER", country="DE", cost=Decimal("4")),
    ]


def _assignment() -> Assignment:
    return Assignment(
        sku="TEE", quantity=2, location="NL-AMS", why="NL-AMS (cross-border) holds 10"
    )


def _policy() -> ReorderPointPolicy:
    return ReorderPointPolicy(reorder_point=Decimal("480"), order_quantity=1000)


def _eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _layers() -> list[CostLayer]:
    return [
        CostLayer(units=150, unit_cost=Money("21", "USD")),
        CostLayer(units=225, unit_cost=Money("27", "USD")),
        CostLayer(units=210, unit_cost=Money("33", "USD")),
    ]


def _sku_value() -> SkuValue:
    return SkuValue(
        sku="GPS",
        on_hand=285,
        value=Money("8955.00", "USD"),
        why="FIFO: 210 x 33 + 75 x 27",
    )


def _run() -> Simulation:
    return simulate(
        _policy(), _demand(), _lead_time(), 90, seed=7, shortfall=Shortfall.LOST_SALES
    )


def _item(sku: str = "TEE", abc: str = "A") -> ReorderItem:
    return ReorderItem(
        sku=sku,
        supplier="ACME",
        on_hand=150,
        on_order=0,
        backorders=0,
        demand=_demand(),
        lead_time=LeadTime(mean=Decimal("2")),
        order_quantity=500,
        unit_cost=_eur("4.00"),
        abc=abc,
        xyz="X",
        pack_size=24,
        minimum=48,
        unit_margin=_eur("6.00"),
    )


def _line(sku: str = "TEE") -> ReorderLine:
    return ReorderLine(
        sku=sku,
        supplier="ACME",
        service_class="AX",
        measure=ServiceMeasure.FILL_RATE,
        service_level=Decimal("0.95"),
        reorder_point=Decimal("178.6875"),
        inventory_position=150,
        needed=504,
        quantity=504,
        unit_cost=_eur("4.00"),
        cash=_eur("2016.00"),
        outcome=LineOutcome.ORDERED,
        why="inventory position 150 is at or below r = 178.6875",
    )


def _order() -> PurchaseOrder:
    return PurchaseOrder(
        supplier="ACME",
        lines=(_line(),),
        cash=_eur("2016.00"),
        minimum_order_value=_eur("250"),
        placed=True,
        why="2016.00 EUR meets the supplier's minimum 250 EUR",
    )


def _history() -> SalesHistory:
    return SalesHistory(
        units=[0, 3, 0, 0, 5, 0, 2, 0, 4, 0, 0, 3],
        start=date(2026, 1, 5),
        period=Period.WEEK,
    )


def _forecast() -> Forecast:
    return forecast(history=_history(), method=MovingAverage(window=4), horizon=4)


def _score(method: MovingAverage | SBA, bias: str) -> BacktestScore:
    return BacktestScore(
        method=method,
        errors=8,
        mae=Decimal("1.75"),
        rmse=Decimal("1.7766"),
        bias=Decimal(bias),
        mase=Decimal("0.5833"),
    )


CALLS: dict[str, Callable[[], Call]] = {
    "Accuracy": lambda: call(
        periods=8, mae=Decimal("10.3073"), rmse=Decimal("13.8137"), bias=Decimal("4.4948")
    ),
    "Backtest": lambda: call(
        horizon=2,
        origins=4,
        training=7,
        measure=ErrorMeasure.RMSE,
        scores=(_score(MovingAverage(window=4), "-0.25"), _score(SBA(), "-0.049")),
        best=MovingAverage(window=4),
        why=("lowest RMSE: moving average of 4 periods",),
    ),
    "BacktestScore": lambda: call(
        method=SBA(alpha=Decimal("0.1")),
        errors=8,
        mae=Decimal("1.737"),
        rmse=Decimal("1.8076"),
        bias=Decimal("0.049"),
        mase=Decimal("0.579"),
    ),
    "Croston": lambda: call(alpha=Decimal("0.2")),
    "DemandPattern": lambda: call(
        adi=Decimal("2.6667"),
        cv2=Decimal("0.14"),
        demand_class=DemandClass.INTERMITTENT,
        suggested=SBA(alpha=Decimal("0.1")),
        why=("ADI = 8 periods / 3 with a sale = 2.6667, above 1.32",),
    ),
    "Forecast": lambda: call(
        method=MovingAverage(window=3),
        start=date(2026, 1, 1),
        period=Period.MONTH,
        forecasts=(Decimal("16"), Decimal("16")),
        fitted=(Decimal("11.6667"), Decimal("13.6667")),
        accuracy=Accuracy(
            periods=2, mae=Decimal("4.8333"), rmse=Decimal("4.8591"), bias=Decimal("4.8333")
        ),
        parameters={"window": Decimal("3")},
        estimated=("alpha",),
        why=("moving average of 3 periods",),
    ),
    "ForecastDemand": lambda: call(
        profile=DemandProfile(mean=Decimal("16"), std_dev=Decimal("6.9023")),
        over_lead_time=LeadTimeDemand(
            mean=Decimal("32"), std_dev=Decimal("9.7613"), periods=Decimal("2")
        ),
        why=("the forecasts of the 2 periods an order covers add up to 32",),
    ),
    "Holt": lambda: call(
        alpha=Decimal("0.2"),
        beta=Decimal("0.4"),
        damped=True,
        phi=Decimal("0.9"),
        initial_level=Decimal("11"),
        initial_trend=Decimal("2"),
    ),
    "HoltWinters": lambda: call(
        season_length=7,
        seasonal=Seasonality.MULTIPLICATIVE,
        damped=True,
        alpha=Decimal("0.3"),
        beta=Decimal("0.1"),
        gamma=Decimal("0.2"),
        phi=Decimal("0.9"),
    ),
    "MovingAverage": lambda: call(window=3),
    "SBA": lambda: call(alpha=Decimal("0.2")),
    "SalesHistory": lambda: call(
        units=[10, 12, 13, 16], start=date(2026, 1, 1), period=Period.MONTH
    ),
    "SimpleExponentialSmoothing": lambda: call(
        alpha=Decimal("0.1"), initial_level=Decimal("175")
    ),
    "CostLayer": lambda: call(units=150, unit_cost=Money("21", "USD")),
    "SkuValue": lambda: call(
        sku="GPS",
        on_hand=285,
        value=Money("8955.00", "USD"),
        why="FIFO: 210 x 33 + 75 x 27",
    ),
    "StockValue": lambda: call(
        basis=ValuationBasis.FIFO, lines=(_sku_value(),), total=Money("8955.00", "USD")
    ),
    "stock_value": lambda: call(
        on_hand={"TEE": 120, "MUG": 40},
        unit_costs={"TEE": _eur("4.50"), "MUG": _eur("3.20")},
    ),
    "stock_value_from_layers": lambda: call(
        on_hand={"GPS": 285}, layers={"GPS": _layers()}, basis=ValuationBasis.FIFO
    ),
    "days_sales_in_inventory": lambda: call(
        stock=StockValue(ValuationBasis.FIFO, (_sku_value(),), Money("8955.00", "USD")),
        cost_of_goods_sold=Money("7200", "USD"),
        days=365,
    ),
    "SimulationCosts": lambda: call(
        average_stock_value=_eur("2354.32"),
        holding_cost=_eur("588.58"),
        units_lost=15,
        lost_margin=_eur("90.00"),
        why="holding: 214832 unit-periods on hand x 4.00 EUR",
    ),
    "simulation_costs": lambda: call(
        run=_run(),
        unit_cost=_eur("4.00"),
        holding_rate=Decimal("0.0007"),
        unit_margin=_eur("6.00"),
    ),
    "ReorderItem": lambda: call(
        sku="TEE",
        supplier="ACME",
        on_hand=150,
        on_order=24,
        backorders=3,
        demand=_demand(),
        lead_time=_lead_time(),
        order_quantity=500,
        unit_cost=_eur("4.00"),
        abc="A",
        xyz="X",
        pack_size=24,
        minimum=48,
        unit_margin=_eur("6.00"),
    ),
    "Supplier": lambda: call(name="ACME", minimum_order_value=_eur("250")),
    "ReorderLine": lambda: call(
        sku="TEE",
        supplier="ACME",
        service_class="AX",
        measure=ServiceMeasure.FILL_RATE,
        service_level=Decimal("0.95"),
        reorder_point=Decimal("178.6875"),
        inventory_position=150,
        needed=504,
        quantity=504,
        unit_cost=_eur("4.00"),
        cash=_eur("2016.00"),
        outcome=LineOutcome.ORDERED,
        why="inventory position 150 is at or below r = 178.6875",
    ),
    "PurchaseOrder": lambda: call(
        supplier="ACME",
        lines=(_line(),),
        cash=_eur("2016.00"),
        minimum_order_value=_eur("250"),
        placed=True,
        why="2016.00 EUR meets the supplier's minimum 250 EUR",
    ),
    "ReorderRun": lambda: call(
        lines=(_line(),),
        orders=(_order(),),
        cash=_eur("2016.00"),
        budget=_eur("3000"),
        why="1 SKU: 1 ordered",
    ),
    "reorder_run": lambda: call(
        items=[_item("TEE", "A"), _item("CAP", "B")],
        suppliers=[Supplier(name="ACME", minimum_order_value=_eur("2500"))],
        service_levels=ServiceLevelTable(measure=ServiceMeasure.FILL_RATE),
        shortfall=Shortfall.LOST_SALES,
        below_minimum=BelowMinimum.RAISE,
        budget=_eur("3000"),
        priority=BudgetPriority.SHORTFALL,
    ),
    "AbcItem": lambda: call(
        sku="TEE",
        value=Decimal("500"),
        rank=1,
        share=Decimal("0.5"),
        cumulative_share=Decimal("0.5"),
        abc="A",
    ),
    "Assignment": lambda: call(
        sku="TEE", quantity=2, location="NL-AMS", why="NL-AMS (in market) holds 10"
    ),
    "Availability": lambda: call(
        by_location={"NL-AMS": {"TEE": 28}, "DE-BER": {"TEE": 15}},
        by_channel={"web": {"TEE": 43}},
    ),
    "Availability.for_channel": lambda: method(
        Availability(
            by_location={"NL-AMS": {"TEE": 28}}, by_channel={"web": {"TEE": 28}}
        ).for_channel,
        channel="web",
        sku="TEE",
    ),
    "ChannelBuffer": lambda: call(channel="marketplace", units=5, sku="TEE"),
    "DemandProfile": lambda: call(mean=Decimal("100"), std_dev=Decimal("20")),
    "DemandProfile.from_history": lambda: call(history=[12, 15, 9, 14, 10]),
    "EconomicOrder": lambda: call(
        quantity=Decimal("3869.8837"),
        orders_per_period=Decimal("0.8062"),
        ordering_cost=Money("9.68", "EUR"),
        holding_cost=Money("9.68", "EUR"),
        total_cost=Money("19.35", "EUR"),
        why="EOQ = sqrt(2 x K x D / h)",
    ),
    "LeadTime": lambda: call(mean=Decimal("5"), std_dev=Decimal("1")),
    "LeadTimeDemand": lambda: call(
        mean=Decimal("500"), std_dev=Decimal("44.7214"), periods=Decimal("5")
    ),
    "Location": lambda: call(code="NL-AMS", country="NL", cost=Decimal("6")),
    "MinMaxPolicy": lambda: call(minimum=Decimal("50"), maximum=Decimal("200")),
    "NewsvendorOrder": lambda: call(
        critical_ratio=Decimal("0.7955"),
        z=Decimal("0.8255"),
        quantity=Decimal("56.6040"),
        expected_cost=Money("2.00", "EUR"),
        why="critical ratio p / (p + h) = 0.70 / (0.70 + 0.18) = 0.7955",
    ),
    "OrderUpToPolicy": lambda: call(
        review_period=Decimal("7"), order_up_to=Decimal("998.6912")
    ),
    "RankedProduct": lambda: call(
        sku="TEE",
        rank=1,
        margin_per_period=Money("100.00", "EUR"),
        frequency=Decimal("1"),
        score=Decimal("100"),
    ),
    "ReorderDecision": lambda: call(
        quantity=120, inventory_position=40, why="inventory position 40 is at or below r"
    ),
    "ReorderPointPolicy": lambda: call(reorder_point=Decimal("480"), order_quantity=1000),
    "Reservation": lambda: call(location="NL-AMS", sku="TEE", quantity=12),
    "Routing": lambda: call(
        locations=("NL-AMS",),
        assignments=(_assignment(),),
        dropshipped=(),
        unfilled={"CAP": 1},
        why="1 shipment from NL-AMS: the fewest locations that hold every line",
    ),
    "SafetyStock": lambda: call(
        measure=ServiceMeasure.CYCLE_SERVICE_LEVEL,
        target=Decimal("0.90"),
        k=Decimal("1.2816"),
        safety_stock=Decimal("906.1938"),
        reorder_point=Decimal("5906.1938"),
        why="cycle service level 0.90: z = Phi^-1(0.90) = 1.2816",
    ),
    "SalesRecord": lambda: call(
        sku="TEE",
        units=400,
        contribution_margin=Money("1200", "EUR"),
        periods=12,
        periods_with_sales=11,
    ),
    "ServiceLevelTable": lambda: call(
        levels={"CZ": Decimal("0.80")}, measure=ServiceMeasure.CYCLE_SERVICE_LEVEL
    ),
    "ServiceLevelTable.level": lambda: method(
        ServiceLevelTable(levels={"CZ": Decimal("0.80")}).level, abc="C", xyz="Z"
    ),
    "Simulation": lambda: call(
        periods=3,
        initial_on_hand=300,
        demanded=290,
        served=280,
        short=10,
        backorders=10,
        received=0,
        orders_placed=1,
        cycles=0,
        stockout_cycles=0,
        stockout_periods=1,
        fill_rate=Decimal("0.9655"),
        cycle_service_level=None,
        average_on_hand=Decimal("73.3333"),
        on_hand=(200, 20, 0),
        shortfall=Shortfall.BACKORDER,
    ),
    "abc_classes": lambda: call(
        values={"TEE": Decimal("500"), "MUG": Decimal("300"), "CAP": Decimal("120")},
        boundaries=(80, 15, 5),
        crossing=Crossing.LOWER,
    ),
    "backtest": lambda: call(
        history=_history(),
        methods=[MovingAverage(window=4), SBA(), Croston()],
        horizon=2,
        origins=4,
        measure=ErrorMeasure.MASE,
    ),
    "demand_from_forecast": lambda: call(
        forecast=_forecast(),
        lead_time=LeadTime(mean=Decimal("2"), std_dev=Decimal("0.5")),
        review_period=Decimal("1"),
    ),
    "demand_pattern": lambda: call(history=_history()),
    "forecast": lambda: call(
        history=_history(),
        method=SimpleExponentialSmoothing(alpha=Decimal("0.3")),
        horizon=4,
    ),
    "available_to_promise": lambda: call(
        stock={"NL-AMS": {"TEE": 40}, "DE-BER": {"TEE": 15}},
        reservations=[Reservation(location="NL-AMS", sku="TEE", quantity=12)],
        channels=["web", "marketplace"],
        buffers=[ChannelBuffer(channel="marketplace", units=5)],
    ),
    "cycle_service_level": lambda: call(
        reorder_point=Decimal("450"), demand=_over_lead_time()
    ),
    "days_of_inventory": lambda: call(
        cost_of_goods_sold=Money("120000", "EUR"),
        average_inventory=Money("20000", "EUR"),
        days=365,
    ),
    "days_of_supply": lambda: call(on_hand=450, demand_per_day=Decimal("30")),
    "economic_order_quantity": lambda: call(
        demand_rate=Decimal("3120"),
        order_cost=Money("12", "EUR"),
        holding_cost=Money("0.005", "EUR"),
    ),
    "expected_shortage": lambda: call(
        reorder_point=Decimal("400"), demand=_over_lead_time()
    ),
    "fill_rate": lambda: call(
        reorder_point=Decimal("400"),
        demand=_over_lead_time(),
        order_quantity=Decimal("400"),
        shortfall=Shortfall.LOST_SALES,
    ),
    "inventory_turnover": lambda: call(
        cost_of_goods_sold=Money("120000", "EUR"), average_inventory=Money("20000", "EUR")
    ),
    "lead_time_demand": lambda: call(
        demand=_demand(), lead_time=_lead_time(), review_period=Decimal("7")
    ),
    "loss_function": lambda: call(k=Decimal("1.5")),
    "newsvendor": lambda: call(
        demand=_demand(),
        underage_cost=Money("0.70", "EUR"),
        overage_cost=Money("0.18", "EUR"),
    ),
    "newsvendor_quantities": lambda: call(
        demands=[_demand(), DemandProfile(mean=Decimal("120"), std_dev=Decimal("30"))],
        underage_cost=Money("0.70", "EUR"),
        overage_cost=Money("0.18", "EUR"),
    ),
    "order_up_to_policy": lambda: call(
        demand=_demand(),
        lead_time=_lead_time(),
        review_period=Decimal("7"),
        level=Decimal("0.95"),
    ),
    "rank_products": lambda: call(
        records=[
            SalesRecord("TEE", 400, Money("1200", "EUR"), 12, 12),
            SalesRecord("BULK", 90, Money("1800", "EUR"), 12, 2),
        ]
    ),
    "reorder": lambda: call(
        on_hand=40,
        on_order=24,
        backorders=3,
        policy=_policy(),
        demand=_demand(),
        pack_size=24,
        minimum=48,
        rounding=PackRounding.NEAREST,
    ),
    "reorder_points": lambda: call(
        demands=[_over_lead_time(), _over_lead_time()], level=Decimal("0.95")
    ),
    "round_to_pack": lambda: call(
        quantity=Decimal("37"), pack_size=12, minimum=24, rounding=PackRounding.DOWN
    ),
    "route_order": lambda: call(
        lines={"TEE": 2, "MUG": 1, "CAP": 1},
        locations=_sites(),
        stock={"NL-AMS": {"TEE": 10, "MUG": 5}, "DE-BER": {"TEE": 10}},
        destination="DE",
        dropship={"CAP": "Cap supplier"},
    ),
    "safety_stock_for_cycle_service": lambda: call(
        demand=_over_lead_time(), level=Decimal("0.90")
    ),
    "safety_stock_for_fill_rate": lambda: call(
        demand=_over_lead_time(),
        rate=Decimal("0.98"),
        order_quantity=Decimal("400"),
        shortfall=Shortfall.BACKORDER,
    ),
    "sell_through": lambda: call(units_sold=340, units_received=400, beginning_on_hand=100),
    "simulate": lambda: call(
        policy=_policy(),
        demand=_demand(),
        lead_time=_lead_time(),
        periods=90,
        seed=7,
        distribution=DemandDistribution.POISSON,
        initial_on_hand=1200,
        shortfall=Shortfall.LOST_SALES,
    ),
    "stock_out_rate": lambda: call(periods_out_of_stock=3, periods=90),
    "xyz_classes": lambda: call(
        demand={"TEE": _demand(), "UMBRELLA": DemandProfile(mean=10, std_dev=25)},
        boundaries=(Decimal("0.5"), Decimal("1")),
    ),
}

_NEGATIVE = frozenset({"negative Decimal", "negative int", "negative money"})
_LOSS = "a product sold at a loss has a negative margin, and so a negative measure"
_K = (
    "a high fill rate with large orders needs a negative safety factor: the orders "
    "alone serve almost all demand"
)

_ERROR = "an error (sales minus forecast) is negative when the forecast ran above sales"

VALID_BY_DESIGN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("Accuracy", "bias"): (_NEGATIVE, _ERROR),
    ("BacktestScore", "bias"): (_NEGATIVE, _ERROR),
    ("Holt", "initial_trend"): (_NEGATIVE, "a falling trend is negative"),
    ("AbcItem", "value"): (_NEGATIVE, _LOSS),
    ("SalesRecord", "contribution_margin"): (_NEGATIVE, _LOSS),
    ("RankedProduct", "margin_per_period"): (_NEGATIVE, _LOSS),
    ("RankedProduct", "score"): (_NEGATIVE, _LOSS),
    ("SafetyStock", "k"): (_NEGATIVE, _K),
    ("SafetyStock", "safety_stock"): (_NEGATIVE, _K + ", so the safety stock is negative"),
    ("SafetyStock", "reorder_point"): (
        _NEGATIVE,
        _K + "; below a small mean the reorder point is negative too",
    ),
    ("NewsvendorOrder", "z"): (
        _NEGATIVE,
        "z is negative when a unit left over costs more than a unit short",
    ),
    ("loss_function", "k"): (
        _NEGATIVE,
        "G(k) is defined for every k; a negative k is a negative safety factor",
    ),
    ("ReorderDecision", "inventory_position"): (
        _NEGATIVE,
        (
            "the position is negative when more is owed to customers (backorders) "
            "than is held and on order"
        ),
    ),
    ("ReorderLine", "inventory_position"): (
        _NEGATIVE,
        "the position is negative when more is owed to customers than is held and on order",
    ),
    ("ReorderLine", "service_class"): (
        frozenset({"unknown code"}),
        "'QZ' is a class: ABC class Q (of up to 26) and XYZ class Z",
    ),
    **{
        (name, "supplier"): (
            frozenset({"unknown code"}),
            "a supplier is named by the shop, not by a code from a list",
        )
        for name in ("ReorderItem", "ReorderLine", "PurchaseOrder")
    },
    ("available_to_promise", "channels"): (
        frozenset({"unknown code"}),
        "channel names are the shop's own ('web', 'QZ'), not codes from a list",
    ),
}
