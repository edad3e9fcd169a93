"""Loyalty points: worked examples, ledger properties, month arithmetic, bad input.

The worked examples are constructed here, with every figure stated in the comments so a
reader can redo them by hand; they follow the usual program terms (points on the goods
net of discounts, a pending period as long as the return window, expiry 12 months after
earning, points worth 1 cent at checkout).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import (
    CommerceKitError,
    CurrencyMismatchError,
    InsufficientPointsError,
)
from commercekit.loyalty import (
    BonusEvent,
    DowngradePolicy,
    EarnBasis,
    EarnRule,
    Entry,
    EntryKind,
    ExpiryPolicy,
    ExpiryRule,
    Lot,
    PointsLedger,
    RedemptionRule,
    ReversalPolicy,
    Tier,
    TierBasis,
    TierProgram,
    add_months,
    earn_points,
    end_of_month,
    qualifying_period,
    qualifying_spend,
    redemption_discount,
    referral_reward,
    tier_at_period_end,
    tier_for,
    upgrade,
)
from commercekit.money import Money, RoundingMode

D = Decimal
EUR = "EUR"
TWELVE_MONTHS = ExpiryRule(ExpiryPolicy.FIXED_TERM, 12)


def eur(amount: str) -> Money:
    return Money(amount, EUR)


# -- month arithmetic -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # clamped to February's last day
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 2, date(2026, 3, 31)),  # from the original day, not Feb 28
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),  # across the year end
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 20), 0, date(2026, 5, 20)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_end_of_month() -> None:
    assert end_of_month(date(2026, 2, 1)) == date(2026, 2, 28)
    assert end_of_month(date(2028, 2, 1)) == date(2028, 2, 29)
    assert end_of_month(date(2026, 12, 31)) == date(2026, 12, 31)


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(days, st.integers(-240, 240))
def test_add_months_lands_in_the_right_month(start: date, months: int) -> None:
    """The month moves by exactly ``months`` and the day is kept or clamped to month end."""
    moved = add_months(start, months)
    assert moved.year * 12 + moved.month == start.year * 12 + start.month + months
    assert moved.day == start.day or (
        moved.day < start.day and moved == end_of_month(moved)
    )


@given(days, days, st.integers(-60, 60))
def test_add_months_keeps_order(first: date, second: date, months: int) -> None:
    """Adding the same months never swaps two dates."""
    early, late = sorted((first, second))
    assert add_months(early, months) <= add_months(late, months)


@given(days, st.integers(0, 60))
def test_add_months_and_back_never_overshoots(start: date, months: int) -> None:
    """Going forward and back lands on the start or, after clamping, before it."""
    back = add_months(add_months(start, months), -months)
    assert back <= start
    assert back.month == start.month


@given(days)
def test_end_of_month_is_the_day_before_the_first(start: date) -> None:
    """The day after a month's last day is the 1st."""
    assert (end_of_month(start) + timedelta(days=1)).day == 1


# -- earning ----------------------------------------------------------------------------


def test_earn_on_net_goods_by_default() -> None:
    # Goods 89.90 after a 10.00 discount, tax 18.88, shipping 4.95; 1 point per euro on
    # net goods: 89.90 points, rounded down to 89. Tax and shipping earn nothing.
    rule = EarnRule(EUR, 1)
    earned = earn_points(
        rule,
        goods=eur("89.90"),
        tax=eur("18.88"),
        shipping=eur("4.95"),
        on=date(2026, 4, 1),
    )
    assert earned.points == 89
    assert earned.unrounded == D("89.90")
    assert "rounded down to 89" in earned.why


def test_earn_bases_differ() -> None:
    # The same order under each basis: 89.90 + 18.88 = 108.78 -> 108;
    # 89.90 + 4.95 = 94.85 -> 94; 89.90 + 18.88 + 4.95 = 113.73 -> 113.
    amounts = {"goods": eur("89.90"), "tax": eur("18.88"), "shipping": eur("4.95")}
    got = {
        basis: earn_points(EarnRule(EUR, 1, basis=basis), on=date(2026, 4, 1), **amounts)
        for basis in EarnBasis
    }
    assert [got[basis].points for basis in EarnBasis] == [89, 108, 94, 113]


def test_earn_rounding_is_explicit() -> None:
    # 2 points per euro on 10.25: 20.5 points; down 20, half-up 21, half-even 20.
    base = {"goods": eur("10.25"), "on": date(2026, 4, 1)}
    assert earn_points(EarnRule(EUR, 2), **base).points == 20  # type: ignore[arg-type]
    half_up = EarnRule(EUR, 2, rounding=RoundingMode.HALF_UP)
    assert earn_points(half_up, **base).points == 21  # type: ignore[arg-type]
    half_even = EarnRule(EUR, 2, rounding=RoundingMode.HALF_EVEN)
    assert earn_points(half_even, **base).points == 20  # type: ignore[arg-type]


