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
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, context_free
from commercekit.errors import InputKind, MissingDataError
from commercekit.money import Money, measured
from commercekit.tax import _checks
from commercekit.tax._categories import TaxCategory
from commercekit.tax._rates import BUNDLED
from commercekit.tax._tax_line import TaxLine
from commercekit.tax._tax_rate import TaxRate, TaxRateSource

__all__ = ["single_article_lines"]

_SOURCE = "https://www.tn.gov/revenue/taxes/sales-and-use-tax/single-article-special-tax-rates.html"

TANGIBLE = frozenset(
    {
        TaxCategory.STANDARD, TaxCategory.CLOTHING, TaxCategory.CHILDRENS_CLOTHING,
        TaxCategory.APPAREL, TaxCategory.FOOTWEAR, TaxCategory.SCHOOL_SUPPLIES,
        TaxCategory.BACKPACKS, TaxCategory.COMPUTERS, TaxCategory.MOTOR_CARS,
        TaxCategory.MOTORCYCLES,
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
    "jurisdiction", "tax", "rate", "from", "to", "local_limit", "since", "until",
    "source", "official", "note",
)  # fmt: skip


@attrs.frozen
class SingleArticle:
    """A state's tax on the band of each article's price over ``start`` and up to
    ``end`` (USD), and the highest limit a local tax may have (``local_limit``)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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


def highest_local_limit() -> Decimal:
    """The highest single article limit a bundled state lets a local tax have (USD):
    ``LocalRate.single_article_limit`` is checked against it."""
    return max(row.local_limit for rows in _table().values() for row in rows)


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


@context_free
def single_article_lines(
    price: Money,
    quantity: int,
    rates: tuple[TaxRate, ...],
    *,
    on: date,
    source: TaxRateSource = BUNDLED,
    discount: Money | None = None,
) -> tuple[TaxLine, ...]:
    """One line of ``quantity`` items at ``price`` each (USD, without the tax, less the
    seller's ``discount`` on the whole line) taxed at ``rates`` (the line's category's
    rates in one state, from ``source``) as the ``TaxLine``s ``tax_invoice`` taxes,
    under the state's single article rule (Tennessee, Tenn. Code Ann. 67-6-202(a),
    67-6-702): one line per band of each item's price between the limits, the state's
    tax on every band, each local tax on the bands up to its ``single_article_limit``,
    the single article tax (2.75 %) on the band over USD 1,600 and not over 3,200. The
    last band takes the discount; the lines add up to the line. Empty where the state
    has no such rule or each item (``(price x quantity - discount) / quantity``) is not
    over USD 1,600.

    Raises ``MissingDataError`` for an item over it in a category the rule is not
    computed for (food, services...), priced in another currency, or with a local rate
    without its ``single_article_limit`` (at ``local[i].single_article_limit``) or not
    given in ``source``; ``InvalidAmountError`` for a bad argument.

    Examples:
        >>> from datetime import date
        >>> from commercekit.money import Money
        >>> from commercekit.tax import LocalRate, LocalRates, tax_invoice
        >>> davidson = LocalRate("Davidson County", "county", "2.25", "example figure",
        ...                      date(2025, 1, 1), single_article_limit="1600.00")
        >>> source, day = LocalRates("US-TN", [davidson]), date(2026, 3, 2)
        >>> rates = source.rates_for("US-TN", "standard", on=day)
        >>> lines = single_article_lines(Money("4000.00", "USD"), 1, rates, on=day,
        ...                              source=source)
        >>> for line in lines:
        ...     print(line.price, [str(rate.rate) for rate in line.rates])
        1600.00 USD ['7', '2.25']
        1600.00 USD ['7', '2.75']
        800.00 USD ['7']
        >>> str(tax_invoice(lines, prices_include_tax=False).tax)
        '360.00 USD'
    """
    unit = _checks.amount(price, "price")
    count = _checks.whole(quantity, "quantity", positive=True)
    found = _checks.listed(rates, TaxRate, "rates")
    day = _checks.day(on, "on")
    off = (
        Money(0, unit.currency)
        if discount is None
        else _checks.amount(discount, "discount")
    )
    _checks.one_currency(unit, off, operation="take the discount from the price")
    if not callable(getattr(source, "rates_for", None)):
        raise invalid("source", source, "is not a TaxRateSource", kind=InputKind.TYPE)
    if not found:
        return ()
    first = found[0]
    if any(
        (r.jurisdiction, r.category) != (first.jurisdiction, first.category) for r in found
    ):
        raise invalid("rates", rates, "mix places or categories; pass one line's rates")
    units = Decimal(count)
    line = EXACT.subtract(EXACT.multiply(unit.amount, units), off.amount)
    if line < 0:
        raise invalid("discount", discount, "is more than the line's price x quantity")
    rule = single_article(first.jurisdiction, first.category, day)
    # each item's price is line / units, compared as line against limit x units
    if rule is None or first.category in UNTAXED or line <= rule.start * units:
        return ()
    item = unit - off / count
    if first.category not in TANGIBLE:
        raise not_computed(item, f"{first.category} is not computed", "rates")
    if unit.currency.code != "USD":
        raise not_computed(item, "a price in another currency is not", "price")
    limits = _limits(found, source, first.jurisdiction, day, item)
    return _bands(unit, count, found, limits, rule, line=line, discount=discount)


def _limits(
    rates: tuple[TaxRate, ...], source: TaxRateSource, state: str, day: date, item: Money
) -> dict[str, Decimal]:
    """Each local tax's limit, by name; refused where a local rate has none."""
    own = {rate.tax for rate in BUNDLED.rows[state] if rate.covers(day)}
    given = local_limits(source)
    names = [tax for tax, _ in given]
    limits: dict[str, Decimal] = {}
    for rate in rates:
        if rate.tax in own:
            continue
        at = names.index(rate.tax) if rate.tax in names else None
        limit = None if at is None else given[at][1]
        if limit is None:
            raise missing_limit(rate.tax, state, item, at)
        limits[rate.tax] = limit
    return limits


