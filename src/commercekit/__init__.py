"""commercekit: commerce rules for Python shops, platform plugins and learners.

Money and currencies live in :mod:`commercekit.money`; every error commercekit raises
on purpose is a :class:`~commercekit.errors.CommerceKitError`.
"""

from importlib.metadata import version

from commercekit.errors import CommerceKitError

__all__ = ["CommerceKitError", "__version__"]

__version__ = version("commercekit")
