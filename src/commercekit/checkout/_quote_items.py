"""The rates of each quote line, and lines whose items are taxed in parts.

Most lines take their category's rates in the place taxed. Where the rate depends on
the price of each item ([`per_item_rates`][commercekit.tax.per_item_rates]: clothing
in New York, Massachusetts, Rhode Island; garments in India), the line's units share
one price after the line's discount, so they fall on one side of the threshold
together. Under an ``excess`` rule (Massachusetts: the first USD 175 of each item
exempt, the excess taxed at 6.25 %, M.G.L. c. 64H s. 6(k); Rhode Island: USD 250 at 7 %,
280-RICR-20-70-6.6) a line over the threshold is taxed in two parts: the threshold x
quantity at the rate below it, the rest (less the line's discount) at the rate above,
as [`item_tax_lines`][commercekit.tax.item_tax_lines] splits it. The quote shows both
parts on the line (``QuoteLine.parts``), and a charge that follows the goods (the
shipping) is shared over the parts as over lines.

The price compared is each item's after the seller's discount and without the tax, as
the laws name it; a price that includes the tax is refused for these categories, as
the value without the tax depends on the rate being chosen: in New York a USD 112.00
price with the 4 % in it would be USD 107.69 without, under USD 110 and so exempt, and
then USD 112.00, at or over USD 110 and so taxed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from commercekit.checkout._context import CheckoutContext
from commercekit.checkout._model import QuoteLine
from commercekit.checkout._quote_facts import fact_line_rates, rated_by_facts
from commercekit.errors import MissingDataError
from commercekit.money import Money, sum_money
from commercekit.pricing import CartLine
from commercekit.tax import TaxCategory, TaxLine, TaxRate, source_rates

if TYPE_CHECKING:
    from commercekit.tax import LineTax, PerItemRate

__all__ = ["by_part", "invoice_lines", "quote_lines", "rates_of_lines"]

Parts = dict[int, tuple[TaxLine, ...]]
"""The lines taxed in parts, by their index in the cart: each part as a tax line."""


def rates_of_lines(
    cart_lines: Sequence[CartLine],
    categories: Sequence[TaxCategory],
    discounts: Sequence[Money],
    taxed_in: str,
    context: CheckoutContext,
    *,
    shipping: tuple[Money | None, Sequence[Money]] = (None, ()),
) -> tuple[list[tuple[TaxRate, ...]], Parts]:
    """Each line's rates (its category's, asked once; by the price of each item where
    the category's rate depends on it), and the lines taxed in parts, whose rates are
    their parts' (the rate below the threshold, then the rate above). A partial quote
    in a US state leaves a category without rates there untaxed (no rates), as its
    decision does and lists (``left_out_category``). ``shipping`` is the charge taxed
    with the goods and the lines' amounts it is shared by, which India's value of each
    piece may turn on (``_quote_piece_value``)."""
    day = context.at.date()
    plain: dict[TaxCategory, tuple[TaxRate, ...]] = {}
    by_item: dict[TaxCategory, tuple[PerItemRate, ...]] = {}
    by_fact: set[TaxCategory] = set()
    india = taxed_in == "IN" or taxed_in.startswith("IN-")
    stated = (  # the categories whose Indian rate a line's product states facts for
        {
            context.products[line.sku].tax_category
            for line in cart_lines
            if context.products[line.sku].rate_facts is not None
        }
        if india
        else set()
    )
    for category in dict.fromkeys(categories):
        try:
            plain[category] = source_rates(context.tax_rates, taxed_in, category, on=day)
        except MissingDataError:
            rules = _item_rules(taxed_in, category, context)
            if rules:
                by_item[category] = rules
            elif category in stated or (india and rated_by_facts(taxed_in, category, day)):
                by_fact.add(category)  # each line's product states the facts
            elif context.partial and taxed_in[:3] == "US-":
                plain[category] = ()  # left out, as the partial decision says
            else:
                raise
    single = _single_articles(
        cart_lines, categories, discounts, plain, taxed_in, context=context,
        shipping=shipping[0],
    )  # fmt: skip
    if not by_item and not by_fact:  # every category has its rates: each line's
        return _with(single, [plain[category] for category in categories], {})
    if by_item and india and not context.prices_include_tax:  # else refused below
        from commercekit.checkout._quote_piece_value import (  # noqa: PLC0415  # India
            shipping_keeps_each_band,
        )

        shipping_keeps_each_band(cart_lines, categories, by_item, shipping)
    rates: list[tuple[TaxRate, ...]] = []
    parts: Parts = {}
    for index, (line, category) in enumerate(zip(cart_lines, categories, strict=True)):
        found = plain.get(category)
        if category in by_fact:
            found = fact_line_rates(line, category, taxed_in, context, discounts[index])
        elif found is None:
            taxed = _per_item(line, discounts[index], by_item[category], context)
            found = tuple(rate for part in taxed for rate in part.rates)
            if len(taxed) > 1:
                parts[index] = taxed
        rates.append(found)
    return _with(single, rates, parts)


def _single_articles(
    cart_lines: Sequence[CartLine],
    categories: Sequence[TaxCategory],
    discounts: Sequence[Money],
    plain: dict[TaxCategory, tuple[TaxRate, ...]],
    taxed_in: str,
    *,
    context: CheckoutContext,
    shipping: Money | None,
) -> Parts:
    """Tennessee's lines whose items are over the single article limit, each taxed in
    bands of its price (``_quote_single_article``); none elsewhere."""
    if taxed_in != "US-TN":
        return {}
    from commercekit.checkout._quote_single_article import (  # noqa: PLC0415  # TN only
        single_article_parts,
    )

    return single_article_parts(
        cart_lines, categories, discounts, plain, context, shipping=shipping
    )


def _with(
    single: Parts, rates: list[tuple[TaxRate, ...]], parts: Parts
) -> tuple[list[tuple[TaxRate, ...]], Parts]:
    """The lines' rates and parts, the lines taxed in bands (``single``) among them,
    each with its bands' rates."""
    for index, bands in single.items():
        rates[index] = tuple(dict.fromkeys(rate for band in bands for rate in band.rates))
    return rates, parts | single


