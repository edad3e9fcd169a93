"""The one cattrs converter: commercekit's value objects to and from JSON-ready data.

The shapes (DESIGN, Boundaries): money is ``{"amount": "12.34", "currency": "EUR"}``
with the amount a *string*; a ``Decimal`` is a string too; dates and datetimes are
ISO 8601 and a datetime must carry its UTC offset; enums are their values; sets are
sorted lists. JSON numbers are refused wherever a decimal is expected: ``12.34`` read
by a JSON parser is a binary float, and floats are not money.

Every hook is strict where cattrs' defaults are lenient; the scalars' hooks are in
``_scalars``. This module registers them, and holds the shapes of the value objects
that need more than their fields (offers by their ``"type"``, a buyer's tax id, a
tier's minimum).

A structuring failure anywhere, however deep, becomes one
[`InvalidJsonError`][commercekit.errors.InvalidJsonError] naming the field by its path
(``cart.lines[0].unit_price.amount``) and saying what is wrong; ``_locate`` finds it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import BaseValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from commercekit._numbers import context_free
from commercekit.errors import CommerceKitError, InputKind, InvalidJsonError, shown
from commercekit.money import Money, RateTable
from commercekit.pricing import (
    AmountOff,
    BundlePrice,
    BuyXGetY,
    FixedPrice,
    FreeShipping,
    Offer,
    PercentOff,
    Tier,
    Tiered,
)
from commercekit.serde._locate import locate
from commercekit.serde._scalars import (
    country,
    json_object,
    json_type,
    read_bool,
    read_date,
    read_datetime,
    read_decimal,
    read_enum,
    read_int,
    read_money,
    read_str,
    write_decimal,
    write_money,
)
from commercekit.tax import Buyer, Seller, validate_tax_id

__all__ = ["OFFER_TYPES", "converter", "country", "locate", "structure"]

converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
"""commercekit's cattrs converter: the one place JSON shapes are defined."""

OFFER_TYPES: dict[str, type[Offer]] = {
    "percent_off": PercentOff,
    "amount_off": AmountOff,
    "fixed_price": FixedPrice,
    "buy_x_get_y": BuyXGetY,
    "tiered": Tiered,
    "bundle_price": BundlePrice,
    "free_shipping": FreeShipping,
}
"""The ``"type"`` of each offer in JSON, and the offer class it stands for."""

_T = TypeVar("_T")
_OFFER_TAGS = {cls: tag for tag, cls in OFFER_TYPES.items()}


def _is_set(kind: Any) -> bool:
    return kind in (frozenset, set) or get_origin(kind) in (frozenset, set, AbstractSet)


def _set_hook(kind: Any) -> Callable[[object, object], frozenset[Any]]:
    (item,) = get_args(kind) or (Any,)
    items = converter.get_structure_hook(tuple[item, ...])  # type: ignore[valid-type]  # built at run time

    def structure_set(value: object, _: object) -> frozenset[Any]:
        if not isinstance(value, list):
            raise InvalidJsonError("", f"is {json_type(value)}; expected a JSON array")
        found = items(value, tuple)
        unique = frozenset(found)
        if len(unique) != len(found):
            raise InvalidJsonError("", "lists an item twice; give each once")
        return unique

    return structure_set


def _unstructure_set(values: AbstractSet[Any]) -> list[Any]:
    return sorted(converter.unstructure(value) for value in values)


converter.register_structure_hook(str, read_str)
converter.register_structure_hook(int, read_int)
converter.register_structure_hook(bool, read_bool)
converter.register_structure_hook(Decimal, read_decimal)
converter.register_unstructure_hook(Decimal, write_decimal)
converter.register_structure_hook(Money, read_money)
converter.register_unstructure_hook(Money, write_money)
converter.register_structure_hook(date, read_date)
converter.register_unstructure_hook(date, date.isoformat)
converter.register_structure_hook(datetime, read_datetime)
converter.register_unstructure_hook(datetime, datetime.isoformat)
# StrEnum too: its members are strs, and the hook for str would otherwise catch them.
converter.register_structure_hook(enum.Enum, read_enum)
converter.register_structure_hook(enum.StrEnum, read_enum)
converter.register_unstructure_hook(enum.Enum, lambda member: member.value)
converter.register_structure_hook_factory(_is_set, _set_hook)
converter.register_unstructure_hook_factory(_is_set, lambda _: _unstructure_set)


# --- value objects -------------------------------------------------------------------


