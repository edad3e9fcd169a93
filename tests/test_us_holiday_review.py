"""US holidays and per-item rules as a shop meets them (issue 18 review): each test
failed before its fix.

Figures: Texas exempts backpacks and school supplies priced under USD 100 on its
holiday of 8-10 August 2025 (Tax Code 151.326; the Comptroller as KXXV and the Bowie
News report it, "priced under $100"); the general rate is 6.25%. New York exempts
clothing sold for less than USD 110 per item (Tax Law 1115(a)(30)).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import Buyer, Seller, StateRatesOnly, per_item_rates


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def _context(state: str, day: date, products: dict[str, str]) -> CheckoutContext:
    return CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={sku: Product(sku, category) for sku, category in products.items()},
        tax_rates=StateRatesOnly(), partial=True,
    )  # fmt: skip


def test_the_why_cites_the_holiday_that_exempts_a_line() -> None:
    """On the Texas holiday the reasons name each per-item rule applied, with its own
    source (a report of the law, said so); the day after, no holiday is cited."""
    cart = Cart([CartLine("BAG", usd("99.99"), 1), CartLine("PEN", usd("100.00"), 1)])
    products = {"BAG": "backpacks", "PEN": "school_supplies"}
    holiday = quote(cart, _context("US-TX", date(2025, 8, 8), products))
    assert holiday.tax == usd("6.25")
    for category in ("backpacks", "school_supplies"):
        [rule] = per_item_rates("US-TX", category, on=date(2025, 8, 8))
        cited = [r for r in holiday.decision.rules if r.source == rule.above.source
                 and category in r.text]  # fmt: skip
        assert len(cited) == 1, category
        assert "items under 100.00 USD pay 0%" in cited[0].text
        assert "a report of the law" in cited[0].text
    after = quote(cart, _context("US-TX", date(2025, 8, 11), products))
    assert after.tax == usd("12.50")
    assert not [r for r in after.decision.rules if "items under" in r.text]


def test_the_why_cites_new_york_clothing_rule() -> None:
    """A year-round per-item rule is cited too: New York clothing under USD 110."""
    cart = Cart([CartLine("TEE", usd("109.99"), 1)])
    result = quote(cart, _context("US-NY", date(2026, 6, 1), {"TEE": "clothing"}))
    [rule] = per_item_rates("US-NY", "clothing", on=date(2026, 6, 1))
    assert [r.source for r in result.decision.rules if "items under" in r.text] == [
        rule.above.source
    ]
