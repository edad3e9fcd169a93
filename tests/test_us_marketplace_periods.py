"""US economic nexus where the marketplace rule changed: each window is counted by the
rule that judges it, on both sides of the change (Colorado 2019-10-01, Illinois
2020-01-01; Utah 2019-10-01), and states whose marketplace rule is now bundled (Kansas,
Missouri, New Jersey)."""

from __future__ import annotations

from datetime import date

import pytest

from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.tax import CountedSale, NexusStatus, Registration, nexus_status


def _sales(
    state: str,
    direct_day: date,
    market_day: date,
    amounts: tuple[str, str] = ("60000", "50000"),
    transactions: tuple[int, int] = (1, 1),
) -> list[CountedSale]:
    """USD 60,000 sold directly and USD 50,000 through a marketplace facilitator
    unless ``amounts`` says otherwise: USD 110,000 with the marketplace sales, USD
    60,000 without."""
    direct, market = (Money(amount, "USD") for amount in amounts)
    return [
        CountedSale(direct_day, direct, "US", state=state, transactions=transactions[0]),
        CountedSale(market_day, market, "US", state=state, transactions=transactions[1],
                    marketplace=True),
    ]  # fmt: skip


def _status(sales: list[CountedSale], on: date, state: str) -> NexusStatus:
    (found,) = [s for s in nexus_status(sales, (), on=on) if s.jurisdiction == state]
    assert isinstance(found, NexusStatus)
    return found


def test_colorado_counts_marketplace_sales_until_2019_09_30() -> None:
    sales = _sales("US-CO", date(2019, 3, 1), date(2019, 3, 2))
    before = _status(sales, date(2019, 9, 30), "US-CO")
    assert before.threshold.marketplace_counts is True
    assert before.sales == Money("110000", "USD")
    assert before.status is Registration.MUST_REGISTER
    assert before.crossed_on == date(2019, 3, 2)


def test_colorado_leaves_marketplace_sales_out_from_2019_10_01() -> None:
    sales = _sales("US-CO", date(2019, 3, 1), date(2019, 3, 2))
    after = _status(sales, date(2019, 10, 1), "US-CO")
    assert after.threshold.marketplace_counts is False
    assert (after.sales, after.left_out) == (Money("60000", "USD"), Money("50000", "USD"))
    assert after.status is Registration.BELOW
    assert after.crossed_on is None


def test_colorado_2018_window_is_judged_by_the_rule_in_force_when_it_closed() -> None:
    """2018 closed under the rule that counted marketplace sales: USD 110,000 then
    crossed, so the seller stays obliged in 2019 even after the change (the 2018 rule
    judges that window too); 2019's own sales, counted the new way, do not carry it
    into 2020."""
    sales = _sales("US-CO", date(2018, 12, 3), date(2018, 12, 4))
    late_2019 = _status(sales, date(2019, 10, 1), "US-CO")
    assert late_2019.status is Registration.MUST_REGISTER
    assert late_2019.crossed_on == date(2018, 12, 4)
    assert _status(sales, date(2020, 1, 1), "US-CO").status is Registration.BELOW


def test_illinois_counts_marketplace_sales_in_look_backs_ending_before_2020() -> None:
    sales = _sales("US-IL", date(2019, 6, 1), date(2019, 6, 2))
    # the look-back measured at 2019-12-31 (the 2018 rule: marketplace sales count)
    found = _status(sales, date(2020, 1, 1), "US-IL")
    assert (found.window_start, found.window_end) == (date(2019, 1, 1), date(2019, 12, 31))
    assert found.status is Registration.MUST_REGISTER
    assert found.crossed_on == date(2019, 6, 30)


def test_illinois_leaves_marketplace_sales_out_of_look_backs_ending_from_2020() -> None:
    sales = _sales("US-IL", date(2019, 6, 1), date(2019, 6, 2))
    # the look-back measured at 2020-03-31 holds the same sales, under the 2020 rule
    found = _status(sales, date(2020, 4, 1), "US-IL")
    assert (found.window_start, found.window_end) == (date(2019, 4, 1), date(2020, 3, 31))
    assert (found.sales, found.left_out) == (Money("60000", "USD"), Money("50000", "USD"))
    # the look-backs to 2019-06-30 .. 2019-12-31 counted the marketplace sales (USD
    # 110,000) and crossed: 86 Ill. Adm. Code 131.115(b) keeps the seller collecting
    # for a year from 2020-01-01 (issue 18)
    assert found.status is Registration.MUST_REGISTER
    assert (found.crossed_on, found.last_crossed) == (date(2019, 6, 30), date(2019, 12, 31))
    assert _status(sales, date(2021, 1, 1), "US-IL").status is Registration.BELOW


