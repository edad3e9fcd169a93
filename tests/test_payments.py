"""What a payment costs: worked examples from the bundled providers' pages, refunds,
chargebacks, missing data, and the properties every cost keeps.

The bundled examples quote the providers' own pages (read 2026-11-30):
- Stripe, April 2023 pricing updates for businesses based in Europe
  (https://support.stripe.com/questions/april-2023-pricing-updates-for-businesses-based-in-europe):
  "Standard EU cards: 1.5% + €0.25", "Premium EU card: 1.9% + €0.25", "UK cards: 2.5% +
  €0.25", "International cards: 3.25% + €0.25", dispute fees "from €15 to €20", "SEPA
  Direct Debit ... €0.35 per transaction", all from 10 April 2023.
- Mollie, transaction costs for credit card payments
  (https://help.mollie.com/hc/en-us/articles/115000304389): "€ 0.25 + 1.8% European
  cards, private cards", "€ 0.25 + 2.8% Non-European cards, business cards".
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import InvalidPaymentError, MissingPaymentCostError
from commercekit.money import Money
from commercekit.payments import (
    CardOrigin,
    FeeRow,
    FeeSchedule,
    PaymentCost,
    PaymentCostSource,
    card_origin,
    chargeback_cost,
    example_schedule,
    payment_cost,
    refund_cost,
)

DAY = date(2026, 11, 30)
STRIPE = example_schedule("stripe")
MOLLIE = example_schedule("mollie")


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def stripe_nl(amount: str, card: str, issuer: str, method: str = "card") -> Money:
    return payment_cost(
        eur(amount), method, STRIPE, merchant_country="NL", on=DAY,
        card_type=card, issuer_country=issuer,
    ).total  # fmt: skip


@pytest.mark.parametrize(
    ("card", "issuer", "total"),
    [
        ("consumer_credit", "NL", "1.75"),  # 1.5% of 100 + 0.25 (standard EU card)
        ("consumer_debit", "BE", "1.75"),  # an EEA card: the same standard price
        ("consumer_credit", "NO", "1.75"),  # Norway is in the EEA
        ("commercial", "DE", "2.15"),  # premium EU card: 1.9% + 0.25
        ("consumer_credit", "GB", "2.75"),  # UK cards: 2.5% + 0.25
        ("consumer_debit", "US", "3.50"),  # international cards: 3.25% + 0.25
        ("commercial", "US", "3.50"),
    ],
)
def test_stripe_nl_card_prices_as_published(card: str, issuer: str, total: str) -> None:
    assert stripe_nl("100.00", card, issuer) == eur(total)


def test_the_parts_are_shown_and_the_row_cites_its_page() -> None:
    cost = payment_cost(
        eur("100.00"), "card", STRIPE, merchant_country="DE", on=DAY,
        card_type="consumer_credit", issuer_country="GB",
    )  # fmt: skip
    assert cost.percentage_fee == eur("2.50")
    assert cost.fixed_fee == eur("0.25")
    assert cost.cross_border_fee == eur("0.00")  # Stripe's UK rate includes it
    assert cost.conversion_fee == eur("0.00")
    assert cost.total == eur("2.75")
    assert cost.row.card_origin is CardOrigin.UK
    assert cost.source.startswith("https://support.stripe.com/")
    assert any("includes it" in sentence for sentence in cost.why)


@pytest.mark.parametrize("issuer", ["NL", "BE", "GB", "US"])
@pytest.mark.parametrize("card", ["consumer_credit", "consumer_debit", "commercial"])
def test_the_why_reads_as_english(card: str, issuer: str) -> None:
    """No reason says "a international card" or "a eea card" (an article before a
    vowel-led word): every sentence of every bundled card row is checked."""
    for schedule in (STRIPE, MOLLIE):
        try:
            cost = payment_cost(
                eur("100.00"), "card", schedule, merchant_country="NL", on=DAY,
                card_type=card, issuer_country=issuer,
            )  # fmt: skip
        except MissingPaymentCostError:
            continue
        for sentence in cost.why:
            assert not re.search(r"\ba [aeiouAEIOU]", sentence), sentence


def test_a_wallet_is_priced_as_the_card_inside_it() -> None:
    for wallet in ("apple_pay", "google_pay"):
        cost = payment_cost(
            eur("100.00"), wallet, STRIPE, merchant_country="NL", on=DAY,
            card_type="consumer_debit", issuer_country="DE",
        )  # fmt: skip
        assert cost.total == stripe_nl("100.00", "consumer_debit", "DE")
        assert any("settles as the card inside it" in s for s in cost.why)


def test_sepa_direct_debit_is_a_fixed_fee() -> None:
    cost = payment_cost(
        eur("250.00"), "sepa_direct_debit", STRIPE, merchant_country="DE", on=DAY
    )
    assert (cost.percentage_fee, cost.fixed_fee, cost.total) == (
        eur("0.00"),
        eur("0.35"),
        eur("0.35"),
    )


def test_mollie_nl_prices_as_published() -> None:
    def mollie(card: str, issuer: str) -> Money:
        return payment_cost(
            eur("100.00"), "card", MOLLIE, merchant_country="NL", on=date(2026, 12, 1),
            card_type=card, issuer_country=issuer,
        ).total  # fmt: skip

    assert mollie("consumer_credit", "NL") == eur("2.05")  # 1.8% + 0.25
    assert mollie("consumer_credit", "US") == eur("3.05")  # 2.8% + 0.25
    assert mollie("commercial", "DE") == eur("3.05")  # business cards: 2.8% + 0.25


def test_each_part_is_rounded_half_up_to_the_minor_unit() -> None:
    # 1.5% of 33.33 is 0.49995: half up to 0.50, plus 0.25.
    assert stripe_nl("33.33", "consumer_credit", "NL") == eur("0.75")


@pytest.mark.parametrize(
    ("method", "card", "issuer", "merchant", "on", "missing"),
    [
        ("paypal", None, None, "NL", DAY, "stripe fee for paypal"),
        ("card", "consumer_credit", "NL", "FR", DAY, "merchant in FR"),
        ("card", "consumer_credit", "NL", "NL", date(2023, 4, 9), "on 2023-04-09"),
    ],
)
def test_a_missing_row_names_what_is_missing_and_how_to_supply_it(
    method: str, card: str | None, issuer: str | None, merchant: str, on: date, missing: str
) -> None:
    with pytest.raises(MissingPaymentCostError) as raised:
        payment_cost(
            eur("10.00"), method, STRIPE, merchant_country=merchant, on=on,
            card_type=card, issuer_country=issuer,
        )  # fmt: skip
    assert missing in str(raised.value)
    assert "PaymentCostSource" in raised.value.how


def test_mollie_gives_no_debit_or_uk_rows() -> None:
    for card, issuer in (("consumer_debit", "NL"), ("consumer_credit", "GB")):
        with pytest.raises(MissingPaymentCostError):
            payment_cost(
                eur("10.00"), "card", MOLLIE, merchant_country="NL", on=DAY,
                card_type=card, issuer_country=issuer,
            )  # fmt: skip


def test_a_conversion_fee_the_page_does_not_give_is_missing_not_zero() -> None:
    with pytest.raises(MissingPaymentCostError, match="currency-conversion fee"):
        payment_cost(
            eur("10.00"), "card", STRIPE, merchant_country="NL", on=DAY,
            card_type="consumer_credit", issuer_country="US", converted=True,
        )  # fmt: skip


def test_an_amount_in_another_currency_than_the_schedule_is_refused() -> None:
    with pytest.raises(InvalidPaymentError, match="settled to the merchant"):
        payment_cost(
            Money("10.00", "USD"), "card", STRIPE, merchant_country="NL", on=DAY,
            card_type="consumer_credit", issuer_country="US",
        )  # fmt: skip


def test_a_card_payment_needs_its_type_and_issuer() -> None:
    with pytest.raises(InvalidPaymentError, match="issuer_country"):
        payment_cost(eur("10"), "card", STRIPE, merchant_country="NL", on=DAY,
                     card_type="consumer_debit")  # fmt: skip
    with pytest.raises(InvalidPaymentError, match="not a card"):
        payment_cost(eur("10"), "ideal", STRIPE, merchant_country="NL", on=DAY,
                     card_type="consumer_debit")  # fmt: skip


def contract(**changes: object) -> FeeSchedule:
    """A merchant's own contract: a separate cross-border add-on and a conversion fee."""
    fields: dict[str, object] = {
        "provider": "my-psp", "merchant_country": "NL", "method": "card",
        "card_type": "consumer_credit", "card_origin": "international",
        "percent": Decimal("1.2"), "fixed": eur("0.10"),
        "cross_border_percent": Decimal("1.5"), "conversion_percent": Decimal(2),
        "dispute_fee": eur("15.00"), "fee_kept_on_refund": True, "refund_fee": eur("0.00"),
        "since": date(2026, 1, 1), "until": None, "read_on": date(2026, 1, 5),
        "sources": ("https://example.com/my-contract",),
    }  # fmt: skip
    fields.update(changes)
    return FeeSchedule([FeeRow(**fields)])  # type: ignore[arg-type]


