"""Margins, price points and prices per market: worked examples, properties, bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import CurrencyMismatchError, InvalidAmountError, InvalidCartError
from commercekit.money import Money, RateTable
from commercekit.pricing import (
    CHARM_99,
    MAX_LINES,
    Cart,
    CartLine,
    Direction,
    Market,
    PricePoint,
    localize_price,
    margin_after_discount,
    margin_after_returns,
    margin_from_markup,
    margin_of,
    markup_from_margin,
    markup_of,
    price_for_margin,
    price_for_markup,
    to_price_point,
)

ON = date(2026, 11, 26)
D = Decimal


def test_markup_is_not_margin() -> None:
    # The textbook pair: cost 60, price 90 → markup 50 %, margin 33.33 %.
    price, cost = Money("90.00", "EUR"), Money("60.00", "EUR")
    assert markup_of(price, cost) == D("0.5000")
    assert margin_of(price, cost) == D("0.3333")
    assert margin_from_markup(D("0.5")) == D("0.3333")
    assert markup_from_margin(D("0.3333"), places=2) == D("0.50")
    assert price_for_markup(cost, D("0.5")) == price
    assert margin_of(Money("50.00", "EUR"), cost) == D("-0.2000")  # selling below cost


def test_price_for_a_target_margin_never_falls_short() -> None:
    # 40 % margin on 60.00: 60 / 0.6 = 100.00 exactly; on 10.00 at 30 %: 14.2857… → 14.29
    assert price_for_margin(Money("60.00", "EUR"), D("0.40")) == Money("100.00", "EUR")
    price = price_for_margin(Money("10.00", "EUR"), D("0.30"))
    assert price == Money("14.29", "EUR")
    assert margin_of(price, Money("10.00", "EUR"), places=6) >= D("0.30")


def test_what_discounts_and_returns_leave() -> None:
    price, cost = Money("100.00", "EUR"), Money("75.00", "EUR")
    # A 20 % discount on a 25 % margin: sold at 80, 5 profit, 6.25 % margin.
    assert margin_after_discount(price, cost, D("0.20")) == D("0.0625")
    # 20 % returns, half resold, EUR 8 handling each: revenue kept 80, cost
    # 75 x 0.9 + 0.2 x 8 = 69.10 → (80 - 69.10) / 80 = 13.63 %.
    assert margin_after_returns(
        price, cost, D("0.2"), resold=D("0.5"), handling=Money("8.00", "EUR")
    ) == D("0.1362")


# Price points per currency: worked examples.
@pytest.mark.parametrize(
    ("amount", "currency", "policy", "direction", "expected"),
    [
        ("23.40", "EUR", CHARM_99, Direction.UP, "23.99"),
        ("23.40", "EUR", CHARM_99, Direction.NEAREST, "22.99"),
        ("23.60", "EUR", CHARM_99, Direction.NEAREST, "23.99"),
        ("23.40", "EUR", CHARM_99, Direction.DOWN, "22.99"),
        ("0.50", "EUR", CHARM_99, Direction.DOWN, "0.99"),  # nothing below: goes up
        ("41.20", "USD", PricePoint(D(1), (D("0.95"), D("0.99"))), Direction.UP, "41.95"),
        ("16.10", "GBP", PricePoint(D(1), (D("0.49"), D("0.99"))), Direction.UP, "16.49"),
        ("2310", "JPY", PricePoint(D(1000), (D(980),)), Direction.UP, "2980"),
        ("2310", "JPY", PricePoint(D(10), (D(0),)), Direction.UP, "2310"),
        ("2314", "JPY", PricePoint(D(100), (D(80),)), Direction.NEAREST, "2280"),
        ("286.40", "SEK", PricePoint(D(10), (D(9),)), Direction.UP, "289"),
        ("36.12", "CHF", PricePoint(D(1), (D("0.50"), D("0.90"))), Direction.UP, "36.50"),
    ],
)
def test_price_points(
    amount: str, currency: str, policy: PricePoint, direction: Direction, expected: str
) -> None:
    moved = to_price_point(Money(amount, currency), policy, direction=direction)
    assert moved == Money(expected, currency)


def test_price_point_floor_from_a_minimum_advertised_price() -> None:
    floor = Money("24.50", "EUR")
    assert to_price_point(Money("23.40", "EUR"), CHARM_99, floor=floor) == Money(
        "24.99", "EUR"
    )
    with pytest.raises(CurrencyMismatchError):
        to_price_point(Money("23.40", "EUR"), CHARM_99, floor=Money("1", "USD"))


RATES = RateTable(
    base="EUR",
    rates={"USD": D("1.0500"), "GBP": D("0.8400"), "JPY": D("161.00"), "SEK": D("11.20")},
    observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
    provider="example reference rates",
)
GERMANY = Market(
    "DE", "EUR", tax_jurisdiction="DE", tax_inclusive=True, price_point=CHARM_99
)
UNITED_STATES = Market("US", "USD", price_point=CHARM_99, conversion_fee=D(2))
JAPAN = Market(
    "JP",
    "JPY",
    tax_jurisdiction="JP",
    tax_inclusive=True,
    price_point=PricePoint(D(1000), (D(980),)),
)


def test_localize_into_a_tax_inclusive_market() -> None:
    # 20.00 net + 19 % = 23.80 → 23.99
    price = localize_price(Money("20.00", "EUR"), GERMANY, RATES, on=ON)
    assert (price.with_tax, price.shown) == (Money("23.80", "EUR"), Money("23.99", "EUR"))


def test_localize_into_a_tax_exclusive_market_with_a_fee() -> None:
    # 20.00 EUR x 1.05 = 21.00 USD, + 2 % = 0.42 → 21.42, no tax shown → 21.99
    price = localize_price(Money("20.00", "EUR"), UNITED_STATES, RATES, on=ON)
    assert (price.converted, price.fee, price.shown) == (
        Money("21.00", "USD"),
        Money("0.42", "USD"),
        Money("21.99", "USD"),
    )
    assert price.rates == ()


def test_localize_into_japan() -> None:
    # 20.00 EUR = 3220 JPY, + 10 % = 3542 → ¥3,980
    price = localize_price(Money("20.00", "EUR"), JAPAN, RATES, on=ON)
    assert (price.with_tax, price.shown) == (Money("3542", "JPY"), Money("3980", "JPY"))


def test_margin_floor_in_a_tax_inclusive_market() -> None:
    # Cost 18.00 at a 25 % minimum margin: net floor 24.00, with 19 % VAT 28.56 → 28.99
    price = localize_price(
        Money("20.00", "EUR"),
        GERMANY,
        RATES,
        on=ON,
        cost=Money("18.00", "EUR"),
        min_margin=D("0.25"),
    )
    assert price.floor == Money("28.56", "EUR")
    assert price.shown == Money("28.99", "EUR")
    assert "never below 28.56 EUR" in price.explain()


def test_bad_input() -> None:
    with pytest.raises(InvalidAmountError, match="float"):
        price_for_margin(Money("1", "EUR"), 0.3)  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="not a valid margin"):
        price_for_margin(Money("1", "EUR"), D("1"))
    with pytest.raises(InvalidAmountError, match="not a valid markup"):
        price_for_markup(Money("1", "EUR"), D("-0.1"))
    with pytest.raises(CurrencyMismatchError):
        margin_of(Money("1", "EUR"), Money("1", "USD"))
    with pytest.raises(InvalidAmountError, match="zero"):
        margin_of(Money("0", "EUR"), Money("1", "EUR"))
    with pytest.raises(InvalidAmountError, match="negative"):
        to_price_point(Money("-1", "EUR"), CHARM_99)
    with pytest.raises(InvalidAmountError, match="within one step"):
        PricePoint(D(1), (D("1.99"),))
    with pytest.raises(InvalidAmountError, match="finer than JPY"):
        to_price_point(Money("100", "JPY"), CHARM_99)
    with pytest.raises(InvalidAmountError, match="names no tax_jurisdiction"):
        Market("DE", "EUR", tax_inclusive=True)
    with pytest.raises(InvalidAmountError, match="both") as refused:
        localize_price(Money("1", "EUR"), GERMANY, RATES, on=ON, cost=Money("1", "EUR"))
    assert refused.value.field == "cost"
    assert "without min_margin" in str(refused.value)
    with pytest.raises(InvalidAmountError, match="without cost") as refused:
        localize_price(Money("1", "EUR"), GERMANY, RATES, on=ON, min_margin=D("0.2"))
    assert refused.value.field == "min_margin"


POLICIES = [
    CHARM_99,
    PricePoint(D(1), (D("0.50"), D("0.90"))),
    PricePoint(D(10), (D(9),)),
]


@given(
    st.integers(min_value=0, max_value=10**7),
    st.sampled_from(POLICIES),
    st.sampled_from(list(Direction)),
    st.integers(min_value=0, max_value=10**7),
)
def test_price_points_are_idempotent_and_respect_the_floor(
    cents: int, policy: PricePoint, direction: Direction, floor_cents: int
) -> None:
    """to_price_point twice == once; the result is a price point at or above the floor."""
    price = Money(D(cents).scaleb(-2), "EUR")
    floor = Money(D(floor_cents).scaleb(-2), "EUR")
    once = to_price_point(price, policy, direction=direction, floor=floor)
    assert to_price_point(once, policy, direction=direction, floor=floor) == once
    assert once >= floor
    assert policy.move(once.amount, Direction.NEAREST) == once.amount
    if direction is Direction.UP:
        assert once >= price


@given(st.integers(min_value=1, max_value=10**7), st.integers(min_value=0, max_value=90))
def test_price_for_margin_meets_the_margin(cost_cents: int, percent: int) -> None:
    """margin_of(price_for_margin(cost, m), cost) >= m."""
    cost = Money(D(cost_cents).scaleb(-2), "EUR")
    margin = D(percent).scaleb(-2)
    assert margin_of(price_for_margin(cost, margin), cost, places=10) >= margin


def test_a_cart_holds_at_most_max_lines() -> None:
    line = CartLine("A", Money("1.00", "EUR"), 1)
    assert len(Cart([line] * MAX_LINES).lines) == MAX_LINES
    with pytest.raises(InvalidCartError, match="at most 10,000"):
        Cart([line] * (MAX_LINES + 1))
