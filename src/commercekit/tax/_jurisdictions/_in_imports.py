"""India's side of a service supplied from abroad to a business in India.

A supplier outside India is placed by IGST Act 2017 s. 13 (not s. 12): under the
general rule, the recipient's location (s. 13(2)); OIDAR services the same (s. 13(12));
the other kinds where performed, where the property is or the event held, where the
passenger embarks ... (s. 13(3)-(11)) or, for banking, intermediary services and short
hire of a means of transport, where the supplier is (s. 13(8)). Where that place is in
India the supply is an **import of services** (s. 2(11)), inter-State (s. 7(4)) and
taxed with IGST (s. 5(1)); Notification 10/2017-Integrated Tax (Rate), entry 1, issued
under s. 5(3), makes the recipient pay the whole of it under **reverse charge** when the
supplier is in a non-taxable territory and the recipient is any person in India other
than a non-taxable online recipient: a business with a GSTIN. The supplier abroad
charges none. (OIDAR services to a consumer are the supplier's to pay, s. 14:
``_in_services.oidar_rules``.)

Without ``ServiceFacts`` the sale is placed by the general rule, and the decision says
so; a kind placed where it is performed needs its ``location``.

References:
    CBIC, GST Acts (IGST Act 2017 ss. 2(11), 5, 7(4), 13): https://cbic-gst.gov.in/gst-acts.html
    Notification 10/2017-Integrated Tax (Rate), 28 June 2017 (G.S.R. 685(E)), entry 1,
        in force 2017-07-01: https://cbic-gst.gov.in/pdf/integrated-tax-rate/notfctn-10-2017-igst-rate-english.pdf
        (text read as reproduced by gstlearn.com and eximguru.com, 2026-12-01)
"""

from __future__ import annotations

from datetime import date

from commercekit.errors import MissingDataError, NoRuleError
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._jurisdictions._in_services import (
    AT_LOCATION,
    AT_SUPPLIER,
    LOCATION,
    refuse_intermediary_after_reading,
)
from commercekit.tax._sale import Collector, Regime, Rule, Supply, TaxDecision
from commercekit.tax._services import ServiceKind

__all__ = ["GST_BEGAN", "REVERSE_CHARGE_NOTIFICATION", "imported_by_business"]

ACTS = "https://cbic-gst.gov.in/gst-acts.html"
REVERSE_CHARGE_NOTIFICATION = (
    "https://cbic-gst.gov.in/pdf/integrated-tax-rate/notfctn-10-2017-igst-rate-english.pdf"
)
GST_BEGAN = date(2017, 7, 1)
"""GST in force (and with it Notification 10/2017-Integrated Tax (Rate))."""


def imported_by_business(case: Case) -> TaxDecision:
    """A service from a supplier outside India to a buyer in India with a GSTIN:
    reverse charge where s. 13 places it in India; outside India, not India's supply."""
    if case.on < GST_BEGAN:
        raise NoRuleError(
            "a service imported into India",
            case.on,
            f"{GST_BEGAN.isoformat()} onwards, when GST (and Notification "
            "10/2017-Integrated Tax (Rate)) came into force",
        )
    place, rule = _place_of_supply(case)
    if place != "IN":
        return case.decision(
            Regime.NOT_BUNDLED,
            None,
            Collector.NONE,
            [
                rule,
                Rule(
                    f"the place of supply is outside India ({place}): not an import of "
                    "services (IGST Act s. 2(11)), so India's GST does not apply; "
                    f"whether {place}'s tax does, and who accounts for it, is not "
                    "decided here: decide the supply as one made there",
                    ACTS,
                ),
            ],
        )
    gstin = case.sale.buyer.tax_id
    rules = [
        rule,
        Rule(
            "an import of services (IGST Act s. 2(11)): an inter-State supply (s. 7(4)) "
            "taxed with IGST at the service's rate (s. 5(1))",
            ACTS,
        ),
        Rule(
            f"the recipient, a business in India (GSTIN {gstin}) and so not a "
            "non-taxable online recipient, pays the whole IGST under reverse charge; "
            "the supplier abroad charges none (IGST Act s. 5(3); Notification "
            "10/2017-Integrated Tax (Rate), entry 1, from 2017-07-01)",
            REVERSE_CHARGE_NOTIFICATION,
        ),
    ]
    return case.decision(
        Regime.REVERSE_CHARGE,
        "IN",
        Collector.BUYER,
        rules,
        scheme="reverse charge (IGST)",
        documents=("the supplier's invoice, without GST",),
    )


def _place_of_supply(case: Case) -> tuple[str, Rule]:
    """Where s. 13 places the service: ``IN`` or a country outside India."""
    facts = case.sale.service
    supplier = case.sale.seller.country
    if facts is None:
        if case.sale.supply is Supply.ELECTRONIC_SERVICES:
            law, said = "13(12), OIDAR services", ""
        else:
            law = "13(2)"
            said = (
                "; no ServiceFacts given, so placed by the general rule (a service "
                "placed by a rule of its own passes service=ServiceFacts(kind, ...))"
            )
        return "IN", Rule(
            f"the supplier is outside India ({supplier}): IGST Act s. 13 places the "
            f"service at the recipient's location, India (s. {law}){said}",
            ACTS,
        )
    kind = facts.kind
    if kind in (ServiceKind.GENERAL, ServiceKind.OIDAR):
        law = "13(12), OIDAR services" if kind is ServiceKind.OIDAR else "13(2)"
        return "IN", Rule(
            f"the supplier is outside India ({supplier}): IGST Act s. 13 places the "
            f"service at the recipient's location, India (s. {law})",
            ACTS,
        )
    if kind in AT_SUPPLIER:
        refuse_intermediary_after_reading(case)
        return supplier, Rule(
            f"IGST Act s. {AT_SUPPLIER[kind]}: the place of supply is the supplier's "
            f"location, {supplier}",
            ACTS,
        )
    where = facts.location
    if where is None:
        raise MissingDataError(
            f"where the {kind.value.replace('_', ' ')} service is placed "
            "(ServiceFacts.location)",
            f"IGST Act s. {AT_LOCATION[kind]}; pass location= a country code, or for a "
            "place in India 'IN' or its State ('IN-KA')",
            field=LOCATION,
        )
    place = "IN" if where == "IN" or where.startswith("IN-") else where
    return place, Rule(
        f"the supplier is outside India ({supplier}): the place of supply is {where} "
        f"(IGST Act s. {AT_LOCATION[kind]})",
        ACTS,
    )
