"""Every public callable refuses hostile input cleanly, in time, in any decimal context.

The surface is read from each package's ``__all__`` (see ``tests/hostile``), so a new
public name fails ``test_every_public_callable_has_a_valid_call`` until it is given a
valid call, and is then covered by every hostile value the day it is added.

``python -m tests.hostile`` prints the counts.
"""

from __future__ import annotations

import decimal
import importlib
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from tests.hostile import (
    PACKAGES,
    Call,
    Hostile,
    Parameter,
    public_callables,
    run_package,
    valid_by_design,
)


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
    outcomes = run_package(package, calls_of(package).CALLS, rules_of(package))
    wrong = [
        f"{o.name}({o.parameter}={o.hostile}): {o.result} {o.detail}"
        for o in outcomes
        if o.result in {"escape", "slow", "silent accept"}
    ]
    assert outcomes
    assert wrong == [], "\n".join(wrong)


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
        except Exception as problem:  # noqa: BLE001  # compared, not hidden
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
