"""The JSON boundary speaks JSON everywhere (issue 18): a sweep of every request field.

Each request below (the bundled examples; Tennessee's single article from
docs/us-sales-tax.md; a California county and district tax written as docs/json.md
writes local rates, at example figures; New York City's local rates from docs/examples;
India's inter-State goods and a Karnataka hotel stay as docs/selling-to-us-and-india.md
has them) is changed one field at a time: each field removed, each leaf written as
another JSON value (an array, an object, a fraction, ``"NaN"``, ``1e999``, ``true``,
``false``, an unknown code, a negative or huge number, an empty string, ``null``), each
choice as each of its schema's values, and each object given a key it does not have.
Every change the quote refuses must be refused as a JSON caller can use: a
``CommerceKitError`` (never a built-in exception, never a traceback), at a JSON path the
request schema has and the request holds (or where the missing value goes), in words
with no Python in them (``PYTHON_WORDS``). The sweep reads each changed request with the
readers the CLI and the HTTP service use and says its refusal as they say it
(``json_refusal``); a sample, as many as the Hypothesis profile asks, and one change of
each kind the quote's rules refuse are sent through ``commercekit quote`` and ``POST
/quote``, which must say it the same.
"""

from __future__ import annotations

import copy
import io
import json
import re
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commercekit._json_words import json_refusal
from commercekit._where import Located, applied
from commercekit.checkout import quote
from commercekit.cli import main
from commercekit.errors import CommerceKitError
from commercekit.serde import (
    QUOTE_REQUEST_WHERE,
    example_request,
    example_requests,
    json_document,
    quote_request_from_json,
    request_schema,
)
from commercekit.service._app import build_app

with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

Json = dict[str, Any]
Step = str | int
DOCS = Path(__file__).resolve().parent.parent / "docs"


def _us(state: str, sku: str, price: str, local: list[Json], **extra: Any) -> Json:
    return {
        "cart": {"lines": [{"sku": sku, "quantity": 1,
                            "unit_price": {"amount": price, "currency": "USD"}}]},
        "seller": {"country": "US", "registrations": [state]},
        "buyer": {"country": "US", "subdivision": state},
        "at": "2026-03-02T12:00:00-06:00",
        "prices_include_tax": False,
        "products": {sku: {"tax_category": "standard"}},
        "local_rates": local,
        **extra,
    }  # fmt: skip


REQUESTS: dict[str, Json] = {
    **{name: example_request(name) for name in example_requests()},
    # docs/us-sales-tax.md: a USD 5,000 television to Nashville (Davidson County)
    "us-tn-single-article": _us("US-TN", "TV", "5000.00", [
        {"name": "Davidson County", "type": "county", "rate": "2.25",
         "source": "example figure", "as_of": "2025-01-01",
         "single_article_limit": "1600.00"}]),
    # a lamp to Los Angeles: the county's 0.25% and its district taxes' 2.25%
    "us-ca-district": _us("US-CA", "LAMP", "40.00", [
        {"name": "Los Angeles County", "type": "county", "rate": "0.25",
         "source": "example figure", "as_of": "2025-04-01"},
        {"name": "Los Angeles County districts", "type": "district", "rate": "2.25",
         "source": "example figure", "as_of": "2025-04-01"}]),
    "us-ny-local-rates": json.loads((DOCS / "examples/us-ny-local-rates.json").read_text()),
    # docs/selling-to-us-and-india.md: Karnataka to Maharashtra (IGST), a hotel stay
    "in-goods": {
        "cart": {"lines": [{"sku": "KETTLE", "quantity": 2,
                            "unit_price": {"amount": "1999.00", "currency": "INR"}}]},
        "seller": {"country": "IN", "registrations": ["IN-KA"]},
        "buyer": {"country": "IN", "subdivision": "IN-MH"},
        "at": "2026-06-01T12:00:00+05:30", "prices_include_tax": False,
        "products": {"KETTLE": {"tax_category": "standard"}}},
    "in-hotel": {
        "cart": {"lines": [{"sku": "SUITE", "quantity": 2,
                            "unit_price": {"amount": "8000.00", "currency": "INR"}}]},
        "seller": {"country": "IN", "registrations": ["IN-KA"]},
        "buyer": {"country": "IN", "subdivision": "IN-MH"},
        "at": "2026-06-01T12:00:00+00:00", "prices_include_tax": False,
        "products": {"SUITE": {"tax_category": "accommodation", "rate_facts": {
            "unit_value_per_day": {"amount": "8000.00", "currency": "INR"}}}},
        "service_facts": {"kind": "immovable_property", "location": "IN-KA"}},
}  # fmt: skip
WRITTEN = ['[1]', '{"x": 1}', "1.5", '"NaN"', "1e999", "true", "false", '"QZ"', "-1",
           '"-1"', '"1e30"', "1" + "0" * 30, '""', "null"]  # fmt: skip
