"""The United Kingdom: Great Britain, and Northern Ireland for services and for goods
imported from outside the UK and the EU.

* Goods moved between Great Britain and Northern Ireland stay a domestic supply.
* Consignments of GBP 135 or less sold to consumers are taxed at sale: the seller (who
  must be UK VAT-registered, with no threshold) or the online marketplace facilitating
  the sale (deemed supplier) charges UK VAT, and no import VAT is due (VATA 1994 s. 5A);
  a VAT-registered business buying such a consignment accounts for the VAT by reverse
  charge. Above GBP 135, import VAT is due at the border.
* A marketplace facilitating a sale of goods already in the UK by a seller established
  outside it is deemed the supplier (VATA 1994 s. 5A).
* A seller of electronic services to UK consumers registers from its first sale
  (VATA 1994 Sch. 1A, no threshold for non-established persons).
* Goods exported from the UK are zero-rated for the seller (VAT Notice 703).

Goods imported into Northern Ireland from outside the UK and the EU follow these GBP 135
rules (NI Business Info, "How VAT will apply for goods imported into Northern Ireland
from outside the UK or EU"), except a consignment within EUR 150 sold by a seller using
the EU's Import One-Stop Shop, declared through it (VATA 1994 Sch. 9ZE).

References:
    VAT place of supply of services (Notice 741A): https://www.gov.uk/guidance/vat-place-of-supply-of-services-notice-741a
    VAT on goods exported from the UK (Notice 703): https://www.gov.uk/guidance/vat-on-goods-exported-from-the-uk-notice-703
    Online marketplaces: https://www.gov.uk/guidance/vat-and-overseas-goods-sold-to-customers-in-the-uk-using-online-marketplaces
    VATA 1994 Sch. 9ZE (Northern Ireland, OSS and IOSS): https://www.legislation.gov.uk/ukpga/1994/23/schedule/9ZE
"""

from __future__ import annotations

from typing import ClassVar

from commercekit.money import measured
from commercekit.tax._jurisdictions._base import RegisteredServices, import_at_border
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._jurisdictions._excluded import excluded
from commercekit.tax._sale import Collector, Regime, Rule, TaxDecision
from commercekit.tax._thresholds import ThresholdRule, threshold_for

UK_SERVICES = "https://www.gov.uk/guidance/vat-place-of-supply-of-services-notice-741a"
UK_EXPORTS = "https://www.gov.uk/guidance/vat-on-goods-exported-from-the-uk-notice-703"
UK_MARKETPLACES = (
    "https://www.gov.uk/guidance/"
    "vat-and-overseas-goods-sold-to-customers-in-the-uk-using-online-marketplaces"
)
# VATA 1994 Sch. 9ZE: Northern Ireland's part in the EU's special schemes (OSS, IOSS).
NORTHERN_IRELAND_SCHEMES = "https://www.legislation.gov.uk/ukpga/1994/23/schedule/9ZE"
_SCHEME = "UK low-value consignments (GBP 135)"
_UK = ("GB", "XI")


