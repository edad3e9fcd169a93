"""Tiers: the ranks of a program, and moving a member up or down them.

A tier program ranks members by what they did in a *qualifying period* (a year, say):
the points they earned, or what they spent. Crossing a threshold upgrades a member at
once, which is the moment the program wants to celebrate. Downgrades wait for the end of
the period and follow a stated [`DowngradePolicy`][commercekit.loyalty.DowngradePolicy]:
drop to the tier the closing period earned, or at most one tier per period (softer, and
common in airline programs).

The period and what counts in it are in ``_qualifying``; referral rewards, in
``_referral``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal

import attrs
import moneyed

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import CurrencyMismatchError, InputKind, InvalidLoyaltyError
from commercekit.loyalty._checks import choice, instance, items, money, points, text
from commercekit.money import Money

__all__ = [
    "DowngradePolicy",
    "Tier",
    "TierBasis",
    "TierDecision",
    "TierProgram",
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


@named_at_the_door
@attrs.frozen
class Tier:
    """A tier's name and the qualifying figure (points, or Money) that reaches it."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    name: str = attrs.field(converter=_convert_name)
    threshold: int | Money = attrs.field(converter=_convert_threshold)


def _tiers(value: Iterable[Tier]) -> tuple[Tier, ...]:
    tiers = tuple(instance(tier, Tier, "tiers") for tier in items(value, "tiers"))
    if not tiers:
        raise InvalidLoyaltyError.refused(
            "tiers", value, "must be one or more Tier values", kind=InputKind.LIST
        )
    return tiers


@named_at_the_door
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

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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
                raise InvalidLoyaltyError.refused(
                    "tiers",
                    tier.name,
                    "has a threshold no higher than the tier below; list tiers from "
                    "lowest to highest with rising thresholds",
                    kind=InputKind.LIST,
                )
        names = [tier.name for tier in self.tiers]
        if len(set(names)) != len(names):
            raise InvalidLoyaltyError.refused(
                "tiers", names, "has a name twice", kind=InputKind.LIST
            )

    def tier(self, name: str) -> Tier:
        """The tier called ``name``."""
        return self._tier(name, "name")

    def _tier(self, name: object, field: str) -> Tier:
        """The tier called ``name``, refused as the argument ``field``."""
        name = text(name, field)
        for tier in self.tiers:
            if tier.name == name:
                return tier
        known = ", ".join(repr(tier.name) for tier in self.tiers)
        raise InvalidLoyaltyError.refused(
            field,
            name,
            f"is not a tier; the tiers are: {known}",
            kind=InputKind.CHOICE,
            choices=tuple(tier.name for tier in self.tiers),
        )


def _figure(program: TierProgram, value: object, field: str) -> Decimal:
    """The comparable figure of a threshold or qualifying value (int or Decimal)."""
    if program.basis is TierBasis.POINTS:
        return Decimal(points(value, field))
    found = money(value, field)
    currency = money(program.tiers[0].threshold, "threshold").currency.code
    if found.currency.code != currency:
        raise CurrencyMismatchError(currency, found.currency.code, "compare")
    return found.amount


def _convert_tier(value: object) -> Tier:
    return instance(value, Tier, "tier")


def _convert_previous(value: object) -> Tier:
    return instance(value, Tier, "previous")


def _convert_why(value: object) -> str:
    return text(value, "why")


@named_at_the_door
@attrs.frozen
class TierDecision:
    """The member's tier after a change (or none), the tier before it, and why."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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
    previous = program._tier(current, "current")
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
    previous = program._tier(current, "current")
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
