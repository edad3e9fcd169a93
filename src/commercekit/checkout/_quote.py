"""The checkout quote: promotions, tax, shipping and border charges, in one pass.

[`quote`][commercekit.checkout.quote] composes the rules in the order a checkout meets
them:

1. **Shipping**: the parcel (the products' weights, the context's box) priced by the
   live carrier plugin (``shipping_rates``) or on the rate cards that ship from where
   the goods leave; the chosen service, or the cheapest.
2. **Promotions** on the cart, with that shipping charge, at the moment ``at``.
3. **Whose tax**: [`decide`][commercekit.tax.decide] on the discounted lines, each
   with its quantity, category, HS code and kind of goods (``excise``), so that every
   limit is measured on the value its law names and excludes the goods it names.
4. **Tax** charged at checkout: each line at its product's rate, discounts first;
   shipping split over the goods' rates by the lines' values (before discount where a
   discount took all), or at the rate its jurisdiction gives delivery (Japan's 10 %);
   rounded at the level the caller states or the law prescribes, else per line.
5. **Border charges** when the goods cross a customs border
   ([`customs_border`][commercekit.regions.customs_border]):
   [`landed_cost`][commercekit.shipping.landed_cost] on each line's net value, under the
   context's incoterm; where VAT was charged at checkout (IOSS, the UK's GBP 135, VOEC)
   the goods are declared under that scheme and no import VAT is computed at all.
6. **Delivery dates**, when the context names the warehouse the goods leave from:
   [`delivery_window`][commercekit.shipping.delivery_window] for an order placed at
   ``at``, with the chosen service's transit days and the holidays at both ends.
7. **The payment**, when the context names it: what taking it costs the merchant (not
   charged to the buyer), and a surcharge where one is asked for and lawful, taxed as
   part of the price of the goods.
8. **Totals**, which add up by construction.

Exchange rates come from the context's table, or its live ``exchange_rate_source`` (the
table known at the moment of the quote); one observed after that moment is refused.

Missing facts raise [`MissingDataError`][commercekit.errors.MissingDataError]: a SKU
without product facts, a weight where rate cards price the parcel, no rate card from the
shipping origin, no tariff (or no tariff row, HS code or origin) where duty is due. With
``CheckoutContext(partial=True)`` the border data may be missing, and in a US state
the local rates or the rates of a category the state's table has no row for: the quote
then leaves the border charges out (or those lines untaxed, or the state's part alone)
and lists what it lacks in ``Quote.missing``; the total paid is then not known where
what it lacks is collected at checkout, so the payment is left out and listed too.

The quote lists lines by SKU: the order of the cart never changes a figure. Every step
adds its reason to ``explanation``.

Shipping (step 1) is in ``_quote_shipping``, tax (4) in ``_quote_taxes`` (where and how it
is rounded in ``_quote_rounding``), border charges (5) in ``_quote_border``, delivery
dates (6) in ``_quote_delivery``, and the payment (7) in ``_quote_payment``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import cast

import attrs

from commercekit._numbers import EXACT, context_free, plugged
from commercekit._trusted import trusted_builder, trusted_evolve
from commercekit.checkout._checks import as_context_field
from commercekit.checkout._context import CheckoutContext
from commercekit.checkout._model import Quote
from commercekit.checkout._product import Product
from commercekit.checkout._quote_border import Border
from commercekit.checkout._quote_delivery import delivered
from commercekit.checkout._quote_facts import with_stated_premises
from commercekit.checkout._quote_payment import merged_summary, payment_priced
from commercekit.checkout._quote_rounding import tax_rounding
from commercekit.checkout._quote_shipping import shipping_charged, shipping_option
from commercekit.checkout._quote_taxes import shipping_taxed, tax_lines
from commercekit.errors import (
    InputKind,
    InvalidAmountError,
    InvalidCartError,
    InvalidInputError,
    MissingDataError,
    shown,
)
from commercekit.money import Money, RateTable, sum_money
from commercekit.pricing import Cart, PromotionResult, apply_promotions
from commercekit.regions import place_of
from commercekit.shipping import ShippingOption
from commercekit.tax import (
    Buyer,
    Sale,
    SaleLine,
    StateRatesOnly,
    Supply,
    TaxCategory,
    TaxDecision,
    decide,
    missing_from,
)

__all__ = ["quote"]

_ELECTRONIC = frozenset({TaxCategory.EBOOKS, TaxCategory.DIGITAL_SERVICES})
_multiply = EXACT.multiply
_subtract = EXACT.subtract
_money = trusted_builder(Money)
_quote = trusted_builder(Quote)  # its parts checked where made; its own checks hold by
# construction (tests/test_quote_trusted.py builds each quote checked too)
_sale = trusted_builder(Sale)
_SALE_UNITS = cast("Callable[[int], int]", attrs.fields(SaleLine).quantity.converter)
_MOST_SALE_UNITS = 10**9  # what _SALE_UNITS allows (tests/test_quote_trusted.py)
_QUANTITY = attrgetter("quantity")
_SKU = attrgetter("sku")
_CATEGORY = attrgetter("tax_category")


def _buyer(context: CheckoutContext) -> Buyer:
    """The buyer, with a registry check of its tax number where a verifier was given."""
    buyer = context.buyer
    verifier = context.tax_id_verifier
    if verifier is None or buyer.tax_id is None or buyer.verification is not None:
        return buyer
    tax_id = buyer.tax_id
    verification = plugged(lambda: verifier.verify(tax_id, at=context.at))
    return attrs.evolve(buyer, verification=verification)


@context_free
def quote(cart: Cart, context: CheckoutContext) -> Quote:
    """The complete checkout quote for ``cart`` in ``context``.

    Raises [`MissingDataError`][commercekit.errors.MissingDataError] naming each fact the
    quote needs and was not given (see the module docs; ``rounding_mode`` where the law
    leaves it to the business), ``InvalidAmountChoiceError`` for a ``rounding`` the law
    forbids, ``FutureRatesError`` for an exchange-rate table observed after ``context.at``,
    ``MissingPaymentCostError`` where the payment's schedule has no fee for it,
    ``SurchargeRefusedError`` for a surcharge the law bans (or no bundled rule allows),
    and [`InvalidCartError`][commercekit.errors.InvalidCartError] for shipping or a
    surcharge to share over goods at several rates all priced zero.

    Examples:
        >>> from datetime import UTC, datetime
        >>> from commercekit.pricing import CartLine
        >>> from commercekit.tax import Buyer, Seller
        >>> cart = Cart([CartLine("MUG", Money("12.00", "EUR"), 2)])
        >>> context = CheckoutContext(Seller("NL"), Buyer("NL"),
        ...     at=datetime(2026, 11, 26, 12, tzinfo=UTC), prices_include_tax=True,
        ...     products={"MUG": Product("MUG", "standard")})
        >>> result = quote(cart, context)
        >>> result.grand_total, result.tax
        (Money('24.00', 'EUR'), Money('4.17', 'EUR'))
    """
    _check(cart, context)
    context = _with_exchange_rates(cart, context)
    notes: list[str] = []
    missing: list[str] = []
    cart, positions = _canonical(cart)
    products = _goods(cart, context)
    day = context.at.date()
    buyer = _buyer(context)
    origin = place_of(context.ship_from or context.seller.country, on=day)
    destination = place_of(
        buyer.country, subdivision=buyer.subdivision, postcode=buyer.postcode, on=day
    )
    option = shipping_option(cart, context, products, origin, destination)
    cart, shipping_price = _shipped(cart, context, option, notes)
    promoted = apply_promotions(cart, context.promotions, at=context.at)
    notes.extend(f"promotion {a.promotion.id}: -{a.amount}" for a in promoted.applied)
    notes.extend(f"promotion not applied: {r}" for r in promoted.rejected)
    discounts = promoted.line_discounts
    subtotals, nets = _amounts(cart, discounts)
    categories = list(map(_CATEGORY, map(products.__getitem__, map(_SKU, cart.lines))))
    decision = _decision(cart, context, buyer, categories, promoted=promoted, nets=nets)
    notes.extend(f"{rule.text} [{rule.source}]" for rule in decision.rules)
    missing.extend(f"tax: {what}" for what in missing_from(decision))
    rounding = tax_rounding(decision, context, notes)
    lines, shipping_charge, summary = tax_lines(
        cart.lines, subtotals, discounts, nets, promoted.shipping,
        option=option, shipping_price=shipping_price, positions=positions,
        taxed_in=decision.taxed_in if decision.charged_at_checkout else None,
        context=context, categories=categories, rounding=rounding,
        shipping_taxed=shipping_taxed(decision, context, promoted.shipping, notes, missing),
    )  # fmt: skip
    border = Border(context, products, decision, origin, destination, notes, missing)
    landed, collected, due = border.charges(lines, shipping_charge)
    shipping_charge = delivered(shipping_charge, context, destination, notes)
    payment, surcharge_tax = payment_priced(
        context, buyer, lines, shipping=shipping_charge, collected=collected,
        notes=notes, missing=missing, rounding=rounding,
    )  # fmt: skip
    return _quote(
        currency=promoted.subtotal.currency.code,
        at=context.at,
        lines=tuple(lines),
        shipping=shipping_charge,
        tax_summary=merged_summary(summary, surcharge_tax),
        decision=decision,
        promotions=promoted,
        incoterm=context.incoterm,
        landed=landed,
        collected_border_charges=collected,
        due_at_delivery=due,
        explanation=tuple(notes),
        missing=tuple(missing),
        payment=payment,
    )


def _amounts(cart: Cart, discounts: Sequence[Money]) -> tuple[list[Money], list[Money]]:
    """Each line's price x quantity, and its amount after its discounts (as shown):
    Money's product and difference, built directly from the cart's checked prices and
    quantities (a line's product is in range) and the discounts taken from them."""
    subtotals = []
    nets = []
    for line, off in zip(cart.lines, discounts, strict=True):
        price = line.unit_price
        if price.__class__ is not Money:  # a subclass keeps its class, as its * keeps it
            subtotal = line.subtotal
        elif line.quantity == 1:  # price x 1: the price itself, to its last decimal
            subtotal = price
        else:
            subtotal = _money(
                amount=_multiply(price.amount, line.quantity), currency=price.currency
            )
        subtotals.append(subtotal)
        if subtotal.__class__ is Money and off.__class__ is Money:
            net = _money(
                amount=_subtract(subtotal.amount, off.amount), currency=subtotal.currency
            )
        else:
            net = subtotal - off
        nets.append(net)
    return subtotals, nets


def _shipped(
    cart: Cart, context: CheckoutContext, option: ShippingOption | None, notes: list[str]
) -> tuple[Cart, Money | None]:
    """The cart with the shipping charge of ``option`` (if any), and that charge."""
    if option is None:
        return cart, None
    price = shipping_charged(option, cart, context, notes)
    example = " (example rate card, invented prices)" if option.card.example else ""
    notes.append(
        f"shipping: {option.service}{example}, {option.chargeable_kg} kg "
        f"chargeable, {price}"
    )
    return trusted_evolve(cart, shipping=price), price


_TYPE = InputKind.TYPE


def _check(cart: Cart, context: CheckoutContext) -> None:
    """Refuses what is not a cart and a context, and a cart priced with shipping."""
    if not isinstance(cart, Cart):
        raise InvalidAmountError.refused("cart", cart, "is not a Cart", kind=_TYPE)
    if not isinstance(context, CheckoutContext):
        raise InvalidAmountError.refused(
            "context", context, "is not a CheckoutContext", kind=_TYPE
        )
    lines = cart.lines  # whole, positive quantities: over a sale's units, one is named
    over = bool(lines) and max(map(_QUANTITY, lines)) > _MOST_SALE_UNITS
    for index, line in enumerate(lines if over else ()):
        try:  # a cart holds more units on a line than a sale does
            _SALE_UNITS(line.quantity)
        except InvalidInputError as error:
            raise type(error)(
                error.value,
                f"{error.reason} (a tax decision counts a line's units; split the line)",
                field=f"cart.lines[{index}].quantity",
            ) from None
    if cart.shipping is not None:
        raise InvalidCartError(
            "the cart carries a shipping charge; the quote prices shipping itself (on the "
            "context's rate cards or live carrier), so leave Cart.shipping unset"
        )


def _with_exchange_rates(cart: Cart, context: CheckoutContext) -> CheckoutContext:
    """The context with its rate table: asked of the live source if none was given,
    and refused if it was observed after the moment of the quote."""
    if context.exchange_rates is None and context.exchange_rate_source is not None:
        base = cart.lines[0].unit_price.currency.code if cart.lines else "EUR"
        source = context.exchange_rate_source
        table = plugged(lambda: source.table(base, at=context.at))
        if not isinstance(table, RateTable):
            raise InvalidAmountError.refused(
                "exchange_rate_source",
                table,
                f"is the exchange-rate source's answer for {base}; table() must "
                "return a RateTable",
                kind=_TYPE,
            )
        context = attrs.evolve(context, exchange_rates=table)
    if context.exchange_rates is not None:
        context.exchange_rates.check_known_at(context.at)
    return context


def _canonical(cart: Cart) -> tuple[Cart, list[int]]:
    """The cart with its lines in a canonical order, and each line's place as given.

    Lines are sorted by SKU, price, quantity, so that nothing in the quote depends on
    the order the cart lists them in: ties in discount allocation and in shipping's
    split over rates are broken by this order. Each line keeps its index in the cart
    as given, its QuoteLine.position, for showing the buyer's order.
    """
    lines = cart.lines
    skus = list(map(_SKU, lines))
    positions = sorted(range(len(lines)), key=skus.__getitem__)  # stable, as below
    if len(set(skus)) < len(skus):  # a SKU on several lines: its price, then quantity
        positions.sort(
            key=lambda at: (lines[at].sku, lines[at].unit_price.amount, lines[at].quantity)
        )
    return trusted_evolve(cart, lines=tuple(map(lines.__getitem__, positions))), positions


def _goods(cart: Cart, context: CheckoutContext) -> dict[str, Product]:
    """Each SKU's product facts; the quote prices goods, not electronic services."""
    known = context.products  # a cart's SKUs are checked text, as product() checks
    products = {}
    for line in cart.lines:
        found = known.get(line.sku)
        products[line.sku] = context.product(line.sku) if found is None else found
    if not _ELECTRONIC.isdisjoint(map(_CATEGORY, products.values())):
        electronic = sorted(
            sku for sku, product in products.items() if product.tax_category in _ELECTRONIC
        )
        raise InvalidAmountError(
            electronic,
            "are e-books or digital services, electronically supplied services by law "
            "(EU: Implementing Regulation 282/2011 Art. 7; India: online information "
            "and database access or retrieval services, IGST Act 2017 s. 2(17)): the "
            "checkout quote prices goods; decide their tax as a sale whose supply is "
            "'electronic_services' (commercekit.tax.decide, the service's /decide)",
            field=f"products[{shown(electronic[0])}].tax_category",
        )
    return products


def _decision(
    cart: Cart,
    context: CheckoutContext,
    buyer: Buyer,
    categories: Sequence[TaxCategory],
    *,
    promoted: PromotionResult,
    nets: Sequence[Money],
) -> TaxDecision:
    """Whose tax: decided on the discounted lines, each with its quantity, category
    (``categories``, one per line) and its product's facts (India's rate facts)."""
    currency = promoted.subtotal.currency.code
    # The values and categories are the library's, checked; a cart allows more units
    # on a line than a sale does, which _check refused.
    make_line = trusted_builder(SaleLine)
    products = [context.products[line.sku] for line in cart.lines]
    lines = tuple([
        make_line(value=net, quantity=line.quantity, category=kind, excise=p.excise,
                  hs_code=p.hs_code, rate_facts=p.rate_facts)
        for line, net, kind, p in zip(cart.lines, nets, categories, products, strict=True)
    ])  # fmt: skip
    sale = sale_of(context, buyer, sum_money(nets, currency), promoted.shipping, lines)
    # A partial quote takes a US state's part alone where local rates are missing.
    rates = StateRatesOnly(context.tax_rates) if context.partial else context.tax_rates
    try:
        return decide(sale, on=context.at.date(), rates=rates)
    except (MissingDataError, InvalidInputError) as error:
        raise as_context_field(error, [line.sku for line in cart.lines]) from None


def sale_of(
    context: CheckoutContext,
    buyer: Buyer,
    price: Money,
    shipping: Money | None,
    lines: tuple[SaleLine, ...],
) -> Sale:
    """``Sale(..., lines=lines)`` of the goods (or the services, where the context has
    ``service_facts``) in ``context``, built without its checks: its parts are the
    checked context's and the library's; the lines are SaleLines in the cart's one
    currency, of no electronic category (``_goods`` refused those), and ``price`` is
    the sum of their values (``sum_money``). tests/test_quote_trusted.py holds it to
    ``Sale(...)``."""
    facts = with_stated_premises(context)
    return _sale(
        seller=context.seller, buyer=buyer, price=price, shipping=shipping, lines=lines,
        supply=Supply.GOODS if facts is None else Supply.SERVICES, service=facts,
        shipping_shown_separately=True, ship_from=context.ship_from,
        category=TaxCategory.STANDARD, marketplace=context.marketplace,
        exchange_rates=context.exchange_rates, channel=context.channel,
        prices_include_tax=context.prices_include_tax,
        transport_mode=context.transport_mode, excise=None, hs_code=None,
    )  # fmt: skip
