"""``commercekit prices CATALOG``: a catalog file priced into markets, chunk by chunk.

The catalog (CSV or Parquet) is read in chunks, each priced with
[`localize_catalog`][commercekit.batch.localize_catalog] under one
[`plan_prices`][commercekit.batch.plan_prices] plan, and written as it goes (CSV or
Parquet, by the output's suffix), so a catalog larger than memory streams through. The
rows refused go to a CSV file beside the output (``prices.rejected.csv`` beside
``prices.csv``), and a summary says how many rows were priced and refused, by field
and error. ``row`` in both files is the row's position in the catalog, from 0.

A CSV's amounts are read as text and turned into exact decimals, never floats;
``*_minor`` columns are whole numbers (see ``_cells``): a cell that is not a number
refuses its row alone. The markets, the exchange rates and the day are
given, never assumed: ``--markets`` is a JSON file ``{"markets": [...]}`` of
[`Market`][commercekit.pricing.Market] objects, ``--rates`` a rate table in the JSON
of a quote request's ``exchange_rates`` (``docs/json.md``), ``--on`` an ISO date.

pyarrow (the ``batch`` extra) and tqdm are imported when the command runs, so that
``commercekit --help`` and the other commands never load them.
"""

from __future__ import annotations

import argparse
import csv as csv_text
import importlib
import sys
from collections import Counter
from collections.abc import Generator, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, TextIO

from commercekit.cli._cells import Unread, read_cells, refuse_unread
from commercekit.cli._read import read_request
from commercekit.errors import (
    InputKind,
    InvalidBatchError,
    InvalidInputError,
    InvalidJsonError,
    MissingDataError,
    UnknownCurrencyError,
)
from commercekit.money import RateTable
from commercekit.pricing import Market
from commercekit.serde import structure

__all__ = ["SUFFIXES", "prices"]

SUFFIXES = (".csv", ".parquet")
"""The catalog and output formats, by file suffix."""

CHUNK_ROWS = 65_536
"""Rows priced at a time from a Parquet file (a CSV is read in blocks of ``_BLOCK``)."""

BATCH_EXTRA = 'install the batch extra: pip install "commercekit[batch]"'

_BLOCK = 8 << 20  # bytes of CSV per chunk


def _refused(field: str, value: object, reason: str) -> InvalidInputError:
    return InvalidBatchError.refused(field, value, reason, kind=InputKind.TEXT)


