"""Points for actions other than buying: worked examples, properties and refusals.

The worked examples follow published program terms, cited beside each (read through
stored copies on 2026-11-30):

* Metal Clay Supply, *Review Rewards Program*: each approved review earns points, at
  most 5 approved reviews a month, only for a product the member bought, and approval
  "does not mean a bad review will be disapproved":
  https://www.metalclays.com/review-rewards-program
* AiTrillion, *Give loyalty points to customers on product review*: points only after
  the customer bought the product, once per product per customer, after approval when
  moderation is on:
  https://docs.aitrillion.com/portal/en/kb/articles/give-loyalty-points-to-customers-on-product-review
* ProductCart, *Reward Points for Reviews*: a minimum review length and a maximum of
  points per customer: https://productcart-kb.nsource.com/kb/reward-points-for-reviews1
* Smile.io, *Reward customer birthdays*: a birthday entered within the next 30 days
  earns nothing this year: https://help.smile.io/en/articles/4036229-reward-customer-birthdays
* Mills & Boon, *How can I get a birthday reward?*: the birthday must be registered at
  least 30 days before it:
  https://www.millsandboon.co.uk/pages/how-can-i-get-a-birthday-reward
* Klear, *Limitations of the referral program*: no referring yourself or members of
  your household:
  https://www.klearlending.com/en/faq/about-klear/referral-program/limitations-referral-program
* Smile.io, *Preventing referral fraud*: an order placed by the advocate, or not the
  customer's first, is blocked: https://help.smile.io/en/articles/4036291-preventing-referral-fraud
* FTC, 16 CFR 465.4 (in force 2024-10-21): no incentive conditioned on a review's
  sentiment: https://www.ecfr.gov/current/title-16/chapter-I/subchapter-D/part-465
"""

from __future__ import annotations

import inspect
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError, InvalidLoyaltyError
from commercekit.loyalty import (
    ActionCap,
    ActionDecision,
    ActionRefusal,
    Birthday,
    BirthdayRule,
    CapPeriod,
    DeliveredOrder,
    EntryKind,
    ExpiryPolicy,
    ExpiryRule,
    LeapDay,
    Moderation,
    PointsLedger,
    ProductReview,
    Referral,
    ReferralRule,
    ReleaseOutcome,
    ReviewRule,
    ShopAction,
    ShopActionRule,
    action_points,
    referral_reward,
    release_action_points,
)

R = ActionRefusal
YEAR_CAP = ActionCap(CapPeriod.YEAR, points=2000, all_actions=True)


def ledger() -> PointsLedger:
    return PointsLedger(ExpiryRule(ExpiryPolicy.FIXED_TERM, 12), pending_days=14)


def order(
    products: tuple[str, ...] = ("sku-1",),
    *,
    delivered: date = date(2026, 3, 2),
    window: int = 14,
    returned: bool = False,
    id: str = "A-1001",  # noqa: A002 - the field's own name
) -> DeliveredOrder:
    return DeliveredOrder(id, delivered, window, products=list(products), returned=returned)


def review(
    product: str = "sku-1",
    purchase: DeliveredOrder | None = None,
    *,
    length: int = 120,
    moderation: Moderation = Moderation.APPROVED,
) -> ProductReview:
    return ProductReview(
        product, purchase or order((product,)), length=length, moderation=moderation
    )


# -- reviews -----------------------------------------------------------------------------


def test_a_review_is_held_until_the_return_window_closes_then_released() -> None:
    # Delivered 2 March, 14-day window: returnable until 16 March, released on 17 March.
    decision = action_points(ReviewRule(50), review(), [], on=date(2026, 3, 9))
    assert (decision.points, decision.held_until, decision.order) == (
        50,
        date(2026, 3, 17),
        "A-1001",
    )
    assert decision.why == (
        "verified buyer: sku-1 in order A-1001, returnable until 2026-03-16",
        "50 points, held until 2026-03-17",
    )
    held = release_action_points(decision, ledger(), on=date(2026, 3, 16))
    assert (held.outcome, held.entries) == (ReleaseOutcome.HELD, ())
    released = release_action_points(decision, ledger(), on=date(2026, 3, 17))
    assert released.outcome is ReleaseOutcome.RELEASED
    [entry] = released.entries
    assert (entry.kind, entry.points, entry.lot_id, entry.reason) == (
        EntryKind.EARN,
        50,
        "review: sku-1",
        "review: sku-1 (order A-1001)",
    )
    # the hold did the pending period's work: spendable at once; the ledger keeps 14 days
    assert released.ledger.spendable(date(2026, 3, 17)) == 50
    assert released.ledger.pending_days == 14


