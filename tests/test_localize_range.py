"""``localize_price`` near the edge of the library's range (10^18): the fee, the net
price and the price with tax are refused, naming the figure, as ``Money`` refuses any
amount out of range; the batch path refuses the same rows; and the planned figures
(whole minor units) equal the public steps composed by hand, to the digit, in every
currency and rounding mode, up to that edge."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commercekit._numbers import MAX_MAGNITUDE
from commercekit.batch import localize_catalog, plan_prices
from commercekit.errors import CommerceKitError, InvalidAmountError
from commercekit.money import (
    QUANTUM,
    Money,
    RateTable,
    RoundingMode,
    convert,
    round_money,
)
from commercekit.pricing import (
    CHARM_99,
    Direction,
    Market,
    PricePoint,
    localize_price,
    to_price_point,
)
from commercekit.tax import TaxCategory, gross_price, rates_for

D = Decimal
ON = date(2026, 11, 26)
RATES = RateTable(
    base="EUR",
    rates={
        "USD": D("1.0412"),
        "SEK": D("11.20"),
        "JPY": D("161.87"),
        "KWD": D("0.3241"),
        "BHD": D("0.3952"),
        "CLF": D("0.0287"),
    },
    observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
    provider="example rates",
)
GERMANY = Market("DE", "EUR", tax_jurisdiction="DE", tax_inclusive=True)  # 19 %
TWO_PERCENT = Market("XE", "EUR", conversion_fee=D(2))
THREEFOLD = Market("XF", "EUR", conversion_fee=D(300))
YEN = Market("JP", "JPY")  # EUR 1 = JPY 161.87, no decimals

EDGES = [
    # (market, base price in EUR, the figure refused or None, the price shown)
    (THREEFOLD, "333333333333333333.33", "net", None),  # fee 999 999 999 999 999 999.99
    (THREEFOLD, "333333333333333333.34", "fee", None),  # fee 10^18 + 0.02
    (TWO_PERCENT, "980392156862745098.03", None, "999999999999999999.99"),
    (TWO_PERCENT, "980392156862745098.04", "net", None),  # net 10^18
    (GERMANY, "840336134453781512.60", None, "999999999999999999.99"),  # x 1.19
    (GERMANY, "840336134453781512.61", "with_tax", None),  # 10^18 + 0.01
    (YEN, "6177796997590659.16", None, "999999999999999998"),  # x 161.87 = ...997.7
    (YEN, "6177796997590659.17", "price", None),  # x 161.87 = ...999.85 -> 10^18
]
FINER = [  # a price point finer than the currency's minor unit: the price shown
    (Market("JP", "JPY", price_point=CHARM_99), "1.00", "shown", None),  # JPY 161.99
]


@pytest.mark.parametrize(("market", "base", "refused", "shown"), EDGES)
def test_each_figure_on_both_sides_of_the_limit(
    market: Market, base: str, refused: str | None, shown: str | None
) -> None:
    """One cent below 10^18 is priced; 10^18 or more is refused with an
    ``InvalidAmountError`` whose ``field`` names the figure and whose message says the
    range and what to check (the fee is refused before the net price it is part of)."""
    price = Money(base, "EUR")
    if refused is None:
        want = Money(shown, market.currency)
        assert localize_price(price, market, RATES, on=ON).shown == want
        return
    with pytest.raises(InvalidAmountError) as caught:
        localize_price(price, market, RATES, on=ON)
    assert caught.value.field == refused
    message = str(caught.value)
    assert "is out of range: numbers must be below 10^18" in message
    assert "check base_price and the rates" in message
    assert message.endswith(f"(argument '{refused}')")


def test_the_batch_path_refuses_the_same_rows() -> None:
    """The same base prices through ``localize_catalog``: the rows priced per call are
    priced, with the same figure shown, and each row refused per call is refused with
    the same error class and the same ``field`` as ``localize_price`` gives."""
    for market, base, refused, shown in [*EDGES, *FINER]:
        catalog = pa.table(
            {
                "sku": ["A"],
                "price": pa.array([D(base)], pa.decimal128(38, 2)),
                "currency": ["EUR"],
            }
        )
        result = localize_catalog(catalog, plan_prices([market], RATES, on=ON))
        if refused is None:
            assert result.rows.column("shown").to_pylist() == [D(shown)]
            continue
        with pytest.raises(InvalidAmountError) as per_call:
            localize_price(Money(base, "EUR"), market, RATES, on=ON)
        (row,) = result.rejected.to_pylist()
        assert (row["field"], row["error"]) == (refused, "InvalidAmountError")
        assert row["field"] == per_call.value.field


def by_hand(
    base: Money, market: Market, category: TaxCategory, mode: RoundingMode
) -> tuple[str, ...]:
    """The figures from the public functions, one step after the other, each refused
    (the figure's name) where ``Money`` could not hold it."""
    try:
        converted = convert(base, market.currency, RATES, mode=mode)
    except InvalidAmountError:
        return ("refused", "price")  # localize_price names it as the batch path does
    fee = round_money(converted * market.conversion_fee.scaleb(-2), mode=mode)
    net = converted + fee
    with_tax, taxes = net, ()
    if market.tax_inclusive:
        assert market.tax_jurisdiction is not None
        taxes = rates_for(market.tax_jurisdiction, category, on=ON)
        with_tax = gross_price(net, taxes, mode=mode)
    for name, figure in (("fee", fee), ("net", net), ("with_tax", with_tax)):
        if abs(figure.amount) >= MAX_MAGNITUDE:
            return ("refused", name)
    shown = with_tax
    if market.price_point is not None:
        try:
            shown = to_price_point(with_tax, market.price_point, direction=market.direction)
        except InvalidAmountError:  # finer than the currency's minor unit
            return ("refused", "shown")
    rate = RATES.rate(base.currency.code, market.currency)
    return (*(repr(m) for m in (converted, fee, with_tax, shown)), repr(taxes), repr(rate))


POINTS = (
    None,
    CHARM_99,
    PricePoint(D(1000), (D(980),)),
    PricePoint(D(5), (D("0.95"), D("2.49"), D("4.99"))),
)
WHERE = {"EUR": "DE", "SEK": "SE", "JPY": "JP"}


def _factor(draw: st.DrawFn, market: Market, category: TaxCategory, source: str) -> Decimal:
    """What one unit of ``source`` becomes in one of the figures (converted, fee, net
    or with tax), to 28 digits."""
    factor = RATES.rate(source, market.currency)
    fee = market.conversion_fee / 100
    figure = draw(st.sampled_from(["converted", "fee", "net", "with_tax"]))
    if figure == "fee" and fee:
        return factor * fee
    if figure == "converted":
        return factor
    factor *= 1 + fee
    if figure == "with_tax" and market.tax_jurisdiction is not None:
        try:
            taxes = rates_for(market.tax_jurisdiction, category, on=ON)
        except CommerceKitError:  # no rate that day: localize_price refuses it
            return factor
        factor *= 1 + sum(rate.rate for rate in taxes) / 100
    return factor


@st.composite
def cases(draw: st.DrawFn) -> tuple[Money, Market, TaxCategory, RoundingMode]:
    """A market in a currency of 0, 2, 3 or 4 decimals, and a base price in any
    currency of the table: small, or within a few units of where a figure reaches
    10^18."""
    currency = draw(st.sampled_from(["EUR", "USD", "SEK", "JPY", "KWD", "BHD", "CLF"]))
    jurisdiction = WHERE.get(currency)
    market = Market(
        "M",
        currency,
        tax_jurisdiction=jurisdiction,
        tax_inclusive=jurisdiction is not None and draw(st.booleans()),
        price_point=draw(st.sampled_from(POINTS)),
        direction=draw(st.sampled_from(list(Direction))),
        conversion_fee=draw(st.sampled_from([D(0), D(2), D("1.75"), D(300)])),
    )
    category = draw(st.sampled_from([TaxCategory.STANDARD, TaxCategory.FOOD]))
    source = draw(st.sampled_from(["EUR", "USD", "JPY", "KWD", "BHD"]))
    quantum = QUANTUM[source]
    if draw(st.booleans()):
        amount = D(draw(st.integers(0, 10**9))) * quantum
    else:  # within a few minor units of where a figure reaches 10^18
        edge = MAX_MAGNITUDE / _factor(draw, market, category, source)
        amount = edge.quantize(quantum) + draw(st.integers(-3, 3)) * quantum
        if not 0 <= amount < MAX_MAGNITUDE:
            amount = D(0)
    mode = draw(st.sampled_from(list(RoundingMode)))
    return Money(amount, source), market, category, mode


@settings(max_examples=300, deadline=None)
@given(cases())
def test_planned_figures_equal_the_steps_by_hand_up_to_the_limit(
    case: tuple[Money, Market, TaxCategory, RoundingMode],
) -> None:
    """For any market (0 to 4 decimals, tax shown or not, fees up to 300 %, each price
    point and direction), base price (up to a few units from where a figure reaches
    10^18), category and rounding mode, ``localize_price`` (its plan in whole minor
    units where it has one) gives the figures, rates and rate of the public steps by
    hand, to the digit, or refuses what they refuse: the same error, or an
    ``InvalidAmountError`` naming the figure out of range."""
    base, market, category, mode = case
    try:
        want = by_hand(base, market, category, mode)
    except CommerceKitError as error:
        want = (type(error).__name__, str(error))
    try:
        price = localize_price(base, market, RATES, on=ON, category=category, mode=mode)
        got: tuple[str, ...] = (
            *(repr(m) for m in (price.converted, price.fee, price.with_tax, price.shown)),
            repr(price.rates),
            repr(price.rate_used),
        )
    except InvalidAmountError as error:
        got = ("refused", str(error.field))
        if want[0] != "refused":
            got = (type(error).__name__, str(error))
    except CommerceKitError as error:
        got = (type(error).__name__, str(error))
    assert got == want


@pytest.mark.parametrize("fee", [D(0), D(2)])
def test_the_batch_path_past_int64_equals_the_per_call_rule(fee: Decimal) -> None:
    """A price of 2^63 - 1 cents (in range: EUR 92 233 720 368 547 758.07) plus a 2 %
    fee, or moved up to .99, passes 2^63 cents: the batch path adds and moves in
    Python integers there, and shows what ``localize_price`` shows (never a sum
    wrapped around to a negative price)."""
    market = Market("XE", "EUR", conversion_fee=fee, price_point=CHARM_99)
    catalog = pa.table(
        {
            "sku": ["A"],
            "price_minor": pa.array([2**63 - 1], pa.int64()),
            "currency": ["EUR"],
        }
    )
    rows = localize_catalog(catalog, plan_prices([market], RATES, on=ON)).rows
    want = localize_price(Money("92233720368547758.07", "EUR"), market, RATES, on=ON)
    assert rows.column("with_tax").to_pylist() == [want.with_tax.amount]
    assert rows.column("shown").to_pylist() == [want.shown.amount]
