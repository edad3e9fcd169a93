"""Public type aliases used across commercekit's signatures."""

from __future__ import annotations

from decimal import Decimal
from typing import TypeAlias

__all__ = ["Amount", "Ratio"]

Amount: TypeAlias = Decimal | int | str
"""What an amount may be given as: a ``Decimal``, an ``int`` or a decimal string.

Floats are deliberately absent: ``0.1`` as a float is not one tenth.
"""

Ratio: TypeAlias = Decimal | int
"""A non-negative weight for [`allocate`][commercekit.money.allocate]."""
