"""Every US state's everyday (non-holiday) treatment of the categories a shop sells.

A shirt sold to California, a laptop to New York: taxed at the state's general rate,
as tangible personal property no law exempts (World Population Review, "Sales Tax on
Clothing by State 2025", and Tax Foundation, "State Sales Taxes on Clothing" (2012):
clothing taxable in each state below; secondary sources, as the rows say). The rows
start on 2024-01-01 (an earlier day raises) and follow the state's rate changes
(Louisiana 4.45 % to 5 % on 2025-01-01, the District of Columbia 6 % to 7 % on
2026-10-01). States whose back-to-school holiday is not bundled (Iowa, New Mexico,
South Carolina, Virginia) keep refusing the categories it names, by name.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.cli import main
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    RateKind,
    Seller,
    StateRatesOnly,
    per_item_rates,
    rates_for,
)
from commercekit.tax._us_states import no_sales_tax

CLOTHES = ("clothing", "apparel", "footwear", "childrens_clothing")
SUPPLIES = ("computers", "school_supplies", "backpacks")
# The state's general rate on 2024-01-01 (its standard row, checked in test_tax_rates).
TAXES_CLOTHING = {
    "US-AZ": "5.6", "US-CA": "7.25", "US-CO": "2.9", "US-DC": "6", "US-GA": "4",
    "US-HI": "4", "US-ID": "6", "US-IL": "6.25", "US-IN": "7", "US-KS": "6.5",
    "US-KY": "6", "US-LA": "4.45", "US-ME": "5.5", "US-MI": "6", "US-NC": "4.75",
    "US-ND": "5", "US-NE": "5.5", "US-NV": "6.85", "US-OH": "5.75", "US-SD": "4.2",
    "US-UT": "4.85", "US-WA": "6.5", "US-WI": "5", "US-WY": "4",
}  # fmt: skip
# States with a clothing rule of their own (exempt, per item, a holiday) that now
# answer the school categories and computers too, with their general rate.
SUPPLIES_ONLY = {
    "US-CT": ("6.35", SUPPLIES), "US-MA": ("6.25", SUPPLIES), "US-NY": ("4", SUPPLIES),
    "US-RI": ("7", SUPPLIES), "US-MN": ("6.875", SUPPLIES), "US-NJ": ("6.625", SUPPLIES),
    "US-OK": ("4.5", SUPPLIES), "US-PA": ("6", SUPPLIES), "US-VT": ("6", SUPPLIES),
    "US-IA": ("6", CLOTHES + SUPPLIES), "US-MD": ("6", ("computers", "school_supplies")),
    "US-MS": ("7", ("computers",)), "US-TX": ("6.25", ("computers",)),
    "US-VA": ("4.3", CLOTHES + SUPPLIES), "US-SC": ("6", CLOTHES + SUPPLIES),
}  # fmt: skip
ADDED = [
    (state, category, rate)
    for state, rate in TAXES_CLOTHING.items()
    for category in CLOTHES + SUPPLIES
] + [
    (state, category, rate)
    for state, (rate, categories) in SUPPLIES_ONLY.items()
    for category in categories
]
FIRST = date(2024, 1, 1)


@pytest.mark.parametrize(("state", "category", "rate"), ADDED)
def test_the_general_rate_from_the_first_day_and_refused_the_day_before(
    state: str, category: str, rate: str
) -> None:
    (found,) = rates_for(state, category, on=FIRST)
    assert (found.rate, found.kind, found.fallback) == (
        Decimal(rate),
        RateKind.STANDARD,
        False,
    )
    assert found.category == category
    assert "official: no" in found.note
    with pytest.raises(MissingDataError, match=_what(state, category)):
        rates_for(state, category, on=date(2023, 12, 31))


@pytest.mark.parametrize(
    ("state", "day", "before", "after"),
    [
        ("US-LA", date(2025, 1, 1), "4.45", "5"),  # Act 11 of the 2024 third session
        ("US-DC", date(2026, 10, 1), "6", "7"),  # the FY2026 Budget Support Act
    ],
)
@pytest.mark.parametrize("category", ["clothing", "computers"])
def test_the_rows_follow_the_state_rate_change(
    state: str, day: date, before: str, after: str, category: str
) -> None:
    (earlier,) = rates_for(state, category, on=date.fromordinal(day.toordinal() - 1))
    (later,) = rates_for(state, category, on=day)
    assert (earlier.rate, later.rate) == (Decimal(before), Decimal(after))
    assert _tax(
        state, category, "19.99", date.fromordinal(day.toordinal() - 1)
    ) == _by_hand("19.99", before)
    assert _tax(state, category, "19.99", day) == _by_hand("19.99", after)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def _context(state: str, category: str, day: date) -> CheckoutContext:
    return CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"ITEM": Product("ITEM", category)},
        tax_rates=StateRatesOnly(), partial=True,
    )  # fmt: skip


def _tax(state: str, category: str, price: str, day: date) -> Money:
    """The state's tax a partial quote (state rates only) puts on one item at ``price``."""
    result = quote(Cart([CartLine("ITEM", usd(price), 1)]), _context(state, category, day))
    assert all("local sales tax rates" in missing for missing in result.missing)
    return result.tax


