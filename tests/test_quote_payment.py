"""The buyer's payment in the checkout quote: its cost to the merchant, and a lawful
surcharge.

The quote against ``payment_cost`` and ``surcharge_decision`` composed by hand on
random shops, buyers, carts and payments (the same quote without the payment, then the
payment priced on its grand total); worked examples from the bundled data and the law;
the context's refusals.

Figures checked here, from ``payments/_data/fees.csv`` (Stripe's April 2023 pricing
page for EEA accounts, read 2026-11-30): "Standard EU cards: 1.5% + EUR0.25" and
"International cards: 3.25% + EUR0.25"; and from ``surcharge_rules.csv``: PSD2 Art.
62(4) and BGB § 270a ban a surcharge on an EU consumer card from 2018-01-13; BGB §
312a(4) allows one up to cost on a consumer card issued outside the EU; UK SI
2012/3110 reg. 4 allowed a consumer surcharge up to cost from 2013-04-06 to
2018-01-12, and reg. 6A(2) allows one on a commercial card up to cost.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from commercekit.checkout import (
    CheckoutContext,
    Payment,
    PaymentSurcharge,
    Product,
    Quote,
    QuotePayment,
    quote,
)
from commercekit.errors import (
    CommerceKitError,
    InvalidAmountError,
    MissingPaymentCostError,
    SurchargeRefusedError,
)
from commercekit.money import Money, allocate, sum_money
from commercekit.payments import (
    CardType,
    FeeRow,
    FeeSchedule,
    PaymentCost,
    example_schedule,
    payment_cost,
    surcharge_decision,
)
from commercekit.pricing import Cart, CartLine, PercentOff, Promotion
from commercekit.shipping import Incoterm, example_rate_cards
from commercekit.tax import (
    Buyer,
    RoundingLevel,
    Seller,
    extract_tax,
    rates_for,
    validate_tax_id,
)
from tests.quote_data import RATES, StatedTariff

D = Decimal
AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
STRIPE = example_schedule("stripe")
PRODUCTS = {
    "BOOK": Product("BOOK", "books", hs_code="4901.99", origin="NL", weight_kg=D("0.5")),
    "MUG": Product("MUG", "standard", hs_code="6912.00", origin="PT", weight_kg=D("0.4")),
    "TEE": Product("TEE", "standard", hs_code="6109.10", origin="PT", weight_kg=D("0.2")),
}


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _context(
    seller: str, buyer: Buyer | str, payment: Payment | None, **fields: Any
) -> CheckoutContext:
    """A checkout at ``AT``, prices with tax, paid by ``payment`` priced on Stripe's
    example schedule, unless ``fields`` say otherwise."""
    found = Buyer(buyer) if isinstance(buyer, str) else buyer
    values: dict[str, Any] = {
        "at": AT,
        "prices_include_tax": True,
        "products": PRODUCTS,
        "payment": payment,
        "payment_costs": STRIPE,
    }
    return CheckoutContext(Seller(seller), found, **values | fields)


MUGS = Cart([CartLine("MUG", eur("50.00"), 2)])


# --- worked examples ------------------------------------------------------------------


def test_a_german_consumer_credit_card_at_a_dutch_shop_costs_1_75_on_100() -> None:
    """EUR 100.00 paid by a consumer credit card issued in Germany to a merchant in the
    Netherlands, Stripe's example schedule: an EEA card, "Standard EU cards: 1.5% +
    EUR0.25": 1.50 + 0.25 = 1.75. Not charged to the buyer: the total stays 100.00."""
    result = quote(MUGS, _context("NL", "DE", Payment("card", "consumer_credit", "DE")))
    assert result.grand_total == eur("100.00")
    payment = result.payment
    assert payment is not None
    cost = payment.cost
    assert (cost.amount, cost.percentage_fee, cost.fixed_fee, cost.total) == (
        eur("100.00"),
        eur("1.50"),
        eur("0.25"),
        eur("1.75"),
    )
    assert (cost.row.merchant_country, cost.row.card_origin) == ("NL", "eea")
    assert payment.surcharge is None
    assert payment.charged == eur("0.00")
    assert payment.why[0] == (
        "card (consumer_credit, DE) costs the merchant 1.75 EUR on 100.00 EUR (stripe "
        "example schedule), not charged to the buyer"
    )
    assert any("labelled example" in line for line in payment.why)
    assert f"payment: {payment.why[0]}" in result.explanation


