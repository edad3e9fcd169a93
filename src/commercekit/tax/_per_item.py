"""Rates that depend on the price of each item: a threshold per piece or pair.

Some laws pick the rate by the price of each item, not of the line or the cart. New
York exempts clothing and footwear sold for less than USD 110 per item or pair from its
4 % state tax (Tax Law s. 1115(a)(30)): a USD 109.99 shirt pays nothing, a USD 110.00
one pays 4 % of its whole price. Massachusetts exempts the first USD 175 of each item of
clothing and taxes the excess (M.G.L. c. 64H s. 6(k)), Rhode Island the first USD 250
(280-RICR-20-70-6.6). A line of three shirts at USD 120 in Massachusetts owes nothing,
though the line is USD 360: each shirt is under USD 175. India's GST on garments and
footwear is 5 % up to Rs. 2500 a piece or pair and 18 % above it, from 2025-09-22
(Notification 9/2025-Central Tax (Rate), Schedules I and II), asked by the place of
supply as India's rates are (``IN``: IGST; ``IN-MH``: CGST and SGST). Before that day
garments and footwear had rules of their own (categories ``apparel`` and ``footwear``:
apparel 5 % up to Rs. 1000 a piece and 12 % above, from 2017-07-01; footwear 12 % up to
Rs. 1000 a pair and 18 % above, from 2022-01-01). A US state's clothing sales tax
holiday is such a rule for its days only (Missouri: clothing of USD 100 or less per
article exempt from the 4.225 % state tax on 1-3 August 2025, RSMo 144.049; the states
and days are in ``_data/per_item.csv``).

A [`PerItemRate`][commercekit.tax.PerItemRate] holds one such rule for one tax: the
[`ItemRule`][commercekit.tax.ItemRule] (``below``, ``up_to`` or ``excess``), the
threshold, the rate on each side and the value the law compares
(``compared_on``). [`per_item_rates`][commercekit.tax.per_item_rates] finds the bundled
rules (``_data/per_item.csv``); [`item_tax_lines`][commercekit.tax.item_tax_lines]
turns one line (unit price, quantity, the seller's discount) into the
[`TaxLine`][commercekit.tax.TaxLine]s that
[`tax_invoice`][commercekit.tax.tax_invoice] taxes, one unit's rule applied to every
unit. A rate table asked for such a category (``rates_for("US-NY", "clothing")``)
raises [`MissingDataError`][commercekit.errors.MissingDataError] pointing here, since
one rate for the whole line would be a guess.

The price compared is each unit's share of the line after the seller's discount: the
line's discount is taken as shared equally by its units (price x quantity - discount,
divided by the quantity, compared exactly, never rounded first), and without the tax,
as each law names it (the ``compared_on`` of each row). Prices that include the tax
are refused: the value without the tax would depend on the rate being chosen.

Examples:
    >>> from datetime import date
    >>> from commercekit.money import Money
    >>> from commercekit.tax import tax_invoice
    >>> day = date(2026, 6, 1)
    >>> ma = per_item_rates("US-MA", "clothing", on=day)
    >>> lines = item_tax_lines(Money("200.00", "USD"), 3, ma)
    >>> [(str(line.price), line.quantity, str(line.rates[0].rate)) for line in lines]
    [('175.00 USD', 3, '0'), ('25.00 USD', 3, '6.25')]
    >>> str(tax_invoice(lines, prices_include_tax=False).tax)
    '4.69 USD'
"""

from __future__ import annotations

import functools
import itertools
from datetime import date
from decimal import Decimal

import attrs

from commercekit import _bundled
from commercekit._checks import invalid
from commercekit._numbers import EXACT, context_free, named_at_the_door
from commercekit.errors import (
    CurrencyMismatchError,
    InputKind,
    InvalidAmountError,
)
from commercekit.money import Money
from commercekit.regions import check_day
from commercekit.tax import _checks
from commercekit.tax._categories import TaxCategory, check_category
from commercekit.tax._india import gst_taxes
from commercekit.tax._item_rules import ItemRule, LocalTaxes, PerItemRate
from commercekit.tax._tax_line import TaxLine
from commercekit.tax._tax_rate import TaxRate, TaxRateSource, _kind, _percent

__all__ = [
    "PerItemRate",
    "item_tax_lines",
    "per_item_rates",
]


_COLUMNS = (
    "jurisdiction", "tax", "category", "rule", "threshold", "currency", "below_kind",
    "below_rate", "above_kind", "above_rate", "compared_on", "since", "until",
    "source", "official", "local_taxes", "note",
)  # fmt: skip


def _side(line: _bundled.Line, side: str) -> TaxRate:
    return line.build(
        TaxRate,
        jurisdiction=line.text("jurisdiction"),
        tax=line.text("tax"),
        category=check_category(line.text("category")),
        applies_as=line.text("category"),
        rate=_percent(line.decimal(f"{side}_rate")),
        kind=_kind(line.text(f"{side}_kind")),
        since=line.day("since"),
        until=line.optional_day("until"),
        source=line.text("source"),
        note=line.raw("note"),
    )


