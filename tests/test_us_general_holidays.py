"""US sales tax holidays on general goods (Massachusetts: most goods priced up to
USD 2,500 for personal use, 10-11 August 2024 and 9-10 August 2025; Ohio: goods priced
up to USD 500, 30 July to 8 August 2024 and 1-14 August 2025): commercekit's categories
cannot tell the goods they exempt from those they leave out, so on those days a
decision or quote charging a bundled rate above 0% raises, naming the holiday; the day
before and after, the state's general rate; a rate source of the caller's own answers.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    Sale,
    Seller,
    StateRatesOnly,
    TaxCategory,
    TaxRate,
    decide,
    rates_for,
)

# (state, first day, last day, the general rate)
HOLIDAYS = [
    ("US-MA", date(2024, 8, 10), date(2024, 8, 11), "6.25"),
    ("US-MA", date(2025, 8, 9), date(2025, 8, 10), "6.25"),
    ("US-OH", date(2024, 7, 30), date(2024, 8, 8), "5.75"),
    ("US-OH", date(2025, 8, 1), date(2025, 8, 14), "5.75"),
]
IDS = [f"{state}-{first}" for state, first, *_ in HOLIDAYS]
ONE_DAY = timedelta(days=1)


def _context(
    state: str, day: date, category: str, source: object = None
) -> CheckoutContext:
    """A quote on ``day``: the state's part alone in Ohio (local taxes), whole in
    Massachusetts (none)."""
    partial = state == "US-OH"
    rates = source or (StateRatesOnly() if partial else None)
    extra = {} if rates is None else {"tax_rates": rates}
    return CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"ITEM": Product("ITEM", category)},
        partial=partial, **extra,
    )  # fmt: skip


def _tax(state: str, day: date, category: str = "standard", source: object = None) -> Money:
    cart = Cart([CartLine("ITEM", Money("100.00", "USD"), 1)])
    return quote(cart, _context(state, day, category, source)).tax


@pytest.mark.parametrize(("state", "first", "last", "rate"), HOLIDAYS, ids=IDS)
def test_the_holiday_is_refused_by_name_and_only_on_its_days(
    state: str, first: date, last: date, rate: str
) -> None:
    """First and last day: the quote and the decision raise, naming the holiday and
    the way out; the day before and after: the general rate on a USD 100 item."""
    for day in (first, last):
        with pytest.raises(MissingDataError, match="sales tax holiday") as raised:
            _tax(state, day)
        assert "TaxRateSource" in str(raised.value)
        assert "'exempt'" in str(raised.value)
        sale = Sale(Seller("US", {state}), Buyer("US", subdivision=state), "goods",
                    Money("100.00", "USD"))  # fmt: skip
        with pytest.raises(MissingDataError, match="qualifies"):
            decide(sale, on=day, rates=StateRatesOnly())
    for day in (first - ONE_DAY, last + ONE_DAY):
        assert _tax(state, day) == Money(Decimal(rate), "USD")


@pytest.mark.parametrize(("state", "first", "last", "rate"), HOLIDAYS, ids=IDS)
def test_exempt_goods_and_a_callers_own_rates_are_quoted(
    state: str, first: date, last: date, rate: str
) -> None:
    """Goods the seller classifies as exempt, and food (exempt all year), owe nothing
    on the holiday; a rate source answering the day with a rate of its own is used."""
    assert _tax(state, first, "exempt") == Money("0.00", "USD")
    assert _tax(state, last, "food") == Money("0.00", "USD")

    class OwnRates:
        """The seller's own answer for the holiday: its goods do not qualify."""

        def rates_for(
            self, jurisdiction: str, category: TaxCategory | str, *, on: date
        ) -> tuple[TaxRate, ...]:
            return (
                TaxRate(
                    jurisdiction=jurisdiction, tax="sales tax", category=category,
                    applies_as=category, rate=Decimal(rate), kind="standard",
                    since=first, until=last, source="https://example.com/our-ruling",
                ),
            )  # fmt: skip

    own = StateRatesOnly(OwnRates()) if state == "US-OH" else OwnRates()
    assert _tax(state, first, source=own) == Money(Decimal(rate), "USD")


def test_massachusetts_clothing_is_refused_on_the_holiday_too() -> None:
    """Clothing's USD 175 per-item rule is not the holiday's (items up to USD 2,500
    exempt whole): refused on the days, answered either side."""
    with pytest.raises(MissingDataError, match="clothing qualifies"):
        _tax("US-MA", date(2025, 8, 10), "clothing")
    assert _tax("US-MA", date(2025, 8, 11), "clothing") == Money("0.00", "USD")
    with pytest.raises(MissingDataError, match="Massachusetts sales tax holiday"):
        rates_for("US-MA", "standard", on=date(2025, 8, 9))
