"""Whose VAT/GST applies to a sale, who accounts for it, and why.

The decision runs through the questions a tax adviser would ask, in this order:

1. Is it a domestic sale (goods leave from, or the seller sits in, the buyer's country)?
2. Is the buyer a business with a tax number? Then goods between EU member states are an
   exempt intra-Community supply, services are reverse-charged, and so on.
3. Goods to a consumer inside the EU VAT area (Northern Ireland included): origin VAT
   under the EUR 10,000 threshold for a seller established in the EU, destination VAT
   (through the OSS) above it or for anyone else.
4. Electronic services to a consumer abroad: the consumer's country's VAT.
5. Goods imported by a consumer: the destination's low-value rules (IOSS up to EUR 150,
   the UK's GBP 135, Australia's A$1,000 …) or import VAT at the border.

Each answer carries the rules it used, with their sources, the documents the seller
needs, and the exchange rates used to compare amounts with thresholds.

Examples:
    >>> from commercekit.tax import Buyer, Sale, Seller
    >>> sale = Sale(Seller("NL", {"OSS"}, eu_sales_this_year=Money("25000", "EUR")),
    ...             Buyer("DE"), "goods", Money("40.00", "EUR"))
    >>> decision = decide(sale, on=date(2026, 11, 26))
    >>> decision.regime.value, decision.taxed_in, decision.rates[0].rate
    ('oss_union', 'DE', Decimal('19'))
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from commercekit._numbers import context_free
from commercekit.errors import (
    InvalidAmountError,
    UnknownJurisdictionError,
)
from commercekit.money import Money, allocate, convert_noted, sum_money
from commercekit.regions import check_day, place_of, special_territory, vat_prefix
from commercekit.tax._compute import extract_tax
from commercekit.tax._ids import format_checked
from commercekit.tax._rates import BUNDLED, TaxRate, TaxRateSource, source_rates
from commercekit.tax._sale import Collector, Regime, Rule, Sale, Supply, TaxDecision
from commercekit.tax._thresholds import threshold_for

__all__ = ["decide"]

DIRECTIVE = "https://eur-lex.europa.eu/eli/dir/2006/112/oj"
IMPLEMENTING = "https://eur-lex.europa.eu/eli/reg_impl/2011/282/oj"
UK_SERVICES = "https://www.gov.uk/guidance/vat-place-of-supply-of-services-notice-741a"
UK_EXPORTS = "https://www.gov.uk/guidance/vat-on-goods-exported-from-the-uk-notice-703"
UK_MARKETPLACES = "https://www.gov.uk/guidance/vat-and-overseas-goods-sold-to-customers-in-the-uk-using-online-marketplaces"
DOMESTIC_SOURCE = "the jurisdiction's own rate table (see the rates' sources)"
_BUNDLED_DESTINATIONS = {"GB", "XI", "AU", "NZ", "NO", "CH", "SG", "JP", "CA"}


class _Context:
    """What one decision collects as it goes: conversions made along the way."""

    def __init__(self, sale: Sale, on: date, source: TaxRateSource) -> None:
        self.sale = sale
        self.on = on
        self.source = source
        self.conversions: list[str] = []
        self._without: dict[str, list[Money]] = {}
        goods = sale.supply is Supply.GOODS
        seller, buyer = sale.seller, sale.buyer
        self.seller_place = place_of(seller.country, on=on)
        self.origin = (
            place_of(sale.ship_from, on=on)
            if goods and sale.ship_from
            else self.seller_place
        )
        self.destination = place_of(
            buyer.country, subdivision=buyer.subdivision, postcode=buyer.postcode, on=on
        )

    def lines_without_tax(self, jurisdiction: str, *, taxed: bool = True) -> list[Money]:
        """Each line's value without the VAT/GST of ``jurisdiction``: the value limits
        are set on. The tax is taken out, line by line, only when the prices include it
        and it is charged at sale (``taxed``); where none is charged, the price shown is
        what is paid, with no tax in it."""
        lines = self.sale.goods_lines
        if not self.sale.prices_include_tax or not taxed:
            return [line.value for line in lines]
        found = self._without.get(jurisdiction)
        if found is None:
            rates = {
                category: source_rates(self.source, jurisdiction, category, on=self.on)
                for category in {line.category for line in lines}
            }
            found = [extract_tax(line.value, rates[line.category]).net for line in lines]
            self._without[jurisdiction] = found
        return found

    def goods_without_tax(self, jurisdiction: str, *, taxed: bool = True) -> Money:
        """The goods' value without the tax of ``jurisdiction`` (if ``taxed``)."""
        values = self.lines_without_tax(jurisdiction, taxed=taxed)
        return sum_money(values, values[0].currency.code)

    def supply_without_tax(self, jurisdiction: str) -> Money:
        """The goods and the transport charged, without the tax of ``jurisdiction``
        (the transport's share of tax as the goods': it follows them)."""
        goods = self.goods_without_tax(jurisdiction)
        shipping = self.sale.shipping
        if shipping is None:
            return goods
        if not self.sale.prices_include_tax:
            return goods + shipping
        tax = self.sale.price - goods
        if not self.sale.price.amount:
            return goods
        # Shared, exactly, in the goods' proportion of net to tax.
        return goods + allocate(shipping, [goods.amount, tax.amount])[0]

    def consignment_value(self, jurisdiction: str, *, taxed: bool) -> Money:
        """Intrinsic value: the goods without the tax charged at sale (if ``taxed``),
        plus transport only when it is not shown separately."""
        value = self.goods_without_tax(jurisdiction, taxed=taxed)
        sale = self.sale
        if sale.shipping is not None and not sale.shipping_shown_separately:
            value = value + sale.shipping
        return value

    def dearest_item(self, jurisdiction: str, *, taxed: bool) -> Money:
        """The dearest single unit without the tax charged at sale, if ``taxed``
        (per-item limits)."""
        values = self.lines_without_tax(jurisdiction, taxed=taxed)
        units = [
            value / line.quantity
            for value, line in zip(values, self.sale.goods_lines, strict=True)
        ]
        return max(units, key=lambda unit: unit.amount)

    def amount_in(self, money: Money, currency: str) -> Money:
        """``money`` in ``currency`` to compare with a limit: not rounded (135.0048 is
        over 135), at the sale's recorded rates, noted in the decision."""
        return convert_noted(
            money,
            currency,
            self.sale.exchange_rates,
            self.conversions,
            how="pass exchange_rates= (a RateTable) with the sale",
            on=self.on,
        )

    def decision(
        self,
        regime: Regime,
        taxed_in: str | None,
        collected_by: Collector,
        rules: list[Rule],
        *,
        scheme: str | None = None,
        documents: tuple[str, ...] = (),
        charge: bool = False,
        cleared_under: str | None = None,
    ) -> TaxDecision:
        rates: tuple[TaxRate, ...] = ()
        goods = self.sale.supply is Supply.GOODS
        at_origin = regime in (Regime.DOMESTIC, Regime.DISTANCE_SALE_BELOW_THRESHOLD)
        if taxed_in == self.destination.jurisdiction(goods=goods) and not at_origin:
            # Taxed where the goods arrive: at the rates of the region they arrive in.
            taxed_in = self.destination.rates_jurisdiction(goods=goods)
        if charge and taxed_in is not None:
            try:
                found: dict[tuple[str, str, Decimal], TaxRate] = {}
                for category in dict.fromkeys(
                    line.category for line in self.sale.goods_lines
                ):
                    for rate in source_rates(self.source, taxed_in, category, on=self.on):
                        found.setdefault((rate.tax, rate.applies_as, rate.rate), rate)
                rates = tuple(found.values())
            except UnknownJurisdictionError:
                # Whose tax applies is decided; its rates are not bundled (US sales tax).
                return _not_bundled(self, taxed_in, rules=rules, documents=documents)
        buyer = self.sale.buyer
        verification = buyer.verification
        if verification is None and buyer.tax_id is not None:
            verification = format_checked(buyer.tax_id)
        return TaxDecision(
            regime=regime,
            taxed_in=taxed_in,
            collected_by=collected_by,
            rates=tuple(rates),
            scheme=scheme,
            documents=documents,
            rules=tuple(rules),
            conversions=tuple(self.conversions),
            verification=verification,
            cleared_under=cleared_under,
        )


