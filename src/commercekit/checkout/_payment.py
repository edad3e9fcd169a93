"""How the buyer pays, and what the quote says that costs: the payment's value objects.

A [`Payment`][commercekit.checkout.Payment] is the buyer's chosen way to pay (a card
with its type and issuer country, a wallet, iDEAL, SEPA Direct Debit ...) and whether
the shop asks to pass its cost on as a surcharge. A quote made with one carries a
[`QuotePayment`][commercekit.checkout.QuotePayment]: what taking that payment costs the
merchant (a [`PaymentCost`][commercekit.payments.PaymentCost] of the grand total, **not
charged to the buyer**) and, where a lawful surcharge was asked for, the
[`PaymentSurcharge`][commercekit.checkout.PaymentSurcharge] the buyer pays, with its
net, tax and gross.

The surcharge is the merchant's cost of accepting the rest of the order (the total
before the surcharge), VAT included. The payment actually taken is that total plus the
surcharge, and costs a little more, so the surcharge never exceeds the merchant's cost
of the payment: the cap in law (Directive 2011/83/EU Art. 19; UK SI 2012/3110 reg. 4
and 6A(2); BGB § 312a(4)).
"""

from __future__ import annotations

import attrs

from commercekit import _checks, payments
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit._words import with_article
from commercekit.checkout._checks import adds_up, amount, error, instance
from commercekit.checkout._checks import lines_of_text as _lines_of_text
from commercekit.errors import CurrencyMismatchError, InputKind, InvalidPaymentError
from commercekit.money import Money
from commercekit.payments import CardType, PaymentCost, PaymentMethod
from commercekit.regions import check_country

__all__ = ["Payment", "PaymentSurcharge", "QuotePayment"]


_PAYMENT = _checks.Checks(InvalidPaymentError)
"""The payment's facts are refused with ``InvalidPaymentError`` (the payments family)."""


def _method(value: object) -> PaymentMethod:
    return _PAYMENT.member(value, PaymentMethod, "method")


def _card_type(value: object) -> CardType | None:
    return None if value is None else _PAYMENT.member(value, CardType, "card_type")


def _issuer_country(value: object) -> str | None:
    return None if value is None else check_country(value)


def _converted(value: object) -> bool:
    return _PAYMENT.flag(value, "converted")


def _surcharge_asked(value: object) -> bool:
    return _PAYMENT.flag(value, "surcharge")


def _free_means_offered(value: object) -> bool | None:
    return None if value is None else _PAYMENT.flag(value, "free_means_offered")


