"""The checkout: one quote composing promotions, tax, shipping and border charges.

[`quote`][commercekit.checkout.quote] takes a cart and a
[`CheckoutContext`][commercekit.checkout.CheckoutContext] and returns a
[`Quote`][commercekit.checkout.Quote]: every line's price, discount, tax and total, the
shipping (with its delivery dates, when the context names the warehouse), the tax per
rate, the import duties and taxes and who pays them, the grand total, and the reasons.
[`refund`][commercekit.checkout.refund] reverses part of it exactly, and
[`withdrawal_deadline`][commercekit.checkout.withdrawal_deadline] gives the last day of
the EU's 14-day right of withdrawal.
"""

from commercekit.checkout._context import CheckoutContext, Product
from commercekit.checkout._model import Quote, QuoteLine, ShippingCharge
from commercekit.checkout._quote import quote
from commercekit.checkout._refund import refund
from commercekit.checkout._refund_policy import RefundPolicy, ShippingRefund
from commercekit.checkout._refund_result import Refund, RefundLine
from commercekit.checkout._withdrawal import withdrawal_deadline

__all__ = [
    "CheckoutContext",
    "Product",
    "Quote",
    "QuoteLine",
    "Refund",
    "RefundLine",
    "RefundPolicy",
    "ShippingCharge",
    "ShippingRefund",
    "quote",
    "refund",
    "withdrawal_deadline",
]