def test_a_wallet_is_priced_as_the_card_inside_it() -> None:
    card = quote(MUGS, _context("NL", "DE", Payment("card", "consumer_debit", "DE")))
    wallet = quote(MUGS, _context("NL", "DE", Payment("apple_pay", "consumer_debit", "DE")))
    assert card.payment is not None
    assert wallet.payment is not None
    assert wallet.payment.cost.total == card.payment.cost.total == eur("1.75")


def test_a_surcharge_on_a_german_consumer_card_in_germany_is_refused() -> None:
    """PSD2 Art. 62(4) and BGB § 270a: no surcharge on a consumer card whose
    interchange the IFR caps (issued and acquired in the EU), from 2018-01-13."""
    context = _context(
        "DE",
        "DE",
        Payment("card", "consumer_credit", "DE", surcharge=True, free_means_offered=True),
    )
    with pytest.raises(SurchargeRefusedError) as refused:
        quote(MUGS, context)
    assert refused.value.ruling == "refused"
    assert refused.value.requested == eur("1.75")  # 1.5 % of 100.00 + 0.25
    assert "https://eur-lex.europa.eu/eli/dir/2015/2366/oj" in refused.value.sources
    # Without the surcharge the same payment is quoted, its cost borne by the shop.
    plain = quote(
        MUGS, attrs.evolve(context, payment=Payment("card", "consumer_credit", "DE"))
    )
    assert plain.payment is not None
    assert plain.payment.cost.total == eur("1.75")


def test_a_surcharge_on_a_british_consumer_card_is_refused_in_the_uk_since_2018() -> None:
    contract = _gbp_contract("consumer_credit")
    payment = Payment(
        "card", "consumer_credit", "GB", surcharge=True, free_means_offered=True
    )
    context = _context("GB", "GB", payment, payment_costs=contract)
    with pytest.raises(SurchargeRefusedError) as refused:
        quote(_pounds(), context)
    assert refused.value.ruling == "refused"
    assert any("reg 6A(1)(a)" in line for line in refused.value.why)


def test_a_commercial_card_surcharge_in_the_netherlands_is_not_bundled() -> None:
    """No bundled rule says whether a Dutch shop may surcharge a commercial card: the
    quote refuses rather than guess (surcharge_rules.csv: the Netherlands' own rule was
    not checked)."""
    context = _context(
        "NL",
        "NL",
        Payment("card", "commercial", "NL", surcharge=True, free_means_offered=True),
    )
    with pytest.raises(SurchargeRefusedError) as refused:
        quote(MUGS, context)
    assert refused.value.ruling == "not bundled"
    assert refused.value.cap is None


def test_an_american_consumer_card_may_be_surcharged_up_to_cost_in_germany() -> None:
    """BGB § 312a(4): a German shop may charge a consumer for a card outside IFR
    Chapter II (issued in the US) up to its cost. On Stripe's example schedule,
    "International cards: 3.25% + EUR0.25": accepting the EUR 100.00 of mugs costs
    3.25 + 0.25 = 3.50, the surcharge, VAT included (19 % inside: 0.56, net 2.94). The
    payment of 103.50 then costs 3.36 + 0.25 = 3.61: the surcharge stays below it."""
    payment = Payment(
        "card", "consumer_credit", "US", surcharge=True, free_means_offered=True
    )
    result = quote(MUGS, _context("DE", "DE", payment))
    surcharge = result.surcharge
    assert surcharge is not None
    assert result.payment is not None
    assert (surcharge.net, surcharge.tax, surcharge.gross) == (
        eur("2.94"),
        eur("0.56"),
        eur("3.50"),
    )
    assert surcharge.cost.amount == eur("100.00")
    assert surcharge.decision.ruling == "allowed"
    assert surcharge.decision.cap == eur("3.61")
    assert result.grand_total == eur("103.50")
    assert result.payment.cost.total == eur("3.61")
    assert result.payment.charged == eur("3.50")
    # The goods' 15.97 VAT (19 % inside 100.00) and the surcharge's 0.56, in one row.
    [row] = result.tax_summary
    assert (row.rate, row.base, row.amount) == (D(19), eur("86.97"), eur("16.53"))
    assert result.tax == eur("16.53")
    assert any(line.startswith("payment surcharge: ") for line in result.explanation)


