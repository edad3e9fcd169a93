"""US sales tax holidays for clothing and footwear: the item's price against the
holiday's limit, on the holiday's days only, in each state bundled.

Each holiday exempts an item priced under (``below``) or at most (``up_to``) USD 100
(West Virginia: USD 125)
from the state's tax on its days; an item over it, and every item the day before and
after, pays the state's general rate on its whole price. Sources: ``per_item.csv``
(each row's days, words and source) and each state's rate table. Texas: Tax Code
151.326 ("priced below $100"); Missouri: RSMo 144.049 ("taxable value of $100 or
less"); Alabama: Code of Ala. 40-23-211 ("$100 or less per article", the state tax
only); Arkansas: Act 757 of 2011 ("less than $100"); Oklahoma: 68 O.S. 1357.10 ("less
than $100"); Tennessee: Tenn. Code 67-6-393 ("$100 or less"); Maryland ("$100 or
less"); Florida ("$100 or less per item"); West Virginia ("$125 or less"); Mississippi
("less than $100", 11-13 July 2025 only); Virginia ("$100 or less per item", the
Department of Taxation's page as the Virginia Retail Federation reprints it, 2024);
Iowa ("selling price less than $100": Raccoon Valley Radio for 2-3 August 2024; Iowa
Code 423.3(68), "the first Friday in August and ending at midnight on the following
Saturday", as H.F. 2430 of 2016 quotes it on legis.iowa.gov, gives 1-2 August 2025,
which KMTV reported held, and 7-8 August 2026). Texas 2026: S.B. 1415 of 2025
(enrolled text, capitol.texas.gov), "12:01 a.m. on the first Friday in August and
ending at 12 midnight on the following Sunday" from 2025-09-01: 7-9 August 2026.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import CommerceKitError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    BUNDLED,
    Buyer,
    ItemRule,
    LocalTaxes,
    Seller,
    StateRatesOnly,
    TaxRate,
    item_tax_lines,
    per_item_rates,
    rates_for,
    tax_invoice,
)
from commercekit.tax._per_item import rules_table

CATEGORIES = ("clothing", "childrens_clothing", "apparel", "footwear")

# (state, first day, last day, rule, the state's general rate, local taxes)
HOLIDAYS = [
    ("US-TX", date(2024, 8, 9), date(2024, 8, 11), "below", "6.25", "exempt"),
    ("US-TX", date(2025, 8, 8), date(2025, 8, 10), "below", "6.25", "exempt"),
    # S.B. 1415 (2025): the first Friday in August to the Sunday; 7 August 2026
    ("US-TX", date(2026, 8, 7), date(2026, 8, 9), "below", "6.25", "exempt"),
    ("US-MO", date(2024, 8, 2), date(2024, 8, 4), "up_to", "4.225", "exempt"),
    ("US-MO", date(2025, 8, 1), date(2025, 8, 3), "up_to", "4.225", "exempt"),
    ("US-MO", date(2026, 8, 7), date(2026, 8, 9), "up_to", "4.225", "exempt"),
    ("US-AL", date(2024, 7, 19), date(2024, 7, 21), "up_to", "4", "each_locality"),
    ("US-AL", date(2025, 7, 18), date(2025, 7, 20), "up_to", "4", "each_locality"),
    ("US-AL", date(2026, 7, 17), date(2026, 7, 19), "up_to", "4", "each_locality"),
    ("US-AR", date(2024, 8, 3), date(2024, 8, 4), "below", "6.5", "exempt"),
    ("US-AR", date(2025, 8, 2), date(2025, 8, 3), "below", "6.5", "exempt"),
    ("US-AR", date(2026, 8, 1), date(2026, 8, 2), "below", "6.5", "exempt"),
    ("US-OK", date(2024, 8, 2), date(2024, 8, 4), "below", "4.5", "exempt"),
    ("US-OK", date(2025, 8, 1), date(2025, 8, 3), "below", "4.5", "exempt"),
    ("US-OK", date(2026, 8, 7), date(2026, 8, 9), "below", "4.5", "exempt"),
    ("US-TN", date(2024, 7, 26), date(2024, 7, 28), "up_to", "7", "not_known"),
    ("US-TN", date(2025, 7, 25), date(2025, 7, 27), "up_to", "7", "not_known"),
    ("US-TN", date(2026, 7, 31), date(2026, 8, 2), "up_to", "7", "not_known"),
    ("US-MD", date(2024, 8, 11), date(2024, 8, 17), "up_to", "6", "no_local_taxes"),
    ("US-MD", date(2025, 8, 10), date(2025, 8, 16), "up_to", "6", "no_local_taxes"),
    # Tax-General 11-228(b)(1): the second Sunday in August through the Saturday after
    ("US-MD", date(2026, 8, 9), date(2026, 8, 15), "up_to", "6", "no_local_taxes"),
    ("US-FL", date(2024, 1, 1), date(2024, 1, 14), "up_to", "6", "exempt"),
    ("US-FL", date(2024, 7, 29), date(2024, 8, 11), "up_to", "6", "exempt"),
    ("US-FL", date(2025, 8, 1), date(2025, 8, 31), "up_to", "6", "exempt"),
    ("US-FL", date(2026, 8, 1), date(2026, 8, 31), "up_to", "6", "exempt"),
    ("US-WV", date(2024, 8, 2), date(2024, 8, 5), "up_to", "6", "exempt"),
    ("US-WV", date(2025, 8, 1), date(2025, 8, 4), "up_to", "6", "exempt"),
    ("US-WV", date(2026, 7, 31), date(2026, 8, 3), "up_to", "6", "exempt"),
    ("US-MS", date(2025, 7, 11), date(2025, 7, 13), "below", "7", "not_known"),
    # SB 2470 of 2024: the second Friday in July to the Sunday
    ("US-MS", date(2026, 7, 10), date(2026, 7, 12), "below", "7", "not_known"),
    ("US-VA", date(2024, 8, 2), date(2024, 8, 4), "up_to", "4.3", "exempt"),
    ("US-VA", date(2025, 8, 1), date(2025, 8, 3), "up_to", "4.3", "exempt"),
    ("US-VA", date(2026, 8, 7), date(2026, 8, 9), "up_to", "4.3", "exempt"),
    ("US-IA", date(2024, 8, 2), date(2024, 8, 3), "below", "6", "exempt"),
    # Iowa Code 423.3(68): the first Friday in August and the Saturday after it
    ("US-IA", date(2025, 8, 1), date(2025, 8, 2), "below", "6", "exempt"),
    ("US-IA", date(2026, 8, 7), date(2026, 8, 8), "below", "6", "exempt"),
    # Ohio's three-day holiday again in 2026 (H.B. 186 cancels the expanded one):
    # the first Friday of August to the Sunday, clothing "$75 or less" an item
    ("US-OH", date(2026, 8, 7), date(2026, 8, 9), "up_to", "5.75", "not_known"),
]
LIMITS = {"US-WV": Decimal("125.00"), "US-OH": Decimal("75.00")}  # the others: USD 100
IDS = [f"{state}-{first}" for state, first, *_ in HOLIDAYS]
ONE_DAY = timedelta(days=1)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def percent_of(rate: str, amount: str) -> Money:
    """``rate`` % of ``amount``, rounded to the cent half up (the quote's rounding)."""
    exact = Decimal(rate) * Decimal(amount) / 100
    return usd(str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)))


