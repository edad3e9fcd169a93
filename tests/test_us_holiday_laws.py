"""US sales tax holiday days bundled in the third review (issue 18): Massachusetts'
weekends of 2018 to 2023 (11-12 August 2018, 17-18 August 2019, 29-30 August 2020,
14-15 August 2021, 13-14 August 2022, 12-13 August 2023, from the reports cited in
us_holidays.csv) and Ohio's printed books in its holiday of 7-9 August 2026.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from commercekit.errors import MissingDataError
from commercekit.tax import rates_for

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
