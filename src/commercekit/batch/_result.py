"""What a batch gives back: the rows it computed and the rows it refused."""

from __future__ import annotations

from typing import Any

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.batch._rejects import Rejections
from commercekit.batch._tables import TableKind, in_kind, kind_of, to_arrow
from commercekit.errors import InputKind, InvalidBatchError

__all__ = ["BatchResult", "result"]


def _table(value: object, field: str) -> None:
    # Only the kind matters: converting a large pandas frame just to check it would
    # cost about as much as the batch that made it.
    if kind_of(value) is None:
        to_arrow(value, field)  # raises, saying what a table is


@named_at_the_door
@attrs.frozen
class BatchResult:
    """The rows a batch computed and the rows it refused, both in the kind of table it
    was given (Arrow, Polars or pandas).

    ``rows`` holds one row per input row accepted, with the input row's position in
    ``row`` (or, for a batch that adds rows up, such as
    [`oss_return`][commercekit.batch.oss_return], one row per group, counting the input
    rows it adds in ``lines``); ``rejected`` one row per input row refused: ``row``, the
    input's key columns, the ``field`` that was wrong, the ``error`` class the per-call
    rule raises for it, and its ``message``. No input row is in both, and none is in
    neither.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    rows: Any = attrs.field(validator=lambda _, __, value: _table(value, "rows"))
    rejected: Any = attrs.field(validator=lambda _, __, value: _table(value, "rejected"))

    def __attrs_post_init__(self) -> None:
        if type(self.rows) is not type(self.rejected):
            raise InvalidBatchError.refused(
                "rejected",
                type(self.rejected).__name__,
                f"is not the same kind of table as rows ({type(self.rows).__name__})",
                kind=InputKind.TYPE,
            )

    @property
    def refused(self) -> int:
        """How many input rows were refused."""
        return len(self.rejected)


def result(
    rows: Any, rejections: Rejections, keys: Any, positions: Any, kind: TableKind
) -> BatchResult:
    """A [`BatchResult`][commercekit.batch.BatchResult] of the Arrow ``rows`` and the
    refusals, given back as ``kind``; ``keys`` and ``positions`` describe the input rows
    the refusals count (see ``Rejections.table``)."""
    return BatchResult(
        rows=in_kind(rows, kind),
        rejected=in_kind(rejections.table(keys, positions), kind),
    )
