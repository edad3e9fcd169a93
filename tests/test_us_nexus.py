"""US economic nexus: each bundled state's limits on both sides, each change on both
sides of its date, the windows' edges, AND against OR, marketplace sales in and out."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit._errors_data import NoThresholdError
from commercekit.errors import (
    CommerceKitError,
    InvalidAmountError,
    MissingDataError,
    NoRuleError,
    UnknownCountryError,
    UnknownJurisdictionError,
)
from commercekit.money import Money, RateTable
from commercekit.service._endpoints import threshold_status_endpoint
from commercekit.tax import BUNDLED as BUNDLED_RATES
from commercekit.tax import (
    CountedSale,
    NexusStatus,
    Registration,
    nexus_periods,
    nexus_status,
    nexus_threshold,
    threshold_status,
)
from commercekit.tax._us_nexus import CollectFrom
from commercekit.tax._us_nexus import _read as read_us_nexus
from tests.dated_rules import assert_well_formed

NEXUS = read_us_nexus()

NO_SALES_TAX = ("US-AK", "US-DE", "US-MT", "US-NH", "US-OR")
BUNDLED = {
    *NO_SALES_TAX,
    *("US-AL", "US-AR", "US-AZ", "US-CA", "US-CO", "US-CT", "US-DC", "US-FL", "US-GA"),
    *("US-HI", "US-IA", "US-ID", "US-IL", "US-IN", "US-KS", "US-KY", "US-LA", "US-MA"),
    *("US-MD", "US-ME", "US-MI", "US-MN", "US-MO", "US-MS", "US-NC", "US-ND", "US-NE"),
    *("US-NJ", "US-NM", "US-NV", "US-NY", "US-OH", "US-OK", "US-PA", "US-RI", "US-SC"),
    *("US-SD", "US-TN", "US-TX", "US-UT", "US-VA", "US-VT", "US-WA", "US-WI", "US-WV"),
    "US-WY",
}
"""The 50 states and the District of Columbia."""

MARKETPLACE_BY_PERIOD = {
    # HB 19-1240: a marketplace seller leaves marketplace sales out from 2019-10-01
    "US-CO": {date(2018, 12, 1): True, date(2019, 4, 14): True, date(2019, 10, 1): False},
    # 830 CMR 64H.1.7 counted sales on a facilitator's site; G.L. c. 64H s. 34(b) does
    # not from 2019-10-01
    "US-MA": {date(2018, 6, 21): True, date(2019, 10, 1): False},
    # P.A. 101-0009: the marketplace facilitator is the retailer from 2020-01-01
    # SB 168's marketplace provisions from 2019-10-01 (Avalara, secondary); before them
    # no source read says, so the first period is not bundled
    "US-UT": {date(2019, 1, 1): None, date(2019, 10, 1): False, date(2025, 7, 1): False},
    # the Department's 2019 FAQ as Avalara reports it, until the marketplace provider
    # law of 2019-06-01; after it sources disagree (tests/test_us_marketplace_states.py)
    "US-NY": {date(2018, 6, 21): True, date(2019, 6, 1): None},
    # S.B. 2338's marketplace provisions from 2019-10-01 (Sales Tax Institute)
    "US-ND": {date(2018, 10, 1): None, date(2019, 7, 1): None, date(2019, 10, 1): False},
    "US-IL": {
        date(2018, 10, 1): True,
        date(2020, 1, 1): False,
        date(2021, 1, 1): False,
        date(2026, 1, 1): False,
    },
}
"""Where sales through a marketplace facilitator stopped counting toward a remote
seller's own threshold inside the table: each period's value."""


def sale(day: date, amount: str, state: str, count: int = 1, **kw: object) -> CountedSale:
    return CountedSale(
        day, Money(amount, "USD"), "US", state=state, transactions=count, **kw
    )  # type: ignore[arg-type]


def nexus(sales: list[CountedSale], on: date, state: str, **kw: object) -> NexusStatus:
    registered = kw.pop("registered", ())
    found = nexus_status(sales, registered, on=on, **kw)  # type: ignore[arg-type]
    (status,) = [s for s in found if s.jurisdiction == state]
    assert isinstance(status, NexusStatus)
    if on >= date(2021, 7, 1):  # the other jurisdictions' data start then
        whole = threshold_status(sales, registered, seller_country="US", on=on, **kw)  # type: ignore[arg-type]
        assert status in whole, "threshold_status reports the same"
    return status


@pytest.mark.parametrize("state", sorted(NEXUS))
def test_nexus_data_is_well_formed(state: str) -> None:
    rows = NEXUS[state]
    assert_well_formed(state, rows)
    for row in rows:
        assert row.legal_basis, f"{state}: name the law"
        assert row.note, f"{state}: say what was checked"
        assert row.sales_tax is (state not in NO_SALES_TAX)
        # economic nexus starts with Wayfair; a rule resting on other facts too may
        # be older (Ohio's 2018 in-state software nexus)
        assert row.since >= date(2018, 6, 21) or row.also_requires, state
    # the marketplace rule changes only where the state's law did (each window is
    # counted by the rule that judges it: tests/test_us_marketplace_periods.py)
    expected = MARKETPLACE_BY_PERIOD.get(state)
    if expected is None:
        assert len({row.marketplace_counts for row in rows}) == 1, f"{state}: marketplace"
    else:
        assert {row.since: row.marketplace_counts for row in rows} == expected, state


def test_the_bundled_states_are_the_ones_researched() -> None:
    assert set(NEXUS) == BUNDLED


def test_an_outlying_area_not_bundled_is_refused_naming_those_that_are() -> None:
    # Puerto Rico is a US subdivision in ISO 3166-2 but not a state: not bundled.
    with pytest.raises(NoThresholdError) as raised:
        nexus_threshold("US-PR", on=date(2026, 1, 1))
    assert isinstance(raised.value, MissingDataError)
    assert "US-TX" in raised.value.how
    with pytest.raises(NoThresholdError):
        threshold_status(
            [sale(date(2026, 1, 5), "1", "US-PR")],
            (),
            seller_country="DE",
            on=date(2026, 2, 1),
        )


def test_a_day_before_a_states_first_row_is_refused() -> None:
    with pytest.raises(NoRuleError):
        nexus_threshold("US-TX", on=date(2019, 9, 30))
    assert nexus_threshold("US-TX", on=date(2019, 10, 1)).sales == Money("500000", "USD")


def test_california_more_than_500000_in_the_current_year_next_transaction() -> None:
    # CDTFA Pub 77: total sales for delivery in California 'exceed $500,000'; 18 CCR
    # 1684 Retailer C: engaged in business immediately after the sale that crossed.
    at = [
        sale(date(2026, 2, 1), "499000", "US-CA"),
        sale(date(2026, 8, 1), "1000", "US-CA"),
    ]
    found = nexus(at, date(2026, 11, 26), "US-CA")
    assert found.sales == Money("500000", "USD")
    assert found.status is Registration.APPROACHING
    assert found.crossed_on is None
    over = [*at, sale(date(2026, 8, 2), "0.01", "US-CA")]
    found = nexus(over, date(2026, 11, 26), "US-CA")
    assert found.status is Registration.MUST_REGISTER
    assert (found.crossed_on, found.due) == (date(2026, 8, 2), date(2026, 8, 2))
    # the previous year crossed counts all of this year too
    last = nexus(over, date(2027, 3, 1), "US-CA")
    assert last.status is Registration.MUST_REGISTER
    assert last.sales == Money("0", "USD")
    assert last.previous_sales == Money("500000.01", "USD")
    assert nexus(over, date(2028, 1, 1), "US-CA").status is Registration.BELOW


def test_texas_500000_is_not_in_the_safe_harbor_and_collection_starts_four_months_on() -> (
    None
):
    # Comptroller: the safe harbor is total Texas revenue 'of less than $500,000' in
    # the preceding twelve calendar months.
    below = [sale(date(2026, 3, 10), "499999.99", "US-TX")]
    assert nexus(below, date(2026, 11, 26), "US-TX").status is Registration.APPROACHING
    at = [sale(date(2026, 3, 10), "500000", "US-TX")]
    found = nexus(at, date(2026, 11, 26), "US-TX")
    # crossed when March ended; the first day of the fourth month after March
    assert (found.crossed_on, found.due) == (date(2026, 3, 31), date(2026, 7, 1))
    assert (found.window_start, found.window_end) == (date(2025, 11, 1), date(2026, 10, 31))


def test_texas_window_is_the_twelve_whole_months_before_the_current_one() -> None:
    sales = [sale(date(2025, 11, 30), "500000", "US-TX")]
    assert nexus(sales, date(2026, 11, 30), "US-TX").status is Registration.MUST_REGISTER
    slid = nexus(sales, date(2026, 12, 1), "US-TX")
    assert (slid.window_start, slid.window_end) == (date(2025, 12, 1), date(2026, 11, 30))
    assert slid.sales == Money("0", "USD")
    # the crossing the window slid past is remembered (issue 18): when Texas lets a
    # seller stop is not bundled, so it is not reported below
    assert slid.status is Registration.MUST_REGISTER
    assert (slid.crossed_on, slid.last_crossed) == (date(2025, 11, 30), date(2026, 10, 31))
    # not yet measured in the month of the sale itself
    assert nexus(sales, date(2025, 11, 30), "US-TX").status is Registration.BELOW


def test_new_york_needs_both_limits_over_four_sales_tax_quarters() -> None:
    # tax.ny.gov: gross receipts 'exceeded $500,000' AND 'more than 100 sales'.
    on = date(2026, 3, 1)  # quarters March-May ... December-February
    both = [sale(date(2025, 3, 1), "500000.01", "US-NY", 101)]
    found = nexus(both, on, "US-NY")
    assert found.status is Registration.MUST_REGISTER
    assert (found.window_start, found.window_end) == (date(2025, 3, 1), date(2026, 2, 28))
    assert found.due is None  # when collection starts is not bundled for New York
    assert "not bundled" in found.explain()
    for amount, count in (("500000.01", 100), ("500000", 101)):
        one = [sale(date(2025, 3, 1), amount, "US-NY", count)]
        assert nexus(one, on, "US-NY").status is Registration.APPROACHING
    # the sale left the window when the quarter December-February ended; the crossing
    # is remembered, New York's rule on falling below not being bundled (issue 18)
    slid = nexus(both, date(2026, 6, 1), "US-NY")
    assert (slid.status, slid.sales) == (Registration.MUST_REGISTER, Money("0", "USD"))
    assert "whether the obligation has ended" in slid.explain()
    earlier = [sale(date(2025, 2, 28), "500000.01", "US-NY", 101)]  # the quarter before
    edge = nexus(earlier, on, "US-NY")
    assert edge.sales == Money("0", "USD")  # not in the four quarters measured
    assert (edge.crossed_on, edge.last_crossed) == (date(2025, 2, 28), date(2025, 11, 30))


def test_south_dakota_dropped_its_200_transactions_on_2023_07_01() -> None:
    many = [sale(date(2023, 1, 10), "1.00", "US-SD", 200)]
    assert nexus(many, date(2023, 6, 30), "US-SD").status is Registration.MUST_REGISTER
    assert nexus(many, date(2023, 7, 1), "US-SD").status is Registration.BELOW
    fewer = [sale(date(2023, 1, 10), "1.00", "US-SD", 199)]
    assert nexus(fewer, date(2023, 6, 30), "US-SD").status is Registration.APPROACHING
    # 'exceeds one hundred thousand dollars': 100,000 itself does not
    at = [sale(date(2024, 1, 10), "100000", "US-SD")]
    assert nexus(at, date(2024, 2, 1), "US-SD").status is Registration.APPROACHING
    over = [sale(date(2024, 1, 10), "100000.01", "US-SD")]
    assert nexus(over, date(2024, 2, 1), "US-SD").status is Registration.MUST_REGISTER


@pytest.mark.parametrize(
    ("state", "change"),
    [
        ("US-WA", date(2019, 3, 14)),
        ("US-ND", date(2019, 7, 1)),
        ("US-LA", date(2023, 8, 1)),
        ("US-NC", date(2024, 7, 1)),
        ("US-IN", date(2024, 1, 1)),
        ("US-WY", date(2024, 7, 1)),
        ("US-UT", date(2025, 7, 1)),
    ],
)
def test_transaction_count_dropped_on_its_date(state: str, change: date) -> None:
    before = change - date.resolution
    many = [sale(change - 10 * date.resolution, "10.00", state, 200)]
    assert nexus(many, before, state).status is Registration.MUST_REGISTER
    assert nexus(many, change, state).status is Registration.BELOW
    over = [sale(change - 10 * date.resolution, "100000.01", state)]
    assert nexus(over, change, state).status is Registration.MUST_REGISTER


def test_illinois_measures_quarterly_and_collects_from_the_next_quarter() -> None:
    # 86 Ill. Adm. Code 131.115: '$100,000 or more' or '200 or more separate
    # transactions' in the preceding 12 months, looked at when each quarter ends.
    at = [sale(date(2025, 2, 10), "100000", "US-IL")]
    found = nexus(at, date(2025, 5, 15), "US-IL")
    assert (found.crossed_on, found.due) == (date(2025, 3, 31), date(2025, 4, 1))
    assert (found.window_start, found.window_end) == (date(2024, 4, 1), date(2025, 3, 31))
    assert nexus(at, date(2025, 3, 31), "US-IL").status is Registration.BELOW
    under = [sale(date(2025, 2, 10), "99999.99", "US-IL")]
    assert nexus(under, date(2025, 5, 15), "US-IL").status is Registration.APPROACHING
    many = [sale(date(2025, 2, 10), "10.00", "US-IL", 200)]
    assert nexus(many, date(2025, 12, 31), "US-IL").status is Registration.MUST_REGISTER
    # PA 104-0006 dropped the count from 2026-01-01, but the look-back that ended on
    # 2025-12-31 was measured under the 2025 rule (see the test below)
    assert nexus(many, date(2026, 1, 1), "US-IL").status is Registration.MUST_REGISTER


def test_alabama_counts_only_the_previous_calendar_year() -> None:
    # r. 810-6-2-.90.03: 'exceed $250,000 per year based on the previous calendar
    # year's sales'.
    sales = [sale(date(2026, 4, 1), "250000.01", "US-AL")]
    assert nexus(sales, date(2026, 11, 26), "US-AL").status is Registration.BELOW
    found = nexus(sales, date(2027, 1, 1), "US-AL")
    assert found.status is Registration.MUST_REGISTER
    assert (found.window_start, found.window_end) == (date(2026, 1, 1), date(2026, 12, 31))
    at = [sale(date(2026, 4, 1), "250000", "US-AL")]
    assert nexus(at, date(2027, 1, 1), "US-AL").status is Registration.APPROACHING


def test_marketplace_sales_count_only_where_the_state_counts_them() -> None:
    via = [sale(date(2026, 3, 10), "500000", "US-TX", marketplace=True)]
    assert nexus(via, date(2026, 11, 26), "US-TX").status is Registration.MUST_REGISTER
    via_al = [sale(date(2025, 3, 10), "300000", "US-AL", marketplace=True)]
    found = nexus(via_al, date(2026, 1, 1), "US-AL")
    assert found.status is Registration.BELOW
    assert found.left_out == Money("300000", "USD")
    via_ny = [sale(date(2025, 3, 10), "600000", "US-NY", 200, marketplace=True)]
    with pytest.raises(MissingDataError, match="marketplace"):
        nexus(via_ny, date(2026, 3, 1), "US-NY")


@pytest.mark.parametrize("state", NO_SALES_TAX)
def test_states_without_a_sales_tax_say_so(state: str) -> None:
    found = nexus(
        [sale(date(2026, 3, 10), "900000", state, 900)], date(2026, 11, 26), state
    )
    assert found.status is Registration.NO_SALES_TAX
    assert "no state sales tax" in found.explain()
    assert nexus_threshold(state, on=date(2026, 1, 1)).describe() == "no state sales tax"


def test_registered_and_converted() -> None:
    rates = RateTable(
        base="EUR",
        rates={"USD": Decimal("1.1")},
        observed_at=datetime(2026, 11, 2, 16, 0, tzinfo=UTC),
        provider="example",
    )
    eur = CountedSale(date(2026, 3, 10), Money("460000", "EUR"), "US", state="US-TX")
    found = nexus([eur], date(2026, 11, 26), "US-TX", registered={"US-TX"}, rates=rates)
    assert found.status is Registration.REGISTERED
    assert found.sales == Money("506000.00", "USD")
    assert found.crossed_on == date(2026, 3, 31)
    assert found.conversions


def test_sales_are_refused_without_a_state_or_with_a_wrong_one() -> None:
    with pytest.raises(MissingDataError, match="state"):
        threshold_status(
            [CountedSale(date(2026, 1, 2), Money("1", "USD"), "US")],
            (),
            seller_country="DE",
            on=date(2026, 2, 1),
        )
    with pytest.raises(InvalidAmountError):
        CountedSale(date(2026, 1, 2), Money("1", "USD"), "DE", state="US-NY")
    with pytest.raises(UnknownCountryError):
        CountedSale(date(2026, 1, 2), Money("1", "USD"), "US", state="US-XX")
    for count in (0, -1, True, 1.0, 10**10):
        with pytest.raises(CommerceKitError):
            CountedSale(
                date(2026, 1, 2), Money("1", "USD"), "US", state="US-NY", transactions=count
            )  # type: ignore[arg-type]


def test_connecticut_needs_both_in_the_twelve_months_to_september_30() -> None:
    # '$100,000 or more' AND '200' retail sales in the 12 months ending on the
    # immediately preceding September 30 (secondary sources).
    both = [sale(date(2025, 9, 30), "100000", "US-CT", 200)]
    found = nexus(both, date(2025, 10, 1), "US-CT")
    assert found.status is Registration.MUST_REGISTER
    assert (found.window_start, found.window_end) == (date(2024, 10, 1), date(2025, 9, 30))
    assert (found.crossed_on, found.due) == (date(2025, 9, 30), date(2025, 10, 1))
    assert nexus(both, date(2025, 9, 30), "US-CT").status is Registration.BELOW
    for amount, count in (("100000", 199), ("99999.99", 200)):
        one = [sale(date(2025, 9, 30), amount, "US-CT", count)]
        assert nexus(one, date(2025, 10, 1), "US-CT").status is Registration.APPROACHING
    # USD 250,000 until 2019-06-30, USD 100,000 from 2019-07-01
    old = [sale(date(2018, 12, 10), "150000", "US-CT", 300)]
    assert nexus(old, date(2019, 10, 1), "US-CT").status is Registration.MUST_REGISTER
    assert nexus_threshold("US-CT", on=date(2019, 6, 30)).sales == Money("250000", "USD")


def test_georgia_lowered_its_amount_on_2020_01_01() -> None:
    sales = [sale(date(2019, 5, 1), "150000", "US-GA")]
    assert nexus(sales, date(2019, 12, 31), "US-GA").status is Registration.BELOW
    found = nexus(sales, date(2020, 1, 1), "US-GA")
    assert found.status is Registration.MUST_REGISTER
    # 2019's USD 150,000 crosses only the 2020 amount: collection was not due in 2019
    # (USD 250,000 then), so it is due when the lower amount took effect.
    assert (found.crossed_on, found.due) == (date(2019, 5, 1), date(2020, 1, 1))
    # Sales that crossed the 2019 amount too were due from the day they crossed.
    more = [sale(date(2019, 5, 1), "250000.01", "US-GA")]
    assert nexus(more, date(2020, 1, 1), "US-GA").due == date(2019, 5, 1)


def test_north_dakota_collects_after_sixty_days_or_from_january() -> None:
    # N.D.C.C. 57-39.2-02.2: the following calendar year or 60 days after the
    # threshold is met, whichever is earlier.
    spring = nexus(
        [sale(date(2025, 3, 1), "100000.01", "US-ND")], date(2025, 6, 1), "US-ND"
    )
    assert (spring.crossed_on, spring.due) == (date(2025, 3, 1), date(2025, 4, 30))
    winter = nexus(
        [sale(date(2025, 12, 1), "100000.01", "US-ND")], date(2025, 12, 2), "US-ND"
    )
    assert winter.due == date(2026, 1, 1)


def test_colorado_100000_is_over_and_collection_waits_ninety_days() -> None:
    # tax.colorado.gov: exempt while sales 'are less than $100,000'; collection from
    # the first day of the month after the 90th day (met 2021-06-15: 2021-10-01).
    at = [sale(date(2021, 6, 15), "100000", "US-CO")]
    found = nexus(at, date(2021, 7, 1), "US-CO")
    assert (found.crossed_on, found.due) == (date(2021, 6, 15), date(2021, 10, 1))
    under = [sale(date(2021, 6, 15), "99999.99", "US-CO")]
    assert nexus(under, date(2021, 7, 1), "US-CO").status is Registration.APPROACHING
    many = [sale(date(2019, 4, 1), "10", "US-CO", 200)]
    assert nexus(many, date(2019, 4, 13), "US-CO").status is Registration.MUST_REGISTER
    assert nexus(many, date(2019, 4, 14), "US-CO").status is Registration.BELOW


def test_florida_counts_the_previous_calendar_year_from_2021_07_01() -> None:
    sales = [sale(date(2024, 5, 1), "100000.01", "US-FL")]
    assert nexus(sales, date(2024, 12, 31), "US-FL").status is Registration.BELOW
    assert nexus(sales, date(2025, 1, 1), "US-FL").status is Registration.MUST_REGISTER
    at = [sale(date(2024, 5, 1), "100000", "US-FL")]
    assert nexus(at, date(2025, 1, 1), "US-FL").status is Registration.APPROACHING
    with pytest.raises(NoRuleError):
        nexus_threshold("US-FL", on=date(2021, 6, 30))


@pytest.mark.parametrize(
    ("state", "since"), [("US-NJ", date(2018, 11, 1)), ("US-VA", date(2019, 7, 1))]
)
def test_more_than_100000_or_200_transactions(state: str, since: date) -> None:
    on = date(since.year + 1, 1, 2)
    for amount, count, crossed in (
        ("100000", 199, False),
        ("100000.01", 1, True),
        ("10", 200, True),
    ):
        one = [sale(date(since.year + 1, 1, 1), amount, state, count)]
        found = nexus(one, on, state)
        assert (found.status is Registration.MUST_REGISTER) is crossed, (amount, count)
    with pytest.raises(NoRuleError):
        nexus_threshold(state, on=since - date.resolution)


def test_collect_from_counts_months() -> None:
    assert CollectFrom.FIRST_DAY_OF_NEXT_MONTH.due(date(2026, 12, 31)) == date(2027, 1, 1)
    assert CollectFrom.FIRST_DAY_OF_FOURTH_MONTH.due(date(2019, 6, 30)) == date(2019, 10, 1)
    assert CollectFrom.NEXT_CALENDAR_YEAR.due(date(2026, 1, 1)) == date(2027, 1, 1)
    assert [p.transactions for p in nexus_periods("US-IL")] == [200, 200, 200, None]


@given(
    st.sampled_from(sorted(BUNDLED - set(NO_SALES_TAX))),
    st.integers(min_value=0, max_value=40_000_000),
    st.integers(min_value=1, max_value=400),
    st.integers(min_value=0, max_value=694),
)
def test_splitting_a_sale_changes_nothing(
    state: str, cents: int, count: int, days: int
) -> None:
    """One record equals the same sales split into two records on the same day."""
    day = date(2025, 1, 1) + (date.resolution * days)
    whole = Money(Decimal(cents) / 100, "USD")
    half = Money(Decimal(cents // 2) / 100, "USD")
    one = [CountedSale(day, whole, "US", state=state, transactions=count + 1)]
    two = [
        CountedSale(day, half, "US", state=state, transactions=1),
        CountedSale(day, whole - half, "US", state=state, transactions=count),
    ]
    on = date(2026, 11, 26)
    a, b = nexus(one, on, state), nexus(two, on, state)
    assert (a.status, a.sales, a.transactions, a.crossed_on) == (
        b.status,
        b.sales,
        b.transactions,
        b.crossed_on,
    )


def _docs_table() -> dict[str, list[str]]:
    page = Path(__file__).parent.parent / "docs" / "us-sales-tax.md"
    section = page.read_text("utf-8").split("## The bundled states")[1].split("\n## ")[0]
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| US-")
    ]
    return {row[0]: row[1:] for row in rows}


def test_the_docs_table_is_the_data() -> None:
    """Each state's line in docs/us-sales-tax.md says what the data says on 2026-01-01."""
    table = _docs_table()
    assert set(table) == set(NEXUS)
    words = {True: "yes", False: "no", None: "not bundled"}
    for state, (threshold, _, marketplace, due, official) in table.items():
        row = nexus_threshold(state, on=date(2026, 1, 1))
        assert threshold == row.describe(), state
        assert official == words[row.official], state
        if row.sales_tax:
            assert marketplace == words[row.marketplace_counts], state
            when = row.collect_from.value.replace("_", " ") if row.collect_from else None
            assert due == (when or "not bundled"), state