def _by_hand(price: str, rate: str) -> Money:
    """``rate`` % of ``price``, to the cent, half up."""
    tax = Decimal(price) * Decimal(rate) / 100
    return usd(str(tax.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)))


# One category per state with rows added (its first), and the state's general rate.
SAMPLES = [
    next(added for added in ADDED if added[0] == state)
    for state in dict.fromkeys(state for state, _, _ in ADDED)
]


# 19.99 at 7.25 % is 1.449275: 1.45; 0.07 at 7.25 % is 0.005075: 0.01, and 0.06 is
# 0.00435: 0.00 (a cent either side of the rounding).
@pytest.mark.parametrize(("state", "category", "rate"), SAMPLES)
@pytest.mark.parametrize("price", ["19.99", "0.07", "0.06"])
def test_a_quote_charges_the_rate_to_the_cent(
    state: str, category: str, rate: str, price: str
) -> None:
    assert _tax(state, category, price, FIRST) == _by_hand(price, rate)
    assert _tax(state, category, price, date(2024, 6, 3)) == _by_hand(price, rate)
    # The day before the rows: the line is left untaxed and the category named.
    before = _context(state, category, date(2023, 12, 31))
    result = quote(Cart([CartLine("ITEM", usd(price), 1)]), before)
    assert result.tax == usd("0.00")
    assert any(f"{state} sales tax rates for {category}" in m for m in result.missing)


def test_one_sample_per_state() -> None:
    assert len(SAMPLES) == len(TAXES_CLOTHING) + len(SUPPLIES_ONLY) == 39
    assert SAMPLES[0] == ("US-AZ", "clothing", "5.6")
    assert SAMPLES[-1] == ("US-SC", "clothing", "6")


def test_california_a_shirt_and_a_laptop_to_the_cent() -> None:
    """The cases of the report: a USD 19.99 shirt and a USD 999.99 laptop in California."""
    day = date(2026, 6, 1)
    assert _tax("US-CA", "clothing", "19.99", day) == usd("1.45")  # 1.449275
    assert _tax("US-CA", "computers", "999.99", day) == usd("72.50")  # 72.499275
    assert _tax("US-NY", "computers", "999.99", day) == usd("40.00")  # 39.9996
    assert _tax("US-IL", "clothing", "0.07", day) == usd("0.00")  # 0.004375


def test_a_quote_before_the_rows_leaves_the_line_untaxed_and_says_why() -> None:
    context = _context("US-CA", "clothing", date(2023, 12, 31))
    result = quote(Cart([CartLine("ITEM", usd("19.99"), 1)]), context)
    assert result.tax == usd("0.00")
    assert any("US-CA sales tax rates for clothing" in item for item in result.missing)


