"""Free shipping lost on a return: hypothesis properties.

Random orders (1 to 4 lines, prices with or without tax, a free-shipping threshold of
EUR 1 to 120 on every line or on one SKU, sometimes a percentage off first) are returned
in random steps under every ``below_threshold`` rule and any restocking fee, by a
return under the shop's own terms. Whatever the steps, every refund adds up to its
parts, none is negative, all of them together never exceed what was paid, and the
shipping deducted never exceeds what the threshold waived.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from commercekit.checkout import (
    BelowThreshold,
    CheckoutContext,
    Product,
    Quote,
    Refund,
    RefundPolicy,
    quote,
    refund,
)
from commercekit.money import Money, sum_money
from commercekit.pricing import Cart, CartLine, FreeShipping, PercentOff, Promotion
from commercekit.shipping import example_rate_cards
from commercekit.tax import Buyer, Seller
from tests.test_refund_properties import a_return, left_to_return

D = Decimal
AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
PRODUCTS = {
    sku: Product(sku, "standard", weight_kg=D("0.3")) for sku in ("MUG", "PIN", "TEE")
}


@st.composite
def orders(draw: st.DrawFn) -> Quote:
    """A Dutch order whose shipping a threshold made free (or that missed it)."""
    lines = [
        CartLine(
            draw(st.sampled_from(sorted(PRODUCTS))),
            Money(D(draw(st.integers(min_value=0, max_value=6_000))).scaleb(-2), "EUR"),
            draw(st.integers(min_value=1, max_value=4)),
        )
        for _ in range(draw(st.integers(min_value=1, max_value=4)))
    ]
    cents = draw(st.integers(min_value=100, max_value=12_000))
    threshold = Money(D(cents).scaleb(-2), "EUR")
    only = draw(st.sampled_from([None, *sorted(PRODUCTS)]))
    promotions = [
        Promotion(
            "SHIP",
            FreeShipping(),
            minimum_subtotal=threshold,
            skus=None if only is None else {only},
        )
    ]
    percent = draw(st.integers(min_value=0, max_value=50))
    if percent:
        promotions.append(Promotion("OFF", PercentOff(percent)))
    context = CheckoutContext(
        Seller("NL"),
        Buyer("NL"),
        at=AT,
        prices_include_tax=draw(st.booleans()),
        products=PRODUCTS,
        promotions=tuple(promotions),
        rate_cards=example_rate_cards(),
    )
    return quote(Cart(lines), context)


@settings(deadline=None)
@given(orders(), st.sampled_from(list(BelowThreshold)), st.integers(0, 30), st.data())
def test_refunds_below_a_threshold_never_exceed_what_was_paid(
    order: Quote, rule: BelowThreshold, percent: int, data: st.DataObject
) -> None:
    """Each total == goods + charges - fee - shipping deducted, >= 0; the totals so far
    <= paid; the shipping deducted so far <= the shipping waived; under deduct_shipping
    without a fee, the waived shipping is kept up to what the refunds from the one that
    crossed the threshold on would give back (refunds before it are not clawed back)."""
    policy = RefundPolicy(below_threshold=rule, restocking_percent=percent)
    zero = order.grand_total * 0
    waived = sum_money([a.shipping for a in order.promotions.applied], order.currency)
    done: list[Refund] = []
    steps = data.draw(st.integers(min_value=0, max_value=5))
    for step in range(steps + 1):
        left = left_to_return(order, done)
        back = refund(
            order,
            a_return(data, left) if step < steps else dict(left),  # the rest, last
            policy,
            previous=data.draw(st.permutations(done)),
            withdrawal=False,
        )
        done.append(back)
        deducted = back.shipping_deducted or zero
        charges = back.shipping + back.border + (back.surcharge or zero)
        assert back.total == back.goods + charges - back.restocking_fee - deducted
        assert back.total >= zero
        assert sum_money([r.total for r in done], order.currency) <= order.grand_total
        kept = sum_money([r.shipping_deducted or zero for r in done], order.currency)
        assert kept <= waived
    total = sum_money([r.total for r in done], order.currency)
    fees = sum_money([r.restocking_fee for r in done], order.currency)
    kept = sum_money([r.shipping_deducted or zero for r in done], order.currency)
    assert total == order.grand_total - fees - kept
    if rule is BelowThreshold.KEEP_FREE_SHIPPING:
        assert kept == zero
    crossed = [i for i, r in enumerate(done) if r.shipping_deducted is not None]
    if rule is BelowThreshold.DEDUCT_SHIPPING and not percent and crossed:
        # Refunds before the order fell below its threshold are not clawed back: the
        # shipping is taken from the one that crossed it and those after, up to them.
        after = done[crossed[0] :]
        owed = sum_money(
            [r.total + (r.shipping_deducted or zero) for r in after], order.currency
        )
        assert kept == min(waived, owed)
