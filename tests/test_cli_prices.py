"""``commercekit prices``: a catalog file priced into markets equals
``localize_catalog`` on the same rows, chunk by chunk, with the refusals beside it."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from commercekit.batch import BatchResult, localize_catalog, plan_prices
from commercekit.cli import _prices, main
from commercekit.money import RateTable, RoundingMode
from commercekit.pricing import Market
from commercekit.serde import structure

MARKETS = {
    "markets": [
        {
            "code": "SE",
            "currency": "SEK",
            "tax_jurisdiction": "SE",
            "tax_inclusive": True,
            "price_point": {"step": "10", "endings": ["9"]},
            "conversion_fee": "2",
        },
        {"code": "US", "currency": "USD"},
    ]
}
RATES = {
    "base": "EUR",
    "rates": {"SEK": "11.20", "USD": "1.05"},
    "observed_at": "2026-11-25T16:00:00Z",
    "provider": "example",
}
ON = date(2026, 11, 30)
CSV = (
    "sku,price,currency,category\n"
    "A,20.00,EUR,standard\n"
    "B,,EUR,standard\n"
    "C,5.5,XYZ,books\n"
    "D,12.345,EUR,books\n"
    "E,0.99,EUR,standard\n"
    "F,1999.5,EUR,books\n"
    "G,7,GBP,standard\n"
)


def catalog_table() -> pa.Table:
    """The rows of ``CSV`` as the batch path takes them: prices as exact decimals."""
    lines = [line.split(",") for line in CSV.splitlines()[1:]]
    return pa.table(
        {
            "sku": [line[0] for line in lines],
            "price": pa.array(
                [Decimal(line[1]) if line[1] else None for line in lines],
                pa.decimal128(38, 3),
            ),
            "currency": [line[2] for line in lines],
            "category": [line[3] for line in lines],
        }
    )


def expected(table: pa.Table) -> BatchResult:
    markets = tuple(structure(market, Market) for market in MARKETS["markets"])
    plan = plan_prices(markets, structure(RATES, RateTable), on=ON)
    result: BatchResult = localize_catalog(table, plan)
    return result


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "markets.json").write_text(json.dumps(MARKETS), encoding="utf-8")
    (tmp_path / "rates.json").write_text(json.dumps(RATES), encoding="utf-8")
    (tmp_path / "catalog.csv").write_text(CSV, encoding="utf-8")
    pq.write_table(catalog_table(), tmp_path / "catalog.parquet")
    return tmp_path


def run(folder: Path, catalog: str, output: str, *extra: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(
        [
            "prices",
            str(folder / catalog),
            "--markets",
            str(folder / "markets.json"),
            "--rates",
            str(folder / "rates.json"),
            "--on",
            "2026-11-30",
            "-o",
            str(folder / output),
            *extra,
        ],
        out=out,
    )
    return status, out.getvalue()


def read_csv(path: Path, like: pa.Schema) -> pa.Table:
    types = {field.name: field.type for field in like}
    return pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types=types, null_values=[""], strings_can_be_null=True
        ),
    )


@pytest.mark.parametrize(
    ("catalog", "output"),
    [
        ("catalog.csv", "prices.csv"),
        ("catalog.parquet", "prices.parquet"),
        ("catalog.csv", "prices.parquet"),
    ],
)
def test_the_output_equals_localize_catalog(files: Path, catalog: str, output: str) -> None:
    """Every price written, and every refusal, equals ``localize_catalog`` on the same
    rows; CSV amounts are read as the exact decimals written."""
    wanted = expected(catalog_table())
    status, _ = run(files, catalog, output)
    assert status == 1  # three rows were refused
    if output.endswith(".csv"):
        written = read_csv(files / output, wanted.rows.schema)
    else:
        written = pq.read_table(files / output)
    assert written.equals(wanted.rows)
    assert read_csv(files / "prices.rejected.csv", wanted.rejected.schema).equals(
        wanted.rejected
    )


def test_chunks_count_rows_across_the_whole_file(
    files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read three rows (or 64 bytes) at a time, ``row`` still counts from the top."""
    monkeypatch.setattr(_prices, "CHUNK_ROWS", 3)
    monkeypatch.setattr(_prices, "_BLOCK", 64)
    wanted = expected(catalog_table())
    for catalog, output in (("catalog.parquet", "a.parquet"), ("catalog.csv", "b.csv")):
        run(files, catalog, output)
        rows = (
            pq.read_table(files / output)
            if output.endswith("parquet")
            else read_csv(files / output, wanted.rows.schema)
        )
        assert rows.sort_by([("row", "ascending"), ("market", "ascending")]).equals(
            wanted.rows.sort_by([("row", "ascending"), ("market", "ascending")])
        )