def test_a_commercial_card_may_be_surcharged_in_germany_too() -> None:
    """BGB § 312a(4) caps, and § 270a does not ban, a consumer's fee for a commercial
    card: "Premium EU cards: 1.9% + EUR0.25" is 1.90 + 0.25 = 2.15 on 100.00."""
    payment = Payment("card", "commercial", "DE", surcharge=True, free_means_offered=True)
    result = quote(MUGS, _context("DE", "DE", payment))
    assert result.surcharge is not None
    assert result.surcharge.gross == eur("2.15")
    assert result.grand_total == eur("102.15")


def _gbp_contract(card_type: str) -> FeeSchedule:
    """A British shop's contract, typed in (test figures): 1.2 % + GBP 0.20."""
    return FeeSchedule(
        [
            FeeRow(
                "uk-psp", "GB", "card", card_type, "domestic", percent=D("1.2"),
                fixed=Money("0.20", "GBP"), cross_border_percent=D(0),
                conversion_percent=None, dispute_fee=None, fee_kept_on_refund=None,
                refund_fee=None, since=date(2013, 1, 1), until=None,
                read_on=date(2026, 1, 5), sources=("https://example.com/uk-contract",),
            )
        ]
    )  # fmt: skip


def _pounds() -> Cart:
    return Cart([CartLine("MUG", Money("60.00", "GBP"), 1)])


def test_a_british_consumer_card_could_be_surcharged_up_to_cost_before_2018() -> None:
    """UK SI 2012/3110 reg. 4 (6 April 2013 to 12 January 2018): a consumer fee for
    any means of payment up to the trader's cost. 1.2 % of GBP 60.00 is 0.72, plus
    0.20: 0.92, VAT (20 %) inside 0.15."""
    payment = Payment(
        "card", "consumer_debit", "GB", surcharge=True, free_means_offered=True
    )
    context = _context(
        "GB",
        "GB",
        payment,
        payment_costs=_gbp_contract("consumer_debit"),
        at=datetime(2018, 1, 12, 12, tzinfo=UTC),
    )
    result = quote(_pounds(), context)
    assert result.surcharge is not None
    assert (result.surcharge.gross, result.surcharge.tax) == (
        Money("0.92", "GBP"),
        Money("0.15", "GBP"),
    )
    assert result.grand_total == Money("60.92", "GBP")
    later = attrs.evolve(context, at=datetime(2018, 1, 13, 12, tzinfo=UTC))
    with pytest.raises(SurchargeRefusedError):
        quote(_pounds(), later)


def test_a_british_business_may_be_surcharged_for_a_commercial_card() -> None:
    """UK SI 2012/3110 reg. 6A(2): a commercial card may be surcharged up to cost,
    whoever pays. A VAT-registered British business buyer, prices without VAT: the
    surcharge is still what the buyer pays for it, VAT included."""
    buyer = Buyer("GB", tax_id=validate_tax_id("GB980780684"))
    payment = Payment("card", "commercial", "GB", surcharge=True, free_means_offered=True)
    context = _context(
        "GB",
        buyer,
        payment,
        payment_costs=_gbp_contract("commercial"),
        prices_include_tax=False,
    )
    result = quote(_pounds(), context)  # 60.00 + 20 % = 72.00
    assert result.surcharge is not None
    assert result.payment is not None
    assert result.surcharge.gross == Money("1.06", "GBP")  # 0.864 -> 0.86, + 0.20
    assert result.grand_total == Money("73.06", "GBP")
    assert "The buyer is a business (tax number GB980780684)." in result.payment.why


