"""Interchange fee caps where they are law: the EU's Interchange Fee Regulation and the
UK's retained copy of it.

The interchange fee is what the merchant's bank (the acquirer) pays the cardholder's
bank (the issuer) on each card payment; the merchant pays it inside its provider's
price. Regulation (EU) 2015/751 caps it at 0.2 % of the value for consumer debit and
prepaid cards (Art. 3) and 0.3 % for consumer credit cards (Art. 4), where issuer and
acquirer are both in the Union (Art. 1(1)); Arts. 3 and 4 apply from 9 December 2015
(Art. 18(2)). Commercial cards and cards of three-party schemes (American Express,
Diners as their own issuers) are outside it (Art. 1(3)). The United Kingdom left the
Union on 31 January 2020, but Union law applied to and in it until the end of the
transition period, 31 December 2020 (Withdrawal Agreement Arts. 126 and 127). Since
2021-01-01 the UK keeps the same caps for UK-domestic payments; a payment between the
UK and the EEA is capped by neither (the PSR).

[`interchange_cap`][commercekit.payments.interchange_cap] answers with a
[`CapStatus`][commercekit.payments.CapStatus]: ``capped`` (with the rate and the
money), ``no_cap_in_law``, or ``not_bundled`` where commercekit carries no rule for
the route (cards issued outside the EEA, routes with Iceland, Liechtenstein or Norway,
dates before the caps). The money cap is rounded down to the minor unit: never more
than the law allows.
"""

from __future__ import annotations

import enum
import functools
from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit import _bundled
from commercekit._checks import money_of
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit._words import with_article
from commercekit.errors import DataFileError
from commercekit.money import Money, RoundingMode
from commercekit.payments import _checks
from commercekit.payments._model import CardType
from commercekit.regions import is_eea_member, is_eu_member

__all__ = ["CapStatus", "InterchangeCap", "interchange_cap"]

IFR = "https://eur-lex.europa.eu/eli/reg/2015/751/oj"
UK_IFR = "https://www.legislation.gov.uk/eur/2015/751/contents"
PSR_BREXIT = "https://psr.org.uk/our-work/card-payments/the-ifr-and-brexit"
WITHDRAWAL_AGREEMENT = (
    "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12020W/TXT"
)
REGIMES = ("EU", "GB", "GB-EEA")
"""The interchange regimes: both in the EU, both in the UK, one in each of UK and EEA."""

_LEFT_THE_EU = date(2020, 2, 1)
_UK_ON_ITS_OWN = date(2021, 1, 1)
"""The day after the transition period (Withdrawal Agreement Art. 126)."""
_CONSUMER = (CardType.CONSUMER_DEBIT, CardType.CONSUMER_CREDIT)


class CapStatus(enum.StrEnum):
    """What the law says of an interchange fee."""

    CAPPED = "capped"
    NO_CAP_IN_LAW = "no_cap_in_law"
    NOT_BUNDLED = "not_bundled"


@attrs.frozen
class _CapRow(_bundled.Sourced):
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    regime: str
    card_type: CardType
    rate: Decimal | None
    since: date
    until: date | None
    legal_basis: str
    sources: tuple[str, ...]
    note: str


def _row(line: _bundled.Line) -> _CapRow:
    regime = line.text("regime")
    if regime not in REGIMES:
        raise line.error("regime", regime, f"is not one of {', '.join(REGIMES)}")
    kind = line.choice("card_type", CardType)
    if kind not in _CONSUMER:
        # Commercial cards are outside every regime (Art. 1(3)): the code says so.
        raise line.error("card_type", kind.value, "is not a consumer card type")
    return _CapRow(
        regime=regime,
        card_type=kind,
        rate=line.optional_decimal("cap_percent"),
        since=line.day("since"),
        until=line.optional_day("until"),
        legal_basis=line.text("legal_basis"),
        sources=line.sources(),
        note=line.raw("note"),
    )


@functools.cache
def _read() -> tuple[_CapRow, ...]:
    columns = (
        "regime", "card_type", "cap_percent", "since", "until", "legal_basis",
        "source", "note",
    )  # fmt: skip
    lines = _bundled.read("commercekit.payments", "interchange_caps.csv", columns=columns)
    read = [(line, _row(line)) for line in lines]
    _bundled.check_periods(
        (line, (r.regime, r.card_type), r.since, r.until) for line, r in read
    )
    rows = tuple(row for _, row in read)
    for regime in REGIMES:
        for kind in _CONSUMER:
            if not any(r.regime == regime and r.card_type is kind for r in rows):
                raise DataFileError(
                    "interchange_caps.csv", None, None, f"no {regime} row for {kind}"
                )
    return rows


def _interchange_cap_status(value: object) -> CapStatus:
    return _checks.choice(value, CapStatus, "status")


def _interchange_cap_card_type(value: object) -> CardType:
    return _checks.choice(value, CardType, "card_type")


def _interchange_cap_amount(value: object) -> Money:
    return _checks.booked(value, "amount")


