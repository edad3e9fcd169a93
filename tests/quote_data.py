"""Data the quote tests share: an exchange-rate table and a tariff that states its rates.

Both are made-up test figures (labelled so): the tests check how the quote composes its
parts, not the rates themselves.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from commercekit.errors import NoRuleError
from commercekit.money import RateTable
from commercekit.shipping import DutyRate

__all__ = ["RATES", "StatedTariff"]

RATES = RateTable(
    base="EUR",
    rates={
        "GBP": Decimal("0.84"),
        "NOK": Decimal("11.70"),
        "USD": Decimal("1.05"),
        "CHF": Decimal("0.93"),
        "AUD": Decimal("1.65"),
        "NZD": Decimal("1.80"),
        "SGD": Decimal("1.50"),
        "CAD": Decimal("1.45"),
        "JPY": Decimal("161.87"),
    },
    observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
    provider="example figures",
)


class StatedTariff:
    """The duty rate a test states for each heading, or ``default`` for the rest (no
    default: a heading the test did not state has no row)."""

    def __init__(self, rates: dict[str, str] | None = None, *, default: str | None = None):
        self.rates = {heading: Decimal(rate) for heading, rate in (rates or {}).items()}
        self.default = None if default is None else Decimal(default)

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        del origin
        rate = self.rates.get(hs_code, self.default)
        if rate is None:
            raise NoRuleError(f"duty on {hs_code} into {destination}", on, "stated rows")
        return DutyRate(destination, hs_code, rate, date(2000, 1, 1), None, "test figure")