def test_a_surcharge_follows_the_goods_rates_in_proportion_to_the_lines() -> None:
    """A mug at 19 % and a book at 7 % (German rates), 60.00 and 40.00: the 3.50
    surcharge is shared 2.10 and 1.40 and taxed at each rate, as the shipping would
    be."""
    cart = Cart([CartLine("MUG", eur("60.00"), 1), CartLine("BOOK", eur("40.00"), 1)])
    payment = Payment(
        "card", "consumer_credit", "US", surcharge=True, free_means_offered=True
    )
    result = quote(cart, _context("DE", "DE", payment))
    assert result.surcharge is not None
    day = AT.date()
    shares = allocate(eur("3.50"), [D(40), D(60)])  # the lines by SKU: BOOK, MUG
    expected = [
        extract_tax(share, rates_for("DE", category, on=day)).tax
        for share, category in zip(shares, ("books", "standard"), strict=True)
    ]
    assert shares == [eur("1.40"), eur("2.10")]
    assert result.surcharge.tax == sum_money(expected, "EUR") == eur("0.43")
    rows = {row.rate: row.amount for row in result.tax_summary}
    goods = {line.rates[0].rate: line.tax for line in result.lines}
    assert rows == {D(7): goods[D(7)] + expected[0], D(19): goods[D(19)] + expected[1]}


def test_without_tax_at_checkout_the_surcharge_carries_none() -> None:
    """A German shop exporting to a US consumer (no VAT at checkout, duties unpaid):
    the surcharge is all net."""
    payment = Payment(
        "card", "consumer_credit", "US", surcharge=True, free_means_offered=True
    )
    context = _context(
        "DE",
        "US",
        payment,
        incoterm="DAP",
        tariffs=StatedTariff(default="0"),
        exchange_rates=RATES,
    )
    result = quote(MUGS, context)
    assert result.surcharge is not None
    assert result.surcharge.tax == eur("0.00")
    assert result.surcharge.net == result.surcharge.gross == eur("3.50")
    assert result.tax_summary == ()


# --- the context's refusals -----------------------------------------------------------


def test_a_payment_needs_its_fee_schedule_and_a_schedule_its_payment() -> None:
    card = Payment("card", "consumer_credit", "DE")
    with pytest.raises(InvalidAmountError) as refused:
        _context("NL", "DE", card, payment_costs=None)
    assert refused.value.field == "payment_costs"
    assert "no provider is assumed" in str(refused.value)
    with pytest.raises(InvalidAmountError) as refused:
        _context("NL", "DE", None, payment_costs=STRIPE)
    assert refused.value.field == "payment"
    with pytest.raises(InvalidAmountError) as refused:
        _context("NL", "DE", card, payment_costs="stripe")
    assert "has no fee_row() method" in str(refused.value)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"method": "cheque"}, "method"),
        ({"method": "card", "issuer_country": "DE"}, "card_type"),
        ({"method": "card", "card_type": "consumer_credit"}, "issuer_country"),
        ({"method": "ideal", "card_type": "consumer_debit"}, "card_type"),
        ({"method": "card", "card_type": "gold", "issuer_country": "DE"}, "card_type"),
        ({"method": "card", "card_type": "commercial", "issuer_country": "DE",
          "surcharge": "yes"}, "surcharge"),
    ],
)  # fmt: skip
def test_a_payment_is_checked_when_built(fields: dict[str, Any], field: str) -> None:
    with pytest.raises(CommerceKitError) as refused:
        Payment(**fields)
    assert getattr(refused.value, "field", None) == field


def test_a_schedule_in_another_currency_than_the_quote_is_refused() -> None:
    context = _context("NL", "NL", Payment("card", "consumer_credit", "NL"))
    with pytest.raises(InvalidAmountError) as refused:
        quote(_pounds(), attrs.evolve(context, exchange_rates=RATES))
    assert refused.value.field == "payment_costs"
    assert "priced in the quote's currency" in str(refused.value)


def test_a_schedule_without_the_method_raises_naming_it() -> None:
    context = _context("NL", "NL", Payment("ideal"))
    with pytest.raises(MissingPaymentCostError, match="a stripe fee for ideal"):
        quote(MUGS, context)