def test_earn_multipliers_bonus_event_and_cap() -> None:
    # Books earn x3, toys x1; gold members x1.5; a double-points weekend with a fixed
    # 100-point bonus; at most 500 points per order before the fixed bonus.
    weekend = BonusEvent(
        "double weekend",
        date(2026, 5, 2),
        date(2026, 5, 3),
        multiplier=2,
        bonus_points=100,
    )
    rule = EarnRule(
        EUR,
        1,
        tier_multipliers={"gold": D("1.5")},
        category_multipliers={"books": 3},
        bonus_events=(weekend,),
        cap_per_order=500,
    )
    goods = {"books": eur("40.00"), "toys": eur("25.00")}
    # Outside the event: (40 x 3 + 25) x 1.5 = 217.5 -> 217.
    plain = earn_points(rule, goods=goods, on=date(2026, 5, 1), tier="gold")
    assert plain.points == 217
    # In the event: 217.5 x 2 = 435 -> 435, + 100 = 535.
    bonus = earn_points(rule, goods=goods, on=date(2026, 5, 3), tier="gold")
    assert (bonus.unrounded, bonus.points) == (D("435.000"), 535)
    # A bigger basket in the event: (100 x 3 + 50) x 1.5 x 2 = 1050, capped at 500,
    # then + 100 = 600.
    big = {"books": eur("100.00"), "toys": eur("50.00")}
    capped = earn_points(rule, goods=big, on=date(2026, 5, 2), tier="gold")
    assert capped.points == 600
    assert "capped at 500" in capped.why
    assert "books 100.00 x 3" in capped.why


def test_earn_in_yen() -> None:
    # 1 point per 100 yen on 12,345 JPY: 123.45 -> 123.
    rule = EarnRule("JPY", D("0.01"))
    assert earn_points(rule, goods=Money(12345, "JPY"), on=date(2026, 1, 1)).points == 123


# -- the ledger: a worked history ------------------------------------------------------


def test_ledger_worked_history() -> None:
    # Pending 30 days, points valid 12 months from earning.
    ledger = PointsLedger(TWELVE_MONTHS, pending_days=30)
    ledger, added = ledger.earn("A", 500, on=date(2026, 1, 31))
    assert added == (Entry(EntryKind.EARN, 500, date(2026, 1, 31), "A", "earned"),)
    a = ledger.lot("A")
    assert (a.spendable_from, a.valid_until) == (date(2026, 3, 2), date(2027, 1, 31))
    ledger, _ = ledger.earn("B", 300, on=date(2026, 3, 1))
    # On 10 March A (500) is spendable, B is pending until 31 March.
    assert ledger.spendable(date(2026, 3, 10)) == 500
    assert ledger.balance == 800
    with pytest.raises(InsufficientPointsError, match="only 500 are spendable"):
        ledger.redeem(600, on=date(2026, 3, 10))
    # On 5 April both are spendable; 600 points come from A (expires first), then B.
    ledger, spent = ledger.redeem(600, on=date(2026, 4, 5))
    assert [(entry.lot_id, entry.points) for entry in spent] == [("A", -500), ("B", -100)]
    assert ledger.balance == 200
    # B lapses after 1 March 2027: on 2 March 2027, 200 points expire.
    ledger, lapsed = ledger.expire(on=date(2027, 3, 1))
    assert lapsed == ()
    ledger, lapsed = ledger.expire(on=date(2027, 3, 2))
    assert [(entry.kind, entry.lot_id, entry.points) for entry in lapsed] == [
        (EntryKind.EXPIRE, "B", -200)
    ]
    assert ledger.balance == 0
    assert ledger.open_lots == ()


def test_redemption_order_ties_by_earned_date_then_id() -> None:
    # End-of-month expiry: lots earned on 3 and 20 May 2026 both lapse after 31 May 2027.
    ledger = PointsLedger(ExpiryRule(ExpiryPolicy.END_OF_MONTH, 12))
    ledger, _ = ledger.earn("z-late", 100, on=date(2026, 5, 3))
    ledger, _ = ledger.earn("a-later", 100, on=date(2026, 5, 20))
    ledger, _ = ledger.earn("b-same-day", 100, on=date(2026, 5, 20))
    assert {lot.valid_until for lot in ledger.lots} == {date(2027, 5, 31)}
    ledger, spent = ledger.redeem(250, on=date(2026, 6, 1))
    assert [(entry.lot_id, entry.points) for entry in spent] == [
        ("z-late", -100),
        ("a-later", -100),
        ("b-same-day", -50),
    ]


