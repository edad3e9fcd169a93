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
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache, partial
from typing import Any, Literal, TypeVar

import attrs

from commercekit._bundled import package_files
from commercekit._json_words import json_reason
from commercekit._numbers import context_free
from commercekit.errors import (
    CommerceKitError,
    InputKind,
    InvalidInputError,
    InvalidJsonError,
    shown,
)
from commercekit.money import Money
from commercekit.regions import check_country
from commercekit.shipping import _checks as check
from commercekit.shipping._cards import Bracket, RateCard, Zone
from commercekit.shipping._parcels import DimensionRounding

__all__ = ["example_rate_cards", "rate_card_from_dict", "rate_card_to_dict"]

_T = TypeVar("_T")


def _dimension_rounding(data: Mapping[str, Any]) -> DimensionRounding | Literal["exact"]:
    """The card's way of measuring: stated in the data, never assumed."""
    stated = data.get("dimension_rounding")
    if stated == "exact":
        return "exact"
    if isinstance(stated, dict):
        _object(stated, "", _MEASURE, "dimension_rounding")
        for key in ("unit", "increment", "mode", "source"):  # each refused at its own
            if key in stated:
                _convert(DimensionRounding, key, stated[key], key)
        if "note" in stated:  # a reviewer's words, not read by the rule: text all the same
            _at("note", partial(check.text, stated["note"], "note"))
        return DimensionRounding.from_dict(stated)
    raise InvalidJsonError(
        "",
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


def _at(path: str, read: Callable[[], _T], *, named: bool = False) -> _T:
    """``read()``; a refusal raised as ``InvalidJsonError`` at ``path`` in the card
    (joined to the path a refusal read deeper already names, and, where ``named``, to
    the field the rule names: a card's own check of its zones and brackets)."""
    try:
        return read()
    except InvalidJsonError as error:
        field = _join(path, error.field)
        raise InvalidJsonError(
            field, error.reason, kind=error.kind, choices=error.choices
        ) from None
    except InvalidInputError as error:
        field = _join(path, error.field or "") if named else path
        raise InvalidJsonError(
            field, json_reason(error), kind=error.kind, choices=error.choices
        ) from None
    except CommerceKitError as error:
        raise InvalidJsonError(path, str(error)) from None


def _join(path: str, step: str) -> str:
    return path + step if not path or not step or step.startswith("[") else f"{path}.{step}"


def _need(data: Mapping[str, Any], key: str, path: str = "") -> Any:
    if key not in data:
        raise InvalidJsonError(_join(path, key), "is missing from the rate card")
    return data[key]


_CARD = (
    "carrier", "service", "origin", "currency", "divisor", "increment",
    "dimension_rounding", "zones", "brackets", "per_extra_kg", "max_weight_kg",
    "fuel_surcharge_percent", "remote_postcodes", "remote_surcharge", "oversize_cm",
    "oversize_surcharge",
)  # fmt: skip
_ZONE = ("name", "countries", "transit_days", "postcodes")
_MEASURE = ("unit", "increment", "mode", "source", "note")


def _object(
    value: object, path: str, known: tuple[str, ...] = (), what: str = ""
) -> Mapping[str, Any]:
    """A JSON object; where ``known`` is given, one with no field but those: another
    is a misspelling, refused rather than left out (a misspelt ``max_weight_kg``
    would quote a parcel above the limit)."""
    if not isinstance(value, Mapping):
        raise InvalidJsonError(path, "is not a JSON object", kind=InputKind.TYPE)
    unknown = sorted(str(key) for key in value if known and key not in known)
    if unknown:
        raise InvalidJsonError(
            _join(path, unknown[0]),
            f"is not a field of {what}; check its spelling (it has: {', '.join(known)})",
        )
    return value


def _array(value: object, path: str, *, size: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (size is not None and len(value) != size):
        shape = "a JSON array" if size is None else f"a JSON array of {size}"
        raise InvalidJsonError(path, f"is not {shape}", kind=InputKind.LIST)
    return value


def _convert(cls: type, name: str, value: object, path: str) -> Any:
    """``value`` as the field ``name`` of ``cls`` takes it, refused at ``path``."""
    convert = attrs.fields_dict(cls)[name].converter
    assert callable(convert)  # noqa: S101  # every field read here has one
    return _at(path, lambda: convert(value))


def _zone(zone: object, path: str) -> Zone:
    """One zone, each value refused at its own path; a rule about the whole of a list
    (no country, a range whose low is above its high) at the list or the range."""
    data = _object(zone, path, _ZONE, "a rate card's zone")
    countries = _array(_need(data, "countries", path), f"{path}.countries")
    for index, code in enumerate(countries):
        _at(f"{path}.countries[{index}]", partial(check_country, code))
    days = _array(_need(data, "transit_days", path), f"{path}.transit_days", size=2)
    for index, day in enumerate(days):  # each alone, as a pair of one day
        _convert(Zone, "transit_days", (day, day), f"{path}.transit_days[{index}]")
    ranges = _array(data.get("postcodes", []), f"{path}.postcodes")
    for index, bounds in enumerate(ranges):
        where = f"{path}.postcodes[{index}]"
        for side, code in enumerate(_array(bounds, where, size=2)):
            _convert(Zone, "postcodes", [(code, code)], f"{where}[{side}]")
        _convert(Zone, "postcodes", [bounds], where)
    return Zone(
        _convert(Zone, "name", _need(data, "name", path), f"{path}.name"),
        _convert(Zone, "countries", countries, f"{path}.countries"),
        _convert(Zone, "transit_days", days, f"{path}.transit_days"),
        _convert(Zone, "postcodes", ranges, f"{path}.postcodes"),
    )


def _brackets(data: Mapping[str, Any], currency: str) -> dict[str, tuple[Bracket, ...]]:
    """Each zone's ``[up_to_kg, price]`` rows, each number refused at its own path."""
    found = {}
    for name, rows in _object(_need(data, "brackets"), "brackets").items():
        path = f"brackets[{shown(name)}]"
        brackets = []
        for index, row in enumerate(_array(rows, path)):
            up_to, price = _array(row, f"{path}[{index}]", size=2)
            brackets.append(
                Bracket(
                    _convert(Bracket, "up_to_kg", up_to, f"{path}[{index}][0]"),
                    _at(f"{path}[{index}][1]", partial(_charge, price, currency)),
                )
            )
        found[name] = tuple(brackets)
    return found


def _charges(data: Mapping[str, Any], key: str, currency: str) -> dict[str, Money]:
    """``{zone: price}`` in the card's currency (``per_extra_kg``), each at its path."""
    return {
        name: _at(f"{key}[{shown(name)}]", partial(_charge, price, currency))
        for name, price in _object(data.get(key, {}), key).items()
    }


def _charge(amount: object, currency: str) -> Money:
    """A carrier's charge in the card's currency, as a bracket's price is checked."""
    convert = attrs.fields_dict(Bracket)["price"].converter
    assert callable(convert)  # noqa: S101  # Bracket.price has one
    charge: Money = convert(Money(amount, currency))
    return charge


def _remote(data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    found = {}
    for country, prefixes in _object(
        data.get("remote_postcodes", {}), "remote_postcodes"
    ).items():
        path = f"remote_postcodes[{shown(country)}]"
        for index, prefix in enumerate(_array(prefixes, path)):
            _convert(RateCard, "remote_postcodes", {country: [prefix]}, f"{path}[{index}]")
        found.update(_convert(RateCard, "remote_postcodes", {country: prefixes}, path))
    return found


def _card(data: Mapping[str, Any], *, example: bool) -> RateCard:
    """One card from parsed JSON, each value refused at its own path (``zones[1].name``,
    ``brackets['EU1'][3][1]``); the card's own checks across its parts (a zone twice, a
    zone without brackets, brackets not rising) at the part they name."""
    _object(data, "", _CARD, "a rate card")
    currency = _convert(RateCard, "currency", _need(data, "currency"), "currency")
    zones = _array(_need(data, "zones"), "zones")

    def scalar(key: str, default: object = None, *, money: bool = False) -> Any:
        value = data.get(key, default)
        if money and value is not None:
            return _at(key, lambda: _charge(value, currency))
        return _convert(RateCard, key, value, key)

    fields = {
        "carrier": _convert(RateCard, "carrier", _need(data, "carrier"), "carrier"),
        "service": _convert(RateCard, "service", _need(data, "service"), "service"),
        "origin": _convert(RateCard, "origin", _need(data, "origin"), "origin"),
        "currency": currency,
        "zones": tuple(_zone(zone, f"zones[{index}]") for index, zone in enumerate(zones)),
        "brackets": _brackets(data, currency),
        "per_extra_kg": _charges(data, "per_extra_kg", currency),
        "divisor": scalar("divisor", _need(data, "divisor")),
        "increment": scalar("increment", _need(data, "increment")),
        "dimension_rounding": _at(
            "dimension_rounding", lambda: _dimension_rounding(data), named=True
        ),
        "max_weight_kg": scalar("max_weight_kg"),
        "fuel_surcharge_percent": scalar("fuel_surcharge_percent", "0"),
        "remote_postcodes": _remote(data),
        "remote_surcharge": scalar("remote_surcharge", money=True),
        "oversize_cm": scalar("oversize_cm"),
        "oversize_surcharge": scalar("oversize_surcharge", money=True),
    }
    return _at("", lambda: RateCard(**fields, example=example), named=True)


@context_free
def example_rate_cards() -> tuple[RateCard, ...]:
    """The bundled EXAMPLE rate cards (invented prices, for docs and tests)."""
    return _example_cards()


@cache
def _example_cards() -> tuple[RateCard, ...]:
    """The bundled cards, read once (a constant, not state: the cards are frozen)."""
    text = package_files("commercekit.shipping").joinpath("_data/example_rate_cards.json")
    data = json.loads(text.read_text("utf-8"), parse_float=Decimal)  # our file: exact
    return tuple(_card(card, example=True) for card in data["cards"])
