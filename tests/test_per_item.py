"""Rates by the price of each item: New York, Massachusetts and Rhode Island clothing.

Worked figures from the sources: Rhode Island's regulation (280-RICR-20-70-6.6): a
USD 275 suit pays 7% of USD 25 = USD 1.75; five shirts at USD 60 pay nothing.
Massachusetts (M.G.L. c. 64H s. 6(k)): a USD 200 item pays 6.25% of USD 25. New York
(Tax Law 1115(a)(30)): under USD 110 per item exempt, at USD 110 the whole price pays 4%.
Every line has a quantity above one, so a per-line reading would differ.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.errors import (
    CommerceKitError,
    CurrencyMismatchError,
    MissingDataError,
    NoRuleError,
)
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine, PercentOff, Promotion
from commercekit.tax import (
    Buyer,
    ItemRule,
    PerItemRate,
    RoundingLevel,
    Sale,
    Seller,
    TaxLine,
    decide,
    item_tax_lines,
    per_item_rates,
    rate_for,
    rates_for,
    tax_invoice,
)
from commercekit.tax._per_item import rules_table

DAY = date(2026, 6, 1)
AT = datetime(2026, 6, 1, 12, tzinfo=UTC)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def taxed(
    state: str, price: str, quantity: int, discount: str | None = None
) -> tuple[Money, dict[Decimal, Money]]:
    """The tax of one clothing line in ``state`` and its base per rate."""
    rules = per_item_rates(state, "clothing", on=DAY)
    off = None if discount is None else usd(discount)
    lines = item_tax_lines(usd(price), quantity, rules, discount=off)
    invoice = tax_invoice(lines, prices_include_tax=False)
    assert invoice.net == usd(price) * quantity - (off or usd("0"))  # nothing lost
    return invoice.tax, {total.rate: total.base for total in invoice.by_rate}


# Worked examples from the sources.


def test_rhode_island_suit_from_the_regulation() -> None:
    tax, bases = taxed("US-RI", "275.00", 1)
    assert (tax, bases[Decimal(7)]) == (usd("1.75"), usd("25.00"))


def test_rhode_island_shirts_from_the_regulation() -> None:
    tax, bases = taxed("US-RI", "60.00", 5)
    assert tax == usd("0.00")
    assert bases == {Decimal(0): usd("300.00")}


def test_massachusetts_three_shirts_at_120_owe_nothing() -> None:
    """The line is USD 360, over USD 175, but each shirt is under it."""
    assert taxed("US-MA", "120.00", 3)[0] == usd("0.00")


def test_massachusetts_excess_per_item() -> None:
    tax, bases = taxed("US-MA", "200.00", 3)
    assert bases == {Decimal(0): usd("525.00"), Decimal("6.25"): usd("75.00")}
    assert tax == usd("4.69")  # 6.25% of 75.00 = 4.6875, half-up


def test_new_york_three_shirts_at_120_are_taxed_whole() -> None:
    assert taxed("US-NY", "120.00", 3) == (usd("14.40"), {Decimal(4): usd("360.00")})


# Either side of each threshold, per unit, three units a line.


@pytest.mark.parametrize(
    ("price", "tax", "rate"),
    [("109.99", "0.00", 0), ("110.00", "13.20", 4), ("110.01", "13.20", 4)],
)
def test_new_york_threshold(price: str, tax: str, rate: int) -> None:
    found, bases = taxed("US-NY", price, 3)
    assert found == usd(tax)
    assert bases == {Decimal(rate): usd(price) * 3}


@pytest.mark.parametrize(
    ("state", "threshold", "rate"),
    [("US-MA", "175.00", Decimal("6.25")), ("US-RI", "250.00", Decimal(7))],
)
@pytest.mark.parametrize("step", ["-0.01", "0", "0.01"])
def test_excess_threshold(state: str, threshold: str, rate: Decimal, step: str) -> None:
    price = Decimal(threshold) + Decimal(step)
    _, bases = taxed(state, str(price), 3)
    over = max(price - Decimal(threshold), Decimal(0)) * 3
    assert bases.get(rate, usd("0.00")) == usd(str(over))
    assert bases[Decimal(0)] == usd(str(min(price, Decimal(threshold)) * 3))


# The seller's discount lowers the price compared (see per_item.csv's compared_on).


@pytest.mark.parametrize(
    ("discount", "tax"), [("30.03", "0.00"), ("30.00", "13.20"), ("29.97", "13.20")]
)
def test_new_york_discount_moves_an_item_under_the_threshold(
    discount: str, tax: str
) -> None:
    """3 x USD 120 less USD 30.03 is USD 109.99 an item: exempt; less USD 30.00 it is
    USD 110.00 an item: 4% of USD 330.00."""
    assert taxed("US-NY", "120.00", 3, discount)[0] == usd(tax)


def test_massachusetts_discount_lowers_the_excess() -> None:
    """3 x USD 200 less USD 15: USD 195 an item, USD 20 over USD 175 each."""
    _, bases = taxed("US-MA", "200.00", 3, "15.00")
    assert bases == {Decimal(0): usd("525.00"), Decimal("6.25"): usd("60.00")}


# The data: dated, sourced, and the rate above the threshold is the state's rate.


def test_every_rule_is_sourced_and_its_rate_is_the_states() -> None:
    for rules in rules_table().values():
        for rule in rules:
            assert rule.above.source.startswith("https://")
            assert rule.compared_on
            day = rule.above.since
            place = {"IGST": "IN", "CGST": "IN-MH", "SGST": "IN-MH", "UTGST": "IN-CH"}
            where = place.get(rule.tax, rule.above.jurisdiction)
            standard = rate_for(where, "standard", on=day, tax=rule.tax)
            if (rule.above.category, rule.above.until) == ("apparel", date(2025, 9, 21)):
                # India's apparel over Rs. 1000 a piece: Schedule II (12%) of 1/2017
                assert rule.above.rate == standard.rate * 2 / 3
                continue
            if rule.above.jurisdiction == "US-CT":
                # Connecticut's luxury rate over USD 1,000 an item (12-408(1)); in its
                # Sales Tax Free Week a band under USD 100 below it, exempt
                assert (rule.below.rate, rule.above.rate) in {
                    (standard.rate, Decimal("7.75")),
                    (Decimal("0"), standard.rate),
                }
                continue
            assert rule.above.rate == standard.rate  # India: the residual 18% / 9%
            if rule.above.jurisdiction.startswith("US-"):
                assert rule.below.rate == 0


@pytest.mark.parametrize("state", ["US-NY", "US-MA", "US-RI"])
@pytest.mark.parametrize("category", ["clothing", "childrens_clothing"])
def test_rate_tables_refuse_a_per_item_category(state: str, category: str) -> None:
    """A rate for the whole line would be a guess: the wrong path refuses."""
    with pytest.raises(MissingDataError, match=f"item_tax_lines.*{state}"):
        rates_for(state, category, on=DAY)


def test_other_states_have_no_per_item_rule() -> None:
    assert per_item_rates("US-NJ", "clothing", on=DAY) == ()
    assert per_item_rates("US-NY", "food", on=DAY) == ()
    assert per_item_rates("US-NY", "clothing", on=date(2018, 6, 20)) == ()
    with pytest.raises(NoRuleError):
        rates_for("US-NY", "clothing", on=date(2018, 6, 20))


def test_explain_names_the_rule_and_the_source() -> None:
    (rule,) = per_item_rates("US-NY", "clothing", on=DAY)
    assert rule.rule is ItemRule.BELOW
    assert "under 110.00 USD" in rule.explain()
    assert "tax.ny.gov" in rule.explain()


# Hostile input.


@pytest.mark.parametrize("quantity", [0, -1, 1.5, True, Decimal("1.5"), "3", None])
def test_quantity_must_be_whole_items(quantity: object) -> None:
    rules = per_item_rates("US-NY", "clothing", on=DAY)
    with pytest.raises(CommerceKitError):
        item_tax_lines(usd("10.00"), quantity, rules)  # type: ignore[arg-type]


def test_refusals() -> None:
    rules = per_item_rates("US-NY", "clothing", on=DAY)
    ma = per_item_rates("US-MA", "clothing", on=DAY)
    with pytest.raises(CurrencyMismatchError):
        item_tax_lines(Money("10.00", "EUR"), 2, rules)
    with pytest.raises(CommerceKitError, match="more than"):
        item_tax_lines(usd("10.00"), 2, rules, discount=usd("20.01"))
    with pytest.raises(CommerceKitError, match="empty"):
        item_tax_lines(usd("10.00"), 2, ())
    with pytest.raises(CommerceKitError, match="mix"):
        item_tax_lines(usd("10.00"), 2, (*rules, *ma))
    with pytest.raises(CommerceKitError, match="twice"):
        item_tax_lines(usd("10.00"), 2, (*rules, *rules))
    with pytest.raises(CommerceKitError):
        item_tax_lines(usd("10.00"), 2, [float("nan")])  # type: ignore[list-item]
    with pytest.raises(CommerceKitError):
        per_item_rates("US-NY", "shoes", on=DAY)
    (rule,) = rules
    with pytest.raises(CommerceKitError, match="zero"):
        PerItemRate(rule.rule, usd("0"), rule.below, rule.above, rule.compared_on)
    other = ma[0].above
    with pytest.raises(CommerceKitError, match="jurisdiction"):
        PerItemRate(rule.rule, usd("1"), rule.below, other, rule.compared_on)


# The property: the rule applied to a line equals the rule applied to each unit.


@given(
    state=st.sampled_from(["US-NY", "US-MA", "US-RI", "IN", "IN-MH"]),
    cents=st.integers(min_value=0, max_value=60_000),
    off_cents=st.integers(min_value=0, max_value=60_000),
    quantity=st.integers(min_value=1, max_value=12),
)
def test_a_line_is_the_sum_of_its_units(
    state: str, cents: int, off_cents: int, quantity: int
) -> None:
    """For any price, per-unit discount and quantity, the bases per rate of
    ``item_tax_lines`` for the line equal the sum over its units of each unit's
    ``PerItemRate.parts``, and so does the tax rounded once per rate."""
    code = "INR" if state.startswith("IN") else "USD"
    scale = -1 if code == "INR" else -2  # INR up to 6,000.0, over the 2,500 threshold
    price = Money(Decimal(cents).scaleb(scale), code)
    off = Money(Decimal(min(off_cents, cents)).scaleb(scale), code)
    rule = per_item_rates(state, "clothing", on=DAY)[0]
    lines = item_tax_lines(price, quantity, (rule,), discount=off * quantity)
    whole = tax_invoice(lines, prices_include_tax=False, rounding=RoundingLevel.INVOICE)
    units: dict[Decimal, Money] = defaultdict(lambda: Money(0, code))
    for _ in range(quantity):
        for part, rate in rule.parts(price - off):
            units[rate.rate] += part
    line_bases = {t.rate: t.base for t in whole.by_rate if t.base.amount}
    assert line_bases == {rate: base for rate, base in units.items() if base.amount}
    each = [TaxLine(part, quantity, (rate,)) for part, rate in rule.parts(price - off)]
    once = tax_invoice(each, prices_include_tax=False, rounding=RoundingLevel.INVOICE)
    assert whole.tax == once.tax


# The checkout quote: each line at the side of the threshold its units fall on.


def _quote(state: str, price: str, quantity: int, **kwargs: object) -> Quote:
    context = CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state), at=AT,
        prices_include_tax=False,
        products={"SHIRT": Product("SHIRT", "clothing"), "MUG": Product("MUG", "standard")},
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip
    cart = Cart([CartLine("SHIRT", usd(price), quantity), CartLine("MUG", usd("10.00"), 1)])
    return quote(cart, context)


@pytest.mark.parametrize(
    ("state", "price", "shirts", "mug"),
    [
        ("US-MA", "120.00", "0.00", "0.63"),  # 3 x 120 = 360, each under 175
        ("US-MA", "175.00", "0.00", "0.63"),
        ("US-RI", "250.00", "0.00", "0.70"),
    ],
)
def test_quote_excess_states_at_or_under_the_threshold(
    state: str, price: str, shirts: str, mug: str
) -> None:
    result = _quote(state, price, 3)
    by_sku = {line.sku: line for line in result.lines}
    assert (by_sku["SHIRT"].tax, by_sku["MUG"].tax) == (usd(shirts), usd(mug))
    assert result.tax == by_sku["SHIRT"].tax + by_sku["MUG"].tax


@pytest.mark.parametrize(("price", "tax"), [("109.99", "0.00"), ("110.00", "13.20")])
def test_quote_new_york_state_part(price: str, tax: str) -> None:
    """New York has local taxes: the state's part alone, asked for knowingly."""
    result = _quote("US-NY", price, 3, partial=True)
    (shirt,) = [line for line in result.lines if line.sku == "SHIRT"]
    assert shirt.tax == usd(tax)
    assert result.missing == (
        "tax: local sales tax rates for US-NY (county, city, district)",
    )


