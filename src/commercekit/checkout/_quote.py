"""The checkout quote: promotions, tax, shipping and border charges, in one pass.

[`quote`][commercekit.checkout.quote] composes the rules in the order a checkout meets
them:

1. **Shipping**: the parcel (the products' weights, the context's box) priced by the
   live carrier plugin (``shipping_rates``) or on the rate cards that ship from where
   the goods leave; the chosen service, or the cheapest.
2. **Promotions** on the cart, with that shipping charge, at the moment ``at``.
3. **Whose tax**: [`decide`][commercekit.tax.decide] on the discounted lines, each
   with its quantity and category, so that every limit is measured on the value its law
   names (without the tax charged at sale; per item or per consignment).
4. **Tax**: where tax is charged at checkout, each line at its product's rate in the
   decided jurisdiction, discounts first; shipping follows the goods, split over the
   rates in proportion to the lines (the rule most VAT authorities apply to mixed
   carts).
5. **Border charges** when the goods cross a customs border
   ([`customs_border`][commercekit.regions.customs_border]):
   [`landed_cost`][commercekit.shipping.landed_cost] on each line's net value, under the
   context's incoterm; where VAT was charged at checkout (IOSS, the UK's GBP 135, VOEC)
   the goods are declared under that scheme and no import VAT is computed at all.
6. **Totals**, which add up by construction.

Exchange rates come from the context's table, or from its live ``exchange_rate_source``
(asked for the table known at the moment of the quote); a table observed after that
moment is refused.

Missing facts raise [`MissingDataError`][commercekit.errors.MissingDataError]: a SKU
without product facts, a weight where rate cards price the parcel, no rate card from the
shipping origin, no tariff (or no tariff row, HS code or origin) where duty is due. With
``CheckoutContext(partial=True)`` the border data alone may be missing: the quote then
leaves the border charges out and lists what it lacks in ``Quote.missing``.

The quote lists lines by SKU: the order of the cart never changes a figure.

Every step adds its reason to ``explanation``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

import attrs

from commercekit._inputs import trusted, trusted_evolve
from commercekit._numbers import context_free, plugged
from commercekit.checkout._model import (
    CheckoutContext,
    Product,
    Quote,
    QuoteLine,
    ShippingCharge,
)
from commercekit.errors import (
    InvalidAmountError,
    InvalidCartError,
    MissingDataError,
    NoRuleError,
)
from commercekit.money import Money, RateTable, allocate, convert_noted, sum_money
from commercekit.pricing import Cart, CartLine, DiscountedLine, apply_promotions
from commercekit.regions import Place, Territory, customs_border, fiscal_border, place_of
from commercekit.shipping import (
    DutyRate,
    Item,
    LandedCost,
    Parcel,
    Shipment,
    ShippingOption,
    landed_cost,
    shipping_options,
)
from commercekit.tax import (
    Buyer,
    RateKind,
    RateTotal,
    Sale,
    SaleLine,
    Supply,
    TaxCategory,
    TaxDecision,
    TaxLine,
    decide,
    source_rates,
    tax_invoice,
)

__all__ = ["quote"]

_ELECTRONIC = frozenset({TaxCategory.EBOOKS, TaxCategory.DIGITAL_SERVICES})


class _NoTariff:
    """The tariff of a context that gave none: asked only where duty is due."""

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        raise MissingDataError(
            f"a duty rate for {hs_code} from {origin} into {destination}",
            "pass tariffs= to the CheckoutContext (a TariffSource with real rates, or "
            "commercekit.shipping.BUNDLED_TARIFF, the labelled example)",
        )


def _shipping(
    cart: Cart,
    context: CheckoutContext,
    products: Mapping[str, Product],
    origin: Place,
    destination: Place,
) -> ShippingOption | None:
    if not context.rate_cards and context.shipping_rates is None:
        return None
    unweighed = [line.sku for line in cart.lines if products[line.sku].weight_kg is None]
    if unweighed:
        raise MissingDataError(
            tuple(f"the weight of {sku!r}" for sku in unweighed),
            "give Product(weight_kg=...) for every SKU when rate cards price the parcel",
        )
    cards = tuple(card for card in context.rate_cards if card.origin == origin.country)
    if context.shipping_rates is None and not cards:
        froms = ", ".join(sorted({card.origin for card in context.rate_cards}))
        raise MissingDataError(
            f"rate cards for parcels from {origin.country}",
            f"the cards given ship from {froms}; give cards whose origin is "
            f"{origin.country} (or set ship_from= to where the goods leave)",
        )
    weight = sum(
        (
            (products[line.sku].weight_kg or Decimal(0)) * line.quantity
            for line in cart.lines
        ),
        Decimal(0),
    )
    length, width, height = context.parcel_cm
    parcel = Parcel.metric(weight=weight, length=length, width=width, height=height)
    if context.shipping_rates is not None:
        source = context.shipping_rates
        options = plugged(
            lambda: source.options(
                parcel, destination.country, destination.postcode, on=context.at.date()
            )
        )
        if not isinstance(options, tuple | list) or not all(
            isinstance(option, ShippingOption) for option in options
        ):
            raise InvalidAmountError(
                options,
                "is the shipping-rate source's answer; options() must return a tuple of "
                "ShippingOption (empty when no service takes the parcel)",
            )
    else:
        options = shipping_options(
            parcel, destination.country, cards, postcode=destination.postcode
        )
    if not options:
        served = any(
            card.zone_for(destination.country, destination.postcode) for card in cards
        )
        if served:
            raise MissingDataError(
                f"a service for a parcel of {weight} kg and {length}x{width}x{height} cm",
                "the cards serving this address take no parcel this heavy or large; "
                "add a bracket, or split the order",
            )
        raise MissingDataError(
            f"a rate card serving {destination.country}",
            "none of the rate cards given has a zone for this address; add one",
        )
    if context.service is None:
        return options[0]
    for option in options:
        if context.service in (option.card.service, option.service):
            return option
    raise InvalidAmountError(context.service, "is not a service offered for this parcel")


def _charged(
    option: ShippingOption, cart: Cart, context: CheckoutContext, notes: list[str]
) -> Money:
    """The option's price in the cart's currency: a card or carrier may price in its
    own, converted at the context's rates (rounded once, half-up) and said in the notes.
    """
    currency = cart.lines[0].unit_price.currency.code
    converted: list[str] = []
    charged = convert_noted(
        option.price,
        currency,
        context.exchange_rates,
        converted,
        how=f"give exchange_rates= (a RateTable) to charge the {option.service} price "
        "in the cart's currency",
        rounded=True,
    )
    notes.extend(f"shipping priced in another currency: {note}" for note in converted)
    return charged


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
    quote needs and was not given (see the module docs), and
    [`FutureRatesError`][commercekit.errors.FutureRatesError] for an exchange-rate table
    observed after ``context.at``.

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
    if not isinstance(cart, Cart):
        raise InvalidAmountError(cart, "is not a Cart")
    if not isinstance(context, CheckoutContext):
        raise InvalidAmountError(context, "is not a CheckoutContext")
    if cart.shipping is not None:
        raise InvalidCartError(
            "the cart carries a shipping charge; the quote prices shipping itself (on the "
            "context's rate cards or live carrier), so leave Cart.shipping unset"
        )
    day = context.at.date()
    if context.exchange_rates is None and context.exchange_rate_source is not None:
        base = cart.lines[0].unit_price.currency.code if cart.lines else "EUR"
        source = context.exchange_rate_source
        table = plugged(lambda: source.table(base, at=context.at))
        if not isinstance(table, RateTable):
            raise InvalidAmountError(
                table,
                f"is the exchange-rate source's answer for {base}; table() must "
                "return a RateTable",
            )
        context = attrs.evolve(context, exchange_rates=table)
    if context.exchange_rates is not None:
        context.exchange_rates.check_known_at(context.at)
    notes: list[str] = []
    missing: list[str] = []
    # Lines in a canonical order (by SKU, price, quantity), so that nothing in the quote
    # depends on the order the cart lists them in: ties in discount allocation and in
    # shipping's split over rates are broken by this order. Each line keeps its index
    # in the cart as given, its QuoteLine.position, for showing the buyer's order.
    canonical = sorted(
        enumerate(cart.lines),
        key=lambda pair: (pair[1].sku, pair[1].unit_price.amount, pair[1].quantity),
    )
    positions = [index for index, _ in canonical]
    cart = trusted_evolve(cart, lines=tuple(line for _, line in canonical))
    products = {line.sku: context.product(line.sku) for line in cart.lines}
    electronic = sorted(
        sku for sku, product in products.items() if product.tax_category in _ELECTRONIC
    )
    if electronic:
        raise InvalidAmountError(
            electronic,
            "are e-books or digital services, electronically supplied services by law "
            "(Implementing Regulation 282/2011 Art. 7): the checkout quote prices goods; "
            "decide their tax with decide(Sale(..., supply='electronic_services'))",
        )
    buyer = _buyer(context)
    origin = place_of(context.ship_from or context.seller.country, on=day)
    destination = place_of(
        buyer.country, subdivision=buyer.subdivision, postcode=buyer.postcode, on=day
    )
    option = _shipping(cart, context, products, origin, destination)
    shipping_price = None
    if option is not None:
        shipping_price = _charged(option, cart, context, notes)
        cart = trusted_evolve(cart, shipping=shipping_price)
        notes.append(
            f"shipping: {option.service}, {option.chargeable_kg} kg chargeable, "
            f"{shipping_price}"
        )
    promoted = apply_promotions(cart, context.promotions, at=context.at)
    notes.extend(f"promotion {a.promotion.id}: -{a.amount}" for a in promoted.applied)
    notes.extend(f"promotion not applied: {r}" for r in promoted.rejected)
    discounted = promoted.lines
    nets = [line.net for line in discounted]  # each line after its discounts, as shown
    currency = promoted.subtotal.currency.code
    shipping_left = promoted.shipping
    decision = decide(
        Sale(
            context.seller,
            buyer,
            Supply.GOODS,
            sum_money(nets, currency),
            shipping=shipping_left,
            ship_from=context.ship_from,
            marketplace=context.marketplace,
            exchange_rates=context.exchange_rates,
            lines=tuple(
                SaleLine(net, line.quantity, products[line.sku].tax_category)
                for line, net in zip(cart.lines, nets, strict=True)
            ),
            prices_include_tax=context.prices_include_tax,
        ),
        on=day,
        rates=context.tax_rates,
    )
    notes.extend(f"{rule.text} [{rule.source}]" for rule in decision.rules)

    taxed_in = decision.taxed_in if decision.charged_at_checkout else None
    lines, shipping_charge, summary = _taxes(
        cart.lines,
        discounted,
        nets,
        shipping_left,
        option,
        shipping_price=shipping_price,
        positions=positions,
        taxed_in=taxed_in,
        context=context,
        products=products,
    )
    border = _Border(context, products, decision, origin, destination, notes, missing)
    landed, collected, due = border.charges(lines, shipping_charge)
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
        missing=tuple(missing),
    )


def _taxes(
    cart_lines: Sequence[CartLine],
    discounted: Sequence[DiscountedLine],
    amounts: Sequence[Money],
    shipping_left: Money | None,
    option: ShippingOption | None,
    *,
    shipping_price: Money | None,
    positions: Sequence[int],
    taxed_in: str | None,
    context: CheckoutContext,
    products: Mapping[str, Product],
) -> tuple[list[QuoteLine], ShippingCharge | None, tuple[RateTotal, ...]]:
    """Tax every line (and the shipping) where tax is charged at checkout."""
    day = context.at.date()
    discounts = [line.discount for line in discounted]
    currency = amounts[0].currency.code
    if taxed_in is None:
        lines = [
            trusted(
                QuoteLine,
                sku=line.sku,
                quantity=line.quantity,
                unit_price=line.unit_price,
                amount=line.subtotal,
                discount=discount,
                net=net,
                tax=round_zero(net),
                gross=net,
                rates=(),
                position=position,
            )
            for line, discount, net, position in zip(
                cart_lines, discounts, amounts, positions, strict=True
            )
        ]
        charge = None
        if option is not None and shipping_price is not None and shipping_left is not None:
            charge = ShippingCharge(
                option.service,
                shipping_price,
                shipping_price - shipping_left,
                shipping_left,
                round_zero(shipping_left),
                shipping_left,
                option.transit_days,
            )
        return lines, charge, ()
    by_category = {
        category: source_rates(context.tax_rates, taxed_in, category, on=day)
        for category in {products[line.sku].tax_category for line in cart_lines}
    }
    rates = [by_category[products[line.sku].tax_category] for line in cart_lines]
    tax_lines = [
        trusted(
            TaxLine,
            price=line.unit_price,
            quantity=line.quantity,
            rates=line_rates,
            discount=discount,
            description="",
        )
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
        trusted(
            QuoteLine,
            sku=line.sku,
            quantity=line.quantity,
            unit_price=line.unit_price,
            amount=line.subtotal,
            discount=discount,
            net=taxed.net,
            tax=taxed.tax,
            gross=taxed.gross,
            rates=taxed.line.rates,
            position=position,
        )
        for line, discount, taxed, position in zip(
            cart_lines, discounts, results, positions, strict=False
        )
    ]
    charge = None
    if option is not None and shipping_price is not None and shipping_left is not None:
        shipped = results[len(cart_lines) :]
        zero = round_zero(shipping_left)
        net = sum_money([item.net for item in shipped], currency) if shipped else zero
        tax = sum_money([item.tax for item in shipped], currency) if shipped else zero
        charge = ShippingCharge(
            option.service,
            shipping_price,
            shipping_price - shipping_left,
            net,
            tax,
            net + tax,
            option.transit_days,
        )
    return lines, charge, invoice.by_rate


def round_zero(like: Money) -> Money:
    """Zero in ``like``'s currency, with its minor-unit decimals."""
    return like * 0


