"""Where the interchange caps and the surcharge bans reach, and where commercekit knows
nothing: every route, card type and day has a status with its reason; a surcharge is
never allowed on a card whose interchange status is not bundled; every figure is in
the currency's minor units.

Sources: Regulation (EU) 2015/751 Art. 1(1) (issuer and acquirer both in the Union),
Art. 1(3) (commercial cards and three-party schemes out), Arts. 3 and 4 (0.2 % and
0.3 %), Art. 18(2) (Arts. 3 and 4 apply from 9 December 2015)
(https://eur-lex.europa.eu/eli/reg/2015/751/oj); the Withdrawal Agreement Arts. 126 and
127 (Union law applied to and in the UK until 31 December 2020,
https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12020W/TXT); the PSR on the
IFR after Brexit (no cap between the UK and the EEA); BGB § 270a (no fee for a consumer
card under IFR Chapter II).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import product

import pytest

from commercekit.errors import (
    InvalidPaymentError,
    MissingPaymentCostError,
    SurchargeRefusedError,
)
from commercekit.money import Money
from commercekit.payments import (
    CapStatus,
    CardType,
    FeeRow,
    FeeSchedule,
    PaymentCost,
    PaymentMethod,
    Ruling,
    check_surcharge,
    interchange_cap,
    payment_cost,
    surcharge_decision,
)
from commercekit.payments._interchange import _read as read_interchange
from commercekit.payments._surcharge import rules as read_surcharge
from commercekit.regions import is_eea_member, is_eu_member

RULES = read_surcharge()
CAPS = read_interchange()

COUNTRIES = ("DE", "NL", "GB", "NO", "IS", "LI", "US", "CH")
DAYS = (
    date(2015, 12, 8),
    date(2015, 12, 9),
    date(2020, 1, 31),
    date(2020, 2, 1),
    date(2020, 12, 31),
    date(2021, 1, 1),
    date(2026, 11, 30),
)
IFR_DAY = date(2015, 12, 9)
UK_ALONE = date(2021, 1, 1)
RATES = {CardType.CONSUMER_DEBIT: Decimal("0.2"), CardType.CONSUMER_CREDIT: Decimal("0.3")}


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def expected_regime(issuer: str, acquirer: str, day: date) -> str | None:
    """The law over a route: the EU's while both are in the Union, then the UK's and
    none between the UK and the EEA."""
    if is_eu_member(issuer, on=day) and is_eu_member(acquirer, on=day):
        return "EU"
    pair = {issuer, acquirer}
    if day < UK_ALONE or "GB" not in pair:
        return None
    if pair == {"GB"}:
        return "GB"
    return "GB-EEA" if is_eea_member((pair - {"GB"}).pop(), on=day) else None


def expected_status(
    regime: str | None, kind: CardType, three: bool, day: date
) -> CapStatus:
    if regime is None:
        return CapStatus.NOT_BUNDLED
    if kind is CardType.COMMERCIAL or three or regime == "GB-EEA":
        return CapStatus.NO_CAP_IN_LAW
    return CapStatus.CAPPED if day >= IFR_DAY else CapStatus.NOT_BUNDLED


@pytest.mark.parametrize("three_party", [False, True])
@pytest.mark.parametrize("kind", list(CardType))
def test_every_route_card_type_and_day_has_a_status_and_a_reason(
    kind: CardType, three_party: bool
) -> None:
    """For every issuer, acquirer and day: the status the law gives, the regime it comes
    from, a cap only for a consumer card under the EU or UK regime, and no sentence that
    prints ``None``."""
    for issuer, acquirer, day in product(COUNTRIES, COUNTRIES, DAYS):
        found = interchange_cap(
            eur("33.33"), kind, issuer_country=issuer, acquirer_country=acquirer,
            on=day, three_party_scheme=three_party,
        )  # fmt: skip
        route = (issuer, acquirer, day, kind, three_party)
        regime = expected_regime(issuer, acquirer, day)
        status = expected_status(regime, kind, three_party, day)
        assert found.status is status, (route, found.why)
        assert found.regime == (None if status is CapStatus.NOT_BUNDLED else regime), route
        assert not any("None" in sentence for sentence in found.why), (route, found.why)
        assert found.sources, route
        if status is CapStatus.CAPPED:
            assert found.rate == RATES[kind], route
            # 0.3 % of 33.33 is 0.09999 and 0.2 % is 0.06666: rounded down.
            assert found.cap == eur("0.09" if found.rate == Decimal("0.3") else "0.06")


def test_a_commercial_card_between_the_uk_and_the_eea_has_no_cap_in_law() -> None:
    """The reviewer's case: it printed 'applies from None'."""
    found = interchange_cap(
        eur("100"), "commercial", issuer_country="GB", acquirer_country="DE",
        on=date(2026, 11, 30),
    )  # fmt: skip
    assert (found.status, found.regime, found.cap) == (
        CapStatus.NO_CAP_IN_LAW,
        "GB-EEA",
        None,
    )
    assert "Art. 1(3)" in found.why[0]
    assert "UK and the EEA" in found.why[0]
    assert any("psr.org.uk" in source for source in found.sources)


