"""The payment after the sale: what a refund leaves with the provider, the surcharge
that goes back with the goods, and a quote's lines in the margin breakdown.

Worked examples on the bundled Stripe example schedule (which gives no refund fee:
"refunds may incur fees" depending on the schedule, so the figure is left blank) and on
a contract typed in with one; hypothesis properties for refunds in random steps (the
surcharge and its tax come back exactly, never more tax than surcharge) and for
``order_lines`` (every order-level figure shared without losing a cent).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import (
    CheckoutContext,
    Payment,
    Product,
    Quote,
    Refund,
    RefundPolicy,
    ShippingRefund,
    order_lines,
    quote,
    refund,
)
from commercekit.errors import (
    CurrencyMismatchError,
    InvalidAmountError,
    MissingDataError,
    MissingPaymentCostError,
)
from commercekit.metrics import OrderLine, margin_breakdown
from commercekit.money import Money, sum_money
from commercekit.payments import FeeSchedule, example_schedule
from commercekit.pricing import Cart, CartLine, PercentOff, Promotion
from commercekit.serde import example_request, quote_request_from_json
from commercekit.shipping import example_rate_cards
from commercekit.tax import Buyer, RoundingLevel, Seller

D = Decimal
AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
STRIPE = example_schedule("stripe")
CONTRACT = FeeSchedule(
    [
        attrs.evolve(
            row,
            provider="contract",
            refund_fee=Money("0.50", "EUR"),
            sources=("https://example.com/contract",),
        )
        for row in STRIPE.rows
    ]
)
"""Stripe's example rows as a contract that states a refund fee of EUR 0.50."""
PRODUCTS = {
    "BOOK": Product("BOOK", "books", weight_kg=D("0.5")),
    "MUG": Product("MUG", "standard", weight_kg=D("0.4")),
    "TEE": Product("TEE", "standard", weight_kg=D("0.2")),
}


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _order(seller: str, payment: Payment, costs: Any = STRIPE, **fields: Any) -> Quote:
    """Two mugs of EUR 50.00 sold to a German consumer, paid by ``payment``."""
    context = CheckoutContext(
        Seller(seller),
        Buyer("DE"),
        at=AT,
        prices_include_tax=True,
        products=PRODUCTS,
        payment=payment,
        payment_costs=costs,
        **fields,
    )
    return quote(Cart([CartLine("MUG", eur("50.00"), 2)]), context)


# --- refunds --------------------------------------------------------------------------


def test_a_schedule_without_a_refund_fee_makes_the_refund_raise_naming_it() -> None:
    order = _order("NL", Payment("card", "consumer_credit", "DE"))
    with pytest.raises(MissingPaymentCostError) as refused:
        refund(order, {"MUG": 1}, RefundPolicy())
    assert refused.value.missing == (
        "the refund fee of stripe NL card (consumer_credit, eea) (2023-04-10 onwards)",
    )


def test_a_partial_refund_leaves_the_providers_keep_out_and_lists_it() -> None:
    order = _order("NL", Payment("card", "consumer_credit", "DE"))
    back = refund(order, {"MUG": 1}, RefundPolicy(), partial=True)
    assert back.total == eur("50.00")
    assert back.payment_cost is None
    [missing] = back.missing
    assert missing.startswith(
        "the refund fee of stripe NL card (consumer_credit, eea) (2023-04-10 onwards): "
        "the schedule's source does not give it"
    )
    assert any("left out (partial)" in line for line in back.explanation)


def test_a_refund_says_what_the_provider_keeps_on_a_contract_with_a_refund_fee() -> None:
    """The order's payment cost 1.50 + 0.25 = 1.75 (1.5 % of 100.00 + 0.25); the
    contract keeps it on a refund (as Stripe's page says: "Stripe's processing fees from
    the original transaction won't be returned") and charges 0.50 per refund."""
    order = _order("NL", Payment("card", "consumer_credit", "DE"), CONTRACT)
    back = refund(order, {"MUG": 1}, RefundPolicy())
    kept = back.payment_cost
    assert kept is not None
    assert (kept.refunded, kept.kept_fee, kept.refund_fee, kept.total) == (
        eur("50.00"),
        eur("1.75"),
        eur("0.50"),
        eur("2.25"),
    )
    assert back.missing == ()
    assert "the payment provider keeps 2.25 EUR (1.75 EUR of the payment's fee, " in (
        " ".join(back.explanation)
    )


