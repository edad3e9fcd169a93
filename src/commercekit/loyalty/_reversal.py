"""Reversing a returned order's points: the order's own lot first, then the policy.

The points come out of the returned order's lot. When they have already been spent,
the [`ReversalPolicy`][commercekit.loyalty.ReversalPolicy] decides: take the rest from
the member's other lots (the default, forgiving what they cannot cover), leave the
order's lot below zero (later earnings pay the debt first), or take only what the lot
still holds.

A return after the order's lot has lapsed takes back at most what that lot still holds,
never other orders' points, whatever the policy: the lapsed points are gone, and a
member does not lose them twice.
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from commercekit.errors import InputKind, InvalidLoyaltyError
from commercekit.loyalty._checks import points
from commercekit.loyalty._lots import Entry, EntryKind, Lot, take_first_expiring

__all__ = ["DEFAULT_REVERSAL", "ReversalPolicy"]


class ReversalPolicy(enum.StrEnum):
    """What a return does when its points have already been (partly) spent.

    It applies while the order's lot is still valid. Once the lot has lapsed, every
    policy takes only what the lot still holds and forgives the rest.
    """

    ALLOW_NEGATIVE = "allow-negative"
    """The returned order's lot goes below zero; later earnings pay the debt first."""
    DEDUCT_FROM_OTHER_LOTS = "deduct-from-other-lots"
    """Take the shortfall from the member's other lots; forgive what they cannot cover."""
    CAP_AT_REMAINING = "cap-at-remaining"
    """Take only what is left in the order's lot and forgive the rest."""


DEFAULT_REVERSAL = ReversalPolicy.DEDUCT_FROM_OTHER_LOTS
"""The reversal policy used when none is named: other lots, never a negative balance."""


def points_to_claw(lot: Lot, points_returned: int | None) -> int:
    """The points a return claws back: all the lot's not clawed back yet, or
    ``points_returned`` of them (never more; an order is reversed only once)."""
    left = lot.points - lot.clawed_back
    if not left:
        raise InvalidLoyaltyError(
            "lot_id",
            lot.id,
            "has had all its points clawed back already; an order's points can be "
            "reversed only once",
        )
    claw = (
        left
        if points_returned is None
        else points(points_returned, "points_returned", positive=True)
    )
    if claw > left:
        raise InvalidLoyaltyError.refused(
            "points_returned",
            claw,
            f"is more than the {left} points of lot {lot.id!r} not yet clawed back",
            kind=InputKind.COUNT,
        )
    return claw


def claw_back(
    lots: tuple[Lot, ...],
    lot: Lot,
    claw: int,
    *,
    on: date,
    policy: ReversalPolicy,
    reason: str,
) -> tuple[tuple[Lot, ...], tuple[Entry, ...]]:
    """The lots once ``claw`` points of ``lot`` are taken back, and the entries."""
    lapsed = lot.valid_until < on
    here = min(claw, max(lot.remaining, 0))
    if policy is ReversalPolicy.ALLOW_NEGATIVE and not lapsed:
        here = claw
    rest = claw - here
    lots = tuple(
        attrs.evolve(
            found,
            remaining=found.remaining - here,
            clawed_back=found.clawed_back + claw,
        )
        if found.id == lot.id
        else found
        for found in lots
    )
    if lapsed:
        # Expired points are gone: taking other lots' points, or leaving a debt for
        # later points to pay, would make the member lose them a second time.
        taken = [(lot.id, here)]  # even 0 points: the history shows why
        note = _lapsed(lot, rest)
    else:
        taken = [(lot.id, here)] if here else []
        if rest and policy is ReversalPolicy.DEDUCT_FROM_OTHER_LOTS:
            lots, others = _from_other_lots(lots, rest)
            taken += others
            rest -= sum(count for _, count in others)
        note = f"; {rest} points could not be clawed back and are forgiven" if rest else ""
    entries = tuple(
        Entry(EntryKind.REVERSE, -count, on, taken_from, f"{reason} ({lot.id}){note}")
        for taken_from, count in taken
    )
    return lots, entries


def _lapsed(lot: Lot, rest: int) -> str:
    """The note on a return after the lot lapsed: what was not taken, and why."""
    note = f"; its points lapsed after {lot.valid_until.isoformat()}"
    if rest:
        note += f": {rest} points were spent or expired and are not taken from other lots"
    return note


def _from_other_lots(
    lots: tuple[Lot, ...], rest: int
) -> tuple[tuple[Lot, ...], list[tuple[str, int]]]:
    """The shortfall taken from the member's other lots, as far as they cover it."""
    available = sum(found.remaining for found in lots if found.remaining > 0)
    return take_first_expiring(
        lots, min(rest, available), lambda found: found.remaining > 0
    )
