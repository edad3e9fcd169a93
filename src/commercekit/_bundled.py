"""The bundled data files: read the same way by every package, refused with the place.

Every table commercekit ships (tax thresholds, de minimis values, territories, cash
rounding, ISO 4217 …) is a CSV file beside the code that reads it. Lines starting with
``#`` are comments: the file's references, the date it was checked, and any
disagreement between sources. The first other line is the header.

A [`Line`][commercekit._bundled.Line] reads one row's cells as the type each column
holds (text, a date, a decimal, a choice from an enumeration, a list of words, the
row's sources), and a cell that is not what its column holds is refused with the file,
the line and the column (a [`DataFileError`][commercekit.errors.DataFileError], whose
``file``, ``line`` and ``column`` say the same), so a data edit that breaks a file says
where:
``thresholds.csv line 17, column 'amount': 'abc' is not a decimal``.
[`check_periods`][commercekit._bundled.check_periods] refuses two rows for one key whose
periods overlap.

The ``source`` column lists one or more official sources separated by spaces: each is
an ``https://`` (or ``http://``) address. The first is the primary source.

A table is read the first time a rule asks for it, not when its module is imported
(its reader cached with ``functools.cache``), so that a quote from the Netherlands to
Germany never reads the US states' table.

This module stands beside ``_numbers`` and ``_inputs`` as footing: it imports no rule
package, so money, the lowest layer, reads its tables with it too.
"""

from __future__ import annotations

import csv
import enum
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from importlib import import_module
from importlib.machinery import SourceFileLoader, SourcelessFileLoader
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from commercekit.errors import CommerceKitError, DataFileError, InvalidAmountError, shown

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "Line",
    "check_periods",
    "lines_of",
    "package_files",
    "read",
    "source_list",
    "sources",
]

_Member = TypeVar("_Member", bound=enum.Enum)
_Built = TypeVar("_Built")

_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_URL = re.compile(r"https?://[^\s/]+\.[^\s]+")


def sources(text: str) -> tuple[str, ...]:
    """The sources in a ``source`` cell: addresses separated by spaces, in order.

    Examples:
        >>> sources("https://eur-lex.europa.eu/eli/dir/2006/112/oj https://gov.uk/x")
        ('https://eur-lex.europa.eu/eli/dir/2006/112/oj', 'https://gov.uk/x')
    """
    return tuple(text.split())


class Sourced:
    """A row of a bundled table citing one or more ``sources``, the primary one first
    (a base for the row classes, which declare ``sources`` as their field)."""

    __slots__ = ()
    sources: tuple[str, ...]

    @property
    def source(self) -> str:
        """The primary source: the first of ``sources``."""
        return self.sources[0]


