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
needs, and the exchange rates used to compare amounts with thresholds. This module keeps
only the order of the questions; each jurisdiction's answers live in its own module of
the registry (``tax/_jurisdictions``).

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

import attrs

from commercekit._numbers import context_free
from commercekit.errors import InputKind, InvalidAmountError
from commercekit.regions import check_day
from commercekit.tax._jurisdictions import DIRECTIVE, Case, arrival, jurisdiction_for
from commercekit.tax._rates import BUNDLED, TaxRateSource
from commercekit.tax._sale import Collector, Regime, Rule, Sale, Supply, TaxDecision

__all__ = ["decide"]

_EXPORT_DOCUMENTS = ("proof of export (customs export declaration or carrier's evidence)",)


@context_free
def decide(sale: Sale, *, on: date, rates: TaxRateSource = BUNDLED) -> TaxDecision:
    """Decide whose VAT/GST applies to ``sale`` on ``on``, who accounts for it and why.

    ``rates`` supplies the tax rates of the jurisdiction decided on (the bundled tables
    by default). The decision never charges two jurisdictions' tax on one supply.
    """
    day = check_day(on)
    if not isinstance(sale, Sale):
        raise InvalidAmountError.refused("sale", sale, "is not a Sale", kind=InputKind.TYPE)
    if not callable(getattr(rates, "rates_for", None)):
        raise InvalidAmountError.refused(
            "rates",
            rates,
            "is not a TaxRateSource (an object with a rates_for(jurisdiction, category, "
            "*, on) method); pass BUNDLED or a plugin's source",
            kind=InputKind.TYPE,
        )
    case = Case(sale, day, rates)
    goods = case.goods
    origin = case.origin.jurisdiction(goods=goods)
    destination = case.destination.jurisdiction(goods=goods)
    here = jurisdiction_for(case.destination.vat_area(goods=goods))
    if here.subdivision_examples and destination == here.code:
        examples = ", ".join(repr(code) for code in here.subdivision_examples)
        raise InvalidAmountError.refused(
            "buyer.subdivision",
            sale.buyer.subdivision,
            f"is no province of {here.name}; give the buyer's subdivision ({examples}, …)",
            kind=InputKind.PLACE,
        )
    # 1. A domestic supply.
    if _domestic(case, origin, destination) or (
        not goods and sale.seller.country == destination
    ):
        return here.domestic(case, destination)
    # 2. A business buyer with a tax number (valid, or not checked).
    checked = sale.buyer.verification
    if sale.buyer.tax_id is not None and checked is not None and not checked.valid:
        return _as_consumer(sale, day, rates, here.source)
    if sale.buyer.tax_id is not None:
        # Every jurisdiction answers for services; goods may follow the general rules.
        business = arrival(case) if goods else here
        decision = business.to_business(case, origin, destination)
        found = decision or _import(case, origin, destination)
        return found if goods or decision is None else _leaving(case, destination, found)
    # 3. Services to a consumer, 4. goods to a consumer.
    if goods:
        decision = arrival(case).distance_sale(case, origin, destination)
        return decision or _import(case, origin, destination)
    if sale.supply is Supply.SERVICES:
        leaving = jurisdiction_for(case.seller_place.vat_area(goods=False))
        abroad = leaving.services_abroad(case, destination)
        return abroad or here.services_arriving(case, _where_the_supplier_is(case))
    return _leaving(case, destination, here.electronic_services(case, destination))


def _leaving(case: Case, destination: str, decision: TaxDecision) -> TaxDecision:
    """The destination's decision on services, with what the supplier's own
    jurisdiction adds (India decides its exports of services)."""
    leaving = jurisdiction_for(case.seller_place.vat_area(goods=False))
    return leaving.services_leaving(case, destination, decision)


def _domestic(case: Case, origin: str, destination: str) -> bool:
    """Whether either end's law treats the supply as a domestic one."""
    goods = case.goods
    return any(
        jurisdiction_for(place.vat_area(goods=goods)).domestic_between(
            origin, destination, goods=goods
        )
        for place in (case.origin, case.destination)
    )


def _as_consumer(sale: Sale, day: date, rates: TaxRateSource, source: str) -> TaxDecision:
    """A tax number the registry does not know: the buyer is a consumer, under the law
    of the buyer's jurisdiction (``source``)."""
    checked = sale.buyer.verification
    assert checked is not None  # noqa: S101  # only for a number the registry refused
    consumer = attrs.evolve(
        sale, buyer=attrs.evolve(sale.buyer, tax_id=None, verification=None)
    )
    decision = decide(consumer, on=day, rates=rates)
    rule = Rule(
        f"the registry ({checked.registry or checked.level.value}) does not know "
        f"{sale.buyer.tax_id} as a valid number: the buyer is treated as a consumer",
        source,
    )
    return attrs.evolve(decision, rules=(rule, *decision.rules), verification=checked)


def _where_the_supplier_is(case: Case) -> TaxDecision:
    """The general rule for services to consumers: where the supplier is established
    (Art. 45)."""
    country = case.sale.seller.country
    rule = Rule(
        f"services to a consumer are taxed where the supplier is established "
        f"({country}; Art. 45)",
        DIRECTIVE,
    )
    return case.decision(Regime.DOMESTIC, country, Collector.SELLER, [rule], charge=True)


def _import(case: Case, origin: str, destination: str) -> TaxDecision:
    """Goods leaving one jurisdiction for another: the export rules of where they leave,
    the import rules of where they arrive."""
    leaving = jurisdiction_for(case.origin.vat_area(goods=True))
    exports = leaving.exports(case, origin, destination)
    return arrival(case).goods_import(case, destination, exports, _EXPORT_DOCUMENTS)
