"""The checkout quote's payment on the edges a new-user review found: a free order,
invoice-level rounding with a surcharge, a converted payment, a partial quote, the
German condition of a usual free means of payment, and the payment's own errors.

Figures from Stripe's example schedule (``payments/_data/fees.csv``, read
2026-11-30): "International cards: 3.25% + EUR0.25".
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest

from commercekit.checkout import CheckoutContext, Payment, Product, quote
from commercekit.errors import (
    CommerceKitError,
    InvalidPaymentError,
    MissingDataError,
    SurchargeRefusedError,
)
from commercekit.money import Money
from commercekit.payments import example_schedule
from commercekit.pricing import Cart, CartLine, PercentOff, Promotion
from commercekit.tax import Buyer, Seller

D = Decimal
AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
STRIPE = example_schedule("stripe")
PRODUCTS = {
    "BOOK": Product("BOOK", "books", hs_code="4901.99", origin="NL", weight_kg=D("0.5")),
    "TEE": Product("TEE", "standard", hs_code="6109.10", origin="PT", weight_kg=D("0.2")),
}
US_CARD = Payment("card", "consumer_credit", "US", surcharge=True, free_means_offered=True)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _context(seller: str, buyer: str, payment: Payment, **fields: Any) -> CheckoutContext:
    values: dict[str, Any] = {
        "at": AT,
        "prices_include_tax": True,
        "products": PRODUCTS,
        "payment": payment,
        "payment_costs": STRIPE,
    }
    return CheckoutContext(Seller(seller), Buyer(buyer), **values | fields)


def test_a_free_order_takes_no_payment_so_costs_nothing_and_is_not_surcharged() -> None:
    """A 100 % promotion: the grand total is 0.00, so no payment is taken; the old
    quote reported Stripe's 0.25 fixed fee and surcharged the buyer 0.25 for nothing."""
    free = [Promotion("FREE", PercentOff(100))]
    cart = Cart([CartLine("TEE", eur("24.95"), 1)])
    for surcharge in (False, True):
        payment = Payment("card", "consumer_credit", "US", surcharge=surcharge)
        result = quote(cart, _context("DE", "DE", payment, promotions=free))
        assert result.grand_total == eur("0.00")
        assert result.payment is not None
        assert result.payment.cost.total == eur("0.00")
        assert result.payment.surcharge is None
        assert result.payment.charged == eur("0.00")
        assert "a payment of zero is never taken" in result.payment.why[0]


def test_a_converted_payment_is_refused_in_a_quote_paid_in_its_own_currency() -> None:
    """The quote's schedule must be in the quote's currency, so the provider converts
    nothing: the old quote still added Stripe's 2 % conversion fee and passed it on."""
    cart = Cart([CartLine("TEE", eur("24.95"), 1)])
    payment = Payment("card", "consumer_credit", "US", converted=True)
    with pytest.raises(InvalidPaymentError) as refused:
        quote(cart, _context("DE", "DE", payment))
    assert refused.value.field == "converted"
    assert "converts nothing" in str(refused.value)


def test_a_partial_ddp_quote_leaves_the_payment_out_and_lists_it() -> None:
    """Border charges collected at checkout (DDP) are missing: the total the buyer pays
    is not known, so neither is the payment's cost nor a surcharge; the old quote
    priced both on the incomplete total. Under DAP the charges are the buyer's at
    delivery: what is paid at checkout is known, and the payment is priced on it."""
    cart = Cart([CartLine("TEE", eur("24.95"), 2)])
    payment = US_CARD
    ddp = quote(cart, _context("DE", "US", payment, partial=True, incoterm="DDP"))
    assert ddp.payment is None
    assert ddp.surcharge is None
    assert ddp.grand_total == eur("49.90")
    assert [line.split(":")[0] for line in ddp.missing] == ["border charges", "payment"]
    assert "total paid is not known" in ddp.missing[-1]
    dap = quote(cart, _context("DE", "US", payment, partial=True, incoterm="DAP"))
    assert [line.split(":")[0] for line in dap.missing] == ["border charges"]
    assert dap.payment is not None
    assert dap.surcharge is not None
    # 3.25 % of 49.90 is 1.62175, 1.62 + 0.25: the cost of the goods' total.
    assert dap.surcharge.gross == eur("1.87")
    assert dap.grand_total == eur("51.77")


def test_a_german_consumer_surcharge_needs_a_usual_free_means_of_payment() -> None:
    """§ 312a(4) no. 1 BGB: a consumer's fee for a means of payment is void if no usual
    and reasonable free means of payment is offered. The quote must be told: not said,
    it asks; said False, the surcharge is refused; said True, it is charged."""
    cart = Cart([CartLine("TEE", eur("24.95"), 2)])
    unsaid = Payment("card", "consumer_credit", "US", surcharge=True)
    with pytest.raises(MissingDataError) as missing:
        quote(cart, _context("DE", "DE", unsaid))
    assert "say whether a usual free means of payment is offered" in str(missing.value)
    refused = attrs.evolve(unsaid, free_means_offered=False)
    with pytest.raises(SurchargeRefusedError) as no:
        quote(cart, _context("DE", "DE", refused))
    assert "No usual free means of payment is offered." in no.value.why
    offered = quote(cart, _context("DE", "DE", US_CARD))
    assert offered.surcharge is not None
    # Not asked where no surcharge is asked for.
    plain = Payment("card", "consumer_credit", "US")
    assert quote(cart, _context("DE", "DE", plain)).payment is not None


def test_a_payment_is_refused_in_the_payments_family_in_plain_words() -> None:
    """The old errors read "None is missing; a apple_pay payment needs its card_type",
    were InvalidAmount*Error, and a QuotePayment refusal printed a 2,076-character
    repr of the surcharge."""
    with pytest.raises(InvalidPaymentError) as missing:
        Payment("apple_pay", issuer_country="US")
    assert str(missing.value).startswith(
        "card_type=None is missing; an apple_pay payment needs its card_type"
    )
    with pytest.raises(InvalidPaymentError):
        Payment("card", "consumer_credit", "US", surcharge="yes")
    cart = Cart([CartLine("TEE", eur("24.95"), 2)])
    charged = quote(cart, _context("DE", "DE", US_CARD)).payment
    assert charged is not None
    with pytest.raises(CommerceKitError) as refused:
        attrs.evolve(charged, payment=attrs.evolve(US_CARD, surcharge=False))
    assert refused.value.field == "surcharge"  # type: ignore[attr-defined]
    assert len(str(refused.value)) < 300


def test_a_schedule_in_another_currency_names_the_field_and_the_currency() -> None:
    """A USD cart priced on a EUR schedule: refused at ``payment_costs`` as an amount
    fault naming the currency to use, without the schedule's Python repr."""
    cart = Cart([CartLine("TEE", Money("24.95", "USD"), 1)])
    context = _context("NL", "NL", Payment("card", "consumer_credit", "DE"))
    with pytest.raises(CommerceKitError) as refused:
        quote(cart, context)
    error = refused.value
    assert getattr(error, "field", None) == "payment_costs"
    assert getattr(error, "kind", None) is not None
    assert str(getattr(error, "kind", "")) in {"amount", "InputKind.AMOUNT"}
    assert "fees are in USD" in str(error)
    assert "FeeSchedule(" not in str(error)
