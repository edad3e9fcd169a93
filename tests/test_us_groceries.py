"""Groceries (`food`) where the state taxes them at its general rate.

Idaho taxes food at its 6 % (the State Tax Commission's guide for grocers: retailers
"must charge tax on most sales, including: Retail sales of food, drink ..."; the
grocery credit is an income-tax refund and changes nothing at the till). Hawaii's
general excise tax reaches groceries at its 4 % retail rate (the Legislature's findings
in S.B. 2104 of 2026: the State "does not exempt groceries ... nor does it apply a
reduced rate"). South Dakota taxes them at its general rate, 4.5 % then 4.2 % from
2023-07-01 (Avalara 2022; the Governor's release on HB 1075 of 2023; SD News Watch
2024). Before their cuts Mississippi (7 % until 2025-06-30), Alabama (4 % until
2023-08-31), Kansas (6.5 % until 2022-12-31) and Oklahoma (4.5 % until 2024-08-28)
charged food their general rate too (the reports of each cut, "from 7% to 5%" ...).
New York exempts newspapers and periodicals (20 NYCRR 528.6); other states' rules for
them stay unsourced and refused.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.cli import main
from commercekit.errors import CommerceKitError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    RateKind,
    Sale,
    SaleLine,
    Seller,
    StateRatesOnly,
    decide,
    rates_for,
)

FIRST = date(2018, 6, 21)  # the first day of the US tables (Wayfair)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


@pytest.mark.parametrize(
    ("state", "tax", "rate"),
    [
        ("US-ID", "sales tax", "6"),
        ("US-HI", "GET", "4"),
        ("US-SD", "sales tax", "4.5"),
        ("US-MS", "sales tax", "7"),
        ("US-AL", "sales tax", "4"),
        ("US-KS", "sales tax", "6.5"),
        ("US-OK", "sales tax", "4.5"),
    ],
)
def test_food_at_the_general_rate_from_the_first_day(
    state: str, tax: str, rate: str
) -> None:
    (food,) = rates_for(state, "food", on=FIRST)
    (general,) = rates_for(state, "standard", on=FIRST)
    assert (food.tax, food.kind, food.rate) == (tax, RateKind.STANDARD, Decimal(rate))
    assert food.rate == general.rate
    with pytest.raises(CommerceKitError):  # before the tables start, as the general rate
        rates_for(state, "food", on=date(2018, 6, 20))


@pytest.mark.parametrize(
    ("state", "last", "before", "after"),
    [
        ("US-SD", date(2023, 6, 30), "4.5", "4.2"),  # the general rate's cut (SD DOR)
        ("US-MS", date(2025, 6, 30), "7", "5"),  # HB 1 (2025)
        ("US-AL", date(2023, 8, 31), "4", "3"),  # Act 2023-554
        ("US-KS", date(2022, 12, 31), "6.5", "4"),  # 2022 Sub. for HB 2106
        ("US-OK", date(2024, 8, 28), "4.5", "0"),  # HB 1955 (2024)
    ],
)
def test_food_either_side_of_each_change(
    state: str, last: date, before: str, after: str
) -> None:
    following = date.fromordinal(last.toordinal() + 1)
    assert rates_for(state, "food", on=last)[0].rate == Decimal(before)
    assert rates_for(state, "food", on=following)[0].rate == Decimal(after)
    assert _tax(state, "19.99", last) == _by_hand("19.99", before)
    assert _tax(state, "19.99", following) == _by_hand("19.99", after)


def test_south_dakota_food_follows_the_general_rate_to_its_sunset() -> None:
    """4.2 % until 2027-06-30 (the DOR release of 2023-04-03); what follows is not
    bundled, as for the general rate."""
    assert rates_for("US-SD", "food", on=date(2027, 6, 30))[0].rate == Decimal("4.2")
    with pytest.raises(CommerceKitError):
        rates_for("US-SD", "food", on=date(2027, 7, 1))


def test_idaho_and_hawaii_today() -> None:
    day = date(2026, 6, 1)
    assert rates_for("US-ID", "food", on=day)[0].rate == 6
    assert rates_for("US-HI", "food", on=day)[0].rate == 4
    # 19.99 at 6 % is 1.1994: 1.20; at 4 %, 0.7996: 0.80
    assert _tax("US-ID", "19.99", day) == usd("1.20")
    assert _tax("US-HI", "19.99", day) == usd("0.80")


def test_the_decision_holds_the_food_rate() -> None:
    sale = Sale(
        Seller("US", {"US-ID"}), Buyer("US", subdivision="US-ID"), "goods", usd("20.00"),
        lines=(SaleLine(usd("20.00"), 1, "food"),),
    )  # fmt: skip
    decision = decide(sale, on=date(2026, 6, 1), rates=StateRatesOnly())
    assert [(rate.tax, rate.rate) for rate in decision.rates] == [("sales tax", 6)]
    mississippi = Sale(
        Seller("US", {"US-MS"}), Buyer("US", subdivision="US-MS"), "goods", usd("20.00"),
        lines=(SaleLine(usd("20.00"), 1, "food"),),
    )  # fmt: skip
    for day, rate in ((date(2025, 6, 30), 7), (date(2025, 7, 1), 5)):
        found = decide(mississippi, on=day, rates=StateRatesOnly())
        assert [r.rate for r in found.rates] == [rate], day


def test_the_json_request_through_the_cli(tmp_path: Path) -> None:
    """Two USD 3.49 loaves sold to Idaho, as JSON on the command line."""
    request = {
        "cart": {"lines": [
            {"sku": "BREAD", "unit_price": {"amount": "3.49", "currency": "USD"},
             "quantity": 2},
        ]},
        "seller": {"country": "US", "registrations": ["US-ID"]},
        "buyer": {"country": "US", "subdivision": "US-ID"},
        "at": "2026-06-01T12:00:00+00:00",
        "prices_include_tax": False,
        "products": {"BREAD": {"tax_category": "food"}},
        "partial": True,
    }  # fmt: skip
    path = tmp_path / "cart.json"
    path.write_text(json.dumps(request), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path), "--format", "json"], out=out) == 0
    written = json.loads(out.getvalue())
    # 2 x 3.49 = 6.98 at 6 % = 0.4188: 0.42 (state part; local rates missing)
    assert written["tax"] == {"amount": "0.42", "currency": "USD"}


def _tax(state: str, price: str, day: date, category: str = "food") -> Money:
    """The state's tax a partial quote (state rates only) puts on one item."""
    context = CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"ITEM": Product("ITEM", category)},
        tax_rates=StateRatesOnly(), partial=True,
    )  # fmt: skip
    return quote(Cart([CartLine("ITEM", usd(price), 1)]), context).tax