def test_kansas_counts_marketplace_sales() -> None:
    sales = _sales("US-KS", date(2022, 3, 1), date(2022, 3, 2))
    found = _status(sales, date(2022, 6, 1), "US-KS")
    assert found.sales == Money("110000", "USD")
    assert found.status is Registration.MUST_REGISTER
    assert found.crossed_on == date(2022, 3, 2)
    # without the marketplace sales it is below the limit
    assert _status(sales[:1], date(2022, 6, 1), "US-KS").status is Registration.BELOW


def test_the_explanation_names_an_earlier_rule_that_counted_marketplace_sales() -> None:
    sales = _sales("US-CO", date(2018, 12, 3), date(2018, 12, 4))
    said = _status(sales, date(2019, 10, 1), "US-CO").explain()
    assert "the window ending 2018-12-31 is judged by the rule in force then too" in said
    assert "marketplace sales counted" in said


def test_pennsylvania_leaves_marketplace_sales_out() -> None:
    """Bulletin 2019-01 (as reported): a marketplace seller measures USD 100,000 with
    its direct sales only; the previous calendar year is the window."""
    sales = _sales("US-PA", date(2023, 3, 1), date(2023, 3, 2))
    found = _status(sales, date(2024, 2, 1), "US-PA")
    assert (found.sales, found.left_out) == (Money("60000", "USD"), Money("50000", "USD"))
    assert found.status is Registration.BELOW
    # the same USD 110,000 sold directly crosses (more than USD 100,000)
    direct = [CountedSale(date(2023, 3, 1), Money("110000", "USD"), "US", state="US-PA")]
    assert _status(direct, date(2024, 2, 1), "US-PA").status is Registration.MUST_REGISTER


def test_massachusetts_counted_marketplace_sales_under_its_2017_rule_only() -> None:
    """Until 2019-09-30 the previous calendar year, more than USD 500,000 and at least
    100 transactions, sales on a facilitator's site included; from 2019-10-01 more than
    USD 100,000 without the marketplace sales."""
    big = [
        CountedSale(date(2018, 3, 1), Money("300000", "USD"), "US", state="US-MA",
                    transactions=60),
        CountedSale(date(2018, 3, 2), Money("300000", "USD"), "US", state="US-MA",
                    transactions=60, marketplace=True),
    ]  # fmt: skip
    before = _status(big, date(2019, 9, 30), "US-MA")
    assert before.status is Registration.MUST_REGISTER
    assert before.sales == Money("600000", "USD")
    # the 2018 window closed under the old rule, which judges it too on 2019-10-01
    assert _status(big, date(2019, 10, 1), "US-MA").status is Registration.MUST_REGISTER
    # a window that closes under the new rule counts the direct sales only
    sales = _sales("US-MA", date(2020, 3, 1), date(2020, 3, 2))
    found = _status(sales, date(2020, 6, 1), "US-MA")
    assert (found.sales, found.left_out) == (Money("60000", "USD"), Money("50000", "USD"))
    assert found.status is Registration.BELOW


def test_louisiana_and_new_mexico_leave_marketplace_sales_out() -> None:
    """Louisiana (Sovos) and New Mexico (H.B. 6 of 2019, as the Sales Tax Institute
    reads it): a seller's own threshold leaves out the sales a marketplace collects on;
    the same total sold directly crosses."""
    for state, day in (("US-LA", date(2022, 6, 1)), ("US-NM", date(2023, 2, 1))):
        sales = _sales(state, date(2022, 3, 1), date(2022, 3, 2))
        found = _status(sales, day, state)
        assert found.left_out == Money("50000", "USD"), state
        assert found.status is Registration.BELOW, state
        direct = [CountedSale(date(2022, 3, 1), Money("110000", "USD"), "US", state=state)]
        assert _status(direct, day, state).status is Registration.MUST_REGISTER, state