def test_a_quote_refuses_a_payment_that_does_not_add_up() -> None:
    """The quote's own checks: the payment's cost is of the grand total, and a
    surcharge's of the total before it."""
    payment = Payment(
        "card", "consumer_credit", "US", surcharge=True, free_means_offered=True
    )
    result = quote(MUGS, _context("DE", "DE", payment))
    assert result.payment is not None
    assert result.surcharge is not None
    fields = {f.name: getattr(result, f.name) for f in attrs.fields(Quote)}
    other = payment_cost(
        eur("199.00"), "card", STRIPE, merchant_country="DE", on=AT.date(),
        card_type="consumer_credit", issuer_country="US",
    )  # fmt: skip
    with pytest.raises(InvalidAmountError, match="not the grand total"):
        Quote(**fields | {"payment": attrs.evolve(result.payment, cost=other)})
    with pytest.raises(InvalidAmountError, match="does not add up to the tax"):
        Quote(**fields | {"tax_summary": result.tax_summary * 2})
    with pytest.raises(InvalidAmountError, match="passes that cost on"):
        attrs.evolve(result.surcharge, gross=eur("3.49"), net=eur("2.93"))
    with pytest.raises(InvalidAmountError, match="exactly when the payment asks"):
        QuotePayment(payment, result.payment.cost, None, ("why",))


# --- the quote against its parts composed by hand -------------------------------------

TARIFF = StatedTariff({"4901.99": "0"}, default="12")
CARD_COUNTRIES = ("DE", "NL", "FR", "BE", "GB", "US", "CH")
SOLD_AT = datetime(2026, 12, 1, 12, tzinfo=UTC)  # Mollie's example rows start 2026-11-30
CONTRACT = FeeSchedule(
    [
        attrs.evolve(
            row,
            provider="contract",
            conversion_percent=D(2),
            refund_fee=eur("0.50"),
            sources=("https://example.com/contract",),
        )
        for row in STRIPE.rows
    ]
)
"""Stripe's example rows as a contract that also states a conversion and refund fee."""


@st.composite
def payments(draw: st.DrawFn) -> Payment:
    method = draw(
        st.sampled_from(["card", "card", "apple_pay", "google_pay", "sepa_direct_debit"])
    )
    surcharge = draw(st.booleans())
    free = draw(st.sampled_from([True, True, False, None]))
    if method == "sepa_direct_debit":
        return Payment(method, surcharge=surcharge, free_means_offered=free)
    return Payment(
        method,
        draw(st.sampled_from(list(CardType))),
        draw(st.sampled_from(CARD_COUNTRIES)),
        surcharge=surcharge,
        free_means_offered=free,
    )


@st.composite
def checkouts(draw: st.DrawFn) -> tuple[Cart, CheckoutContext]:
    """A random cart and checkout: a Dutch or German shop, a buyer at home, in the EU
    or abroad (a German business now and then), prices with or without tax, a
    percentage off, shipping on the example cards (from the Netherlands) or none, any
    rounding level, a payment on Stripe's or Mollie's example or on a contract."""
    lines = [
        CartLine(
            draw(st.sampled_from(sorted(PRODUCTS))),
            Money(D(draw(st.integers(min_value=0, max_value=40_000))).scaleb(-2), "EUR"),
            draw(st.integers(min_value=1, max_value=4)),
        )
        for _ in range(draw(st.integers(min_value=1, max_value=4)))
    ]
    seller = Seller(
        draw(st.sampled_from(["NL", "DE", "DE"])),
        {"OSS", "GB"},
        eu_sales_this_year=Money(draw(st.sampled_from(["0", "50000"])), "EUR"),
    )
    country = draw(st.sampled_from(["NL", "DE", "FR", "BE", "GB", "US"]))
    business = country == "DE" and draw(st.booleans())
    buyer = (
        Buyer("DE", tax_id=validate_tax_id("DE136695976")) if business else Buyer(country)
    )
    percent = draw(st.sampled_from([0, 10, 100]))
    shipped = seller.country == "NL" and draw(st.booleans())
    context = CheckoutContext(
        seller,
        buyer,
        at=SOLD_AT,
        prices_include_tax=draw(st.booleans()),
        products=PRODUCTS,
        promotions=[Promotion("OFF", PercentOff(percent))] if percent else [],
        rate_cards=example_rate_cards() if shipped else (),
        incoterm=draw(st.sampled_from([Incoterm.DDP, Incoterm.DAP])),
        exchange_rates=RATES,
        tariffs=TARIFF,
        rounding=draw(st.sampled_from(list(RoundingLevel))),
        payment=draw(payments()),
        payment_costs=draw(st.sampled_from([STRIPE, example_schedule("mollie"), CONTRACT])),
    )
    return Cart(lines), context


