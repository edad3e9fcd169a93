"""Unit economics and KPIs: is growth helping or hurting?

* [`contribution_margin`][commercekit.metrics.contribution_margin] and
  [`contribution_by`][commercekit.metrics.contribution_by]: what each order, product
  or channel leaves after its variable costs.
* [`margin_breakdown`][commercekit.metrics.margin_breakdown]: a period's
  [`OrderLine`][commercekit.metrics.OrderLine]s and the
  [`ReturnLine`][commercekit.metrics.ReturnLine]s matched to them, by any combination
  of product, channel and market, every component of the margin shown
  ([`MarginBreakdown`][commercekit.metrics.MarginBreakdown] in a
  [`MarginReport`][commercekit.metrics.MarginReport]), with net sales (net of
  discounts and returns) and the margin ratio over them. A refund above what was
  paid for the units returned, shipping included, is refused.
* [`return_rates`][commercekit.metrics.return_rates]: return rate by units and by
  orders, return cost, and its breakdown by the shop's reason codes
  ([`ReturnRate`][commercekit.metrics.ReturnRate],
  [`ReasonCost`][commercekit.metrics.ReasonCost],
  [`ReturnReport`][commercekit.metrics.ReturnReport]).
* [`shipping_per_order`][commercekit.metrics.shipping_per_order]
  ([`ShippingPerOrder`][commercekit.metrics.ShippingPerOrder] by group and in total,
  in a [`ShippingReport`][commercekit.metrics.ShippingReport]) and
  [`on_time_delivery`][commercekit.metrics.on_time_delivery]: on-time rate, late
  orders and days late of [`Delivery`][commercekit.metrics.Delivery]s against their
  promised window ([`DeliveryPerformance`][commercekit.metrics.DeliveryPerformance]).
* [`portfolio`][commercekit.metrics.portfolio]: products by margin and velocity into
  the groups a shop acts on ([`ProductRole`][commercekit.metrics.ProductRole]), by a
  stated [`PortfolioRule`][commercekit.metrics.PortfolioRule], each
  [`ProductPosition`][commercekit.metrics.ProductPosition] with its rank and why
  ([`Portfolio`][commercekit.metrics.Portfolio]).
* [`break_even_units`][commercekit.metrics.break_even_units] and
  [`break_even_revenue`][commercekit.metrics.break_even_revenue].
* [`average_order_value`][commercekit.metrics.average_order_value] on a named basis,
  [`conversion_rate`][commercekit.metrics.conversion_rate],
  [`cart_abandonment_rate`][commercekit.metrics.cart_abandonment_rate].
* [`customer_acquisition_cost`][commercekit.metrics.customer_acquisition_cost],
  [`simple_clv`][commercekit.metrics.simple_clv],
  [`discounted_clv`][commercekit.metrics.discounted_clv],
  [`ltv_to_cac`][commercekit.metrics.ltv_to_cac],
  [`cac_payback_months`][commercekit.metrics.cac_payback_months],
  [`return_on_ad_spend`][commercekit.metrics.return_on_ad_spend].
* [`cohorts`][commercekit.metrics.cohorts]: repeat-purchase rate and revenue by
  first-purchase month.
* [`cash_conversion_cycle`][commercekit.metrics.cash_conversion_cycle] from days of
  inventory, [`days_sales_outstanding`][commercekit.metrics.days_sales_outstanding] and
  [`days_payables_outstanding`][commercekit.metrics.days_payables_outstanding];
  `inventory_turnover` and `days_of_inventory` come from `commercekit.inventory`.
* The same cycle from the balances (stock value or average inventory, receivables,
  payables) and the period's flows:
  [`cash_conversion_cycle_from_figures`][commercekit.metrics.cash_conversion_cycle_from_figures]
  gives a [`CashConversionCycle`][commercekit.metrics.CashConversionCycle] with each
  period.

A period with nothing in it (no sales, no orders, no delivery due) is reported the
same way by every measure: no groups, a total of zero counts and amounts, and
``None`` for every ratio, rate or average that would divide by zero.
"""

from typing import TYPE_CHECKING

from commercekit._lazy import public_names

