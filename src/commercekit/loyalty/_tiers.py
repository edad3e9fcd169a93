"""Tiers and referral rewards.

A tier program ranks members by what they did in a *qualifying period* (a year, say):
the points they earned, or what they spent. Crossing a threshold upgrades a member at
once, which is the moment the program wants to celebrate. Downgrades wait for the end of
the period and follow a stated [`DowngradePolicy`][commercekit.loyalty.DowngradePolicy]:
drop to the tier the closing period earned, or at most one tier per period (softer, and
common in airline programs).

A referral rewards both sides, but only once the referee's first order can no longer be
returned; otherwise a referral could be bought and returned for free points.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

import attrs
import moneyed

from commercekit._numbers import context_free
from commercekit.errors import CurrencyMismatchError, InvalidLoyaltyError
from commercekit.loyalty._checks import (
    choice,
    day,
    days,
    flag,
    instance,
    items,
    later,
    money,
    optional_day,
    points,
    signed_money,
    text,
)
from commercekit.loyalty._checks import months as checked_months
from commercekit.loyalty._dates import add_months
from commercekit.loyalty._lots import Entry, EntryKind
from commercekit.money import Money, sum_money, validate_currency

__all__ = [
    "DowngradePolicy",
    "QualifyingPeriod",
    "ReferralReward",
    "Tier",
    "TierBasis",
    "TierDecision",
    "TierProgram",
    "qualifying_period",
    "qualifying_points",
    "qualifying_spend",
    "referral_reward",
    "tier_at_period_end",
    "tier_for",
    "upgrade",
]


class TierBasis(enum.StrEnum):
    """What qualifies a member for a tier."""

    POINTS = "points"
    """Points earned in the qualifying period (an int)."""
    SPEND = "spend"
    """Money spent in the qualifying period (Money in the program's currency)."""


class DowngradePolicy(enum.StrEnum):
    """How far a member falls at the end of a period that did not keep their tier."""

    TO_EARNED = "to-earned"
    """To the tier the closing period qualifies for, however many tiers down."""
    ONE_TIER = "one-tier"
    """At most one tier down per period."""


def _convert_name(value: object) -> str:
    return text(value, "name")


def _convert_basis(value: object) -> TierBasis:
    return choice(value, TierBasis, "basis")


def _convert_downgrade(value: object) -> DowngradePolicy:
    return choice(value, DowngradePolicy, "downgrade")


def _qualifying(value: object, field: str) -> int | Money:
    """Points (an int) or Money, not negative: what a tier is reached by."""
    if isinstance(value, int) and not isinstance(value, bool):
        return points(value, field)
    if isinstance(value, moneyed.Money):
        return money(value, field)
    raise InvalidLoyaltyError(
        field,
        value,
        "is neither points nor money; pass an int such as 5000 or Money('500', 'EUR')",
    )


def _convert_threshold(value: object) -> int | Money:
    return _qualifying(value, "threshold")


@attrs.frozen
class Tier:
    """A tier's name and the qualifying figure (points, or Money) that reaches it."""

    name: str = attrs.field(converter=_convert_name)
    threshold: int | Money = attrs.field(converter=_convert_threshold)


def _tiers(value: Iterable[Tier]) -> tuple[Tier, ...]:
    tiers = tuple(instance(tier, Tier, "tiers") for tier in items(value, "tiers"))
    if not tiers:
        raise InvalidLoyaltyError("tiers", value, "must be one or more Tier values")
    return tiers


@attrs.frozen
class TierProgram:
    """Tiers from lowest to highest, what qualifies, and the downgrade policy.

    The lowest tier's threshold must be zero (every member has a tier), and thresholds
    must rise strictly.

    Examples:
        >>> program = TierProgram(
        ...     TierBasis.SPEND,
        ...     (Tier("member", Money(0, "EUR")), Tier("silver", Money(500, "EUR")),
        ...      Tier("gold", Money(1500, "EUR"))))
        >>> tier_for(program, Money("620.00", "EUR")).name
        'silver'
    """

    basis: TierBasis = attrs.field(converter=_convert_basis)
    tiers: tuple[Tier, ...] = attrs.field(converter=_tiers)
    downgrade: DowngradePolicy = attrs.field(
        default=DowngradePolicy.TO_EARNED,
        converter=_convert_downgrade,
    )

    def __attrs_post_init__(self) -> None:
        figures = [
            _figure(self, tier.threshold, f"{tier.name} threshold") for tier in self.tiers
        ]
        if figures[0] != 0:
            raise InvalidLoyaltyError(
                "tiers", self.tiers[0].name, "is the lowest tier; its threshold must be 0"
            )
        for lower, higher, tier in zip(figures, figures[1:], self.tiers[1:], strict=False):
            if higher <= lower:
                raise InvalidLoyaltyError(
                    "tiers",
                    tier.name,
                    "has a threshold no higher than the tier below; list tiers from "
                    "lowest to highest with rising thresholds",
                )
        names = [tier.name for tier in self.tiers]
        if len(set(names)) != len(names):
            raise InvalidLoyaltyError("tiers", names, "has a name twice")

    def tier(self, name: str) -> Tier:
        """The tier called ``name``."""
        name = text(name, "tier")
        for tier in self.tiers:
            if tier.name == name:
                return tier
        known = ", ".join(repr(tier.name) for tier in self.tiers)
        raise InvalidLoyaltyError("tier", name, f"is not a tier; the tiers are: {known}")


def _figure(program: TierProgram, value: object, field: str) -> Decimal:
    """The comparable figure of a threshold or qualifying value (int or Decimal)."""
    if program.basis is TierBasis.POINTS:
        return Decimal(points(value, field))
    found = money(value, field)
    currency = money(program.tiers[0].threshold, "threshold").currency.code
    if found.currency.code != currency:
        raise CurrencyMismatchError(currency, found.currency.code, "compare")
    return found.amount


def _convert_start(value: object) -> date:
    return day(value, "start")


def _convert_end(value: object) -> date:
    return day(value, "end")


@attrs.frozen
class QualifyingPeriod:
    """The qualifying period containing a day: its first and last day, both included."""

    start: date = attrs.field(converter=_convert_start)
    end: date = attrs.field(converter=_convert_end)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidLoyaltyError(
                "end", self.end, f"is before start {self.start.isoformat()}; swap them"
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@context_free
def qualifying_period(on: date, anchor: date, months: int = 12) -> QualifyingPeriod:
    """The period of ``months`` months that contains ``on``, periods starting at ``anchor``.

    ``anchor`` is any period's first day: 1 January for calendar years, the join date
    for membership years. Periods follow each other every ``months`` months, with the
    same month arithmetic as expiry (a 31st anchor starts on the month's last day when
    the month is shorter).

    Examples:
        >>> from datetime import date
        >>> qualifying_period(date(2026, 11, 26), anchor=date(2024, 3, 15))
        QualifyingPeriod(start=datetime.date(2026, 3, 15), end=datetime.date(2027, 3, 14))
    """
    when, first = day(on, "on"), day(anchor, "anchor")
    length = checked_months(months, "months")
    index = ((when.year - first.year) * 12 + when.month - first.month) // length
    # Clipped month ends can put the day in the period just before or after.
    for k in (index - 1, index, index + 1):
        begins, next_begins = (
            add_months(first, k * length),
            add_months(first, (k + 1) * length),
        )
        if begins <= when < next_begins:
            return QualifyingPeriod(begins, next_begins - timedelta(days=1))
    raise AssertionError  # pragma: no cover - one of the three periods holds the day


@context_free
def qualifying_points(entries: Iterable[Entry], period: QualifyingPeriod) -> int:
    """Points that qualify in ``period``: earned, less what returns took back.

    Redemptions, expiry and adjustments do not change what a member qualified with;
    a return does, or a tier could be bought and sent back.

    Examples:
        >>> from datetime import date
        >>> from commercekit.loyalty import ExpiryPolicy, ExpiryRule, PointsLedger
        >>> ledger = PointsLedger(ExpiryRule(ExpiryPolicy.FIXED_TERM, 12))
        >>> ledger, first = ledger.earn("A1", 400, on=date(2026, 2, 1))
        >>> ledger, second = ledger.earn("A2", 300, on=date(2026, 5, 1))
        >>> ledger, back = ledger.reverse("A2", on=date(2026, 5, 20))
        >>> year = qualifying_period(date(2026, 6, 1), anchor=date(2026, 1, 1))
        >>> qualifying_points([*first, *second, *back], year)
        400
    """
    period = instance(period, QualifyingPeriod, "period")
    total = 0
    for entry in items(entries, "entries"):
        entry = instance(entry, Entry, "entries")  # noqa: PLW2901
        if entry.on in period and entry.kind in {EntryKind.EARN, EntryKind.REVERSE}:
            total += entry.points
    return max(total, 0)


@context_free
def qualifying_spend(
    purchases: Iterable[tuple[date, Money]], period: QualifyingPeriod, currency: str
) -> Money:
    """Money spent in ``period``: the (day, amount) pairs that fall in it, in ``currency``.

    Pass refunds as negative amounts on their own day; the total never goes below zero.

    Examples:
        >>> from datetime import date
        >>> year = qualifying_period(date(2026, 6, 1), anchor=date(2026, 1, 1))
        >>> qualifying_spend([(date(2025, 12, 30), Money("80", "EUR")),
        ...                   (date(2026, 3, 2), Money("120", "EUR"))], year, "EUR")
        Money('120.00', 'EUR')
    """
    period = instance(period, QualifyingPeriod, "period")
    currency = validate_currency(currency)
    counted = []
    for purchase in items(purchases, "purchases"):
        if not isinstance(purchase, tuple | list) or len(purchase) != 2:
            raise InvalidLoyaltyError(
                "purchases",
                purchase,
                "is not a (day, amount) pair; pass (date(2026, 3, 2), Money('120', 'EUR'))",
            )
        when, paid = purchase
        spent = signed_money(paid, "purchase amount")  # a refund is negative
        if spent.currency.code != currency:
            raise CurrencyMismatchError(currency, spent.currency.code, "add")
        if day(when, "purchase day") in period:
            counted.append(spent)
    return max(sum_money(counted, currency), sum_money([], currency))


def _convert_tier(value: object) -> Tier:
    return instance(value, Tier, "tier")


def _convert_previous(value: object) -> Tier:
    return instance(value, Tier, "previous")


def _convert_why(value: object) -> str:
    return text(value, "why")


@attrs.frozen
class TierDecision:
    """The member's tier after a change (or none), the tier before it, and why."""

    tier: Tier = attrs.field(converter=_convert_tier)
    previous: Tier = attrs.field(converter=_convert_previous)
    why: str = attrs.field(converter=_convert_why)


@context_free
def tier_for(program: TierProgram, qualifying: int | Money) -> Tier:
    """The highest tier whose threshold ``qualifying`` reaches.

    Examples:
        >>> program = TierProgram(TierBasis.POINTS, (Tier("member", 0), Tier("gold", 5000)))
        >>> tier_for(program, 4999).name, tier_for(program, 5000).name
        ('member', 'gold')
    """
    program = instance(program, TierProgram, "program")
    figure = _figure(program, qualifying, "qualifying")
    reached = program.tiers[0]
    for tier in program.tiers:
        if _figure(program, tier.threshold, "threshold") <= figure:
            reached = tier
    return reached


@context_free
def upgrade(program: TierProgram, current: str, qualifying: int | Money) -> TierDecision:
    """The tier during a period: up at once when ``qualifying`` crosses a threshold.

    Never down: a period that has not ended yet cannot cost a member their tier.

    Examples:
        >>> program = TierProgram(TierBasis.POINTS, (Tier("member", 0), Tier("gold", 5000)))
        >>> upgrade(program, "member", 5120).why
        '5120 reaches gold (5000): upgraded at once'
        >>> upgrade(program, "gold", 10).tier.name
        'gold'
    """
    program = instance(program, TierProgram, "program")
    previous = program.tier(current)
    reached = tier_for(program, qualifying)
    shown = _shown(qualifying)
    if program.tiers.index(reached) > program.tiers.index(previous):
        threshold = _shown(reached.threshold)
        why = f"{shown} reaches {reached.name} ({threshold}): upgraded at once"
        return TierDecision(reached, previous, why)
    why = (
        f"{shown} does not reach a tier above {previous.name}; downgrades wait for "
        f"the end of the period"
    )
    return TierDecision(previous, previous, why)


@context_free
def tier_at_period_end(
    program: TierProgram, current: str, qualifying: int | Money
) -> TierDecision:
    """The tier for the next period, from what the closing period ``qualifying`` earned.

    Examples:
        >>> program = TierProgram(
        ...     TierBasis.POINTS,
        ...     (Tier("member", 0), Tier("silver", 1000), Tier("gold", 5000)),
        ...     downgrade=DowngradePolicy.ONE_TIER)
        >>> decision = tier_at_period_end(program, "gold", 200)
        >>> decision.tier.name
        'silver'
        >>> print(decision.why)
        200 qualifies for member; one tier down at most per period: gold to silver
    """
    program = instance(program, TierProgram, "program")
    previous = program.tier(current)
    earned = tier_for(program, qualifying)
    at, now = program.tiers.index(earned), program.tiers.index(previous)
    shown = f"{_shown(qualifying)} qualifies for {earned.name}"
    if at >= now:
        return TierDecision(earned, previous, f"{shown}: {earned.name} for the next period")
    if program.downgrade is DowngradePolicy.ONE_TIER:
        lower = program.tiers[now - 1]
        why = f"{shown}; one tier down at most per period: {previous.name} to {lower.name}"
        return TierDecision(lower, previous, why)
    return TierDecision(earned, previous, f"{shown}; down to it from {previous.name}")


def _shown(value: int | Money) -> str:
    return str(value) if isinstance(value, int) else f"{value.amount} {value.currency.code}"


def _convert_granted(value: object) -> bool:
    return flag(value, "granted")


def _convert_grant_on(value: object) -> date | None:
    return optional_day(value, "grant_on")


def _convert_referrer_points(value: object) -> int:
    return points(value, "referrer_points")


def _convert_referee_points(value: object) -> int:
    return points(value, "referee_points")


@attrs.frozen
class ReferralReward:
    """Whether a referral's points are granted on a date, from when, and why."""

    granted: bool = attrs.field(converter=_convert_granted)
    grant_on: date | None = attrs.field(converter=_convert_grant_on)
    referrer_points: int = attrs.field(converter=_convert_referrer_points)
    referee_points: int = attrs.field(converter=_convert_referee_points)
    why: str = attrs.field(converter=_convert_why)

    def __attrs_post_init__(self) -> None:
        if self.granted and self.grant_on is None:
            raise InvalidLoyaltyError(
                "grant_on", None, "is needed when granted: pass the day points are granted"
            )


@context_free
def referral_reward(
    *,
    delivered_on: date,
    return_window_days: int,
    on: date,
    referrer_points: int,
    referee_points: int,
    returned: bool = False,
) -> ReferralReward:
    """Whether the referrer and referee get their points on ``on``.

    The reward waits until the referee's order is past its return window: the window
    runs ``return_window_days`` days from delivery (the day of delivery is day 0), so
    the points are granted on the day after it closes. A returned order earns nothing.

    Examples:
        >>> reward = referral_reward(delivered_on=date(2026, 3, 2), return_window_days=14,
        ...                          on=date(2026, 3, 10), referrer_points=500,
        ...                          referee_points=250)
        >>> reward.granted, reward.grant_on
        (False, datetime.date(2026, 3, 17))
        >>> reward.why
        'the order can be returned until 2026-03-16; the points are granted on 2026-03-17'
    """
    delivered = day(delivered_on, "delivered_on")
    on = day(on, "on")
    window = days(return_window_days, "return_window_days")
    referrer = points(referrer_points, "referrer_points")
    referee = points(referee_points, "referee_points")
    returned = flag(returned, "returned")
    if on < delivered:
        raise InvalidLoyaltyError(
            "on", on, f"is before delivery on {delivered.isoformat()}; check the dates"
        )
    if returned:
        why = "the referee's order was returned, so the referral earns no points"
        return ReferralReward(
            granted=False, grant_on=None, referrer_points=0, referee_points=0, why=why
        )
    closes = later(delivered, window, "return_window_days")
    grant_on = later(closes, 1, "return_window_days")
    granted = on >= grant_on
    why = (
        f"the return window closed on {closes.isoformat()}; {referrer} points to the "
        f"referrer and {referee} to the referee"
        if granted
        else f"the order can be returned until {closes.isoformat()}; the points are "
        f"granted on {grant_on.isoformat()}"
    )
    return ReferralReward(
        granted=granted,
        grant_on=grant_on,
        referrer_points=referrer,
        referee_points=referee,
        why=why,
    )
