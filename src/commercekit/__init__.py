"""commercekit: commerce rules for Python shops, platform plugins and learners.

Money and currencies live in [`commercekit.money`][commercekit.money]; every error
commercekit raises on purpose is a
[`CommerceKitError`][commercekit.errors.CommerceKitError].
"""

from importlib.metadata import version

from commercekit.errors import CommerceKitError

__all__ = ["CommerceKitError", "__version__"]

__version__ = version("commercekit")