def missing_limit(tax: str, state: str, item: Money, at: int | None) -> MissingDataError:
    """The refusal of a local tax without its single article limit."""
    return MissingDataError(
        f"the single article limit of the {tax} tax ({state}) for an item of "
        f"{measured(item)}",
        "a Tennessee local tax applies only up to its locality's limit on a single "
        "article (usually USD 1,600, some lower: the Department's Single Article Local "
        "Tax Base Limitation chart; Tenn. Code Ann. 67-6-702), which commercekit never "
        'assumes; give it as that local rate\'s single_article_limit, such as "1600.00"',
        field="rates" if at is None else f"local[{at}].single_article_limit",
    )


def not_computed(item: Money, what: str, field: str) -> MissingDataError:
    """The refusal of an item over the limit the rule is not computed for."""
    return MissingDataError(
        f"Tennessee's single article rule for an item of {measured(item)}",
        "the state's rate applies to the whole price of a single article of tangible "
        "personal property, each local tax only up to its locality's limit (usually USD "
        "1,600: Tenn. Code Ann. 67-6-702), and the state adds its single article tax of "
        "2.75% on the part from USD 1,600.01 to 3,200 (Tenn. Code Ann. 67-6-202(a)); the "
        "Department's SUT-6 works a USD 4,000 table at a 2.25% local rate: 280.00 + 36.00 "
        f"+ 44.00 = USD 360.00 ({_SOURCE}). commercekit computes it for tangible goods "
        f"priced in USD; {what} (for food, at 4%, the sources read do not say whether "
        "the 2.75% and the limits reach it): compute this item's tax apart, as the "
        "Department's page says",
        field=field,
    )


def _bands(
    price: Money,
    quantity: int,
    rates: tuple[TaxRate, ...],
    limits: Mapping[str, Decimal],
    rule: SingleArticle,
    *,
    line: Decimal,
    discount: Money | None,
) -> tuple[TaxLine, ...]:
    """The tax lines of each band of the price of each of ``quantity`` items, the
    line's price being ``line`` (over ``rule.start`` x ``quantity``)."""
    units = Decimal(quantity)

    def within(high: Decimal | None, limit: Decimal) -> bool:
        """Whether the band up to ``high`` (None: each item's price) is within."""
        return line <= EXACT.multiply(limit, units) if high is None else high <= limit

    ends = {*limits.values(), rule.start, rule.end}
    cuts = sorted(cut for cut in ends if EXACT.multiply(cut, units) < line)
    bounds = [Decimal(0), *cuts]
    lines = []
    for at, low in enumerate(bounds):
        high = bounds[at + 1] if at + 1 < len(bounds) else None
        taxes = tuple(
            r for r in rates if r.tax not in limits or within(high, limits[r.tax])
        )
        if rule.start <= low and within(high, rule.end):
            taxes = (*taxes, rule.rate)
        named = ", ".join(f"{rate.tax} {rate.rate}%" for rate in taxes)
        if high is None:  # the top band: the rest of each item, less the discount
            part, off = price - Money(low, "USD"), discount
            said = f"each item over USD {low:,.2f}, after the discount: {named}"
        else:
            part, off = Money(high - low, "USD"), None
            said = f"each item from USD {low:,.2f} to {high:,.2f}: {named}"
        given = off if off is not None and off.amount else None
        lines.append(
            TaxLine(part, quantity, taxes, discount=given, description=said,
                    priced_without_tax=True)
        )  # fmt: skip
    return tuple(lines)
