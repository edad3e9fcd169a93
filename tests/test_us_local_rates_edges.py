"""Edges of ``LocalRates`` asked directly: a rate asked for a day before it was read as
in force is refused naming the local rate's ``as_of`` (as the quote's seam refuses it),
never answered as if in force; a negative zero rate is stored as 0.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from commercekit.errors import InvalidInputError
from commercekit.tax import LocalRate, LocalRates, per_item_rates

READ = date(2025, 3, 1)
EXAMPLE = "example figure"


def _rates(*, clothing: str = "taxed") -> LocalRates:
    return LocalRates("US-NY", [
        LocalRate("New York City", "city", "4.5", EXAMPLE, date(2024, 1, 1),
                  {"clothing": "follows_state_threshold"}),
        LocalRate("Albany County", "county", "4", EXAMPLE, READ, {"clothing": clothing}),
    ])  # fmt: skip


def test_a_day_before_a_local_rate_was_read_is_refused_by_its_field() -> None:
    """Before: rates_for answered the county's 4 % with since=2025-03-01 on 2025-02-28."""
    with pytest.raises(InvalidInputError, match="in force on 2025-02-28") as raised:
        _rates().rates_for("US-NY", "standard", on=date(2025, 2, 28))
    assert raised.value.field == "on"
    assert "local[1].as_of=2025-03-01" in str(raised.value)
    found = _rates().rates_for("US-NY", "standard", on=READ)
    assert [(r.tax, r.rate, r.covers(READ)) for r in found] == [
        ("sales tax", Decimal(4), True),
        ("city: New York City", Decimal("4.5"), True),
        ("county: Albany County", Decimal(4), True),
    ]


def test_the_per_item_rules_refuse_the_same_day() -> None:
    with pytest.raises(InvalidInputError, match="in force on 2025-02-28"):
        per_item_rates("US-NY", "clothing", on=date(2025, 2, 28), rates=_rates())
    assert len(per_item_rates("US-NY", "clothing", on=READ, rates=_rates())) == 3


def test_a_negative_zero_rate_is_stored_as_zero() -> None:
    """Before: Decimal('-0'), shown as a rate of -0."""
    rate = LocalRate("Nowhere", "city", "-0", EXAMPLE, READ).rate
    assert (str(rate), rate.is_signed()) == ("0", False)
