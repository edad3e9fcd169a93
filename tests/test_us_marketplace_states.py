"""US economic nexus in the states whose marketplace counting issue 18 left empty and
a source now answers (each read only in a secondary source, ``official=no``):

- Connecticut counts marketplace sales toward a remote seller's USD 100,000 and 200
  retail sales (the Sales Tax Institute: "Marketplace sales included towards the
  threshold for individual sellers"), from 2018-12-01.
- New York counted them until 2019-05-31 (the Department's FAQ of April 2019 as
  Avalara reports it: "Sales made through a marketplace should be included when
  calculating the threshold"); from 2019-06-01, when the marketplace provider law took
  effect, sources disagree (the Sales Tax Institute: included; Sovos: excluded), so a
  marketplace sale is asked about.
- North Dakota leaves them out from 2019-10-01, when S.B. 2338's marketplace
  facilitator provisions took effect (the Sales Tax Institute: "Marketplace sales
  excluded from the threshold for individual sellers"); before, a marketplace sale is
  asked about.

The other five (Georgia, Kentucky, South Carolina, South Dakota, Tennessee) still ask.
Last, the rows this round moved from secondary sources to the state's own page
(Florida, North Carolina from 2024-07-01, Illinois from 2026-01-01, Maryland, South
Carolina, Idaho, Virginia), each on both sides of its limit.
"""

from __future__ import annotations

from datetime import date

import pytest

from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.tax import CountedSale, NexusStatus, Registration, nexus_status


def _sale(
    day: date, amount: str, state: str, transactions: int = 1, *, marketplace: bool = False
) -> CountedSale:
    return CountedSale(
        day, Money(amount, "USD"), "US", state=state, transactions=transactions,
        marketplace=marketplace,
    )  # fmt: skip


def _status(sales: list[CountedSale], on: date, state: str) -> NexusStatus:
    (found,) = [s for s in nexus_status(sales, (), on=on) if s.jurisdiction == state]
    assert isinstance(found, NexusStatus)
    return found


# Connecticut: USD 100,000 or more AND at least 200 retail sales in the twelve months
# ending on the September 30 before the period, marketplace sales counted.

CT_DIRECT = _sale(date(2024, 3, 1), "60000", "US-CT", 150)


@pytest.mark.parametrize(
    ("market", "transactions", "status"),
    [
        ("40000.00", 50, Registration.MUST_REGISTER),  # USD 100,000 and 200 sales
        ("39999.99", 50, Registration.APPROACHING),  # a cent under the amount
        ("40000.00", 49, Registration.APPROACHING),  # a sale short of the count
    ],
)
def test_connecticut_counts_marketplace_sales_in_amount_and_count(
    market: str, transactions: int, status: Registration
) -> None:
    market_sale = _sale(date(2024, 3, 2), market, "US-CT", transactions, marketplace=True)
    sales = [CT_DIRECT, market_sale]
    found = _status(sales, date(2024, 10, 1), "US-CT")
    assert found.threshold.marketplace_counts is True
    assert found.status is status, (market, transactions)
    # the direct sales alone are below on every side
    assert _status([CT_DIRECT], date(2024, 10, 1), "US-CT").status is Registration.BELOW


def test_connecticut_marketplace_sales_alone_cross() -> None:
    sales = [_sale(date(2024, 3, 2), "100000", "US-CT", 200, marketplace=True)]
    found = _status(sales, date(2024, 10, 1), "US-CT")
    assert found.status is Registration.MUST_REGISTER
    assert found.left_out == Money("0", "USD")


def test_connecticut_counted_them_under_the_2018_rule_too() -> None:
    """From 2018-12-01 to 2019-06-30: USD 250,000 and 200 sales, marketplace sales
    counted; the window ending 2018-09-30 holds them."""
    sales = [
        _sale(date(2018, 3, 1), "150000", "US-CT", 100),
        _sale(date(2018, 3, 2), "100000", "US-CT", 100, marketplace=True),
    ]
    found = _status(sales, date(2018, 12, 1), "US-CT")
    assert found.threshold.marketplace_counts is True
    assert found.status is Registration.MUST_REGISTER
    assert _status(sales[:1], date(2018, 12, 1), "US-CT").status is Registration.BELOW


