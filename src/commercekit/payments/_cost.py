"""What a payment costs the merchant.

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

Invariant: ``total == percentage_fee + fixed_fee + cross_border_fee + conversion_fee``.
What a refund leaves with the provider and what a chargeback costs are in
``_after_sale``.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import attrs

from commercekit._checks import money_of
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
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

__all__ = ["PaymentCost", "charged", "payment_cost", "row_field", "same_currency"]


def row_field(value: object, field: str) -> FeeRow:
    return _checks.instance_of(value, FeeRow, field)


def same_currency(row: FeeRow, **amounts: Money) -> None:
    """Refuse an amount, named by its argument, not in the schedule's currency."""
    for field, found in amounts.items():
        if found.currency.code != row.currency:
            raise _checks.invalid(
                field,
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
    return row_field(value, "row")


@named_at_the_door
@attrs.frozen
class PaymentCost:
    """What one payment costs the merchant, part by part (every part in the amount's
    currency, rounded half up to the minor unit); ``total`` is their sum.

    ``row`` is the schedule row that applied (its ``source`` is where the figures come
    from) and ``why`` says, in plain sentences, how each part was found.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    amount: Money = attrs.field(converter=_payment_cost_amount)
    percentage_fee: Money = attrs.field(converter=_payment_cost_percentage_fee)
    fixed_fee: Money = attrs.field(converter=_payment_cost_fixed_fee)
    cross_border_fee: Money = attrs.field(converter=_payment_cost_cross_border_fee)
    conversion_fee: Money = attrs.field(converter=_payment_cost_conversion_fee)
    row: FeeRow = attrs.field(converter=_payment_cost_row)
    why: tuple[str, ...] = attrs.field(converter=_checks.sentences)

    def __attrs_post_init__(self) -> None:
        same_currency(
            self.row,
            amount=self.amount,
            percentage_fee=self.percentage_fee,
            fixed_fee=self.fixed_fee,
            cross_border_fee=self.cross_border_fee,
            conversion_fee=self.conversion_fee,
        )

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


def charged(fee: Money) -> Money:
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
    same_currency(row, amount=paid)
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
        fixed_fee=charged(row.fixed),
        cross_border_fee=_share(paid, row.cross_border_percent),
        conversion_fee=conversion,
        row=row,
        why=tuple(_why(row, how, converted=did_convert)),
    )
