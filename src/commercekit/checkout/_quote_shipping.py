"""Shipping at checkout: the parcel, the services that take it, the charge.

The parcel is the products' weights in the context's box. It is priced by the live
carrier plugin (``shipping_rates``) when one is given, or else on the rate cards that
ship from where the goods leave; the chosen service is taken, or the cheapest. A card or
carrier may price in its own currency: the charge is converted into the cart's at the
context's rates, rounded once, half-up, and said in the notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import NoReturn

from commercekit._numbers import plugged
from commercekit.checkout._context import CheckoutContext
from commercekit.checkout._product import Product
from commercekit.errors import InputKind, InvalidAmountError, MissingDataError, shown
from commercekit.money import Money, convert_noted
from commercekit.pricing import Cart
from commercekit.regions import Place
from commercekit.shipping import Parcel, RateCard, ShippingOption, shipping_options


def shipping_option(
    cart: Cart,
    context: CheckoutContext,
    products: Mapping[str, Product],
    origin: Place,
    destination: Place,
) -> ShippingOption | None:
    """The service that ships the cart: the context's chosen one, or the cheapest.

    ``None`` when the context prices no shipping (no rate cards, no live carrier).
    """
    if not context.rate_cards and context.shipping_rates is None:
        return None
    weight = _weight(cart, products)
    cards = _cards_from(context, origin)
    length, width, height = context.parcel_cm
    parcel = Parcel.metric(weight=weight, length=length, width=width, height=height)
    options = _options(parcel, context, cards, destination)
    if not options:
        _refuse_unserved(
            cards,
            destination,
            f"a service for a parcel of {weight} kg and {length}x{width}x{height} cm",
            field="rate_cards" if context.shipping_rates is None else None,
        )
    return _chosen(options, context)


def _weight(cart: Cart, products: Mapping[str, Product]) -> Decimal:
    """The goods' weight in kg; every product must have one. One pass: each line's
    weight (a zero weight as ``Decimal(0)``) x quantity added in the cart's order, from
    ``Decimal(0)``."""
    unweighed = []
    total = Decimal(0)
    for line in cart.lines:
        weight = products[line.sku].weight_kg
        if weight is None:
            unweighed.append(line.sku)
        else:
            total = total + (weight or Decimal(0)) * line.quantity
    if unweighed:
        raise MissingDataError(
            tuple(f"the weight of {sku!r}" for sku in unweighed),
            "give Product(weight_kg=...) for every SKU when rate cards price the parcel",
            field=f"products[{shown(unweighed[0])}].weight_kg",
            json_how='write "weight_kg" in the product of every SKU when rate cards price '
            "the parcel",
        )
    return total


def _cards_from(context: CheckoutContext, origin: Place) -> tuple[RateCard, ...]:
    """The rate cards that ship from where the goods leave (none needed with a live
    carrier)."""
    cards = tuple(card for card in context.rate_cards if card.origin == origin.country)
    if context.shipping_rates is None and not cards:
        froms = ", ".join(sorted({card.origin for card in context.rate_cards}))
        given = f"the cards given ship from {froms}; give cards whose origin is "
        raise MissingDataError(
            f"rate cards for parcels from {origin.country}",
            f"{given}{origin.country} (or set ship_from= to where the goods leave)",
            field="rate_cards",
            json_how=f'{given}{origin.country} (or write "ship_from" as where the goods '
            "leave)",
        )
    return cards


def _options(
    parcel: Parcel,
    context: CheckoutContext,
    cards: tuple[RateCard, ...],
    destination: Place,
) -> tuple[ShippingOption, ...]:
    """Every service offered for the parcel: by the live carrier, or on the cards."""
    if context.shipping_rates is None:
        return shipping_options(
            parcel, destination.country, cards, postcode=destination.postcode
        )
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
    return options


def _refuse_unserved(
    cards: tuple[RateCard, ...], destination: Place, service: str, *, field: str | None
) -> NoReturn:
    """No service takes the parcel: say whether the address or the parcel is the cause
    (``field``: the cards' own, where they priced it rather than a live carrier)."""
    served = any(card.zone_for(destination.country, destination.postcode) for card in cards)
    if served:
        raise MissingDataError(
            service,
            "the cards serving this address take no parcel this heavy or large; "
            "add a bracket, or split the order",
            field=field,
        )
    raise MissingDataError(
        f"a rate card serving {destination.country}",
        "none of the rate cards given has a zone for this address; add one",
        field=field,
    )


def _chosen(
    options: tuple[ShippingOption, ...], context: CheckoutContext
) -> ShippingOption:
    """The context's service (a card's or a carrier's name), or the cheapest."""
    if context.service is None:
        return options[0]
    for option in options:
        if context.service in (option.card.service, option.service):
            return option
    offered = dict.fromkeys(
        name for option in options for name in (option.card.service, option.service)
    )
    raise InvalidAmountError.refused(
        "service",
        context.service,
        "is not a service offered for this parcel",
        kind=InputKind.CHOICE,
        choices=offered,
    )


def shipping_charged(
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
