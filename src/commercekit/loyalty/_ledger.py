"""A points ledger kept in lots: earn, redeem, expire, reverse a return, adjust.

Every earning opens a *lot*: the points of one order (or one manual credit), the day
they were earned, the day they become spendable (after a pending period in which a
return can still claw them back) and the last day they can be spent. The balance is the
sum of the lots' remaining points. Each transition is pure: it returns a new
[`PointsLedger`][commercekit.loyalty.PointsLedger] and the
[`Entry`][commercekit.loyalty.Entry] rows it added, so the caller stores both.

Redemption takes points from the lots that expire first (then the oldest, then by id),
which is what a member expects and what keeps breakage honest.

The lots themselves, their expiry and the entries are in ``_lots``; how a return's
points are clawed back, in ``_reversal``.

A return after the order's lot has lapsed takes back at most what that lot still holds,
never other orders' points, whatever the
[`ReversalPolicy`][commercekit.loyalty.ReversalPolicy]: the lapsed points are gone, and
a member does not lose them twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.errors import InputKind, InsufficientPointsError, InvalidLoyaltyError
from commercekit.loyalty._checks import (
    choice,
    day,
    days,
    instance,
    items,
    later,
    optional_day,
    points,
    signed_points,
    text,
)
from commercekit.loyalty._lots import (
    Entry,
    EntryKind,
    ExpiryPolicy,
    ExpiryRule,
    Lot,
    expiry_date,
    take_first_expiring,
)
from commercekit.loyalty._reversal import (
    DEFAULT_REVERSAL,
    ReversalPolicy,
    claw_back,
    points_to_claw,
)

__all__ = ["PointsLedger"]


def _convert_pending_days(value: object) -> int:
    return days(value, "pending_days")


def _check_lots(value: object) -> tuple[Lot, ...]:
    lots = tuple(instance(lot, Lot, "lots") for lot in items(value, "lots"))
    seen: set[str] = set()
    for lot in lots:
        if lot.id in seen:
            raise InvalidLoyaltyError.refused(
                "lots", lot.id, "is used by two lots; ids must differ", kind=InputKind.LIST
            )
        seen.add(lot.id)
    return lots


def _convert_last_date(value: object) -> date | None:
    return optional_day(value, "last_date")


def _convert_expiry(value: object) -> ExpiryRule:
    return instance(value, ExpiryRule, "expiry")


@named_at_the_door
@attrs.frozen
class PointsLedger:
    """A member's points, kept in lots, with the program's expiry and pending rules.

    ``pending_days`` is how long new points wait before they can be spent (usually the
    return window). ``last_date`` is the date of the latest transition: transitions
    must be applied in date order, since a ledger has no clock of its own.

    Examples:
        >>> ledger = PointsLedger(ExpiryRule(ExpiryPolicy.FIXED_TERM, 12), pending_days=14)
        >>> ledger, _ = ledger.earn("order-1", 300, on=date(2026, 1, 31))
        >>> ledger, _ = ledger.earn("order-2", 200, on=date(2026, 3, 1))
        >>> ledger.balance, ledger.spendable(date(2026, 3, 10))
        (500, 300)
        >>> ledger, entries = ledger.redeem(250, on=date(2026, 3, 20))
        >>> [(entry.lot_id, entry.points) for entry in entries]
        [('order-1', -250)]
        >>> ledger.redeem(500, on=date(2026, 3, 21))
        Traceback (most recent call last):
        ...
        commercekit.errors.InsufficientPointsError: cannot take 500 points on ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    expiry: ExpiryRule = attrs.field(converter=_convert_expiry)
    pending_days: int = attrs.field(default=0, converter=_convert_pending_days)
    lots: tuple[Lot, ...] = attrs.field(default=(), converter=_check_lots)
    last_date: date | None = attrs.field(default=None, converter=_convert_last_date)

    # -- reading -------------------------------------------------------------------

    @property
    def balance(self) -> int:
        """All points held: the sum of the open lots' remaining points."""
        return sum(lot.remaining for lot in self.open_lots)

    @property
    def open_lots(self) -> tuple[Lot, ...]:
        """The lots with points left (or, after a return, below zero)."""
        return tuple(lot for lot in self.lots if lot.remaining)

    def lot(self, lot_id: str) -> Lot:
        """The lot with id ``lot_id``, or an error naming the ids the ledger holds."""
        lot_id = text(lot_id, "lot_id")
        for lot in self.lots:
            if lot.id == lot_id:
                return lot
        known = ", ".join(repr(lot.id) for lot in self.lots) or "none"
        raise InvalidLoyaltyError.refused(
            "lot_id",
            lot_id,
            f"is not a lot in this ledger; it holds: {known}",
            kind=InputKind.CHOICE,
            choices=tuple(lot.id for lot in self.lots),
        )

    def spendable(self, on: date) -> int:
        """Points that can be spent on ``on``: pending and lapsed lots left out.

        A lot a return left below zero is a debt and is subtracted.
        """
        on = day(on, "on")
        held = sum(lot.remaining for lot in self.lots if lot.spendable_on(on))
        owed = sum(lot.remaining for lot in self.lots if lot.remaining < 0)
        return max(0, held + owed)

    # -- transitions ---------------------------------------------------------------

    def earn(
        self, lot_id: str, points_earned: int, *, on: date, reason: str = "earned"
    ) -> tuple[PointsLedger, tuple[Entry, ...]]:
        """Open a lot of ``points_earned`` for order ``lot_id``, earned on ``on``.

        The points become spendable ``pending_days`` later. If a return left a lot below
        zero, the new points pay that debt first (two ``SETTLE`` entries that sum to 0).
        """
        return self._credit(
            lot_id,
            points(points_earned, "points_earned", positive=True),
            self._on(on),
            pending=self.pending_days,
            kind=EntryKind.EARN,
            reason=text(reason, "reason"),
        )

    @named_at_the_door
    def redeem(
        self, points_spent: int, *, on: date, reason: str = "redeemed"
    ) -> tuple[PointsLedger, tuple[Entry, ...]]:
        """Spend ``points_spent``, from the lots that expire first.

        Raises ``InsufficientPointsError`` when fewer points are spendable on ``on``.
        """
        wanted = points(points_spent, "points_spent", positive=True)
        on = self._on(on)
        reason = text(reason, "reason")
        spendable = self.spendable(on)
        if wanted > spendable:
            raise InsufficientPointsError(wanted, spendable, on)
        lots, taken = take_first_expiring(
            self.lots, wanted, lambda lot: lot.spendable_on(on)
        )
        entries = tuple(
            Entry(EntryKind.REDEEM, -count, on, lot_id, reason) for lot_id, count in taken
        )
        return self._after(lots, on, activity=True), entries

    def cancel_redemption(
        self, redeemed: Iterable[Entry], *, on: date, reason: str = "redemption cancelled"
    ) -> tuple[PointsLedger, tuple[Entry, ...]]:
        """Put the points of ``redeemed`` (entries ``redeem`` returned) back in their lots.

        A lot whose last day has passed gets its points back too, and loses them at the
        next ``expire``: cancelling a redemption does not extend the points' life.
        """
        on = self._on(on)
        reason = text(reason, "reason")
        lots = list(self.lots)
        entries: list[Entry] = []
        for entry in items(redeemed, "redeemed"):
            if not isinstance(entry, Entry) or entry.kind is not EntryKind.REDEEM:
                raise InvalidLoyaltyError.refused(
                    "redeemed",
                    entry,
                    "is not a redeem entry; pass what redeem returned",
                    kind=InputKind.TYPE,
                )
            lot = self.lot(entry.lot_id)  # an unknown lot id is refused here
            index = next(at for at, found in enumerate(lots) if found.id == lot.id)
            current = lots[index]
            if current.remaining - entry.points > current.points:
                raise InvalidLoyaltyError(
                    "redeemed",
                    entry,
                    f"would put more than the {current.points} points lot "
                    f"{current.id!r} was earned with back in it; was it cancelled already?",
                )
            lots[index] = attrs.evolve(current, remaining=current.remaining - entry.points)
            entries.append(Entry(EntryKind.RECREDIT, -entry.points, on, lot.id, reason))
        return self._after(tuple(lots), on), tuple(entries)

    def expire(self, *, on: date) -> tuple[PointsLedger, tuple[Entry, ...]]:
        """Lapse every lot whose last day is before ``on``; other lots are untouched."""
        on = self._on(on)
        lots: list[Lot] = []
        entries: list[Entry] = []
        for lot in self.lots:
            if lot.remaining > 0 and lot.valid_until < on:
                entries.append(
                    Entry(
                        EntryKind.EXPIRE,
                        -lot.remaining,
                        on,
                        lot.id,
                        f"valid until {lot.valid_until.isoformat()}",
                    )
                )
                lot = attrs.evolve(lot, remaining=0)  # noqa: PLW2901
            lots.append(lot)
        return self._after(tuple(lots), on), tuple(entries)

    def reverse(
        self,
        lot_id: str,
        *,
        on: date,
        points_returned: int | None = None,
        policy: ReversalPolicy = DEFAULT_REVERSAL,
        reason: str = "order returned",
    ) -> tuple[PointsLedger, tuple[Entry, ...]]:
        """Claw back the points of a returned order (all of them, or ``points_returned``).

        The points come out of the order's own lot first. When they have already been
        spent, ``policy`` decides: take the rest from the member's other lots (the
        default, forgiving what they cannot cover), leave the order's lot below zero, or
        take only what the lot still holds. The entries' reasons say what was forgiven.

        After the lot's last day (``valid_until`` before ``on``) its points have lapsed,
        whether or not ``expire`` has booked it yet: only what the lot still holds is
        taken, never other lots' points and never a debt, under every policy. The
        entry says so, with 0 points when nothing was left to take.

        Examples:
            >>> ledger = PointsLedger(ExpiryRule(ExpiryPolicy.FIXED_TERM, 12))
            >>> ledger, _ = ledger.earn("A", 500, on=date(2026, 1, 10))
            >>> ledger, _ = ledger.earn("B", 300, on=date(2026, 6, 1))
            >>> ledger, _ = ledger.expire(on=date(2027, 1, 11))
            >>> ledger, entries = ledger.reverse("A", on=date(2027, 1, 12))
            >>> [(entry.lot_id, entry.points) for entry in entries], ledger.balance
            ([('A', 0)], 300)
            >>> print(entries[0].reason)
            order returned (A); its points lapsed after 2027-01-10: 500 points were
            spent or expired and are not taken from other lots
        """
        on = self._on(on)
        policy = choice(policy, ReversalPolicy, "policy")
        reason = text(reason, "reason")
        lot = self.lot(lot_id)
        claw = points_to_claw(lot, points_returned)
        lots, entries = claw_back(self.lots, lot, claw, on=on, policy=policy, reason=reason)
        return self._after(lots, on), entries

    def adjust(
        self, points_changed: int, *, on: date, reason: str, lot_id: str | None = None
    ) -> tuple[PointsLedger, tuple[Entry, ...]]:
        """A manual credit (a new lot ``lot_id``, spendable at once) or debit, and why.

        A debit takes points from the lots that expire first, pending ones included,
        and never takes more than the member holds.
        """
        change = signed_points(points_changed, "points_changed")
        reason = text(reason, "reason")
        on = self._on(on)
        if change > 0:
            if lot_id is None:
                raise InvalidLoyaltyError.refused(
                    "lot_id",
                    lot_id,
                    "is needed for a credit: name the new lot",
                    kind=InputKind.TEXT,
                )
            return self._credit(
                lot_id, change, on, pending=0, kind=EntryKind.ADJUST, reason=reason
            )
        held = sum(lot.remaining for lot in self.lots if lot.remaining > 0)
        if -change > held:
            raise InsufficientPointsError(-change, held, on)
        lots, taken = take_first_expiring(self.lots, -change, lambda lot: lot.remaining > 0)
        entries = tuple(
            Entry(EntryKind.ADJUST, -count, on, taken_from, reason)
            for taken_from, count in taken
        )
        return self._after(lots, on), entries

    # -- helpers -------------------------------------------------------------------

    def _on(self, on: object) -> date:
        found = day(on, "on")
        if self.last_date is not None and found < self.last_date:
            raise InvalidLoyaltyError.refused(
                "on",
                found,
                f"is before the ledger's last transition on "
                f"{self.last_date.isoformat()}; apply transitions in date order",
                kind=InputKind.DATE,
            )
        return found

    def _credit(
        self,
        lot_id: str,
        count: int,
        on: date,
        *,
        pending: int,
        kind: EntryKind,
        reason: str,
    ) -> tuple[PointsLedger, tuple[Entry, ...]]:
        lot_id = text(lot_id, "lot_id")
        if any(lot.id == lot_id for lot in self.lots):
            raise InvalidLoyaltyError.refused(
                "lot_id",
                lot_id,
                "is already a lot in this ledger; give each order its own id",
                kind=InputKind.TEXT,
            )
        new = Lot(
            lot_id,
            count,
            count,
            on,
            later(on, pending, ("on", "pending_days")),
            expiry_date(self.expiry, on, "on"),
        )
        entries = [Entry(kind, count, on, lot_id, reason)]
        lots: list[Lot] = []
        for lot in sorted(self.lots, key=lambda found: (found.earned_on, found.id)):
            if lot.remaining < 0 and new.remaining > 0:
                paid = min(-lot.remaining, new.remaining)
                new = attrs.evolve(new, remaining=new.remaining - paid)
                lot = attrs.evolve(lot, remaining=lot.remaining + paid)  # noqa: PLW2901
                entries += [
                    Entry(
                        EntryKind.SETTLE, -paid, on, new.id, f"pays the debt of {lot.id}"
                    ),
                    Entry(EntryKind.SETTLE, paid, on, lot.id, f"paid from {new.id}"),
                ]
            lots.append(lot)
        order = {lot.id: index for index, lot in enumerate(self.lots)}
        lots.sort(key=lambda lot: order[lot.id])
        ledger = self._after((*lots, new), on, activity=kind is EntryKind.EARN)
        return ledger, tuple(entries)

    def _after(
        self, lots: Sequence[Lot], on: date, *, activity: bool = False
    ) -> PointsLedger:
        if activity and self.expiry.policy is ExpiryPolicy.ROLLING:
            # Rolling expiry: activity renews every lot that has not lapsed yet.
            until = expiry_date(self.expiry, on, "on")
            lots = [
                attrs.evolve(lot, valid_until=max(lot.valid_until, until))
                if lot.remaining > 0 and lot.valid_until >= on
                else lot
                for lot in lots
            ]
        return attrs.evolve(self, lots=tuple(lots), last_date=on)
