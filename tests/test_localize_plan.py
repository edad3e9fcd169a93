"""``localize_price`` prices from a plan made once per market, in integers; every figure
must be the one its public steps give, one after the other."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError, InvalidAmountError
from commercekit.money import Money, RateTable, RoundingMode, convert, round_money
from commercekit.pricing import (
    CHARM_99,
    Direction,
    LocalizedPrice,
    Market,
    PricePoint,
    localize_price,
    to_price_point,
)
from commercekit.tax import TaxCategory, gross_price, rates_for

RATES = RateTable(
    base="EUR",
    rates={"USD": Decimal("1.0412"), "SEK": Decimal("11.20"), "JPY": Decimal("161.87")},
    observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
    provider="example",
)
PLACES = {"EUR": 2, "USD": 2, "SEK": 2, "JPY": 0}
WHERE = {"EUR": "DE", "USD": None, "SEK": "SE", "JPY": "JP"}
POINTS = (
    None,
    CHARM_99,
    PricePoint(Decimal(10), (Decimal(9),)),
    PricePoint(Decimal(1000), (Decimal(980),)),
    PricePoint(Decimal(1), (Decimal("0.50"), Decimal("0.90"))),
    PricePoint(Decimal("0.001"), (Decimal("0.0005"),)),  # finer than a cent
)
FEES = (
    Decimal(0),
    Decimal(2),
    Decimal("1.75"),
    Decimal("1.00000000000000000000000000000009"),  # scaled to 28 digits, as shown
)
DAYS = (date(2026, 11, 26), date(2024, 8, 31))


@st.composite
def markets(draw: st.DrawFn) -> Market:
    currency = draw(st.sampled_from(sorted(PLACES)))
    jurisdiction = WHERE[currency]
    return Market(
        "M",
        currency,
        tax_jurisdiction=jurisdiction,
        tax_inclusive=jurisdiction is not None and draw(st.booleans()),
        price_point=draw(st.sampled_from(POINTS)),
        direction=draw(st.sampled_from(list(Direction))),
        conversion_fee=draw(st.sampled_from(FEES)),
    )


def by_steps(
    base: Money, market: Market, on: date, category: TaxCategory, mode: RoundingMode
) -> tuple[Money, ...]:
    """Converted, fee, with tax and shown, each from the public function for its step."""
    converted = convert(base, market.currency, RATES, mode=mode)
    fee = round_money(converted * market.conversion_fee.scaleb(-2), mode=mode)
    with_tax = converted + fee
    if market.tax_inclusive:
        assert market.tax_jurisdiction is not None
        taxes = rates_for(market.tax_jurisdiction, category, on=on)
        with_tax = gross_price(with_tax, taxes, mode=mode)
    shown = with_tax
    if market.price_point is not None:
        try:
            shown = to_price_point(with_tax, market.price_point, direction=market.direction)
        except InvalidAmountError as error:  # localize_price names the price shown
            raise InvalidAmountError(error.value, error.reason, field="shown") from error
    return converted, fee, with_tax, shown


def _figures(price: LocalizedPrice) -> tuple[str, ...]:
    return tuple(repr(m) for m in (price.converted, price.fee, price.with_tax, price.shown))


@settings(max_examples=300, deadline=None)
@given(
    market=markets(),
    units=st.integers(0, 10**9),
    places=st.integers(0, 4),
    source=st.sampled_from(sorted(PLACES)),
    on=st.sampled_from(DAYS),
    category=st.sampled_from(list(TaxCategory)),
    mode=st.sampled_from(list(RoundingMode)),
)
def test_each_figure_is_the_one_its_steps_give(
    market: Market,
    units: int,
    places: int,
    source: str,
    on: date,
    category: TaxCategory,
    mode: RoundingMode,
) -> None:
    """For any market (with or without tax, fee and price point, in any direction,
    one finer than the currency's minor unit included), base price, day, category and
    rounding mode, ``localize_price`` gives the converted amount, the fee, the price
    with tax and the price shown that ``convert``, ``round_money``, ``gross_price`` and
    ``to_price_point`` give one after the other, to the digit (the same decimals), or
    the same refusal; asked twice, it answers the same (the plan is kept)."""
    base = Money(Decimal(units).scaleb(-places), source)
    try:
        want: tuple[str, ...] | str = tuple(
            repr(m) for m in by_steps(base, market, on, category, mode)
        )
    except CommerceKitError as error:  # the refusal itself is compared
        want = f"{type(error).__name__}: {error}"
    for _ in range(2):
        try:
            got: tuple[str, ...] | str = _figures(
                localize_price(base, market, RATES, on=on, category=category, mode=mode)
            )
        except CommerceKitError as error:
            got = f"{type(error).__name__}: {error}"
        assert got == want


def test_a_market_built_anew_is_priced_by_its_own_values() -> None:
    """Two equal markets built one after the other, and a changed one, each priced from
    their own values: the plan kept for one is never used for another."""
    base = Money("20.00", "EUR")
    on = date(2026, 11, 26)
    first = localize_price(base, Market("SE", "SEK", price_point=CHARM_99), RATES, on=on)
    again = localize_price(base, Market("SE", "SEK", price_point=CHARM_99), RATES, on=on)
    taxed = Market("SE", "SEK", tax_jurisdiction="SE", tax_inclusive=True)
    with_tax = localize_price(base, taxed, RATES, on=on)
    assert first.shown == again.shown == Money("224.99", "SEK")
    assert with_tax.shown == Money("280.00", "SEK")
