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
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.errors import InputKind, UnknownJurisdictionError
from commercekit.regions import check_country
from commercekit.tax import _checks
from commercekit.tax._india import state

__all__ = ["PLACED_AT_LOCATION", "OperatorService", "ServiceFacts", "ServiceKind"]


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


class OperatorService(enum.StrEnum):
    """A service Notification 17/2017-Central Tax (Rate) may make the operator's."""

    CAB = "cab"
    """Clause (i): passengers by radio-taxi, motorcab, maxicab or motor cycle."""
    MOTOR_VEHICLE = "motor_vehicle"
    """Clause (i) from 2022-01-01: passengers by any other motor vehicle (not an
    omnibus)."""
    ACCOMMODATION = "accommodation"
    """Clause (ii): hotels, inns, guest houses, clubs, campsites and the like."""
    HOUSEKEEPING = "housekeeping"
    """Clause (iii) from 2017-08-22: house-keeping, such as plumbing, carpentering."""
    RESTAURANT = "restaurant"
    """Clause (iv) from 2022-01-01: restaurant service."""
    OTHER = "other"
    """A service no clause names: its supplier pays the tax (CGST Act s. 9(1))."""


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


def _operator_service(value: object) -> OperatorService | None:
    return (
        None
        if value is None
        else _checks.choice(value, OperatorService, "operator_service")
    )


def _liable(value: object) -> bool | None:
    return None if value is None else _checks.flag(value, "supplier_liable_to_register")


def _premises(value: object) -> bool | None:
    return None if value is None else _checks.flag(value, "at_specified_premises")


@named_at_the_door
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

    Sold within India through an electronic commerce operator (``Sale.marketplace``),
    ``operator_service`` says which clause of Notification 17/2017-Central Tax (Rate)
    names the service (``"other"``: none), so that the decision can tell whether the
    operator pays its tax (CGST Act s. 9(5);
    [`operator_pays`][commercekit.tax.operator_pays]); ``supplier_liable_to_register``
    and ``at_specified_premises`` are the facts the clauses' exceptions turn on, given
    with ``operator_service`` only.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    kind: ServiceKind = attrs.field(converter=_kind)
    location: str | None = attrs.field(default=None, converter=_location)
    paid_in_foreign_exchange: bool | None = attrs.field(default=None, converter=_paid)
    establishments_of_one_person: bool | None = attrs.field(
        default=None, converter=_one_person
    )
    operator_service: OperatorService | None = attrs.field(
        default=None, converter=_operator_service
    )
    supplier_liable_to_register: bool | None = attrs.field(default=None, converter=_liable)
    at_specified_premises: bool | None = attrs.field(default=None, converter=_premises)

    def __attrs_post_init__(self) -> None:
        if self.location is not None and self.kind not in PLACED_AT_LOCATION:
            raise invalid(
                "location",
                self.location,
                f"is given, but a {self.kind.value.replace('_', ' ')} service's place "
                "of supply is not where it is performed: leave location out",
            )
        if self.operator_service is None:
            for name in ("supplier_liable_to_register", "at_specified_premises"):
                if getattr(self, name) is not None:
                    raise invalid(
                        name,
                        getattr(self, name),
                        "is a fact of a service sold through an e-commerce operator: "
                        "give it with operator_service (the notified clause), or "
                        "leave it out",
                    )
