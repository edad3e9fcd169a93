"""US handling charges filled from the rule each state's shipping row rests on (fourth
pass, 2026-12-01), both sides of each answer.

Florida's 12A-1.045(1) counts handling among 'transportation charges', so a combined
charge follows the shipping test (the buyer's option to collect: conditional).
Oklahoma's 710:65-19-70 makes handling a delivery charge but exempts only one that
'represents the cost of transporting the items sold': the quote asks. Vermont's
definition of delivery charges includes handling, taxed even separately stated.
Michigan taxed delivery charges, handling included, until Public Acts 20 and 21 of 2023
exempted them when separately stated from 2023-04-26 (Avalara and VLCPA on the
Treasury's usage; secondary). Wyoming's bulletin counts 'shipping and handling charges'
as outbound freight, exempt when separately stated (as TaxJar quotes it); a handling
charge alone is not bundled there.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.tax import Buyer, Seller, StateRatesOnly, us_shipping
from tests.test_us_handling import CARD, CART


def _context(state: str, day: date, *, handling: bool, partial: bool) -> CheckoutContext:
    return CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={"LAMP": Product("LAMP", "standard", weight_kg=Decimal("2"))},
        rate_cards=(CARD,), tax_rates=StateRatesOnly(),
        shipping_includes_handling=handling, partial=partial,
    )  # fmt: skip


def _shipping_tax(state: str, day: date, *, handling: bool) -> Money:
    shipped = quote(CART, _context(state, day, handling=handling, partial=False)).shipping
    assert shipped is not None
    return shipped.tax


@pytest.mark.parametrize(
    ("state", "apart", "handling", "combined"),
    [
        ("US-FL", "conditional", "conditional", "conditional"),
        ("US-OK", "exempt", "conditional", "conditional"),
        ("US-VT", "taxable", "taxable", "taxable"),
        ("US-WY", "exempt", None, "exempt"),
    ],
)
def test_each_rule_read_fills_handling(
    state: str, apart: str, handling: str | None, combined: str | None
) -> None:
    rule = us_shipping(state, on=date(2026, 6, 1))
    assert rule.separately_stated.value == apart
    assert (rule.handling and rule.handling.value) == handling
    assert (rule.combined and rule.combined.value) == combined


def test_vermont_taxes_shipping_with_or_without_handling() -> None:
    day = date(2026, 6, 1)
    # USD 10.00 at the 6 % state rate, the charge with handling as the one without
    assert _shipping_tax("US-VT", day, handling=False) == Money("0.60", "USD")
    assert _shipping_tax("US-VT", day, handling=True) == Money("0.60", "USD")


def test_wyoming_exempts_a_combined_charge_stated_apart() -> None:
    day = date(2026, 6, 1)
    assert _shipping_tax("US-WY", day, handling=False) == Money("0.00", "USD")
    assert _shipping_tax("US-WY", day, handling=True) == Money("0.00", "USD")


def test_oklahoma_exempts_shipping_but_asks_about_handling() -> None:
    day = date(2026, 6, 1)
    assert _shipping_tax("US-OK", day, handling=False) == Money("0.00", "USD")
    asking = r"shipping and handling .* in US-OK"
    with pytest.raises(MissingDataError, match=asking) as asked:
        _shipping_tax("US-OK", day, handling=True)
    # the question is the rule's own, not 'not bundled'
    assert "represents the cost of transporting" in str(asked.value)
    partial = quote(CART, _context("US-OK", day, handling=True, partial=True))
    assert partial.shipping is not None
    assert partial.shipping.tax == Money("0.45", "USD")  # 10.00 at the 4.5 % state rate
    assert any("shipping and handling" in item for item in partial.missing)


def test_florida_asks_about_a_combined_charge_with_its_rule() -> None:
    with pytest.raises(MissingDataError, match=r"12A-1\.045"):
        _shipping_tax("US-FL", date(2026, 6, 1), handling=True)


@pytest.mark.parametrize(
    ("day", "value", "tax"),
    [
        (date(2023, 4, 25), "taxable", "0.60"),  # 10.00 at the 6 % state rate
        (date(2023, 4, 26), "exempt", "0.00"),  # Public Acts 20 and 21 of 2023
    ],
)
def test_michigan_handling_either_side_of_2023_04_26(
    day: date, value: str, tax: str
) -> None:
    rule = us_shipping("US-MI", on=day)
    assert rule.handling is not None
    assert rule.combined is not None
    assert (rule.separately_stated.value, rule.handling.value, rule.combined.value) == (
        value,
        value,
        value,
    )
    assert _shipping_tax("US-MI", day, handling=True) == Money(tax, "USD")
    assert _shipping_tax("US-MI", day, handling=False) == Money(tax, "USD")
