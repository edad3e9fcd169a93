"""``commercekit quote``: a JSON request in, a table or a quote out; bad input exits 2."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from commercekit.cli import main
from commercekit.serde import example_request, example_requests, quote_schema


def _write(tmp_path: Path, data: Any, name: str = "cart.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    return str(path)


# What each example must show: the decision, the tax, the border charges, the total.
KEY_FIGURES = {
    "nl-to-de-consumer": [
        "oss_union: DE tax",
        "VAT 19% (standard)",
        "VAT 7% (reduced)",
        "applied   WELCOME10",
        "rejected  FREESHIP100          below-minimum",
        "total at checkout             87.65 EUR",
    ],
    "nl-to-fr-business": [
        "intra_community_supply: FR tax, accounted for by buyer",
        "FR40303265045",
        "applied   BULK-TEES            -14.97 EUR",
        "total at checkout            141.92 EUR",
    ],
    "nl-to-gb-consumer": [
        "low_value_at_sale: GB tax, accounted for by seller",
        "VAT 20% (standard)",
        # Measured without the UK VAT charged at sale: TEE 49.90 - 8.32 + BOOK 39.50
        # = 81.08 EUR = 68.11 GBP at 0.84 (the gross, 89.40 EUR, would be 75.10 GBP).
        "68.11 GBP, not over 135 GBP",
        "total at checkout            102.37 EUR",
    ],
    "nl-to-us-ddp": [
        "export: no VAT/GST at checkout",
        "duty on TEE-ORGANIC: 16.5% = 12.35 EUR",
        "the seller collects at checkout: 12.35 EUR",
        "the buyer pays at delivery:      0.00 EUR",
        "total at checkout            148.35 EUR",
    ],
}


@pytest.mark.parametrize("name", example_requests())
def test_each_example_prints_its_key_figures(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    assert main(["quote", _write(tmp_path, example_request(name))], out=out) == 0
    text = out.getvalue()
    for figure in KEY_FIGURES[name]:
        assert figure in text, figure
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("name", example_requests())
def test_json_format_prints_a_quote_matching_the_schema(name: str, tmp_path: Path) -> None:
    out = io.StringIO()
    path = _write(tmp_path, example_request(name))
    assert main(["quote", path, "--format", "json"], out=out) == 0
    written = json.loads(out.getvalue())
    jsonschema.Draft202012Validator(quote_schema()).validate(written)
    assert written["grand_total"]["currency"] == "EUR"


def _bad(change: str) -> Any:
    data = example_request("nl-to-de-consumer")
    if change == "float":
        data["cart"]["lines"][0]["unit_price"]["amount"] = 24.95
    elif change == "missing":
        del data["seller"]
    elif change == "country":
        data["buyer"]["country"] = "XY"
    elif change == "currency":
        data["cart"]["lines"][0]["unit_price"]["currency"] = "EUX"
    elif change == "tax_id":
        data["buyer"]["tax_id"] = "FR00000000000"
    elif change == "mixed":
        data["cart"]["lines"][0]["unit_price"]["currency"] = "USD"
    return data


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"cart": [', "is not valid JSON"),
        ("[1, 2]", "not an object"),
        (_bad("float"), "cart.lines[0].unit_price.amount: is the JSON number 24.95"),
        (_bad("missing"), "seller: is missing"),
        (_bad("country"), "buyer.country: 'XY' is not an ISO 3166-1 alpha-2"),
        (_bad("currency"), "cart.lines[0].unit_price.currency: 'EUX' is not an ISO 4217"),
        (_bad("tax_id"), "buyer.tax_id: 'FR00000000000' is not a valid FR VAT number"),
        (_bad("mixed"), "cannot mix in one cart"),
    ],
    ids=[
        "malformed",
        "array",
        "float",
        "missing",
        "country",
        "currency",
        "tax-id",
        "mixed",
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(
    content: Any, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    assert main(["quote", _write(tmp_path, content)], out=out) == 2
    err = capsys.readouterr().err
    assert err.startswith("commercekit: ")
    assert words in err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert out.getvalue() == ""


def test_a_missing_file_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["quote", str(tmp_path / "nope.json")]) == 2
    err = capsys.readouterr().err
    assert "cannot read" in err
    assert err.count("\n") == 1


def test_help_lists_the_quote_command() -> None:
    out = io.StringIO()
    assert main([], out=out) == 0
    assert "quote" in out.getvalue()
