"""The root of commercekit's errors, and how an error shows the value it refuses.

Part of [`commercekit.errors`][commercekit.errors], which re-exports every name here;
import from there. Every class defined in these modules is shown (in tracebacks, in
pickles) as ``commercekit.errors.<Name>``.
"""

from __future__ import annotations

from commercekit._words import with_article

__all__ = ["CommerceKitError", "shown"]


_SHOWN_LIMIT = 120


def shown(value: object) -> str:
    """``repr(value)`` for an error message: never raises, never longer than a line.

    An error message must survive any value it names: ``repr()`` of an integer with
    thousands of digits raises ``ValueError``, and a megabyte string would drown the
    message, so both are shortened.

    Examples:
        >>> shown("DE"), shown(10**10000)
        ("'DE'", '<an integer of 33220 bits>')
        >>> len(shown("x" * 10**6)) <= 120
        True
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"<an integer of {value.bit_length()} bits>"
    try:
        text = repr(value)
    except Exception:  # any failure to show a value must not hide the error
        return f"<{with_article(type(value).__name__)} that cannot be shown>"
    if len(text) > _SHOWN_LIMIT:
        tail = f"... ({len(text)} chars)"
        return text[: _SHOWN_LIMIT - len(tail)] + tail
    return text


def _restore(cls: type[CommerceKitError], args: tuple[object, ...]) -> CommerceKitError:
    """An error rebuilt by pickle from its message, its attributes set afterwards."""
    return cls.__new__(cls, *args)


class CommerceKitError(Exception):
    """The root of every error commercekit raises on purpose.

    Every error pickles to the same class, message and attributes (an error raised in a
    worker process reaches the caller intact), although the leaves take their own
    constructor arguments rather than the message.
    """

    def __reduce__(self) -> tuple[object, ...]:
        return (_restore, (type(self), self.args), self.__dict__ or None)

    @property
    def json_message(self) -> str:
        """The message as a JSON caller reads it (the CLI, the HTTP service): the
        message itself, unless the error knows other words for a JSON request."""
        return str(self)
