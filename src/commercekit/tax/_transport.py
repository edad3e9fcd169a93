"""How goods travel to a border: the transport mode and the channel.

They live here, in the tax layer, because a tax decision needs them as well as the
border: Singapore's GST on low-value goods covers only goods imported "by air or post"
(IRAS, "GST on imported low-value goods"); goods coming by sea or land owe GST at
import whatever their value. India counts transport by air at no more than 20% of the
FOB value. The shipping layer publishes the same enumerations.
"""

from __future__ import annotations

import enum

from commercekit.tax import _checks

__all__ = ["Channel", "TransportMode", "optional_channel", "optional_transport_mode"]


class Channel(enum.StrEnum):
    """How goods are sent; some reliefs differ by channel (Canada's, Singapore's)."""

    COURIER = "courier"
    POST = "post"


class TransportMode(enum.StrEnum):
    """How goods travel to the border, where a rule depends on it: India counts the
    transport of goods imported by air at no more than 20% of their FOB value;
    Singapore taxes low-value goods at sale only when they come by air or post."""

    AIR = "air"
    SEA = "sea"
    LAND = "land"


def optional_transport_mode(value: object) -> TransportMode | None:
    """``None``, or one of ``"air"``, ``"sea"``, ``"land"``."""
    return None if value is None else _checks.choice(value, TransportMode, "transport_mode")


def optional_channel(value: object) -> Channel | None:
    """``None``, or ``"courier"`` or ``"post"``."""
    return None if value is None else _checks.choice(value, Channel, "channel")