@context_free
def decide(sale: Sale, *, on: date, rates: TaxRateSource = BUNDLED) -> TaxDecision:
    """Decide whose VAT/GST applies to ``sale`` on ``on``, who accounts for it and why.

    ``rates`` supplies the tax rates of the jurisdiction decided on (the bundled tables
    by default). The decision never charges two jurisdictions' tax on one supply.
    """
    day = check_day(on)
    if not isinstance(sale, Sale):
        raise InvalidAmountError(sale, "is not a Sale")
    if not callable(getattr(rates, "rates_for", None)):
        raise InvalidAmountError(
            rates,
            "is not a TaxRateSource (an object with a rates_for(jurisdiction, category, "
            "*, on) method); pass BUNDLED or a plugin's source",
        )
    context = _Context(sale, day, rates)
    seller, buyer = sale.seller, sale.buyer
    goods = sale.supply is Supply.GOODS
    origin = context.origin.jurisdiction(goods=goods)
    destination = context.destination.jurisdiction(goods=goods)

    if destination == "CA":
        raise InvalidAmountError(
            buyer,
            "is in Canada without a province: pass subdivision= ('CA-ON', 'CA-QC', …)",
        )
    uk = {"GB", "XI"}
    canada = origin.startswith("CA") and destination.startswith("CA-")
    same_place = origin == destination or canada or (goods and {origin, destination} <= uk)
    if same_place or (not goods and seller.country == destination):
        return _domestic(context, destination)
    checked = buyer.verification
    if buyer.tax_id is not None and (checked is None or checked.valid):
        return _business(context, origin, destination)
    if buyer.tax_id is not None and checked is not None:
        consumer = attrs.evolve(
            sale, buyer=attrs.evolve(buyer, tax_id=None, verification=None)
        )
        decision = decide(consumer, on=day, rates=rates)
        rule = Rule(
            f"the registry ({checked.registry or checked.level.value}) does not know "
            f"{buyer.tax_id} as a valid number: the buyer is treated as a consumer",
            DIRECTIVE,
        )
        return attrs.evolve(decision, rules=(rule, *decision.rules), verification=checked)
    if goods and context.origin.in_eu_vat_area_for_goods and _eu_dest(context, goods=True):
        return _eu_distance_sale(context, origin, destination)
    if not goods:
        return _services(context, destination)
    return _import(context, origin, destination)