def test_missouri_counts_marketplace_sales() -> None:
    """Department of Revenue, Remote Seller and Marketplace Facilitator FAQs: the USD
    100,000 'is based on all sales ... including sales through a marketplace
    facilitator'; gross receipts that exceed USD 100,000 (the Department's rule 12 CSR
    10-113.400(2)(B) and the same FAQ) in the 12 months to the last quarter end."""
    sales = _sales("US-MO", date(2023, 3, 1), date(2023, 3, 2))
    found = _status(sales, date(2023, 4, 1), "US-MO")
    assert found.threshold.marketplace_counts is True
    assert (found.sales, found.left_out) == (Money("110000", "USD"), Money("0", "USD"))
    assert found.status is Registration.MUST_REGISTER
    # without the marketplace sales, USD 60,000 is below
    assert _status(sales[:1], date(2023, 4, 1), "US-MO").status is Registration.BELOW
    # at the limit: USD 100,000.00 with the marketplace's USD 40,000 does not exceed
    # it; a cent more does
    for direct, status in (("60000.01", Registration.MUST_REGISTER),
                           ("60000.00", Registration.APPROACHING)):  # fmt: skip
        limit = _sales("US-MO", date(2023, 3, 1), date(2023, 3, 2), (direct, "40000.00"))
        assert _status(limit, date(2023, 4, 1), "US-MO").status is status, direct


def test_new_jersey_counts_marketplace_sales_in_amount_and_transactions() -> None:
    """The Division's guidance (as reprinted by the Streamlined Sales Tax Governing
    Board): a remote seller over the threshold that sells solely through marketplaces
    must register; more than USD 100,000 or at least 200 transactions."""
    sales = _sales("US-NJ", date(2024, 3, 1), date(2024, 3, 2))
    found = _status(sales, date(2024, 6, 1), "US-NJ")
    assert found.threshold.marketplace_counts is True
    assert found.sales == Money("110000", "USD")
    assert found.status is Registration.MUST_REGISTER
    assert _status(sales[:1], date(2024, 6, 1), "US-NJ").status is Registration.BELOW
    # exactly USD 100,000 with the marketplace's share is not more than USD 100,000
    at = _sales("US-NJ", date(2024, 3, 1), date(2024, 3, 2), ("60000", "40000"))
    assert _status(at, date(2024, 6, 1), "US-NJ").status is Registration.APPROACHING
    # 150 direct and 50 marketplace transactions make the 200
    count = _sales("US-NJ", date(2024, 3, 1), date(2024, 3, 2), ("150", "50"), (150, 50))
    assert _status(count, date(2024, 6, 1), "US-NJ").status is Registration.MUST_REGISTER
    assert _status(count[:1], date(2024, 6, 1), "US-NJ").status is Registration.BELOW


def test_utah_leaves_marketplace_sales_out_from_2019_10_01_and_asks_before() -> None:
    """SB 168's marketplace provisions from 2019-10-01 (Avalara's reading, secondary):
    a marketplace seller counts its sales other than through a marketplace facilitator.
    Before that day no source read says, so a marketplace sale is asked about."""
    sales = _sales("US-UT", date(2019, 3, 1), date(2019, 3, 2))
    with pytest.raises(MissingDataError, match="US-UT counts marketplace sales"):
        _status(sales, date(2019, 9, 30), "US-UT")
    # the same day, direct sales alone are measured as before
    assert _status(sales[:1], date(2019, 9, 30), "US-UT").status is Registration.BELOW
    after = _status(sales, date(2019, 10, 1), "US-UT")
    assert after.threshold.marketplace_counts is False
    assert (after.sales, after.left_out) == (Money("60000", "USD"), Money("50000", "USD"))
    assert after.status is Registration.BELOW
    # the same USD 110,000 sold directly crosses (more than USD 100,000)
    direct = [CountedSale(date(2019, 3, 1), Money("110000", "USD"), "US", state="US-UT")]
    assert _status(direct, date(2019, 10, 1), "US-UT").status is Registration.MUST_REGISTER
    # and after SB 47 (2025-07-01) still out
    late = _status(_sales("US-UT", date(2025, 8, 1), date(2025, 8, 2)), date(2026, 1, 1),
                   "US-UT")  # fmt: skip
    assert (late.status, late.left_out) == (Registration.BELOW, Money("50000", "USD"))
