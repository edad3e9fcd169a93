"""A shop's refund policy: when shipping goes back, what is kept as a restocking fee.

The policy is what the shop decides; the law sets limits on it. A consumer who
withdraws from a distance sale within the EU gets the standard delivery costs back
when the whole order is returned (Directive 2011/83/EU, Art. 13(1):
``ShippingRefund.WHOLE_ORDER``, the default) and may not be charged a restocking fee
(Art. 13 and 14 allow only for diminished value). Border charges collected under DDP
are usually not recoverable from customs, so by default they are not refunded.

An order that had its shipping free (or cheaper) by reaching a promotion's threshold
(``Promotion(..., FreeShipping(), minimum_subtotal=...)``) may fall below it when
goods come back. What then happens to the shipping the threshold waived is the shop's
stated rule, [`BelowThreshold`][commercekit.checkout.BelowThreshold]; none is assumed
(see ``_threshold_shipping``).

References:
    * Directive 2011/83/EU on consumer rights, Art. 13 (reimbursement, delivery costs
      included), Art. 14 (the consumer's obligations):
      https://eur-lex.europa.eu/eli/dir/2011/83/oj
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.checkout._checks import choice, flag, number
from commercekit.errors import InvalidAmountError

__all__ = ["BelowThreshold", "RefundPolicy", "ShippingRefund"]


class ShippingRefund(enum.StrEnum):
    """When the shipping the buyer paid is refunded."""

    NEVER = "never"
    """Never: the shipping was a service delivered, whatever comes back."""
    ALWAYS = "always"
    """In full, with the first refund (a faulty or wrong item, a generous shop)."""
    WHOLE_ORDER = "whole_order"
    """In full, with the refund that completes the return of every unit ordered.

    This is what Directive 2011/83/EU Art. 13(1) requires when a consumer withdraws
    from the whole contract: the standard delivery costs are reimbursed too.
    """


class BelowThreshold(enum.StrEnum):
    """What a return that takes an order below its free-shipping threshold does to the
    shipping the threshold waived (a shipping promotion's ``minimum_subtotal`` or
    ``minimum_quantity``, measured on the goods the buyer keeps)."""

    KEEP_FREE_SHIPPING = "keep_free_shipping"
    """The buyer keeps the free shipping: nothing is deducted."""
    DEDUCT_SHIPPING = "deduct_shipping"
    """The shipping the buyer would have paid is deducted in full: from the refund that
    takes the order below the threshold, and what that refund cannot bear from the
    next ones. A refund never goes below zero."""
    DEDUCT_UP_TO_REFUND = "deduct_up_to_refund"
    """The shipping the buyer would have paid is deducted from the refund that takes
    the order below the threshold, up to what that refund gives back; the rest is
    waived."""


def _below_threshold(value: object) -> BelowThreshold | None:
    return None if value is None else choice(value, BelowThreshold, "below_threshold")


def _shipping_rule(value: object) -> ShippingRefund:
    return choice(value, ShippingRefund, "shipping")


def _percent(value: object) -> Decimal:
    percent = number(value, "restocking_percent")
    if not 0 <= percent <= 100:
        raise InvalidAmountError(
            value, "is not a restocking percentage; pass a percentage from 0 to 100"
        )
    return percent


def _refund_border_charges(value: object) -> bool:
    return flag(value, "refund_border_charges")


@attrs.frozen
class RefundPolicy:
    """What a shop refunds on a return, and what it keeps.

    ``shipping`` says when the shipping is refunded (by default with the refund that
    completes the whole order). ``restocking_percent`` (0 to 100) of the returned lines'
    gross is kept as a restocking fee; note that a consumer withdrawing under Directive
    2011/83/EU may not be charged one (Art. 13 and 14 allow only for diminished value).
    ``refund_border_charges`` says whether duty and import taxes collected under DDP
    go back (by default not: they are usually not recoverable from customs).
    ``below_threshold`` says what happens to the shipping a free-shipping threshold
    waived when a return takes the order below it (``None``: not stated, and such a
    return is refused; a return that leaves the order at or above its thresholds
    needs no rule). Deducting it is refused where the return is a consumer's
    withdrawal (EU/EEA) or cancellation (UK); see
    [`refund`][commercekit.checkout.refund]'s ``withdrawal``.
    Loyalty points are not a policy matter: they are a fact of the order, given to
    [`refund`][commercekit.checkout.refund] as ``points_earned``.

    Examples:
        >>> RefundPolicy(shipping="always", restocking_percent="15").restocking_percent
        Decimal('15')
        >>> RefundPolicy(below_threshold="deduct_shipping").below_threshold
        <BelowThreshold.DEDUCT_SHIPPING: 'deduct_shipping'>
        >>> RefundPolicy(restocking_percent=0.15)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: 0.15 is a float, which cannot hold most ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    shipping: ShippingRefund = attrs.field(
        default=ShippingRefund.WHOLE_ORDER, converter=_shipping_rule
    )
    restocking_percent: Decimal = attrs.field(default=Decimal(0), converter=_percent)
    refund_border_charges: bool = attrs.field(
        default=False, converter=_refund_border_charges
    )
    below_threshold: BelowThreshold | None = attrs.field(
        default=None, converter=_below_threshold
    )
