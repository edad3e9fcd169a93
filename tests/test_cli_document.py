"""``serde.json_document``: the raw-JSON reader under the command line (a file, standard
input) and the HTTP service. Each refusal is one ``InvalidJsonError`` whose message is
one sentence naming the document, and never shows Python's insides."""

from __future__ import annotations

from typing import Any

import pytest

from commercekit.errors import InvalidJsonError
from commercekit.serde import MAX_REQUEST_BYTES, json_document
from tests.test_json_boundary import PYTHON_WORDS


def test_an_object_is_read_from_bytes_and_from_text() -> None:
    assert json_document(b'{"a": ["1.50", null]}') == {"a": ["1.50", None]}
    assert json_document('{"caf\u00e9": "\u20ac"}') == {"caf\u00e9": "\u20ac"}


def test_a_byte_order_mark_is_ignored_as_rfc_8259_allows() -> None:
    assert json_document(b'\xef\xbb\xbf{"a": "1"}') == {"a": "1"}
    assert json_document('\ufeff{"a": "1"}') == {"a": "1"}


def test_the_limit_is_10_mib_and_a_document_of_exactly_that_size_is_read() -> None:
    assert MAX_REQUEST_BYTES == 10 * 1024 * 1024
    padded = b"{}" + b" " * (MAX_REQUEST_BYTES - 2)
    assert json_document(padded) == {}
    assert json_document(padded.decode()) == {}


@pytest.mark.parametrize(
    ("document", "words"),
    [
        (b"{}" + b" " * (MAX_REQUEST_BYTES - 1), "body is larger than 10,485,760 bytes"),
        ("{}" + " " * (MAX_REQUEST_BYTES - 1), "body is larger than 10,485,760 bytes"),
        # 3.5 MiB of characters, 10.5 MiB of UTF-8: the limit counts bytes.
        ('{"a": "' + "\u20ac" * (MAX_REQUEST_BYTES // 3) + '"}', "larger than"),
        (b'{"a": "\xff"}', "body is not UTF-8 text"),
        (b"", "body is not valid JSON: Expecting value at line 1, column 1"),
        (b'{"a": 1,}', "not valid JSON: "),  # the wording is Python's, by version
        (b'{"a": 1, "a": 1}', "a: appears twice in one object; give each key once"),
        (b'{"a": {"b": 1, "b": 2}}', "b: appears twice"),
        (b'{"a": NaN}', "NaN is not JSON; write numbers as decimal strings"),
        (b'{"a": -Infinity}', "-Infinity is not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "body nests arrays or objects too deeply"),
        (b'{"a": ' + b"9" * 5000 + b"}", "body holds a number too long to read"),
        (b"[]", "body holds a JSON array, not an object"),
        (b'"text"', "body holds a JSON string, not an object"),
        (b"null", "body holds a JSON null, not an object"),
        (b"true", "body holds a JSON boolean, not an object"),
        (b"1.5", "body holds a JSON number, not an object"),
        (None, "body must be JSON text (str or bytes), not None"),
        (1.5, "body must be JSON text (str or bytes), not a float"),
    ],
    ids=[
        "large-bytes",
        "large-text",
        "large-in-utf-8",
        "not-utf-8",
        "empty",
        "trailing-comma",
        "duplicate-key",
        "nested-duplicate",
        "nan",
        "infinity",
        "deep",
        "long-integer",
        "array",
        "string",
        "null",
        "boolean",
        "number",
        "none",
        "float",
    ],
)
def test_each_way_a_document_is_wrong_is_one_sentence(document: Any, words: str) -> None:
    with pytest.raises(InvalidJsonError) as refused:
        json_document(document, name="the request body")
    message = str(refused.value)
    assert words in message
    assert "\n" not in message
    assert not [word for word in PYTHON_WORDS if word in message]


def test_the_document_is_named_the_document_unless_named() -> None:
    with pytest.raises(InvalidJsonError, match=r"^the document is not UTF-8 text$"):
        json_document(b"\x80")
    with pytest.raises(InvalidJsonError, match="name the document"):
        json_document(b"{}", name="")
