"""The conditions of each kind of action, before duplicates and caps are counted.

Each check reads one rule and one event on the day ``on`` and gives the ``Conditions``
found: what the
action is about (its ``key``: the product reviewed, the customer referred, the year of
the birthday, the shop's action), the order its points rest on and the day that order
lets them go, and every reason to refuse, each with a sentence a member can read.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._words import with_article
from commercekit.errors import InputKind, InvalidLoyaltyError
from commercekit.loyalty._action_events import (
    Birthday,
    DeliveredOrder,
    Moderation,
    ProductReview,
    Referral,
    ShopAction,
)
from commercekit.loyalty._action_rules import (
    ActionRule,
    BirthdayRule,
    ReferralRule,
    ReviewRule,
    ShopActionRule,
)
from commercekit.loyalty._referral import referral_reward

__all__ = ["ActionRefusal"]


class ActionRefusal(enum.StrEnum):
    """Why an action earns no points."""

    NOT_A_VERIFIED_BUYER = "not-a-verified-buyer"
    """The member has no delivered order holding the product reviewed."""
    ORDER_RETURNED = "order-returned"
    """The order the points would rest on was returned."""
    TOO_SHORT = "too-short"
    """The review is shorter than the rule's minimum."""
    NOT_APPROVED = "not-approved"
    """Moderation rejected the review, or has not approved it yet."""
    SELF_REFERRAL = "self-referral"
    """The member referred themselves."""
    SAME_HOUSEHOLD = "same-household"
    """The member and the customer referred share a household."""
    SAME_PAYMENT_INSTRUMENT = "same-payment-instrument"
    """The member and the customer referred share a payment instrument."""
    NOT_CONVERTED = "not-converted"
    """The customer referred has no delivered first order yet."""
    BEFORE_BIRTHDAY = "before-birthday"
    """This year's birthday has not come yet."""
    NOT_ON_FILE_LONG_ENOUGH = "not-on-file-long-enough"
    """The birthday was put on file too short a time before it."""
    DUPLICATE = "duplicate"
    """The member was awarded this action already (this product, this referee, this
    year, this shop action)."""
    CAP_REACHED = "cap-reached"
    """A cap on awards or points in the period is used up."""


Refusal = tuple[ActionRefusal, str]