def test_the_summary_counts_rows_and_refusals(files: Path) -> None:
    status, shown = run(files, "catalog.csv", "prices.csv")
    assert status == 1
    assert shown == (
        f"read 7 catalog rows from {files / 'catalog.csv'}\n"
        f"priced 4 rows: 8 prices written to {files / 'prices.csv'}\n"
        f"refused 3 rows: 6 refusals written to {files / 'prices.rejected.csv'}\n"
        "           4  currency         UnknownCurrencyError\n"
        "           2  price            InvalidBatchError\n"
    )


def test_a_file_bad_half_way_leaves_no_output(
    files: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row that breaks the file's shape in a later chunk refuses the file; nothing
    half-written is left to look complete, and an older run's output is left as it
    was."""
    monkeypatch.setattr(_prices, "_BLOCK", 64)
    lines = "".join(f"S{index},{index}00,EUR\n" for index in range(40))
    (files / "late.csv").write_text(
        f"sku,price_minor,currency\n{lines}BAD,1200\n", encoding="utf-8"
    )
    (files / "late-prices.csv").write_text("an older run\n", encoding="utf-8")
    assert run(files, "late.csv", "late-prices.csv")[0] == 2
    assert "Expected 3 columns, got 2: BAD,1200" in capsys.readouterr().err
    assert sorted(path.name for path in files.glob("late-prices*")) == ["late-prices.csv"]
    assert (files / "late-prices.csv").read_text(encoding="utf-8") == "an older run\n"


def test_an_empty_catalog_writes_empty_files(files: Path) -> None:
    (files / "empty.csv").write_text("sku,price,currency\n", encoding="utf-8")
    status, shown = run(files, "empty.csv", "none.parquet")
    assert status == 0
    assert "read 0 catalog rows" in shown
    assert pq.read_table(files / "none.parquet").num_rows == 0
    assert pq.read_table(files / "none.parquet").column_names[:3] == [
        "row",
        "sku",
        "market",
    ]


def test_all_priced_is_status_0(files: Path) -> None:
    (files / "good.csv").write_text("sku,price,currency\nA,1.00,EUR\n", encoding="utf-8")
    status, shown = run(files, "good.csv", "good-prices.csv")
    assert status == 0
    assert "refused 0 rows: 0 refusals" in shown
    assert (files / "good-prices.rejected.csv").read_text(encoding="utf-8").count("\n") == 1


@pytest.mark.parametrize(
    ("catalog", "output", "extra", "message"),
    [
        (
            "missing.csv",
            "p.csv",
            (),
            "CATALOG='.*missing.csv' cannot be read: no such file",
        ),
        ("catalog.txt", "p.csv", (), "must end in .csv or .parquet"),
        ("catalog.csv", "p.json", (), "--output='.*p.json' must end in .csv or .parquet"),
        ("catalog.csv", "catalog.csv", (), "would overwrite the catalog"),
        ("prices.rejected.csv", "prices.csv", (), "would overwrite the catalog"),
        ("twice.csv", "p.csv", (), "twice.csv' has more than one column named currency"),
        ("twice.parquet", "p.csv", (), "has more than one column named currency"),
        ("empty.csv", "p.csv", (), "empty.csv' cannot be read: Empty CSV file"),
        ("catalog.csv", "no-such-folder/p.csv", (), "cannot be written"),
    ],
)
def test_refusals_are_one_line_and_status_2(
    files: Path,
    capsys: pytest.CaptureFixture[str],
    catalog: str,
    output: str,
    extra: tuple[str, ...],
    message: str,
) -> None:
    (files / "twice.csv").write_text("sku,price,currency,currency\nA,1,EUR,USD\n", "utf-8")
    twice = pa.Table.from_arrays(
        [pa.array(["A"]), pa.array(["EUR"]), pa.array(["USD"])],
        names=["sku", "currency", "currency"],
    )
    pq.write_table(twice, files / "twice.parquet")
    (files / "empty.csv").write_text("", "utf-8")
    (files / "prices.rejected.csv").write_text(CSV, "utf-8")
    status, _ = run(files, catalog, output, *extra)
    error = capsys.readouterr().err
    assert status == 2
    assert error.startswith("commercekit: ")
    assert error.count("\n") == 1
    assert "Traceback" not in error
    assert re.search(message, error), error


def test_markets_and_rates_are_read_strictly(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A market with a wrong field is named by its place; a missing rate is an error
    naming the currency, never a guessed rate."""
    broken = {"markets": [MARKETS["markets"][0], {"code": "X", "currency": "QQQ"}]}
    (files / "markets.json").write_text(json.dumps(broken), encoding="utf-8")
    assert run(files, "catalog.csv", "p.csv")[0] == 2
    assert "markets[1].currency" in capsys.readouterr().err
    (files / "markets.json").write_text(json.dumps(MARKETS), encoding="utf-8")
    (files / "rates.json").write_text(
        json.dumps({**RATES, "rates": {"SEK": "11.20"}}), encoding="utf-8"
    )
    assert run(files, "catalog.csv", "p.csv")[0] == 2
    assert "USD" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--on", "30/11/2026"], "a day is written YYYY-MM-DD"),
        (["--rounding", "bankers"], "rounding is one of half-up"),
        ([], "the following arguments are required: --markets, --rates, --on, -o"),
        (["--keys", "sku,,title"], "keys are column names separated by commas"),
    ],
)
def test_bad_options_are_usage_errors(
    capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    full = ["prices", "c.csv"]
    if arguments:
        full += ["--markets", "m.json", "--rates", "r.json", "--on", "2026-11-30"]
        full += ["-o", "p.csv", *arguments]
    with pytest.raises(SystemExit) as exited:
        main(full)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_on_a_terminal_unless_quiet(
    files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    run(files, "catalog.parquet", "p.csv")
    assert "7/7" in terminal.getvalue()
    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    run(files, "catalog.parquet", "p.csv", "--quiet")
    assert quiet.getvalue() == ""


def test_no_bar_when_standard_error_is_not_a_terminal(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(files, "catalog.csv", "p.csv")
    assert capsys.readouterr().err == ""


def test_the_rounding_mode_reaches_the_plan(files: Path) -> None:
    run(files, "catalog.csv", "down.csv", "--rounding", "down")
    markets = tuple(structure(market, Market) for market in MARKETS["markets"])
    plan = plan_prices(markets, structure(RATES, RateTable), on=ON, mode=RoundingMode.DOWN)
    wanted = localize_catalog(catalog_table(), plan)
    assert read_csv(files / "down.csv", wanted.rows.schema).equals(wanted.rows)


def test_keys_pass_other_columns_through(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A column the pricing does not read is refused, unless named in ``--keys``; the
    refusal names the option, not the Python argument ``keys=``."""
    (files / "titled.csv").write_text(
        "sku,title,price,currency\nA,Blue tee,20.00,EUR\n", encoding="utf-8"
    )
    assert run(files, "titled.csv", "t.csv")[0] == 2
    said = capsys.readouterr().err
    assert "['title'] are not read by the prices command; name them in --keys" in said
    assert "keys=" not in said
    assert run(files, "titled.csv", "t.csv", "--keys", "sku,colour")[0] == 2
    assert "--keys='colour' is not a column of the catalog" in capsys.readouterr().err
    assert run(files, "titled.csv", "t.csv", "--keys", "sku,title")[0] == 0
    assert "Blue tee" in (files / "t.csv").read_text(encoding="utf-8")


def test_help_and_other_commands_do_not_load_pyarrow() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from commercekit.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    main(['example'])\n"
        "print(sorted({'pyarrow', 'tqdm', 'numpy'} & set(sys.modules)))\n"
    )
    shown = subprocess.run(  # noqa: S603  # our own interpreter, a fixed script
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert shown.stdout.strip() == "[]"
