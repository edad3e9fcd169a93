"""Refusals in the hostile sweep that still name no argument, by callable and argument.

Left by the round that named refusals at the library's door (see CHANGELOG): each is
a refusal of a figure the rule computed from several arguments (a converted amount out
of range), a refusal that carries no value to look for (``AmbiguousTaxError``), or a
value a check changed before refusing it. ``tests/test_hostile.py`` fails when one is
named (drop it here) and when a refusal not listed names nothing.
"""

from __future__ import annotations

UNNAMED: frozenset[tuple[str, str]] = frozenset(
    {
        ("AppliedPromotion", "line_units"),
        ("BundledRates.rate_for", "tax"),
        ("CashRounding", "increment"),
        ("CustomsRules", "destination"),
        ("DeMinimis", "destination"),
        ("DeliveryWindow", "dispatch"),
        ("DimensionRounding.from_dict", "data"),
        ("FeeSchedule.fee_row", "card_origin"),
        ("FeeSchedule.fee_row", "card_type"),
        ("Market", "conversion_fee"),
        ("NexusStatus", "left_out"),
        ("NexusStatus", "sales"),
        ("NexusStatus", "state"),
        ("NexusThreshold", "state"),
        ("Parcel.imperial", "height"),
        ("Parcel.imperial", "length"),
        ("Parcel.imperial", "weight"),
        ("Parcel.imperial", "width"),
        ("PointsLedger.redeem", "points_spent"),
        ("PromotionResult", "line_units"),
        ("RateRegion", "subdivisions"),
        ("ReorderLine", "quantity"),
        ("ReorderLine", "unit_cost"),
        ("ServiceFacts", "location"),
        ("ShippingOption", "breakdown"),
        ("TariffTable", "rates"),
        ("Territory", "iso_alpha2"),
        ("UsShipping", "state"),
        ("UsState", "state"),
        ("allocate", "money"),
        ("allocate_transaction_price", "price"),
        ("break_even_revenue", "fixed_costs"),
        ("check_surcharge", "requested"),
        ("convert", "money"),
        ("convert_noted", "money"),
        ("convert_noted", "on"),
        ("convert_unrounded", "money"),
        ("discounted_clv", "margin_per_period"),
        ("landed_cost", "on"),
        ("localize_price", "base_price"),
        ("localize_price", "cost"),
        ("localize_price", "min_margin"),
        ("margin_after_returns", "handling"),
        ("payment_cost", "converted"),
        ("points_liability", "value_per_point"),
        ("points_standalone_price", "value_per_point"),
        ("price_for_margin", "cost"),
        ("price_for_markup", "cost"),
        ("price_for_markup", "markup"),
        ("rate_for", "tax"),
        ("redemption_discount", "requested"),
        ("refund", "points_earned"),
        ("simple_clv", "average_order_value"),
        ("simple_clv", "orders_per_year"),
        ("simple_clv", "years"),
        ("split", "money"),
        ("sum_money", "items"),
        ("to_minor_units", "money"),
        ("withdrawal_deadline", "delivered_on"),
    }
)
