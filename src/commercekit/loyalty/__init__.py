"""Loyalty programs: earning points, a ledger in lots, redemption, tiers, referrals and
points for actions other than buying.

* [`EarnRule`][commercekit.loyalty.EarnRule] and
  [`earn_points`][commercekit.loyalty.earn_points]: the points an order earns on an
  explicit [`EarnBasis`][commercekit.loyalty.EarnBasis], with tier and category
  multipliers, [`BonusEvent`][commercekit.loyalty.BonusEvent]s, a cap and explicit
  rounding.
* [`PointsLedger`][commercekit.loyalty.PointsLedger]: a member's points in
  [`Lot`][commercekit.loyalty.Lot]s, with pure transitions (``earn``, ``redeem``,
  ``expire``, ``reverse``, ``adjust``, ``cancel_redemption``) that return the new ledger
  and the [`Entry`][commercekit.loyalty.Entry] rows they added; expiry by
  [`ExpiryRule`][commercekit.loyalty.ExpiryRule], returns by
  [`ReversalPolicy`][commercekit.loyalty.ReversalPolicy].
* [`RedemptionRule`][commercekit.loyalty.RedemptionRule] and
  [`redemption_discount`][commercekit.loyalty.redemption_discount]: points as a
  discount at checkout, never worth more than the points.
* [`TierProgram`][commercekit.loyalty.TierProgram],
  [`tier_for`][commercekit.loyalty.tier_for],
  [`upgrade`][commercekit.loyalty.upgrade] and
  [`tier_at_period_end`][commercekit.loyalty.tier_at_period_end]: tiers by points or
  spend, counted over a [`qualifying_period`][commercekit.loyalty.qualifying_period]
  by [`qualifying_points`][commercekit.loyalty.qualifying_points] or
  [`qualifying_spend`][commercekit.loyalty.qualifying_spend];
  [`referral_reward`][commercekit.loyalty.referral_reward]: when a referral pays.
* Points for actions other than buying, each with its rule and caps against abuse:
  [`ReviewRule`][commercekit.loyalty.ReviewRule] for a
  [`ProductReview`][commercekit.loyalty.ProductReview] by a verified buyer (of a
  [`DeliveredOrder`][commercekit.loyalty.DeliveredOrder], with its
  [`Moderation`][commercekit.loyalty.Moderation]; never by the rating),
  [`ReferralRule`][commercekit.loyalty.ReferralRule] for a
  [`Referral`][commercekit.loyalty.Referral] that converts,
  [`BirthdayRule`][commercekit.loyalty.BirthdayRule] for a
  [`Birthday`][commercekit.loyalty.Birthday] (29 February by
  [`LeapDay`][commercekit.loyalty.LeapDay]) and
  [`ShopActionRule`][commercekit.loyalty.ShopActionRule] for a
  [`ShopAction`][commercekit.loyalty.ShopAction] once per member; an
  [`ActionCap`][commercekit.loyalty.ActionCap] per
  [`CapPeriod`][commercekit.loyalty.CapPeriod].
  [`action_points`][commercekit.loyalty.action_points] decides an
  [`ActionDecision`][commercekit.loyalty.ActionDecision] (held points, or the
  [`ActionRefusal`][commercekit.loyalty.ActionRefusal]s and why), and
  [`release_action_points`][commercekit.loyalty.release_action_points] posts it to the
  ledger or, for a returned order, cancels or reverses it
  ([`ActionRelease`][commercekit.loyalty.ActionRelease],
  [`ReleaseOutcome`][commercekit.loyalty.ReleaseOutcome]).
* [`points_liability`][commercekit.loyalty.points_liability],
  [`points_standalone_price`][commercekit.loyalty.points_standalone_price],
  [`allocate_transaction_price`][commercekit.loyalty.allocate_transaction_price] and
  [`points_revenue`][commercekit.loyalty.points_revenue]: what the points cost the
  shop, and revenue under IFRS 15 / ASC 606 with the cumulative catch-up.
* [`add_months`][commercekit.loyalty.add_months] and
  [`end_of_month`][commercekit.loyalty.end_of_month]: the month arithmetic expiry uses.
"""

from typing import TYPE_CHECKING

from commercekit._lazy import public_names