class Line:
    """One data row of a bundled CSV file: its cells, and where it stands in the file.

    Each reader takes a column's name, reads the cell as that column's type, and on a
    cell it cannot read raises a
    [`DataFileError`][commercekit.errors.DataFileError] naming the file, the line and
    the column.
    """

    __slots__ = ("cells", "file", "number")

    def __init__(self, file: str, number: int, cells: dict[str, str]) -> None:
        self.file = file
        self.number = number
        self.cells = cells

    def __repr__(self) -> str:
        return f"<{self.file} line {self.number}>"

    def where(self, column: str | None = None) -> str:
        """``thresholds.csv line 17, column 'amount'``: the place of a cell."""
        at = f"{self.file} line {self.number}"
        return at if column is None else f"{at}, column {column!r}"

    def error(self, column: str | None, value: object, reason: str) -> DataFileError:
        """The error for a cell (or the whole row, ``column=None``) that is wrong."""
        return DataFileError(self.file, self.number, column, f"{shown(value)} {reason}")

    def raw(self, column: str) -> str:
        """The cell as written, possibly empty."""
        return self.cells[column]

    def text(self, column: str) -> str:
        """A cell that must not be empty."""
        value = self.cells[column]
        if not value.strip():
            raise self.error(column, value, "is empty; this column needs a value")
        return value

    def optional_text(self, column: str) -> str | None:
        """The cell, or ``None`` when it is empty."""
        return self.cells[column] or None

    def day(self, column: str) -> date:
        """An ISO 8601 date, ``2021-07-01``."""
        value = self.cells[column]
        try:
            if not _DAY.fullmatch(value):
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            raise self.error(column, value, "is not a date (YYYY-MM-DD)") from None

    def optional_day(self, column: str) -> date | None:
        """A date, or ``None`` when the cell is empty (``until`` of a rule in force)."""
        return self.day(column) if self.cells[column] else None

    def decimal(self, column: str) -> Decimal:
        """A decimal number written plainly: ``150``, ``-2.5``, ``9.975``."""
        value = self.cells[column]
        if not _DECIMAL.fullmatch(value):
            raise self.error(column, value, "is not a decimal (digits, then .digits)")
        return Decimal(value)

    def optional_decimal(self, column: str) -> Decimal | None:
        """A decimal, or ``None`` when the cell is empty."""
        return self.decimal(column) if self.cells[column] else None

    def whole(self, column: str) -> int:
        """A whole number, ``0`` or more."""
        value = self.cells[column]
        if not value.isascii() or not value.isdigit():
            raise self.error(column, value, "is not a whole number")
        return int(value)

    def choice(self, column: str, kind: type[_Member]) -> _Member:
        """A member of the enumeration ``kind``, by its value."""
        value = self.cells[column]
        try:
            return kind(value)
        except ValueError:
            known = ", ".join(repr(member.value) for member in kind)
            raise self.error(column, value, f"is not one of {known}") from None

    def optional_choice(self, column: str, kind: type[_Member]) -> _Member | None:
        """A member of ``kind``, or ``None`` when the cell is empty."""
        return self.choice(column, kind) if self.cells[column] else None

    def flag(self, column: str, *, yes: str = "yes", no: str = "no") -> bool:
        """``yes`` or ``no`` (or the words the file uses for them)."""
        value = self.cells[column]
        if value not in (yes, no):
            raise self.error(column, value, f"is neither {yes!r} nor {no!r}")
        return value == yes

    def words(self, column: str) -> tuple[str, ...]:
        """The cell's words, separated by spaces (codes, postcodes); may be empty."""
        return tuple(self.cells[column].split())

    def sources(self, column: str = "source") -> tuple[str, ...]:
        """The row's sources: one or more addresses, the primary one first."""
        found = sources(self.cells[column])
        if not found:
            raise self.error(column, self.cells[column], "names no source; give a URL")
        for source in found:
            if not _URL.fullmatch(source):
                raise self.error(
                    column, source, "is not a source address (https://…); "
                    "separate several with spaces",
                )  # fmt: skip
        return found

    def build(self, factory: Callable[..., _Built], /, **fields: object) -> _Built:
        """``factory(**fields)``; a value the factory refuses is refused with the line."""
        try:
            return factory(**fields)
        except CommerceKitError as error:
            raise DataFileError(self.file, self.number, None, str(error)) from error


def package_files(package: str) -> Traversable:
    """The files of ``package`` (imported if it is not yet), as
    ``importlib.resources.files(package)`` gives them.

    A package installed as files on disk is its folder, the ``pathlib.Path`` that
    ``files`` itself returns for it; only a package loaded otherwise (from a zip file,
    by another loader) goes through ``importlib.resources``, which is imported then:
    with the ``tempfile`` and ``random`` modules it brings, it costs a quote from the
    command line some milliseconds it has no use for.
    """
    spec = import_module(package).__spec__
    loader = None if spec is None else spec.loader
    if (
        spec is not None
        and spec.submodule_search_locations is not None
        and isinstance(loader, SourceFileLoader | SourcelessFileLoader)
    ):
        return Path(loader.path).parent
    from importlib.resources import files  # noqa: PLC0415  # any other loader

    return files(package)


def read(package: str, name: str, *, columns: Sequence[str]) -> tuple[Line, ...]:
    """The data rows of ``package``'s bundled file ``_data/<name>``.

    The header must name every one of ``columns`` (it may name more); each row must
    have as many cells as the header.
    """
    text = package_files(package).joinpath(f"_data/{name}").read_text("utf-8")
    return lines_of(name.rsplit("/", 1)[-1], text, columns=columns)


def lines_of(file: str, text: str, *, columns: Sequence[str]) -> tuple[Line, ...]:
    """The data rows of a CSV ``text`` called ``file`` (the reader behind ``read``).

    Lines end at a line feed (or carriage return and line feed) only: a form feed or a
    line separator (U+2028) inside a note stays in the note. A cell never spans lines,
    so a stray ``"`` that opens a quoted cell is refused on its own line instead of
    swallowing the rows after it. A byte-order mark before the header (Excel writes
    one) is dropped.
    """
    physical = text.removeprefix("\ufeff").split("\n")
    if physical and not physical[-1]:
        physical.pop()  # the newline ending the last line
    rows = [
        (number, line.removesuffix("\r"))
        for number, line in enumerate(physical, 1)
        if not line.startswith("#")
    ]
    if not rows:
        raise DataFileError(file, None, None, "has no header line")
    at, first = rows[0]
    header = _cells(file, at, first, ())
    for column in columns:
        if column not in header:
            raise DataFileError(
                file, at, column, f"is missing from the header ({', '.join(header)})"
            )
    found = []
    for number, physical_line in rows[1:]:
        cells = _cells(file, number, physical_line, header)
        if len(cells) != len(header):
            raise DataFileError(
                file,
                number,
                None,
                f"has {len(cells)} cells where the header has {len(header)}; quote a "
                "cell that holds a comma",
            )
        found.append(Line(file, number, dict(zip(header, cells, strict=True))))
    return tuple(found)


