"""The batch path of ``localize_price``: every row equals the per-call rule, every
refused row is one the per-call rule refuses, with its error, and none is dropped."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.batch import PricePlan, localize_catalog, plan_prices
from commercekit.batch._engine import move
from commercekit.batch._integers import divide_whole
from commercekit.batch._plan import Point
from commercekit.errors import (
    CommerceKitError,
    InvalidAmountError,
    InvalidBatchError,
    UnknownCurrencyError,
)
from commercekit.money import Money, RateTable, RoundingMode, round_ratio
from commercekit.pricing import (
    CHARM_99,
    Direction,
    LocalizedPrice,
    Market,
    PricePoint,
)
from commercekit.pricing import localize_price as per_call
from tests import batch_localize_strategies as s

D = Decimal
ON = date(2026, 11, 26)


def _check(
    result: Any,
    found: list[s.Row],
    markets: list[Market],
    rates: RateTable,
    **how: Any,
) -> int:
    """Compare each batch row and refusal with the per-call rule; the rows checked."""
    rows = {(r["row"], r["market"]): r for r in result.rows.to_pylist()}
    refused = {(r["row"], r["market"]): r for r in result.rejected.to_pylist()}
    assert not rows.keys() & refused.keys()
    by_code = {market.code: market for market in markets}
    wanted = [
        (index, code)
        for index, row in enumerate(found)
        for code in ([row.market] if row.market is not None else by_code)
    ]
    assert sorted(rows.keys() | refused.keys()) == sorted(wanted)
    assert len(rows) + len(refused) == len(wanted)
    for index, code in wanted:
        want = s.expected(found[index], by_code[code], rates, **how)
        if isinstance(want, str):
            assert (index, code) in refused, (index, code, want, rows.get((index, code)))
            assert refused[index, code]["error"] == want, (index, code)
            continue
        assert (index, code) in rows, (index, code, refused.get((index, code)))
        _same(rows[index, code], want)
    return len(wanted)


def _same(row: dict[str, Any], want: LocalizedPrice) -> None:
    currency = want.market.currency
    assert row["currency"] == currency
    for name in ("converted", "fee", "with_tax", "shown"):
        assert row[name] == getattr(want, name).amount, name
    assert row["floor"] == (None if want.floor is None else want.floor.amount)
    assert row["bound_by"] == want.bound_by
    percent = sum((rate.rate for rate in want.rates), D(0)) if want.rates else None
    assert row["tax_percent"] == percent


@st.composite
def _wide(draw: st.DrawFn) -> tuple[Any, ...]:
    decimal, category = draw(st.booleans()), draw(st.booleans())
    found = draw(s.rows(decimal=decimal, floors=draw(st.booleans()), codes=None))
    return (
        found,
        draw(s.markets()),
        draw(s.rates()),
        {
            "on": draw(st.sampled_from(s.DAYS)),
            "mode": draw(st.sampled_from(RoundingMode)),
            "decimal": decimal,
            "category": category,
        },
    )


@given(_wide())
def test_every_row_in_every_market_equals_the_per_call_rule(case: tuple[Any, ...]) -> None:
    """Wide form: for random catalogs (minor units or decimals; JPY, KWD, BHD and
    two-decimal currencies; unknown and rateless currencies; negative, zero, one-unit,
    on-a-price-point and out-of-range prices; margin floors that bind or not, margins
    of 1 and below 0), random markets (tax shown or not, fees, every price point and
    direction), every rounding mode and days with and without tax rates: each accepted
    row equals ``localize_price`` (converted, fee, with tax, shown, floor, bound_by,
    tax percent), each refused row is one ``localize_price`` (or building its Money)
    refuses, with that error's class, and rows + refused = rows x markets."""
    found, markets, rates, how = case
    plan = plan_prices(markets, rates, on=how["on"], mode=how["mode"])
    catalog = s.table(found, decimal=how["decimal"], category=how["category"])
    _check(localize_catalog(catalog, plan), found, markets, rates, **how)


