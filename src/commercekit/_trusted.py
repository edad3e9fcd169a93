"""Building the library's own values without checking them again.

``trusted``, ``trusted_builder`` and ``trusted_evolve`` are the other side of "validate
when built": the library's own results, made from values it has already checked, are
built without running the checks again on its hot paths (a quote builds thousands of
lines). ``tests/test_trusted.py`` holds each trusted build to the checked one.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any, TypeVar, cast

import attrs

__all__ = ["trusted", "trusted_builder", "trusted_evolve"]

_Kind = TypeVar("_Kind")


def _filling(cls: type, names: list[str]) -> type | None:
    """A subclass of ``cls`` whose instances take their slots ``names`` by plain
    stores (``made.name = value``, one step of the interpreter) until their class is
    set back to ``cls``; ``None`` where ``cls`` has a ``__dict__`` (Money) or a field
    outside a slot.

    A frozen class refuses ``made.name = value`` in its ``__setattr__``; filling its
    slots through each slot's descriptor instead costs a call per field, more than
    half of building a quote line (eleven fields). The subclass adds no slot, so its
    instances have ``cls``'s layout and ``__class__`` can be set back; its
    ``__setattr__`` and ``__delattr__`` are both ``object``'s (they share one slot of
    the type: with either one written in Python, every store calls it).

    The price: once built, ``cls.__subclasses__()`` lists ``_Filling<cls>`` (no value
    of that class outlives its build). Code that dispatches on a class's subclasses
    (cattrs' ``include_subclasses`` strategy applied to one of these classes) sees it;
    filling through the descriptors instead would cost some 270 ns a quote line."""
    slots = [getattr(cls, name, None) for name in names]
    if cls.__dictoffset__ or not all(
        isinstance(slot, types.MemberDescriptorType) for slot in slots
    ):
        return None
    plain = {"__setattr__": object.__setattr__, "__delattr__": object.__delattr__}
    return type(f"_Filling{cls.__name__}", (cls,), {"__slots__": (), **plain})


_BUILDERS: dict[type, Callable[..., Any]] = {}


def trusted_builder(cls: type[_Kind]) -> Callable[..., _Kind]:
    """``trusted`` for one class, as a function of one keyword per field that fills
    each slot: what a hot path keeps at hand (``trusted`` passes its keywords on once
    more, which doubles the cost of each value). Written once per class the library
    builds trusted: a few dozen (Money among them)."""
    found = _BUILDERS.get(cls)
    if found is None:
        found = _BUILDERS[cls] = _written_builder(cls)
    return found


def _written_builder(cls: type) -> Callable[..., Any]:
    """The function of ``trusted_builder``, written out for ``cls``'s fields as attrs
    writes its ``__init__``, without the converters and validators (a loop over the
    fields costs twice as much); a class not of attrs (Money) as its ``__init__``
    stores its parameters, each in the attribute of its name. A slotted class is
    filled as its ``_filling`` subclass, then given its own class back. Python itself
    refuses a field not given or not known, with a ``TypeError`` naming it."""
    code = cast(Any, cls).__init__.__code__  # after self: its parameters
    names = (
        [f.name for f in attrs.fields(cls)]
        if attrs.has(cls)
        else code.co_varnames[1 : code.co_argcount]
    )
    filling = _filling(cls, names)
    body = "".join(f"    made.{name} = {name}\n" for name in names)
    if filling is not None:
        body += "    made.__class__ = _cls\n"
    elif cls.__setattr__ is not cast(Any, object.__setattr__):  # frozen, no slots
        body = "".join(f"    _set(made, {name!r}, {name})\n" for name in names)
    head = f"def build(*, {', '.join(names)}):\n    made = _new(_made)\n"
    source = f"{head}{body}    return made\n"
    namespace: dict[str, Any] = {
        "_new": object.__new__,
        "_cls": cls,
        "_made": cls if filling is None else filling,
        "_set": object.__setattr__,
    }
    exec(source, namespace)  # noqa: S102  # the source is built from the fields' names only
    return namespace["build"]  # type: ignore[no-any-return]  # exec's namespace is Any


def trusted(cls: type[_Kind], **values: Any) -> _Kind:
    """A value object built from values the library itself computed from checked
    inputs, without re-running the checks its constructor makes on a caller's values.

    The quote builds thousands of lines, taxes and amounts; checking each again would
    double its time. Every field must be given, exactly as stored (nothing converts)."""
    return trusted_builder(cls)(**values)


def trusted_evolve(value: _Kind, **changes: Any) -> _Kind:
    """``attrs.evolve`` for a value the library checked, changed to values it checked:
    the checks are not run again (see ``trusted``). A value of a caller's own subclass
    (a cart the quote is given) is evolved by ``attrs.evolve``: its class's checks and
    ``__attrs_post_init__`` are the caller's, and no class is made under it."""
    cls = type(value)
    if not cls.__module__.startswith("commercekit."):
        return attrs.evolve(value, **changes)  # type: ignore[misc]  # an attrs value
    fields = {field.name: getattr(value, field.name) for field in attrs.fields(cls)}  # type: ignore[arg-type]
    return trusted(cls, **(fields | changes))
