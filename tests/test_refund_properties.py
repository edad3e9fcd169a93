"""Refunds in any sequence never exceed what was paid: hypothesis properties.

Random quotes (1 to 5 lines, a SKU may repeat; prices with or without tax; a percentage
off; at home, in the EU, or exported with duties paid or unpaid; tax rounded per unit,
line or invoice) are refunded in random partial steps: some units of some lines each
time, stopping anywhere, each refund given the earlier ones as ``previous=`` in a
shuffled order. Whatever the policy (shipping never, always or with the whole order;
border charges back or not; a restocking fee of 0 to 100 %), the running totals stay
within what was paid, line by line and overall.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from commercekit.checkout import (
    CheckoutContext,
    Product,
    Quote,
    Refund,
    RefundPolicy,
    ShippingRefund,
    quote,
    refund,
)
from commercekit.errors import ExcessReturnError, NoRuleError
from commercekit.money import Money, split, sum_money
from commercekit.pricing import Cart, CartLine, PercentOff, Promotion
from commercekit.shipping import BUNDLED_TARIFF, DutyRate, Incoterm, example_rate_cards
from commercekit.tax import Buyer, RoundingLevel, Seller
from tests.quote_data import RATES

D = Decimal
AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
SHOP = Seller("NL", {"OSS", "GB"}, eu_sales_this_year=Money("42000", "EUR"))
PRODUCTS = {
    "BOOK": Product("BOOK", "books", hs_code="4901.99", origin="NL", weight_kg=D("0.5")),
    "MUG": Product("MUG", "standard", hs_code="6912.00", origin="PT", weight_kg=D("0.4")),
    "TEE": Product("TEE", "standard", hs_code="6109.10", origin="PT", weight_kg=D("0.2")),
}
SKUS = sorted(PRODUCTS)


class _Tariff:
    """The example tariff, and a made-up 8 % for the headings it lacks (the properties
    need duty on every line, not real rates)."""

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        try:
            return BUNDLED_TARIFF.duty(
                hs_code, origin=origin, destination=destination, on=on
            )
        except NoRuleError:
            return DutyRate(destination, hs_code, D(8), date(2000, 1, 1), None, "made up")


@st.composite
def orders(draw: st.DrawFn) -> Quote:
    """A random quote in EUR, at home, in the EU or across a customs border."""
    lines = [
        CartLine(
            draw(st.sampled_from(SKUS)),
            Money(D(draw(st.integers(min_value=0, max_value=30_000))).scaleb(-2), "EUR"),
            draw(st.integers(min_value=1, max_value=5)),
        )
        for _ in range(draw(st.integers(min_value=1, max_value=5)))
    ]
    # Goods at several rates all priced zero leave nothing to share the shipping by:
    # the quote refuses them (tests/test_split_zero_value.py).
    assume(
        any(line.unit_price.amount for line in lines)
        or len({PRODUCTS[line.sku].tax_category for line in lines}) == 1
    )
    percent = draw(st.integers(min_value=0, max_value=100))
    context = CheckoutContext(
        SHOP,
        Buyer(draw(st.sampled_from(["NL", "DE", "FR", "GB", "US", "CH", "AU", "NO"]))),
        at=AT,
        prices_include_tax=draw(st.booleans()),
        products=PRODUCTS,
        promotions=(Promotion("OFF", PercentOff(percent)),) if percent else (),
        rate_cards=example_rate_cards(),
        incoterm=draw(st.sampled_from(list(Incoterm))),
        exchange_rates=RATES,
        rounding=draw(st.sampled_from(list(RoundingLevel))),
        tariffs=_Tariff(),
    )
    return quote(Cart(lines), context)


@st.composite
def policies(draw: st.DrawFn) -> RefundPolicy:
    """Any refund policy."""
    return RefundPolicy(
        shipping=draw(st.sampled_from(list(ShippingRefund))),
        restocking_percent=D(draw(st.integers(min_value=0, max_value=10_000))).scaleb(-2),
        refund_border_charges=draw(st.booleans()),
    )


def left_to_return(order: Quote, done: list[Refund]) -> Counter[str]:
    """Units of each SKU bought and not yet refunded."""
    left: Counter[str] = Counter()
    for line in order.lines:
        left[line.sku] += line.quantity
    for earlier in done:
        for back in earlier.lines:
            left[back.sku] -= back.units
    return left


def a_return(data: st.DataObject, left: Counter[str]) -> dict[str, int]:
    """Some of the units left (possibly none of a SKU, possibly all of them)."""
    skus = data.draw(st.lists(st.sampled_from(sorted(left)), min_size=1, unique=True))
    return {sku: data.draw(st.integers(min_value=0, max_value=left[sku])) for sku in skus}


@settings(deadline=None)
@given(orders(), policies(), st.integers(min_value=0, max_value=100_000), st.data())
def test_refunds_in_any_sequence_never_exceed_what_was_paid(
    order: Quote, policy: RefundPolicy, earned: int, data: st.DataObject
) -> None:
    """Refunded so far <= paid, per line (units, gross, net, tax, discount), for the
    shipping, the border charges, the points, and overall."""
    currency = order.currency
    zero = order.grand_total * 0
    done: list[Refund] = []
    for _ in range(data.draw(st.integers(min_value=1, max_value=6))):
        left = left_to_return(order, done)
        if not any(left.values()):
            break
        previous = data.draw(st.permutations(done))
        result = refund(
            order, a_return(data, left), policy, previous=previous, points_earned=earned
        )
        done.append(result)

        assert result.total >= zero
        assert result.restocking_fee <= result.goods + result.shipping + result.border
        refunded = sum_money([r.total for r in done], currency)
        assert refunded <= order.grand_total
        for index, line in enumerate(order.lines):
            mine = [back for r in done for back in r.lines if back.line == index]
            assert all(back.sku == line.sku for back in mine)
            assert sum(back.units for back in mine) <= line.quantity
            for figure in ("gross", "net", "tax", "discount"):
                back_so_far = sum_money([getattr(b, figure) for b in mine], currency)
                assert back_so_far <= getattr(line, figure), figure
        shipping = sum_money([r.shipping for r in done], currency)
        shipping_tax = sum_money([r.shipping_tax for r in done], currency)
        assert shipping <= (order.shipping.gross if order.shipping else zero)
        assert shipping_tax <= (order.shipping.tax if order.shipping else zero)
        assert sum_money([r.border for r in done], currency) <= (
            order.collected_border_charges
        )
        assert sum(r.points_to_reverse for r in done) <= earned

    # Nothing more than what is left can come back, whatever was returned so far.
    left = left_to_return(order, done)
    sku = data.draw(st.sampled_from(sorted(left)))
    with pytest.raises(ExcessReturnError):
        refund(order, {sku: left[sku] + 1}, policy, previous=done, points_earned=earned)


@settings(deadline=None)
@given(orders(), st.data())
def test_the_order_of_previous_refunds_does_not_matter(
    order: Quote, data: st.DataObject
) -> None:
    """A refund given the earlier refunds in any order is the same refund."""
    policy = RefundPolicy(shipping=ShippingRefund.ALWAYS, refund_border_charges=True)
    done: list[Refund] = []
    for _ in range(3):
        left = left_to_return(order, done)
        if not any(left.values()):
            return
        done.append(refund(order, a_return(data, left), policy, previous=done))
    left = left_to_return(order, done)
    step = a_return(data, left)
    shuffled = data.draw(st.permutations(done))
    assert refund(order, step, policy, previous=shuffled) == refund(
        order, step, policy, previous=done
    )


@settings(deadline=None)
@given(orders())
def test_units_returned_one_by_one_are_refunded_at_the_parts_of_split(order: Quote) -> None:
    """The k-th unit of a line refunds the k-th part of split(gross) and split(tax)."""
    policy = RefundPolicy()
    done: list[Refund] = []
    for line in order.lines:
        gross, tax = split(line.gross, line.quantity), split(line.tax, line.quantity)
        for k in range(line.quantity):
            back = refund(order, {line.sku: 1}, policy, previous=done)
            done.append(back)
            assert [(b.gross, b.tax) for b in back.lines] == [(gross[k], tax[k])]
