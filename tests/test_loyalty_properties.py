"""The points ledger never goes negative, whatever a member and the shop do, in any order.

A hypothesis state machine drives one ledger through random earnings, redemptions
(including ones asking for more than is spendable), expiry, returns (whole or partial,
under every reversal policy) and manual adjustments (credits and debits, including ones
larger than the balance), on days that only move forward. After every step:

* no lot, no balance and no spendable figure is below zero, unless a return chose
  ``ReversalPolicy.ALLOW_NEGATIVE``; even then nothing can be *spent* below zero, and a
  lot is in debt by no more than returns clawed back from it;
* the balance is the sum of every entry the ledger ever returned;
* a refused step (``InsufficientPointsError``, a second reversal) leaves the ledger as
  it was: transitions are pure.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from commercekit.errors import CommerceKitError, InsufficientPointsError
from commercekit.loyalty import (
    Entry,
    ExpiryPolicy,
    ExpiryRule,
    PointsLedger,
    ReversalPolicy,
)

_SAFE_POLICIES = tuple(
    policy for policy in ReversalPolicy if policy is not ReversalPolicy.ALLOW_NEGATIVE
)

_points = st.integers(1, 1_000)
_gaps = st.integers(0, 120)


class LedgerNeverNegative(RuleBasedStateMachine):
    """Random steps on one ledger, returns never allowed to leave a debt."""

    policies: tuple[ReversalPolicy, ...] = _SAFE_POLICIES

    def __init__(self) -> None:
        super().__init__()
        self.ledger = PointsLedger(ExpiryRule(ExpiryPolicy.FIXED_TERM, 12))
        self.on = date(2026, 1, 1)
        self.total = 0
        self.count = 0
        self.redemptions: list[tuple[Entry, ...]] = []

    # A pending period longer than the expiry term is refused when points are earned
    # (they would lapse before they could be spent); two months always outlast 40 days.
    @initialize(
        policy=st.sampled_from(list(ExpiryPolicy)),
        months=st.integers(2, 14),
        pending=st.integers(0, 40),
    )
    def open_ledger(self, policy: ExpiryPolicy, months: int, pending: int) -> None:
        self.ledger = PointsLedger(ExpiryRule(policy, months), pending_days=pending)

    # -- steps ---------------------------------------------------------------------

    def _later(self, gap: int) -> date:
        self.on += timedelta(days=gap)
        return self.on

    def _book(self, step: tuple[PointsLedger, tuple[Entry, ...]]) -> tuple[Entry, ...]:
        self.ledger, entries = step
        self.total += sum(entry.points for entry in entries)
        return entries

    def _new_id(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}-{self.count}"

    @rule(points=_points, gap=_gaps)
    def earn(self, points: int, gap: int) -> None:
        on = self._later(gap)
        self._book(self.ledger.earn(self._new_id("order"), points, on=on))

    @rule(points=_points, gap=_gaps)
    def redeem(self, points: int, gap: int) -> None:
        on = self._later(gap)
        before = self.ledger
        if points > self.ledger.spendable(on):
            try:
                self.ledger.redeem(points, on=on)
            except InsufficientPointsError:
                assert self.ledger == before
                return
            raise AssertionError("redeemed more than was spendable")
        self.redemptions.append(self._book(self.ledger.redeem(points, on=on)))

    @precondition(lambda self: bool(self.redemptions))
    @rule(gap=_gaps)
    def cancel_a_redemption(self, gap: int) -> None:
        on = self._later(gap)
        self._book(self.ledger.cancel_redemption(self.redemptions.pop(), on=on))

    @rule(gap=_gaps)
    def expire(self, gap: int) -> None:
        self._book(self.ledger.expire(on=self._later(gap)))

    @precondition(lambda self: bool(self.ledger.lots))
    @rule(
        which=st.integers(0, 10_000),
        part=st.one_of(st.none(), st.integers(1, 1_000)),
        gap=_gaps,
        data=st.data(),
    )
    def reverse(self, which: int, part: int | None, gap: int, data: st.DataObject) -> None:
        policy = data.draw(st.sampled_from(self.policies))
        lot = self.ledger.lots[which % len(self.ledger.lots)]
        left = lot.points - lot.clawed_back
        on = self._later(gap)
        returned = None if part is None else min(part, max(left, 1))
        before = self.ledger
        try:
            step = self.ledger.reverse(
                lot.id, on=on, points_returned=returned, policy=policy
            )
        except CommerceKitError:
            assert left == 0, "only an order already fully reversed is refused"
            assert self.ledger == before
            return
        self._book(step)

    @rule(points=_points, gap=_gaps)
    def credit(self, points: int, gap: int) -> None:
        on = self._later(gap)
        self._book(
            self.ledger.adjust(
                points, on=on, reason="goodwill", lot_id=self._new_id("goodwill")
            )
        )

    @rule(points=_points, gap=_gaps)
    def debit(self, points: int, gap: int) -> None:
        on = self._later(gap)
        held = sum(lot.remaining for lot in self.ledger.lots if lot.remaining > 0)
        before = self.ledger
        if points > held:
            try:
                self.ledger.adjust(-points, on=on, reason="correction")
            except InsufficientPointsError:
                assert self.ledger == before
                return
            raise AssertionError("debited more than the member holds")
        self._book(self.ledger.adjust(-points, on=on, reason="correction"))

    # -- what always holds -----------------------------------------------------------

    @invariant()
    def nothing_is_spent_below_zero(self) -> None:
        assert self.ledger.spendable(self.on) >= 0

    @invariant()
    def a_debt_comes_only_from_a_return(self) -> None:
        for lot in self.ledger.lots:
            assert -lot.clawed_back <= lot.remaining <= lot.points

    @invariant()
    def the_balance_is_the_sum_of_the_entries(self) -> None:
        assert self.ledger.balance == self.total

    @invariant()
    def never_negative(self) -> None:
        assert self.ledger.balance >= 0
        assert all(lot.remaining >= 0 for lot in self.ledger.lots)


class LedgerUnderEveryPolicy(LedgerNeverNegative):
    """The same steps, returns free to choose ALLOW_NEGATIVE: debts, but none spent."""

    policies = tuple(ReversalPolicy)

    @invariant()
    def never_negative(self) -> None:
        # A return under ALLOW_NEGATIVE may leave a debt; the other invariants still
        # hold: nothing is spendable below zero and no debt exceeds what was clawed back.
        debts = sum(lot.remaining for lot in self.ledger.lots if lot.remaining < 0)
        assert debts >= -sum(lot.clawed_back for lot in self.ledger.lots)


TestLedgerNeverNegative = LedgerNeverNegative.TestCase
TestLedgerUnderEveryPolicy = LedgerUnderEveryPolicy.TestCase
