"""Shipping options: a parcel priced on every rate card that serves its destination.

Each card that has a zone for the address prices the parcel: its chargeable weight (the
greater of the actual and the dimensional weight, in the card's steps), the zone's
bracket for that weight (or the last bracket and a price per extra kilogram), then the
fuel surcharge on that, and the remote-area and oversize surcharges. Every step is a
line of the option's ``breakdown``. Free-shipping rules then make an option free when
the order value reaches their threshold, and the cheapest and the fastest are marked.

A plugin that asks a carrier for live prices answers the same question through
[`ShippingRateSource`][commercekit.shipping.ShippingRateSource].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit._trusted import trusted, trusted_evolve
from commercekit.errors import CurrencyMismatchError, InvalidAmountError
from commercekit.money import Money, RoundingMode, require_money, round_money, sum_money
from commercekit.regions import check_country
from commercekit.shipping import _checks as check
from commercekit.shipping._cards import RateCard, _transit
from commercekit.shipping._parcels import Parcel, weight_charged

__all__ = ["FreeShipping", "ShippingOption", "ShippingRateSource", "shipping_options"]


def _option_card(value: object) -> RateCard:
    return check.instance(value, RateCard, "card")


def _chargeable(value: object) -> Decimal:
    return check.decimal(value, "chargeable_kg")


def _option_price(value: object) -> Money:
    return check.money(value, "price")


def _breakdown(value: object) -> tuple[tuple[str, Money], ...]:
    lines = []
    for what, amount in check.pairs(value, "breakdown", "(what, amount)"):
        # A line may be negative: free shipping takes the price off again.
        lines.append((check.text(what, "breakdown"), require_money(amount, "breakdown")))
    return tuple(lines)


def _yes_no(_: object, attribute: attrs.Attribute[bool], value: object) -> None:
    check.flag(value, attribute.name)


@named_at_the_door
@attrs.frozen
class ShippingOption:
    """A priced service for one parcel, with how the price was made.

    ``breakdown``, when given, adds up to ``price``; every amount is in the card's
    currency.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    card: RateCard = attrs.field(converter=_option_card)
    chargeable_kg: Decimal = attrs.field(converter=_chargeable)
    price: Money = attrs.field(converter=_option_price)
    breakdown: tuple[tuple[str, Money], ...] = attrs.field(converter=_breakdown)
    transit_days: tuple[int, int] = attrs.field(converter=_transit)
    free: bool = attrs.field(default=False, validator=_yes_no)
    cheapest: bool = attrs.field(default=False, validator=_yes_no)
    fastest: bool = attrs.field(default=False, validator=_yes_no)

    def __attrs_post_init__(self) -> None:
        currency = self.card.currency
        for amount in (self.price, *(amount for _, amount in self.breakdown)):
            if amount.currency.code != currency:
                raise CurrencyMismatchError(currency, amount.currency.code, "price")
        if self.breakdown:
            total = sum_money([amount for _, amount in self.breakdown], currency)
            if total != self.price:
                raise InvalidAmountError(
                    self.breakdown, f"add up to {total}, not the price {self.price}"
                )

    @property
    def service(self) -> str:
        """Carrier and service, as shown to the buyer."""
        return f"{self.card.carrier} {self.card.service}"


def _free_threshold(value: object) -> Money:
    return check.money(value, "threshold")


def _free_countries(value: object) -> frozenset[str]:
    return check.countries(value, "countries")


def _services(value: object) -> frozenset[str]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(
        value, list | tuple | set | frozenset
    ):
        raise InvalidAmountError(
            value, "is not a set of service names; pass e.g. {'Standard'}"
        )
    return frozenset(check.text(name, "services") for name in value)


