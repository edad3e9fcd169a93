"""VAT and GST: dated rates per jurisdiction and product category, and the arithmetic.

* [`rate_for`][commercekit.tax.rate_for] and [`rates_for`][commercekit.tax.rates_for]
  look up the rate in force on a day, with its source; a
  [`TaxRateSource`][commercekit.tax.TaxRateSource] lets a plugin supply its own.
* [`add_tax`][commercekit.tax.add_tax], [`extract_tax`][commercekit.tax.extract_tax],
  [`net_price`][commercekit.tax.net_price] and [`gross_price`][commercekit.tax.gross_price]
  do the arithmetic for one amount; [`tax_invoice`][commercekit.tax.tax_invoice] for a
  whole cart, with the rounding level and mode named;
  [`tax_in_minor_units`][commercekit.tax.tax_in_minor_units] for many amounts at one
  rate, in whole minor units (a long cart's lines).
* Rates by the price of each item (New York's, Massachusetts' and Rhode Island's
  clothing thresholds; the US states' clothing sales tax holidays):
  [`per_item_rates`][commercekit.tax.per_item_rates] finds the
  [`PerItemRate`][commercekit.tax.PerItemRate] rules
  ([`ItemRule`][commercekit.tax.ItemRule]; what they do to local taxes,
  [`LocalTaxes`][commercekit.tax.LocalTaxes]), and
  [`item_tax_lines`][commercekit.tax.item_tax_lines] applies them to each unit of a line.
* [`decide`][commercekit.tax.decide] says whose VAT/GST applies to a sale and why, asking
  each jurisdiction of [`JURISDICTION_REGISTRY`][commercekit.tax.JURISDICTION_REGISTRY]
  (one module each) the questions in a fixed order; how goods travel
  ([`TransportMode`][commercekit.tax.TransportMode],
  [`Channel`][commercekit.tax.Channel]) where a regime depends on it.
* [`threshold_status`][commercekit.tax.threshold_status] measures a seller's sales
  against each registration threshold, the US states' economic-nexus thresholds
  ([`nexus_threshold`][commercekit.tax.nexus_threshold]) included.
* US sales tax: each state's rate is bundled (``rates_for("US-CA", ...)``) with its
  facts ([`us_state`][commercekit.tax.us_state]: local taxes, the marketplace
  facilitator law); local rates come from a ``TaxRateSource`` (or are given for one
  address as [`LocalRates`][commercekit.tax.LocalRates], each a
  [`LocalRate`][commercekit.tax.LocalRate] with its
  [`LocalTaxType`][commercekit.tax.LocalTaxType] and, per category its state treats
  apart, its [`LocalTreatment`][commercekit.tax.LocalTreatment]), and
  [`StateRatesOnly`][commercekit.tax.StateRatesOnly] asks knowingly for the state's part
  alone, which [`missing_from`][commercekit.tax.missing_from] then names;
  [`us_shipping`][commercekit.tax.us_shipping] says whether the state taxes shipping.
* [`validate_tax_id`][commercekit.tax.validate_tax_id] checks a VAT/GST number;
  [`gstin_state`][commercekit.tax.gstin_state] reads the Indian State a GSTIN is
  registered in, which decides between CGST + SGST and IGST;
  [`ServiceFacts`][commercekit.tax.ServiceFacts] carries what India's place-of-supply
  and export-of-services rules ask of a service
  ([`ServiceKind`][commercekit.tax.ServiceKind]: IGST Act s. 13);
  [`fact_rates`][commercekit.tax.fact_rates] answers India's rates that turn on a fact
  the caller states in [`RateFacts`][commercekit.tax.RateFacts] (hotel accommodation by
  the value of a unit per day, restaurant service by its premises, air travel by its
  class, [`AirClass`][commercekit.tax.AirClass], rail and road travel by the
  [`Conveyance`][commercekit.tax.Conveyance]; footwear before 2022 by the price marked
  on each pair; motor cars by their [`Propulsion`][commercekit.tax.Propulsion], engine
  and length; drinks by their HSN heading; the compensation cess as a tax of its own).
* [`gst_registration_status`][commercekit.tax.gst_registration_status] says whether a
  [`GstSupplier`][commercekit.tax.GstSupplier] must register for India's GST (CGST Act
  ss. 22-24: the turnover limits by State and for goods, compulsory registration by
  [`GstSupply`][commercekit.tax.GstSupply]), as a
  [`GstRegistrationStatus`][commercekit.tax.GstRegistrationStatus];
  [`ecommerce_tcs`][commercekit.tax.ecommerce_tcs] the tax an e-commerce operator
  collects at source from a seller's month (CGST Act s. 52), as a
  [`TcsCollection`][commercekit.tax.TcsCollection];
  [`operator_pays`][commercekit.tax.operator_pays] whether the operator pays the GST
  on an [`OperatorService`][commercekit.tax.OperatorService] supplied through it
  (CGST Act s. 9(5)), as an [`OperatorLiability`][commercekit.tax.OperatorLiability];
  [`decide`][commercekit.tax.decide] asks it for a service sold within India through
  a marketplace, from the sale's [`ServiceFacts`][commercekit.tax.ServiceFacts].
"""

