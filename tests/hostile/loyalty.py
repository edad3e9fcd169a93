"""Valid calls over ``commercekit.loyalty``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from commercekit.loyalty import (
    ActionCap,
    ActionDecision,
    Birthday,
    BonusEvent,
    CapPeriod,
    DeliveredOrder,
    DowngradePolicy,
    EarnBasis,
    EarnRule,
    Entry,
    EntryKind,
    ExpiryPolicy,
    ExpiryRule,
    LeapDay,
    Lot,
    Moderation,
    PointsLedger,
    ProductReview,
    QualifyingPeriod,
    RedemptionRule,
    ReleaseOutcome,
    ReversalPolicy,
    ReviewRule,
    Tier,
    TierBasis,
    TierProgram,
    action_points,
)
from commercekit.money import Money, RoundingMode
from tests.hostile import Call, call, method

DAY = date(2026, 6, 1)
YEAR = QualifyingPeriod(date(2026, 1, 1), date(2026, 12, 31))


def _eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _expiry() -> ExpiryRule:
    return ExpiryRule(ExpiryPolicy.FIXED_TERM, 12)


def _lot() -> Lot:
    return Lot(
        id="order-1001",
        points=300,
        remaining=300,
        earned_on=date(2026, 3, 1),
        spendable_from=date(2026, 3, 15),
        valid_until=date(2027, 3, 1),
    )


def _event() -> BonusEvent:
    return BonusEvent(
        name="double points week",
        starts_on=date(2026, 5, 25),
        ends_on=date(2026, 6, 7),
        multiplier=Decimal(2),
        bonus_points=50,
    )


def _ledger() -> PointsLedger:
    """Two orders' points, the first spendable, the second still pending on ``DAY``."""
    ledger = PointsLedger(_expiry(), pending_days=14)
    ledger, _ = ledger.earn("order-1001", 300, on=date(2026, 3, 1))
    ledger, _ = ledger.earn("order-1002", 200, on=date(2026, 5, 25))
    return ledger


def _redeemed() -> tuple[PointsLedger, list[Entry]]:
    ledger, entries = _ledger().redeem(100, on=DAY)
    return ledger, list(entries)


def _points_program() -> TierProgram:
    return TierProgram(
        TierBasis.POINTS,
        (Tier("member", 0), Tier("silver", 1000), Tier("gold", 5000)),
        downgrade=DowngradePolicy.ONE_TIER,
    )


def _earn_rule() -> EarnRule:
    return EarnRule(
        "EUR",
        Decimal(1),
        basis=EarnBasis.ORDER_TOTAL,
        tier_multipliers={"gold": Decimal("1.5")},
        category_multipliers={"books": Decimal(2)},
        cap_per_order=10_000,
        bonus_events=(_event(),),
        rounding=RoundingMode.DOWN,
    )


def _redemption_rule() -> RedemptionRule:
    return RedemptionRule(
        {"EUR": _eur("0.01")}, min_points=500, max_points=5000, max_share=Decimal("0.5")
    )


def _purchase() -> DeliveredOrder:
    return DeliveredOrder(
        "A-1001", date(2026, 5, 4), 14, products=["sku-1", "sku-2"], returned=False
    )


def _review_rule() -> ReviewRule:
    return ReviewRule(
        50,
        caps=[ActionCap(CapPeriod.MONTH, count=5)],
        hold_days=7,
        min_length=40,
        approval_required=True,
    )


def _review() -> ProductReview:
    return ProductReview("sku-1", _purchase(), length=120, moderation=Moderation.APPROVED)


def _decision() -> ActionDecision:
    """A review decided on 2026-05-10, held until 2026-05-19."""
    return action_points(_review_rule(), _review(), [], on=date(2026, 5, 10))


def _birthday() -> Birthday:
    return Birthday(date(1990, 2, 28), on_file_since=date(2025, 1, 1))