def _domestic(context: _Context, destination: str) -> TaxDecision:
    """A supply inside one jurisdiction; a marketplace may be the deemed supplier."""
    sale = context.sale
    rule = Rule(
        f"a domestic supply in {destination}: its tax applies",
        DIRECTIVE
        if context.destination.in_eu_vat_area_for_goods
        else UK_MARKETPLACES
        if destination in ("GB", "XI")
        else DOMESTIC_SOURCE,
    )
    consumer = sale.buyer.tax_id is None
    goods = sale.supply is Supply.GOODS
    if goods and sale.marketplace and consumer:
        in_eu = context.destination.in_eu_vat_area_for_goods
        outside_eu = not context.seller_place.in_eu_vat_area_for_goods
        outside_uk = context.seller_place.goods_jurisdiction not in ("GB", "XI")
        if (in_eu and outside_eu) or (destination in ("GB", "XI") and outside_uk):
            deemed = Rule(
                f"{sale.marketplace} facilitates a supply of goods already in "
                f"{destination} by a seller established outside it: the marketplace is "
                "deemed the supplier and charges the tax "
                + ("(Art. 14a(2))" if in_eu else "(VATA 1994 s. 5A)"),
                DIRECTIVE if in_eu else UK_MARKETPLACES,
            )
            return context.decision(
                Regime.DOMESTIC,
                destination,
                Collector.MARKETPLACE,
                [rule, deemed],
                scheme="deemed supplier (marketplace)",
                charge=True,
            )
    return context.decision(
        Regime.DOMESTIC, destination, Collector.SELLER, [rule], charge=True
    )


def _eu_dest(context: _Context, *, goods: bool) -> bool:
    return context.destination.in_eu_vat_area(goods=goods)