@pytest.mark.parametrize("category", ["clothing", "computers"])
def test_a_general_goods_holiday_still_refuses_the_everyday_rows(category: str) -> None:
    """Ohio's 2025 holiday (2025-08-01..14): the new rows do not hide it."""
    with pytest.raises(MissingDataError, match="Ohio sales tax holiday"):
        rates_for("US-OH", category, on=date(2025, 8, 1))
    (after,) = rates_for("US-OH", category, on=date(2025, 8, 15))
    assert after.rate == Decimal("5.75")


STATES = [
    f"US-{code}"
    for code in (
        *("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID"),
        *("IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO"),
        *("MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA"),
        *("RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"),
    )
]
LISTED = CLOTHES + SUPPLIES + (
    "books", "newspapers", "medicines", "medical_devices", "non_alcoholic_drinks",
    "digital_services", "ebooks", "prescription_drugs", "over_the_counter_drugs",
    "soft_drinks", "candy",
)  # fmt: skip
ANY_DAY = date(2026, 3, 2)  # no holiday anywhere


def _refusal(state: str, category: str) -> str | None:
    """Why ``state`` refuses ``category`` on ``ANY_DAY``, or None if it answers."""
    try:
        rates = rates_for(state, category, on=ANY_DAY)
    except MissingDataError as error:
        return str(error)
    assert rates
    assert state not in no_sales_tax() or all(rate.rate == 0 for rate in rates)
    return None


def _what(state: str, category: str) -> str:
    """What a refusal says is missing: the state's own tax (Hawaii's GET, New Mexico's
    GRT, Arizona's TPT, elsewhere the sales tax) and the category."""
    (general,) = rates_for(state, "standard", on=ANY_DAY)
    return f"{state} {general.tax} treatment of {category}"


def test_fifty_states_and_the_district() -> None:
    assert len(set(STATES)) == 51


@pytest.mark.parametrize("category", LISTED)
@pytest.mark.parametrize("state", STATES)
def test_every_state_answers_or_refuses_each_category_by_name(
    state: str, category: str
) -> None:
    reason = _refusal(state, category)
    if reason is None:
        return
    if per_item_rates(state, category, on=ANY_DAY):  # NY, MA, RI, CT clothing
        assert f"per_item_rates({state!r}, {category!r}" in reason
    else:
        assert _what(state, category) in reason
        assert "TaxRateSource" in reason  # and how to supply it


def _json_quote(tmp_path: Path, state: str, category: str, price: str) -> dict[str, Any]:
    """Two items at ``price`` sold to ``state`` on 2026-06-01, quoted through the CLI
    as JSON (a partial quote: state rates only)."""
    request = {
        "cart": {"lines": [
            {"sku": "ITEM", "unit_price": {"amount": price, "currency": "USD"},
             "quantity": 2},
        ]},
        "seller": {"country": "US", "registrations": [state]},
        "buyer": {"country": "US", "subdivision": state},
        "at": "2026-06-01T12:00:00+00:00",
        "prices_include_tax": False,
        "products": {"ITEM": {"tax_category": category}},
        "partial": True,
    }  # fmt: skip
    path = tmp_path / "cart.json"
    path.write_text(json.dumps(request), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path), "--format", "json"], out=out) == 0
    written: dict[str, Any] = json.loads(out.getvalue())
    return written


def test_the_json_request_through_the_cli(tmp_path: Path) -> None:
    """A USD 19.99 shirt sold to California, as JSON on the command line."""
    written = _json_quote(tmp_path, "US-CA", "clothing", "19.99")
    # 2 x 19.99 = 39.98 at 7.25 % = 2.89855: 2.90 (state part; local rates missing)
    assert written["tax"] == {"amount": "2.90", "currency": "USD"}
    assert any("local sales tax rates" in missing for missing in written["missing"])


