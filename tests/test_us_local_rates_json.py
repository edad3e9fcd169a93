"""Local rates over JSON: the request's ``local_rates``, through serde, the CLI and HTTP.

The example request (``docs/examples/us-ny-local-rates.json``) is an order delivered in
New York City: two shirts at USD 50 and a coat at USD 120 (clothing) and a USD 10 mug.
The city (4.5 %) and the MCTD (0.375 %) follow the state's under-USD-110 exemption
(Publication 718-C lists New York City among the localities providing it): the shirts
pay nothing, the coat 8.875 % of 120.00 = 10.65, the mug 8.875 % of 10.00 = 0.89 (half
up); 11.54 in all, of which the state's 4 % on 130.00 = 5.20, the city's 5.85, the
MCTD's 0.49.
"""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import httpx
import jsonschema
import pytest

from commercekit.checkout import quote
from commercekit.cli import main
from commercekit.errors import InvalidJsonError, MissingDataError
from commercekit.serde import (
    quote_request_from_json,
    quote_request_to_json,
    quote_schema,
    quote_to_json,
    request_schema,
)
from commercekit.tax import BUNDLED, LocalRates, StateRatesOnly
from tests.test_service import base_url, client  # noqa: F401  # the server's fixtures

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples"
EXAMPLE = EXAMPLE / "us-ny-local-rates.json"


def _request() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    return data


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        request_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _check_figures(answer: dict[str, Any]) -> None:
    taxes = {line["sku"]: line["tax"]["amount"] for line in answer["lines"]}
    assert taxes == {"SHIRT": "0.00", "COAT": "10.65", "MUG": "0.89"}
    assert answer["tax"] == {"amount": "11.54", "currency": "USD"}
    parts: dict[str, str] = {}
    for row in answer["tax_summary"]:
        if row["amount"]["amount"] != "0.00":
            parts[row["tax"]] = row["amount"]["amount"]
    assert parts == {
        "sales tax": "5.20",
        "city: New York City": "5.85",
        "district: Metropolitan Commuter Transportation District": "0.49",
    }
    assert sum(Decimal(amount) for amount in parts.values()) == Decimal("11.54")
    assert answer["missing"] == []


def test_the_example_request_matches_the_schema_and_quotes_the_figures() -> None:
    data = _request()
    _validator().validate(data)
    cart, context = quote_request_from_json(data)
    assert isinstance(context.tax_rates, LocalRates)
    answer = json.loads(json.dumps(quote_to_json(quote(cart, context))))
    jsonschema.Draft202012Validator(quote_schema()).validate(answer)
    _check_figures(answer)


def test_the_request_round_trips_with_its_local_rates() -> None:
    cart, context = quote_request_from_json(_request())
    written = quote_request_to_json(cart, context)
    _validator().validate(written)
    assert written["local_rates"] == _request()["local_rates"]
    assert quote_request_from_json(json.loads(json.dumps(written))) == (cart, context)


def test_local_rates_over_a_plugins_source_are_not_written() -> None:
    cart, context = quote_request_from_json(_request())
    assert isinstance(context.tax_rates, LocalRates)
    wrapped = LocalRates("US-NY", context.tax_rates.local, source=StateRatesOnly())
    with pytest.raises(InvalidJsonError, match=r"^local_rates: wrap a plugin's"):
        quote_request_to_json(cart, attrs.evolve(context, tax_rates=wrapped))


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        index, key = path.split(".")
        data["local_rates"][int(index)][key] = value

    return change


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        (_set("0.rate", 4.5), "local_rates[0].rate", "is the JSON number 4.5"),
        (_set("0.rate", "20.5"), "local_rates[0].rate", "outside 0 to 20"),
        (_set("0.rate", "-1"), "local_rates[0].rate", "outside 0 to 20"),
        (_set("0.rate", "NaN"), "local_rates[0].rate", "not a decimal number"),
        (_set("0.rat", "1"), "local_rates[0].rat", "is not a known field"),
        (_set("1.name", ""), "local_rates[1].name", "is empty"),
        (_set("1.type", "borough"), "local_rates[1].type", "'county', 'city'"),
        (_set("1.as_of", "2025-02-30"), "local_rates[1].as_of", "not an ISO 8601 date"),
        (
            _set("1.categories", {"clothing": "maybe"}),
            "local_rates[1].categories['clothing']",
            "'follows_state_threshold'",
        ),
        (
            _set("1.categories", {"socks": "taxed"}),
            "local_rates[1].categories['socks']",
            "not a tax category",
        ),
        (lambda d: d["local_rates"][1].pop("source"), "local_rates[1].source", "missing"),
        (lambda d: d.update(local_rates=[]), "local_rates", "holds 0 local rates"),
        (
            lambda d: d["local_rates"].append(d["local_rates"][0]),
            "local_rates",
            "names one local tax twice",
        ),
        (
            lambda d: d["buyer"].update(subdivision="US-MA"),
            "local_rates",
            "given for a buyer in US-MA",
        ),
        (
            lambda d: d.update(buyer={"country": "DE"}),
            "local_rates",
            "given for a buyer in DE",
        ),
    ],
)
def test_bad_local_rates_are_refused_at_their_json_path(
    change: Callable[[dict[str, Any]], None], field: str, reason: str
) -> None:
    data = copy.deepcopy(_request())
    change(data)
    with pytest.raises(InvalidJsonError) as raised:
        quote_request_from_json(data)
    assert raised.value.field == field
    assert reason in str(raised.value)
    if field != "local_rates":  # the buyer's state is a rule across fields
        assert not _validator().is_valid(data)


