"""The checkout: one quote composing promotions, tax, shipping and border charges.

[`quote`][commercekit.checkout.quote] takes a cart and a
[`CheckoutContext`][commercekit.checkout.CheckoutContext] and returns a
[`Quote`][commercekit.checkout.Quote]: every line's price, discount, tax and total, the
shipping, the tax per rate, the import duties and taxes and who pays them, the grand
total, and the reasons.
"""

from commercekit.checkout._model import (
    CheckoutContext,
    Product,
    Quote,
    QuoteLine,
    ShippingCharge,
)
from commercekit.checkout._quote import quote

__all__ = ["CheckoutContext", "Product", "Quote", "QuoteLine", "ShippingCharge", "quote"]
