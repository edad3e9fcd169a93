"""The shop that "What a sale really earns" (``earnings.md``) follows through a month.

Klei & Linnen, a small Dutch shop, sells five products through its own web shop (to
the Netherlands, Germany and Belgium) and through a marketplace (to the Netherlands
and Belgium), and ships every order from its stockroom in Utrecht. This module holds
its books for November 2026: the catalog and its terms, the daily sales of October and
November, November's orders built from them as ``OrderLine``s, the returns, the
deliveries, and its stock and supplier terms on the evening of 30 November.

The page's examples import it, and so does the docs build's hook (``hooks.py``), which
draws the page's chart from the same figures, so the two cannot drift apart.

Every figure here is made up for the page, except the card fees, which are Stripe's
published prices bundled in commercekit as a labelled example
(``commercekit.payments.example_schedule("stripe")``), the VAT rates and the public
holidays, which are commercekit's bundled data.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from commercekit.metrics import Delivery, OrderLine, PortfolioRule, ReturnLine
from commercekit.money import Money, RoundingMode, round_money
from commercekit.payments import example_schedule, payment_cost
from commercekit.shipping import DeliveryWindow, Warehouse, delivery_window
from commercekit.tax import extract_tax, rate_for


def eur(amount: str) -> Money:
    """An amount in euros."""
    return Money(amount, "EUR")


ZERO = eur("0.00")
HALF_UP = RoundingMode.HALF_UP  # every rounding below names its mode
MONTH_START, MONTH_END = date(2026, 11, 1), date(2026, 12, 1)  # end: not counted
TODAY = date(2026, 11, 30)  # the evening the books are read


# --8<-- [start:catalog]
class Product(NamedTuple):
    """A product: its price to consumers (VAT included, the same in every market and
    channel), what a unit costs the shop, packing per unit, parcel and supplier."""

    price: Money
    unit_cost: Money
    packing: Money
    parcel: str  # "small" (a flat parcel) or "box"
    supplier: str


CATALOG = {
    "MUG": Product(eur("19.95"), eur("5.40"), eur("0.90"), "box", "POTTERY"),
    "TEE": Product(eur("29.95"), eur("9.80"), eur("0.35"), "small", "TEXTILE"),
    "TOTE": Product(eur("12.95"), eur("3.10"), eur("0.30"), "small", "TEXTILE"),
    "APRON": Product(eur("39.95"), eur("11.50"), eur("0.40"), "small", "TEXTILE"),
    "VASE": Product(eur("59.95"), eur("21.00"), eur("2.60"), "box", "POTTERY"),
}
HANDLING = eur("1.20")  # picking an order and printing its label, per order
SHIPPING_CHARGED = {"NL": eur("4.95"), "DE": eur("6.95"), "BE": eur("6.95")}  # web shop
FREE_SHIPPING_FROM = eur("50.00")  # web shop, goods after discounts, VAT included
CARRIER = {  # what the carrier charges per parcel, and per return label
    ("NL", "small"): eur("4.10"), ("NL", "box"): eur("6.25"),
    ("DE", "small"): eur("6.80"), ("DE", "box"): eur("9.40"),
    ("BE", "small"): eur("6.40"), ("BE", "box"): eur("8.95"),
}  # fmt: skip
COMMISSION_RATE = Decimal("0.12")  # of the marketplace's sales price, VAT included
COMMISSION_FIXED = eur("1.00")  # per unit sold on the marketplace
WELCOME_CODE = Decimal("0.10")  # 10 % off the goods on the web shop
STRIPE = example_schedule("stripe")  # the web shop's card fees: a labelled example
# --8<-- [end:catalog]


# --8<-- [start:customers]
class Customer(NamedTuple):
    """Who places an order: the channel, the market, how many units they take, how
    they pay (on the web shop: a method, a card type and the country that issued the
    card; the marketplace takes the payment itself) and whether they use a code."""

    channel: str
    market: str
    units: int
    method: str | None = None
    card_type: str | None = None
    card_country: str | None = None
    code: bool = False


CUSTOMERS = (  # the shop's buyers, in turn, order after order
    Customer("web", "NL", 1, "card", "consumer_debit", "NL"),
    Customer("marketplace", "NL", 1),
    Customer("web", "DE", 2, "card", "consumer_credit", "DE"),
    Customer("web", "NL", 1, "apple_pay", "consumer_credit", "NL", code=True),
    Customer("marketplace", "BE", 1),
    Customer("web", "BE", 1, "card", "consumer_debit", "BE"),
    Customer("web", "NL", 2, "card", "commercial", "NL"),
    Customer("marketplace", "NL", 2),
    Customer("web", "DE", 1, "card", "consumer_credit", "US"),
    Customer("web", "NL", 1, "card", "consumer_credit", "NL", code=True),
)
# --8<-- [end:customers]

# --8<-- [start:history]
HISTORY_START = date(2026, 10, 1)
DAILY_SALES = {  # units sold each day from 1 October to 30 November 2026
    "MUG": [3, 1, 4, 6, 4, 3, 3, 9, 3, 0, 5, 6, 2, 5, 3, 3, 2, 3, 6, 5, 6, 4, 6, 6, 4, 8,
            3, 2, 4, 4, 3, 5, 1, 1, 4, 3, 5, 2, 2, 4, 3, 2, 3, 2, 2, 2, 2, 1, 2, 2, 3, 8,
            2, 3, 4, 6, 7, 7, 4, 10, 7],
    "TEE": [4, 3, 4, 3, 1, 4, 6, 6, 2, 4, 2, 3, 3, 4, 3, 0, 8, 6, 2, 1, 4, 3, 5, 7, 2, 0,
            5, 5, 2, 5, 1, 1, 2, 0, 4, 2, 2, 3, 1, 9, 2, 5, 3, 4, 2, 4, 1, 1, 4, 3, 1, 3,
            6, 5, 6, 4, 5, 1, 2, 2, 4],
    "TOTE": [0, 3, 2, 0, 2, 1, 1, 2, 3, 2, 2, 1, 0, 0, 2, 0, 1, 3, 1, 4, 0, 1, 1, 2, 1, 3,
             2, 4, 2, 2, 1, 3, 1, 0, 3, 6, 8, 2, 2, 2, 3, 4, 1, 3, 2, 0, 2, 3, 1, 7, 2, 3,
             1, 0, 6, 2, 1, 3, 1, 2, 2],
    "APRON": [0, 0, 1, 0, 0, 1, 0, 3, 0, 0, 0, 0, 2, 1, 3, 3, 1, 0, 0, 1, 0, 1, 1, 0, 0,
              0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0,
              0, 0, 2, 1, 0, 0, 1, 0, 0, 0, 0],
    "VASE": [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 2, 0, 1, 0, 1, 0, 0, 0, 1, 0,
             1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 2, 1, 0, 0, 0, 0, 1, 0,
             0, 1, 1, 0, 0, 0, 0, 0, 1],
}  # fmt: skip
# --8<-- [end:history]


class Sale(NamedTuple):
    """One order of one product, before its costs are worked out."""

    order: str
    day: date
    product: str
    units: int
    customer: Customer


# --8<-- [start:sales]
def sales() -> Iterator[Sale]:
    """November's orders: each day's units of each product, sold to the customers in
    turn (each takes its ``units``, or what is left of the day's)."""
    customers, numbers = itertools.cycle(CUSTOMERS), itertools.count(1)
    for offset in range((MONTH_END - MONTH_START).days):
        day = MONTH_START + timedelta(offset)
        for product, history in DAILY_SALES.items():
            left = history[(day - HISTORY_START).days]
            while left:
                customer = next(customers)
                units = min(left, customer.units)
                left -= units
                yield Sale(f"N{next(numbers):04d}", day, product, units, customer)


def paid(sale: Sale) -> tuple[Money, Money, Money]:
    """What the buyer paid, VAT included: the goods, the discount on them, shipping."""
    goods = CATALOG[sale.product].price * sale.units
    discount = (
        round_money(goods * WELCOME_CODE, mode=HALF_UP) if sale.customer.code else ZERO
    )
    web, free = sale.customer.channel == "web", goods - discount >= FREE_SHIPPING_FROM
    shipping = SHIPPING_CHARGED[sale.customer.market] if web and not free else ZERO
    return goods, discount, shipping


# --8<-- [end:sales]


# --8<-- [start:lines]
def net_of_vat(gross: Money, market: str, day: date) -> Money:
    """What is left of a VAT-inclusive amount without the VAT of the buyer's country
    (the shop sells across the EU under the One-Stop Shop)."""
    return extract_tax(gross, rate_for(market, "standard", on=day)).net


def order_line(sale: Sale) -> OrderLine:
    """The order's line: its revenue and discount net of VAT, and every cost on it."""
    item, who = CATALOG[sale.product], sale.customer
    goods, discount, shipping = paid(sale)
    payment = commission = ZERO
    if who.channel == "web":  # the web shop takes the payment: Stripe's fee
        payment = payment_cost(
            goods - discount + shipping, who.method, STRIPE, merchant_country="NL",
            on=sale.day, card_type=who.card_type, issuer_country=who.card_country,
        ).total  # fmt: skip
    else:  # the marketplace's commission, corrected for the units returned
        kept = sale.units - RETURNED.get(sale.order, (0, ""))[0]
        commission = round_money(item.price * kept * COMMISSION_RATE, mode=HALF_UP)
        commission += COMMISSION_FIXED * kept
    return OrderLine(
        sale.order, sale.day, sale.product, who.channel, who.market, sale.units,
        revenue=net_of_vat(goods, who.market, sale.day),
        discounts=net_of_vat(discount, who.market, sale.day),
        cost_of_goods=item.unit_cost * sale.units,
        fulfilment=HANDLING + item.packing * sale.units,
        shipping_charged=net_of_vat(shipping, who.market, sale.day),
        shipping_cost=CARRIER[who.market, item.parcel],
        payment_costs=payment, commissions=commission,
    )  # fmt: skip


# --8<-- [end:lines]

# --8<-- [start:returns]
RETURNED = {  # order: (units, reason), as the returns desk booked them
    "N0009": (1, "too-small"), "N0018": (1, "too-small"), "N0027": (1, "too-large"),
    "N0037": (1, "damaged"), "N0063": (2, "too-small"), "N0081": (1, "changed-mind"),
    "N0095": (1, "too-large"), "N0096": (1, "changed-mind"), "N0106": (1, "damaged"),
    "N0108": (1, "damaged"), "N0120": (1, "too-small"), "N0140": (1, "changed-mind"),
    "N0159": (1, "too-large"), "N0168": (1, "too-small"), "N0188": (1, "damaged"),
}  # fmt: skip


def return_line(line: OrderLine) -> ReturnLine:
    """The return of ``line``: the refund net of VAT (the goods sent back, after their
    discount, and the shipping paid when the whole order comes back), the return
    label, and the cost of a damaged unit, which cannot be sold again."""
    units, reason = RETURNED[line.order]
    item = CATALOG[line.product]
    refund = round_money((line.revenue - line.discounts) * units / line.units, mode=HALF_UP)
    if units == line.units:  # Directive 2011/83/EU, Art. 13(1)
        refund += line.shipping_charged
    return ReturnLine(
        line.order, line.product, units, reason, refund=refund,
        return_shipping=CARRIER[line.market, item.parcel],
        restocking_loss=item.unit_cost * units if reason == "damaged" else ZERO,
    )  # fmt: skip


# --8<-- [end:returns]

# --8<-- [start:deliveries]
WAREHOUSE = Warehouse("NL", ZoneInfo("Europe/Amsterdam"), cutoff=time(15), handling_days=0)
TRANSIT_DAYS = {"NL": (1, 1), "BE": (1, 2), "DE": (1, 3)}  # business days, by market
LATE = {"N0012": 2, "N0057": 1, "N0133": 3, "N0186": 5}  # days after the window ended


@functools.cache
def promised(day: date, market: str) -> DeliveryWindow:
    """The window the checkout promised for an order placed at 10:00 on ``day``."""
    ordered_at = datetime.combine(day, time(10), WAREHOUSE.timezone)
    return delivery_window(WAREHOUSE, market, TRANSIT_DAYS[market], ordered_at=ordered_at)


def delivery(sale: Sale) -> Delivery:
    """The promised window and the day the parcel arrived: the window's first day, or
    later for a late parcel; ``None`` if that is after today."""
    window = promised(sale.day, sale.customer.market)
    arrived = window.earliest
    if sale.order in LATE:
        arrived = window.latest + timedelta(LATE[sale.order])
    return Delivery(
        sale.order, window.earliest, window.latest, arrived if arrived <= TODAY else None
    )


# --8<-- [end:deliveries]

# --8<-- [start:stock]
ON_HAND = {"MUG": 70, "TEE": 22, "TOTE": 15, "APRON": 9, "VASE": 1}  # this evening
SUPPLIERS = {  # lead time in days (mean, standard deviation), minimum order value
    "POTTERY": ((12, 2), eur("400")),
    "TEXTILE": ((8, 1), eur("250")),
}
ORDER_TERMS = {  # the usual order quantity Q, and the supplier's pack size
    "MUG": (120, 12), "TEE": (100, 10), "TOTE": (75, 25), "APRON": (20, 5),
    "VASE": (6, 2),
}  # fmt: skip
BUDGET = eur("1500")  # what the shop can spend on stock this week
PURCHASES, PAYABLES = eur("1950.00"), eur("1240.00")  # November's, and owed today
# --8<-- [end:stock]

# --8<-- [start:rule]
RULE = PortfolioRule(units_per_period=Decimal("30"), margin_ratio=Decimal("0.25"))
PERIODS = 1  # the month: velocity is net units a month, and 30 is one a day
# --8<-- [end:rule]

NOVEMBER = tuple(sales())
LINES = tuple(order_line(sale) for sale in NOVEMBER)
RETURNS = tuple(return_line(line) for line in LINES if line.order in RETURNED)
DELIVERIES = tuple(delivery(sale) for sale in NOVEMBER)
