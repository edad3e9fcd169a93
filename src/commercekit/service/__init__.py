"""The HTTP service: commercekit's rules for plugins written in any language.

An ASGI application on Starlette, served by uvicorn; install it with the extra,
``pip install 'commercekit[server]'``, and start it with ``commercekit serve`` or
[`run`][commercekit.service.run].

* [`create_app`][commercekit.service.create_app] builds the application: ``POST``
  ``/quote``, ``/tax-id``, ``/decide``, ``/threshold-status``, ``/landed-cost``,
  ``/localize-price`` and ``/refund`` (JSON in, JSON out), ``GET /health`` and
  ``GET /openapi.json`` (the OpenAPI 3.1 document shipped beside this module).
* [`run`][commercekit.service.run] serves it with uvicorn, in one or more worker
  processes; the application keeps nothing between requests, so workers (and
  machines behind a load balancer) answer alike.

Every refusal is an RFC 9457 problem (``application/problem+json``) naming the field by
its JSON path, in the words of the ``commercekit`` command; a request body is at most
[`MAX_REQUEST_BYTES`][commercekit.serde.MAX_REQUEST_BYTES]. ``docs/service.md`` shows
each endpoint with a request and its answer.

This package imports Starlette only when ``create_app`` is called, so it is importable
without the extra and says what to install.

Examples:
    >>> from commercekit.service import run
    >>> run(port=0)
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidCountError: 0 is not a whole number from 1 to 65535 ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from commercekit.service._run import require_extra, run

if TYPE_CHECKING:
    from starlette.applications import Starlette

__all__ = ["create_app", "run"]


def create_app() -> Starlette:
    """A new ASGI application answering every endpoint of the service.

    Each call builds its own application, with nothing shared: uvicorn calls it once
    in each worker process. Raises
    [`MissingDataError`][commercekit.errors.MissingDataError] when the ``[server]``
    extra is not installed.
    """
    require_extra()
    from commercekit.service._app import build_app  # noqa: PLC0415  # needs the extra

    return build_app()
