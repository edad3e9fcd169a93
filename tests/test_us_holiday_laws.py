"""US sales tax holidays a law makes every year, on a year whose days are not bundled
(third review, issue 18): the rate tables run on with no end, so without these checks
an August weekend of 2026 in Massachusetts (M.G.L. c. 64H s. 6A: "a Saturday and
Sunday occurring concurrently in August", the days set each year) or Texas' holiday of
2027 would be charged the full rate. Each day the law allows in such a year is refused,
naming the law, the year and how to answer it; the days either side are charged.
Massachusetts' days of 2018 to 2023 are bundled from the reports cited in
us_holidays.csv (11-12 August 2018, 17-18 August 2019, 29-30 August 2020, 14-15 August
2021, 13-14 August 2022, 12-13 August 2023), so the other August weekends of those
years are charged; so are Ohio's printed books in its holiday of 7-9 August 2026.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import Buyer, Sale, Seller, StateRatesOnly, decide, rates_for
from commercekit.tax._per_item import rules_table
from commercekit.tax._us_holiday_laws import laws
from commercekit.tax._us_holidays import _table

ONE_DAY = timedelta(days=1)

# Massachusetts' weekends read in reports (us_holidays.csv names each source)
MA_DAYS = [
    (date(2018, 8, 11), date(2018, 8, 12)),
    (date(2019, 8, 17), date(2019, 8, 18)),
    (date(2020, 8, 29), date(2020, 8, 30)),
    (date(2021, 8, 14), date(2021, 8, 15)),
    (date(2022, 8, 13), date(2022, 8, 14)),
    (date(2023, 8, 12), date(2023, 8, 13)),
]


def _rate(state: str, category: str, day: date) -> Decimal:
    (rate,) = rates_for(state, category, on=day)
    return rate.rate


@pytest.mark.parametrize(("first", "last"), MA_DAYS, ids=[str(d) for d, _ in MA_DAYS])
def test_massachusetts_weekends_before_2024_are_refused_by_name(
    first: date, last: date
) -> None:
    """Saturday and Sunday raise naming the holiday; Friday and Monday pay 6.25%,
    and so does the next weekend (the year's days are bundled)."""
    for day in (first, last):
        with pytest.raises(MissingDataError, match="Massachusetts sales tax holiday"):
            rates_for("US-MA", "standard", on=day)
    for day in (first - ONE_DAY, last + ONE_DAY, first + 7 * ONE_DAY):
        assert _rate("US-MA", "standard", day) == Decimal("6.25")


@pytest.mark.parametrize("year", [2026, 2027])
def test_every_august_weekend_of_an_unbundled_massachusetts_year_is_refused(
    year: int,
) -> None:
    """Each Saturday and Sunday of August raises, naming the year and the way out;
    weekdays of August and the weekend days of July and September pay 6.25%."""
    day = date(year, 7, 25)
    while day <= date(year, 9, 7):
        in_law = day.month == 8 and day.weekday() >= 5
        if in_law:
            with pytest.raises(MissingDataError) as raised:
                rates_for("US-MA", "standard", on=day)
            said = str(raised.value)
            assert f"{year}" in said
            assert "not bundled" in said
            assert "TaxRateSource" in said
        else:
            assert _rate("US-MA", "standard", day) == Decimal("6.25")
        day += ONE_DAY


def _tax(state: str, day: date, category: str, price: str) -> Money:
    """The tax of a quote for one item at ``price`` sold by a seller registered in
    ``state`` (Massachusetts and Connecticut have no local sales taxes)."""
    context = CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"ITEM": Product("ITEM", category)},
    )  # fmt: skip
    return quote(Cart([CartLine("ITEM", Money(price, "USD"), 1)]), context).tax