# New York: more than USD 500,000 AND more than 100 sales in the four sales tax quarters
# before (March-May, June-August, September-November, December-February).

NY_SALES = [
    _sale(date(2018, 6, 1), "300000", "US-NY", 60),
    _sale(date(2018, 6, 2), "200000.01", "US-NY", 41, marketplace=True),
]


def test_new_york_counted_marketplace_sales_until_2019_05_31() -> None:
    found = _status(NY_SALES, date(2019, 5, 31), "US-NY")
    assert (found.window_start, found.window_end) == (date(2018, 3, 1), date(2019, 2, 28))
    assert found.threshold.marketplace_counts is True
    assert found.sales == Money("500000.01", "USD")
    assert found.status is Registration.MUST_REGISTER
    # without them: USD 300,000 and 60 sales, below; at USD 500,000.00, not more than it
    assert _status(NY_SALES[:1], date(2019, 3, 1), "US-NY").status is Registration.BELOW
    at = [NY_SALES[0], _sale(date(2018, 6, 2), "200000.00", "US-NY", 41, marketplace=True)]
    assert _status(at, date(2019, 3, 1), "US-NY").status is not Registration.MUST_REGISTER
    # the marketplace's sales alone, over both limits, oblige the seller
    alone = [_sale(date(2018, 6, 2), "500000.01", "US-NY", 101, marketplace=True)]
    assert _status(alone, date(2019, 5, 31), "US-NY").status is Registration.MUST_REGISTER


def test_new_york_asks_about_marketplace_sales_from_2019_06_01() -> None:
    """From 2019-06-01 a window holding marketplace sales is judged by the rule in
    force on the day asked too, which does not say: the seller is asked, also about
    the window that closed on 2019-05-31 (June 2018 to May 2019); a later window
    holding a marketplace sale is asked about as well."""
    with pytest.raises(MissingDataError, match="US-NY counts marketplace sales"):
        _status(NY_SALES, date(2019, 6, 1), "US-NY")
    later = [_sale(date(2019, 7, 1), "10", "US-NY", 1, marketplace=True)]
    with pytest.raises(MissingDataError, match="US-NY counts marketplace sales"):
        _status(later, date(2019, 9, 1), "US-NY")
    # direct sales alone are measured as before
    direct = [_sale(date(2019, 7, 1), "500000.01", "US-NY", 101)]
    assert _status(direct, date(2019, 9, 1), "US-NY").status is Registration.MUST_REGISTER


# North Dakota: more than USD 100,000 in the previous or current calendar year.


def test_north_dakota_leaves_marketplace_sales_out_from_2019_10_01() -> None:
    sales = [
        _sale(date(2020, 3, 1), "60000", "US-ND"),
        _sale(date(2020, 3, 2), "50000", "US-ND", marketplace=True),
    ]
    found = _status(sales, date(2020, 6, 1), "US-ND")
    assert found.threshold.marketplace_counts is False
    assert (found.sales, found.left_out) == (Money("60000", "USD"), Money("50000", "USD"))
    assert found.status is Registration.BELOW
    # marketplace sales alone far over the limit oblige nothing
    alone = [_sale(date(2020, 3, 2), "250000", "US-ND", marketplace=True)]
    assert _status(alone, date(2020, 6, 1), "US-ND").status is Registration.BELOW
    # the direct sales cross above USD 100,000, not at it
    for amount, status in (("100000.01", Registration.MUST_REGISTER),
                           ("100000.00", Registration.APPROACHING)):  # fmt: skip
        direct = [_sale(date(2020, 3, 1), amount, "US-ND")]
        assert _status(direct, date(2020, 6, 1), "US-ND").status is status, amount


