"""Errors of orders: carts, promotions, quote requests, returns and loyalty points.

Part of [`commercekit.errors`][commercekit.errors], which re-exports every name here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from commercekit._errors_input import InputKind
from commercekit._errors_root import CommerceKitError, shown

__all__ = [
    "DuplicatePromotionError",
    "ExcessReturnError",
    "ExclusivePromotionConflictError",
    "InsufficientPointsError",
    "InvalidCartError",
    "InvalidJsonError",
    "InvalidPromotionError",
    "RefundMismatchError",
    "RefundPolicyRefusedError",
    "SurchargeRefusedError",
    "UnknownPromotionError",
    "UnknownSkuError",
]


class InvalidCartError(CommerceKitError, ValueError):
    """A cart that promotions cannot be applied to (no lines, bad usage counts)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"invalid cart: {reason}")


class InvalidPromotionError(CommerceKitError, ValueError):
    """A promotion whose definition contradicts itself or its offer."""

    def __init__(self, promotion_id: object, reason: str) -> None:
        self.promotion_id = promotion_id
        self.reason = reason
        super().__init__(f"promotion {shown(promotion_id)}: {reason}")


class DuplicatePromotionError(CommerceKitError, ValueError):
    """Two promotions with the same id were given together."""

    def __init__(self, promotion_id: str) -> None:
        self.promotion_id = promotion_id
        super().__init__(
            f"two promotions have the id {shown(promotion_id)}; ids identify promotions in "
            f"usage counts and results, so give each promotion its own id"
        )


class UnknownPromotionError(CommerceKitError, LookupError):
    """A promotion refers to a promotion id that was not given."""

    def __init__(self, promotion_id: str, referenced_by: str) -> None:
        self.promotion_id = promotion_id
        self.referenced_by = referenced_by
        super().__init__(
            f"promotion {shown(referenced_by)} refers to {shown(promotion_id)}, which "
            f"is not among the promotions given; pass that promotion too, or remove the "
            f"reference"
        )


class ExclusivePromotionConflictError(CommerceKitError, ValueError):
    """Two exclusive promotions could both be live, and nothing says which one wins."""

    def __init__(self, first: str, second: str, priority: int) -> None:
        self.first = first
        self.second = second
        self.priority = priority
        super().__init__(
            f"exclusive promotions {shown(first)} and {shown(second)} both have "
            f"priority {priority} and their validity windows overlap, so nothing decides "
            f"which one applies; "
            f"give one of them a higher priority or make their windows not overlap"
        )


class InvalidJsonError(CommerceKitError, ValueError):
    """JSON input (a quote request, a value object) with a field that is wrong.

    ``field`` is the path to it (``cart.lines[0].unit_price.amount``; empty for the
    document itself) and ``reason`` what is wrong with it and how to write it instead.
    Where the value was refused by a rule, ``kind`` is what it was meant to be (an
    [`InputKind`][commercekit.errors.InputKind]: an amount, a choice, a date …) and
    ``choices`` the values allowed for a choice; both are empty (``None``, ``()``) for
    a document that is not well formed (a missing field, an unknown one, wrong JSON).
    """

    def __init__(
        self,
        field: str,
        reason: str,
        *,
        kind: InputKind | None = None,
        choices: Iterable[str] = (),
    ) -> None:
        self.field = field
        self.reason = reason
        self.kind = kind
        self.choices = tuple(choices)
        super().__init__(f"{field}: {reason}" if field else reason)


class UnknownSkuError(CommerceKitError, LookupError):
    """A return names a SKU that is not on the quote being refunded."""

    def __init__(self, sku: object, known: tuple[str, ...]) -> None:
        self.sku = sku
        self.known = known
        listed = ", ".join(shown(code) for code in known)
        super().__init__(f"{shown(sku)} is not on the quote; it has: {listed}")


class ExcessReturnError(CommerceKitError, ValueError):
    """A return of more units than were bought, counting the earlier refunds."""

    def __init__(self, sku: str, bought: int, returned: int, requested: int) -> None:
        self.sku = sku
        self.bought = bought
        self.returned = returned
        self.requested = requested
        super().__init__(
            f"cannot return {requested} more of {shown(sku)}: {bought} were bought and "
            f"{returned} already refunded, so at most {bought - returned} can come back; "
            f"check the previous refunds passed as previous="
        )


class RefundMismatchError(CommerceKitError, ValueError):
    """An earlier refund passed as ``previous`` does not belong to the quote."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            f"{reason}; pass as previous= only the refunds made against this quote"
        )


class RefundPolicyRefusedError(CommerceKitError, ValueError):
    """A refund policy the law forbids on this return (deducting the shipping a
    free-shipping threshold waived from a consumer's withdrawal).

    ``field`` is the policy's field refused, ``why`` the rule in words and ``sources``
    the law it rests on.
    """

    def __init__(self, field: str, why: str, sources: tuple[str, ...]) -> None:
        self.field = field
        self.why = why
        self.sources = tuple(sources)
        super().__init__(f"{field}: {why}")


class InsufficientPointsError(CommerceKitError, ValueError):
    """More points were asked for than the ledger can spend on that date.

    Points still in their pending period and points that have expired cannot be spent.
    """

    def __init__(self, requested: int, spendable: int, on: date | None = None) -> None:
        self.requested = requested
        self.spendable = spendable
        self.on = on
        when = f" on {on.isoformat()}" if on is not None else ""
        super().__init__(
            f"cannot take {requested} points{when}: only {spendable} are spendable "
            f"(pending and expired points do not count); ask for at most {spendable}"
        )


class SurchargeRefusedError(CommerceKitError, ValueError):
    """A payment surcharge that may not be charged: banned for the payment instrument,
    above the cost the merchant bears, or asked where commercekit bundles no rule.

    ``requested`` is the surcharge asked for, ``ruling`` the decision's ruling
    (``"refused"``, ``"allowed"`` when only the amount is too high, ``"not bundled"``),
    ``cap`` the most that may be charged (``None`` where nothing may be), ``why`` the
    decision's sentences and ``sources`` the law it rests on.
    """

    def __init__(
        self,
        requested: object,
        ruling: str,
        cap: object,
        why: tuple[str, ...],
        sources: tuple[str, ...],
    ) -> None:
        self.requested = requested
        self.ruling = ruling
        self.cap = cap
        self.why = tuple(why)
        self.sources = tuple(sources)
        limit = "nothing may be charged" if cap is None else f"the cap is {cap}"
        super().__init__(
            f"a surcharge of {requested} is refused ({ruling}; {limit}): {' '.join(why)}"
        )
