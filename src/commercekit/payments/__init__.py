"""What a payment costs, what the law caps, and when a surcharge is lawful.

* [`payment_cost`][commercekit.payments.payment_cost] → a
  [`PaymentCost`][commercekit.payments.PaymentCost]: the merchant's fee for one payment,
  part by part (percentage, fixed, cross-border, currency conversion; the total is their
  sum), with the schedule row it came from and why.
* [`refund_cost`][commercekit.payments.refund_cost] → a
  [`RefundCost`][commercekit.payments.RefundCost]: what the provider keeps when the
  payment is refunded; [`chargeback_cost`][commercekit.payments.chargeback_cost] → a
  [`ChargebackCost`][commercekit.payments.ChargebackCost]: the dispute fee.
* Fee schedules: the [`PaymentCostSource`][commercekit.payments.PaymentCostSource]
  Protocol (plug in a provider's contract),
  [`FeeSchedule`][commercekit.payments.FeeSchedule] of
  [`FeeRow`][commercekit.payments.FeeRow]s, and the bundled **labelled examples** from
  providers' public pages: [`example_schedule`][commercekit.payments.example_schedule],
  [`example_providers`][commercekit.payments.example_providers].
* The vocabulary: [`PaymentMethod`][commercekit.payments.PaymentMethod] (cards, Apple
  Pay and Google Pay as the card inside them, iDEAL, Bancontact, SEPA Direct Debit,
  PayPal, Klarna), [`CardType`][commercekit.payments.CardType],
  [`CardOrigin`][commercekit.payments.CardOrigin] found by
  [`card_origin`][commercekit.payments.card_origin], [`Buyer`][commercekit.payments.Buyer].
* Interchange caps in law (EU Regulation 2015/751 from 9 December 2015, the UK under
  it until 31 December 2020 and its retained copy since):
  [`interchange_cap`][commercekit.payments.interchange_cap] → an
  [`InterchangeCap`][commercekit.payments.InterchangeCap] with a
  [`CapStatus`][commercekit.payments.CapStatus].
* Surcharging (PSD2 Art. 62(4), the UK's 2012 regulations as amended in 2017, Germany's
  BGB § 270a): [`surcharge_decision`][commercekit.payments.surcharge_decision] → a
  [`SurchargeDecision`][commercekit.payments.SurchargeDecision] with a
  [`Ruling`][commercekit.payments.Ruling];
  [`check_surcharge`][commercekit.payments.check_surcharge] raises
  [`SurchargeRefusedError`][commercekit.errors.SurchargeRefusedError].

A figure no schedule gives raises
[`MissingPaymentCostError`][commercekit.errors.MissingPaymentCostError]; a place or date
without a bundled legal rule answers ``not_bundled``, never a guess, and no surcharge
ruling rests on an interchange status that is not bundled. An input the rules cannot use
raises [`InvalidPaymentError`][commercekit.errors.InvalidPaymentError] (of its kind:
``InvalidPaymentChoiceError``, ``InvalidPaymentPlaceError`` ...); money a payment moves
is in whole minor units.
"""

from typing import TYPE_CHECKING

from commercekit._lazy import public_names

if TYPE_CHECKING:
    from commercekit.payments._after_sale import (
        ChargebackCost,
        RefundCost,
        chargeback_cost,
        refund_cost,
    )
    from commercekit.payments._cost import PaymentCost, payment_cost
    from commercekit.payments._interchange import CapStatus, InterchangeCap, interchange_cap
    from commercekit.payments._model import (
        Buyer,
        CardOrigin,
        CardType,
        FeeRow,
        PaymentMethod,
        card_origin,
    )
    from commercekit.payments._schedule import (
        FeeSchedule,
        PaymentCostSource,
        example_providers,
        example_schedule,
    )
    from commercekit.payments._surcharge import (
        Ruling,
        SurchargeDecision,
        check_surcharge,
        surcharge_decision,
    )
else:
    __getattr__, __dir__ = public_names(
        __name__,
        {
            "._after_sale": "ChargebackCost RefundCost chargeback_cost refund_cost",
            "._cost": "PaymentCost payment_cost",
            "._interchange": "CapStatus InterchangeCap interchange_cap",
            "._model": "Buyer CardOrigin CardType FeeRow PaymentMethod card_origin",
            "._schedule": (
                "FeeSchedule PaymentCostSource example_providers example_schedule"
            ),
            "._surcharge": "Ruling SurchargeDecision check_surcharge surcharge_decision",
        },
    )

__all__ = [
    "Buyer",
    "CapStatus",
    "CardOrigin",
    "CardType",
    "ChargebackCost",
    "FeeRow",
    "FeeSchedule",
    "InterchangeCap",
    "PaymentCost",
    "PaymentCostSource",
    "PaymentMethod",
    "RefundCost",
    "Ruling",
    "SurchargeDecision",
    "card_origin",
    "chargeback_cost",
    "check_surcharge",
    "example_providers",
    "example_schedule",
    "interchange_cap",
    "payment_cost",
    "refund_cost",
    "surcharge_decision",
]
