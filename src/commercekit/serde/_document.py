"""One JSON document read from outside: bounded, strict, and refused in one sentence.

Whatever carries a request in (a file, standard input, an HTTP body) hands its bytes
to [`json_document`][commercekit.serde.json_document], which gives back the JSON object
or raises [`InvalidJsonError`][commercekit.errors.InvalidJsonError]. Python's own
``json.loads`` accepts more than JSON and fails in more ways than one; this reader
closes each gap:

* a document over [`MAX_REQUEST_BYTES`][commercekit.serde.MAX_REQUEST_BYTES] is refused
  before it is parsed, so a 100 MB upload costs no more than the limit;
* a key given twice in one object is refused (RFC 8259 leaves the outcome to the
  reader; Python keeps the last, another language the first, so the two would quote
  different carts);
* ``NaN``, ``Infinity`` and ``-Infinity`` are not JSON (RFC 8259, section 6) and are
  refused rather than read as floats; a number beyond a float's range (``1e999``,
  ``1e-999``) keeps the text it was written as, so a refusal shows that, not ``inf``;
* arrays or objects nested beyond Python's recursion limit, and integers longer than
  Python converts (``sys.get_int_max_str_digits``), are refused by name rather than
  escaping as ``RecursionError`` or ``ValueError``;
* bytes must be UTF-8 (RFC 8259, section 8.1), and the document must be an object;
  a leading byte order mark, which some Windows editors write, is ignored as
  section 8.1 allows (Python's own message for it names a Python codec).

References:
    RFC 8259, The JavaScript Object Notation (JSON) Data Interchange Format:
    https://www.rfc-editor.org/rfc/rfc8259

Examples:
    >>> json_document(b'{"seller": {"country": "NL"}}')
    {'seller': {'country': 'NL'}}
    >>> json_document('{"seller": 1, "seller": 2}')
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidJsonError: seller: appears twice in one object; give each ...
    >>> json_document("[1, 2]", name="cart.json")
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidJsonError: cart.json holds a JSON array, not an object
"""

from __future__ import annotations

import json
import math
from typing import Any

from commercekit._json_words import WrittenNumber
from commercekit._words import with_article
from commercekit.errors import InvalidJsonError

MAX_REQUEST_BYTES = 10 * 1024 * 1024
"""The largest JSON document read, in bytes (10 MiB: a cart of tens of thousands of
lines)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _Twice(key)
        found[key] = value
    return found


class _Twice(Exception):  # noqa: N818  # a finding of the reader's, turned into a refusal
    """A key given twice in one object, found while parsing (before its path is known)."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


class _Marked(dict[str, Any]):
    """An object read with a key given twice: ``twice`` is the key."""

    twice = ""


def _marked(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            marked = _Marked(found)
            marked.twice = key
            return marked
        found[key] = value
    return found


def _path_of_twice(source: str, key: str) -> str:
    """The JSON path of the first key given twice in ``source`` (``cart.lines[0].sku``),
    found by reading it again with the objects marked; the key alone if it cannot be
    (no deeper than the first reading went, so no recursion escapes)."""
    try:
        data = json.loads(source, object_pairs_hook=_marked, parse_constant=str)
    except (ValueError, RecursionError):
        return key
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, _Marked):
            return f"{path}.{node.twice}" if path else node.twice
        if isinstance(node, dict):
            stack += [(f"{path}.{k}" if path else k, v) for k, v in reversed(node.items())]
        elif isinstance(node, list):
            stack += [(f"{path}[{i}]", v) for i, v in reversed(list(enumerate(node)))]
    return key


def _no_constant(constant: str) -> object:
    raise InvalidJsonError("", f"{constant} is not JSON; write numbers as decimal strings")


def _number(text: str) -> float:
    """A JSON number with a fraction or exponent; one a float cannot hold (``1e999``
    is ``inf``, ``1e-999`` is ``0.0``) keeps its text for a refusal to show."""
    value = float(text)
    mantissa = text.lower().partition("e")[0]
    lost = math.isinf(value) or (value == 0 and mantissa.strip("-0.") != "")
    return WrittenNumber(text) if lost else value


def _too_large(name: str) -> InvalidJsonError:
    """The refusal of a document over the limit, naming it (a file, a request body)."""
    return InvalidJsonError(
        "", f"{name} is larger than {MAX_REQUEST_BYTES:,} bytes, the most a request may be"
    )


def _text(document: object, name: str) -> str:
    """The document as text, once its size and encoding are known to be fine."""
    if isinstance(document, bytes | bytearray):
        if len(document) > MAX_REQUEST_BYTES:
            raise _too_large(name)
        try:
            return bytes(document).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidJsonError("", f"{name} is not UTF-8 text") from None
    if not isinstance(document, str):
        given = "None" if document is None else with_article(type(document).__name__)
        raise InvalidJsonError("", f"{name} must be JSON text (str or bytes), not {given}")
    # A character is one to four bytes of UTF-8: only text near the limit is encoded.
    if len(document) > MAX_REQUEST_BYTES or (
        len(document) * 4 > MAX_REQUEST_BYTES
        and len(document.encode("utf-8", "surrogatepass")) > MAX_REQUEST_BYTES
    ):
        raise _too_large(name)
    return document


def json_document(text: str | bytes, *, name: str = "the document") -> dict[str, Any]:
    """The JSON object in ``text`` (UTF-8 bytes or a ``str``), read strictly.

    ``name`` says what the document is in messages (``cart.json``, ``the request
    body``). Every way the document can be wrong raises one
    [`InvalidJsonError`][commercekit.errors.InvalidJsonError] whose message is one
    sentence: too large, not UTF-8, not JSON (with the line and column), a key given
    twice, ``NaN`` or ``Infinity``, nested too deeply, an integer too long to read, or
    JSON that is not an object.
    """
    if not isinstance(name, str) or not name:
        raise InvalidJsonError("", "name the document with non-empty text")
    source = _text(text, name).removeprefix("\ufeff")
    try:
        data = json.loads(
            source,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=_number,
        )
    except _Twice as twice:
        raise InvalidJsonError(
            _path_of_twice(source, twice.key),
            "appears twice in one object; give each key once",
        ) from None
    except json.JSONDecodeError as error:
        raise InvalidJsonError(
            "",
            f"{name} is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno}",
        ) from None
    except RecursionError:
        raise InvalidJsonError("", f"{name} nests arrays or objects too deeply") from None
    except InvalidJsonError:
        raise
    except ValueError:  # an integer of thousands of digits
        raise InvalidJsonError(
            "", f"{name} holds a number too long to read; amounts are decimal strings"
        ) from None
    if not isinstance(data, dict):
        raise InvalidJsonError("", f"{name} holds a JSON {_json_type(data)}, not an object")
    return data


def _json_type(value: object) -> str:
    """What JSON calls the value, not Python (an array, not a list)."""
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return "number"