def _cells(file: str, number: int, line: str, header: Sequence[str]) -> list[str]:
    """The cells of one line; a quote left open (a cell spanning lines), text after a
    closing quote or a lone carriage return is refused with the line and the column.

    A line without a quote, a carriage return or a NUL is its text between the commas,
    as the ``csv`` module reads it, without the reader it makes for each line (most
    rows of the bundled tables quote nothing)."""
    if line and '"' not in line and "\r" not in line and "\0" not in line:
        return line.split(",")
    try:
        return next(csv.reader([line], strict=True), [])
    except csv.Error:
        index, problem = _misquoted(line)
        column = header[index] if index < len(header) else None
        raise DataFileError(file, number, column, problem) from None


def _misquoted(line: str) -> tuple[int, str]:
    """Which cell of a line the csv module refused, and why, in a reader's words."""
    index, state = 0, "start"  # start, plain, quoted, closed (after a closing quote)
    for char in line:
        if state == "quoted":
            state = "closed" if char == '"' else state
        elif char == ",":
            index, state = index + 1, "start"
        elif char == "\r":
            return index, "holds a carriage return; end lines with \\n or \\r\\n only"
        elif state == "closed" and char != '"':
            return index, (
                'has text after its closing quote; write "" for a quote inside a '
                "quoted cell"
            )
        else:
            state = "quoted" if char == '"' and state in ("start", "closed") else "plain"
    return index, (
        "opens a quote that does not close on this line; a cell cannot span lines: "
        'close the quote, and write "" for a quote inside a quoted cell'
    )


_Item = TypeVar("_Item")

Period = tuple[_Item, date, date | None]
"""Something in force from a day (``since``) to a last day (``until``, ``None``: open)."""


def first_overlap(
    periods: Iterable[Period[_Item]],
) -> tuple[Period[_Item], Period[_Item]] | None:
    """The first two of ``periods`` that overlap in time (the earlier start first; on
    equal starts, the one given first), or ``None`` if none do.

    Sort-based, O(n log n): sorted by start, periods overlap somewhere exactly when two
    neighbours do (a period overlapping a later one overlaps the next).
    """
    ordered = sorted(periods, key=lambda period: period[1])  # stable: ties keep order
    for first, second in pairwise(ordered):
        if second[1] <= (first[2] or date.max):
            return first, second
    return None


def check_periods(
    rows: Iterable[tuple[Line, Hashable, date, date | None]],
) -> None:
    """Refuse a row that ends before it starts, or whose period overlaps another row's
    for the same key; each row is ``(line, key, since, until)``, ``until`` the last
    day in force (``None``: open). The overlap is refused at the later of the two lines.
    """
    by_key: dict[Hashable, list[Period[Line]]] = {}
    for line, key, since, until in rows:
        if until is not None and until < since:
            raise line.error("until", until.isoformat(), f"is before since ({since})")
        by_key.setdefault(key, []).append((line, since, until))
    for key, periods in by_key.items():
        found = first_overlap(periods)
        if found is not None:
            earlier, later = sorted(found, key=lambda period: period[0].number)
            raise later[0].error(
                "since",
                later[1].isoformat(),
                f"starts a period that overlaps line {earlier[0].number} "
                f"({earlier[1]}..{earlier[2] or 'open'}) for {_plain(key)}",
            )


def _plain(key: Hashable) -> str:
    """A key as a reader writes it: ``IS registration_threshold``, not its repr."""
    parts = key if isinstance(key, tuple) else (key,)
    return " ".join(
        str(part.value if isinstance(part, enum.Enum) else part) for part in parts
    )


def source_list(value: object, field: str = "sources") -> tuple[str, ...]:
    """A row's sources as a value object keeps them: one source (a URL or the name of
    an official document) or a non-empty list of them, as a tuple, primary first."""
    found = (value,) if isinstance(value, str) else value
    if isinstance(found, bytes | dict) or not isinstance(found, list | tuple):
        raise InvalidAmountError(
            value, f"is not a list of sources (argument {field!r}); pass a tuple of str"
        )
    if not found or any(not isinstance(s, str) or not s.strip() for s in found):
        raise InvalidAmountError(
            value, f"is not a list of sources (argument {field!r}): give one or more, "
            "each a URL or the name of an official document",
        )  # fmt: skip
    return tuple(found)
