"""Where tax is rounded: a choice the quote reads on every cart, kept apart from the
invoice arithmetic (``_invoice``) so that a quote rounding per line loads none of it."""

from __future__ import annotations

import enum

__all__ = ["RoundingLevel"]


class RoundingLevel(enum.StrEnum):
    """Where tax is rounded to the minor unit."""

    UNIT = "unit"
    """Round the tax on one unit, then multiply by the quantity."""
    LINE = "line"
    """Round the tax on each line (unit price x quantity - discount)."""
    INVOICE = "invoice"
    """Add up the lines' exact taxes per tax and rate, round each once on the invoice
    (a line with two taxes counts in both rows), and share each out between its lines;
    tax-inclusive lines with several taxes on one base round the row's taxable value
    once and take each rate of it (the one-base rule of ``extract_tax``)."""
