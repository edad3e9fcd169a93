"""Reading a request from a file or from standard input (``-``).

Opening the file is the command line's business; what the bytes must be is
[`json_document`][commercekit.serde.json_document]'s, which names the file (or
"standard input") in every refusal. At most one byte over the limit is read, so a
100 MB file or an endless pipe costs no more than a request may be.
"""

from __future__ import annotations

import sys
from typing import Any

from commercekit.errors import InvalidJsonError
from commercekit.serde import MAX_REQUEST_BYTES, json_document

STDIN = "-"
"""The file name that means standard input, as for ``cat`` and ``jq``."""


def read_request(path: str) -> dict[str, Any]:
    """The request in the file ``path`` (``-``: standard input), parsed strictly."""
    if path == STDIN:
        return json_document(_read_stdin(), name="standard input")
    try:
        with open(path, "rb") as file:
            # One byte over the limit is enough for json_document to refuse it.
            raw = file.read(MAX_REQUEST_BYTES + 1)
    except OSError as error:
        why = error.strerror or "it cannot be opened"
        raise InvalidJsonError("", f"cannot read {path}: {why}") from None
    except ValueError:  # a NUL character, which no file name on disk holds
        raise InvalidJsonError("", f"cannot read {path!r}: no file has that name") from None
    return json_document(raw, name=path)


def _read_stdin() -> bytes:
    """Up to one byte over the limit from standard input, as bytes where it has them."""
    stream = sys.stdin
    if stream is None:  # started with standard input closed
        raise InvalidJsonError("", "cannot read standard input: it is closed")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data: bytes = buffer.read(MAX_REQUEST_BYTES + 1)
            return data
        return stream.read(MAX_REQUEST_BYTES + 1).encode("utf-8", "surrogatepass")
    except OSError as error:
        why = error.strerror or "it cannot be read"
        raise InvalidJsonError("", f"cannot read standard input: {why}") from None
