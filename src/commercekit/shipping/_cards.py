"""Carrier rate cards: zones, weight brackets, surcharges, and the options they give.

A [`RateCard`][commercekit.shipping.RateCard] is one carrier service as data: which
destinations fall in which zone, the price per weight bracket in each zone, a price per
extra kilogram above the last bracket, the dimensional-weight divisor and weight step,
how the carrier measures each side (its
[`DimensionRounding`][commercekit.shipping.DimensionRounding], or ``"exact"``: a card
must say which), a fuel surcharge in percent, remote-area and oversize surcharges, and
the transit time per zone.
[`shipping_options`][commercekit.shipping.shipping_options] prices a parcel on every
card that serves its destination, applies free-shipping rules, and marks the cheapest
and the fastest.

The bundled cards (``example_rate_cards()``) are **examples** for the documentation and
tests, not any carrier's real prices; a plugin supplies real ones through
[`ShippingRateSource`][commercekit.shipping.ShippingRateSource].
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from importlib.resources import files
from typing import Any, Literal, Protocol

import attrs

from commercekit import _checks
from commercekit._checks import invalid
from commercekit._inputs import trusted
from commercekit._numbers import context_free
from commercekit.errors import (
    CommerceKitError,
    CurrencyMismatchError,
    InvalidAmountError,
    InvalidJsonError,
)
from commercekit.money import (
    Money,
    RoundingMode,
    require_money,
    round_money,
    sum_money,
    to_decimal,
    validate_currency,
)
from commercekit.regions import check_country
from commercekit.shipping import _checks as check
from commercekit.shipping._parcels import (
    DimensionRounding,
    Parcel,
    chargeable_weight,
    check_dimension_rounding,
)

__all__ = [
    "Bracket",
    "FreeShipping",
    "RateCard",
    "ShippingOption",
    "ShippingRateSource",
    "Zone",
    "example_rate_cards",
    "rate_card_from_dict",
    "rate_card_to_dict",
    "shipping_options",
]


def _name(value: object) -> str:
    return check.text(value, "name")


def _zone_countries(value: object) -> frozenset[str]:
    found = check.countries(value, "countries")
    if not found:
        raise InvalidAmountError(value, "names no country; a zone serves at least one")
    return found


def _transit(value: object) -> tuple[int, int]:
    return check.transit_days(value, "transit_days")


def _postcode_ranges(value: object) -> tuple[tuple[str, str], ...]:
    ranges = []
    for bounds in check.pairs(value, "postcodes", "(low, high) postcode"):
        low, high = (check.postcode(bound, "postcodes") for bound in bounds)
        if len(low) != len(high) or high < low:
            raise InvalidAmountError(
                bounds, "is not a (low, high) postcode range of codes of one length"
            )
        ranges.append((low, high))
    return tuple(ranges)


@attrs.frozen
class Zone:
    """Destinations priced alike, and how long they take (business days).

    A zone is a set of countries, optionally narrowed to postcode ranges (``("35000",
    "38999")`` for the Canary Islands' provinces, inclusive, compared as text of the same
    length). A zone with postcode ranges is more specific, and wins over a zone of whole
    countries.
    """

    name: str = attrs.field(converter=_name)
    countries: frozenset[str] = attrs.field(converter=_zone_countries)
    transit_days: tuple[int, int] = attrs.field(converter=_transit)
    postcodes: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_postcode_ranges
    )

    def covers(self, country: str, postcode: str | None) -> bool:
        """Whether an address in ``country`` with ``postcode`` is in this zone."""
        country = check.country(country)
        postcode = check.optional_postcode(postcode)
        if country not in self.countries:
            return False
        if not self.postcodes:
            return True
        if postcode is None:
            return False
        code = postcode.replace(" ", "").upper()
        return any(
            len(code) == len(low) and low <= code <= high for low, high in self.postcodes
        )


def _up_to(value: object) -> Decimal:
    return check.decimal(value, "up_to_kg", positive=True)


def _price(value: object) -> Money:
    return check.money(value, "price")


@attrs.frozen
class Bracket:
    """Parcels up to ``up_to_kg`` (chargeable) cost ``price``."""

    up_to_kg: Decimal = attrs.field(converter=_up_to)
    price: Money = attrs.field(converter=_price)


def _carrier(value: object) -> str:
    return check.text(value, "carrier")


def _service(value: object) -> str:
    return check.text(value, "service")


def _zones(value: object) -> tuple[Zone, ...]:
    found = check.listed(value, Zone, "zones")
    if not found:
        raise InvalidAmountError(value, "has no zones; a rate card serves at least one")
    return found


def _brackets(value: object) -> Mapping[str, tuple[Bracket, ...]]:
    rows = check.mapping(value, "brackets")
    return {
        name: check.listed(row, Bracket, f"brackets[{name!r}]")
        for name, row in rows.items()
    }


def _per_kg(value: object) -> Mapping[str, Money]:
    rates = check.mapping(value, "per_extra_kg")
    return {
        name: check.money(rate, f"per_extra_kg[{name!r}]") for name, rate in rates.items()
    }


def _divisor(value: object) -> Decimal:
    return check.decimal(value, "divisor", positive=True)


def _increment(value: object) -> Decimal:
    return check.decimal(value, "increment", positive=True)


def _max_weight(value: object) -> Decimal | None:
    return check.optional_decimal(value, "max_weight_kg", positive=True)


def _fuel(value: object) -> Decimal:
    fuel = _checks.signed_decimal(value, "fuel_surcharge_percent", invalid)
    if not 0 <= fuel <= 100:  # percent
        raise InvalidAmountError(value, "is not a fuel surcharge from 0 to 100 percent")
    return fuel


def _remote(value: object) -> Mapping[str, tuple[str, ...]]:
    found = {}
    for country, prefixes in check.mapping(value, "remote_postcodes").items():
        listed = _checks.items(prefixes, "remote_postcodes", invalid)
        if not listed or not all(isinstance(p, str) and p.strip() for p in listed):
            raise InvalidAmountError(
                (country, prefixes), "are not postcode prefixes (an empty one matches all)"
            )
        found[check.country(country)] = listed
    return found


def _remote_surcharge(value: object) -> Money | None:
    return check.optional_money(value, "remote_surcharge")


def _oversize_cm(value: object) -> Decimal | None:
    return check.optional_decimal(value, "oversize_cm", positive=True)


def _oversize_surcharge(value: object) -> Money | None:
    return check.optional_money(value, "oversize_surcharge")


def _example(_: object, __: object, value: object) -> None:
    check.flag(value, "example")


@attrs.frozen
class RateCard:
    """One carrier service's prices, as data.

    ``dimension_rounding`` has no default: carriers round each side of a parcel
    differently before computing its dimensional weight, so a card states its carrier's
    way (a [`DimensionRounding`][commercekit.shipping.DimensionRounding]), or
    ``"exact"`` for a carrier that uses the sizes as given. The same measured sides
    decide the oversize surcharge. Every amount is in ``currency``.
    """

    carrier: str = attrs.field(converter=_carrier)
    service: str = attrs.field(converter=_service)
    origin: str = attrs.field(converter=check_country)
    currency: str = attrs.field(converter=validate_currency)
    zones: tuple[Zone, ...] = attrs.field(converter=_zones)
    brackets: Mapping[str, tuple[Bracket, ...]] = attrs.field(converter=_brackets)
    per_extra_kg: Mapping[str, Money] = attrs.field(factory=dict, converter=_per_kg)
    divisor: Decimal = attrs.field(default=Decimal(5000), converter=_divisor)
    increment: Decimal = attrs.field(default=Decimal("0.5"), converter=_increment)
    dimension_rounding: DimensionRounding | Literal["exact"] = attrs.field(
        kw_only=True, converter=check_dimension_rounding
    )
    max_weight_kg: Decimal | None = attrs.field(default=None, converter=_max_weight)
    fuel_surcharge_percent: Decimal = attrs.field(default=Decimal(0), converter=_fuel)
    remote_postcodes: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=dict, converter=_remote
    )
    remote_surcharge: Money | None = attrs.field(default=None, converter=_remote_surcharge)
    oversize_cm: Decimal | None = attrs.field(default=None, converter=_oversize_cm)
    oversize_surcharge: Money | None = attrs.field(
        default=None, converter=_oversize_surcharge
    )
    example: bool = attrs.field(default=False, validator=_example)

    def __attrs_post_init__(self) -> None:
        names = [zone.name for zone in self.zones]
        if len(set(names)) != len(names):
            raise InvalidAmountError(names, "names a zone twice; zone names are unique")
        whole = [c for zone in self.zones if not zone.postcodes for c in zone.countries]
        twice = sorted({country for country in whole if whole.count(country) > 1})
        if twice:
            raise InvalidAmountError(
                twice, "are in more than one zone without postcodes: which price applies?"
            )
        for name in names:
            rows = self.brackets.get(name)
            if not rows:
                raise InvalidAmountError(name, "is a zone with no price brackets")
            limits = [row.up_to_kg for row in rows]
            if any(b <= a for a, b in itertools.pairwise(limits)):
                raise InvalidAmountError(
                    limits, f"are the brackets of zone {name}: list them by weight, rising"
                )
        for table in (self.brackets, self.per_extra_kg):
            stray = sorted(set(table) - set(names))
            if stray:
                raise InvalidAmountError(stray, f"are not zones of this card: {names}")
        amounts = [row.price for rows in self.brackets.values() for row in rows]
        amounts += [*self.per_extra_kg.values()]
        amounts += [m for m in (self.remote_surcharge, self.oversize_surcharge) if m]
        for amount in amounts:
            if amount.currency.code != self.currency:
                raise CurrencyMismatchError(self.currency, amount.currency.code, "price")

    def zone_for(self, country: str, postcode: str | None = None) -> Zone | None:
        """The zone serving an address, if any; postcode zones before whole countries."""
        code = check_country(country)
        postcode = check.optional_postcode(postcode)
        ordered = sorted(self.zones, key=lambda zone: not zone.postcodes)
        return next((zone for zone in ordered if zone.covers(code, postcode)), None)


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


@attrs.frozen
class ShippingOption:
    """A priced service for one parcel, with how the price was made.

    ``breakdown``, when given, adds up to ``price``; every amount is in the card's
    currency.
    """

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


@attrs.frozen
class FreeShipping:
    """Free shipping on ``services`` (all if empty) for orders of ``threshold`` or more,
    to ``countries`` (all if empty)."""

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
    weight = chargeable_weight(
        parcel,
        divisor=card.divisor,
        increment=card.increment,
        dimension_rounding=card.dimension_rounding,
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
    measured = parcel.as_measured(card.dimension_rounding)
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
        attrs.evolve(
            option,
            cheapest=option.price == lowest,
            fastest=option.transit_days[1] == quickest,
        )
        for option in options
    )


def _optional(data: Mapping[str, Any], key: str) -> Decimal | None:
    return to_decimal(data[key], key) if data.get(key) is not None else None


def _dimension_rounding(data: Mapping[str, Any]) -> DimensionRounding | Literal["exact"]:
    """The card's way of measuring: stated in the data, never assumed."""
    stated = data.get("dimension_rounding")
    if stated == "exact":
        return "exact"
    if isinstance(stated, dict):
        return DimensionRounding.from_dict(stated)
    raise InvalidJsonError(
        "dimension_rounding",
        f"the {data.get('carrier')} {data.get('service')} card does not say how its "
        f'carrier measures a parcel: write "exact" if it uses the sizes as given, or '
        f'{{"unit": "cm", "increment": "1", "mode": "up", "source": "<carrier page>"}}',
    )