def test_the_service_answer_with_us_states_matches_the_shipped_schema() -> None:
    """POST /threshold-status with US sales answers what openapi.json describes."""
    document = json.loads(files("commercekit.service").joinpath("openapi.json").read_text())
    sale_json = {
        "day": "2026-03-10",
        "amount": {"amount": "500000", "currency": "USD"},
        "destination": "US",
        "state": "US-TX",
        "transactions": 3,
        "marketplace": False,
    }
    answer = threshold_status_endpoint(
        {"sales": [sale_json], "seller_country": "US", "on": "2026-11-26"}
    )
    schema = {"$ref": "#/components/schemas/ThresholdAnswer", **document}
    jsonschema.validate(answer, schema)
    jsonschema.validate(sale_json, {"$ref": "#/components/schemas/CountedSale", **document})
    (texas,) = [s for s in answer["statuses"] if s.get("state") == "US-TX"]
    assert (texas["status"], texas["due"]) == ("must_register", "2026-07-01")


def test_collection_is_never_due_before_the_state_required_it() -> None:
    # CDTFA Publication 77: the USD 500,000 test applies from 2019-04-01 and is not
    # retroactive; 2018 sales over it make a seller collect from that day, not 2018.
    # Virginia: sales before 2019-07-01 count, collection starts on that day.
    california = [sale(date(2018, 6, 1), "600000.00", "US-CA")]
    found = nexus(california, date(2019, 4, 5), "US-CA")
    assert (found.crossed_on, found.due) == (date(2018, 6, 1), date(2019, 4, 1))
    virginia = [sale(date(2019, 3, 1), "100000.01", "US-VA")]
    found = nexus(virginia, date(2019, 7, 2), "US-VA")
    assert (found.crossed_on, found.due) == (date(2019, 3, 1), date(2019, 7, 1))
    assert "collection due from 2019-07-01" in found.explain()


