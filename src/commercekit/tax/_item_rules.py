"""The kinds a per-item rule is made of: how the item's price picks the rate
([`ItemRule`][commercekit.tax.ItemRule]) and what the rule does to the local sales
taxes ([`LocalTaxes`][commercekit.tax.LocalTaxes]). The rules themselves are in
``tax/_per_item.py``."""

from __future__ import annotations

import enum

__all__ = ["LOCAL_WORDS", "ItemRule", "LocalTaxes"]


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
