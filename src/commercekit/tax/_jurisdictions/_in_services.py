"""India's side of a service supplied by a supplier in India to a recipient abroad.

IGST Act 2017 s. 13 places such a supply by the service's kind (the sale's
``ServiceFacts``; electronic services are OIDAR, s. 13(12)). Where the place of supply
is outside India, the supply is an **export of services** only when all five
conditions of s. 2(6) hold: (i) the supplier is located in India, (ii) the recipient
outside India, (iii) the place of supply is outside India, (iv) the payment is received
in convertible foreign exchange (or in rupees where the Reserve Bank of India permits),
(v) supplier and recipient are not merely establishments of one person (Explanation 1
to s. 8). An export is zero-rated (s. 16(1)(a)). If (iv) or (v) fails, the supply is
inter-State (s. 7(5)(a)): IGST at the full rate. Where s. 13 puts the place of supply
in India (where performed, for a service performed in India; the supplier's location,
for banking, intermediary and short hire of transport, s. 13(8)), India taxes it as
any supply between two of its places (ss. 7-8). A fact the rule needs and the sale
does not give is refused by name, never assumed.

Not covered: a service performed at several places including India (s. 13(6)) or in
several States (s. 13(7)), goods temporarily imported for repair (s. 13(3)(a)
proviso), and services notified under s. 13(13).

References:
    CBIC, GST Acts (IGST Act 2017 ss. 2(6), 7, 8, 13, 16): https://cbic-gst.gov.in/gst-acts.html
    GST Council, 56th meeting (3 September 2025), recommending the omission of s.
        13(8)(b), as reported (read 2026-12-01): https://theleagle.in/?tag=intermediaries
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import attrs

from commercekit.errors import MissingDataError, NoRuleError
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._sale import Collector, Regime, Rule, Supply, TaxDecision
from commercekit.tax._services import PLACED_AT_LOCATION, ServiceFacts, ServiceKind

__all__ = [
    "AT_LOCATION",
    "AT_SUPPLIER",
    "INTERMEDIARY_RULE_READ_UNTIL",
    "LOCATION",
    "RECIPIENT_REDEFINED",
    "leaving_india",
    "oidar_rules",
    "refuse_intermediary_after_reading",
]

ACTS = "https://cbic-gst.gov.in/gst-acts.html"
COUNCIL_56 = "https://theleagle.in/?tag=intermediaries"
INTERMEDIARY_RULE_READ_UNTIL = date(2026, 1, 31)
"""The last day s. 13(8)(b) (intermediary services: the supplier's location) is known to
be in force: the GST Council recommended omitting it on 3 September 2025, which needs
an Act of Parliament; none was before the Union Budget of 1 February 2026, and whether
and from when one omitted it was not found."""

AT_SUPPLIER = {
    ServiceKind.BANKING: "13(8)(a), banking and financial services to account holders",
    ServiceKind.INTERMEDIARY: "13(8)(b), intermediary services",
    ServiceKind.HIRE_OF_TRANSPORT: "13(8)(c), hire of a means of transport (up to a month)",
}
AT_LOCATION = {
    ServiceKind.ON_GOODS: "13(3)(a): where the services on goods are performed",
    ServiceKind.IN_PERSON: "13(3)(b): where the services in person are performed",
    ServiceKind.IMMOVABLE_PROPERTY: "13(4): where the immovable property is",
    ServiceKind.EVENT: "13(5): where the event is held",
    ServiceKind.GOODS_TRANSPORT: "13(9): the destination of the goods",
    ServiceKind.PASSENGER_TRANSPORT: "13(10): where the passenger embarks",
    ServiceKind.ON_BOARD: "13(11): the conveyance's first scheduled point of departure",
}

LOCATION = "sale.service.location"
"""The field a missing ``ServiceFacts.location`` is refused at (``decide``'s ``sale``)."""
_PLACE = (
    "a country code, or for a place in India its State ('IN-KA'), which India's tax needs"
)

RECIPIENT_REDEFINED = date(2023, 10, 1)
"""Finance Act 2023 s. 160 in force: a non-taxable online recipient is any unregistered
person receiving OIDAR services in India, whatever the purpose (IGST Act s. 2(16) as
substituted)."""
REDEFINED_SOURCES = (
    "https://www.taxrealtime.in/gstlaws/provision/finance_act/456 (Finance Act 2023 s. "
    "160) and https://ptrlibrary.com/whatsnew/3501 (in force 2023-10-01)"
)

TaxedInIndia = Callable[[Case, str, str, list[Rule]], TaxDecision]
"""India's decision for a supply from the supplier's State to a place in India."""


def leaving_india(
    case: Case,
    supplier: str,
    decision: TaxDecision | None,
    taxed_in_india: TaxedInIndia,
) -> TaxDecision:
    """India's decision on a service from ``supplier`` (its State) to a recipient
    abroad: ``decision`` (the destination's own, where it has one) with India's export
    rules first; an export decision where there is none; India's tax where the place of
    supply is in India or the supply is not an export."""
    place, rule = _place_of_supply(case, supplier)
    if place.startswith("IN"):
        return taxed_in_india(case, supplier, place, [rule])
    facts = case.sale.service
    assert facts is not None  # noqa: S101  # _place_of_supply refused a sale without
    rules = [rule, *_conditions(case, supplier, facts)]
    if facts.paid_in_foreign_exchange is False or facts.establishments_of_one_person:
        rules.append(
            Rule(
                "not an export of services, as (iv) or (v) fails: an inter-State supply "
                "(IGST Act s. 7(5)(a)), taxed with IGST at the full rate",
                ACTS,
            )
        )
        return case.decision(
            Regime.DOMESTIC,
            "IN",
            Collector.SELLER,
            rules,
            scheme="inter-State supply (IGST)",
            charge=True,
        )
    rules.append(
        Rule(
            "an export is a zero-rated supply (IGST Act s. 16(1)(a)): no GST is charged "
            "under a bond or letter of undertaking, or IGST is paid and claimed back (s. "
            "16(3))",
            ACTS,
        )
    )
    if decision is not None:
        return attrs.evolve(decision, rules=(*rules, *decision.rules))
    return case.decision(
        Regime.EXPORT,
        None,
        Collector.NONE,
        rules,
        scheme="export of services (zero-rated)",
        documents=(
            "letter of undertaking (LUT) or bond, to export without paying IGST",
            "the bank's proof of the payment in convertible foreign exchange",
        ),
    )


def _kind(case: Case) -> tuple[ServiceFacts, ServiceKind]:
    """The sale's service facts and kind; refused, naming them, where not given."""
    facts = case.sale.service
    if facts is None:
        oidar = case.sale.supply is Supply.ELECTRONIC_SERVICES
        law = (
            "electronic services from India are OIDAR (IGST Act s. 13(12)); "
            if oidar
            else "IGST Act s. 13 places a service from India to a recipient abroad by "
            "its kind; "
        )
        export = "the facts s. 2(6) asks to tell an export"
        raise MissingDataError(
            "the facts of the service (Sale.service)",
            f"{law}pass service=ServiceFacts(kind=..., location=... where the kind is "
            "placed where it is performed, paid_in_foreign_exchange=..., "
            f"establishments_of_one_person=...), {export}",
            field="sale.service",
            json_how=f'{law}write the service\'s facts, {{"kind": ..., "location": ... '
            'where the kind is placed where it is performed, "paid_in_foreign_exchange":'
            f' ..., "establishments_of_one_person": ...}}, {export}',
        )
    return facts, facts.kind


def _place_of_supply(case: Case, supplier: str) -> tuple[str, Rule]:
    """Where s. 13 places the supply: a country, or a State of India."""
    facts, kind = _kind(case)
    recipient = case.sale.buyer.country
    if kind in (ServiceKind.GENERAL, ServiceKind.OIDAR):
        law = "13(12), OIDAR services" if kind is ServiceKind.OIDAR else "13(2)"
        return recipient, Rule(
            f"the place of supply is the recipient's location, {recipient} (IGST Act "
            f"s. {law})",
            ACTS,
        )
    if kind in AT_SUPPLIER:
        refuse_intermediary_after_reading(case)
        return supplier, Rule(
            f"the place of supply is the supplier's location, {supplier} (IGST Act s. "
            f"{AT_SUPPLIER[kind]}): in India, so not an export (s. 2(6)(iii))",
            ACTS,
        )
    assert kind in PLACED_AT_LOCATION  # noqa: S101  # every other kind
    where = facts.location
    if where is None or where == "IN":
        raise MissingDataError(
            f"where the {kind.value.replace('_', ' ')} service is placed "
            "(ServiceFacts.location)",
            f"IGST Act s. {AT_LOCATION[kind]}; pass location= {_PLACE}",
            field=LOCATION,
            json_how=f"IGST Act s. {AT_LOCATION[kind]}; write the service's "
            f'"location": {_PLACE}',
        )
    return where, Rule(
        f"the place of supply is {where} (IGST Act s. {AT_LOCATION[kind]})", ACTS
    )


def refuse_intermediary_after_reading(case: Case) -> None:
    """Refuse intermediary services (s. 13(8)(b)) after the last day the rule is known
    to be in force (``INTERMEDIARY_RULE_READ_UNTIL``)."""
    facts = case.sale.service
    kind = None if facts is None else facts.kind
    if kind is ServiceKind.INTERMEDIARY and case.on > INTERMEDIARY_RULE_READ_UNTIL:
        raise NoRuleError(
            "the place of supply of intermediary services (IGST Act s. 13(8)(b))",
            case.on,
            f"2017-07-01..{INTERMEDIARY_RULE_READ_UNTIL}: the GST Council recommended "
            "omitting s. 13(8)(b) on 2025-09-03 (the general rule would then place "
            "them at the recipient's location); whether and from when an Act omitted "
            f"it is not bundled [{COUNCIL_56}]",
        )


def _conditions(case: Case, supplier: str, facts: ServiceFacts) -> list[Rule]:
    """The five conditions of s. 2(6), each from the sale or its service facts; the two
    a sale does not carry refused by name where not given."""
    missing, fields = [], []
    if facts.paid_in_foreign_exchange is None:
        fields.append("sale.service.paid_in_foreign_exchange")
        missing.append(
            "whether the payment is received in convertible foreign exchange, or in "
            "rupees where the RBI permits (ServiceFacts.paid_in_foreign_exchange)"
        )
    if facts.establishments_of_one_person is None:
        fields.append("sale.service.establishments_of_one_person")
        missing.append(
            "whether supplier and recipient are merely establishments of one person "
            "(ServiceFacts.establishments_of_one_person)"
        )
    if missing:
        raise MissingDataError(
            tuple(missing),
            "IGST Act s. 2(6)(iv) and (v) decide whether the supply is an export of "
            "services (zero-rated) or an inter-State supply taxed with IGST",
            field=fields[0],
        )
    paid = "is" if facts.paid_in_foreign_exchange else "is not"
    one = "are" if facts.establishments_of_one_person else "are not"
    return [
        Rule(
            f"export of services (IGST Act s. 2(6)): (i) the supplier is in India "
            f"({supplier}), (ii) the recipient in {case.sale.buyer.country}, (iii) the "
            f"place of supply outside India; (iv) the payment {paid} received in "
            f"convertible foreign exchange (or rupees the RBI permits); (v) supplier and "
            f"recipient {one} merely establishments of one person",
            ACTS,
        )
    ]


def oidar_rules(on: date) -> list[Rule]:
    """Why OIDAR services from outside India to a consumer in India are taxed in India,
    and by whom: the recipient's location (s. 13(12)), an import of services and so
    inter-State (s. 7(4)), the supplier pays IGST (s. 14), with the definition of a
    non-taxable online recipient in force on ``on``."""
    if on >= RECIPIENT_REDEFINED:
        who = (
            "any unregistered person receiving them in India, whatever the purpose "
            "(IGST Act s. 2(16) as substituted by Finance Act 2023 s. 160 from "
            f"{RECIPIENT_REDEFINED})"
        )
        source = REDEFINED_SOURCES
    else:
        who = (
            "an unregistered person receiving them for purposes other than commerce, "
            f"industry, business or profession (s. 2(16) as enacted, until "
            f"{RECIPIENT_REDEFINED})"
        )
        source = ACTS
    return [
        Rule(
            "online information and database access or retrieval (OIDAR) services from "
            "outside India to a consumer in India: the place of supply is the "
            "recipient's location, India (IGST Act s. 13(12)); an import of services, "
            "so inter-State and taxed with IGST (s. 7(4)); the supplier outside India "
            "pays it, registering from its first sale (s. 14)",
            ACTS,
        ),
        Rule(f"a consumer is a non-taxable online recipient: {who}", source),
    ]
