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

The options a parcel gets are priced in ``_options``; the cards' JSON form and the
bundled examples are in ``_card_data``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

import attrs

from commercekit import _checks
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.errors import CurrencyMismatchError, InputKind, InvalidAmountError
from commercekit.money import Money, round_money, validate_currency
from commercekit.regions import check_country
from commercekit.shipping import _checks as check
from commercekit.shipping._parcels import DimensionRounding, check_dimension_rounding

__all__ = ["Bracket", "RateCard", "Zone"]


def _name(value: object) -> str:
    return check.text(value, "name")


def _zone_countries(value: object) -> frozenset[str]:
    found = check.countries(value, "countries")
    if not found:
        raise InvalidAmountError.refused(
            "countries",
            value,
            "names no country; a zone serves at least one",
            kind=InputKind.PLACE,
        )
    return found


def _transit(value: object) -> tuple[int, int]:
    return check.transit_days(value, "transit_days")


def _postcode_ranges(value: object) -> tuple[tuple[str, str], ...]:
    ranges = []
    for bounds in check.pairs(value, "postcodes", "(low, high) postcode"):
        low, high = (check.postcode(bound, "postcodes") for bound in bounds)
        if len(low) != len(high) or high < low:
            raise InvalidAmountError.refused(
                "postcodes",
                bounds,
                "is not a (low, high) postcode range of codes of one length",
                kind=InputKind.PLACE,
            )
        ranges.append((low, high))
    return tuple(ranges)


@named_at_the_door
@attrs.frozen
class Zone:
    """Destinations priced alike, and how long they take (business days).

    A zone is a set of countries, optionally narrowed to postcode ranges (``("35000",
    "38999")`` for the Canary Islands' provinces, inclusive, compared as text of the same
    length). A zone with postcode ranges is more specific, and wins over a zone of whole
    countries.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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


def _charge(value: object, field: str) -> Money:
    """Money a carrier can charge: whole minor units of its currency."""
    found = check.money(value, field)
    if round_money(found) != found:
        raise invalid(
            field,
            format(found.amount, "f"),
            f"is finer than the minor unit of {found.currency.code}; "
            "state a carrier's charge as it is billed, such as '10.00'",
        )
    return found


def _price(value: object) -> Money:
    return _charge(value, "price")


@named_at_the_door
@attrs.frozen
class Bracket:
    """Parcels up to ``up_to_kg`` (chargeable) cost ``price``."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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
    return {name: _charge(rate, f"per_extra_kg[{name!r}]") for name, rate in rates.items()}


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
            raise InvalidAmountError.refused(
                "remote_postcodes",
                (country, prefixes),
                "are not postcode prefixes (an empty one matches all)",
                kind=InputKind.PLACE,
            )
        found[check.country(country)] = listed
    return found


def _remote_surcharge(value: object) -> Money | None:
    return None if value is None else _charge(value, "remote_surcharge")


def _oversize_cm(value: object) -> Decimal | None:
    return check.optional_decimal(value, "oversize_cm", positive=True)


def _oversize_surcharge(value: object) -> Money | None:
    return None if value is None else _charge(value, "oversize_surcharge")


def _example(_: object, __: object, value: object) -> None:
    check.flag(value, "example")


@named_at_the_door
@attrs.frozen
class RateCard:
    """One carrier service's prices, as data.

    ``dimension_rounding`` has no default: carriers round each side of a parcel
    differently before computing its dimensional weight, so a card states its carrier's
    way (a [`DimensionRounding`][commercekit.shipping.DimensionRounding]), or
    ``"exact"`` for a carrier that uses the sizes as given. The same measured sides
    decide the oversize surcharge. Every amount is in ``currency``.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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
        # Each refusal's field is the part of the card it is about (``zones``,
        # ``brackets['EU1']``), so a card read from JSON names it.
        names = [zone.name for zone in self.zones]
        if len(set(names)) != len(names):
            at = next(i for i, name in enumerate(names) if name in names[:i])
            raise InvalidAmountError(
                names[at], "names a zone twice; zone names are unique",
                field=f"zones[{at}].name",
            )  # fmt: skip
        whole = [c for zone in self.zones if not zone.postcodes for c in zone.countries]
        twice = sorted({country for country in whole if whole.count(country) > 1})
        if twice:
            raise InvalidAmountError(
                twice,
                "are in more than one zone without postcodes: which price applies?",
                field="zones",
            )
        for name in names:
            rows = self.brackets.get(name)
            if not rows:
                raise InvalidAmountError(
                    name, "is a zone with no price brackets", field=f"brackets[{name!r}]"
                )
            limits = [row.up_to_kg for row in rows]
            if any(b <= a for a, b in itertools.pairwise(limits)):
                raise InvalidAmountError(
                    limits,
                    f"are the brackets of zone {name}: list them by weight, rising",
                    field=f"brackets[{name!r}]",
                )
        for key, table in (
            ("brackets", self.brackets),
            ("per_extra_kg", self.per_extra_kg),
        ):
            stray = sorted(set(table) - set(names))
            if stray:
                raise InvalidAmountError(
                    stray,
                    f"are not zones of this card: {names}",
                    field=f"{key}[{stray[0]!r}]",
                )
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
