"""The EU's distance sales of goods and electronic services to consumers: the EUR 10,000
threshold under which a seller established in one member state charges its own VAT
(Art. 59c, 14(4) of Directive 2006/112/EC), and the destination's VAT above it, declared
through the One-Stop Shop or a registration there (Art. 33, 58, 369a-369k).
"""

from __future__ import annotations

from commercekit.errors import MissingDataError
from commercekit.money import measured
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._sale import Collector, Regime, Rule, TaxDecision
from commercekit.tax._thresholds import ThresholdRule, threshold_for

DIRECTIVE = "https://eur-lex.europa.eu/eli/dir/2006/112/oj"


def threshold_rules(
    case: Case, origin: str, destination: str
) -> tuple[TaxDecision | None, list[Rule]]:
    """The EUR 10,000 question for a seller established in the EU: below it (and not
    opted in), a decision at origin; above it, the rules that send the tax to
    ``destination``."""
    seller = case.sale.seller
    if not case.seller_place.in_eu_vat_area_for_goods:
        rule = Rule(
            f"a seller established outside the EU has no threshold: {destination} VAT "
            "applies from the first sale (Art. 33)",
            DIRECTIVE,
        )
        return None, [rule]
    if origin != seller.country:
        return None, [
            Rule(
                f"the goods leave from {origin}, not from the seller's country "
                f"{seller.country}: the EUR 10,000 threshold does not apply and "
                f"{destination} VAT applies (Art. 33, 59c(1)(b))",
                DIRECTIVE,
            )
        ]
    threshold = threshold_for("EU", ThresholdRule.DISTANCE_SALES_THRESHOLD, on=case.on)
    # The value of the supply includes the transport charged (Art. 78(b)).
    values = case.supply_without_tax(origin)
    least = case.amount_in(values[0], "EUR")  # each conversion noted once
    most = least if values[1] == values[0] else case.amount_in(values[1], "EUR")
    sold = case.amount_in(seller.eu_sales_this_year, "EUR")
    last_year = case.amount_in(seller.eu_sales_last_year, "EUR")
    crossed = threshold.crossed_by(sold + most) or threshold.crossed_by(last_year)
    if crossed != (threshold.crossed_by(sold + least) or threshold.crossed_by(last_year)):
        raise MissingDataError(
            "which part of the shipping charge is taxed at which rate",
            f"the goods are all free and taxed at different rates, so this year's "
            f"distance sales with this sale are between {measured(sold + least)} and "
            f"{measured(sold + most)}, across the EUR 10,000 threshold (Art. 59c); give "
            "the prices without the tax (prices_include_tax=False)",
            field="sale.shipping",
        )
    this_year = sold + (most if crossed else least)
    limit = threshold.amount
    if not crossed and not seller.opted_in:
        rule = Rule(
            f"EU-wide distance sales of {measured(this_year, limit)} this year (with "
            f"this sale) and {measured(last_year, limit)} last year do not exceed "
            f"{limit}: {origin} VAT "
            "applies where the goods leave from (Art. 59c, 14(4))",
            DIRECTIVE,
        )
        at_origin = case.decision(
            Regime.DISTANCE_SALE_BELOW_THRESHOLD,
            origin,
            Collector.SELLER,
            [rule],
            charge=True,
        )
        return at_origin, []
    why = (
        "the seller opted to tax at destination (Art. 59c(3))"
        if seller.opted_in and not crossed
        else f"EU-wide distance sales ({measured(this_year, limit)} this year with this "
        f"sale, {measured(last_year, limit)} last year) exceed {limit}"
    )
    return None, [Rule(f"{why}: {destination} VAT applies (Art. 33, 59c)", DIRECTIVE)]


def destination_vat(
    case: Case, destination: str, rules: list[Rule], *, union: bool
) -> TaxDecision:
    """The destination's VAT, declared through the OSS or a registration there."""
    registrations = case.sale.seller.registrations
    if "OSS" in registrations:
        scheme = "OSS union scheme" if union else "OSS non-union scheme"
        rules.append(Rule(f"declared and paid through the {scheme}", DIRECTIVE))
        return case.decision(
            Regime.OSS_UNION if union else Regime.OSS_NON_UNION,
            destination,
            Collector.SELLER,
            rules,
            scheme=scheme,
            documents=("invoice (or receipt) at the destination rate",),
            charge=True,
        )
    if destination in registrations:
        how = f"declared through the seller's {destination} registration"
    else:
        how = (
            f"the seller must register for VAT in {destination}, or for the OSS, "
            "before charging it"
        )
    rules.append(Rule(how, DIRECTIVE))
    return case.decision(
        Regime.DESTINATION_REGISTRATION,
        destination,
        Collector.SELLER,
        rules,
        scheme=f"{destination} VAT registration",
        charge=True,
    )
