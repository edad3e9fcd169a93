"""Tax on order lines in bulk: every row equals the per-call rule, every total the sum of
its rows, every line either taxed or refused with the per-call error."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.batch import BatchResult, tax_lines, tax_totals
from commercekit.errors import CommerceKitError, InvalidAmountError, InvalidBatchError
from commercekit.money import Money, RoundingMode, minor_units
from commercekit.tax import (
    BUNDLED,
    RoundingLevel,
    Taxed,
    TaxLine,
    add_tax,
    extract_tax,
    rate_for,
    tax_invoice,
)

PLACES = (
    "DE", "FR", "FI", "FR-2A", "PT-20", "XI", "GB", "JP", "CA-BC", "CA-ON", "DE-BY",
    "XX", "ES-CN", "us",
)  # fmt: skip
"""Places with one tax, two taxes (CA-BC), regional tables, aliases, and none."""
CATEGORIES = ("standard", "food", "books", "restaurant", "zero_rated", "exempt", "xx")
CODES = ("EUR", "JPY", "KWD", "CLF", "USD", "XYZ")
"""Currencies with 2, 0, 3 and 4 decimals, and an unknown code."""
START = date(2018, 1, 1)  # before most tables' first rows: some days have no rate

units = st.one_of(
    st.sampled_from([0, 1, -1, 99, 10**17, -(10**15)]),
    st.integers(min_value=-(10**6), max_value=10**9),
)


@st.composite
def line_tables(draw: st.DrawFn, *, quantities: bool = False) -> list[dict[str, Any]]:
    """Rows of an order book: amounts in minor units or as decimals with up to four
    extra places, every place, category and currency above, days from 2018 to 2027."""
    size = draw(st.integers(min_value=0, max_value=12))
    rows = []
    for index in range(size):
        row = {
            "order": f"O{draw(st.integers(0, 3))}",
            "line": index,
            "units": draw(units),
            "scale": draw(st.integers(0, 6)),
            "currency": draw(st.sampled_from(CODES)),
            "jurisdiction": draw(st.sampled_from(PLACES)),
            "category": draw(st.sampled_from(CATEGORIES)),
            "date": START + timedelta(days=draw(st.integers(0, 3650))),
            "tax_name": draw(st.sampled_from([None, None, "GST", "PST", "VAT"])),
        }
        if quantities:
            row["quantity"] = draw(
                st.one_of(st.integers(-2, 50), st.decimals("-1", "20", places=3))
            )
        rows.append(row)
    return rows


def _table(
    rows: list[dict[str, Any]],
    *,
    minor: bool,
    name: str = "amount",
    quantities: bool = False,
) -> pa.Table:
    kinds = {"order": pa.string(), "line": pa.int64(), "date": pa.date32()}
    columns: dict[str, Any] = {
        key: pa.array([row[key] for row in rows], kinds.get(key, pa.string()))
        for key in ("order", "line", "currency", "jurisdiction", "category", "date")
    }
    columns["tax_name"] = pa.array([row["tax_name"] for row in rows], pa.string())
    if minor:
        columns[f"{name}_minor"] = pa.array([row["units"] for row in rows], pa.int64())
    else:
        columns[name] = pa.array(
            [Decimal(row["units"]).scaleb(-6) for row in rows], pa.decimal128(38, 6)
        )
    if quantities:
        columns["quantity"] = pa.array(
            [Decimal(row["quantity"]) for row in rows], pa.decimal128(20, 3)
        )
    return pa.table(columns)


def _amount(row: dict[str, Any], *, minor: bool) -> Money:
    if minor:  # whole minor units of the row's currency
        return Money(
            Decimal(row["units"]).scaleb(-minor_units(row["currency"])), row["currency"]
        )
    return Money(Decimal(row["units"]).scaleb(-6), row["currency"])


def _per_call(
    row: dict[str, Any], *, minor: bool, inclusive: bool, mode: RoundingMode
) -> Taxed | type[CommerceKitError]:
    """What the per-call rules give for one line, or the class of their error."""
    try:
        amount = _amount(row, minor=minor)
        rate = rate_for(
            row["jurisdiction"], row["category"], on=row["date"], tax=row["tax_name"]
        )
        if "quantity" in row:
            line = TaxLine(amount, Decimal(row["quantity"]), rate)
            if abs(line.amount().amount) >= 10**18:
                # The batch refuses a line amount beyond the library's range, as Money
                # does; tax_invoice multiplies price and quantity without that check.
                return InvalidAmountError
            invoice = tax_invoice(
                [line], prices_include_tax=inclusive, rounding=RoundingLevel.LINE, mode=mode
            )
            return invoice.lines[0]
        taxing = extract_tax if inclusive else add_tax
        return taxing(amount, rate, mode=mode)
    except CommerceKitError as error:
        return type(error)


def _check_rows(
    rows: list[dict[str, Any]],
    got: BatchResult,
    *,
    minor: bool,
    inclusive: bool,
    mode: RoundingMode,
) -> None:
    taxed = {row["row"]: row for row in got.rows.to_pylist()}
    refused = {row["row"]: row for row in got.rejected.to_pylist()}
    assert not taxed.keys() & refused.keys()
    assert taxed.keys() | refused.keys() == set(range(len(rows)))
    for index, row in enumerate(rows):
        expected = _per_call(row, minor=minor, inclusive=inclusive, mode=mode)
        if isinstance(expected, type):
            assert refused[index]["error"] == expected.__name__, (row, refused[index])
            continue
        found = taxed[index]
        assert (found["net"], found["tax"], found["gross"]) == (
            expected.net.amount,
            expected.tax.amount,
            expected.gross.amount,
        ), row
        rate = expected.taxes[0].rate
        assert (found["rate"], found["tax_name"], found["jurisdiction"]) == (
            rate.rate,
            rate.tax,
            rate.jurisdiction,
        )
        assert (found["order"], found["line"]) == (row["order"], row["line"])


@given(
    rows=line_tables(),
    minor=st.booleans(),
    inclusive=st.booleans(),
    mode=st.sampled_from(RoundingMode),
)
def test_every_line_equals_add_tax_or_extract_tax(
    rows: list[dict[str, Any]], minor: bool, inclusive: bool, mode: RoundingMode
) -> None:
    """Each row is add_tax / extract_tax of its amount at rate_for(...) in that mode,
    or refused with the error class the per-call rules raise; none is dropped."""
    got = tax_lines(_table(rows, minor=minor), prices_include_tax=inclusive, mode=mode)
    _check_rows(rows, got, minor=minor, inclusive=inclusive, mode=mode)


@given(
    rows=line_tables(quantities=True),
    minor=st.booleans(),
    inclusive=st.booleans(),
    mode=st.sampled_from(RoundingMode),
)
def test_lines_with_quantities_equal_tax_invoice_at_line_level(
    rows: list[dict[str, Any]], minor: bool, inclusive: bool, mode: RoundingMode
) -> None:
    """With price and quantity, each row is that line of tax_invoice at
    RoundingLevel.LINE, or refused as TaxLine or rate_for refuses it."""
    table = _table(rows, minor=minor, name="price", quantities=True)
    got = tax_lines(table, prices_include_tax=inclusive, mode=mode)
    _check_rows(rows, got, minor=minor, inclusive=inclusive, mode=mode)


@given(rows=line_tables(), inclusive=st.booleans(), mode=st.sampled_from(RoundingMode))
def test_order_totals_equal_the_invoice_summary(
    rows: list[dict[str, Any]], inclusive: bool, mode: RoundingMode
) -> None:
    """Per order, the per-rate totals equal tax_invoice's by_rate on the order's lines
    (one currency each), and every total is the sum of the rows it counts. Japan's
    lines are left out: their invoices round once per rate, and tax_totals refuses
    to add several up (tests/test_batch_japan_totals.py)."""
    got = tax_lines(_table(rows, minor=True), prices_include_tax=inclusive, mode=mode)
    japanese = pa.compute.equal(got.rows.column("jurisdiction"), "JP")
    got = attrs.evolve(got, rows=got.rows.filter(pa.compute.invert(japanese)))
    totals = tax_totals(got.rows, by=["order"]).to_pylist()
    taxed = got.rows.to_pylist()
    assert sum(total["lines"] for total in totals) == len(taxed)
    for total in totals:
        key = ("order", "currency", "tax_name", "rate", "rate_kind")
        members = [row for row in taxed if all(row[k] == total[k] for k in key)]
        assert len(members) == total["lines"]
        for name in ("net", "tax", "gross"):
            assert total[name] == sum(row[name] for row in members)
        assert total["net"] + total["tax"] == total["gross"]
    for (order, currency), members in _orders(rows, got).items():
        lines = [
            TaxLine(
                _amount(row, minor=True),
                1,
                rate_for(
                    row["jurisdiction"],
                    row["category"],
                    on=row["date"],
                    tax=row["tax_name"],
                ),
            )
            for row in members
        ]
        invoice = tax_invoice(
            lines, prices_include_tax=inclusive, rounding=RoundingLevel.LINE, mode=mode
        )
        mine = [t for t in totals if (t["order"], t["currency"]) == (order, currency)]
        summary = {
            (r.tax, r.rate, str(r.kind)): (r.base.amount, r.amount.amount)
            for r in invoice.by_rate
        }
        assert {
            (t["tax_name"], t["rate"], t["rate_kind"]): (t["net"], t["tax"]) for t in mine
        } == summary


def _orders(
    rows: list[dict[str, Any]], got: BatchResult
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    orders: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for taxed in got.rows.to_pylist():
        row = rows[taxed["row"]]
        orders.setdefault((row["order"], taxed["currency"]), []).append(row)
    return orders


@given(rows=line_tables(), inclusive=st.booleans())
def test_polars_and_pandas_give_the_arrow_figures(
    rows: list[dict[str, Any]], inclusive: bool
) -> None:
    """A Polars or pandas order book gives the same rows and refusals as Arrow, in its
    own kind of table."""
    table = _table(rows, minor=False)
    arrow = tax_lines(table, prices_include_tax=inclusive)
    polars = tax_lines(pl.from_arrow(table), prices_include_tax=inclusive)
    assert isinstance(polars.rows, pl.DataFrame)
    assert polars.rows.to_arrow().to_pylist() == arrow.rows.to_pylist()
    assert polars.rejected.to_arrow().to_pylist() == arrow.rejected.to_pylist()
    if rows:  # pandas cannot tell an empty object column's type
        frame = table.to_pandas()
        pandas = tax_lines(frame, prices_include_tax=inclusive)
        assert isinstance(pandas.rows, pd.DataFrame)
        expected = arrow.rows.to_pandas()
        assert pandas.rows[["row", "net", "tax", "gross"]].values.tolist() == (
            expected[["row", "net", "tax", "gross"]].values.tolist()
        )
        assert pandas.rejected["row"].tolist() == arrow.rejected.column("row").to_pylist()


def test_a_worked_receipt() -> None:
    """The DE receipt of tax_invoice's docstring: food at 7 %, other goods at 19 %,
    tax-inclusive prices, rounded per line."""
    day = date(2026, 11, 26)
    lines = pa.table(
        {
            "order": ["R1", "R1"],
            "price": pa.array([Decimal("2.49"), Decimal("19.99")], pa.decimal128(10, 2)),
            "quantity": [3, 1],
            "currency": ["EUR", "EUR"],
            "jurisdiction": ["DE", "DE"],
            "category": ["food", "standard"],
            "date": pa.array([day, day], pa.date32()),
        }
    )
    taxed = tax_lines(lines, prices_include_tax=True)
    totals = tax_totals(taxed.rows, by=["order"]).to_pylist()
    assert [(t["rate"], t["net"], t["tax"]) for t in totals] == [
        (Decimal(7), Decimal("6.98"), Decimal("0.49")),
        (Decimal(19), Decimal("16.80"), Decimal("3.19")),
    ]
    assert sum(t["gross"] for t in totals) == Decimal("27.46")


def test_two_taxes_need_a_tax_name() -> None:
    """British Columbia charges GST and PST: without tax_name the line is refused as
    rate_for refuses it; with one line per tax each is taxed."""
    day = pa.array([date(2026, 1, 1)] * 3, pa.date32())
    lines = pa.table(
        {
            "amount_minor": [10000, 10000, 10000],
            "currency": ["CAD"] * 3,
            "jurisdiction": ["CA-BC"] * 3,
            "category": ["standard"] * 3,
            "date": day,
            "tax_name": [None, "GST", "PST"],
        }
    )
    taxed = tax_lines(lines, prices_include_tax=False)
    assert taxed.rejected.column("error").to_pylist() == ["AmbiguousTaxError"]
    assert taxed.rows.column("tax").to_pylist() == [Decimal("5.00"), Decimal("7.00")]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"amount": pa.array([1.5])}, "floats cannot hold"),
        ({"date": pa.array(["2026-01-01"])}, "calendar days"),
        ({"jurisdiction": pa.array([1])}, "give text"),
        ({"row": pa.array([1])}, "column name the results use"),
    ],
)
def test_bad_columns_refuse_the_table(change: dict[str, Any], message: str) -> None:
    columns: dict[str, Any] = {
        "amount": pa.array([Decimal("1.00")]),
        "currency": ["EUR"],
        "jurisdiction": ["DE"],
        "category": ["standard"],
        "date": pa.array([date(2026, 1, 1)], pa.date32()),
    }
    with pytest.raises(InvalidBatchError, match=message):
        tax_lines(pa.table(columns | change), prices_include_tax=True)


@pytest.mark.parametrize(
    ("value", "options"),
    [
        ([{"amount": 1}], {"prices_include_tax": True}),
        (None, {"prices_include_tax": True}),
        (pa.table({"a": [1]}), {"prices_include_tax": "yes"}),
        (pa.table({"a": [1]}), {"prices_include_tax": True, "mode": "nearest"}),
    ],
)
def test_bad_input_or_options_are_refused(value: object, options: dict[str, Any]) -> None:
    with pytest.raises(InvalidBatchError):
        tax_lines(value, **options)


def test_totals_refuse_what_is_not_taxed_lines() -> None:
    with pytest.raises(InvalidBatchError, match="is missing"):
        tax_totals(pa.table({"order": ["A"]}), by=["order"])
    with pytest.raises(InvalidBatchError, match="not a column"):
        tax_totals(pa.table({"order": ["A"]}), by=["nope"])


def test_every_bundled_rate_fits_the_rate_column() -> None:
    """The ``rate`` column has three places: every bundled rate is exact in it."""
    rates = [rate.rate for table in BUNDLED.rows.values() for rate in table]
    assert rates
    finest = max(-rate.as_tuple().exponent for rate in rates)
    assert finest == 3  # Quebec's QST, 9.975 %
    column = pa.array(rates, pa.decimal128(38, 3))
    assert column.to_pylist() == rates


def test_column_types_do_not_depend_on_the_rows() -> None:
    """Whatever the currencies, rates and refusals in the rows, the columns have the
    same types (amounts at four places, or a decimal amount column's own if finer;
    rates at three): a Dask partition gives the types an empty table gives."""
    lines = pa.table(
        {
            "amount_minor": [2980, 1500, 999, 5],
            "currency": ["JPY", "KWD", "EUR", "EUR"],
            "jurisdiction": ["JP", "CA-QC", "DE", "XX"],
            "category": ["standard", "standard", "food", "standard"],
            "tax_name": [None, "QST", None, None],
            "date": pa.array([date(2026, 8, 1)] * 4, pa.date32()),
        }
    )
    schemas = {
        tax_lines(lines.slice(start, 1), prices_include_tax=True).rows.schema
        for start in range(4)
    } | {tax_lines(lines.slice(0, 0), prices_include_tax=True).rows.schema}
    assert len(schemas) == 1
    (schema,) = schemas
    assert [schema.field(name).type for name in ("rate", "net", "tax", "gross")] == [
        pa.decimal128(38, 3),
        *[pa.decimal128(38, 4)] * 3,
    ]
    fine = pa.table(
        {
            "amount": pa.array([Decimal("1.000001")], pa.decimal128(20, 6)),
            "currency": ["EUR"],
            "jurisdiction": ["DE"],
            "category": ["standard"],
            "date": pa.array([date(2026, 8, 1)], pa.date32()),
        }
    )
    taxed = tax_lines(fine, prices_include_tax=False).rows.to_pylist()[0]
    assert (taxed["net"], taxed["tax"]) == (Decimal("1.000001"), Decimal("0.19"))
    assert str(taxed["gross"]) == "1.190001"


def test_a_line_amount_out_of_range_is_refused_per_call_and_in_the_batch() -> None:
    """CAD 37,433,998,998,330,233.97 x 1000 is 3.7 x 10^19, beyond what ``Money``
    holds: ``TaxLine`` refuses it with ``InvalidAmountError`` (it used to give a net of
    37433998998330233970.00), and the batch refuses the row with the same error."""
    day = date(2024, 9, 1)
    price = Money(Decimal("37433998998330233.97"), "CAD")
    rate = rate_for("EE", "food", on=day)
    with pytest.raises(InvalidAmountError, match="out of range"):
        tax_invoice(
            [TaxLine(price, 1000, rate)],
            prices_include_tax=False,
            rounding=RoundingLevel.LINE,
            mode=RoundingMode.HALF_EVEN,
        )
    lines = pa.table(
        {
            "price_minor": [3743399899833023397, 3743399899833023397],
            "quantity": [1000, 1],
            "currency": ["CAD", "CAD"],
            "jurisdiction": ["EE", "EE"],
            "category": ["food", "food"],
            "date": pa.array([day, day], pa.date32()),
        }
    )
    taxed = tax_lines(lines, prices_include_tax=False, mode=RoundingMode.HALF_EVEN)
    assert [(row["row"], row["error"]) for row in taxed.rejected.to_pylist()] == [
        (0, "InvalidAmountError")
    ]
    (kept,) = taxed.rows.to_pylist()
    one = tax_invoice(
        [TaxLine(price, 1, rate)],
        prices_include_tax=False,
        rounding=RoundingLevel.LINE,
        mode=RoundingMode.HALF_EVEN,
    ).lines[0]
    assert (kept["net"], kept["gross"]) == (one.net.amount, one.gross.amount)


NEGATIVE = (
    "pass zero or more (a refund or credit is recorded on its own, as the positive "
    "amount returned)"
)


def test_a_refused_row_says_which_figure_is_wrong() -> None:
    """Each rejected row's message names its figure: it once read "is out of range"
    or "is a negative price" with no subject, where every other batch refusal reads
    "price is missing in this row"."""
    day = date(2024, 9, 1)
    lines = pa.table(
        {
            "price": pa.array(
                [Decimal("-1.00"), Decimal("1.00"), Decimal("9" * 17)], pa.decimal128(20, 2)
            ),
            "quantity": [1, -1, 1000],
            "currency": ["EUR"] * 3,
            "jurisdiction": ["DE"] * 3,
            "category": ["standard"] * 3,
            "date": pa.array([day] * 3, pa.date32()),
        }
    )
    rejected = tax_lines(lines, prices_include_tax=False).rejected.to_pylist()
    assert [(row["field"], row["message"].split(":")[0]) for row in rejected] == [
        ("price", "price is negative; " + NEGATIVE),
        ("quantity", "quantity is negative; returns are refunds, not lines"),
        ("amount", "amount is out of range"),
    ]  # fmt: skip
    amounts = lines.drop_columns(["quantity"]).rename_columns(
        ["amount", "currency", "jurisdiction", "category", "date"]
    )
    (row, *_) = tax_lines(amounts, prices_include_tax=True).rejected.to_pylist()
    assert (row["field"], row["message"]) == ("gross", "gross is negative; " + NEGATIVE)


def _taxed_row(**changes: pa.Array) -> pa.Table:
    money = pa.decimal128(38, 2)
    columns = {
        "order": pa.array(["A1", "A1"]),
        "currency": pa.array(["EUR", "EUR"]),
        "tax_name": pa.array(["VAT", "VAT"]),
        "rate": pa.array([Decimal(19)] * 2, pa.decimal128(38, 3)),
        "rate_kind": pa.array(["standard"] * 2),
        "net": pa.array([Decimal("100.00")] * 2, money),
        "tax": pa.array([Decimal("19.00")] * 2, money),
        "gross": pa.array([Decimal("119.00")] * 2, money),
    }
    return pa.table(columns | changes)


HUGE = Decimal("9" * 36)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rate": pa.array([0.19, 0.19])}, "rate='double' is not a decimal128 column"),
        ({"rate": pa.array(["NaN", "NaN"])}, "rate='string' is not a decimal128 column"),
        ({"currency": pa.array([0.1, 0.1])}, "currency='double' is not a text column"),
        ({"tax_name": pa.array([1, 1])}, "tax_name='int64' is not a text column"),
        ({"currency": pa.array(["EUR", "QZ"])}, "'QZ' is not an ISO 4217 currency code"),
        (
            {"net": pa.array([HUGE, HUGE], pa.decimal128(38, 0))},
            "net=Decimal('999999999999999999999999999999999999') is out of range",
        ),
        (
            {"tax": pa.array([Decimal(6 * 10**17)] * 2, pa.decimal128(38, 0))},
            "tax=Decimal('1200000000000000000') is out of range",
        ),
    ],
    ids=[
        "float rate", "text rate", "float currency", "int tax name", "unknown currency",
        "a net out of range", "a tax total out of range",
    ],
)  # fmt: skip
def test_totals_refuse_what_tax_lines_never_gives(
    changes: dict[str, pa.Array], message: str
) -> None:
    """Totals of rows ``tax_lines`` could not have given are refused. Two nets of
    10^36 - 1 once added up to a total of -1.4 x 10^36 (the sum wrapped around
    decimal128's 38 digits); a float rate or an unknown currency was grouped by."""
    with pytest.raises(CommerceKitError) as caught:
        tax_totals(_taxed_row(**changes), by=["order"])
    assert str(caught.value).startswith(message)
