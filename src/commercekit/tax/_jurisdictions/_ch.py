"""Switzerland (with Liechtenstein in one VAT area): the mail-order rule and platforms.

* A foreign seller whose small consignments (import tax of CHF 5 or less, so not
  collected at the border) reach CHF 100,000 a year registers and charges Swiss VAT at
  sale, and imports the goods itself (MWSTG Art. 7(3)(b), since 2019-01-01).
* An electronic platform facilitating a sale is treated as the supplier (MWSTG Art. 20a,
  since 2025-01-01).
* A seller established in Switzerland registers once its worldwide turnover reaches
  CHF 100,000 (MWSTG Art. 10); ``threshold_status`` measures a foreign seller against the
  mail-order threshold, on its sales to consumers in Switzerland (a foreign seller of
  electronic services registers once its worldwide turnover reaches CHF 100,000 and it
  supplies in Switzerland, as ``decide`` says).
* Otherwise import VAT is due at the border on the goods, transport and duty, and not
  collected when it comes to CHF 5 or less (MWSTG Art. 53(1)(a); EFD Ordinance SR
  641.204 Art. 1(d)).

References:
    ESTV, mail-order rule: https://www.estv.admin.ch/estv/de/home/mehrwertsteuer/mwst-steuerpflicht/mwst-versandhandel.html
    MWSTG Art. 20a (platforms), on Fedlex: https://www.fedlex.admin.ch/eli/cc/2009/615/de#art_20_a
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from commercekit.tax._jurisdictions._base import RegisteredServices, import_at_border
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._sale import Collector, Regime, Rule, TaxDecision
from commercekit.tax._thresholds import ThresholdRule, threshold_for

if TYPE_CHECKING:
    from commercekit.tax._registration import CountedSale

_SCHEME = "Swiss mail-order / platform rule"


class Switzerland(RegisteredServices):
    """Swiss VAT: the rules above."""

    code: ClassVar[str] = "CH"
    name: ClassVar[str] = "Switzerland"
    references: ClassVar[tuple[str, ...]] = (
        "https://www.estv.admin.ch/estv/de/home/mehrwertsteuer/mwst-steuerpflicht/mwst-versandhandel.html",
        "https://www.fedlex.admin.ch/eli/cc/2009/615/de#art_20_a",
    )
    thresholds: ClassVar[tuple[ThresholdRule, ...]] = (
        ThresholdRule.REGISTRATION_THRESHOLD,
        ThresholdRule.MAIL_ORDER_THRESHOLD,
        ThresholdRule.IMPORT_TAX_DE_MINIMIS,
        ThresholdRule.DEEMED_SUPPLIER,
    )
    services_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD
    )

    def registration_rule(
        self, seller_country: str, sales: Sequence[CountedSale], on: date
    ) -> ThresholdRule | None:
        del on
        if self.established_here(seller_country):
            return ThresholdRule.REGISTRATION_THRESHOLD  # worldwide turnover, Art. 10
        # A foreign seller of goods: its small consignments to Switzerland (Art. 7(3)(b)).
        supplies_here = any(sale.destination == "CH" for sale in sales)
        return ThresholdRule.MAIL_ORDER_THRESHOLD if supplies_here else None

    def goods_import(
        self, case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
    ) -> TaxDecision:
        sale, day = case.sale, case.on
        del destination  # Swiss VAT, wherever in the VAT area the goods arrive
        if sale.marketplace:
            rule = threshold_for("CH", ThresholdRule.DEEMED_SUPPLIER, on=day)
            who = f"{sale.marketplace} is treated as the supplier (electronic platform)"
        elif self.registered(case):
            rule = threshold_for("CH", ThresholdRule.MAIL_ORDER_THRESHOLD, on=day)
            who = "the seller is registered for Swiss VAT (mail-order rule)"
        else:
            de_minimis = threshold_for("CH", ThresholdRule.IMPORT_TAX_DE_MINIMIS, on=day)
            rules.append(
                Rule(
                    "the seller is not registered for Swiss VAT: import VAT at the "
                    "border on the goods, transport and duty, not collected when it "
                    f"comes to {de_minimis.amount} or less (computed with the landed "
                    "cost)",
                    de_minimis.source,
                )
            )
            return import_at_border(case, "CH", rules, documents)
        rules.append(
            Rule(
                f"{who}: Swiss VAT charged at sale; the seller or platform imports the "
                "goods",
                rule.source,
            )
        )
        return case.decision(
            Regime.LOW_VALUE_AT_SALE,
            "CH",
            Collector.MARKETPLACE if sale.marketplace else Collector.SELLER,
            rules,
            scheme=_SCHEME,
            documents=documents,
            cleared_under=_SCHEME,
            charge=True,
        )
