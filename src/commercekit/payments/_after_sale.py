"""What a refund leaves with the provider, and what a chargeback costs.

Where a schedule keeps the payment's fee on a refund, the fee is kept once: the first
refund of the payment reports it, later ones 0 with why, so the refunds' costs add up
to what the provider keeps. Where it returns the fee, a row says only that, not how on
a partial refund: commercekit takes it to come back in proportion to the amount
refunded and says so. The refund and dispute fees are rounded half up to the minor
unit, as every fee part is (see ``_cost``).

Invariant: a refund's ``total == kept_fee + refund_fee``.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import attrs

from commercekit._checks import money_of
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import MissingPaymentCostError
from commercekit.money import Money, RoundingMode
from commercekit.payments import _checks
from commercekit.payments._cost import PaymentCost, charged, row_field, same_currency
from commercekit.payments._model import FeeRow

__all__ = ["ChargebackCost", "RefundCost", "chargeback_cost", "refund_cost"]


def _refund_cost_refunded(value: object) -> Money:
    return _checks.booked(value, "refunded")


def _refund_cost_kept_fee(value: object) -> Money:
    return _checks.booked(value, "kept_fee")


def _refund_cost_refund_fee(value: object) -> Money:
    return _checks.booked(value, "refund_fee")


def _refund_cost_row(value: object) -> FeeRow:
    return row_field(value, "row")


@named_at_the_door
@attrs.frozen
class RefundCost:
    """What the provider keeps when ``refunded`` of a payment is returned to the buyer:
    the payment's own fee where the schedule says it is not returned (``kept_fee``),
    plus any fee for the refund itself; ``total`` is their sum."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    refunded: Money = attrs.field(converter=_refund_cost_refunded)
    kept_fee: Money = attrs.field(converter=_refund_cost_kept_fee)
    refund_fee: Money = attrs.field(converter=_refund_cost_refund_fee)
    row: FeeRow = attrs.field(converter=_refund_cost_row)
    why: tuple[str, ...] = attrs.field(converter=_checks.sentences)

    def __attrs_post_init__(self) -> None:
        same_currency(
            self.row,
            refunded=self.refunded,
            kept_fee=self.kept_fee,
            refund_fee=self.refund_fee,
        )

    @property
    def total(self) -> Money:
        """What the merchant is out beyond the refunded amount: the sum of the parts."""
        return self.kept_fee + self.refund_fee


def _given(row: FeeRow, figure: str, value: object, day: date | None = None) -> None:
    if value is None:
        raise MissingPaymentCostError(
            f"{figure} of {row.describe()} ({row.since} onwards)",
            "the schedule's source does not give it; give a fee schedule whose row "
            "states it (0 where your contract has none)",
            json_how="the schedule's source does not give it; write the payment's "
            '"fee_schedule" (in place of a "provider") with your contract\'s row stating '
            "it (0 where your contract has none)",
        )


@context_free
def refund_cost(
    payment: PaymentCost, refunded: Money, *, refunded_before: Money | None = None
) -> RefundCost:
    """What the provider keeps when ``refunded`` is returned, after earlier refunds of
    the same payment returned ``refunded_before`` (0 by default: the first refund).

    Where the schedule keeps the original fee on a refund, the whole fee is kept, for a
    partial refund too (as Stripe's page says of its fees), and it is kept **once**: the
    first refund of the payment (the first of more than 0) reports it as ``kept_fee``,
    a later one reports 0 and says why, so the refunds' costs add up to what the
    provider keeps. Where the schedule returns the fee, commercekit takes it to come
    back **in proportion to the amount refunded** (a row says only whether the fee is
    returned, not how on a partial refund; providers differ, so check your contract):
    nothing of the refunded part's fee is kept, and the why gives the part returned
    (the fee times the refunds so far over the payment, half up, less what earlier
    refunds returned). The refund fee is added on every refund; a refund of 0 goes
    through no provider and costs nothing. Raises ``MissingPaymentCostError`` where the
    row does not say whether the fee is kept, or gives no refund fee, and
    ``InvalidPaymentError`` for refunds above the payment.

    Examples:
        A contract that keeps the fee and charges 0.10 per refund: the first refund
        reports the payment's fee as kept, a later one only its own fee.

        >>> from datetime import date
        >>> import attrs
        >>> from commercekit.payments import FeeSchedule, example_schedule, payment_cost
        >>> rows = [attrs.evolve(row, refund_fee=Money("0.10", "EUR"))
        ...         for row in example_schedule("stripe").rows]
        >>> paid = payment_cost(Money("100.00", "EUR"), "card", FeeSchedule(rows),
        ...     merchant_country="NL", on=date(2026, 11, 26),
        ...     card_type="consumer_credit", issuer_country="DE")
        >>> first = refund_cost(paid, Money("30.00", "EUR"))
        >>> later = refund_cost(paid, Money("30.00", "EUR"),
        ...     refunded_before=Money("30.00", "EUR"))
        >>> first.kept_fee, first.total
        (Money('1.75', 'EUR'), Money('1.85', 'EUR'))
        >>> later.kept_fee, later.total
        (Money('0.00', 'EUR'), Money('0.10', 'EUR'))
    """
    paid = _checks.instance_of(payment, PaymentCost, "payment")
    back = _checks.booked(refunded, "refunded")
    row = paid.row
    before = (
        _checks.zero(row.currency)
        if refunded_before is None
        else _checks.booked(refunded_before, "refunded_before")
    )
    same_currency(row, refunded=back, refunded_before=before)
    if before + back > paid.amount:
        raise _checks.invalid(
            "refunded",
            back,
            f"with the {before} refunded before is more than the payment "
            f"({paid.amount}); a refund never exceeds what is left of what was paid",
        )
    _given(row, "whether the fee is kept on a refund", row.fee_kept_on_refund)
    _given(row, "the refund fee", row.refund_fee)
    assert row.refund_fee is not None  # noqa: S101  # checked just above
    if not back.amount:
        zero = _checks.zero(row.currency)
        said = "Nothing goes back through the provider, so it keeps nothing more."
        return RefundCost(
            refunded=back, kept_fee=zero, refund_fee=zero, row=row, why=(said,)
        )
    fee = charged(row.refund_fee)
    kept, said = _kept(paid, back, before)
    return RefundCost(
        refunded=back,
        kept_fee=kept,
        refund_fee=fee,
        row=row,
        why=(said, f"The refund itself costs {fee}."),
    )


