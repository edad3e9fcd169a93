"""Surcharging: whether a merchant may charge extra for a payment method, and how much.

In the EU, PSD2 (Directive (EU) 2015/2366, Art. 62(4), from 13 January 2018) bans a
surcharge on payment instruments whose interchange fee the IFR caps (consumer cards
issued and acquired in the EU) and on SEPA credit transfers and direct debits in euro,
whoever pays. Member states may ban more (Art. 62(5)). In the UK, the Consumer Rights
(Payment Surcharges) Regulations 2012 as amended in 2017 (reg. 6A, from 13 January
2018) ban a surcharge on any consumer card and on a consumer's other payment
instruments. Where a surcharge is allowed it may not exceed the cost the merchant bears
for that method (Consumer Rights Directive 2011/83/EU Art. 19; UK reg. 4 and 6A(2)).

[`surcharge_decision`][commercekit.payments.surcharge_decision] answers ``allowed``
(with the cap: the merchant's cost, passed in), ``refused`` or ``not_bundled`` (no
bundled rule for the place, method or date: commercekit neither allows nor bans), with
why and the sources. A ruling is never more permissive than what commercekit knows:
where a card's interchange status is not bundled (a card from Iceland, Liechtenstein or
Norway) and the ruling would depend on it, the answer is ``not_bundled``.
[`check_surcharge`][commercekit.payments.check_surcharge] is the raising form a checkout
calls before charging one.
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit._words import with_article
from commercekit.errors import MissingDataError, SurchargeRefusedError
from commercekit.money import Money
from commercekit.payments import _checks
from commercekit.payments._instruments import INSTRUMENTS, classify
from commercekit.payments._interchange import IFR
from commercekit.payments._model import Buyer, CardType, PaymentMethod, card_inputs
from commercekit.payments._surcharge_rules import Rule, rules
from commercekit.regions import is_eu_member

__all__ = ["Ruling", "SurchargeDecision", "check_surcharge", "surcharge_decision"]


PSD2 = "https://eur-lex.europa.eu/eli/dir/2015/2366/oj"


class Ruling(enum.StrEnum):
    """What the law says of a surcharge."""

    ALLOWED = "allowed"
    REFUSED = "refused"
    NOT_BUNDLED = "not_bundled"


def _surcharge_decision_ruling(value: object) -> Ruling:
    return _checks.choice(value, Ruling, "ruling")


def _surcharge_decision_amount(value: object) -> Money:
    return _checks.booked(value, "amount")


def _surcharge_decision_cap(value: object) -> Money | None:
    return None if value is None else _checks.booked(value, "cap")


def _surcharge_decision_instruments(value: object) -> tuple[str, ...]:
    found = _checks.sentences(value, "instruments")
    return tuple(_checks.one_of(item, INSTRUMENTS, "instruments") for item in found)


@named_at_the_door
@attrs.frozen
class SurchargeDecision:
    """Whether a surcharge may be charged on ``amount``, and how much at most.

    ``cap`` is the most that may be charged: zero when refused, the merchant's cost of
    the payment when allowed, ``None`` when no rule is bundled. ``instruments`` are the
    classes the payment was sorted into; ``why`` and ``sources`` explain.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    ruling: Ruling = attrs.field(converter=_surcharge_decision_ruling)
    amount: Money = attrs.field(converter=_surcharge_decision_amount)
    cap: Money | None = attrs.field(converter=_surcharge_decision_cap)
    instruments: tuple[str, ...] = attrs.field(converter=_surcharge_decision_instruments)
    why: tuple[str, ...] = attrs.field(converter=_checks.sentences)
    sources: tuple[str, ...] = attrs.field(converter=_checks.sources)

    def __attrs_post_init__(self) -> None:
        if (self.ruling is Ruling.NOT_BUNDLED) != (self.cap is None):
            raise _checks.invalid(
                "cap", self.cap, "is None exactly when no rule is bundled (not_bundled)"
            )
        if self.cap is not None and self.cap.currency != self.amount.currency:
            raise _checks.invalid(
                "cap",
                self.cap,
                f"is not in the amount's currency ({self.amount.currency.code})",
            )
        if self.ruling is Ruling.REFUSED and self.cap is not None and self.cap.amount:
            raise _checks.invalid(
                "cap", self.cap, "must be zero when the surcharge is refused"
            )

    @property
    def allowed(self) -> bool:
        """Whether a surcharge up to ``cap`` may be charged."""
        return self.ruling is Ruling.ALLOWED


