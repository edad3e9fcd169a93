"""US holidays and per-item rules as a shop meets them (issue 18 review): each test
failed before its fix.

Figures: Texas exempts backpacks and school supplies priced under USD 100 on its
holiday of 8-10 August 2025 (Tax Code 151.326; the Comptroller as KXXV and the Bowie
News report it, "priced under $100"); the general rate is 6.25%. New York exempts
clothing sold for less than USD 110 per item (Tax Law 1115(a)(30)).
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.serde import quote_request_from_json
from commercekit.tax import (
    Buyer,
    Sale,
    SaleLine,
    Seller,
    decide,
    per_item_rates,
)
from tests.test_us_holidays import _context as holiday_context


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def _context(state: str, day: date, products: dict[str, str]) -> CheckoutContext:
    """The holiday tests' quote context, with these products' categories."""
    named = {sku: Product(sku, category) for sku, category in products.items()}
    return attrs.evolve(holiday_context(state, day), products=named)


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
        # the rule's own sentence says it once, after its source
        read = " (a report of the law, not its own text)"
        text = cited[0].text.removesuffix(read)
        assert rule.explain() == f"{text}. Source: {rule.above.source}{read}"
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


def _request(state: str, at: str, lines: dict[str, tuple[str, str]]) -> dict[str, object]:
    """A JSON quote request by hand: each SKU's price and category."""
    return {
        "cart": {"lines": [
            {"sku": sku, "unit_price": {"amount": price, "currency": "USD"}, "quantity": 1}
            for sku, (price, _) in lines.items()
        ]},
        "seller": {"country": "US", "registrations": [state]},
        "buyer": {"country": "US", "subdivision": state},
        "at": at,
        "prices_include_tax": False,
        "products": {sku: {"tax_category": category}
                     for sku, (_, category) in lines.items()},
        "partial": True,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("state", "at", "category"),
    [
        # Missouri's school supplies: USD 50 per purchase (KBIA 2024), 1-3 August 2025
        ("US-MO", "2025-08-02T12:00:00-05:00", "school_supplies"),
        # Alabama's computers: one purchase of USD 750 or less, 18-20 July 2025
        ("US-AL", "2025-07-18T12:00:00-05:00", "computers"),
    ],
)
def test_a_holiday_refusal_names_the_line_s_json_path(
    state: str, at: str, category: str
) -> None:
    """The refusal says which product's category to change, at its JSON path, in the
    quote; ``decide`` names the sale's line."""
    lines = {"MUG": ("12.00", "standard"), "ITEM": ("20.00", category)}
    request = _request(state, at, lines)
    cart, context = quote_request_from_json(request)
    with pytest.raises(MissingDataError, match=r"Week|holiday") as refused:
        quote(cart, context)
    assert refused.value.field == "products['ITEM'].tax_category"
    day = context.at.date()
    sold = (SaleLine(usd("12.00"), 1, "standard"), SaleLine(usd("20.00"), 1, category))
    sale = Sale(Seller("US", {state}), Buyer("US", subdivision=state), "goods",
                usd("32.00"), lines=sold)  # fmt: skip
    with pytest.raises(MissingDataError) as decided:
        decide(sale, on=day)
    assert decided.value.field == "sale.lines[1].category"


def test_the_holiday_s_day_is_the_date_of_at_as_given() -> None:
    """The docs' example: 23:30 on 10 August 2025 in Austin (UTC-5) is on the Texas
    holiday; the same instant in UTC is 11 August and pays 6.25% (USD 6.25 on a USD
    99.99 backpack)."""
    lines = {"BAG": ("99.99", "backpacks")}
    for at, tax in (("2025-08-10T23:30:00-05:00", "0.00"),
                    ("2025-08-11T04:30:00+00:00", "6.25")):  # fmt: skip
        cart, context = quote_request_from_json(_request("US-TX", at, lines))
        assert quote(cart, context).tax == usd(tax), at


def test_the_refusal_says_what_to_give_the_items_that_do_not_qualify() -> None:
    """Over JSON a rate source cannot be passed: the refusal of a holiday that covers
    named categories says to give the other items 'standard' (the general rate)."""
    lines = {"PENS": ("60.00", "school_supplies")}
    cart, context = quote_request_from_json(
        _request("US-MO", "2025-08-02T12:00:00-05:00", lines)
    )
    with pytest.raises(MissingDataError) as refused:
        quote(cart, context)
    assert "each other one the category 'standard'" in str(refused.value)
