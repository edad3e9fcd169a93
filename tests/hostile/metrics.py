"""Valid calls over ``commercekit.metrics``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from commercekit.metrics import AovBasis, MarginLine, OrderAmounts, Purchase
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
