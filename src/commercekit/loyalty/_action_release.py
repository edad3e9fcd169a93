"""Releasing held action points into the ledger, or taking them back after a return.

An award waits until its ``held_until`` day. Then
[`release_action_points`][commercekit.loyalty.release_action_points] posts it into
the member's [`PointsLedger`][commercekit.loyalty.PointsLedger] as a lot of its own
(``review: sku-1``), spendable at once: the hold already waited for the return window,
so the ledger's pending period is not added again. The entry's reason names the action
and the order.

An action never keeps points for an order that was returned. If the order comes back
while the points are held, they are cancelled and never reach the ledger; if it comes
back after they were released, the ledger's own
[`reverse`][commercekit.loyalty.PointsLedger.reverse] claws them back, under the
[`ReversalPolicy`][commercekit.loyalty.ReversalPolicy] the shop chooses for spent
points.
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidLoyaltyError
from commercekit.loyalty._actions import ActionDecision
from commercekit.loyalty._checks import choice, day, flag, instance, items, text
from commercekit.loyalty._ledger import PointsLedger
from commercekit.loyalty._lots import Entry
from commercekit.loyalty._reversal import DEFAULT_REVERSAL, ReversalPolicy

__all__ = ["ActionRelease", "ReleaseOutcome", "release_action_points"]


class ReleaseOutcome(enum.StrEnum):
    """What became of held action points on a day."""

    HELD = "held"
    """Still held: the hold has not ended."""
    RELEASED = "released"
    """Posted into the ledger."""
    CANCELLED = "cancelled"
    """The order was returned while the points were held: they never reach the ledger."""
    REVERSED = "reversed"
    """The order was returned after the points were released: the ledger took them back."""


def _convert_outcome(value: object) -> ReleaseOutcome:
    return choice(value, ReleaseOutcome, "outcome")


def _convert_ledger(value: object) -> PointsLedger:
    return instance(value, PointsLedger, "ledger")


def _convert_entries(value: object) -> tuple[Entry, ...]:
    return tuple(instance(entry, Entry, "entries") for entry in items(value, "entries"))


def _convert_why(value: object) -> str:
    return text(value, "why")


@named_at_the_door
@attrs.frozen
class ActionRelease:
    """The outcome for held action points, the ledger after it and the entries added."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    outcome: ReleaseOutcome = attrs.field(converter=_convert_outcome)
    ledger: PointsLedger = attrs.field(converter=_convert_ledger)
    entries: tuple[Entry, ...] = attrs.field(converter=_convert_entries)
    why: str = attrs.field(converter=_convert_why)


@context_free
def release_action_points(
    decision: ActionDecision,
    ledger: PointsLedger,
    *,
    on: date,
    returned: bool = False,
    policy: ReversalPolicy = DEFAULT_REVERSAL,
) -> ActionRelease:
    """Release ``decision``'s points into ``ledger`` on ``on``, or take them back.

    ``returned`` says the order the points rest on was returned (only an award with an
    ``order`` can be). The points are released once ``on`` reaches ``held_until``;
    returned before that, they are cancelled; returned after, they are reversed by
    ``ledger.reverse`` under ``policy``. Releasing twice is refused, and so is
    releasing a refused decision.

    Examples:
        >>> from commercekit.loyalty import (
        ...     DeliveredOrder, ExpiryPolicy, ExpiryRule, ProductReview, ReviewRule,
        ...     action_points)
        >>> rule = ReviewRule(50)
        >>> order = DeliveredOrder("A-1001", date(2026, 3, 2), 14, products=["sku-1"])
        >>> review = ProductReview("sku-1", order, length=120, moderation="approved")
        >>> decision = action_points(rule, review, [], on=date(2026, 3, 9))
        >>> ledger = PointsLedger(ExpiryRule(ExpiryPolicy.FIXED_TERM, 12), pending_days=14)
        >>> release_action_points(decision, ledger, on=date(2026, 3, 12)).outcome
        <ReleaseOutcome.HELD: 'held'>
        >>> released = release_action_points(decision, ledger, on=date(2026, 3, 17))
        >>> [(entry.kind.value, entry.points, entry.reason) for entry in released.entries]
        [('earn', 50, 'review: sku-1 (order A-1001)')]
        >>> released.ledger.spendable(date(2026, 3, 17))
        50
        >>> back = release_action_points(decision, released.ledger, on=date(2026, 4, 2),
        ...                              returned=True)
        >>> back.outcome, back.ledger.balance
        (<ReleaseOutcome.REVERSED: 'reversed'>, 0)
    """
    decision = instance(decision, ActionDecision, "decision")
    ledger = instance(ledger, PointsLedger, "ledger")
    on = day(on, "on")
    returned = flag(returned, "returned")
    policy = choice(policy, ReversalPolicy, "policy")
    _check(decision, on, returned=returned)
    lot_id = decision.lot_id
    posted = any(lot.id == lot_id for lot in ledger.lots)
    reason = lot_id + (f" (order {decision.order})" if decision.order else "")
    if returned:
        if not posted:
            why = f"{reason}: the order was returned while the points were held"
            return ActionRelease(ReleaseOutcome.CANCELLED, ledger, (), why)
        # The ledger adds the lot id to the reason: "order A-1001 returned (review: sku-1)".
        after, entries = ledger.reverse(
            lot_id, on=on, policy=policy, reason=f"order {decision.order} returned"
        )
        why = f"{reason}: the order was returned after the points were released"
        return ActionRelease(ReleaseOutcome.REVERSED, after, entries, why)
    if posted:
        raise InvalidLoyaltyError.refused(
            "decision",
            lot_id,
            "was released into this ledger already; release an award once",
            kind=InputKind.CHOICE,
        )
    assert decision.held_until is not None  # noqa: S101 - an award has a day
    if on < decision.held_until:
        why = f"{reason}: held until {decision.held_until.isoformat()}"
        return ActionRelease(ReleaseOutcome.HELD, ledger, (), why)
    # The hold did the pending period's work (the order's return window has closed):
    # the points are spendable at once, and the ledger keeps its own pending period.
    at_once = attrs.evolve(ledger, pending_days=0)
    after, entries = at_once.earn(lot_id, decision.points, on=on, reason=reason)
    after = attrs.evolve(after, pending_days=ledger.pending_days)
    why = f"{reason}: {decision.points} points released"
    return ActionRelease(ReleaseOutcome.RELEASED, after, entries, why)


def _check(decision: ActionDecision, on: date, *, returned: bool) -> None:
    """Refuse a release that cannot be: of a refusal, before the decision, or a
    return of an award that rests on no order."""
    if decision.refused:
        raise InvalidLoyaltyError.refused(
            "decision",
            decision.lot_id,
            "was refused; it has no points to release",
            kind=InputKind.TYPE,
        )
    if on < decision.on:
        raise InvalidLoyaltyError.refused(
            "on",
            on,
            f"is before the decision on {decision.on.isoformat()}",
            kind=InputKind.DATE,
        )
    if returned and decision.order is None:
        raise InvalidLoyaltyError.refused(
            "returned",
            returned,
            f"cannot be: {decision.lot_id} rests on no order",
            kind=InputKind.FLAG,
        )