def _business(context: _Context, origin: str, destination: str) -> TaxDecision:
    sale, day = context.sale, context.on
    tax_id = sale.buyer.tax_id
    assert tax_id is not None  # noqa: S101  # only called with a tax number
    goods = sale.supply is Supply.GOODS
    both_eu = context.origin.in_eu_vat_area(goods=goods) and _eu_dest(context, goods=goods)
    expected = "XI" if destination == "XI" else vat_prefix(destination)
    if goods and both_eu:
        if tax_id.country != expected:
            rule = Rule(
                f"the buyer's VAT number is from {tax_id.country}, not {expected} where "
                "the goods arrive: the exemption needs a number of the member state of "
                "arrival (Art. 138(1)); treated as a sale to a consumer",
                DIRECTIVE,
            )
            decision = _eu_distance_sale(context, origin, destination)
            return attrs.evolve(decision, rules=(rule, *decision.rules))
        return context.decision(
            Regime.INTRA_COMMUNITY_SUPPLY,
            destination,
            Collector.BUYER,
            [
                Rule(
                    f"goods sent from {origin} to a business in {destination} with VAT "
                    f"number {tax_id}: exempt intra-Community supply (Art. 138); the buyer "
                    "accounts for acquisition VAT in its own country (Art. 20, 40)",
                    DIRECTIVE,
                ),
            ],
            scheme="intra-Community supply",
            documents=(
                (
                    "invoice showing both VAT numbers and 'Exempt intra-Community supply "
                    "(Article 138 Directive 2006/112/EC)'"
                ),
                (
                    "proof that the goods left for the other member state (Art. 45a of "
                    "Implementing Regulation 282/2011)"
                ),
                "recapitulative statement (EC Sales List) entry",
            ),
        )
    if not goods:
        return context.decision(
            Regime.REVERSE_CHARGE,
            destination,
            Collector.BUYER,
            [
                Rule(
                    f"services to a business in {destination} (VAT number {tax_id}) are "
                    "taxed where the customer is established (Art. 44) and the customer "
                    "accounts for the tax by reverse charge (Art. 196)",
                    DIRECTIVE if _eu_dest(context, goods=False) else UK_SERVICES,
                )
            ],
            scheme="reverse charge",
            documents=("invoice showing both tax numbers and 'Reverse charge'",),
        )
    if destination in ("GB", "XI") and origin not in ("GB", "XI"):
        limit = threshold_for("GB", "low_value_consignment", on=day)
        # No VAT is charged at sale (the business accounts for it): the value as shown.
        value = context.amount_in(
            context.consignment_value(destination, taxed=False), "GBP"
        )
        if not limit.crossed_by(value):
            return context.decision(
                Regime.REVERSE_CHARGE,
                destination,
                Collector.BUYER,
                [
                    Rule(
                        f"a consignment of {value} (not over {limit.amount}) to a UK "
                        f"VAT-registered business ({tax_id}): the business accounts for "
                        "UK VAT by reverse charge",
                        limit.source,
                    )
                ],
                scheme="UK reverse charge on low-value goods",
                cleared_under="UK low-value consignments (GBP 135)",
                documents=("invoice stating that the customer accounts for the VAT",),
            )
    return _import(context, origin, destination)


def _eu_distance_sale(context: _Context, origin: str, destination: str) -> TaxDecision:
    sale, day = context.sale, context.on
    seller = sale.seller
    threshold = threshold_for("EU", "distance_sales_threshold", on=day)
    established_in_eu = context.seller_place.in_eu_vat_area_for_goods
    rules = []
    if sale.marketplace and not established_in_eu:
        return context.decision(
            Regime.OSS_UNION,
            destination,
            Collector.MARKETPLACE,
            [
                Rule(
                    f"{sale.marketplace} facilitates a supply within the EU by a seller "
                    f"established outside it: the marketplace is deemed the supplier "
                    f"(Art. 14a(2)) and charges {destination} VAT",
                    DIRECTIVE,
                )
            ],
            scheme="OSS union scheme (marketplace)",
            charge=True,
        )
    if established_in_eu and origin == seller.country:
        # The value of the supply includes the transport charged (Art. 78(b)).
        sale_value = context.amount_in(context.supply_without_tax(origin), "EUR")
        this_year = context.amount_in(seller.eu_sales_this_year, "EUR") + sale_value
        last_year = context.amount_in(seller.eu_sales_last_year, "EUR")
        crossed = threshold.crossed_by(this_year) or threshold.crossed_by(last_year)
        if not crossed and not seller.opted_in:
            return context.decision(
                Regime.DISTANCE_SALE_BELOW_THRESHOLD,
                origin,
                Collector.SELLER,
                [
                    Rule(
                        f"EU-wide distance sales of {this_year} this year (with this sale) "
                        f"and {last_year} last year do not exceed {threshold.amount}: "
                        f"{origin} VAT applies where the goods leave from (Art. 59c, "
                        "14(4))",
                        DIRECTIVE,
                    )
                ],
                charge=True,
            )
        why = (
            "the seller opted to tax at destination (Art. 59c(3))"
            if seller.opted_in and not crossed
            else f"EU-wide distance sales ({this_year} this year with this sale, "
            f"{last_year} last year) exceed {threshold.amount}"
        )
        rules.append(Rule(f"{why}: {destination} VAT applies (Art. 33, 59c)", DIRECTIVE))
    elif established_in_eu:
        rules.append(
            Rule(
                f"the goods leave from {origin}, not from the seller's country "
                f"{seller.country}: the EUR 10,000 threshold does not apply and "
                f"{destination} VAT applies (Art. 33, 59c(1)(b))",
                DIRECTIVE,
            )
        )
    else:
        rules.append(
            Rule(
                f"a seller established outside the EU has no threshold: {destination} VAT "
                "applies from the first sale (Art. 33)",
                DIRECTIVE,
            )
        )
    return _destination_vat(context, destination, rules, union=True)


