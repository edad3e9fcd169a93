"""The one cattrs converter: commercekit's value objects to and from JSON-ready data.

The shapes (DESIGN, Boundaries): money is ``{"amount": "12.34", "currency": "EUR"}``
with the amount a *string*; a ``Decimal`` is a string too; dates and datetimes are
ISO 8601 and a datetime must carry its UTC offset; a time of day is ``"HH:MM"`` and a
time zone its IANA name; enums are their values; sets are sorted lists. JSON numbers
are refused wherever a decimal is expected: ``12.34`` read by a JSON parser is a
binary float, and floats are not money.

Every hook is strict where cattrs' defaults are lenient; the scalars' hooks are in
``_scalars``, arrays' and objects' in ``_containers`` (an array must be a JSON array,
a mapping a JSON object), value objects' in ``_objects`` (a refusal lands on its
field, a wrong shape lists the fields). This module registers them, and holds the
shapes of the value objects that need more than their fields (offers by their
``"type"``, a buyer's tax id, a tier's minimum and its percent or amount).

A structuring failure anywhere, however deep, becomes one
[`InvalidJsonError`][commercekit.errors.InvalidJsonError] naming the field by its path
(``cart.lines[0].unit_price.amount``) and saying what is wrong; ``_locate`` finds it.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import attrs
import cattrs
import moneyed
from cattrs.errors import BaseValidationError
from cattrs.gen import make_dict_unstructure_fn, override

from commercekit import tax
from commercekit._numbers import context_free
from commercekit.errors import (
    CommerceKitError,
    InputKind,
    InvalidJsonError,
    InvalidTaxIdError,
    shown,
)
from commercekit.money import Money, RateTable
from commercekit.pricing import (
    AmountOff,
    BundlePrice,
    BuyXGetY,
    Cart,
    FixedPrice,
    FreeShipping,
    Offer,
    PercentOff,
    Tier,
    Tiered,
)
from commercekit.serde._containers import is_set, register_containers
from commercekit.serde._locate import locate
from commercekit.serde._objects import AT_LEAST_ONE, json_fields, make_object_hook
from commercekit.serde._scalars import (
    country,
    json_object,
    json_type,
    read_bool,
    read_clock,
    read_date,
    read_datetime,
    read_decimal,
    read_enum,
    read_int,
    read_money,
    read_str,
    read_timezone,
    shown_choice,
    write_clock,
    write_decimal,
    write_money,
    write_timezone,
)
from commercekit.tax import Buyer, Seller, ServiceFacts, validate_tax_id

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


def _unstructure_set(values: AbstractSet[Any]) -> list[Any]:
    return sorted(converter.unstructure(value) for value in values)


converter.register_structure_hook(str, read_str)
converter.register_structure_hook(int, read_int)
converter.register_structure_hook(bool, read_bool)
converter.register_structure_hook(Decimal, read_decimal)
converter.register_unstructure_hook(Decimal, write_decimal)
converter.register_structure_hook(Money, read_money)
converter.register_unstructure_hook(Money, write_money)
# A plain py-moneyed amount (from django-money, say) has the same shape once checked:
# one with NaN or a float's digits must not reach JSON unnoticed.
converter.register_structure_hook(moneyed.Money, read_money)
converter.register_unstructure_hook(
    moneyed.Money, lambda money: write_money(Money.from_moneyed(money))
)
converter.register_structure_hook(date, read_date)
converter.register_unstructure_hook(date, date.isoformat)
converter.register_structure_hook(datetime, read_datetime)
converter.register_unstructure_hook(datetime, datetime.isoformat)
converter.register_structure_hook(time, read_clock)
converter.register_unstructure_hook(time, write_clock)
converter.register_structure_hook(ZoneInfo, read_timezone)
converter.register_unstructure_hook(ZoneInfo, write_timezone)
# StrEnum too: its members are strs, and the hook for str would otherwise catch them.
converter.register_structure_hook(enum.Enum, read_enum)
converter.register_structure_hook(enum.StrEnum, read_enum)
converter.register_unstructure_hook(enum.Enum, lambda member: member.value)
converter.register_unstructure_hook(enum.StrEnum, lambda member: member.value)
register_containers(converter)
converter.register_unstructure_hook_factory(is_set, lambda _: _unstructure_set)
# A decision's reasons in a JSON caller's words, where a rule has them of its own.
converter.register_unstructure_hook(
    tax.Rule, lambda rule: {"text": rule.json, "source": rule.source}
)


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
        kind=InputKind.AMOUNT,
    )


def _tier(value: object, kind: object) -> Tier:
    # The rule's own message shows a Python call; say which JSON fields to give.
    data = json_object(value, json_fields(Tier))
    given = [key for key in ("percent", "amount") if data.get(key) is not None]
    if len(given) != 1:
        raise InvalidJsonError(
            "",
            f"gives {'both' if given else 'neither'} a percent {'and' if given else 'nor'}"
            ' an amount; give exactly one: "percent" (such as "10") or "amount" (money '
            'such as {"amount": "10.00", "currency": "EUR"})',
        )
    return _tier_fields(data, kind)


def _offer(value: object, _: object) -> Offer:
    data = json_object(value, 'an offer such as {"type": "percent_off", "percent": "10"}')
    tag = data.get("type")
    kind = OFFER_TYPES.get(tag) if isinstance(tag, str) else None
    if kind is None:
        known = ", ".join(OFFER_TYPES)
        wrong = (
            "is missing"
            if "type" not in data
            else f"{shown_choice(tag)} is not an offer type"
        )
        raise InvalidJsonError(
            "type",
            f"{wrong}; use one of: {known}",
            kind=InputKind.CHOICE,
            choices=OFFER_TYPES,
        )
    fields = {key: item for key, item in data.items() if key != "type"}
    return converter.structure(fields, kind)


def _unstructure_offer(offer: Offer) -> dict[str, Any]:
    tag = _OFFER_TAGS[type(offer)]
    fields: dict[str, Any] = _offer_fields(tag)(offer)
    return {"type": tag, **fields}


def _buyer(value: object, _: object) -> Buyer:
    data = dict(json_object(value, "a buyer object"))
    text = data.pop("tax_id", None)
    buyer = _buyer_fields(data, Buyer)
    if text is None:
        return buyer
    if not isinstance(text, str):
        raise InvalidJsonError(
            "tax_id",
            f'is {json_type(text)}; expected a string such as "DE136695976"',
            kind=InputKind.TEXT,
        )
    # AU, NZ, CA and IN numbers carry no country prefix: the buyer's country says whose.
    country = buyer.country if buyer.country in _UNPREFIXED else None
    try:
        tax_id = validate_tax_id(text, country)
    except InvalidTaxIdError as error:
        raise InvalidJsonError(
            "tax_id", _tax_id_reason(error), kind=InputKind.TEXT
        ) from None
    except CommerceKitError as error:
        raise InvalidJsonError("tax_id", str(error), kind=InputKind.TEXT) from None
    return Buyer(buyer.country, buyer.postcode, buyer.subdivision, tax_id)


_UNPREFIXED = ("AU", "NZ", "CA", "IN")


def _tax_id_reason(error: InvalidTaxIdError) -> str:
    if error.country != "unknown":
        return str(error)
    # The rule's own hint names a Python argument; in JSON the buyer's country says it.
    return (
        f"{shown(error.text)} has no country prefix commercekit knows; write the number "
        f'with its country\'s prefix, as in "DE136695976", or, for an Australian, New '
        f'Zealand or Canadian number (written without one), set the buyer\'s "country" '
        f'to "AU", "NZ" or "CA"'
    )


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
    """cattrs' structure function for the attrs class ``cls``: a JSON object, each
    refusal at its field (see ``_objects``)."""
    return make_object_hook(converter, cls, **overrides)


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


@functools.cache
def _offer_fields(tag: str) -> Callable[[Offer], dict[str, Any]]:
    """cattrs' generated function writing the fields of the offer ``tag`` names (built
    on first use)."""
    return make_dict_unstructure_fn(OFFER_TYPES[tag], converter)


for _kind in OFFER_TYPES.values():
    converter.register_unstructure_hook(_kind, _unstructure_offer)
_tier_fields = object_hook(Tier, minimum=override(struct_hook=_tier_minimum))
converter.register_structure_hook(Tier, _tier)
AT_LEAST_ONE.update({Cart: "lines", Tiered: "tiers"})
converter.register_structure_hook(
    RateTable, object_hook(RateTable, _ratios=override(omit=True))
)
# A service not sold through an operator writes no s. 9(5) facts (as before they were).
converter.register_unstructure_hook_factory(
    lambda cls: cls is ServiceFacts,
    lambda cls: make_dict_unstructure_fn(
        cls,
        converter,
        operator_service=override(omit_if_default=True),
        supplier_liable_to_register=override(omit_if_default=True),
        at_specified_premises=override(omit_if_default=True),
    ),
)


def _is_rate_facts(cls: object) -> bool:
    # By name first: India's rules are imported only to write a class of that name.
    return getattr(cls, "__name__", None) == "RateFacts" and cls is tax.RateFacts


def _sale_line_rate_facts(value: object, _: object) -> object:
    """A sale line's ``rate_facts``: India's rules are imported when they are given."""
    if value is None:
        return None
    return converter.structure(value, tax.RateFacts)


# A sale line states India's rate facts only where given (written only then).
converter.register_structure_hook(
    tax.SaleLine,
    object_hook(tax.SaleLine, rate_facts=override(struct_hook=_sale_line_rate_facts)),
)
converter.register_unstructure_hook_factory(
    lambda cls: cls is tax.SaleLine,
    lambda cls: make_dict_unstructure_fn(
        cls, converter, rate_facts=override(omit_if_default=True)
    ),
)
# Rate facts write only what is said: every fact left None is not written.
converter.register_unstructure_hook_factory(
    _is_rate_facts,
    lambda cls: make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True),
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
