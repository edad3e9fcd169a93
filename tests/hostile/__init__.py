"""Hostile input over the whole public surface: the engine.

Each module beside this one (``money.py``, ``tax.py``, ...) maps every public callable
of its package, and every public method that takes arguments, to a *valid* call:
``CALLS["split"] = lambda: call(Money("10.00", "EUR"), 3)``. The engine takes each valid
call, puts each hostile value in each argument position (and in the first element of a
sequence argument) in turn, and sorts what happens:

* **refused**: a ``CommerceKitError`` was raised;
* **escape**: any other exception (``ValueError``, ``InvalidOperation``, ...);
* **slow**: the watchdog stopped the call after ``TIME_BOUND`` seconds of CPU;
* **silent accept**: a value the call must refuse returned a result.

Values split in two. ``MUST_REFUSE`` values (floats, NaN, infinities, booleans, numbers
out of the library's range (10^30, a 10,000-digit integer), an unknown code, ``None``,
``""``, the wrong type (a list or a dict where a number is meant), a list nested 10,000
deep, datetimes where a date is meant, a negative where only zero or more makes sense,
money in another currency where the call's amounts must share one) must be refused,
except where ``valid_by_design`` says why a parameter accepts them. The rest (zero,
year 1 and ``date.max``, the largest number in range, the finest digit in range, a
number written as text, an empty collection and one of ``LARGE`` items) are legal
inputs that must be answered or refused cleanly, in time.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import signal
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import attrs
import moneyed

from commercekit.errors import CommerceKitError
from commercekit.money import Money
from tests.test_architecture import LAYERS

PACKAGES = (*LAYERS, "errors")
"""Every package of the design's layers, and the errors module (``errors.shown``)."""

TIME_BOUND = 5.0
"""Seconds of this process's CPU after which a call is stopped as a hang (most use well
under a millisecond). A watchdog (``ITIMER_PROF``) interrupts the call: no measured
time is compared with a bound, so a loaded host cannot fail a call that finishes. CPU
time, not wall time: a call that loops forever uses CPU, while a host loaded by other
work stretches the wall clock without the call doing more."""

_INTERRUPT_AFTER_WALL = 120.0
"""Seconds of wall time after which a call that waits without using CPU is interrupted."""


