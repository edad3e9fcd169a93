"""Valid calls over ``commercekit.errors`` (its classes are raised, not called)."""

from __future__ import annotations

from collections.abc import Callable

from tests.hostile import EVERY_REFUSAL, Call, call

CALLS: dict[str, Callable[[], Call]] = {
    "shown": lambda: call("DE"),
}

VALID_BY_DESIGN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("shown", "value"): (
        EVERY_REFUSAL,
        "it shows any value in an error message, and must never raise while doing so",
    ),
}
