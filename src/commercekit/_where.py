"""Where a refusal points in a request: the JSON path of the field refused.

A value refused while a request is read is named by the converter's path
(``cart.lines[0].quantity``). A refusal raised later, by the rule applied to what the
request held, names the rule's own argument (``rates``, ``postcode``,
``products['MUG'].weight_kg``) or nothing; a [`Where`][commercekit._where.Where] maps
those to the request's fields, so every refusal a plugin receives names the field to
fix where there is one, and never a path the request does not have. The quote
request's own mapping is ``commercekit.serde.QUOTE_REQUEST_WHERE``: the ``commercekit
quote`` command and the HTTP service use it, so both name the same field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.errors import CommerceKitError

__all__ = ["Located", "Where", "applied"]

_R = TypeVar("_R")
_HEAD = re.compile(r"[^.\[]+")

Path = str | Callable[[Any], str]
"""A field's path, or how to make it from the error (``returned_lines['MUG']``)."""


class Located(Exception):  # noqa: N818  # carries a refusal, is not one
    """A rule's refusal with the request field it points at (``None``: none)."""

    def __init__(self, error: CommerceKitError, field: str | None) -> None:
        self.error = error
        self.field = field
        super().__init__(str(error))


@attrs.frozen
class Where:
    """How one endpoint's rule refusals map to the fields of its request.

    ``fields`` are the request's top-level fields; ``renamed`` maps a rule's argument
    to the request field that holds it (``rates`` to ``exchange_rates``); ``by_error``
    names the field for an error that names none (a refused surcharge is the
    ``payment``'s); ``prefix`` is where the request sits in the body (the refund's
    ``quote_request.``).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    fields: frozenset[str]
    renamed: Mapping[str, str] = attrs.field(factory=dict)
    by_error: tuple[tuple[type[CommerceKitError], Path], ...] = ()
    prefix: str = ""

    def field_of(self, error: CommerceKitError) -> str | None:
        """The JSON path ``error`` points at, or ``None`` where it names no field."""
        field = getattr(error, "field", None)
        if not field:
            field = next(
                (
                    path if isinstance(path, str) else path(error)
                    for kind, path in self.by_error
                    if isinstance(error, kind)
                ),
                None,
            )
        if not field:
            return None
        head = _HEAD.match(field)
        if head is None:
            return None
        named = self.renamed.get(head.group(), head.group())
        if named.partition(".")[0] not in self.fields:
            return None  # not a field of this request: named nowhere rather than wrong
        return self.prefix + named + field[head.end() :]


def applied(rule: Callable[[], _R], *where: Where) -> _R:
    """``rule()``; a refusal is raised as ``Located`` with the field the first of
    ``where`` that knows it points at."""
    try:
        return rule()
    except CommerceKitError as error:
        found = next((f for w in where if (f := w.field_of(error)) is not None), None)
        raise Located(error, found) from error
