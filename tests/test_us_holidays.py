"""Texas' August sales tax holiday: clothing and footwear priced below USD 100 per item
exempt on the holiday's days (Tax Code 151.326), taxed the day before and after.

2024: 9-11 August (the Comptroller's Fiscal Notes, 2024-08-07); 2025: 8-10 August
(Acting Comptroller Hancock's release, 2025-08-08). 2026 is not bundled: sources
disagree on the days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import Buyer, Seller, StateRatesOnly, per_item_rates, rates_for

WINDOWS = [(date(2024, 8, 9), date(2024, 8, 11)), (date(2025, 8, 8), date(2025, 8, 10))]


def _tax(day: date, price: str, quantity: int = 2, discount: str | None = None) -> Money:
    context = CheckoutContext(
        Seller("US", {"US-TX"}), Buyer("US", subdivision="US-TX"),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"SHIRT": Product("SHIRT", "clothing")},
        tax_rates=StateRatesOnly(), partial=True,
    )  # fmt: skip
    return quote(Cart([CartLine("SHIRT", Money(price, "USD"), quantity)]), context).tax


@pytest.mark.parametrize(("first", "last"), WINDOWS)
def test_the_holiday_exempts_items_under_usd_100_and_only_on_its_days(
    first: date, last: date
) -> None:
    before, after = (
        date.fromordinal(first.toordinal() - 1),
        date.fromordinal(last.toordinal() + 1),
    )
    for day in (first, last):
        assert _tax(day, "99.99") == Money("0.00", "USD")  # two shirts: USD 199.98
        assert _tax(day, "100.00") == Money("12.50", "USD")  # at USD 100: taxed whole
    for day in (before, after):
        assert _tax(day, "99.99") == Money("12.50", "USD")  # 6.25 % of 199.98
        assert per_item_rates("US-TX", "clothing", on=day) == ()
        assert rates_for("US-TX", "clothing", on=day)[0].rate == 6.25


def test_the_price_compared_is_each_item_and_days_without_a_rule_raise() -> None:
    [rule] = per_item_rates("US-TX", "childrens_clothing", on=date(2025, 8, 9))
    assert [r.rate for _, r in rule.parts(Money("99.99", "USD"))] == [0]
    assert [r.rate for _, r in rule.parts(Money("100.00", "USD"))] == [6.25]
    for day in (date(2026, 8, 7), date(2026, 8, 10), date(2023, 12, 31)):
        with pytest.raises(MissingDataError, match="clothing"):
            rates_for("US-TX", "clothing", on=day)