def test_a_review_after_the_window_closed_is_released_at_once_or_after_hold_days() -> None:
    at_once = action_points(ReviewRule(50), review(), [], on=date(2026, 4, 1))
    assert at_once.held_until == date(2026, 4, 1)
    assert at_once.why[-1] == "50 points, released at once"
    later = action_points(ReviewRule(50, hold_days=7), review(), [], on=date(2026, 4, 1))
    assert later.held_until == date(2026, 4, 8)


def test_only_a_verified_buyer_of_an_order_kept_earns_for_a_review() -> None:
    on = date(2026, 3, 9)
    nobody = ProductReview("sku-1", None, length=120, moderation=Moderation.APPROVED)
    elsewhere = review("sku-9", order(("sku-1",)))
    not_yet = review(purchase=order(delivered=date(2026, 3, 12)))
    sent_back = review(purchase=order(returned=True))
    found = [action_points(ReviewRule(50), one, [], on=on) for one in (nobody, elsewhere)]
    assert [one.refusals for one in found] == [(R.NOT_A_VERIFIED_BUYER,)] * 2
    assert found[0].why == ("not a verified buyer: sku-1: no order of it was given",)
    assert found[1].why == ("not a verified buyer: sku-9: not in order A-1001",)
    assert action_points(ReviewRule(50), not_yet, [], on=on).why == (
        "not a verified buyer: order A-1001 is delivered only on 2026-03-12",
    )
    returned = action_points(ReviewRule(50), sent_back, [], on=on)
    assert (returned.refusals, returned.points, returned.held_until) == (
        (R.ORDER_RETURNED,),
        0,
        None,
    )


def test_every_reason_to_refuse_a_review_is_given_at_once() -> None:
    rule = ReviewRule(50, min_length=50)
    short_pending = review(length=12, moderation=Moderation.PENDING)
    decision = action_points(rule, short_pending, [], on=date(2026, 3, 9))
    assert decision.refused
    assert decision.refusals == (R.TOO_SHORT, R.NOT_APPROVED)
    assert decision.why == (
        "too short: 12 characters, fewer than 50",
        "not approved: moderation: pending",
    )


def test_moderation_a_shop_can_waive_for_pending_but_never_for_rejected() -> None:
    rule = ReviewRule(50, approval_required=False)
    on = date(2026, 3, 9)
    assert not action_points(rule, review(moderation=Moderation.PENDING), [], on=on).refused
    rejected = action_points(rule, review(moderation=Moderation.REJECTED), [], on=on)
    assert rejected.refusals == (R.NOT_APPROVED,)


def test_one_review_per_product_and_a_refusal_does_not_block_a_later_approval() -> None:
    rule = ReviewRule(50)
    pending = action_points(
        rule, review(moderation=Moderation.PENDING), [], on=date(2026, 3, 9)
    )
    approved = action_points(rule, review(), [pending], on=date(2026, 3, 11))
    assert pending.refused
    assert not approved.refused
    again = action_points(rule, review(), [pending, approved], on=date(2026, 3, 12))
    assert again.refusals == (R.DUPLICATE,)
    other = action_points(rule, review("sku-2"), [pending, approved], on=date(2026, 3, 12))
    assert other.points == 50


def test_at_most_five_reviews_a_month_as_metal_clay_supply_pays() -> None:
    rule = ReviewRule(100, caps=[ActionCap(CapPeriod.MONTH, count=5)])
    history: list[ActionDecision] = []
    for number in range(1, 7):
        product = f"sku-{number}"
        bought = order((product,), id=f"A-{number}")
        history.append(
            action_points(rule, review(product, bought), history, on=date(2026, 3, 20))
        )
    assert [decision.points for decision in history] == [100] * 5 + [0]
    assert history[-1].why == ("cap reached: 5 review awards in 2026-03, at most 5",)
    next_month = action_points(
        rule, review("sku-6", order(("sku-6",))), history, on=date(2026, 4, 1)
    )
    assert next_month.points == 100


