"""``commercekit quote``: a JSON request in, a table or a quote out; bad input exits 2."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from commercekit.checkout import QuoteLine
from commercekit.cli import MAX_REQUEST_BYTES, main
from commercekit.serde import converter, example_request, example_requests, quote_schema


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
        # = 81.08 EUR = 68.1072 GBP at 0.84, not rounded before the comparison (the
        # gross, 89.40 EUR, would be 75.10 GBP); shown to the penny, as it does not
        # sit on the limit.
        "81.08 EUR is 68.1072 GBP at 0.84",
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


def _with(path: tuple[str | int, ...], raw: str) -> str:
    """The example request as text, with ``raw`` JSON text at ``path``."""
    data = example_request("nl-to-de-consumer")
    parent: Any = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = "@@HERE@@"
    return json.dumps(data).replace('"@@HERE@@"', raw)


AMOUNT = ("cart", "lines", 0, "unit_price", "amount")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "nests arrays or objects too deeply"),
        (_with(AMOUNT, "9" * 5000), "holds a number too long to read"),
        (_with(AMOUNT, "NaN"), "NaN is not JSON"),
        (_with(("cart", "lines", 0, "sku"), '"TEE-\\ud800"'), "lone surrogate"),
        (_with(AMOUNT, "1e400"), "is the JSON number 1e400 (beyond the range of a number)"),
        (_with(AMOUNT, '"1E+999999"'), "is not a decimal number"),
        (_with(AMOUNT, '"9' + "9" * 30 + '"'), "is out of range"),
        (_with(AMOUNT, '"0.' + "0" * 60 + '1"'), "is out of range"),
        (
            _with(("products", "TEE-ORGANIC", "weight_kg"), '"1' + "0" * 20 + '"'),
            "is out of range",
        ),
        ('{"seller": 1, "seller": 2}', "seller: appears twice in one object"),
        ('{"cart": []}', "cart: is a JSON array"),
    ],
    ids=[
        "deep",
        "long-integer",
        "nan",
        "surrogate",
        "1e400",
        "exponent",
        "huge",
        "tiny",
        "huge-weight",
        "duplicate-key",
        "cart-array",
    ],
)
def test_hostile_files_are_one_line_on_stderr_exit_2_and_quick(
    content: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["quote", _write(tmp_path, content)], out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert words in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_REQUEST_BYTES + 1))
    assert main(["quote", str(path)], out=io.StringIO()) == 2
    assert "larger than 10,485,760 bytes" in capsys.readouterr().err


def test_a_missing_file_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["quote", str(tmp_path / "nope.json")]) == 2
    err = capsys.readouterr().err
    assert "cannot read" in err
    assert err.count("\n") == 1


def test_help_lists_the_quote_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([], out=io.StringIO()) == 2
    assert "quote" in capsys.readouterr().err


# The table says what the JSON quote knows: what is missing, every promotion once at
# its value, why a border charge is zero, the incoterm where it decides anything, and
# the lines in the order of the cart.


def _table(tmp_path: Path, data: Any) -> str:
    out = io.StringIO()
    assert main(["quote", _write(tmp_path, data)], out=out) == 0
    return out.getvalue()


def _rows(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


def _partial_us() -> Any:
    """The US order with no tariff, quoted partially: the border charges are missing."""
    data = example_request("nl-to-us-ddp")
    del data["tariff"]
    data["partial"] = True
    return data


def _ioss_to_de() -> Any:
    """A British shop selling to a German consumer under the IOSS: EU flat duty."""
    data = example_request("nl-to-de-consumer")
    data["seller"] = {"country": "GB", "registrations": ["IOSS"]}
    data["tariff"] = "example"
    del data["shipping"], data["warehouse"]  # the example's warehouse is Dutch
    del data["payment"]  # the example's fee schedule has no rows for a British shop
    return data


def test_a_partial_quote_says_first_what_it_leaves_out(tmp_path: Path) -> None:
    text = _table(tmp_path, _partial_us())
    rows = _rows(text)
    missing = rows.index("MISSING: a partial quote; its totals leave out")
    assert missing < next(i for i, row in enumerate(rows) if row.startswith("SKU qty"))
    assert rows[missing + 1].startswith(
        "border charges: missing a duty rate for 4901.99 from NL into US"
    )
    assert "Duties and import taxes\n  not computed: see MISSING above\n" in text
    assert rows[-1] == "(partial: without what is MISSING above)"
    complete = _table(tmp_path, example_request("nl-to-us-ddp"))
    assert "MISSING" not in complete
    assert "(partial:" not in complete


def test_rejected_promotions_and_unknown_coupon_codes_are_listed(tmp_path: Path) -> None:
    data = example_request("nl-to-de-consumer")
    data["cart"]["coupon_codes"] = ["WELCOME10", "BLACKFRIDAY"]
    text = _table(tmp_path, data)
    assert "rejected  TEES-3-FOR-2         not-started: it is valid from" in text
    assert "rejected  FREESHIP100          below-minimum: " in text
    assert "unknown   BLACKFRIDAY          no promotion has this coupon code" in text
    # A coupon code alone is reason enough for the section.
    data["promotions"] = []
    data["cart"]["coupon_codes"] = ["BLACKFRIDAY"]
    assert "Promotions\n  unknown   BLACKFRIDAY" in _table(tmp_path, data)


@pytest.mark.parametrize(
    ("request_data", "scheme"),
    [
        (example_request("nl-to-gb-consumer"), "UK low-value consignments (GBP 135)"),
        (_ioss_to_de(), "IOSS"),
    ],
    ids=["uk-135", "ioss"],
)
def test_import_vat_charged_at_sale_is_said_at_the_border(
    request_data: Any, scheme: str, tmp_path: Path
) -> None:
    rows = _rows(_table(tmp_path, request_data))
    at = rows.index("import tax 0.00 EUR")
    assert rows[at + 1] == (
        f"why: no import VAT/GST at the border: charged at sale under {scheme}"
    )


def test_no_import_vat_in_the_country_is_said_with_its_source(tmp_path: Path) -> None:
    rows = _rows(_table(tmp_path, example_request("nl-to-us-ddp")))
    at = rows.index("import tax 0.00 EUR")
    assert rows[at + 1 : at + 3] == [
        "why: no import VAT/GST in US",
        "https://www.cbp.gov/trade/programs-administration/entry-summary/valuation",
    ]


def test_free_shipping_is_shown_once_at_its_value(tmp_path: Path) -> None:
    # 4 tees and a book: 139.30, WELCOME10 takes 13.93, the rest is over 100.00, so
    # FREESHIP100 takes the 7.19 shipping charge off, and nothing more.
    data = example_request("nl-to-de-consumer")
    data["cart"]["lines"][0]["quantity"] = 4
    text = _table(tmp_path, data)
    rows = _rows(text)
    assert "applied FREESHIP100 -7.19 EUR off the shipping" in rows
    assert "applied WELCOME10 -13.93 EUR" in rows
    assert "shipping 7.19 EUR 7.19 EUR 0.00 EUR 0.00 EUR 0.00 EUR" in rows
    assert "14.38" not in text  # the 7.19 counted twice, as the table once did
    assert "total at checkout 125.37 EUR" in rows  # 89.82 + 35.55, shipping free


def test_a_shipping_discount_is_shown_once_at_its_value(tmp_path: Path) -> None:
    data = example_request("nl-to-de-consumer")
    data["cart"]["coupon_codes"] = []
    data["promotions"] = [
        {
            "id": "HALFSHIP",
            "offer": {"type": "percent_off", "percent": "50"},
            "promotion_class": "shipping",
        }
    ]
    text = _table(tmp_path, data)
    rows = _rows(text)
    # 50 % of 7.19 is 3.595, rounded to 3.60 off; 3.59 is left to pay (not 7.20 off).
    assert "applied HALFSHIP -3.60 EUR off the shipping" in rows
    assert "shipping 7.19 EUR 3.60 EUR 3.17 EUR 0.42 EUR 3.59 EUR" in rows
    assert "7.20" not in text


def test_a_zero_duty_says_which_rule_and_why(tmp_path: Path) -> None:
    rows = _rows(_table(tmp_path, example_request("nl-to-gb-consumer")))
    assert "duty on BOOK-ATLAS: 0.00 EUR (duty relief)" in rows
    assert "duty on TEE-ORGANIC: 0.00 EUR (duty relief)" in rows
    assert any(
        row.startswith("why: no duty: goods of 81.08 EUR within 135 GBP") for row in rows
    )
    assert not any(": - =" in row for row in rows)
    flat = _rows(_table(tmp_path, _ioss_to_de()))
    # One classification each (4901.99, 6109.10): EUR 3 each, not shared by value.
    assert "duty on BOOK-ATLAS: 3.00 EUR (EU flat duty)" in flat
    assert "duty on TEE-ORGANIC: 3.00 EUR (EU flat duty)" in flat
    assert any(
        row.startswith("why: low-value consignment (goods 70.96 EUR") for row in flat
    )
    tariff = _rows(_table(tmp_path, example_request("nl-to-us-ddp")))
    assert "duty on BOOK-ATLAS: 0% = 0.00 EUR (4901.99 at 0%)" in tariff
    assert "duty on TEE-ORGANIC: 16.5% = 12.35 EUR (6109.10 at 16.5%)" in tariff


@pytest.mark.parametrize(
    ("request_data", "incoterm"),
    [
        (example_request("nl-to-de-consumer"), None),
        (example_request("nl-to-fr-business"), None),
        ({**example_request("nl-to-de-consumer"), "incoterm": "DAP"}, None),
        (example_request("nl-to-gb-consumer"), "DDP"),
        (example_request("nl-to-us-ddp"), "DDP"),
        ({**example_request("nl-to-us-ddp"), "incoterm": "DAP"}, "DAP"),
        (_partial_us(), "DDP"),
    ],
    ids=["domestic-eu", "reverse-charge", "eu-dap", "gb", "us", "us-dap", "partial"],
)
def test_the_incoterm_is_shown_only_across_a_customs_border(
    request_data: Any, incoterm: str | None, tmp_path: Path
) -> None:
    header = _table(tmp_path, request_data).splitlines()[0]
    assert header.startswith("Quote at 2026-11-26T12:00:00+01:00 in EUR")
    if incoterm is None:
        assert "incoterm" not in header
    else:
        assert header.endswith(f"(incoterm {incoterm})")


def test_lines_are_printed_in_the_order_of_the_cart(tmp_path: Path) -> None:
    data = example_request("nl-to-gb-consumer")  # the cart lists the tee, then the book
    skus = [line["sku"] for line in data["cart"]["lines"]]
    assert skus == ["TEE-ORGANIC", "BOOK-ATLAS"]
    for order in (skus, skus[::-1]):
        data["cart"]["lines"].sort(key=lambda line: order.index(line["sku"]))
        rows = _rows(_table(tmp_path, data))
        assert [row.split(" ")[0] for row in rows if row.split(" ")[0] in order] == order
        # The JSON quote keeps the lines by SKU, each with its place in the cart.
        out = io.StringIO()
        assert main(["quote", _write(tmp_path, data), "--format", "json"], out=out) == 0
        lines = json.loads(out.getvalue())["lines"]
        assert [(line["sku"], line["position"]) for line in lines] == sorted(
            (sku, order.index(sku)) for sku in order
        )
        structured = [converter.structure(line, QuoteLine) for line in lines]
        assert [line.position for line in structured] == [
            line["position"] for line in lines
        ]
