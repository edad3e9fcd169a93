"""Every public callable refuses hostile input cleanly, in time, in any decimal context.

The surface is read from each package's ``__all__`` (see ``tests/hostile``), so a new
public name fails ``test_every_public_callable_has_a_valid_call`` until it is given a
valid call, and is then covered by every hostile value the day it is added.

``python -m tests.hostile`` prints the counts.
"""

from __future__ import annotations

import decimal
import functools
import importlib
import inspect
import json
import re
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

import attrs
import pytest

from commercekit.checkout import quote
from commercekit.errors import CommerceKitError
from commercekit.serde import example_request, example_requests, quote_request_from_json
from tests.hostile import (
    PACKAGES,
    Call,
    Hostile,
    Outcome,
    Parameter,
    parameters_of,
    public_callables,
    run_package,
    timed,
    valid_by_design,
)
from tests.hostile.unnamed import UNNAMED


def calls_of(package: str) -> ModuleType:
    return importlib.import_module(f"tests.hostile.{package}")


def rules_of(package: str) -> Callable[[str, Parameter, Hostile], str | None]:
    extra: dict[tuple[str, str], tuple[frozenset[str], str]] = getattr(
        calls_of(package), "VALID_BY_DESIGN", {}
    )

    def rules(name: str, parameter: Parameter, hostile: Hostile) -> str | None:
        shared = valid_by_design(name, parameter, hostile)
        if shared is not None:
            return shared
        names, reason = extra.get((name, parameter.name), (frozenset(), ""))
        return reason if hostile.name in names else None

    return rules


def invoke(name: str, target: Callable[..., Any], valid: Call) -> Any:
    function = valid.target or target
    return function(*valid.args, **valid.kwargs)


@functools.cache
def swept(package: str) -> tuple[Outcome, ...]:
    """Every hostile call over the package, run once for the tests that judge it."""
    return tuple(run_package(package, calls_of(package).CALLS, rules_of(package)))


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_callable_has_a_valid_call(package: str) -> None:
    surface = set(public_callables(package))
    calls = set(calls_of(package).CALLS)
    assert surface - calls == set(), "give each new public name a valid call"
    assert calls - surface == set(), "these are no longer public"


@pytest.mark.parametrize("package", PACKAGES)
def test_the_valid_calls_are_valid(package: str) -> None:
    calls = calls_of(package).CALLS
    for name, target in public_callables(package).items():
        invoke(name, target, calls[name]())


@pytest.mark.parametrize("package", PACKAGES)
def test_hostile_input_is_refused_cleanly_and_in_time(package: str) -> None:
    outcomes = swept(package)
    wrong = [
        f"{o.name}({o.parameter}={o.hostile}): {o.result} {o.detail}"
        for o in outcomes
        if o.result in {"escape", "slow", "silent accept"}
    ]
    assert outcomes
    assert wrong == [], "\n".join(wrong)


_PATH = re.compile(r"[a-z_][a-z0-9_]*(?:\[[^\]]*\]|\.[a-z_][a-z0-9_]*)*")
"""An argument, or a path into one: ``lines``, ``lines[0]``, ``lines[0].unit_price``."""


def _root(field: str) -> str:
    """The argument a field names: ``lines`` for ``lines[0].unit_price``; a label that
    is no argument or path (``each of reasons``, ``coupon codes``) is kept whole."""
    if not _PATH.fullmatch(field):
        return field
    return re.split(r"[\[.]", field, maxsplit=1)[0]


def _named(outcome: Outcome) -> set[str]:
    """The arguments a refusal names: its error's ``field`` where it carries one, else
    the ``name=`` its message starts with and its ``(argument 'name')``."""
    if outcome.field is not None:
        return {_root(outcome.field)} if outcome.field else set()
    message = outcome.detail
    found = {_root(name) for _, name in re.findall(r"\(argument (['\"])(.*?)\1\)", message)}
    start = re.match(r"([a-z_][a-z0-9_]*)(?:\[\d+\])?=", message)
    return found | ({start.group(1)} if start else set())


def _mentions(message: str, argument: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(argument)}(?!\w)", message) is not None


def _forwarded(target: Callable[..., Any]) -> frozenset[str]:
    """``target``'s ``*arguments`` and ``**keywords``, which it hands on to a function
    it is given: their refusals name that function's own arguments."""
    try:
        found = inspect.signature(target).parameters.values()
    except (TypeError, ValueError):
        return frozenset()
    return frozenset(p.name for p in found if p.kind in {p.VAR_POSITIONAL, p.VAR_KEYWORD})


