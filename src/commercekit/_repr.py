"""One ``__repr__`` for every attrs class: the text attrs would write, without the
method attrs would generate for each class.

attrs writes the source of each class's ``__repr__`` and compiles it when the class
is built; over the eighty classes a quote imports that is about a tenth of the
command's start-up (issue 17). A class that sets ``__repr__ = attrs_repr`` in its body
gets none generated (attrs leaves a method the class defines itself) and prints the
same: the class's name, then each field attrs shows (not those with ``repr=False``),
by its own repr or the callable given as ``repr=``, and ``...`` for an object
already being printed (``tests/test_repr.py`` holds it equal to attrs' own).

Examples:
    >>> import attrs

if TYPE_CHECKING:
    from attrs import AttrsInstance
    >>> @attrs.frozen
    ... class Parcel:
    ...     __repr__ = attrs_repr
    ...     weight_kg: int
    ...     note: str = attrs.field(default="", repr=False)
    >>> Parcel(2)
    Parcel(weight_kg=2)
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from attrs import AttrsInstance

__all__ = ["attrs_repr"]

_printing = threading.local()
"""The ids of the objects each thread is printing (a cycle prints as ``...``)."""


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
