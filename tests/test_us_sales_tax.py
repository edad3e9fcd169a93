"""US sales tax: the state decision, local rates through a TaxRateSource, the quote.

Worked figures: Connecticut's 6.35% on a USD 100.00 sale is USD 6.35 (DRS: no local
sales taxes); Texas' 6.25% state rate plus local taxes up to 2% (Comptroller: a
combined 8.25% where a city levies the full 2%) is USD 8.25 on USD 100.00.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import InvalidPlaceError, MissingDataError, UnknownCountryError
from commercekit.money import Money, sum_money
from commercekit.pricing import Cart, CartLine
from commercekit.shipping import Bracket, RateCard, Zone
from commercekit.tax import (
    BUNDLED,
    Buyer,
    Collector,
    RateKind,
    Regime,
    Sale,
    Seller,
    StateRatesOnly,
    TaxCategory,
    TaxRate,
    decide,
    missing_from,
    rates_for,
    us_shipping,
    us_state,
)
from commercekit.tax._us_states import _read as read_us_states

STATES = read_us_states()

DAY = date(2026, 6, 1)
CENT = Decimal("0.01")
AT = datetime(2026, 6, 1, 12, tzinfo=UTC)
TEXAS_LOCAL = "https://comptroller.texas.gov/taxes/sales/"


class LocalRates:
    """A plugin's answer: the bundled state rate plus one local rate per state."""

    def __init__(self, local: dict[str, str]) -> None:
        self.local = local

    def rates_for(
        self, jurisdiction: str, category: TaxCategory | str, *, on: date
    ) -> tuple[TaxRate, ...]:
        state = BUNDLED.rates_for(jurisdiction, category, on=on)
        asked = TaxCategory(category)
        local = TaxRate(
            jurisdiction=jurisdiction, tax="local", category=asked, applies_as=asked,
            rate=Decimal(self.local.get(jurisdiction, "0")), kind="standard",
            since=date(2018, 6, 21), until=None, source=TEXAS_LOCAL,
            note="the address's local taxes (a plugin's figure)",
        )  # fmt: skip
        return (*state, local)


def _sale(state: str, registrations: set[str], **kwargs: object) -> Sale:
    buyer = Buyer("US", subdivision=state)
    return Sale(
        Seller("US", registrations), buyer, "goods", Money("100.00", "USD"), **kwargs
    )  # type: ignore[arg-type]


def test_a_registered_seller_in_a_state_without_local_taxes_charges_the_state_rate() -> (
    None
):
    decision = decide(_sale("US-CT", {"US-CT"}), on=DAY)
    assert (decision.regime, decision.taxed_in) == (Regime.DOMESTIC, "US-CT")
    assert decision.collected_by is Collector.SELLER
    assert [rate.rate for rate in decision.rates] == [Decimal("6.35")]
    assert all(rule.source.startswith("https://") for rule in decision.rules)


def test_local_rates_missing_are_refused_by_name() -> None:
    with pytest.raises(MissingDataError, match=r"local sales tax rates for US-TX \(county"):
        decide(_sale("US-TX", {"US-TX"}), on=DAY)


def test_the_state_part_alone_only_when_asked_and_said() -> None:
    decision = decide(_sale("US-TX", {"US-TX"}), on=DAY, rates=StateRatesOnly())
    assert [rate.rate for rate in decision.rates] == [Decimal("6.25")]
    assert missing_from(decision) == (
        "local sales tax rates for US-TX (county, city, district)",
    )
    whole = decide(_sale("US-CT", {"US-CT"}), on=DAY, rates=StateRatesOnly())
    assert missing_from(whole) == ()


def test_a_source_with_local_rates_is_charged_whole() -> None:
    decision = decide(_sale("US-TX", {"US-TX"}), on=DAY, rates=LocalRates({"US-TX": "2"}))
    assert sum(rate.rate for rate in decision.rates) == Decimal("8.25")
    assert missing_from(decision) == ()


def test_an_unregistered_seller_does_not_collect_and_is_told_the_threshold() -> None:
    decision = decide(_sale("US-TX", set()), on=DAY)
    assert (decision.regime, decision.collected_by) == (
        Regime.NOT_COLLECTED,
        Collector.NONE,
    )
    assert decision.rates == ()
    assert any("USD 500000" in rule.text for rule in decision.rules)


@pytest.mark.parametrize("state", ["US-DE", "US-MT", "US-NH", "US-OR"])
def test_states_without_sales_tax_collect_nothing_by_name(state: str) -> None:
    decision = decide(_sale(state, {state}, marketplace="Etsy"), on=DAY)
    assert decision.collected_by is Collector.NONE
    assert "levies no sales tax" in decision.rules[-1].text
    assert rates_for(state, "standard", on=DAY)[0].rate == 0


