"""India's side of a service supplied from abroad to a recipient in India.

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

To a **consumer** (a buyer without a GSTIN), a service other than OIDAR placed in India
is exempt: Notification 9/2017-Integrated Tax (Rate) entry 10(a) exempts services
received from a provider located in a non-taxable territory by an individual for a
purpose other than commerce, industry or any other business or profession. India
charges nothing and the supplier abroad does not register for it; the supplier's own
law decides its side (the decision made before, kept after India's reasons). A business
without a GSTIN would pay the IGST under reverse charge (entry 1) and must register
(CGST Act s. 24(iii)): it is decided as a business by passing its GSTIN.

References:
    CBIC, GST Acts (IGST Act 2017 ss. 2(11), 5, 7(4), 13): https://cbic-gst.gov.in/gst-acts.html
    Notification 10/2017-Integrated Tax (Rate), 28 June 2017 (G.S.R. 685(E)), entry 1,
        in force 2017-07-01: https://cbic-gst.gov.in/pdf/integrated-tax-rate/notfctn-10-2017-igst-rate-english.pdf
        (text read as reproduced by gstlearn.com and eximguru.com, 2026-12-01)
    Notification 9/2017-Integrated Tax (Rate), 28 June 2017 (G.S.R. 684(E)), entry 10,
        in force 2017-07-01: https://cbic-gst.gov.in/pdf/integrated-tax-rate/notfctn-9-2017-igst-rate-english.pdf
        (not opened; entry 10 read as reproduced by goodsandservicetax.in/GST/?p=7495,
        and its proviso as substituted from 2023-10-01 by gstpress.com, 2026-12-01)
"""

from __future__ import annotations

from datetime import date

import attrs

from commercekit.errors import InputKind, InvalidAmountError, MissingDataError, NoRuleError
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._jurisdictions._in_services import (
    AT_LOCATION,
    AT_SUPPLIER,
    LOCATION,
    refuse_intermediary_after_reading,
)
from commercekit.tax._sale import Collector, Regime, Rule, Supply, TaxDecision
from commercekit.tax._services import ServiceKind

__all__ = [
    "GST_BEGAN",
    "REVERSE_CHARGE_NOTIFICATION",
    "imported_by_business",
    "imported_by_consumer",
]

ACTS = "https://cbic-gst.gov.in/gst-acts.html"
REVERSE_CHARGE_NOTIFICATION = (
    "https://cbic-gst.gov.in/pdf/integrated-tax-rate/notfctn-10-2017-igst-rate-english.pdf"
)
EXEMPTION_NOTIFICATION = (
    "https://cbic-gst.gov.in/pdf/integrated-tax-rate/notfctn-9-2017-igst-rate-english.pdf "
    "https://goodsandservicetax.in/GST/?p=7495"
)
GST_BEGAN = date(2017, 7, 1)
"""GST in force (and with it Notifications 9/2017 and 10/2017-Integrated Tax (Rate))."""


def imported_by_business(case: Case) -> TaxDecision:
    """A service from a supplier outside India to a buyer in India with a GSTIN:
    reverse charge where s. 13 places it in India; outside India, not India's supply."""
    place, rule = _placed(case)
    if place != "IN":
        return case.decision(
            Regime.NOT_BUNDLED, None, Collector.NONE, [rule, _not_imported(place)]
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


def imported_by_consumer(case: Case, decision: TaxDecision) -> TaxDecision:
    """A service other than OIDAR from a supplier outside India to a consumer in India
    (no GSTIN): ``decision`` (the supplier's own side) with India's reasons first:
    exempt where s. 13 places it in India (9/2017-Integrated Tax (Rate) entry 10(a)),
    not India's supply where it places it outside."""
    facts = case.sale.service
    if facts is not None and facts.kind is ServiceKind.OIDAR:
        raise InvalidAmountError.refused(
            "sale.service.kind",
            facts.kind.value,
            "is OIDAR, which to a consumer in India is taxed (IGST Act s. 14), never "
            "exempt: sell it as supply='electronic_services'",
            kind=InputKind.CHOICE,
        )
    place, rule = _placed(case)
    if place != "IN":
        india = [rule, _not_imported(place)]
    else:
        india = [
            rule,
            Rule(
                "an import of services (IGST Act s. 2(11)), inter-State (s. 7(4)), and "
                "exempt: services received from a provider located in a non-taxable "
                "territory by an individual for a purpose other than commerce, "
                "industry or any other business or profession pay no IGST "
                "(Notification 9/2017-Integrated Tax (Rate) entry 10(a), from "
                f"{GST_BEGAN.isoformat()}); the buyer, without a GSTIN, is taken as "
                "such a consumer, so India charges nothing and the supplier abroad "
                "does not register for it. A business without a GSTIN pays the IGST "
                "under reverse charge (Notification 10/2017-Integrated Tax (Rate) "
                "entry 1) and must register (CGST Act s. 24(iii)): decide it with "
                "its GSTIN as tax_id",
                EXEMPTION_NOTIFICATION,
            ),
        ]
    return attrs.evolve(decision, rules=(*india, *decision.rules))


def _placed(case: Case) -> tuple[str, Rule]:
    """Where s. 13 places a service from abroad; refused before GST began."""
    if case.on < GST_BEGAN:
        raise NoRuleError(
            "a service imported into India",
            case.on,
            f"{GST_BEGAN.isoformat()} onwards, when GST (and Notifications 9/2017 and "
            "10/2017-Integrated Tax (Rate)) came into force",
        )
    return _place_of_supply(case)


_ABROAD = "a country code, or for a place in India 'IN' or its State ('IN-KA')"


def _not_imported(place: str) -> Rule:
    return Rule(
        f"the place of supply is outside India ({place}): not an import of services "
        "(IGST Act s. 2(11)), so India's GST does not apply; whether "
        f"{place}'s tax does, and who accounts for it, is not decided here: decide "
        "the supply as one made there",
        ACTS,
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
            f"IGST Act s. {AT_LOCATION[kind]}; pass location= {_ABROAD}",
            field=LOCATION,
            json_how=f"IGST Act s. {AT_LOCATION[kind]}; write the service's "
            f'"location": {_ABROAD}',
        )
    place = "IN" if where == "IN" or where.startswith("IN-") else where
    return place, Rule(
        f"the supplier is outside India ({supplier}): the place of supply is {where} "
        f"(IGST Act s. {AT_LOCATION[kind]})",
        ACTS,
    )
