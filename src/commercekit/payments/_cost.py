"""What a payment costs the merchant, what a refund leaves with the provider, and what a
chargeback costs.

A payment's fee is a percentage of the amount plus a fixed fee, with a cross-border
add-on for a foreign card where the provider publishes one separately and a
currency-conversion fee when the provider converted the buyer's currency. The row comes
from a [`PaymentCostSource`][commercekit.payments.PaymentCostSource]; a wallet (Apple
Pay, Google Pay) is priced by the row of the card inside it.

Rounding: each part is rounded once, half up, to the currency's minor unit, as providers
show each fee on its own line (Stripe's ``fee_details``); the total is the sum of the
rounded parts, so it may differ by a cent from rounding the unrounded total. A fixed,
refund or dispute fee a contract gives in fractions of a cent is rounded the same way.
The amounts paid and refunded are in whole minor units; a finer digit is refused.

Invariant: ``total == percentage_fee + fixed_fee + cross_border_fee + conversion_fee``;
a refund's ``total == kept_fee + refund_fee``, and a kept fee is reported once, on the
first refund of the payment, so the refunds' costs add up to what the provider keeps.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import attrs

from commercekit._checks import money_of
from commercekit._numbers import context_free
from commercekit.errors import MissingPaymentCostError
from commercekit.money import Money, RoundingMode, sum_money
from commercekit.payments import _checks
from commercekit.payments._model import (
    CardOrigin,
    CardType,
    FeeRow,
    PaymentMethod,
    card_inputs,
    card_origin,
)
from commercekit.payments._schedule import PaymentCostSource

__all__ = [
    "ChargebackCost",
    "PaymentCost",
    "RefundCost",
    "chargeback_cost",
    "payment_cost",
    "refund_cost",
]


def _row(value: object, field: str) -> FeeRow:
    return _checks.instance_of(value, FeeRow, field)


def _same_currency(row: FeeRow, *amounts: Money) -> None:
    for found in amounts:
        if found.currency.code != row.currency:
            raise _checks.invalid(
                "amount",
                found,
                f"is in {found.currency.code} but the schedule's fees are in "
                f"{row.currency}; pass the amount as settled to the merchant, in "
                f"{row.currency} (converted=True if the provider converted it)",
            )


def _payment_cost_amount(value: object) -> Money:
    return _checks.booked(value, "amount")


def _payment_cost_percentage_fee(value: object) -> Money:
    return _checks.booked(value, "percentage_fee")


def _payment_cost_fixed_fee(value: object) -> Money:
    return _checks.booked(value, "fixed_fee")


def _payment_cost_cross_border_fee(value: object) -> Money:
    return _checks.booked(value, "cross_border_fee")


def _payment_cost_conversion_fee(value: object) -> Money:
    return _checks.booked(value, "conversion_fee")


def _payment_cost_row(value: object) -> FeeRow:
    return _row(value, "row")


@attrs.frozen
class PaymentCost:
    """What one payment costs the merchant, part by part (every part in the amount's
    currency, rounded half up to the minor unit); ``total`` is their sum.

    ``row`` is the schedule row that applied (its ``source`` is where the figures come
    from) and ``why`` says, in plain sentences, how each part was found.
    """

    amount: Money = attrs.field(converter=_payment_cost_amount)
    percentage_fee: Money = attrs.field(converter=_payment_cost_percentage_fee)
    fixed_fee: Money = attrs.field(converter=_payment_cost_fixed_fee)
    cross_border_fee: Money = attrs.field(converter=_payment_cost_cross_border_fee)
    conversion_fee: Money = attrs.field(converter=_payment_cost_conversion_fee)
    row: FeeRow = attrs.field(converter=_payment_cost_row)
    why: tuple[str, ...] = attrs.field(converter=_checks.sentences)

    def __attrs_post_init__(self) -> None:
        _same_currency(self.row, self.amount, *self.parts)

    @property
    def parts(self) -> tuple[Money, Money, Money, Money]:
        """The percentage, fixed, cross-border and conversion fees, in that order."""
        return (
            self.percentage_fee,
            self.fixed_fee,
            self.cross_border_fee,
            self.conversion_fee,
        )

    @property
    def total(self) -> Money:
        """The whole fee: the sum of the parts."""
        return sum_money(self.parts, self.row.currency)

    @property
    def source(self) -> str:
        """Where the row's figures come from (its primary source)."""
        return self.row.source


def _share(amount: Money, percent: object) -> Money:
    """``percent`` % of ``amount``, rounded half up to the minor unit."""
    exact = Fraction(amount.amount) * Fraction(str(percent)) / 100
    return money_of(exact, amount.currency.code, RoundingMode.HALF_UP)