def _interchange_cap_rate(value: object) -> Decimal | None:
    return None if value is None else _checks.percent(value, "rate")


def _interchange_cap_cap(value: object) -> Money | None:
    return None if value is None else _checks.booked(value, "cap")


def _interchange_cap_regime(value: object) -> str | None:
    return None if value is None else _checks.one_of(value, REGIMES, "regime")


@named_at_the_door
@attrs.frozen
class InterchangeCap:
    """The interchange cap the law sets for one card payment.

    ``status`` says whether there is one; ``rate`` is the cap in percent and ``cap`` the
    most the interchange fee may be for ``amount`` (rounded down to the minor unit), both
    ``None`` unless ``capped``. ``regime`` names the law (``"EU"``, ``"GB"``,
    ``"GB-EEA"``, ``None`` where no regime applies); ``why`` and ``sources`` explain.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    status: CapStatus = attrs.field(converter=_interchange_cap_status)
    card_type: CardType = attrs.field(converter=_interchange_cap_card_type)
    amount: Money = attrs.field(converter=_interchange_cap_amount)
    rate: Decimal | None = attrs.field(converter=_interchange_cap_rate)
    cap: Money | None = attrs.field(converter=_interchange_cap_cap)
    regime: str | None = attrs.field(converter=_interchange_cap_regime)
    why: tuple[str, ...] = attrs.field(converter=_checks.sentences)
    sources: tuple[str, ...] = attrs.field(converter=_checks.sources)

    def __attrs_post_init__(self) -> None:
        capped = self.status is CapStatus.CAPPED
        if capped != (self.rate is not None) or capped != (self.cap is not None):
            raise _checks.invalid(
                "rate", self.rate, "and cap are given exactly when the status is 'capped'"
            )
        if self.cap is not None and self.cap.currency != self.amount.currency:
            raise _checks.invalid(
                "cap",
                self.cap,
                f"is not in the amount's currency ({self.amount.currency.code})",
            )


def _regime(issuer: str, acquirer: str, on: date) -> str | None:
    """Which law governs a payment between an issuer and an acquirer on ``on``: the
    EU's while both are in the Union (the UK until 2020-12-31, the end of the
    transition period), the UK's for a UK-domestic payment from 2021-01-01, ``GB-EEA``
    between the UK and the EEA from then, or ``None`` for a route not bundled."""
    if is_eu_member(issuer, on=on) and is_eu_member(acquirer, on=on):
        return "EU"
    pair = {issuer, acquirer}
    if "GB" not in pair or on < _UK_ON_ITS_OWN:
        return None
    if pair == {"GB"}:
        return "GB"
    other = (pair - {"GB"}).pop()
    return "GB-EEA" if is_eea_member(other, on=on) else None


def _transition(issuer: str, acquirer: str, on: date) -> tuple[str, ...]:
    """The sentence saying why EU law still covered the UK in 2020, where it did."""
    if "GB" in (issuer, acquirer) and _LEFT_THE_EU <= on < _UK_ON_ITS_OWN:
        said = (
            "The United Kingdom left the EU on 2020-01-31, but Union law applied to and "
            "in it until the end of the transition period, 2020-12-31 (Withdrawal "
            "Agreement Arts. 126 and 127)."
        )
        return (said,)
    return ()


def _note(row: _CapRow) -> tuple[str, ...]:
    return (row.note,) if row.note else ()


def _not_bundled(kind: CardType, paid: Money, why: str) -> InterchangeCap:
    return InterchangeCap(
        CapStatus.NOT_BUNDLED, kind, paid, None, None, None, (why,), (IFR, PSR_BREXIT)
    )


def _no_route(
    kind: CardType, paid: Money, issuer: str, acquirer: str, on: date
) -> InterchangeCap:
    route = f"a card issued in {issuer} and acquired in {acquirer}"
    if is_eea_member(issuer, on=on) and is_eea_member(acquirer, on=on):
        why = (
            f"No interchange rule for {route} on {on} is bundled: whether and from when "
            "Regulation (EU) 2015/751 applies in Iceland, Liechtenstein and Norway "
            "through the EEA Agreement was not established."
        )
    else:
        why = (
            f"No interchange rule for {route} on {on} is bundled: the EU cap covers "
            "issuer and acquirer both in the Union (Regulation (EU) 2015/751 Art. 1(1)), "
            "the UK cap both in the UK; Visa's and Mastercard's commitments to the "
            "European Commission for cards from elsewhere are not law and not bundled."
        )
    return _not_bundled(kind, paid, why)


_EXCLUDED = {
    "EU": ("Regulation (EU) 2015/751 does not apply to {what} (Art. 1(3))", (IFR,)),
    "GB": (
        "The UK's retained Regulation 2015/751 does not apply to {what} (Art. 1(3))",
        (UK_IFR, PSR_BREXIT),
    ),
    "GB-EEA": (
        (
            "Neither Regulation (EU) 2015/751 nor the UK's retained copy covers a payment "
            "between the UK and the EEA, and both leave out {what} (Art. 1(3))"
        ),
        (PSR_BREXIT, IFR, UK_IFR),
    ),
}
"""Per regime: why a commercial or three-party card has no cap in law, and sources."""


def _excluded(
    kind: CardType, paid: Money, regime: str, what: str, lead: tuple[str, ...]
) -> InterchangeCap:
    said, sources = _EXCLUDED[regime]
    why = (*lead, f"{said.format(what=what)}; no other law caps it.")
    if lead:
        sources = (*sources, WITHDRAWAL_AGREEMENT)
    return InterchangeCap(
        CapStatus.NO_CAP_IN_LAW, kind, paid, None, None, regime, why, sources
    )


def _from_row(
    row: _CapRow, paid: Money, route: tuple[str, str], lead: tuple[str, ...]
) -> InterchangeCap:
    kind, (issuer, acquirer) = row.card_type, route
    sources = (*row.sources, WITHDRAWAL_AGREEMENT) if lead else row.sources
    if row.rate is None:
        why = (
            *lead,
            (
                f"{row.legal_basis}: no cap in law for {with_article(str(kind))} card "
                f"issued in {issuer} "
                f"and acquired in {acquirer}."
            ),
            *_note(row),
        )
        return InterchangeCap(
            CapStatus.NO_CAP_IN_LAW, kind, paid, None, None, row.regime, why, sources
        )
    cap = money_of(
        Fraction(paid.amount) * Fraction(row.rate) / 100,
        paid.currency.code,
        RoundingMode.DOWN,
    )
    why = (
        *lead,
        (
            f"{row.legal_basis}: the interchange fee on {with_article(str(kind))} card "
            "payment may not "
            f"exceed {row.rate}% of its value ({row.since} onwards), so at most {cap} on "
            f"{paid}."
        ),
        *_note(row),
    )
    return InterchangeCap(
        CapStatus.CAPPED, kind, paid, row.rate, cap, row.regime, why, sources
    )


@context_free
def interchange_cap(
    amount: Money,
    card_type: CardType | str,
    *,
    issuer_country: str,
    acquirer_country: str,
    on: date,
    three_party_scheme: bool = False,
) -> InterchangeCap:
    """The interchange fee cap in law for a card payment of ``amount``.

    ``issuer_country`` is where the card was issued, ``acquirer_country`` where the
    merchant's acquirer is (usually the merchant's country). A card of a three-party
    scheme issuing its own cards (``three_party_scheme=True``) is outside the IFR
    (Art. 1(3)(c)); one issued by a licensee or co-brand partner counts as four-party
    (Art. 1(5)): pass ``False`` for it. ``amount`` is in whole minor units; the cap is
    rounded down to them.

    Examples:
        >>> from commercekit.money import Money
        >>> cap = interchange_cap(Money("100.00", "EUR"), "consumer_credit",
        ...     issuer_country="NL", acquirer_country="NL", on=date(2015, 12, 9))
        >>> cap.status, cap.rate, cap.cap
        (<CapStatus.CAPPED: 'capped'>, Decimal('0.3'), Money('0.30', 'EUR'))
        >>> interchange_cap(Money("100.00", "EUR"), "consumer_credit",
        ...     issuer_country="NL", acquirer_country="NL", on=date(2015, 12, 8)).status
        <CapStatus.NOT_BUNDLED: 'not_bundled'>
        >>> interchange_cap(Money("100.00", "GBP"), "consumer_debit",
        ...     issuer_country="DE", acquirer_country="GB", on=date(2026, 11, 30)).status
        <CapStatus.NO_CAP_IN_LAW: 'no_cap_in_law'>
        >>> interchange_cap(Money("100.00", "EUR"), "consumer_credit",
        ...     issuer_country="GB", acquirer_country="DE", on=date(2020, 6, 1)).cap
        Money('0.30', 'EUR')
    """
    paid = _checks.booked(amount, "amount")
    kind = _checks.choice(card_type, CardType, "card_type")
    issuer = _checks.country(issuer_country, "issuer_country")
    acquirer = _checks.country(acquirer_country, "acquirer_country")
    day = _checks.day(on, "on")
    three_party = _checks.flag(three_party_scheme, "three_party_scheme")
    regime = _regime(issuer, acquirer, day)
    if regime is None:
        return _no_route(kind, paid, issuer, acquirer, day)
    lead = _transition(issuer, acquirer, day)
    if kind is CardType.COMMERCIAL:
        return _excluded(kind, paid, regime, "commercial cards", lead)
    if three_party:
        return _excluded(kind, paid, regime, "cards of three-party schemes", lead)
    rows = [r for r in _read() if r.regime == regime and r.card_type is kind]
    row = next(
        (r for r in rows if r.since <= day and (r.until is None or day <= r.until)), None
    )
    if row is None:  # every regime has rows for both consumer cards (checked on load)
        first = min(r.since for r in rows)
        return _not_bundled(kind, paid, (
            f"The {regime} cap for {kind} cards applies from {first}; "
            f"no rule for {day} is bundled."
        ))  # fmt: skip
    return _from_row(row, paid, (issuer, acquirer), lead)
