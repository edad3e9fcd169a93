"""Inventory policies: demand over lead time, service levels, order quantities, reordering.

* [`DemandProfile`][commercekit.inventory.DemandProfile],
  [`LeadTime`][commercekit.inventory.LeadTime] and
  [`lead_time_demand`][commercekit.inventory.lead_time_demand]: demand over the time an
  order must cover, with variable lead time.
* [`safety_stock_for_cycle_service`][commercekit.inventory.safety_stock_for_cycle_service]
  and [`safety_stock_for_fill_rate`][commercekit.inventory.safety_stock_for_fill_rate]:
  safety stock and reorder point for a type 1 or type 2 service level, and their
  inverses [`cycle_service_level`][commercekit.inventory.cycle_service_level] and
  [`fill_rate`][commercekit.inventory.fill_rate].
* [`economic_order_quantity`][commercekit.inventory.economic_order_quantity] and
  [`newsvendor`][commercekit.inventory.newsvendor]: how much to order, repeatedly or once.
* [`ReorderPointPolicy`][commercekit.inventory.ReorderPointPolicy] (r, Q),
  [`MinMaxPolicy`][commercekit.inventory.MinMaxPolicy] (s, S),
  [`order_up_to_policy`][commercekit.inventory.order_up_to_policy] (R, S), and
  [`reorder`][commercekit.inventory.reorder]: what to order today, rounded to packs with
  [`round_to_pack`][commercekit.inventory.round_to_pack].
* [`abc_classes`][commercekit.inventory.abc_classes],
  [`xyz_classes`][commercekit.inventory.xyz_classes] and
  [`ServiceLevelTable`][commercekit.inventory.ServiceLevelTable]: which products matter,
  how steady they sell, and the service each class gets (a fill rate or a cycle
  service level);
  [`rank_products`][commercekit.inventory.rank_products] and the stock health ratios
  (turnover, days of inventory and of supply, sell-through, stock-out rate).
* [`available_to_promise`][commercekit.inventory.available_to_promise] and
  [`route_order`][commercekit.inventory.route_order]: stock across locations and
  channels, and where an order ships from (at most
  [`MAX_LOCATIONS`][commercekit.inventory.MAX_LOCATIONS] locations and
  [`MAX_ROUTING_CHECKS`][commercekit.inventory.MAX_ROUTING_CHECKS] checks).
* [`simulate`][commercekit.inventory.simulate]: a seeded Monte-Carlo run of a policy,
  with the fill rate and cycle service level it achieved, bounded by
  [`MAX_PERIODS`][commercekit.inventory.MAX_PERIODS] and
  [`MAX_ORDERS`][commercekit.inventory.MAX_ORDERS];
  [`simulation_costs`][commercekit.inventory.simulation_costs] prices a run: holding
  cost and lost margin.
* [`stock_value`][commercekit.inventory.stock_value] and
  [`stock_value_from_layers`][commercekit.inventory.stock_value_from_layers]: the cash
  tied up in stock, per SKU and in total, at the shop's unit cost, FIFO or weighted
  average ([`ValuationBasis`][commercekit.inventory.ValuationBasis],
  [`CostLayer`][commercekit.inventory.CostLayer]), and
  [`days_sales_in_inventory`][commercekit.inventory.days_sales_in_inventory].
* [`reorder_run`][commercekit.inventory.reorder_run]: today's purchase orders across the
  catalog ([`ReorderItem`][commercekit.inventory.ReorderItem] per SKU,
  [`Supplier`][commercekit.inventory.Supplier] terms), each SKU's service level,
  reorder point and order explained, with suppliers' minimum order values
  ([`BelowMinimum`][commercekit.inventory.BelowMinimum]) and an optional budget cut by
  a [`BudgetPriority`][commercekit.inventory.BudgetPriority]; at most
  [`MAX_SKUS`][commercekit.inventory.MAX_SKUS] SKUs a run.

Forecasting demand from a sales history:

* [`SalesHistory`][commercekit.inventory.SalesHistory]: units sold per
  [`Period`][commercekit.inventory.Period] (day, week, month), dated, zeros kept, at most
  [`MAX_HISTORY_PERIODS`][commercekit.inventory.MAX_HISTORY_PERIODS].
* The methods, as values: [`MovingAverage`][commercekit.inventory.MovingAverage],
  [`SimpleExponentialSmoothing`][commercekit.inventory.SimpleExponentialSmoothing],
  [`Holt`][commercekit.inventory.Holt],
  [`HoltWinters`][commercekit.inventory.HoltWinters] (with a
  [`Seasonality`][commercekit.inventory.Seasonality]; the smoothing needs the optional
  ``forecast`` extra; a Holt-Winters fit takes at most
  [`MAX_SEASONAL_FIT`][commercekit.inventory.MAX_SEASONAL_FIT] history periods x season
  length), [`Croston`][commercekit.inventory.Croston] and
  [`SBA`][commercekit.inventory.SBA] for intermittent demand;
  [`demand_pattern`][commercekit.inventory.demand_pattern] says which of those two suits a
  history ([`DemandClass`][commercekit.inventory.DemandClass]: smooth, erratic,
  intermittent, lumpy).
* [`forecast`][commercekit.inventory.forecast]: a
  [`Forecast`][commercekit.inventory.Forecast] per period ahead, with its
  [`Accuracy`][commercekit.inventory.Accuracy] on the history and why.
* [`demand_from_forecast`][commercekit.inventory.demand_from_forecast]: the
  [`ForecastDemand`][commercekit.inventory.ForecastDemand] over a lead time, which the
  safety stock and reorder point rules take.
* [`backtest`][commercekit.inventory.backtest]: each method's
  [`BacktestScore`][commercekit.inventory.BacktestScore] from rolling origins, and the
  best by an [`ErrorMeasure`][commercekit.inventory.ErrorMeasure]; its smoothing fits
  within [`MAX_BACKTEST_WORK`][commercekit.inventory.MAX_BACKTEST_WORK].
"""

