"""Interchange caps and surcharging rules, each tested on both sides of its date.

Sources: Regulation (EU) 2015/751 Art. 3 (debit 0.2 %), Art. 4 (credit 0.3 %), Art. 1(3)
(commercial cards and three-party schemes out), Art. 18(2) (Arts. 3 and 4 apply from 9
December 2015) (https://eur-lex.europa.eu/eli/reg/2015/751/oj); the PSR on the UK IFR
after Brexit (https://psr.org.uk/our-work/card-payments/the-ifr-and-brexit); PSD2 Art. 62(4)
(https://eur-lex.europa.eu/eli/dir/2015/2366/oj); the Consumer Rights (Payment
Surcharges) Regulations 2012 reg. 4 and 6A (https://www.legislation.gov.uk/uksi/2012/3110);
BGB § 270a and § 312a(4).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from commercekit.errors import SurchargeRefusedError
from commercekit.money import Money
from commercekit.payments import (
    CapStatus,
    Ruling,
    check_surcharge,
    interchange_cap,
    surcharge_decision,
)

DAY = date(2026, 11, 30)
IFR_DAY = date(2015, 12, 9)
BAN_DAY = date(2018, 1, 13)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def cap(card: str, issuer: str, acquirer: str, on: date, amount: Money | None = None):  # type: ignore[no-untyped-def]
    return interchange_cap(
        amount or eur("100.00"),
        card,
        issuer_country=issuer,
        acquirer_country=acquirer,
        on=on,
    )


@pytest.mark.parametrize(
    ("card", "rate", "money"),
    [("consumer_credit", "0.3", "0.30"), ("consumer_debit", "0.2", "0.20")],
)
def test_the_ifr_caps_on_both_sides_of_9_december_2015(
    card: str, rate: str, money: str
) -> None:
    """EUR 100 by consumer credit card in NL: 0.3 % (Art. 4) is EUR 0.30; debit 0.2 %
    (Art. 3(1)) is EUR 0.20."""
    after = cap(card, "NL", "NL", IFR_DAY)
    assert (after.status, after.cap, after.regime) == (CapStatus.CAPPED, eur(money), "EU")
    assert after.rate == Decimal(rate)
    assert "eur-lex.europa.eu" in after.sources[0]
    before = cap(card, "NL", "NL", date(2015, 12, 8))
    assert (before.status, before.cap, before.rate) == (CapStatus.NOT_BUNDLED, None, None)


def test_a_cross_border_eu_payment_is_capped_too() -> None:
    assert cap("consumer_credit", "FR", "NL", DAY).cap == eur("0.30")


def test_the_money_cap_is_rounded_down() -> None:
    # 0.3 % of 33.33 is 0.09999: the fee may not be more, so the cap is 0.09.
    assert cap("consumer_credit", "NL", "NL", DAY, eur("33.33")).cap == eur("0.09")


@pytest.mark.parametrize(
    ("card", "three_party"), [("commercial", False), ("consumer_credit", True)]
)
def test_commercial_and_three_party_cards_have_no_cap_in_law(
    card: str, three_party: bool
) -> None:
    found = interchange_cap(
        eur("100.00"), card, issuer_country="DE", acquirer_country="NL", on=DAY,
        three_party_scheme=three_party,
    )  # fmt: skip
    assert found.status is CapStatus.NO_CAP_IN_LAW
    assert "Art. 1(3)" in found.why[0]


def test_the_uk_keeps_the_caps_for_uk_domestic_payments() -> None:
    gbp = Money("100.00", "GBP")
    assert cap("consumer_credit", "GB", "GB", date(2020, 12, 31), gbp).regime == "EU"
    uk = cap("consumer_credit", "GB", "GB", date(2021, 1, 1), gbp)
    assert (uk.status, uk.regime, uk.cap) == (CapStatus.CAPPED, "GB", Money("0.30", "GBP"))


@pytest.mark.parametrize(("issuer", "acquirer"), [("DE", "GB"), ("GB", "IE")])
def test_uk_eea_payments_have_no_cap_in_law_from_2021(issuer: str, acquirer: str) -> None:
    before = cap("consumer_debit", issuer, acquirer, date(2020, 12, 31))
    assert (before.status, before.cap) == (CapStatus.CAPPED, eur("0.20"))
    after = cap("consumer_debit", issuer, acquirer, date(2021, 1, 1))
    assert (after.status, after.regime, after.cap) == (
        CapStatus.NO_CAP_IN_LAW,
        "GB-EEA",
        None,
    )
    assert any("psr.org.uk" in source for source in after.sources)


@pytest.mark.parametrize(("issuer", "acquirer"), [("US", "NL"), ("NO", "NL"), ("US", "US")])
def test_routes_without_a_bundled_rule_say_so(issuer: str, acquirer: str) -> None:
    assert cap("consumer_debit", issuer, acquirer, DAY).status is CapStatus.NOT_BUNDLED


def decide(method: str = "card", on: date = DAY, **given: object):  # type: ignore[no-untyped-def]
    fields: dict[str, object] = {
        "buyer": "consumer", "merchant_country": "DE", "cost": eur("1.75"),
        "card_type": "consumer_credit", "card_country": "DE", "free_means_offered": True,
    }  # fmt: skip
    fields.update(given)
    if method not in ("card", "apple_pay", "google_pay"):
        fields.update(card_type=None, card_country=None)
    return surcharge_decision(eur("100.00"), method, on=on, **fields)  # type: ignore[arg-type]


def test_a_consumer_card_surcharge_in_germany_is_refused_from_13_january_2018() -> None:
    after = decide(on=BAN_DAY)
    assert (after.ruling, after.cap) == (Ruling.REFUSED, eur("0.00"))
    assert "ifr_consumer_card" in after.instruments
    assert "Art 62(4)" in after.why[0]
    before = decide(on=date(2018, 1, 12))
    assert (before.ruling, before.cap) == (Ruling.NOT_BUNDLED, None)


def test_a_consumer_card_surcharge_in_the_uk_on_both_sides_of_the_ban() -> None:
    uk = {"merchant_country": "GB", "card_country": "GB"}
    before = surcharge_decision(
        Money("100.00", "GBP"), "card", buyer="consumer", cost=Money("1.60", "GBP"),
        on=date(2018, 1, 12), card_type="consumer_debit", **uk,
    )  # fmt: skip
    assert (before.ruling, before.cap) == (Ruling.ALLOWED, Money("1.60", "GBP"))
    assert "reg 4" in before.why[0]
    after = surcharge_decision(
        Money("100.00", "GBP"), "card", buyer="consumer", cost=Money("1.60", "GBP"),
        on=BAN_DAY, card_type="consumer_debit", **uk,
    )  # fmt: skip
    assert after.ruling is Ruling.REFUSED


@pytest.mark.parametrize(
    ("method", "given", "ruling"),
    [
        ("apple_pay", {}, Ruling.REFUSED),  # the card inside it is a consumer card
        ("ideal", {"merchant_country": "NL"}, Ruling.REFUSED),  # a SEPA credit transfer
        ("sepa_direct_debit", {"buyer": "business"}, Ruling.REFUSED),  # any payer
        ("bancontact", {"merchant_country": "BE"}, Ruling.REFUSED),
        (
            "card",
            {"card_type": "commercial"},
            Ruling.ALLOWED,
        ),  # § 270a covers only IFR cards
        ("card", {"card_country": "US"}, Ruling.ALLOWED),  # outside IFR Chapter II
        ("paypal", {}, Ruling.ALLOWED),  # § 270a does not cover PayPal
        ("klarna", {}, Ruling.NOT_BUNDLED),
        ("card", {"card_type": "commercial", "merchant_country": "NL"}, Ruling.NOT_BUNDLED),
        ("paypal", {"merchant_country": "NL"}, Ruling.NOT_BUNDLED),
        ("card", {"merchant_country": "US", "card_country": "US"}, Ruling.NOT_BUNDLED),
    ],
)
def test_surcharge_rulings(method: str, given: dict[str, object], ruling: Ruling) -> None:
    found = decide(method, **given)
    assert found.ruling is ruling, found.why
    if ruling is Ruling.ALLOWED:
        assert found.cap == eur("1.75")  # the merchant's cost


def test_the_uk_allows_a_commercial_card_surcharge_up_to_cost() -> None:
    gbp = Money("100.00", "GBP")
    found = surcharge_decision(
        gbp, "card", buyer="business", merchant_country="GB", cost=Money("2.15", "GBP"),
        on=DAY, card_type="commercial", card_country="GB",
    )  # fmt: skip
    assert (found.ruling, found.cap) == (Ruling.ALLOWED, Money("2.15", "GBP"))
    consumer_paypal = surcharge_decision(
        gbp, "paypal", buyer="consumer", merchant_country="GB", cost=Money("3.00", "GBP"),
        on=DAY,
    )  # fmt: skip
    assert consumer_paypal.ruling is Ruling.REFUSED


def test_check_surcharge_charges_only_a_lawful_amount() -> None:
    lawful = {
        "buyer": "consumer", "merchant_country": "DE", "cost": eur("3.00"), "on": DAY,
        "free_means_offered": True,
    }  # fmt: skip
    assert check_surcharge(eur("3.00"), eur("100.00"), "paypal", **lawful).allowed
    with pytest.raises(SurchargeRefusedError) as above:
        check_surcharge(eur("3.01"), eur("100.00"), "paypal", **lawful)
    assert (above.value.ruling, above.value.cap) == ("allowed", eur("3.00"))
    assert "above the cap" in str(above.value)
    with pytest.raises(SurchargeRefusedError) as banned:
        check_surcharge(
            eur("1.00"), eur("100.00"), "card", card_type="consumer_debit",
            card_country="DE", **lawful,
        )  # fmt: skip
    assert (banned.value.ruling, banned.value.cap) == ("refused", None)
    assert "eur-lex.europa.eu" in banned.value.sources[0]
    with pytest.raises(SurchargeRefusedError, match="not bundled"):
        check_surcharge(eur("1.00"), eur("100.00"), "klarna", **lawful)
    nothing = check_surcharge(eur("0.00"), eur("100.00"), "klarna", **lawful)
    assert nothing.ruling is Ruling.NOT_BUNDLED