def test_a_refund_of_an_order_without_a_payment_carries_no_providers_keep() -> None:
    order = quote(
        Cart([CartLine("MUG", eur("50.00"), 2)]),
        CheckoutContext(
            Seller("NL"), Buyer("DE"), at=AT, prices_include_tax=True, products=PRODUCTS
        ),
    )
    back = refund(order, {"MUG": 1}, RefundPolicy())
    assert (back.payment_cost, back.surcharge, back.surcharge_tax) == (None, None, None)


def test_the_surcharge_goes_back_with_the_goods_in_proportion() -> None:
    """A German shop surcharged an American consumer card 3.50 (2.94 + 0.56 VAT) on
    two mugs: each mug returned takes back half of it, 1.75 with 0.28 VAT, as
    Directive 2011/83/EU Art. 13(1) ("all payments received") and the surcharge's
    place in the price of the goods (CJEU C-276/09) say."""
    order = _order(
        "DE",
        Payment("card", "consumer_credit", "US", surcharge=True, free_means_offered=True),
    )
    assert order.grand_total == eur("103.50")
    first = refund(order, {"MUG": 1}, RefundPolicy(), partial=True)
    second = refund(order, {"MUG": 1}, RefundPolicy(), previous=[first], partial=True)
    assert (first.surcharge, first.surcharge_tax) == (eur("1.75"), eur("0.28"))
    assert (second.surcharge, second.surcharge_tax) == (eur("1.75"), eur("0.28"))
    assert first.total == second.total == eur("51.75")
    assert first.total + second.total == order.grand_total
    assert first.tax + second.tax == order.tax == eur("16.53")


def test_a_restocking_fee_never_exceeds_what_goes_back_with_the_surcharge() -> None:
    order = _order(
        "DE",
        Payment("card", "consumer_credit", "US", surcharge=True, free_means_offered=True),
    )
    back = refund(order, {"MUG": 2}, RefundPolicy(restocking_percent=100), partial=True)
    assert back.restocking_fee == eur("100.00")
    assert back.total == eur("3.50")


@st.composite
def surcharged_orders(draw: st.DrawFn) -> Quote:
    """A German shop's order of 1-4 lines, surcharged for an American consumer card
    (or a commercial one), on a contract with a refund fee."""
    lines = [
        CartLine(
            draw(st.sampled_from(sorted(PRODUCTS))),
            Money(D(draw(st.integers(min_value=1, max_value=20_000))).scaleb(-2), "EUR"),
            draw(st.integers(min_value=1, max_value=4)),
        )
        for _ in range(draw(st.integers(min_value=1, max_value=4)))
    ]
    card = draw(st.sampled_from([("consumer_credit", "US"), ("commercial", "DE")]))
    context = CheckoutContext(
        Seller("DE"),
        Buyer("DE"),
        at=AT,
        prices_include_tax=draw(st.booleans()),
        products=PRODUCTS,
        rounding=draw(st.sampled_from(list(RoundingLevel))),
        payment=Payment("card", *card, surcharge=True, free_means_offered=True),
        payment_costs=CONTRACT,
    )
    return quote(Cart(lines), context)


def _steps(order: Quote, seed: int) -> list[dict[str, int]]:
    """Every unit of the order, returned in random steps."""
    units = [line.sku for line in order.lines for _ in range(line.quantity)]
    chooser = random.Random(seed)  # noqa: S311  # a test's shuffle, not a secret
    chooser.shuffle(units)
    steps: list[dict[str, int]] = []
    while units:
        count = chooser.randint(1, 3)
        taken, units = units[:count], units[count:]
        step: dict[str, int] = {}
        for sku in taken:
            step[sku] = step.get(sku, 0) + 1
        steps.append(step)
    return steps