@pytest.mark.parametrize(
    "state", sorted(code for code, facts in STATES.items() if facts.facilitator_since)
)
def test_the_marketplace_collects_from_the_day_of_its_law(state: str) -> None:
    """Either side of each state's marketplace facilitator date."""
    since = us_state(state).facilitator_since
    assert since is not None
    assert since >= min(rate.since for rate in BUNDLED.rows[state])
    source = LocalRates({})
    on_the_day = decide(_sale(state, set(), marketplace="Amazon"), on=since, rates=source)
    assert on_the_day.collected_by is Collector.MARKETPLACE
    assert on_the_day.taxed_in == state
    day_before = since - timedelta(days=1)
    if state == "US-AK" or day_before < date(2018, 6, 21):
        return  # Alaska: local taxes only; before the tables: nothing bundled
    before = decide(_sale(state, set(), marketplace="Amazon"), on=day_before, rates=source)
    assert before.collected_by is Collector.NONE
    assert any("applies only from" in rule.text for rule in before.rules)


@pytest.mark.parametrize(
    ("state", "since"),
    [
        ("US-MN", date(2018, 10, 1)),  # Minn. Stat. 297A.66 (2017), after Wayfair
        ("US-AK", date(2020, 4, 1)),  # Amazon's table; ARSSTC code of 2020-01-06
        ("US-CT", date(2018, 12, 1)),  # Sales Tax Institute on the 2018 act
        ("US-NC", date(2020, 2, 1)),  # Session Law 2019-246 (S.B. 557)
        ("US-OH", date(2019, 9, 1)),  # the Department, as quoted by Avalara
        ("US-RI", date(2019, 7, 1)),  # the Division's day; the statute reads 2019-06-27
        ("US-SC", date(2019, 4, 26)),  # Act No. 21 of 2019, effective on signature
    ],
)
def test_corrected_and_confirmed_facilitator_dates(state: str, since: date) -> None:
    assert us_state(state).facilitator_since == since


def test_a_buyer_without_a_state_is_refused_where_a_state_could_collect() -> None:
    sale = Sale(Seller("US", {"US-NY"}), Buyer("US"), "goods", Money("1.00", "USD"))
    with pytest.raises(InvalidPlaceError, match="is no state of the United States") as no:
        decide(sale, on=DAY)
    assert no.value.field == "buyer.subdivision"
    unregistered = decide(
        Sale(Seller("US"), Buyer("US"), "goods", Money("1.00", "USD")), on=DAY
    )
    assert unregistered.collected_by is Collector.NONE


def test_an_outlying_area_is_not_a_state() -> None:
    with pytest.raises(UnknownCountryError, match="outlying area"):
        us_state("US-PR")


@pytest.mark.parametrize(
    ("state", "day", "rate"),
    [
        ("US-LA", date(2024, 12, 31), "4.45"),  # LDR: 4.45% until 2024-12-31
        ("US-LA", date(2025, 1, 1), "5"),  # Act 11 of 2024
        ("US-SD", date(2023, 6, 30), "4.5"),
        ("US-SD", date(2023, 7, 1), "4.2"),  # HB 1137 (2023)
        ("US-DC", date(2026, 9, 30), "6"),
        ("US-DC", date(2026, 10, 1), "7"),  # FY2025 Budget Support Act
        ("US-UT", date(2019, 3, 31), "4.7"),  # Utah Tax Bulletin 01-19
        ("US-UT", date(2019, 4, 1), "4.85"),  # Proposition 3 (2018), S.B. 96 (2019)
    ],
)
def test_state_rate_changes_either_side(state: str, day: date, rate: str) -> None:
    assert rates_for(state, "standard", on=day)[0].rate == Decimal(rate)


def test_groceries_where_the_state_treats_them_apart() -> None:
    assert rates_for("US-IL", "food", on=date(2025, 12, 31))[0].rate == 1
    assert rates_for("US-IL", "food", on=date(2026, 1, 1))[0].rate == 0
    assert rates_for("US-AL", "food", on=date(2025, 9, 1))[0].rate == 2
    # Idaho taxes food at its general 6% (the State Tax Commission's guide for grocers);
    assert rates_for("US-ID", "food", on=DAY)[0].rate == 6
    # Louisiana exempts food from its state tax only (R.S. 47:305(C)(1)):
    # tests/test_us_louisiana.py
    assert rates_for("US-LA", "food", on=DAY)[0].kind is RateKind.EXEMPT


# The quote for a US buyer.