def test_a_massachusetts_quote_and_decision_on_8_august_2026_are_refused() -> None:
    """The quote and the decision raise on Saturday 8 August 2026 (a chamber of
    commerce's calendar gives 8-9 August, no resolution was read); Friday 7 August a
    USD 100 item pays USD 6.25, and a USD 200 coat USD 1.56 (6.25% of the USD 25
    over USD 175)."""
    with pytest.raises(MissingDataError, match="2026"):
        _tax("US-MA", date(2026, 8, 8), "standard", "100.00")
    with pytest.raises(MissingDataError, match="2026"):
        _tax("US-MA", date(2026, 8, 8), "clothing", "200.00")
    assert _tax("US-MA", date(2026, 8, 7), "clothing", "200.00") == Money("1.56", "USD")
    sale = Sale(Seller("US", {"US-MA"}), Buyer("US", subdivision="US-MA"), "goods",
                Money("100.00", "USD"))  # fmt: skip
    with pytest.raises(MissingDataError, match="2026"):
        decide(sale, on=date(2026, 8, 9), rates=StateRatesOnly())
    assert _tax("US-MA", date(2026, 8, 7), "standard", "100.00") == Money("6.25", "USD")


@pytest.mark.parametrize(
    ("state", "category", "first", "last", "rate"),
    [
        # Texas: the first Friday in August to the Sunday: 1-9 August at the widest
        ("US-TX", "clothing", date(2027, 8, 1), date(2027, 8, 9), "6.25"),
        # Tennessee: the last Friday of July to the Sunday: 25 July to 2 August
        ("US-TN", "computers", date(2027, 7, 25), date(2027, 8, 2), "7"),
        # Arkansas: the first weekend of August, 31 July when 1 August is a Sunday
        ("US-AR", "clothing", date(2027, 7, 31), date(2027, 8, 8), "6.5"),
        # Florida: the whole of August (HB 7031 of 2025)
        ("US-FL", "school_supplies", date(2027, 8, 1), date(2027, 8, 31), "6"),
    ],
)
def test_a_later_year_of_a_yearly_holiday_is_refused_on_the_days_its_law_allows(
    state: str, category: str, first: date, last: date, rate: str
) -> None:
    """First and last possible day raise, naming the year; the day before and after
    pay the general rate."""
    for day in (first, last):
        with pytest.raises(MissingDataError, match=f"{day.year}.*not bundled"):
            rates_for(state, category, on=day)
    for day in (first - ONE_DAY, last + ONE_DAY):
        assert _rate(state, category, day) == Decimal(rate)


def test_connecticut_clothing_in_2027_is_refused_in_the_weeks_its_law_allows() -> None:
    """Connecticut's week runs from the third Sunday of August (15-21) to the
    Saturday: 15 and 27 August 2027 raise; a USD 50 shirt on 14 and 28 August pays
    USD 3.18 (6.35%)."""
    for day in (date(2027, 8, 15), date(2027, 8, 27)):
        with pytest.raises(MissingDataError, match="2027"):
            _tax("US-CT", day, "clothing", "50.00")
    for day in (date(2027, 8, 14), date(2027, 8, 28)):
        assert _tax("US-CT", day, "clothing", "50.00") == Money("3.18", "USD")


def test_virginia_ends_with_its_law() -> None:
    """Virginia's holiday runs to 2030-07-01 (H.B. 25 / S.B. 116 of 2024): the first
    Friday of August 2029 is refused, 2 August 2030 pays the 4.3% state part."""
    with pytest.raises(MissingDataError, match="2029"):
        rates_for("US-VA", "clothing", on=date(2029, 8, 3))
    assert _rate("US-VA", "clothing", date(2030, 8, 2)) == Decimal("4.3")


@given(st.dates(min_value=date(2018, 6, 21), max_value=date(2035, 12, 31)))
def test_no_day_a_law_allows_is_charged_in_a_year_whose_days_are_not_bundled(
    day: date,
) -> None:
    """On a day some law's window holds in a year it has no bundled days for, each
    category the law covers is refused or has no bundled rate at all."""
    for law in laws():
        if not law.allows(day) or day.year in law.bundled:
            continue
        for category in law.covers or ("standard",):
            with pytest.raises(MissingDataError):
                rates_for(law.state, category, on=day)


