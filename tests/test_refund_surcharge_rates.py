"""A refund reverses a payment surcharge's VAT at the rates it was charged at, and
reports what the payment provider keeps once.

Directive 2006/112/EC Art. 90(1): the taxable amount is reduced when the price is
reduced after the supply, so the surcharge's VAT goes back at the rate of the supply
it was part of (CJEU C-276/09: a card surcharge is part of the price of the goods).
The oracle for the surcharge's tax at each rate is the quote's own tax summary: the
row's tax less the tax of the lines at that rate.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import (
    CheckoutContext,
    Payment,
    Product,
    Quote,
    Refund,
    RefundPolicy,
    quote,
    refund,
)
from commercekit.money import Money, sum_money
from commercekit.payments import FeeSchedule, example_schedule
from commercekit.pricing import Cart, CartLine
from commercekit.tax import Buyer, RoundingLevel, Seller

AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
PRODUCTS = {
    "TEE": Product("TEE", "standard"),
    "BOOK": Product("BOOK", "books"),
    "FOOD": Product("FOOD", "food"),
}


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _surcharged(
    lines: list[CartLine], *, inclusive: bool = True, rounding: str = "line"
) -> Quote:
    """A German shop's order for a German consumer paying with a US consumer card,
    surcharged (lawful: the IFR does not cover a card issued outside the EEA)."""
    context = CheckoutContext(
        Seller("DE"),
        Buyer("DE"),
        at=AT,
        prices_include_tax=inclusive,
        products=PRODUCTS,
        rounding=rounding,
        payment=Payment(
            "card", "consumer_credit", "US", surcharge=True, free_means_offered=True
        ),
        payment_costs=example_schedule("stripe"),
    )
    return quote(Cart(lines), context)


def _surcharge_tax_by_rate(order: Quote) -> dict[Decimal, Money]:
    """The surcharge's tax in each rate's row: the row less the lines at that rate."""
    return {
        row.rate: row.amount
        - sum_money(
            [line.tax for line in order.lines if line.rates[0].rate == row.rate], "EUR"
        )
        for row in order.tax_summary
    }


def _refunded_by_rate(order: Quote, refunds: list[Refund]) -> dict[Decimal, Money]:
    found: dict[Decimal, Money] = {}
    for back in refunds:
        for line in back.lines:
            assert line.surcharge_tax is not None
            rate = order.lines[line.line].rates[0].rate
            found[rate] = found.get(rate, eur("0")) + line.surcharge_tax
    return found


def test_each_returned_line_takes_back_the_surcharge_tax_at_its_own_rate() -> None:
    """TEE 24.95 x 2 (19 %) and BOOK 18.00 (7 %): the surcharge's 0.33 VAT is 0.29 in
    the 19 % row and 0.04 in the 7 % row. Returning the T-shirts reverses 0.29 (it
    reversed 0.24, a gross-weighted share of the whole 0.33, before), the book 0.04."""
    order = _surcharged(
        [CartLine("TEE", eur("24.95"), 2), CartLine("BOOK", eur("18.00"), 1)]
    )
    assert order.surcharge is not None
    assert _surcharge_tax_by_rate(order) == {
        Decimal(7): eur("0.04"),
        Decimal(19): eur("0.29"),
    }
    tees = refund(order, {"TEE": 2}, RefundPolicy(), partial=True)
    book = refund(order, {"BOOK": 1}, RefundPolicy(), previous=[tees], partial=True)
    assert tees.surcharge_tax == eur("0.29")
    assert book.surcharge_tax == eur("0.04")
    [tee_line] = tees.lines
    assert (tee_line.surcharge, tee_line.surcharge_tax) == (tees.surcharge, eur("0.29"))
    assert "TEE: its share of the payment surcharge" in " ".join(tees.explanation)
    assert "at VAT 19 %" in " ".join(tees.explanation)
    assert tees.surcharge + book.surcharge == order.surcharge.gross


def _units(order: Quote, seed: int) -> list[dict[str, int]]:
    units = [line.sku for line in order.lines for _ in range(line.quantity)]
    chooser = random.Random(seed)  # noqa: S311  # a test's shuffle, not a secret
    chooser.shuffle(units)
    steps = []
    while units:
        count = chooser.randint(1, 3)
        taken, units = units[:count], units[count:]
        step: dict[str, int] = {}
        for sku in taken:
            step[sku] = step.get(sku, 0) + 1
        steps.append(step)
    return steps


@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(PRODUCTS)),
            st.integers(min_value=1, max_value=20_000),
            st.integers(min_value=1, max_value=4),
        ),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
    st.sampled_from([level.value for level in RoundingLevel]),
    st.integers(min_value=0, max_value=10**6),
)
def test_a_whole_return_reverses_each_rates_surcharge_tax_exactly(
    items: list[tuple[str, int, int]], inclusive: bool, rounding: str, seed: int
) -> None:
    """Over refunds of every unit in random steps, the surcharge tax reversed with the
    lines at each rate equals the surcharge's tax in that rate's row of the quote; on
    each refund line the surcharge's tax is at most its surcharge."""
    lines = [
        CartLine(sku, Money(Decimal(cents).scaleb(-2), "EUR"), n) for sku, cents, n in items
    ]
    order = _surcharged(lines, inclusive=inclusive, rounding=rounding)
    done: list[Refund] = []
    for step in _units(order, seed):
        done.append(refund(order, step, RefundPolicy(), previous=done, partial=True))
    expected = {
        rate: tax for rate, tax in _surcharge_tax_by_rate(order).items() if tax.amount
    }
    found = {
        rate: tax for rate, tax in _refunded_by_rate(order, done).items() if tax.amount
    }
    assert found == expected
    for back in done:
        for line in back.lines:
            assert line.surcharge is not None
            assert line.surcharge_tax is not None
            assert line.surcharge_tax <= line.surcharge