def misnamed(outcome: Outcome, parameters: frozenset[str]) -> str | None:
    """What is wrong with the names a refusal gives, or None.

    A refusal of a value given as argument X that names an argument names X (or, for
    a refusal of two arguments that disagree, names the other and mentions X), and
    never names one the call does not have: a figure the rule computed
    (``inventory_position``), a check's own word (``class``) or a label
    (``each of reasons``). At the JSON boundary the field is a path in the document.
    """
    if outcome.error == "InvalidJsonError" and outcome.field:
        return None
    named = _named(outcome)
    argument = outcome.parameter.removesuffix("[0]")
    foreign = sorted(named - parameters)
    if foreign:
        return f"names {', '.join(map(repr, foreign))}, which it has no argument for"
    if named and argument not in named and not _mentions(outcome.detail, argument):
        return f"names {', '.join(map(repr, sorted(named)))}, not {argument!r}"
    return None


def _names_it_may_give(surface: dict[str, Callable[..., Any]], name: str) -> frozenset[str]:
    """A callable's arguments; a method's also the fields of the object it is called
    on, whose own data may be what disagrees with the argument
    (``CheckoutContext.product(sku)``: its ``products`` have no such SKU)."""
    owner = name.rpartition(".")[0]
    own = parameters_of(surface[owner]) if owner in surface else frozenset()
    return parameters_of(surface[name]) | own


NAMES_ITS_FIGURE = {
    ("localize_price", "base_price"): "names the figure out of range (price, fee, net, "
    "with_tax) as its field, which the batch path's rejected rows share row for row "
    "(tests/test_localize_range.py); the message says it is base_price converted",
}
"""Refusals that name a figure by design, and why; each must still occur."""


@pytest.mark.parametrize("package", PACKAGES)
def test_a_refusal_names_the_argument_it_refuses(package: str) -> None:
    """Each refusal in the sweep names the argument the hostile value was given as,
    never a figure the rule worked out from it nor a word of the check's own."""
    surface = public_callables(package)
    allowed = {name: _names_it_may_give(surface, name) for name in surface}
    forwarded = {name: _forwarded(target) for name, target in surface.items()}
    wrong = sorted(
        {
            f"{o.name}({o.parameter}={o.hostile}): {problem}: {o.detail[:120]}"
            for o in swept(package)
            if o.result == "refused"
            and o.parameter.removesuffix("[0]") not in forwarded[o.name]
            for problem in [misnamed(o, allowed[o.name])]
            if problem is not None
        }
    )
    by_design = {key for key in NAMES_ITS_FIGURE if key[0] in surface}
    found = {
        key for key in by_design if any(w.startswith(f"{key[0]}({key[1]}=") for w in wrong)
    }
    assert found == by_design, "no longer names its figure: drop it from NAMES_ITS_FIGURE"
    wrong = [w for w in wrong if not any(w.startswith(f"{n}({a}=") for n, a in by_design)]
    assert wrong == [], "\n".join(wrong)


CHECKERS = frozenset({"require_money", "to_decimal", "check_category", "check_hs_code"})
"""Checks whose argument is the value checked: the caller names it (``what``, or in the
caller's own refusal), so their ``value`` would name nothing the caller wrote."""


def _unnamed_by_design(outcome: Outcome) -> bool:
    """A refusal that names no argument because no name would mean anything."""
    return outcome.name in CHECKERS or outcome.error in UNNAMED_ERRORS


UNNAMED_ERRORS = frozenset(
    {
        # The JSON readers name JSON paths; a document refused whole is at its root.
        "InvalidJsonError",
        # Two amounts that disagree, none in a currency the others do not share:
        # either may be the wrong one, and the message names both currencies.
        "CurrencyMismatchError",
    }
)


@pytest.mark.parametrize("package", PACKAGES)
def test_every_refusal_names_the_argument(package: str) -> None:
    """Each refusal in the sweep names an argument (its ``field``, ``name=``,
    ``(argument 'name')``) or says the argument's name, except by design
    (``_unnamed_by_design``) and those ``tests/hostile/unnamed.py`` still lists."""
    surface = public_callables(package)
    unnamed = {
        (o.name, o.parameter.removesuffix("[0]"))
        for o in swept(package)
        if o.result == "refused"
        and not _named(o)
        and not _mentions(o.detail, o.parameter.removesuffix("[0]"))
        and not _unnamed_by_design(o)
    }
    listed = {pair for pair in UNNAMED if pair[0] in surface}
    assert unnamed - listed == set(), "name the argument (or list it with a reason)"
    assert listed - unnamed == set(), "named now: drop these from tests/hostile/unnamed.py"


def _asks_for_its_field(converter: object) -> bool:
    check = getattr(converter, "converter", converter)  # an attrs.Converter's function
    code = getattr(check, "__code__", None)
    told = code is not None and code.co_varnames[1:2] == ("field",)
    return told and getattr(check, "__defaults__", None) == ("",)


@pytest.mark.parametrize("package", PACKAGES)
def test_every_field_check_is_told_its_field(package: str) -> None:
    """A value object whose field converts through a check waiting to be told the
    field's name (``field: str = ""``) is built with ``named_fields``, which tells it;
    without it the check would name no argument."""
    wrong = [
        f"{name}.{field.name}"
        for name, target in public_callables(package).items()
        if inspect.isclass(target) and attrs.has(target)
        for field in attrs.fields(target)
        if _asks_for_its_field(field.converter)
    ]
    assert wrong == []


