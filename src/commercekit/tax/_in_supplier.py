"""India's GST registration: the supplier's facts its sales cannot tell, and the
States the registration limits name.

A [`GstSupplier`][commercekit.tax.GstSupplier] is where a supplier supplies from and
what kinds of supply it makes (``GstSupply``): what CGST Act ss. 22-24 and the
notifications under s. 23(2) ask, and a ``CountedSale`` cannot say.

References:
    CBIC, GST Acts (CGST Act s. 22 and its Explanation (iii)): https://cbic-gst.gov.in/gst-acts.html
    Notification 10/2019-Central Tax: https://cbic-gst.gov.in/pdf/central-tax/notfctn-10-central-tax-english-2019.pdf
    The amending Acts, as reproduced (read 2026-12-01): https://taxshastra.com/special-caregory-states-under-gst/

Examples:
    >>> GstSupplier("IN-KA", {GstSupply.GOODS}).goods_only
    True
    >>> GstSupplier("IN-KA", {GstSupply.GOODS, GstSupply.SERVICES}).goods_only
    False
    >>> GstSupplier(None, {GstSupply.GOODS})
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidAmountPlaceError: None means a supplier outside India, ...
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.errors import InputKind
from commercekit.regions import check_day
from commercekit.tax import _checks
from commercekit.tax._india import state

__all__ = [
    "GOODS_LIMIT_NOT_IN",
    "GstSupplier",
    "GstSupply",
    "special_category_states",
]

ACTS = "https://cbic-gst.gov.in/gst-acts.html"


class GstSupply(enum.StrEnum):
    """A kind of supply India's registration rules ask about (CGST Act ss. 22-24)."""

    GOODS = "goods"
    """Goods (within its State)."""
    SERVICES = "services"
    """Services (within its State)."""
    INTER_STATE_GOODS = "inter_state_goods"
    """Inter-State taxable supplies of goods: registration compulsory (s. 24(i))."""
    INTER_STATE_SERVICES = "inter_state_services"
    """Inter-State taxable supplies of services: exempt up to the turnover limit
    (Notification 10/2017-Integrated Tax, from 2017-10-13)."""
    GOODS_THROUGH_ECO = "goods_through_eco"
    """Goods through an e-commerce operator collecting tax at source (s. 24(ix))."""
    SERVICES_THROUGH_ECO = "services_through_eco"
    """Services (other than those of s. 9(5)) through an e-commerce operator collecting
    tax at source: exempt up to the limit (Notification 65/2017-Central Tax)."""
    LISTED_GOODS = "listed_goods"
    """Goods Notification 10/2019-Central Tax keeps at INR 20 lakh (ice cream, pan
    masala, tobacco; bricks and tiles from 2022-04-01)."""
    NON_RESIDENT = "non_resident"
    """Taxable supplies in India by a non-resident taxable person (s. 24(v))."""
    OIDAR = "oidar"
    """Online information and database access or retrieval services from outside
    India to non-registered recipients in India (s. 24(xi); IGST Act s. 14)."""


GOODS_KINDS = frozenset(
    {GstSupply.GOODS, GstSupply.INTER_STATE_GOODS, GstSupply.GOODS_THROUGH_ECO}
    | {GstSupply.LISTED_GOODS}
)
SERVICES_KINDS = frozenset(
    {GstSupply.SERVICES, GstSupply.INTER_STATE_SERVICES, GstSupply.SERVICES_THROUGH_ECO}
    | {GstSupply.OIDAR}
)
_ABROAD = frozenset({GstSupply.OIDAR, GstSupply.NON_RESIDENT})

NOTIFICATION_10_2019 = (
    "https://cbic-gst.gov.in/pdf/central-tax/notfctn-10-central-tax-english-2019.pdf"
)
SPECIAL_CATEGORY_NARROWED = date(2019, 2, 1)
"""The CGST (Amendment) Act 2018 took six States out of the special category States of
s. 22 (in force 2019-02-01, Notification 02/2019-Central Tax)."""
GOODS_LIMIT_SINCE = date(2019, 4, 1)
"""Notification 10/2019-Central Tax: INR 40 lakh for exclusive suppliers of goods."""

