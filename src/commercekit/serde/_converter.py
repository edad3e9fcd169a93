"""The one cattrs converter: commercekit's value objects to and from JSON-ready data.

The shapes (DESIGN, Boundaries): money is ``{"amount": "12.34", "currency": "EUR"}``
with the amount a *string*; a ``Decimal`` is a string too; dates and datetimes are
ISO 8601 and a datetime must carry its UTC offset; enums are their values; sets are
sorted lists. JSON numbers are refused wherever a decimal is expected: ``12.34`` read
by a JSON parser is a binary float, and floats are not money.

Every hook is strict where cattrs' defaults are lenient: ``int("3")``, ``str(5)`` and
``bool("no")`` would all quietly accept the wrong thing, so here an int must be a JSON
integer, a string a JSON string, a flag ``true`` or ``false``.

A structuring failure anywhere, however deep, becomes one
[`InvalidJsonError`][commercekit.errors.InvalidJsonError] naming the field by its path
(``cart.lines[0].unit_price.amount``) and saying what is wrong.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from commercekit._numbers import RANGE, context_free
from commercekit.errors import CommerceKitError, InvalidAmountError, InvalidJsonError, shown
from commercekit.money import Money, RateTable, to_decimal
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
from commercekit.regions import check_country
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


def _json_type(value: object) -> str:
    """What a parsed JSON value is, in the words of JSON (for error messages)."""
    if value is None or isinstance(value, bool):
        return f"the JSON value {json.dumps(value)}"
    if isinstance(value, int | float):
        return f"the JSON number {shown(value)}"
    if isinstance(value, str):
        return f"the string {shown(value)}"
    kinds = ((Mapping, "a JSON object"), (list | tuple, "a JSON array"))
    return next((name for kind, name in kinds if isinstance(value, kind)), shown(value))


def _object(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidJsonError("", f"is {_json_type(value)}; expected {what}")
    return value


# --- scalars -------------------------------------------------------------------------


# What the shipped JSON Schema accepts, and so exactly what the reader accepts: ASCII
# digits only (Python's Decimal() and fromisoformat() read far more: "1e3", "+5", " 5",
# "1_000", Arabic-Indic digits, week dates).
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?"  # optional here, to say "no UTC offset" when missing
)


def _str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise InvalidJsonError("", f"is {_json_type(value)}; expected a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidJsonError(
            "", "holds a lone surrogate (\\ud800-\\udfff), which is not text"
        ) from None
    return value


def _int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidJsonError("", f"is {_json_type(value)}; expected a whole number")
    return value


def _bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidJsonError("", f"is {_json_type(value)}; expected true or false")
    return value


def _decimal(value: object, _: object) -> Decimal:
    if not isinstance(value, str):
        raise InvalidJsonError(
            "",
            f'is {_json_type(value)}; write decimals as strings such as "0.84" '
            f"(a JSON number is read as a binary float, which cannot hold most decimals "
            f"exactly)",
        )
    try:
        if not _DECIMAL.fullmatch(value):
            raise InvalidAmountError(value, "is not written as the schema says")
        return to_decimal(value, "decimal")
    except InvalidAmountError:
        raise InvalidJsonError("", _decimal_problem(value)) from None


def _decimal_problem(text: str) -> str:
    if _DECIMAL.fullmatch(text):  # written right, but outside the library's range
        return f"{shown(text)} is out of range: {RANGE}"
    return f'{shown(text)} is not a decimal number; write e.g. "12.34"'


def _plain(number: Decimal) -> str:
    # Fixed-point, never "1E+2": readable, and Decimal() reads back the same value.
    return format(number, "f")


def _money(value: object, _: object) -> Money:
    data = _object(value, 'money as {"amount": "12.34", "currency": "EUR"}')
    missing = [key for key in ("amount", "currency") if key not in data]
    if missing:
        raise InvalidJsonError(missing[0], "is missing; money is an amount and a currency")
    extra = sorted(set(data) - {"amount", "currency"})
    if extra:
        raise InvalidJsonError(extra[0], "is not a field of money (amount, currency)")
    amount, currency = data["amount"], data["currency"]
    if not isinstance(amount, str):
        raise InvalidJsonError(
            "amount",
            f'is {_json_type(amount)}; write money amounts as strings such as "12.34" '
            f"(floats are not money)",
        )
    if not isinstance(currency, str):
        raise InvalidJsonError(
            "currency", f"is {_json_type(currency)}; expected an ISO 4217 code like 'EUR'"
        )
    try:
        if not _DECIMAL.fullmatch(amount):
            raise InvalidAmountError(amount, "is not written as the schema says")
        number = to_decimal(amount, "amount")
    except InvalidAmountError:
        raise InvalidJsonError("amount", _decimal_problem(amount)) from None
    try:
        return Money(number, currency)
    except CommerceKitError as error:
        raise InvalidJsonError("currency", str(error)) from None


def _unstructure_money(money: Money) -> dict[str, str]:
    return {"amount": _plain(money.amount), "currency": money.currency.code}


def _date(value: object, _: object) -> date:
    if not isinstance(value, str):
        raise InvalidJsonError("", f"is {_json_type(value)}; expected a date 'YYYY-MM-DD'")
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidJsonError(
            "", f"{shown(value)} is not an ISO 8601 date 'YYYY-MM-DD'"
        ) from None


def _datetime(value: object, _: object) -> datetime:
    example = "'2026-11-26T12:00:00+01:00'"
    if not isinstance(value, str):
        raise InvalidJsonError(
            "", f"is {_json_type(value)}; expected an ISO 8601 datetime such as {example}"
        )
    try:
        if not _DATETIME.fullmatch(value):
            raise ValueError(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidJsonError(
            "", f"{shown(value)} is not an ISO 8601 datetime such as {example}"
        ) from None
    if moment.utcoffset() is None:
        raise InvalidJsonError(
            "",
            f"{shown(value)} has no UTC offset, so it is no single moment; add one, as in "
            f"{example} or 'Z' for UTC",
        )
    return moment


def country(value: object, _: object) -> str:
    """A country code (or ``XI``, Northern Ireland as VAT names it)."""
    code = _str(value, None)
    if code.upper() == "XI":
        return "XI"
    try:
        return check_country(code)
    except CommerceKitError as error:
        raise InvalidJsonError("", str(error)) from None


def _enum(value: object, kind: type[enum.Enum]) -> enum.Enum:
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(repr(member.value) for member in kind)
        raise InvalidJsonError(
            "", f"{shown(value)} is not a {kind.__name__}; use one of: {known}"
        ) from None


def _is_set(kind: Any) -> bool:
    return kind in (frozenset, set) or get_origin(kind) in (frozenset, set, AbstractSet)


def _set_hook(kind: Any) -> Callable[[object, object], frozenset[Any]]:
    (item,) = get_args(kind) or (Any,)
    items = converter.get_structure_hook(tuple[item, ...])  # type: ignore[valid-type]  # built at run time

    def structure_set(value: object, _: object) -> frozenset[Any]:
        if not isinstance(value, list):
            raise InvalidJsonError("", f"is {_json_type(value)}; expected a JSON array")
        found = items(value, tuple)
        unique = frozenset(found)
        if len(unique) != len(found):
            raise InvalidJsonError("", "lists an item twice; give each once")
        return unique

    return structure_set


def _unstructure_set(values: AbstractSet[Any]) -> list[Any]:
    return sorted(converter.unstructure(value) for value in values)


converter.register_structure_hook(str, _str)
converter.register_structure_hook(int, _int)
converter.register_structure_hook(bool, _bool)
converter.register_structure_hook(Decimal, _decimal)
converter.register_unstructure_hook(Decimal, _plain)
converter.register_structure_hook(Money, _money)
converter.register_unstructure_hook(Money, _unstructure_money)
converter.register_structure_hook(date, _date)
converter.register_unstructure_hook(date, date.isoformat)
converter.register_structure_hook(datetime, _datetime)
converter.register_unstructure_hook(datetime, datetime.isoformat)
# StrEnum too: its members are strs, and the hook for str would otherwise catch them.
converter.register_structure_hook(enum.Enum, _enum)
converter.register_structure_hook(enum.StrEnum, _enum)
converter.register_unstructure_hook(enum.Enum, lambda member: member.value)
converter.register_structure_hook_factory(_is_set, _set_hook)
converter.register_unstructure_hook_factory(_is_set, lambda _: _unstructure_set)


# --- value objects -------------------------------------------------------------------


def _tier_minimum(value: object, _: object) -> int | Money:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, Mapping):
        return _money(value, Money)
    raise InvalidJsonError(
        "",
        f"is {_json_type(value)}; a tier's minimum is a number of units (a whole "
        f"number) or a subtotal (money)",
    )


def _offer(value: object, _: object) -> Offer:
    data = _object(value, 'an offer such as {"type": "percent_off", "percent": "10"}')
    tag = data.get("type")
    kind = OFFER_TYPES.get(tag) if isinstance(tag, str) else None
    if kind is None:
        known = ", ".join(OFFER_TYPES)
        field = "type" if "type" in data else ""
        raise InvalidJsonError(
            field, f"{shown(tag)} is not an offer type; use one of: {known}"
        )
    fields = {key: item for key, item in data.items() if key != "type"}
    return converter.structure(fields, kind)


def _unstructure_offer(offer: Offer) -> dict[str, Any]:
    fields: dict[str, Any] = _OFFER_FIELDS[type(offer)](offer)
    return {"type": _OFFER_TAGS[type(offer)], **fields}


def _buyer(value: object, _: object) -> Buyer:
    data = dict(_object(value, "a buyer object"))
    text = data.pop("tax_id", None)
    buyer = _buyer_fields(data, Buyer)
    if text is None:
        return buyer
    if not isinstance(text, str):
        raise InvalidJsonError("tax_id", f"is {_json_type(text)}; expected a string")
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
        return fields(_object(value, f"a JSON object ({cls.__name__})"), kind)

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


# --- errors --------------------------------------------------------------------------


def _join(path: str, step: str) -> str:
    if not step:
        return path
    if not path or step.startswith("["):
        return path + step
    return f"{path}.{step}"


def _reason(error: BaseException) -> str:
    if isinstance(error, KeyError):
        return "is missing"
    if isinstance(error, ForbiddenExtraKeysError):
        extra = ", ".join(repr(key) for key in sorted(error.extra_fields))
        return f"has unknown field(s) {extra}; check the spelling against the schema"
    if isinstance(error, CommerceKitError | ValueError | TypeError):
        return str(error)
    return f"{type(error).__name__}: {error}"


def locate(  # noqa: PLR0911  # one return per kind of cattrs error reads clearest
    error: BaseException, path: str = ""
) -> InvalidJsonError:
    """The first failure inside ``error``, as one error naming the field's full path."""
    if isinstance(error, InvalidJsonError):
        return InvalidJsonError(_join(path, error.field), error.reason)
    if isinstance(error, ForbiddenExtraKeysError):
        first = min(error.extra_fields)
        return InvalidJsonError(
            _join(path, first),
            "is not a known field; check its spelling against the schema",
        )
    if isinstance(error, ClassValidationError | IterableValidationError):
        for inner in error.exceptions:
            for note in getattr(inner, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    if isinstance(inner, KeyError):
                        return InvalidJsonError(_join(path, note.name), "is missing")
                    return locate(inner, _join(path, note.name))
                if isinstance(note, IterableValidationNote):
                    index = note.index
                    step = f"[{index}]" if isinstance(index, int) else f"[{shown(index)}]"
                    return locate(inner, _join(path, step))
        if error.exceptions:
            return locate(error.exceptions[0], path)
    return InvalidJsonError(path, _reason(error))


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