def test_a_points_cap_over_all_actions_trims_the_last_award_then_refuses() -> None:
    # 2,000 points a year from actions: 1,950 used, so a 100-point review gets 50.
    rule = ReviewRule(100, caps=[YEAR_CAP])
    earlier = ActionDecision(
        "birthday", "2026", date(2026, 2, 1), 1950, date(2026, 2, 1), None, (), ["x"]
    )
    trimmed = action_points(rule, review(), [earlier], on=date(2026, 3, 9))
    assert trimmed.points == 50
    assert trimmed.why[-1] == (
        "50 points, held until 2026-03-17 "
        "(capped: 1950 of 2000 points from actions in 2026 used, so 50 are left)"
    )
    full = action_points(
        rule, review("sku-2", order(("sku-2",))), [earlier, trimmed], on=date(2026, 3, 9)
    )
    assert full.refusals == (R.CAP_REACHED,)
    assert full.why == ("cap reached: 2000 of 2000 points from actions in 2026 used",)


def test_the_rating_is_not_an_input_so_it_cannot_change_the_points() -> None:
    """16 CFR 465.4: no incentive conditioned on a review's sentiment. A review carries
    no rating, stars or text, and action_points takes nothing else about it."""
    assert set(attrs.fields_dict(ProductReview)) == {
        "product",
        "purchase",
        "length",
        "moderation",
    }
    assert list(inspect.signature(action_points).parameters) == [
        "rule",
        "event",
        "history",
        "on",
    ]
    with pytest.raises(TypeError):
        ProductReview(  # type: ignore[call-arg]
            "sku-1", order(), length=120, moderation=Moderation.APPROVED, rating=1
        )


# -- returned orders ---------------------------------------------------------------------


def test_a_return_during_the_hold_cancels_and_after_release_reverses() -> None:
    decision = action_points(ReviewRule(50), review(), [], on=date(2026, 3, 9))
    cancelled = release_action_points(
        decision, ledger(), on=date(2026, 3, 12), returned=True
    )
    assert (cancelled.outcome, cancelled.entries) == (ReleaseOutcome.CANCELLED, ())
    assert cancelled.ledger.lots == ()
    released = release_action_points(decision, ledger(), on=date(2026, 3, 17))
    reversed_ = release_action_points(
        decision, released.ledger, on=date(2026, 4, 2), returned=True
    )
    assert reversed_.outcome is ReleaseOutcome.REVERSED
    assert [(entry.kind, entry.points) for entry in reversed_.entries] == [
        (EntryKind.REVERSE, -50)
    ]
    assert reversed_.entries[0].reason == "order A-1001 returned (review: sku-1)"
    assert reversed_.ledger.balance == 0


def test_a_release_is_refused_twice_for_a_refusal_and_before_the_decision() -> None:
    decision = action_points(ReviewRule(50), review(), [], on=date(2026, 3, 9))
    released = release_action_points(decision, ledger(), on=date(2026, 3, 17))
    with pytest.raises(InvalidLoyaltyError, match="released into this ledger already"):
        release_action_points(decision, released.ledger, on=date(2026, 3, 18))
    refused = action_points(
        ReviewRule(50), review(purchase=order(returned=True)), [], on=date(2026, 3, 9)
    )
    with pytest.raises(InvalidLoyaltyError, match="was refused"):
        release_action_points(refused, ledger(), on=date(2026, 3, 17))
    with pytest.raises(InvalidLoyaltyError, match="before the decision"):
        release_action_points(decision, ledger(), on=date(2026, 3, 8))


# -- referrals ---------------------------------------------------------------------------


def test_a_referral_waits_for_the_first_orders_window_as_referral_reward_does() -> None:
    first = order(id="B-7", delivered=date(2026, 2, 28))
    decision = action_points(
        ReferralRule(500), Referral("cust-1", "cust-2", first), [], on=date(2026, 3, 1)
    )
    timing = referral_reward(
        delivered_on=date(2026, 2, 28),
        return_window_days=14,
        on=date(2026, 3, 1),
        referrer_points=500,
        referee_points=0,
    )
    assert (decision.points, decision.held_until) == (500, timing.grant_on)
    assert decision.lot_id == "referral: cust-2"