@pytest.mark.parametrize(
    ("issuer", "acquirer", "on", "regime", "transition"),
    [
        ("GB", "DE", date(2019, 6, 1), "EU", False),  # a member state
        ("GB", "DE", date(2020, 6, 1), "EU", True),  # left, but in the transition period
        ("DE", "GB", date(2020, 12, 31), "EU", True),
        ("GB", "GB", date(2020, 12, 31), "EU", True),
        ("GB", "GB", date(2021, 1, 1), "GB", False),
    ],
)
def test_the_uk_was_under_the_eu_caps_until_the_end_of_the_transition_period(
    issuer: str, acquirer: str, on: date, regime: str, transition: bool
) -> None:
    """EUR 100 by consumer credit card: 0.3 % is EUR 0.30 under the EU regime until
    2020-12-31 (Withdrawal Agreement Arts. 126-127), then under the UK's copy."""
    found = interchange_cap(
        eur("100.00"), "consumer_credit", issuer_country=issuer,
        acquirer_country=acquirer, on=on,
    )  # fmt: skip
    assert (found.status, found.regime, found.cap) == (
        CapStatus.CAPPED,
        regime,
        eur("0.30"),
    )
    said = any("Withdrawal Agreement Arts. 126 and 127" in s for s in found.why)
    assert said is transition
    assert any("CELEX:12020W" in s for s in found.sources) is transition


def test_the_caps_cite_article_18_for_the_day_they_apply_from() -> None:
    """Art. 18(2) dates Arts. 3 and 4 from 9 December 2015; Art. 16 is about universal
    cards."""
    eu = [row for row in CAPS if row.regime == "EU"]
    assert {row.since for row in eu} == {IFR_DAY}
    for row in eu:
        assert "Art 18(2)" in row.legal_basis
        assert "Art 16" not in row.legal_basis
    found = interchange_cap(
        eur("100.00"), "consumer_debit", issuer_country="NL", acquirer_country="NL",
        on=IFR_DAY,
    )  # fmt: skip
    assert "Art 18(2)" in found.why[0]


GERMAN_SHOP = {
    "buyer": "consumer", "merchant_country": "DE", "cost": eur("1.75"),
    "free_means_offered": True,
}  # fmt: skip