if TYPE_CHECKING:
    from commercekit.inventory import days_of_inventory, inventory_turnover
    from commercekit.metrics._acquisition import (
        cac_payback_months,
        customer_acquisition_cost,
        discounted_clv,
        ltv_to_cac,
        return_on_ad_spend,
        simple_clv,
    )
    from commercekit.metrics._breakdown import (
        MarginBreakdown,
        MarginReport,
        margin_breakdown,
    )
    from commercekit.metrics._cash_cycle import (
        CashConversionCycle,
        cash_conversion_cycle_from_figures,
    )
    from commercekit.metrics._checks import PLACES
    from commercekit.metrics._cohorts import (
        Cohort,
        Purchase,
        cash_conversion_cycle,
        cohorts,
        days_payables_outstanding,
        days_sales_outstanding,
    )
    from commercekit.metrics._delivery import (
        Delivery,
        DeliveryPerformance,
        ShippingPerOrder,
        ShippingReport,
        on_time_delivery,
        shipping_per_order,
    )
    from commercekit.metrics._margins import (
        ContributionMargin,
        MarginLine,
        break_even_revenue,
        break_even_units,
        contribution_by,
        contribution_margin,
    )
    from commercekit.metrics._orders import (
        AovBasis,
        OrderAmounts,
        average_order_value,
        cart_abandonment_rate,
        conversion_rate,
    )
    from commercekit.metrics._portfolio import (
        Portfolio,
        PortfolioRule,
        ProductPosition,
        ProductRole,
        portfolio,
    )
    from commercekit.metrics._returns import (
        ReasonCost,
        ReturnRate,
        ReturnReport,
        return_rates,
    )
    from commercekit.metrics._sales import OrderLine, ReturnLine
else:
    __getattr__, __dir__ = public_names(
        __name__,
        {
            "commercekit.inventory": "days_of_inventory inventory_turnover",
            "._acquisition": (
                "cac_payback_months customer_acquisition_cost discounted_clv ltv_to_cac "
                "return_on_ad_spend simple_clv"
            ),
            "._breakdown": "MarginBreakdown MarginReport margin_breakdown",
            "._cash_cycle": "CashConversionCycle cash_conversion_cycle_from_figures",
            "._checks": "PLACES",
            "._cohorts": (
                "Cohort Purchase cash_conversion_cycle cohorts days_payables_outstanding "
                "days_sales_outstanding"
            ),
            "._delivery": (
                "Delivery DeliveryPerformance ShippingPerOrder ShippingReport "
                "on_time_delivery shipping_per_order"
            ),
            "._margins": (
                "ContributionMargin MarginLine break_even_revenue break_even_units "
                "contribution_by contribution_margin"
            ),
            "._orders": (
                "AovBasis OrderAmounts average_order_value cart_abandonment_rate "
                "conversion_rate"
            ),
            "._portfolio": "Portfolio PortfolioRule ProductPosition ProductRole portfolio",
            "._returns": "ReasonCost ReturnRate ReturnReport return_rates",
            "._sales": "OrderLine ReturnLine",
        },
    )

__all__ = [
    "PLACES",
    "AovBasis",
    "CashConversionCycle",
    "Cohort",
    "ContributionMargin",
    "Delivery",
    "DeliveryPerformance",
    "MarginBreakdown",
    "MarginLine",
    "MarginReport",
    "OrderAmounts",
    "OrderLine",
    "Portfolio",
    "PortfolioRule",
    "ProductPosition",
    "ProductRole",
    "Purchase",
    "ReasonCost",
    "ReturnLine",
    "ReturnRate",
    "ReturnReport",
    "ShippingPerOrder",
    "ShippingReport",
    "average_order_value",
    "break_even_revenue",
    "break_even_units",
    "cac_payback_months",
    "cart_abandonment_rate",
    "cash_conversion_cycle",
    "cash_conversion_cycle_from_figures",
    "cohorts",
    "contribution_by",
    "contribution_margin",
    "conversion_rate",
    "customer_acquisition_cost",
    "days_of_inventory",
    "days_payables_outstanding",
    "days_sales_outstanding",
    "discounted_clv",
    "inventory_turnover",
    "ltv_to_cac",
    "margin_breakdown",
    "on_time_delivery",
    "portfolio",
    "return_on_ad_spend",
    "return_rates",
    "shipping_per_order",
    "simple_clv",
]
