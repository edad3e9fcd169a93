"""The ASGI application: routes, the body's limits, and a problem for every failure.

Everything the application holds is built by ``create_app`` and read-only afterwards
(the routes, the OpenAPI document's bytes): no request leaves anything behind, so any
number of workers, in any number of processes, answer alike.

A ``POST`` endpoint takes its body in four steps, each refusing with its own status:
the content type must be JSON (415); the body is read up to
[`MAX_REQUEST_BYTES`][commercekit.serde.MAX_REQUEST_BYTES] and no further (413); it
must be one strict JSON object ([`json_document`][commercekit.serde.json_document],
400); the endpoint reads it into value objects and applies its rule (422 for a field
that is wrong or a request the rules refuse). Anything else is a bug: it is logged
with its traceback and answered with a 500 problem that says nothing of the internals.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from importlib.resources import files
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from commercekit import __version__
from commercekit._where import Located
from commercekit.errors import (
    CommerceKitError,
    InvalidInputError,
    InvalidJsonError,
    shown,
)
from commercekit.serde import (
    MAX_REQUEST_BYTES,
    json_document,
    quote_schema,
    request_schema,
)
from commercekit.service._endpoints import ENDPOINTS, Json
from commercekit.service._problems import (
    NOT_JSON,
    REFUSED,
    UNFIT,
    one_line,
    plain,
    refusal,
)

__all__ = ["build_app"]

_LOG = logging.getLogger("commercekit.service")

PROBLEM_JSON = "application/problem+json"
BODY_NAME = "the request body"

_CRASHED = (
    "the service failed unexpectedly while answering; the failure is logged on the "
    "server. Please report it with the request that caused it."
)


def _problem(problem: dict[str, Any], headers: Mapping[str, str] | None = None) -> Response:
    return JSONResponse(
        problem, status_code=problem["status"], media_type=PROBLEM_JSON, headers=headers
    )


def _is_json(content_type: str) -> bool:
    """A JSON media type (``application/json``, ``application/*+json``)."""
    media = content_type.partition(";")[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def _foreign_charset(content_type: str) -> str | None:
    """The charset declared other than UTF-8, or ``None``: RFC 8259 8.1 makes JSON
    between systems UTF-8, so any other is an unsupported media type, not malformed
    JSON."""
    for parameter in content_type.partition(";")[2].split(";"):
        name, _, value = parameter.partition("=")
        charset = value.strip().strip('"').lower()
        if name.strip().lower() == "charset" and charset not in ("utf-8", "utf8"):
            return charset
    return None


def _unsupported(path: str, content_type: str) -> str:
    """What a 415 says: the media type or the charset to send instead."""
    charset = _foreign_charset(content_type)
    if charset is not None and _is_json(content_type):
        return (
            f"{path} takes JSON in UTF-8 (RFC 8259, section 8.1); send it with "
            f"Content-Type: application/json or application/json; charset=utf-8 (this "
            f"request had charset {shown(charset)})"
        )
    said = f"Content-Type {shown(content_type)}" if content_type else "no Content-Type"
    return (
        f"{path} takes a JSON body; send it with Content-Type: application/json (this "
        f"request had {said})"
    )


async def _body(request: Request) -> bytes:
    """The body, or its first ``MAX_REQUEST_BYTES + 1`` bytes when it is longer: the
    rest is never read."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_REQUEST_BYTES:
            break
    return b"".join(chunks)[: MAX_REQUEST_BYTES + 1]


def _answer(handler: Callable[[Json], Json], body: bytes) -> Response:
    """Read the body and answer it; every refusal is a problem (run in a thread)."""
    try:
        data = json_document(body, name=BODY_NAME)
    except InvalidJsonError as error:
        if len(body) > MAX_REQUEST_BYTES:  # refused unread, in the reader's words
            return _problem(plain(413, one_line(error)))
        return _problem(refusal(error, 400, NOT_JSON, error.field))
    try:
        return JSONResponse(handler(data))
    except Located as located:  # refused by the rule, at the field it points at
        return _refused(located.error, located.field)
    except CommerceKitError as error:  # refused while the body was read
        return _refused(error, getattr(error, "field", None))


def _refused(error: CommerceKitError, field: str | None) -> Response:
    unfit = isinstance(error, InvalidJsonError | InvalidInputError)
    return _problem(refusal(error, 422, UNFIT if unfit else REFUSED, field))


def _endpoint(
    path: str, handler: Callable[[Json], Json]
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        content_type = request.headers.get("content-type", "")
        if not _is_json(content_type) or _foreign_charset(content_type) is not None:
            return _problem(plain(415, _unsupported(path, content_type)))
        body = await _body(request)
        try:
            # The rules are pure CPU work; a thread keeps the loop free for /health.
            return await run_in_threadpool(_answer, handler, body)
        except Exception:  # a bug: logged here, never shown on the wire
            _LOG.exception("%s failed unexpectedly", path)
            return _problem(plain(500, _CRASHED))

    return endpoint


async def _not_routed(request: Request, error: Exception) -> Response:
    """404 and 405 (and any other HTTP error Starlette raises) as problems."""
    assert isinstance(error, HTTPException)  # noqa: S101  # registered for it only
    path = request.url.path
    if error.status_code == 404:
        detail = f"there is no endpoint at {path}; see GET /openapi.json for the endpoints"
    elif error.status_code == 405:
        allowed = {k.lower(): v for k, v in (error.headers or {}).items()}.get("allow")
        detail = f"{path} does not take {request.method}; use {allowed}"
    else:
        detail = error.detail
    return _problem(plain(error.status_code, detail), headers=error.headers)


async def _crashed(request: Request, error: Exception) -> Response:
    """The last resort for a failure outside an endpoint: a generic 500 problem."""
    _LOG.error(
        "%s %s failed unexpectedly", request.method, request.url.path, exc_info=error
    )
    return _problem(plain(500, _CRASHED))


def build_app(
    endpoints: tuple[tuple[str, Callable[[Json], Json]], ...] = ENDPOINTS,
) -> Starlette:
    """The application for ``endpoints`` (each ``POST`` path and its function)."""
    openapi = files("commercekit.service").joinpath("openapi.json").read_bytes()
    schemas = {
        "quote-request.schema.json": request_schema(),
        "quote.schema.json": quote_schema(),
    }

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    async def openapi_document(request: Request) -> Response:
        return Response(openapi, media_type="application/json")

    async def schema(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in schemas:
            raise HTTPException(404)
        return JSONResponse(schemas[name], media_type="application/schema+json")

    routes = [
        *(
            Route(path, _endpoint(path, handler), methods=["POST"])
            for path, handler in endpoints
        ),
        Route("/health", health, methods=["GET"]),
        Route("/openapi.json", openapi_document, methods=["GET"]),
        Route("/schemas/{name}", schema, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _not_routed, Exception: _crashed},
    )
    # A trailing slash is a 404 problem like any unknown path, never a redirect.
    app.router.redirect_slashes = False
    return app
