"""The batch rounds each line; Japan's invoices round once per rate, never per line.

``tax_lines`` gives each line's own tax, and ``tax_totals`` adds those up without
rounding again (by design). Japan's qualified invoices round the consumption tax once
per rate (Consumption Tax Act Enforcement Order Art. 70-10; NTA invoice Q&A question
57, note: adding up each item's rounded tax "is not permitted", as quoted by secondary
sources), so a total of several Japanese lines at one rate is a figure no invoice may
show: three lines of JPY 105 at 10% add up to 3 x 11 = JPY 33, where the invoice
carries 31.5 rounded once (JPY 32 half-up, 31 down). ``tax_totals`` refuses it, naming
what to use instead; a Japanese line alone in its group is its invoice's figure.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pyarrow as pa
import pytest

from commercekit.batch import tax_lines, tax_totals
from commercekit.errors import CommerceKitError

DAY = pa.array([date(2026, 11, 26)] * 4, pa.date32())


def _taxed(orders: list[str], places: list[str]) -> pa.Table:
    lines = pa.table({
        "order": orders,
        "amount_minor": [105, 105, 105, 10000],
        "currency": ["JPY", "JPY", "JPY", "EUR"],
        "jurisdiction": places,
        "category": ["standard"] * 4,
        "date": DAY,
    })  # fmt: skip
    return tax_lines(lines, prices_include_tax=False).rows


def test_several_japanese_lines_at_one_rate_are_refused() -> None:
    """Three JPY 105 lines of one order: refused (their per-line sum is 33)."""
    taxed = _taxed(["J-1", "J-1", "J-1", "E-1"], ["JP", "JP", "JP", "DE"])
    assert taxed.column("tax").to_pylist()[:3] == [Decimal(11)] * 3
    for by in (["order"], [], ["jurisdiction"]):
        with pytest.raises(CommerceKitError) as raised:
            tax_totals(taxed, by=by)
        message = str(raised.value)
        assert raised.value.field == "jurisdiction"  # type: ignore[attr-defined]
        assert "once per rate" in message
        assert "70-10" in message
        assert "RoundingLevel.INVOICE" in message


def test_one_japanese_line_per_order_and_rate_is_added_up() -> None:
    """A Japanese line alone in its group is that invoice's tax: totalled as before."""
    taxed = _taxed(["J-1", "J-2", "J-3", "E-1"], ["JP", "JP", "JP", "DE"])
    totals = tax_totals(taxed, by=["order"]).to_pylist()
    assert [(t["order"], t["tax"]) for t in totals] == [
        ("E-1", Decimal("19.00")),
        ("J-1", Decimal(11)),
        ("J-2", Decimal(11)),
        ("J-3", Decimal(11)),
    ]