def _context(state: str, **kwargs: object) -> CheckoutContext:
    products = {
        "MUG": Product("MUG", "standard"),
        "TEA": Product("TEA", "food"),
    }
    return CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state), at=AT,
        prices_include_tax=False, products=products, **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def test_the_quote_charges_state_and_local_rates() -> None:
    cart = Cart([CartLine("MUG", Money("100.00", "USD"), 1)])
    result = quote(cart, _context("US-TX", tax_rates=LocalRates({"US-TX": "2"})))
    assert result.tax == Money("8.25", "USD")
    assert result.grand_total == Money("108.25", "USD")


def test_the_quote_refuses_without_local_rates_unless_partial() -> None:
    cart = Cart([CartLine("MUG", Money("100.00", "USD"), 1)])
    with pytest.raises(MissingDataError, match="local sales tax rates for US-CA"):
        quote(cart, _context("US-CA"))
    partial = quote(cart, _context("US-CA", partial=True))
    assert partial.tax == Money("7.25", "USD")
    assert partial.missing == (
        "tax: local sales tax rates for US-CA (county, city, district)",
    )


CASES = st.tuples(
    st.sampled_from(["US-TX", "US-WA", "US-GA", "US-NY", "US-VA", "US-CT", "US-MA"]),
    st.lists(
        st.tuples(
            st.sampled_from(["MUG", "TEA"]),
            st.integers(min_value=1, max_value=99_999).map(
                lambda c: Money(Decimal(c) / 100, "USD")
            ),
            st.integers(min_value=1, max_value=5),
        ),
        min_size=1,
        max_size=5,
        unique_by=lambda line: line[0],
    ),
    st.sampled_from(["0", "1", "2.5", "4.875"]),
    st.booleans(),
)


@given(CASES)
def test_a_us_quote_adds_up_and_equals_its_parts_by_hand(case: tuple) -> None:  # type: ignore[type-arg]
    """total == lines' gross + shipping's gross; tax == lines' tax + shipping's tax,
    none on shipping where the state exempts it; each line's tax == its net x the
    combined rate of its taxes (state and local) rounded half-up once (SSUTA s. 324),
    and its taxes add up to it."""
    state, lines, local, shipped = case
    source = LocalRates({state: local})
    cart = Cart([CartLine(sku, price, qty) for sku, price, qty in lines])
    context = (
        _shipped(state, tax_rates=source) if shipped else _context(state, tax_rates=source)
    )
    result = quote(cart, context)
    parts = [line.gross for line in result.lines]
    taxes = [line.tax for line in result.lines]
    if result.shipping is not None:
        parts.append(result.shipping.gross)
        taxes.append(result.shipping.tax)
        exempt = us_shipping(state, on=DAY).separately_stated.value == "exempt"
        assert (result.shipping.tax.amount == 0) or not exempt
    assert result.grand_total == sum_money(parts, "USD")
    assert result.tax == sum_money(taxes, "USD")
    category = {"MUG": "standard", "TEA": "food"}
    for line in result.lines:
        rates = source.rates_for(state, category[line.sku], on=AT.date())
        combined = sum((rate.rate for rate in rates), Decimal(0))
        by_hand = (line.net.amount * combined / 100).quantize(CENT, ROUND_HALF_UP)
        assert line.tax.amount == by_hand


# Shipping, taxed as the state says (us_shipping.csv).

CARD = RateCard(
    "Example Carrier", "Ground", "US", "USD",
    zones=[Zone("domestic", ["US"], (2, 5))],
    brackets={"domestic": [Bracket(Decimal("30"), Money("10.00", "USD"))]},
    dimension_rounding="exact",
)  # fmt: skip


def _shipped(state: str, **kwargs: object) -> CheckoutContext:
    products = {
        "MUG": Product("MUG", "standard", weight_kg=Decimal("1")),
        "TEA": Product("TEA", "food", weight_kg=Decimal("0.5")),
    }
    return CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state), at=AT,
        prices_include_tax=False, products=products, rate_cards=(CARD,),
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def test_shipping_is_taxed_where_the_state_taxes_it() -> None:
    """Texas taxes delivery charges with the goods (Tax Code 151.007): 8.25% of 10.00."""
    cart = Cart([CartLine("MUG", Money("100.00", "USD"), 1)])
    result = quote(cart, _shipped("US-TX", tax_rates=LocalRates({"US-TX": "2"})))
    assert result.shipping is not None
    assert (result.shipping.net, result.shipping.tax) == (
        Money("10.00", "USD"),
        Money("0.83", "USD"),
    )
    assert result.grand_total == Money("119.08", "USD")