@named_at_the_door
@attrs.frozen
class Payment:
    """How the buyer pays at checkout.

    ``method`` is a [`PaymentMethod`][commercekit.payments.PaymentMethod]; a card or a
    wallet (Apple Pay, Google Pay: priced and ruled as the card inside) needs its
    ``card_type`` and ``issuer_country`` (ISO 3166-1 alpha-2: where the card was
    issued, which decides its fee and its surcharging rules); another method takes
    neither. ``converted`` says the provider converts the buyer's currency (its
    conversion fee then applies): a quote refuses it, since the quote is paid in its
    own currency, which its fee schedule must use too. ``surcharge`` says the shop asks
    to pass the cost of this payment on to the buyer: the quote charges it only where
    the law allows it, and raises
    [`SurchargeRefusedError`][commercekit.errors.SurchargeRefusedError] where it does
    not.

    Examples:
        >>> Payment("card", "consumer_credit", "DE").card_type
        <CardType.CONSUMER_CREDIT: 'consumer_credit'>
        >>> Payment("card", "consumer_credit")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidPaymentChoiceError: issuer_country=None is missing; ...
        >>> Payment("ideal", issuer_country="NL")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidPaymentChoiceError: issuer_country='NL' is given for ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    method: PaymentMethod = attrs.field(converter=_method)
    card_type: CardType | None = attrs.field(default=None, converter=_card_type)
    issuer_country: str | None = attrs.field(default=None, converter=_issuer_country)
    converted: bool = attrs.field(default=False, converter=_converted)
    surcharge: bool = attrs.field(default=False, converter=_surcharge_asked)
    free_means_offered: bool | None = attrs.field(
        default=None, converter=_free_means_offered
    )

    def __attrs_post_init__(self) -> None:
        given = {"card_type": self.card_type, "issuer_country": self.issuer_country}
        for field, value in given.items():
            if self.method.uses_card and value is None:
                raise InvalidPaymentError.refused(
                    field,
                    None,
                    f"is missing; {with_article(str(self.method))} payment needs "
                    f"its {field}: the card's type and where it was issued decide "
                    "its fee and its surcharging rules",
                    kind=InputKind.CHOICE,
                )
            if not self.method.uses_card and value is not None:
                raise InvalidPaymentError.refused(
                    field,
                    value,
                    f"is given for {self.method}, which is not a card; pass None",
                    kind=InputKind.CHOICE,
                )

    def describe(self) -> str:
        """``card (consumer_credit, DE)``: the payment in a few words."""
        if self.card_type is None:
            return str(self.method)
        return f"{self.method} ({self.card_type}, {self.issuer_country})"


def _cost(value: object) -> PaymentCost:
    return instance(value, PaymentCost, "cost")


def _decision(value: object) -> payments.SurchargeDecision:
    # The surcharge rules load when a surcharge is asked for (by the payments
    # package, on first use of the name), not with every quote's payment.
    return instance(value, payments.SurchargeDecision, "decision")


def _net(value: object) -> Money:
    return amount(value, "net")


def _tax(value: object) -> Money:
    return amount(value, "tax")


def _gross(value: object) -> Money:
    return amount(value, "gross")


def _same_currency(currency: str, *amounts: Money) -> None:
    for money in amounts:
        if money.currency.code != currency:
            raise CurrencyMismatchError(currency, money.currency.code, "combine")


@named_at_the_door
@attrs.frozen
class PaymentSurcharge:
    """What the buyer pays for the payment method: ``gross`` (VAT included, whatever
    the cart's price convention) equals ``cost.total``, the merchant's cost of
    accepting the order's total before the surcharge (``cost.amount``).

    It is part of the price of the goods for VAT (CJEU C-276/09 Everything
    Everywhere; Directive 2006/112/EC Art. 78(b)), so its tax is the goods' rates',
    split over them as the shipping is. ``decision`` is the lawful
    [`SurchargeDecision`][commercekit.payments.SurchargeDecision] it was checked
    against (its cap is the merchant's cost of the whole payment). ``net + tax ==
    gross``.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    net: Money = attrs.field(converter=_net)
    tax: Money = attrs.field(converter=_tax)
    gross: Money = attrs.field(converter=_gross)
    cost: PaymentCost = attrs.field(converter=_cost)
    decision: payments.SurchargeDecision = attrs.field(converter=_decision)

    def __attrs_post_init__(self) -> None:
        currency = self.gross.currency.code
        _same_currency(currency, self.net, self.tax, self.cost.amount)
        adds_up(self.net, self.tax, self.gross, "payment surcharge")
        if self.gross != self.cost.total:
            raise error(
                "gross",
                self.gross,
                f"is not the merchant's cost of the order before it ({self.cost.total}); "
                "a surcharge passes that cost on, no more and no less",
            )
        cap = self.decision.cap
        if not self.decision.allowed or cap is None or self.gross > cap:
            raise error(
                "decision",
                self.decision.ruling,
                f"does not allow a surcharge of {self.gross}; pass the decision "
                "check_surcharge returned for it",
            )


def _payment(value: object) -> Payment:
    return instance(value, Payment, "payment")


def _surcharge(value: object) -> PaymentSurcharge | None:
    return None if value is None else instance(value, PaymentSurcharge, "surcharge")


def _why(value: object) -> tuple[str, ...]:
    found = _lines_of_text(value, "why")
    if not found:
        raise error("why", value, "is empty; say why", kind=InputKind.LIST)
    return found


@named_at_the_door
@attrs.frozen
class QuotePayment:
    """The buyer's payment as the quote prices it.

    ``cost`` is what taking the payment of the quote's grand total costs the merchant
    (the provider's fees, part by part, with the schedule row they come from): the
    merchant's cost, **not** charged to the buyer. ``surcharge`` is what the buyer pays
    for the method where the shop asked (``payment.surcharge``) and the law allows it;
    it is in the grand total and is never more than ``cost.total``. ``why`` says how
    both were found.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    payment: Payment = attrs.field(converter=_payment)
    cost: PaymentCost = attrs.field(converter=_cost)
    surcharge: PaymentSurcharge | None = attrs.field(converter=_surcharge)
    why: tuple[str, ...] = attrs.field(converter=_why)

    def __attrs_post_init__(self) -> None:
        taken = bool(self.cost.amount.amount)
        if (self.payment.surcharge and taken) != (self.surcharge is not None):
            raise error(
                "surcharge",
                None if self.surcharge is None else self.surcharge.gross,
                f"is given exactly when the payment asks for one (Payment.surcharge is "
                f"{self.payment.surcharge}) and a payment is taken (the cost is worked "
                f"out on {self.cost.amount})",
            )
        if self.surcharge is not None:
            _same_currency(self.cost.amount.currency.code, self.surcharge.gross)
            if self.surcharge.gross > self.cost.total:
                raise error(
                    "surcharge",
                    self.surcharge.gross,
                    f"is more than the merchant's cost of the payment ({self.cost.total})",
                )

    @property
    def charged(self) -> Money:
        """What the buyer pays for the payment: the surcharge's gross, or zero."""
        if self.surcharge is None:
            return self.cost.amount * 0
        return self.surcharge.gross
