"""The kinds a per-item rule is made of: how the item's price picks the rate
([`ItemRule`][commercekit.tax.ItemRule]) and what the rule does to the local sales
taxes ([`LocalTaxes`][commercekit.tax.LocalTaxes]), and the rule itself
([`PerItemRate`][commercekit.tax.PerItemRate]); the bundled rules and their use are in
``tax/_per_item.py``."""

from __future__ import annotations

import enum

import attrs

from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.errors import InputKind
from commercekit.money import Money
from commercekit.tax import _checks
from commercekit.tax._tax_rate import TaxRate

__all__ = ["LOCAL_WORDS", "ItemRule", "LocalTaxes", "PerItemRate"]


class ItemRule(enum.StrEnum):
    """How an item's price against the threshold picks its rate."""

    BELOW = "below"
    """Under the threshold: the ``below`` rate on the whole price; at or over it, the
    ``above`` rate on the whole price (New York: "less than $110")."""
    UP_TO = "up_to"
    """At or under the threshold: the ``below`` rate on the whole price; over it, the
    ``above`` rate on the whole price ("not exceeding")."""
    EXCESS = "excess"
    """The part of the price up to the threshold at the ``below`` rate, the part over
    it at the ``above`` rate (Massachusetts, Rhode Island)."""


class LocalTaxes(enum.StrEnum):
    """What a per-item rule does to the local (county, city, district) sales taxes.

    commercekit bundles no local rates: a quote in a state with local taxes asks them
    of a rate source, and on a per-item day refuses a source's answer holding the
    state's tax alone (or, partial, leaves the local taxes out and says so). Given
    local rates ([`LocalRates`][commercekit.tax.LocalRates]), ``EXEMPT`` makes every
    local tax follow the state's threshold on the rule's days, whatever the caller
    said of the category (the law leaves the locality no choice); under any other
    value the caller's answer for each local tax is needed, and refused by name
    where missing.
    """

    EXEMPT = "exempt"
    """The local taxes are exempt on the same terms (Texas, Missouri since 2023)."""
    EACH_LOCALITY = "each_locality"
    """Each county or city decides for its own tax (Alabama's holiday; New York)."""
    NO_LOCAL_TAXES = "no_local_taxes"
    """The state has no local sales taxes (Maryland, Massachusetts; India's GST)."""
    NOT_KNOWN = "not_known"
    """The sources read do not say."""


LOCAL_WORDS = {
    LocalTaxes.EXEMPT: "exempt on the same terms",
    LocalTaxes.EACH_LOCALITY: "each county or city decides",
    LocalTaxes.NO_LOCAL_TAXES: "none in the state",
    LocalTaxes.NOT_KNOWN: "not known from the sources read",
}
"""Each ``LocalTaxes`` in the words a rule's explanation uses."""


def _rule(value: object) -> ItemRule:
    return _checks.choice(value, ItemRule, "rule")


def _local_taxes(value: object) -> LocalTaxes:
    return _checks.choice(value, LocalTaxes, "local_taxes")


def _threshold(value: object) -> Money:
    found = _checks.amount(value, "threshold")
    if not found.amount:
        raise invalid("threshold", value, "is zero; a per-item threshold is above zero")
    return found


