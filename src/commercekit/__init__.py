"""commercekit: commerce rules for Python shops, platform plugins and learners.

Money and currencies live in [`commercekit.money`][commercekit.money]; every error
commercekit raises on purpose is a
[`CommerceKitError`][commercekit.errors.CommerceKitError].

``import commercekit`` loads none of its packages, and a package none of its modules:
each public name is imported the first time it is used (see ``commercekit._lazy``).
"""

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers agree)
if TYPE_CHECKING:
    from commercekit.errors import CommerceKitError

    __version__: str
else:
    from commercekit._lazy import public_names

    _public, _dir = public_names(__name__, {".errors": "CommerceKitError"})

    def __dir__() -> list[str]:
        return sorted({*_dir(), "__version__"})

    def __getattr__(name: str) -> object:
        """A public name, or ``__version__`` read from the installed package's metadata
        on first use (reading it costs more than the rest of ``import commercekit``)."""
        if name != "__version__":
            return _public(name)
        from importlib.metadata import version  # noqa: PLC0415  # on first use

        globals()[name] = found = version("commercekit")
        return found


__all__ = ["CommerceKitError", "__version__"]
