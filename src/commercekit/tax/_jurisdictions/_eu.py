"""The European Union's VAT area (the 27 member states, and Northern Ireland for goods).

The rules of Council Directive 2006/112/EC as amended by the e-commerce package
(Directives (EU) 2017/2455 and 2019/1995, in force 2021-07-01):

* goods sent to a business with a VAT number of another member state are an exempt
  intra-Community supply (Art. 138); services to a business are taxed where it is
  established and reverse-charged (Art. 44, 196);
* goods sent to a consumer in another member state are taxed where they leave from while
  the seller's EU-wide distance sales stay within EUR 10,000 a year, and where they arrive
  above it, for a seller established outside the EU, or by option (Art. 33, 59c, 14(4));
  electronic services to consumers follow the same threshold (Art. 58, 59c);
* a marketplace facilitating such sales by a seller established outside the EU is deemed
  the supplier (Art. 14a(2)); one taking part in supplying electronic services through
  its interface is presumed to be their supplier (Art. 9a of Implementing Regulation
  282/2011, from 2015-01-01);
* goods imported in consignments of an intrinsic value of EUR 150 or less may be taxed at
  sale through the Import One-Stop Shop (Art. 369l, 143(1)(ca)); a marketplace
  facilitating them is deemed the supplier (Art. 14a(1)).

In Northern Ireland, where these rules apply to goods, a marketplace is deemed the
supplier of goods already there only for a seller established outside Northern Ireland,
Great Britain and the EU (VATA 1994 s. 5B).

References:
    Directive 2006/112/EC (consolidated): https://eur-lex.europa.eu/eli/dir/2006/112/oj
    Implementing Regulation (EU) No 282/2011: https://eur-lex.europa.eu/eli/reg_impl/2011/282/oj
    VATA 1994 s. 5B (marketplaces, goods in Northern Ireland): https://www.legislation.gov.uk/ukpga/1994/23/section/5B
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from commercekit.money import measured
from commercekit.regions import eu_members, is_eu_member, vat_prefix
from commercekit.tax._jurisdictions._base import Jurisdiction, import_at_border
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._jurisdictions._eu_oss import (
    DIRECTIVE,
    destination_vat,
    threshold_rules,
)
from commercekit.tax._jurisdictions._excluded import excluded
from commercekit.tax._sale import Collector, Regime, Rule, TaxDecision
from commercekit.tax._thresholds import ThresholdRule, threshold_for

if TYPE_CHECKING:
    from commercekit.tax._registration import CountedSale

IMPLEMENTING = "https://eur-lex.europa.eu/eli/reg_impl/2011/282/oj"
# Art. 9a of Implementing Regulation 282/2011, inserted by Regulation 1042/2013.
_PLATFORM_RULE_SINCE = date(2015, 1, 1)
NORTHERN_IRELAND_MARKETPLACES = "https://www.legislation.gov.uk/ukpga/1994/23/section/5B"

_INTRA_COMMUNITY_DOCUMENTS = (
    (
        "invoice showing both VAT numbers and 'Exempt intra-Community supply (Article "
        "138 Directive 2006/112/EC)'"
    ),
    (
        "proof that the goods left for the other member state (Art. 45a of "
        "Implementing Regulation 282/2011)"
    ),
    "recapitulative statement (EC Sales List) entry",
)


class EuropeanUnion(Jurisdiction):
    """The EU VAT area: the rules above, for every member state."""

    code: ClassVar[str] = "EU"
    name: ClassVar[str] = "the European Union VAT area"
    references: ClassVar[tuple[str, ...]] = (
        DIRECTIVE,
        IMPLEMENTING,
        NORTHERN_IRELAND_MARKETPLACES,
    )
    thresholds: ClassVar[tuple[ThresholdRule, ...]] = (
        ThresholdRule.DISTANCE_SALES_THRESHOLD,
        ThresholdRule.LOW_VALUE_CONSIGNMENT,
        ThresholdRule.DEEMED_SUPPLIER,
    )

    @property
    def domestic_source(self) -> str:
        return DIRECTIVE

    def registration_rule(
        self, seller_country: str, sales: Sequence[CountedSale], on: date
    ) -> ThresholdRule | None:
        del sales
        # A seller established outside the EU has no threshold: it registers at once.
        # Northern Ireland's traders use the threshold for goods (Windsor Framework).
        established = seller_country == "XI" or is_eu_member(seller_country, on=on)
        return ThresholdRule.DISTANCE_SALES_THRESHOLD if established else None

    def counts_toward_registration(self, sale: CountedSale, seller_country: str) -> bool:
        # Sales to consumers in another member state (Northern Ireland, for goods).
        inside = sale.destination == "XI" or is_eu_member(sale.destination, on=sale.day)
        return inside and not sale.business and sale.destination != seller_country

    def registered_here(self, registrations: Collection[str]) -> bool:
        return self.code in registrations or "OSS" in registrations

    def deemed_supplier_at_home(self, case: Case, destination: str) -> Rule | None:
        sale = case.sale
        if not (case.goods and sale.marketplace and case.consumer):
            return None
        seller = case.seller_place
        if seller.in_eu_vat_area_for_goods:
            return None
        if destination == "XI":
            # VATA 1994 s. 5B, the "Union goods condition": a seller established
            # outside Northern Ireland and the EU, but not in Great Britain.
            if seller.goods_jurisdiction in ("GB", "XI"):
                return None
            return Rule(
                f"{sale.marketplace} facilitates a supply of goods already in Northern "
                "Ireland by a seller established outside Northern Ireland, Great Britain "
                "and the EU: the marketplace is deemed the supplier and charges the tax "
                "(VATA 1994 s. 5B; Art. 14a(2) of the Directive)",
                NORTHERN_IRELAND_MARKETPLACES,
            )
        return Rule(
            f"{sale.marketplace} facilitates a supply of goods already in {destination} "
            "by a seller established outside the EU: the marketplace is deemed the "
            "supplier and charges the tax (Art. 14a(2))",
            DIRECTIVE,
        )

    def business_services_rule(self, case: Case, destination: str) -> Rule:
        return Rule(
            f"services to a business in {destination} (VAT number "
            f"{case.sale.buyer.tax_id}) are taxed where the customer is established "
            "(Art. 44) and the customer accounts for the tax by reverse charge (Art. 196)",
            DIRECTIVE,
        )

    def to_business(self, case: Case, origin: str, destination: str) -> TaxDecision | None:
        if not case.goods:
            return super().to_business(case, origin, destination)
        if not case.origin.in_eu_vat_area(goods=True):
            return None
        tax_id = case.sale.buyer.tax_id
        assert tax_id is not None  # noqa: S101  # only asked with a tax number
        departure = _vat_prefix(origin)
        arrival = _vat_prefix(destination)
        if tax_id.country == departure or not _member_number(tax_id.country, case.on):
            return _taxed_at_departure(case, origin, tax_id.country)
        rules = [
            Rule(
                f"goods sent from {origin} to a business in {destination} with VAT "
                f"number {tax_id}: exempt intra-Community supply (Art. 138); the buyer "
                "accounts for acquisition VAT in its own country (Art. 20, 40)",
                DIRECTIVE,
            ),
        ]
        if tax_id.country != arrival:
            rules.append(
                Rule(
                    f"the number is from {tax_id.country}, not {arrival} where the goods "
                    "arrive: the exemption stands (Art. 138(1)(b) asks for a number of a "
                    "member state other than the one of departure), and the acquisition "
                    f"is also deemed made in {tax_id.country} until the buyer shows it "
                    f"was taxed in {arrival} (Art. 41)",
                    DIRECTIVE,
                )
            )
        return case.decision(
            Regime.INTRA_COMMUNITY_SUPPLY,
            destination,
            Collector.BUYER,
            rules,
            scheme="intra-Community supply",
            documents=_INTRA_COMMUNITY_DOCUMENTS,
        )

    def distance_sale(
        self, case: Case, origin: str, destination: str
    ) -> TaxDecision | None:
        if not case.origin.in_eu_vat_area_for_goods:
            return None
        return self._distance_sale(case, origin, destination)

    def electronic_services(self, case: Case, destination: str) -> TaxDecision:
        marketplace = case.sale.marketplace
        if marketplace and case.on >= _PLATFORM_RULE_SINCE:
            rule = Rule(
                f"{marketplace} takes part in supplying the electronic services through "
                "its interface or portal: it is presumed to act in its own name and is "
                f"the supplier, charging {destination} VAT (Art. 58 of the Directive; "
                "Art. 9a of Implementing Regulation 282/2011)",
                IMPLEMENTING,
            )
            return case.decision(
                Regime.DESTINATION_REGISTRATION,
                destination,
                Collector.MARKETPLACE,
                [rule],
                scheme="platform presumed the supplier (Art. 9a)",
                charge=True,
            )
        if case.seller_place.in_eu_vat_area_for_services:
            return self._distance_sale(case, case.sale.seller.country, destination)
        rules = [
            Rule(
                f"electronic services to a consumer in {destination} are taxed there "
                "(Art. 58); a seller outside the EU has no threshold",
                DIRECTIVE,
            )
        ]
        return destination_vat(case, destination, rules, union=False)

    def goods_import(
        self, case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
    ) -> TaxDecision:
        limit = threshold_for("EU", ThresholdRule.LOW_VALUE_CONSIGNMENT, on=case.on)
        at_sale = case.consumer and (
            bool(case.sale.marketplace) or "IOSS" in case.sale.seller.registrations
        )
        value = case.amount_in(case.consignment_value(destination, taxed=at_sale), "EUR")
        if limit.crossed_by(value):
            rules.append(
                Rule(
                    f"a consignment of intrinsic value {measured(value, limit.amount)}, "
                    f"over {limit.amount}: import VAT (and customs duty) of "
                    f"{destination} at the border",
                    limit.source,
                )
            )
            return import_at_border(case, destination, rules, documents)
        rules.append(
            Rule(
                f"a consignment of intrinsic value {measured(value, limit.amount)}, not "
                f"over {limit.amount} "
                "(goods, plus transport only when not shown separately)",
                limit.source,
            )
        )
        return _low_value_import(case, destination, rules, documents)

    def exports(self, case: Case, origin: str, destination: str) -> list[Rule]:
        del case
        return [
            Rule(
                f"goods leaving the EU from {origin} for {destination}: exempt export "
                "(Art. 146) for the seller",
                DIRECTIVE,
            )
        ]

    def _distance_sale(self, case: Case, origin: str, destination: str) -> TaxDecision:
        sale = case.sale
        if sale.marketplace and not case.seller_place.in_eu_vat_area_for_goods:
            return case.decision(
                Regime.OSS_UNION,
                destination,
                Collector.MARKETPLACE,
                [
                    Rule(
                        f"{sale.marketplace} facilitates a supply within the EU by a "
                        "seller established outside it: the marketplace is deemed the "
                        f"supplier (Art. 14a(2)) and charges {destination} VAT",
                        DIRECTIVE,
                    )
                ],
                scheme="OSS union scheme (marketplace)",
                charge=True,
            )
        below, rules = threshold_rules(case, origin, destination)
        if below is not None:
            return below
        return destination_vat(case, destination, rules, union=True)


def _vat_prefix(place: str) -> str:
    """The VAT-number prefix of a place of the EU VAT area (``XI`` for Northern
    Ireland, ``EL`` for Greece)."""
    return "XI" if place == "XI" else vat_prefix(place)


def _member_number(prefix: str, on: date) -> bool:
    """Whether ``prefix`` is that of a VAT number issued in the EU VAT area for goods
    (a member state's, Greece's ``EL``, or Northern Ireland's ``XI``)."""
    if prefix in ("XI", "EL"):
        return True
    return prefix != "GR" and prefix in eu_members(on=on)


def _taxed_at_departure(case: Case, origin: str, prefix: str) -> TaxDecision:
    """A business buyer without a number of another member state: no exemption, and
    not a distance sale (Art. 33 is for buyers who are not taxable persons), so the
    supply is taxed where the transport begins (Art. 32), by the seller."""
    why = (
        f"is from {origin}, where the goods leave"
        if prefix == _vat_prefix(origin)
        else "is not one issued by a member state"
    )
    rule = Rule(
        f"the buyer's VAT number ({case.sale.buyer.tax_id}) {why}: the exemption needs a "
        "number of another member state (Art. 138(1)(b)), and a sale to a business is "
        f"no distance sale (Art. 33), so {origin} VAT applies where the transport "
        "begins (Art. 32), charged by the seller",
        DIRECTIVE,
    )
    return case.decision(Regime.DOMESTIC, origin, Collector.SELLER, [rule], charge=True)


def _low_value_import(
    case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
) -> TaxDecision:
    """A consignment within EUR 150: the IOSS for consumers, import VAT otherwise."""
    sale = case.sale
    at_sale = case.consumer and (
        bool(sale.marketplace) or "IOSS" in sale.seller.registrations
    )
    outside = excluded(case, "EU") if at_sale else None
    if outside is not None:
        rules.append(outside)
        return import_at_border(case, destination, rules, documents)
    if not case.consumer:
        rules.append(
            Rule(
                "the buyer is a business: the IOSS covers distance sales to consumers "
                f"only (Art. 14(4)(2), 369l); the business imports and pays {destination} "
                "import VAT at the border, which it deducts",
                DIRECTIVE,
            )
        )
        return import_at_border(case, destination, rules, documents)
    if sale.marketplace:
        rules.append(
            Rule(
                f"{sale.marketplace} facilitates the sale: deemed supplier (Art. "
                f"14a(1)), charges {destination} VAT at checkout and declares it through "
                "the IOSS",
                threshold_for("EU", ThresholdRule.DEEMED_SUPPLIER, on=case.on).source,
            )
        )
        collector, scheme = Collector.MARKETPLACE, "IOSS (marketplace)"
    elif "IOSS" in sale.seller.registrations:
        rules.append(
            Rule(
                f"the seller uses the IOSS: {destination} VAT charged at checkout, the "
                "goods clear customs free of VAT (Art. 143(1)(ca), 369l)",
                DIRECTIVE,
            )
        )
        collector, scheme = Collector.SELLER, "IOSS"
        documents = (*documents, "IOSS number on the customs declaration")
    else:
        rules.append(
            Rule(
                f"no IOSS: import VAT of {destination} is due at the border, usually "
                "collected by the carrier from the buyer with a handling fee (Art. 369y)",
                DIRECTIVE,
            )
        )
        return import_at_border(case, destination, rules, documents)
    return case.decision(
        Regime.IOSS,
        destination,
        collector,
        rules,
        scheme=scheme,
        documents=documents,
        charge=True,
        cleared_under="IOSS",
    )