@st.composite
def _long(draw: st.DrawFn) -> tuple[Any, ...]:
    decimal = draw(st.booleans())
    markets = draw(s.markets())
    codes = tuple(market.code for market in markets)
    found = draw(s.rows(decimal=decimal, floors=draw(st.booleans()), codes=codes))
    how = {"on": ON, "mode": draw(st.sampled_from(RoundingMode))}
    return found, markets, draw(s.rates()), how | {"decimal": decimal, "category": True}


@given(_long())
def test_each_row_in_its_own_market_equals_the_per_call_rule(case: tuple[Any, ...]) -> None:
    """Long form: each row priced in its own market, with minimum advertised prices
    (binding, not binding, finer than the market's minor unit, negative, out of range)
    beside margin floors: each row equals ``localize_price`` or is refused with its
    error, and rows + refused = rows."""
    found, markets, rates, how = case
    plan = plan_prices(markets, rates, on=how["on"], mode=how["mode"])
    catalog = s.table(found, decimal=how["decimal"], category=True)
    _check(localize_catalog(catalog, plan), found, markets, rates, **how)


RATES = RateTable(
    base="EUR",
    rates={"SEK": D("11.20"), "USD": D("1.05"), "JPY": D("161.87"), "CLF": D("0.03")},
    observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
    provider="example rates",
)
SWEDEN = Market(
    "SE",
    "SEK",
    tax_jurisdiction="SE",
    tax_inclusive=True,
    price_point=PricePoint(D(10), (D(9),)),
    conversion_fee=D(2),
)
UNITED_STATES = Market("US", "USD", price_point=CHARM_99, conversion_fee=D(2))
GERMANY = Market(
    "DE", "EUR", tax_jurisdiction="DE", tax_inclusive=True, price_point=CHARM_99
)


def _catalog() -> pa.Table:
    return pa.table(
        {
            "sku": ["TEE", "MUG", "BOOK"],
            "price": pa.array([D("20.00"), D("-1.00"), D("12.00")], pa.decimal128(10, 2)),
            "currency": ["EUR", "EUR", "EUR"],
            "category": ["standard", "standard", "books"],
        }
    )


def test_the_worked_example_of_localize_price_in_two_markets() -> None:
    """``localize_price``'s own example (20.00 EUR at 11.2 = 224.00 SEK, + 2 % = 4.48,
    + 25 % VAT = 285.60, price point 289.00) and the US beside it; the negative price
    is refused in both markets with the per-call error, naming the field."""
    plan = plan_prices([SWEDEN, UNITED_STATES], RATES, on=ON)
    result = localize_catalog(_catalog(), plan)
    tee = [row for row in result.rows.to_pylist() if row["sku"] == "TEE"]
    assert [
        (r["market"], r["converted"], r["fee"], r["with_tax"], r["shown"], r["tax_percent"])
        for r in tee
    ] == [
        ("SE", D("224.00"), D("4.48"), D("285.60"), D("289.00"), D(25)),
        ("US", D("21.00"), D("0.42"), D("21.42"), D("21.99"), None),
    ]
    book = [row for row in result.rows.to_pylist() if row["sku"] == "BOOK"]
    assert [(r["market"], r["tax_percent"], r["shown"]) for r in book] == [
        ("SE", D(6), D("149.00")),  # 134.40 + 2.69 = 137.09, + 6 % = 145.32 → 149
        ("US", None, D("12.99")),
    ]
    assert [r["row"] for r in result.rows.to_pylist()] == [0, 2, 0, 2]
    refused = result.rejected.to_pylist()
    assert [(r["row"], r["sku"], r["market"], r["field"], r["error"]) for r in refused] == [
        (1, "MUG", "SE", "price", "InvalidAmountError"),
        (1, "MUG", "US", "price", "InvalidAmountError"),
    ]
    assert "price is negative" in refused[0]["message"]
    with pytest.raises(InvalidAmountError, match="base_price"):
        per_call(Money("-1.00", "EUR"), SWEDEN, RATES, on=ON)