_ART_279A = frozenset(
    {"IN-AR", "IN-AS", "IN-HP", "IN-MN", "IN-ML", "IN-MZ", "IN-NL", "IN-SK", "IN-TR"}
    | {"IN-UK"}
)
_REMAINING = frozenset({"IN-MN", "IN-MZ", "IN-NL", "IN-TR"})
GOODS_LIMIT_NOT_IN = frozenset(
    {"IN-AR", "IN-MN", "IN-ML", "IN-MZ", "IN-NL", "IN-PY", "IN-SK", "IN-TS", "IN-TR"}
    | {"IN-UK"}
)
"""The States whose intra-State suppliers Notification 10/2019-Central Tax leaves out of
the INR 40 lakh limit for goods (clause (c))."""


def special_category_states(on: date) -> frozenset[str]:
    """The special category States of CGST Act s. 22 on ``on`` (ISO 3166-2 codes).

    Constitution art. 279A(4)(g) lists eleven States; s. 22's Explanation (iii) leaves
    out Jammu and Kashmir (from 2017-07-08, when the CGST Act extended to it) and, from
    2019-02-01, Arunachal Pradesh, Assam, Himachal Pradesh, Meghalaya, Sikkim and
    Uttarakhand (CGST (Amendment) Act 2018 s. 11).

    Examples:
        >>> sorted(special_category_states(date(2019, 2, 1)))
        ['IN-MN', 'IN-MZ', 'IN-NL', 'IN-TR']
        >>> "IN-UK" in special_category_states(date(2019, 1, 31))
        True
    """
    day = check_day(on)
    return _REMAINING if day >= SPECIAL_CATEGORY_NARROWED else _ART_279A


def _state(value: object) -> str | None:
    return None if value is None else state(value)


def _supplies(value: object) -> frozenset[GstSupply]:
    if isinstance(value, str | bytes | dict) or not isinstance(
        value, set | frozenset | list | tuple
    ):
        raise invalid(
            "supplies",
            value,
            "is not a set of GstSupply, such as {GstSupply.GOODS}",
            kind=InputKind.LIST,
        )
    if len(value) > len(GstSupply):
        raise invalid("supplies", value, f"lists more than the {len(GstSupply)} kinds")
    found = frozenset(_checks.choice(kind, GstSupply, "supplies") for kind in value)
    if not found & (GOODS_KINDS | SERVICES_KINDS | _ABROAD):
        raise invalid(
            "supplies",
            value,
            "names neither goods nor services; say what the supplier supplies "
            "(GstSupply.GOODS, GstSupply.SERVICES or both)",
        )
    return found


@named_at_the_door
@attrs.frozen
class GstSupplier:
    """What India's registration rules ask about a supplier that its sales cannot tell.

    ``state`` is the State or Union territory it supplies from (ISO 3166-2, ``IN-MH``),
    None for a supplier outside India. ``supplies`` are the kinds of supply it makes
    (``GstSupply``): ``GOODS`` and/or ``SERVICES``, and each that s. 24 or Notification
    10/2019 names. A supplier of goods only (no ``SERVICES``) may meet the INR 40 lakh
    limit; a set naming ``INTER_STATE_GOODS`` implies goods.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    state: str | None = attrs.field(converter=_state)
    supplies: frozenset[GstSupply] = attrs.field(converter=_supplies)

    def __attrs_post_init__(self) -> None:
        if self.state is not None and self.supplies & _ABROAD:
            raise invalid(
                "supplies",
                sorted(self.supplies),
                "names a supply from outside India (OIDAR, non-resident) for a "
                f"supplier in {self.state}; pass state=None for a supplier abroad",
                kind=InputKind.PLACE,
            )
        if self.state is None and not self.supplies & _ABROAD:
            raise invalid(
                "state",
                None,
                "means a supplier outside India, which registers in India only "
                "under s. 24: for OIDAR services to non-registered recipients "
                "(GstSupply.OIDAR) or as a non-resident taxable person "
                "(GstSupply.NON_RESIDENT); goods shipped from abroad are the buyer's "
                "import (see landed_cost). Else pass its State, such as 'IN-MH'",
                kind=InputKind.PLACE,
            )

    @property
    def goods_only(self) -> bool:
        """Whether it supplies goods and no services (the INR 40 lakh limit's test)."""
        return bool(self.supplies & GOODS_KINDS) and not self.supplies & SERVICES_KINDS
