"""Referral rewards: points for both sides, once the referee's order is safe from return.

A referral rewards the member who referred and the new customer, but only once the
referee's first order can no longer be returned; otherwise a referral could be bought
and returned for free points. The return window runs from delivery (the day of delivery
is day 0), and the points are granted on the day after it closes.
"""

from __future__ import annotations

from datetime import date

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidLoyaltyError
from commercekit.loyalty._checks import day, days, flag, later, optional_day, points, text

__all__ = ["ReferralReward", "referral_reward"]


def window_closes(delivered_on: date, return_window_days: int) -> tuple[date, date]:
    """The last day an order delivered on ``delivered_on`` can be returned, and the day
    after, when points that waited for it are granted (the day of delivery is day 0)."""
    fields = ("delivered_on", "return_window_days")
    closes = later(delivered_on, return_window_days, fields)
    return closes, later(delivered_on, return_window_days + 1, fields)


def _convert_granted(value: object) -> bool:
    return flag(value, "granted")


def _convert_grant_on(value: object) -> date | None:
    return optional_day(value, "grant_on")


def _convert_referrer_points(value: object) -> int:
    return points(value, "referrer_points")


def _convert_referee_points(value: object) -> int:
    return points(value, "referee_points")


def _convert_why(value: object) -> str:
    return text(value, "why")


@named_at_the_door
@attrs.frozen
class ReferralReward:
    """Whether a referral's points are granted on a date, from when, and why."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    granted: bool = attrs.field(converter=_convert_granted)
    grant_on: date | None = attrs.field(converter=_convert_grant_on)
    referrer_points: int = attrs.field(converter=_convert_referrer_points)
    referee_points: int = attrs.field(converter=_convert_referee_points)
    why: str = attrs.field(converter=_convert_why)

    def __attrs_post_init__(self) -> None:
        if self.granted and self.grant_on is None:
            raise InvalidLoyaltyError.refused(
                "grant_on",
                None,
                "is needed when granted: pass the day points are granted",
                kind=InputKind.DATE,
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
        raise InvalidLoyaltyError.refused(
            "on",
            on,
            f"is before delivered_on={delivered.isoformat()}; check the dates",
            kind=InputKind.DATE,
        )
    if returned:
        why = "the referee's order was returned, so the referral earns no points"
        return ReferralReward(
            granted=False, grant_on=None, referrer_points=0, referee_points=0, why=why
        )
    closes, grant_on = window_closes(delivered, window)
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