@given(surcharged_orders(), st.integers(min_value=0, max_value=10**6))
def test_refunds_in_any_steps_return_the_surcharge_and_its_tax_exactly(
    order: Quote, seed: int
) -> None:
    """sum(refund.surcharge) == surcharge.gross and sum(refund.surcharge_tax) ==
    surcharge.tax over a whole return; each refund's surcharge tax <= its surcharge;
    the first of more than 0 says the provider keeps the payment's fee, later ones 0
    of it (it is kept once), and each the refund fee (none for a refund of 0)."""
    surcharge = order.surcharge
    assert surcharge is not None
    assert order.payment is not None
    done: list[Refund] = []
    steps = _steps(order, seed)
    for step in steps:
        done.append(refund(order, step, RefundPolicy(ShippingRefund.ALWAYS), previous=done))
    gross = [back.surcharge for back in done if back.surcharge is not None]
    taxes = [back.surcharge_tax for back in done if back.surcharge_tax is not None]
    assert sum_money(gross, "EUR") == surcharge.gross
    assert sum_money(taxes, "EUR") == surcharge.tax
    assert all(tax <= back for tax, back in zip(taxes, gross, strict=True))
    assert sum_money([back.total for back in done], "EUR") == order.grand_total
    assert sum_money([back.tax for back in done], "EUR") == order.tax
    first = next((back for back in done if back.total.amount), None)
    for back in done:
        kept = back.payment_cost
        assert kept is not None
        assert (kept.refunded, kept.kept_fee, kept.refund_fee) == (
            back.total,
            order.payment.cost.total if back is first else eur("0.00"),
            eur("0.50") if back.total.amount else eur("0.00"),
        )


# --- the margin breakdown -------------------------------------------------------------


def _example_order() -> tuple[Quote, CheckoutContext]:
    cart, context = quote_request_from_json(example_request("nl-to-de-consumer"))
    return quote(cart, context), context


def test_the_dutch_example_as_order_lines() -> None:
    """The bundled Dutch shop's order to a German consumer: two organic tees (44.91,
    net 37.74 at 19 %) and an atlas (35.55, net 33.22 at 7 %) after 10 % off, shipping
    7.19 (net 6.34), paid by a German consumer credit card (1.5 % of 87.65 = 1.31, +
    0.25 = 1.56). Worked by hand:

    * discounts net of tax: 4.99 with 19 % inside is 4.19; 3.95 with 7 % inside, 3.69;
    * shipping 6.34 by net, 33.22 : 37.74: 2.968 and 3.372, so 2.96 + 3.37 and the
      cent left to the larger remainder: 2.97 and 3.37;
    * payment cost 1.56 by gross, 35.55 : 44.91: 0.689 and 0.871, so 0.69 and 0.87;
    * the carrier's 5.80 by net: 2.715 and 3.085, so 2.72 and 3.08; fulfilment 3.00 by
      units, 1 : 2."""
    order, context = _example_order()
    book, tee = order_lines(
        order,
        context,
        order="NL-1001",
        channel="web",
        unit_costs={"TEE-ORGANIC": eur("9.00"), "BOOK-ATLAS": eur("14.00")},
        fulfilment=eur("3.00"),
        shipping_cost=eur("5.80"),
        commissions=eur("0.00"),
    )
    assert (book.product, tee.product) == ("BOOK-ATLAS", "TEE-ORGANIC")
    assert (book.market, book.day, book.units, tee.units) == (
        "DE",
        date(2026, 11, 26),
        1,
        2,
    )
    figures = [
        (line.revenue, line.discounts, line.shipping_charged, line.payment_costs,
         line.shipping_cost, line.fulfilment, line.cost_of_goods)
        for line in (book, tee)
    ]  # fmt: skip
    assert figures == [
        (eur("36.91"), eur("3.69"), eur("2.97"), eur("0.69"), eur("2.72"), eur("1.00"),
         eur("14.00")),
        (eur("41.93"), eur("4.19"), eur("3.37"), eur("0.87"), eur("3.08"), eur("2.00"),
         eur("18.00")),
    ]  # fmt: skip
    report = margin_breakdown(
        [book, tee], [], start=date(2026, 11, 1), end=date(2026, 12, 1), by=()
    )
    # 70.96 net goods + 6.34 shipping - 32.00 - 3.00 - 5.80 - 1.56
    assert report.total.margin == eur("34.94")