def test_quote_shows_an_item_taxed_in_two_parts() -> None:
    """Each USD 175.01 item in Massachusetts is taxed on USD 0.01 of it: the line
    shows both parts (USD 525.00 exempt, USD 0.03 at 6.25 %, tax 0.001875, rounded
    half up to 0.00) rather than merging them into one rate."""
    (shirt,) = [line for line in _quote("US-MA", "175.01", 3).lines if line.sku == "SHIRT"]
    assert [(part.net, part.tax) for part in shirt.parts] == [
        (usd("525.00"), usd("0.00")),
        (usd("0.03"), usd("0.00")),
    ]
    assert [rate.rate for rate in shirt.rates] == [0, Decimal("6.25")]


def test_quote_refuses_per_item_rules_on_tax_inclusive_prices() -> None:
    context = CheckoutContext(
        Seller("US", {"US-MA"}), Buyer("US", subdivision="US-MA"), at=AT,
        prices_include_tax=True, products={"SHIRT": Product("SHIRT", "clothing")},
    )  # fmt: skip
    with pytest.raises(MissingDataError, match="price of each item"):
        quote(Cart([CartLine("SHIRT", usd("120.00"), 3)]), context)


def test_the_decision_lists_the_rates_either_side() -> None:
    sale = Sale(
        Seller("US", {"US-MA"}), Buyer("US", subdivision="US-MA"), "goods",
        usd("360.00"), category="clothing",
    )  # fmt: skip
    decision = decide(sale, on=DAY)
    assert sorted(rate.rate for rate in decision.rates) == [0, Decimal("6.25")]