def _destination_vat(
    context: _Context, destination: str, rules: list[Rule], *, union: bool
) -> TaxDecision:
    registrations = context.sale.seller.registrations
    if "OSS" in registrations:
        scheme = "OSS union scheme" if union else "OSS non-union scheme"
        rules.append(Rule(f"declared and paid through the {scheme}", DIRECTIVE))
        return context.decision(
            Regime.OSS_UNION if union else Regime.OSS_NON_UNION,
            destination,
            Collector.SELLER,
            rules,
            scheme=scheme,
            documents=("invoice (or receipt) at the destination rate",),
            charge=True,
        )
    if destination in registrations:
        rules.append(
            Rule(f"declared through the seller's {destination} registration", DIRECTIVE)
        )
    else:
        rules.append(
            Rule(
                f"the seller must register for VAT in {destination}, or for the OSS, "
                "before charging it",
                DIRECTIVE,
            )
        )
    return context.decision(
        Regime.DESTINATION_REGISTRATION,
        destination,
        Collector.SELLER,
        rules,
        scheme=f"{destination} VAT registration",
        charge=True,
    )


_SERVICE_THRESHOLDS = {
    "AU": "registration_threshold",
    "NZ": "registration_threshold",
    "NO": "registration_threshold_nonresident",
    "CH": "registration_threshold",
    "CA": "registration_threshold_nonresident",
    "SG": "ovr_local_supplies",
}


def _services(context: _Context, destination: str) -> TaxDecision:
    sale, day = context.sale, context.on
    seller = sale.seller
    if sale.supply is Supply.SERVICES:
        # The general rule for consumers: where the supplier is established (Art. 45).
        return context.decision(
            Regime.DOMESTIC,
            seller.country,
            Collector.SELLER,
            [
                Rule(
                    f"services to a consumer are taxed where the supplier is established "
                    f"({seller.country}; Art. 45)",
                    DIRECTIVE,
                )
            ],
            charge=True,
        )
    if _eu_dest(context, goods=False):
        if context.seller_place.in_eu_vat_area_for_services:
            return _eu_distance_sale(context, seller.country, destination)
        rules = [
            Rule(
                f"electronic services to a consumer in {destination} are taxed there "
                "(Art. 58); a seller outside the EU has no threshold",
                DIRECTIVE,
            )
        ]
        return _destination_vat(context, destination, rules, union=False)
    country = destination.partition("-")[0]
    if country in _BUNDLED_DESTINATIONS:
        registered = country in seller.registrations or (
            country == "NO" and "VOEC" in seller.registrations
        )
        rule_name = _SERVICE_THRESHOLDS.get(country)
        rules = [
            Rule(
                f"electronic services to a consumer in {destination} are taxed there",
                UK_SERVICES if country == "GB" else DIRECTIVE,
            )
        ]
        if registered:
            return context.decision(
                Regime.DESTINATION_REGISTRATION,
                destination,
                Collector.SELLER,
                rules,
                scheme=f"{country} registration",
                charge=True,
            )
        limit = threshold_for(country, rule_name, on=day) if rule_name else None
        rules.append(
            Rule(
                f"the seller is not registered in {country}; it must register "
                + (
                    f"once its sales there reach the threshold of {limit.amount}"
                    if limit and limit.amount
                    else "from its first sale"
                )
                + " (see threshold_status)",
                limit.source if limit else UK_SERVICES,
            )
        )
        return context.decision(Regime.NOT_COLLECTED, destination, Collector.NONE, rules)
    return _not_bundled(context, destination)


