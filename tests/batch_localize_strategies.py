"""Random catalogs, markets and rates for the batch path of ``localize_price``, and the
per-call reference each batch row must equal."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pyarrow as pa
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError
from commercekit.money import Money, RateTable, RoundingMode, minor_units
from commercekit.pricing import CHARM_99, Direction, LocalizedPrice, Market, PricePoint
from commercekit.pricing import localize_price as per_call

D = Decimal

CURRENCIES = ("EUR", "USD", "JPY", "KWD", "BHD", "SEK", "CHF", "GBP")
"""The rate table's currencies: 2, 0 and 3 decimals."""

ROW_CURRENCIES = (*CURRENCIES, "NOK", "XYZ", "eur")
"""A row's currency: one without a rate (NOK), one that is no ISO code (XYZ), and a
lower-case code (which ``Money`` accepts)."""

CATEGORIES = ("standard", "books", "food", "zero_rated", "restaurant", "vegetables")
"""``vegetables`` is no tax category: its rows are refused."""

POINTS = (
    None,
    CHARM_99,
    PricePoint(D(1000), (D(980),)),
    PricePoint(D(10), (D(9),)),
    PricePoint(D(1), (D("0.50"), D("0.90"))),
    PricePoint(D("0.5"), (D(0),)),
    PricePoint(D("0.05"), (D("0.01"), D("0.04"))),
)
"""Price points: .99, ¥980 in thousands, 9 in tens, .50/.90, halves (finer than a yen:
a whole-yen price is on it, ¥10.5 is not) and a finer-than-cent ending."""

JURISDICTIONS = {"EUR": "DE", "SEK": "SE", "JPY": "JP", "CHF": "CH", "GBP": "GB"}
"""Where a market in the currency may show tax (KWD and BHD have no bundled rates)."""

DAYS = (date(2026, 11, 26), date(2026, 1, 1), date(1950, 1, 1))
"""1950 is before any bundled rate: the tax-inclusive rows are refused that day."""


@st.composite
def rates(draw: st.DrawFn) -> RateTable:
    """A table based on EUR with a rate for each other currency (1 to 6 places)."""
    table = {}
    for code in CURRENCIES[1:]:
        places = draw(st.integers(0, 6))
        units = draw(st.integers(1, 10**places * 500))
        table[code] = D(units).scaleb(-places)
    return RateTable(
        base="EUR",
        rates=table,
        observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
        provider="test rates",
    )


@st.composite
def markets(draw: st.DrawFn) -> list[Market]:
    """One to four markets with distinct codes."""
    chosen = draw(st.lists(st.sampled_from(CURRENCIES), min_size=1, max_size=4))
    found = []
    for index, currency in enumerate(chosen):
        jurisdiction = JURISDICTIONS.get(currency)
        inclusive = jurisdiction is not None and draw(st.booleans())
        found.append(
            Market(
                f"M{index}",
                currency,
                tax_jurisdiction=jurisdiction if inclusive else None,
                tax_inclusive=inclusive,
                price_point=draw(st.sampled_from(POINTS)),
                direction=draw(st.sampled_from(Direction)),
                conversion_fee=draw(
                    st.sampled_from([D(0), D(2), D("2.5"), D("1.75"), D(300)])
                ),
            )
        )
    return found


EDGE_MINOR = (0, 1, 99, 100, 999, 1000, 2299, 98000, 10**15, 2**63 - 1, -1, -500)
EDGE_MINOR += (5 * 10**17, 10**18, 4 * 10**18, 9 * 10**18)
"""Edge prices in minor units: zero, one unit, on a price point (.99, ¥980 ...), large
(beyond int64 once converted), negative, and large enough that at some rates a fee of
300 % or 2 %, or a tax shown, takes the fee, the net price or the price with tax past
10^18."""


def minor_amounts() -> st.SearchStrategy[int]:
    return st.one_of(st.sampled_from(EDGE_MINOR), st.integers(0, 10**7))