@functools.cache
def rules_table() -> dict[tuple[str, TaxCategory], tuple[PerItemRate, ...]]:
    """The bundled rules by (jurisdiction, category), read when first asked for."""
    lines = _bundled.read("commercekit.tax", "per_item.csv", columns=_COLUMNS)
    rows = [
        (
            line,
            line.build(
                PerItemRate,
                rule=line.choice("rule", ItemRule),
                threshold=Money(line.decimal("threshold"), line.text("currency")),
                below=_side(line, "below"),
                above=_side(line, "above"),
                compared_on=line.text("compared_on"),
                local_taxes=line.choice("local_taxes", LocalTaxes),
                official=line.flag("official"),
            ),
        )
        for line in lines
    ]
    _bundled.check_periods(  # one tax's bands overlap: each is keyed by its threshold
        (line, (row.above.jurisdiction, row.tax, row.above.category, row.threshold),
         row.above.since, row.above.until)
        for line, row in rows
    )  # fmt: skip
    found: dict[tuple[str, TaxCategory], list[PerItemRate]] = {}
    for _, row in rows:
        found.setdefault((row.above.jurisdiction, row.above.category), []).append(row)
    return {key: tuple(rules) for key, rules in found.items()}


@context_free
def per_item_rates(
    jurisdiction: str,
    category: TaxCategory | str,
    *,
    on: date,
    rates: TaxRateSource | None = None,
) -> tuple[PerItemRate, ...]:
    """The bundled per-item rules for ``category`` in ``jurisdiction`` on ``on``, one
    per tax (or a tax's bands on a day with two, the lower first: Connecticut's Sales
    Tax Free Week); an empty tuple where its rate does not depend on the item's price.

    In a US state with local taxes, ``rates`` (a rate source) adds each local tax's
    rule, where it has the optional method ``local_item_rules(jurisdiction, category,
    rules, *, on)`` ([`LocalRates`][commercekit.tax.LocalRates] has it): the state's
    threshold, with the local rate, or none, either side. Without it the state's rules
    alone are answered, and the decision refuses them for lacking the local taxes (or,
    with ``StateRatesOnly``, says that it left them out).

    On a day a US holiday refused by name sets a category's everyday rule aside
    (Massachusetts' August weekend, whose limit is USD 2,500 and not the USD 175 of
    its clothing rule), this lookup still answers the everyday rule; ``rates_for``,
    ``decide`` and the quote refuse that day, naming the holiday.

    Examples:
        >>> from datetime import date
        >>> [rule] = per_item_rates("US-RI", "clothing", on=date(2026, 6, 1))
        >>> rule.rule, rule.threshold
        (<ItemRule.EXCESS: 'excess'>, Money('250.00', 'USD'))
        >>> per_item_rates("US-NJ", "clothing", on=date(2026, 6, 1))
        ()

    India's are asked by the place of supply, as its rates are (``IN``: IGST; a
    State's code: CGST and SGST):

        >>> [(r.tax, r.below.rate, r.above.rate)
        ...  for r in per_item_rates("IN-MH", "clothing", on=date(2026, 6, 1))]
        [('CGST', Decimal('2.5'), Decimal('9')), ('SGST', Decimal('2.5'), Decimal('9'))]
    """
    code = _checks.jurisdiction(jurisdiction)
    asked, day = check_category(category), check_day(on)
    if rates is not None and not callable(getattr(rates, "rates_for", None)):
        raise invalid("rates", rates, "is not a TaxRateSource", kind=InputKind.TYPE)
    if code != "IN" and not code.startswith("IN-"):
        rules = rules_table().get((code, asked), ())
        found = tuple(  # a day with two bands: the lower first
            sorted(
                (rule for rule in rules if rule.above.covers(day)),
                key=lambda rule: rule.threshold.amount,
            )
        )
        if not found or rates is None:
            return found
        from commercekit.tax._us_local import local_rules  # noqa: PLC0415  # a cycle

        return found + local_rules(rates, code, asked, found, day)
    taxes = gst_taxes(code, day)  # India: the taxes of the place of supply
    return tuple(
        attrs.evolve(
            rule,
            below=attrs.evolve(rule.below, jurisdiction=code),
            above=attrs.evolve(rule.above, jurisdiction=code),
        )
        for rule in rules_table().get(("IN", asked), ())
        if rule.above.covers(day) and rule.tax in taxes
    )