def _tier_minimum(value: object, _: object) -> int | Money:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, Mapping):
        return read_money(value, Money)
    raise InvalidJsonError(
        "",
        f"is {json_type(value)}; a tier's minimum is a number of units (a whole "
        f"number) or a subtotal (money)",
    )


def _offer(value: object, _: object) -> Offer:
    data = json_object(value, 'an offer such as {"type": "percent_off", "percent": "10"}')
    tag = data.get("type")
    kind = OFFER_TYPES.get(tag) if isinstance(tag, str) else None
    if kind is None:
        known = ", ".join(OFFER_TYPES)
        field = "type" if "type" in data else ""
        raise InvalidJsonError(
            field,
            f"{shown(tag)} is not an offer type; use one of: {known}",
            kind=InputKind.CHOICE,
            choices=OFFER_TYPES,
        )
    fields = {key: item for key, item in data.items() if key != "type"}
    return converter.structure(fields, kind)


def _unstructure_offer(offer: Offer) -> dict[str, Any]:
    fields: dict[str, Any] = _OFFER_FIELDS[type(offer)](offer)
    return {"type": _OFFER_TAGS[type(offer)], **fields}


def _buyer(value: object, _: object) -> Buyer:
    data = dict(json_object(value, "a buyer object"))
    text = data.pop("tax_id", None)
    buyer = _buyer_fields(data, Buyer)
    if text is None:
        return buyer
    if not isinstance(text, str):
        raise InvalidJsonError("tax_id", f"is {json_type(text)}; expected a string")
    # AU, NZ and CA numbers carry no country prefix: the buyer's country says whose.
    country = buyer.country if buyer.country in ("AU", "NZ", "CA") else None
    try:
        tax_id = validate_tax_id(text, country)
    except CommerceKitError as error:
        raise InvalidJsonError("tax_id", str(error)) from None
    return Buyer(buyer.country, buyer.postcode, buyer.subdivision, tax_id)


def _unstructure_buyer(buyer: Buyer) -> dict[str, Any]:
    # A registry verification is a live check's record, not input: it is not carried.
    data: dict[str, Any] = {"country": buyer.country}
    for key in ("postcode", "subdivision"):
        if getattr(buyer, key) is not None:
            data[key] = getattr(buyer, key)
    if buyer.tax_id is not None:
        data["tax_id"] = str(buyer.tax_id)
    return data


def object_hook(cls: type[_T], **overrides: Any) -> Callable[[object, object], _T]:
    """cattrs' structure function for the attrs class ``cls``, refusing anything but a
    JSON object first (so an array where an object belongs is named, not a crash)."""
    fields = make_dict_structure_fn(cls, converter, **overrides)

    def structure_object(value: object, kind: object) -> _T:
        return fields(json_object(value, f"a JSON object ({cls.__name__})"), kind)

    return structure_object


converter.register_structure_hook_factory(attrs.has, lambda cls: object_hook(cls))  # noqa: PLW0108  # cattrs passes the converter to a two-argument factory

_buyer_fields = object_hook(
    Buyer,
    country=override(struct_hook=country),
    tax_id=override(omit=True),
    verification=override(omit=True),
)
converter.register_structure_hook(Buyer, _buyer)
converter.register_unstructure_hook(Buyer, _unstructure_buyer)
converter.register_structure_hook(
    Seller, object_hook(Seller, country=override(struct_hook=country))
)
converter.register_structure_hook(Offer, _offer)
_OFFER_FIELDS = {
    kind: make_dict_unstructure_fn(kind, converter) for kind in OFFER_TYPES.values()
}
for _kind in OFFER_TYPES.values():
    converter.register_unstructure_hook(_kind, _unstructure_offer)
converter.register_structure_hook(
    Tier,
    object_hook(Tier, minimum=override(struct_hook=_tier_minimum)),
)
converter.register_structure_hook(
    RateTable, object_hook(RateTable, _ratios=override(omit=True))
)


@context_free
def structure(data: object, kind: type[_T], path: str = "") -> _T:
    """``data`` as a ``kind``, or one InvalidJsonError naming the field that is wrong."""
    if kind is None:
        raise InvalidJsonError(path, "cannot be read as None: pass the class to read")
    if not isinstance(path, str):
        raise InvalidJsonError("", f"has the path {shown(path)}; pass the path as a str")
    try:
        return converter.structure(data, kind)
    except (BaseValidationError, CommerceKitError, ValueError, TypeError) as error:
        raise locate(error, path) from None
    except cattrs.StructureHandlerNotFoundError:
        raise InvalidJsonError(
            path, f"cannot be read as {shown(kind)}: JSON has no shape for it"
        ) from None
