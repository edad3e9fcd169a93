"""The JSON boundary speaks JSON: a refusal names the field by its full path, says
what was found and how to write it, and never shows Python (a class name, an
``AttributeError``, ``NoneType``). Platform plugins in other languages read these.

The sweep reuses the hostile suite's walker over the bundled requests
(``tests/test_hostile.py``), which checks that nothing escapes; this one checks what
the refusal says and where it points.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from commercekit.errors import InputKind, InvalidJsonError
from commercekit.serde import example_request, example_requests, quote_request_from_json
from tests.test_hostile import _paths, _replaced

_DEEP: Any = []
for _ in range(1000):
    _DEEP = [_DEEP]

HOSTILE_JSON: tuple[tuple[str, Any], ...] = (
    ("null", None),
    ("true", True),
    ("1", 1),
    ("1.5", 1.5),
    ('""', ""),
    ('"x"', "x"),
    ("[]", []),
    ("{}", {}),
    ("[null]", [None]),
    ("1000-deep array", _DEEP),
)

PYTHON_WORDS = (
    "Error:",
    "Error'",
    "NoneType",
    "object has no attribute",
    "_Product",
    "_Shipping",
    "_Request",
    "Traceback",
    "<class",
    "cattrs",
)
"""Words that show Python's insides, not the JSON a plugin wrote."""

ABOVE_BY_DESIGN = {
    # "percent" and "amount" are each optional; giving neither is the tier's fault.
    ("promotions", 0, "offer", "tiers", 0, "percent"),
}
"""Paths whose refusal the schema puts on the object above: a rule across fields."""

_STEP = re.compile(r"\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")


def steps(field: str) -> tuple[str | int, ...]:
    """An error's field (``products['TEE'].origin``) as the path the walker uses."""
    found: list[str | int] = []
    position = 0
    while position < len(field):
        match = _STEP.match(field, position)
        assert match, f"{field!r} is not a JSON path"
        name, index, key = match.groups()
        found.append(int(index) if index is not None else name or key)
        position = match.end()
    return tuple(found)


def _refusal(data: Any) -> InvalidJsonError | None:
    try:
        quote_request_from_json(data)
    except InvalidJsonError as refused:
        return refused
    return None


def _wrong(path: tuple[str | int, ...], label: str, refused: InvalidJsonError) -> str:
    message = str(refused)
    where = ".".join(str(step) for step in path)
    shown = [word for word in PYTHON_WORDS if word in message]
    if shown:
        return f"{where}={label}: shows {shown}: {message}"
    field = steps(refused.field)
    beneath = field[: len(path)] == path
    above = path[: len(field)] == field and path in ABOVE_BY_DESIGN
    if not (beneath or above):
        return f"{where}={label}: refused at {refused.field!r}: {message}"
    return ""


def test_every_refusal_speaks_json_and_names_its_field() -> None:
    """Each field of each bundled request, given each hostile JSON value: read, or
    refused with an InvalidJsonError at that path (or beneath it) free of Python."""
    wrong: list[str] = []
    seen: set[tuple[str | int, ...]] = set()
    refusals = 0
    for name in example_requests():
        document = example_request(name)
        for path in _paths(document):
            if path in seen:
                continue
            seen.add(path)
            for label, value in HOSTILE_JSON:
                refused = _refusal(_replaced(document, path, value))
                if refused is not None:
                    refusals += 1
                    wrong.append(_wrong(path, label, refused))
    assert refusals > 600
    assert [line for line in wrong if line] == []


def _with(path: tuple[str | int, ...], value: Any) -> InvalidJsonError:
    data = _replaced(example_request("nl-to-de-consumer"), path, value)
    with pytest.raises(InvalidJsonError) as refused:
        quote_request_from_json(data)
    return refused.value