# Medicines, prescribed or not: exempt where the state exempts both (FTA table as of
# 2023-01-01; Texas Tax Code 151.313(a)(1) and (3); New York Tax Law 1115(a)(3)),
# Illinois' 1% low rate (IDOR answer 167: 'qualifying food, drugs, and medical
# appliances are taxed at a lower rate of 1%').
MEDICINES = {
    "US-DC": "0", "US-FL": "0", "US-MD": "0", "US-MN": "0", "US-NJ": "0",
    "US-NY": "0", "US-PA": "0", "US-TX": "0", "US-VT": "0", "US-VA": "0",
    "US-IL": "1",
}  # fmt: skip


@pytest.mark.parametrize(("state", "rate"), MEDICINES.items())
def test_medicines_prescribed_or_not_from_2024(state: str, rate: str) -> None:
    (found,) = rates_for(state, "medicines", on=FIRST)
    kind = RateKind.REDUCED if rate == "1" else RateKind.EXEMPT
    assert (found.rate, found.kind) == (Decimal(rate), kind)
    assert _tax(state, "medicines", "19.99", FIRST) == _by_hand("19.99", rate)
    with pytest.raises(MissingDataError, match="has rows from 2024-01-01, none for"):
        rates_for(state, "medicines", on=date(2023, 12, 31))


def test_illinois_medicines_keep_the_one_percent_after_the_grocery_tax_ends() -> None:
    """Food exempt from 2026-01-01 (P.A. 103-0781); drugs still at 1%."""
    day = date(2026, 1, 1)
    assert _tax("US-IL", "food", "19.99", day) == usd("0.00")
    assert _tax("US-IL", "medicines", "19.99", day) == usd("0.20")  # 0.1999
    assert _tax("US-IL", "medicines", "0.50", day) == usd("0.01")  # 0.005, half up
    assert _tax("US-IL", "medicines", "0.49", day) == usd("0.00")  # 0.0049


@pytest.mark.parametrize(
    ("category", "fact"),
    [
        ("medicines", "whether each item is sold on a prescription"),
        ("non_alcoholic_drinks", "which kind of drink each item is"),
        ("medical_devices", "which device each item is and whether it is prescribed"),
    ],
)
@pytest.mark.parametrize("state", ["US-CA", "US-WA", "US-GA"])
def test_a_category_the_states_split_names_the_fact_it_lacks(
    state: str, category: str, fact: str
) -> None:
    with pytest.raises(MissingDataError) as raised:
        rates_for(state, category, on=ANY_DAY)
    assert f"{state} sales tax treatment of {category} ({fact})" in str(raised.value)
    assert "TaxRateSource" in str(raised.value)


def test_a_category_not_sourced_says_so() -> None:
    with pytest.raises(MissingDataError, match="the everyday treatment of books here was"):
        rates_for("US-CA", "books", on=ANY_DAY)


def _docs_table() -> dict[str, list[str]]:
    """The table of docs/us-sales-tax.md's 'Everyday taxability': state → cells."""
    text = (Path(__file__).parent.parent / "docs" / "us-sales-tax.md").read_text("utf-8")
    section = text.split("## Everyday taxability of common categories")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| US-")]
    return {cells[0]: cells[1:] for cells in (row.strip("| ").split(" | ") for row in rows)}


def _cell(state: str, category: str) -> str:
    """What the docs table says of ``category`` in ``state`` on 2026-03-02."""
    if state in no_sales_tax():
        return "no sales tax"
    reason = _refusal(state, category)
    if reason is None:
        (rate,) = rates_for(state, category, on=ANY_DAY)
        return "exempt" if rate.rate == 0 else f"{rate.rate}%"
    return "per item" if per_item_rates(state, category, on=ANY_DAY) else "refused"


def test_the_docs_table_says_what_the_data_answers() -> None:
    table = _docs_table()
    assert sorted(table) == sorted(STATES)
    columns = (
        *("clothing", "computers", "school_supplies", "backpacks", "medicines"),
        *("prescription_drugs", "over_the_counter_drugs"),
    )
    for state, cells in table.items():
        assert cells == [_cell(state, category) for category in columns], state


