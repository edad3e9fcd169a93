"""Tax at checkout: each line at its product's rate, and the shipping split over them.

Where tax is charged at checkout, every line is taxed at its product's rate in the
decided jurisdiction, discounts first. Shipping follows the goods: it is split over the
rates in proportion to the lines' amounts (the rule most VAT authorities apply to mixed
carts), and taxed with them on one invoice, so the tax per rate is rounded once (in a
US state that does not tax shipping stated apart from the goods, it carries none). In a
US state a line's state and local taxes are rounded together, at their combined rate
(per line, or once on the invoice at ``RoundingLevel.INVOICE``; SSUTA s. 324), and
shared between the taxes so that they add up to it. Where a
discount took the goods' whole value, it is shared by their value before discount;
where that is zero too at more than one rate, the quote refuses (``value_weights``). Where
no tax is charged at checkout (it is due on import, or nowhere), the lines and the
shipping carry no tax.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from commercekit._numbers import EXACT
from commercekit._trusted import trusted, trusted_builder
from commercekit.checkout._context import CheckoutContext
from commercekit.checkout._model import QuoteLine, ShippingCharge
from commercekit.checkout._quote_items import (
    by_part,
    invoice_lines,
    quote_lines,
    rates_of_lines,
)
from commercekit.checkout._quote_lines import lines_taxed_per_line
from commercekit.checkout._quote_rounding import TaxRounding, invoice_law
from commercekit.errors import InvalidCartError, MissingDataError
from commercekit.money import DEFAULT_ROUNDING, Money, allocate, sum_money
from commercekit.pricing import CartLine
from commercekit.shipping import ShippingOption
from commercekit.tax import (
    RateKind,
    RateTotal,
    RoundingLevel,
    TaxCategory,
    TaxDecision,
    TaxLine,
    TaxRate,
    source_rates,
)

if TYPE_CHECKING:
    from commercekit.tax import LineTax

_add = EXACT.add

_HALF_UP_PER_LINE = TaxRounding(RoundingLevel.LINE, DEFAULT_ROUNDING)
"""The rounding the per-line path computes (``lines_taxed_per_line``)."""

_RatesKey = tuple[tuple[str, Decimal, RateKind], ...]
"""What makes two lines' rates alike for sharing a charge: each tax, rate and kind."""


def tax_lines(
    cart_lines: Sequence[CartLine],
    subtotals: Sequence[Money],
    discounts: Sequence[Money],
    amounts: Sequence[Money],
    shipping_left: Money | None,
    *,
    option: ShippingOption | None,
    shipping_price: Money | None,
    positions: Sequence[int],
    taxed_in: str | None,
    context: CheckoutContext,
    categories: Sequence[TaxCategory],
    rounding: TaxRounding,
    shipping_taxed: bool = True,
) -> tuple[list[QuoteLine], ShippingCharge | None, tuple[RateTotal, ...]]:
    """Tax every line (and the shipping, where ``shipping_taxed``) where tax is charged
    at checkout; each line's ``subtotals`` (price x quantity), ``discounts``,
    ``amounts`` after them and its product's tax ``categories``, rounded as
    ``rounding`` says (``tax_rounding``). Where the taxing jurisdiction taxes a
    delivery at a rate of its own, the shipping takes that rate instead of following
    the goods (``invoice_rules``)."""
    if taxed_in is None:
        lines = _untaxed_lines(cart_lines, subtotals, discounts, amounts, positions)
        return lines, _untaxed_shipping(option, shipping_price, shipping_left), ()
    with_goods = (shipping_left if shipping_taxed else None, amounts)
    rates, parts = rates_of_lines(
        cart_lines, categories, discounts, taxed_in, context, shipping=with_goods
    )
    shared_rates, shared_amounts, shared_before = by_part(rates, amounts, subtotals, parts)
    untaxed: list[Money] = []  # the shipping's share of lines left untaxed
    delivery = invoice_rules(taxed_in, context)
    if delivery is not None and shipping_taxed and shipping_left:  # none when zero
        own = source_rates(context.tax_rates, taxed_in, delivery[0], on=context.at.date())
        shipping = [TaxLine(shipping_left, 1, own, description="shipping")]
    else:
        shipping = split_over_rates(
            shipping_left if shipping_taxed else None,
            shared_rates,
            shared_amounts,
            before=shared_before,
            description="shipping",
            untaxed=untaxed,
        )
    inclusive = context.prices_include_tax
    if rounding == _HALF_UP_PER_LINE and not parts and {*map(len, rates)} == {1}:
        lines, shipped, by_rate = lines_taxed_per_line(
            cart_lines, subtotals, discounts, amounts, rates,
            shipping=shipping, positions=positions, inclusive=inclusive,
        )  # fmt: skip
    else:
        from commercekit.tax import tax_invoice  # noqa: PLC0415  # rounded on the invoice

        goods = invoice_lines(cart_lines, rates, discounts, parts, trusted_builder(TaxLine))
        results: tuple[LineTax, ...] = ()
        by_rate = ()
        if goods or shipping:  # none where a partial quote left every line untaxed
            invoice = tax_invoice(
                [*goods, *shipping],
                prices_include_tax=inclusive,
                rounding=rounding.level,
                mode=rounding.mode,
                combined_rates=taxed_in[:3] == "US-",  # state and local rounded together
            )
            results, by_rate = invoice.lines, invoice.by_rate
        lines = quote_lines(
            cart_lines, subtotals, discounts, results,
            rates=rates, positions=positions, parts=parts, make=trusted_builder(QuoteLine),
        )  # fmt: skip
        shipped = [(taxed.net, taxed.tax) for taxed in results[len(goods) :]]
    shipped += [(share, round_zero(share)) for share in untaxed]
    charge = _charged(option, shipping_price, shipping_left, shipped, taxed=shipping_taxed)
    return lines, charge, by_rate