from typing import TYPE_CHECKING

from commercekit._lazy import public_names

if TYPE_CHECKING:
    from commercekit.inventory._backtest import (
        MAX_BACKTEST_WORK,
        MAX_METHODS,
        MAX_ORIGINS,
        Backtest,
        BacktestScore,
        ErrorMeasure,
        backtest,
    )
    from commercekit.inventory._classify import (
        AbcItem,
        Crossing,
        ServiceLevelTable,
        abc_classes,
        xyz_classes,
    )
    from commercekit.inventory._croston import (
        ADI_CUT_OFF,
        CV2_CUT_OFF,
        DemandClass,
        DemandPattern,
        demand_pattern,
    )
    from commercekit.inventory._demand import (
        DemandProfile,
        LeadTime,
        LeadTimeDemand,
        lead_time_demand,
    )
    from commercekit.inventory._draws import DemandDistribution
    from commercekit.inventory._forecast import MAX_HORIZON, Accuracy, Forecast, forecast
    from commercekit.inventory._forecast_demand import ForecastDemand, demand_from_forecast
    from commercekit.inventory._health import (
        days_of_inventory,
        days_of_supply,
        inventory_turnover,
        sell_through,
        stock_out_rate,
    )
    from commercekit.inventory._history import (
        MAX_HISTORY_PERIODS,
        MAX_UNITS_PER_PERIOD,
        Period,
        SalesHistory,
    )
    from commercekit.inventory._locations import (
        Availability,
        ChannelBuffer,
        Location,
        Reservation,
        available_to_promise,
    )
    from commercekit.inventory._methods import (
        MAX_SEASON_LENGTH,
        SBA,
        Croston,
        Holt,
        HoltWinters,
        Method,
        MovingAverage,
        Seasonality,
        SimpleExponentialSmoothing,
    )
    from commercekit.inventory._numbers import PLACES
    from commercekit.inventory._order_quantities import (
        EconomicOrder,
        NewsvendorOrder,
        economic_order_quantity,
        newsvendor,
        newsvendor_quantities,
    )
    from commercekit.inventory._policies import (
        MinMaxPolicy,
        OrderUpToPolicy,
        PackRounding,
        Policy,
        ReorderDecision,
        ReorderPointPolicy,
        order_up_to_policy,
        reorder,
        round_to_pack,
    )
    from commercekit.inventory._ranking import RankedProduct, SalesRecord, rank_products
    from commercekit.inventory._reorder_budget import BelowMinimum, BudgetPriority
    from commercekit.inventory._reorder_items import (
        LineOutcome,
        PurchaseOrder,
        ReorderItem,
        ReorderLine,
        ReorderRun,
        Supplier,
    )
    from commercekit.inventory._reorder_run import reorder_run
    from commercekit.inventory._routing import (
        MAX_LOCATIONS,
        MAX_ROUTING_CHECKS,
        Assignment,
        Routing,
        route_order,
    )
    from commercekit.inventory._service import (
        SafetyStock,
        ServiceMeasure,
        Shortfall,
        cycle_service_level,
        expected_shortage,
        fill_rate,
        loss_function,
        reorder_points,
        safety_stock_for_cycle_service,
        safety_stock_for_fill_rate,
    )
    from commercekit.inventory._shelf import MAX_ORDERS
    from commercekit.inventory._simulation import MAX_PERIODS, Simulation, simulate
    from commercekit.inventory._simulation_costs import SimulationCosts, simulation_costs
    from commercekit.inventory._smoothing import MAX_SEASONAL_FIT
    from commercekit.inventory._stock_layers import (
        MAX_LAYERS,
        CostLayer,
        stock_value_from_layers,
    )
    from commercekit.inventory._stock_value import (
        MAX_SKUS,
        SkuValue,
        StockValue,
        ValuationBasis,
        days_sales_in_inventory,
        stock_value,
    )