@named_at_the_door
@attrs.frozen
class FreeShipping:
    """Free shipping on ``services`` (all if empty) for orders of ``threshold`` or more,
    to ``countries`` (all if empty)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    threshold: Money = attrs.field(converter=_free_threshold)
    countries: frozenset[str] = attrs.field(default=frozenset(), converter=_free_countries)
    services: frozenset[str] = attrs.field(default=frozenset(), converter=_services)

    @context_free
    def covers(self, option: ShippingOption, country: str, order_value: Money) -> bool:
        """Whether this rule makes ``option`` free for an order to ``country``."""
        option = check.instance(option, ShippingOption, "option")
        country = check.country(country)
        order_value = check.money(order_value, "order_value")
        if order_value.currency != self.threshold.currency:
            raise CurrencyMismatchError(
                order_value.currency.code, self.threshold.currency.code, "compare"
            )
        return (
            order_value >= self.threshold
            and (not self.countries or country in self.countries)
            and (not self.services or option.card.service in self.services)
        )


class ShippingRateSource(Protocol):
    """Live carrier rates, supplied by a plugin."""

    def options(
        self, parcel: Parcel, country: str, postcode: str | None, *, on: date
    ) -> tuple[ShippingOption, ...]:
        """Every service the carrier offers for ``parcel`` to the destination."""
        ...


def _priced(
    card: RateCard, parcel: Parcel, country: str, postcode: str | None
) -> ShippingOption | None:
    zone = card.zone_for(country, postcode)
    if zone is None:
        return None
    # Measured once, the carrier's way, for the weight and the oversize surcharge; the
    # card's divisor and increment are positive, checked when the card was built.
    measured = parcel.as_measured(card.dimension_rounding)
    weight = weight_charged(
        parcel.weight_kg, measured.volume_cm3, card.divisor, card.increment
    )
    if card.max_weight_kg is not None and weight > card.max_weight_kg:
        return None
    brackets = card.brackets[zone.name]
    lines: list[tuple[str, Money]] = []
    bracket = next((b for b in brackets if weight <= b.up_to_kg), None)
    if bracket is not None:
        lines.append((f"{zone.name}, up to {bracket.up_to_kg} kg", bracket.price))
    else:
        extra_rate = card.per_extra_kg.get(zone.name)
        if extra_rate is None:
            return None
        last = brackets[-1]
        extra = weight - last.up_to_kg
        extra_kg = extra.to_integral_value(rounding="ROUND_CEILING")
        lines.append((f"{zone.name}, up to {last.up_to_kg} kg", last.price))
        lines.append((f"{extra_kg} extra kg at {extra_rate}", extra_rate * extra_kg))
    if card.fuel_surcharge_percent:
        base = sum_money([amount for _, amount in lines], card.currency)
        fuel = round_money(
            base * card.fuel_surcharge_percent.scaleb(-2), mode=RoundingMode.HALF_UP
        )
        lines.append((f"fuel surcharge {card.fuel_surcharge_percent}%", fuel))
    prefixes = card.remote_postcodes.get(country, ())
    if (
        postcode
        and card.remote_surcharge
        and any(postcode.replace(" ", "").upper().startswith(prefix) for prefix in prefixes)
    ):
        lines.append(("remote area", card.remote_surcharge))
    longest = max(measured.length_cm, measured.width_cm, measured.height_cm)
    limit, surcharge = card.oversize_cm, card.oversize_surcharge
    if limit is not None and surcharge is not None and longest > limit:
        lines.append((f"oversize (longest side over {limit} cm)", surcharge))
    return trusted(
        ShippingOption,
        card=card,
        chargeable_kg=weight,
        price=sum_money([amount for _, amount in lines], card.currency),
        breakdown=tuple(lines),
        transit_days=zone.transit_days,
        free=False,
        cheapest=False,
        fastest=False,
    )


@context_free
def shipping_options(
    parcel: Parcel,
    country: str,
    cards: Sequence[RateCard],
    *,
    postcode: str | None = None,
    order_value: Money | None = None,
    free_shipping: Sequence[FreeShipping] = (),
) -> tuple[ShippingOption, ...]:
    """Every card's price for ``parcel`` to ``country``, cheapest first.

    Free-shipping rules make an option free when ``order_value`` reaches their
    threshold. The cheapest option(s) and the fastest (shortest longest transit time)
    are marked; ties are all marked.

    Examples:
        >>> from commercekit.shipping import example_rate_cards
        >>> box = Parcel.metric(weight=Decimal("1.2"), length=30, width=20, height=10)
        >>> options = shipping_options(box, "DE", example_rate_cards())
        >>> for option in options:
        ...     print(option.service, option.price, option.cheapest, option.fastest)
        ExampleParcel Standard 7.19 EUR True False
        ExampleParcel Express 15.67 EUR False True
    """
    parcel = check.instance(parcel, Parcel, "parcel")
    code = check_country(country)
    postcode = check.optional_postcode(postcode)
    rules = check.listed(free_shipping, FreeShipping, "free_shipping")
    options = [
        option
        for card in check.listed(cards, RateCard, "cards")
        if (option := _priced(card, parcel, code, postcode)) is not None
    ]
    if order_value is not None:
        order_value = check.money(order_value, "order_value")
        priced = []
        for option in options:
            if any(rule.covers(option, code, order_value) for rule in rules):
                option = attrs.evolve(  # noqa: PLW2901  # the free version replaces it
                    option,
                    price=option.price * 0,
                    breakdown=(*option.breakdown, ("free shipping", -option.price)),
                    free=True,
                )
            priced.append(option)
        options = priced
    if not options:
        return ()
    options.sort(
        key=lambda option: (option.price.amount, option.transit_days, option.service)
    )
    lowest = options[0].price
    quickest = min(option.transit_days[1] for option in options)
    return tuple(
        trusted_evolve(  # two flags the library worked out
            option,
            cheapest=option.price == lowest,
            fastest=option.transit_days[1] == quickest,
        )
        for option in options
    )