@context_free
def rate_card_from_dict(data: Mapping[str, Any], *, example: bool = False) -> RateCard:
    """A rate card from its JSON form (the form of the bundled example cards).

    Required: ``carrier``, ``service``, ``origin``, ``currency``, ``zones`` (``name``,
    ``countries``, ``transit_days``, optional ``postcodes`` ranges), ``brackets`` (per
    zone, ``[up_to_kg, price]`` rows), ``divisor``, ``increment`` and
    ``dimension_rounding``. Optional: ``per_extra_kg``, ``max_weight_kg``,
    ``fuel_surcharge_percent``, ``remote_postcodes``, ``remote_surcharge``,
    ``oversize_cm``, ``oversize_surcharge``. Amounts are decimal strings in the card's
    currency. Raises [`InvalidJsonError`][commercekit.errors.InvalidJsonError] naming
    the field that is missing or wrong.
    """
    if not isinstance(data, Mapping):
        raise InvalidJsonError("", "a rate card is a JSON object")
    check.flag(example, "example")
    try:
        return _card(data, example=example)
    except CommerceKitError:
        raise  # a value the classes refused, with its own reason
    except KeyError as error:
        missing = str(error.args[0])
        raise InvalidJsonError(missing, "is missing from the rate card") from None
    except (TypeError, ValueError, AttributeError) as error:
        raise InvalidJsonError("", f"a rate card field is malformed: {error}") from None


