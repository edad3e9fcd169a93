"""A state whose marketplace counting is not bundled (third review, issue 18): the
refusal says what was read for that state, not only where to look. Georgia, Kentucky,
South Carolina, South Dakota and Tennessee (each row from its first day to today), New
York from 2019-06-01, North Dakota before 2019-10-01 and Utah in 2019: a seller with
USD 500,000 of marketplace sales alone there is refused, and the refusal carries the
row's note (the sources read and why they do not settle it: Kentucky's department
speaks of the provider's test, the Sales Tax Institute says included; South Carolina's
copies of its SCDOR-111 RS instructions disagree ...).
"""

from __future__ import annotations

from datetime import date

import pytest

from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.tax import CountedSale, nexus_status, nexus_threshold

# (state, a day of the sale, the day asked): each row with marketplace counting empty
REFUSED = [
    ("US-GA", date(2019, 3, 1), date(2019, 6, 1)),
    ("US-GA", date(2025, 3, 1), date(2026, 1, 15)),
    ("US-KY", date(2025, 3, 1), date(2026, 1, 15)),
    ("US-SC", date(2025, 3, 1), date(2026, 1, 15)),
    ("US-SD", date(2019, 3, 1), date(2019, 6, 1)),
    ("US-SD", date(2025, 3, 1), date(2026, 1, 15)),
    ("US-TN", date(2019, 11, 1), date(2020, 6, 1)),
    ("US-TN", date(2025, 3, 1), date(2026, 1, 15)),
    ("US-NY", date(2025, 3, 1), date(2026, 1, 15)),
    ("US-ND", date(2019, 1, 1), date(2019, 6, 1)),
    ("US-UT", date(2019, 1, 1), date(2019, 6, 1)),
]


@pytest.mark.parametrize(("state", "sold", "on"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_refused_marketplace_count_says_what_was_read(
    state: str, sold: date, on: date
) -> None:
    """USD 500,000 through a marketplace alone: refused, naming the state, the
    source and the row's note of what was read; the row's answer is indeed empty."""
    row = nexus_threshold(state, on=on)
    assert row.marketplace_counts is None
    assert row.note
    sales = [CountedSale(sold, Money("500000", "USD"), "US", state=state, marketplace=True)]
    with pytest.raises(MissingDataError) as raised:
        nexus_status(sales, (), on=on)
    said = str(raised.value)
    assert f"whether {state} counts marketplace sales" in said
    assert row.source in said
    assert row.note in said


def test_direct_sales_alone_are_measured_where_marketplace_counting_is_refused() -> None:
    """No marketplace sale, nothing asked: Kentucky's USD 100,000.01 in 2025 by a
    seller's own shop must register (more than USD 100,000), USD 100,000.00 in 199
    sales has crossed neither limit (200 or more sales) and is approaching."""

    def status(amount: str, count: int) -> str:
        sales = [CountedSale(date(2025, 3, 1), Money(amount, "USD"), "US",
                             state="US-KY", transactions=count)]  # fmt: skip
        [found] = [s for s in nexus_status(sales, (), on=date(2026, 1, 15))
                   if s.state == "US-KY"]  # fmt: skip
        return found.status.value

    assert status("100000.01", 1) == "must_register"
    assert status("100000.00", 199) == "approaching"
