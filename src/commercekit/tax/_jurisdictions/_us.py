"""The United States: each state's sales tax, and who collects it.

* There is no federal sales tax. Each state (and DC) taxes retail sales delivered to a
  buyer there (destination sourcing for goods shipped to the buyer), at its own rate
  plus, in most states, county, city and district rates (``_us_local.py``). Delaware,
  Montana, New Hampshire and Oregon levy none; Alaska none at state level.
* The seller collects a state's tax where it is registered there (``Seller.registrations``
  lists ``US-CA``), as it must be once it has a physical presence or crosses the
  state's economic-nexus threshold (South Dakota v. Wayfair, 585 U.S. 162 (2018);
  ``nexus_status`` measures it). A seller not registered in the buyer's state
  collects nothing: the decision says so, and names the state's threshold.
* A sale through a marketplace is the marketplace facilitator's to collect in every
  state with a facilitator law in force on the day (all states with a sales tax, from
  dates between 2018 and 2023: ``_data/us_states.csv``), whether or not the seller is
  registered.
* Goods shipped from abroad: the same state rules decide the sales tax (a foreign
  seller registered in the state collects it); US customs duties are the border's.
* Services (electronic services among them: each state decides which its tax reaches)
  and a business buyer's exemptions (resale certificates) are not bundled: said by
  name, never charged at the rate for goods. The exception: e-books sold to a state
  whose table rates them (Pennsylvania, Washington, New Jersey, Tennessee, Minnesota,
  Ohio and Louisiana, as their rows say) are decided as the state's goods are; before
  a row's first day the rate lookup refuses, naming it.

References:
    South Dakota v. Wayfair, Inc., 585 U.S. 162 (2018): https://www.supremecourt.gov/opinions/17pdf/17-494_j4el.pdf
    Tax Foundation, State and Local Sales Tax Rates, 2025: https://taxfoundation.org/data/all/state/sales-tax-rates
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

import attrs

from commercekit.errors import (
    InputKind,
    InvalidAmountError,
    MissingDataError,
    NoRuleError,
)
from commercekit.tax._categories import TaxCategory
from commercekit.tax._jurisdictions._base import Jurisdiction
from commercekit.tax._jurisdictions._case import NOT_BUNDLED_SOURCE, Case
from commercekit.tax._rates import BUNDLED
from commercekit.tax._sale import Collector, Regime, Rule, TaxDecision
from commercekit.tax._us_holidays import refuse_on_holiday
from commercekit.tax._us_local import check_local
from commercekit.tax._us_nexus import nexus_threshold
from commercekit.tax._us_states import UsState, us_state

if TYPE_CHECKING:  # the registration monitor imports the registry, not the reverse
    from commercekit.tax._registration import CountedSale

WAYFAIR = "https://www.supremecourt.gov/opinions/17pdf/17-494_j4el.pdf"


class UnitedStates(Jurisdiction):
    """US state sales taxes: the rules above."""

    code: ClassVar[str] = "US"
    name: ClassVar[str] = "the United States"
    references: ClassVar[tuple[str, ...]] = (
        WAYFAIR,
        "https://taxfoundation.org/data/all/state/sales-tax-rates",
    )

    physical_presence: ClassVar[str] = (
        "registration where a seller has a physical presence (offices, staff, stock, "
        "stock in a marketplace's warehouse included) is due in that state whatever its "
        "sales, and commercekit does not measure it: threshold_status measures economic "
        "nexus state by state (US-XX) from the sales given, each sale with its state. "
        f"South Dakota v. Wayfair: {WAYFAIR}"
    )

    def registration_not_bundled(
        self, seller_country: str, sales: Sequence[CountedSale]
    ) -> tuple[str, ...]:
        del sales
        return (self.physical_presence,) if self.established_here(seller_country) else ()

    def domestic(self, case: Case, destination: str) -> TaxDecision:
        if not case.goods:
            return _services(case, destination)
        return sales_tax(case, [], ())

    def electronic_services(self, case: Case, destination: str) -> TaxDecision:
        return _services(case, destination)

    def to_business(self, case: Case, origin: str, destination: str) -> TaxDecision | None:
        del origin
        if case.goods:
            return None  # a business buyer's exemption is not told by a tax number
        return case.not_bundled(destination)

    def goods_import(
        self, case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
    ) -> TaxDecision:
        del destination
        return sales_tax(case, rules, documents)


def sales_tax(case: Case, rules: list[Rule], documents: tuple[str, ...]) -> TaxDecision:
    """Whose state sales tax applies to ``case`` and who collects it; ``rules`` holds
    the export rules of where goods from abroad left from."""
    sale = case.sale
    abroad = sale.seller.country != "US"
    state_code = case.destination.subdivision
    if state_code is None:
        return _no_state(case, rules, documents)
    state = us_state(state_code)
    registered = state.state in sale.seller.registrations
    regime = Regime.DESTINATION_REGISTRATION if abroad else Regime.DOMESTIC
    not_collected = Regime.EXPORT if rules else Regime.NOT_COLLECTED
    if not state.sales_tax:
        rules.append(
            Rule(f"{state.name} levies no sales tax: nothing is collected", state.source)
        )
        return case.decision(
            not_collected, None, Collector.NONE, rules, documents=documents
        )
    rules.append(
        _taxed_there(state, "e-books sold" if _rated_ebooks(case) else "goods delivered")
    )
    if sale.marketplace and state.facilitator_law(case.on):
        rules.append(_facilitator(state, sale.marketplace))
        decision = case.decision(
            regime, state.state, Collector.MARKETPLACE, rules,
            scheme=f"{state.state} marketplace facilitator", documents=documents,
            charge=True,
        )  # fmt: skip
        return _whole(case, state, decision)
    if sale.marketplace:
        rules.append(
            Rule(
                f"sold through {sale.marketplace}, but {state.name}'s marketplace "
                f"facilitator law applies only from {state.facilitator_since}: the "
                "seller's own registration decides",
                state.source,
            )
        )
    if registered:
        rules.append(
            Rule(
                f"the seller is registered in {state.state}: it collects the sales "
                f"tax of {state.name}",
                state.source,
            )
        )
        decision = case.decision(
            regime, state.state, Collector.SELLER, rules,
            scheme=f"{state.state} sales tax registration", documents=documents,
            charge=True,
        )  # fmt: skip
        return _whole(case, state, decision)
    rules.extend(_unregistered(case, state))
    return case.decision(not_collected, None, Collector.NONE, rules, documents=documents)


def _services(case: Case, destination: str) -> TaxDecision:
    """Services (electronic or not): each state decides which it taxes, and none of
    that is bundled; said by name rather than charged at the rate for goods. E-books
    sold to a state whose table rates them are decided as its goods are."""
    if _rated_ebooks(case):
        return sales_tax(case, [], ())
    where = case.destination.subdivision or destination
    rule = Rule(
        f"each US state decides which services (electronic services and digital "
        f"goods among them) its sales tax reaches; {where}'s taxation of services is "
        "not bundled with commercekit, so no rate is charged",
        NOT_BUNDLED_SOURCE,
    )
    return case.decision(Regime.NOT_BUNDLED, None, Collector.NONE, [rule])


def _rated_ebooks(case: Case) -> bool:
    """Whether ``case`` sells only e-books to a state whose bundled table has rows for
    them (on any day: a day its rows do not cover is refused by the rate lookup)."""
    state = case.destination.subdivision
    if state is None or set(case.categories) != {TaxCategory.EBOOKS}:
        return False
    rows = BUNDLED.rows.get(state, ())
    return any(row.category is TaxCategory.EBOOKS for row in rows)


def _taxed_there(state: UsState, what: str) -> Rule:
    local = " and the local rates of the address" if state.local_taxes else ""
    return Rule(
        f"{what} to a buyer in {state.name} ({state.state}) are taxed there, "
        f"at the state's rate{local}",
        state.source,
    )


def _facilitator(state: UsState, marketplace: str) -> Rule:
    return Rule(
        f"sold through {marketplace}, a marketplace facilitator: since "
        f"{state.facilitator_since} {state.name} makes the facilitator collect the tax "
        "on the sales it facilitates, whether or not the seller is registered",
        state.source,
    )


def _whole(case: Case, state: UsState, decision: TaxDecision) -> TaxDecision:
    """The decision, refused where the rates of any category sold lack the local
    ones (or noting that they were left out at the caller's request): each category's
    answer is checked on its own, as one with local rates does not vouch for another."""
    single, left_out = _single_article(case, state), None
    for category in dict.fromkeys(case.categories):
        # a rate by the price of each item: the state's rates either side, which
        # need the local ones as any other does; None: left out of a partial decision
        answer = case.category_rates(state.state, category)
        if answer is not None:
            try:
                refuse_on_holiday(state.state, category, answer, case.on)
            except MissingDataError as error:
                raise case.at_line(error, category) from None
        if answer is not None and category not in case.left_out:
            left_out = check_local(state, answer, case.source, case.on) or left_out
    said = tuple(rule for rule in (single, left_out) if rule is not None)
    return attrs.evolve(decision, rules=(*decision.rules, *said)) if said else decision


_TENNESSEE_SINGLE_ARTICLE = "https://www.tn.gov/revenue/taxes/sales-and-use-tax/single-article-special-tax-rates.html"


def _single_article(case: Case, state: UsState) -> Rule | None:
    """Tennessee's single article rule for the items priced over USD 1,600, said as a
    rule (the quote taxes each such item in bands: ``single_article_lines``); refused by
    name for food and the other categories it is not computed for, a price in another
    currency, a category whose rate depends on the item's price that day, and a local
    rate given without its locality's limit."""
    if state.state != "US-TN":
        return None
    from commercekit.tax import _us_single_article as single  # noqa: PLC0415  # TN only
    from commercekit.tax._per_item import per_item_rates  # noqa: PLC0415

    rule = None
    for at, line in enumerate(case.sale.goods_lines):
        unit = case.amount_in(line.value / line.quantity, "USD")
        if line.category in single.UNTAXED or unit.amount <= 1600:
            continue
        field = "sale.category" if not case.sale.lines else f"sale.lines[{at}].category"
        if line.category not in single.TANGIBLE:
            raise single.not_computed(unit, f"{line.category} is not computed", field)
        if line.value.currency.code != "USD":
            raise single.not_computed(unit, "a price in another currency is not", field)
        if per_item_rates(state.state, line.category, on=case.on):
            why = "an item whose rate depends on its price that day (a holiday's) is not"
            raise single.not_computed(unit, why, field)
        rule = single.single_article(state.state, line.category, case.on)
        for index, (tax, limit) in enumerate(single.local_limits(case.source)):
            if limit is None:
                raise single.missing_limit(tax, state.state, unit, index)
    return None if rule is None else Rule(rule.explain(), _TENNESSEE_SINGLE_ARTICLE)


def _unregistered(case: Case, state: UsState) -> list[Rule]:
    """Why a seller not registered in the state collects nothing, and when it must."""
    rules = [
        Rule(
            f"the seller lists no registration in {state.state} and the sale is not "
            f"through a marketplace facilitator: it collects no {state.name} sales tax "
            "(the buyer owes the state's use tax)",
            state.source,
        )
    ]
    try:
        threshold = nexus_threshold(state.state, on=case.on)
    except NoRuleError:  # not bundled (NoThresholdError) or not yet in force
        rules.append(
            Rule(
                f"{state.name}'s economic-nexus threshold on {case.on} is not bundled: "
                "check whether the seller must register there",
                state.source,
            )
        )
        return rules
    rules.append(
        Rule(
            f"{state.name} requires a remote seller to register and collect once its "
            f"sales there cross {threshold.describe()}, and a seller with a physical "
            "presence there whatever its sales: measure it with nexus_status",
            threshold.sources[0],
        )
    )
    return rules


def _no_state(case: Case, rules: list[Rule], documents: tuple[str, ...]) -> TaxDecision:
    """A US buyer without a state: decided where no state can collect (a seller
    registered in none, not through a marketplace), else refused."""
    sale = case.sale
    listed = sorted(code for code in sale.seller.registrations if code[:3] == "US-")
    if listed or sale.marketplace:
        raise InvalidAmountError.refused(
            "buyer.subdivision",
            sale.buyer.subdivision,
            "is no state of the United States: sales tax is the state's where the "
            "goods are delivered; give the buyer's subdivision ('US-CA', 'US-NY', …)",
            kind=InputKind.PLACE,
        )
    rules.append(
        Rule(
            "the seller is registered in no US state and the sale is not through a "
            "marketplace: it collects no US sales tax (the buyer owes its state's use "
            "tax; the buyer's subdivision would name the state)",
            WAYFAIR,
        )
    )
    regime = Regime.EXPORT if rules[:-1] else Regime.NOT_COLLECTED
    return case.decision(regime, None, Collector.NONE, rules, documents=documents)
