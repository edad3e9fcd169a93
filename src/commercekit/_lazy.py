"""A package's public names, each imported from its module the first time it is used.

``import commercekit.checkout`` then costs the package's docstring, not every module
(and every third-party library) behind its ``__all__``; ``from commercekit.checkout
import quote`` imports what ``quote`` needs and no more (PEP 562's module
``__getattr__``). A package lists where each of its names lives:

    if TYPE_CHECKING:
        from commercekit.money._money import Money
    else:
        __getattr__, __dir__ = public_names(__name__, {"._money": "Money"})

The ``TYPE_CHECKING`` imports are for type checkers and the documentation, which read
the source; ``tests/test_lazy_names.py`` checks that they and the runtime list agree.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers agree)
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["ORIGINS", "public_names"]

ORIGINS: dict[str, dict[str, str]] = {}
"""Each package's names, each with the module it is imported from (for the tests)."""


def public_names(
    package: str, modules: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose names are in
    ``modules``: each module (relative to the package, or absolute) with the names it
    gives, separated by spaces. A name is imported on first use and then kept in the
    package's namespace, so later uses cost nothing."""
    origin = {
        name: package + module if module.startswith(".") else module
        for module, names in modules.items()
        for name in names.split()
    }
    ORIGINS[package] = origin
    namespace = vars(sys.modules[package])

    def __getattr__(name: str) -> object:  # noqa: N807  # PEP 562's name
        module = origin.get(name)
        if module is None:
            message = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(message, name=name, obj=sys.modules[package])
        __import__(module)
        value = getattr(sys.modules[module], name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:  # noqa: N807  # PEP 562's name
        return sorted({*namespace, *origin})

    return __getattr__, __dir__