def invoice_rules(
    taxed_in: str, context: CheckoutContext
) -> tuple[TaxCategory, str] | None:
    """The category a delivery is taxed at in the jurisdiction whose tax is charged
    (``taxed_in``), and why, where it does not follow the goods
    (``Jurisdiction.delivery_category``); ``None`` where it follows them."""
    rules = invoice_law(taxed_in, context)
    if rules is None or rules.delivery_category is None:
        return None
    return rules.delivery_category, rules.delivery_rule


def _charged(
    option: ShippingOption | None,
    shipping_price: Money | None,
    shipping_left: Money | None,
    shipped: Sequence[tuple[Money, Money]],
    *,
    taxed: bool,
) -> ShippingCharge | None:
    """The shipping, with its shares' tax where it is taxed with the goods."""
    if taxed:
        return _taxed_shipping(option, shipping_price, shipping_left, shipped)
    return _untaxed_shipping(option, shipping_price, shipping_left)


def shipping_taxed(
    decision: TaxDecision,
    context: CheckoutContext,
    charged: Money | None,
    notes: list[str],
    missing: list[str],
) -> bool:
    """Whether the shipping is taxed with the goods: wherever tax is charged at
    checkout, except in a US state that does not tax shipping stated apart from the
    goods (``us_shipping``; its ``combined`` rule where the charge includes handling);
    where the state's rule turns on facts the quote lacks, or is not bundled, the quote
    refuses, or, partial, taxes it and lists the question in ``missing``. Where the
    jurisdiction taxes a delivery at a rate of its own (``invoice_rules``), ``notes``
    says so."""
    state = decision.taxed_in
    if charged is None or not charged.amount or state is None or state[:3] != "US-":
        if charged and charged.amount and state and decision.charged_at_checkout:
            delivery = invoice_rules(state, context)  # a rate of its own, said
            if delivery is not None:
                notes.append(f"shipping taxed at the {delivery[0]} rate: {delivery[1]}")
        return True
    from commercekit.tax import ShippingTaxability, us_shipping  # noqa: PLC0415  # US only

    rule = us_shipping(state, on=context.at.date())
    notes.append(rule.explain())
    found: ShippingTaxability | None = rule.separately_stated
    what, why = "shipping", rule.note
    if context.shipping_includes_handling:
        found, what = rule.combined, "a combined shipping and handling charge"
        if found is None:
            why = (
                f"commercekit does not bundle {state}'s rule for a charge that includes "
                "handling (its sources read say nothing of it); charge shipping alone "
                "(shipping_includes_handling=False) and the handling in the goods' prices"
            )
    if found is not None and found is not ShippingTaxability.CONDITIONAL:
        return found is ShippingTaxability.TAXABLE
    what = f"whether {what} is taxable in {state}"
    if not context.partial:
        raise MissingDataError(
            what,
            f"{why}; ask for a partial quote (partial=True) to tax it with the "
            "goods, listed in Quote.missing",
        )
    missing.append(f"tax: {what} (taxed with the goods in this partial quote)")
    return True


def _untaxed_lines(
    cart_lines: Sequence[CartLine],
    subtotals: Sequence[Money],
    discounts: Sequence[Money],
    amounts: Sequence[Money],
    positions: Sequence[int],
) -> list[QuoteLine]:
    """The lines where no tax is charged at checkout: net and gross are the amount."""
    return [
        trusted(
            QuoteLine,
            sku=line.sku,
            quantity=line.quantity,
            unit_price=line.unit_price,
            amount=subtotal,
            discount=discount,
            net=net,
            tax=round_zero(net),
            gross=net,
            rates=(),
            position=position,
            parts=(),
        )
        for line, subtotal, discount, net, position in zip(
            cart_lines, subtotals, discounts, amounts, positions, strict=True
        )
    ]


