"""Deciding an action's points: the conditions, one award per action, then the caps.

[`action_points`][commercekit.loyalty.action_points] decides one action of one member
on the day ``on``, against the member's ``history``: the
[`ActionDecision`][commercekit.loyalty.ActionDecision]s decided for them before. In
order:

1. the conditions of the rule's kind (a verified buyer whose order was not returned, a
   long enough and approved review; a referral that is not the member's own, household
   or card, with a delivered first order; a birthday that has come and was on file long
   enough);
2. one award per action: per product reviewed, per customer referred, per calendar
   year for a birthday, once for a shop's action;
3. the caps: awards counted, then points, over the period holding ``on``; a points cap
   trims the award to what is left.

Every reason to refuse is reported at once, each naming its rule. Points that rest on
an order are held until the day after its return window closes (and, with
``hold_days``, at least that many days);
[`release_action_points`][commercekit.loyalty.release_action_points] then releases
them or, if the order was returned, cancels or reverses them.

Past awards count even when their order was later returned: the action was taken, and
a cap freed by a return would invite buying, reviewing and returning in a loop. Refused
decisions count for nothing, so a review refused while waiting for moderation can be
decided again once approved.

References:

* Federal Trade Commission, *Trade Regulation Rule on the Use of Consumer Reviews and
  Testimonials*, 16 CFR Part 465, 89 FR 68034 (22 August 2024), in force 21 October
  2024; section 465.4 on incentives conditioned on a review's sentiment:
  https://www.ecfr.gov/current/title-16/chapter-I/subchapter-D/part-465
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidLoyaltyError
from commercekit.loyalty._action_conditions import ActionRefusal, Conditions, conditions
from commercekit.loyalty._action_rules import (
    ActionCap,
    ActionRule,
    BirthdayRule,
    ReferralRule,
    ReviewRule,
    ShopActionRule,
)
from commercekit.loyalty._checks import choice, day, instance, items, later, points, text

__all__ = ["ActionDecision", "action_points"]

_RULES = (ReviewRule, ReferralRule, BirthdayRule, ShopActionRule)


def _convert_action(value: object) -> str:
    return text(value, "action")


def _convert_key(value: object) -> str:
    return text(value, "key")


def _convert_on(value: object) -> date:
    return day(value, "on")


def _convert_points(value: object) -> int:
    return points(value, "points")


def _convert_held_until(value: object) -> date | None:
    return None if value is None else day(value, "held_until")


def _convert_order(value: object) -> str | None:
    return None if value is None else text(value, "order")


def _convert_refusals(value: object) -> tuple[ActionRefusal, ...]:
    return tuple(
        choice(found, ActionRefusal, "refusals") for found in items(value, "refusals")
    )


def _convert_why(value: object) -> tuple[str, ...]:
    return tuple(text(line, "why") for line in items(value, "why"))


@named_at_the_door
@attrs.frozen
class ActionDecision:
    """What an action earns: ``points`` held until ``held_until``, or refused and why.

    ``action`` names the rule (``review``, ``referral``, ``birthday`` or the shop's
    action), ``key`` what the action was about (the product, the customer referred,
    the year, the shop's action) and ``order`` the order the points rest on, if any.
    A refused decision has no points, no ``held_until`` and its ``refusals``; ``why``
    gives a sentence for each finding, naming the rule.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    action: str = attrs.field(converter=_convert_action)
    key: str = attrs.field(converter=_convert_key)
    on: date = attrs.field(converter=_convert_on)
    points: int = attrs.field(converter=_convert_points)
    held_until: date | None = attrs.field(converter=_convert_held_until)
    order: str | None = attrs.field(converter=_convert_order)
    refusals: tuple[ActionRefusal, ...] = attrs.field(converter=_convert_refusals)
    why: tuple[str, ...] = attrs.field(converter=_convert_why)

    def __attrs_post_init__(self) -> None:
        if not self.why:
            raise InvalidLoyaltyError.refused(
                "why", self.why, "is empty; say why", kind=InputKind.LIST
            )
        if self.refusals and (self.points or self.held_until is not None):
            raise InvalidLoyaltyError(
                "points",
                self.points,
                "and held_until must be 0 and None on a refused decision",
            )
        if not self.refusals and not (self.points and self.held_until):
            raise InvalidLoyaltyError(
                "points",
                self.points,
                "and held_until are needed on an award: give points above 0 and a day",
            )
        if self.held_until is not None and self.held_until < self.on:
            raise InvalidLoyaltyError.refused(
                "held_until",
                self.held_until,
                f"is before the decision on {self.on.isoformat()}",
                kind=InputKind.DATE,
            )

    @property
    def refused(self) -> bool:
        """Whether the action earns nothing."""
        return bool(self.refusals)

    @property
    def lot_id(self) -> str:
        """The ledger lot the points go into: ``review: sku-1``, ``birthday: 2026``,
        or the shop's action's name."""
        return self.action if self.key == self.action else f"{self.action}: {self.key}"


@context_free
def action_points(
    rule: ActionRule, event: object, history: Iterable[ActionDecision], *, on: date
) -> ActionDecision:
    """What ``event``, done on ``on``, earns under ``rule``, given the member's history.

    ``rule`` is a [`ReviewRule`][commercekit.loyalty.ReviewRule] (with a
    [`ProductReview`][commercekit.loyalty.ProductReview]), a
    [`ReferralRule`][commercekit.loyalty.ReferralRule] (a
    [`Referral`][commercekit.loyalty.Referral]), a
    [`BirthdayRule`][commercekit.loyalty.BirthdayRule] (a
    [`Birthday`][commercekit.loyalty.Birthday]) or a
    [`ShopActionRule`][commercekit.loyalty.ShopActionRule] (a
    [`ShopAction`][commercekit.loyalty.ShopAction]). ``history`` holds the member's
    earlier decisions, in any order; none may be dated after ``on``.

    Examples:
        >>> from commercekit.loyalty import (
        ...     ActionCap, CapPeriod, DeliveredOrder, ProductReview, ReviewRule)
        >>> rule = ReviewRule(50, caps=[ActionCap(CapPeriod.MONTH, count=5)], min_length=40)
        >>> order = DeliveredOrder("A-1001", date(2026, 3, 2), 14, products=["sku-1"])
        >>> review = ProductReview("sku-1", order, length=120, moderation="approved")
        >>> decision = action_points(rule, review, [], on=date(2026, 3, 9))
        >>> decision.points, decision.held_until
        (50, datetime.date(2026, 3, 17))
        >>> again = action_points(rule, review, [decision], on=date(2026, 3, 10))
        >>> again.refusals
        (<ActionRefusal.DUPLICATE: 'duplicate'>,)
        >>> again.why
        ('duplicate: review sku-1 was awarded on 2026-03-09',)
    """
    if not isinstance(rule, _RULES):
        raise InvalidLoyaltyError.refused(
            "rule",
            rule,
            "is not an action rule; pass a ReviewRule, ReferralRule, BirthdayRule or "
            "ShopActionRule",
            kind=InputKind.TYPE,
        )
    on = day(on, "on")
    past = _awards(history, on)
    found = conditions(rule, event, on)
    refusals = list(found.refusals)
    first = min(
        (done.on for done in past if (done.action, done.key) == (rule.action, found.key)),
        default=None,
    )
    if first is not None:
        what = rule.action if found.key == rule.action else f"{rule.action} {found.key}"
        said = f"{what} was awarded on {first.isoformat()}"
        refusals.append((ActionRefusal.DUPLICATE, said))
    refusals += _count_caps(rule, past, on)
    awarded, trimmed = _points_left(rule, past, on) if not refusals else (0, ())
    if not awarded and not refusals:
        refusals.append((ActionRefusal.CAP_REACHED, trimmed[0]))
    if refusals:
        return ActionDecision(
            rule.action,
            found.key,
            on,
            0,
            None,
            None,
            tuple(code for code, _ in refusals),
            tuple(f"{code.value.replace('-', ' ')}: {said}" for code, said in refusals),
        )
    return _award(rule, found, on, awarded, trimmed)


def _awards(history: object, on: date) -> tuple[ActionDecision, ...]:
    """The awards in ``history`` (refusals count for nothing), none after ``on``."""
    awards = []
    for decision in items(history, "history"):
        decision = instance(decision, ActionDecision, "history")  # noqa: PLW2901
        if decision.on > on:
            raise InvalidLoyaltyError.refused(
                "history",
                decision.on,
                f"holds a decision of a later day than on={on.isoformat()}; decide "
                f"actions in date order",
                kind=InputKind.DATE,
            )
        if not decision.refused:
            awards.append(decision)
    return tuple(awards)


def _counted(
    rule: ActionRule, past: tuple[ActionDecision, ...], on: date, cap: ActionCap
) -> list[ActionDecision]:
    """The awards ``cap`` counts: this rule's (or every action's) in its period."""
    return [
        earlier
        for earlier in past
        if (cap.all_actions or earlier.action == rule.action)
        and cap.period.holds(earlier.on, on)
    ]


def _count_caps(
    rule: ActionRule, past: tuple[ActionDecision, ...], on: date
) -> list[tuple[ActionRefusal, str]]:
    """Step 3a: a cap on the number of awards already reached in its period."""
    found = []
    for cap in rule.caps:
        if cap.count is None:
            continue
        counted = len(_counted(rule, past, on, cap))
        if counted >= cap.count:
            what = "actions" if cap.all_actions else f"{rule.action} awards"
            found.append(
                (
                    ActionRefusal.CAP_REACHED,
                    f"{counted} {what} {cap.period.label(on)}, at most {cap.count}",
                )
            )
    return found


def _points_left(
    rule: ActionRule, past: tuple[ActionDecision, ...], on: date
) -> tuple[int, tuple[str, ...]]:
    """Step 3b: the rule's points, trimmed to what each points cap has left."""
    awarded, said = rule.points, []
    for cap in rule.caps:
        if cap.points is None:
            continue
        used = sum(earlier.points for earlier in _counted(rule, past, on, cap))
        left = max(cap.points - used, 0)
        if left < awarded:
            awarded = left
            what = "from actions" if cap.all_actions else f"from {rule.action}"
            said.append(
                f"{used} of {cap.points} points {what} {cap.period.label(on)} used"
                + (f", so {left} are left" if left else "")
            )
    return awarded, tuple(said)


def _award(
    rule: ActionRule, found: Conditions, on: date, awarded: int, trimmed: tuple[str, ...]
) -> ActionDecision:
    """The award: held until the order lets go and ``hold_days`` have passed."""
    held = max(on, found.release_on or on, later(on, rule.hold_days, ("on", "hold_days")))
    when = "released at once" if held == on else f"held until {held.isoformat()}"
    said = f"{awarded} points, {when}"
    if trimmed:
        said += f" (capped: {'; '.join(trimmed)})"
    return ActionDecision(
        rule.action, found.key, on, awarded, held, found.order, (), (*found.notes, said)
    )
