"""Checks every table of dated rules must pass (cash rounding now; tax rates later).

A rule row has ``since``, ``until`` (last day in force, or None) and ``source``. For one
key, periods never overlap, every row has an official-looking source URL, and ``until``
is never before ``since``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from typing import Protocol


class DatedRow(Protocol):
    @property
    def since(self) -> date | None: ...
    @property
    def until(self) -> date | None: ...
    @property
    def source(self) -> str: ...


def assert_well_formed(key: object, rows: Sequence[DatedRow]) -> None:
    """No overlaps, sorted, sources present, periods not inverted."""
    assert rows, f"{key}: no rows"
    for row in rows:
        assert row.source.startswith(("https://", "http://")), f"{key}: no source URL"
        assert row.since is not None, f"{key}: a row without a start date"
        assert row.until is None or row.since <= row.until, f"{key}: period inverted"
    for earlier, later in itertools.pairwise(rows):
        assert earlier.until is not None, f"{key}: an open row is followed by another"
        assert earlier.until < later.since, f"{key}: {earlier} overlaps {later}"  # type: ignore[operator]
