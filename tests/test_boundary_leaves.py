"""Every leaf of every example request, corrupted in turn, is refused at its own JSON
path (issue 18), through ``commercekit.serde``, the ``commercekit quote`` command and
the HTTP service alike.

Each leaf (a string, number, true/false or null in the request) is replaced by a value
of the wrong type, a float, a bool, the string "NaN", a number out of range, a blank
string, an unknown code, a negative number and null. Many of these are still valid
for some leaves (a name may be "QZ"); a request that is refused must name the leaf, or
a path inside it (an array given where a number goes is named at its first item), or
the one other place listed in ``ELSEWHERE`` with the reason that place is the right
one: the nearest meaningful ancestor where the leaf is part of a compound value, or
the field a cross-reference points at. A refusal of the rules (after the request was
read) is named as the CLI and the HTTP service name it, by
``commercekit.serde.QUOTE_REQUEST_WHERE``.
"""

from __future__ import annotations

import copy
import io
import json
import re
import warnings
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from commercekit.checkout import quote
from commercekit.cli import main
from commercekit.errors import CommerceKitError
from commercekit.serde import (
    QUOTE_REQUEST_WHERE,
    example_request,
    example_requests,
    quote_request_from_json,
)
from commercekit.service._app import build_app
from tests.test_payment_json import _contract, _german_shop
from tests.test_rate_facts_json import _request as _hotel_stay
from tests.test_service_fields import US_QUOTE

with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CLIENT = TestClient(build_app())
Json = dict[str, Any]
Step = str | int


def _inline_card() -> Json:
    """The German example with the first bundled rate card written in the request
    (its numbers as JSON strings, as a request writes decimals)."""
    text = files("commercekit.shipping").joinpath("_data/example_rate_cards.json")
    cards = json.loads(text.read_text("utf-8"), parse_float=str)["cards"]
    data = example_request("nl-to-de-consumer")
    data["shipping"]["rate_cards"] = cards[:1]
    return data


EXAMPLES: dict[str, Json] = {
    **{name: example_request(name) for name in example_requests()},
    "us-local-rates": copy.deepcopy(US_QUOTE),
    "india-hotel": _hotel_stay(),
    "fee-schedule": _contract(_german_shop()),
    "rate-card": _inline_card(),
}
CORRUPT: dict[str, object] = {
    "wrong type": [1],
    "float": 1.5,
    "bool": True,
    "NaN": "NaN",
    "out of range": "1e30",
    "blank": "  ",
    "unknown code": "QZ",
    "negative": "-1",
    "null": None,
}
_MAPS = {"products", "rates", "brackets", "per_extra_kg", "remote_postcodes", "categories"}
"""The request's objects keyed by the caller's names (named ``['KEY']`` in a path)."""

ELSEWHERE = [
    # (the leaf, the path named instead, why that place is the one to name)
    (r"cart\.lines\[\d+\]\.sku", r"products\['.*'\]",
     "a SKU the products do not describe: named where its product facts go"),
    (r"(shipping\.rate_cards\[\d+\])\.zones\[\d+\]\.name", r"\1\.brackets\['.*'\]",
     "a zone renamed has no price brackets: named where its brackets go"),
    (r"shipping\.rate_cards\[\d+\]\.service", r"shipping\.service",
     "the service the request chose is then on no card: the choice is named"),
    (r"(.*\.postcodes\[\d+\])\[\d\]", r"\1",
     "a postcode range's ends are compared (one length, low before high): the range"),
    (r"(promotions\[\d+\]\.offer\.tiers\[\d+\])\.percent", r"\1",
     "a tier gives exactly one of percent and amount: the tier"),
    (r"buyer\.subdivision", r"local_rates",
     "local rates given for a buyer in no US state: the local rates are named"),
    (r"payment\.fee_schedule\[0\]\.provider", r"payment\.fee_schedule\[1\]\.provider",
     "the first row names the schedule's provider: the first row that differs is named"),
    (r"(products\['.*'\])\.hs_code", r"\1\.excise",
     "no HS code: nothing says a product's kind of goods, which regimes ask: its excise"),
]  # fmt: skip