def test_north_dakota_asks_about_marketplace_sales_before_2019_10_01() -> None:
    sales = [_sale(date(2019, 3, 2), "50000", "US-ND", marketplace=True)]
    with pytest.raises(MissingDataError, match="US-ND counts marketplace sales"):
        _status(sales, date(2019, 9, 30), "US-ND")
    after = _status(sales, date(2019, 10, 1), "US-ND")
    assert after.threshold.marketplace_counts is False
    assert after.left_out == Money("50000", "USD")


@pytest.mark.parametrize("state", ["US-GA", "US-KY", "US-SC", "US-SD", "US-TN"])
def test_the_other_states_still_ask(state: str) -> None:
    sales = [_sale(date(2024, 3, 2), "50000", state, marketplace=True)]
    with pytest.raises(MissingDataError, match=f"{state} counts marketplace sales"):
        _status(sales, date(2024, 6, 1), state)


def test_florida_rests_on_the_departments_page() -> None:
    """The Department of Revenue's registration page: remote sales 'in excess of
    $100,000 over the previous calendar year' from 2021-07-01, and a marketplace seller
    counts its sales 'outside of the marketplace'. USD 100,000.01 sold directly in 2024
    obliges in 2025, USD 100,000.00 does not, and marketplace sales are left out."""
    row = _status([_sale(date(2024, 3, 1), "1", "US-FL")], date(2025, 2, 1), "US-FL")
    assert row.threshold.official is True
    assert row.threshold.source.startswith("https://qas.floridarevenue.com/")
    for amount, crosses in (("100000.01", True), ("100000.00", False)):
        sales = [_sale(date(2024, 3, 1), amount, "US-FL")]
        found = _status(sales, date(2025, 2, 1), "US-FL")
        assert (found.status is Registration.MUST_REGISTER) is crosses, amount
    market = [_sale(date(2024, 3, 1), "150000", "US-FL", marketplace=True)]
    assert _status(market, date(2025, 2, 1), "US-FL").status is Registration.BELOW


def test_north_carolina_from_2024_07_01_rests_on_the_departments_page() -> None:
    """The Department's Remote Sales page (the copy naming Directive SD-24-1): gross
    sales 'in excess of $100,000' in the previous or current calendar year, no count:
    USD 100,000.01 in one sale obliges, 250 sales of USD 100 (USD 25,000) do not."""
    day = date(2025, 6, 1)
    row = _status([_sale(date(2025, 3, 1), "1", "US-NC")], day, "US-NC").threshold
    assert (row.official, row.transactions) == (True, None)
    assert row.source.startswith("https://ncdor.gov/")
    over = [_sale(date(2025, 3, 1), "100000.01", "US-NC")]
    assert _status(over, day, "US-NC").status is Registration.MUST_REGISTER
    many = [_sale(date(2025, 3, 1), "25000", "US-NC", 250)]
    assert _status(many, day, "US-NC").status is Registration.BELOW


def test_illinois_drops_its_count_on_2026_01_01_as_the_department_says() -> None:
    """Informational Bulletin FY 2026-12 (December 2025): 'Effective January 1, 2026,
    the 200-transaction threshold ... will be removed'; USD 100,000 or more in the
    12 months to the quarter end remains (86 Ill. Adm. Code 131.115). 250 sales of USD
    100 on 2025-10-01: the look-back to 2025-12-31 closed under the old rule and
    crosses (asked on 2026-01-01); the look-back to 2026-03-31, judged by the new
    rule, does not, but the seller collects for one year from 2026-01-01 (131.115(b);
    issue 18)."""
    many = [_sale(date(2025, 10, 1), "25000", "US-IL", 250)]
    before = _status(many, date(2026, 1, 1), "US-IL")
    assert (before.window_end, before.status) == (
        date(2025, 12, 31),
        Registration.MUST_REGISTER,
    )
    after = _status(many, date(2026, 4, 1), "US-IL")
    assert after.threshold.official is True
    assert after.threshold.source.startswith("https://tax.illinois.gov/")
    assert after.window_end == date(2026, 3, 31)
    assert after.status is Registration.MUST_REGISTER
    assert after.last_crossed == date(2025, 12, 31)
    assert _status(many, date(2027, 1, 1), "US-IL").status is Registration.BELOW
    # USD 100,000.00 in one sale is enough ('or more'), a cent less is not
    for amount, crosses in (("100000.00", True), ("99999.99", False)):
        sales = [_sale(date(2026, 2, 1), amount, "US-IL")]
        found = _status(sales, date(2026, 4, 1), "US-IL")
        assert (found.status is Registration.MUST_REGISTER) is crosses, amount