def test_rolling_expiry_renews_on_activity() -> None:
    # All points lapse 6 months after the last earning or redemption.
    ledger = PointsLedger(ExpiryRule(ExpiryPolicy.ROLLING, 6))
    ledger, _ = ledger.earn("A", 100, on=date(2026, 1, 31))
    assert ledger.lot("A").valid_until == date(2026, 7, 31)
    ledger, _ = ledger.redeem(10, on=date(2026, 6, 30))
    assert ledger.lot("A").valid_until == date(2026, 12, 30)
    ledger, _ = ledger.earn("B", 50, on=date(2026, 8, 31))
    assert [lot.valid_until for lot in ledger.lots] == [date(2027, 2, 28)] * 2
    ledger, lapsed = ledger.expire(on=date(2027, 3, 1))
    assert sum(entry.points for entry in lapsed) == -140
    # A lapsed lot is not revived by later activity.
    ledger, _ = ledger.earn("C", 20, on=date(2027, 3, 2))
    assert ledger.lot("A").remaining == 0
    assert ledger.balance == 20


def test_reverse_policies_after_partial_redemption() -> None:
    # A earns 500 and B 300; 400 are spent (all from A); then A's order is returned.
    ledger = PointsLedger(TWELVE_MONTHS)
    ledger, _ = ledger.earn("A", 500, on=date(2026, 1, 10))
    ledger, _ = ledger.earn("B", 300, on=date(2026, 2, 1))
    ledger, _ = ledger.redeem(400, on=date(2026, 2, 15))
    assert (ledger.lot("A").remaining, ledger.balance) == (100, 400)
    on = date(2026, 2, 20)

    # Default: A's 100, then 300 from B; the last 100 are forgiven. Balance 0.
    deducted, entries = ledger.reverse("A", on=on)
    assert [(entry.lot_id, entry.points) for entry in entries] == [("A", -100), ("B", -300)]
    assert deducted.balance == 0
    assert "100 points could not be clawed back" in entries[0].reason

    # Cap: only A's 100; B keeps 300.
    capped, entries = ledger.reverse("A", on=on, policy=ReversalPolicy.CAP_AT_REMAINING)
    assert [(entry.lot_id, entry.points) for entry in entries] == [("A", -100)]
    assert capped.balance == 300

    # Allow negative: A goes to -400; balance -100; nothing spendable; the next 1,000
    # earned pay the 400 debt first.
    negative, entries = ledger.reverse("A", on=on, policy=ReversalPolicy.ALLOW_NEGATIVE)
    assert [(entry.lot_id, entry.points) for entry in entries] == [("A", -500)]
    assert (negative.lot("A").remaining, negative.balance) == (-400, -100)
    assert negative.spendable(on) == 0
    settled, entries = negative.earn("C", 1000, on=date(2026, 3, 1))
    assert [(entry.kind, entry.lot_id, entry.points) for entry in entries] == [
        (EntryKind.EARN, "C", 1000),
        (EntryKind.SETTLE, "C", -400),
        (EntryKind.SETTLE, "A", 400),
    ]
    assert (settled.lot("C").remaining, settled.balance) == (600, 900)

    # One order cannot be reversed twice.
    with pytest.raises(CommerceKitError, match="clawed back already"):
        deducted.reverse("A", on=on)


@pytest.mark.parametrize("policy", list(ReversalPolicy))
@pytest.mark.parametrize("booked", [True, False], ids=["expired", "lapsed-unbooked"])
def test_a_return_after_expiry_takes_nothing_from_other_lots(
    policy: ReversalPolicy, booked: bool
) -> None:
    # A earns 500 on 10 January 2026 (valid until 10 January 2027) and 200 of it are
    # spent; B earns 300 in June. A's other 300 lapse; then A's order is returned.
    ledger = PointsLedger(TWELVE_MONTHS)
    ledger, _ = ledger.earn("A", 500, on=date(2026, 1, 10))
    ledger, _ = ledger.earn("B", 300, on=date(2026, 6, 1))
    ledger, _ = ledger.redeem(200, on=date(2026, 6, 2))
    assert [lot.remaining for lot in ledger.lots] == [300, 300]
    if booked:
        ledger, lapsed = ledger.expire(on=date(2027, 1, 11))
        assert [(entry.lot_id, entry.points) for entry in lapsed] == [("A", -300)]
    after, entries = ledger.reverse("A", on=date(2027, 1, 12), policy=policy)
    # B keeps every point, A does not go below zero: whatever A still held (300 if
    # expiry was not booked yet) is all that goes.
    assert after.lot("B") == ledger.lot("B")
    taken = 0 if booked else 300
    assert after.lot("A").remaining == 0
    assert after.balance == 300
    assert after.spendable(date(2027, 1, 12)) == 300
    assert [(entry.kind, entry.lot_id, entry.points) for entry in entries] == [
        (EntryKind.REVERSE, "A", -taken)
    ]
    reason = entries[0].reason
    assert "lapsed after 2027-01-10" in reason
    assert f"{500 - taken} points were spent or expired" in reason
    assert "not taken from other lots" in reason
    # The order counts as reversed: it cannot be reversed again.
    with pytest.raises(CommerceKitError, match="clawed back already"):
        after.reverse("A", on=date(2027, 1, 12), policy=policy)
    # Later points are not claimed by a debt either.
    later, added = after.earn("C", 100, on=date(2027, 2, 1))
    assert [entry.kind for entry in added] == [EntryKind.EARN]
    assert later.balance == 400