def _rules(value: object, currency: str) -> tuple[tuple[PerItemRate, ...], ...]:
    """The rules of one place by tax, each tax's bands by rising threshold (one band
    but on a day with two, Connecticut's Sales Tax Free Week), every tax's bands on
    the same thresholds, each band's rate above its threshold the next band's below."""
    rules = _checks.listed(value, PerItemRate, "rules")
    if not rules:
        raise invalid("rules", value, "is empty; pass per_item_rates(...)'s answer")
    by_tax: dict[str, list[PerItemRate]] = {}
    for rule in rules:
        by_tax.setdefault(rule.tax, []).append(rule)
    taxes = tuple(
        tuple(sorted(bands, key=lambda band: band.threshold.amount))
        for bands in by_tax.values()
    )
    shape = [(band.rule, band.threshold) for band in taxes[0]]
    if len({rule.above.jurisdiction for rule in rules}) > 1 or any(
        [(band.rule, band.threshold) for band in bands] != shape for bands in taxes
    ):
        raise invalid("rules", value, "mix thresholds or places; pass one place's")
    for bands in taxes:
        if len({band.threshold for band in bands}) != len(bands):
            raise invalid("rules", value, "name one tax twice; pass one rule per tax")
        for lower, upper in itertools.pairwise(bands):
            meet = (lower.above.rate, lower.above.kind) == (
                upper.below.rate,
                upper.below.kind,
            )
            if not meet or ItemRule.EXCESS in (lower.rule, upper.rule):
                raise invalid(
                    "rules", value, "are bands of one tax that do not meet; pass one "
                    "place's per_item_rates(...) answer",
                )  # fmt: skip
    threshold = shape[0][1].currency.code
    if threshold != currency:
        raise CurrencyMismatchError(currency, threshold, "per-item threshold")
    return taxes


def _rate(bands: tuple[PerItemRate, ...], line: Decimal, units: Decimal) -> TaxRate:
    """One tax's rate for items whose line comes to ``line`` (``units`` of them): the
    lowest band the price of each falls under, or the rate above the highest."""
    for band in bands:
        limit = EXACT.multiply(band.threshold.amount, units)
        if line < limit if band.rule is ItemRule.BELOW else line <= limit:
            return band.below
    return bands[-1].above


@named_at_the_door
def item_tax_lines(
    price: Money,
    quantity: int,
    rules: tuple[PerItemRate, ...],
    *,
    discount: Money | None = None,
    description: str = "",
) -> tuple[TaxLine, ...]:
    """One line of ``quantity`` items at ``price`` each (net of tax, less the seller's
    ``discount`` on the whole line), as the ``TaxLine``s ``tax_invoice`` taxes, each
    unit under ``rules`` (one place's per-item rules, one per tax, or bands of a tax:
    each item takes the rate of the lowest band its price falls under).

    Each unit's value compared is ``(price x quantity - discount) / quantity`` (the
    discount shared equally by the units), compared exactly. Under an ``excess`` rule a
    line over the threshold becomes two lines: ``threshold x quantity`` at the rates
    below it, and the rest, less the discount, at the rates above. The lines' amounts
    add up to the line's. Raises ``InvalidAmountError`` for a quantity that is not a
    whole number of items above zero, a discount over the line, or empty or mixed
    rules; ``CurrencyMismatchError`` where the threshold's currency is not the price's.
    ``tax_invoice`` refuses the lines with ``prices_include_tax=True``.

    Examples:
        >>> from datetime import date
        >>> from commercekit.money import Money
        >>> ny = per_item_rates("US-NY", "clothing", on=date(2026, 6, 1))
        >>> [line] = item_tax_lines(Money("120.00", "USD"), 3, ny,
        ...                         discount=Money("30.03", "USD"))
        >>> line.rates[0].rate  # each item USD 109.99 after the discount
        Decimal('0')
    """
    unit = _checks.amount(price, "price")
    count = _checks.whole(quantity, "quantity", positive=True)
    off = (
        Money(0, unit.currency)
        if discount is None
        else _checks.amount(discount, "discount")
    )
    _checks.one_currency(unit, off, operation="take the discount from the price")
    taxes = _rules(rules, unit.currency.code)
    first, units = taxes[0][0], Decimal(count)
    line = EXACT.subtract(EXACT.multiply(unit.amount, units), off.amount)
    if line < 0:
        raise InvalidAmountError(discount, "is more than the line's price x quantity")
    given = discount if discount is not None and discount.amount else None
    limit = EXACT.multiply(first.threshold.amount, units)
    if first.rule is ItemRule.EXCESS and line > limit:
        rest = unit - first.threshold
        return (
            TaxLine(
                first.threshold,
                count,
                tuple(bands[0].below for bands in taxes),
                description=description,
                priced_without_tax=True,
            ),
            TaxLine(
                rest,
                count,
                tuple(bands[0].above for bands in taxes),
                discount=given,
                description=description,
                priced_without_tax=True,
            ),
        )
    return (
        TaxLine(
            unit,
            count,
            tuple(_rate(bands, line, units) for bands in taxes),
            discount=given,
            description=description,
            priced_without_tax=True,
        ),
    )