class UnitedKingdom(RegisteredServices):
    """UK VAT: the rules above."""

    code: ClassVar[str] = "GB"
    name: ClassVar[str] = "the United Kingdom"
    references: ClassVar[tuple[str, ...]] = (UK_SERVICES, UK_EXPORTS, UK_MARKETPLACES)
    thresholds: ClassVar[tuple[ThresholdRule, ...]] = (
        ThresholdRule.LOW_VALUE_CONSIGNMENT,
        ThresholdRule.DEEMED_SUPPLIER,
        ThresholdRule.REGISTRATION_THRESHOLD,
        ThresholdRule.REGISTRATION_THRESHOLD_NONRESIDENT,
    )
    # A seller established abroad has no threshold (VATA 1994 Sch. 1A).
    registration_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD_NONRESIDENT
    )
    resident_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD
    )

    def established_here(self, seller_country: str) -> bool:
        return seller_country in _UK

    def domestic_between(self, origin: str, destination: str, *, goods: bool) -> bool:
        # Goods between Great Britain and Northern Ireland stay inside UK VAT.
        return origin == destination or (goods and {origin, destination} <= set(_UK))

    @property
    def domestic_source(self) -> str:
        return UK_MARKETPLACES

    def deemed_supplier_at_home(self, case: Case, destination: str) -> Rule | None:
        sale = case.sale
        if not (case.goods and sale.marketplace and case.consumer):
            return None
        if case.seller_place.goods_jurisdiction in _UK:
            return None
        return Rule(
            f"{sale.marketplace} facilitates a supply of goods already in {destination} "
            "by a seller established outside it: the marketplace is deemed the supplier "
            "and charges the tax (VATA 1994 s. 5A)",
            threshold_for("GB", ThresholdRule.DEEMED_SUPPLIER, on=case.on).source,
        )

    def to_business(self, case: Case, origin: str, destination: str) -> TaxDecision | None:
        if not case.goods:
            return super().to_business(case, origin, destination)
        if origin in _UK:
            return None
        limit = threshold_for("GB", ThresholdRule.LOW_VALUE_CONSIGNMENT, on=case.on)
        # No VAT is charged at sale (the business accounts for it): the value as shown.
        value = case.amount_in(case.consignment_value(destination, taxed=False), "GBP")
        if limit.crossed_by(value):
            return None
        if excluded(case, "GB") is not None:
            return None  # excise goods: imported, import VAT at the border
        rule = Rule(
            f"a consignment of {measured(value, limit.amount)} (not over {limit.amount}) "
            "to a UK VAT-registered "
            f"business ({case.sale.buyer.tax_id}): the business accounts for UK VAT by "
            "reverse charge",
            limit.source,
        )
        return case.decision(
            Regime.REVERSE_CHARGE,
            destination,
            Collector.BUYER,
            [rule],
            scheme="UK reverse charge on low-value goods",
            cleared_under=_SCHEME,
            documents=("invoice stating that the customer accounts for the VAT",),
        )

    def goods_import(
        self, case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
    ) -> TaxDecision:
        if destination == "XI":
            by_ioss = _ioss_in_northern_ireland(case, rules, documents)
            if by_ioss is not None:
                return by_ioss
        sale = case.sale
        limit = threshold_for("GB", ThresholdRule.LOW_VALUE_CONSIGNMENT, on=case.on)
        source = limit.source
        # Within the limit UK VAT is charged at sale, always: measured without it.
        value = case.amount_in(case.consignment_value(destination, taxed=True), "GBP")
        if limit.crossed_by(value):
            rules.append(
                Rule(
                    f"a consignment of {measured(value, limit.amount)}, over "
                    f"{limit.amount}: import VAT at the border",
                    source,
                )
            )
            return import_at_border(case, destination, rules, documents)
        outside = excluded(case, "GB")
        if outside is not None:
            rules.append(outside)
            return import_at_border(case, destination, rules, documents)
        if sale.marketplace:
            by = f"the online marketplace {sale.marketplace} (deemed supplier)"
            deemed = threshold_for("GB", ThresholdRule.DEEMED_SUPPLIER, on=case.on)
            source = deemed.source
        else:
            by = "the seller, who must be UK VAT-registered (no threshold applies)"
        rules.append(
            Rule(
                f"a consignment of {measured(value, limit.amount)}, not over "
                f"{limit.amount}: UK VAT is charged at the point of sale by {by}",
                source,
            )
        )
        return case.decision(
            Regime.LOW_VALUE_AT_SALE,
            destination,
            Collector.MARKETPLACE if sale.marketplace else Collector.SELLER,
            rules,
            scheme=_SCHEME,
            documents=(*documents, "VAT invoice showing the UK VAT charged"),
            charge=True,
            cleared_under=_SCHEME,
        )

    def exports(self, case: Case, origin: str, destination: str) -> list[Rule]:
        del case, destination
        rule = Rule(f"goods exported from {origin}: zero-rated for the seller", UK_EXPORTS)
        return [rule]


def _ioss_in_northern_ireland(
    case: Case, rules: list[Rule], documents: tuple[str, ...]
) -> TaxDecision | None:
    """Goods imported into Northern Ireland by a seller using the IOSS, in a consignment
    within the EU's EUR 150: declared through the IOSS (VATA 1994 Sch. 9ZE), not under
    the UK's GBP 135 rules; None where the IOSS cannot be used."""
    if not case.consumer or "IOSS" not in case.sale.seller.registrations:
        return None
    limit = threshold_for("EU", ThresholdRule.LOW_VALUE_CONSIGNMENT, on=case.on)
    value = case.amount_in(case.consignment_value("XI", taxed=True), "EUR")
    if limit.crossed_by(value) or excluded(case, "EU") is not None:
        return None
    rules.append(
        Rule(
            f"a consignment of intrinsic value {measured(value, limit.amount)}, not over "
            f"{limit.amount}, into "
            "Northern Ireland by a seller using the IOSS: VAT is charged at checkout and "
            "declared through the IOSS, and the goods clear customs free of VAT",
            NORTHERN_IRELAND_SCHEMES,
        )
    )
    return case.decision(
        Regime.IOSS,
        "XI",
        Collector.SELLER,
        rules,
        scheme="IOSS",
        documents=(*documents, "IOSS number on the customs declaration"),
        charge=True,
        cleared_under="IOSS",
    )
