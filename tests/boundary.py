"""The JSON boundary sweep's tools, for every endpoint and command that reads JSON.

A request is changed one field at a time (``changes``): each field removed, each leaf
written as another JSON value (``WRITTEN``), each choice as each value its schema
allows, each object given a key it does not have. ``told`` applies an endpoint's
function to a changed request as the CLI and the HTTP service do, and says its refusal
as they say it (``json_refusal``); ``fault`` says what is wrong with a refusal: no
field, a field neither the request nor its schema has, or Python's words
(``PYTHON_WORDS``). The schemas are the ones shipped: the quote request's JSON Schema
and the OpenAPI document's request bodies.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from importlib.resources import files
from typing import Any

from commercekit._json_words import json_refusal
from commercekit._where import Located
from commercekit.errors import CommerceKitError
from commercekit.serde import json_document, request_schema

Json = dict[str, Any]
Step = str | int

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
_QUOTED = re.compile(r"'[^'(){}=]*'|\"[^\"]*\"")
"""A value quoted as given or as JSON writes it: the caller's words, not Python's."""
_SENTINEL = "\x00changed"
_KEYED = "additionalProperties"
"""An object keyed by the caller's names (``products``): what each value is."""


def python_words(words: str) -> list[str]:
    """Python's words in a text a JSON caller reads, outside the values it quotes."""
    return sorted(set(PYTHON_WORDS.findall(_QUOTED.sub("…", words))))


@cache
def _openapi() -> Json:
    document: Json = json.loads(
        files("commercekit.service").joinpath("openapi.json").read_text("utf-8")
    )
    return document


def request_root(endpoint: str) -> Json:
    """The schema of ``endpoint``'s request body (``/quote``: the quote request's)."""
    return _openapi()["paths"][endpoint]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]  # type: ignore[no-any-return]


def _resolve(node: Json) -> list[Json]:
    """``node`` and the alternatives it stands for (``$ref`` in either document,
    ``anyOf``, ``oneOf``)."""
    if "$ref" in node:
        ref: str = node["$ref"]
        if ref.endswith("quote-request.schema.json"):
            return _resolve(request_schema())
        name = ref.rsplit("/", 1)[1]
        defs = request_schema()["$defs"] if "/$defs/" in ref else None
        return _resolve(defs[name] if defs else _openapi()["components"]["schemas"][name])
    found = [node]
    for alternatives in (node.get("anyOf", ()), node.get("oneOf", ())):
        found += [one for option in alternatives for one in _resolve(option)]
    return found


def schema_at(root: Json, steps: tuple[Step, ...]) -> list[Json]:
    """The descriptions of the value at ``steps`` below the schema ``root`` (none: no
    such field). An object whose schema lists no properties and does not close itself
    (the OpenAPI document's ``seller``) admits any key, as JSON Schema reads it."""
    nodes = _resolve(root)
    for step in steps:
        below: list[Json] = []
        for node in nodes:
            if isinstance(step, int) and isinstance(node.get("items"), dict):
                below += _resolve(node["items"])
            elif isinstance(step, str) and step in node.get("properties", {}):
                below += _resolve(node["properties"][step])
            elif isinstance(step, str) and isinstance(keyed := node.get(_KEYED), dict):
                below += _resolve(keyed)
            elif isinstance(step, str) and _open(node):
                below.append({})
        nodes = below
    return nodes


def _open(node: Json) -> bool:
    return node.get("type") == "object" and "properties" not in node and _KEYED not in node


_STEP = re.compile(r"\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")


def steps_of(path: str) -> tuple[Step, ...] | None:
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


def leaves(node: object, path: tuple[Step, ...] = ()) -> Iterator[tuple[Step, ...]]:
    """Every field's path, containers included, the document's own ``$schema`` not."""
    if path:
        yield path
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(
        node, list) else ()  # fmt: skip
    for key, value in items:
        if key != "$schema":
            yield from leaves(value, (*path, key))


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


def changes(data: Json, root: Json) -> Iterator[str]:
    """``data`` changed one field at a time, as JSON texts; ``root`` its schema."""
    for steps in leaves(data):
        value: object = data
        for step in steps:
            value = _at(value, step)
        yield _changed(data, steps, None)
        if isinstance(value, dict):
            yield _changed(data, (*steps, "zz_unknown"), "1")
            continue
        choices = {c for node in schema_at(root, steps) for c in node.get("enum", ())}
        for written in [*WRITTEN, *(json.dumps(choice) for choice in sorted(choices))]:
            yield _changed(data, steps, written)
    yield _changed(data, ("zz_unknown",), "1")


def told(answer: Callable[[Json], object], text: str) -> tuple[str | None, str] | None:
    """What the CLI and HTTP say when ``answer`` (an endpoint's function) refuses the
    request ``text``: the field refused and the refusal in the caller's words
    (``None``: answered). Any other exception is said as a traceback would name it,
    a fault of the boundary."""
    try:
        answer(json_document(text))
    except Located as located:
        return located.field, json_refusal(located.error)
    except CommerceKitError as error:
        return getattr(error, "field", None), json_refusal(error)
    except Exception as error:  # the fault the sweep reports
        return "", f"Traceback: {type(error).__name__}: {error}"
    return None


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


def fault(root: Json, text: str, field: str, words: str) -> str | None:
    """What is wrong with refusing ``text`` (a request of the schema ``root``) so, or
    ``None``."""
    steps = steps_of(field)
    data = json.loads(text)
    if not field:
        return "names no field"
    if steps is None or not (_holds(data, steps) or schema_at(root, steps)):
        return f"names {field!r}, no field of the request or its schema"
    if not _holds(data, steps):  # where a missing value goes: in an item it has
        gone = next(at for at in range(len(steps)) if not _holds(data, steps[: at + 1]))
        if any(isinstance(step, int) for step in steps[gone:]):
            return f"names {field!r}, an item the request does not have"
    python = python_words(words)
    return f"says {python} to a JSON caller" if python else None


def faults(found: Iterator[tuple[Json, str, str, str]]) -> list[str]:
    """Each distinct fault among refusals ``(root, text, field, words)``, with an
    example of its words."""
    return sorted(
        {
            f"{field}: {wrong}\n    {words[:400]}"
            for root, text, field, words in found
            if (wrong := fault(root, text, field, words))
        }
    )
