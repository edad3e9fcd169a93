"""Shipping: parcels and chargeable weight, carrier rate cards, delivery dates, landed cost.

* [`Parcel`][commercekit.shipping.Parcel] and
  [`chargeable_weight`][commercekit.shipping.chargeable_weight]: the greater of actual
  and dimensional weight, rounded up to the carrier's step, after each side is measured
  the carrier's way ([`DimensionRounding`][commercekit.shipping.DimensionRounding]).
* [`RateCard`][commercekit.shipping.RateCard] and
  [`shipping_options`][commercekit.shipping.shipping_options]: zones, brackets,
  surcharges and free-shipping rules; the cheapest and fastest marked.
* [`delivery_window`][commercekit.shipping.delivery_window]: cut-off, handling and
  transit in business days, skipping public holidays.
* [`landed_cost`][commercekit.shipping.landed_cost]: duty, import tax and fees on the
  customs value each destination uses, de minimis rules, and who pays under DDP or DAP;
  India's Social Welfare Surcharge as a second duty line per item
  ([`DutyRate.social_welfare_surcharge`][commercekit.shipping.DutyRate] for a heading's
  own rate), transport by air capped for India
  ([`TransportMode`][commercekit.shipping.TransportMode]).
"""

from typing import TYPE_CHECKING

from commercekit._lazy import public_names

if TYPE_CHECKING:
    from commercekit.shipping._card_data import (
        example_rate_cards,
        rate_card_from_dict,
        rate_card_to_dict,
    )
    from commercekit.shipping._cards import Bracket, RateCard, Zone
    from commercekit.shipping._customs import (
        CustomsRules,
        ReliefKind,
        ReliefMeasure,
        Valuation,
        customs_rules,
    )
    from commercekit.shipping._de_minimis import DeMinimis, de_minimis
    from commercekit.shipping._delivery import DeliveryWindow, Warehouse, delivery_window
    from commercekit.shipping._landed import ItemDuty, ItemTax, LandedCost, landed_cost
    from commercekit.shipping._options import (
        FreeShipping,
        ShippingOption,
        ShippingRateSource,
        shipping_options,
    )
    from commercekit.shipping._parcels import (
        CM_PER_IN,
        KG_PER_LB,
        DimensionRounding,
        Parcel,
        chargeable_weight,
    )
    from commercekit.shipping._shipment import Fee, Item, Shipment
    from commercekit.shipping._tariff import (
        BUNDLED_TARIFF,
        BundledTariff,
        DutyRate,
        TariffSource,
        TariffTable,
        check_hs_code,
    )
    from commercekit.shipping._terms import Channel, Incoterm, TransportMode
else:
    __getattr__, __dir__ = public_names(
        __name__,
        {
            "._card_data": "example_rate_cards rate_card_from_dict rate_card_to_dict",
            "._cards": "Bracket RateCard Zone",
            "._customs": "CustomsRules ReliefKind ReliefMeasure Valuation customs_rules",
            "._de_minimis": "DeMinimis de_minimis",
            "._delivery": "DeliveryWindow Warehouse delivery_window",
            "._landed": "ItemDuty ItemTax LandedCost landed_cost",
            "._options": "FreeShipping ShippingOption ShippingRateSource shipping_options",
            "._parcels": "CM_PER_IN KG_PER_LB DimensionRounding Parcel chargeable_weight",
            # Imported from where each is defined: a quote within the EU describes
            # its shipment but never loads the duty and import-tax rules.
            "._shipment": "Fee Item Shipment",
            "._terms": "Channel Incoterm TransportMode",
            "._tariff": (
                "BUNDLED_TARIFF BundledTariff DutyRate TariffSource TariffTable "
                "check_hs_code"
            ),
        },
    )

__all__ = [
    "BUNDLED_TARIFF",
    "CM_PER_IN",
    "KG_PER_LB",
    "Bracket",
    "BundledTariff",
    "Channel",
    "CustomsRules",
    "DeMinimis",
    "DeliveryWindow",
    "DimensionRounding",
    "DutyRate",
    "Fee",
    "FreeShipping",
    "Incoterm",
    "Item",
    "ItemDuty",
    "ItemTax",
    "LandedCost",
    "Parcel",
    "RateCard",
    "ReliefKind",
    "ReliefMeasure",
    "Shipment",
    "ShippingOption",
    "ShippingRateSource",
    "TariffSource",
    "TariffTable",
    "TransportMode",
    "Valuation",
    "Warehouse",
    "Zone",
    "chargeable_weight",
    "check_hs_code",
    "customs_rules",
    "de_minimis",
    "delivery_window",
    "example_rate_cards",
    "landed_cost",
    "rate_card_from_dict",
    "rate_card_to_dict",
    "shipping_options",
]
