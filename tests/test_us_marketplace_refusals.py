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

from datetime import date, timedelta

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


# (state, a day asked, what the refusal must now say it read): the statutes and
# regulations themselves (issue 18, third round), and why neither 'yes' nor 'no' fits
STATUTES = [
    # Georgia: the bulletin the Department points to, and the option a guide reads in it
    ("US-GA", date(2019, 6, 1), "'may exclude' facilitated sales"),
    ("US-GA", date(2026, 1, 15), "'may exclude' facilitated sales"),
    # Kentucky: counted (secondary) yet a marketplace-only retailer needs no account
    ("US-KY", date(2026, 1, 15), "sell exclusively through a Kentucky-registered"),
    # South Carolina: the retail-license statute and what it leaves to the Department
    ("US-SC", date(2026, 1, 15), "s12-36-1340(6)"),
    # South Dakota: a sale through a provider is a sale for resale (SDCL 10-65-6)
    ("US-SD", date(2019, 6, 1), "'shall consider the sale as a sale for resale'"),
    ("US-SD", date(2026, 1, 15), "'shall consider the sale as a sale for resale'"),
    # Tennessee: the help centre's question on facilitators that are not registered
    ("US-TN", date(2020, 6, 1), "that are not registered in Tennessee"),
    ("US-TN", date(2026, 1, 15), "that are not registered in Tennessee"),
]


@pytest.mark.parametrize(("state", "on", "read"), STATUTES, ids=[s[0] for s in STATUTES])
def test_the_refusal_names_the_statute_text_read(state: str, on: date, read: str) -> None:
    """A seller with USD 600,000 through a marketplace alone, more than every row's
    limit: still refused, the refusal saying what the third round read (the texts
    quoted above) and that no text read settles it."""
    sold = on.replace(day=1) - timedelta(days=30)  # in every window shown
    sales = [CountedSale(sold, Money("600000", "USD"), "US", state=state, marketplace=True)]
    with pytest.raises(MissingDataError) as raised:
        nexus_status(sales, (), on=on)
    said = str(raised.value)
    assert read in said
    assert "not bundled" in said