@pytest.mark.parametrize("issuer", ["NO", "IS", "LI"])
@pytest.mark.parametrize("method", ["card", "apple_pay"])
def test_a_card_from_iceland_liechtenstein_or_norway_is_not_ruled_by_guess(
    issuer: str, method: str
) -> None:
    """The reviewer's case: a Norwegian consumer credit card at a German shop was
    'allowed' while its interchange status is 'not bundled'."""
    on = date(2026, 11, 30)
    cap = interchange_cap(
        eur("100"), "consumer_credit", issuer_country=issuer, acquirer_country="DE", on=on
    )
    assert cap.status is CapStatus.NOT_BUNDLED
    found = surcharge_decision(
        eur("100"), method, on=on, card_type="consumer_credit", card_country=issuer,
        **GERMAN_SHOP,
    )  # fmt: skip
    assert (found.ruling, found.cap) == (Ruling.NOT_BUNDLED, None)
    assert found.instruments == ("consumer_card",)
    assert "Chapter II of Regulation (EU) 2015/751" in found.why[-1]
    with pytest.raises(SurchargeRefusedError, match="not bundled"):
        check_surcharge(
            eur("1.00"), eur("100"), method, on=on, card_type="consumer_credit",
            card_country=issuer, **GERMAN_SHOP,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("issuer", "on", "ruling", "instrument"),
    [
        ("US", date(2026, 11, 30), Ruling.ALLOWED, "non_ifr_consumer_card"),
        ("GB", date(2021, 1, 1), Ruling.ALLOWED, "non_ifr_consumer_card"),
        ("GB", date(2020, 12, 31), Ruling.REFUSED, "ifr_consumer_card"),
        ("AT", date(2026, 11, 30), Ruling.REFUSED, "ifr_consumer_card"),
    ],
)
def test_a_german_shop_may_surcharge_only_a_card_known_to_be_outside_the_ifr(
    issuer: str, on: date, ruling: Ruling, instrument: str
) -> None:
    """BGB § 270a bans a fee for a consumer card under IFR Chapter II (issuer and
    acquirer in the Union); one issued outside the EEA may carry a fee up to cost."""
    found = surcharge_decision(
        eur("100"), "card", on=on, card_type="consumer_debit", card_country=issuer,
        **GERMAN_SHOP,
    )  # fmt: skip
    assert (found.ruling, instrument in found.instruments) == (ruling, True)


def test_the_german_allowance_is_for_cards_outside_the_eea() -> None:
    """The row's scope is 'outside IFR Chapter II', which is outside the EEA (and the
    Union's own scope), never 'outside the EU'."""
    (row,) = [
        r for r in RULES if r.jurisdiction == "DE" and "consumer_card" in r.instrument
    ]
    assert row.instrument == "non_ifr_consumer_card"
    assert "outside the EEA" in row.note
    assert "outside the EU" not in row.note


MERCHANTS = ("DE", "NL", "AT", "FR")
ISSUERS = ("DE", "FR", "GB", "NO", "IS", "LI", "US", "CH")
SURCHARGE_DAYS = (date(2018, 1, 13), date(2020, 6, 1), date(2021, 1, 1), date(2026, 11, 30))


@pytest.mark.parametrize("merchant", MERCHANTS)
def test_an_allowed_consumer_card_surcharge_in_the_eu_is_outside_the_ifr(
    merchant: str,
) -> None:
    """In an EU member state from 13 January 2018, a consumer card surcharge is allowed
    only where the card is known to be outside IFR Chapter II: never where
    interchange_cap says the EU caps it, nor where it says 'not bundled' for a route
    inside the EEA."""
    kinds = (CardType.CONSUMER_DEBIT, CardType.CONSUMER_CREDIT)
    for issuer, on, kind in product(ISSUERS, SURCHARGE_DAYS, kinds):
        found = surcharge_decision(
            eur("100"), "card", buyer="consumer", merchant_country=merchant,
            cost=eur("1.75"), on=on, card_type=kind, card_country=issuer,
            free_means_offered=True,
        )  # fmt: skip
        assert not any("None" in sentence for sentence in found.why)
        if found.ruling is not Ruling.ALLOWED:
            continue
        cap = interchange_cap(
            eur("100"), kind, issuer_country=issuer, acquirer_country=merchant, on=on
        )
        route = (issuer, merchant, on, kind)
        assert not (cap.status is CapStatus.CAPPED and cap.regime == "EU"), route
        inside_eea = is_eea_member(issuer, on=on) and is_eea_member(merchant, on=on)
        assert not (cap.status is CapStatus.NOT_BUNDLED and inside_eea), route


# Figures in the currency's minor units.


def test_a_zero_fee_is_written_to_the_minor_unit() -> None:
    """No conversion fee on EUR 100 is 0.00 EUR, not 0 EUR; a refused surcharge's cap
    is 0.00 EUR (0 JPY for yen)."""
    cost = payment_cost(
        eur("100"), "sepa_direct_debit", _stripe(), merchant_country="DE",
        on=date(2026, 11, 30),
    )  # fmt: skip
    assert str(cost.conversion_fee.amount) == "0.00"
    refused = surcharge_decision(
        eur("100"), "card", on=date(2026, 11, 30), card_type="consumer_debit",
        card_country="DE", **GERMAN_SHOP,
    )  # fmt: skip
    assert refused.cap is not None
    assert str(refused.cap.amount) == "0.00"


