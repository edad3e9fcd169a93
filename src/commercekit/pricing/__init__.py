"""Pricing: margins, price points, prices per market, and promotions.

* [`price_for_margin`][commercekit.pricing.price_for_margin],
  [`margin_of`][commercekit.pricing.margin_of] and friends: cost, markup and margin,
  and what discounts and returns leave of a margin.
* [`PricePoint`][commercekit.pricing.PricePoint] and
  [`to_price_point`][commercekit.pricing.to_price_point]: .99 endings, ¥980, never
  below a floor.
* [`Market`][commercekit.pricing.Market] and
  [`localize_price`][commercekit.pricing.localize_price]: one base price carried into
  each market's currency, fee, tax display and price points, never below a margin
  floor or a minimum advertised price (``bound_by`` names the floor that raised it,
  one of ``BOUND_BY``).
* [`apply_promotions`][commercekit.pricing.apply_promotions]: percentage and amount
  off, fixed prices, buy X get Y, tiers, bundles, free shipping and coupons, combined
  by explicit rules, every discount shared exactly over the lines.

Exchange-rate tables and conversion live in [`commercekit.money`][commercekit.money]
(``RateTable``, ``convert``), which the tax rules also need.
"""

from commercekit.pricing._apply import apply_promotions
from commercekit.pricing._cart import MAX_LINES, Cart, CartLine
from commercekit.pricing._margins import (
    margin_after_discount,
    margin_after_returns,
    margin_from_markup,
    margin_of,
    markup_from_margin,
    markup_of,
    price_for_margin,
    price_for_markup,
)
from commercekit.pricing._markets import (
    BOUND_BY,
    LocalizedPrice,
    Market,
    localize_price,
)
from commercekit.pricing._offers import (
    AmountOff,
    BundlePrice,
    BuyXGetY,
    FixedPrice,
    FreeShipping,
    Offer,
    PercentOff,
    Tier,
    Tiered,
)
from commercekit.pricing._price_points import (
    CHARM_99,
    Direction,
    PricePoint,
    to_price_point,
)
from commercekit.pricing._promotions import Promotion, PromotionClass, RejectionReason
from commercekit.pricing._results import (
    AppliedPromotion,
    DiscountedLine,
    PromotionResult,
    RejectedPromotion,
    Strategy,
)

__all__ = [
    "BOUND_BY",
    "CHARM_99",
    "MAX_LINES",
    "AmountOff",
    "AppliedPromotion",
    "BundlePrice",
    "BuyXGetY",
    "Cart",
    "CartLine",
    "Direction",
    "DiscountedLine",
    "FixedPrice",
    "FreeShipping",
    "LocalizedPrice",
    "Market",
    "Offer",
    "PercentOff",
    "PricePoint",
    "Promotion",
    "PromotionClass",
    "PromotionResult",
    "RejectedPromotion",
    "RejectionReason",
    "Strategy",
    "Tier",
    "Tiered",
    "apply_promotions",
    "localize_price",
    "margin_after_discount",
    "margin_after_returns",
    "margin_from_markup",
    "margin_of",
    "markup_from_margin",
    "markup_of",
    "price_for_margin",
    "price_for_markup",
    "to_price_point",
]