# Prescription and over-the-counter drugs (issue 18): the state's own statement where
# read. Tennessee's Department of Revenue ("Are sales of drugs subject to sales tax?"):
# prescribed drugs exempt, "Over-the-counter drugs purchased without a prescription are
# subject to sales tax"; Washington's RCW 82.08.0281(1) and the House bill analysis of
# HB 1164 (2017): OTC drugs "are subject to the retail sales tax"; California (CDTFA's
# law guide on Regulation 1591) and Louisiana (the Legislative Auditor: the state's
# portion only) prescribed drugs exempt; the states with a 'medicines' row, both alike.
DRUGS = {
    "US-TN": ("0", "7"), "US-WA": ("0", "6.5"), "US-CA": ("0", None),
    "US-LA": ("0", None), "US-TX": ("0", "0"), "US-NY": ("0", "0"),
    "US-IL": ("1", "1"), "US-GA": (None, None),
}  # fmt: skip


@pytest.mark.parametrize(("state", "rates"), DRUGS.items())
def test_prescription_and_over_the_counter_drugs(
    state: str, rates: tuple[str | None, str | None]
) -> None:
    pairs = zip(("prescription_drugs", "over_the_counter_drugs"), rates, strict=True)
    for category, rate in pairs:
        if rate is None:  # not sourced: refused by name, the day of the rows too
            for day in (FIRST, ANY_DAY):
                with pytest.raises(MissingDataError, match=_what(state, category)):
                    rates_for(state, category, on=day)
            continue
        (found,) = rates_for(state, category, on=FIRST)
        assert (found.rate, found.fallback) == (Decimal(rate), False)
        assert _tax(state, category, "19.99", FIRST) == _by_hand("19.99", rate)
        with pytest.raises(MissingDataError, match="has rows from 2024-01-01, none for"):
            rates_for(state, category, on=date(2023, 12, 31))


def test_a_tennessee_cart_of_both_drugs_to_the_cent() -> None:
    """A USD 12.49 prescription and a USD 8.99 cold remedy: 0.00 and 0.63 (0.6293)."""
    day = date(2026, 6, 1)
    assert _tax("US-TN", "prescription_drugs", "12.49", day) == usd("0.00")
    assert _tax("US-TN", "over_the_counter_drugs", "8.99", day) == usd("0.63")


@pytest.mark.parametrize("country", ["FR", "DE", "GB", "CA-ON", "JP"])
@pytest.mark.parametrize("category", ["prescription_drugs", "over_the_counter_drugs"])
def test_the_drug_categories_are_refused_outside_the_states(
    country: str, category: str
) -> None:
    """Never the standard rate: a country's 'medicines' row says what a prescription
    changes (France's reimbursable medicines, say)."""
    with pytest.raises(MissingDataError, match="give the category 'medicines'"):
        rates_for(country, category, on=ANY_DAY)


@pytest.mark.parametrize("category", ["candy", "soft_drinks", "prescription_drugs"])
def test_a_us_only_category_in_an_eu_quote_is_refused_at_its_product(
    category: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The EU threshold's value (the goods without the seller's VAT) asks the seller's
    country's rate first: that refusal names the product whose category it is, in JSON
    words, as the destination's would (it named no field before)."""
    example = Path(__file__).parent.parent / "src/commercekit/examples"
    request = json.loads((example / "nl-to-de-consumer.json").read_text())
    request["products"]["TEE-ORGANIC"]["tax_category"] = category
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request))
    assert main(["quote", str(path)], out=io.StringIO()) == 2
    said = capsys.readouterr().err
    assert said.startswith("commercekit: products['TEE-ORGANIC'].tax_category: ")
    assert "TaxRateSource" not in said
    assert "(a JSON request carries no rates of its own)" in said


