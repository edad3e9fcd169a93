"""US back-to-school holidays for the categories they name beside clothing: school
supplies, backpacks and book bags, personal computers.

Each holiday exempts an item of the category priced under (``below``) or at most
(``up_to``) its limit on its days; over it, and every item the day before and after,
pays the state's general rate on its whole price. Maryland exempts the first USD 40 of
each backpack (``excess``). Sources: ``per_item.csv`` (each row's days, words and
source). Texas: the Comptroller's list as KXXV and the Waxahachie Daily Light report it
("priced under $100"); Tennessee: the department's release as printed by the
Chattanooga Pulse, 2025 ("$100 or less per item", computers "$1,500 or less"); Alabama:
al.com 2022 ("$50 or less per item"); Florida: the Department of Revenue's page
(computers "$1,500 or less", bags "$100 or less") and WTXL (supplies "$50 or less");
West Virginia: WV News 2022 ("$50 or less"); Missouri: KBIA 2024 and KMIZ (computers
"not to exceed $1,500"); Maryland: WTOP 2024 ("the first $40 of a backpack/bookbag");
Mississippi: Listen Up Y'all 2025 ("under $100", 11-13 July 2025); Virginia: the
Department of Taxation's page as reprinted ("school supplies - $20 or less per item",
book bags on its list).
Where a holiday's terms cannot be applied item by item (Missouri's school supplies per
purchase, Alabama's computers per purchase, Arkansas at any price, West Virginia's
laptops but not desktops) the decision refuses by name on its days. Connecticut's
year-round luxury band is tested at the end (its week: test_us_ct_holiday.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from commercekit.batch import plan_prices
from commercekit.batch._plan import CATEGORIES
from commercekit.checkout import quote
from commercekit.errors import CommerceKitError, MissingDataError
from commercekit.money import Money, RateTable
from commercekit.pricing import Cart, CartLine, Market
from commercekit.serde import quote_request_from_json, quote_to_json, request_schema
from commercekit.tax import (
    Buyer,
    Sale,
    SaleLine,
    Seller,
    StateRatesOnly,
    TaxCategory,
    decide,
    per_item_rates,
    rates_for,
)
from tests.test_us_holidays import _context  # the partial quote, whole in Maryland

SUPPLIES = "school_supplies"
# (state, category, first day, last day, rule, limit, the state's general rate)
HOLIDAYS = [
    ("US-TX", SUPPLIES, date(2024, 8, 9), date(2024, 8, 11), "below", "100.00", "6.25"),
    ("US-TX", "backpacks", date(2025, 8, 8), date(2025, 8, 10), "below", "100.00", "6.25"),
    ("US-TX", SUPPLIES, date(2026, 8, 7), date(2026, 8, 9), "below", "100.00", "6.25"),
    ("US-TX", "backpacks", date(2026, 8, 7), date(2026, 8, 9), "below", "100.00", "6.25"),
    ("US-OH", SUPPLIES, date(2026, 8, 7), date(2026, 8, 9), "up_to", "20.00", "5.75"),
    ("US-OH", "backpacks", date(2026, 8, 7), date(2026, 8, 9), "up_to", "20.00", "5.75"),
    ("US-TN", SUPPLIES, date(2025, 7, 25), date(2025, 7, 27), "up_to", "100.00", "7"),
    ("US-TN", "backpacks", date(2024, 7, 26), date(2024, 7, 28), "up_to", "100.00", "7"),
    ("US-TN", "computers", date(2026, 7, 31), date(2026, 8, 2), "up_to", "1500.00", "7"),
    ("US-AL", SUPPLIES, date(2025, 7, 18), date(2025, 7, 20), "up_to", "50.00", "4"),
    ("US-AL", "backpacks", date(2024, 7, 19), date(2024, 7, 21), "up_to", "50.00", "4"),
    ("US-FL", SUPPLIES, date(2025, 8, 1), date(2025, 8, 31), "up_to", "50.00", "6"),
    ("US-FL", "backpacks", date(2024, 1, 1), date(2024, 1, 14), "up_to", "100.00", "6"),
    ("US-FL", "computers", date(2024, 7, 29), date(2024, 8, 11), "up_to", "1500.00", "6"),
    ("US-WV", SUPPLIES, date(2025, 8, 1), date(2025, 8, 4), "up_to", "50.00", "6"),
    ("US-WV", "backpacks", date(2026, 7, 31), date(2026, 8, 3), "up_to", "50.00", "6"),
    ("US-MS", SUPPLIES, date(2025, 7, 11), date(2025, 7, 13), "below", "100.00", "7"),
    ("US-MS", "backpacks", date(2025, 7, 11), date(2025, 7, 13), "below", "100.00", "7"),
    ("US-MS", SUPPLIES, date(2026, 7, 10), date(2026, 7, 12), "below", "100.00", "7"),
    ("US-MS", "backpacks", date(2026, 7, 10), date(2026, 7, 12), "below", "100.00", "7"),
    ("US-MO", "computers", date(2025, 8, 1), date(2025, 8, 3), "up_to", "1500.00", "4.225"),
    ("US-VA", SUPPLIES, date(2024, 8, 2), date(2024, 8, 4), "up_to", "20.00", "4.3"),
    ("US-VA", SUPPLIES, date(2025, 8, 1), date(2025, 8, 3), "up_to", "20.00", "4.3"),
    ("US-VA", "backpacks", date(2026, 8, 7), date(2026, 8, 9), "up_to", "20.00", "4.3"),
]  # fmt: skip
IDS = [f"{state}-{category}-{first}" for state, category, first, *_ in HOLIDAYS]
# (state, category, first day, last day): refused by name on these days
REFUSED = [
    ("US-MO", "school_supplies", date(2025, 8, 1), date(2025, 8, 3)),
    ("US-MO", "backpacks", date(2026, 8, 7), date(2026, 8, 9)),
    ("US-AL", "computers", date(2025, 7, 18), date(2025, 7, 20)),
    ("US-AR", "school_supplies", date(2025, 8, 2), date(2025, 8, 3)),
    ("US-AR", "computers", date(2024, 8, 3), date(2024, 8, 4)),
    ("US-WV", "computers", date(2025, 8, 1), date(2025, 8, 4)),
    # South Carolina's Tax Free Weekend: any price, state and local taxes (SCDOR's
    # release of 1 August 2024 as distributed: "Friday, August 2 through Sunday,
    # August 4"; 2025 and 2026 from the first-Friday rule)
    ("US-SC", "school_supplies", date(2024, 8, 2), date(2024, 8, 4)),
    ("US-SC", "computers", date(2025, 8, 1), date(2025, 8, 3)),
    ("US-SC", "clothing", date(2026, 8, 7), date(2026, 8, 9)),
    ("US-SC", "footwear", date(2025, 8, 1), date(2025, 8, 3)),
    # New Mexico's GRT holiday: a deduction the retailer may decline (KOB 2024); 2025
    # every day either source gives (NM News: 25-27 July; Avalara on SB 76: to 3 August)
    ("US-NM", "clothing", date(2024, 8, 2), date(2024, 8, 4)),
    ("US-NM", "school_supplies", date(2025, 7, 25), date(2025, 8, 3)),
]
CENT = Decimal("0.01")
ONE_DAY = timedelta(days=1)


def usd(amount: object) -> Money:
    return Money(str(amount), "USD")


def percent_of(rate: str, amount: Decimal) -> Money:
    exact = Decimal(rate) * amount / 100
    return usd(exact.quantize(CENT, rounding=ROUND_HALF_UP))


def _tax(state: str, day: date, category: str, price: Decimal) -> Money:
    """The tax of two items at ``price`` each, quoted."""
    cart = Cart([CartLine("ITEM", usd(price), 2)])
    return quote(cart, _context(state, day, category)).tax


def _exempt(rule: str, price: Decimal, limit: Decimal) -> bool:
    return price < limit or (rule == "up_to" and price == limit)


@pytest.mark.parametrize(
    ("state", "category", "first", "last", "rule", "limit", "rate"), HOLIDAYS, ids=IDS
)
def test_a_cent_under_at_and_over_the_limit_on_the_first_and_last_day(
    state: str, category: str, first: date, last: date, rule: str, limit: str, rate: str
) -> None:
    """per_item_rates and the quote agree: under the limit nothing, at it nothing only
    where the law says "or less", over it the general rate on the whole price."""
    top = Decimal(limit)
    for day in (first, last):
        [found] = per_item_rates(state, category, on=day)
        assert (found.rule, found.threshold) == (rule, usd(limit))
        assert found.above.rate == rates_for(state, "standard", on=day)[0].rate
        for price in (top - CENT, top, top + CENT):
            exempt = _exempt(rule, price, top)
            [(_, paid)] = found.parts(usd(price))
            assert paid.rate == (0 if exempt else Decimal(rate))
            expected = usd("0.00") if exempt else percent_of(rate, price * 2)
            assert _tax(state, day, category, price) == expected, (day, price)


@pytest.mark.parametrize(
    ("state", "category", "first", "last", "rule", "limit", "rate"), HOLIDAYS, ids=IDS
)
def test_the_days_either_side_pay_the_general_rate(
    state: str, category: str, first: date, last: date, rule: str, limit: str, rate: str
) -> None:
    """The day before and after: no per-item rule, the general rate (before 2024-01-01
    the rows end and the day raises); on the holiday one rate for a line is refused."""
    under = Decimal(limit) - CENT
    for day in (first - ONE_DAY, last + ONE_DAY):
        assert per_item_rates(state, category, on=day) == ()
        if day < date(2024, 1, 1):
            with pytest.raises(CommerceKitError):
                rates_for(state, category, on=day)
            continue
        [found] = rates_for(state, category, on=day)
        assert found.rate == Decimal(rate)
        assert _tax(state, day, category, under) == percent_of(rate, under * 2)
    with pytest.raises(MissingDataError, match="item_tax_lines"):
        rates_for(state, category, on=first)


@pytest.mark.parametrize(
    ("state", "category", "first", "last", "rule", "limit", "rate"), HOLIDAYS, ids=IDS
)
def test_the_decision_gives_the_rates_either_side_on_the_days_only(
    state: str, category: str, first: date, last: date, rule: str, limit: str, rate: str
) -> None:
    """``decide`` on the first and last day gives both rates of the rule (0% and the
    general rate; the quote picks one per unit, as tested above); the day before and
    after the general rate alone."""
    line = SaleLine(usd(limit), 1, category)
    for day, expected in (
        (first, {Decimal(0), Decimal(rate)}),
        (last, {Decimal(0), Decimal(rate)}),
        (first - ONE_DAY, {Decimal(rate)}),
        (last + ONE_DAY, {Decimal(rate)}),
    ):
        if day < date(2024, 1, 1):
            continue
        sale = Sale(Seller("US", {state}), Buyer("US", subdivision=state), "goods",
                    usd(limit), lines=(line,))  # fmt: skip
        decision = decide(sale, on=day, rates=StateRatesOnly())
        assert {found.rate for found in decision.rates} == expected, day


def test_maryland_exempts_the_first_forty_dollars_of_each_backpack() -> None:
    """Shop Maryland Tax-Free Week, 10-16 August 2025: a USD 55.00 backpack pays 6% of
    USD 15.00 = USD 0.90; two pay USD 1.80; USD 40.00 pays nothing; the day before and
    after 6% of the whole price (USD 3.30 each)."""
    day, cart = date(2025, 8, 10), Cart([CartLine("ITEM", usd("55.00"), 2)])
    assert quote(cart, _context("US-MD", day, "backpacks")).tax == usd("1.80")
    assert _tax("US-MD", date(2025, 8, 16), "backpacks", Decimal("40.00")) == usd("0.00")
    assert _tax("US-MD", date(2025, 8, 16), "backpacks", Decimal("40.01")) == usd("0.00")
    for other in (date(2025, 8, 9), date(2025, 8, 17)):
        assert quote(cart, _context("US-MD", other, "backpacks")).tax == usd("6.60")
    # 2026: the second Sunday in August (the 9th) to Saturday the 15th (Tax-General
    # 11-228(b)(1)); the 8th and the 16th pay 6% of the whole
    for day in (date(2026, 8, 9), date(2026, 8, 15)):
        assert quote(cart, _context("US-MD", day, "backpacks")).tax == usd("1.80")
    for other in (date(2026, 8, 8), date(2026, 8, 16)):
        assert quote(cart, _context("US-MD", other, "backpacks")).tax == usd("6.60")


def test_worked_figures() -> None:
    """Texas, 8 August 2025: two backpacks at USD 99.99 owe nothing, at USD 100.00 6.25%
    of USD 200.00 = USD 12.50; Tennessee, 25 July 2025: two laptops at USD 1,500.00 owe
    nothing, at USD 1,500.01 7% of USD 3,000.02 = USD 210.00."""
    assert _tax("US-TX", date(2025, 8, 8), "backpacks", Decimal("99.99")) == usd("0.00")
    assert _tax("US-TX", date(2025, 8, 8), "backpacks", Decimal("100.00")) == usd("12.50")
    day = date(2025, 7, 25)
    assert _tax("US-TN", day, "computers", Decimal("1500.00")) == usd("0.00")
    assert _tax("US-TN", day, "computers", Decimal("1500.01")) == usd("210.00")


@pytest.mark.parametrize(("state", "category", "first", "last"), REFUSED)
def test_terms_not_per_item_are_refused_by_name_on_the_days_only(
    state: str, category: str, first: date, last: date
) -> None:
    """On the first and last day the quote, ``rates_for`` and ``decide`` raise, naming
    the holiday and why; the day before and after, the general rate."""
    general = rates_for(state, "standard", on=first)[0].rate
    for day in (first, last):
        with pytest.raises(MissingDataError, match=r"tax holiday|Tax Free Weekend"):
            _tax(state, day, category, Decimal("10.00"))
        with pytest.raises(MissingDataError, match="qualifies"):
            rates_for(state, category, on=day)
        line = SaleLine(usd("10.00"), 1, category)
        sale = Sale(Seller("US", {state}), Buyer("US", subdivision=state), "goods",
                    usd("10.00"), lines=(line,))  # fmt: skip
        with pytest.raises(MissingDataError, match="qualifies"):
            decide(sale, on=day, rates=StateRatesOnly())
    for day in (first - ONE_DAY, last + ONE_DAY):
        [found] = rates_for(state, category, on=day)
        assert found.rate == general
        assert _tax(state, day, category, Decimal("10.00")) == percent_of(
            str(general), Decimal("20.00")
        )


def test_new_mexico_2026_summer_is_not_guessed() -> None:
    """New Mexico's 2026 GRT holiday days were not read: July and August 2026 have no
    row and raise, naming the holiday whose days are not bundled (third review); 30
    June and 1 September pay the general 4.875%."""
    for category in ("clothing", "computers"):
        for day in (date(2026, 7, 1), date(2026, 8, 31)):
            with pytest.raises(MissingDataError, match=r"holiday of 2026.*not bundled"):
                rates_for("US-NM", category, on=day)
        for day in (date(2026, 6, 30), date(2026, 9, 1)):
            [found] = rates_for("US-NM", category, on=day)
            assert found.rate == Decimal("4.875")


def test_mississippi_2026_days_are_not_guessed() -> None:
    """SB 2470's second weekend of July 2026 (10-12 July) has no announcement read: the
    days raise; the day before and after, the general rate."""
    for category in ("clothing", SUPPLIES):
        with pytest.raises(MissingDataError):
            rates_for("US-MS", category, on=date(2026, 7, 10))
        for day in (date(2026, 7, 9), date(2026, 7, 13)):
            assert rates_for("US-MS", category, on=day)[0].rate == 7


def test_missouri_says_the_limit_is_per_purchase() -> None:
    with pytest.raises(MissingDataError, match="per purchase") as raised:
        rates_for("US-MO", "school_supplies", on=date(2025, 8, 1))
    assert "kbia.org" in str(raised.value)


def _category_lists(schema: object) -> list[list[str]]:
    """Every enum of the schema that lists tax categories."""
    if isinstance(schema, dict):
        found = schema.get("enum")
        own = [found] if isinstance(found, list) and "clothing" in found else []
        return own + [e for v in schema.values() for e in _category_lists(v)]
    if isinstance(schema, list):
        return [e for v in schema for e in _category_lists(v)]
    return []


@pytest.mark.parametrize("category", ["school_supplies", "backpacks", "computers"])
def test_elsewhere_the_new_categories_fall_back_or_raise_as_any_category(
    category: str,
) -> None:
    """A VAT country without a rule: the standard rate, marked as a fallback; a US
    state whose table does not list the category: refused, as for any category (New
    Mexico's on 1 August 2026 by its holiday, whose days of 2026 are not bundled)."""
    [de] = rates_for("DE", category, on=date(2026, 8, 1))
    assert (de.rate, de.fallback) == (Decimal(19), True)
    with pytest.raises(MissingDataError, match="US-AK sales tax treatment"):
        rates_for("US-AK", category, on=date(2026, 8, 1))
    with pytest.raises(MissingDataError, match="New Mexico gross receipts tax holiday"):
        rates_for("US-NM", category, on=date(2026, 8, 1))


def test_a_json_request_carries_the_new_categories() -> None:
    """Through the JSON boundary: the schema lists the categories, and a Tennessee
    request on 25 July 2025 quotes a USD 1,500.00 laptop at nothing and a USD 100.01
    binder at 7% = USD 7.00."""
    lists = _category_lists(request_schema())
    assert len(lists) == 2  # a product's category, a local rate's categories
    assert all(set(found) == {c.value for c in TaxCategory} for found in lists)
    request = {
        "cart": {"lines": [
            {"sku": "LAPTOP", "unit_price": {"amount": "1500.00", "currency": "USD"},
             "quantity": 1},
            {"sku": "BINDER", "unit_price": {"amount": "100.01", "currency": "USD"},
             "quantity": 1},
        ]},
        "seller": {"country": "US", "registrations": ["US-TN"]},
        "buyer": {"country": "US", "subdivision": "US-TN"},
        "at": "2025-07-25T12:00:00-05:00",
        "prices_include_tax": False,
        "products": {"LAPTOP": {"tax_category": "computers"},
                     "BINDER": {"tax_category": "school_supplies"}},
        "partial": True,
    }  # fmt: skip
    cart, context = quote_request_from_json(request)
    answer = quote_to_json(quote(cart, context))
    assert answer["tax"] == {"amount": "7.00", "currency": "USD"}


def test_the_batch_path_refuses_the_holiday_and_answers_either_side() -> None:
    """A tax-inclusive Texas market's plan: on 8 August 2025 backpacks have no one rate
    (each item's price picks it), and the plan keeps the refusal for the rows that ask;
    on 11 August 6.25%."""
    when = datetime(2025, 8, 1, tzinfo=UTC)
    rates = RateTable(
        base="USD", rates={"EUR": Decimal("0.9")}, observed_at=when, provider="example"
    )
    texas = Market("TX", "USD", tax_jurisdiction="US-TX", tax_inclusive=True)
    where = CATEGORIES.index(TaxCategory.BACKPACKS)
    for day, percent in ((date(2025, 8, 8), None), (date(2025, 8, 11), Decimal("6.25"))):
        [plan] = plan_prices([texas], rates, on=day).markets
        assert plan.taxes is not None
        found = plan.taxes[where]
        assert found.percent == percent
        if percent is None:
            assert found.error is MissingDataError
            assert "item_tax_lines" in found.message


# Connecticut: 6.35% up to USD 1,000 an item, 7.75% over it (Conn. Gen. Stat. 12-408(1)
# as a vendor's overview gives it), the days around its Sales Tax Free Week (the third
# Sunday of August to Saturday; the week itself: test_us_ct_holiday.py).
CT_WEEKS = [
    (date(2024, 8, 18), date(2024, 8, 24)),
    (date(2025, 8, 17), date(2025, 8, 23)),
    (date(2026, 8, 16), date(2026, 8, 22)),
]


@pytest.mark.parametrize(("first", "last"), CT_WEEKS)
def test_connecticut_luxury_band_around_its_week(first: date, last: date) -> None:
    """The days either side: an item of USD 1,000.00 pays 6.35%, a cent over 7.75% on
    its whole price (two coats at USD 1,000.01: USD 155.00); in the week the band
    stands beside the week's own."""
    for day in (first - ONE_DAY, last + ONE_DAY, first, last):
        for category in ("clothing", "footwear"):
            rule = per_item_rates("US-CT", category, on=day)[-1]
            [(_, at)] = rule.parts(usd("1000.00"))
            [(_, over)] = rule.parts(usd("1000.01"))
            assert (at.rate, over.rate) == (Decimal("6.35"), Decimal("7.75"))
        assert _tax("US-CT", day, "clothing", Decimal("1000.00")) == usd("127.00")
        assert _tax("US-CT", day, "clothing", Decimal("1000.01")) == usd("155.00")
    for day in (first - ONE_DAY, last + ONE_DAY):
        assert _tax("US-CT", day, "clothing", Decimal("99.99")) == usd("12.70")


def test_connecticut_before_the_rows_raises() -> None:
    with pytest.raises(CommerceKitError):
        rates_for("US-CT", "clothing", on=date(2023, 12, 31))
    assert per_item_rates("US-CT", "clothing", on=date(2023, 12, 31)) == ()