def test_marketplace_sales_outside_the_window_are_not_shown_or_asked_about() -> None:
    # Alabama's window is the previous calendar year: a 2020 marketplace sale is
    # neither counted nor 'left out' of the 2025 figures shown on 2026-01-15.
    alabama = [
        sale(date(2020, 4, 1), "300000.00", "US-AL", marketplace=True),
        sale(date(2025, 4, 1), "1000.00", "US-AL"),
        sale(date(2025, 5, 1), "20.00", "US-AL", marketplace=True),
    ]
    found = nexus(alabama, date(2026, 1, 15), "US-AL")
    assert (found.sales, found.left_out) == (Money("1000.00", "USD"), Money("20.00", "USD"))
    # New York's marketplace rule is not bundled; a marketplace sale years before the
    # four quarters measured does not matter, so it is not asked about.
    new_york = [
        sale(date(2019, 4, 1), "1.00", "US-NY", marketplace=True),
        sale(date(2025, 12, 1), "100.00", "US-NY"),
    ]
    assert nexus(new_york, date(2026, 3, 1), "US-NY").sales == Money("100.00", "USD")


def test_explain_shows_the_previous_year_that_crossed() -> None:
    # California counts the previous or current calendar year: crossed in 2025, the
    # sentence on 2026-03-01 must show the 2025 figures that crossed, not only 2026's.
    found = nexus([sale(date(2025, 6, 1), "500000.01", "US-CA")], date(2026, 3, 1), "US-CA")
    assert found.status is Registration.MUST_REGISTER
    assert "USD 500000.01 and 1 transactions from 2025-01-01 to 2025-12-31" in (
        found.explain()
    )