CALLS: dict[str, Callable[[], Call]] = {
    "ActionCap": lambda: call(
        period=CapPeriod.YEAR, count=12, points=2000, all_actions=True
    ),
    "ActionDecision": lambda: call(
        action="review",
        key="sku-1",
        on=DAY,
        points=50,
        held_until=date(2026, 6, 15),
        order="A-1001",
        refusals=[],
        why=["50 points, held until 2026-06-15"],
    ),
    "ActionRelease": lambda: call(
        outcome=ReleaseOutcome.HELD,
        ledger=_ledger(),
        entries=[Entry(EntryKind.EARN, 50, DAY, "review: sku-1", "review: sku-1")],
        why="review: sku-1: held until 2026-06-15",
    ),
    "Birthday": lambda: call(date(1990, 2, 28), on_file_since=date(2025, 1, 1)),
    "Birthday.kept_in": lambda: method(_birthday().kept_in, 2027, LeapDay.MARCH_1),
    "BirthdayRule": lambda: call(
        points=200,
        caps=[ActionCap(CapPeriod.YEAR, points=2000, all_actions=True)],
        hold_days=0,
        days_on_file=30,
        leap_day=LeapDay.MARCH_1,
    ),
    "ProductReview": lambda: call(
        "sku-1", _purchase(), length=120, moderation=Moderation.PENDING
    ),
    "DeliveredOrder": lambda: call(
        id="A-1001",
        delivered_on=date(2026, 5, 4),
        return_window_days=14,
        products=["sku-1", "sku-2"],
        returned=False,
    ),
    "Referral": lambda: call(
        "cust-1",
        "cust-2",
        _purchase(),
        referrer_households=["house-3fa"],
        referee_households=["house-77c"],
        referrer_payments=["card-9f2"],
        referee_payments=["card-1d0"],
    ),
    "ReferralRule": lambda: call(
        points=500, caps=[ActionCap(CapPeriod.YEAR, count=10)], hold_days=0
    ),
    "ReviewRule": lambda: call(
        points=50,
        caps=[ActionCap(CapPeriod.MONTH, count=5)],
        hold_days=7,
        min_length=40,
        approval_required=True,
    ),
    "ShopAction": lambda: call("newsletter sign-up"),
    "ShopActionRule": lambda: call(
        100,
        caps=[ActionCap(CapPeriod.LIFETIME, count=1)],
        hold_days=0,
        name="newsletter sign-up",
    ),
    "action_points": lambda: call(
        _review_rule(), _review(), [_decision()], on=date(2026, 6, 1)
    ),
    "release_action_points": lambda: call(
        _decision(),
        PointsLedger(_expiry(), pending_days=14),
        on=date(2026, 5, 20),
        returned=False,
        policy=ReversalPolicy.CAP_AT_REMAINING,
    ),
    "BonusEvent": lambda: call(
        name="double points week",
        starts_on=date(2026, 5, 25),
        ends_on=date(2026, 6, 7),
        multiplier=Decimal(2),
        bonus_points=50,
    ),
    "BonusEvent.live_on": lambda: method(_event().live_on, DAY),
    "EarnRule": lambda: call(
        currency="EUR",
        points_per_unit=Decimal(1),
        basis=EarnBasis.ORDER_TOTAL,
        tier_multipliers={"gold": Decimal("1.5")},
        category_multipliers={"books": Decimal(2)},
        cap_per_order=10_000,
        bonus_events=[_event()],
        rounding=RoundingMode.DOWN,
    ),
    "Earned": lambda: call(
        points=89, unrounded=Decimal("89.985"), why="59.99 EUR x 1 x 1.5 (gold tier)"
    ),
    "Entry": lambda: call(
        kind=EntryKind.EARN, points=300, on=DAY, lot_id="order-1001", reason="earned"
    ),
    "ExpiryRule": lambda: call(policy=ExpiryPolicy.END_OF_MONTH, months=12),
    "ExpiryRule.valid_until": lambda: method(_expiry().valid_until, DAY),
    "Lot": lambda: call(
        id="order-1001",
        points=300,
        remaining=250,
        earned_on=date(2026, 3, 1),
        spendable_from=date(2026, 3, 15),
        valid_until=date(2027, 3, 1),
        clawed_back=50,
    ),
    "Lot.spendable_on": lambda: method(_lot().spendable_on, DAY),
    "PointsDiscount": lambda: call(
        points=2999, discount=_eur("29.99"), why="2999 x 0.01 EUR, rounded down"
    ),
    "PointsLedger": lambda: call(
        expiry=_expiry(), pending_days=14, lots=[_lot()], last_date=date(2026, 3, 1)
    ),
    "PointsLedger.lot": lambda: method(_ledger().lot, "order-1001"),
    "PointsLedger.spendable": lambda: method(_ledger().spendable, DAY),
    "PointsLedger.earn": lambda: method(
        _ledger().earn, "order-1003", 120, on=DAY, reason="earned"
    ),
    "PointsLedger.redeem": lambda: method(_ledger().redeem, 100, on=DAY, reason="redeemed"),
    "PointsLedger.cancel_redemption": lambda: method(
        _redeemed()[0].cancel_redemption,
        _redeemed()[1],
        on=DAY,
        reason="order cancelled",
    ),
    "PointsLedger.expire": lambda: method(_ledger().expire, on=date(2027, 3, 2)),
    "PointsLedger.reverse": lambda: method(
        _ledger().reverse,
        "order-1002",
        on=DAY,
        points_returned=80,
        policy=ReversalPolicy.CAP_AT_REMAINING,
        reason="order returned",
    ),
    "PointsLedger.adjust": lambda: method(
        _ledger().adjust, 25, on=DAY, reason="goodwill", lot_id="goodwill-1"
    ),
    "PointsLiability": lambda: call(
        face_value=_eur("2500.00"), expected=_eur("2125.00"), breakage=_eur("375.00")
    ),
    "PointsRevenue": lambda: call(
        to_date=_eur("4175.26"),
        this_period=_eur("4175.26"),
        deferred=_eur("4824.74"),
        why="9000 x 4500 / 9700 points",
    ),
    "QualifyingPeriod": lambda: call(start=date(2026, 1, 1), end=date(2026, 12, 31)),
    "RedemptionRule": lambda: call(
        value_per_point={"EUR": _eur("0.01")},
        min_points=500,
        max_points=5000,
        max_share=Decimal("0.5"),
    ),
    "ReferralReward": lambda: call(
        granted=True,
        grant_on=date(2026, 3, 17),
        referrer_points=500,
        referee_points=250,
        why="the return window closed on 2026-03-16",
    ),
    "RevenueAllocation": lambda: call(
        goods=_eur("91157.70"), points=_eur("8842.30"), why="split by stand-alone prices"
    ),
    "Tier": lambda: call(name="silver", threshold=1000),
    "TierDecision": lambda: call(
        tier=Tier("gold", 5000), previous=Tier("silver", 1000), why="5120 reaches gold"
    ),
    "TierProgram": lambda: call(
        basis=TierBasis.SPEND,
        tiers=[Tier("member", _eur("0")), Tier("silver", _eur("500"))],
        downgrade=DowngradePolicy.ONE_TIER,
    ),
    "TierProgram.tier": lambda: method(_points_program().tier, "silver"),
    "add_months": lambda: call(date(2026, 1, 31), 1),
    "allocate_transaction_price": lambda: call(
        _eur("100000"), _eur("100000"), _eur("9700")
    ),
    "earn_points": lambda: call(
        _earn_rule(),
        goods={"books": _eur("40.00"), "toys": _eur("19.99")},
        on=DAY,
        tax=_eur("8.40"),
        shipping=_eur("4.95"),
        tier="gold",
    ),
    "end_of_month": lambda: call(date(2028, 2, 10)),
    "points_liability": lambda: call(250_000, _eur("0.01"), Decimal("0.85")),
    "points_revenue": lambda: call(_eur("9000"), 4500, 9700, _eur("1000")),
    "points_standalone_price": lambda: call(10_000, _eur("1"), Decimal("0.97")),
    "qualifying_period": lambda: call(DAY, date(2024, 3, 15), 12),
    "qualifying_points": lambda: call(
        [
            Entry(EntryKind.EARN, 400, date(2026, 2, 1), "A1"),
            Entry(EntryKind.REVERSE, -100, date(2026, 5, 20), "A1"),
        ],
        YEAR,
    ),
    "qualifying_spend": lambda: call(
        [(date(2026, 3, 2), _eur("120")), (date(2025, 12, 30), _eur("80"))], YEAR, "EUR"
    ),
    "redemption_discount": lambda: call(
        _redemption_rule(), 4000, goods=_eur("59.99"), spendable=6000
    ),
    "referral_reward": lambda: call(
        delivered_on=date(2026, 3, 2),
        return_window_days=14,
        on=date(2026, 3, 20),
        referrer_points=500,
        referee_points=250,
        returned=False,
    ),
    "tier_at_period_end": lambda: call(_points_program(), "gold", 200),
    "tier_for": lambda: call(_points_program(), 1200),
    "upgrade": lambda: call(_points_program(), "silver", 5120),
}