def exempt_at_limit(rule: str) -> bool:
    """Whether an item priced exactly at the limit is exempt: "or less", not "less
    than"."""
    return rule == "up_to"


def around(state: str) -> tuple[str, str, str]:
    """The prices a cent under, at and a cent over ``state``'s limit."""
    limit = LIMITS.get(state, Decimal("100.00"))
    cent = Decimal("0.01")
    return str(limit - cent), str(limit), str(limit + cent)


def _context(state: str, day: date, category: str = "clothing") -> CheckoutContext:
    """A quote on ``day`` in ``state``: the state's part alone where it has local taxes
    (a partial quote), the whole rate in Maryland, which has none."""
    partial = state != "US-MD"
    return CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"ITEM": Product("ITEM", category)},
        tax_rates=StateRatesOnly() if partial else BUNDLED, partial=partial,
    )  # fmt: skip


def _tax(state: str, day: date, price: str, category: str = "clothing") -> Money:
    """The tax of two items at ``price`` each, quoted."""
    cart = Cart([CartLine("ITEM", usd(price), 2)])
    return quote(cart, _context(state, day, category)).tax


# Through the public functions.


@pytest.mark.parametrize(
    ("state", "first", "last", "rule", "rate", "local"), HOLIDAYS, ids=IDS
)
def test_each_item_against_the_limit_on_the_first_and_last_day(
    state: str, first: date, last: date, rule: str, rate: str, local: str
) -> None:
    """On the first and the last day, in each category: a cent under the limit exempt,
    a cent over taxed whole, the limit itself exempt where the law says "or less" and
    taxed where it says "less than"; the rule names the local taxes' treatment."""
    under, limit, over = around(state)
    for day in (first, last):
        for category in CATEGORIES:
            [found] = per_item_rates(state, category, on=day)
            assert found.rule is ItemRule(rule)
            assert found.threshold == usd(limit)
            assert found.local_taxes is LocalTaxes(local)
            assert (
                found.above.rate
                == Decimal(rate)
                == rates_for(state, "standard", on=day)[0].rate
            )
            for price, exempt in (
                (under, True),
                (limit, exempt_at_limit(rule)),
                (over, False),
            ):
                [(part, paid)] = found.parts(usd(price))
                assert part == usd(price)
                assert paid.rate == (0 if exempt else Decimal(rate)), (day, price)