def _import(context: _Context, origin: str, destination: str) -> TaxDecision:
    day = context.on
    rules = _export_rules(context, origin, destination)
    documents = ("proof of export (customs export declaration or carrier's evidence)",)
    place = context.destination
    # Goods imported into Northern Ireland from outside the UK and the EU follow the UK's
    # GBP 135 rules (NI Business Info, "How VAT will apply for goods imported into
    # Northern Ireland from outside the UK or EU"); elsewhere the VAT area decides.
    area = "GB" if place.northern_ireland else place.vat_area(goods=True)
    handler = {
        "EU": _import_eu,
        "GB": _import_gb,
        "AU": _import_low_value,
        "NZ": _import_low_value,
        "NO": _import_low_value,
        "SG": _import_low_value,
        "CH": _import_ch,
    }.get(area)
    if handler is not None:
        return handler(context, destination, rules, documents)
    canadian = destination.startswith("CA-")
    if canadian and "CA" in context.sale.seller.registrations:
        rules.append(
            Rule(
                f"the seller is registered for GST/HST and imports the goods itself: "
                f"it charges the tax of {destination}, the province of delivery",
                threshold_for("CA", "registration_threshold_nonresident", on=day).source,
            )
        )
        return context.decision(
            Regime.DESTINATION_REGISTRATION,
            destination,
            Collector.SELLER,
            rules,
            scheme="CA GST/HST registration",
            documents=documents,
            charge=True,
        )
    if area in ("CA", "JP") or canadian:
        source = (
            threshold_for("CA", "courier_tax_threshold", on=day).source
            if area.startswith("CA")
            else source_rates(context.source, "JP", "standard", on=day)[0].source
        )
        rules.append(
            Rule(
                f"goods shipped into {destination} from abroad: import GST/consumption tax "
                "is collected at the border (low-value relief may apply)",
                source,
            )
        )
        return context.decision(
            Regime.IMPORT, destination, Collector.IMPORTER, rules, documents=documents
        )
    return _not_bundled(
        context, destination, rules=rules, documents=documents, export=bool(rules)
    )


def _export_rules(context: _Context, origin: str, destination: str) -> list[Rule]:
    area = context.origin.vat_area(goods=True)
    if area == "EU":
        return [
            Rule(
                f"goods leaving the EU from {origin} for {destination}: exempt export "
                "(Art. 146) for the seller",
                DIRECTIVE,
            )
        ]
    if area == "GB":
        return [
            Rule(f"goods exported from {origin}: zero-rated for the seller", UK_EXPORTS)
        ]
    return []


def _import_eu(
    context: _Context, destination: str, rules: list[Rule], documents: tuple[str, ...]
) -> TaxDecision:
    sale, day = context.sale, context.on
    limit = threshold_for("EU", "low_value_consignment", on=day)
    business = sale.buyer.tax_id is not None
    at_sale = not business and (
        bool(sale.marketplace) or "IOSS" in sale.seller.registrations
    )
    value = context.amount_in(context.consignment_value(destination, taxed=at_sale), "EUR")
    if limit.crossed_by(value):
        rules.append(
            Rule(
                f"a consignment of intrinsic value {value}, over {limit.amount}: import "
                f"VAT (and customs duty) of {destination} at the border",
                limit.source.split()[0],
            )
        )
        return context.decision(
            Regime.IMPORT, destination, Collector.IMPORTER, rules, documents=documents
        )
    rules.append(
        Rule(
            f"a consignment of intrinsic value {value}, not over {limit.amount} "
            "(goods, plus transport only when not shown separately)",
            limit.source.split()[0],
        )
    )
    if business:
        rules.append(
            Rule(
                "the buyer is a business: the IOSS covers distance sales to consumers only "
                f"(Art. 14(4)(2), 369l); the business imports and pays {destination} "
                "import VAT at the border, which it deducts",
                DIRECTIVE,
            )
        )
        return context.decision(
            Regime.IMPORT, destination, Collector.IMPORTER, rules, documents=documents
        )
    if sale.marketplace:
        rules.append(
            Rule(
                f"{sale.marketplace} facilitates the sale: deemed supplier (Art. 14a(1)), "
                f"charges {destination} VAT at checkout and declares it through the IOSS",
                DIRECTIVE,
            )
        )
        return context.decision(
            Regime.IOSS,
            destination,
            Collector.MARKETPLACE,
            rules,
            scheme="IOSS (marketplace)",
            documents=documents,
            charge=True,
            cleared_under="IOSS",
        )
    if "IOSS" in sale.seller.registrations:
        rules.append(
            Rule(
                f"the seller uses the IOSS: {destination} VAT charged at checkout, the "
                "goods clear customs free of VAT (Art. 143(1)(ca), 369l)",
                DIRECTIVE,
            )
        )
        return context.decision(
            Regime.IOSS,
            destination,
            Collector.SELLER,
            rules,
            scheme="IOSS",
            documents=(*documents, "IOSS number on the customs declaration"),
            charge=True,
            cleared_under="IOSS",
        )
    rules.append(
        Rule(
            f"no IOSS: import VAT of {destination} is due at the border, usually collected "
            "by the carrier from the buyer with a handling fee (Art. 369y)",
            DIRECTIVE,
        )
    )
    return context.decision(
        Regime.IMPORT, destination, Collector.IMPORTER, rules, documents=documents
    )


