"""The classes a payment falls into for the surcharging rules.

A surcharging rule names a class of payment instrument, not a method: a consumer card
whose interchange fee Chapter II of Regulation (EU) 2015/751 caps (PSD2 Art. 62(4) bans
a surcharge on it), one known to be outside that chapter, any consumer card, a
commercial card, a SEPA payment, PayPal, Klarna. A wallet is the card inside it;
Bancontact is a Belgian consumer debit card; iDEAL is a SEPA credit transfer.

Whether a card is inside Chapter II comes from
[`interchange_cap`][commercekit.payments.interchange_cap]: capped under the EU regime is
inside; no cap in law, or a cap under the UK's own copy, is outside; a route that leaves
the EEA is outside, as the regulation covers issuers and acquirers both in the Union
(Art. 1(1)). A route within the EEA that ``interchange_cap`` does not bundle (Iceland,
Liechtenstein, Norway; a day before the caps) is unknown, and the card is then only a
``consumer_card``.
"""

from __future__ import annotations

from datetime import date

from commercekit.money import Money
from commercekit.payments._interchange import CapStatus, interchange_cap
from commercekit.payments._model import CardType, PaymentMethod
from commercekit.regions import is_eea_member

__all__ = ["INSTRUMENTS", "Card", "classify"]

INSTRUMENTS = (
    "ifr_consumer_card",
    "non_ifr_consumer_card",
    "consumer_card",
    "commercial_card",
    "sepa",
    "paypal",
    "klarna",
)
"""The classes a payment is sorted into for the surcharging rules (see the data file)."""


def _ifr_status(
    kind: CardType, issuer: str, acquirer: str, day: date, paid: Money
) -> bool | None:
    """Whether Chapter II of Regulation (EU) 2015/751 regulates the interchange fee of
    this consumer card payment; ``None`` where commercekit does not know (a route with
    Iceland, Liechtenstein or Norway, a day before the caps)."""
    cap = interchange_cap(
        paid, kind, issuer_country=issuer, acquirer_country=acquirer, on=day
    )
    if cap.status is CapStatus.CAPPED:
        return cap.regime == "EU"
    if cap.status is CapStatus.NO_CAP_IN_LAW:
        return False
    # Not bundled: the IFR covers only issuers and acquirers both in the Union (Art.
    # 1(1)), so a route leaving the EEA is outside it; within the EEA it is unknown.
    inside_eea = is_eea_member(issuer, on=day) and is_eea_member(acquirer, on=day)
    return None if inside_eea else False


Card = tuple[CardType, str]
"""A card's type and the country it was issued in."""


def _card_instruments(
    card: Card, acquirer: str, day: date, paid: Money
) -> tuple[set[str], Card | None]:
    """The card's instrument classes, and the card if its IFR status is unknown."""
    kind, issuer = card
    if kind is CardType.COMMERCIAL:
        return {"commercial_card"}, None
    status = _ifr_status(kind, issuer, acquirer, day, paid)
    if status is None:
        return {"consumer_card"}, card
    return {
        "consumer_card",
        "ifr_consumer_card" if status else "non_ifr_consumer_card",
    }, None


def classify(
    method: PaymentMethod,
    card: tuple[CardType | None, str | None],
    *,
    merchant: str,
    day: date,
    paid: Money,
) -> tuple[set[str], Card | None]:
    """The classes a payment by ``method`` (with ``card``'s type and issuer country for
    a card or wallet) at a merchant in ``merchant`` falls into, and the card (type and
    issuer country) where its Chapter II status is unknown."""
    kind, issuer = card
    if kind is not None and issuer is not None:  # a card, or a wallet holding one
        return _card_instruments((kind, issuer), merchant, day, paid)
    if method is PaymentMethod.BANCONTACT:  # a Belgian consumer debit card scheme
        return _card_instruments((CardType.CONSUMER_DEBIT, "BE"), merchant, day, paid)
    if method in (PaymentMethod.IDEAL, PaymentMethod.SEPA_DIRECT_DEBIT):
        return {"sepa"}, None
    return {str(method)}, None
