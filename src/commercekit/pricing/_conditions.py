"""The conditions each promotion must meet on its own, before any stacking.

First the list of promotions is checked as a whole: one id per promotion, one currency
(the cart's), every ``never_with`` id present, and no two exclusive promotions of equal
priority whose validity windows overlap (nothing could choose between them).

Then each promotion on its own: coupon code, validity window, customer segment, usage
limits per customer and in total, eligible items, minimum quantity, and a shipping
charge to take off. The first condition it fails is its reason for rejection.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from commercekit.errors import (
    CurrencyMismatchError,
    DuplicatePromotionError,
    ExclusivePromotionConflictError,
    InvalidAmountError,
    UnknownPromotionError,
)
from commercekit.pricing import _checks as checks
from commercekit.pricing._cart import Cart
from commercekit.pricing._left_to_pay import Refused
from commercekit.pricing._promotions import (
    Promotion,
    PromotionClass,
    RejectionReason,
    line_is_eligible,
)


def check_at(at: object) -> datetime:
    """The moment, which must be timezone-aware (a window ends at a local midnight)."""
    return checks.moment(at, "at")


def check_promotions(cart: Cart, promotions: Sequence[Promotion]) -> list[Promotion]:
    """The promotions, checked as a whole; raises on the first problem found."""
    if isinstance(promotions, Promotion):
        raise InvalidAmountError(promotions, "is not a list of Promotion")
    found: dict[str, Promotion] = {}
    currency = cart.lines[0].unit_price.currency
    for promotion in checks.items(promotions, "promotions"):
        if not isinstance(promotion, Promotion):
            raise InvalidAmountError(promotion, "is not a Promotion")
        if promotion.id in found:
            raise DuplicatePromotionError(promotion.id)
        found[promotion.id] = promotion
        for money in promotion.money_fields():
            if money.currency != currency:
                raise CurrencyMismatchError(
                    currency.code,
                    money.currency.code,
                    f"use promotion {promotion.id!r} with",
                )
    for promotion in found.values():
        for other in sorted(promotion.never_with):
            if other not in found:
                raise UnknownPromotionError(other, promotion.id)
    exclusive = sorted(
        (promotion for promotion in found.values() if promotion.exclusive),
        key=lambda promotion: promotion.id,
    )
    for position, first in enumerate(exclusive):
        for second in exclusive[position + 1 :]:
            if first.priority == second.priority and _overlap(first, second):
                raise ExclusivePromotionConflictError(first.id, second.id, first.priority)
    return list(found.values())


def _overlap(first: Promotion, second: Promotion) -> bool:
    starts_before_other_ends = (
        first.starts is None or second.ends is None or first.starts < second.ends
    )
    other_starts_before_end = (
        second.starts is None or first.ends is None or second.starts < first.ends
    )
    return starts_before_other_ends and other_starts_before_end


def conditions(  # noqa: PLR0911  # one return per condition reads clearest
    promotion: Promotion, cart: Cart, at: datetime, eligible: list[int]
) -> Refused | None:
    """The first condition ``promotion`` fails on its own, or ``None``."""
    coupon = f"coupon {promotion.code!r} " if promotion.code else ""
    if promotion.code is not None and promotion.code not in cart.coupon_codes:
        return Refused(
            RejectionReason.CODE_MISSING, f"needs the coupon code {promotion.code!r}"
        )
    if promotion.starts is not None and at < promotion.starts:
        return Refused(
            RejectionReason.NOT_STARTED,
            f"{coupon or 'it '}is valid from {promotion.starts.isoformat()}",
        )
    if promotion.ends is not None and at >= promotion.ends:
        return Refused(
            RejectionReason.EXPIRED,
            f"{coupon or 'it '}expired at {promotion.ends.isoformat()}",
        )
    if promotion.segments is not None and promotion.segments.isdisjoint(
        cart.customer_segments
    ):
        return Refused(
            RejectionReason.NOT_FOR_SEGMENT,
            f"it is for customers in {', '.join(sorted(promotion.segments))}",
        )
    limit = promotion.limit_per_customer
    if limit is not None and cart.customer_usage.get(promotion.id, 0) >= limit:
        return Refused(
            RejectionReason.CUSTOMER_LIMIT_REACHED,
            f"this customer has used it {cart.customer_usage.get(promotion.id, 0)} times; "
            f"the limit is {limit}",
        )
    limit = promotion.limit_total
    if limit is not None and cart.total_usage.get(promotion.id, 0) >= limit:
        return Refused(
            RejectionReason.TOTAL_LIMIT_REACHED,
            f"it has been used {cart.total_usage.get(promotion.id, 0)} times; "
            f"the limit is {limit}",
        )
    if not eligible:
        return Refused(
            RejectionReason.NO_ELIGIBLE_ITEMS, "no item in the cart is eligible for it"
        )
    if promotion.minimum_quantity is not None:
        count = sum(cart.lines[index].quantity for index in eligible)
        if count < promotion.minimum_quantity:
            return Refused(
                RejectionReason.BELOW_MINIMUM,
                f"needs {promotion.minimum_quantity} eligible units; the cart has {count}",
            )
    if promotion.promotion_class is PromotionClass.SHIPPING and (
        cart.shipping is None or not cart.shipping.amount
    ):
        return Refused(RejectionReason.NO_SHIPPING, "the cart has no shipping charge")
    return None


def eligible_lines(promotion: Promotion, cart: Cart, every: list[int]) -> list[int]:
    """The indexes of the cart lines ``promotion`` may discount."""
    if promotion.targets_all_lines:
        return every
    return [
        index
        for index, line in enumerate(cart.lines)
        if line_is_eligible(promotion, line.sku, line.collections)
    ]