from typing import TYPE_CHECKING

from commercekit._lazy import public_names

if TYPE_CHECKING:
    from commercekit.tax._categories import RateKind, TaxCategory, check_category
    from commercekit.tax._compute import (
        TaxAmount,
        Taxed,
        add_tax,
        extract_tax,
        gross_price,
        net_price,
    )
    from commercekit.tax._counted import CountedSale
    from commercekit.tax._decide import decide
    from commercekit.tax._ids import (
        TaxId,
        TaxIdVerifier,
        Verification,
        VerificationLevel,
        is_valid_tax_id,
        validate_tax_id,
    )
    from commercekit.tax._in_cars import Propulsion
    from commercekit.tax._in_conveyance import Conveyance
    from commercekit.tax._in_facts import fact_rates
    from commercekit.tax._in_operator import OperatorLiability, operator_pays
    from commercekit.tax._in_rate_facts import AirClass, RateFacts
    from commercekit.tax._in_registration import (
        GstRegistrationStatus,
        gst_registration_status,
    )
    from commercekit.tax._in_supplier import GstSupplier, GstSupply
    from commercekit.tax._in_tcs import TcsCollection, ecommerce_tcs
    from commercekit.tax._india import gstin_state
    from commercekit.tax._invoice import TaxBreakdown, tax_invoice
    from commercekit.tax._item_rules import ItemRule, LocalTaxes, PerItemRate
    from commercekit.tax._jurisdictions import JURISDICTION_REGISTRY
    from commercekit.tax._minor_units import tax_in_minor_units
    from commercekit.tax._per_item import item_tax_lines, per_item_rates
    from commercekit.tax._rate_totals import RateTotal
    from commercekit.tax._rates import (
        BUNDLED,
        BundledRates,
        jurisdictions,
        rate_for,
        rates_for,
    )
    from commercekit.tax._registration import ThresholdStatus, threshold_status
    from commercekit.tax._rounding_level import RoundingLevel
    from commercekit.tax._sale import (
        Buyer,
        Collector,
        Regime,
        Rule,
        Sale,
        SaleLine,
        Seller,
        Supply,
        TaxDecision,
    )
    from commercekit.tax._services import OperatorService, ServiceFacts, ServiceKind
    from commercekit.tax._tax_line import LineTax, TaxLine
    from commercekit.tax._tax_rate import TaxRate, TaxRateSource, source_rates
    from commercekit.tax._thresholds import (
        Crossing,
        Registration,
        Threshold,
        ThresholdRule,
        Window,
        threshold_for,
        threshold_periods,
    )
    from commercekit.tax._transport import Channel, TransportMode
    from commercekit.tax._us_local import StateRatesOnly, missing_from
    from commercekit.tax._us_local_rates import (
        LocalRate,
        LocalRates,
        LocalTaxType,
        LocalTreatment,
    )
    from commercekit.tax._us_nexus import (
        CollectFrom,
        Combine,
        NexusThreshold,
        NexusWindow,
        nexus_periods,
        nexus_threshold,
    )
    from commercekit.tax._us_registration import nexus_status
    from commercekit.tax._us_shipping import ShippingTaxability, UsShipping, us_shipping
    from commercekit.tax._us_single_article import single_article_lines
    from commercekit.tax._us_states import UsState, us_state
    from commercekit.tax._us_status import NexusStatus