def _format(path: str, what: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise _refused(what, path, "must end in .csv or .parquet, which says its format")
    return suffix


def _markets(path: str) -> tuple[Market, ...]:
    document = read_request(path)
    if set(document) != {"markets"} or not isinstance(document["markets"], list):
        raise InvalidJsonError(
            "", f'{path} must be {{"markets": [...]}}, a list of markets (docs/cli.md)'
        )
    found = []
    for index, market in enumerate(document["markets"]):
        try:
            found.append(structure(market, Market))
        except InvalidJsonError as error:
            where = ".".join(part for part in (f"markets[{index}]", error.field) if part)
            raise InvalidJsonError(f"{path}: {where}", error.reason) from None
    return tuple(found)


def _rates(path: str) -> RateTable:
    try:
        return structure(read_request(path), RateTable)
    except InvalidJsonError as error:
        raise InvalidJsonError(
            f"{path}: {error.field}".rstrip(": "), error.reason
        ) from None


def prices(arguments: argparse.Namespace, out: TextIO) -> int:
    """``commercekit prices CATALOG``: price the catalog, write rows and refusals."""
    source, target = arguments.catalog, arguments.output
    kind, written = _format(source, "CATALOG"), _format(target, "--output")
    rejected_path = str(Path(target).with_suffix(".rejected.csv"))
    if Path(source).resolve() in {Path(target).resolve(), Path(rejected_path).resolve()}:
        raise _refused(
            "--output", target, "would overwrite the catalog; write to another file"
        )
    if not Path(source).is_file():
        raise _refused("CATALOG", source, "cannot be read: no such file")
    batch = importlib.import_module("commercekit.batch")  # pyarrow: the batch extra
    try:
        plan = batch.plan_prices(
            _markets(arguments.markets),
            _rates(arguments.rates),
            on=arguments.on,
            mode=arguments.rounding,
        )
    except UnknownCurrencyError as lacking:  # a market's currency the table lacks
        raise InvalidJsonError(f"{arguments.rates}: rates", str(lacking)) from None
    tally = _Tally()
    with (
        _Sink(target, written) as rows_out,
        _Sink(rejected_path, ".csv") as refused_out,
        closing(_chunks(source, kind, quiet=arguments.quiet)) as chunks,
    ):
        for chunk, unread in chunks:
            result = _priced(batch, chunk, plan, arguments.keys)
            rows, rejected = refuse_unread(result.rows, result.rejected, unread)
            rows_out.write(_moved(rows, tally.read))
            refused_out.write(_moved(rejected, tally.read))
            tally.add(chunk.num_rows, rows, rejected)
    out.write(
        f"read {_many(tally.read, 'catalog row')} from {source}\n"
        f"priced {_many(tally.priced, 'row')}: {_many(tally.prices, 'price')} "
        f"written to {target}\n"
        f"refused {_many(tally.refused, 'row')}: "
        f"{_many(tally.refusals.total(), 'refusal')} written to {rejected_path}\n"
    )
    by_count = sorted(tally.refusals.items(), key=lambda item: (-item[1], item[0]))
    for (field, error), count in by_count:
        out.write(f"  {count:>10,}  {field:<16} {error}\n")
    return 1 if tally.refused else 0


def _priced(batch: Any, chunk: Any, plan: Any, keys: tuple[str, ...]) -> Any:
    """``localize_catalog`` of the chunk; a refusal that names its ``keys`` argument
    names the option ``--keys`` instead."""
    try:
        return batch.localize_catalog(chunk, plan, keys=keys)
    except InvalidBatchError as error:
        if error.field == "keys":
            raise InvalidBatchError.refused(
                "--keys", error.value, error.reason, kind=error.kind
            ) from None
        if error.field == "catalog" and error.kind is InputKind.LIST:
            raise InvalidBatchError.refused(
                "CATALOG columns",
                error.value,
                "are not read by the prices command; name them in --keys (such as "
                "--keys sku,title) to copy them to each row written, or drop them (a "
                "misspelt column is never ignored silently)",
                kind=InputKind.LIST,
            ) from None
        raise


def _many(count: int, thing: str) -> str:
    return f"{count:,} {thing}{'' if count == 1 else 's'}"


class _Tally:
    """What the summary counts: catalog rows read, priced (in at least one market) and
    refused (in at least one), prices written, refusals by field and error."""

    def __init__(self) -> None:
        self.read = self.priced = self.prices = self.refused = 0
        self.refusals = Counter[tuple[str, str]]()

    def add(self, size: int, rows: Any, rejected: Any) -> None:
        compute = importlib.import_module("pyarrow.compute")
        self.read += size
        self.prices += rows.num_rows
        self.priced += compute.count_distinct(rows["row"]).as_py()
        self.refused += compute.count_distinct(rejected["row"]).as_py()
        pairs = zip(
            rejected["field"].to_pylist(), rejected["error"].to_pylist(), strict=True
        )
        self.refusals.update(pairs)


def _moved(table: Any, offset: int) -> Any:
    """``table`` with ``row`` moved on by ``offset`` (the rows of earlier chunks)."""
    pa = importlib.import_module("pyarrow")
    compute = importlib.import_module("pyarrow.compute")
    place = table.schema.get_field_index("row")
    return table.set_column(
        place, "row", compute.add(table.column(place), pa.scalar(offset, pa.int64()))
    )


class _Sink:
    """A CSV or Parquet file written table by table; the first table sets its columns.

    It is written under a ``.partial`` name and renamed when done, so a run that stops
    half-way leaves no file that looks complete (nor an older run's file, changed).
    """

    def __init__(self, path: str, kind: str) -> None:
        self.path, self.kind = path, kind
        self.partial = Path(f"{path}.partial")
        self.writer: Any = None
        self.schema: Any = None

    def __enter__(self) -> _Sink:
        return self

    def write(self, table: Any) -> None:
        if self.writer is None:
            self._open(table.schema)
        elif not table.schema.equals(self.schema):
            table = table.cast(self.schema)  # a decimal's scale; never lossy
        self.writer.write_table(table)

    def _open(self, schema: Any) -> None:
        module = "pyarrow.csv" if self.kind == ".csv" else "pyarrow.parquet"
        formats = importlib.import_module(module)
        opened = formats.CSVWriter if self.kind == ".csv" else formats.ParquetWriter
        try:
            self.writer, self.schema = opened(str(self.partial), schema), schema
        except OSError as error:
            raise _refused("--output", self.path, f"cannot be written: {error}") from None

    def __exit__(self, failed: type[BaseException] | None, *_: object) -> None:
        if self.writer is None:
            return
        self.writer.close()
        if failed is None:
            self.partial.replace(self.path)
        else:
            self.partial.unlink(missing_ok=True)


def _chunks(
    path: str, kind: str, *, quiet: bool
) -> Generator[tuple[Any, Unread], None, None]:
    """The catalog's chunks as Arrow tables, each with its unread rows, the first one
    empty (the columns), with a progress bar on a terminal. The file and its reader
    are closed on every way out (pyarrow's reader reads ahead on a thread of its own,
    and one left open when Python exits may abort the process)."""
    try:
        tqdm = importlib.import_module("tqdm").tqdm
    except ImportError:
        raise MissingDataError("tqdm, which shows the progress", BATCH_EXTRA) from None
    off = quiet or not sys.stderr.isatty()
    pa = importlib.import_module("pyarrow")
    if kind == ".parquet":
        parquet = importlib.import_module("pyarrow.parquet")
        with (
            _opened(path, lambda: parquet.ParquetFile(path)) as file,
            tqdm(total=file.metadata.num_rows, unit=" rows", disable=off) as bar,
        ):
            yield _columns(file.schema_arrow, path).empty_table(), {}
            for batch in _read(file.iter_batches(batch_size=CHUNK_ROWS), path):
                yield pa.Table.from_batches([batch]), {}
                bar.update(batch.num_rows)
        return
    with (
        _opened(path, lambda: pa.OSFile(path)) as handle,
        _csv_reader(path, handle) as reader,
        tqdm(
            total=Path(path).stat().st_size, unit="B", unit_scale=True, disable=off
        ) as bar,
    ):
        yield read_cells(_columns(reader.schema, path).empty_table())
        for batch in _read(reader, path):
            yield read_cells(pa.Table.from_batches([batch]))
            bar.update(handle.tell() - bar.n)


def _columns(schema: Any, path: str) -> Any:
    """``schema``, refused if two columns share a name (which one would be read?)."""
    twice = [name for name, count in Counter(schema.names).items() if count > 1]
    if twice:
        raise _refused(
            "CATALOG",
            path,
            f"has more than one column named {twice[0]}; rename or drop all but one",
        )
    return schema


def _read(batches: Any, path: str) -> Iterator[Any]:
    """The batches of a reader; a file found bad half-way is refused, not a traceback."""
    pa = importlib.import_module("pyarrow")
    iterator = iter(batches)
    while True:
        try:
            batch = next(iterator)
        except StopIteration:
            return
        except (OSError, pa.ArrowException) as error:
            raise _refused("CATALOG", path, f"cannot be read: {error}") from None
        yield batch


def _opened(path: str, opener: Any) -> Any:
    pa = importlib.import_module("pyarrow")
    try:
        return opener()
    except (OSError, pa.ArrowException) as error:
        raise _refused("CATALOG", path, f"cannot be read: {error}") from None


def _csv_reader(path: str, handle: Any) -> Any:
    """pyarrow's streaming CSV reader of ``handle`` (a native file, which its thread
    reads without Python), every column as text: ``read_cells`` reads the amounts."""
    pa = importlib.import_module("pyarrow")
    csv = importlib.import_module("pyarrow.csv")
    with open(path, "rb") as file:
        header = file.readline().decode("utf-8-sig", "replace")
    names = next(csv_text.reader([header]), [])
    return _opened(
        path,
        lambda: csv.open_csv(
            handle,
            read_options=csv.ReadOptions(block_size=_BLOCK),
            convert_options=csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[""],
                strings_can_be_null=True,
            ),
        ),
    )
