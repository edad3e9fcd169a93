"""Lots: the points of one order, from the day they are earned to the day they lapse.

Every earning opens a [`Lot`][commercekit.loyalty.Lot]: its points, the day they were
earned, the day they become spendable (after a pending period in which a return can
still claw them back) and the last day they can be spent, which the
[`ExpiryRule`][commercekit.loyalty.ExpiryRule] gives. Every change to a lot is
recorded as an [`Entry`][commercekit.loyalty.Entry].

Points are taken from the lots that expire first (then the oldest, then by id), which
is what a member expects and what keeps breakage honest.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import date

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.errors import InputKind, InvalidLoyaltyError
from commercekit.loyalty._checks import choice, day, months, points, signed_points, text
from commercekit.loyalty._dates import end_of_month, moved

__all__ = ["Entry", "EntryKind", "ExpiryPolicy", "ExpiryRule", "Lot"]


class ExpiryPolicy(enum.StrEnum):
    """When points lapse."""

    FIXED_TERM = "fixed-term"
    """Each lot lapses ``months`` after the day it was earned."""
    ROLLING = "rolling"
    """All points lapse ``months`` after the member's last earning or redemption."""
    END_OF_MONTH = "end-of-month"
    """Each lot lapses at the end of the month in which its term of ``months`` ends."""


class EntryKind(enum.StrEnum):
    """What a ledger entry records."""

    EARN = "earn"
    REDEEM = "redeem"
    EXPIRE = "expire"
    REVERSE = "reverse"
    ADJUST = "adjust"
    RECREDIT = "recredit"
    """Points of a cancelled redemption put back into the lot they came from."""
    SETTLE = "settle"
    """New points moved into a lot that a return left below zero (pairs sum to 0)."""


def _convert_policy(value: object) -> ExpiryPolicy:
    return choice(value, ExpiryPolicy, "policy")


def _convert_months(value: object) -> int:
    return months(value, "months")


def _convert_id(value: object) -> str:
    return text(value, "id")


def _convert_points(value: object) -> int:
    return points(value, "points", positive=True)


def _convert_remaining(value: object) -> int:
    return signed_points(value, "remaining", zero=True)


def _convert_clawed_back(value: object) -> int:
    return points(value, "clawed_back")


def _convert_earned_on(value: object) -> date:
    return day(value, "earned_on")


def _convert_spendable_from(value: object) -> date:
    return day(value, "spendable_from")


def _convert_valid_until(value: object) -> date:
    return day(value, "valid_until")


def _convert_kind(value: object) -> EntryKind:
    return choice(value, EntryKind, "kind")


def _convert_entry_points(value: object) -> int:
    return signed_points(value, "points", zero=True)


def _convert_on(value: object) -> date:
    return day(value, "on")


def _convert_lot_id(value: object) -> str:
    return text(value, "lot_id")


def _convert_reason(value: object) -> str:
    return text(value, "reason", empty=True)


