"""What a sale of services must say where the place of supply depends on the service.

India's IGST Act 2017 s. 13 places a service supplied across India's border by its
kind: under the general rule where the recipient is (s. 13(2)), but where it is
performed for services on goods or in person (s. 13(3)), where the property is (s.
13(4)), where the event is held (s. 13(5)), where the supplier is for banking,
intermediary and short hire of means of transport (s. 13(8)), where the goods go for
their transport (s. 13(9)), where the passenger embarks (s. 13(10)), where the
conveyance first departs for services on board (s. 13(11)), and where the recipient
is for online information and database access or retrieval services (OIDAR, s.
13(12)). Whether such a supply from India is an **export of services** also needs two
facts a sale does not carry: how the payment is received (s. 2(6)(iv)) and whether
supplier and recipient are establishments of one person (s. 2(6)(v)).
[`ServiceFacts`][commercekit.tax.ServiceFacts] carries them; without it, a decision
that needs one of them is refused, naming it.

References:
    CBIC, GST Acts (IGST Act 2017 ss. 2(6), 13): https://cbic-gst.gov.in/gst-acts.html

Examples:
    >>> ServiceFacts("event", location="AE", paid_in_foreign_exchange=True,
    ...              establishments_of_one_person=False).location
    'AE'
    >>> ServiceFacts("general", location="AE")
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidAmountError: 'AE' is given, but a general service's ...
"""

from __future__ import annotations

import enum

import attrs

from commercekit._checks import invalid
from commercekit.errors import InputKind, UnknownJurisdictionError
from commercekit.regions import check_country
from commercekit.tax import _checks
from commercekit.tax._india import state

__all__ = ["PLACED_AT_LOCATION", "ServiceFacts", "ServiceKind"]


class ServiceKind(enum.StrEnum):
    """A service as IGST Act 2017 s. 13 places it when supplier or recipient is outside
    India."""

    GENERAL = "general"
    """s. 13(2): the recipient's location."""
    ON_GOODS = "on_goods"
    """s. 13(3)(a): services on goods the recipient makes physically available to the
    supplier: where performed."""
    IN_PERSON = "in_person"
    """s. 13(3)(b): services needing the recipient's physical presence: where
    performed."""
    IMMOVABLE_PROPERTY = "immovable_property"
    """s. 13(4): services directly in relation to immovable property: where it is."""
    EVENT = "event"
    """s. 13(5): admission to or organising an event (cultural, scientific, sporting,
    a fair, a conference): where it is held."""
    BANKING = "banking"
    """s. 13(8)(a): a banking company, financial institution or NBFC to its account
    holders: the supplier's location."""
    INTERMEDIARY = "intermediary"
    """s. 13(8)(b): intermediary services (s. 2(13)): the supplier's location."""
    HIRE_OF_TRANSPORT = "hire_of_transport"
    """s. 13(8)(c): hiring out a means of transport for up to one month: the supplier's
    location."""
    GOODS_TRANSPORT = "goods_transport"
    """s. 13(9): transport of goods, other than by mail or courier: the goods'
    destination."""
    PASSENGER_TRANSPORT = "passenger_transport"
    """s. 13(10): passenger transport: where the passenger embarks for a continuous
    journey."""
    ON_BOARD = "on_board"
    """s. 13(11): services on board a conveyance: its first scheduled point of
    departure."""
    OIDAR = "oidar"
    """s. 13(12): online information and database access or retrieval services: the
    recipient's location."""


PLACED_AT_LOCATION = frozenset(
    {
        ServiceKind.ON_GOODS,
        ServiceKind.IN_PERSON,
        ServiceKind.IMMOVABLE_PROPERTY,
        ServiceKind.EVENT,
        ServiceKind.GOODS_TRANSPORT,
        ServiceKind.PASSENGER_TRANSPORT,
        ServiceKind.ON_BOARD,
    }
)
"""The kinds whose place of supply is a place of their own (``ServiceFacts.location``)
rather than where the supplier or the recipient is."""


def _kind(value: object) -> ServiceKind:
    return _checks.choice(value, ServiceKind, "kind")


def _location(value: object) -> str | None:
    """A country (ISO 3166-1), or a State or Union territory of India (``IN-KA``)."""
    if value is None:
        return None
    if isinstance(value, str) and value.upper().startswith("IN-"):
        try:
            return state(value)
        except UnknownJurisdictionError as error:  # named at its field, for JSON too
            reason = "is not" + str(error).partition(" is not")[2]
            raise invalid("location", value, reason, kind=InputKind.PLACE) from None
    return check_country(value)


def _paid(value: object) -> bool | None:
    return None if value is None else _checks.flag(value, "paid_in_foreign_exchange")


def _one_person(value: object) -> bool | None:
    return None if value is None else _checks.flag(value, "establishments_of_one_person")


@attrs.frozen
class ServiceFacts:
    """The facts of a service the place-of-supply and export rules ask for.

    ``kind`` is a [`ServiceKind`][commercekit.tax.ServiceKind]. ``location`` is the
    place its rule looks at (where performed, where the property is, where the event
    is held, where the passenger embarks, the goods' destination, the conveyance's
    first departure): a country code, or for a place in India its State (``IN-KA``),
    which India's own tax needs; only the kinds placed there take one.
    ``paid_in_foreign_exchange`` says whether the supplier receives the payment in
    convertible foreign exchange, or in rupees where the Reserve Bank of India permits
    (s. 2(6)(iv)); ``establishments_of_one_person`` whether supplier and recipient are
    merely establishments of one person (s. 2(6)(v), Explanation 1 to s. 8). ``None``
    means not said: a decision that needs the fact is refused.
    """

    kind: ServiceKind = attrs.field(converter=_kind)
    location: str | None = attrs.field(default=None, converter=_location)
    paid_in_foreign_exchange: bool | None = attrs.field(default=None, converter=_paid)
    establishments_of_one_person: bool | None = attrs.field(
        default=None, converter=_one_person
    )

    def __attrs_post_init__(self) -> None:
        if self.location is not None and self.kind not in PLACED_AT_LOCATION:
            raise invalid(
                "location",
                self.location,
                f"is given, but a {self.kind.value.replace('_', ' ')} service's place "
                "of supply is not where it is performed: leave location out",
            )
