"""India: GST, split by where the supplier is and where the supply is taxed.

* A supply inside India is **intra-State** when the supplier's location and the place
  of supply are in the same State or Union territory (IGST Act 2017 s. 8): it pays CGST
  and SGST, each half the rate, or CGST and UTGST in a Union territory without a
  legislature (UTGST Act 2017 s. 7). Otherwise it is **inter-State** (s. 7) and pays
  IGST at the full rate (s. 5(1)). The total is the same; who receives it differs.
* The supplier's location is the State of its GST registration, listed in
  ``Seller.registrations`` by its ISO 3166-2 code (``IN-MH``; ``gstin_state`` reads it
  from the seller's GSTIN).
* The place of supply of **goods** is where their movement ends for delivery (s.
  10(1)(a)); to a buyer without a GSTIN, the address recorded on the invoice (s.
  10(1)(ca), since 2023-10-01). commercekit takes it from the buyer's subdivision, never
  from its GSTIN's State (which does not tell where the goods go): without it, the
  decision is refused. Goods delivered to a third person on the buyer's direction
  (bill-to-ship-to, s. 10(1)(b): the place of supply is the buyer's principal place of
  business) cannot be expressed by a ``Sale``.
* The place of supply of **services** under the general rule (s. 12(2)) is a
  registered buyer's location (its GSTIN's State), else the buyer's address. Hotel
  accommodation is placed where the property is (s. 12(3)(b)), restaurant service
  where performed (s. 12(4)) and passenger transport to an unregistered person where
  the passenger embarks (s. 12(9)(b)), from the sale's ``ServiceFacts``
  (``_in_section_12.py``); the other services with rules of their own (s.
  12(3)-(14): other immovable property, events, transport …) are refused when said.
* A supplier in India selling services to a recipient **outside India**: IGST Act s.
  13 sets the place of supply by the kind of service, and s. 2(6) says when it is an
  export (zero-rated, s. 16(1)(a)): ``_in_services.py``, from the sale's
  ``ServiceFacts``, refused by name where a fact is missing. Goods taken out of India
  are an export of goods (s. 2(5)).
* A supplier abroad selling services to a business in India (a buyer with a GSTIN):
  where s. 13 places the service in India, an import of services, on which the
  recipient pays IGST under reverse charge (IGST Act s. 5(3); Notification
  10/2017-Integrated Tax (Rate) entry 1): ``_in_imports.py``.
* A supplier abroad selling other services to a consumer in India (no GSTIN): placed
  in India by s. 13, they are exempt (Notification 9/2017-Integrated Tax (Rate) entry
  10(a)); placed outside India, not India's (``_in_imports.py``).
* A supplier abroad selling online information and database access or retrieval
  services (OIDAR) to consumers in India: the place of supply is the recipient's
  location (s. 13(12)), and the supplier registers and pays IGST from its first sale
  (IGST Act s. 14; CGST Act s. 24).
* Goods shipped into India from abroad: customs collects basic customs duty and IGST
  from the importer at the border (IGST Act s. 5(1) proviso; Customs Tariff Act 1975
  s. 3(7)); ``landed_cost`` computes them (duty from the caller's tariff, the Social
  Welfare Surcharge, IGST on the assessable value plus both).
* Registration (CGST Act 2017 ss. 22-24): ``threshold_status`` measures a seller in
  India against s. 22(1)'s INR 20 lakh over the financial year and names, in
  ``unmeasured``, what changes it (its State, goods only, s. 24);
  ``gst_registration_status`` measures them (``_in_registration.py``). A seller abroad
  selling to India is listed ``not_bundled``, naming s. 24, which alone decides.

References:
    CBIC, GST Acts (CGST, IGST and UTGST Acts 2017): https://cbic-gst.gov.in/gst-acts.html
    CBIC, GST rates of goods and services: https://cbic-gst.gov.in/gst-goods-services-rates.html
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

import attrs

from commercekit.errors import (
    InputKind,
    InvalidAmountError,
    NoRuleError,
)
from commercekit.tax._india import (
    LADAKH_SEPARATED,
    TERRITORIES_MERGED,
    UT_WITHOUT_LEGISLATURE,
    gst_taxes,
    gstin_state,
    place_on,
    state,
)
from commercekit.tax._jurisdictions._base import RegisteredServices, import_at_border
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._jurisdictions._in_imports import (
    imported_by_business,
    imported_by_consumer,
)
from commercekit.tax._jurisdictions._in_operator_sale import through_operator
from commercekit.tax._jurisdictions._in_section_12 import placed_by_section_12
from commercekit.tax._jurisdictions._in_services import leaving_india, oidar_rules
from commercekit.tax._sale import Collector, Regime, Rule, TaxDecision
from commercekit.tax._thresholds import ThresholdRule

if TYPE_CHECKING:
    from commercekit.tax._registration import CountedSale

ACTS = "https://cbic-gst.gov.in/gst-acts.html"
_UNMEASURED = (
    (
        "Measured against INR 20 lakh (CGST Act s. 22(1)) on the aggregate turnover "
        "(s. 2(6): every sale, exports and exempt supplies too, net of GST). The limit "
        "is INR 10 lakh in the special category States (Manipur, Mizoram, Nagaland, "
        "Tripura since 2019-02-01) and INR 40 lakh for a supplier exclusively of goods "
        "since 2019-04-01 (Notification 10/2019-Central Tax), except in the States and "
        "for the goods it lists; and s. 24 makes registration compulsory whatever the "
        "turnover (inter-State supplies of goods, goods through an e-commerce "
        "operator, among others). Measure them with gst_registration_status(sales, "
        "GstSupplier(state, supplies), on=...)."
    ),
)


class India(RegisteredServices):
    """Indian GST: the rules above."""

    code: ClassVar[str] = "IN"
    name: ClassVar[str] = "India"
    references: ClassVar[tuple[str, ...]] = (
        ACTS,
        "https://cbic-gst.gov.in/gst-goods-services-rates.html",
    )

    thresholds: ClassVar[tuple[ThresholdRule, ...]] = (
        ThresholdRule.REGISTRATION_THRESHOLD,
        ThresholdRule.REGISTRATION_THRESHOLD_SPECIAL_CATEGORY,
        ThresholdRule.REGISTRATION_THRESHOLD_GOODS,
    )
    # threshold_status measures a supplier in India against s. 22(1)'s INR 20 lakh;
    # gst_registration_status picks the limit from its State and supplies.
    resident_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD
    )
    registration_rules_not_bundled: ClassVar[tuple[str, ...]] = (
        (
            "A supplier outside India registers for India's GST whatever its turnover "
            "when s. 24 names it: OIDAR services to non-registered recipients in India "
            "(CGST Act s. 24(xi); IGST Act s. 14), or taxable supplies in India as a "
            "non-resident taxable person (s. 24(v)); goods shipped to India from "
            "abroad are the buyer's import. threshold_status cannot tell these from "
            "its sales: measure them with gst_registration_status(sales, "
            f"GstSupplier(None, {{GstSupply.OIDAR}}), on=...). {ACTS}"
        ),
    )

    def registration_rule(
        self, seller_country: str, sales: Sequence[CountedSale], on: date
    ) -> ThresholdRule | None:
        del sales, on
        return self.resident_threshold if self.established_here(seller_country) else None

    def unmeasured_registration_rules(
        self, rule: ThresholdRule, seller_country: str
    ) -> tuple[str, ...]:
        del rule, seller_country
        return _UNMEASURED

    def domestic(self, case: Case, destination: str) -> TaxDecision:
        del destination  # India's tax is decided by its States, not by the country
        supplier = _supplier_state(case)
        place, why = placed_by_section_12(case) or _place_of_supply(case)
        return through_operator(case, taxed_in_india(case, supplier, place, [why]))

    def exports(self, case: Case, origin: str, destination: str) -> list[Rule]:
        del case
        return [
            Rule(
                f"goods taken out of India from {origin} to {destination}: an export of "
                "goods (IGST Act s. 2(5)), a zero-rated supply (s. 16(1)(a)) on which the "
                "seller charges no GST: it exports under a bond or letter of undertaking "
                "(LUT), or pays IGST and claims it back (s. 16(3))",
                ACTS,
            )
        ]

    def services_abroad(self, case: Case, destination: str) -> TaxDecision:
        del destination  # the recipient's country, read from the sale
        return leaving_india(case, _supplier_state(case), None, taxed_in_india)

    def services_leaving(
        self, case: Case, destination: str, decision: TaxDecision
    ) -> TaxDecision:
        del destination
        return leaving_india(case, _supplier_state(case), decision, taxed_in_india)

    def to_business(self, case: Case, origin: str, destination: str) -> TaxDecision | None:
        del origin, destination
        return None if case.goods else imported_by_business(case)

    def services_arriving(self, case: Case, decision: TaxDecision) -> TaxDecision:
        return imported_by_consumer(case, decision)

    def electronic_services(self, case: Case, destination: str) -> TaxDecision:
        decision = super().electronic_services(case, destination)
        return attrs.evolve(decision, rules=(*oidar_rules(case.on), *decision.rules))

    def goods_import(
        self, case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
    ) -> TaxDecision:
        rules.append(
            Rule(
                "goods shipped into India from abroad: customs collects basic customs "
                "duty and IGST from the importer at the border (IGST Act s. 5(1) "
                "proviso; Customs Tariff Act 1975 s. 3(7)); landed_cost computes "
                "them, with the social welfare surcharge, from the caller's tariff",
                ACTS,
            )
        )
        return import_at_border(case, destination, rules, documents)


def taxed_in_india(case: Case, supplier: str, place: str, rules: list[Rule]) -> TaxDecision:
    """A supply from ``supplier`` (a State) to ``place`` (a State): intra-State (CGST
    and SGST or UTGST) where they are one, else inter-State (IGST); ``rules`` say why
    the place of supply is there."""
    rules = [
        Rule(
            f"the supplier is located in {supplier}, the State of its GST "
            "registration, which IGST Act ss. 7-8 compare with the place of supply",
            ACTS,
        ),
        *rules,
    ]
    supplier, place = _on_the_day(case, supplier, place, rules)
    if supplier == place:
        taxes = " + ".join(gst_taxes(place, case.on))
        law = (
            "UTGST Act s. 7"
            if place in UT_WITHOUT_LEGISLATURE
            else "the State's own GST Act s. 9"
        )
        taxed_in, scheme = place, f"intra-State supply ({taxes})"
        text = (
            f"the supplier and the place of supply are both in {place}: an "
            f"intra-State supply, taxed with {taxes}, each half the rate (IGST Act "
            f"s. 8; CGST Act s. 9; {law})"
        )
    else:
        taxed_in, scheme = "IN", "inter-State supply (IGST)"
        text = (
            f"the supplier is in {supplier} and the place of supply in {place}: an "
            "inter-State supply, taxed with IGST at the full rate (IGST Act ss. "
            "5(1) and 7)"
        )
    rules.append(Rule(text, ACTS))
    return case.decision(
        Regime.DOMESTIC, taxed_in, Collector.SELLER, rules, scheme=scheme, charge=True
    )


def _on_the_day(
    case: Case, supplier: str, place: str, rules: list[Rule]
) -> tuple[str, str]:
    """The supplier's State and the place of supply as they were on the sale's day:
    Ladakh in the State of Jammu and Kashmir before 2019-10-31 (said in ``rules``); a
    supply within ``IN-DH`` before 2020-01-26 refused, as it may have been between two
    Union territories."""
    day = case.on
    if supplier == place == "IN-DH" and day < TERRITORIES_MERGED:
        raise NoRuleError(
            "a supply within IN-DH (Dadra and Nagar Haveli and Daman and Diu)",
            day,
            f"{TERRITORIES_MERGED.isoformat()} onwards: before, they were two Union "
            "territories, and a supply between them was inter-State (IGST), one within "
            "either intra-territory (CGST + UTGST), which the one code cannot tell",
        )
    found = place_on(supplier, day), place_on(place, day)
    if "IN-LA" in (supplier, place) and day < LADAKH_SEPARATED:
        rules.append(
            Rule(
                f"on {day.isoformat()} Ladakh (IN-LA) was part of the State of Jammu "
                "and Kashmir (IN-JK): it became a Union territory on "
                f"{LADAKH_SEPARATED.isoformat()} (Jammu and Kashmir Reorganisation Act "
                "2019)",
                ACTS,
            )
        )
    return found


def _supplier_state(case: Case) -> str:
    """The one State the seller lists a GST registration in (``IN-MH``)."""
    seller = case.sale.seller
    listed = sorted(code for code in seller.registrations if code.startswith("IN-"))
    if len(listed) != 1:
        raise InvalidAmountError.refused(
            "seller.registrations",
            sorted(seller.registrations),  # as given: 'IN' alone names no State
            f"lists {len(listed) or 'no'} States of India where one is needed: a seller "
            "supplies in India from the State of its GST registration; list the one "
            "this supply is made from in the seller's registrations (its ISO code, "
            "such as 'IN-MH'; the first two digits of a GSTIN are its State's). A "
            "supplier not registered for GST charges none (commercekit does not "
            "decide whether it must register)",
            kind=InputKind.PLACE,
        )
    return state(listed[0])


def _place_of_supply(case: Case) -> tuple[str, Rule]:
    """Where the supply is taxed, and the rule that says so."""
    buyer = case.sale.buyer
    address = None if buyer.subdivision is None else state(buyer.subdivision)
    refused = buyer.verification is not None and not buyer.verification.valid
    gstin = (
        buyer.tax_id
        if buyer.tax_id is not None and buyer.tax_id.country == "IN" and not refused
        else None
    )
    registered = None if gstin is None else gstin_state(gstin)
    if case.goods and address is not None:
        return address, Rule(
            f"the goods are delivered in {address}: the place of supply is where "
            "their movement ends (IGST Act s. 10(1)(a); for a buyer without a GSTIN, "
            "the address on the invoice, s. 10(1)(ca))",
            ACTS,
        )
    if case.goods:
        raise InvalidAmountError.refused(
            "buyer.subdivision",
            buyer.subdivision,
            "is no State of India: the place of supply of goods is where their "
            "movement ends (IGST Act s. 10(1)(a)), which a GSTIN does not tell; give "
            "the buyer's subdivision, the State where delivery ends ('IN-MH', "
            "'IN-KA', …)",
            kind=InputKind.PLACE,
        )
    if registered is not None:
        return registered, Rule(
            f"services to a registered buyer: the place of supply is its location, "
            f"{registered}, the State of its GSTIN {gstin} (IGST Act s. 12(2)(a))",
            ACTS,
        )
    if address is not None:
        without = "whose GSTIN the registry refused" if refused else "without a GSTIN"
        return address, Rule(
            f"services to a buyer {without} whose address is in {address}: the "
            "place of supply is there (IGST Act s. 12(2)(b))",
            ACTS,
        )
    raise InvalidAmountError.refused(
        "buyer",
        buyer,
        "is in India without a State: pass subdivision= ('IN-MH', 'IN-KA', …) or the "
        "buyer's GSTIN as tax_id= (validate_tax_id(number, 'IN'))",
        kind=InputKind.PLACE,
    )