@named_at_the_door
@attrs.frozen
class PerItemRate:
    """One tax's rule picking its rate by the price of each item.

    ``below`` and ``above`` are the [`TaxRate`][commercekit.tax.TaxRate]s either side
    of ``threshold`` (same jurisdiction, tax, category and period); ``compared_on`` the
    value the law compares with the threshold, in its words; ``local_taxes`` what the
    rule does to the local taxes (a [`LocalTaxes`][commercekit.tax.LocalTaxes]);
    ``official`` whether its days and terms were read in the state's (or country's)
    own page, statute or release rather than in a report of it. Both default to what
    claims least: ``LocalTaxes.NOT_KNOWN`` and ``False``.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    rule: ItemRule = attrs.field(converter=_rule)
    threshold: Money = attrs.field(converter=_threshold)
    below: TaxRate = attrs.field(validator=_checks.instance_of(TaxRate))
    above: TaxRate = attrs.field(validator=_checks.instance_of(TaxRate))
    compared_on: str = attrs.field(validator=_checks.valid_text)
    local_taxes: LocalTaxes = attrs.field(
        default=LocalTaxes.NOT_KNOWN, converter=_local_taxes
    )
    official: bool = attrs.field(default=False, validator=_checks.valid_flag)

    def __attrs_post_init__(self) -> None:
        same = ("jurisdiction", "tax", "category", "since", "until")
        for name in same:
            if getattr(self.below, name) != getattr(self.above, name):
                raise invalid(
                    "above",
                    self.above,
                    f"has another {name} than below ({getattr(self.below, name)}); "
                    "both sides of a per-item rule are one tax's, in one period",
                    kind=InputKind.TYPE,
                )

    @property
    def tax(self) -> str:
        """The tax the rule is for (``sales tax``, ``CGST`` ...)."""
        return self.above.tax

    def parts(self, price: Money) -> tuple[tuple[Money, TaxRate], ...]:
        """One item priced ``price`` (the value ``compared_on``): each part of it with
        the rate it pays; the parts add up to ``price``. On a day when ``per_item_rates``
        answers a tax in bands (Connecticut's Sales Tax Free Week), one band's parts are
        not the item's: a USD 1,200 coat is over the lower band's USD 100 but pays the
        upper band's 7.75%; ``item_tax_lines`` picks each item's band.

        Examples:
            >>> from datetime import date
            >>> from commercekit.money import Money
            >>> from commercekit.tax import per_item_rates
            >>> [ny] = per_item_rates("US-NY", "clothing", on=date(2026, 6, 1))
            >>> [(str(part), rate.rate) for part, rate in ny.parts(Money("110.00", "USD"))]
            [('110.00 USD', Decimal('4'))]
            >>> [(str(part), rate.rate) for part, rate in ny.parts(Money("109.99", "USD"))]
            [('109.99 USD', Decimal('0'))]
        """
        found = _checks.amount(price, "price")
        _checks.one_currency(found, self.threshold, operation="compare with the threshold")
        if self.rule is ItemRule.EXCESS:
            if found <= self.threshold:
                return ((found, self.below),)
            return ((self.threshold, self.below), (found - self.threshold, self.above))
        under = (
            found < self.threshold
            if self.rule is ItemRule.BELOW
            else (found <= self.threshold)
        )
        return ((found, self.below if under else self.above),)

    def explain(self) -> str:
        """The rule in one sentence, with its source."""
        return f"{_words(self)}. Source: {self.above.source}{_read(self)}"


def said(rule: PerItemRate) -> str:
    """The rule in one sentence without its source, saying whether it was read in a
    report of the law (a decision's ``Rule`` carries the source beside it)."""
    return _words(rule) + _read(rule)


def _words(rule: PerItemRate) -> str:
    side = {
        ItemRule.BELOW: f"items under {rule.threshold} pay",
        ItemRule.UP_TO: f"items of {rule.threshold} or less pay",
        ItemRule.EXCESS: f"the first {rule.threshold} of each item pays",
    }[rule.rule]
    rest = "the part over it" if rule.rule is ItemRule.EXCESS else "the others"
    return (
        f"{rule.above.jurisdiction} {rule.tax} on {rule.above.category}: {side} "
        f"{rule.below.rate}% ({rule.below.kind}), {rest} {rule.above.rate}%, "
        f"compared on {rule.compared_on}; local taxes: {LOCAL_WORDS[rule.local_taxes]}"
    )


def _read(rule: PerItemRate) -> str:
    return "" if rule.official else " (a report of the law, not its own text)"