else:
    __getattr__, __dir__ = public_names(
        __name__,
        {
            "._backtest": (
                "MAX_BACKTEST_WORK MAX_METHODS MAX_ORIGINS Backtest BacktestScore "
                "ErrorMeasure backtest"
            ),
            "._classify": "AbcItem Crossing ServiceLevelTable abc_classes xyz_classes",
            "._croston": "ADI_CUT_OFF CV2_CUT_OFF DemandClass DemandPattern demand_pattern",
            "._demand": "DemandProfile LeadTime LeadTimeDemand lead_time_demand",
            "._draws": "DemandDistribution",
            "._forecast": "MAX_HORIZON Accuracy Forecast forecast",
            "._forecast_demand": "ForecastDemand demand_from_forecast",
            "._health": (
                "days_of_inventory days_of_supply inventory_turnover sell_through "
                "stock_out_rate"
            ),
            "._history": "MAX_HISTORY_PERIODS MAX_UNITS_PER_PERIOD Period SalesHistory",
            "._locations": (
                "Availability ChannelBuffer Location Reservation available_to_promise"
            ),
            "._methods": (
                "MAX_SEASON_LENGTH SBA Croston Holt HoltWinters Method MovingAverage "
                "Seasonality SimpleExponentialSmoothing"
            ),
            "._numbers": "PLACES",
            "._order_quantities": (
                "EconomicOrder NewsvendorOrder economic_order_quantity newsvendor "
                "newsvendor_quantities"
            ),
            "._policies": (
                "MinMaxPolicy OrderUpToPolicy PackRounding Policy ReorderDecision "
                "ReorderPointPolicy order_up_to_policy reorder round_to_pack"
            ),
            "._ranking": "RankedProduct SalesRecord rank_products",
            "._reorder_budget": "BelowMinimum BudgetPriority",
            "._reorder_items": (
                "LineOutcome PurchaseOrder ReorderItem ReorderLine ReorderRun Supplier"
            ),
            "._reorder_run": "reorder_run",
            "._routing": "MAX_LOCATIONS MAX_ROUTING_CHECKS Assignment Routing route_order",
            "._service": (
                "SafetyStock ServiceMeasure Shortfall cycle_service_level "
                "expected_shortage fill_rate loss_function reorder_points "
                "safety_stock_for_cycle_service safety_stock_for_fill_rate"
            ),
            "._shelf": "MAX_ORDERS",
            "._simulation": "MAX_PERIODS Simulation simulate",
            "._simulation_costs": "SimulationCosts simulation_costs",
            "._smoothing": "MAX_SEASONAL_FIT",
            "._stock_layers": "MAX_LAYERS CostLayer stock_value_from_layers",
            "._stock_value": (
                "MAX_SKUS SkuValue StockValue ValuationBasis days_sales_in_inventory "
                "stock_value"
            ),
        },
    )