# India: GST on apparel and footwear by the value of each piece or pair.


def inr(amount: str) -> Money:
    return Money(amount, "INR")


@pytest.mark.parametrize(
    ("price", "cgst", "rate"),
    [("2499.99", "187.50", Decimal("2.5")), ("2500.00", "187.50", Decimal("2.5")),
     ("2500.01", "675.00", Decimal(9))],
)  # fmt: skip
def test_india_within_a_state_either_side_of_rs_2500(
    price: str, cgst: str, rate: Decimal
) -> None:
    """Notification 9/2025-CT(Rate): 'not exceeding Rs. 2500 per piece' is 2.5% CGST
    and 2.5% SGST, over it 9% each; three pieces a line."""
    rules = per_item_rates("IN-MH", "clothing", on=DAY)
    invoice = tax_invoice(item_tax_lines(inr(price), 3, rules), prices_include_tax=False)
    assert [(t.tax, t.rate, t.amount) for t in invoice.by_rate] == [
        ("CGST", rate, inr(cgst)), ("SGST", rate, inr(cgst)),
    ]  # fmt: skip


def test_india_between_states_and_after_a_discount() -> None:
    """3 x Rs 2600 less Rs 300.03 is Rs 2499.99 a piece: IGST 5%, not 18%."""
    rules = per_item_rates("IN", "clothing", on=DAY)
    lines = item_tax_lines(inr("2600.00"), 3, rules, discount=inr("300.03"))
    assert [(rate.tax, rate.rate) for rate in lines[0].rates] == [("IGST", 5)]
    lines = item_tax_lines(inr("2600.00"), 3, rules, discount=inr("299.97"))
    assert [(rate.tax, rate.rate) for rate in lines[0].rates] == [("IGST", 18)]


