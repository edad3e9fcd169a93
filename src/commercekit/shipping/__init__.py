"""Shipping: parcels and chargeable weight, carrier rate cards, delivery dates, landed cost.

* [`Parcel`][commercekit.shipping.Parcel] and
  [`chargeable_weight`][commercekit.shipping.chargeable_weight]: the greater of actual
  and dimensional weight, rounded up to the carrier's step.
* [`RateCard`][commercekit.shipping.RateCard] and
  [`shipping_options`][commercekit.shipping.shipping_options]: zones, brackets,
  surcharges and free-shipping rules; the cheapest and fastest marked.
* [`delivery_window`][commercekit.shipping.delivery_window]: cut-off, handling and
  transit in business days, skipping public holidays.
"""

from commercekit.shipping._cards import (
    Bracket,
    FreeShipping,
    RateCard,
    ShippingOption,
    ShippingRateSource,
    Zone,
    example_rate_cards,
    shipping_options,
)
from commercekit.shipping._delivery import DeliveryWindow, Warehouse, delivery_window
from commercekit.shipping._parcels import CM_PER_IN, KG_PER_LB, Parcel, chargeable_weight

__all__ = [
    "CM_PER_IN",
    "KG_PER_LB",
    "Bracket",
    "DeliveryWindow",
    "FreeShipping",
    "Parcel",
    "RateCard",
    "ShippingOption",
    "ShippingRateSource",
    "Warehouse",
    "Zone",
    "chargeable_weight",
    "delivery_window",
    "example_rate_cards",
    "shipping_options",
]