def test_a_local_rate_silent_on_clothing_is_refused_by_its_name() -> None:
    data = _request()
    del data["local_rates"][1]["categories"]
    cart, context = quote_request_from_json(data)
    with pytest.raises(MissingDataError, match="Metropolitan Commuter Transportation"):
        quote(cart, context)
    answer = quote_to_json(quote(*quote_request_from_json(data | {"partial": True})))
    missing = "whether the district: Metropolitan Commuter Transportation District tax"
    assert answer["missing"] == [f"tax: {missing} (US-NY) taxes clothing"]


def test_the_cli_quotes_the_example(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["quote", str(EXAMPLE), "--format", "json"], out=out) == 0
    _check_figures(json.loads(out.getvalue()))
    text = io.StringIO()
    assert main(["quote", str(EXAMPLE)], out=text) == 0
    assert "city: New York City 4.5% (standard) on 130.00 USD: 5.85 USD" in text.getvalue()
    bad = _request()
    bad["local_rates"][0]["rate"] = "21"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), "utf-8")
    assert main(["quote", str(path)], out=io.StringIO()) != 0


def test_the_service_quotes_the_example_and_names_a_bad_field(
    client: httpx.Client,  # noqa: F811  # the fixture imported above
) -> None:
    answer = client.post("/quote", json=_request())
    assert answer.status_code == 200, answer.text
    _check_figures(answer.json())
    bad = _request()
    bad["local_rates"][1]["type"] = "borough"
    problem = client.post("/quote", json=bad)
    assert problem.status_code == 422
    assert problem.json()["field"] == "local_rates[1].type"
    silent = _request()
    del silent["local_rates"][0]["categories"]
    missing = client.post("/quote", json=silent)
    assert missing.status_code == 422
    assert (
        "whether the city: New York City tax (US-NY) taxes clothing"
        in (missing.json()["detail"])
    )


class _OwnRates:
    """A plug-in's rate source: no JSON form."""

    def rates_for(self, jurisdiction: str, category: str, *, on: Any) -> Any:
        return BUNDLED.rates_for(jurisdiction, category, on=on)


@pytest.mark.parametrize(
    "source",
    [_OwnRates(), StateRatesOnly(_OwnRates()), StateRatesOnly()],
    ids=["plugin", "state-only-plugin", "state-only-not-partial"],
)
def test_a_rate_source_a_request_cannot_carry_is_refused_by_name(source: object) -> None:
    """Before: the source was dropped and the request quoted the bundled tables."""
    cart, context = quote_request_from_json(_request())
    wrong = attrs.evolve(context, tax_rates=source)
    with pytest.raises(InvalidJsonError, match=r"^tax_rates: .*local_rates.*partial"):
        quote_request_to_json(cart, wrong)


def test_state_rates_only_on_a_partial_quote_is_the_partial_request() -> None:
    """The quote wraps its source in StateRatesOnly when partial; one given already
    (over the bundled tables or local rates) quotes the same figures from JSON."""
    cart, context = quote_request_from_json(_request())
    assert isinstance(context.tax_rates, LocalRates)
    for inner in (BUNDLED, context.tax_rates):
        given = attrs.evolve(context, tax_rates=StateRatesOnly(inner), partial=True)
        written = quote_request_to_json(cart, given)
        assert written["partial"] is True
        assert ("local_rates" in written) == (inner is not BUNDLED)
        again = quote_request_from_json(json.loads(json.dumps(written)))
        assert quote_to_json(quote(*again)) == quote_to_json(quote(cart, given))