@pytest.mark.parametrize("policy", list(ReversalPolicy))
def test_a_partial_return_after_expiry(policy: ReversalPolicy) -> None:
    # 74 points, a third returned in time (24 clawed back), the rest after expiry.
    ledger = PointsLedger(TWELVE_MONTHS)
    ledger, _ = ledger.earn("A", 74, on=date(2026, 1, 10))
    ledger, _ = ledger.earn("B", 100, on=date(2026, 1, 11))
    ledger, _ = ledger.reverse("A", on=date(2026, 1, 20), points_returned=24)
    ledger, _ = ledger.expire(on=date(2027, 1, 11))
    after, entries = ledger.reverse(
        "A", on=date(2027, 1, 11), points_returned=50, policy=policy
    )
    assert [(entry.lot_id, entry.points) for entry in entries] == [("A", 0)]
    assert after.lot("B").remaining == 100
    assert "50 points were spent or expired" in entries[0].reason


def test_partial_return_and_pending_clawback() -> None:
    # 300 points pending (14 days); the customer returns a third of the order.
    ledger = PointsLedger(TWELVE_MONTHS, pending_days=14)
    ledger, _ = ledger.earn("A", 300, on=date(2026, 6, 1))
    ledger, entries = ledger.reverse("A", on=date(2026, 6, 5), points_returned=100)
    assert [(entry.lot_id, entry.points) for entry in entries] == [("A", -100)]
    assert ledger.balance == 200
    assert ledger.spendable(date(2026, 6, 15)) == 200


def test_adjust_credit_and_debit() -> None:
    ledger = PointsLedger(TWELVE_MONTHS, pending_days=30)
    ledger, _ = ledger.earn("A", 100, on=date(2026, 1, 1))
    ledger, credit = ledger.adjust(
        50, on=date(2026, 1, 2), reason="late delivery", lot_id="goodwill-1"
    )
    assert credit == (
        Entry(EntryKind.ADJUST, 50, date(2026, 1, 2), "goodwill-1", "late delivery"),
    )
    assert ledger.spendable(date(2026, 1, 2)) == 50  # a credit is spendable at once
    ledger, debit = ledger.adjust(-120, on=date(2026, 1, 3), reason="duplicate order")
    # A (valid until 1 Jan 2027) lapses before goodwill-1 (2 Jan 2027): it goes first.
    assert [(entry.lot_id, entry.points) for entry in debit] == [
        ("A", -100),
        ("goodwill-1", -20),
    ]
    assert ledger.balance == 30
    with pytest.raises(InsufficientPointsError):
        ledger.adjust(-31, on=date(2026, 1, 3), reason="too much")


# -- ledger properties ---------------------------------------------------------------

operations = st.lists(
    st.tuples(
        st.sampled_from(["earn", "redeem", "expire", "reverse", "adjust", "cancel"]),
        st.integers(1, 900),
        st.integers(0, 60),
        st.sampled_from(list(ReversalPolicy)),
    ),
    max_size=25,
)
expiry_rules = st.builds(
    ExpiryRule, st.sampled_from(list(ExpiryPolicy)), st.integers(1, 14)
)


def run(
    rule: ExpiryRule, pending: int, steps: list[tuple[str, int, int, ReversalPolicy]]
) -> list[tuple[PointsLedger, tuple[Entry, ...]]]:
    """Apply ``steps`` in date order, skipping the ones the ledger refuses."""
    ledger = PointsLedger(rule, pending_days=pending)
    history: list[tuple[PointsLedger, tuple[Entry, ...]]] = [(ledger, ())]
    on = date(2026, 1, 1)
    redemptions: list[tuple[Entry, ...]] = []
    for index, (kind, count, gap, policy) in enumerate(steps):
        on += timedelta(days=gap)
        try:
            if kind == "earn":
                ledger, added = ledger.earn(f"o{index}", count, on=on)
            elif kind == "redeem":
                ledger, added = ledger.redeem(count, on=on)
                redemptions.append(added)
            elif kind == "expire":
                ledger, added = ledger.expire(on=on)
            elif kind == "reverse":
                if not ledger.lots:
                    continue
                lot = ledger.lots[count % len(ledger.lots)]
                ledger, added = ledger.reverse(lot.id, on=on, policy=policy)
            elif kind == "adjust":
                ledger, added = ledger.adjust(
                    count if gap % 2 else -count, on=on, reason="test", lot_id=f"m{index}"
                )
            else:
                if not redemptions:
                    continue
                ledger, added = ledger.cancel_redemption(redemptions.pop(), on=on)
        except CommerceKitError:
            continue
        history.append((ledger, added))
    return history


