"""Switzerland's CHF 5 is compared with the import tax as assessed in francs.

Import VAT of CHF 5 or less is not collected (tax/_data/thresholds.csv,
``import_tax_de_minimis``; ch.ch, "Ordering goods from abroad"). The tax is assessed in
Swiss francs on the value in francs. A shipment priced in euros had its tax rounded in
euros first and only then compared: EUR 66.37 of goods at 8.1 % is EUR 5.37597, EUR 5.38
rounded, which at 0.93 is CHF 5.0034, over CHF 5; in francs the goods are CHF 61.7241
and their tax CHF 4.99965, CHF 5.00: not over, not collected. Composed by hand here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.money import Money, RateTable
from commercekit.shipping import DutyRate, Item, Shipment, TariffTable, landed_cost

ON = date(2026, 11, 26)
EUR_CHF = RateTable(
    base="EUR",
    rates={"CHF": Decimal("0.93")},
    observed_at=datetime(2026, 11, 25, tzinfo=UTC),
    provider="example rates",
)


def _tax(euros: str) -> Money:
    shipment = Shipment(
        (Item("T-shirt", Money(euros, "EUR"), hs_code="6109.10", origin="PT"),),
        destination="CH",
    )
    return landed_cost(shipment, incoterm="DAP", on=ON, rates=EUR_CHF).import_tax


@pytest.mark.parametrize(
    ("euros", "tax"),
    [
        ("66.37", "0.00"),  # CHF 61.7241 x 8.1 % = CHF 4.99965: CHF 5.00, not over
        ("66.45", "5.38"),  # CHF 61.7985 x 8.1 % = CHF 5.00568: CHF 5.01, collected
        ("61.00", "0.00"),  # CHF 56.73, tax CHF 4.60
        ("70.00", "5.67"),  # CHF 65.10, tax CHF 5.27
    ],
)
def test_the_tax_is_compared_in_francs(euros: str, tax: str) -> None:
    assert _tax(euros) == Money(tax, "EUR")


@pytest.mark.parametrize(
    ("francs", "tax"), [("61.72", "0.00"), ("61.79", "0.00"), ("61.80", "5.01")]
)
def test_a_shipment_in_francs_is_unchanged(francs: str, tax: str) -> None:
    """CHF 61.79 x 8.1 % = 5.00499, CHF 5.00: not over; CHF 61.80: 5.0058, CHF 5.01."""
    shipment = Shipment(
        (Item("T-shirt", Money(francs, "CHF"), hs_code="6109.10", origin="PT"),),
        destination="CH",
    )
    found = landed_cost(shipment, incoterm="DAP", on=ON).import_tax
    assert found == Money(tax, "CHF")


def test_the_duty_is_compared_in_francs_too() -> None:
    """Duty of CHF 5 or less is not invoiced either (ch.ch): at an example 8 %, EUR
    67.20 of cheese is EUR 5.376, EUR 5.38, CHF 5.0034 at 0.93; in francs CHF 62.496 x
    8 % = CHF 4.99968, CHF 5.00: not over, not collected. EUR 67.30: CHF 62.589 x 8 %
    = CHF 5.00712, CHF 5.01: collected (EUR 5.38)."""
    tariff = TariffTable(
        [
            DutyRate(
                "CH",
                "0406.90",
                Decimal(8),
                date(2024, 1, 1),
                None,
                "https://www.tares.ch/",
                note="an example rate for this test",
            )
        ],
        name="example",
    )

    def duty(euros: str) -> Money:
        shipment = Shipment(
            (Item("cheese", Money(euros, "EUR"), hs_code="0406.90", origin="FR"),),
            destination="CH",
        )
        found = landed_cost(shipment, incoterm="DAP", on=ON, rates=EUR_CHF, tariffs=tariff)
        return found.duty

    assert duty("67.20") == Money("0.00", "EUR")
    assert duty("67.30") == Money("5.38", "EUR")


@given(
    offset=st.integers(min_value=-3, max_value=3),
    rate=st.decimals(min_value="0.80", max_value="1.20", places=4),
)
def test_the_relief_follows_the_tax_in_francs(offset: int, rate: Decimal) -> None:
    """Tax relieved exactly when the goods' value in francs, taxed at 8.1 % and
    rounded half-up to the rappen, is CHF 5 or less, whatever the exchange rate (euro
    values within a few cents of CHF 5 of tax, where rounding in euros first errs)."""
    cents = int(Decimal("6173") / rate) + offset
    euros = Money(Decimal(cents).scaleb(-2), "EUR")
    table = RateTable(
        base="EUR",
        rates={"CHF": rate},
        observed_at=datetime(2026, 11, 25, tzinfo=UTC),
        provider="example rates",
    )
    shipment = Shipment(
        (Item("T-shirt", euros, hs_code="6109.10", origin="PT"),), destination="CH"
    )
    found = landed_cost(shipment, incoterm="DAP", on=ON, rates=table).import_tax
    in_francs = (euros.amount * rate * Decimal("0.081")).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert (found.amount == 0) == (in_francs <= 5)
