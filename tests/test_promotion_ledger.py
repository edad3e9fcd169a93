"""The promotions' ledger takes each discount off the line it was worked out for.

``Ledger.take`` takes a promotion's discounts off the lines it may discount: every
line in one pass where it discounts them all, line by line otherwise. Both ways must
leave each line what it had less its own discount (and the shipping less its part).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from commercekit.money import Money
from commercekit.pricing._left_to_pay import Ledger


@st.composite
def ledgers_and_discounts(draw: st.DrawFn) -> tuple[Ledger, list[int], list[int], int]:
    """A ledger of 1 to 30 lines, the lines a promotion may discount (all, or some in
    ascending order) and a discount of at most what is left on each, and on shipping."""
    subtotals = draw(st.lists(st.integers(0, 10**6), min_size=1, max_size=30))
    shipping = draw(st.integers(0, 10**4))
    ledger = Ledger(Money(0, "EUR").currency, 2, [1] * len(subtotals), subtotals, shipping)
    every = list(range(len(subtotals)))
    eligible = draw(st.sampled_from([every, *[[i] for i in every], every[::2]]))
    discounts = [draw(st.integers(0, subtotals[index])) for index in eligible]
    return ledger, eligible, discounts, draw(st.integers(0, shipping))


@given(ledgers_and_discounts())
def test_take_leaves_each_line_less_its_own_discount(
    drawn: tuple[Ledger, list[int], list[int], int],
) -> None:
    """After take(), line i holds its subtotal less its discount, if it had one."""
    ledger, eligible, discounts, shipping = drawn
    expected = list(ledger.subtotals)
    for index, discount in zip(eligible, discounts, strict=True):
        expected[index] -= discount
    ledger.take(eligible, discounts, shipping)
    assert ledger.remaining == expected
    assert ledger.shipping == ledger.shipping_charge - shipping