def test_self_household_and_card_referrals_are_refused_when_the_facts_are_given() -> None:
    first = order(id="B-7")
    shared = Referral(
        "cust-1",
        "cust-1",
        first,
        referrer_households=["h-1"],
        referee_households=["h-1", "h-2"],
        referrer_payments=["card-9f2"],
        referee_payments=["card-9f2"],
    )
    decision = action_points(ReferralRule(500), shared, [], on=date(2026, 3, 9))
    assert decision.refusals == (
        R.SELF_REFERRAL,
        R.SAME_HOUSEHOLD,
        R.SAME_PAYMENT_INSTRUMENT,
    )
    assert decision.why[1] == "same household: cust-1 shares household h-1"
    # Without the facts, nothing is assumed: only what was given is checked.
    unknown = Referral("cust-1", "cust-2", first, referrer_payments=["card-9f2"])
    assert not action_points(ReferralRule(500), unknown, [], on=date(2026, 3, 9)).refused


def test_a_referral_that_did_not_convert_or_was_returned_earns_nothing() -> None:
    on = date(2026, 3, 9)
    rule = ReferralRule(500)
    assert action_points(rule, Referral("c1", "c2", None), [], on=on).why == (
        "not converted: c2 has no first order yet",
    )
    sent_back = Referral("c1", "c2", order(id="B-7", returned=True))
    assert action_points(rule, sent_back, [], on=on).why == (
        (
            "order returned: first order B-7: the referee's order was returned, "
            "so the referral earns no points"
        ),
    )
    done = action_points(rule, Referral("c1", "c2", order(id="B-7")), [], on=on)
    again = Referral("c1", "c2", order(id="B-8"))
    assert action_points(rule, again, [done], on=on).refusals == (R.DUPLICATE,)


# -- birthdays ---------------------------------------------------------------------------


def test_a_birthday_on_file_thirty_days_before_it_earns_once_a_year() -> None:
    rule = BirthdayRule(200, days_on_file=30)
    # Birthday 10 June; entered 11 May is 30 days before: enough. 12 May is 29: not.
    in_time = Birthday(date(1990, 6, 10), on_file_since=date(2026, 5, 11))
    too_late = Birthday(date(1990, 6, 10), on_file_since=date(2026, 5, 12))
    awarded = action_points(rule, in_time, [], on=date(2026, 6, 10))
    assert (awarded.points, awarded.key, awarded.lot_id) == (200, "2026", "birthday: 2026")
    refused = action_points(rule, too_late, [], on=date(2026, 6, 10))
    assert refused.why == (
        (
            "not on file long enough: on file since 2026-05-12, 29 days before "
            "2026-06-10; 30 are needed"
        ),
    )
    twice = action_points(rule, in_time, [awarded], on=date(2026, 6, 11))
    assert twice.refusals == (R.DUPLICATE,)
    next_year = action_points(rule, too_late, [awarded], on=date(2027, 6, 10))
    assert next_year.points == 200
    early = action_points(rule, in_time, [], on=date(2026, 6, 9))
    assert early.why == ("before birthday: the birthday is on 2026-06-10",)


@pytest.mark.parametrize(
    ("leap_day", "year", "kept"),
    [
        (LeapDay.FEBRUARY_28, 2027, date(2027, 2, 28)),
        (LeapDay.MARCH_1, 2027, date(2027, 3, 1)),
        (LeapDay.MARCH_1, 2028, date(2028, 2, 29)),
        (LeapDay.MARCH_1, 2100, date(2100, 3, 1)),  # 2100 is not a leap year
    ],
)
def test_a_29_february_birthday_is_kept_by_the_stated_rule(
    leap_day: LeapDay, year: int, kept: date
) -> None:
    leapling = Birthday(date(2000, 2, 29), on_file_since=date(2010, 1, 1))
    rule = BirthdayRule(200, days_on_file=30, leap_day=leap_day)
    before = action_points(rule, leapling, [], on=kept - timedelta(days=1))
    assert before.refusals == (R.BEFORE_BIRTHDAY,)
    assert action_points(rule, leapling, [], on=kept).points == 200


