"""Low-value-goods regimes: Australia, New Zealand, Norway and Singapore tax imported
goods of low value at sale, through the foreign seller's or the marketplace's
registration.

* Australia: goods of AUD 1,000 or less per item (GST Act 1999 Div 84, since
  2018-07-01); a consignment over AUD 1,000 is taxed whole at the border (ATO).
* New Zealand: goods of NZD 1,000 or less per item (GST Act 1985 s 4B, 10B, since
  2019-12-01).
* Norway: goods under NOK 3,000 per item through the VOEC scheme (merverdiavgiftsloven
  § 3-1 (2), since 2020-04-01); a seller outside VOEC leaves import VAT to the border,
  and a business buyer imports them itself.
* Singapore: goods of SGD 400 or less per item imported by air or post (GST Act 1993
  as amended, since 2023-01-01); by sea or land, GST at import on any value.

In each, a marketplace facilitating the sale is treated as the supplier. Above the limit
the goods are taxed at the border. A consumer's order from a registered seller or a
marketplace with items on both sides of the limit is refused: one decision cannot tax
some items at sale and the others at the border. Each jurisdiction's references are the
official pages its threshold rows cite (``tax/_data/thresholds.csv``), registration first.

References:
    Australia, GST Act 1999 s 84-55 (platforms): https://www.ato.gov.au/law/view/document?LocID=%22PAC%2F19990055%2F84-55%22
    New Zealand, GST Act 1985 s 60C (electronic marketplaces): https://www.legislation.govt.nz/act/public/1985/0141/latest/DLM6977012.html
    Norway, VOEC low-value goods: https://www.skatteetaten.no/en/business-and-organisation/vat-and-duties/vat/foreign/e-commerce-voec/low-value/
    Singapore, GST on imported low-value goods: https://www.iras.gov.sg/taxes/goods-services-tax-(gst)/consumers/gst-on-imported-low-value-goods
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._words import with_article
from commercekit.errors import MissingDataError
from commercekit.money import Money, measured
from commercekit.tax._jurisdictions._base import RegisteredServices, import_at_border
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._jurisdictions._excluded import excluded
from commercekit.tax._sale import Collector, Regime, Rule, TaxDecision
from commercekit.tax._thresholds import Threshold, ThresholdRule, threshold_for
from commercekit.tax._transport import Channel, TransportMode


@attrs.frozen
class Platform:
    """A law making a marketplace the supplier of electronic services sold through it
    (the "platform rule"): in force from ``since``, cited as ``law`` from ``source``.
    Kept here, where the jurisdictions with such a law are: a sale elsewhere needs none.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    since: date
    law: str
    source: str