def _import_gb(
    context: _Context, destination: str, rules: list[Rule], documents: tuple[str, ...]
) -> TaxDecision:
    sale, day = context.sale, context.on
    limit = threshold_for("GB", "low_value_consignment", on=day)
    # Within the limit UK VAT is charged at sale, always: measured without it.
    value = context.amount_in(context.consignment_value(destination, taxed=True), "GBP")
    if limit.crossed_by(value):
        rules.append(
            Rule(
                f"a consignment of {value}, over {limit.amount}: import VAT at the border",
                limit.source.split()[0],
            )
        )
        return context.decision(
            Regime.IMPORT, destination, Collector.IMPORTER, rules, documents=documents
        )
    by_marketplace = bool(sale.marketplace)
    rules.append(
        Rule(
            f"a consignment of {value}, not over {limit.amount}: UK VAT is charged at the "
            "point of sale by "
            + (
                f"the online marketplace {sale.marketplace} (deemed supplier)"
                if by_marketplace
                else "the seller, who must be UK VAT-registered (no threshold applies)"
            ),
            limit.source.split()[0],
        )
    )
    return context.decision(
        Regime.LOW_VALUE_AT_SALE,
        destination,
        Collector.MARKETPLACE if by_marketplace else Collector.SELLER,
        rules,
        scheme="UK low-value consignments (GBP 135)",
        documents=(*documents, "VAT invoice showing the UK VAT charged"),
        charge=True,
        cleared_under="UK low-value consignments (GBP 135)",
    )


_LOW_VALUE_RULE = {
    "AU": "low_value_goods",
    "NZ": "low_value_goods",
    "NO": "voec_item_limit",
    "SG": "low_value_goods",
}
_REGISTRATION = {"AU": "AU", "NZ": "NZ", "NO": "VOEC", "SG": "SG"}


def _import_low_value(
    context: _Context, destination: str, rules: list[Rule], documents: tuple[str, ...]
) -> TaxDecision:
    sale, day = context.sale, context.on
    limit = threshold_for(destination, _LOW_VALUE_RULE[destination], on=day)
    assert limit.amount is not None  # noqa: S101  # every low-value limit has an amount
    business = sale.buyer.tax_id is not None
    registered = _REGISTRATION[destination] in sale.seller.registrations
    at_sale = not business and (bool(sale.marketplace) or registered)
    unit = context.dearest_item(destination, taxed=at_sale)
    item = context.amount_in(unit, limit.amount.currency.code)
    if limit.crossed_by(item):
        rules.append(
            Rule(
                f"an item of {item}, not under the low-value limit of {limit.amount}: "
                f"import {destination} tax at the border",
                limit.source.split()[0],
            )
        )
        return context.decision(
            Regime.IMPORT, destination, Collector.IMPORTER, rules, documents=documents
        )
    rules.append(
        Rule(
            f"an item of {item}, within the low-value limit of {limit.amount}",
            limit.source.split()[0],
        )
    )
    if business:
        return _low_value_to_a_business(context, destination, rules, documents)
    if sale.marketplace:
        rules.append(
            Rule(
                f"{sale.marketplace} facilitates the sale and is treated as the supplier",
                threshold_for(destination, "deemed_supplier", on=day).source.split()[0],
            )
        )
        collector = Collector.MARKETPLACE
    elif registered:
        rules.append(
            Rule(
                f"the seller is registered ({_REGISTRATION[destination]}) and charges "
                "the tax at sale",
                limit.source.split()[0],
            )
        )
        collector = Collector.SELLER
    elif destination == "NO":
        rules.append(
            Rule(
                "the seller is not in the VOEC scheme: import VAT at the border, collected "
                "by the carrier",
                limit.source.split()[0],
            )
        )
        return context.decision(
            Regime.IMPORT, destination, Collector.IMPORTER, rules, documents=documents
        )
    else:
        rules.append(
            Rule(
                f"the seller is not registered in {destination}: no tax at sale, and "
                "low-value goods are not taxed at the border; the seller must register "
                "once its sales there reach the registration threshold",
                limit.source.split()[0],
            )
        )
        return context.decision(
            Regime.NOT_COLLECTED, destination, Collector.NONE, rules, documents=documents
        )
    return context.decision(
        Regime.LOW_VALUE_AT_SALE,
        destination,
        collector,
        rules,
        scheme=(
            scheme := "VOEC" if destination == "NO" else f"{destination} low-value goods"
        ),
        documents=documents,
        charge=True,
        cleared_under=scheme,
    )