@given(expiry_rules, st.integers(0, 40), operations)
def test_balance_is_the_sum_of_open_lots_and_of_entries(
    rule: ExpiryRule, pending: int, steps: list[tuple[str, int, int, ReversalPolicy]]
) -> None:
    """After any operations, balance == sum of open lots' remaining == sum of entries."""
    history = run(rule, pending, steps)
    total = 0
    for ledger, added in history:
        total += sum(entry.points for entry in added)
        assert ledger.balance == sum(lot.remaining for lot in ledger.open_lots) == total
        assert all(lot.remaining <= lot.points for lot in ledger.lots)


@given(expiry_rules, st.integers(0, 40), operations)
def test_negative_balance_only_by_choice(
    rule: ExpiryRule, pending: int, steps: list[tuple[str, int, int, ReversalPolicy]]
) -> None:
    """Without ALLOW_NEGATIVE reversals, no lot and no balance ever goes below zero."""
    safe = [step for step in steps if step[3] is not ReversalPolicy.ALLOW_NEGATIVE]
    for ledger, _ in run(rule, pending, safe):
        assert ledger.balance >= 0
        assert all(lot.remaining >= 0 for lot in ledger.lots)


@given(
    expiry_rules, st.integers(0, 40), operations, st.integers(1, 2000), st.integers(0, 400)
)
def test_redeem_never_exceeds_spendable_and_cancel_restores(
    rule: ExpiryRule,
    pending: int,
    steps: list[tuple[str, int, int, ReversalPolicy]],
    wanted: int,
    later: int,
) -> None:
    """Redemption takes exactly what was asked, never more than spendable; cancelling it
    restores the balance and the lots."""
    ledger = run(rule, pending, steps)[-1][0]
    on = (ledger.last_date or date(2026, 1, 1)) + timedelta(days=later)
    spendable = ledger.spendable(on)
    if wanted > spendable:
        with pytest.raises(InsufficientPointsError):
            ledger.redeem(wanted, on=on)
        return
    after, spent = ledger.redeem(wanted, on=on)
    assert -sum(entry.points for entry in spent) == wanted
    assert after.balance == ledger.balance - wanted
    assert after.spendable(on) == spendable - wanted
    restored, _ = after.cancel_redemption(spent, on=on)
    assert restored.balance == ledger.balance
    assert [lot.remaining for lot in restored.lots] == [
        lot.remaining for lot in ledger.lots
    ]


@given(
    expiry_rules,
    st.integers(0, 40),
    operations,
    st.integers(0, 900),
    st.sampled_from(list(ReversalPolicy)),
    st.booleans(),
)
def test_reversing_a_lapsed_lot_touches_no_other_lot(
    rule: ExpiryRule,
    pending: int,
    steps: list[tuple[str, int, int, ReversalPolicy]],
    later: int,
    policy: ReversalPolicy,
    booked: bool,
) -> None:
    """Reversing a lapsed lot, under any policy, changes no other lot and leaves no debt."""
    ledger = run(rule, pending, steps)[-1][0]
    on = (ledger.last_date or date(2026, 1, 1)) + timedelta(days=later)
    if booked:
        ledger, _ = ledger.expire(on=on)
    for lot in ledger.lots:
        if lot.valid_until >= on or lot.clawed_back == lot.points:
            continue
        after, entries = ledger.reverse(lot.id, on=on, policy=policy)
        for before, found in zip(ledger.lots, after.lots, strict=True):
            if found.id != lot.id:
                assert found == before
        mine = after.lot(lot.id)
        assert mine.remaining >= min(lot.remaining, 0)  # no new debt
        assert [entry.lot_id for entry in entries] == [lot.id]
        assert entries[0].points == mine.remaining - lot.remaining <= 0
        assert "lapsed after" in entries[0].reason