def _floors() -> pa.Table:
    """Cost 18.00 at a 25 % margin in Germany: net floor 24.00, with VAT 28.56 (the
    per-call test's example); a minimum advertised price of 30.00, of 28.56 (a tie)
    and of 10.00."""
    return pa.table(
        {
            "sku": ["MARGIN", "MAP", "TIE", "LOW", "NONE"],
            "price_minor": [2000, 2000, 2000, 2000, 5000],
            "currency": ["EUR"] * 5,
            "cost_minor": [1800, 1800, 1800, None, 1800],
            "min_margin": pa.array([D("0.25")] * 3 + [None, D("0.25")]),
            "market": ["DE"] * 5,
            "minimum_price_minor": [None, 3000, 2856, 1000, None],
        }
    )


def test_bound_by_names_the_floor_that_raised_the_price() -> None:
    """The margin floor (28.56 → 28.99), the minimum price (30.00 → 30.99), a tie
    (named the minimum price), a floor below the price point (none) and a price
    well above its floor (none), in the batch and per call alike."""
    plan = plan_prices([GERMANY], RATES, on=ON)
    rows = localize_catalog(_floors(), plan).rows.to_pylist()
    assert [(r["sku"], r["floor"], r["shown"], r["bound_by"]) for r in rows] == [
        ("MARGIN", D("28.56"), D("28.99"), "margin"),
        ("MAP", D("30.00"), D("30.99"), "minimum price"),
        ("TIE", D("28.56"), D("28.99"), "minimum price"),
        ("LOW", D("10.00"), D("23.99"), None),
        ("NONE", D("28.56"), D("59.99"), None),
    ]
    price = per_call(
        Money("20.00", "EUR"),
        GERMANY,
        RATES,
        on=ON,
        cost=Money("18.00", "EUR"),
        min_margin=D("0.25"),
        minimum_price=Money("30.00", "EUR"),
    )
    assert price.bound_by == "minimum price"
    with pytest.raises(InvalidAmountError, match="is not one of 'margin'"):
        attrs.evolve(price, bound_by="cost")
    assert "never below 30.00 EUR: the minimum price floor raised the price" in (
        price.explain()
    )


def test_a_minimum_price_finer_than_the_minor_unit_is_refused() -> None:
    """A shown price is whole minor units, so a floor of 10.555 EUR could not be
    shown (the per-call rule showed it as it was before)."""
    with pytest.raises(InvalidAmountError, match="finer than EUR's minor unit"):
        per_call(
            Money("1", "EUR"), GERMANY, RATES, on=ON, minimum_price=Money("10.555", "EUR")
        )
    catalog = pa.table(
        {
            "sku": ["A"],
            "price": pa.array([D("1.000")]),
            "currency": ["EUR"],
            "market": ["DE"],
            "minimum_price": pa.array([D("10.555")]),
        }
    )
    result = localize_catalog(catalog, plan_prices([GERMANY], RATES, on=ON))
    assert result.rejected.column("field").to_pylist() == ["minimum_price"]


def test_polars_and_pandas_give_the_same_rows_as_arrow_in_their_own_kind() -> None:
    plan = plan_prices([SWEDEN, UNITED_STATES], RATES, on=ON)
    arrow = localize_catalog(_catalog(), plan)
    frame = pl.from_arrow(_catalog())
    assert isinstance(frame, pl.DataFrame)
    polars = localize_catalog(frame, plan)
    pandas = localize_catalog(_catalog().to_pandas(), plan)
    assert isinstance(polars.rows, pl.DataFrame)
    assert isinstance(polars.rejected, pl.DataFrame)
    assert isinstance(pandas.rows, pd.DataFrame)
    assert isinstance(pandas.rejected, pd.DataFrame)
    want = arrow.rows.to_pylist()
    assert polars.rows.to_dicts() == want
    assert pandas.rows.replace({float("nan"): None}).to_dict("records") == want
    assert polars.rejected.to_dicts() == arrow.rejected.to_pylist()
    assert pandas.rejected.to_dict("records") == arrow.rejected.to_pylist()


