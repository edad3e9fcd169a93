"""``ecommerce_tcs``: the tax an e-commerce operator collects at source (CGST Act s.
52), either side of each date: s. 52 in force 2018-10-01 (Notification 51/2018-Central
Tax), rates halved 2024-07-10 (Notification 15/2024-Central Tax: "0.25 per cent" for
"half per cent" of CGST; batukconsultancy.com's example, INR 100,000 of intra-State
supplies: CGST TCS INR 500 before, INR 250 after)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError, NoRuleError
from commercekit.money import Money
from commercekit.tax import ecommerce_tcs


def inr(amount: int | str) -> Money:
    return Money(amount, "INR")


def parts(
    place: str, on: date, sold: int = 100_000, back: int = 0, since: date | None = None
) -> list[tuple[str, str]]:
    found = ecommerce_tcs(inr(sold), inr(back), place=place, on=on, since=since)
    return [(tax, str(amount.amount)) for tax, _, amount in found.collected]


def test_the_rates_halved_on_2024_07_10() -> None:
    assert parts("IN-KA", date(2024, 7, 9)) == [("CGST", "500.00"), ("SGST", "500.00")]
    after = {"on": date(2024, 7, 10), "since": date(2024, 7, 10)}  # from the 10th
    assert parts("IN-KA", **after) == [("CGST", "250.00"), ("SGST", "250.00")]
    assert parts("IN", date(2024, 7, 9)) == [("IGST", "1000.00")]
    assert parts("IN", **after) == [("IGST", "500.00")]
    assert parts("IN-CH", **after) == [("CGST", "250.00"), ("UTGST", "250.00")]


def test_no_tcs_before_section_52_came_into_force() -> None:
    assert parts("IN", date(2018, 10, 1)) == [("IGST", "1000.00")]
    with pytest.raises(NoRuleError, match="2018-10-01"):
        parts("IN", date(2018, 9, 30))


def test_returns_lower_the_net_value_and_each_step_is_sourced() -> None:
    found = ecommerce_tcs(inr(100_000), inr(20_000), place="IN-MH", on=date(2026, 6, 1))
    assert found.net_value == inr(80_000)
    assert found.total == inr("400.00")
    assert all(rule.source.startswith("https://") for rule in found.why)
    with pytest.raises(CommerceKitError, match="exceeds supplied"):
        ecommerce_tcs(inr(1), inr(2), place="IN-MH", on=date(2026, 6, 1))
    with pytest.raises(CommerceKitError):
        ecommerce_tcs(Money("1", "USD"), inr(0), place="IN-MH", on=date(2026, 6, 1))
    with pytest.raises(CommerceKitError):
        ecommerce_tcs(inr(1), inr(0), place="DE", on=date(2026, 6, 1))


@given(st.integers(0, 10**9), st.integers(0, 10**9), st.booleans())
def test_the_total_is_the_sum_of_its_parts_and_one_per_cent_give_or_take_rounding(
    sold: int, back: int, inter_state: bool
) -> None:
    """total == sum of the taxes collected, each within half a paisa of its exact
    share, so the total is 1 % of the net value (before 2024-07-10) within that."""
    sold, back = max(sold, back), min(sold, back)
    found = ecommerce_tcs(
        inr(sold), inr(back), place="IN" if inter_state else "IN-KA", on=date(2020, 1, 1)
    )
    assert found.total.amount == sum(amount.amount for _, _, amount in found.collected)
    exact = found.net_value.amount / 100
    assert abs(found.total.amount - exact) <= Decimal("0.005") * len(found.collected)
