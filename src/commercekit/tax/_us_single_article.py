"""Tennessee's single article rule: a state band and local limits on each item's price.

The state's general rate (7 %) applies to the whole price of each single article of
tangible personal property; each local tax only up to its locality's limit on a single
article ("usually $1,600", some lower: the Department of Revenue's Single Article Local
Tax Base Limitation chart; Tenn. Code Ann. 67-6-702), given by the caller as each
[`LocalRate`][commercekit.tax.LocalRate]'s ``single_article_limit`` and never
assumed; and the state adds its single article tax, 2.75 %, on the part of the price
over USD 1,600 and not over USD 3,200 (Tenn. Code Ann. 67-6-202(a); the bundled row in
``_data/us_single_article.csv``, from 2002-07-15 as a secondary source reports).

The Department's SUT-6 works a USD 4,000 table at a 2.25 % local rate: 7 % of 4,000.00
(280.00), 2.25 % of the first 1,600.00 (36.00), 2.75 % of 1,600.00 (44.00): USD 360.00.
The quote taxes such an item in parts, one per band of its price between the limits,
each part with the taxes that reach it (``single_article_lines``). The price compared is
each unit's after the seller's discount, without the tax, in USD. Food (4 %, Tenn. Code
Ann. 67-6-228) over USD 1,600 is refused: the sources read do not say whether the band
and the limits reach it; so are services and the other categories that are not
tangible goods (the local tax reaches their whole price).

References:
    Tennessee Department of Revenue, Single Article and Special Tax Rates: https://www.tn.gov/revenue/taxes/sales-and-use-tax/single-article-special-tax-rates.html
    SUT-6, What is a single article: https://revenue.support.tn.gov/hc/en-us/articles/205576765-What-is-a-single-article-and-how-is-sales-tax-on-a-single-article-calculated-
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

import attrs

from commercekit import _bundled
from commercekit._numbers import EXACT
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.tax._categories import TaxCategory
from commercekit.tax._tax_line import TaxLine
from commercekit.tax._tax_rate import TaxRate, TaxRateSource

__all__ = ["SingleArticle", "local_limits", "single_article", "single_article_lines"]

TANGIBLE = frozenset(
    {
        TaxCategory.STANDARD, TaxCategory.CLOTHING, TaxCategory.CHILDRENS_CLOTHING,
        TaxCategory.APPAREL, TaxCategory.FOOTWEAR, TaxCategory.SCHOOL_SUPPLIES,
        TaxCategory.BACKPACKS, TaxCategory.COMPUTERS, TaxCategory.MOTOR_CARS,
        TaxCategory.BOOKS, TaxCategory.NEWSPAPERS, TaxCategory.MEDICAL_DEVICES,
        TaxCategory.MEDICINES,
    }
)  # fmt: skip
"""The categories of tangible personal property the rule is computed for."""
UNTAXED = frozenset(
    {TaxCategory.DIGITAL_SERVICES, TaxCategory.EXEMPT, TaxCategory.ZERO_RATED}
)
"""Categories Tennessee does not tax as goods: no single article question."""

_COLUMNS = (
    "jurisdiction", "tax", "rate", "from", "to", "local_limit", "currency", "since",
    "until", "source", "official", "note",
)  # fmt: skip


@attrs.frozen
class SingleArticle:
    """A state's tax on the band of each article's price over ``start`` and up to
    ``end`` (USD), and the highest limit a local tax may have (``local_limit``)."""

    rate: TaxRate
    start: Decimal
    end: Decimal
    local_limit: Decimal
    official: bool

    def explain(self) -> str:
        """The rule in one sentence, with its source."""
        read = "" if self.official else " (its first day read in a secondary source)"
        return (
            f"{self.rate.jurisdiction}'s single article rule: the state's rate on the "
            f"whole price of each single article, each local tax only up to its "
            f"locality's limit (at most USD {self.local_limit:,}), and the state's "
            f"{self.rate.tax} of {self.rate.rate}% on the part over USD {self.start:,} "
            f"and not over USD {self.end:,}{read}. Source: {self.rate.source}"
        )


@functools.cache
def _table() -> dict[str, tuple[SingleArticle, ...]]:
    lines = _bundled.read("commercekit.tax", "us_single_article.csv", columns=_COLUMNS)
    found: dict[str, list[SingleArticle]] = {}
    for line in lines:
        row = SingleArticle(
            rate=line.build(
                TaxRate,
                jurisdiction=line.text("jurisdiction"),
                tax=line.text("tax"),
                category=TaxCategory.STANDARD,
                applies_as=TaxCategory.STANDARD,
                rate=line.decimal("rate"),
                kind="standard",
                since=line.day("since"),
                until=line.optional_day("until"),
                source=line.text("source"),
                note=line.raw("note"),
            ),
            start=line.decimal("from"),
            end=line.decimal("to"),
            local_limit=line.decimal("local_limit"),
            official=line.flag("official"),
        )
        found.setdefault(row.rate.jurisdiction, []).append(row)
    return {state: tuple(rows) for state, rows in found.items()}


def single_article(state: str, category: TaxCategory, on: date) -> SingleArticle | None:
    """``state``'s single article rule for ``category`` on ``on``; None where the state
    has none. ``MissingDataError`` on a day before the bundled row."""
    rows = _table().get(state)
    if rows is None:
        return None
    row = next((row for row in rows if row.rate.covers(on)), None)
    if row is None:
        raise MissingDataError(
            f"{state}'s single article tax on {on}",
            f"it is bundled from {rows[0].rate.since} ({rows[0].rate.source}); quote an "
            "item over the state's limit on a day it covers",
        )
    return attrs.evolve(
        row, rate=attrs.evolve(row.rate, category=category, applies_as=category)
    )


def local_limits(source: TaxRateSource) -> tuple[tuple[str, Decimal | None], ...]:
    """Each local tax the caller gave in ``source`` (a ``LocalRates``, perhaps wrapped
    in ``StateRatesOnly``): its name and its single article limit; none for the
    bundled tables."""
    from commercekit.tax._us_local import StateRatesOnly  # noqa: PLC0415
    from commercekit.tax._us_local_rates import LocalRates  # noqa: PLC0415

    inner = source.source if isinstance(source, StateRatesOnly) else source
    if not isinstance(inner, LocalRates):
        return ()
    return tuple((local.tax, local.single_article_limit) for local in inner.local)


def single_article_lines(
    price: Money,
    quantity: int,
    rates: tuple[TaxRate, ...],
    limits: Mapping[str, Decimal],
    rule: SingleArticle,
    *,
    discount: Money | None = None,
) -> tuple[TaxLine, ...]:
    """One line of ``quantity`` items at ``price`` (USD, without the tax, less the
    line's ``discount``) as tax lines, one per band of each item's price between the
    limits: the state's ``rates`` (each not in ``limits``) on every band, each local
    one (in ``limits``, by tax name) on the bands up to its limit, ``rule``'s rate on
    the bands from its start to its end. The last band takes the discount; the bands
    add up to the line. Empty where each item is not over ``rule.start``."""
    units = Decimal(quantity)
    off = discount.amount if discount is not None else Decimal(0)
    each = EXACT.divide(EXACT.subtract(EXACT.multiply(price.amount, units), off), units)
    if each <= rule.start:
        return ()
    cuts = sorted(cut for cut in {*limits.values(), rule.start, rule.end} if cut < each)
    bounds = [Decimal(0), *cuts]
    lines = []
    for at, low in enumerate(bounds):
        last = at == len(bounds) - 1
        high = each if last else bounds[at + 1]
        taxes = tuple(r for r in rates if r.tax not in limits or high <= limits[r.tax])
        if rule.start <= low and high <= rule.end:
            taxes = (*taxes, rule.rate)
        named = ", ".join(f"{rate.tax} {rate.rate}%" for rate in taxes)
        lines.append(
            TaxLine(
                price - Money(low, "USD") if last else Money(high - low, "USD"),
                quantity,
                taxes,
                discount=discount if last and off else None,
                description=(
                    f"each item over USD {low:,.2f}, after the discount: {named}"
                    if last
                    else f"each item from USD {low:,.2f} to {high:,.2f}: {named}"
                ),
                priced_without_tax=True,
            )
        )
    return tuple(lines)
