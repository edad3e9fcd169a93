"""``commercekit prices``: a CSV cell that is not a number refuses its row alone, and
every way out of the command ends the process cleanly."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from tests.test_cli_prices import files, read_csv, run  # noqa: F401  # files: a fixture

ROW = pa.schema([("row", pa.int64()), ("sku", pa.string()), ("market", pa.string())])
REFUSAL = pa.schema(
    [*ROW, ("field", pa.string()), ("error", pa.string()), ("message", pa.string())]
)
NOT_DECIMAL = (
    "is not a decimal number; write it like 1234.50, with a point before the decimals "
    "and no thousands separators"
)
NOT_WHOLE = (
    "is not a whole number of minor units; write e.g. 1999 for EUR 19.99, or give the "
    "amount in the column without _minor"
)


GOOD = {  # the rows before and after the bad one, by header
    "price,currency": ("20.00,EUR", "5,EUR"),
    "price_minor,currency": ("2000,EUR", "500,EUR"),
    "price,currency,cost,min_margin": ("20.00,EUR,1,0.1", "5,EUR,1,0.1"),
}


@pytest.mark.parametrize(
    ("header", "bad", "field", "message"),
    [
        (
            "price,currency",
            '"1,50",EUR',
            "price",
            "price '1,50' is not a decimal number; write 1.50",
        ),
        ("price,currency", "abc,EUR", "price", f"price 'abc' {NOT_DECIMAL}"),
        ("price,currency", "NaN,EUR", "price", f"price 'NaN' {NOT_DECIMAL}"),
        ("price,currency", "1_000,EUR", "price", f"price '1_000' {NOT_DECIMAL}"),
        ("price,currency", '"1,500",EUR', "price", f"price '1,500' {NOT_DECIMAL}"),
        (
            "price,currency",
            f"{'1' * 21},EUR",
            "price",
            f"price '{'1' * 21}' has more than 20 digits before the point or 18 after",
        ),
        (
            "price_minor,currency",
            "12.5,EUR",
            "price_minor",
            f"price_minor '12.5' {NOT_WHOLE}",
        ),
        (
            "price_minor,currency",
            f"1{'0' * 18},EUR",
            "price_minor",
            f"price_minor '1{'0' * 18}' is out of range: give fewer than 19 digits",
        ),
        (
            "price,currency,cost,min_margin",
            "1.00,EUR,x,0.1",
            "cost",
            f"cost 'x' {NOT_DECIMAL}",
        ),
        (
            "price,currency,cost,min_margin",
            "1.00,EUR,0.50,25%",
            "min_margin",
            f"min_margin '25%' {NOT_DECIMAL}",
        ),
    ],
)
def test_a_cell_that_is_not_a_number_refuses_its_row_alone(
    files: Path,  # noqa: F811  # the fixture
    header: str,
    bad: str,
    field: str,
    message: str,
) -> None:
    """The bad row is refused in each market with a message saying what to write;
    the rows before and after it are priced as they are without it."""
    before, after = GOOD[header]
    (files / "rows.csv").write_text(
        f"sku,{header}\nA,{before}\nB,{bad}\nC,{after}\n", encoding="utf-8"
    )
    (files / "clean.csv").write_text(
        f"sku,{header}\nA,{before}\nC,{after}\n", encoding="utf-8"
    )
    status, shown = run(files, "rows.csv", "p.csv")
    assert status == 1
    assert f"2  {field:<16} InvalidAmountError\n" in shown
    assert read_csv(files / "p.rejected.csv", REFUSAL).to_pylist() == [
        {
            "row": 1,
            "sku": "B",
            "market": market,
            "field": field,
            "error": "InvalidAmountError",
            "message": message,
        }
        for market in ("SE", "US")
    ]
    assert run(files, "clean.csv", "q.csv")[0] == 0
    priced = [line.split(",", 1) for line in (files / "p.csv").read_text("utf-8").split()]
    clean = [line.split(",", 1) for line in (files / "q.csv").read_text("utf-8").split()]
    assert [row for row, _ in priced[1:]] == ["0", "2", "0", "2"]
    assert [rest for _, rest in priced] == [rest for _, rest in clean]


def test_rows_keep_their_place_in_the_catalog(files: Path) -> None:  # noqa: F811
    """``row`` counts every row of the file, the unread ones too, and a row already
    refused by the pricing (an unknown currency) for a bad cell keeps one refusal per
    market."""
    (files / "rows.csv").write_text(
        "sku,price,currency\nA,abc,XYZ\nB,2.00,EUR\nC,3.5.0,EUR\nD,4.00,EUR\n",
        encoding="utf-8",
    )
    assert run(files, "rows.csv", "p.csv")[0] == 1
    refused = read_csv(files / "p.rejected.csv", REFUSAL)
    assert refused.select(["row", "market", "field"]).to_pylist() == [
        {"row": row, "market": market, "field": "price"}
        for row in (0, 2)
        for market in ("SE", "US")
    ]
    priced = read_csv(
        files / "p.csv", ROW.append(pa.field("converted", pa.decimal128(38, 2)))
    )
    assert sorted(priced["row"].to_pylist()) == [1, 1, 3, 3]
    assert Decimal("2.10") in priced["converted"].to_pylist()  # B: EUR 2.00 x 1.05


def _exit_statuses(folder: Path, catalog: str, times: int) -> list[int]:
    """The exit status of ``times`` separate runs of the command on ``catalog``."""
    command = [
        sys.executable,
        "-m",
        "commercekit",
        "prices",
        str(folder / catalog),
        "--markets",
        str(folder / "markets.json"),
        "--rates",
        str(folder / "rates.json"),
        "--on",
        "2026-11-30",
        "-o",
        str(folder / "p.csv"),
    ]
    runs = [
        subprocess.Popen(  # noqa: S603  # our own interpreter and arguments
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(times)
    ]
    return [process.wait(timeout=300) for process in runs]


@pytest.mark.parametrize(
    ("catalog", "text"),
    [("empty.csv", ""), ("ragged.csv", "sku,price,currency\nA,1.00\nB,2.00,EUR,x\n")],
)
def test_a_refused_file_ends_the_process_cleanly_every_time(
    files: Path,  # noqa: F811
    catalog: str,
    text: str,
) -> None:
    """A file refused on opening or half-way exits with status 2, never an abort
    (pyarrow's reader, left open at exit, could end Python with SIGABRT)."""
    (files / catalog).write_text(text, encoding="utf-8")
    assert _exit_statuses(files, catalog, 20) == [2] * 20