@given(expiry_rules, st.integers(0, 40), operations, st.integers(0, 900))
def test_expire_never_touches_unexpired_lots(
    rule: ExpiryRule,
    pending: int,
    steps: list[tuple[str, int, int, ReversalPolicy]],
    later: int,
) -> None:
    """Expiry changes only lots whose last day is before the date, and empties them."""
    ledger = run(rule, pending, steps)[-1][0]
    on = (ledger.last_date or date(2026, 1, 1)) + timedelta(days=later)
    after, entries = ledger.expire(on=on)
    for before, lot in zip(ledger.lots, after.lots, strict=True):
        if before.valid_until >= on or before.remaining <= 0:
            assert lot == before
        else:
            assert lot.remaining == 0
    assert {entry.lot_id for entry in entries} == {
        lot.id for lot in ledger.lots if lot.remaining > 0 and lot.valid_until < on
    }


# -- redemption at checkout -----------------------------------------------------------

CHECKOUT = RedemptionRule(
    {"EUR": Money("0.01", "EUR"), "JPY": Money(1, "JPY"), "BHD": Money("0.002", "BHD")},
    min_points=500,
    max_points=10000,
    max_share="0.5",
)


def test_redemption_within_limits() -> None:
    # 1,200 points x 0.01 = 12.00 off goods of 80.00 (half is 40.00, so no cap).
    used = redemption_discount(CHECKOUT, 1200, goods=eur("80.00"), spendable=5000)
    assert (used.points, used.discount) == (1200, eur("12.00"))


def test_redemption_capped_by_share_and_maximum() -> None:
    # Half of 45.55 is 22.775 euros: at most 2,277 points, worth 22.77.
    used = redemption_discount(CHECKOUT, 5000, goods=eur("45.55"))
    assert (used.points, used.discount) == (2277, eur("22.77"))
    # On goods of 500.00 half would allow 25,000 points; the maximum is 10,000 (100.00).
    used = redemption_discount(CHECKOUT, 20000, goods=eur("500.00"))
    assert (used.points, used.discount) == (10000, eur("100.00"))
    assert "at most 10000 points per order" in used.why
    # On goods of 9.00 half allows 450 points, below the minimum of 500: none used.
    used = redemption_discount(CHECKOUT, 600, goods=eur("9.00"))
    assert (used.points, used.discount) == (0, eur("0.00"))


def test_redemption_rounds_down_in_each_currency() -> None:
    # 1,501 yen points = 1,501 JPY; Bahraini dinar has 3 decimals: 777 x 0.002 = 1.554.
    assert redemption_discount(CHECKOUT, 1501, goods=Money(10000, "JPY")).discount == Money(
        1501, "JPY"
    )
    assert redemption_discount(CHECKOUT, 777, goods=Money(10, "BHD")).discount == Money(
        "1.554", "BHD"
    )
    # Half a cent per point: 1,001 points are worth 5.005, rounded down to 5.00.
    rule = RedemptionRule({"EUR": eur("0.005")})
    assert redemption_discount(rule, 1001, goods=eur("100.00")).discount == eur("5.00")


@given(st.integers(1, 50000), st.integers(0, 1000000), st.integers(1, 500))
def test_discount_never_exceeds_points_value_or_share(
    requested: int, cents: int, value_in_tenths_of_cent: int
) -> None:
    """discount <= points used x value, <= half the goods, and points used <= requested."""
    worth = D(value_in_tenths_of_cent) / 1000
    rule = RedemptionRule({"EUR": Money(worth, "EUR")}, max_share="0.5")
    goods = Money(D(cents) / 100, "EUR")
    used = redemption_discount(rule, requested, goods=goods)
    assert used.points <= requested
    assert used.discount.amount <= used.points * worth
    assert used.discount.amount * 2 <= goods.amount
    assert used.points * worth - used.discount.amount < D("0.01")


# -- tiers and referrals -----------------------------------------------------------------

POINTS_TIERS = TierProgram(
    TierBasis.POINTS,
    (Tier("member", 0), Tier("silver", 1000), Tier("gold", 5000), Tier("platinum", 15000)),
)


def test_tier_for_thresholds() -> None:
    assert [tier_for(POINTS_TIERS, n).name for n in (0, 999, 1000, 14999, 15000)] == [
        "member",
        "member",
        "silver",
        "gold",
        "platinum",
    ]


def test_upgrade_at_once_but_never_down_mid_period() -> None:
    assert upgrade(POINTS_TIERS, "silver", 5000).tier.name == "gold"
    assert upgrade(POINTS_TIERS, "gold", 0).tier.name == "gold"


def test_downgrade_policies_at_period_end() -> None:
    # A platinum member who earned 800 points in the closing period qualifies for member.
    to_earned = tier_at_period_end(POINTS_TIERS, "platinum", 800)
    assert (to_earned.previous.name, to_earned.tier.name) == ("platinum", "member")
    soft = TierProgram(
        TierBasis.POINTS, POINTS_TIERS.tiers, downgrade=DowngradePolicy.ONE_TIER
    )
    assert tier_at_period_end(soft, "platinum", 800).tier.name == "gold"
    # A period good enough for a higher tier moves the member up.
    assert tier_at_period_end(soft, "silver", 6000).tier.name == "gold"