def _item_rules(
    taxed_in: str, category: TaxCategory, context: CheckoutContext
) -> tuple[PerItemRate, ...]:
    """The per-item rules of ``category``, the local taxes' with them; a partial quote
    whose source does not say how a local tax treats it takes the state's alone, as its
    decision does and lists (``left_out_local``)."""
    # Imported when a rate is missing: a rate per item is rare.
    from commercekit.tax import per_item_rates  # noqa: PLC0415

    day = context.at.date()
    try:
        return per_item_rates(taxed_in, category, on=day, rates=context.tax_rates)
    except MissingDataError:
        if not context.partial:
            raise
        return per_item_rates(taxed_in, category, on=day)


def _per_item(
    line: CartLine,
    discount: Money,
    rules: tuple[PerItemRate, ...],
    context: CheckoutContext,
) -> tuple[TaxLine, ...]:
    """The tax lines of a line whose rate depends on the price of each item: one, or
    two where each item is over an ``excess`` threshold."""
    if context.prices_include_tax:
        raise MissingDataError(
            f"the price of each item without the tax on line {line.sku!r}",
            f"{'; '.join(rule.explain() for rule in rules)}. A price including the tax "
            "does not give the price "
            "without it until the rate is chosen, and the rate depends on that price; "
            "quote with prices_include_tax=False and the prices without the tax, as US "
            "prices are stated",
            field="prices_include_tax",
        )
    from commercekit.tax import item_tax_lines  # noqa: PLC0415  # per-item rates only

    off = discount if discount.amount else None
    taxed = item_tax_lines(line.unit_price, line.quantity, rules, discount=off)
    if len(taxed) == 1:
        return taxed
    rule = rules[0]
    below, above = rule.below, rule.above
    exempt, rest = taxed
    return (
        attrs.evolve(
            exempt,
            description=f"the first {rule.threshold} of each item: {below.kind} "
            f"({below.rate}%)",
        ),
        attrs.evolve(
            rest,
            description=f"the part of each item over {rule.threshold}, after the "
            f"discount: {above.kind} ({above.rate}%)",
        ),
    )


