"""Rows the batch path refuses: each one reported with the error the per-call rule would
raise, never dropped and never a whole-batch crash."""

from __future__ import annotations

from typing import Any

from commercekit.batch._tables import arrow, numpy
from commercekit.errors import CommerceKitError

__all__ = ["Rejections"]

_VERBS = ("is ", "are ", "has ", "have ", "must ")


def _with_subject(field: str, message: object) -> object:
    """A message that begins with its verb (``"is missing: ..."``) is about ``field``,
    which becomes its subject (``"supply is missing: ..."``)."""
    if isinstance(message, str) and message.startswith(_VERBS):
        return f"{field} {message}"
    return message


class Rejections:
    """Per-row refusals for a batch of ``size`` rows: the first refusal of a row wins
    (the per-call rule stops at its first failed check, too)."""

    def __init__(self, size: int) -> None:
        np = numpy()
        self.size = size
        self.refused = np.zeros(size, dtype=bool)
        self._field: Any = None  # made at the first refusal: most batches have none
        self._error: Any = None
        self._message: Any = None

    def _made(self) -> None:
        if self._field is None:
            np = numpy()
            self._field = np.full(self.size, None, dtype=object)
            self._error = np.full(self.size, None, dtype=object)
            self._message = np.full(self.size, None, dtype=object)

    @property
    def accepted(self) -> Any:
        """A boolean mask of the rows not refused so far."""
        return ~self.refused

    def refuse(
        self, mask: Any, field: str, error: CommerceKitError | type, message: Any
    ) -> None:
        """Refuse the rows of ``mask`` not already refused: ``field`` was wrong, with the
        error class of ``error`` and ``message`` (one text, or one per row of ``mask``)."""
        np = numpy()
        if np.ndim(mask) == 0 and not mask:  # no row to refuse (a bound proved it)
            return
        new = np.asarray(mask, dtype=bool) & ~self.refused
        if not new.any():
            return
        name = (error if isinstance(error, type) else type(error)).__name__
        self._made()
        self._field[new] = field
        self._error[new] = name
        if isinstance(message, str):
            self._message[new] = _with_subject(field, message)
        else:
            given = np.asarray(message, dtype=object)[new]
            said = {text: _with_subject(field, text) for text in set(given.tolist())}
            self._message[new] = np.asarray([said[text] for text in given], dtype=object)
        self.refused |= new

    def table(self, keys: Any, rows: Any) -> Any:
        """The refused rows as an Arrow table: ``row`` (the row's position in the
        input), the ``keys`` columns copied from the input (a table of ``size`` rows),
        then ``field``, ``error`` (the error class) and ``message``."""
        pa, np = arrow(), numpy()
        where = np.flatnonzero(self.refused)
        columns = {"row": pa.array(np.asarray(rows)[where], type=pa.int64())}
        for name in keys.column_names:
            columns[name] = keys.column(name).take(pa.array(where))
        for name, values in (
            ("field", self._field),
            ("error", self._error),
            ("message", self._message),
        ):
            chosen = [] if values is None else values[where].tolist()  # None: no refusal
            columns[name] = pa.array(chosen, type=pa.string())
        return pa.table(columns)

    def take(self, where: Any) -> Rejections:
        """The refusals of the rows ``where`` (an index array, or ``None`` for every
        row), as the refusals of a batch of those rows in that order."""
        np = numpy()
        chosen = slice(None) if where is None else np.asarray(where)
        part = Rejections(0)
        part.refused = self.refused[chosen].copy()
        part.size = len(part.refused)
        if self._field is not None and part.refused.any():
            part._field = self._field[chosen].copy()
            part._error = self._error[chosen].copy()
            part._message = self._message[chosen].copy()
        return part
