"""Every public callable given an endless iterator where it takes a collection refuses
it with a ``CommerceKitError``, after reading no more than its bound, and never hangs.

The surface and its valid calls are the hostile harness's (``tests/hostile``): every
argument whose valid value is a list, tuple, set or frozenset is replaced in turn by an
endless iterator of its own first element (``itertools.repeat``), or by
``itertools.count()`` where the valid value is empty. ``MAX_ITERATED`` is lowered for
the run so that a call that keeps to its bound ends at once; the iterator is a
tripwire, so a call that reads on past every bound the library has fails here,
naming itself, instead of hanging the suite.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from commercekit.errors import CommerceKitError
from tests.hostile import PACKAGES, Call, Position, positions, public_callables, substituted
from tests.test_hostile import calls_of

LOWERED = 100
"""``MAX_ITERATED`` for the run."""

TRIPWIRE = 200_001
"""More items than any bound in the library (``MAX_PARTS`` and ``MAX_SEASONAL_FIT``,
100,000, are the largest) and than ``LOWERED``: reading this many is reading forever."""


class ReadPastEveryBoundError(Exception):
    """Raised by the tripwire: the call read an endless iterator past every bound."""


class Endless(Iterator[Any]):
    """``items`` without end, until the tripwire."""

    def __init__(self, items: Iterator[Any]) -> None:
        self._items = items
        self._read = 0

    def __iter__(self) -> Endless:
        return self

    def __next__(self) -> Any:
        self._read += 1
        if self._read > TRIPWIRE:
            raise ReadPastEveryBoundError
        return next(self._items)

    def __repr__(self) -> str:
        return "an endless iterator"


def _endless(valid: object) -> Endless:
    if isinstance(valid, set | frozenset):
        valid = sorted(valid, key=repr)
    assert isinstance(valid, list | tuple)
    return Endless(itertools.repeat(valid[0]) if valid else itertools.count())


def _collections(
    function: Callable[..., Any], valid: Call
) -> Iterator[tuple[Position, object]]:
    for position, value in positions(function, valid):
        collection = isinstance(value, list | tuple | set | frozenset)
        if collection and not position.element:
            yield position, value


@pytest.fixture
def lowered_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    for package in PACKAGES:
        public_callables(package)  # loads each lazy module
    for name, module in list(sys.modules.items()):
        if name.startswith("commercekit") and hasattr(module, "MAX_ITERATED"):
            monkeypatch.setattr(module, "MAX_ITERATED", LOWERED)


def _outcome(run: Callable[[], Any]) -> str | None:
    """None where ``run`` refused the iterator with a CommerceKitError; else what it did."""
    try:
        run()
    except ReadPastEveryBoundError:
        return "read the endless iterator past every bound"
    except CommerceKitError:
        return None
    except Exception as problem:  # an escape is what this test reports
        return f"escaped with {type(problem).__name__}: {problem}"[:200]
    return "accepted it"


@pytest.mark.usefixtures("lowered_bound")
@pytest.mark.parametrize("package", PACKAGES)
def test_an_endless_iterator_is_refused_in_every_collection_argument(
    package: str,
) -> None:
    calls = calls_of(package).CALLS
    tried, wrong = 0, []
    for name, target in public_callables(package).items():
        valid = calls[name]()
        function = valid.target or target
        for position, value in _collections(function, valid):
            fresh = substituted(calls[name](), position, _endless(value))
            found = _outcome(
                lambda fresh=fresh, function=function: function(*fresh.args, **fresh.kwargs)
            )
            tried += 1
            if found is not None:
                wrong.append(f"{name}({position.parameter.name}=...): {found}")
    assert wrong == [], "\n".join(wrong)
    if package in {"money", "tax", "inventory", "pricing", "checkout"}:
        assert tried, "the package has callables that take collections"
