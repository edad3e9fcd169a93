"""Connecticut's Sales Tax Free Week, computed in three bands (issue 18).

All year Connecticut taxes clothing and footwear of USD 1,000 or less an item at its
general 6.35% and an item over USD 1,000 at the luxury 7.75% on its whole price (Conn.
Gen. Stat. 12-408(1), as a vendor's overview gives it). In its Sales Tax Free Week
(the third Sunday of August to the following Saturday) an item "priced under $100" is
exempt too, "each eligible item costing under $100, even if those items are purchased
in the same transaction" (Governor Lamont's release of 12 August 2025 as DoingItLocal
prints it: 17-23 August 2025). So on those days: USD 99.99 pays 0%, USD 100.00 6.35%,
USD 1,000.00 6.35%, USD 1,000.01 7.75%. Two coats at USD 1,000.01: 7.75% of 2,000.02
= 155.00; two at 100.00: 6.35% of 200.00 = 12.70.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import date, timedelta
from decimal import Decimal

import pytest

from commercekit.checkout import quote
from commercekit.cli import main
from commercekit.errors import CommerceKitError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    Sale,
    SaleLine,
    Seller,
    decide,
    item_tax_lines,
    per_item_rates,
    rates_for,
    tax_invoice,
)
from tests.test_us_holidays import _context

# the weeks bundled: 2025 from the Governor's release as printed; 2024 and 2026 derived
# from the third-Sunday-of-August rule (NBC New York, 2023)
WEEKS = [
    (date(2024, 8, 18), date(2024, 8, 24)),
    (date(2025, 8, 17), date(2025, 8, 23)),
    (date(2026, 8, 16), date(2026, 8, 22)),
]
CATEGORIES = ["clothing", "childrens_clothing", "apparel", "footwear"]
# (price of each item, tax on two of them in the week, tax on two the days around it)
BANDS = [
    ("99.99", "0.00", "12.70"),  # 6.35% of 199.98 = 12.6987
    ("100.00", "12.70", "12.70"),
    ("1000.00", "127.00", "127.00"),
    ("1000.01", "155.00", "155.00"),  # 7.75% of 2,000.02 = 155.0016
]


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def _quoted(day: date, category: str, price: str) -> Money:
    """Two items at ``price`` each, quoted in Connecticut on ``day``."""
    cart = Cart([CartLine("ITEM", usd(price), 2)])
    return quote(cart, _context("US-CT", day, category)).tax


def _by_rules(day: date, category: str, price: str) -> Money:
    """The same two items taxed by hand from the day's per-item rules."""
    rules = per_item_rates("US-CT", category, on=day)
    lines = item_tax_lines(usd(price), 2, rules)
    return tax_invoice(lines, prices_include_tax=False).tax


@pytest.mark.parametrize(("first", "last"), WEEKS)
@pytest.mark.parametrize("category", CATEGORIES)
def test_both_sides_of_each_band_and_of_each_day(
    first: date, last: date, category: str
) -> None:
    """On the week's first and last day three bands; the day before and after two."""
    for day in (first, last):
        for price, tax, _ in BANDS:
            assert _quoted(day, category, price) == usd(tax), (day, price)
            assert _by_rules(day, category, price) == usd(tax), (day, price)
    for day in (first - timedelta(days=1), last + timedelta(days=1)):
        for price, _, tax in BANDS:
            assert _quoted(day, category, price) == usd(tax), (day, price)
            assert _by_rules(day, category, price) == usd(tax), (day, price)


def test_the_week_s_rules_are_two_bands_of_one_tax() -> None:
    """The lower band first: under USD 100 exempt, else 6.35%; then USD 1,000 or less
    6.35%, else 7.75%; each band's rate above its threshold is the next one's below."""
    low, high = per_item_rates("US-CT", "clothing", on=date(2025, 8, 17))
    assert (low.rule.value, low.threshold, low.below.rate, low.above.rate) == (
        "below",
        usd("100.00"),
        Decimal("0"),
        Decimal("6.35"),
    )
    assert (high.rule.value, high.threshold, high.below.rate, high.above.rate) == (
        "up_to",
        usd("1000.00"),
        Decimal("6.35"),
        Decimal("7.75"),
    )
    assert "Sales Tax Free Week" in low.above.note
    assert not low.official
    assert "a report of the law" in low.explain()


def test_a_discount_moves_an_item_into_the_exempt_band() -> None:
    """Compared after the seller's discount: two at USD 100.00 less USD 0.02 are USD
    99.99 each, exempt."""
    rules = per_item_rates("US-CT", "footwear", on=date(2025, 8, 20))
    [line] = item_tax_lines(usd("100.00"), 2, rules, discount=usd("0.02"))
    assert line.rates[0].rate == 0


def test_bands_that_do_not_meet_are_refused() -> None:
    """A lower band whose rate above it is not the upper band's below: refused."""
    low, high = per_item_rates("US-CT", "clothing", on=date(2025, 8, 17))
    [ny] = per_item_rates("US-NY", "clothing", on=date(2025, 8, 17))
    with pytest.raises(CommerceKitError, match="mix"):
        item_tax_lines(usd("10.00"), 1, (low, high, ny))
    with pytest.raises(CommerceKitError, match="twice"):
        item_tax_lines(usd("10.00"), 1, (low, low))
    wrong = type(low)(low.rule, low.threshold, low.below, low.below, low.compared_on)
    with pytest.raises(CommerceKitError, match="do not meet"):
        item_tax_lines(usd("10.00"), 1, (wrong, high))


def test_a_rate_for_the_whole_line_still_points_to_the_rules() -> None:
    with pytest.raises(MissingDataError, match="item_tax_lines"):
        rates_for("US-CT", "apparel", on=date(2025, 8, 17))


def test_decide_cites_the_week() -> None:
    """The decision's why names the week's rule with its source, said a report."""
    line = SaleLine(usd("99.99"), 1, "childrens_clothing")
    sale = Sale(Seller("US", {"US-CT"}), Buyer("US", subdivision="US-CT"), "goods",
                usd("99.99"), lines=(line,))  # fmt: skip
    decision = decide(sale, on=date(2025, 8, 17))
    cited = [r for r in decision.rules if "items under 100.00 USD pay 0%" in r.text]
    assert len(cited) == 1
    assert cited[0].source.startswith("https://www.doingitlocal.com/")
    assert "a report of the law" in cited[0].text


def test_the_command_quotes_the_week(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``commercekit quote - --format json`` on 17 August 2025: a USD 99.99 shirt
    exempt, a USD 1,000.01 coat at 7.75% (77.50); the why cites the week."""
    request = {
        "cart": {"lines": [
            {"sku": "SHIRT", "unit_price": {"amount": "99.99", "currency": "USD"},
             "quantity": 1},
            {"sku": "COAT", "unit_price": {"amount": "1000.01", "currency": "USD"},
             "quantity": 1},
        ]},
        "seller": {"country": "US", "registrations": ["US-CT"]},
        "buyer": {"country": "US", "subdivision": "US-CT"},
        "at": "2025-08-17T12:00:00-04:00",
        "prices_include_tax": False,
        "products": {"SHIRT": {"tax_category": "clothing"},
                     "COAT": {"tax_category": "clothing"}},
    }  # fmt: skip
    data = io.BytesIO(json.dumps(request).encode())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(data))
    assert main(["quote", "-", "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["tax"] == {"amount": "77.50", "currency": "USD"}
    why = json.dumps(answer)
    assert "items under 100.00 USD pay 0%" in why
    assert "doingitlocal.com" in why
