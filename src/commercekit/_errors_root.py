"""The root of commercekit's errors, and how an error shows the value it refuses.

Part of [`commercekit.errors`][commercekit.errors], which re-exports every name here;
import from there. Every class defined in these modules is shown (in tracebacks, in
pickles) as ``commercekit.errors.<Name>``.
"""

from __future__ import annotations

from commercekit._words import with_article

__all__ = ["CommerceKitError", "name_refused", "shown"]


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


_NOT_CARRIED = object()
_HOLDS = ("value", "code", "text")
"""The attributes an error keeps the refused value in (``InvalidInputError.value``,
``UnknownCurrencyError.code``, ``InvalidTaxIdError.text``)."""


def name_refused(error: CommerceKitError, given: dict[str, object]) -> None:
    """Name the argument ``error`` refused, where it names none: the one argument of
    ``given`` (a call's arguments by name) that *is* the value refused, or whose item
    is (``lines[0]``). The refusal's ``field`` is set and its message ends
    ``(argument 'name')``, as a check told the name says it; a value two arguments
    hold, or none, leaves the error as it is, and so do ``None`` and the booleans,
    which any argument may hold by coincidence.

    Examples:
        >>> from commercekit.errors import InvalidAmountError
        >>> price = 0.1
        >>> error = InvalidAmountError(price, "is a float")
        >>> name_refused(error, {"cost": 2, "price": price})
        >>> error.field, str(error)
        ('price', "0.1 is a float (argument 'price')")
    """
    if getattr(error, "field", None) is not None or len(error.args) != 1:
        return
    value = next(
        (
            held
            for name in _HOLDS
            if (held := getattr(error, name, _NOT_CARRIED)) is not _NOT_CARRIED
        ),
        _NOT_CARRIED,
    )
    if value is _NOT_CARRIED or value is None or value is True or value is False:
        return
    found = [name for name, held in given.items() if held is value]
    for name, held in given.items():
        if held.__class__ in (list, tuple):
            found += [f"{name}[{i}]" for i, item in enumerate(held) if item is value]  # type: ignore[attr-defined]
    if len(found) == 1:
        error.field = found[0]  # type: ignore[attr-defined]  # not every error declares it
        error.args = (f"{error.args[0]} (argument {found[0]!r})",)