@named_at_the_door
@attrs.frozen
class ExpiryRule:
    """An expiry policy and its term in months.

    Examples:
        >>> rule = ExpiryRule(ExpiryPolicy.END_OF_MONTH, 12)
        >>> rule.valid_until(date(2026, 3, 15))
        datetime.date(2027, 3, 31)
        >>> ExpiryRule(ExpiryPolicy.FIXED_TERM, 1).valid_until(date(2026, 1, 31))
        datetime.date(2026, 2, 28)
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    policy: ExpiryPolicy = attrs.field(converter=_convert_policy)
    months: int = attrs.field(converter=_convert_months)

    def valid_until(self, earned_on: date) -> date:
        """The last day points earned (or last touched) on ``earned_on`` can be spent."""
        return expiry_date(self, earned_on, "earned_on")


def expiry_date(rule: ExpiryRule, on: object, field: str) -> date:
    """``rule.valid_until(on)``, a refusal naming ``on`` as the argument ``field``."""
    term = moved(day(on, field), rule.months, (field, "months"))
    return end_of_month(term) if rule.policy is ExpiryPolicy.END_OF_MONTH else term


@named_at_the_door
@attrs.frozen
class Lot:
    """The points of one order or one manual credit.

    ``remaining`` falls as the lot is spent, expired or clawed back; it is below zero
    only after a return under ``ReversalPolicy.ALLOW_NEGATIVE``. ``clawed_back`` counts
    the points returns have taken back, so one order cannot be reversed twice.
    ``valid_until`` is the last day the points can be spent.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    id: str = attrs.field(converter=_convert_id)
    points: int = attrs.field(converter=_convert_points)
    remaining: int = attrs.field(converter=_convert_remaining)
    earned_on: date = attrs.field(converter=_convert_earned_on)
    spendable_from: date = attrs.field(converter=_convert_spendable_from)
    valid_until: date = attrs.field(converter=_convert_valid_until)
    clawed_back: int = attrs.field(default=0, converter=_convert_clawed_back)

    def __attrs_post_init__(self) -> None:
        if self.remaining > self.points:
            raise InvalidLoyaltyError.refused(
                "remaining",
                self.remaining,
                f"is more than the {self.points} points lot {self.id!r} was earned with",
                kind=InputKind.COUNT,
            )
        if self.clawed_back > self.points:
            raise InvalidLoyaltyError.refused(
                "clawed_back",
                self.clawed_back,
                f"must be at most {self.points}",
                kind=InputKind.COUNT,
            )
        if self.remaining < -self.clawed_back:
            # Only a return (under ALLOW_NEGATIVE) takes a lot below zero, and by no
            # more than it clawed back.
            raise InvalidLoyaltyError.refused(
                "remaining",
                self.remaining,
                f"is further below zero than the {self.clawed_back} points returns "
                f"clawed back from lot {self.id!r}",
                kind=InputKind.COUNT,
            )
        if self.spendable_from < self.earned_on:
            raise InvalidLoyaltyError.refused(
                "spendable_from",
                self.spendable_from,
                f"is before the earning date earned_on={self.earned_on.isoformat()}; "
                "points "
                f"cannot be spent before they are earned",
                kind=InputKind.DATE,
            )
        if self.valid_until < self.spendable_from:
            raise InvalidLoyaltyError.refused(
                "valid_until",
                self.valid_until,
                f"is before the lot becomes spendable, spendable_from="
                f"{self.spendable_from.isoformat()}; shorten the pending period or "
                f"lengthen the expiry term",
                kind=InputKind.DATE,
            )

    def spendable_on(self, on: date) -> bool:
        """Whether the lot's points can be spent on ``on`` (pending over, not lapsed)."""
        on = day(on, "on")
        return self.remaining > 0 and self.spendable_from <= on <= self.valid_until


@named_at_the_door
@attrs.frozen
class Entry:
    """One row of the ledger's history: ``points`` is signed (+ credit, - debit)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    kind: EntryKind = attrs.field(converter=_convert_kind)
    points: int = attrs.field(converter=_convert_entry_points)
    on: date = attrs.field(converter=_convert_on)
    lot_id: str = attrs.field(converter=_convert_lot_id)
    reason: str = attrs.field(default="", converter=_convert_reason)


_Usable = Callable[[Lot], bool]


def _spending_order(lot: Lot) -> tuple[date, date, str]:
    return (lot.valid_until, lot.earned_on, lot.id)


def take_first_expiring(
    lots: Sequence[Lot], wanted: int, usable: _Usable
) -> tuple[tuple[Lot, ...], list[tuple[str, int]]]:
    """Take ``wanted`` points from the usable lots that expire first."""
    by_id = {lot.id: lot for lot in lots}
    taken: list[tuple[str, int]] = []
    for lot in sorted((lot for lot in lots if usable(lot)), key=_spending_order):
        if not wanted:
            break
        count = min(wanted, lot.remaining)
        by_id[lot.id] = attrs.evolve(lot, remaining=lot.remaining - count)
        taken.append((lot.id, count))
        wanted -= count
    return tuple(by_id[lot.id] for lot in lots), taken
