"""Where JSON input went wrong: one error naming the field by its full path.

cattrs reports a failure deep in a document as nested groups of exceptions with notes
saying which attribute or index each came from. ``locate`` walks down to the first
failure and returns one [`InvalidJsonError`][commercekit.errors.InvalidJsonError] whose
field is the path to it (``cart.lines[0].unit_price.amount``).
"""

from __future__ import annotations

from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from commercekit._json_words import json_reason
from commercekit.errors import (
    CommerceKitError,
    InvalidInputError,
    InvalidJsonError,
    shown,
)

__all__ = ["READ_ERRORS", "locate"]

READ_ERRORS = (BaseValidationError, CommerceKitError, ValueError, TypeError)
"""What reading JSON may raise: cattrs' groups, a rule's refusal, a hook's error."""

_SHAPE = (
    "is not written as the JSON Schema quote-request.schema.json gives this field; "
    "check its type there"
)


def _join(path: str, step: str) -> str:
    if not step:
        return path
    if not path or step.startswith("["):
        return path + step
    return f"{path}.{step}"


def _reason(error: BaseException) -> str:
    if isinstance(error, KeyError):
        return "is missing"
    if isinstance(error, ForbiddenExtraKeysError):
        extra = ", ".join(repr(key) for key in sorted(error.extra_fields))
        return f"has unknown field(s) {extra}; check the spelling against the schema"
    if isinstance(error, InvalidInputError):
        return json_reason(error)
    if isinstance(error, CommerceKitError):
        return error.json_message
    # A failure inside Python (a hook's TypeError) says nothing a JSON writer can use.
    return _SHAPE


def locate(  # noqa: PLR0911  # one return per kind of cattrs error reads clearest
    error: BaseException, path: str = ""
) -> InvalidJsonError:
    """The first failure inside ``error``, as one error naming the field's full path."""
    if isinstance(error, InvalidJsonError):
        return InvalidJsonError(
            _join(path, error.field),
            error.reason,
            kind=error.kind,
            choices=error.choices,
        )
    if isinstance(error, ForbiddenExtraKeysError):
        first = min(error.extra_fields)
        return InvalidJsonError(
            _join(path, first),
            "is not a known field; check its spelling against the schema",
        )
    if isinstance(error, ClassValidationError | IterableValidationError):
        for inner in error.exceptions:
            for note in getattr(inner, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    if isinstance(inner, KeyError):
                        return InvalidJsonError(_join(path, note.name), "is missing")
                    return locate(inner, _join(path, note.name))
                if isinstance(note, IterableValidationNote):
                    index = note.index
                    step = f"[{index}]" if isinstance(index, int) else f"[{shown(index)}]"
                    return locate(inner, _join(path, step))
        if error.exceptions:
            return locate(error.exceptions[0], path)
    if isinstance(error, InvalidInputError):
        # A rule refused the value: say what it was meant to be.
        return InvalidJsonError(
            path, json_reason(error), kind=error.kind, choices=error.choices
        )
    return InvalidJsonError(path, _reason(error))
