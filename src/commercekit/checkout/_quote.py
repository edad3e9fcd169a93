"""The checkout quote: promotions, tax, shipping and border charges, in one pass.

[`quote`][commercekit.checkout.quote] composes the rules in the order a checkout meets
them:

1. **Shipping**: the parcel (the products' weights, the context's box) priced on the
   rate cards; the chosen service, or the cheapest.
2. **Promotions** on the cart, with that shipping charge, at the moment ``at``.
3. **Whose tax**: [`decide`][commercekit.tax.decide] on the discounted goods.
4. **Tax**: where tax is charged at checkout, each line at its product's rate in the
   decided jurisdiction, discounts first; shipping follows the goods, split over the
   rates in proportion to the lines (the rule most VAT authorities apply to mixed
   carts).
5. **Border charges** when the goods cross a customs border:
   [`landed_cost`][commercekit.shipping.landed_cost] under the context's incoterm
   (import VAT left out where it was already charged at checkout, as under IOSS).
6. **Totals**, which add up by construction.

The quote lists lines by SKU: the order of the cart never changes a figure.

Every step adds its reason to ``explanation``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import attrs

from commercekit.checkout._model import CheckoutContext, Quote, QuoteLine, ShippingCharge
from commercekit.errors import InvalidAmountError, NoRuleError
from commercekit.money import Money, allocate, sum_money
from commercekit.pricing import Cart, CartLine, DiscountedLine, apply_promotions
from commercekit.regions import is_eu_member
from commercekit.shipping import (
    Incoterm,
    Item,
    LandedCost,
    Parcel,
    Shipment,
    ShippingOption,
    landed_cost,
    shipping_options,
)
from commercekit.tax import (
    RateKind,
    RateTotal,
    TaxDecision,
    TaxLine,
    rates_for,
    tax_invoice,
)
from commercekit.tax._decide import decide
from commercekit.tax._sale import Sale, Supply

__all__ = ["quote"]


def _customs_area(place: str, on: date) -> str:
    if place in ("GB", "XI"):
        return "GB"
    return "EU" if is_eu_member(place, on=on) else place


def _shipping(cart: Cart, context: CheckoutContext) -> ShippingOption | None:
    if not context.rate_cards:
        return None
    weight = sum(
        (context.product(line.sku).weight_kg * line.quantity for line in cart.lines),
        Decimal(0),
    )
    length, width, height = context.parcel_cm
    parcel = Parcel.metric(weight=weight, length=length, width=width, height=height)
    options = shipping_options(
        parcel,
        context.buyer.country if context.buyer.country != "XI" else "GB",
        context.rate_cards,
        postcode=context.buyer.postcode,
    )
    if not options:
        raise InvalidAmountError(
            context.buyer.country, "is served by none of the rate cards given"
        )
    if context.service is None:
        return options[0]
    for option in options:
        if context.service in (option.card.service, option.service):
            return option
    raise InvalidAmountError(context.service, "is not a service offered for this parcel")


def quote(cart: Cart, context: CheckoutContext) -> Quote:
    """The complete checkout quote for ``cart`` in ``context``.

    Examples:
        >>> from datetime import UTC, datetime
        >>> from commercekit.pricing import CartLine
        >>> from commercekit.tax import Buyer, Seller
        >>> cart = Cart([CartLine("MUG", Money("12.00", "EUR"), 2)])
        >>> context = CheckoutContext(Seller("NL"), Buyer("NL"),
        ...     at=datetime(2026, 11, 26, 12, tzinfo=UTC), prices_include_tax=True)
        >>> result = quote(cart, context)
        >>> result.grand_total, result.tax
        (Money('24.00', 'EUR'), Money('4.17', 'EUR'))
    """
    day = context.at.date()
    notes: list[str] = []
    # Lines in a canonical order (by SKU, price, quantity), so that nothing in the quote
    # depends on the order the cart lists them in: ties in discount allocation and in
    # shipping's split over rates are broken by this order.
    canonical = sorted(
        cart.lines, key=lambda line: (line.sku, line.unit_price.amount, line.quantity)
    )
    cart = attrs.evolve(cart, lines=tuple(canonical))
    option = _shipping(cart, context)
    if option is not None:
        cart = attrs.evolve(cart, shipping=option.price)
        notes.append(
            f"shipping: {option.service}, {option.chargeable_kg} kg chargeable, "
            f"{option.price}"
        )
    promoted = apply_promotions(cart, context.promotions, at=context.at)
    notes.extend(f"promotion {a.promotion.id}: -{a.amount}" for a in promoted.applied)
    notes.extend(f"promotion not applied: {r}" for r in promoted.rejected)
    discounted = promoted.lines
    currency = promoted.subtotal.currency.code
    goods = sum_money([line.net for line in discounted], currency)
    shipping_left = promoted.shipping
    first = context.product(cart.lines[0].sku)
    decision = decide(
        Sale(
            context.seller,
            context.buyer,
            Supply.GOODS,
            goods,
            shipping=shipping_left,
            ship_from=context.ship_from,
            category=first.tax_category,
            marketplace=context.marketplace,
            exchange_rates=context.exchange_rates,
        ),
        on=day,
    )
    notes.extend(f"{rule.text} [{rule.source}]" for rule in decision.rules)

    taxed_in = decision.taxed_in if decision.charged_at_checkout else None
    lines, shipping_charge, summary = _taxes(
        cart.lines, discounted, shipping_left, option, taxed_in=taxed_in, context=context
    )
    landed, collected, due = _border(context, lines, shipping_left, decision, notes)
    return Quote(
        currency=currency,
        at=context.at,
        lines=tuple(lines),
        shipping=shipping_charge,
        tax_summary=summary,
        decision=decision,
        promotions=promoted,
        incoterm=context.incoterm,
        landed=landed,
        collected_border_charges=collected,
        due_at_delivery=due,
        explanation=tuple(notes),
    )


def _taxes(
    cart_lines: Sequence[CartLine],
    discounted: Sequence[DiscountedLine],
    shipping_left: Money | None,
    option: ShippingOption | None,
    *,
    taxed_in: str | None,
    context: CheckoutContext,
) -> tuple[list[QuoteLine], ShippingCharge | None, tuple[RateTotal, ...]]:
    """Tax every line (and the shipping) where tax is charged at checkout."""
    day = context.at.date()
    amounts = [line.net for line in discounted]
    discounts = [line.discount for line in discounted]
    currency = amounts[0].currency.code
    if taxed_in is None:
        lines = [
            QuoteLine(
                line.sku,
                line.quantity,
                line.unit_price,
                line.subtotal,
                discount,
                net,
                round_zero(net),
                net,
                (),
            )
            for line, discount, net in zip(cart_lines, discounts, amounts, strict=True)
        ]
        charge = None
        if option is not None and shipping_left is not None:
            charge = ShippingCharge(
                option.service,
                option.price,
                option.price - shipping_left,
                shipping_left,
                round_zero(shipping_left),
                shipping_left,
                option.transit_days,
            )
        return lines, charge, ()
    rates = [
        rates_for(taxed_in, context.product(line.sku).tax_category, on=day)
        for line in cart_lines
    ]
    tax_lines = [
        TaxLine(line.unit_price, line.quantity, line_rates, discount=discount)
        for line, line_rates, discount in zip(cart_lines, rates, discounts, strict=True)
    ]
    shipping_lines: list[TaxLine] = []
    groups: dict[tuple[tuple[str, Decimal, RateKind], ...], Money] = {}
    if shipping_left is not None and shipping_left.amount > 0:
        for line_rates, amount in zip(rates, amounts, strict=True):
            key = tuple((r.tax, r.rate, r.kind) for r in line_rates)
            groups[key] = groups.get(key, round_zero(amount)) + amount
        keys = list(groups)
        weights = [groups[key].amount for key in keys]
        if not any(weights):
            weights = [Decimal(1)] * len(keys)
        shares = allocate(shipping_left, weights)
        by_key = {tuple((r.tax, r.rate, r.kind) for r in lr): lr for lr in rates}
        shipping_lines = [
            TaxLine(share, 1, by_key[key], description="shipping")
            for key, share in zip(keys, shares, strict=True)
            if share.amount
        ]
    invoice = tax_invoice(
        [*tax_lines, *shipping_lines],
        prices_include_tax=context.prices_include_tax,
        rounding=context.rounding,
    )
    results = invoice.lines
    lines = [
        QuoteLine(
            line.sku,
            line.quantity,
            line.unit_price,
            line.subtotal,
            discount,
            taxed.net,
            taxed.tax,
            taxed.gross,
            taxed.line.rates,
        )
        for line, discount, taxed in zip(cart_lines, discounts, results, strict=False)
    ]
    charge = None
    if option is not None and shipping_left is not None:
        shipped = results[len(cart_lines) :]
        zero = round_zero(shipping_left)
        net = sum_money([item.net for item in shipped], currency) if shipped else zero
        tax = sum_money([item.tax for item in shipped], currency) if shipped else zero
        charge = ShippingCharge(
            option.service,
            option.price,
            option.price - shipping_left,
            net,
            tax,
            net + tax,
            option.transit_days,
        )
    return lines, charge, invoice.by_rate


def round_zero(like: Money) -> Money:
    """Zero in ``like``'s currency, with its minor-unit decimals."""
    return like * 0


