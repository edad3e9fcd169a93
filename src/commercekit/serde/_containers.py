"""JSON's arrays and objects, read strictly: a list is a JSON array, a mapping an object.

cattrs' defaults read any iterable as a list and anything with ``.items()`` as a
mapping: an object where an array belongs quietly became its keys (``{}`` an empty
list), ``null`` failed deep inside Python, and an array where an object belongs
raised an ``AttributeError``. The shipped JSON Schema says ``"type": "array"`` and
``"type": "object"``, so the reader refuses both here, naming the JSON it found, and
reads each item with its own hook so that a bad item is named by its index or key
(``seller.registrations[0]``, ``products['TEE']``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from decimal import Decimal
from typing import Any, get_args, get_origin

import attrs
import cattrs

from commercekit.errors import InputKind, InvalidJsonError, shown
from commercekit.serde._locate import READ_ERRORS, locate
from commercekit.serde._scalars import json_type

__all__ = ["is_mapping", "is_sequence", "is_set", "register_containers"]

_LIST = InputKind.LIST
_Hook = Callable[[object, object], Any]


def is_set(kind: Any) -> bool:
    return kind in (frozenset, set) or get_origin(kind) in (frozenset, set, AbstractSet)


def is_sequence(kind: Any) -> bool:
    return kind in (tuple, list) or get_origin(kind) in (tuple, list, Sequence)


def is_mapping(kind: Any) -> bool:
    return kind is dict or get_origin(kind) in (dict, Mapping)


def json_array(value: object, what: str) -> list[Any]:
    """``value`` if it is a JSON array; otherwise an error saying ``what`` belongs there."""
    if not isinstance(value, list):
        raise InvalidJsonError(
            "", f"is {json_type(value)}; expected a JSON array of {what}", kind=_LIST
        )
    return value


def _items(value: list[Any], hooks: Sequence[tuple[_Hook, Any]]) -> list[Any]:
    found = []
    for index, (item, (hook, kind)) in enumerate(zip(value, hooks, strict=True)):
        try:
            found.append(hook(item, kind))
        except READ_ERRORS as error:
            raise locate(error, f"[{index}]") from None
    return found


_ITEMS = {str: "strings", int: "whole numbers", Decimal: 'decimal strings ("0.84")'}


def _words(kind: Any) -> str:
    """What the items of an array are, in JSON's words."""
    if kind in _ITEMS:
        return _ITEMS[kind]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return "strings"
    return "JSON objects" if isinstance(kind, type) and attrs.has(kind) else "values"


def _sequence_hook(converter: cattrs.Converter, kind: Any) -> _Hook:
    args = get_args(kind)
    if get_origin(kind) is tuple and args and args[-1] is not Ellipsis:
        hooks = [(converter.get_structure_hook(arg), arg) for arg in args]

        def structure_fixed(value: object, _: object) -> tuple[Any, ...]:
            data = json_array(value, f"exactly {len(hooks)} items")
            if len(data) != len(hooks):
                raise InvalidJsonError(
                    "",
                    f"has {len(data)} items; give exactly {len(hooks)}",
                    kind=_LIST,
                )
            return tuple(_items(data, hooks))

        return structure_fixed
    item = args[0] if args else Any
    hook = converter.get_structure_hook(item)
    made = list if get_origin(kind) is list or kind is list else tuple

    def structure_sequence(value: object, _: object) -> Any:
        data = json_array(value, _words(item))
        return made(_items(data, [(hook, item)] * len(data)))

    return structure_sequence


def _set_hook(converter: cattrs.Converter, kind: Any) -> _Hook:
    (item,) = get_args(kind) or (Any,)
    hook = converter.get_structure_hook(item)

    def structure_set(value: object, _: object) -> frozenset[Any]:
        data = json_array(value, f"distinct {_words(item)}")
        found = _items(data, [(hook, item)] * len(data))
        unique = frozenset(found)
        if len(unique) != len(found):
            raise InvalidJsonError("", "lists an item twice; give each once", kind=_LIST)
        return unique

    return structure_set


def _mapping_hook(converter: cattrs.Converter, kind: Any) -> _Hook:
    key_kind, value_kind = get_args(kind) or (Any, Any)
    keys = converter.get_structure_hook(key_kind)
    values = converter.get_structure_hook(value_kind)

    def structure_mapping(value: object, _: object) -> dict[Any, Any]:
        if not isinstance(value, Mapping):
            raise InvalidJsonError(
                "",
                f"is {json_type(value)}; expected a JSON object whose keys name its "
                "entries",
                kind=_LIST,
            )
        found = {}
        for key, item in value.items():
            try:
                found[keys(key, key_kind)] = values(item, value_kind)
            except READ_ERRORS as error:
                raise locate(error, f"[{shown(key)}]") from None
        return found

    return structure_mapping


def register_containers(converter: cattrs.Converter) -> None:
    """Register the strict hooks for arrays, sets and objects on ``converter``."""
    converter.register_structure_hook_factory(
        is_sequence, lambda kind: _sequence_hook(converter, kind)
    )
    converter.register_structure_hook_factory(
        is_set, lambda kind: _set_hook(converter, kind)
    )
    converter.register_structure_hook_factory(
        is_mapping, lambda kind: _mapping_hook(converter, kind)
    )