def _matching(merchant: str, instruments: set[str], buyer: Buyer, day: date) -> list[Rule]:
    places = {merchant, "EU"} if is_eu_member(merchant, on=day) else {merchant}
    return [
        rule
        for rule in rules()
        if rule.jurisdiction in places
        and rule.instrument in {*instruments, "any"}
        and rule.buyer in (buyer.value, "any")
        and rule.covers(day)
    ]


def _verdict(rules: list[Rule]) -> Ruling:
    if not rules:
        return Ruling.NOT_BUNDLED
    return Ruling.REFUSED if any(rule.banned for rule in rules) else Ruling.ALLOWED


def _depends_on_ifr(merchant: str, instruments: set[str], buyer: Buyer, day: date) -> bool:
    """Whether the ruling would change if the card were known to be inside, or
    outside, IFR Chapter II: then an unknown status leaves the ruling unknown."""
    found = _verdict(_matching(merchant, instruments, buyer, day))
    return any(
        _verdict(_matching(merchant, {*instruments, added}, buyer, day)) is not found
        for added in ("ifr_consumer_card", "non_ifr_consumer_card")
    )


def _unknown(
    paid: Money, named: tuple[str, ...], why: tuple[str, ...]
) -> SurchargeDecision:
    """The decision where no bundled rule answers: neither allowed nor banned."""
    return SurchargeDecision(Ruling.NOT_BUNDLED, paid, None, named, why, (PSD2, IFR))


def _said(rule: Rule) -> str:
    verdict = (
        "bans a surcharge"
        if rule.banned
        else "allows a surcharge up to the merchant's cost"
    )
    where = "the EU" if rule.jurisdiction == "EU" else rule.jurisdiction
    return f"In {where}, {rule.legal_basis} {verdict} ({rule.since} onwards): {rule.note}"


@context_free
def surcharge_decision(
    amount: Money,
    method: PaymentMethod | str,
    *,
    buyer: Buyer | str,
    merchant_country: str,
    cost: Money,
    on: date,
    card_type: CardType | str | None = None,
    card_country: str | None = None,
    free_means_offered: bool | None = None,
) -> SurchargeDecision:
    """Whether a merchant in ``merchant_country`` may surcharge a payment of ``amount``
    by ``method`` from ``buyer`` on ``on``, and how much at most.

    ``cost`` is what the payment costs the merchant (``payment_cost(...).total``): the
    cap where a surcharge is allowed. A card or wallet needs ``card_type`` and
    ``card_country`` (where it was issued). A ban anywhere wins over an allowance.
    ``free_means_offered`` says whether the buyer is also offered a usual free means
    of payment: where the rule allows a fee only then (§ 312a(4) no. 1 BGB), ``False``
    refuses the surcharge and ``None`` raises ``MissingDataError`` asking for it.

    Examples:
        >>> from commercekit.money import Money
        >>> def eur(x): return Money(x, "EUR")
        >>> card = dict(card_type="consumer_credit", card_country="DE", buyer="consumer",
        ...     merchant_country="DE", cost=eur("1.75"), free_means_offered=True)
        >>> surcharge_decision(eur("100"), "card", on=date(2018, 1, 13), **card).ruling
        <Ruling.REFUSED: 'refused'>
        >>> surcharge_decision(eur("100"), "card", on=date(2018, 1, 12), **card).ruling
        <Ruling.NOT_BUNDLED: 'not_bundled'>
        >>> business = dict(card, card_type="commercial", card_country="GB",
        ...     merchant_country="GB", buyer="business")
        >>> gbp = surcharge_decision(Money("100", "GBP"), "card", on=date(2026, 11, 30),
        ...     **dict(business, cost=Money("2.15", "GBP")))
        >>> gbp.ruling, gbp.cap
        (<Ruling.ALLOWED: 'allowed'>, Money('2.15', 'GBP'))
        >>> surcharge_decision(eur("100"), "card", on=date(2026, 11, 30),
        ...     **dict(card, card_country="NO")).ruling  # is the IFR in force there?
        <Ruling.NOT_BUNDLED: 'not_bundled'>
    """
    paid = _checks.booked(amount, "amount")
    how = _checks.choice(method, PaymentMethod, "method")
    who = _checks.choice(buyer, Buyer, "buyer")
    merchant = _checks.country(merchant_country, "merchant_country")
    borne = _checks.booked(cost, "cost")
    if borne.currency != paid.currency:
        raise _checks.invalid(
            "cost", borne, f"is not in the currency of amount ({paid.currency.code})"
        )
    day = _checks.day(on, "on")
    free = (
        None
        if free_means_offered is None
        else _checks.flag(free_means_offered, "free_means_offered")
    )
    card = card_inputs(how, card_type, card_country, field="card_country")
    instruments, unknown = classify(how, card, merchant=merchant, day=day, paid=paid)
    named = tuple(sorted(instruments))
    lead: tuple[str, ...] = ()
    if how.is_wallet:
        lead = (f"{how} is ruled as the card inside it ({card[0]}, issued in {card[1]}).",)
    if unknown is not None and _depends_on_ifr(merchant, instruments, who, day):
        said = (
            f"Whether Chapter II of Regulation (EU) 2015/751 caps the interchange fee of "
            f"{with_article(str(unknown[0]))} card issued in {unknown[1]} and acquired in "
            f"{merchant} on "
            f"{day} is not bundled (interchange_cap answers not_bundled), and the ruling "
            "depends on it: commercekit neither allows nor bans a surcharge."
        )
        return _unknown(paid, named, (*lead, said))
    rules = _matching(merchant, instruments, who, day)
    if not rules:
        said = (
            f"No surcharging rule for {how} ({', '.join(named)}) paid by a {who} to a "
            f"merchant in {merchant} on {day} is bundled: commercekit neither allows "
            "nor bans it."
        )
        return _unknown(paid, named, (*lead, said))
    return _ruled(paid, borne, named, lead, rules, free=free)


