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
  10(1)(ca), since 2023-10-01). commercekit takes it from the buyer's subdivision, and
  from its GSTIN's State only when no delivery State is given, saying so.
* The place of supply of **services** under the general rule (s. 12(2)) is a
  registered buyer's location (its GSTIN's State), else the buyer's address; services
  with rules of their own (s. 12(3)-(14): immovable property, restaurants, events,
  transport …) are not distinguished.
* A supplier abroad selling online information and database access or retrieval
  services (OIDAR) to consumers in India registers and pays IGST from its first sale
  (IGST Act s. 14; CGST Act s. 24).
* Goods shipped into India from abroad: customs collects basic customs duty and IGST
  from the importer at the border (IGST Act s. 5(1) proviso; Customs Tariff Act 1975
  s. 3(7)); their amounts are not bundled yet.

References:
    CBIC, GST Acts (CGST, IGST and UTGST Acts 2017): https://cbic-gst.gov.in/gst-acts.html
    CBIC, GST rates of goods and services: https://cbic-gst.gov.in/gst-goods-services-rates.html
"""

from __future__ import annotations

from typing import ClassVar

from commercekit.errors import InputKind, InvalidAmountError
from commercekit.tax._india import UT_WITHOUT_LEGISLATURE, gst_taxes, gstin_state, state
from commercekit.tax._jurisdictions._base import RegisteredServices, import_at_border
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._sale import Collector, Regime, Rule, TaxDecision

ACTS = "https://cbic-gst.gov.in/gst-acts.html"


class India(RegisteredServices):
    """Indian GST: the rules above."""

    code: ClassVar[str] = "IN"
    name: ClassVar[str] = "India"
    references: ClassVar[tuple[str, ...]] = (
        ACTS,
        "https://cbic-gst.gov.in/gst-goods-services-rates.html",
    )

    def domestic(self, case: Case, destination: str) -> TaxDecision:
        del destination  # India's tax is decided by its States, not by the country
        supplier = _supplier_state(case)
        place, why = _place_of_supply(case)
        rules = [
            Rule(
                f"the supplier is located in {supplier}, the State of its GST "
                "registration, which IGST Act ss. 7-8 compare with the place of supply",
                ACTS,
            ),
            why,
        ]
        if supplier == place:
            taxes = " + ".join(gst_taxes(place))
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

    def goods_import(
        self, case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
    ) -> TaxDecision:
        rules.append(
            Rule(
                "goods shipped into India from abroad: customs collects basic customs "
                "duty and IGST from the importer at the border (IGST Act s. 5(1) "
                "proviso; Customs Tariff Act 1975 s. 3(7)); their amounts are not "
                "bundled with commercekit yet",
                ACTS,
            )
        )
        return import_at_border(case, destination, rules, documents)


def _supplier_state(case: Case) -> str:
    """The one State the seller lists a GST registration in (``IN-MH``)."""
    seller = case.sale.seller
    listed = sorted(code for code in seller.registrations if code.startswith("IN-"))
    if len(listed) != 1:
        said = "none" if not listed else ", ".join(listed)
        raise InvalidAmountError.refused(
            "seller",
            seller,
            f"supplies in India from the State of its GST registration, and lists {said}: "
            "pass the one this supply is made from in registrations= (its ISO code, "
            "such as 'IN-MH'; gstin_state() reads it from the GSTIN). A supplier not "
            "registered for GST charges none (commercekit does not decide whether it "
            "must register)",
            kind=InputKind.PLACE,
        )
    return state(listed[0])


def _place_of_supply(case: Case) -> tuple[str, Rule]:
    """Where the supply is taxed, and the rule that says so."""
    buyer = case.sale.buyer
    address = None if buyer.subdivision is None else state(buyer.subdivision)
    gstin = (
        buyer.tax_id if buyer.tax_id is not None and buyer.tax_id.country == "IN" else None
    )
    registered = None if gstin is None else gstin_state(gstin)
    if case.goods and address is not None:
        return address, Rule(
            f"the goods are delivered in {address}: the place of supply is where "
            "their movement ends (IGST Act s. 10(1)(a); for a buyer without a GSTIN, "
            "the address on the invoice, s. 10(1)(ca))",
            ACTS,
        )
    if registered is not None:
        if case.goods:
            text = (
                f"no delivery State is given: the goods are taken to be delivered in "
                f"{registered}, the State of the buyer's GSTIN {gstin} (IGST Act s. "
                "10(1)(a)); pass subdivision= if they are delivered elsewhere"
            )
        else:
            text = (
                f"services to a registered buyer: the place of supply is its location, "
                f"{registered}, the State of its GSTIN {gstin} (IGST Act s. 12(2)(a))"
            )
        return registered, Rule(text, ACTS)
    if address is not None:
        return address, Rule(
            f"services to a buyer without a GSTIN whose address is in {address}: the "
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
