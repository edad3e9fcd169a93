"""Every out-of-range number in a request is refused naming its own JSON path: each
numeric field of each endpoint's example (a count, or a decimal written as a string)
set to 10^12, to -10^12 and (for a decimal) to 1e30, is either answered or refused
with a 422 whose ``field`` is that number's path, the Money holding it (``.amount``),
or the list or mapping it is an item of (``endings[0]``: ``endings``). Before, a cart
line's quantity of 10^12 was refused by the sale's own limit with no field at all."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.test_service_fields import CLIENT, EXAMPLES, _leaves, _put

_PART = re.compile(r"[^.\[\]]+|\[\d+\]")
_CODES = {"hs_code"}  # digits that name a heading, not a number


def _at(body: dict[str, Any], path: str) -> object:
    node: Any = body
    for part in _PART.findall(path):
        node = node[int(part[1:-1])] if part.startswith("[") else node[part]
    return node


def _numbers() -> Iterator[tuple[str, str, object]]:
    for endpoint, body in sorted(EXAMPLES.items()):
        for leaf in _leaves(body):
            value = _at(body, leaf)
            if _PART.findall(leaf)[-1] in _CODES or isinstance(value, bool):
                continue
            if isinstance(value, int):
                wrong: tuple[object, ...] = (10**12, -(10**12))
            elif isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
                wrong = ("1" + "0" * 12, "-1" + "0" * 12, "1e30")
            else:
                continue
            for number in wrong:
                yield endpoint, leaf, number


def _named(field: str) -> str:
    """A path as the tests' leaves spell it: ``products['TEE']`` as ``products.TEE``."""
    return re.sub(r"\['([^']*)'\]", r".\1", field)


def _accepted(leaf: str) -> set[str]:
    parent = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", leaf)
    names = {leaf}
    if leaf.endswith(".amount"):
        names.add(parent)  # the Money holding the amount
    if re.search(r"\[\d+\]$", leaf) or parent.endswith(".rates"):
        names.add(parent)  # the list or mapping holding the item
    return names


NUMBERS = list(_numbers())


def test_the_examples_have_numbers_to_probe() -> None:
    """The probe reaches quantities, weights, amounts and rates of several endpoints."""
    leaves = {leaf for _, leaf, _ in NUMBERS}
    assert "cart.lines[0].quantity" in leaves
    assert len({endpoint for endpoint, _, _ in NUMBERS}) >= 4


@pytest.mark.parametrize(("endpoint", "leaf", "number"), NUMBERS)
def test_an_out_of_range_number_is_refused_at_its_path(
    endpoint: str, leaf: str, number: object
) -> None:
    answer = CLIENT.post(endpoint, json=_put(EXAMPLES[endpoint], leaf, number))
    if answer.status_code == 200:
        return
    problem = answer.json()
    assert answer.status_code == 422, problem
    assert _named(problem.get("field") or "") in _accepted(leaf), problem


def test_a_quantity_of_a_trillion_names_the_cart_line() -> None:
    body = _put(EXAMPLES["/quote"], "cart.lines[0].quantity", 10**12)
    problem = CLIENT.post("/quote", json=body).json()
    assert (problem["error"], problem["field"]) == (
        "InvalidAmountCountError",
        "cart.lines[0].quantity",
    )
