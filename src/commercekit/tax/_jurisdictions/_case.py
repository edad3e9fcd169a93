"""The case a decision works on: one sale, on one day, with the places it joins.

Every jurisdiction's rules ask the same few things of a sale: where it leaves from and
arrives, the value its limits are measured on (with or without the tax charged at sale,
per consignment or per item), that value in the limit's currency at the sale's recorded
rates, and, once decided, the decision with the rates of the place taxed. ``Case`` answers
them once, so each jurisdiction module holds only its law.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING

from commercekit._trusted import trusted_builder
from commercekit.errors import MissingDataError, UnknownJurisdictionError
from commercekit.money import Money, allocate, convert_noted, sum_money
from commercekit.regions import place_of, special_territory
from commercekit.tax._categories import TaxCategory
from commercekit.tax._ids import format_checked
from commercekit.tax._rates import TaxRate, TaxRateSource, source_rates
from commercekit.tax._sale import Collector, Regime, Rule, Sale, Supply, TaxDecision
from commercekit.tax._us_local import (
    StateRatesOnly,
    left_out_category,
    left_out_local,
)
from commercekit.tax._without_tax import net_total, nets_of, taxes_inside

if TYPE_CHECKING:
    from commercekit.tax._item_rules import PerItemRate

_decision = trusted_builder(TaxDecision)
_CATEGORY = attrgetter("category")

NOT_BUNDLED_SOURCE = "commercekit documentation: 'What is bundled, and what is not'"


class Case:
    """One sale on one day: its places, its values as limits measure them, and the
    conversions made along the way (each said in the decision)."""

    def __init__(self, sale: Sale, on: date, source: TaxRateSource) -> None:
        self.sale = sale
        self.on = on
        self.source = source
        self.goods = sale.supply is Supply.GOODS
        self.conversions: list[str] = []
        self.left_out: dict[TaxCategory, Rule] = {}
        """The categories a partial decision left out, with the rule saying so."""
        self.by_item: dict[Rule, None] = {}
        """The per-item rules a category's rates came from, each as a reason."""
        self._without: dict[str, list[Money]] = {}
        self._taxes: dict[str, list[Decimal]] = {}
        seller, buyer = sale.seller, sale.buyer
        self.seller_place = place_of(seller.country, on=on)
        self.origin = (
            place_of(sale.ship_from, on=on)
            if self.goods and sale.ship_from
            else self.seller_place
        )
        self.destination = place_of(
            buyer.country, subdivision=buyer.subdivision, postcode=buyer.postcode, on=on
        )

    @property
    def consumer(self) -> bool:
        """Whether the buyer has no tax number (a consumer, for VAT/GST)."""
        return self.sale.buyer.tax_id is None

    def lines_without_tax(self, jurisdiction: str, *, taxed: bool = True) -> list[Money]:
        """Each line's value without the VAT/GST of ``jurisdiction``: the value limits
        are set on. The tax is taken out, line by line, only when the prices include it
        and it is charged at sale (``taxed``); where none is charged, the price shown is
        what is paid, with no tax in it."""
        values = [line.value for line in self.sale.goods_lines]
        if not self.sale.prices_include_tax or not taxed:
            return values
        found = self._without.get(jurisdiction)
        if found is None:
            found = nets_of(values, self._taxes_inside(jurisdiction))
            self._without[jurisdiction] = found
        return found

    def _taxes_inside(self, jurisdiction: str) -> list[Decimal]:
        """The VAT/GST of ``jurisdiction`` inside each line's value (asked once)."""
        found = self._taxes.get(jurisdiction)
        if found is None:
            values = [line.value for line in self.sale.goods_lines]
            found = taxes_inside(values, self._line_rates(jurisdiction))
            self._taxes[jurisdiction] = found
        return found

    @cached_property
    def categories(self) -> list[TaxCategory]:
        """Each goods line's category, in the order of the lines."""
        return list(map(_CATEGORY, self.sale.goods_lines))

    def _line_rates(self, jurisdiction: str) -> list[tuple[TaxRate, ...]]:
        """Each line's rates in ``jurisdiction``: one tuple per category, asked once."""
        rates = {}
        for category in set(self.categories):
            try:
                rates[category] = source_rates(
                    self.source, jurisdiction, category, on=self.on
                )
            except MissingDataError as error:
                raise self.at_line(error, category) from None
        return list(map(rates.__getitem__, self.categories))

    def goods_without_tax(self, jurisdiction: str, *, taxed: bool = True) -> Money:
        """The goods' value without the tax of ``jurisdiction`` (if ``taxed``)."""
        if self.sale.prices_include_tax and taxed:
            values = [line.value for line in self.sale.goods_lines]
            total = net_total(values, self._line_rates(jurisdiction))
            if total is not None:  # the sum of lines_without_tax, without their Money
                return total
        values = self.lines_without_tax(jurisdiction, taxed=taxed)
        return sum_money(values, values[0].currency.code)

    def supply_without_tax(self, jurisdiction: str) -> tuple[Money, Money]:
        """The goods and the transport charged, without the tax of ``jurisdiction``
        (the transport's share of tax as the goods': it follows them): the least and
        the most it can be, one figure but where the goods are all free and their
        rates differ (the sale does not say which part of the transport is at which)."""
        goods = self.goods_without_tax(jurisdiction)
        shipping = self.sale.shipping
        if shipping is None:
            return goods, goods
        if not self.sale.prices_include_tax:
            return goods + shipping, goods + shipping
        tax = self.sale.price - goods
        if not self.sale.price.amount:  # free goods: the transport at each one's rates
            rates = list(dict.fromkeys(self._line_rates(jurisdiction)))
            nets = nets_of(
                [shipping] * len(rates), taxes_inside([shipping] * len(rates), rates)
            )
            return goods + min(nets), goods + max(nets)
        # Shared, exactly, in the goods' proportion of net to tax.
        value = goods + allocate(shipping, [goods.amount, tax.amount])[0]
        return value, value

    def consignment_value(self, jurisdiction: str, *, taxed: bool) -> Money:
        """Intrinsic value: the goods without the tax charged at sale (if ``taxed``),
        plus transport only when it is not shown separately."""
        value = self.goods_without_tax(jurisdiction, taxed=taxed)
        sale = self.sale
        if sale.shipping is not None and not sale.shipping_shown_separately:
            value = value + sale.shipping
        return value

    def item_range(self, jurisdiction: str, *, taxed: bool) -> tuple[Money, Money]:
        """The cheapest and the dearest single unit, without the tax charged at sale if
        ``taxed`` (per-item limits)."""
        values = self.lines_without_tax(jurisdiction, taxed=taxed)
        units = [
            value / line.quantity
            for value, line in zip(values, self.sale.goods_lines, strict=True)
        ]
        key = lambda unit: unit.amount  # noqa: E731  # one key for both ends
        return min(units, key=key), max(units, key=key)

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
        """The decision, with the rates of ``taxed_in`` on the day when ``charge``."""
        at_origin = regime in (Regime.DOMESTIC, Regime.DISTANCE_SALE_BELOW_THRESHOLD)
        if taxed_in == self.destination.jurisdiction(goods=self.goods) and not at_origin:
            # Taxed where the goods arrive: at the rates of the region they arrive in.
            taxed_in = self.destination.rates_jurisdiction(goods=self.goods)
        rates: tuple[TaxRate, ...] = ()
        if charge and taxed_in is not None:
            try:
                rates = self._rates(taxed_in)
            except UnknownJurisdictionError:
                # Whose tax applies is decided; its rates are not bundled (US sales tax).
                return self.not_bundled(taxed_in, rules=rules, documents=documents)
        buyer = self.sale.buyer
        verification = buyer.verification
        if verification is None and buyer.tax_id is not None:
            verification = format_checked(buyer.tax_id)
        return _decision(  # the library's answers, checked as they were made
            regime=regime,
            taxed_in=taxed_in,
            collected_by=collected_by,
            rates=rates,
            scheme=scheme,
            documents=documents,
            rules=(*rules, *self.by_item, *self.left_out.values()),
            conversions=tuple(self.conversions),
            verification=verification,
            cleared_under=cleared_under,
        )

    def _rates(self, jurisdiction: str) -> tuple[TaxRate, ...]:
        """The rates of each category sold, once each; where a category's rate depends
        on the price of each item (``tax._per_item``), the rates either side."""
        found: dict[tuple[str, str, Decimal], TaxRate] = {}
        for category in dict.fromkeys(self.categories):
            for rate in self.category_rates(jurisdiction, category) or ():
                found.setdefault((rate.tax, rate.applies_as, rate.rate), rate)
        return tuple(found.values())

    def category_rates(
        self, jurisdiction: str, category: TaxCategory
    ) -> tuple[TaxRate, ...] | None:
        """The rates of ``category``; where its rate depends on the price of each item
        (``tax._per_item``), the rates either side; where an Indian rate turns on a
        fact of the supply (``tax._in_facts``), every rate it may pay; ``None`` where
        a partial US decision leaves it out (``left_out_category``: the rule saying so
        is kept in ``left_out``), else the source's ``MissingDataError``, at the first
        line of ``category`` where it refuses the category itself (a holiday's)."""
        try:
            return self._category_rates(jurisdiction, category)
        except MissingDataError as error:
            raise self.at_line(error, category) from None

    def at_line(self, error: MissingDataError, category: TaxCategory) -> MissingDataError:
        """``error``, where it refuses the category asked for (``field`` "category",
        or a plain missing rate naming no field), at the sale's first line of
        ``category``: ``sale.lines[i].category``."""
        unplaced = error.field is None and type(error) is MissingDataError
        if error.field != "category" and not unplaced:
            return error
        return error.at(self.given(category))

    def _category_rates(
        self, jurisdiction: str, category: TaxCategory
    ) -> tuple[TaxRate, ...] | None:
        try:
            return source_rates(self.source, jurisdiction, category, on=self.on)
        except MissingDataError as error:
            # Imported when a rate is missing: a rate per item or per fact is rare.
            from commercekit.tax._in_facts import has_fact_rows  # noqa: PLC0415
            from commercekit.tax._item_rules import said  # noqa: PLC0415

            rules = self._item_rules(jurisdiction, category)
            for item in rules:  # each cited with its own source, as the day's law
                self.by_item.setdefault(Rule(said(item), item.above.source))
            if rules:
                return tuple(r for item in rules for r in (item.below, item.above))
            india = jurisdiction == "IN" or jurisdiction.startswith("IN-")
            if india and has_fact_rows(category, self.on):
                return self._fact_rates(jurisdiction, category)
            try:
                rule = left_out_category(
                    self.source, jurisdiction, category, error, self.on
                )
            except MissingDataError as refused:
                raise self.at_line(refused, category) from None
            self.left_out.setdefault(category, rule)
            return None

    def _fact_rates(self, jurisdiction: str, category: TaxCategory) -> tuple[TaxRate, ...]:
        """The rates each line of ``category`` picks by its facts (``fact_rates``);
        a line without the fact its rate turns on is refused, naming it."""
        from commercekit.tax._in_fact_lines import line_fact_rates  # noqa: PLC0415

        lines = [
            (f"sale.lines[{at}]", line.rate_facts)
            for at, line in enumerate(self.sale.lines)
            if line.category == category
        ]
        return line_fact_rates(
            jurisdiction, category, lines or [("sale.lines[0]", None)], self.on
        )

    def given(self, category: TaxCategory) -> str:
        """Where the sale gave ``category``: its first line of it, or its own."""
        lines = self.sale.lines
        at = next((at for at, line in enumerate(lines) if line.category == category), None)
        return "sale.category" if at is None else f"sale.lines[{at}].category"

    def _item_rules(
        self, jurisdiction: str, category: TaxCategory
    ) -> tuple[PerItemRate, ...]:
        """The per-item rules of ``category``, the local taxes' with them; a partial
        US decision whose source does not say how a local tax treats it takes the
        state's alone and says what it lacks (``left_out_local``)."""
        from commercekit.tax._per_item import per_item_rates  # noqa: PLC0415

        try:
            return per_item_rates(jurisdiction, category, on=self.on, rates=self.source)
        except MissingDataError as error:
            if not isinstance(self.source, StateRatesOnly):
                raise
            self.left_out.setdefault(category, left_out_local(error))
            return per_item_rates(jurisdiction, category, on=self.on)

    def not_bundled(
        self,
        destination: str,
        *,
        rules: list[Rule] | None = None,
        documents: tuple[str, ...] = (),
        export: bool = False,
    ) -> TaxDecision:
        """Whose tax applies is known, its rules are not bundled: said by name."""
        notes = list(rules or [])
        territory = special_territory(destination, on=self.on)
        if territory is not None:
            notes.append(Rule(territory.explain(), territory.source))
        else:
            notes.append(
                Rule(
                    f"{destination}'s own taxes on this sale are not bundled with "
                    "commercekit (United States sales tax, for one, needs a "
                    "TaxRateSource)",
                    NOT_BUNDLED_SOURCE,
                )
            )
        return self.decision(
            Regime.EXPORT if export else Regime.NOT_BUNDLED,
            None,
            Collector.NONE,
            notes,
            documents=documents,
        )