# -- shop actions ------------------------------------------------------------------------


def test_a_shop_action_pays_once_per_member() -> None:
    rule = ShopActionRule(100, name="newsletter sign-up")
    first = action_points(rule, ShopAction("newsletter sign-up"), [], on=date(2026, 1, 5))
    assert (first.points, first.lot_id) == (100, "newsletter sign-up")
    again = action_points(
        rule, ShopAction("newsletter sign-up"), [first], on=date(2027, 1, 5)
    )
    assert again.refusals == (R.DUPLICATE,)
    posted = release_action_points(first, ledger(), on=date(2026, 1, 5))
    assert posted.entries[0].reason == "newsletter sign-up"
    with pytest.raises(InvalidLoyaltyError, match="rests on no order"):
        release_action_points(first, posted.ledger, on=date(2026, 1, 6), returned=True)


def test_wrong_pairs_and_history_out_of_order_are_refused() -> None:
    rule = ShopActionRule(100, name="newsletter sign-up")
    with pytest.raises(InvalidLoyaltyError, match="is the action 'profile'"):
        action_points(rule, ShopAction("profile"), [], on=date(2026, 1, 5))
    with pytest.raises(InvalidLoyaltyError, match="is not a ProductReview"):
        action_points(ReviewRule(50), ShopAction("profile"), [], on=date(2026, 1, 5))
    done = action_points(rule, ShopAction("newsletter sign-up"), [], on=date(2026, 1, 5))
    with pytest.raises(InvalidLoyaltyError, match="decide actions in date order"):
        action_points(ReviewRule(50), review(), [done], on=date(2026, 1, 4))
    with pytest.raises(InvalidLoyaltyError, match="an action with its own rule"):
        ShopActionRule(100, name="Birthday")


# -- properties --------------------------------------------------------------------------

_PRODUCTS = [f"sku-{n}" for n in range(30)]
_REVIEW_CAP = ActionCap(CapPeriod.MONTH, count=2)
_POINTS_CAP = ActionCap(CapPeriod.YEAR, points=450, all_actions=True)


@st.composite
def _events(draw: st.DrawFn) -> list[tuple[int, object]]:
    """Days apart and actions: reviews (bought or not, returned or not), birthdays and
    two shop actions, in any mix."""
    found: list[tuple[int, object]] = []
    for _ in range(draw(st.integers(1, 25))):
        gap = draw(st.integers(0, 20))
        kind = draw(st.sampled_from(["review"] * 4 + ["birthday", "newsletter", "profile"]))
        if kind == "review":
            product = draw(st.sampled_from(_PRODUCTS))
            bought = draw(st.sampled_from([(product,), ("sku-x",)]))
            event: object = (
                product,
                bought,
                draw(st.integers(0, 60)),
                draw(st.booleans()),
            )
        elif kind == "birthday":
            event = "birthday"
        else:
            event = kind
        found.append((gap, event))
    return found


def _decide_all(events: list[tuple[int, object]], points: int) -> list[ActionDecision]:
    rules = {
        "review": ReviewRule(points, caps=[_REVIEW_CAP, _POINTS_CAP]),
        "birthday": BirthdayRule(points, caps=[_POINTS_CAP]),
        "newsletter": ShopActionRule(points, caps=[_POINTS_CAP], name="newsletter"),
        "profile": ShopActionRule(points, caps=[_POINTS_CAP], name="profile"),
    }
    birthday = Birthday(date(1990, 1, 1), on_file_since=date(2000, 1, 1))
    on, history = date(2026, 1, 1), []
    for number, (gap, event) in enumerate(events):
        on += timedelta(days=gap)
        if isinstance(event, tuple):
            product, bought, ago, returned = event
            kept = DeliveredOrder(
                f"A-{number}",
                on - timedelta(days=ago),
                14,
                products=list(bought),
                returned=returned,
            )
            args: tuple[object, object] = (
                rules["review"],
                ProductReview(product, kept, length=80, moderation=Moderation.APPROVED),
            )
        elif event == "birthday":
            args = (rules["birthday"], birthday)
        else:
            args = (rules[str(event)], ShopAction(str(event)))
        history.append(action_points(*args, history, on=on))  # type: ignore[arg-type]
    return history