def test_shipping_stated_apart_is_not_taxed_where_the_state_exempts_it() -> None:
    """Massachusetts: separately stated delivery is not taxable (DOR Directive 04-5)."""
    cart = Cart([CartLine("MUG", Money("100.00", "USD"), 1)])
    result = quote(cart, _shipped("US-MA"))
    assert result.shipping is not None
    assert (result.shipping.net, result.shipping.tax) == (
        Money("10.00", "USD"),
        Money("0.00", "USD"),
    )
    assert result.tax == Money("6.25", "USD")
    assert result.grand_total == Money("116.25", "USD")


def test_shipping_where_it_turns_on_facts_the_quote_lacks() -> None:
    """California taxes delivery above its actual cost (18 CCR 1628): refused, or
    taxed in a partial quote that says so."""
    cart = Cart([CartLine("MUG", Money("100.00", "USD"), 1)])
    source = LocalRates({"US-CA": "1"})
    with pytest.raises(MissingDataError, match="whether shipping is taxable in US-CA"):
        quote(cart, _shipped("US-CA", tax_rates=source))
    partial = quote(cart, _shipped("US-CA", tax_rates=source, partial=True))
    assert partial.shipping is not None
    assert partial.shipping.tax.amount > 0
    what = "whether shipping is taxable in US-CA"
    assert partial.missing == (f"tax: {what} (taxed with the goods in this partial quote)",)


def test_michigan_shipping_either_side_of_its_2023_change() -> None:
    assert us_shipping("US-MI", on=date(2023, 4, 25)).separately_stated.value == "taxable"
    assert us_shipping("US-MI", on=date(2023, 4, 26)).separately_stated.value == "exempt"


def test_louisiana_shipping_is_taxed_from_2025() -> None:
    """The Louisiana Department of Revenue's FAQ: from 2025-01-01 transportation
    charges paid to the seller are part of the taxable sales price, separately stated
    or not; the row said exempt without end."""
    assert us_shipping("US-LA", on=date(2024, 12, 31)).separately_stated.value == "exempt"
    assert us_shipping("US-LA", on=date(2025, 1, 1)).separately_stated.value == "taxable"
    cart = Cart([CartLine("MUG", Money("100.00", "USD"), 1)])
    result = quote(cart, _shipped("US-LA", tax_rates=LocalRates({"US-LA": "0"})))
    assert result.shipping is not None
    assert (result.shipping.net, result.shipping.tax) == (
        Money("10.00", "USD"),
        Money("0.50", "USD"),
    )


@pytest.mark.parametrize("state", ["US-ME", "US-DC", "US-IN", "US-SC", "US-AL"])
def test_shipping_where_the_carrier_or_the_terms_of_sale_decide(state: str) -> None:
    """Maine exempts separately stated delivery only by common or contract carrier or
    U.S. mail (Maine Revenue Services, sales tax FAQ 13), Alabama only by common
    carrier or U.S. mail (r. 810-6-1-.178), Indiana only separately stated postage
    (Information Bulletin #92); the District excludes separately stated transportation
    only if it occurs after the sale (D.C. Code 47-2001(p)(2)(E)) and South Carolina
    decides by the terms of sale, not the invoice (S.C. Code Regs. 117-310): all are
    asked, not guessed. Indiana and South Carolina said taxable before."""
    assert us_shipping(state, on=DAY).separately_stated.value == "conditional"
    cart = Cart([CartLine("MUG", Money("100.00", "USD"), 1)])
    with pytest.raises(MissingDataError, match=f"whether shipping is taxable in {state}"):
        quote(cart, _shipped(state, tax_rates=LocalRates({state: "0"})))


def test_kansas_shipping_stated_apart_is_not_taxed_from_july_2023() -> None:
    """2022 H.B. 2136 (K.S.A. 79-3602(ll)), Kansas Department of Revenue Notice 23-02:
    separately stated delivery charges are out of the sales price from 2023-07-01; the
    row said taxable without end. 6.5% of 100.00 only, not of the 10.00 shipping."""
    assert us_shipping("US-KS", on=date(2023, 6, 30)).separately_stated.value == "taxable"
    assert us_shipping("US-KS", on=date(2023, 7, 1)).separately_stated.value == "exempt"
    cart = Cart([CartLine("MUG", Money("100.00", "USD"), 1)])
    result = quote(cart, _shipped("US-KS", tax_rates=LocalRates({"US-KS": "0"})))
    assert result.shipping is not None
    assert (result.shipping.net, result.shipping.tax) == (
        Money("10.00", "USD"),
        Money("0.00", "USD"),
    )
    assert result.tax == Money("6.50", "USD")