def test_a_plan_pickles_and_prices_the_same_after() -> None:
    plan = plan_prices([SWEDEN, GERMANY], RATES, on=ON, mode=RoundingMode.HALF_EVEN)
    back = pickle.loads(pickle.dumps(plan))  # noqa: S301  # our own bytes
    assert back == plan
    assert (
        localize_catalog(_catalog(), back).rows == localize_catalog(_catalog(), plan).rows
    )


def test_large_amounts_take_the_exact_slow_path() -> None:
    """EUR 10^15 in JPY (16,187 x 10^17 before dividing: beyond int64) is
    ¥161,870,000,000,000,000, as per call."""
    japan = Market("JP", "JPY", tax_jurisdiction="JP", tax_inclusive=True)
    catalog = pa.table({"sku": ["BIG"], "price_minor": [10**17], "currency": ["EUR"]})
    rows = localize_catalog(catalog, plan_prices([japan], RATES, on=ON)).rows
    want = per_call(Money(10**15, "EUR"), japan, RATES, on=ON)
    assert rows.column("shown").to_pylist() == [want.shown.amount]
    assert want.shown == Money(178057000000000000, "JPY")


@pytest.mark.parametrize(
    ("markets", "error", "message"),
    [
        ([], InvalidBatchError, "number of markets"),
        ([SWEDEN, SWEDEN], InvalidBatchError, "names two markets"),
        (["SE"], InvalidBatchError, "is not a Market"),
        ([Market("GB", "GBP")], UnknownCurrencyError, "has no rate in the example"),
        (
            [Market("CL", "CLF", conversion_fee=D("999999999999999999"))],
            InvalidBatchError,
            "too large",
        ),
    ],
)
def test_a_plan_refuses_what_it_cannot_price(
    markets: list[Any], error: type[CommerceKitError], message: str
) -> None:
    with pytest.raises(error, match=message):
        plan_prices(markets, RATES, on=ON)


def _refusal(table: pa.Table, message: str, **kwargs: Any) -> None:
    plan = plan_prices([SWEDEN, UNITED_STATES], RATES, on=ON)
    with pytest.raises(InvalidBatchError, match=message):
        localize_catalog(table, plan, **kwargs)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"minimum_price": pa.array([D(1)] * 3)}, "needs the long form"),
        ({"cost": pa.array([D(1)] * 3)}, "is given without min_margin"),
        ({"min_price": pa.array([D(1)] * 3)}, "does not read"),
        ({"price": pa.array([1.5] * 3)}, "floats cannot hold"),
        ({"currency": pa.array([1, 2, 3])}, "is not a text column"),
    ],
)
def test_a_table_it_cannot_read_is_refused_whole(
    extra: dict[str, Any], message: str
) -> None:
    table = _catalog()
    for name, values in extra.items():
        if name in table.column_names:
            table = table.drop_columns([name])
        table = table.append_column(name, values)
    _refusal(table, message)


def test_keys_and_the_plan_are_checked() -> None:
    _refusal(_catalog(), "is not a column of the catalog", keys=["id"])
    _refusal(_catalog(), "is not a list of column names", keys="sku")
    _refusal(
        _catalog().append_column("shown", pa.array([1, 2, 3])), "result", keys=["shown"]
    )
    with pytest.raises(InvalidBatchError, match="is not a PricePlan"):
        localize_catalog(_catalog(), "plan")  # type: ignore[arg-type]
    with pytest.raises(InvalidBatchError, match="is not a table"):
        localize_catalog([{"sku": "A"}], plan_prices([SWEDEN], RATES, on=ON))
    assert isinstance(plan_prices([SWEDEN], RATES, on=ON), PricePlan)