"""Each leaf in turn, as JSON text: ``1e999`` and ``"NaN"`` are what a JSON writer can
send for an infinity and a NaN (a bare ``NaN`` is not JSON, refused whole)."""
PYTHON_WORDS = re.compile(
    r"Traceback|\.py\b"  # a traceback, a source file
    r"|\b(?:None|True|False)\b"  # Python's literals; JSON writes null, true, false
    r"|\b[A-Z]\w*\("  # a call or a repr: Decimal('1'), Money(...), LocalRate(...)
    r"|\b[a-z]+_\w+\("  # a function: rates_for(...), round_money()
    r"|\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b"  # a class: TaxRateSource, RateFacts
    r"|(?<![\w?&=/.-])[a-z_]+=(?!=)"  # a keyword argument (not a URL's query)
    r"|\bpass\b|\(argument '"  # advice to a Python caller, its argument's name
    r"|\{'|<\w+\.\w+: |\bfrozenset\b|\b(?:str|int|tuple|dict)\b"  # Python's reprs, types
)
"""What a JSON caller cannot use: each a fault of the boundary where it is said."""
_SENTINEL = "\x00changed"


def _resolve(schema: Json, node: Json) -> list[Json]:
    """``node`` and the alternatives it stands for (``$ref``, ``anyOf``, ``oneOf``)."""
    if "$ref" in node:
        return _resolve(schema, schema["$defs"][node["$ref"].rsplit("/", 1)[1]])
    found = [node]
    for alternatives in (node.get("anyOf", ()), node.get("oneOf", ())):
        found += [one for option in alternatives for one in _resolve(schema, option)]
    return found


_KEYED = "additionalProperties"
"""An object keyed by the caller's names (``products``): what each value is."""


def _schema_at(steps: tuple[Step, ...]) -> list[Json]:
    """The request schema's descriptions of the value at ``steps`` (none: no such
    field)."""
    schema = request_schema()
    nodes = _resolve(schema, schema)
    for step in steps:
        below: list[Json] = []
        for node in nodes:
            if isinstance(step, int) and isinstance(node.get("items"), dict):
                below += _resolve(schema, node["items"])
            elif isinstance(step, str) and step in node.get("properties", {}):
                below += _resolve(schema, node["properties"][step])
            elif isinstance(step, str) and isinstance(keyed := node.get(_KEYED), dict):
                below += _resolve(schema, keyed)
        nodes = below
    return nodes


_STEP = re.compile(r"\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")


def _steps(path: str) -> tuple[Step, ...] | None:
    """A path as commercekit writes it (``products['MUG'].weight_kg``), in steps."""
    steps: list[Step] = []
    at = 0
    while at < len(path):
        part = _STEP.match(path, at)
        if part is None:
            return None
        name, index, key = part.groups()
        steps.append(int(index) if index else name if name else key)
        at = part.end()
    return tuple(steps)


def _leaves(node: object, path: tuple[Step, ...] = ()) -> Iterator[tuple[Step, ...]]:
    """Every field's path, containers included, the document's own ``$schema`` not."""
    if path:
        yield path
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(
        node, list) else ()  # fmt: skip
    for key, value in items:
        if key != "$schema":
            yield from _leaves(value, (*path, key))


def _changed(data: Json, steps: tuple[Step, ...], written: str | None) -> str:
    """``data`` as JSON text with ``written`` at ``steps`` (``None``: the field removed)."""
    changed = copy.deepcopy(data)
    node: Any = changed
    for step in steps[:-1]:
        node = node[step]
    if written is None:
        del node[steps[-1]]
        return json.dumps(changed)
    node[steps[-1]] = _SENTINEL
    return json.dumps(changed).replace(json.dumps(_SENTINEL), written)


def _changes(data: Json) -> Iterator[str]:
    for steps in _leaves(data):
        value: object = data
        for step in steps:
            value = _at(value, step)
        yield _changed(data, steps, None)
        if isinstance(value, dict):
            yield _changed(data, (*steps, "zz_unknown"), "1")
            continue
        choices = {c for node in _schema_at(steps) for c in node.get("enum", ())}
        for written in [*WRITTEN, *(json.dumps(choice) for choice in sorted(choices))]:
            yield _changed(data, steps, written)
    yield _changed(data, ("zz_unknown",), "1")