def test_medicines_refusal_points_to_the_drug_categories() -> None:
    with pytest.raises(MissingDataError, match="'prescription_drugs' and an"):
        rates_for("US-GA", "medicines", on=ANY_DAY)


# Two items each: 17.98 at 6.5 % = 1.1687; 24.98 exempt; 3.98 at 6.25 % = 0.24875;
# 3.98 at Tennessee's 4 % food rate = 0.1592.
@pytest.mark.parametrize(
    ("state", "category", "price", "tax"),
    [
        ("US-WA", "over_the_counter_drugs", "8.99", "1.17"),
        ("US-TN", "prescription_drugs", "12.49", "0.00"),
        ("US-IL", "candy", "1.99", "0.25"),
        ("US-TN", "soft_drinks", "1.99", "0.16"),
    ],
)
def test_the_new_categories_as_json_through_the_cli(
    tmp_path: Path, state: str, category: str, price: str, tax: str
) -> None:
    written = _json_quote(tmp_path, state, category, price)
    assert written["tax"] == {"amount": tax, "currency": "USD"}


# Candy and soft drinks (issue 18), taxed apart from groceries: Illinois' general 6.25%
# (the Department's answer 760 for candy; 86 Ill. Adm. Code 130.310 for soft drinks,
# in a reprint), Tennessee's 7% for candy and the 4% food rate for soft drinks (SUT-53:
# food "do[es] not include ... candy"), Arkansas' full 6.5% from Act 141 of 2017, on
# after its food tax ends in 2026 (secondary), Louisiana's soft drinks exempt from the
# state tax.
SWEETS = [
    ("US-IL", "candy", date(2025, 12, 31), "6.25"),
    ("US-IL", "candy", date(2026, 1, 1), "6.25"),  # groceries 0% from this day
    ("US-IL", "soft_drinks", date(2026, 1, 1), "6.25"),
    ("US-TN", "candy", FIRST, "7"),
    ("US-TN", "soft_drinks", FIRST, "4"),
    ("US-AR", "candy", date(2025, 12, 31), "6.5"),
    ("US-AR", "soft_drinks", date(2018, 6, 21), "6.5"),
    ("US-LA", "soft_drinks", date(2024, 12, 31), "0"),
    ("US-LA", "soft_drinks", date(2025, 1, 1), "0"),
]


@pytest.mark.parametrize(("state", "category", "day", "rate"), SWEETS)
def test_candy_and_soft_drinks(state: str, category: str, day: date, rate: str) -> None:
    (found,) = rates_for(state, category, on=day)
    assert (found.rate, found.fallback) == (Decimal(rate), False)
    assert _tax(state, category, "19.99", day) == _by_hand("19.99", rate)


def test_illinois_a_candy_bar_beside_groceries_after_the_repeal() -> None:
    """2026-01-01: a USD 1.99 chocolate bar pays 0.12 (0.124375), bread nothing."""
    day = date(2026, 1, 1)
    assert _tax("US-IL", "candy", "1.99", day) == usd("0.12")
    assert _tax("US-IL", "food", "1.99", day) == usd("0.00")


@pytest.mark.parametrize(
    ("state", "category", "day", "first"),
    [
        ("US-TN", "candy", date(2023, 12, 31), "2024-01-01"),
    ],
)
def test_candy_and_soft_drinks_outside_their_rows_are_refused(
    state: str, category: str, day: date, first: str
) -> None:
    with pytest.raises(MissingDataError, match=f"has rows from {first}, none for"):
        rates_for(state, category, on=day)


@pytest.mark.parametrize("category", ["candy", "soft_drinks"])
def test_candy_and_soft_drinks_not_sourced_are_refused_by_name(category: str) -> None:
    with pytest.raises(MissingDataError, match=_what("US-CA", category)):
        rates_for("US-CA", category, on=ANY_DAY)
    with pytest.raises(MissingDataError, match=r"give the category '(food|non_alc)"):
        rates_for("DE", category, on=ANY_DAY)