def by_part(
    rates: Sequence[tuple[TaxRate, ...]],
    amounts: Sequence[Money],
    before: Sequence[Money],
    parts: Parts,
) -> tuple[list[tuple[TaxRate, ...]], list[Money], list[Money]]:
    """The lines' rates, amounts after discount and amounts before it, each line taxed
    in parts given as its parts: what a charge following the goods is shared over."""
    if not parts:  # each line whole: the lists as they are, without a pass per line
        return list(rates), list(amounts), list(before)
    shared_rates: list[tuple[TaxRate, ...]] = []
    shared_amounts: list[Money] = []
    shared_before: list[Money] = []
    for index, row in enumerate(zip(rates, amounts, before, strict=True)):
        found = parts.get(index)
        rows = (
            [row]
            if found is None
            else [(p.rates, p.amount(), p.price * p.quantity) for p in found]
        )
        for line_rates, amount, whole in rows:
            shared_rates.append(line_rates)
            shared_amounts.append(amount)
            shared_before.append(whole)
    return shared_rates, shared_amounts, shared_before


def invoice_lines(
    cart_lines: Sequence[CartLine],
    rates: Sequence[tuple[TaxRate, ...]],
    discounts: Sequence[Money],
    parts: Parts,
    make: Callable[..., TaxLine],
) -> list[TaxLine]:
    """The goods as the invoice taxes them: one tax line per cart line, or its parts;
    none for a line without rates (left untaxed by a partial quote)."""
    goods: list[TaxLine] = []
    for index, (line, line_rates, discount) in enumerate(
        zip(cart_lines, rates, discounts, strict=True)
    ):
        found = parts.get(index)
        if found is not None:
            goods.extend(found)
            continue
        if not line_rates:  # left untaxed by a partial quote: no invoice line
            continue
        goods.append(
            make(
                price=line.unit_price,
                quantity=line.quantity,
                rates=line_rates,
                discount=discount,
                description="",
                priced_without_tax=False,  # the quote refuses tax-inclusive per-item
            )
        )
    return goods


def quote_lines(
    cart_lines: Sequence[CartLine],
    subtotals: Sequence[Money],
    discounts: Sequence[Money],
    results: Sequence[LineTax],
    *,
    rates: Sequence[tuple[TaxRate, ...]],
    positions: Sequence[int],
    parts: Parts,
    make: Callable[..., QuoteLine],
) -> list[QuoteLine]:
    """The quote lines from the invoice's lines (``invoice_lines``' order): a line
    taxed in parts takes its parts' results, their nets and taxes added up; a line
    without rates (left untaxed by a partial quote) is its amount, without tax."""
    lines = []
    at = 0
    for index, line in enumerate(cart_lines):
        count = len(parts.get(index, ((),)))
        if count == 1 and not rates[index]:
            net = subtotals[index] - discounts[index]
            taxed: tuple[LineTax, ...] = ()
            tax = net * 0
        else:
            taxed = tuple(results[at : at + count])
            at += count
            net, tax = _added(taxed, line.unit_price.currency.code)
        lines.append(
            make(
                sku=line.sku,
                quantity=line.quantity,
                unit_price=line.unit_price,
                amount=subtotals[index],
                discount=discounts[index],
                net=net,
                tax=tax,
                gross=net + tax,  # as LineTax.gross
                rates=tuple(rate for part in taxed for rate in part.line.rates),
                position=positions[index],
                parts=taxed if count > 1 else (),
            )
        )
    return lines


def _added(taxed: tuple[LineTax, ...], currency: str) -> tuple[Money, Money]:
    """The net and the tax of a line's invoice lines, added up."""
    if len(taxed) == 1:
        (only,) = taxed
        taxes = only.taxes
        # One tax (the commonest) is the sum: already rounded to the minor unit.
        return only.net, taxes[0].amount if len(taxes) == 1 else only.tax
    net = sum_money([part.net for part in taxed], currency)
    return net, sum_money([part.tax for part in taxed], currency)
