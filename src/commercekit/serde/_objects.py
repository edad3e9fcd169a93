"""JSON objects read as value objects, with every refusal at the field it is about.

cattrs names the attribute whose hook refused a value, but a value object also checks
its fields when it is built (a subdivision against the country, a currency code that
must be known), and cattrs reports that failure at the object. Here it is put back on
the field: the one the rule names, else the one field (or array item) holding the
refused value. An object's own wrong shape says which fields it has, in JSON's words:
Python's class names mean nothing to a plugin written in another language.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, ClassValidationError
from cattrs.gen import make_dict_structure_fn

from commercekit._json_words import json_reason, json_shown
from commercekit.errors import (
    CommerceKitError,
    InputKind,
    InvalidInputError,
    InvalidJsonError,
    UnknownCurrencyError,
)
from commercekit.money import MINOR_UNITS, Money
from commercekit.serde._locate import locate
from commercekit.serde._scalars import json_object

__all__ = ["AT_LEAST_ONE", "json_fields", "make_object_hook", "placed"]

_T = TypeVar("_T")

AT_LEAST_ONE: dict[type, str] = {}
"""The array field of a class that must hold an item (the schema's ``minItems: 1``),
refused as the empty array it is rather than as the rule the class then breaks."""


def json_fields(cls: type, **overrides: Any) -> str:
    """The fields of ``cls`` as a JSON object holds them: the required ones, then the
    optional ones."""
    names: dict[str, bool] = {}
    for field in attrs.fields(cls):
        given = overrides.get(field.name)
        if field.name.startswith("_") or (given is not None and given.omit):
            continue
        name = given.rename if given is not None and given.rename else field.name
        names[name] = field.default is attrs.NOTHING
    required = [name for name, needed in names.items() if needed]
    optional = [name for name, needed in names.items() if not needed]
    said = f"with {', '.join(required)}" if required else "with"
    if optional:
        said += f"{' and optionally ' if required else ' optionally '}{', '.join(optional)}"
    return f"a JSON object {said}"


def _holding(data: Mapping[str, Any], value: object) -> list[str]:
    """The fields (or array items) of ``data`` holding ``value``, as JSON wrote it."""
    if not isinstance(value, str | int | Money) or isinstance(value, bool):
        return []
    found = []
    for key, given in data.items():
        if _written(given, value):
            found.append(key)
        elif isinstance(given, list):
            found += [
                f"{key}[{index}]"
                for index, item in enumerate(given)
                if _written(item, value)
            ]
    return found


def _same_reason(one: CommerceKitError, other: CommerceKitError) -> bool:
    """Whether two refusals say the same of a value (written or converted)."""
    if isinstance(one, InvalidInputError) and isinstance(other, InvalidInputError):
        return one.reason == other.reason
    return str(one) == str(other)


def _written(given: object, value: object) -> bool:
    """Whether ``given``, as JSON wrote it, is ``value``: the same text or whole number,
    or the money object of a ``Money``."""
    if isinstance(value, Money):
        if not isinstance(given, Mapping) or not isinstance(given.get("amount"), str):
            return False
        written = (given["amount"], given.get("currency"))
        return written == (format(value.amount, "f"), value.currency.code)
    return type(given) is type(value) and given == value


def _refused_by(cls: type, data: Mapping[str, Any], error: CommerceKitError) -> list[str]:
    """The fields of ``data`` whose own converter on ``cls`` refuses them as ``error``
    says (a percent given as ``"-1"`` is refused as the number it converts to)."""
    found = []
    for field in attrs.fields(cls):
        convert = field.converter
        if field.name not in data or not callable(convert):
            continue
        try:
            convert(data[field.name])
        except CommerceKitError as own:
            if type(own) is type(error) and _same_reason(own, error):
                found.append(field.name)
    return found


def _amount_of(error: InvalidInputError, given: object) -> str:
    """``.amount`` where the value refused is money written as a JSON object and its
    amount is what no rule takes (negative, zero, a digit below the minor unit): the
    amount is the leaf at fault, not the money object. Money refused for its currency
    (or for being too much) is named at the money object."""
    value = error.value
    if not isinstance(value, Money) or error.kind is not InputKind.AMOUNT:
        return ""
    amount = value.amount
    exponent = amount.as_tuple().exponent
    finer = isinstance(exponent, int) and -exponent > MINOR_UNITS[value.currency.code]
    wrong = amount <= 0 or finer
    return ".amount" if wrong and isinstance(given, Mapping) and "amount" in given else ""


def placed(
    error: CommerceKitError, data: Mapping[str, Any], cls: type | None = None
) -> InvalidJsonError | None:
    """A rule's refusal of a value in ``data``, at the field holding it (or None): the
    field the rule names, or the one field (or array item) holding the value, or the
    one field whose converter on ``cls`` refuses it."""
    if isinstance(error, InvalidInputError):
        value, reason, kind = error.value, json_reason(error), error.kind
        choices = error.choices
    elif isinstance(error, UnknownCurrencyError):
        value, kind, choices = error.code, InputKind.TEXT, ()
        reason = f"{json_shown(value)} {error.reason}"
    else:
        return None
    field = getattr(error, "field", None)
    named = _holding(data, value)
    if isinstance(field, str) and field.partition("[")[0] in data and field not in data:
        named = [field]  # an item the rule names inside a field (``rates['USD']``)
    elif isinstance(field, str) and field in data:
        # The rule names the field; an array's item holding the value names it better.
        named = [name for name in named if name.startswith(f"{field}[")] or [field]
    if not named and cls is not None and attrs.has(cls):
        named = _refused_by(cls, data, error)
    if len(named) != 1:
        return None
    if isinstance(error, InvalidInputError):
        named[0] += _amount_of(error, data.get(named[0]))
    return InvalidJsonError(named[0], reason, kind=kind, choices=choices)


def _renamed(error: InvalidJsonError, renames: Mapping[str, str]) -> InvalidJsonError:
    for name, key in renames.items():
        if error.field == name or error.field.startswith((f"{name}.", f"{name}[")):
            field = key + error.field.removeprefix(name)
            return InvalidJsonError(
                field, error.reason, kind=error.kind, choices=error.choices
            )
    return error


def _refusal(
    error: ClassValidationError,
    data: Mapping[str, Any],
    renames: Mapping[str, str],
    cls: type,
) -> InvalidJsonError:
    inner = error.exceptions[0] if len(error.exceptions) == 1 else None
    notes = getattr(inner, "__notes__", ())
    built = not any(isinstance(note, AttributeValidationNote) for note in notes)
    if built and isinstance(inner, CommerceKitError):
        # The class refused what its fields' hooks read: put it on the field.
        found = placed(inner, data, cls)
        if found is not None:
            return found
    return _renamed(locate(error), renames)


def make_object_hook(
    converter: cattrs.Converter, cls: type[_T], **overrides: Any
) -> Callable[[object, object], _T]:
    """cattrs' structure function for the attrs class ``cls``: a JSON object first
    (an array where an object belongs is named, not a crash), each refusal at its
    field."""
    # Built on first use: cattrs compiles each function it generates, and a quote
    # request holds few of the classes that have one. The function that reads an
    # object is cattrs' plain one; an object it refuses is read again by its detailed
    # one, which says which field failed and why (the same hooks on the same data,
    # so the same failure) but is twice the code to compile: a request that is
    # right never compiles it.
    fields = functools.cache(
        lambda: make_dict_structure_fn(
            cls, converter, _cattrs_detailed_validation=False, **overrides
        )
    )
    detailed = functools.cache(
        lambda: make_dict_structure_fn(
            cls, converter, _cattrs_detailed_validation=True, **overrides
        )
    )
    shape = functools.cache(lambda: json_fields(cls, **overrides))
    renames = {name: given.rename for name, given in overrides.items() if given.rename}

    def structure_object(value: object, kind: object) -> _T:
        data = json_object(value, shape())
        needed = AT_LEAST_ONE.get(cls)
        if needed is not None and data.get(needed) == []:
            raise InvalidJsonError(
                needed, "is an empty JSON array; give at least one", kind=InputKind.LIST
            )
        try:
            return fields()(data, kind)
        except Exception:  # noqa: S110  # read again below, to say where
            pass
        try:
            return detailed()(data, kind)
        except ClassValidationError as error:
            raise _refusal(error, data, renames, cls) from None

    return structure_object
