"""The terms a shipment travels under: the channel, the transport mode, the incoterm.

The channel and the transport mode are the tax layer's (a tax decision needs them too).
Enumerations only, so that what only names them (a checkout context, a quote within
the EU) loads none of the border's classes and rules.
"""

from __future__ import annotations

import enum

from commercekit.errors import InputKind, InvalidAmountError
from commercekit.tax import Channel, TransportMode

__all__ = ["CHANNELS", "TRANSPORT_MODES", "Channel", "Incoterm", "TransportMode"]


CHANNELS = tuple(Channel)
"""How goods are sent; some reliefs differ by channel (Canada's, Singapore's)."""

TRANSPORT_MODES = tuple(TransportMode)


class Incoterm(enum.StrEnum):
    """Who pays import charges (Incoterms 2020)."""

    DDP = "DDP"
    """Delivered duty paid: the seller pays, so the buyer is charged at checkout."""
    DAP = "DAP"
    """Delivered at place: the buyer pays at delivery. ``"DDU"`` is read as DAP."""

    @classmethod
    def parse(cls, value: object) -> Incoterm:
        """DDP, DAP, or the everyday DDU (delivered duty unpaid, DAP-like)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str) and value in ("DDP", "DAP", "DDU"):
            return cls.DAP if value == "DDU" else cls(value)
        raise InvalidAmountError.refused(
            "incoterm",
            value,
            "is not an incoterm; use 'DDP', 'DAP' or 'DDU'",
            kind=InputKind.CHOICE,
            choices=("DDP", "DAP", "DDU"),
        )