@pytest.mark.parametrize(
    ("state", "first", "last", "rule", "rate", "local"), HOLIDAYS, ids=IDS
)
def test_the_days_either_side_pay_the_general_rate_or_raise(
    state: str, first: date, last: date, rule: str, rate: str, local: str
) -> None:
    """The day before the first and after the last: no per-item rule, and clothing at
    the general rate; before the tables' clothing rows (2024-01-01) a day raises."""
    for day in (first - ONE_DAY, last + ONE_DAY):
        for category in CATEGORIES:
            assert per_item_rates(state, category, on=day) == ()
            if day < date(2024, 1, 1):
                with pytest.raises(CommerceKitError):
                    rates_for(state, category, on=day)
                continue
            [found] = rates_for(state, category, on=day)
            assert found.rate == Decimal(rate), (state, category, day)
    with pytest.raises(MissingDataError, match="item_tax_lines"):
        rates_for(state, "clothing", on=first)  # one rate for the line would guess


@pytest.mark.parametrize(
    ("state", "first", "last", "rule", "rate", "local"), HOLIDAYS, ids=IDS
)
def test_item_tax_lines_and_the_invoice(
    state: str, first: date, last: date, rule: str, rate: str, local: str
) -> None:
    """Three items at the limit, less a USD 0.03 discount on the line: a cent under it
    an item, exempt everywhere; without the discount, exempt only where "or less"."""
    _, limit, _ = around(state)
    rules = per_item_rates(state, "footwear", on=last)
    discounted = item_tax_lines(usd(limit), 3, rules, discount=usd("0.03"))
    assert tax_invoice(discounted, prices_include_tax=False).tax == usd("0.00")
    whole = tax_invoice(item_tax_lines(usd(limit), 3, rules), prices_include_tax=False)
    three = str(Decimal(limit) * 3)
    expected = usd("0.00") if exempt_at_limit(rule) else percent_of(rate, three)
    assert whole.tax == expected


@given(
    holiday=st.sampled_from(HOLIDAYS),
    cents=st.integers(min_value=1, max_value=1_000_000),
    quantity=st.integers(min_value=1, max_value=50),
    offset=st.integers(min_value=0, max_value=30),
)
def test_any_price_on_any_holiday_day_falls_on_one_side(
    holiday: tuple[str, date, date, str, str, str], cents: int, quantity: int, offset: int
) -> None:
    """Property: on any day of a holiday, an item at any price is taxed whole at 0% or
    at the general rate, exempt exactly when under the limit (or at it, where the law
    says "or less"); a line of such items owes the general rate on its whole amount,
    rounded once, or nothing."""
    state, first, last, rule, rate, _ = holiday
    day = min(first + timedelta(days=offset), last)
    price = usd(str(Decimal(cents).scaleb(-2)))
    limit = LIMITS.get(state, Decimal("100.00"))
    [found] = per_item_rates(state, "clothing", on=day)
    [(part, paid)] = found.parts(price)
    exempt = price.amount < limit or (exempt_at_limit(rule) and price.amount == limit)
    assert part == price
    assert paid.rate == (0 if exempt else Decimal(rate))
    lines = item_tax_lines(price, quantity, (found,))
    tax = tax_invoice(lines, prices_include_tax=False).tax
    line = str(price.amount * quantity)
    assert tax == (usd("0.00") if exempt else percent_of(rate, line))


