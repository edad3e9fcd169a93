"""Rules for points a member earns by doing something other than buying.

One rule per kind of action: [`ReviewRule`][commercekit.loyalty.ReviewRule] for a
product review, [`ReferralRule`][commercekit.loyalty.ReferralRule] for a referral that
converts, [`BirthdayRule`][commercekit.loyalty.BirthdayRule] for a birthday, and
[`ShopActionRule`][commercekit.loyalty.ShopActionRule] for an action the shop names
(a newsletter sign-up, a completed profile), which pays once per member. Each gives
whole ``points``, the [`ActionCap`][commercekit.loyalty.ActionCap]s that stop abuse
(at most 5 reviews a month, at most 2,000 points a year from all actions) and a
``hold_days`` period before the points are released.

Points for a review or a referral rest on an order, and are held at least until that
order can no longer be returned; nothing about the rules here depends on what a review
says (see [`ReviewRule`][commercekit.loyalty.ReviewRule]).
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.errors import InputKind, InvalidLoyaltyError
from commercekit.loyalty._checks import (
    choice,
    day,
    days,
    flag,
    instance,
    items,
    points,
    text,
)

__all__ = [
    "ActionCap",
    "BirthdayRule",
    "CapPeriod",
    "LeapDay",
    "ReferralRule",
    "ReviewRule",
    "ShopActionRule",
]

BUILT_IN = ("review", "referral", "birthday")
"""The actions with rules of their own; a shop's action takes another name."""


class CapPeriod(enum.StrEnum):
    """The stretch of time a cap counts over: the one holding the action's day."""

    MONTH = "month"
    """The calendar month."""
    YEAR = "year"
    """The calendar year."""
    LIFETIME = "lifetime"
    """The member's whole membership."""

    def holds(self, first: date, second: date) -> bool:
        """Whether ``first`` and ``second`` fall in the same period."""
        first, second = day(first, "first"), day(second, "second")
        if self is CapPeriod.LIFETIME:
            return True
        same_year = first.year == second.year
        return same_year and (self is CapPeriod.YEAR or first.month == second.month)

    def label(self, on: date) -> str:
        """The period holding ``on``, in words: ``in 2026-05``, ``in 2026``, ``ever``."""
        on = day(on, "on")
        if self is CapPeriod.LIFETIME:
            return "ever"
        return f"in {on.year:04d}" + (f"-{on.month:02d}" if self is CapPeriod.MONTH else "")


class LeapDay(enum.StrEnum):
    """The day a 29 February birthday is kept in a year without one."""

    FEBRUARY_28 = "february-28"
    """The last day of February: the birthday stays in its month."""
    MARCH_1 = "march-1"
    """The day after 28 February."""


def _convert_period(value: object) -> CapPeriod:
    return choice(value, CapPeriod, "period")


def _convert_count(value: object) -> int | None:
    return None if value is None else points(value, "count", positive=True, unit="actions")


def _convert_cap_points(value: object) -> int | None:
    return None if value is None else points(value, "points", positive=True)


def _convert_all_actions(value: object) -> bool:
    return flag(value, "all_actions")