else:
    __getattr__, __dir__ = public_names(
        __name__,
        {
            "._categories": "RateKind TaxCategory check_category",
            "._compute": "TaxAmount Taxed add_tax extract_tax gross_price net_price",
            "._decide": "decide",
            "._india": "gstin_state",
            "._in_registration": "GstRegistrationStatus gst_registration_status",
            "._in_operator": "OperatorLiability operator_pays",
            "._in_cars": "Propulsion",
            "._in_conveyance": "Conveyance",
            "._in_facts": "fact_rates",
            "._in_rate_facts": "AirClass RateFacts",
            "._in_supplier": "GstSupplier GstSupply",
            "._in_tcs": "TcsCollection ecommerce_tcs",
            "._ids": (
                "TaxId TaxIdVerifier Verification VerificationLevel is_valid_tax_id "
                "validate_tax_id"
            ),
            "._invoice": "TaxBreakdown tax_invoice",
            "._rounding_level": "RoundingLevel",
            "._rate_totals": "RateTotal",
            "._jurisdictions": "JURISDICTION_REGISTRY",
            "._minor_units": "tax_in_minor_units",
            "._item_rules": "ItemRule LocalTaxes PerItemRate",
            "._per_item": "item_tax_lines per_item_rates",
            "._rates": "BUNDLED BundledRates jurisdictions rate_for rates_for",
            "._counted": "CountedSale",
            "._registration": "ThresholdStatus threshold_status",
            "._sale": "Buyer Collector Regime Rule Sale SaleLine Seller Supply TaxDecision",
            "._services": "OperatorService ServiceFacts ServiceKind",
            "._tax_line": "LineTax TaxLine",
            "._tax_rate": "TaxRate TaxRateSource source_rates",
            "._transport": "Channel TransportMode",
            "._thresholds": (
                "Crossing Registration Threshold ThresholdRule Window threshold_for "
                "threshold_periods"
            ),
            "._us_nexus": (
                "CollectFrom Combine NexusThreshold NexusWindow nexus_periods "
                "nexus_threshold"
            ),
            "._us_local": "StateRatesOnly missing_from",
            "._us_single_article": "single_article_lines",
            "._us_local_rates": "LocalRate LocalRates LocalTaxType LocalTreatment",
            "._us_registration": "nexus_status",
            "._us_shipping": "ShippingTaxability UsShipping us_shipping",
            "._us_states": "UsState us_state",
            "._us_status": "NexusStatus",
        },
    )

__all__ = [
    "BUNDLED",
    "JURISDICTION_REGISTRY",
    "AirClass",
    "BundledRates",
    "Buyer",
    "Channel",
    "CollectFrom",
    "Collector",
    "Combine",
    "Conveyance",
    "CountedSale",
    "Crossing",
    "GstRegistrationStatus",
    "GstSupplier",
    "GstSupply",
    "ItemRule",
    "LineTax",
    "LocalRate",
    "LocalRates",
    "LocalTaxType",
    "LocalTaxes",
    "LocalTreatment",
    "NexusStatus",
    "NexusThreshold",
    "NexusWindow",
    "OperatorLiability",
    "OperatorService",
    "PerItemRate",
    "Propulsion",
    "RateFacts",
    "RateKind",
    "RateTotal",
    "Regime",
    "Registration",
    "RoundingLevel",
    "Rule",
    "Sale",
    "SaleLine",
    "Seller",
    "ServiceFacts",
    "ServiceKind",
    "ShippingTaxability",
    "StateRatesOnly",
    "Supply",
    "TaxAmount",
    "TaxBreakdown",
    "TaxCategory",
    "TaxDecision",
    "TaxId",
    "TaxIdVerifier",
    "TaxLine",
    "TaxRate",
    "TaxRateSource",
    "Taxed",
    "TcsCollection",
    "Threshold",
    "ThresholdRule",
    "ThresholdStatus",
    "TransportMode",
    "UsShipping",
    "UsState",
    "Verification",
    "VerificationLevel",
    "Window",
    "add_tax",
    "check_category",
    "decide",
    "ecommerce_tcs",
    "extract_tax",
    "fact_rates",
    "gross_price",
    "gst_registration_status",
    "gstin_state",
    "is_valid_tax_id",
    "item_tax_lines",
    "jurisdictions",
    "missing_from",
    "net_price",
    "nexus_periods",
    "nexus_status",
    "nexus_threshold",
    "operator_pays",
    "per_item_rates",
    "rate_for",
    "rates_for",
    "single_article_lines",
    "source_rates",
    "tax_in_minor_units",
    "tax_invoice",
    "threshold_for",
    "threshold_periods",
    "threshold_status",
    "us_shipping",
    "us_state",
    "validate_tax_id",
]