class LowValueGoods(RegisteredServices):
    """A jurisdiction taxing low-value imported goods at sale, per item."""

    thresholds: ClassVar[tuple[ThresholdRule, ...]] = (
        ThresholdRule.LOW_VALUE_GOODS,
        ThresholdRule.DEEMED_SUPPLIER,
        ThresholdRule.REGISTRATION_THRESHOLD,
    )
    # One registration threshold for every seller, of goods or services (AU, NZ).
    registration_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD
    )
    services_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD
    )
    low_value_rule: ClassVar[ThresholdRule] = ThresholdRule.LOW_VALUE_GOODS
    """The threshold rule of the per-item limit."""
    low_value_registration: ClassVar[str] = ""
    """The registration that lets a seller charge the tax at sale (the code if empty)."""
    scheme: ClassVar[str] = ""
    """The name of the at-sale scheme (``<code> low-value goods`` if empty)."""
    consignment_over_limit_at_border: ClassVar[bool] = False
    """Whether goods shipped together beyond the limit, one item or the consignment's
    customs value, are all taxed at the border (Australia); else each item is alone."""
    by_air_or_post: ClassVar[bool] = False
    """Whether the regime covers only goods imported by air or post (Singapore's);
    goods by sea or land are then taxed at the border whatever their value."""
    untaxed_within: ClassVar[bool] = True
    """Whether goods within the limit sold outside the at-sale scheme (by a seller
    not registered, to a business) owe no tax at the border, which the excluded
    goods do owe (Norway taxes those at the border whatever they are)."""

    def goods_import(
        self, case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
    ) -> TaxDecision:
        limit = threshold_for(self.code, self.low_value_rule, on=case.on)
        if self.by_air_or_post and not _by_air_or_post(case, limit):
            return self.by_sea_or_land(case, destination, rules, documents, limit)
        assert limit.amount is not None  # noqa: S101  # every low-value limit has one
        source = limit.source
        registered = self._registration in case.sale.seller.registrations
        at_sale = case.consumer and (bool(case.sale.marketplace) or registered)
        cheapest, dearest = case.item_range(destination, taxed=at_sale)
        item = case.amount_in(dearest, limit.amount.currency.code)
        crossed = limit.crossed_by(item)
        if crossed and at_sale and not self.consignment_over_limit_at_border:
            self.refuse_mixed(case, cheapest, item, limit)
        an_item = f"an item of {measured(item, limit.amount)}"
        over = f"{an_item}, not under the low-value limit of {limit.amount}"
        if crossed or (over := self.consignment_over(case, destination, taxed=at_sale)):
            rules.append(Rule(f"{over}: import {destination} tax at the border", source))
            return import_at_border(case, destination, rules, documents)
        rules.append(
            Rule(f"{an_item}, within the low-value limit of {limit.amount}", source)
        )
        covered = at_sale or self.untaxed_within  # else all go to the border alike
        if covered and (outside := excluded(case, self.code)):
            return import_at_border(case, destination, [*rules, outside], documents)
        if not case.consumer:
            return self.low_value_to_a_business(case, destination, rules, documents)
        if case.sale.marketplace:
            rule = threshold_for(self.code, ThresholdRule.DEEMED_SUPPLIER, on=case.on)
            rules.append(
                Rule(
                    f"{case.sale.marketplace} facilitates the sale and is treated as the "
                    "supplier",
                    rule.source,
                )
            )
            collector = Collector.MARKETPLACE
        elif registered:
            rules.append(
                Rule(
                    f"the seller is registered ({self._registration}) and charges the "
                    "tax at sale",
                    source,
                )
            )
            collector = Collector.SELLER
        else:
            return self.unregistered(case, destination, rules, documents, source)
        scheme = self.scheme or f"{destination} low-value goods"
        return case.decision(
            Regime.LOW_VALUE_AT_SALE,
            destination,
            collector,
            rules,
            scheme=scheme,
            documents=documents,
            charge=True,
            cleared_under=scheme,
        )

    def by_sea_or_land(
        self,
        case: Case,
        destination: str,
        rules: list[Rule],
        documents: tuple[str, ...],
        limit: Threshold,
    ) -> TaxDecision:
        """Goods neither by air nor by post, where the regime is for those only: taxed
        at the border whatever their value."""
        rules.append(
            Rule(
                f"goods imported by {case.sale.transport_mode} and not by post are not "
                f"low-value goods: import {destination} tax at the border whatever "
                "their value",
                limit.source,
            )
        )
        return import_at_border(case, destination, rules, documents)

    def consignment_over(self, case: Case, destination: str, *, taxed: bool) -> str:
        """Why a consignment over the limit (its goods without the tax charged at sale,
        FOB) goes whole to the border where the law sends it; "" where it does not."""
        limit = threshold_for(self.code, self.low_value_rule, on=case.on)
        if not self.consignment_over_limit_at_border or limit.amount is None:
            return ""
        goods = case.goods_without_tax(destination, taxed=taxed)
        whole = case.amount_in(goods, limit.amount.currency.code)
        shown = measured(whole, limit.amount)
        over = f"each item within {limit.amount}, but a consignment of {shown}, over it"
        return over if limit.crossed_by(whole) else ""

    @property
    def _registration(self) -> str:
        return self.low_value_registration or self.code

    def refuse_mixed(
        self, case: Case, cheapest: Money, dearest: Money, limit: Threshold
    ) -> None:
        """Refuse a sale whose items fall on both sides of a per-item limit: those
        within are taxed at sale, the others at the border, and one decision cannot
        say both."""
        assert limit.amount is not None  # noqa: S101  # every low-value limit has one
        within = case.amount_in(cheapest, limit.amount.currency.code)
        if limit.crossed_by(within):
            return
        scheme = self.scheme or f"{self.code} low-value goods"
        raise MissingDataError(
            f"a sale of its own for the items within {self.code}'s low-value limit of "
            f"{limit.amount}",
            f"the limit applies to each item ({limit.source}): an item of "
            f"{measured(within, limit.amount)} is taxed at sale under {scheme}, one of "
            f"{measured(dearest)} at the border; commercekit "
            "decides one regime per sale, so quote the items within the limit and the "
            "others as two sales",
            field="sale.lines",
        )

    def unregistered(
        self,
        case: Case,
        destination: str,
        rules: list[Rule],
        documents: tuple[str, ...],
        source: str,
    ) -> TaxDecision:
        """A consumer buys from a seller outside the scheme: no tax at sale, and
        low-value goods are not taxed at the border."""
        rules.append(
            Rule(
                f"the seller is not registered in {destination}: no tax at sale, and "
                "low-value goods are not taxed at the border; the seller must register "
                "once its sales there reach the registration threshold",
                source,
            )
        )
        return case.decision(
            Regime.NOT_COLLECTED, destination, Collector.NONE, rules, documents=documents
        )

    def low_value_to_a_business(
        self, case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
    ) -> TaxDecision:
        """Low-value goods to a registered business: the at-sale schemes are for
        consumers; the business accounts for any GST itself."""
        limit = threshold_for(self.code, self.low_value_rule, on=case.on)
        rules.append(
            Rule(
                f"the buyer is {with_article(destination)} GST-registered business: "
                "low-value goods are not taxed at sale for it nor at the border; it "
                "accounts for any GST itself (reverse charge where its law requires)",
                limit.source,
            )
        )
        return case.decision(
            Regime.NOT_COLLECTED, destination, Collector.BUYER, rules, documents=documents
        )