def _untaxed_shipping(
    option: ShippingOption | None,
    shipping_price: Money | None,
    shipping_left: Money | None,
) -> ShippingCharge | None:
    """The shipping where no tax is charged at checkout."""
    if option is None or shipping_price is None or shipping_left is None:
        return None
    return ShippingCharge(
        option.service,
        shipping_price,
        shipping_price - shipping_left,
        shipping_left,
        round_zero(shipping_left),
        shipping_left,
        option.transit_days,
    )


def split_over_rates(
    charge: Money | None,
    rates: Sequence[tuple[TaxRate, ...]],
    amounts: Sequence[Money],
    *,
    before: Sequence[Money],
    description: str,
    untaxed: list[Money] | None = None,
) -> list[TaxLine]:
    """A charge that follows the goods (the shipping, a payment surcharge) split over
    the lines' rates, in proportion to the lines' amounts: one tax line per group of
    lines taxed alike, shares by ``allocate`` (they add up to the charge exactly).

    ``amounts`` are the lines' values after discount, ``before`` the same lines'
    values before it; see ``value_weights`` for when ``before`` is used. Raises
    ``InvalidCartError`` where the lines are taxed at more than one set of rates and
    every line's value is zero before and after discount (nothing to share by).
    The share of lines without rates (left untaxed by a partial quote) is added to
    ``untaxed`` instead, which must then be given."""
    if charge is None or charge.amount <= 0:
        return []
    # Lines of one category share one tuple of rates: its key is worked out once per
    # tuple (looked up by identity; every tuple stays alive in ``rates`` meanwhile).
    keys: dict[int, _RatesKey] = {}
    for line_rates in rates:
        if id(line_rates) not in keys:
            keys[id(line_rates)] = tuple((r.tax, r.rate, r.kind) for r in line_rates)
    groups: dict[_RatesKey, tuple[Decimal, Decimal]] = {}  # added up exactly
    for line_rates, amount, whole in zip(rates, amounts, before, strict=True):
        key = keys[id(line_rates)]
        found = groups.get(key)
        groups[key] = (
            (amount.amount, whole.amount)
            if found is None
            else (_add(found[0], amount.amount), _add(found[1], whole.amount))
        )
    weights = value_weights(
        [a for a, _ in groups.values()], [b for _, b in groups.values()]
    )
    if len(groups) == 1:
        weights = [Decimal(1)]  # one set of rates: it takes the whole charge
    elif weights is None:
        raise InvalidCartError(
            f"the {description} ({charge}) cannot be shared over the lines' "
            f"{len(groups)} tax rates: every line's value is zero before and after "
            "discounts, so there is no value to apportion it by; price the goods, "
            "or charge no " + description
        )
    shares = allocate(charge, weights)
    by_key = {keys[id(line_rates)]: line_rates for line_rates in rates}  # the last
    taxed = []
    for key, share in zip(groups, shares, strict=True):
        if not share.amount:
            continue
        if not key and untaxed is not None:
            untaxed.append(share)
        else:  # a TaxLine refuses no rates where no untaxed list was given
            taxed.append(TaxLine(share, 1, by_key[key], description=description))
    return taxed


def value_weights(
    after: Sequence[Decimal], before: Sequence[Decimal]
) -> list[Decimal] | None:
    """The weights for sharing a charge that follows the goods: the values after
    discount; where every one is zero (the discounts took the whole value of the
    goods), the values before discount, still the goods' value relative to one another
    (the supplies the charge is ancillary to); ``None`` where those are all zero too.
    """
    if any(after):
        return list(after)
    if any(before):
        return list(before)
    return None


def _taxed_shipping(
    option: ShippingOption | None,
    shipping_price: Money | None,
    shipping_left: Money | None,
    shipped: Sequence[tuple[Money, Money]],
) -> ShippingCharge | None:
    """The shipping with the tax of its share of each rate (net, tax), added up."""
    if option is None or shipping_price is None or shipping_left is None:
        return None
    currency = shipping_left.currency.code
    zero = round_zero(shipping_left)
    net = sum_money([net for net, _ in shipped], currency) if shipped else zero
    tax = sum_money([tax for _, tax in shipped], currency) if shipped else zero
    # The shares of the charge left after its discount, and their tax: one currency,
    # net + tax the gross, by construction.
    return trusted(
        ShippingCharge,
        service=option.service,
        price=shipping_price,
        discount=shipping_price - shipping_left,
        net=net,
        tax=tax,
        gross=net + tax,
        transit_days=option.transit_days,
        delivery=None,
    )


def round_zero(like: Money) -> Money:
    """Zero in ``like``'s currency, with its minor-unit decimals."""
    return like * 0