HOSTILE_CONTEXT = decimal.Context(
    prec=3,
    rounding=decimal.ROUND_05UP,
    Emax=6,
    Emin=-6,
    traps=[
        decimal.Clamped,
        decimal.DivisionByZero,
        decimal.FloatOperation,
        decimal.Inexact,
        decimal.InvalidOperation,
        decimal.Overflow,
        decimal.Rounded,
        decimal.Subnormal,
        decimal.Underflow,
    ],
)
"""A caller's context at its worst: three digits, odd rounding, every trap on."""


def _answers(package: str) -> list[str]:
    calls = calls_of(package).CALLS
    found = []
    for name, target in public_callables(package).items():
        try:
            found.append(repr(invoke(name, target, calls[name]())))
        except Exception as problem:  # compared, not hidden
            found.append(f"{type(problem).__name__}: {problem}")
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_no_result_depends_on_the_callers_decimal_context(package: str) -> None:
    default = _answers(package)
    with decimal.localcontext(HOSTILE_CONTEXT):
        hostile = _answers(package)
    in_thread: list[list[str]] = []

    def worker() -> None:
        decimal.setcontext(HOSTILE_CONTEXT.copy())
        in_thread.append(_answers(package))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert hostile == default
    assert in_thread == [default, default]


# --- the JSON boundary: every field of every bundled request ---------------------------

_DEEP: Any = []
for _ in range(10_000):
    _DEEP = [_DEEP]

JSON_MUST_REFUSE: tuple[tuple[str, Any], ...] = (
    ("float", 0.1),
    ("float from 1e400", float("inf")),
    ("10,000-digit integer", 10**10000),
    ("nested 10,000 deep", _DEEP),
)
NUMBER_TEXT_MUST_REFUSE: tuple[tuple[str, Any], ...] = (
    ("NaN text", "NaN"),
    ("-Infinity text", "-Infinity"),
    ("huge exponent text", "1E+999999"),
    ("tiny exponent text", "1E-999999"),
    ("exponent past the range", "1e30"),
)
"""Refused where the field holds a decimal written as a string (elsewhere it is text)."""
JSON_LEGAL: tuple[tuple[str, Any], ...] = (
    ("true", True),
    ("null", None),
    ("empty text", ""),
    ("unknown code", "QZ"),
    ("negative text", "-1"),
    ("zero text", "0"),
    ("empty array", []),
    ("empty object", {}),
)


def _is_number_text(value: Any) -> bool:
    try:
        return isinstance(value, str) and decimal.Decimal(value).is_finite()
    except decimal.InvalidOperation:
        return False


def _paths(node: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list) and node:
        found += _paths(node[0], (*path, 0))
    return found


def _replaced(document: Any, path: tuple[str | int, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(document))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value  # after the copy: json cannot copy 10,000 levels
    return copy


def _quoted(data: Any) -> Any:
    return quote(*quote_request_from_json(data))


def test_every_field_of_a_request_refuses_hostile_json_cleanly() -> None:
    """Each field of the bundled requests (each path once, from the first request that
    has it), given each hostile JSON value: the request is read and quoted, or refused
    with a CommerceKitError, in time; values no field can hold (non-finite or
    out-of-range numbers, floats, runaway nesting) are refused."""
    wrong: list[str] = []
    calls = 0
    seen: set[tuple[str | int, ...]] = set()
    for name in example_requests():
        calls += _attack(example_request(name), seen, wrong)
    assert calls > 600
    assert wrong == [], "\n".join(wrong)


def _attack(document: Any, seen: set[tuple[str | int, ...]], wrong: list[str]) -> int:
    calls = 0
    for path in _paths(document):
        if path in seen:
            continue
        seen.add(path)
        value_there: Any = document
        for step in path:
            value_there = value_there[step]
        must_refuse = JSON_MUST_REFUSE + (
            NUMBER_TEXT_MUST_REFUSE
            if _is_number_text(value_there) and path[-1] != "postcode"  # text, not a number
            else ()
        )
        for label, value in (*must_refuse, *JSON_LEGAL):
            calls += 1
            data = _replaced(document, path, value)
            seconds, raised, interrupted = timed(lambda data=data: _quoted(data))
            where = ".".join(str(step) for step in path)
            if interrupted:
                wrong.append(f"{where}={label}: stopped after {seconds:.1f} s of CPU")
            elif raised is not None and not isinstance(raised, CommerceKitError):
                wrong.append(f"{where}={label}: {type(raised).__name__}: {raised}"[:200])
            elif raised is None and (label, value) in must_refuse:
                wrong.append(f"{where}={label}: accepted")
    return calls
