"""Rate cards as data: the JSON form, read and written, and the bundled example cards.

[`rate_card_from_dict`][commercekit.shipping.rate_card_from_dict] reads a card from
its JSON form and [`rate_card_to_dict`][commercekit.shipping.rate_card_to_dict] writes
it back, equal. A card must say how its carrier measures a parcel
(``dimension_rounding``); it is never assumed. The bundled cards
([`example_rate_cards`][commercekit.shipping.example_rate_cards]) are **examples** with
invented prices, for the documentation and tests.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

from commercekit._bundled import package_files
from commercekit._numbers import context_free
from commercekit.errors import CommerceKitError, InvalidJsonError
from commercekit.money import Money, to_decimal, validate_currency
from commercekit.shipping import _checks as check
from commercekit.shipping._cards import Bracket, RateCard, Zone
from commercekit.shipping._parcels import DimensionRounding

__all__ = ["example_rate_cards", "rate_card_from_dict", "rate_card_to_dict"]


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
    text = package_files("commercekit.shipping").joinpath("_data/example_rate_cards.json")
    data = json.loads(text.read_text("utf-8"), parse_float=Decimal)  # our file: exact
    return tuple(_card(card, example=True) for card in data["cards"])
