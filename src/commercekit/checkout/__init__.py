"""The checkout: one quote composing promotions, tax, shipping and border charges.

[`quote`][commercekit.checkout.quote] takes a cart and a
[`CheckoutContext`][commercekit.checkout.CheckoutContext] and returns a
[`Quote`][commercekit.checkout.Quote]: every line's price, discount, tax and total, the
shipping (with its delivery dates, when the context names the warehouse), the tax per
rate, the import duties and taxes and who pays them, the grand total, and the reasons.
[`refund`][commercekit.checkout.refund] reverses part of it exactly, and
[`withdrawal_deadline`][commercekit.checkout.withdrawal_deadline] gives the last day of
the 14-day right of withdrawal (EU and EEA) or to cancel (United Kingdom).

With the buyer's [`Payment`][commercekit.checkout.Payment] (and the fee schedule that
prices it) in the context, the quote's [`QuotePayment`][commercekit.checkout.QuotePayment]
says what taking the payment costs the merchant, not charged to the buyer, and the
[`PaymentSurcharge`][commercekit.checkout.PaymentSurcharge] the buyer pays where the
shop asks for one and the law allows it; a refund then says what the payment provider
keeps. [`order_lines`][commercekit.checkout.order_lines] turns a quote into the
[`OrderLine`][commercekit.metrics.OrderLine]s of the margin breakdown.

A context with ``service_facts`` (a [`ServiceFacts`][commercekit.tax.ServiceFacts])
quotes a sale of services: no parcel, no border, and within India through a
marketplace the tax the operator pays (CGST Act s. 9(5)).
"""

from typing import TYPE_CHECKING

from commercekit._lazy import public_names

if TYPE_CHECKING:
    from commercekit.checkout._context import CheckoutContext
    from commercekit.checkout._margin_lines import order_lines
    from commercekit.checkout._model import Quote, QuoteLine, ShippingCharge
    from commercekit.checkout._payment import Payment, PaymentSurcharge, QuotePayment
    from commercekit.checkout._product import Product
    from commercekit.checkout._quote import quote
    from commercekit.checkout._refund import refund
    from commercekit.checkout._refund_policy import (
        BelowThreshold,
        RefundPolicy,
        ShippingRefund,
    )
    from commercekit.checkout._refund_result import Refund, RefundLine
    from commercekit.checkout._withdrawal import withdrawal_deadline
else:
    __getattr__, __dir__ = public_names(
        __name__,
        {
            "._context": "CheckoutContext",
            "._margin_lines": "order_lines",
            "._model": "Quote QuoteLine ShippingCharge",
            "._payment": "Payment PaymentSurcharge QuotePayment",
            "._product": "Product",
            "._quote": "quote",
            "._refund": "refund",
            "._refund_policy": "BelowThreshold RefundPolicy ShippingRefund",
            "._refund_result": "Refund RefundLine",
            "._withdrawal": "withdrawal_deadline",
        },
    )

__all__ = [
    "BelowThreshold",
    "CheckoutContext",
    "Payment",
    "PaymentSurcharge",
    "Product",
    "Quote",
    "QuoteLine",
    "QuotePayment",
    "Refund",
    "RefundLine",
    "RefundPolicy",
    "ShippingCharge",
    "ShippingRefund",
    "order_lines",
    "quote",
    "refund",
    "withdrawal_deadline",
]