def _charged(fee: Money) -> Money:
    """A schedule's fee as charged: rounded half up to the minor unit (a contract may
    price a fixed fee in fractions of a cent)."""
    return money_of(Fraction(fee.amount), fee.currency.code, RoundingMode.HALF_UP)


_CARDS = {
    CardOrigin.DOMESTIC: "domestic cards",
    CardOrigin.EEA: "cards issued in the EEA",
    CardOrigin.UK: "UK cards",
    CardOrigin.INTERNATIONAL: "international cards",
}


def _cards(origin: CardOrigin) -> str:
    """The cards of ``origin``, in words (plural, so that no article can be wrong)."""
    return _CARDS[origin]


def _why(row: FeeRow, method: PaymentMethod, *, converted: bool) -> list[str]:
    said = [
        (
            f"The {row.provider} schedule for a merchant in {row.merchant_country} "
            f"({row.since} onwards, read {row.read_on}) applies: "
            f"{row.note or row.describe()}"
        )
    ]
    if method.is_wallet:
        said.append(f"{method} settles as the card inside it, so the card's row applies.")
    said.append(
        f"Percentage fee: {row.percent}% of the amount; fixed fee: {row.fixed} per payment."
    )
    if row.cross_border_percent:
        card = f" for {_cards(row.card_origin)}" if row.card_origin else ""
        said.append(f"Cross-border fee: {row.cross_border_percent}%{card}.")
    elif row.card_origin not in (None, "domestic"):
        said.append(
            f"No separate cross-border fee: the rate for {_cards(row.card_origin)} "
            "includes it."
        )
    if converted:
        said.append(
            f"Currency-conversion fee: {row.conversion_percent}% (the provider "
            "converted the buyer's currency)."
        )
    said.append("Each part is rounded half up to the minor unit; the total is their sum.")
    return said


@context_free
def payment_cost(
    amount: Money,
    method: PaymentMethod | str,
    source: PaymentCostSource,
    *,
    merchant_country: str,
    on: date,
    card_type: CardType | str | None = None,
    issuer_country: str | None = None,
    converted: bool = False,
) -> PaymentCost:
    """What a payment of ``amount`` by ``method`` costs a merchant in
    ``merchant_country`` on ``on``, under ``source``'s schedule.

    ``amount`` is what the merchant is paid, in the schedule's currency; ``converted``
    says the provider converted the buyer's currency into it. A card or wallet needs
    ``card_type`` and ``issuer_country`` (its origin is found with ``card_origin``).
    Raises ``MissingPaymentCostError`` where the schedule has no row, or no conversion
    fee when one is needed; ``InvalidPaymentError`` for an amount in another currency
    or with a digit below its minor unit.

    Examples:
        >>> from commercekit.money import Money
        >>> from commercekit.payments import example_schedule
        >>> stripe = example_schedule("stripe")
        >>> cost = payment_cost(Money("100.00", "EUR"), "card", stripe,
        ...     merchant_country="NL", on=date(2026, 11, 30),
        ...     card_type="consumer_credit", issuer_country="DE")
        >>> cost.percentage_fee, cost.fixed_fee, cost.total
        (Money('1.50', 'EUR'), Money('0.25', 'EUR'), Money('1.75', 'EUR'))
    """
    paid = _checks.booked(amount, "amount")
    how = _checks.choice(method, PaymentMethod, "method")
    kind, issuer = card_inputs(how, card_type, issuer_country, field="issuer_country")
    country = _checks.country(merchant_country, "merchant_country")
    day = _checks.day(on, "on")
    did_convert = _checks.flag(converted, "converted")
    origin = (
        None if issuer is None or kind is None else card_origin(issuer, country, on=day)
    )
    looked_up = PaymentMethod.CARD if how.is_wallet else how
    row = _checks.instance_of(
        _checks.instance_of(source, PaymentCostSource, "source").fee_row(  # type: ignore[type-abstract]
            looked_up, merchant_country=country, card_type=kind, card_origin=origin, on=day
        ),
        FeeRow,
        "source.fee_row()",
    )
    _same_currency(row, paid)
    conversion = _checks.zero(row.currency)
    if did_convert:
        if row.conversion_percent is None:
            raise MissingPaymentCostError(
                f"the currency-conversion fee of {row.describe()} on {day}",
                "the schedule does not give one; pass a PaymentCostSource whose row does",
            )
        conversion = _share(paid, row.conversion_percent)
    return PaymentCost(
        amount=paid,
        percentage_fee=_share(paid, row.percent),
        fixed_fee=_charged(row.fixed),
        cross_border_fee=_share(paid, row.cross_border_percent),
        conversion_fee=conversion,
        row=row,
        why=tuple(_why(row, how, converted=did_convert)),
    )


def _refund_cost_refunded(value: object) -> Money:
    return _checks.booked(value, "refunded")


def _refund_cost_kept_fee(value: object) -> Money:
    return _checks.booked(value, "kept_fee")