__all__ = [
    "ADI_CUT_OFF",
    "CV2_CUT_OFF",
    "MAX_BACKTEST_WORK",
    "MAX_HISTORY_PERIODS",
    "MAX_HORIZON",
    "MAX_LAYERS",
    "MAX_LOCATIONS",
    "MAX_METHODS",
    "MAX_ORDERS",
    "MAX_ORIGINS",
    "MAX_PERIODS",
    "MAX_ROUTING_CHECKS",
    "MAX_SEASONAL_FIT",
    "MAX_SEASON_LENGTH",
    "MAX_SKUS",
    "MAX_UNITS_PER_PERIOD",
    "PLACES",
    "SBA",
    "AbcItem",
    "Accuracy",
    "Assignment",
    "Availability",
    "Backtest",
    "BacktestScore",
    "BelowMinimum",
    "BudgetPriority",
    "ChannelBuffer",
    "CostLayer",
    "Crossing",
    "Croston",
    "DemandClass",
    "DemandDistribution",
    "DemandPattern",
    "DemandProfile",
    "EconomicOrder",
    "ErrorMeasure",
    "Forecast",
    "ForecastDemand",
    "Holt",
    "HoltWinters",
    "LeadTime",
    "LeadTimeDemand",
    "LineOutcome",
    "Location",
    "Method",
    "MinMaxPolicy",
    "MovingAverage",
    "NewsvendorOrder",
    "OrderUpToPolicy",
    "PackRounding",
    "Period",
    "Policy",
    "PurchaseOrder",
    "RankedProduct",
    "ReorderDecision",
    "ReorderItem",
    "ReorderLine",
    "ReorderPointPolicy",
    "ReorderRun",
    "Reservation",
    "Routing",
    "SafetyStock",
    "SalesHistory",
    "SalesRecord",
    "Seasonality",
    "ServiceLevelTable",
    "ServiceMeasure",
    "Shortfall",
    "SimpleExponentialSmoothing",
    "Simulation",
    "SimulationCosts",
    "SkuValue",
    "StockValue",
    "Supplier",
    "ValuationBasis",
    "abc_classes",
    "available_to_promise",
    "backtest",
    "cycle_service_level",
    "days_of_inventory",
    "days_of_supply",
    "days_sales_in_inventory",
    "demand_from_forecast",
    "demand_pattern",
    "economic_order_quantity",
    "expected_shortage",
    "fill_rate",
    "forecast",
    "inventory_turnover",
    "lead_time_demand",
    "loss_function",
    "newsvendor",
    "newsvendor_quantities",
    "order_up_to_policy",
    "rank_products",
    "reorder",
    "reorder_points",
    "reorder_run",
    "round_to_pack",
    "route_order",
    "safety_stock_for_cycle_service",
    "safety_stock_for_fill_rate",
    "sell_through",
    "simulate",
    "simulation_costs",
    "stock_out_rate",
    "stock_value",
    "stock_value_from_layers",
    "xyz_classes",
]
