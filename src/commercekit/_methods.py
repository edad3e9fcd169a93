"""One ``__repr__``, ``__eq__`` and ``__hash__`` for every attrs class: what attrs'
generated methods answer, without the methods attrs would generate for each class.

attrs writes the source of each class's methods and compiles it when the class is
built; over the eighty classes a quote imports, its ``__repr__``, ``__eq__`` and
``__hash__`` took about an eighth of the command's start-up (issue 17). A class that
sets them in its body gets none generated (attrs leaves a method the class defines
itself) and answers the same:

* ``attrs_repr``: the class's name, then each field attrs shows (not those with
  ``repr=False``), by its own repr or the callable given as ``repr=``, and ``...`` for
  an object already being printed;
* ``attrs_eq``: ``NotImplemented`` for an object of another class, else whether each
  field compared (not those with ``eq=False``; through its ``eq`` key where given) is
  equal;
* ``attrs_hash``: the hash of the class and its hashed fields (``hash=False`` left
  out), equal for equal objects (a frozen class only: a mutable one has none).

``tests/test_methods.py`` holds them equal to attrs' own.

Examples:
    >>> import attrs
    >>> @attrs.frozen
    ... class Parcel:
    ...     __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    ...     weight_kg: int
    ...     note: str = attrs.field(default="", repr=False, eq=False)
    >>> Parcel(2), Parcel(2, "fragile") == Parcel(2), len({Parcel(2), Parcel(2, "x")})
    (Parcel(weight_kg=2), True, 1)
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from attrs import AttrsInstance

__all__ = ["attrs_eq", "attrs_hash", "attrs_repr", "named_fields"]


def named_fields(
    cls: type, fields: list[attrs.Attribute[Any]]
) -> list[attrs.Attribute[Any]]:
    """An attrs ``field_transformer``: each converter whose second argument is
    ``field`` (``def name(value: object, field: str = "") -> str``) is given its
    field's name, so a refusal names the argument the caller gave (``vat_of=...``),
    never a word of the check's own (``text``).

    Examples:
        >>> def shown(value: object, field: str = "") -> str:
        ...     return f"{field}={value}"
        >>> @attrs.frozen(field_transformer=named_fields)
        ... class Shelf:
        ...     label: str = attrs.field(converter=shown)
        >>> Shelf("A1").label
        'label=A1'
    """
    return [
        field.evolve(converter=_told(field.converter, field.alias or field.name))
        if _takes_field(field.converter)
        else field
        for field in fields
    ]


def _takes_field(converter: object) -> bool:
    code = getattr(converter, "__code__", None)
    return code is not None and code.co_argcount == 2 and code.co_varnames[1] == "field"


def _told(check: Any, name: str) -> Callable[[object], object]:
    def converter(value: object) -> object:
        return check(value, name)

    return converter


_printing = threading.local()
"""The ids of the objects each thread is printing (a cycle prints as ``...``)."""

_Key = Callable[[Any], Any] | None


def attrs_repr(self: AttrsInstance) -> str:
    """``self`` as attrs' generated ``__repr__`` writes it."""
    printing: set[int] = _printing.__dict__.setdefault("ids", set())
    if id(self) in printing:
        return "..."
    printing.add(id(self))
    try:
        fields = ", ".join(
            f"{field.name}="
            + (repr if field.repr is True else field.repr)(
                getattr(self, field.name, attrs.NOTHING)
            )
            for field in attrs.fields(type(self))
            if field.repr is not False
        )
        return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({fields})"
    finally:
        printing.remove(id(self))


@functools.cache
def _compared(cls: type[AttrsInstance]) -> tuple[tuple[str, _Key], ...]:
    return tuple((field.name, field.eq_key) for field in attrs.fields(cls) if field.eq)


@functools.cache
def _hashed(cls: type[AttrsInstance]) -> tuple[tuple[str, _Key], ...]:
    return tuple(
        (field.name, field.eq_key)
        for field in attrs.fields(cls)
        if (field.eq if field.hash is None else field.hash)
    )


def _value(self: AttrsInstance, name: str, key: _Key) -> object:
    value = getattr(self, name)
    return value if key is None else key(value)


def attrs_eq(self: AttrsInstance, other: object) -> bool:
    """Whether ``self`` equals ``other`` as attrs' generated ``__eq__`` decides it."""
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]  # as attrs' own
    return all(
        _value(self, name, key) == _value(other, name, key)
        for name, key in _compared(type(self))
    )


def attrs_hash(self: AttrsInstance) -> int:
    """A hash of ``self`` equal for objects attrs' ``__eq__`` finds equal."""
    cls = type(self)
    return hash((cls, *(_value(self, name, key) for name, key in _hashed(cls))))
