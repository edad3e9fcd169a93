"""Payment methods, card kinds and card origins, and one row of a fee schedule.

A [`FeeRow`][commercekit.payments.FeeRow] is what a provider charges a merchant in one
country for one method (and, for cards, one card type from one origin) over a period:
a percentage of the amount plus a fixed fee, a separate cross-border add-on where the
provider publishes one, a currency-conversion fee, a dispute (chargeback) fee and what
happens to the fee when the payment is refunded. A fee the source does not give is
``None``, never zero: a rule that needs it raises
[`MissingPaymentCostError`][commercekit.errors.MissingPaymentCostError].

[`card_origin`][commercekit.payments.card_origin] says where a card comes from, as
providers price it: from the merchant's own country, elsewhere in the EEA, from the
United Kingdom, or from anywhere else.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from commercekit._checks import one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit._words import with_article
from commercekit.errors import InputKind
from commercekit.money import Money
from commercekit.payments import _checks
from commercekit.regions import is_eea_member

__all__ = [
    "Buyer",
    "CardOrigin",
    "CardType",
    "FeeRow",
    "PaymentMethod",
    "card_inputs",
    "card_origin",
]


class PaymentMethod(enum.StrEnum):
    """How the buyer pays."""

    CARD = "card"
    """A debit, credit or commercial card (Visa, Mastercard and the like)."""
    APPLE_PAY = "apple_pay"
    """A wallet: it settles as the card inside it, priced and ruled as that card."""
    GOOGLE_PAY = "google_pay"
    """A wallet: it settles as the card inside it, priced and ruled as that card."""
    IDEAL = "ideal"
    """The Dutch bank payment: a SEPA credit transfer in euro."""
    BANCONTACT = "bancontact"
    """The Belgian debit card scheme, used online with a Belgian consumer debit card."""
    SEPA_DIRECT_DEBIT = "sepa_direct_debit"
    """A SEPA Direct Debit in euro."""
    PAYPAL = "paypal"
    """A PayPal payment (an e-money account)."""
    KLARNA = "klarna"
    """Klarna (pay later, pay in parts)."""

    @property
    def is_wallet(self) -> bool:
        """Apple Pay or Google Pay: a card inside a wallet."""
        return self in (PaymentMethod.APPLE_PAY, PaymentMethod.GOOGLE_PAY)

    @property
    def uses_card(self) -> bool:
        """A card, or a wallet holding one: needs a card type and its issuer's country."""
        return self is PaymentMethod.CARD or self.is_wallet


class CardType(enum.StrEnum):
    """The kind of card, as the Interchange Fee Regulation sorts them (Art. 2)."""

    CONSUMER_DEBIT = "consumer_debit"
    """A consumer's debit (or prepaid) card."""
    CONSUMER_CREDIT = "consumer_credit"
    """A consumer's credit (or deferred debit) card."""
    COMMERCIAL = "commercial"
    """A commercial (business, corporate) card, limited to business expenses."""


class CardOrigin(enum.StrEnum):
    """Where a card was issued, relative to the merchant, as providers price it."""

    DOMESTIC = "domestic"
    EEA = "eea"
    UK = "uk"
    INTERNATIONAL = "international"


class Buyer(enum.StrEnum):
    """Who pays: a consumer, or a business."""

    CONSUMER = "consumer"
    BUSINESS = "business"


