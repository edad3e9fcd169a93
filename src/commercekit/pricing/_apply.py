"""Applying promotions to a cart: which apply, in what order, and what each takes off.

[`apply_promotions`][commercekit.pricing.apply_promotions] is a pure function of the
cart, the promotions, the moment (``at``, timezone-aware, never the clock), the
[`Strategy`][commercekit.pricing.Strategy] and the rounding mode. It works in four
steps:

1. **Conditions.** Each promotion is checked on its own: coupon code, validity window,
   customer segment, usage limits, eligible items, minimum quantity. A promotion that
   fails is rejected with the first reason found.
2. **Selection** (stacking). The rest are taken in order of priority (highest first;
   then product before order before shipping; then by id, so the result never depends
   on the order promotions are listed in). Each is kept if it combines with every
   promotion kept before it, and rejected otherwise, naming the one in its way.
3. **Application**, class by class: product promotions on the prices as shown, then
   order promotions on what is left, then shipping promotions. A promotion whose
   minimum subtotal is no longer reached after the earlier discounts, or whose
   discount comes to zero, is rejected; since it took nothing, selection is run again
   without it, so a promotion that did not apply never blocks another one.
4. **Result.** Every applied promotion with what it took off each line, every
   rejected one with its reason, and each line's discount and net amount.

With ``Strategy.BEST_OFFER`` the customer gets the single promotion that saves the
most (ties go to priority, then class, then id); every other one is rejected as "not
the best offer".

Each step has its own module: the conditions in ``_conditions``, selection and
application in ``_stacking``, the result types in ``_results``.

Examples:
    >>> from datetime import UTC, datetime
    >>> from commercekit.money import Money
    >>> from commercekit.pricing import Cart, CartLine, FreeShipping, PercentOff, Promotion
    >>> cart = Cart([CartLine("MUG", Money("12.00", "EUR"), 3)],
    ...             shipping=Money("4.95", "EUR"))
    >>> result = apply_promotions(
    ...     cart,
    ...     [Promotion("TEN", PercentOff(10)),
    ...      Promotion("SHIP50", FreeShipping(), minimum_subtotal=Money("50.00", "EUR"))],
    ...     at=datetime(2026, 11, 27, 12, 0, tzinfo=UTC),
    ... )
    >>> result.total
    Money('37.35', 'EUR')
    >>> [(r.promotion.id, str(r.reason)) for r in result.rejected]
    [('SHIP50', 'below-minimum')]
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from operator import sub

from commercekit._numbers import context_free
from commercekit._trusted import trusted
from commercekit.errors import InvalidCartError, shown
from commercekit.money import DEFAULT_ROUNDING, MINOR_UNITS, RoundingMode
from commercekit.pricing import _checks as checks
from commercekit.pricing._cart import Cart
from commercekit.pricing._conditions import (
    check_at,
    check_promotions,
    conditions,
    eligible_lines,
)
from commercekit.pricing._left_to_pay import Ledger, rounder
from commercekit.pricing._promotions import Promotion
from commercekit.pricing._results import (
    AppliedPromotion,
    PromotionResult,
    RejectedPromotion,
    Strategy,
)
from commercekit.pricing._stacking import (
    Candidates,
    Outcome,
    application_order,
    best_offer,
    rejected_for,
    stack,
)

__all__ = ["apply_promotions"]


@context_free
def apply_promotions(
    cart: Cart,
    promotions: Sequence[Promotion],
    *,
    at: datetime,
    strategy: Strategy = Strategy.STACK,
    mode: RoundingMode = DEFAULT_ROUNDING,
) -> PromotionResult:
    """Apply ``promotions`` to ``cart`` at the moment ``at``.

    ``at`` must be timezone-aware: a window that ends at midnight in Amsterdam has
    ended at 23:30 UTC. ``mode`` rounds percentage discounts (per line for product
    promotions, once on the eligible total for order promotions). The result does not
    depend on the order ``promotions`` are given in.

    Raises [`DuplicatePromotionError`][commercekit.errors.DuplicatePromotionError] for
    two promotions with one id,
    [`UnknownPromotionError`][commercekit.errors.UnknownPromotionError] for a
    ``never_with`` id not given,
    [`ExclusivePromotionConflictError`][commercekit.errors.ExclusivePromotionConflictError]
    for two exclusive promotions with equal priority and overlapping windows, and
    [`CurrencyMismatchError`][commercekit.errors.CurrencyMismatchError] for a promotion
    priced in another currency than the cart.

    Examples:
        >>> from datetime import UTC, datetime
        >>> from commercekit.money import Money
        >>> from commercekit.pricing import BuyXGetY, CartLine, PercentOff
        >>> cart = Cart([CartLine("TEE", Money("20.00", "EUR"), 3, {"tees"})])
        >>> promotions = [
        ...     Promotion("3FOR2", BuyXGetY(2, 1), collections={"tees"}),
        ...     Promotion("TEN", PercentOff(10)),
        ... ]
        >>> at = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
        >>> apply_promotions(cart, promotions, at=at).total  # 60 - 20, then - 10 %
        Money('36.00', 'EUR')
        >>> best = apply_promotions(cart, promotions, at=at, strategy=Strategy.BEST_OFFER)
        >>> best.total, str(best.rejected[0])
        (Money('40.00', 'EUR'), "TEN: it saves 6.00 EUR; '3FOR2' saves 20.00 EUR")
        >>> apply_promotions(cart, promotions, at=datetime(2026, 11, 27, 12, 0))
        Traceback (most recent call last):
        ...
        commercekit.errors.NaiveDatetimeError: at datetime.datetime(2026, 11, 27, 12, 0) ...
    """
    if not isinstance(cart, Cart):
        raise InvalidCartError(
            f"{shown(cart)} is not a Cart; build one with Cart([CartLine(...)])"
        )
    at = check_at(at)
    given = check_promotions(cart, promotions)
    strategy = checks.member(strategy, Strategy, "strategy")
    mode = checks.mode(mode)
    currency = cart.lines[0].unit_price.currency
    ledger = Ledger.of(cart, MINOR_UNITS[currency.code])
    rejected: dict[str, RejectedPromotion] = {}
    candidates = _candidates(cart, given, at, rejected)
    pick = stack if strategy is Strategy.STACK else best_offer
    outcomes = pick(candidates, ledger, rounder(mode), rejected)
    return _result(cart, given, outcomes, rejected, ledger, strategy=strategy, mode=mode)


def _candidates(
    cart: Cart,
    given: list[Promotion],
    at: datetime,
    rejected: dict[str, RejectedPromotion],
) -> Candidates:
    """Step 1: the promotions that meet their own conditions, with their lines.

    Those that fail are added to ``rejected`` with the first reason found.
    """
    every = list(range(len(cart.lines)))
    candidates: Candidates = {}
    for promotion in given:
        eligible = eligible_lines(promotion, cart, every)
        refused = conditions(promotion, cart, at, eligible)
        if refused is None:
            candidates[promotion.id] = (promotion, eligible)
        else:
            rejected[promotion.id] = rejected_for(promotion, refused)
    return candidates


def _applied(outcomes: list[Outcome], ledger: Ledger) -> tuple[AppliedPromotion, ...]:
    """Each applied promotion, in the order applied, with what it took off each line."""
    applied = []
    for promotion, eligible, taken in sorted(
        outcomes, key=lambda outcome: application_order(outcome[0])
    ):
        count_lines = len(ledger.subtotals)
        if len(eligible) == len(taken.lines) == count_lines:  # every line, in order
            per_line = taken.lines
        else:
            per_line = [0] * count_lines
            for index, count in zip(eligible, taken.lines, strict=True):
                per_line[index] = count
        applied.append(
            trusted(
                AppliedPromotion,
                promotion=promotion,
                amount=ledger.money(sum(taken.lines) + taken.shipping),
                shipping=ledger.money(taken.shipping),
                line_units=tuple(per_line),
                note=taken.note,
            )
        )
    return tuple(applied)


def _result(
    cart: Cart,
    given: list[Promotion],
    outcomes: list[Outcome],
    rejected: dict[str, RejectedPromotion],
    ledger: Ledger,
    *,
    strategy: Strategy,
    mode: RoundingMode,
) -> PromotionResult:
    """Step 4: the result, read from the ledger once every promotion has taken its part."""
    line_units = tuple(map(sub, ledger.subtotals, ledger.remaining))  # aligned lists
    known = {promotion.code for promotion in given if promotion.code is not None}
    return trusted(
        PromotionResult,
        cart=cart,
        applied=_applied(outcomes, ledger),
        rejected=tuple(
            sorted(rejected.values(), key=lambda item: application_order(item.promotion))
        ),
        subtotal=ledger.money(sum(ledger.subtotals)),
        line_discount=ledger.money(sum(line_units)),
        shipping_discount=ledger.money(ledger.shipping_charge - ledger.shipping),
        line_units=line_units,
        unknown_codes=cart.coupon_codes - known,
        strategy=strategy,
        mode=RoundingMode(mode),
    )