def decimal_amounts() -> st.SearchStrategy[Decimal]:
    """Amounts with 3 places (finer than a cent: the conversion rounds them)."""
    edge = [D(0), D("0.001"), D("22.990"), D("980"), D("999999999999999999.999")]
    edge += [D(10**18), D("-0.010"), D("123456789012345.678")]
    edge += [D("3E+17"), D("8E+17"), D("98E+16"), D("999990000000000000.000")]
    return st.one_of(
        st.sampled_from(edge),
        st.integers(0, 10**8).map(lambda units: D(units).scaleb(-3)),
    )


@attrs.frozen
class Row:
    """One catalog row as the per-call rule takes it."""

    sku: str
    price: Any
    currency: str
    category: str | None
    cost: Any
    min_margin: Decimal | None
    market: str | None = None
    minimum_price: Any = None


@st.composite
def rows(
    draw: st.DrawFn, *, decimal: bool, floors: bool, codes: tuple[str, ...] | None
) -> list[Row]:
    """One to twelve rows; with ``codes``, each row names one of them as its market."""
    amount = decimal_amounts() if decimal else minor_amounts()
    margins = st.sampled_from([D(0), D("0.25"), D("0.5"), D("0.999"), D(1), D("-0.1")])
    found = []
    for index in range(draw(st.integers(1, 12))):
        has_cost = floors and draw(st.booleans())
        found.append(
            Row(
                sku=f"SKU-{index}",
                price=draw(amount),
                currency=draw(st.sampled_from(ROW_CURRENCIES)),
                category=draw(st.sampled_from(CATEGORIES)),
                cost=draw(amount) if has_cost else None,
                min_margin=draw(margins) if has_cost else None,
                market=None if codes is None else draw(st.sampled_from(codes)),
                minimum_price=(
                    draw(st.one_of(st.none(), amount)) if codes is not None else None
                ),
            )
        )
    return found


def table(found: list[Row], *, decimal: bool, category: bool) -> pa.Table:
    """The rows as an Arrow table: amounts as decimal128(38, 3) or integer minor units."""
    suffix = "" if decimal else "_minor"
    kind = pa.decimal128(38, 3) if decimal else pa.int64()
    columns: dict[str, Any] = {
        "sku": [row.sku for row in found],
        f"price{suffix}": pa.array([row.price for row in found], kind),
        "currency": [row.currency for row in found],
    }
    if category:
        columns["category"] = [row.category for row in found]
    if any(row.cost is not None or row.min_margin is not None for row in found):
        columns[f"cost{suffix}"] = pa.array([row.cost for row in found], kind)
        columns["min_margin"] = pa.array(
            [row.min_margin for row in found], pa.decimal128(10, 3)
        )
    if any(row.market is not None for row in found):
        columns["market"] = [row.market for row in found]
        columns[f"minimum_price{suffix}"] = pa.array(
            [row.minimum_price for row in found], kind
        )
    return pa.table(columns)


def _money(amount: Any, code: str, *, decimal: bool) -> Money:
    """The amount as ``Money``, as a caller would build it from the column."""
    if decimal:
        return Money(amount, code)
    return Money(D(amount).scaleb(-minor_units(code)), code)


def expected(
    row: Row,
    market: Market,
    table_: RateTable,
    *,
    on: date,
    mode: RoundingMode,
    decimal: bool,
    category: bool,
) -> LocalizedPrice | str:
    """``localize_price`` for the row, or the name of the error it (or building its
    Money) raises."""
    try:
        base = _money(row.price, row.currency, decimal=decimal)
        cost = None if row.cost is None else _money(row.cost, row.currency, decimal=decimal)
        minimum = None
        if row.minimum_price is not None:
            minimum = _money(row.minimum_price, market.currency, decimal=decimal)
        extra = {"category": row.category} if category else {}
        return per_call(
            base,
            market,
            table_,
            on=on,
            cost=cost,
            min_margin=row.min_margin,
            minimum_price=minimum,
            mode=mode,
            **extra,
        )
    except CommerceKitError as error:
        return type(error).__name__