def _leaves(node: object, path: tuple[Step, ...] = ()) -> Iterator[tuple[Step, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "$schema":
                yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def _path(steps: tuple[Step, ...]) -> str:
    """``steps`` as commercekit writes a JSON path (``products['MUG'].weight_kg``)."""
    text = ""
    for at, step in enumerate(steps):
        if isinstance(step, int):
            text += f"[{step}]"
        elif at and steps[at - 1] in _MAPS:
            text += f"[{step!r}]"
        else:
            text += f".{step}" if text else step
    return text


def _put(data: Json, steps: tuple[Step, ...], value: object) -> Json:
    changed = copy.deepcopy(data)
    node: Any = changed
    for step in steps[:-1]:
        node = node[step]
    node[steps[-1]] = value
    return changed


def _named(data: Json) -> str | None:
    """The path a refusal of ``data`` names (``None``: accepted), read and quoted in
    process; a refusal of the rules named as the CLI and HTTP name it."""
    try:
        cart, context = quote_request_from_json(data)
    except CommerceKitError as error:
        return str(getattr(error, "field", None))
    try:
        quote(cart, context)
    except CommerceKitError as error:
        return str(QUOTE_REQUEST_WHERE.field_of(error))
    return None


def _fits(leaf: str, named: str) -> bool:
    if named == leaf or named.startswith((f"{leaf}[", f"{leaf}.")):
        return True
    for pattern, instead, _ in ELSEWHERE:
        found = re.fullmatch(pattern, leaf)
        held = re.escape(found[1]) if found and found.groups() else ""
        if found and re.fullmatch(instead.replace(r"\1", held), named):
            return True
    return False


def _refusals(data: Json) -> Iterator[tuple[str, str, Json, str]]:
    """Each leaf's path, the corruption's name, the corrupted request and the path its
    refusal names, for each corruption refused."""
    for steps in _leaves(data):
        for name, value in CORRUPT.items():
            corrupted = _put(data, steps, value)
            named = _named(corrupted)
            if named is not None:
                yield _path(steps), name, corrupted, named


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_corrupted_leaf_is_refused_at_its_own_path(example: str) -> None:
    assert _named(EXAMPLES[example]) is None  # the example itself is quoted
    refused = list(_refusals(EXAMPLES[example]))
    wrong = [f"{leaf} ({how}) named {named!r}" for leaf, how, _, named in refused
             if not _fits(leaf, named)]  # fmt: skip
    assert not wrong, "\n".join(wrong)
    refused_at = {leaf for leaf, *_ in refused}
    free = {_path(steps) for steps in _leaves(EXAMPLES[example])} - refused_at
    assert not free  # every leaf refuses some corruption (a note too: it is text)


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_cli_and_http_name_the_same_path_as_serde(
    example: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each leaf's first refused corruption: the problem's ``field`` and the command's
    one line name what ``commercekit.serde`` (and the quote's mapping) names."""
    first: dict[str, tuple[Json, str]] = {}
    for leaf, _, corrupted, named in _refusals(EXAMPLES[example]):
        first.setdefault(leaf, (corrupted, named))
    path = tmp_path / "request.json"
    for leaf, (corrupted, named) in first.items():
        problem = CLIENT.post("/quote", json=corrupted).json()
        assert problem["status"] in {400, 422}, problem
        assert problem.get("field") == named, (leaf, problem)
        path.write_text(json.dumps(corrupted))
        assert main(["quote", str(path)], out=io.StringIO()) == 2
        said = capsys.readouterr().err
        detail = problem["detail"]  # a value refused says its path first already
        line = detail if detail.startswith(f"{named}: ") else f"{named}: {detail}"
        assert said == f"commercekit: {line}\n", (leaf, said)
