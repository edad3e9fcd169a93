"""Errors on the wire: RFC 9457 problem details, in the CLI's words.

Every refusal is a JSON object served as ``application/problem+json`` with the RFC's
members (``type``, ``title``, ``status``, ``detail``) and, where commercekit refused a
value, the extension members a plugin maps to its own form: ``field`` (the JSON path of
the value, ``""`` for the document itself), ``kind`` (what the value was meant to be,
an [`InputKind`][commercekit.errors.InputKind] value, or ``null``), ``choices`` (the
values allowed for a choice) and ``error`` (the class commercekit raised). A refusal
of the rules (data missing, a surcharge refused) carries ``field`` too where it points
at one (``products['MUG'].weight_kg``, ``payment.surcharge``). ``detail``
is the message the ``commercekit`` command prints, on one line.

References:
    RFC 9457, Problem Details for HTTP APIs: https://www.rfc-editor.org/rfc/rfc9457
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from commercekit._json_words import json_refusal
from commercekit.errors import CommerceKitError, InvalidInputError, InvalidJsonError

__all__ = [
    "NOT_JSON",
    "REFUSED",
    "UNFIT",
    "one_line",
    "plain",
    "refusal",
]

NOT_JSON = "urn:commercekit:problem:not-json"
"""The body is not one strict JSON object (syntax, a key twice, NaN, too deep, too big)."""
UNFIT = "urn:commercekit:problem:invalid-request"
"""JSON that does not fit the endpoint's request, or a value the rules refuse."""
REFUSED = "urn:commercekit:problem:refused"
"""A request the rules cannot answer: data missing, no rule for the day, a refund of
more than is left."""

_TITLES = {
    NOT_JSON: "The request body is not a JSON object commercekit reads",
    UNFIT: "The request has a field that is wrong",
    REFUSED: "The rules cannot answer this request",
}


def one_line(error: BaseException) -> str:
    """The error's message as the CLI prints it: one line, whatever it held."""
    return " ".join(str(error).split())


def plain(status: int, detail: str) -> dict[str, Any]:
    """A problem that means no more than its HTTP status (``type`` ``about:blank``,
    the status's own phrase as title, RFC 9457 section 4.2.1)."""
    return {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }


def refusal(
    error: CommerceKitError,
    status: int,
    problem_type: str,
    field: str | None = None,
) -> dict[str, Any]:
    """The problem for a refusal by commercekit, with where and what when it says:
    ``field`` is the JSON path refused (a value refused, or where a missing fact goes),
    present for every refused value (``""`` for the document) and for any other
    refusal that points at a field."""
    problem: dict[str, Any] = {
        "type": problem_type,
        "title": _TITLES[problem_type],
        "status": status,
        "detail": json_refusal(error),
        "error": type(error).__name__,
    }
    if field:
        problem["field"] = field
    if isinstance(error, InvalidJsonError | InvalidInputError):
        problem["field"] = field or ""
        problem["kind"] = None if error.kind is None else error.kind.value
        problem["choices"] = list(error.choices)
    return problem
