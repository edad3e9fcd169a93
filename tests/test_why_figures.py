"""Explanations show money the way the law measures it, never a 28-digit Decimal.

A value converted at an exchange rate, or a line divided into its units, is exact to
28 digits; a limit is compared with that exact value (GBP 135.0048 is over GBP 135).
An explanation shows such a figure to its currency's minor unit (half-up); where that
rounding would put it on the other side of the limit, or onto it, the unrounded value
follows, to the first decimal that keeps it on its side, at most four places past the
minor unit (``commercekit.money.measured``). The sweep below decides many sales and
lands many shipments at random exchange rates and fails on any figure in a ``why``
text with more decimals than its currency's minor unit plus that allowance.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import ROUND_DOWN, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError
from commercekit.money import (
    MINOR_UNITS,
    QUANTUM,
    Money,
    RateTable,
    convert_noted,
    measured,
)
from commercekit.shipping import Item, Shipment, landed_cost
from commercekit.tax import Buyer, Sale, SaleLine, Seller, decide
from tests.quote_data import StatedTariff

ALLOWANCE = 4
"""The places past the minor unit a figure may show: where rounding would carry it
across the limit it is compared with, the unrounded value to the first telling place."""
FIGURE = re.compile(r"(?<![\w.])(\d+(?:\.(\d+))?) ?([A-Z]{3})\b")
PLACES = (
    "DE", "FR", "IE", "GB", "XI", "AU", "NZ", "NO", "CH", "SG", "CA-ON", "JP", "IN-MH",
    "US-NY", "US-TN",
)  # fmt: skip
CURRENCIES = ("EUR", "USD", "GBP", "AUD", "NZD", "NOK", "CHF", "SGD", "CAD", "JPY", "INR")
DAY = date(2026, 11, 26)


LONG = re.compile(r"\d+\.\d{13,}")
"""A bare number past 12 decimals (a quotient, such as an exchange rate's inverse)."""


def _too_precise(text: str) -> list[str]:
    found = LONG.findall(text)
    for match in FIGURE.finditer(text):
        code = match.group(3)
        if (
            code in MINOR_UNITS
            and len(match.group(2) or "") > MINOR_UNITS[code] + ALLOWANCE
        ):
            found.append(match.group(0))
    return found


_RATES = st.builds(
    lambda values: RateTable(
        base="EUR",
        rates=dict(zip(CURRENCIES[1:], values, strict=True)),
        observed_at=datetime(2026, 11, 25, tzinfo=UTC),
        provider="random test figures",
    ),
    st.lists(
        st.decimals(min_value=Decimal("0.05"), max_value=Decimal(300), places=4),
        min_size=len(CURRENCIES) - 1,
        max_size=len(CURRENCIES) - 1,
    ),
)
_PRICES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(40_000), places=2)


@settings(max_examples=300)
@given(
    rates=_RATES,
    place=st.sampled_from(PLACES),
    seller=st.sampled_from(["NL", "DE", "US", "CN", "GB", "AU"]),
    currency=st.sampled_from(CURRENCIES),
    price=_PRICES,
    quantity=st.integers(1, 7),
    sold=_PRICES,
)
def test_decisions_show_figures_in_currency_units(
    rates: RateTable,
    place: str,
    seller: str,
    currency: str,
    price: Decimal,
    quantity: int,
    sold: Decimal,
) -> None:
    """Every figure in a decision's rules has at most minor unit + 4 places."""
    price = price.quantize(QUANTUM[currency], rounding=ROUND_DOWN) or QUANTUM[currency]
    value = Money(price, currency) * quantity
    country, _, _ = place.partition("-")
    try:
        sale = Sale(
            Seller(seller, eu_sales_this_year=Money(sold, "EUR")),
            Buyer(country, subdivision=place if place != country else None),
            "goods",
            value,
            exchange_rates=rates,
            lines=(SaleLine(value, quantity, "standard"),),
        )
        decision = decide(sale, on=DAY)
    except CommerceKitError:
        return
    for rule in decision.rules:
        assert not _too_precise(rule.text), rule.text


@settings(max_examples=200)
@given(
    rates=_RATES,
    place=st.sampled_from([p for p in PLACES if p[:2] not in {"IN", "US", "CA", "XI"}]),
    currency=st.sampled_from(CURRENCIES),
    price=_PRICES,
    quantity=st.integers(1, 7),
)
def test_landed_costs_show_figures_in_currency_units(
    rates: RateTable, place: str, currency: str, price: Decimal, quantity: int
) -> None:
    """Every figure in a landed cost's explanation has at most minor unit + 4 places."""
    price = price.quantize(QUANTUM[currency], rounding=ROUND_DOWN) or QUANTUM[currency]
    item = Item("mug", Money(price, currency) * quantity, "6912.00", "CN", quantity)
    try:
        shipment = Shipment((item,), destination=place[:2], shipping=Money("7", currency))
        landed = landed_cost(
            shipment, incoterm="DDP", on=DAY, rates=rates, tariffs=StatedTariff(default="4")
        )
    except CommerceKitError:
        return
    for line in landed.explanation:
        assert not _too_precise(line), line


def test_the_two_figures_a_new_user_found() -> None:
    """EUR 10,000 of distance sales and an Australian item, as the explanations showed
    them (9826.4464285714285714285714286 EUR; an item of 29.997 AUD)."""
    assert measured(Money("9826.4464285714285714285714286", "EUR")) == "9826.45 EUR"
    limit = Money(1000, "AUD")
    assert measured(Money("29.997", "AUD"), limit) == "30.00 AUD"


def test_the_unrounded_value_where_rounding_crosses_the_limit() -> None:
    """GBP 135.0048 is over GBP 135, though 135.00 is not; EUR 149.99999 is under 150."""
    assert measured(Money("135.0048", "GBP"), Money(135, "GBP")) == (
        "135.00 GBP (135.0048 GBP unrounded, as the limit is compared)"
    )
    assert measured(Money("135.00481234567", "GBP"), Money(135, "GBP")) == (
        "135.00 GBP (135.004... GBP unrounded, as the limit is compared)"
    )
    assert measured(Money("149.9999999", "EUR"), Money(150, "EUR")) == (
        "150.00 EUR (under 150 EUR unrounded, as the limit is compared)"
    )
    assert measured(Money("150.004", "EUR"), Money(150, "EUR")) == (
        "150.00 EUR (150.004 EUR unrounded, as the limit is compared)"
    )
    assert measured(Money("1.5", "JPY"), Money(1, "JPY")) == "2 JPY"
    assert measured(Money("12.30", "EUR")) == "12.30 EUR"


def test_a_conversion_note_shows_the_rate_as_the_table_states_it() -> None:
    """GBP to EUR in a table of euro rates is 1 / 0.84, not 1.190476190476190476..."""
    table = RateTable(
        base="EUR",
        rates={"GBP": Decimal("0.84"), "USD": Decimal("1.25")},
        observed_at=datetime(2026, 11, 25, tzinfo=UTC),
        provider="example",
    )
    notes: list[str] = []
    convert_noted(Money(135, "GBP"), "EUR", table, notes, how="")
    convert_noted(Money(10, "USD"), "EUR", table, notes, how="")
    assert [note.split(" (")[0] for note in notes] == [
        "135 GBP is 160.71 EUR at 1 / 0.84",  # 160.714285714285...: rounded
        "10 USD is 8.00 EUR at 0.8",
    ]