@given(events=_events(), points=st.integers(1, 300))
def test_caps_are_never_exceeded_over_any_sequence_of_actions(
    events: list[tuple[int, object]], points: int
) -> None:
    """No month holds more than 2 review awards, no year more than 450 action points."""
    awards = [one for one in _decide_all(events, points) if not one.refused]
    months: dict[tuple[int, int], int] = {}
    years: dict[int, int] = {}
    for award in awards:
        if award.action == "review":
            month = (award.on.year, award.on.month)
            months[month] = months.get(month, 0) + 1
        years[award.on.year] = years.get(award.on.year, 0) + award.points
    assert all(count <= 2 for count in months.values())
    assert all(total <= 450 for total in years.values())
    keys = [(award.action, award.key) for award in awards]
    assert len(keys) == len(set(keys)), "one award per product, year and shop action"


@given(events=_events(), points=st.integers(1, 300), data=st.data())
def test_the_decision_does_not_depend_on_the_order_of_the_history(
    events: list[tuple[int, object]], points: int, data: st.DataObject
) -> None:
    """Deciding with the history shuffled gives the same decision."""
    history = _decide_all(events, points)
    *before, last = history
    shuffled = data.draw(st.permutations(before))
    rule = ReviewRule(points, caps=[_REVIEW_CAP, _POINTS_CAP])
    event = review("sku-0", order(("sku-0",), delivered=last.on))
    assert action_points(rule, event, before, on=last.on) == action_points(
        rule, event, shuffled, on=last.on
    )


@st.composite
def _orders(draw: st.DrawFn) -> list[tuple[int, int, int, int | None]]:
    """Per review: days after delivery it was written, return window, extra days
    before the release job runs, and the day after delivery the order came back."""
    return draw(
        st.lists(
            st.tuples(
                st.integers(0, 30),
                st.integers(0, 30),
                st.integers(0, 20),
                st.one_of(st.none(), st.integers(0, 90)),
            ),
            min_size=1,
            max_size=12,
        )
    )


@given(orders=_orders(), points=st.integers(1, 500))
def test_no_points_survive_for_a_returned_order(
    orders: list[tuple[int, int, int, int | None]], points: int
) -> None:
    """Whenever the order comes back (before the review, while held, after release),
    the member ends with exactly the points of the reviews whose orders were kept."""
    rule, start = ReviewRule(points), date(2026, 1, 1)
    steps: list[tuple[date, int, ActionDecision, bool]] = []
    kept_points = 0
    for number, (written, window, late, back) in enumerate(orders):
        product = f"sku-{number}"
        on = start + timedelta(days=written)
        back_on = None if back is None else start + timedelta(days=back)
        bought = DeliveredOrder(
            f"A-{number}",
            start,
            window,
            products=[product],
            returned=back_on is not None and back_on <= on,
        )
        decision = action_points(rule, review(product, bought), [], on=on)
        if decision.refused:
            assert decision.refusals == (R.ORDER_RETURNED,)
            continue
        assert decision.held_until is not None
        steps.append((decision.held_until + timedelta(days=late), 0, decision, False))
        if back_on is None:
            kept_points += decision.points
        else:
            steps.append((back_on, 1, decision, True))
    book, done = ledger(), set()
    for when, _, decision, returned in sorted(steps, key=lambda step: step[:2]):
        if decision.lot_id in done and not returned:
            continue  # cancelled before its release day
        result = release_action_points(decision, book, on=when, returned=returned)
        book = result.ledger
        if returned:
            done.add(decision.lot_id)
    assert book.balance == kept_points


def test_refusals_are_commercekit_errors_naming_the_field() -> None:
    with pytest.raises(CommerceKitError) as caught:
        ActionCap(CapPeriod.YEAR)
    assert isinstance(caught.value, InvalidLoyaltyError)
    assert caught.value.field == "count"
    with pytest.raises(InvalidLoyaltyError, match="is before the birthday"):
        Birthday(date(2030, 1, 1), on_file_since=date(2026, 1, 1))
