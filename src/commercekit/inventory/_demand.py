"""Demand per period, lead time, and the demand over the time a policy must cover."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._beyond import beyond
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import MAX_MAGNITUDE, context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidInputError, InvalidInventoryError
from commercekit.inventory._numbers import number, rounded

__all__ = ["DemandProfile", "LeadTime", "LeadTimeDemand", "lead_time_demand"]


def _mean(value: object) -> Decimal:
    return number(value, "mean")


def _std_dev(value: object) -> Decimal:
    return number(value, "std_dev")


def _periods(value: object) -> Decimal:
    return number(value, "periods")


@named_at_the_door
@attrs.frozen
class DemandProfile:
    """Demand per period: its mean and standard deviation, in units.

    The period is whatever the shop plans in (a day, a week); the lead time and the
    review period must be counted in the same periods.

    Examples:
        >>> DemandProfile(mean=100, std_dev=20).coefficient_of_variation
        Decimal('0.2')
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    mean: Decimal = attrs.field(converter=_mean)
    std_dev: Decimal = attrs.field(converter=_std_dev)

    @classmethod
    @context_free
    def from_history(cls, history: Sequence[object]) -> DemandProfile:
        """Estimate the profile from past periods' demand: mean and sample std. deviation.

        Both are computed exactly, then rounded half-even to ``PLACES`` decimals.

        Examples:
            >>> DemandProfile.from_history([12, 15, 9, 14, 10])
            DemandProfile(mean=Decimal('12.0000'), std_dev=Decimal('2.5495'))
        """
        if isinstance(history, str | bytes) or not isinstance(history, Sequence):
            raise InvalidInventoryError.refused(
                "history",
                history,
                "is not a list of demand per period",
                kind=InputKind.LIST,
            )
        values = [number(value, "history") for value in history]
        if len(values) < 2:
            raise InvalidInventoryError.refused(
                "history",
                history,
                "needs at least two periods to estimate a standard deviation",
                kind=InputKind.LIST,
            )
        count = len(values)
        mean = sum(map(Fraction, values)) / count
        variance = sum((Fraction(value) - mean) ** 2 for value in values) / (count - 1)
        return cls(mean=rounded(mean), std_dev=rounded(math.sqrt(variance)))

    @property
    @context_free
    def coefficient_of_variation(self) -> Decimal:
        """The standard deviation over the mean (how erratic demand is); 0 if no demand."""
        return self.std_dev / self.mean if self.mean else Decimal(0)


@named_at_the_door
@attrs.frozen
class LeadTime:
    """The time from ordering to having the goods, in demand periods: mean and spread.

    Examples:
        >>> LeadTime(mean=5, std_dev=1)
        LeadTime(mean=Decimal('5'), std_dev=Decimal('1'))
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    mean: Decimal = attrs.field(converter=_mean)
    std_dev: Decimal = attrs.field(default=Decimal(0), converter=_std_dev)


@named_at_the_door
@attrs.frozen
class LeadTimeDemand:
    """Demand over the protection interval (lead time plus any review period).

    ``periods`` is that interval's mean length; ``mean`` and ``std_dev`` are in units,
    rounded half-even to ``PLACES`` decimals. A shop with its own forecast of demand
    over the lead time builds one directly.

    Examples:
        >>> LeadTimeDemand(mean=500, std_dev="44.72", periods=5)
        LeadTimeDemand(mean=Decimal('500'), std_dev=Decimal('44.72'), periods=Decimal('5'))
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    mean: Decimal = attrs.field(converter=_mean)
    std_dev: Decimal = attrs.field(converter=_std_dev)
    periods: Decimal = attrs.field(converter=_periods)


@context_free
def lead_time_demand(
    demand: DemandProfile, lead_time: LeadTime, review_period: object = 0
) -> LeadTimeDemand:
    """Demand over the lead time plus ``review_period``; demand and lead time both vary.

    With T = L + R periods of independent demand (mean d, standard deviation sd) and a
    lead time whose standard deviation is sL, the demand over T has mean d x T and
    standard deviation sqrt(T x sd**2 + d**2 x sL**2) (Chopra and Meindl, *Supply Chain
    Management*, ch. 12, "Evaluating safety inventory given ... uncertainty of lead time";
    Silver, Pyke and Thomas, *Inventory and Production Management in Supply Chains*,
    4th ed., on variable lead times).

    Examples:
        >>> result = lead_time_demand(DemandProfile(2500, 500), LeadTime(7, 7))
        >>> result.mean, result.std_dev
        (Decimal('17500.0000'), Decimal('17549.9288'))
    """
    check_demand(demand, lead_time)
    review = number(review_period, "review_period")
    periods = lead_time.mean + review
    mean = Fraction(demand.mean) * Fraction(periods)
    d, sd, sl = float(demand.mean), float(demand.std_dev), float(lead_time.std_dev)
    sigma = math.sqrt(float(periods) * sd * sd + d * d * sl * sl)
    if periods >= MAX_MAGNITUDE or mean >= MAX_MAGNITUDE or sigma >= MAX_MAGNITUDE:
        raise _too_long(review, demand, lead_time, mean, sigma)
    return LeadTimeDemand(mean=rounded(mean), std_dev=rounded(sigma), periods=periods)


def _too_long(
    review: Decimal,
    demand: DemandProfile,
    lead_time: LeadTime,
    mean: Fraction,
    sigma: float,
) -> InvalidInputError:
    """The refusal of a review period that makes the protection interval, its mean
    demand or its standard deviation out of range, with the longest that keeps all
    three in: T = L + R below 10^18, d x T below 10^18 and T x sd^2 + d^2 x sL^2 below
    10^36."""
    d, sd, spread = Fraction(demand.mean), Fraction(demand.std_dev), lead_time.std_dev
    longest = Fraction(MAX_MAGNITUDE)
    if d:
        longest = min(longest, MAX_MAGNITUDE / d)
    if sd:
        longest = min(longest, (MAX_MAGNITUDE**2 - (d * Fraction(spread)) ** 2) / sd**2)
    below = longest - Fraction(lead_time.mean)
    if mean >= MAX_MAGNITUDE:
        makes, figure = (
            "the mean demand over lead time and review period, d x (L + R)",
            mean,
        )
    elif sigma >= MAX_MAGNITUDE:
        makes = "its standard deviation, sqrt((L + R) x sd^2 + d^2 x sL^2)"
        figure = Fraction(sigma)
    else:
        makes, figure = (
            "the lead time plus the review period, L + R",
            Fraction(lead_time.mean + review),
        )
    return beyond(
        InvalidInventoryError,
        "review_period",
        review,
        makes=makes,
        figure=figure,
        below=below,
    )


def check_demand(demand: object, lead_time: object) -> None:
    """Refuse a demand that is not a ``DemandProfile`` or a lead time that is not a
    ``LeadTime`` (a type error naming the argument)."""
    if not isinstance(demand, DemandProfile):
        raise InvalidInventoryError.refused(
            "demand", demand, "is not a DemandProfile", kind=InputKind.TYPE
        )
    if not isinstance(lead_time, LeadTime):
        raise InvalidInventoryError.refused(
            "lead_time", lead_time, "is not a LeadTime", kind=InputKind.TYPE
        )