def _ruled(
    paid: Money,
    borne: Money,
    named: tuple[str, ...],
    lead: tuple[str, ...],
    rules: list[Rule],
    *,
    free: bool | None,
) -> SurchargeDecision:
    """The decision where rules apply: a ban anywhere wins over an allowance, and an
    allowance on condition of a usual free means of payment needs that fact."""
    sources = tuple(dict.fromkeys(s for rule in rules for s in rule.sources))
    bans = [rule for rule in rules if rule.banned]
    needing = [rule for rule in rules if rule.needs_free_alternative]
    if needing and free is None:
        raise MissingDataError(
            "whether a usual free means of payment is offered",
            f"{needing[0].legal_basis} allows this fee only if one is; say whether a "
            "usual free means of payment is offered (free_means_offered=True or False)",
            field="free_means_offered",
        )
    if bans or (needing and not free):
        said = [_said(rule) for rule in bans or needing]
        if not bans:
            said.append("No usual free means of payment is offered.")
        why = (*lead, *said, "No surcharge may be charged.")
        nothing = _checks.zero(paid.currency.code)
        return SurchargeDecision(Ruling.REFUSED, paid, nothing, named, why, sources)
    why = (
        *lead,
        *(_said(rule) for rule in rules),
        f"The cap is the merchant's cost of this payment: {borne}.",
    )
    return SurchargeDecision(Ruling.ALLOWED, paid, borne, named, why, sources)


@context_free
def check_surcharge(
    requested: Money,
    amount: Money,
    method: PaymentMethod | str,
    *,
    buyer: Buyer | str,
    merchant_country: str,
    cost: Money,
    on: date,
    card_type: CardType | str | None = None,
    card_country: str | None = None,
    free_means_offered: bool | None = None,
) -> SurchargeDecision:
    """The decision, if a surcharge of ``requested`` is lawful; otherwise raise.

    A requested surcharge of zero is always lawful. Otherwise it must be ``allowed`` and
    at most the cap. Raises ``SurchargeRefusedError`` (with ``ruling``, ``cap``, ``why``
    and ``sources``) when it is refused, above the cap, or not bundled.

    Examples:
        >>> from commercekit.money import Money
        >>> check_surcharge(Money("1.00", "GBP"), Money("100", "GBP"), "card",
        ...     buyer="consumer", merchant_country="GB", cost=Money("1.60", "GBP"),
        ...     on=date(2026, 11, 30), card_type="consumer_debit", card_country="GB")
        Traceback (most recent call last):
        ...
        commercekit.errors.SurchargeRefusedError: a surcharge of 1.00 GBP is refused ...
    """
    asked = _checks.booked(requested, "requested")
    decision = surcharge_decision(
        amount, method, buyer=buyer, merchant_country=merchant_country, cost=cost, on=on,
        card_type=card_type, card_country=card_country,
        free_means_offered=free_means_offered,
    )  # fmt: skip
    if asked.currency != decision.amount.currency:
        raise _checks.invalid(
            "requested",
            asked,
            f"is not in the payment's currency ({decision.amount.currency.code})",
        )
    if not asked.amount:
        return decision
    if (
        decision.ruling is Ruling.ALLOWED
        and decision.cap is not None
        and asked <= decision.cap
    ):
        return decision
    why = decision.why
    if decision.ruling is Ruling.ALLOWED:
        why = (*why, f"{asked} is above the cap of {decision.cap}.")
    cap = decision.cap if decision.ruling is Ruling.ALLOWED else None
    raise SurchargeRefusedError(
        asked, decision.ruling.value.replace("_", " "), cap, why, decision.sources
    )