@attrs.define
class _Border:
    """Duties and import taxes when the goods cross a customs border."""

    context: CheckoutContext
    products: Mapping[str, Product]
    decision: TaxDecision
    origin: Place
    destination: Place
    notes: list[str]
    missing: list[str]

    def _own_customs(
        self, territory: Territory, zero: Money
    ) -> tuple[LandedCost | None, Money, Money]:
        """A territory outside every customs territory commercekit models: a duty-free
        zone with no tax (Heligoland, Livigno) charges nothing; one with its own import
        tax (Ceuta, Melilla: IPSI) is not bundled."""
        if territory.tax_instead.startswith("none"):
            self.notes.append(f"no duty or import tax: {territory.explain()}")
            return None, zero, zero
        self._not_bundled(f"the customs and import taxes of {territory.name}", territory)
        return None, zero, zero

    def _untaxed_arrival(self) -> None:
        """A VAT border without a customs border (the EU to the Canary Islands or Åland):
        the territory's own import tax is due on arrival, and none is bundled."""
        territory = self.destination.territory
        if not fiscal_border(self.origin, self.destination) or territory is None:
            return
        if territory.tax_instead.startswith("none"):
            return  # no tax there at all (Heligoland, Livigno, Mount Athos)
        self._not_bundled(f"the import taxes of {territory.name}", territory)

    def _not_bundled(self, what: str, territory: Territory) -> None:
        """Raise that a territory's own taxes are not bundled, or list it (partial)."""
        error = MissingDataError(
            f"{what} ({territory.tax_instead.split(';')[0]})",
            "commercekit bundles no rates for them; ask for a partial quote "
            "(partial=True) to leave them out, listed in Quote.missing",
        )
        if not self.context.partial:
            raise error
        self.missing.append(f"border charges: {error}")

    def charges(
        self, lines: Sequence[QuoteLine], shipping: ShippingCharge | None
    ) -> tuple[LandedCost | None, Money, Money]:
        """The landed cost, what the seller collects now and what is due at the door."""
        zero = round_zero(lines[0].net)
        if not customs_border(self.origin, self.destination):
            self._untaxed_arrival()
            return None, zero, zero
        territory = self.destination.territory
        if territory is not None and territory.customs_of == territory.code:
            return self._own_customs(territory, zero)
        items = tuple(
            Item(
                line.sku,
                line.net,
                hs_code=self.products[line.sku].hs_code,
                origin=self.products[line.sku].origin,
                quantity=line.quantity,
                category=self.products[line.sku].tax_category,
            )
            for line in lines
            if line.net.amount > 0
        )
        if not items:
            return None, zero, zero
        decision = self.decision
        place = self.destination
        shipment = Shipment(
            items,
            destination=place.country,
            subdivision=place.subdivision,
            postcode=place.postcode,
            shipping=shipping.net if shipping is not None else None,
            sold_under=decision.cleared_under,
        )
        context = self.context
        try:
            cost = landed_cost(
                shipment,
                incoterm=context.incoterm,
                on=context.at.date(),
                rates=context.exchange_rates,
                tariffs=context.tariffs or _NoTariff(),
                tax_rates=context.tax_rates,
            )
        except (MissingDataError, NoRuleError) as error:
            if not context.partial:
                raise
            self.missing.append(f"border charges: {error}")
            self.notes.append(f"border charges left out (partial quote): {error}")
            return None, zero, zero
        self.notes.extend(cost.explanation)
        if cost.incoterm is cost.incoterm.DDP:
            return cost, cost.charges, zero
        return cost, zero, cost.charges