def _refund_cost_refund_fee(value: object) -> Money:
    return _checks.booked(value, "refund_fee")


def _refund_cost_row(value: object) -> FeeRow:
    return _row(value, "row")


@attrs.frozen
class RefundCost:
    """What the provider keeps when ``refunded`` of a payment is returned to the buyer:
    the payment's own fee where the schedule says it is not returned (``kept_fee``),
    plus any fee for the refund itself; ``total`` is their sum."""

    refunded: Money = attrs.field(converter=_refund_cost_refunded)
    kept_fee: Money = attrs.field(converter=_refund_cost_kept_fee)
    refund_fee: Money = attrs.field(converter=_refund_cost_refund_fee)
    row: FeeRow = attrs.field(converter=_refund_cost_row)
    why: tuple[str, ...] = attrs.field(converter=_checks.sentences)

    def __attrs_post_init__(self) -> None:
        _same_currency(self.row, self.refunded, self.kept_fee, self.refund_fee)

    @property
    def total(self) -> Money:
        """What the merchant is out beyond the refunded amount: the sum of the parts."""
        return self.kept_fee + self.refund_fee


def _given(row: FeeRow, figure: str, value: object, day: date | None = None) -> None:
    if value is None:
        raise MissingPaymentCostError(
            f"{figure} of {row.describe()} ({row.since} onwards)",
            "the schedule's source does not give it; pass a PaymentCostSource whose "
            "row states it (0 where your contract has none)",
        )


@context_free
def refund_cost(
    payment: PaymentCost, refunded: Money, *, refunded_before: Money | None = None
) -> RefundCost:
    """What the provider keeps when ``refunded`` is returned, after earlier refunds of
    the same payment returned ``refunded_before`` (0 by default: the first refund).

    Where the schedule keeps the original fee on a refund, the whole fee is kept, for a
    partial refund too (as Stripe's page says of its fees), and it is kept **once**: the
    first refund of the payment reports it as ``kept_fee``, a later one reports 0 and
    says why, so the refunds' costs add up to what the provider keeps. Where the
    schedule returns the fee, commercekit takes it to come back **in proportion to the
    amount refunded** (a row says only whether the fee is returned, not how on a partial
    refund; providers differ, so check your contract): nothing of the refunded part's
    fee is kept, and the why gives the part returned (the fee times the refunds so far
    over the payment, half up, less what earlier refunds returned). The refund fee is
    added on every refund. Raises ``MissingPaymentCostError`` where the row does not say
    whether the fee is kept, or gives no refund fee, and ``InvalidPaymentError`` for
    refunds above the payment.

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
    _same_currency(row, back, before)
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
    fee = _charged(row.refund_fee)
    zero = _checks.zero(row.currency)
    if not row.fee_kept_on_refund:
        returned = _fee_share(paid, before + back) - _fee_share(paid, before)
        kept, said = (
            zero,
            (
                f"The {row.provider} schedule returns the payment's fee ({paid.total}) "
                f"when it is refunded; commercekit takes it to come back in proportion to "
                f"the amount refunded ({returned} for {back} of {paid.amount}): check your "
                "contract, providers differ on partial refunds."
            ),
        )
    elif before.amount:
        kept, said = (
            zero,
            (
                f"The {row.provider} schedule keeps the payment's fee ({paid.total}); "
                f"it was counted once, on the first refund ({before} refunded before), "
                "so 0 here."
            ),
        )
    else:
        kept, said = (
            paid.total,
            (
                f"The {row.provider} schedule keeps the payment's fee ({paid.total}) "
                "when it is refunded, counted once, on this first refund."
            ),
        )
    return RefundCost(
        refunded=back,
        kept_fee=kept,
        refund_fee=fee,
        row=row,
        why=(said, f"The refund itself costs {fee}."),
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
    return _row(value, "row")


@attrs.frozen
class ChargebackCost:
    """What a chargeback (a dispute the buyer raises with the card issuer) costs in fees:
    the schedule's dispute fee. The disputed amount itself goes back to the buyer when
    the dispute is lost; what happens to the payment's own fee is ``refund_cost``'s."""

    disputed: Money = attrs.field(converter=_chargeback_cost_disputed)
    dispute_fee: Money = attrs.field(converter=_chargeback_cost_dispute_fee)
    row: FeeRow = attrs.field(converter=_chargeback_cost_row)
    why: tuple[str, ...] = attrs.field(converter=_checks.sentences)

    def __attrs_post_init__(self) -> None:
        _same_currency(self.row, self.disputed, self.dispute_fee)

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
        >>> from commercekit.payments import example_schedule
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
    fee = _charged(row.dispute_fee)
    said = (f"The {row.provider} schedule charges {fee} per dispute.",)
    return ChargebackCost(disputed=paid.amount, dispute_fee=fee, row=row, why=said)