@attrs.frozen
class Conditions:
    """What the conditions of an action found."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    key: str
    order: str | None = None
    release_on: date | None = None
    notes: tuple[str, ...] = ()
    refusals: tuple[Refusal, ...] = ()


def conditions(rule: ActionRule, event: object, on: date) -> Conditions:
    """The conditions of ``rule`` on ``event`` done on ``on``."""
    for kind, wanted, check in _CHECKS:
        if isinstance(rule, kind):
            if not isinstance(event, wanted):
                raise InvalidLoyaltyError.refused(
                    "event",
                    event,
                    f"is not {with_article(wanted.__name__)}; "
                    f"{with_article(kind.__name__)} decides on one",
                    kind=InputKind.TYPE,
                )
            return check(rule, event, on)
    raise AssertionError  # pragma: no cover - the rule was checked to be one of them


def _review(rule: ReviewRule, review: ProductReview, on: date) -> Conditions:
    refusals: list[Refusal] = []
    order = review.purchase
    bought = order is not None and review.product in order.products
    if order is None or not bought:
        where = "no order of it was given" if order is None else f"not in order {order.id}"
        refusals.append((ActionRefusal.NOT_A_VERIFIED_BUYER, f"{review.product}: {where}"))
    elif order.delivered_on > on:
        refusals.append(
            (
                ActionRefusal.NOT_A_VERIFIED_BUYER,
                f"order {order.id} is delivered only on {order.delivered_on.isoformat()}",
            )
        )
    elif order.returned:
        refusals.append((ActionRefusal.ORDER_RETURNED, f"order {order.id} was returned"))
    if review.length < rule.min_length:
        refusals.append(
            (
                ActionRefusal.TOO_SHORT,
                f"{review.length} characters, fewer than {rule.min_length}",
            )
        )
    wanted = {Moderation.APPROVED} | (
        set() if rule.approval_required else {Moderation.PENDING}
    )
    if review.moderation not in wanted:
        refusals.append(
            (ActionRefusal.NOT_APPROVED, f"moderation: {review.moderation.value}")
        )
    if refusals or order is None:
        return Conditions(review.product, refusals=tuple(refusals))
    return Conditions(
        review.product,
        order=order.id,
        release_on=order.release_on,
        notes=(
            _returnable(f"verified buyer: {review.product} in order {order.id}", order),
        ),
    )


def _referral(rule: ReferralRule, referral: Referral, on: date) -> Conditions:
    refusals: list[Refusal] = []
    if referral.referrer == referral.referee:
        refusals.append((ActionRefusal.SELF_REFERRAL, f"{referral.referee} is the member"))
    for refusal, mine, theirs, what in (
        (
            ActionRefusal.SAME_HOUSEHOLD,
            referral.referrer_households,
            referral.referee_households,
            "household",
        ),
        (
            ActionRefusal.SAME_PAYMENT_INSTRUMENT,
            referral.referrer_payments,
            referral.referee_payments,
            "payment instrument",
        ),
    ):
        shared = sorted(set(mine) & set(theirs))
        if shared:
            refusals.append((refusal, f"{referral.referee} shares {what} {shared[0]}"))
    order = referral.first_order
    if order is None or order.delivered_on > on:
        said = "has no first order" if order is None else "has no delivered order"
        refusals.append((ActionRefusal.NOT_CONVERTED, f"{referral.referee} {said} yet"))
        return Conditions(referral.referee, refusals=tuple(refusals))
    return _converted(rule, referral.referee, order, on, refusals)


def _converted(
    rule: ReferralRule,
    referee: str,
    order: DeliveredOrder,
    on: date,
    refusals: list[Refusal],
) -> Conditions:
    """The referee's first order, timed as ``referral_reward`` times it."""
    reward = referral_reward(
        delivered_on=order.delivered_on,
        return_window_days=order.return_window_days,
        on=on,
        referrer_points=rule.points,
        referee_points=0,
        returned=order.returned,
    )
    if order.returned:
        refusals.append(
            (ActionRefusal.ORDER_RETURNED, f"first order {order.id}: {reward.why}")
        )
    if refusals:
        return Conditions(referee, refusals=tuple(refusals))
    return Conditions(
        referee,
        order=order.id,
        release_on=reward.grant_on,
        notes=(_returnable(f"{referee} converted with order {order.id}", order),),
    )


def _returnable(said: str, order: DeliveredOrder) -> str:
    return f"{said}, returnable until {order.window_closes.isoformat()}"


def _birthday(rule: BirthdayRule, birthday: Birthday, on: date) -> Conditions:
    kept = birthday.kept_in(on.year, rule.leap_day)
    key = f"{on.year:04d}"
    refusals: list[Refusal] = []
    if on < kept:
        refusals.append(
            (ActionRefusal.BEFORE_BIRTHDAY, f"the birthday is on {kept.isoformat()}")
        )
    # Counted as a difference, not by moving a date: no arithmetic leaves the calendar.
    on_file = (kept - birthday.on_file_since).days
    if on_file < rule.days_on_file:
        refusals.append(
            (
                ActionRefusal.NOT_ON_FILE_LONG_ENOUGH,
                (
                    f"on file since {birthday.on_file_since.isoformat()}, "
                    f"{max(on_file, 0)} days before {kept.isoformat()}; "
                    f"{rule.days_on_file} are needed"
                ),
            )
        )
    note = f"birthday {kept.isoformat()}, on file {on_file} days before"
    return Conditions(key, notes=() if refusals else (note,), refusals=tuple(refusals))


def _shop(rule: ShopActionRule, action: ShopAction, on: date) -> Conditions:
    if action.name != rule.name:
        raise InvalidLoyaltyError.refused(
            "event",
            action,
            f"is the action {action.name!r}, not {rule.name!r}; pass it to its own rule",
            kind=InputKind.CHOICE,
            choices=(rule.name,),
        )
    return Conditions(rule.name, notes=(f"{rule.name}: once per member",))


_CHECKS: tuple[tuple[type, type, Callable[..., Conditions]], ...] = (
    (ReviewRule, ProductReview, _review),
    (ReferralRule, Referral, _referral),
    (BirthdayRule, Birthday, _birthday),
    (ShopActionRule, ShopAction, _shop),
)