# Through the quote.


@pytest.mark.parametrize(
    ("state", "first", "last", "rule", "rate", "local"), HOLIDAYS, ids=IDS
)
def test_the_quote_on_the_holiday_and_either_side(
    state: str, first: date, last: date, rule: str, rate: str, local: str
) -> None:
    """Two items a line: a cent under the limit nothing on the holiday's first and
    last day, a cent over the general rate on both; the days either side the general
    rate."""
    under, limit, over = around(state)
    for day in (first, last):
        assert _tax(state, day, under) == usd("0.00")
        assert _tax(state, day, over) == percent_of(rate, str(Decimal(over) * 2))
        at_limit = (
            usd("0.00")
            if exempt_at_limit(rule)
            else percent_of(rate, str(Decimal(limit) * 2))
        )
        assert _tax(state, day, limit, "childrens_clothing") == at_limit
    for day in (first - ONE_DAY, last + ONE_DAY):
        if day >= date(2024, 1, 1):
            expected = percent_of(rate, str(Decimal(under) * 2))
            assert _tax(state, day, under, "apparel") == expected


def test_worked_figures() -> None:
    """Missouri, 2 August 2024: two shirts at USD 100.00 owe nothing ("$100 or less");
    Oklahoma, 2 August 2024: the same shirts owe 4.5% of USD 200 = USD 9.00 ("less than
    $100"); Maryland, 11 August 2024, two at USD 100.01: 6% of USD 200.02 = USD 12.00;
    West Virginia, 1 August 2025, two at USD 125.00 owe nothing ("$125 or less")."""
    assert _tax("US-MO", date(2024, 8, 2), "100.00") == usd("0.00")
    assert _tax("US-OK", date(2024, 8, 2), "100.00") == usd("9.00")
    assert _tax("US-MD", date(2024, 8, 11), "100.01") == usd("12.00")
    assert _tax("US-MD", date(2024, 8, 10), "50.00") == usd("6.00")
    assert _tax("US-WV", date(2025, 8, 1), "125.00") == usd("0.00")
    assert _tax("US-WV", date(2025, 8, 5), "125.00") == usd("15.00")


def test_worked_figures_of_the_2025_and_2026_days() -> None:
    """Texas, Friday 7 August 2026 (S.B. 1415: the first Friday in August): two shirts
    at USD 99.99 owe nothing, at USD 100.00 6.25% of USD 200 = USD 12.50, as on Monday
    10 August at USD 99.99; Thursday 6 August the same. Iowa, Saturday 2 August 2025
    and Friday 7 August 2026 (the first Friday and the Saturday after it): USD 99.99
    nothing, USD 100.00 6% of USD 200 = USD 12.00; Sunday 3 August 2025 and Thursday 6
    August 2026: 6% of USD 199.98 = USD 12.00."""
    assert _tax("US-TX", date(2026, 8, 7), "99.99") == usd("0.00")
    assert _tax("US-TX", date(2026, 8, 9), "100.00") == usd("12.50")
    assert _tax("US-TX", date(2026, 8, 10), "99.99") == usd("12.50")
    assert _tax("US-TX", date(2026, 8, 6), "99.99") == usd("12.50")
    for day in (date(2025, 8, 2), date(2026, 8, 7)):
        assert _tax("US-IA", day, "99.99") == usd("0.00")
        assert _tax("US-IA", day, "100.00") == usd("12.00")
    for day in (date(2025, 8, 3), date(2026, 8, 6)):
        assert _tax("US-IA", day, "99.99") == usd("12.00")
    # Ohio, 7-9 August 2026: two shirts at USD 75.00 owe nothing ("$75 or less"), at
    # USD 75.01 5.75% of USD 150.02 = USD 8.63; Thursday 6 August USD 75.00: USD 8.63
    assert _tax("US-OH", date(2026, 8, 7), "75.00") == usd("0.00")
    assert _tax("US-OH", date(2026, 8, 9), "75.01") == usd("8.63")
    assert _tax("US-OH", date(2026, 8, 6), "75.00") == usd("8.63")
    assert _tax("US-OH", date(2026, 8, 10), "75.00") == usd("8.63")