@named_at_the_door
@attrs.frozen
class ActionCap:
    """At most ``count`` awards, or ``points`` points, per member per ``period``.

    The cap counts this rule's awards, or with ``all_actions`` every action's (give the
    same cap to every rule, so that each rule's awards respect it). A points cap trims
    the last award to what is left under it.

    Examples:
        >>> cap = ActionCap(CapPeriod.MONTH, count=5)
        >>> cap.period.holds(date(2026, 5, 1), date(2026, 5, 31))
        True
        >>> cap.period.label(date(2026, 5, 9))
        'in 2026-05'
        >>> ActionCap(CapPeriod.YEAR)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidLoyaltyCountError: count=None caps nothing: give a ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    period: CapPeriod = attrs.field(converter=_convert_period)
    count: int | None = attrs.field(default=None, converter=_convert_count)
    points: int | None = attrs.field(default=None, converter=_convert_cap_points)
    all_actions: bool = attrs.field(default=False, converter=_convert_all_actions)

    def __attrs_post_init__(self) -> None:
        if self.count is None and self.points is None:
            raise InvalidLoyaltyError.refused(
                "count",
                None,
                "caps nothing: give a count, points or both",
                kind=InputKind.COUNT,
            )


def _convert_points(value: object) -> int:
    return points(value, "points", positive=True)


def _caps(value: object) -> tuple[ActionCap, ...]:
    return tuple(instance(cap, ActionCap, "caps") for cap in items(value, "caps"))


def _convert_hold_days(value: object) -> int:
    return days(value, "hold_days")


def _convert_min_length(value: object) -> int:
    return points(value, "min_length", unit="characters")


def _convert_approval_required(value: object) -> bool:
    return flag(value, "approval_required")


def _convert_days_on_file(value: object) -> int:
    return days(value, "days_on_file")


def _convert_leap_day(value: object) -> LeapDay:
    return choice(value, LeapDay, "leap_day")


def _convert_name(value: object) -> str:
    name = text(value, "name")
    if name.strip().lower() in BUILT_IN:
        raise InvalidLoyaltyError.refused(
            "name",
            value,
            f"is an action with its own rule ({', '.join(BUILT_IN)}); use that rule or "
            f"another name",
            kind=InputKind.TEXT,
        )
    return name


@named_at_the_door
@attrs.frozen
class ReviewRule:
    """Points for a product review by a verified buyer: one review per product.

    The review must be of a product in an order of the member's that was delivered and
    not returned; the points are held until that order's return window has closed (and
    ``hold_days`` after the review, if that is later). ``min_length`` is the fewest
    characters a review needs; with ``approval_required`` (the default) only a review
    the shop's moderation approved earns points.

    The rating is not an input, so the points cannot depend on it: the FTC's rule on
    consumer reviews (16 CFR 465.4, in force since 21 October 2024) forbids incentives
    conditioned on a review's sentiment. Moderation must not turn on sentiment either
    (16 CFR 465.7(b), on suppressing reviews): reject spam, not bad reviews.

    Examples:
        >>> ReviewRule(50, caps=[ActionCap(CapPeriod.MONTH, count=5)], min_length=50).action
        'review'
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    points: int = attrs.field(converter=_convert_points)
    caps: tuple[ActionCap, ...] = attrs.field(default=(), converter=_caps)
    hold_days: int = attrs.field(default=0, converter=_convert_hold_days)
    min_length: int = attrs.field(default=0, converter=_convert_min_length)
    approval_required: bool = attrs.field(
        default=True, converter=_convert_approval_required
    )

    @property
    def action(self) -> str:
        """The action's name in decisions, ledger lots and caps."""
        return "review"


@named_at_the_door
@attrs.frozen
class ReferralRule:
    """Points to the member who referred a new customer, once that customer's first
    order can no longer be returned (the timing of
    [`referral_reward`][commercekit.loyalty.referral_reward]).

    A referral is refused when the member refers themselves, or when the caller shows
    that both share a household or a payment instrument; one award per referee.

    Examples:
        >>> ReferralRule(500, caps=[ActionCap(CapPeriod.YEAR, count=10)]).action
        'referral'
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    points: int = attrs.field(converter=_convert_points)
    caps: tuple[ActionCap, ...] = attrs.field(default=(), converter=_caps)
    hold_days: int = attrs.field(default=0, converter=_convert_hold_days)

    @property
    def action(self) -> str:
        """The action's name in decisions, ledger lots and caps."""
        return "referral"


@named_at_the_door
@attrs.frozen
class BirthdayRule:
    """Points once per calendar year, from the member's birthday on.

    The birthday must have been on file at least ``days_on_file`` days before the day
    it falls on this year (30 is common), so that a member cannot enter tomorrow as
    their birthday; a member born on 29 February keeps it on ``leap_day`` in other
    years.

    Examples:
        >>> BirthdayRule(200, days_on_file=30).leap_day
        <LeapDay.FEBRUARY_28: 'february-28'>
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    points: int = attrs.field(converter=_convert_points)
    caps: tuple[ActionCap, ...] = attrs.field(default=(), converter=_caps)
    hold_days: int = attrs.field(default=0, converter=_convert_hold_days)
    days_on_file: int = attrs.field(default=0, converter=_convert_days_on_file)
    leap_day: LeapDay = attrs.field(
        default=LeapDay.FEBRUARY_28, converter=_convert_leap_day
    )

    @property
    def action(self) -> str:
        """The action's name in decisions, ledger lots and caps."""
        return "birthday"


@named_at_the_door
@attrs.frozen
class ShopActionRule:
    """Points once per member for an action the shop names: a newsletter sign-up, a
    completed profile, following the shop.

    Examples:
        >>> ShopActionRule(100, name="newsletter sign-up").action
        'newsletter sign-up'
        >>> ShopActionRule(100, name="review")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidLoyaltyTextError: name='review' is an action with its ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    points: int = attrs.field(converter=_convert_points)
    caps: tuple[ActionCap, ...] = attrs.field(default=(), converter=_caps)
    hold_days: int = attrs.field(default=0, converter=_convert_hold_days)
    name: str = attrs.field(kw_only=True, converter=_convert_name)

    @property
    def action(self) -> str:
        """The action's name in decisions, ledger lots and caps."""
        return self.name


ActionRule = ReviewRule | ReferralRule | BirthdayRule | ShopActionRule
"""Any of the action rules."""