def test_order_lines_need_the_payment_and_every_unit_cost() -> None:
    order, context = _example_order()
    costs = {"fulfilment": eur("0"), "shipping_cost": eur("0"), "commissions": eur("0")}
    with pytest.raises(MissingDataError, match="the unit cost of 'TEE-ORGANIC'"):
        order_lines(
            order, context, order="1", channel="web",
            unit_costs={"BOOK-ATLAS": eur("14.00")}, **costs,
        )  # fmt: skip
    plain = attrs.evolve(context, payment=None, payment_costs=None)
    unpaid = quote(*quote_request_from_json(example_request("nl-to-fr-business")))
    with pytest.raises(MissingDataError, match="the cost of the quote's payment"):
        order_lines(unpaid, plain, order="1", channel="web", unit_costs={}, **costs)
    other = attrs.evolve(context, at=datetime(2026, 11, 27, tzinfo=UTC))
    with pytest.raises(InvalidAmountError, match="is not the quote's moment"):
        order_lines(order, other, order="1", channel="web", unit_costs={}, **costs)
    with pytest.raises(CurrencyMismatchError, match="the order's unit_costs"):
        order_lines(
            order, context, order="1", channel="web",
            unit_costs={"BOOK-ATLAS": Money("14", "GBP"), "TEE-ORGANIC": eur("9")},
            **costs,
        )  # fmt: skip


@st.composite
def paid_orders(draw: st.DrawFn) -> tuple[Quote, CheckoutContext]:
    """A random paid order from a Dutch or German shop: 1-5 lines (a SKU may repeat),
    a percentage off, shipping or none, a surcharge where lawful."""
    lines = [
        CartLine(
            draw(st.sampled_from(sorted(PRODUCTS))),
            Money(D(draw(st.integers(min_value=0, max_value=20_000))).scaleb(-2), "EUR"),
            draw(st.integers(min_value=1, max_value=4)),
        )
        for _ in range(draw(st.integers(min_value=1, max_value=5)))
    ]
    seller = draw(st.sampled_from(["NL", "DE"]))
    surcharge = seller == "DE" and draw(st.booleans())
    percent = draw(st.sampled_from([0, 15, 100]))
    context = CheckoutContext(
        Seller(seller),
        Buyer(draw(st.sampled_from(["NL", "DE", "FR"]))),
        at=AT,
        prices_include_tax=draw(st.booleans()),
        products=PRODUCTS,
        promotions=[Promotion("OFF", PercentOff(percent))] if percent else [],
        rate_cards=example_rate_cards() if seller == "NL" and draw(st.booleans()) else (),
        rounding=draw(st.sampled_from(list(RoundingLevel))),
        payment=Payment(
            "card",
            "consumer_credit",
            "US",
            surcharge=surcharge,
            free_means_offered=True,
        ),
        payment_costs=STRIPE,
    )
    return quote(Cart(lines), context), context


def _money(draw: st.DrawFn) -> Money:
    return Money(D(draw(st.integers(min_value=0, max_value=5_000))).scaleb(-2), "EUR")


@given(paid_orders(), st.data())
def test_order_lines_share_every_figure_without_losing_a_cent(
    paid: tuple[Quote, CheckoutContext], data: st.DataObject
) -> None:
    """sum(payment_costs) == quote.payment.cost.total; sum(revenue - discounts) ==
    the lines' net + the surcharge's net; sum(shipping_charged) == the shipping's net;
    the caller's fulfilment, carrier cost and commissions add up to what was given."""
    order, context = paid
    assert order.payment is not None
    given_costs = {
        name: data.draw(st.builds(lambda c: Money(D(c).scaleb(-2), "EUR"),
                                  st.integers(min_value=0, max_value=5_000)))
        for name in ("fulfilment", "shipping_cost", "commissions")
    }  # fmt: skip
    unit_costs = {line.sku: eur("3.00") for line in order.lines}
    lines = order_lines(
        order, context, order="1", channel="web", unit_costs=unit_costs, **given_costs
    )

    def total(field: str) -> Money:
        return sum_money([getattr(line, field) for line in lines], "EUR")

    zero = eur("0.00")
    surcharge = order.surcharge.net if order.surcharge else zero
    assert total("payment_costs") == order.payment.cost.total
    assert total("revenue") - total("discounts") == (
        sum_money([line.net for line in order.lines], "EUR") + surcharge
    )
    assert total("shipping_charged") == (order.shipping.net if order.shipping else zero)
    for name, value in given_costs.items():
        assert total(name) == value
    assert sum(line.units for line in lines) == sum(line.quantity for line in order.lines)
    assert total("cost_of_goods") == eur("3.00") * sum(line.units for line in lines)
    assert len({line.product for line in lines}) == len(lines)
    assert all(isinstance(line, OrderLine) for line in lines)
