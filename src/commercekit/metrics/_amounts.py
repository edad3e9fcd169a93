"""Converters for the amounts of sales, returns and what is built from them.

One per field name, since attrs does not tell a converter which field it converts and
a refusal must name the field to fix. Each takes money, zero or more, in whole minor
units: amounts as an order or a refund books them, and sums of those.
"""

from __future__ import annotations

from commercekit.metrics._checks import booked
from commercekit.money import Money


def revenue(value: object) -> Money:
    return booked(value, "revenue")


def discounts(value: object) -> Money:
    return booked(value, "discounts")


def cost_of_goods(value: object) -> Money:
    return booked(value, "cost_of_goods")


def cost_of_goods_returned(value: object) -> Money:
    return booked(value, "cost_of_goods_returned")


def fulfilment(value: object) -> Money:
    return booked(value, "fulfilment")


def shipping_charged(value: object) -> Money:
    return booked(value, "shipping_charged")


def shipping_cost(value: object) -> Money:
    return booked(value, "shipping_cost")


def payment_costs(value: object) -> Money:
    return booked(value, "payment_costs")


def commissions(value: object) -> Money:
    return booked(value, "commissions")


def refund(value: object) -> Money:
    return booked(value, "refund")


def refunds(value: object) -> Money:
    return booked(value, "refunds")


def refunds_of_shipping(value: object) -> Money:
    return booked(value, "refunds_of_shipping")


def return_shipping(value: object) -> Money:
    return booked(value, "return_shipping")


def restocking_loss(value: object) -> Money:
    return booked(value, "restocking_loss")