def _low_value_to_a_business(
    context: _Context, destination: str, rules: list[Rule], documents: tuple[str, ...]
) -> TaxDecision:
    """Low-value goods to a registered business: the at-sale schemes are for consumers."""
    limit = threshold_for(destination, _LOW_VALUE_RULE[destination], on=context.on)
    if destination == "NO":
        rules.append(
            Rule(
                "the buyer is a business: VOEC covers only buyers outside the VAT "
                "register; the business imports and pays import VAT at the border, which "
                "it deducts",
                limit.source.split()[0],
            )
        )
        return context.decision(
            Regime.IMPORT, destination, Collector.IMPORTER, rules, documents=documents
        )
    rules.append(
        Rule(
            f"the buyer is a {destination} GST-registered business: low-value goods are "
            "not taxed at sale for it nor at the border; it accounts for any GST itself "
            "(reverse charge where its law requires)",
            limit.source.split()[0],
        )
    )
    return context.decision(
        Regime.NOT_COLLECTED, destination, Collector.BUYER, rules, documents=documents
    )


def _import_ch(
    context: _Context, destination: str, rules: list[Rule], documents: tuple[str, ...]
) -> TaxDecision:
    sale, day = context.sale, context.on
    if "CH" in sale.seller.registrations or sale.marketplace:
        rule = (
            threshold_for("CH", "deemed_supplier", on=day)
            if sale.marketplace
            else threshold_for("CH", "mail_order_threshold", on=day)
        )
        rules.append(
            Rule(
                (
                    f"{sale.marketplace} is treated as the supplier (electronic platform)"
                    if sale.marketplace
                    else "the seller is registered for Swiss VAT (mail-order rule)"
                )
                + ": Swiss VAT charged at sale; the seller or platform imports the goods",
                rule.source.split()[0],
            )
        )
        return context.decision(
            Regime.LOW_VALUE_AT_SALE,
            "CH",
            Collector.MARKETPLACE if sale.marketplace else Collector.SELLER,
            rules,
            scheme="Swiss mail-order / platform rule",
            documents=documents,
            cleared_under="Swiss mail-order / platform rule",
            charge=True,
        )
    de_minimis = threshold_for("CH", "import_tax_de_minimis", on=day)
    rules.append(
        Rule(
            "the seller is not registered for Swiss VAT: import VAT at the border on "
            "the goods, transport and duty, not collected when it comes to "
            f"{de_minimis.amount} or less (computed with the landed cost)",
            de_minimis.source.split()[0],
        )
    )
    return context.decision(
        Regime.IMPORT, "CH", Collector.IMPORTER, rules, documents=documents
    )


def _not_bundled(
    context: _Context,
    destination: str,
    *,
    rules: list[Rule] | None = None,
    documents: tuple[str, ...] = (),
    export: bool = False,
) -> TaxDecision:
    notes = list(rules or [])
    territory = special_territory(destination)
    if territory is not None:
        notes.append(Rule(territory.explain(), territory.source.split()[0]))
    else:
        notes.append(
            Rule(
                f"{destination}'s own taxes on this sale are not bundled with commercekit "
                "(United States sales tax, for one, needs a TaxRateSource)",
                "commercekit documentation: 'What is bundled, and what is not'",
            )
        )
    return context.decision(
        Regime.EXPORT if export else Regime.NOT_BUNDLED,
        None,
        Collector.NONE,
        notes,
        documents=documents,
    )