@pytest.mark.parametrize(
    ("state", "page"),
    [
        # the Comptroller's out-of-state vendor page (updated 2019-11-25): gross revenue
        # that 'exceeds $100,000' or '200 or more separate transactions'
        ("US-MD", "https://marylandtaxes.gov/"),
        # the Department's remote sellers page: gross revenue that 'exceeds $100,000'
        ("US-SC", "http://dor.sc.gov/"),
    ],
)
def test_maryland_and_south_carolina_rest_on_the_departments_pages(
    state: str, page: str
) -> None:
    """In the previous or current calendar year: USD 100,000.01 sold directly in 2025
    obliges on 2026-06-01, USD 100,000.00 does not (more than the limit); in Maryland
    200 sales of USD 1 oblige, 199 do not; South Carolina has no count."""
    day = date(2026, 6, 1)
    row = _status([_sale(date(2025, 3, 1), "1", state)], day, state).threshold
    assert row.official is True
    assert row.source.startswith(page)
    for amount, crosses in (("100000.01", True), ("100000.00", False)):
        found = _status([_sale(date(2025, 3, 1), amount, state)], day, state)
        assert (found.status is Registration.MUST_REGISTER) is crosses, amount
    counts = (200, 199) if state == "US-MD" else (10_000,)
    for count in counts:
        sales = [_sale(date(2025, 3, 1), str(count), state, count)]
        crosses = state == "US-MD" and count >= 200
        found = _status(sales, day, state)
        assert (found.status is Registration.MUST_REGISTER) is crosses, count


def test_idaho_counts_marketplace_sales_in_the_commissions_words() -> None:
    """The Tax Commission's guide for online sellers: an out-of-state retailer whose
    'total sales in Idaho, including any made through a marketplace facilitator,
    exceed $100,000 in the current or previous calendar year' is engaged in business
    from 2019-06-01. USD 60,000 direct and USD 40,000.01 through a marketplace in 2025
    oblige on 2026-02-01; USD 40,000.00 does not; marketplace sales alone of USD
    100,000.01 do."""
    day = date(2026, 2, 1)
    direct = _sale(date(2025, 3, 1), "60000", "US-ID")
    for market, crosses in (("40000.01", True), ("40000.00", False)):
        sales = [direct, _sale(date(2025, 3, 2), market, "US-ID", marketplace=True)]
        found = _status(sales, day, "US-ID")
        assert found.threshold.official is True
        assert found.threshold.source.startswith("https://tax.idaho.gov/")
        assert (found.status is Registration.MUST_REGISTER) is crosses, market
    alone = [_sale(date(2025, 3, 2), "100000.01", "US-ID", marketplace=True)]
    assert _status(alone, day, "US-ID").status is Registration.MUST_REGISTER


def test_virginia_rests_on_the_departments_page() -> None:
    """Virginia Tax: 'more than $100,000 in annual gross retail sales or 200 or more
    transactions': 200 sales of USD 1 in 2025 oblige, 199 do not; USD 100,000.00 does
    not, a cent more does."""
    day = date(2026, 2, 1)
    row = _status([_sale(date(2025, 3, 1), "1", "US-VA")], day, "US-VA").threshold
    assert row.official is True
    assert row.source.startswith("https://tax.virginia.gov/")
    cases = [("200", 200, True), ("199", 199, False), ("100000.00", 1, False)]
    for amount, count, crosses in [*cases, ("100000.01", 1, True)]:
        found = _status([_sale(date(2025, 3, 1), amount, "US-VA", count)], day, "US-VA")
        assert (found.status is Registration.MUST_REGISTER) is crosses, (amount, count)
