"""Where a refusal points in the request body: the JSON path of the field refused.

A value refused while the body is read is named by the converter's path
(``cart.lines[0].quantity``). A refusal raised later, by the rule the endpoint applies,
names the rule's own argument (``rates``, ``postcode``, ``products['MUG'].weight_kg``)
or nothing; a [`Where`][commercekit.serde.Where] maps those to the request's fields,
so every refusal a plugin receives names the field to fix where there is one, and never
a path the request does not have.

[`QUOTE_REQUEST_WHERE`][commercekit.serde.QUOTE_REQUEST_WHERE] is the quote request's
one mapping: the ``commercekit quote`` command and the HTTP service's ``/quote`` and
``/refund`` name the same path for the same refusal because both use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from commercekit.errors import (
    CommerceKitError,
    MissingPaymentCostError,
    SurchargeRefusedError,
    UnknownCurrencyError,
)
from commercekit.serde._resources import request_schema

__all__ = ["QUOTE_REQUEST_WHERE", "Located", "Where", "applied"]

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


QUOTE_REQUEST_WHERE = Where(
    frozenset(request_schema()["properties"]),
    renamed={  # the rules' arguments, as the quote request holds them
        "postcode": "buyer.postcode",  # the parcel goes to the buyer
        "service": "shipping.service",
        "converted": "payment.converted",
        "tax_rates": "local_rates",  # a US state's local rates, missing
        "local": "local_rates",  # a LocalRates' own list
        "tariffs": "tariff",  # no tariff given where duty is due
    },
    by_error=(
        (SurchargeRefusedError, "payment.surcharge"),
        (MissingPaymentCostError, "payment"),
        (UnknownCurrencyError, "exchange_rates"),
    ),
)
"""Where a refusal by [`quote`][commercekit.checkout.quote] points in the quote request
it was read from (``local_rates``, ``buyer.postcode``, ``products['MUG'].weight_kg``)."""