@context_free
def card_origin(issuer_country: str, merchant_country: str, *, on: date) -> CardOrigin:
    """Where a card comes from, seen from the merchant: the same country, elsewhere in
    the EEA, the United Kingdom (once it left the EEA, from 2021-01-01), or elsewhere.

    EEA membership on the day comes from ``commercekit.regions``. A UK merchant sees an
    EEA card as ``eea``; a merchant outside the EEA and the UK sees any foreign card as
    ``international``.

    Examples:
        >>> card_origin("BE", "NL", on=date(2026, 11, 30))
        <CardOrigin.EEA: 'eea'>
        >>> card_origin("GB", "NL", on=date(2026, 11, 30))
        <CardOrigin.UK: 'uk'>
        >>> card_origin("GB", "NL", on=date(2020, 12, 31))  # the UK was in the EEA then
        <CardOrigin.EEA: 'eea'>
        >>> card_origin("US", "DE", on=date(2026, 11, 30))
        <CardOrigin.INTERNATIONAL: 'international'>
    """
    issuer = _checks.country(issuer_country, "issuer_country")
    merchant = _checks.country(merchant_country, "merchant_country")
    day = _checks.day(on, "on")
    if issuer == merchant:
        return CardOrigin.DOMESTIC
    issuer_eea, merchant_eea = (
        is_eea_member(issuer, on=day),
        is_eea_member(merchant, on=day),
    )
    if issuer_eea and (merchant_eea or merchant == "GB"):
        return CardOrigin.EEA
    if issuer == "GB" and merchant_eea:
        return CardOrigin.UK
    return CardOrigin.INTERNATIONAL


def card_inputs(
    method: PaymentMethod, card_type: object, issuer: object, *, field: str
) -> tuple[CardType | None, str | None]:
    """A payment's card type and issuer country, checked: both needed for a card or a
    wallet (``field`` names the country argument), no card type for another method."""
    if not method.uses_card:
        if card_type is not None:
            raise _checks.invalid(
                "card_type",
                card_type,
                f"is given for {method}, which is not a card; pass None",
                kind=InputKind.CHOICE,
            )
        return None, None if issuer is None else _checks.country(issuer, field)
    if card_type is None or issuer is None:
        missing = "card_type" if card_type is None else field
        raise _checks.invalid(
            missing,
            None,
            f"is needed for {with_article(str(method))} payment: the card's type and "
            "where it was issued decide its fee and its rules",
            kind=InputKind.CHOICE,
        )
    return _checks.choice(card_type, CardType, "card_type"), _checks.country(issuer, field)


def _text(value: object, field: str) -> str:
    return _checks.text(value, field)


def _note(value: object, field: str) -> str:
    return _checks.text(value, field, empty=True)


def _fee_row_provider(value: object) -> str:
    return _text(value, "provider")


def _fee_row_merchant_country(value: object) -> str:
    return _checks.country(value, "merchant_country")


def _fee_row_method(value: object) -> PaymentMethod:
    return _checks.choice(value, PaymentMethod, "method")


def _fee_row_card_type(value: object) -> CardType | None:
    return None if value is None else _checks.choice(value, CardType, "card_type")


def _fee_row_card_origin(value: object) -> CardOrigin | None:
    return None if value is None else _checks.choice(value, CardOrigin, "card_origin")


def _fee_row_percent(value: object) -> Decimal:
    return _checks.percent(value, "percent")


def _fee_row_fixed(value: object) -> Money:
    return _checks.amount(value, "fixed")


def _fee_row_cross_border_percent(value: object) -> Decimal:
    return _checks.percent(value, "cross_border_percent")


def _fee_row_conversion_percent(value: object) -> Decimal | None:
    return None if value is None else _checks.percent(value, "conversion_percent")


def _fee_row_dispute_fee(value: object) -> Money | None:
    return None if value is None else _checks.amount(value, "dispute_fee")


def _fee_row_fee_kept_on_refund(value: object) -> bool | None:
    return None if value is None else _checks.flag(value, "fee_kept_on_refund")


def _fee_row_refund_fee(value: object) -> Money | None:
    return None if value is None else _checks.amount(value, "refund_fee")


def _fee_row_since(value: object) -> date:
    return _checks.day(value, "since")


def _fee_row_until(value: object) -> date | None:
    return None if value is None else _checks.day(value, "until")


def _fee_row_read_on(value: object) -> date:
    return _checks.day(value, "read_on")


def _fee_row_note(value: object) -> str:
    return _note(value, "note")