def paid_by_contract(amount: str = "200.00", **changes: object) -> PaymentCost:
    return payment_cost(
        eur(amount), "card", contract(**changes), merchant_country="NL", on=DAY,
        card_type="consumer_credit", issuer_country="US", converted=True,
    )  # fmt: skip


def test_a_contract_plugged_in_shows_every_part() -> None:
    cost = paid_by_contract()
    assert isinstance(contract(), PaymentCostSource)
    assert cost.parts == (eur("2.40"), eur("0.10"), eur("3.00"), eur("4.00"))
    assert cost.total == eur("9.50")


def test_a_refund_keeps_the_fee_where_the_schedule_says_so() -> None:
    cost = paid_by_contract(refund_fee=eur("0.50"))
    partial = refund_cost(cost, eur("50.00"))
    assert (partial.kept_fee, partial.refund_fee, partial.total) == (
        eur("9.50"),
        eur("0.50"),
        eur("10.00"),
    )
    returned = refund_cost(paid_by_contract(fee_kept_on_refund=False), eur("200.00"))
    assert returned.total == eur("0.00")


def test_a_refund_above_the_payment_is_refused() -> None:
    with pytest.raises(InvalidPaymentError, match="never exceeds"):
        refund_cost(paid_by_contract(), eur("200.01"))
    with pytest.raises(InvalidPaymentError, match="never exceeds"):
        refund_cost(paid_by_contract(), eur("100.01"), refunded_before=eur("100.00"))