@pytest.mark.parametrize(
    ("path", "value", "field", "kind", "words"),
    [
        (("products",), [], "products", InputKind.LIST, "is a JSON array; expected a"),
        (("cart", "lines"), None, "cart.lines", InputKind.LIST, "JSON value null"),
        (("cart", "lines"), {}, "cart.lines", InputKind.LIST, "is a JSON object"),
        (("cart", "lines"), [], "cart.lines", InputKind.LIST, "at least one"),
        (("products", "TEE-ORGANIC"), [], "products['TEE-ORGANIC']", InputKind.TYPE,
         "object with tax_category and optionally hs_code"),
        (("shipping",), [], "shipping", InputKind.TYPE, "object with rate_cards"),
        (("seller", "registrations"), "OSS", "seller.registrations", InputKind.LIST,
         "is the string 'OSS'; expected a JSON array"),
        (("seller", "registrations"), {}, "seller.registrations", InputKind.LIST,
         "is a JSON object"),
        (("seller", "registrations"), [1, 2], "seller.registrations[0]",
         InputKind.TEXT, "JSON number 1"),
        (("seller", "registrations"), ["OSS", "QQ"], "seller.registrations[1]",
         InputKind.PLACE, "'QQ'"),
        (("cart", "lines", 0, "unit_price", "currency"), 5,
         "cart.lines[0].unit_price.currency", InputKind.TEXT, "ISO 4217"),
        (("cart", "lines", 0, "unit_price", "currency"), "XXX",
         "cart.lines[0].unit_price.currency", InputKind.TEXT, "ISO 4217"),
        (("buyer", "tax_id"), 5, "buyer.tax_id", InputKind.TEXT, "expected a string"),
        (("buyer", "subdivision"), "ZZ-99", "buyer.subdivision", InputKind.PLACE,
         "'ZZ-99'"),
        (("shipping", "rate_cards"), "nope", "shipping.rate_cards", InputKind.CHOICE,
         '"examples"'),
        (("shipping", "rate_cards"), {}, "shipping.rate_cards", InputKind.LIST,
         "JSON array of at least one"),
        (("shipping", "service"), "", "shipping.service", InputKind.TEXT,
         "write a non-empty string"),
        (("products", "TEE-ORGANIC", "hs_code"), "x", "products['TEE-ORGANIC'].hs_code",
         InputKind.AMOUNT, "'x'"),
        (("products", "TEE-ORGANIC", "tax_category"), _DEEP,
         "products['TEE-ORGANIC'].tax_category", InputKind.CHOICE, "tax category"),
        (("$schema",), 5, "$schema", InputKind.TEXT, "expected a string"),
    ],
)  # fmt: skip
def test_each_fault_the_review_found(
    path: tuple[str | int, ...], value: Any, field: str, kind: InputKind, words: str
) -> None:
    refused = _with(path, value)
    assert (refused.field, refused.kind) == (field, kind), str(refused)
    assert words in refused.reason
    assert not [word for word in PYTHON_WORDS if word in str(refused)]


def test_a_rate_card_name_is_a_choice_of_one() -> None:
    assert _with(("shipping", "rate_cards"), "nope").choices == ("examples",)


def test_a_tax_id_without_a_prefix_says_what_to_write_in_json() -> None:
    refused = _with(("buyer", "tax_id"), "136695976")
    assert refused.field == "buyer.tax_id"
    assert refused.kind is InputKind.TEXT
    assert "country=" not in refused.reason
    assert '"DE136695976"' in refused.reason
    assert 'buyer\'s "country"' in refused.reason


def test_a_tier_with_neither_percent_nor_amount_shows_the_json() -> None:
    data = example_request("nl-to-de-consumer")
    data["promotions"][0]["offer"] = {"type": "tiered", "tiers": [{"minimum": 2}]}
    with pytest.raises(InvalidJsonError) as refused:
        quote_request_from_json(data)
    assert refused.value.field == "promotions[0].offer.tiers[0]"
    assert '"percent" (such as "10")' in refused.value.reason
    assert "Tier(" not in refused.value.reason
