"""The JSON boundary of ``commercekit prices`` (issue 18): its ``--markets`` and
``--rates`` files are JSON, swept as the quote request is (``tests/boundary.py``).

The files of docs/cli.md's example, changed one field at a time, priced against a
one-row catalog: every change refused as a whole exits 2 with one line naming the
file and a path the file holds or its schema has (``Market`` and ``RateTable`` in the
OpenAPI document), in words with no Python in them.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from commercekit.cli import main
from tests.boundary import Json, changes, fault

MARKETS: Json = {"markets": [
    {"code": "SE", "currency": "SEK", "tax_jurisdiction": "SE", "tax_inclusive": True,
     "price_point": {"step": "10", "endings": ["9"]}},
    {"code": "US", "currency": "USD"}]}  # fmt: skip
RATES: Json = {"base": "EUR", "rates": {"SEK": "11.20", "USD": "1.05"},
               "observed_at": "2026-11-25T16:00:00Z", "provider": "example"}  # fmt: skip
SCHEMAS: dict[str, Json] = {
    "markets": {"type": "object", "properties": {"markets": {
        "type": "array", "items": {"$ref": "#/components/schemas/Market"}}}},
    "rates": {"$ref": "#/components/schemas/RateTable"},
}  # fmt: skip


def _priced(folder: Path, markets: str, rates: str) -> tuple[int, str]:
    """The exit status and standard error of pricing a one-row catalog."""
    (folder / "markets.json").write_text(markets, "utf-8")
    (folder / "rates.json").write_text(rates, "utf-8")
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        status = main(
            ["prices", str(folder / "catalog.csv"), "--markets",
             str(folder / "markets.json"), "--rates", str(folder / "rates.json"),
             "--on", "2026-11-30", "-o", str(folder / "prices.csv"), "--quiet"],
            out=io.StringIO(),
        )  # fmt: skip
    return status, said.getvalue()


@pytest.mark.parametrize("which", SCHEMAS)
def test_every_refusal_of_a_json_file_names_its_path_in_json_words(
    which: str, tmp_path: Path
) -> None:
    (tmp_path / "catalog.csv").write_text("sku,price,currency\nTEE,20.00,EUR\n", "utf-8")
    assert _priced(tmp_path, json.dumps(MARKETS), json.dumps(RATES)) == (0, "")
    data = MARKETS if which == "markets" else RATES
    wrong = set()
    for text in changes(data, SCHEMAS[which]):
        files = (
            (text, json.dumps(RATES)) if which == "markets" else (json.dumps(MARKETS), text)
        )
        status, said = _priced(tmp_path, *files)
        if status == 0:
            continue
        head = f"commercekit: {tmp_path / f'{which}.json'}"
        if status != 2 or not said.startswith(head) or said.count("\n") != 1:
            wrong.add(f"exit {status}: {said[:300]}")
            continue
        field, _, words = said[len(head) :].removeprefix(": ").strip().partition(": ")
        whole = said[len(head)] == " "  # the file as a whole: "... must be {...}"
        found = None if whole else fault(SCHEMAS[which], text, field, words)
        if found:
            wrong.add(f"{field}: {found}\n    {words[:300]}")
    assert not wrong, "\n".join(sorted(wrong))