def test_tiers_by_spend() -> None:
    program = TierProgram(
        TierBasis.SPEND, (Tier("member", eur("0")), Tier("vip", eur("1000.00")))
    )
    assert tier_for(program, eur("999.99")).name == "member"
    assert tier_for(program, eur("1000.00")).name == "vip"
    with pytest.raises(CurrencyMismatchError):
        tier_for(program, Money("5000", "USD"))


def test_referral_waits_for_the_return_window() -> None:
    # Delivered 28 Feb 2026, 14-day window: returns possible until 14 March; the reward
    # is granted from 15 March.
    common = {
        "delivered_on": date(2026, 2, 28),
        "return_window_days": 14,
        "referrer_points": 500,
        "referee_points": 250,
    }
    before = referral_reward(on=date(2026, 3, 14), **common)  # type: ignore[arg-type]
    assert (before.granted, before.grant_on) == (False, date(2026, 3, 15))
    after = referral_reward(on=date(2026, 3, 15), **common)  # type: ignore[arg-type]
    assert (after.granted, after.referrer_points, after.referee_points) == (True, 500, 250)
    returned = referral_reward(on=date(2026, 4, 1), returned=True, **common)  # type: ignore[arg-type]
    assert (returned.granted, returned.referrer_points) == (False, 0)


# -- bad input ------------------------------------------------------------------------

LEDGER = PointsLedger(TWELVE_MONTHS).earn("A", 100, on=date(2026, 1, 10))[0]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: LEDGER.earn("B", 1.5, on=date(2026, 2, 1)), "whole number of points"),  # type: ignore[arg-type]
        (lambda: LEDGER.earn("B", -5, on=date(2026, 2, 1)), "greater than zero"),
        (lambda: LEDGER.earn("A", 5, on=date(2026, 2, 1)), "already a lot"),
        (lambda: LEDGER.earn("B", 5, on=date(2026, 1, 1)), "in date order"),
        (lambda: LEDGER.earn("B", 5, on="2026-02-01"), "datetime.date"),  # type: ignore[arg-type]
        (lambda: LEDGER.redeem(101, on=date(2026, 2, 1)), "only 100 are spendable"),
        (lambda: LEDGER.redeem(points_spent=True, on=date(2026, 2, 1)), "whole number"),  # type: ignore[arg-type]
        (lambda: LEDGER.reverse("X", on=date(2026, 2, 1)), "not a lot in this ledger"),
        (lambda: LEDGER.reverse("A", on=date(2026, 2, 1), points_returned=101), "not yet"),
        (lambda: LEDGER.reverse("A", on=date(2026, 2, 1), policy="cap"), "ReversalPolicy"),  # type: ignore[arg-type]
        (lambda: LEDGER.adjust(0, on=date(2026, 2, 1), reason="x"), "must not be zero"),
        (lambda: LEDGER.adjust(5, on=date(2026, 2, 1), reason=""), "non-empty"),
        (lambda: LEDGER.adjust(5, on=date(2026, 2, 1), reason="x"), "name the new lot"),
        (
            lambda: LEDGER.cancel_redemption(
                [Entry(EntryKind.EARN, 5, date(2026, 2, 1), "A")], on=date(2026, 2, 1)
            ),
            "not a redeem entry",
        ),
        (
            lambda: Lot(
                "A", 100, 100, date(2026, 2, 1), date(2026, 2, 1), date(2026, 1, 1)
            ),
            "before the lot becomes spendable",
        ),
        (
            lambda: Lot(
                "A", 100, 100, date(2026, 2, 1), date(2026, 1, 1), date(2027, 1, 1)
            ),
            "before the earning date",
        ),
        (lambda: ExpiryRule(ExpiryPolicy.FIXED_TERM, 0), "greater than zero"),
        (lambda: ExpiryRule("monthly", 12), "ExpiryPolicy"),  # type: ignore[arg-type]
        (
            lambda: PointsLedger(
                ExpiryRule(ExpiryPolicy.FIXED_TERM, 1), pending_days=40
            ).earn("A", 1, on=date(2026, 1, 1)),
            "pending period",
        ),
        (lambda: EarnRule(EUR, 0.5), "float"),  # type: ignore[arg-type]
        (lambda: EarnRule(EUR, -1), "greater than zero"),
        (lambda: EarnRule("EURO", 1), "ISO 4217"),
        (
            lambda: earn_points(EarnRule(EUR, 1), goods=eur("-1.00"), on=date(2026, 1, 1)),
            "zero or more",
        ),
        (
            lambda: earn_points(
                EarnRule(EUR, 1), goods=Money(1, "USD"), on=date(2026, 1, 1)
            ),
            "different currencies",
        ),
        (
            lambda: earn_points(
                EarnRule(EUR, 1, basis=EarnBasis.ORDER_TOTAL),
                goods=eur("1.00"),
                on=date(2026, 1, 1),
            ),
            "counts tax",
        ),
        (
            lambda: earn_points(
                EarnRule(EUR, 1), goods=eur("1"), on=date(2026, 1, 1), tier="x"
            ),
            "no multiplier",
        ),
        (lambda: BonusEvent("x", date(2026, 2, 1), date(2026, 1, 1), multiplier=2), "swap"),
        (lambda: BonusEvent("x", date(2026, 1, 1), date(2026, 2, 1)), "no bonus"),
        (lambda: redemption_discount(CHECKOUT, 100, goods=Money(5, "USD")), "no value"),
        (lambda: redemption_discount(CHECKOUT, 499, goods=eur("50")), "below the minimum"),
        (
            lambda: redemption_discount(CHECKOUT, 600, goods=eur("50"), spendable=599),
            "only 599",
        ),
        (lambda: redemption_discount(CHECKOUT, 600, goods=eur("-5")), "zero or more"),
        (lambda: RedemptionRule({"EUR": Money(1, "USD")}), "positive amount in EUR"),
        (lambda: RedemptionRule({"EUR": eur("0.01")}, max_share="1.5"), "at most 1"),
        (lambda: RedemptionRule({"EUR": eur("0.01")}, 10, 5), "below min_points"),
        (lambda: TierProgram(TierBasis.POINTS, (Tier("a", 10),)), "must be 0"),
        (
            lambda: TierProgram(TierBasis.POINTS, (Tier("a", 0), Tier("b", 0))),
            "rising thresholds",
        ),
        (lambda: upgrade(POINTS_TIERS, "diamond", 5), "not a tier"),
        (
            lambda: referral_reward(
                delivered_on=date(2026, 3, 1),
                return_window_days=-1,
                on=date(2026, 3, 2),
                referrer_points=1,
                referee_points=1,
            ),
            "zero or more",
        ),
        (
            lambda: referral_reward(
                delivered_on=date(2026, 3, 1),
                return_window_days=14,
                on=date(2026, 2, 2),
                referrer_points=1,
                referee_points=1,
            ),
            "before delivered_on=",
        ),
        (lambda: add_months(date(2026, 1, 1), 1.0), "whole number of months"),  # type: ignore[arg-type]
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(CommerceKitError, match=message):
        call()  # type: ignore[operator]


