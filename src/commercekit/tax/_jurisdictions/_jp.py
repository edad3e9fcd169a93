"""Japan: consumption tax (JCT).

* A business is exempt from consumption tax in a year (for a corporation, a business
  year) when its taxable sales in the *base period*, the calendar year (business year)
  two years before, were JPY 10 million or less: "10 million yen or less" (Consumption
  Tax Act Art. 9(1), base period Art. 2(1)(xiv)). It is not exempt, even then, when its
  taxable sales in the *specified period*, the first six months of the previous year,
  were over JPY 10 million (Art. 9-2(1), (4)); it may measure the salaries it paid in
  that period instead of its sales (Art. 9-2(3)). ``threshold_status`` measures both
  on calendar years and says from which day the seller is taxable (``due_from``, the
  first day of the year the period decides), and lists in ``unmeasured`` what it does
  not measure: salaries, a corporation's own business year, a business with no base
  period (the first two years, Art. 12-2: not exempt with capital of JPY 10 million or
  more), and registration as a qualified invoice issuer (since 1 October 2023) or an
  election to be taxable (Art. 9(4)), either of which makes the business taxable
  whatever its sales: pass ``"JP"`` in ``registrations`` for those.
* A foreign seller of electronic services to consumers in Japan charges JCT unless it
  is exempt as above; ``decide`` sees one sale, so it names the exemption and leaves
  it to ``threshold_status``.
* Goods shipped into Japan from abroad: import consumption tax is collected at the
  border (low-value relief may apply); they are the buyer's import, not the seller's
  taxable sale in Japan.
* The tax on an invoice is rounded once per rate, never per item, since the qualified
  invoice system began on 1 October 2023 (Consumption Tax Act Enforcement Order
  Art. 70-10, basic circular 1-8-15, NTA invoice Q&A question 57, note: computing each
  item's tax, rounding it and adding the results up "is not permitted"; read as quoted
  by secondary sources, the foovar/jp-invoice package and Square's "Order Calculation
  Guide for Japan"). A quote in Japan is rounded at ``RoundingLevel.INVOICE``.
* The direction of that rounding is the business's choice: "切上げ、切捨て、四捨五入など
  の端数処理の方法については、任意の方法とすることができます" (the same Q&A, question 57,
  as quoted by secondary sources; NTA Tax Answer No. 6371 likewise, as quoted; the
  Q&A's own example rounds down: JPY 60,000 with tax x 10/110 = 5,454.5... -> 5,454).
  commercekit assumes none: a quote charging Japanese tax must state
  ``CheckoutContext.rounding_mode``.
* A delivery charge billed apart from the goods is the price of a transport service,
  not of food: it is taxed at the standard 10% even where every item is food at the
  reduced 8% (EC-CUBE's documentation and its reduced-rate invoice example, which puts
  the delivery and fees in the 10% total; secondary sources for the NTA's reduced-rate
  Q&A, not read here). A price that includes delivery is the goods' price.

References:
    National Tax Agency, consumption tax: https://www.nta.go.jp/taxes/shiraberu/zeimokubetsu/shohi/keigenzeiritsu/index.htm
    National Tax Agency, Tax Answer No. 6501 (exemption from tax liability): https://www.nta.go.jp/taxes/shiraberu/taxanswer/shohi/6501.htm
    Consumption Tax Act (Act No. 108 of 1988), e-Gov: https://laws.e-gov.go.jp/law/363AC0000000108
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from commercekit.tax._categories import TaxCategory
from commercekit.tax._jurisdictions._base import RegisteredServices, import_at_border
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._rounding_level import RoundingLevel
from commercekit.tax._sale import Rule, TaxDecision
from commercekit.tax._thresholds import ThresholdRule

if TYPE_CHECKING:
    from commercekit.tax._registration import CountedSale

_BASE_PERIOD = (
    (
        "A corporation's base period is its business year two years before (Art. "
        "2(1)(xiv)): the periods here are calendar years, a corporation's only where its "
        "business year is the calendar year."
    ),
    (
        "A business with no base period (in its first two years; since 1 October 2024 a "
        "foreign business starting business in Japan too) is exempt unless it is a "
        "corporation with capital of JPY 10 million or more (Art. 12-2) or a specified new "
        "corporation (Art. 12-3): pass 'JP' in registrations if so."
    ),
    (
        "A qualified invoice issuer (registration since 1 October 2023) or a business that "
        "elected to be taxable (Art. 9(4)) is taxable whatever its sales: pass 'JP' in "
        "registrations."
    ),
    (
        "Whether each amount excludes consumption tax, as a base period's taxable sales "
        "do (except in a year the business was exempt and charged none): amounts are "
        "counted as given."
    ),
)
_SPECIFIED_PERIOD = (
    (
        "A business may measure the salaries it paid in the specified period instead of "
        "its sales (Art. 9-2(3)), and is exempt with salaries of JPY 10 million or less; "
        "salaries are not measured here (not open to a foreign business for periods from "
        "1 October 2024, secondary sources)."
    ),
    (
        "A corporation's specified period is the first six months of its previous business "
        "year (Art. 9-2(4)): calendar half-years here."
    ),
)
_FOREIGN = (
    (
        "For a seller established outside Japan the sales counted are those to consumers "
        "in Japan: leave out goods shipped to Japan from abroad (the buyer's import, not "
        "the seller's taxable sale there); its sales to businesses of goods already in "
        "Japan are taxable sales too and are not counted here."
    ),
)


class Japan(RegisteredServices):
    """Japanese consumption tax: the rules above."""

    code: ClassVar[str] = "JP"
    name: ClassVar[str] = "Japan"
    exemption: ClassVar[str | None] = (
        "its taxable sales in the base period are JPY 10 million or less (the "
        "small-business exemption, Consumption Tax Act Art. 9)"
    )
    references: ClassVar[tuple[str, ...]] = (
        "https://www.nta.go.jp/taxes/shiraberu/zeimokubetsu/shohi/keigenzeiritsu/index.htm",
        "https://www.nta.go.jp/taxes/shiraberu/taxanswer/shohi/6501.htm",
        "https://laws.e-gov.go.jp/law/363AC0000000108",
    )
    thresholds: ClassVar[tuple[ThresholdRule, ...]] = (
        ThresholdRule.REGISTRATION_THRESHOLD,
        ThresholdRule.SPECIFIED_PERIOD_THRESHOLD,
    )
    invoice_rounding: ClassVar[RoundingLevel | None] = RoundingLevel.INVOICE
    invoice_rounding_rule: ClassVar[str] = (
        "Japan's qualified invoices round consumption tax once per rate, never per item "
        "(Consumption Tax Act Enforcement Order Art. 70-10; NTA invoice Q&A question 57, "
        "as quoted by secondary sources)"
    )
    rounding_mode_choice: ClassVar[str] = (
        "Japan leaves the direction of rounding an invoice's consumption tax to the "
        "business: up, down or half-up, any method (NTA invoice Q&A question 57, as "
        "quoted by secondary sources; NTA Tax Answer No. 6371, as quoted)"
    )
    delivery_category: ClassVar[TaxCategory | None] = TaxCategory.STANDARD
    delivery_rule: ClassVar[str] = (
        "a delivery charged apart from the goods is a transport service, taxed at "
        "Japan's standard rate even with food at the reduced rate (EC-CUBE's reduced-rate "
        "documentation; secondary, the NTA's reduced-rate Q&A not read)"
    )
    # Art. 9 measures residents and foreign businesses alike.
    registration_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD
    )

    def registration_rule(
        self, seller_country: str, sales: Sequence[CountedSale], on: date
    ) -> ThresholdRule | None:
        del on
        if self.established_here(seller_country):
            return ThresholdRule.REGISTRATION_THRESHOLD
        # A foreign seller: measured once it sells to Japan at all.
        supplies_here = any(sale.destination == "JP" for sale in sales)
        return ThresholdRule.REGISTRATION_THRESHOLD if supplies_here else None

    def alternative_registration_test(self, rule: ThresholdRule) -> ThresholdRule | None:
        # Art. 9-2: the specified period makes the business taxable on its own.
        if rule is ThresholdRule.REGISTRATION_THRESHOLD:
            return ThresholdRule.SPECIFIED_PERIOD_THRESHOLD
        return None

    def unmeasured_registration_rules(
        self, rule: ThresholdRule, seller_country: str
    ) -> tuple[str, ...]:
        own = (
            _SPECIFIED_PERIOD
            if rule is ThresholdRule.SPECIFIED_PERIOD_THRESHOLD
            else _BASE_PERIOD
        )
        return own if self.established_here(seller_country) else (*own, *_FOREIGN)

    def goods_import(
        self, case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
    ) -> TaxDecision:
        rules.append(
            Rule(
                f"goods shipped into {destination} from abroad: import consumption tax "
                "is collected at the border (low-value relief may apply)",
                self.source,
            )
        )
        return import_at_border(case, destination, rules, documents)