def _by_air_or_post(case: Case, limit: Threshold) -> bool:
    """Whether the sale's goods come by air or post; refused where the sale does not
    say enough to tell."""
    mode, channel = case.sale.transport_mode, case.sale.channel
    if mode is TransportMode.AIR or channel is Channel.POST:
        return True
    if mode is not None and channel is Channel.COURIER:
        return False
    missing = "transport_mode" if mode is None else "channel"
    rule = (
        f"its low-value goods are those imported by air or post ({limit.source}); "
        "goods by sea or land owe GST at import whatever their value"
    )
    raise MissingDataError(
        f"how the goods travel to {limit.jurisdiction} ({missing})",
        f"{rule}: give transport_mode (air, sea or land) and, unless by air, channel "
        "(post or courier)",
        field=f"sale.{missing}",
        json_how=f'{rule}: write "transport_mode" ("air", "sea" or "land") and, '
        'unless by air, "channel" ("post" or "courier")',
    )


class Australia(LowValueGoods):
    # ATO, "GST on low value imported goods": "For consignments of goods imported over
    # A$1,000 any GST, customs duty and clearance charges are charged to the importer
    # at the border" (and its "Exception for multiple goods totalling over A$1,000").
    consignment_over_limit_at_border: ClassVar[bool] = True
    # GST Act 1999 s 84-55: the operator of an electronic distribution platform is the
    # supplier of inbound intangible consumer supplies made through it (from 2017-07-01).
    platform: ClassVar[Platform | None] = Platform(
        date(2017, 7, 1),
        "GST Act 1999 s 84-55",
        "https://www.ato.gov.au/law/view/document?LocID=%22PAC%2F19990055%2F84-55%22",
    )
    code: ClassVar[str] = "AU"
    name: ClassVar[str] = "Australia"
    references: ClassVar[tuple[str, ...]] = (
        "https://www.ato.gov.au/Business/Registration/Work-out-which-registrations-you-need/Taxation-registrations/Goods-and-Services-Tax-(GST)/",
        "https://www.ato.gov.au/Business/International-tax-for-business/In-detail/GST-on-low-value-imported-goods/Information-for-operators-of-electronic-distribution-platforms/",
    )