_NEGATIVE_INT = frozenset({"negative int"})

VALID_BY_DESIGN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("Entry", "points"): (_NEGATIVE_INT, "an entry is signed: + a credit, - a debit"),
    ("Lot", "remaining"): (
        _NEGATIVE_INT,
        "a return under ReversalPolicy.ALLOW_NEGATIVE leaves the lot below zero",
    ),
    ("PointsLedger.adjust", "points_changed"): (
        _NEGATIVE_INT,
        "a manual adjustment is signed: a negative one is a debit",
    ),
    ("PointsRevenue", "this_period"): (
        frozenset({"negative money"}),
        "the cumulative catch-up takes revenue back when the expected redemptions rise",
    ),
    ("add_months", "months"): (_NEGATIVE_INT, "a negative number of months moves back"),
    **{
        (name, field): (frozenset({"unknown code"}), "a shop's own id or name, not a code")
        for name, field in (
            ("ActionDecision", "action"),
            ("ActionDecision", "key"),
            ("ActionDecision", "why"),
            ("Referral", "referrer"),
            ("Referral", "referee"),
            ("Referral", "referrer_households"),
            ("Referral", "referee_households"),
            ("Referral", "referrer_payments"),
            ("Referral", "referee_payments"),
            ("DeliveredOrder", "products"),
        )
    },
}