if TYPE_CHECKING:
    from commercekit.loyalty._action_conditions import ActionRefusal
    from commercekit.loyalty._action_events import (
        Birthday,
        DeliveredOrder,
        Moderation,
        ProductReview,
        Referral,
        ShopAction,
    )
    from commercekit.loyalty._action_release import (
        ActionRelease,
        ReleaseOutcome,
        release_action_points,
    )
    from commercekit.loyalty._action_rules import (
        ActionCap,
        ActionRule,
        BirthdayRule,
        CapPeriod,
        LeapDay,
        ReferralRule,
        ReviewRule,
        ShopActionRule,
    )
    from commercekit.loyalty._actions import ActionDecision, action_points
    from commercekit.loyalty._dates import add_months, end_of_month
    from commercekit.loyalty._earn import (
        BonusEvent,
        EarnBasis,
        Earned,
        EarnRule,
        earn_points,
    )
    from commercekit.loyalty._ledger import PointsLedger
    from commercekit.loyalty._liability import (
        PointsLiability,
        PointsRevenue,
        RevenueAllocation,
        allocate_transaction_price,
        points_liability,
        points_revenue,
        points_standalone_price,
    )
    from commercekit.loyalty._lots import Entry, EntryKind, ExpiryPolicy, ExpiryRule, Lot
    from commercekit.loyalty._qualifying import (
        QualifyingPeriod,
        qualifying_period,
        qualifying_points,
        qualifying_spend,
    )
    from commercekit.loyalty._redeem import (
        PointsDiscount,
        RedemptionRule,
        redemption_discount,
    )
    from commercekit.loyalty._referral import ReferralReward, referral_reward
    from commercekit.loyalty._reversal import DEFAULT_REVERSAL, ReversalPolicy
    from commercekit.loyalty._tiers import (
        DowngradePolicy,
        Tier,
        TierBasis,
        TierDecision,
        TierProgram,
        tier_at_period_end,
        tier_for,
        upgrade,
    )
else:
    __getattr__, __dir__ = public_names(
        __name__,
        {
            "._action_conditions": "ActionRefusal",
            "._action_events": (
                "Birthday DeliveredOrder Moderation ProductReview Referral ShopAction"
            ),
            "._action_release": "ActionRelease ReleaseOutcome release_action_points",
            "._action_rules": (
                "ActionCap ActionRule BirthdayRule CapPeriod LeapDay ReferralRule "
                "ReviewRule ShopActionRule"
            ),
            "._actions": "ActionDecision action_points",
            "._dates": "add_months end_of_month",
            "._earn": "BonusEvent EarnBasis Earned EarnRule earn_points",
            "._ledger": "PointsLedger",
            "._liability": (
                "PointsLiability PointsRevenue RevenueAllocation "
                "allocate_transaction_price points_liability points_revenue "
                "points_standalone_price"
            ),
            "._lots": "Entry EntryKind ExpiryPolicy ExpiryRule Lot",
            "._qualifying": (
                "QualifyingPeriod qualifying_period qualifying_points qualifying_spend"
            ),
            "._redeem": "PointsDiscount RedemptionRule redemption_discount",
            "._referral": "ReferralReward referral_reward",
            "._reversal": "DEFAULT_REVERSAL ReversalPolicy",
            "._tiers": (
                "DowngradePolicy Tier TierBasis TierDecision TierProgram "
                "tier_at_period_end tier_for upgrade"
            ),
        },
    )

__all__ = [
    "DEFAULT_REVERSAL",
    "ActionCap",
    "ActionDecision",
    "ActionRefusal",
    "ActionRelease",
    "ActionRule",
    "Birthday",
    "BirthdayRule",
    "BonusEvent",
    "CapPeriod",
    "DeliveredOrder",
    "DowngradePolicy",
    "EarnBasis",
    "EarnRule",
    "Earned",
    "Entry",
    "EntryKind",
    "ExpiryPolicy",
    "ExpiryRule",
    "LeapDay",
    "Lot",
    "Moderation",
    "PointsDiscount",
    "PointsLedger",
    "PointsLiability",
    "PointsRevenue",
    "ProductReview",
    "QualifyingPeriod",
    "RedemptionRule",
    "Referral",
    "ReferralReward",
    "ReferralRule",
    "ReleaseOutcome",
    "RevenueAllocation",
    "ReversalPolicy",
    "ReviewRule",
    "ShopAction",
    "ShopActionRule",
    "Tier",
    "TierBasis",
    "TierDecision",
    "TierProgram",
    "action_points",
    "add_months",
    "allocate_transaction_price",
    "earn_points",
    "end_of_month",
    "points_liability",
    "points_revenue",
    "points_standalone_price",
    "qualifying_period",
    "qualifying_points",
    "qualifying_spend",
    "redemption_discount",
    "referral_reward",
    "release_action_points",
    "tier_at_period_end",
    "tier_for",
    "upgrade",
]