def _kept(paid: PaymentCost, back: Money, before: Money) -> tuple[Money, str]:
    """The payment's fee kept on refunding ``back`` after ``before``, and why."""
    row = paid.row
    zero = _checks.zero(row.currency)
    if not row.fee_kept_on_refund:
        returned = _fee_share(paid, before + back) - _fee_share(paid, before)
        return zero, (
            f"The {row.provider} schedule returns the payment's fee ({paid.total}) "
            "when it is refunded; commercekit takes it to come back in proportion to "
            f"the amount refunded ({returned} for {back} of {paid.amount}): check your "
            "contract, providers differ on partial refunds."
        )
    if before.amount:
        return zero, (
            f"The {row.provider} schedule keeps the payment's fee ({paid.total}); "
            f"it was counted once, on the first refund ({before} refunded before), "
            "so 0 here."
        )
    return paid.total, (
        f"The {row.provider} schedule keeps the payment's fee ({paid.total}) when it "
        "is refunded, counted once, on this first refund."
    )


def _fee_share(paid: PaymentCost, refunded: Money) -> Money:
    """The payment's fee in proportion to ``refunded`` of its amount, half up."""
    if not paid.amount.amount:
        return paid.total
    share = Fraction(paid.total.amount) * Fraction(refunded.amount)
    share /= Fraction(paid.amount.amount)
    return money_of(share, paid.total.currency.code, RoundingMode.HALF_UP)


def _chargeback_cost_disputed(value: object) -> Money:
    return _checks.booked(value, "disputed")


def _chargeback_cost_dispute_fee(value: object) -> Money:
    return _checks.booked(value, "dispute_fee")


def _chargeback_cost_row(value: object) -> FeeRow:
    return row_field(value, "row")


@named_at_the_door
@attrs.frozen
class ChargebackCost:
    """What a chargeback (a dispute the buyer raises with the card issuer) costs in fees:
    the schedule's dispute fee. The disputed amount itself goes back to the buyer when
    the dispute is lost; what happens to the payment's own fee is ``refund_cost``'s."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    disputed: Money = attrs.field(converter=_chargeback_cost_disputed)
    dispute_fee: Money = attrs.field(converter=_chargeback_cost_dispute_fee)
    row: FeeRow = attrs.field(converter=_chargeback_cost_row)
    why: tuple[str, ...] = attrs.field(converter=_checks.sentences)

    def __attrs_post_init__(self) -> None:
        same_currency(self.row, disputed=self.disputed, dispute_fee=self.dispute_fee)

    @property
    def total(self) -> Money:
        """The fees of the chargeback: the dispute fee."""
        return self.dispute_fee


@context_free
def chargeback_cost(payment: PaymentCost) -> ChargebackCost:
    """The dispute fee a chargeback on ``payment`` costs, from its schedule row.

    Raises ``MissingPaymentCostError`` where the row gives no dispute fee.

    Examples:
        >>> from commercekit.money import Money
        >>> from commercekit.payments import example_schedule, payment_cost
        >>> paid = payment_cost(Money("80.00", "EUR"), "card", example_schedule("stripe"),
        ...     merchant_country="DE", on=date(2026, 11, 30), card_type="consumer_debit",
        ...     issuer_country="DE")
        >>> chargeback_cost(paid).total
        Money('20.00', 'EUR')
    """
    paid = _checks.instance_of(payment, PaymentCost, "payment")
    row = paid.row
    _given(row, "the dispute fee", row.dispute_fee)
    assert row.dispute_fee is not None  # noqa: S101  # checked just above
    fee = charged(row.dispute_fee)
    said = (f"The {row.provider} schedule charges {fee} per dispute.",)
    return ChargebackCost(disputed=paid.amount, dispute_fee=fee, row=row, why=said)