def test_a_row_without_a_value_or_with_a_market_not_planned_is_refused_alone() -> None:
    catalog = pa.table(
        {
            "sku": ["A", "B", "C", "D", "E"],
            "price_minor": [100, None, 100, 100, 100],
            "currency": ["EUR", "EUR", None, "EUR", "EUR"],
            "category": ["standard", "standard", "standard", None, "standard"],
            "market": ["SE", "SE", "SE", "SE", "FR"],
        }
    )
    result = localize_catalog(catalog, plan_prices([SWEDEN], RATES, on=ON))
    assert result.rows.column("sku").to_pylist() == ["A"]
    assert [
        (r["sku"], r["market"], r["field"], r["error"]) for r in result.rejected.to_pylist()
    ] == [
        ("B", "SE", "price", "InvalidBatchError"),
        ("C", "SE", "currency", "InvalidBatchError"),
        ("D", "SE", "category", "InvalidBatchError"),
        ("E", "FR", "market", "InvalidBatchChoiceError"),
    ]


@given(
    numerators=st.lists(st.integers(0, 10**15), min_size=1, max_size=30),
    denominator=st.integers(1, 10**6),
    mode=st.sampled_from(RoundingMode),
)
def test_divide_whole_equals_round_ratio(
    numerators: list[int], denominator: int, mode: RoundingMode
) -> None:
    """The one-division rounding used for prices equals ``round_ratio`` in every mode,
    with one denominator and with one per row (ties included: 5/2, 7/2 ...)."""
    values = np.array([*numerators, 5, 7, 0], dtype=np.int64)
    want = [round_ratio(int(value), denominator, mode) for value in values]
    assert divide_whole(values, denominator, mode).tolist() == want
    each = np.full(len(values), denominator, dtype=np.int64)
    assert divide_whole(values, each, mode).tolist() == want
    assert divide_whole(np.array([5, 7]), 2, mode).tolist() == [
        round_ratio(5, 2, mode),
        round_ratio(7, 2, mode),
    ]


@given(
    values=st.lists(st.integers(0, 10**7), min_size=1, max_size=30),
    policy=st.sampled_from([p for p in s.POINTS if p is not None]),
    direction=st.sampled_from(Direction),
)
def test_price_points_over_a_column_move_as_one_price_moves(
    values: list[int], policy: PricePoint, direction: Direction
) -> None:
    """``move`` over whole units (thousandths here) equals ``PricePoint.move`` of each
    value: up, down and nearest, one ending or several, below the first price point."""
    point = Point(
        step=int(policy.step * 1000),
        endings=tuple(int(ending * 1000) for ending in policy.endings),
        grid=1,
    )
    got = move(np.array(values, dtype=np.int64), point, direction)
    want = [policy.move(D(value).scaleb(-3), direction) for value in values]
    assert [D(int(value)).scaleb(-3) for value in got] == want


def test_an_empty_catalog_and_one_in_chunks() -> None:
    """No rows give empty tables with the result's columns; a catalog in several
    chunks (each with its own currencies) prices as one."""
    plan = plan_prices([SWEDEN, UNITED_STATES], RATES, on=ON)
    first = pa.table(
        {"sku": ["A", "B"], "price_minor": [100, 200], "currency": ["EUR", "USD"]}
    )
    second = pa.table({"sku": ["C"], "price_minor": [300], "currency": ["JPY"]})
    empty = localize_catalog(first.slice(0, 0), plan)
    assert (len(empty.rows), len(empty.rejected)) == (0, 0)
    assert "shown" in empty.rows.column_names
    chunked = localize_catalog(pa.concat_tables([first, second]), plan).rows
    whole = localize_catalog(pa.concat_tables([first, second]).combine_chunks(), plan)
    assert chunked.to_pylist() == whole.rows.to_pylist()
    assert chunked.column("converted").to_pylist()[:3] == [
        D("11.20"),  # EUR 1.00 at 11.20
        D("21.33"),  # USD 2.00 at 11.20 / 1.05 = 21.333…
        D("20.76"),  # JPY 300 at 11.20 / 161.87 = 20.757…
    ]