def _by_hand(price: str, rate: str) -> Money:
    """``rate`` % of ``price``, to the cent, half up."""
    tax = Decimal(price) * Decimal(rate) / 100
    return usd(str(tax.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)))


def test_new_york_exempts_newspapers_and_periodicals() -> None:
    """Tax Law 1115(a)(5); 20 NYCRR 528.6(a): 'The sale of newspapers and periodicals
    is exempt from sales and compensating use tax.' Other states stay refused."""
    (found,) = rates_for("US-NY", "newspapers", on=FIRST)
    assert (found.kind, found.rate) == (RateKind.EXEMPT, 0)
    assert _tax("US-NY", "2.50", date(2026, 6, 1), "newspapers") == usd("0.00")
    assert _tax("US-NY", "2.50", date(2026, 6, 1), "standard") == usd("0.10")  # 4 %
    with pytest.raises(MissingDataError, match="US-NY sales tax treatment of books"):
        rates_for("US-NY", "books", on=FIRST)
    with pytest.raises(MissingDataError, match="US-NJ sales tax treatment of newspapers"):
        rates_for("US-NJ", "newspapers", on=FIRST)


@pytest.mark.parametrize(
    ("state", "tax"), [("US-HI", "GET"), ("US-NM", "GRT"), ("US-AZ", "TPT")]
)
def test_a_refusal_names_the_states_own_tax(state: str, tax: str) -> None:
    """Hawaii's general excise tax, New Mexico's gross receipts tax and Arizona's
    transaction privilege tax are not sales taxes: the refusal names each by its table."""
    with pytest.raises(MissingDataError, match=f"missing {state} {tax} treatment of books"):
        rates_for(state, "books", on=date(2026, 3, 2))
