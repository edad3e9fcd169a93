"""Every public path giving a US rate agrees with ``decide`` on the general-goods
holidays of Massachusetts and Ohio: ``rates_for``, ``rate_for``, the bundled source's
methods and a tax-inclusive US display refuse those days naming the holiday, and answer
the general rate the day before and after (Massachusetts: USD 2,500 limit, 9-10 August
2025; Ohio: USD 500, 1-14 August 2025, ``tax/_data/us_holidays.csv``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from commercekit.errors import MissingDataError
from commercekit.money import Money, RateTable
from commercekit.pricing import Market, localize_price
from commercekit.tax import BUNDLED, TaxRate, rate_for, rates_for

DAYS = [
    ("US-MA", date(2025, 8, 9), date(2025, 8, 10), "Massachusetts sales tax holiday"),
    ("US-OH", date(2025, 8, 1), date(2025, 8, 14), "Ohio sales tax holiday"),
]
PATHS: dict[str, Callable[[str, str, date], object]] = {
    "rates_for": lambda state, category, day: rates_for(state, category, on=day),
    "rate_for": lambda state, category, day: rate_for(state, category, on=day),
    "BUNDLED.rates_for": lambda s, c, d: BUNDLED.rates_for(s, c, on=d),
    "BUNDLED.rate_for": lambda s, c, d: BUNDLED.rate_for(s, c, on=d),
}


def _shown(state: str, day: date) -> Money:
    """USD 100.00 shown with tax in ``state`` (a tax-inclusive display)."""
    market = Market("US", "USD", tax_jurisdiction=state, tax_inclusive=True)
    table = RateTable(base="USD", rates={}, observed_at=datetime(2025, 7, 1, tzinfo=UTC),
                      provider="example")  # fmt: skip
    return localize_price(Money("100.00", "USD"), market, table, on=day).with_tax


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("state", "first", "last", "name"), DAYS)
def test_each_rate_path_refuses_the_holiday_by_name(
    path: str, state: str, first: date, last: date, name: str
) -> None:
    for day in (first, last):
        with pytest.raises(MissingDataError, match=name):
            PATHS[path](state, "standard", day)
    for day in (first - timedelta(days=1), last + timedelta(days=1)):
        found = PATHS[path](state, "standard", day)
        rate = found if isinstance(found, TaxRate) else found[0]  # type: ignore[index]
        assert rate.rate > 0


@pytest.mark.parametrize(("state", "first", "last", "name"), DAYS)
def test_a_tax_inclusive_display_refuses_the_holiday_by_name(
    state: str, first: date, last: date, name: str
) -> None:
    with pytest.raises(MissingDataError, match=name):
        _shown(state, first)
    assert _shown("US-MA", first - timedelta(days=1)).amount == Decimal("106.25")


def test_categories_the_holiday_does_not_tax_are_answered() -> None:
    """Food is exempt all year in both states: 0 %, answered on the holiday."""
    for state, first, _, _ in DAYS:
        assert [r.rate for r in rates_for(state, "food", on=first)] == [Decimal(0)]
