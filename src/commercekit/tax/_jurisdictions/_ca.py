"""Canada: GST, HST in the participating provinces, and the province of delivery.

* A supply between two provinces is a domestic supply, taxed at the rate of the province
  of delivery (GST, or HST where the province participates), so every Canadian sale
  needs the buyer's province.
* A non-resident seller of digital services to consumers registers under the simplified
  GST/HST regime once its sales to Canadian consumers exceed CAD 30,000 in twelve months
  (Excise Tax Act Part IX Div. II Subdiv. E, since 2021-07-01).
* A distribution platform facilitating a sale by a vendor established abroad and not
  registered for GST/HST is deemed the supplier of digital services to consumers, and of
  goods already in Canada (since 2021-07-01; goods mailed or couriered from abroad are
  taxed at the border instead).
* Goods shipped from abroad: a seller registered for GST/HST that imports them itself
  charges the tax of the province of delivery; otherwise GST/HST is collected at the
  border, with courier low-value relief (CAD 40 for tax under CUSMA).

References:
    CRA, cross-border threshold amounts: https://www.canada.ca/en/revenue-agency/services/tax/businesses/topics/gst-hst-businesses/digital-economy-gsthst/find-out-need-register/cross-border-threshold-amounts.html
    CBSA, low-value shipments (CUSMA): https://cbsa-asfc.gc.ca/services/cusma-aceum/lvs-efv-eng.html
    Act respecting the Québec sales tax (QST registration): https://www.legisquebec.gouv.qc.ca/en/document/cs/T-0.1
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from commercekit.tax._jurisdictions._base import (
    RegisteredServices,
    import_at_border,
    in_force,
)
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._sale import Collector, Regime, Rule, TaxDecision
from commercekit.tax._thresholds import ThresholdRule, threshold_for


class Canada(RegisteredServices):
    """Canadian GST/HST: the rules above."""

    code: ClassVar[str] = "CA"
    name: ClassVar[str] = "Canada"
    references: ClassVar[tuple[str, ...]] = (
        "https://www.canada.ca/en/revenue-agency/services/tax/businesses/topics/gst-hst-businesses/digital-economy-gsthst/find-out-need-register/cross-border-threshold-amounts.html",
        "https://cbsa-asfc.gc.ca/services/cusma-aceum/lvs-efv-eng.html",
    )
    thresholds: ClassVar[tuple[ThresholdRule, ...]] = (
        ThresholdRule.REGISTRATION_THRESHOLD,
        ThresholdRule.REGISTRATION_THRESHOLD_NONRESIDENT,
        ThresholdRule.COURIER_TAX_THRESHOLD,
        ThresholdRule.DEEMED_SUPPLIER,
    )
    registration_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD_NONRESIDENT
    )
    resident_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD
    )
    services_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD_NONRESIDENT
    )
    subdivision_examples: ClassVar[tuple[str, ...]] = ("CA-ON", "CA-QC")

    def domestic_between(self, origin: str, destination: str, *, goods: bool) -> bool:
        del goods
        # From Canada (a seller or stock has no province here) to a province: a
        # domestic supply at the province of delivery's rate.
        return origin == "CA" and destination.startswith("CA-")

    def deemed_supplier_at_home(self, case: Case, destination: str) -> Rule | None:
        sale = case.sale
        if not (case.goods and sale.marketplace and case.consumer):
            return None
        if case.seller_place.goods_jurisdiction.startswith("CA") or self.registered(case):
            return None
        deemed = in_force("CA", ThresholdRule.DEEMED_SUPPLIER, case.on)
        if deemed is None:
            return None
        return Rule(
            f"{sale.marketplace} facilitates a sale of goods already in Canada by a "
            "vendor established abroad and not registered for GST/HST: the platform is "
            f"deemed the supplier and charges the tax of {destination}",
            deemed.source,
        )

    def electronic_services(self, case: Case, destination: str) -> TaxDecision:
        return _quebec(case, destination, super().electronic_services(case, destination))

    def through_platform(
        self, case: Case, destination: str, rules: list[Rule]
    ) -> TaxDecision | None:
        deemed = in_force("CA", ThresholdRule.DEEMED_SUPPLIER, case.on)
        if deemed is None:
            return super().through_platform(case, destination, rules)
        if self.registered(case):
            return None  # the platform rule is for vendors not registered for GST/HST
        rules.append(
            Rule(
                f"{case.sale.marketplace} is the distribution platform of a vendor "
                "established abroad and not registered for GST/HST: the platform is "
                f"deemed the supplier and charges the tax of {destination}",
                deemed.source,
            )
        )
        return case.decision(
            Regime.DESTINATION_REGISTRATION,
            destination,
            Collector.MARKETPLACE,
            rules,
            scheme="CA GST/HST (distribution platform operator)",
            charge=True,
        )

    def goods_import(
        self, case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
    ) -> TaxDecision:
        day = case.on
        if self.registered(case):
            rule = threshold_for(
                "CA", ThresholdRule.REGISTRATION_THRESHOLD_NONRESIDENT, on=day
            )
            rules.append(
                Rule(
                    "the seller is registered for GST/HST and imports the goods itself: "
                    f"it charges the tax of {destination}, the province of delivery",
                    rule.source,
                )
            )
            registered = case.decision(
                Regime.DESTINATION_REGISTRATION,
                destination,
                Collector.SELLER,
                rules,
                scheme="CA GST/HST registration",
                documents=documents,
                charge=True,
            )
            return _quebec(case, destination, registered)
        rules.append(
            Rule(
                f"goods shipped into {destination} from abroad: import GST/HST is "
                "collected at the border (low-value relief may apply)",
                threshold_for("CA", ThresholdRule.COURIER_TAX_THRESHOLD, on=day).source,
            )
        )
        return import_at_border(case, destination, rules, documents)


# Act respecting the Québec sales tax (CQLR c. T-0.1), s. 477.2 ff.: the specified
# registration system for suppliers outside Québec (since 2019-01-01).
QUEBEC_QST = "https://www.legisquebec.gouv.qc.ca/en/document/cs/T-0.1"


def _quebec(case: Case, destination: str, decision: TaxDecision) -> TaxDecision:
    """A seller charging tax in Québec collects the QST under a registration of its
    own with Revenu Québec, apart from the GST/HST one: said where it has none."""
    registrations = case.sale.seller.registrations
    if destination != "CA-QC" or decision.collected_by is not Collector.SELLER:
        return decision
    if "CA-QC" in registrations:
        return decision
    rule = Rule(
        "the QST is collected under a separate registration with Revenu Québec (the "
        "specified registration system for suppliers outside Québec, Act respecting "
        "the QST s. 477.2 ff.); the seller lists none ('CA-QC'): register there "
        "before charging it",
        QUEBEC_QST,
    )
    return attrs.evolve(decision, rules=(*decision.rules, rule))