def test_india_before_22_september_2025_is_not_guessed() -> None:
    """Apparel and footwear had different thresholds and rates before: no rule, and
    the rate table refuses as for any category without rows."""
    day = date(2025, 9, 21)
    assert per_item_rates("IN-MH", "clothing", on=day) == ()
    with pytest.raises(MissingDataError, match="IN GST rate for clothing"):
        rates_for("IN-MH", "clothing", on=day)
    with pytest.raises(MissingDataError, match="price of each item of clothing in IN-MH"):
        rates_for("IN-MH", "clothing", on=date(2025, 9, 22))


@pytest.mark.parametrize(
    ("buyer", "price", "taxes"),
    [("IN-MH", "2500.00", [("CGST", Decimal("2.5")), ("SGST", Decimal("2.5"))]),
     ("IN-KA", "2500.01", [("IGST", Decimal(18))])],
)  # fmt: skip
def test_india_quote(buyer: str, price: str, taxes: list[tuple[str, Decimal]]) -> None:
    context = CheckoutContext(
        Seller("IN", {"IN-MH"}), Buyer("IN", subdivision=buyer), at=AT,
        prices_include_tax=False, products={"KURTA": Product("KURTA", "clothing")},
    )  # fmt: skip
    result = quote(Cart([CartLine("KURTA", inr(price), 3)]), context)
    assert [(rate.tax, rate.rate) for rate in result.lines[0].rates] == taxes


def test_quote_compares_the_price_after_the_sellers_promotion() -> None:
    """New York: USD 120.00 less 10% is USD 108.00 an item, under USD 110: exempt;
    Massachusetts: USD 200.00 less 15% is USD 170.00, under USD 175: exempt."""
    ten = (Promotion("TEN", PercentOff(10)),)
    result = _quote("US-NY", "120.00", 3, partial=True, promotions=ten)
    (shirt,) = [line for line in result.lines if line.sku == "SHIRT"]
    assert (shirt.discount, shirt.tax) == (usd("36.00"), usd("0.00"))
    fifteen = (Promotion("FIFTEEN", PercentOff(15)),)
    result = _quote("US-MA", "200.00", 3, promotions=fifteen)
    (shirt,) = [line for line in result.lines if line.sku == "SHIRT"]
    assert (shirt.discount, shirt.tax) == (usd("90.00"), usd("0.00"))