# -- qualifying periods -------------------------------------------------------------


def test_qualifying_periods_and_totals() -> None:
    # Membership years from 31 January: the 2026 year runs to 30 January 2027.
    period = qualifying_period(date(2026, 11, 26), anchor=date(2025, 1, 31))
    assert (period.start, period.end) == (date(2026, 1, 31), date(2027, 1, 30))
    # Quarters from 31 March: 31 Mar - 29 Jun (30 June is the clipped next start).
    quarter = qualifying_period(date(2026, 6, 29), anchor=date(2026, 3, 31), months=3)
    assert (quarter.start, quarter.end) == (date(2026, 3, 31), date(2026, 6, 29))
    assert qualifying_period(date(2026, 6, 30), date(2026, 3, 31), 3).start == date(
        2026, 6, 30
    )
    spend = qualifying_spend(
        [
            (date(2026, 3, 1), Money("300", "EUR")),
            (date(2026, 4, 2), Money("-50", "EUR")),  # a refund
            (date(2027, 2, 1), Money("999", "EUR")),  # next year
        ],
        period,
        "EUR",
    )
    assert spend == Money("250.00", "EUR")
    with pytest.raises(CommerceKitError, match="different currencies"):
        qualifying_spend([(date(2026, 3, 1), Money("1", "USD"))], period, "EUR")
    with pytest.raises(CommerceKitError, match="greater than zero"):
        qualifying_period(date(2026, 1, 1), date(2025, 1, 1), months=0)


@given(
    st.dates(date(2000, 1, 1), date(2060, 12, 31)),
    st.dates(date(2000, 1, 1), date(2060, 12, 31)),
    st.sampled_from([1, 3, 6, 12, 24]),
)
def test_qualifying_periods_tile_the_calendar(on: date, anchor: date, months: int) -> None:
    period = qualifying_period(on, anchor, months)
    assert period.start <= on <= period.end
    following = qualifying_period(period.end + timedelta(days=1), anchor, months)
    assert following.start == period.end + timedelta(days=1)
