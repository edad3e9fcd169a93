"""Louisiana: the state rate's change on 2025-01-01 and food for home consumption.

The Department of Revenue's page "What is the state sales tax rate?" (read 2026-12-01):
"Rate as of December 31, 2024: 4.45%", "Rate as of January 1, 2025: 5%", "Until
12/31/2029" (Act 11 of the 2024 Third Extraordinary Session). Food sold for
preparation and consumption in the home is exempt from the state's tax and not from the
parishes': La. R.S. 47:305(C)(1) (the Legislature's text) binds the state and political
subdivisions "coterminous with" it; before 2025 the Department's publication "Sales Tax
Exemption for Food and Beverage Products" (read in a reprint) and the FTA's table
("food sales subject to local taxes").
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.cli import main
from commercekit.errors import MissingDataError, NoRuleError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    LocalRate,
    LocalRates,
    RateKind,
    Seller,
    StateRatesOnly,
    rates_for,
)

LA = "US-LA"
PARISH = "a parish's rate (example figure)"


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def _quote(category: str, day: date, price: str = "19.99", **context: object) -> Quote:
    ctx = CheckoutContext(
        Seller("US", {LA}), Buyer("US", subdivision=LA),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"ITEM": Product("ITEM", category)},
        **context,  # type: ignore[arg-type]
    )  # fmt: skip
    return quote(Cart([CartLine("ITEM", usd(price), 1)]), ctx)


def _parish(food: str) -> LocalRates:
    """One parish tax of 5 % at the address, treating food as ``food`` says."""
    return LocalRates(LA, [LocalRate("Parish", "county", "5", PARISH, date(2018, 1, 1),
                                     {"food": food})])  # fmt: skip


@pytest.mark.parametrize(
    ("day", "rate", "tax"),
    [
        (date(2024, 12, 31), "4.45", "0.89"),  # 19.99 x 4.45 % = 0.889555
        (date(2025, 1, 1), "5", "1.00"),  # 19.99 x 5 % = 0.9995
        (date(2029, 12, 31), "5", "1.00"),  # the LDR's "Until 12/31/2029"
    ],
)
def test_the_state_rate_either_side_of_act_11(day: date, rate: str, tax: str) -> None:
    (found,) = rates_for(LA, "standard", on=day)
    assert str(found.rate) == rate
    result = _quote("standard", day, tax_rates=StateRatesOnly(), partial=True)
    assert result.tax == usd(tax)


def test_after_2029_the_rate_is_not_bundled() -> None:
    with pytest.raises(NoRuleError, match="US-LA standard rates on 2030-01-01"):
        rates_for(LA, "standard", on=date(2030, 1, 1))


@pytest.mark.parametrize(
    "day", [date(2018, 6, 21), date(2024, 12, 31), date(2025, 1, 1), date(2026, 6, 1)]
)
def test_food_is_exempt_from_the_state_tax_on_both_sides_of_2025(day: date) -> None:
    (found,) = rates_for(LA, "food", on=day)
    assert (found.rate, found.kind) == (0, RateKind.EXEMPT)
    assert "parish and municipal sales taxes reach it" in found.note
    official = "official: yes" if day.year >= 2025 else "official: no"
    assert official in found.note


def test_before_the_tables_food_is_refused() -> None:
    with pytest.raises(NoRuleError, match="US-LA food rates on 2018-06-20"):
        rates_for(LA, "food", on=date(2018, 6, 20))


@pytest.mark.parametrize("day", [date(2024, 12, 31), date(2025, 1, 1)])
def test_a_quote_without_local_rates_says_food_is_taxed_locally(day: date) -> None:
    with pytest.raises(MissingDataError) as raised:
        _quote("food", day)
    said = str(raised.value)
    assert "local sales tax rates for US-LA" in said
    assert "Louisiana's own sales tax on food is 0%" in said
    assert "parish and municipal sales taxes reach it" in said


def test_a_partial_quote_charges_nothing_and_says_the_parish_tax_is_missing() -> None:
    result = _quote("food", date(2025, 1, 1), tax_rates=StateRatesOnly(), partial=True)
    assert result.tax == usd("0.00")
    missing = "tax: local sales tax rates for US-LA (county, city, district)"
    assert result.missing == (missing,)
    assert any(
        "Louisiana's own sales tax on food is 0%" in line for line in result.explanation
    )


@pytest.mark.parametrize(
    ("day", "standard"), [(date(2024, 12, 31), "1.89"), (date(2025, 1, 1), "2.00")]
)
def test_with_the_parish_tax_food_pays_it_alone(day: date, standard: str) -> None:
    """19.99 at the parish's 5 % is 0.9995: 1.00 for food; with the state's 4.45 %
    (9.45 %: 1.889055) or 5 % (10 %: 1.999) for a taxed item."""
    assert _quote("food", day, tax_rates=_parish("taxed")).tax == usd("1.00")
    assert _quote("standard", day, tax_rates=_parish("taxed")).tax == usd(standard)
    assert _quote("food", day, tax_rates=_parish("exempt")).tax == usd("0.00")


def test_a_parish_that_does_not_say_how_it_treats_food_is_refused() -> None:
    rates = LocalRates(LA, [LocalRate("Parish", "county", "5", PARISH, date(2018, 1, 1))])
    with pytest.raises(MissingDataError, match="food"):
        _quote("food", date(2025, 1, 1), tax_rates=rates)


def test_the_json_request_through_the_cli(tmp_path: Path) -> None:
    """Two USD 19.99 grocery items to Louisiana with a parish's 5 %, as JSON."""
    request = {
        "cart": {"lines": [
            {"sku": "BREAD", "unit_price": {"amount": "19.99", "currency": "USD"},
             "quantity": 2},
        ]},
        "seller": {"country": "US", "registrations": [LA]},
        "buyer": {"country": "US", "subdivision": LA},
        "at": "2025-01-01T12:00:00+00:00",
        "prices_include_tax": False,
        "products": {"BREAD": {"tax_category": "food"}},
        "local_rates": [{"name": "Parish", "type": "county", "rate": "5",
                         "source": PARISH, "as_of": "2018-01-01",
                         "categories": {"food": "taxed"}}],
    }  # fmt: skip
    path = tmp_path / "cart.json"
    path.write_text(json.dumps(request), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path), "--format", "json"], out=out) == 0
    # 39.98 at the parish's 5 % = 1.999: 2.00; the state's 0 %
    assert json.loads(out.getvalue())["tax"] == {"amount": "2.00", "currency": "USD"}


def test_prescription_drugs_exempt_from_the_state_tax_only() -> None:
    """The Legislative Auditor: the exemptions 'apply only to the State portion'."""
    (found,) = rates_for(LA, "prescription_drugs", on=date(2025, 1, 1))
    assert (found.rate, found.kind) == (0, RateKind.EXEMPT)
    with pytest.raises(MissingDataError, match="parish and municipal sales taxes reach"):
        _quote("prescription_drugs", date(2025, 1, 1))
    with pytest.raises(MissingDataError, match="US-LA sales tax treatment of over_the"):
        rates_for(LA, "over_the_counter_drugs", on=date(2025, 1, 1))