# Local taxes: never exempted by commercekit.


class _CityRates:
    """A rate source answering the bundled state tax and a 2% city tax."""

    def rates_for(
        self, jurisdiction: str, category: str, *, on: date
    ) -> tuple[TaxRate, ...]:
        state = BUNDLED.rates_for(jurisdiction, category, on=on)
        city = TaxRate(
            jurisdiction=jurisdiction, tax="city", category=category,
            applies_as=category, rate=Decimal(2), kind="standard",
            since=date(2018, 6, 21), until=None, source="https://example.com/rates",
        )  # fmt: skip
        return (*state, city)


@pytest.mark.parametrize(
    ("state", "day"), [("US-AL", date(2025, 7, 18)), ("US-MO", date(2025, 8, 1))]
)
def test_a_holiday_never_exempts_a_local_tax(state: str, day: date) -> None:
    """Alabama exempts the state's 4% only (each county and city decides); Missouri every
    local tax too. commercekit applies the rule to the state's tax alone: a rate source
    with local rates is refused on the holiday (the local part of the rule is not
    bundled), and a partial quote charges the state's part and lists the local rates as
    missing, never as exempt."""
    context = _context(state, day)
    cart = Cart([CartLine("ITEM", usd("50.00"), 1)])
    with pytest.raises(MissingDataError, match=f"local sales tax rates for {state}"):
        quote(cart, CheckoutContext(
            context.seller, context.buyer, at=context.at, prices_include_tax=False,
            products=context.products, tax_rates=_CityRates(),
        ))  # fmt: skip
    partial = quote(cart, context)
    assert partial.tax == usd("0.00")
    assert partial.missing == (
        f"tax: local sales tax rates for {state} (county, city, district)",
    )
    # the day after, the same source's rates are the whole rate: state and city
    after = quote(cart, CheckoutContext(
        context.seller, context.buyer, at=context.at + 3 * ONE_DAY,
        prices_include_tax=False, products=context.products, tax_rates=_CityRates(),
    ))  # fmt: skip
    assert after.tax == percent_of(
        str(rates_for(state, "standard", on=day)[0].rate + 2), "50.00"
    )


# The data.


def test_every_holiday_row_is_bundled_and_said() -> None:
    """Every US holiday row is in the table above, with its four categories, and says
    whether it was read in the state's own words (``official``) and what it does to
    local taxes; its explanation names both."""
    days = {(state, first, last) for state, first, last, *_ in HOLIDAYS}
    found = set()
    for (place, _category), rules in rules_table().items():
        for rule in rules:
            # Connecticut's week is a second band (test_us_ct_holiday.py)
            if rule.above.until is not None and place[:3] == "US-" and place != "US-CT":
                found.add((place, rule.above.since, rule.above.until))
                text = rule.explain()
                assert "local taxes:" in text
                assert rule.official or "a report of the law" in text
    assert found == days
    [mo_2024] = per_item_rates("US-MO", "clothing", on=date(2024, 8, 2))
    assert mo_2024.official
    assert mo_2024.above.source.startswith("https://dor.mo.gov/")


@pytest.mark.parametrize(
    ("state", "day"),
    [
        ("US-TX", date(2023, 12, 31)),  # before the clothing rows
    ],
)
def test_days_without_a_known_rule_raise(state: str, day: date) -> None:
    """Where the holiday's days or rule are not bundled, clothing has no rate that day:
    asking raises rather than charging the general rate, a whole quote raises, and a
    partial quote leaves the line untaxed and lists what is missing."""
    assert per_item_rates(state, "clothing", on=day) == ()
    with pytest.raises(CommerceKitError, match="clothing"):
        rates_for(state, "clothing", on=day)
    cart = Cart([CartLine("ITEM", usd("50.00"), 1)])
    context = _context(state, day)
    with pytest.raises(CommerceKitError, match="clothing"):
        quote(cart, CheckoutContext(
            context.seller, context.buyer, at=context.at, prices_include_tax=False,
            products=context.products, tax_rates=_CityRates(),
        ))  # fmt: skip
    partial = quote(cart, attrs.evolve(context, tax_rates=StateRatesOnly(), partial=True))
    assert partial.tax == usd("0.00")
    assert any(f"{state} sales tax rates for clothing" in text for text in partial.missing)