def told(text: str) -> tuple[str | None, str] | None:
    """What the CLI and HTTP say of the request ``text``: the field refused and the
    refusal in the caller's words (``None``: quoted)."""
    try:
        cart, context = quote_request_from_json(json_document(text))
        applied(lambda: quote(cart, context), QUOTE_REQUEST_WHERE)
    except Located as located:
        return located.field, json_refusal(located.error)
    except CommerceKitError as error:
        return getattr(error, "field", None), json_refusal(error)
    return None


@cache
def refusals() -> tuple[tuple[str, str, str, str], ...]:
    """Every refused change: the request's name, its text, the field and the words."""
    found = []
    for name, data in REQUESTS.items():
        assert told(json.dumps(data)) is None, name  # each request itself is quoted
        for text in _changes(data):
            said = told(text)
            if said is not None:
                found.append((name, text, said[0] or "", said[1]))
    return tuple(found)


_GONE = object()


def _at(data: object, step: Step) -> object:
    """The value at ``step`` in ``data`` (``_GONE``: none there)."""
    if isinstance(data, dict) and isinstance(step, str):
        return data.get(step, _GONE)
    if isinstance(data, list) and isinstance(step, int) and step < len(data):
        return data[step]
    return _GONE


def _holds(data: object, steps: tuple[Step, ...]) -> bool:
    for step in steps:
        data = _at(data, step)
    return data is not _GONE


_QUOTED = re.compile(r"'[^'(){}=]*'|\"[^\"]*\"")
"""A value quoted as given or as JSON writes it: the caller's words, not Python's."""


def _fault(text: str, field: str, words: str) -> str | None:
    """What is wrong with refusing ``text`` so, or ``None``."""
    steps = _steps(field)
    data = json.loads(text)
    if not field:
        return "names no field"
    if steps is None or not (_holds(data, steps) or _schema_at(steps)):
        return f"names {field!r}, no field of the request or its schema"
    if not _holds(data, steps):  # where a missing value goes: in an item it has
        gone = next(at for at in range(len(steps)) if not _holds(data, steps[: at + 1]))
        if any(isinstance(step, int) for step in steps[gone:]):
            return f"names {field!r}, an item the request does not have"
    python = sorted(set(PYTHON_WORDS.findall(_QUOTED.sub("…", words))))
    return f"says {python} to a JSON caller" if python else None


@pytest.mark.parametrize("name", REQUESTS)
def test_every_refusal_names_a_request_field_in_json_words(name: str) -> None:
    faults = [
        f"{field}: {fault}\n    {words[:400]}"
        for request, text, field, words in refusals()
        if request == name and (fault := _fault(text, field, words))
    ]
    assert not faults, f"{len(faults)} refusals:\n" + "\n".join(sorted(set(faults)))


def test_the_sweep_reaches_the_rules_as_well_as_the_readers() -> None:
    """Refusals by the quote's rules are among those swept, at many fields."""
    fields = {field for _, _, field, _ in refusals()}
    assert {"local_rates", "local_rates[0].single_article_limit", "buyer.postcode",
            "prices_include_tax", "service_facts.location"} <= fields  # fmt: skip


CLIENT = TestClient(build_app())


def _said_alike(
    text: str, field: str, words: str, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``commercekit quote`` and ``POST /quote`` refuse ``text`` as the sweep says:
    exit 2 and one line ``commercekit: FIELD: WORDS``; a 4xx problem with ``field``
    and the same words as ``detail``."""
    line = words if words.startswith(f"{field}: ") else f"{field}: {words}"
    path.write_text(text, "utf-8")
    assert main(["quote", str(path)], out=io.StringIO()) == 2
    assert capsys.readouterr().err == f"commercekit: {line}\n"
    answer = CLIENT.post(
        "/quote", content=text, headers={"content-type": "application/json"}
    )
    problem = answer.json()
    assert answer.status_code in {400, 422}, problem
    assert (problem.get("field"), problem["detail"]) == (field, words)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_cli_and_http_say_what_the_sweep_says(
    data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Any refused change, as many as the Hypothesis profile asks."""
    _, text, field, words = data.draw(st.sampled_from(refusals()))
    _said_alike(text, field, words, tmp_path / "request.json", capsys)


def test_the_cli_and_http_say_each_rules_refusal_as_the_sweep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each kind of refusal by the quote's rules (after the request was read, where
    the CLI and HTTP name the field themselves), one change for each."""
    kinds = {
        (name, re.sub(r"\d+", "#", field), re.sub(r"'[^']*'|\d+", "#", words)[:60]): (
            text, field, words)
        for name, text, field, words in refusals()
        if not words.startswith(f"{field}: ")
    }  # fmt: skip
    assert len(kinds) > 100
    for text, field, words in kinds.values():
        _said_alike(text, field, words, tmp_path / "request.json", capsys)