@attrs.frozen
class Call:
    """A valid call: the callable (a bound method, for methods), its arguments."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    target: Callable[..., Any] | None = None


def call(*args: Any, **kwargs: Any) -> Call:
    """A valid call of the public name the entry is for."""
    return Call(args, kwargs)


def method(target: Callable[..., Any], *args: Any, **kwargs: Any) -> Call:
    """A valid call of a bound method (``ledger.earn``)."""
    return Call(args, kwargs, target)


class Kind(enum.Enum):
    MUST_REFUSE = "must refuse"
    LEGAL = "legal"


@attrs.frozen
class Hostile:
    name: str
    value: Any
    kind: Kind


class _InterruptedError(Exception):
    pass


_FIXED: tuple[Hostile, ...] = (
    Hostile("float", 0.1, Kind.MUST_REFUSE),
    Hostile("float NaN", float("nan"), Kind.MUST_REFUSE),
    Hostile("Decimal NaN", Decimal("NaN"), Kind.MUST_REFUSE),
    Hostile("Decimal sNaN", Decimal("sNaN"), Kind.MUST_REFUSE),
    Hostile("float infinity", float("inf"), Kind.MUST_REFUSE),
    Hostile("Decimal -Infinity", Decimal("-Infinity"), Kind.MUST_REFUSE),
    Hostile("boolean", True, Kind.MUST_REFUSE),  # noqa: FBT003  # the value under test
    Hostile("huge exponent", Decimal("1E+999999"), Kind.MUST_REFUSE),
    Hostile("tiny exponent", Decimal("1E-999999"), Kind.MUST_REFUSE),
    Hostile("10,000-digit integer", 10**10000, Kind.MUST_REFUSE),
    Hostile("empty text", "", Kind.MUST_REFUSE),
    Hostile("unknown code", "QZ", Kind.MUST_REFUSE),
    Hostile("None", None, Kind.MUST_REFUSE),
    Hostile("wrong type", object(), Kind.MUST_REFUSE),
    Hostile("naive datetime", datetime(2026, 6, 1, 12, 0), Kind.MUST_REFUSE),  # noqa: DTZ001
    Hostile("aware datetime", datetime(2026, 6, 1, 12, 0, tzinfo=UTC), Kind.MUST_REFUSE),
    Hostile("date.max", date.max, Kind.LEGAL),
    # Legal to try, refused or answered: each must end, in time, without an escape.
    Hostile("exponent 999,999,999", Decimal("1E+999999999"), Kind.LEGAL),
    Hostile("subnormal Decimal", Decimal("1E-1000000"), Kind.LEGAL),
    Hostile("negative zero Decimal", Decimal("-0"), Kind.LEGAL),
    Hostile("negative zero float", -0.0, Kind.LEGAL),
    Hostile("sNaN text", "sNaN", Kind.LEGAL),
    Hostile("exponent text", "1e999999999", Kind.LEGAL),
    Hostile("1 MB text", "x" * 1_000_000, Kind.LEGAL),
    Hostile("bytes", b"EUR", Kind.LEGAL),
)


def _nested(depth: int) -> list[Any]:
    deep: list[Any] = []
    for _ in range(depth):
        deep = [deep]
    return deep


_NESTED = Hostile("nested 10,000 deep", _nested(10_000), Kind.MUST_REFUSE)

LARGE = 5_000
"""Items in a large collection. A list is taken whole (only an iterator is read to a
bound), so it must be answered or refused in time; work that grows faster than the
list (a pairwise comparison, a search per item) takes seconds here."""

_NOT_A_NUMBER = (
    Hostile("list for a number", [1], Kind.MUST_REFUSE),
    Hostile("dict for a number", {"amount": 1}, Kind.MUST_REFUSE),
    Hostile("number as text", "1", Kind.LEGAL),  # a decimal string is a number's form
)
"""The wrong type where a number (or an amount of money) is meant."""


def _collection_values(valid: Collection[Any]) -> Iterator[Hostile]:
    yield Hostile("empty collection", type(valid)(), Kind.LEGAL)
    if valid and isinstance(valid, list | tuple):
        large = [valid[0]] * LARGE
        yield Hostile("large collection", type(valid)(large), Kind.LEGAL)


EVERY_REFUSAL = frozenset(
    {hostile.name for hostile in _FIXED if hostile.kind is Kind.MUST_REFUSE}
    | {"negative money", "negative Decimal", "negative int", "another currency"}
    | {"py-moneyed NaN", "py-moneyed infinity"}
    | {_NESTED.name, "py-moneyed 10**30", "Decimal 10**30", "int 10**30"}
    | {hostile.name for hostile in _NOT_A_NUMBER if hostile.kind is Kind.MUST_REFUSE}
)
"""Every value a call must refuse, for a question that answers False to all of them."""


def hostile_values(valid: object, *, shared_currency: str | None) -> Iterator[Hostile]:
    """The hostile values for an argument whose valid value is ``valid``."""
    yield from _FIXED
    yield _NESTED
    if isinstance(valid, list | tuple | set | frozenset | dict):
        yield from _collection_values(valid)
    elif isinstance(valid, date) and not isinstance(valid, datetime):
        yield Hostile("year 1", date.min, Kind.LEGAL)
    elif isinstance(valid, Decimal | int | moneyed.Money) and not isinstance(valid, bool):
        yield from _NOT_A_NUMBER
    if isinstance(valid, moneyed.Money) and not isinstance(valid, bool):
        code = valid.currency.code
        yield Hostile("negative money", Money("-1", code), Kind.MUST_REFUSE)
        yield Hostile(
            "py-moneyed 10**30", moneyed.Money(Decimal(10**30), code), Kind.MUST_REFUSE
        )
        yield Hostile("zero money", Money("0", code), Kind.LEGAL)
        yield Hostile("largest money", Money("999999999999999999", code), Kind.LEGAL)
        yield Hostile("finest money", Money("1E-50", code), Kind.LEGAL)
        yield Hostile(
            "py-moneyed NaN", moneyed.Money(Decimal("NaN"), code), Kind.MUST_REFUSE
        )
        yield Hostile(
            "py-moneyed infinity",
            moneyed.Money(Decimal("Infinity"), code),
            Kind.MUST_REFUSE,
        )
        other = "JPY" if code != "JPY" else "EUR"
        if shared_currency == code:
            yield Hostile("another currency", Money("1", other), Kind.MUST_REFUSE)
    elif isinstance(valid, Decimal):
        yield Hostile("negative Decimal", Decimal(-1), Kind.MUST_REFUSE)
        yield Hostile("Decimal 10**30", Decimal(10**30), Kind.MUST_REFUSE)
        yield Hostile("zero Decimal", Decimal(0), Kind.LEGAL)
        yield Hostile("largest Decimal", Decimal("999999999999999999"), Kind.LEGAL)
        yield Hostile("finest Decimal", Decimal("1E-50"), Kind.LEGAL)
    elif isinstance(valid, int) and not isinstance(valid, bool):
        yield Hostile("negative int", -1, Kind.MUST_REFUSE)
        yield Hostile("int 10**30", 10**30, Kind.MUST_REFUSE)
        yield Hostile("zero int", 0, Kind.LEGAL)
        yield Hostile("largest int", 10**18 - 1, Kind.LEGAL)
        yield Hostile("int 10**18", 10**18, Kind.LEGAL)


@attrs.frozen
class Parameter:
    """What the signature says about one argument position."""

    name: str
    annotation: str
    default: Any


def _parameters(target: Callable[..., Any]) -> dict[str, Parameter]:
    found: dict[str, Parameter] = {}
    hints: dict[str, str] = {}
    if inspect.isclass(target) and attrs.has(target):
        hints = {
            field.alias or field.name: str(field.type) for field in attrs.fields(target)
        }
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return found
    for name, parameter in signature.parameters.items():
        annotation = hints.get(name, str(parameter.annotation))
        found[name] = Parameter(name, annotation, parameter.default)
    return found


def parameters_of(target: Callable[..., Any]) -> frozenset[str]:
    """The names of ``target``'s arguments (an attrs class's by their aliases)."""
    return frozenset(_parameters(target))


@attrs.frozen
class Position:
    """One argument position of a valid call: ``index`` for positional, else ``key``."""

    parameter: Parameter
    index: int | None = None
    key: str | None = None
    element: bool = False  # the first element of a sequence argument


def positions(target: Callable[..., Any], valid: Call) -> Iterator[tuple[Position, Any]]:
    """Each argument position of ``valid`` with the valid value it holds."""
    parameters = _parameters(target)
    ordered = list(parameters.values())
    places: list[tuple[Position, Any]] = []
    for index, value in enumerate(valid.args):
        parameter = (
            ordered[index] if index < len(ordered) else Parameter(f"arg{index}", "", None)
        )
        places.append((Position(parameter, index=index), value))
    for key, value in valid.kwargs.items():
        parameter = parameters.get(key, Parameter(key, "", None))
        places.append((Position(parameter, key=key), value))
    for place, value in places:
        yield place, value
        if isinstance(value, list | tuple) and value and not isinstance(value, str):
            yield attrs.evolve(place, element=True), value[0]


def substituted(valid: Call, position: Position, value: Any) -> Call:
    """``valid`` with ``value`` in ``position``."""

    def put(old: Any) -> Any:
        if not position.element:
            return value
        return type(old)([value, *old[1:]]) if isinstance(old, list) else (value, *old[1:])

    if position.index is not None:
        args = list(valid.args)
        args[position.index] = put(args[position.index])
        return attrs.evolve(valid, args=tuple(args))
    assert position.key is not None
    kwargs = dict(valid.kwargs)
    kwargs[position.key] = put(kwargs[position.key])
    return attrs.evolve(valid, kwargs=kwargs)


def shared_currency(valid: Call) -> str | None:
    """The currency two or more money arguments share (so mixing must be refused)."""
    codes = [
        value.currency.code
        for value in (*valid.args, *valid.kwargs.values())
        if isinstance(value, moneyed.Money)
    ]
    for code in codes:
        if codes.count(code) > 1:
            return code
    return None


@attrs.frozen
class Outcome:
    """What one hostile call did."""

    name: str
    parameter: str
    hostile: str
    result: (
        str  # "refused", "answered", "escape", "slow", "silent accept", "valid by design"
    )
    detail: str = ""
    field: str | None = None  # the refusal's ``field``, where its error carries one
    error: str = ""  # the refusal's class


def _on_alarm(signum: int, frame: object) -> None:
    raise _InterruptedError


def timed(function: Callable[[], Any]) -> tuple[float, BaseException | None, bool]:
    """Run ``function``; the seconds of CPU it used, what it raised, and whether it was
    interrupted (after ``TIME_BOUND`` seconds of CPU, or ``_INTERRUPT_AFTER_WALL``
    of waiting)."""
    previous_cpu = signal.signal(signal.SIGPROF, _on_alarm)
    previous_wall = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_PROF, TIME_BOUND)
    signal.setitimer(signal.ITIMER_REAL, _INTERRUPT_AFTER_WALL)
    start = time.process_time()
    raised: BaseException | None = None
    interrupted = False
    try:
        function()
    except _InterruptedError:
        interrupted = True
    except Exception as problem:  # sorting what escapes is the point
        raised = problem
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, previous_cpu)
        signal.signal(signal.SIGALRM, previous_wall)
    return time.process_time() - start, raised, interrupted


ValidByDesign = Callable[[str, Parameter, Hostile], str | None]

FREE_TEXT = frozenset(
    {
        "sku",
        "name",
        "id",
        "lot_id",
        "description",
        "note",
        "reason",
        "why",
        "source",
        "sources",
        "carrier",
        "marketplace",
        "service",
        "provider",
        "customer",
        "order",
        "product",
        "channel",
        "promotion_id",
        "code",
        "location",
        "legal_basis",
        "text",
        "convention",
        "detail",
        "postcode",
        "postcodes",
        "tax_instead",
        "what",
    }
)
"""Parameters that hold free text, a shop's own identifiers or a postcode (whose form
varies by country; one no rule names is an ordinary address): any non-empty text."""

NOTES = frozenset({"note", "description", "reason", "detail"})
"""Free-text remarks, which may be empty."""


def valid_by_design(name: str, parameter: Parameter, hostile: Hostile) -> str | None:
    """Why ``parameter`` of ``name`` accepts ``hostile``, or None if it must refuse it.

    These are the rules every package shares, read from the signature; a package adds
    its own short list beside its valid calls.
    """
    annotation = parameter.annotation
    if hostile.name == "None" and (parameter.default is None or "None" in annotation):
        return "an optional parameter: None means 'not given'"
    if hostile.name == "boolean" and "bool" in annotation:
        return "a yes/no flag"
    if hostile.name == "aware datetime" and "datetime" in annotation:
        return "a moment in time, which an aware datetime is"
    if hostile.name == "empty text" and (
        parameter.default == "" or parameter.name in NOTES
    ):
        return "optional free text, empty by default"
    if hostile.name == "unknown code" and parameter.name in FREE_TEXT:
        return "free text or the shop's own identifier, not a code from a list"
    return None


def judge(
    name: str,
    position: Position,
    hostile: Hostile,
    run: Callable[[], Any],
    valid_by_design: ValidByDesign,
) -> Outcome:
    """Run one hostile call and sort what it did."""
    label = position.parameter.name + ("[0]" if position.element else "")
    seconds, raised, interrupted = timed(run)
    if interrupted:
        return Outcome(name, label, hostile.name, "slow", f"stopped after {seconds:.1f} s")
    if raised is not None:
        if isinstance(raised, CommerceKitError):
            field = getattr(raised, "field", None)
            return Outcome(
                name,
                label,
                hostile.name,
                "refused",
                str(raised),
                field,
                type(raised).__name__,
            )
        return Outcome(
            name, label, hostile.name, "escape", f"{type(raised).__name__}: {raised}"[:200]
        )
    if hostile.kind is Kind.LEGAL:
        return Outcome(name, label, hostile.name, "answered")
    reason = valid_by_design(name, position.parameter, hostile)
    if reason is not None:
        return Outcome(name, label, hostile.name, "valid by design", reason)
    return Outcome(name, label, hostile.name, "silent accept")


def public_callables(package: str) -> dict[str, Callable[..., Any]]:
    """Every public callable of ``commercekit.<package>`` and every public method that
    takes arguments, by name (``"split"``, ``"PointsLedger.earn"``)."""
    module = importlib.import_module(f"commercekit.{package}")
    found: dict[str, Callable[..., Any]] = {}
    for name in module.__all__:
        value = getattr(module, name)
        if not callable(value) or _not_called(value):
            continue
        found[name] = value
        if inspect.isclass(value):
            for member, attribute in vars(value).items():
                function = getattr(attribute, "__func__", attribute)
                if member.startswith("_") or not inspect.isfunction(function):
                    continue
                parameters = inspect.signature(function).parameters
                if [p for p in parameters if p not in {"self", "cls"}]:
                    found[f"{name}.{member}"] = getattr(value, member)
    return found


def _not_called(value: object) -> bool:
    # Errors, enums and Protocols are named, not called with data; a converter is an
    # object with methods, not a rule.
    if inspect.isclass(value):
        return issubclass(value, BaseException | enum.Enum) or bool(
            getattr(value, "_is_protocol", False)
        )
    return not (inspect.isfunction(value) or inspect.isclass(value))


def run_package(
    package: str,
    calls: Mapping[str, Callable[[], Call]],
    valid_by_design: ValidByDesign,
) -> list[Outcome]:
    """Every hostile call over the package's public surface."""
    outcomes: list[Outcome] = []
    surface = public_callables(package)
    for name, target in surface.items():
        valid = calls[name]()
        function = valid.target or target
        currency = shared_currency(valid)
        for position, value in positions(function, valid):
            for hostile in hostile_values(value, shared_currency=currency):
                if hostile.value is value:
                    continue

                def run(
                    name: str = name,
                    function: Callable[..., Any] = function,
                    position: Position = position,
                    hostile: Hostile = hostile,
                ) -> Any:
                    fresh = substituted(calls[name](), position, hostile.value)
                    return function(*fresh.args, **fresh.kwargs)

                outcomes.append(judge(name, position, hostile, run, valid_by_design))
    return outcomes


def summary(outcomes: Sequence[Outcome]) -> dict[str, int]:
    """How many calls ended each way."""
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.result] = counts.get(outcome.result, 0) + 1
    return counts