def test_a_crossing_older_than_a_year_keeps_its_day() -> None:
    # Texas: USD 50,000 a month from July 2020 reaches USD 500,000 in the preceding 12
    # calendar months when April 2021 ends and stays over since. Measured on 2026-03-01
    # it was crossed on 2021-04-30 (due 2021-08-01), not 12 months before the day asked.
    monthly = [
        sale(date(2020 + m // 12, m % 12 + 1, 15), "50000.00", "US-TX")
        for m in range(6, 74)
    ]
    found = nexus(monthly, date(2026, 3, 1), "US-TX")
    assert (found.crossed_on, found.due) == (date(2021, 4, 30), date(2021, 8, 1))
    # Illinois measures at quarter ends: crossed at 2021-06-30, due 2021-07-01.
    illinois = [
        sale(date(2020 + m // 12, m % 12 + 1, 15), "10000.00", "US-IL")
        for m in range(6, 74)
    ]
    found = nexus(illinois, date(2026, 3, 1), "US-IL")
    assert (found.crossed_on, found.due) == (date(2021, 6, 30), date(2021, 7, 1))


def test_a_calendar_year_crossing_years_ago_keeps_its_day() -> None:
    # California: over USD 500,000 in each year from 2022 (but not in 2021) makes the
    # seller a retailer engaged in business from the 2022 crossing, each year's sales
    # keeping it so through the next: measured on 2026-03-01 it crossed on 2022-06-01.
    yearly = [sale(date(year, 6, 1), "500000.01", "US-CA") for year in range(2022, 2026)]
    history = [sale(date(2020, 6, 1), "500000.01", "US-CA"), *yearly]
    found = nexus(history, date(2026, 3, 1), "US-CA")
    assert (found.crossed_on, found.due) == (date(2022, 6, 1), date(2022, 6, 1))
    # Alabama measures the previous calendar year only: over every year since 2019.
    alabama = [sale(date(year, 3, 1), "250000.01", "US-AL") for year in range(2019, 2026)]
    assert nexus(alabama, date(2026, 1, 15), "US-AL").crossed_on == date(2019, 3, 1)


@pytest.mark.parametrize("code", ["US-XX", "US-TXX"])
def test_a_registration_in_no_state_is_refused(code: str) -> None:
    # A mistyped state in registrations would leave the seller's real state reported
    # as unregistered without a word; it is refused, naming the code.
    sales = [sale(date(2026, 1, 5), "1.00", "US-TX")]
    with pytest.raises(UnknownCountryError, match=code):
        nexus_status(sales, (code,), on=date(2026, 3, 1))
    with pytest.raises(UnknownCountryError, match=code):
        threshold_status(sales, (code,), seller_country="DE", on=date(2026, 3, 1))


def test_a_past_window_is_judged_by_the_rule_in_force_when_it_ended() -> None:
    # Illinois: 250 transactions in the look-back measured at 2025-12-31, under the
    # 2025 rule ('200 or more separate transactions'); 86 Ill. Adm. Code 131.115
    # collects for a year from the next quarter, though the count went on 2026-01-01.
    many = [sale(date(2025, 11, 10), "10.00", "US-IL", 250)]
    found = nexus(many, date(2026, 1, 15), "US-IL")
    assert found.status is Registration.MUST_REGISTER
    assert (found.crossed_on, found.due) == (date(2025, 12, 31), date(2026, 1, 1))
    assert (
        "ending 2025-12-31 is judged by the rule in force then too: at least "
        "USD 100000 or at least 200 transactions" in found.explain()
    )
    # the look-back measured at 2026-03-31 falls under the 2026 rule (USD only), but
    # the seller collects for the year from 2026-01-01 (issue 18)
    later = nexus(many, date(2026, 4, 1), "US-IL")
    assert later.status is Registration.MUST_REGISTER
    assert later.crossed_on == date(2025, 12, 31)
    assert nexus(many, date(2027, 1, 1), "US-IL").status is Registration.BELOW
    # South Dakota: 2022's 200 transactions were over under 2022's rule and keep the
    # seller obliged through 2023, also after the count went on 2023-07-01
    sd = [sale(date(2022, 5, 1), "10.00", "US-SD", 200)]
    assert nexus(sd, date(2023, 7, 1), "US-SD").status is Registration.MUST_REGISTER
    assert nexus(sd, date(2024, 1, 1), "US-SD").status is Registration.BELOW
    # Washington relieved such sellers from 2019-03-14 (RCW 82.08.052(1)(c)(ii))
    wa = [sale(date(2018, 11, 1), "10.00", "US-WA", 200)]
    assert nexus(wa, date(2019, 3, 13), "US-WA").status is Registration.MUST_REGISTER
    assert nexus(wa, date(2019, 3, 14), "US-WA").status is Registration.BELOW


def test_a_summed_transaction_count_names_what_was_summed() -> None:
    big = [sale(date(2025, 1, day), "1.00", "US-TX", 10**9) for day in (1, 2)]
    with pytest.raises(InvalidAmountError, match=r"over 2 sales records \(to US-TX"):
        nexus_status(big, (), on=date(2025, 6, 1))
    yearly = [sale(date(2025, 1, day), "1.00", "US-SD", 10**9) for day in (1, 2)]
    with pytest.raises(InvalidAmountError, match=r"over 2 sales records \(to US-SD in"):
        nexus_status(yearly, (), on=date(2025, 6, 1))


def test_converted_sales_are_compared_unrounded() -> None:
    # EUR 454,545.45 at 1.1 is USD 499,999.995: under Texas' USD 500,000. Rounded to
    # cents before the comparison it would read USD 500,000.00 and cross.
    rates = RateTable(
        base="EUR",
        rates={"USD": Decimal("1.1")},
        observed_at=datetime(2026, 1, 2, tzinfo=UTC),
        provider="example",
    )
    eur = CountedSale(date(2026, 3, 10), Money("454545.45", "EUR"), "US", state="US-TX")
    found = nexus([eur], date(2026, 11, 26), "US-TX", rates=rates)
    assert found.sales == Money("499999.995", "USD")
    assert found.status is Registration.APPROACHING
    more = CountedSale(date(2026, 3, 11), Money("0.01", "EUR"), "US", state="US-TX")
    crossed = nexus([eur, more], date(2026, 11, 26), "US-TX", rates=rates)
    assert crossed.sales == Money("500000.006", "USD")
    assert crossed.status is Registration.MUST_REGISTER


def test_colorado_2018_emergency_rule_counts_sales_over_100000_not_at_it() -> None:
    # 1 CCR 201-4, emergency Regulation 39-26-105(4)(a)(II) (2018): gross revenue
    # that 'exceeds one hundred thousand dollars'; the permanent rule of 2019-04-14
    # exempts sales 'less than $100,000', so there 100,000.00 is over.
    at = [sale(date(2018, 12, 3), "100000", "US-CO")]
    assert nexus(at, date(2018, 12, 20), "US-CO").status is not Registration.MUST_REGISTER
    over = [sale(date(2018, 12, 3), "100000.01", "US-CO")]
    assert nexus(over, date(2018, 12, 20), "US-CO").status is Registration.MUST_REGISTER
    assert nexus(at, date(2019, 4, 14), "US-CO").status is Registration.MUST_REGISTER


def test_nexus_status_refuses_a_registration_that_is_no_us_state() -> None:
    """nexus_status measures US states alone: 'DE' among its registrations is a
    mistake (threshold_status is the call taking every registration), not ignored."""
    with pytest.raises(UnknownCountryError, match="is not a US state") as refused:
        nexus_status([], {"DE", "US-TX"}, on=date(2025, 1, 1))
    assert refused.value.field == "registrations"
    assert nexus_status([], {"US-TX"}, on=date(2025, 1, 1)) == ()


def test_a_made_up_us_state_is_named_in_the_rate_lookup_refusal() -> None:
    with pytest.raises(UnknownJurisdictionError, match=r"\(US-XX is not an ISO 3166-2"):
        BUNDLED_RATES.rates_for("US-XX", "standard", on=date(2025, 1, 1))