def _stripe() -> FeeSchedule:
    from commercekit.payments import example_schedule  # noqa: PLC0415

    return example_schedule("stripe")


def _contract(fixed: str, cross_border: str = "0") -> FeeSchedule:
    row = FeeRow(
        provider="my-psp", merchant_country="NL", method="ideal", card_type=None,
        card_origin=None, percent=Decimal(0), fixed=eur(fixed),
        cross_border_percent=Decimal(cross_border), conversion_percent=None,
        dispute_fee=eur("15.004"), fee_kept_on_refund=True, refund_fee=eur("0.125"),
        since=date(2026, 1, 1), until=None, read_on=date(2026, 1, 5),
        sources=("https://example.com/contract",),
    )  # fmt: skip
    return FeeSchedule([row])


def test_a_contract_fee_in_fractions_of_a_cent_is_charged_rounded_half_up() -> None:
    """A fixed fee of EUR 0.255 is charged as 0.26, a refund fee of 0.125 as 0.13, a
    dispute fee of 15.004 as 15.00; the total is still the sum of the parts."""
    from commercekit.payments import chargeback_cost, refund_cost  # noqa: PLC0415

    cost = payment_cost(
        eur("10.00"), "ideal", _contract("0.255"), merchant_country="NL",
        on=date(2026, 3, 1),
    )  # fmt: skip
    assert (cost.fixed_fee, cost.total) == (eur("0.26"), eur("0.26"))
    refund = refund_cost(cost, eur("10.00"))
    assert (refund.refund_fee, refund.total) == (eur("0.13"), eur("0.39"))
    assert chargeback_cost(cost).total == eur("15.00")


def test_no_explanation_of_a_cost_prints_none() -> None:
    """A contract's iDEAL row with a cross-border add-on has no card origin to name; a
    missing row asked for a card type alone names the card type."""
    cost = payment_cost(
        eur("10.00"), "ideal", _contract("0.29", cross_border="1"),
        merchant_country="NL", on=date(2026, 3, 1),
    )  # fmt: skip
    assert "Cross-border fee: 1%." in cost.why
    assert not any("None" in sentence for sentence in cost.why)
    with pytest.raises(MissingPaymentCostError) as missing:
        _contract("0.29").fee_row(
            PaymentMethod.CARD, merchant_country="NL", card_type=CardType.CONSUMER_DEBIT,
            card_origin=None, on=date(2026, 3, 1),
        )  # fmt: skip
    assert "(consumer_debit card)" in str(missing.value)
    assert "None" not in str(missing.value)


@pytest.mark.parametrize(
    "call",
    [
        lambda: payment_cost(
            eur("10.005"),
            "ideal",
            _contract("0.29"),
            merchant_country="NL",
            on=date(2026, 3, 1),
        ),
        lambda: surcharge_decision(
            eur("100"),
            "paypal",
            buyer="consumer",
            merchant_country="DE",
            cost=eur("3.095"),
            on=date(2026, 11, 30),
        ),
        lambda: interchange_cap(
            eur("0.001"),
            "consumer_debit",
            issuer_country="NL",
            acquirer_country="NL",
            on=date(2026, 11, 30),
        ),
        lambda: PaymentCost(
            eur("10.00"),
            eur("0.001"),
            eur("0.29"),
            eur("0"),
            eur("0"),
            _contract("0.29").rows[0],
            ("A fee.",),
        ),
    ],
    ids=["amount", "cost", "interchange amount", "a part"],
)
def test_money_a_payment_moves_has_no_digit_below_the_minor_unit(call: object) -> None:
    """An amount paid, a cost, a fee part: EUR 10.005 is refused, not rounded away."""
    with pytest.raises(InvalidPaymentError, match="more decimals than EUR's 2"):
        call()  # type: ignore[operator]
