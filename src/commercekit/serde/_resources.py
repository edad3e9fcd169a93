"""The JSON Schemas and example requests shipped inside the package."""

from __future__ import annotations

import json
from typing import Any

from commercekit._bundled import package_files
from commercekit._numbers import context_free
from commercekit.errors import InputKind, InvalidJsonError, shown

__all__ = ["example_request", "example_requests", "quote_schema", "request_schema"]


def _load(folder: str, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        package_files("commercekit").joinpath(folder, name).read_text("utf-8")
    )
    return data


@context_free
def request_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a quote request."""
    return _load("schemas", "quote-request.schema.json")


@context_free
def quote_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a quote, as ``quote_to_json`` writes it."""
    return _load("schemas", "quote.schema.json")


@context_free
def example_requests() -> tuple[str, ...]:
    """The names of the bundled example quote requests.

    Examples:
        >>> example_requests()
        ('nl-to-de-consumer', 'nl-to-fr-business', 'nl-to-gb-consumer', 'nl-to-us-ddp')
    """
    folder = package_files("commercekit").joinpath("examples")
    return tuple(
        sorted(
            entry.name.removesuffix(".json")
            for entry in folder.iterdir()
            if entry.name.endswith(".json")
        )
    )


@context_free
def example_request(name: str) -> dict[str, Any]:
    """The bundled example quote request ``name``, parsed."""
    if not isinstance(name, str) or name not in example_requests():
        known = ", ".join(example_requests())
        raise InvalidJsonError(
            "",
            f"{shown(name)} is not an example request; use one of: {known}",
            kind=InputKind.CHOICE,
            choices=example_requests(),
        )
    return _load("examples", f"{name}.json")
