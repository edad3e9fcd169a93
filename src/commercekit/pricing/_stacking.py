"""Stacking: which promotions that meet their conditions go together, in what order.

Selection takes promotions by priority (highest first; then product before order
before shipping; then by id) and keeps each one that combines with every one kept
before it. Application then goes class by class: product promotions on the prices as
shown, order promotions on what is left, shipping promotions last. A promotion that
then takes nothing is rejected and selection runs again without it, so a promotion
that did not apply never blocks another.

The best offer is the other strategy: each promotion is tried alone on the full cart,
and only the one that saves the most applies.
"""

from __future__ import annotations

from commercekit.pricing._discounts import discount
from commercekit.pricing._left_to_pay import Ledger, Refused, Rounder, Taken
from commercekit.pricing._promotions import Promotion, PromotionClass, RejectionReason
from commercekit.pricing._results import RejectedPromotion

_RANK = {PromotionClass.PRODUCT: 0, PromotionClass.ORDER: 1, PromotionClass.SHIPPING: 2}


def _conflict(first: Promotion, later: Promotion) -> Refused | None:
    """Why ``later`` cannot apply beside ``first``, which comes before it."""
    ahead = f"(it comes first: priority {first.priority})"
    if first.exclusive:
        return Refused(
            RejectionReason.EXCLUSIVE_APPLIED,
            f"exclusive promotion {first.id!r} applies {ahead}",
        )
    if later.exclusive:
        return Refused(
            RejectionReason.DOES_NOT_COMBINE,
            f"it is exclusive, and {first.id!r} applies {ahead}",
        )
    if later.id in first.never_with or first.id in later.never_with:
        return Refused(
            RejectionReason.DOES_NOT_COMBINE, f"it never combines with {first.id!r} {ahead}"
        )
    if later.promotion_class not in first.combines_with:
        return Refused(
            RejectionReason.DOES_NOT_COMBINE,
            f"{first.id!r} does not combine with {later.promotion_class} promotions "
            f"{ahead}",
        )
    if first.promotion_class not in later.combines_with:
        return Refused(
            RejectionReason.DOES_NOT_COMBINE,
            f"it does not combine with {first.promotion_class} promotions such as "
            f"{first.id!r} {ahead}",
        )
    return None


def _priority_order(promotion: Promotion) -> tuple[int, int, str]:
    return (-promotion.priority, _RANK[promotion.promotion_class], promotion.id)


def application_order(promotion: Promotion) -> tuple[int, int, str]:
    """Product, then order, then shipping; within a class by priority, then id."""
    return (_RANK[promotion.promotion_class], -promotion.priority, promotion.id)


Candidates = dict[str, tuple[Promotion, list[int]]]
"""The promotions that meet their own conditions, by id, with their eligible lines."""

Outcome = tuple[Promotion, list[int], Taken]
"""A promotion that applied, its eligible lines, and what it took off them."""


def stack(
    candidates: Candidates,
    ledger: Ledger,
    rounding: Rounder,
    rejected: dict[str, RejectedPromotion],
) -> list[Outcome]:
    """Strategy.STACK: select, apply, and select again without any that took nothing.

    Adds the promotions that fail or are blocked to ``rejected``.
    """
    by_priority = sorted(
        (promotion for promotion, _ in candidates.values()), key=_priority_order
    )
    failed: dict[str, Refused] = {}
    while True:
        selected: list[Promotion] = []
        blocked: dict[str, tuple[Refused, str]] = {}
        for promotion in by_priority:
            if promotion.id in failed:
                continue
            for earlier in selected:
                why = _conflict(earlier, promotion)
                if why is not None:
                    blocked[promotion.id] = (why, earlier.id)
                    break
            else:
                selected.append(promotion)
        ledger.reset()
        outcomes: list[Outcome] = []
        failures: dict[str, Refused] = {}
        for promotion in sorted(selected, key=application_order):
            eligible = candidates[promotion.id][1]
            taken = discount(promotion, eligible, ledger, rounding)
            if isinstance(taken, Refused):
                failures[promotion.id] = taken
            else:
                ledger.take(eligible, taken.lines, taken.shipping)
                outcomes.append((promotion, eligible, taken))
        failed.update(failures)
        if not failures or not blocked:
            break
    for promotion_id, refused in failed.items():
        rejected[promotion_id] = rejected_for(candidates[promotion_id][0], refused)
    for promotion_id, (refused, blocker) in blocked.items():
        rejected[promotion_id] = rejected_for(candidates[promotion_id][0], refused, blocker)
    return outcomes


def best_offer(
    candidates: Candidates,
    ledger: Ledger,
    rounding: Rounder,
    rejected: dict[str, RejectedPromotion],
) -> list[Outcome]:
    """Strategy.BEST_OFFER: try each promotion alone; keep the one that saves most.

    Adds every other promotion to ``rejected``.
    """
    offers: list[tuple[int, Outcome]] = []
    for promotion, eligible in candidates.values():
        ledger.reset()
        taken = discount(promotion, eligible, ledger, rounding)
        if isinstance(taken, Refused):
            rejected[promotion.id] = rejected_for(promotion, taken)
        else:
            offers.append((sum(taken.lines) + taken.shipping, (promotion, eligible, taken)))
    ledger.reset()
    if not offers:
        return []
    offers.sort(key=lambda offer: (-offer[0], *_priority_order(offer[1][0])))
    saving, best = offers[0]
    for other_saving, (promotion, _, _) in offers[1:]:
        rejected[promotion.id] = RejectedPromotion(
            promotion,
            RejectionReason.NOT_BEST_OFFER,
            f"it saves {ledger.money(other_saving)}; {best[0].id!r} saves "
            f"{ledger.money(saving)}",
            best[0].id,
        )
    ledger.take(best[1], best[2].lines, best[2].shipping)
    return [best]


def rejected_for(
    promotion: Promotion, refused: Refused, blocked_by: str | None = None
) -> RejectedPromotion:
    """The rejection of ``promotion`` for the reason ``refused`` gives."""
    return RejectedPromotion(promotion, refused.reason, refused.detail, blocked_by)