@named_at_the_door
@attrs.frozen
class FeeRow:
    """What a provider charges a merchant for one payment method over a period.

    ``percent`` of the amount plus ``fixed`` per transaction; ``cross_border_percent`` a
    separate add-on for a foreign card (0 where the provider's rate for that origin
    includes it); ``conversion_percent`` added when the provider converts currency;
    ``dispute_fee`` charged on a chargeback; ``fee_kept_on_refund`` whether the
    original fee stays with the provider when the payment is refunded; ``refund_fee``
    charged per refund. ``None`` means the source gives no figure. Every fee is in
    ``fixed``'s currency. ``read_on`` is the day the source was read; ``sources`` its
    addresses, the primary first.

    Examples:
        >>> from commercekit.money import Money
        >>> FeeRow("acme", "NL", "card", "consumer_credit", "eea", Decimal("1.4"),
        ...     Money("0.25", "EUR"), Decimal(0), None, Money("15", "USD"), True, None,
        ...     date(2026, 1, 1), None, date(2026, 1, 1), ("https://example.com/fees",))
        Traceback (most recent call last):
        ...
        commercekit.errors.CurrencyMismatchError: cannot combine EUR and USD: ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    provider: str = attrs.field(converter=_fee_row_provider)
    merchant_country: str = attrs.field(converter=_fee_row_merchant_country)
    method: PaymentMethod = attrs.field(converter=_fee_row_method)
    card_type: CardType | None = attrs.field(converter=_fee_row_card_type)
    card_origin: CardOrigin | None = attrs.field(converter=_fee_row_card_origin)
    percent: Decimal = attrs.field(converter=_fee_row_percent)
    fixed: Money = attrs.field(converter=_fee_row_fixed)
    cross_border_percent: Decimal = attrs.field(converter=_fee_row_cross_border_percent)
    conversion_percent: Decimal | None = attrs.field(converter=_fee_row_conversion_percent)
    dispute_fee: Money | None = attrs.field(converter=_fee_row_dispute_fee)
    fee_kept_on_refund: bool | None = attrs.field(converter=_fee_row_fee_kept_on_refund)
    refund_fee: Money | None = attrs.field(converter=_fee_row_refund_fee)
    since: date = attrs.field(converter=_fee_row_since)
    until: date | None = attrs.field(converter=_fee_row_until)
    read_on: date = attrs.field(converter=_fee_row_read_on)
    sources: tuple[str, ...] = attrs.field(converter=_checks.sources)
    note: str = attrs.field(default="", converter=_fee_row_note)

    def __attrs_post_init__(self) -> None:
        one_currency(self.fixed, *(m for m in (self.dispute_fee, self.refund_fee) if m))
        if self.until is not None and self.until < self.since:
            raise _checks.invalid(
                "until",
                self.until,
                f"is before since ({self.since})",
                kind=InputKind.DATE,
            )
        card = self.method is PaymentMethod.CARD
        if card != (self.card_type is not None) or card != (self.card_origin is not None):
            # named: the one of the pair that is given where it must not be, or missing
            wrong = "card_type" if card != (self.card_type is not None) else "card_origin"
            raise _checks.invalid(
                wrong,
                getattr(self, wrong),
                "must be given, with card_origin, for a card row, and only for one",
                kind=InputKind.CHOICE,
            )
        if self.method.is_wallet:
            raise _checks.invalid(
                "method",
                self.method,
                "is a wallet, which is priced as the card inside it: give card rows",
                kind=InputKind.CHOICE,
            )

    @property
    def currency(self) -> str:
        """The currency of every fee in the row."""
        return self.fixed.currency.code

    @property
    def source(self) -> str:
        """The primary source."""
        return self.sources[0]

    def covers(self, on: date) -> bool:
        """Whether the row is in force on ``on``."""
        day = _checks.day(on, "on")
        return self.since <= day and (self.until is None or day <= self.until)

    def describe(self) -> str:
        """``stripe NL card (consumer_credit, eea)``: the row in a few words."""
        card = f" ({self.card_type}, {self.card_origin})" if self.card_type else ""
        return f"{self.provider} {self.merchant_country} {self.method}{card}"
