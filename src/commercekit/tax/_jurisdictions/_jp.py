"""Japan: consumption tax (JCT).

* A foreign seller of electronic services to consumers in Japan charges JCT unless it
  is a small business: taxable sales of JPY 10 million or less in its base period
  (Consumption Tax Act Art. 9). commercekit does not measure that exemption yet, so the
  decision names it instead of ignoring it.
* Goods shipped into Japan from abroad: import consumption tax is collected at the
  border (low-value relief may apply).

References:
    National Tax Agency, consumption tax: https://www.nta.go.jp/taxes/shiraberu/zeimokubetsu/shohi/keigenzeiritsu/index.htm
"""

from __future__ import annotations

from typing import ClassVar

from commercekit.tax._jurisdictions._base import RegisteredServices, import_at_border
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._sale import Rule, TaxDecision


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
    )

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
