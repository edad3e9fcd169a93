"""Japan's consumption-tax exemption in ``threshold_status``: a past period decides a
later year (Consumption Tax Act Art. 9(1), 9-2).

Art. 9(1): a business whose taxable sales in the base period (the calendar year two
years before) are "千万円以下" (JPY 10 million or less) is exempt, so 10,000,000 itself
is exempt. Art. 9-2(1): it is not exempt when its taxable sales in the specified period
(1 January to 30 June of the previous year) "千万円を超える" (exceed JPY 10 million).
Each test is on both sides of an amount or of a period's first or last day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError, NoRuleError
from commercekit.money import Money, RateTable
from commercekit.tax import (
    Buyer,
    CountedSale,
    Registration,
    Sale,
    Seller,
    Supply,
    ThresholdStatus,
    decide,
    threshold_for,
    threshold_status,
)

BASE = "registration_threshold"
SPECIFIED = "specified_period_threshold"


def jpy(amount: int | str) -> Money:
    return Money(amount, "JPY")


def japan(
    sales: list[CountedSale],
    on: date,
    rule: str = BASE,
    home: str = "JP",
    registered: tuple[str, ...] = (),
    rates: RateTable | None = None,
) -> ThresholdStatus:
    found = threshold_status(sales, registered, seller_country=home, on=on, rates=rates)
    (status,) = [s for s in found if s.jurisdiction == "JP" and s.threshold.rule == rule]
    return status


def test_10_million_or_less_in_the_base_period_is_exempt() -> None:
    on = date(2026, 3, 1)
    at = japan([CountedSale(date(2024, 5, 1), jpy(10_000_000), "JP")], on)
    assert at.status is Registration.BELOW
    assert at.due_from is None
    over = japan([CountedSale(date(2024, 5, 1), jpy(10_000_001), "JP")], on)
    assert over.status is Registration.MUST_REGISTER
    assert over.due_from == date(2026, 1, 1)
    assert (over.window_start, over.window_end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert over.counted == jpy(10_000_001)
    assert "from 2026-01-01" in over.explain()


def test_the_base_period_is_the_calendar_year_two_years_before() -> None:
    twelve = jpy(12_000_000)
    # A sale on the last day of 2023 is not in 2026's base period; one on the first
    # day of 2024 is.
    on = date(2026, 6, 1)
    assert japan([CountedSale(date(2023, 12, 31), twelve, "JP")], on).status is (
        Registration.BELOW
    )
    first = japan([CountedSale(date(2024, 1, 1), twelve, "JP")], on)
    assert (first.status, first.due_from) == (Registration.MUST_REGISTER, date(2026, 1, 1))
    # The last day of 2024 decides 2026; the first day of 2025 decides 2027.
    last = japan([CountedSale(date(2024, 12, 31), twelve, "JP")], on)
    assert last.due_from == date(2026, 1, 1)
    later = japan([CountedSale(date(2025, 1, 1), twelve, "JP")], on)
    assert (later.status, later.due_from) == (Registration.MUST_REGISTER, date(2027, 1, 1))
    assert later.window_start == date(2025, 1, 1)


def test_a_year_decides_the_year_after_next_and_no_other() -> None:
    sales = [CountedSale(date(2024, 5, 1), jpy(12_000_000), "JP")]
    # On 31 December 2025 the 2024 sales decide next year; on 1 January 2026 this
    # year; on 1 January 2027 nothing any more.
    eve = japan(sales, date(2025, 12, 31))
    assert (eve.status, eve.due_from) == (Registration.MUST_REGISTER, date(2026, 1, 1))
    new_year = japan(sales, date(2026, 1, 1))
    assert (new_year.status, new_year.due_from) == (
        Registration.MUST_REGISTER,
        date(2026, 1, 1),
    )
    gone = japan(sales, date(2027, 1, 1))
    assert (gone.status, gone.due_from) == (Registration.BELOW, None)


def test_the_running_year_approaches_and_decides_the_year_after_next() -> None:
    on = date(2026, 11, 26)
    near = japan([CountedSale(date(2026, 4, 1), jpy(8_500_000), "JP")], on)
    assert (near.status, near.share) == (Registration.APPROACHING, Decimal("0.8500"))
    assert (near.window_start, near.window_end) == (date(2026, 1, 1), on)
    crossed = japan([CountedSale(date(2026, 4, 1), jpy(10_000_001), "JP")], on)
    assert (crossed.status, crossed.due_from) == (
        Registration.MUST_REGISTER,
        date(2028, 1, 1),
    )


def test_the_specified_period_on_both_sides_of_10_million() -> None:
    on = date(2026, 3, 1)
    at = japan([CountedSale(date(2025, 6, 30), jpy(10_000_000), "JP")], on, SPECIFIED)
    assert at.status is Registration.BELOW
    over = japan([CountedSale(date(2025, 6, 30), jpy(10_000_001), "JP")], on, SPECIFIED)
    assert (over.status, over.due_from) == (Registration.MUST_REGISTER, date(2026, 1, 1))
    assert (over.window_start, over.window_end) == (date(2025, 1, 1), date(2025, 6, 30))
    # 1 July is outside the specified period: 2026 stays exempt (2025's total decides
    # 2027 through the base period instead).
    july = [CountedSale(date(2025, 7, 1), jpy(10_000_001), "JP")]
    assert japan(july, on, SPECIFIED).status is Registration.BELOW
    assert japan(july, on).due_from == date(2027, 1, 1)


def test_the_specified_period_runs_until_30_june() -> None:
    sales = [CountedSale(date(2026, 2, 1), jpy(9_000_000), "JP")]
    running = japan(sales, date(2026, 6, 30), SPECIFIED)
    assert running.status is Registration.APPROACHING
    over = japan(sales, date(2026, 7, 1), SPECIFIED)
    assert over.status is Registration.BELOW  # the period is over and was not crossed
    assert over.window_end == date(2026, 6, 30)
    more = [*sales, CountedSale(date(2026, 6, 30), jpy(1_000_001), "JP")]
    decided = japan(more, date(2026, 7, 1), SPECIFIED)
    assert (decided.status, decided.due_from) == (
        Registration.MUST_REGISTER,
        date(2027, 1, 1),
    )


def test_what_is_not_measured_is_said() -> None:
    sales = [CountedSale(date(2024, 5, 1), jpy(1_000), "JP")]
    home = japan(sales, date(2026, 3, 1))
    assert any("Art. 12-2" in text for text in home.unmeasured)
    assert any("qualified invoice issuer" in text for text in home.unmeasured)
    assert not any("outside Japan" in text for text in home.unmeasured)
    salaries = japan(sales, date(2026, 3, 1), SPECIFIED)
    assert any("salaries" in text for text in salaries.unmeasured)
    abroad = japan(sales, date(2026, 3, 1), home="US")
    assert any("outside Japan" in text for text in abroad.unmeasured)
    assert "Not measured: " in abroad.explain()


def test_an_invoice_issuer_is_registered_whatever_its_sales() -> None:
    sales = [CountedSale(date(2024, 5, 1), jpy(1_000), "JP")]
    for rule in (BASE, SPECIFIED):
        assert japan(sales, date(2026, 3, 1), rule, registered=("JP",)).status is (
            Registration.REGISTERED
        )


def test_a_foreign_seller_counts_its_sales_to_consumers_in_japan() -> None:
    on = date(2026, 3, 1)
    to_consumers = CountedSale(date(2024, 5, 1), jpy(10_000_001), "JP")
    to_business = CountedSale(date(2024, 5, 1), jpy(10_000_001), "JP", business=True)
    assert japan([to_consumers], on, home="US").status is Registration.MUST_REGISTER
    assert japan([to_business], on, home="US").status is Registration.BELOW
    # A seller established in Japan counts its whole turnover, exports included (a
    # sale to the United States names its state, and converts for that state's nexus).
    usd = RateTable(
        base="USD",
        rates={"JPY": Decimal("150")},
        observed_at=datetime(2026, 2, 27, 16, 0, tzinfo=UTC),
        provider="example",
    )
    export = CountedSale(
        date(2024, 5, 1), jpy(10_000_001), "US", business=True, state="US-CA"
    )
    assert japan([export], on, rates=usd).status is Registration.MUST_REGISTER
    # A foreign seller with no sale to Japan has no Japanese status.
    elsewhere = [CountedSale(date(2024, 5, 1), jpy(20_000_000), "US", state="US-CA")]
    found = threshold_status(elsewhere, (), seller_country="US", on=on, rates=usd)
    assert all(s.jurisdiction != "JP" for s in found)


def test_sales_in_another_currency_are_converted() -> None:
    rates = RateTable(
        base="USD",
        rates={"JPY": Decimal("150")},
        observed_at=datetime(2026, 2, 27, 16, 0, tzinfo=UTC),
        provider="example",
    )
    sales = [CountedSale(date(2024, 5, 1), Money("66667.00", "USD"), "JP")]
    found = japan(sales, date(2026, 3, 1), home="US", rates=rates)
    assert found.counted == jpy(10_000_050)
    assert found.status is Registration.MUST_REGISTER
    assert found.conversions


def test_dates_outside_the_data_and_the_calendar_are_refused() -> None:
    sales = [CountedSale(date(2019, 5, 1), jpy(1_000), "JP")]
    # The specified-period row starts on 2021-01-01 (in force earlier, not checked);
    # so do other jurisdictions' rows, and the status refuses the day before.
    with pytest.raises(NoRuleError, match="no rule for the threshold"):
        threshold_status(sales, (), seller_country="JP", on=date(2020, 12, 31))
    with pytest.raises(NoRuleError, match="2021-01-01"):
        threshold_for("JP", SPECIFIED, on=date(2020, 12, 31))
    assert threshold_for("JP", SPECIFIED, on=date(2021, 1, 1)).amount == jpy(10_000_000)
    assert threshold_for("JP", BASE, on=date(2004, 4, 1)).amount == jpy(10_000_000)
    with pytest.raises(NoRuleError, match="2004-04-01"):
        threshold_for("JP", BASE, on=date(2004, 3, 31))
    for late in (date(9998, 1, 1), date.max):
        with pytest.raises(CommerceKitError, match="base periods the calendar holds"):
            threshold_status(sales, (), seller_country="JP", on=late)


def test_the_decision_on_one_sale_points_to_threshold_status() -> None:
    sale = Sale(Seller("US"), Buyer("JP"), Supply.ELECTRONIC_SERVICES, jpy(1000))
    decision = decide(sale, on=date(2026, 3, 1))
    assert "JPY 10 million or less" in decision.rules[-1].text
    assert "threshold_status" in decision.rules[-1].text


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 11, 26)),
            st.integers(min_value=0, max_value=6_000_000),
        ),
        max_size=8,
    )
)
def test_the_first_crossed_base_period_decides(sales: list[tuple[date, int]]) -> None:
    """The base-period status is 'must register' from 1 January of year + 2 for the
    first of 2024, 2025 and 2026 (so far) whose sales exceed JPY 10 million."""
    on = date(2026, 11, 26)
    found = japan([CountedSale(day, jpy(amount), "JP") for day, amount in sales], on)
    totals = {
        year: sum(amount for day, amount in sales if day.year == year)
        for year in (2024, 2025, 2026)
    }
    crossed = [year for year, total in totals.items() if total > 10_000_000]
    if crossed:
        assert found.status is Registration.MUST_REGISTER
        assert found.due_from == date(crossed[0] + 2, 1, 1)
        assert found.counted == jpy(totals[crossed[0]])
    else:
        assert found.status in (Registration.BELOW, Registration.APPROACHING)
        assert found.due_from is None
        assert found.counted == jpy(totals[2026])
