"""The examples in ``docs/other-languages.md`` are what commercekit answers.

Each ```` ```json title="METHOD /path" ```` block is a request, and the
```` ```json title="STATUS Reason" ```` block after it the answer the page shows: the
request is sent to the real service on loopback (the ``client`` fixture of
``tests/test_service.py``) and the answer compared as ``docs/service.md``'s examples
are, shortened objects and arrays allowed (``_shown_in``); a 200's request and answer
are checked against the OpenAPI document too. The endpoint table names each endpoint's
schemas as the OpenAPI document does. The page's ``console`` blocks are run by
``tests/test_cli_docs.py`` with every other page's.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import httpx
import pytest

from commercekit.service import _endpoints as endpoints
from tests.test_service import (  # the fixtures and helpers docs/service.md's test uses
    _check_against_openapi,
    _shown_in,
    base_url,  # noqa: F401  # a fixture, used through ``client``
    client,  # noqa: F401  # a fixture
)

PAGE = Path(__file__).resolve().parent.parent / "docs" / "other-languages.md"
OPENAPI = json.loads(files("commercekit.service").joinpath("openapi.json").read_text())
_JSON_BLOCK = re.compile(r"^```json(?P<info>[^\n]*)\n(?P<body>.*?)^```", re.M | re.S)
_TITLE = re.compile(r'^ title="(?P<title>[^"]+)"$')
_ROW = re.compile(
    r"^\| `(?P<method>GET|POST) (?P<path>/[a-z-]*)` "
    r"\| (?P<request>[^|]+) \| (?P<answer>[^|]+) \|",
    re.M,
)

Exchange = tuple[str, str, str, int, Any]  # method, path, request text, status, answer


def _blocks() -> list[tuple[str, str]]:
    """Every ``json`` block of the page: its title and its text."""
    found = []
    for block in _JSON_BLOCK.finditer(PAGE.read_text("utf-8")):
        title = _TITLE.match(block["info"])
        assert title, f"a json block without a title: {block['body'][:60]!r}"
        found.append((title["title"], block["body"]))
    return found


def _exchanges() -> list[Exchange]:
    """Each request block (as written: a key given twice must reach the server twice)
    with the answer block after it; every block is one of them."""
    blocks = _blocks()
    exchanges = []
    for (asked, request), (answered, answer) in zip(blocks[::2], blocks[1::2], strict=True):
        method, path = asked.split()
        status = answered.split()[0]
        assert method in {"GET", "POST"}, asked
        assert status.isdigit(), answered
        json.loads(request)  # the request is JSON
        exchanges.append((method, path, request, int(status), json.loads(answer)))
    return exchanges


def _schema_name(schema: dict[str, Any]) -> str:
    return str(schema["$ref"]).rpartition("/")[2]


def test_the_page_has_requests_and_answers() -> None:
    assert len(_exchanges()) >= 3


@pytest.mark.parametrize(
    "exchange", _exchanges(), ids=lambda exchange: f"{exchange[0]} {exchange[1]}"
)
def test_each_example_is_what_the_server_answers(
    client: httpx.Client,  # noqa: F811  # the fixture imported above
    exchange: Exchange,
) -> None:
    method, path, text, status, shown = exchange
    response = client.request(
        method, path, content=text.encode(), headers={"content-type": "application/json"}
    )
    assert response.status_code == status, response.text
    assert _shown_in(response.json(), shown) == []
    if status == 200:
        _check_against_openapi(path, json.loads(text), response.json())
    else:
        assert response.headers["content-type"] == "application/problem+json"


def test_the_endpoint_table_names_the_schemas_of_the_openapi_document() -> None:
    rows = {
        (row["method"], row["path"]): (row["request"].strip(), row["answer"].strip())
        for row in _ROW.finditer(PAGE.read_text("utf-8"))
    }
    expected = {}
    for path, methods in OPENAPI["paths"].items():
        for method, operation in methods.items():
            if path == "/openapi.json":
                continue
            body = operation.get("requestBody", {}).get("content", {})
            answer = operation["responses"]["200"]["content"]["application/json"]
            expected[(method.upper(), path)] = (
                f"`{_schema_name(body['application/json']['schema'])}`"
                if body
                else "(none)",
                f"`{_schema_name(answer['schema'])}`",
            )
    assert rows == expected
    assert {("POST", path) for path, _ in endpoints.ENDPOINTS} <= rows.keys()
