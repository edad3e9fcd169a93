"""``POST /refund``: a return against an order the service does not keep.

The order's quote is made again from its request (the same request gives the same
quote) and the earlier returns are refunded again, in order, to count what is left;
each refusal names its field in the body (``quote_request.…``, ``previous[0].…``,
``returned_lines['MUG']``).
"""

from __future__ import annotations

from typing import Any

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._where import Where, applied
from commercekit.checkout import Refund, RefundPolicy, quote, refund
from commercekit.errors import (
    ExcessReturnError,
    InputKind,
    InvalidJsonError,
    MissingPaymentCostError,
    UnknownSkuError,
)
from commercekit.serde import (
    QUOTE_REQUEST_WHERE,
    converter,
    quote_request_from_json,
    structure,
)

__all__ = ["MAX_PREVIOUS_RETURNS", "refund_endpoint"]

Json = dict[str, Any]


def _fields(request: type[Any]) -> frozenset[str]:
    return frozenset(field.name for field in attrs.fields(request))


@attrs.frozen
class _Return:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    returned_lines: dict[str, int]
    policy: RefundPolicy = attrs.Factory(RefundPolicy)
    withdrawal: bool | None = None


MAX_PREVIOUS_RETURNS = 100
"""The most earlier returns one ``POST /refund`` replays: each is refunded again against
all before it, so the work grows with the square of their number (2,000 took over 20
seconds); an order returned in more than 100 parts is not one a shop meets."""


@attrs.frozen
class _RefundRequest:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    quote_request: dict[str, Any]
    returned_lines: dict[str, int]
    policy: RefundPolicy = attrs.Factory(RefundPolicy)
    previous: tuple[_Return, ...] = ()
    points_earned: int = 0
    partial: bool = False
    withdrawal: bool | None = None


def _within(error: InvalidJsonError, prefix: str) -> InvalidJsonError:
    """``error`` with its path inside the field ``prefix`` of the body."""
    field = error.field
    path = prefix + ("" if not field else field if field.startswith("[") else f".{field}")
    return InvalidJsonError(path, error.reason, kind=error.kind, choices=error.choices)


def refund_endpoint(data: Json) -> Json:
    """``POST /refund``: the order's quote request, the earlier returns and this one in;
    the refund for this return out. The service keeps no orders: the quote is made
    again from its request (the same request gives the same quote) and the earlier
    returns are refunded again, in order, to count what is left. Where the request
    names the payment, the refund says what the payment provider keeps; ``partial``
    leaves that out (listed in ``missing``) where the fee schedule lacks a figure. At
    most ``MAX_PREVIOUS_RETURNS`` (100) earlier returns are taken."""
    asked = structure(data, _RefundRequest)
    if len(asked.previous) > MAX_PREVIOUS_RETURNS:
        raise InvalidJsonError(
            "previous",
            f"has {len(asked.previous)} earlier returns; at most "
            f"{MAX_PREVIOUS_RETURNS} are replayed (each is refunded again against all "
            "before it)",
            kind=InputKind.LIST,
        )
    try:
        cart, context = quote_request_from_json(asked.quote_request)
    except InvalidJsonError as error:
        raise _within(error, "quote_request") from None
    order = applied(lambda: quote(cart, context), _QUOTE_IN_REFUND)
    done: list[Refund] = []

    def returned(step: _Return | _RefundRequest) -> Refund:
        """The refund of one return, after those in ``done``."""
        return refund(
            order,
            step.returned_lines,
            step.policy,
            previous=tuple(done),
            points_earned=asked.points_earned,
            partial=asked.partial,
            withdrawal=step.withdrawal,
        )

    for index, earlier in enumerate(asked.previous):
        replayed = attrs.evolve(_RETURN, prefix=f"previous[{index}].")
        done.append(applied(lambda earlier=earlier: returned(earlier), replayed, _REFUND))  # type: ignore[misc]
    result = applied(lambda: returned(asked), _REFUND)
    answer: Json = converter.unstructure(result)
    return answer


def _returned(error: UnknownSkuError | ExcessReturnError) -> str:
    return f"returned_lines[{error.sku!r}]"


_RETURN = Where(
    _fields(_Return),
    by_error=((UnknownSkuError, _returned), (ExcessReturnError, _returned)),
)
"""A return's own refusals: a SKU not on the quote, more units than are left."""
_REFUND = Where(
    _fields(_RefundRequest),
    by_error=(*_RETURN.by_error, (MissingPaymentCostError, "quote_request.payment")),
)
_QUOTE_IN_REFUND = attrs.evolve(QUOTE_REQUEST_WHERE, prefix="quote_request.")