def _border(
    context: CheckoutContext,
    lines: Sequence[QuoteLine],
    shipping_left: Money | None,
    decision: TaxDecision,
    notes: list[str],
) -> tuple[LandedCost | None, Money, Money]:
    """Duties and import taxes when the goods cross a customs border."""
    day = context.at.date()
    zero = round_zero(lines[0].net)
    origin = context.ship_from or context.seller.country
    destination = context.buyer.country
    if _customs_area(origin, day) == _customs_area(destination, day):
        return None, zero, zero
    items = tuple(
        Item(
            line.sku,
            line.net,
            hs_code=context.product(line.sku).hs_code,
            origin=context.product(line.sku).origin,
            quantity=line.quantity,
            category=context.product(line.sku).tax_category,
        )
        for line in lines
        if line.net.amount > 0
    )
    if not items:
        return None, zero, zero
    shipment = Shipment(
        items,
        destination=destination if destination != "XI" else "GB",
        shipping=shipping_left,
        subdivision=context.buyer.subdivision,
    )
    try:
        cost = landed_cost(
            shipment, incoterm=context.incoterm, on=day, rates=context.exchange_rates
        )
    except NoRuleError as error:
        notes.append(f"no border charges computed: {error}")
        return None, zero, zero
    notes.extend(cost.explanation)
    charges = cost.charges
    if decision.charged_at_checkout:
        # VAT was charged at sale (IOSS, UK point of sale, low-value goods): the goods
        # clear customs free of import VAT; only duty and fees remain.
        charges = charges - cost.import_tax - cost.fee_tax
        notes.append("import VAT already charged at checkout: not charged again")
    if context.incoterm is Incoterm.DDP:
        return cost, charges, zero
    return cost, zero, charges
