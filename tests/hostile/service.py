"""Valid calls over ``commercekit.service``.

``run`` serves until stopped, so its valid call is a dry run: the same arguments, with
uvicorn's ``run`` replaced for the call (under a lock: the decimal-context test calls
it from two threads) by one that records what it was asked. Every hostile value must
be refused by ``run``'s own checks before uvicorn is reached. ``create_app`` takes no
arguments; its valid call answers with the application's routes (the application
object itself has no stable repr to compare).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from unittest import mock

import uvicorn

from commercekit.service import create_app, run
from tests.hostile import Call, method

_ONE_AT_A_TIME = threading.Lock()


def _dry_run(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> dict[str, Any]:
    with _ONE_AT_A_TIME, mock.patch.object(uvicorn, "run") as started:
        run(host, port, workers)
    (app,), options = started.call_args
    return {"app": app, **options}


def _routes() -> list[str]:
    return sorted(route.path for route in create_app().routes)  # type: ignore[attr-defined]


CALLS: dict[str, Callable[[], Call]] = {
    "create_app": lambda: method(_routes),
    "run": lambda: method(_dry_run, "127.0.0.1", 8000, 1),
}