def test_stripes_refund_fee_is_not_on_its_page_so_a_refund_cost_is_missing() -> None:
    """Stripe: 'Stripe's processing fees from the original transaction won't be
    returned' but 'refunds may incur fees' depending on the fee schedule: the refund fee
    is not given, so it is asked for instead of read as zero."""
    cost = payment_cost(
        eur("100.00"), "card", STRIPE, merchant_country="NL", on=DAY,
        card_type="consumer_credit", issuer_country="NL",
    )  # fmt: skip
    assert cost.row.fee_kept_on_refund is True
    with pytest.raises(MissingPaymentCostError, match="the refund fee"):
        refund_cost(cost, eur("100.00"))


def test_a_chargeback_costs_the_dispute_fee() -> None:
    cost = payment_cost(
        eur("100.00"), "card", STRIPE, merchant_country="NL", on=DAY,
        card_type="consumer_debit", issuer_country="NL",
    )  # fmt: skip
    assert chargeback_cost(cost).total == eur("20.00")  # "from €15 to €20"
    mollie = payment_cost(
        eur("100.00"), "card", MOLLIE, merchant_country="NL", on=DAY,
        card_type="consumer_credit", issuer_country="NL",
    )  # fmt: skip
    with pytest.raises(MissingPaymentCostError, match="dispute fee"):
        chargeback_cost(mollie)


@pytest.mark.parametrize(
    ("issuer", "merchant", "on", "origin"),
    [
        ("NL", "NL", DAY, "domestic"),
        ("IS", "DE", DAY, "eea"),
        ("DE", "GB", DAY, "eea"),  # a UK merchant sees an EEA card
        ("GB", "DE", DAY, "uk"),
        ("GB", "DE", date(2020, 12, 31), "eea"),  # the UK was in the EEA until then
        ("CH", "DE", DAY, "international"),
        ("DE", "US", DAY, "international"),
    ],
)
def test_card_origin(issuer: str, merchant: str, on: date, origin: str) -> None:
    assert card_origin(issuer, merchant, on=on) == origin


cents = st.integers(min_value=0, max_value=10**9).map(lambda n: eur(str(Decimal(n) / 100)))
issuers = st.sampled_from(["NL", "DE", "BE", "GB", "US", "NO"])
cards = st.sampled_from(["consumer_debit", "consumer_credit", "commercial"])


@given(amount=cents, issuer=issuers, card=cards)
def test_the_parts_add_up_to_the_total(amount: Money, issuer: str, card: str) -> None:
    """percentage + fixed + cross-border + conversion == total, for every payment."""
    cost = payment_cost(
        amount, "card", STRIPE, merchant_country="NL", on=DAY,
        card_type=card, issuer_country=issuer,
    )  # fmt: skip
    assert sum((p.amount for p in cost.parts), Decimal(0)) == cost.total.amount


@given(low=cents, high=cents, issuer=issuers)
def test_the_cost_is_monotone_in_the_amount(low: Money, high: Money, issuer: str) -> None:
    """A larger payment never costs less under a percentage-plus-fixed schedule."""
    low, high = min(low, high), max(low, high)
    assert stripe_nl(str(low.amount), "consumer_credit", issuer) <= stripe_nl(
        str(high.amount), "consumer_credit", issuer
    )


@given(
    amount=cents.filter(lambda m: m.amount > 0),
    share=st.integers(0, 100),
    kept=st.booleans(),
)
def test_a_refund_cost_is_never_negative(amount: Money, share: int, kept: bool) -> None:
    """What the provider keeps on a refund is zero or more, and is its parts' sum."""
    cost = paid_by_contract(str(amount.amount), fee_kept_on_refund=kept)
    refunded = eur(
        str((amount.amount * share / 100).quantize(Decimal("0.01"), "ROUND_DOWN"))
    )
    result = refund_cost(cost, refunded)
    assert result.total.amount >= 0
    assert result.total == result.kept_fee + result.refund_fee


def test_mollies_undated_page_applies_from_the_day_it_was_read() -> None:
    """Mollie's card page carries no date, so its rows start on the day it was read
    (2026-11-30): the day before, no row; that day, "EUR 0.25 + 1.8%"."""

    def mollie(on: date) -> Money:
        return payment_cost(
            eur("100.00"), "card", MOLLIE, merchant_country="NL", on=on,
            card_type="consumer_credit", issuer_country="DE",
        ).total  # fmt: skip

    with pytest.raises(MissingPaymentCostError, match="on 2026-11-29"):
        mollie(date(2026, 11, 29))
    assert mollie(date(2026, 11, 30)) == eur("2.05")