@pytest.mark.parametrize("state", sorted(code for code, f in STATES.items() if f.sales_tax))
def test_every_state_with_a_sales_tax_says_how_it_treats_shipping(state: str) -> None:
    rule = us_shipping(state, on=DAY)
    assert rule.source.startswith("https://")
    assert rule.note


# Clothing: exempt in full in NJ, PA, MN and VT; per-item thresholds elsewhere refused.


@pytest.mark.parametrize("state", ["US-NJ", "US-PA", "US-MN", "US-VT"])
def test_clothing_exempt_in_full(state: str) -> None:
    for category in ("clothing", "childrens_clothing"):
        (rate,) = rates_for(state, category, on=DAY)
        assert (rate.rate, rate.kind.value) == (0, "exempt")
        assert rate.note


@pytest.mark.parametrize(
    ("state", "match"),
    [
        ("US-NY", "the price of each item of clothing in US-NY"),
        ("US-MA", "the price of each item of clothing in US-MA"),
        ("US-RI", "the price of each item of clothing in US-RI"),
        ("US-CT", "the price of each item of clothing in US-CT"),
    ],
)
def test_clothing_under_a_per_item_threshold_or_taxed_is_not_guessed(
    state: str, match: str
) -> None:
    """New York (under USD 110 per item), Massachusetts (the first USD 175 of an item)
    and Rhode Island (the first USD 250) exempt clothing per item, which a rate row
    cannot say: asking raises rather than charging the full rate, and points at the
    per-item rules (tests/test_per_item.py)."""
    with pytest.raises(MissingDataError, match=match):
        rates_for(state, "clothing", on=DAY)


def test_clothing_elsewhere_keeps_its_standard_rate() -> None:
    (rate,) = rates_for("DE", "clothing", on=DAY)
    assert rate.fallback
    assert rate.rate == 19


@pytest.mark.parametrize(
    ("state", "last_full", "first_cut", "rate"),
    [
        ("US-AL", date(2023, 8, 31), date(2023, 9, 1), "3"),  # ALDOR notice, Act 2023-554
        ("US-KS", date(2022, 12, 31), date(2023, 1, 1), "4"),  # 2022 Sub. for HB 2106
        ("US-OK", date(2024, 8, 28), date(2024, 8, 29), "0"),  # HB 1955 (2024)
        ("US-MS", date(2025, 6, 30), date(2025, 7, 1), "5"),  # HB 1 (2025)
    ],
)
def test_groceries_before_the_first_cut_are_not_given_the_cut_rate(
    state: str, last_full: date, first_cut: date, rate: str
) -> None:
    """Before the cut food paid the full state rate: its own row says so, never the
    later, lower rate."""
    assert rates_for(state, "food", on=first_cut)[0].rate == Decimal(rate)
    (before,) = rates_for(state, "food", on=last_full)
    assert before.rate == rates_for(state, "standard", on=last_full)[0].rate
    assert before.kind is RateKind.STANDARD


@pytest.mark.parametrize(
    ("state", "day", "rate"),
    [
        ("US-KS", date(2024, 12, 31), "2"),  # 2022 Sub. for HB 2106, second step
        ("US-KS", date(2025, 1, 1), "0"),
        ("US-AL", date(2025, 8, 31), "3"),  # Act 2023-554
        ("US-AL", date(2025, 9, 1), "2"),
        ("US-TN", date(2022, 7, 31), "4"),  # the August 2022 food holiday
        ("US-TN", date(2022, 8, 1), "0"),
        ("US-TN", date(2022, 8, 31), "0"),
        ("US-TN", date(2022, 9, 1), "4"),
        ("US-TN", date(2023, 7, 31), "4"),  # the 2023 grocery holiday
        ("US-TN", date(2023, 8, 1), "0"),
        ("US-TN", date(2023, 11, 1), "4"),
        ("US-VA", date(2022, 12, 31), "1.5"),
        ("US-VA", date(2023, 1, 1), "0"),
        ("US-AR", date(2018, 12, 31), "1.5"),  # DFA via Sales Tax Institute, 2019-01-11
        ("US-AR", date(2019, 1, 1), "0.125"),
        ("US-AR", date(2025, 12, 31), "0.125"),
        ("US-AR", date(2026, 1, 1), "0"),  # Act 1008 of 2025 (HB 1685)
        ("US-UT", date(2019, 3, 31), "1.75"),  # food untouched by the 2019 rise
        ("US-UT", date(2019, 4, 1), "1.75"),
    ],
)
def test_grocery_rates_either_side_of_each_change(state: str, day: date, rate: str) -> None:
    assert rates_for(state, "food", on=day)[0].rate == Decimal(rate)