def _cost(amount: Money, context: CheckoutContext) -> PaymentCost:
    payment = context.payment
    assert payment is not None
    assert context.payment_costs is not None
    return payment_cost(
        amount,
        payment.method,
        context.payment_costs,
        merchant_country=context.seller.country,
        on=context.at.date(),
        card_type=payment.card_type,
        issuer_country=payment.issuer_country,
        converted=payment.converted,
    )


REFUSED = "refused"


def by_hand(cart: Cart, context: CheckoutContext) -> dict[str, Any]:
    """The same quote without the payment, then the payment priced on its total: with
    a surcharge, the cost of that total is the surcharge, checked against the cost of
    the total with it."""
    plain = quote(cart, attrs.evolve(context, payment=None, payment_costs=None))
    payment = context.payment
    assert payment is not None
    if not plain.grand_total.amount:  # no payment is taken: no fee, no surcharge
        nothing = plain.grand_total
        cost = attrs.evolve(
            _cost(nothing, context),
            percentage_fee=nothing,
            fixed_fee=nothing,
            cross_border_fee=nothing,
            conversion_fee=nothing,
        )
        return {"plain": plain, "cost": cost, "free": True}
    if not payment.surcharge:
        return {"plain": plain, "cost": _cost(plain.grand_total, context)}
    before = _cost(plain.grand_total, context)
    total = plain.grand_total + before.total
    cost = _cost(total, context)
    decision = surcharge_decision(
        total,
        payment.method,
        buyer="business" if context.buyer.tax_id else "consumer",
        merchant_country=context.seller.country,
        cost=cost.total,
        on=context.at.date(),
        card_type=payment.card_type,
        card_country=payment.issuer_country,
        free_means_offered=payment.free_means_offered,
    )
    if not decision.allowed:
        return {"plain": plain, "refused": decision}
    return {"plain": plain, "cost": cost, "before": before, "decision": decision}


def _check_surcharge(result: Quote, expected: dict[str, Any]) -> None:
    plain: Quote = expected["plain"]
    surcharge = result.surcharge
    assert isinstance(surcharge, PaymentSurcharge)
    assert surcharge.cost == expected["before"]
    assert surcharge.decision == expected["decision"]
    assert surcharge.gross == expected["before"].total
    assert surcharge.gross <= result.payment.cost.total if result.payment else False
    shipping = plain.shipping.gross if plain.shipping else plain.grand_total * 0
    assert result.grand_total == (
        plain.subtotal + shipping + surcharge.gross + plain.collected_border_charges
    )
    assert result.tax == plain.tax + surcharge.tax
    assert surcharge.net + surcharge.tax == surcharge.gross


@given(checkouts())
def test_the_quote_prices_its_payment_as_the_parts_composed_by_hand(
    checkout: tuple[Cart, CheckoutContext],
) -> None:
    """quote().payment.cost == payment_cost(quote().grand_total, ...); with a lawful
    surcharge, grand total == lines + shipping + surcharge + border charges collected,
    and the surcharge is the cost of the rest; the goods' figures do not move."""
    cart, context = checkout
    try:
        expected = by_hand(cart, context)
    except CommerceKitError as error:
        event(f"both raise {type(error).__name__}")
        with pytest.raises(type(error)):
            quote(cart, context)
        return
    if "refused" in expected:
        event(f"surcharge {expected['refused'].ruling}")
        with pytest.raises(SurchargeRefusedError):
            quote(cart, context)
        return
    result = quote(cart, context)
    plain: Quote = expected["plain"]
    assert result.payment is not None
    if "free" in expected:
        event("free order")
        assert result.payment.cost == attrs.evolve(
            expected["cost"], why=result.payment.cost.why
        )
        assert result.payment.surcharge is None
        return
    assert result.payment.cost == expected["cost"]
    assert result.payment.cost.amount == result.grand_total
    assert (result.lines, result.shipping, result.landed) == (
        plain.lines,
        plain.shipping,
        plain.landed,
    )
    assert result.collected_border_charges == plain.collected_border_charges
    assert sum_money([r.amount for r in result.tax_summary], "EUR") == (
        result.tax if result.tax_summary else result.tax * 0
    )
    if context.payment is not None and context.payment.surcharge:
        event("surcharge allowed")
        _check_surcharge(result, expected)
    else:
        event("no surcharge")
        assert result.grand_total == plain.grand_total
        assert result.payment.charged.amount == 0