class NewZealand(LowValueGoods):
    # GST Act 1985 s 60C: the operator of an electronic marketplace is the supplier of
    # remote services made through it to NZ residents (from 2016-10-01).
    platform: ClassVar[Platform | None] = Platform(
        date(2016, 10, 1),
        "GST Act 1985 s 60C",
        "https://www.legislation.govt.nz/act/public/1985/0141/latest/DLM6977012.html",
    )
    code: ClassVar[str] = "NZ"
    name: ClassVar[str] = "New Zealand"
    references: ClassVar[tuple[str, ...]] = (
        "https://www.ird.govt.nz/gst/gst-registering/register-who/",
        "https://www.legislation.govt.nz/act/public/1985/0141/latest/LMS288546.html",
    )


class Norway(LowValueGoods):
    code: ClassVar[str] = "NO"
    name: ClassVar[str] = "Norway"
    references: ClassVar[tuple[str, ...]] = (
        "https://www.skatteetaten.no/rettskilder/type/handboker/merverdiavgiftshandboken/gjeldende/M-2/M-2-1/",
        "https://www.skatteetaten.no/en/business-and-organisation/vat-and-duties/vat/foreign/e-commerce-voec/low-value/",
    )
    thresholds: ClassVar[tuple[ThresholdRule, ...]] = (
        ThresholdRule.REGISTRATION_THRESHOLD,
        ThresholdRule.VOEC_ITEM_LIMIT,
        ThresholdRule.DEEMED_SUPPLIER,
        ThresholdRule.REGISTRATION_THRESHOLD_NONRESIDENT,
    )
    registration_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD_NONRESIDENT
    )
    resident_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD
    )
    services_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD_NONRESIDENT
    )
    registrations: ClassVar[frozenset[str]] = frozenset({"NO", "VOEC"})
    untaxed_within: ClassVar[bool] = False
    low_value_rule: ClassVar[ThresholdRule] = ThresholdRule.VOEC_ITEM_LIMIT
    low_value_registration: ClassVar[str] = "VOEC"
    scheme: ClassVar[str] = "VOEC"

    def unregistered(
        self,
        case: Case,
        destination: str,
        rules: list[Rule],
        documents: tuple[str, ...],
        source: str,
    ) -> TaxDecision:
        rules.append(
            Rule(
                "the seller is not in the VOEC scheme: import VAT at the border, "
                "collected by the carrier",
                source,
            )
        )
        return import_at_border(case, destination, rules, documents)

    def low_value_to_a_business(
        self, case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
    ) -> TaxDecision:
        limit = threshold_for(self.code, self.low_value_rule, on=case.on)
        rules.append(
            Rule(
                "the buyer is a business: VOEC covers only buyers outside the VAT "
                "register; the business imports and pays import VAT at the border, which "
                "it deducts",
                limit.source,
            )
        )
        return import_at_border(case, destination, rules, documents)


class Singapore(LowValueGoods):
    # IRAS, "GST on imported low-value goods": goods "imported into Singapore via air
    # or post"; by sea or land, GST is payable at importation on any value.
    by_air_or_post: ClassVar[bool] = True
    code: ClassVar[str] = "SG"
    name: ClassVar[str] = "Singapore"
    references: ClassVar[tuple[str, ...]] = (
        "https://www.iras.gov.sg/taxes/goods-services-tax-(gst)/consumers/gst-on-imported-low-value-goods",
    )
    thresholds: ClassVar[tuple[ThresholdRule, ...]] = (
        ThresholdRule.REGISTRATION_THRESHOLD,
        ThresholdRule.LOW_VALUE_GOODS,
        ThresholdRule.DEEMED_SUPPLIER,
        ThresholdRule.OVR_LOCAL_SUPPLIES,
        ThresholdRule.OVR_GLOBAL_TURNOVER,
    )
    registration_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.OVR_LOCAL_SUPPLIES
    )
    resident_threshold: ClassVar[ThresholdRule | None] = (
        ThresholdRule.REGISTRATION_THRESHOLD
    )
    services_threshold: ClassVar[ThresholdRule | None] = ThresholdRule.OVR_LOCAL_SUPPLIES

    def second_registration_test(self, rule: ThresholdRule) -> ThresholdRule | None:
        # IRAS: an overseas vendor registers when both its global turnover and its B2C
        # supplies into Singapore exceed their thresholds.
        if rule is ThresholdRule.OVR_LOCAL_SUPPLIES:
            return ThresholdRule.OVR_GLOBAL_TURNOVER
        return None