def test_ohio_printed_books_are_refused_in_its_2026_holiday() -> None:
    """Ohio's holiday of 7-9 August 2026 exempts school instructional material
    (textbooks, workbooks, reference books) of USD 20 or less, which the category books
    holds with novels: 7 and 9 August raise naming the holiday; 6 and 10 August pay
    5.75% (the Department: "sales of tangible books are subject to sales tax")."""
    for day in (date(2026, 8, 7), date(2026, 8, 9)):
        with pytest.raises(MissingDataError, match="Ohio sales tax holiday"):
            rates_for("US-OH", "books", on=day)
    for day in (date(2026, 8, 6), date(2026, 8, 10)):
        assert _rate("US-OH", "books", day) == Decimal("5.75")


def test_each_law_names_as_bundled_exactly_the_years_with_rows_in_its_window() -> None:
    """A year is bundled where us_holidays.csv or per_item.csv holds a dated row of
    the state meeting the law's window that year, and each such row's categories are
    ones the law covers (a general-goods row, covering every category, stands for any
    law: Ohio's expanded holidays of 2024 and 2025)."""
    rows: dict[str, list[tuple[date, date, frozenset[str]]]] = {}
    for row in _table():
        rows.setdefault(row.state, []).append((row.since, row.until, row.covers))
    for (state, category), rules in rules_table().items():
        for rule in rules:
            until = rule.above.until
            if until is not None and state[:3] == "US-":
                rows.setdefault(state, []).append(
                    (rule.above.since, until, frozenset({category}))
                )
    for law in laws():
        for year in range(law.first_year, 2027):
            first, last = law.window(year)
            met = [
                cats
                for since, until, cats in rows.get(law.state, ())
                if since <= last and first <= until
            ]
            assert (year in law.bundled) == bool(met), (law.state, year)
            assert all(cats <= set(law.covers) for cats in met), (law.state, year)


@pytest.mark.parametrize("day", [date(2025, 8, 9), date(2026, 8, 8)])
def test_massachusetts_clothing_on_a_holiday_day_is_not_sent_to_its_everyday_rule(
    day: date,
) -> None:
    """rates_for names the holiday (bundled on 9 August 2025, possible on 8 August
    2026) rather than pointing to the USD 175 rule, which the holiday sets aside for
    items of USD 2,500 or less; on Friday 8 August 2025 it points to the rule."""
    with pytest.raises(MissingDataError, match="Massachusetts sales tax holiday") as raised:
        rates_for("US-MA", "clothing", on=day)
    assert "item_tax_lines" not in str(raised.value)
    with pytest.raises(MissingDataError, match="item_tax_lines"):
        rates_for("US-MA", "clothing", on=date(2025, 8, 8))


def test_ohio_general_goods_are_refused_in_the_summers_of_its_expanded_holiday_law() -> (
    None
):
    """Ohio's expanded holiday (R.C. 5739.41, H.B. 33 of 2023: most goods of USD 500 or
    less, on days the Tax Commissioner sets when its fund allows) was held 30 July to 8
    August 2024 and 1-14 August 2025, cancelled for 2026 (H.B. 186), and is reported for
    1-15 August 2027: from 2027 July and August raise for any category; 30 June and 1
    September 2027 pay 5.75%."""
    for day in (date(2027, 7, 1), date(2027, 8, 15), date(2028, 8, 31)):
        with pytest.raises(MissingDataError, match="expanded sales tax holiday"):
            rates_for("US-OH", "standard", on=day)
    for day in (date(2027, 6, 30), date(2027, 9, 1)):
        assert _rate("US-OH", "standard", day) == Decimal("5.75")
    assert _rate("US-OH", "standard", date(2026, 8, 10)) == Decimal("5.75")


def test_massachusetts_refusal_compares_as_the_statute_does() -> None:
    """M.G.L. c. 64H s. 6A(a)(ii) leaves out 'a single item the price of which is more
    than $2,500', so an item of USD 2,500.00 qualifies: the refusal says 'USD 2,500 or
    less' (the Senate's 2025 release, 'priced under $2,500', is named as disagreeing)."""
    with pytest.raises(MissingDataError) as raised:
        rates_for("US-MA", "standard", on=date(2025, 8, 9))
    said = str(raised.value)
    assert "USD 2,500 or less" in said
    assert "more than $2,500" in said