@context_free
def rate_card_to_dict(card: RateCard) -> dict[str, Any]:
    """The JSON form of ``card``; ``rate_card_from_dict`` reads it back equal."""
    card = check.instance(card, RateCard, "card")
    rounding = card.dimension_rounding
    data: dict[str, Any] = {
        "carrier": card.carrier,
        "service": card.service,
        "origin": card.origin,
        "currency": card.currency,
        "divisor": str(card.divisor),
        "increment": str(card.increment),
        "dimension_rounding": rounding if isinstance(rounding, str) else rounding.to_dict(),
        "zones": [
            {
                "name": zone.name,
                "countries": sorted(zone.countries),
                "transit_days": list(zone.transit_days),
                **(
                    {"postcodes": [list(r) for r in zone.postcodes]}
                    if zone.postcodes
                    else {}
                ),
            }
            for zone in card.zones
        ],
        "brackets": {
            name: [[str(b.up_to_kg), str(b.price.amount)] for b in rows]
            for name, rows in card.brackets.items()
        },
        "fuel_surcharge_percent": str(card.fuel_surcharge_percent),
    }
    if card.per_extra_kg:
        data["per_extra_kg"] = {k: str(v.amount) for k, v in card.per_extra_kg.items()}
    if card.remote_postcodes:
        data["remote_postcodes"] = {k: list(v) for k, v in card.remote_postcodes.items()}
    for key in ("max_weight_kg", "oversize_cm"):
        if getattr(card, key) is not None:
            data[key] = str(getattr(card, key))
    for key in ("remote_surcharge", "oversize_surcharge"):
        if getattr(card, key) is not None:
            data[key] = str(getattr(card, key).amount)
    return data


