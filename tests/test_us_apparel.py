"""US states answer the categories 'apparel' (garments) and 'footwear' by their clothing
rule, where the state's law covers them as it covers clothing.

New York exempts clothing and footwear sold for less than USD 110 per item or pair
(Tax Law 1115(a)(30)); Massachusetts the first USD 175 of each article of clothing
"including footwear" (M.G.L. c. 64H s. 6(k)); Rhode Island the first USD 250 of each
item of clothing or footwear (280-RICR-20-70-6.6); Texas' August holiday clothing and
footwear priced below USD 100 (Tax Code 151.326); Minnesota (shoes, boots, sandals and
sneakers are exempt clothing: Minnesota Revenue, Fact Sheet 105), New Jersey,
Pennsylvania and Vermont exempt both. A state with no clothing rule bundled (South
Carolina, whose back-to-school holiday is not bundled) refuses them as it refuses clothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import Buyer, Seller, StateRatesOnly, per_item_rates, rates_for

DAY = date(2026, 6, 1)
CATEGORIES = ("apparel", "footwear")


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def _tax(state: str, category: str, price: str, day: date = DAY) -> Money:
    """The tax a partial quote (state rates only) puts on two items at ``price``."""
    context = CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"ITEM": Product("ITEM", category)},
        tax_rates=StateRatesOnly(), partial=True,
    )  # fmt: skip
    result = quote(Cart([CartLine("ITEM", usd(price), 2)]), context)
    # Only the local rates StateRatesOnly leaves out may be missing, never the category.
    assert all("local sales tax rates" in missing for missing in result.missing)
    return result.tax


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize(
    ("state", "price", "tax"),
    [
        # New York: under USD 110 exempt, at USD 110 the whole price at 4 %.
        ("US-NY", "109.99", "0.00"),
        ("US-NY", "110.00", "8.80"),
        # Massachusetts: the part of each item over USD 175 at 6.25 %.
        ("US-MA", "175.00", "0.00"),
        ("US-MA", "175.01", "0.00"),  # 6.25 % of 2 x 0.01 = 0.00125
        ("US-MA", "200.00", "3.13"),  # 6.25 % of 2 x 25 = 3.125, half up
        # Rhode Island: the part over USD 250 at 7 % (the regulation's USD 275 suit).
        ("US-RI", "250.00", "0.00"),
        ("US-RI", "275.00", "3.50"),
    ],
)
def test_per_item_thresholds_cover_apparel_and_footwear(
    category: str, state: str, price: str, tax: str
) -> None:
    assert _tax(state, category, price) == usd(tax)
    assert _tax(state, category, price) == _tax(state, "clothing", price)


@pytest.mark.parametrize("category", CATEGORIES)
def test_the_texas_holiday_covers_apparel_and_footwear(category: str) -> None:
    holiday = date(2025, 8, 9)
    assert _tax("US-TX", category, "99.99", holiday) == usd("0.00")
    assert _tax("US-TX", category, "100.00", holiday) == usd("12.50")
    assert _tax("US-TX", category, "99.99", date(2025, 8, 11)) == usd("12.50")
    assert per_item_rates("US-TX", category, on=date(2025, 8, 11)) == ()
    for day in (date(2026, 8, 7), date(2023, 12, 31)):
        with pytest.raises(MissingDataError, match=category):
            rates_for("US-TX", category, on=day)


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("state", ["US-MN", "US-NJ", "US-PA", "US-VT"])
def test_states_exempting_clothing_exempt_apparel_and_footwear(
    state: str, category: str
) -> None:
    (rate,) = rates_for(state, category, on=DAY)
    assert (rate.kind.value, rate.rate) == ("exempt", 0)
    assert _tax(state, category, "500.00") == usd("0.00")
    assert rates_for(state, "standard", on=DAY)[0].rate > 0


@pytest.mark.parametrize("category", CATEGORIES)
def test_a_state_without_a_clothing_rule_refuses_them(category: str) -> None:
    """Alaska (local taxes only) has no clothing row; every state with a sales tax now
    has one."""
    with pytest.raises(MissingDataError, match=f"US-AK sales tax treatment of {category}"):
        rates_for("US-AK", category, on=DAY)


def test_every_us_clothing_row_has_apparel_and_footwear_rows_alike() -> None:
    """Each state and day with a clothing rule answers apparel and footwear the same."""
    days = [date(2018, 6, 21), DAY, date(2024, 8, 10), date(2025, 8, 8)]
    for state in ("US-NY", "US-MA", "US-RI", "US-TX", "US-MN", "US-NJ", "US-PA", "US-VT",
                  "US-VA", "US-IA", "US-SC", "US-NM", "US-CT"):  # fmt: skip
        for day in days:
            try:
                clothing = [(r.kind, r.rate) for r in rates_for(state, "clothing", on=day)]
            except MissingDataError:
                clothing = []
            rules = per_item_rates(state, "clothing", on=day)
            for category in CATEGORIES:
                got = per_item_rates(state, category, on=day)
                assert [(r.threshold, r.rule) for r in got] == [
                    (r.threshold, r.rule) for r in rules
                ]
                if clothing:
                    found = [(r.kind, r.rate) for r in rates_for(state, category, on=day)]
                    assert found == clothing