def _contract(*, kept: bool) -> FeeSchedule:
    """Stripe's example rows as a contract stating a refund fee of 0.10 and whether
    the payment's fee is kept on a refund."""
    return FeeSchedule(
        [
            attrs.evolve(
                row,
                provider="contract",
                fee_kept_on_refund=kept,
                refund_fee=eur("0.10"),
                sources=("https://example.com/contract",),
            )
            for row in example_schedule("stripe").rows
        ]
    )


def _three_tees(costs: FeeSchedule) -> list[Refund]:
    context = CheckoutContext(
        Seller("NL"),
        Buyer("NL"),
        at=AT,
        prices_include_tax=True,
        products=PRODUCTS,
        payment=Payment("card", "consumer_credit", "NL"),
        payment_costs=costs,
    )
    order = quote(Cart([CartLine("TEE", eur("40.00"), 3)]), context)
    done: list[Refund] = []
    for _ in range(3):
        done.append(refund(order, {"TEE": 1}, RefundPolicy(), previous=done))
    return done


def test_the_kept_fee_is_reported_once_on_the_first_refund() -> None:
    """The payment of 120.00 costs 1.5 % + 0.25 = 2.05; a contract that keeps it and
    charges 0.10 per refund keeps 2.05 + 3 x 0.10 = 2.35 over three refunds (it showed
    2.05 kept on each, 6.45 in all)."""
    done = _three_tees(_contract(kept=True))
    kept = [back.payment_cost for back in done]
    assert all(cost is not None for cost in kept)
    fees = [cost.kept_fee for cost in kept if cost is not None]
    assert fees == [eur("2.05"), eur("0.00"), eur("0.00")]
    totals = [cost.total for cost in kept if cost is not None]
    assert sum_money(totals, "EUR") == eur("2.35")
    assert kept[1] is not None
    assert "counted once, on the first refund" in kept[1].why[0]


def test_a_returned_fee_is_taken_to_come_back_in_proportion_and_says_so() -> None:
    """A row that returns the fee does not say how on a partial refund: commercekit
    assumes in proportion (2.05 over three refunds of 40.00: 0.68, 0.69, 0.68) and
    says so; nothing of the refunded part's fee is kept."""
    done = _three_tees(_contract(kept=False))
    for back, share in zip(done, ("0.68", "0.69", "0.68"), strict=True):
        cost = back.payment_cost
        assert cost is not None
        assert (cost.kept_fee, cost.total) == (eur("0.00"), eur("0.10"))
        assert (
            f"in proportion to the amount refunded ({share} EUR for 40.00 EUR"
            in (cost.why[0])
        )
