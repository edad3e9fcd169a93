"""Valid calls over ``commercekit.metrics``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import attrs

from commercekit.metrics import (
    AovBasis,
    Delivery,
    MarginLine,
    MarginReport,
    OrderAmounts,
    OrderLine,
    PortfolioRule,
    ProductPosition,
    ProductRole,
    Purchase,
    ReasonCost,
    ReturnLine,
    ReturnRate,
    ShippingPerOrder,
    margin_breakdown,
    return_rates,
)
from commercekit.money import Money
from tests.hostile import Call, call


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _line(channel: str = "web") -> MarginLine:
    return MarginLine(
        order="1001",
        product="TEE",
        channel=channel,
        revenue=eur("40.00"),
        discounts=eur("4.00"),
        cost_of_goods=eur("12.00"),
        fulfilment=eur("5.50"),
        payment_fees=eur("1.20"),
        returns_allowance=eur("2.00"),
    )


def _orders() -> list[OrderAmounts]:
    return [
        OrderAmounts(
            goods=eur("50.00"), discounts=eur("5.00"), shipping=eur("4.90"), tax=eur("8.55")
        ),
        OrderAmounts(
            goods=eur("30.00"), discounts=eur("0"), shipping=eur("4.90"), tax=eur("5.70")
        ),
    ]


def _purchases() -> list[Purchase]:
    return [
        Purchase(customer="ann", day=date(2026, 1, 5), amount=eur("40.00")),
        Purchase(customer="bob", day=date(2026, 1, 20), amount=eur("25.00")),
        Purchase(customer="ann", day=date(2026, 3, 2), amount=eur("30.00")),
    ]


def _sale(order: str = "1001", product: str = "TEE", channel: str = "web") -> OrderLine:
    return OrderLine(
        order=order,
        day=date(2026, 3, 2),
        product=product,
        channel=channel,
        market="NL",
        units=2,
        revenue=eur("50.00"),
        discounts=eur("5.00"),
        cost_of_goods=eur("24.00"),
        fulfilment=eur("3.00"),
        shipping_charged=eur("2.00"),
        shipping_cost=eur("4.50"),
        payment_costs=eur("0.95"),
        commissions=eur("0"),
    )


def _sales() -> list[OrderLine]:
    return [_sale("1001"), _sale("1002", "MUG", "marketplace")]


def _back(reason: str = "too-small") -> ReturnLine:
    return ReturnLine(
        order="1001",
        product="TEE",
        units=1,
        reason=reason,
        refund=eur("22.50"),
        return_shipping=eur("4.50"),
        restocking_loss=eur("0"),
    )


_MARCH = {"start": date(2026, 3, 1), "end": date(2026, 4, 1)}


def _report() -> MarginReport:
    return margin_breakdown(_sales(), [_back()], by=("product",), **_MARCH)


def _reason() -> ReasonCost:
    return ReasonCost("too-small", 1, eur("22.50"), eur("12.00"), eur("4.50"), eur("0"))


def _rate() -> ReturnRate:
    return return_rates(_sales(), [_back()], by=("product", "channel"), **_MARCH).groups[1]


def _position(rank: int = 1, product: str = "TEE") -> ProductPosition:
    return ProductPosition(
        product=product,
        rank=rank,
        role=ProductRole.TRAFFIC_BUILDER,
        units_per_period=Decimal("0.2500"),
        margin_per_period=eur("-1.39"),
        margin_ratio=Decimal("-0.1244"),
        why="below the cut-offs",
    )


CALLS: dict[str, Callable[[], Call]] = {
    "Cohort": lambda: call(
        month="2026-01",
        customers=2,
        repeat_customers=1,
        repeat_rate=Decimal("0.5000"),
        revenue_by_month={"2026-01": eur("65.00"), "2026-03": eur("30.00")},
    ),
    "ContributionMargin": lambda: call(
        revenue=eur("36.00"),
        variable_costs=eur("20.70"),
        margin=eur("15.30"),
        ratio=Decimal("0.4250"),
    ),
    "MarginLine": lambda: call(
        order="1001",
        product="TEE",
        channel="web",
        revenue=eur("40.00"),
        discounts=eur("4.00"),
        cost_of_goods=eur("12.00"),
        fulfilment=eur("5.50"),
        payment_fees=eur("1.20"),
        returns_allowance=eur("2.00"),
    ),
    "OrderAmounts": lambda: call(
        goods=eur("50.00"), discounts=eur("5.00"), shipping=eur("4.90"), tax=eur("8.55")
    ),
    "Purchase": lambda: call(customer="ann", day=date(2026, 1, 5), amount=eur("40.00")),
    "OrderLine": lambda: call(
        order="1001",
        day=date(2026, 3, 2),
        product="TEE",
        channel="web",
        market="NL",
        units=2,
        revenue=eur("50.00"),
        discounts=eur("5.00"),
        cost_of_goods=eur("24.00"),
        fulfilment=eur("3.00"),
        shipping_charged=eur("2.00"),
        shipping_cost=eur("4.50"),
        payment_costs=eur("0.95"),
        commissions=eur("7.50"),
    ),
    "ReturnLine": lambda: call(
        order="1001",
        product="TEE",
        units=1,
        reason="too-small",
        refund=eur("22.50"),
        return_shipping=eur("4.50"),
        restocking_loss=eur("12.00"),
    ),
    "MarginBreakdown": lambda: call(
        key=("TEE", "web"),
        units_sold=2,
        units_returned=1,
        revenue=eur("50.00"),
        discounts=eur("5.00"),
        cost_of_goods=eur("24.00"),
        cost_of_goods_returned=eur("12.00"),
        fulfilment=eur("3.00"),
        shipping_charged=eur("2.00"),
        shipping_cost=eur("4.50"),
        payment_costs=eur("0.95"),
        commissions=eur("7.50"),
        refunds=eur("22.50"),
        refunds_of_shipping=eur("2.00"),
        return_shipping=eur("4.50"),
        restocking_loss=eur("1.00"),
    ),
    "MarginReport": lambda: call(
        by=("product",),
        start=date(2026, 3, 1),
        end=date(2026, 4, 1),
        groups=list(_report().groups),
        total=_report().total,
        missing=("the sale of 'CAP' on order '1009' (1 unit returned)",),
    ),
    "margin_breakdown": lambda: call(
        lines=_sales(),
        returns=[_back()],
        start=date(2026, 3, 1),
        end=date(2026, 4, 1),
        by=("product", "channel", "market"),
        partial=False,
    ),
    "ReasonCost": lambda: call(
        reason="too-small",
        units=1,
        refunds=eur("22.50"),
        cost_of_goods_returned=eur("12.00"),
        return_shipping=eur("4.50"),
        restocking_loss=eur("0"),
    ),
    "ReturnRate": lambda: call(
        key=("TEE", "web"),
        units_sold=2,
        units_returned=1,
        orders=1,
        orders_with_returns=1,
        refunds=eur("22.50"),
        cost_of_goods_returned=eur("12.00"),
        return_shipping=eur("4.50"),
        restocking_loss=eur("0"),
        reasons=[_reason()],
    ),
    "ReturnReport": lambda: call(
        by=("product", "channel"),
        start=date(2026, 3, 1),
        end=date(2026, 4, 1),
        groups=[_rate()],
        total=attrs.evolve(_rate(), key=()),
        missing=(),
    ),
    "return_rates": lambda: call(
        lines=_sales(),
        returns=[_back("too-small"), _back("damaged")],
        start=date(2026, 3, 1),
        end=date(2026, 4, 1),
        by=("product", "channel"),
        partial=True,
    ),
    "ShippingPerOrder": lambda: call(
        key=("NL",), orders=3, shipping_charged=eur("9.90"), shipping_cost=eur("14.20")
    ),
    "ShippingReport": lambda: call(
        by=("market",),
        start=date(2026, 3, 1),
        end=date(2026, 4, 1),
        groups=[ShippingPerOrder(("NL",), 2, eur("4.00"), eur("9.00"))],
        total=ShippingPerOrder((), 2, eur("4.00"), eur("9.00")),
    ),
    "shipping_per_order": lambda: call(
        lines=_sales(), start=date(2026, 3, 1), end=date(2026, 4, 1), by=("market",)
    ),
    "Delivery": lambda: call(
        order="1001",
        promised_earliest=date(2026, 3, 3),
        promised_latest=date(2026, 3, 5),
        delivered=date(2026, 3, 6),
    ),
    "DeliveryPerformance": lambda: call(
        as_of=date(2026, 3, 10),
        on_time=2,
        early=1,
        late=("3", "4"),
        in_transit=("4",),
        days_late=8,
        not_yet_due=1,
    ),
    "on_time_delivery": lambda: call(
        deliveries=[
            Delivery("1", date(2026, 3, 3), date(2026, 3, 5), date(2026, 3, 2)),
            Delivery("2", date(2026, 3, 3), date(2026, 3, 5), None),
        ],
        as_of=date(2026, 3, 10),
    ),
    "PortfolioRule": lambda: call(
        units_per_period=Decimal("10"), margin_ratio=Decimal("0.25")
    ),
    "ProductPosition": lambda: call(
        product="TEE",
        rank=1,
        role=ProductRole.TRAFFIC_BUILDER,
        units_per_period=Decimal("30.7692"),
        margin_per_period=eur("-12.50"),
        margin_ratio=Decimal("-0.1000"),
        why="fast and thin: a traffic builder",
    ),
    "Portfolio": lambda: call(
        periods=4,
        units_cut=Decimal("0.2500"),
        ratio_cut=Decimal("-0.0500"),
        rule="fast: 0.2500 net units a period or more",
        products=[_position(1, "TEE"), _position(2, "MUG")],
    ),
    "portfolio": lambda: call(
        report=_report(), periods=4, rule=PortfolioRule(Decimal("0.25"), None)
    ),
    "average_order_value": lambda: call(orders=_orders(), basis=AovBasis.NET),
    "break_even_revenue": lambda: call(
        fixed_costs=eur("20000"), price=eur("400"), variable_cost=eur("250")
    ),
    "break_even_units": lambda: call(
        fixed_costs=eur("20000"), price=eur("400"), variable_cost=eur("250")
    ),
    "cac_payback_months": lambda: call(
        acquisition_cost=eur("80.00"), monthly_margin=eur("12.50")
    ),
    "cart_abandonment_rate": lambda: call(carts_created=400, orders_completed=120),
    "CashConversionCycle": lambda: call(
        days_of_inventory=Decimal("36.5000"),
        days_sales_outstanding=Decimal("54.7500"),
        days_payables_outstanding=Decimal("34.0667"),
        why="DIO = 3000000 / 30000000 x 365 = 36.5000",
    ),
    "cash_conversion_cycle_from_figures": lambda: call(
        inventory=eur("3000000"),
        cost_of_goods_sold=eur("30000000"),
        receivables=eur("6000000"),
        credit_sales=eur("40000000"),
        payables=eur("2800000"),
        days=365,
        purchases=eur("31000000"),
    ),
    "cash_conversion_cycle": lambda: call(
        days_of_inventory=Decimal("60.8333"),
        days_sales_outstanding=Decimal("2"),
        days_payables_outstanding=Decimal("40"),
    ),
    "cohorts": lambda: call(purchases=_purchases()),
    "contribution_by": lambda: call(
        lines=[_line("web"), _line("marketplace")], key="channel"
    ),
    "contribution_margin": lambda: call(line=_line()),
    "conversion_rate": lambda: call(orders=42, sessions=1500),
    "customer_acquisition_cost": lambda: call(spend=eur("12000"), new_customers=300),
    "days_of_inventory": lambda: call(
        cost_of_goods_sold=eur("120000"), average_inventory=eur("20000"), days=365
    ),
    "days_payables_outstanding": lambda: call(
        payables=eur("20000"), cost_of_goods_sold=eur("182500"), days=365
    ),
    "days_sales_outstanding": lambda: call(
        receivables=eur("10000"), revenue=eur("365000"), days=365
    ),
    "discounted_clv": lambda: call(
        margin_per_period=eur("100"),
        retention=Decimal("0.8"),
        discount_rate=Decimal("0.1"),
    ),
    "inventory_turnover": lambda: call(
        cost_of_goods_sold=eur("120000"), average_inventory=eur("20000")
    ),
    "ltv_to_cac": lambda: call(lifetime_value=eur("266.67"), acquisition_cost=eur("80")),
    "return_on_ad_spend": lambda: call(revenue=eur("5000"), ad_spend=eur("1250")),
    "simple_clv": lambda: call(
        average_order_value=eur("60"),
        orders_per_year=Decimal("3"),
        margin_ratio=Decimal("0.35"),
        years=Decimal("4"),
    ),
}

_NEGATIVE = frozenset({"negative money", "negative Decimal"})
_LOSS = "a product sold at a loss has a negative margin, and a negative margin ratio"
_KEY = (
    frozenset({"unknown code"}),
    "a group's key holds the shop's own product ids and channel names ('QZ' is one)",
)
_TEXT = (frozenset({"unknown code"}), "free text, which 'QZ' is")

VALID_BY_DESIGN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("MarginBreakdown", "key"): _KEY,
    ("ReturnRate", "key"): _KEY,
    ("ShippingPerOrder", "key"): _KEY,
    ("MarginReport", "missing"): _TEXT,
    ("Portfolio", "rule"): _TEXT,
    ("ProductPosition", "margin_per_period"): (_NEGATIVE, _LOSS),
    ("ProductPosition", "margin_ratio"): (_NEGATIVE, _LOSS),
    ("Portfolio", "ratio_cut"): (
        _NEGATIVE,
        "the median margin ratio of products mostly sold at a loss is negative",
    ),
}