def _card(data: Mapping[str, Any], *, example: bool) -> RateCard:
    """One card from parsed JSON (untyped: the classes check every value)."""
    currency = validate_currency(data["currency"])
    remote = data.get("remote_surcharge")
    oversize = data.get("oversize_surcharge")
    return RateCard(
        carrier=data["carrier"],
        service=data["service"],
        origin=data["origin"],
        currency=currency,
        zones=tuple(
            Zone(
                zone["name"],
                zone["countries"],
                tuple(zone["transit_days"]),
                tuple(tuple(pair) for pair in zone.get("postcodes", ())),
            )
            for zone in data["zones"]
        ),
        brackets={
            name: tuple(Bracket(up_to, Money(price, currency)) for up_to, price in rows)
            for name, rows in data["brackets"].items()
        },
        per_extra_kg={
            name: Money(price, currency)
            for name, price in data.get("per_extra_kg", {}).items()
        },
        divisor=to_decimal(data["divisor"], "divisor"),
        increment=to_decimal(data["increment"], "weight increment"),
        dimension_rounding=_dimension_rounding(data),
        max_weight_kg=_optional(data, "max_weight_kg"),
        fuel_surcharge_percent=to_decimal(
            data.get("fuel_surcharge_percent", "0"), "fuel surcharge"
        ),
        remote_postcodes={
            country: tuple(prefixes)
            for country, prefixes in data.get("remote_postcodes", {}).items()
        },
        remote_surcharge=Money(remote, currency) if remote is not None else None,
        oversize_cm=_optional(data, "oversize_cm"),
        oversize_surcharge=Money(oversize, currency) if oversize is not None else None,
        example=example,
    )


@context_free
def example_rate_cards() -> tuple[RateCard, ...]:
    """The bundled EXAMPLE rate cards (invented prices, for docs and tests)."""
    text = files("commercekit.shipping").joinpath("_data/example_rate_cards.json")
    data = json.loads(text.read_text("utf-8"), parse_float=Decimal)  # our file: exact
    return tuple(_card(card, example=True) for card in data["cards"])
