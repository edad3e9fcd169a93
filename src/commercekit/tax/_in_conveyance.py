"""The conveyance a passenger travels by on land, as India's GST rates passenger
transport other than by air.

The rates and exemptions name the conveyance (Notification 11/2017-Central Tax (Rate)
S. No. 8 items (i) and (ii); Notification 12/2017-Central Tax (Rate) S. No. 15 and 17),
with the Motor Vehicles Act 1988's words for road vehicles (s. 2: contract carriage,
stage carriage, motorcab, maxicab, motor cycle). Some members have no bundled rate,
because the entries that rate them were not read: a rate asked for them is refused,
naming the conveyance (``tax/_data/in_by_fact.csv`` says which). From 2025-09-22
(Notification 15/2025-Central Tax (Rate), whose entries for passengers by land were not
read) only rail is bundled, as reported unchanged; a motor vehicle's rate, reported as
5 % or 18 % at the supplier's option, and metro are refused, saying so
(``why_not_bundled``).

References:
    CBIC, Central Tax (Rate) notifications (11/2017, 12/2017): https://cbic-gst.gov.in/central-tax-rate-notifications.html
    Motor Vehicles Act 1988 s. 2 (definitions), India Code: https://www.indiacode.nic.in/handle/123456789/1798

Examples:
    >>> Conveyance("radio_taxi")
    <Conveyance.RADIO_TAXI: 'radio_taxi'>
"""

from __future__ import annotations

import enum
from datetime import date

__all__ = ["Conveyance", "why_not_bundled"]


class Conveyance(enum.StrEnum):
    """How a passenger travels on land (``RateFacts.conveyance``)."""

    RAIL_FIRST_OR_AC = "rail_first_or_ac"
    """Rail in first class or an air-conditioned coach (11/2017 S. No. 8 (i))."""
    RAIL_OTHER_CLASS = "rail_other_class"
    """Rail in a class other than first class or an air-conditioned coach (12/2017 S.
    No. 17 (a): exempt)."""
    METRO = "metro"
    """Metro, monorail or tramway (12/2017 S. No. 17 (b): exempt)."""
    RADIO_TAXI = "radio_taxi"
    """A taxi or radio cab in two-way radio communication with a central control office
    and tracked by GPS or GPRS (11/2017 S. No. 8 (ii)(c))."""
    AC_CONTRACT_CARRIAGE = "ac_contract_carriage"
    """An air-conditioned contract carriage other than a motorcab (S. No. 8 (ii)(a))."""
    AC_STAGE_CARRIAGE = "ac_stage_carriage"
    """An air-conditioned stage carriage (S. No. 8 (ii)(b))."""
    NON_AC_CONTRACT_CARRIAGE = "non_ac_contract_carriage"
    """A contract carriage without air conditioning, other than a radio taxi: its
    exemption (12/2017 S. No. 15 (b)) and the exception for supplies through an
    e-commerce operator were not read; not bundled."""
    NON_AC_STAGE_CARRIAGE = "non_ac_stage_carriage"
    """A stage carriage without air conditioning: its exemption (12/2017 S. No. 15 (c))
    and the exception for supplies through an operator were not read; not bundled."""
    MOTORCAB = "motorcab"
    """A motorcab (up to six passengers) that is not a radio taxi: rated by S. No. 8
    (vi) or (vii), whose wording and options were not read, or exempt as a metered cab
    or auto rickshaw (12/2017 S. No. 17 (e), read only in summaries); not bundled."""
    MAXICAB = "maxicab"
    """A maxicab (seven to twelve passengers) that is not a radio taxi: not bundled, as
    for a motorcab."""
    MOTOR_CYCLE = "motor_cycle"
    """A motor cycle: not bundled, as for a motorcab."""


_RESTRUCTURED = date(2025, 9, 22)
"""From this day the rates of the 56th GST Council meeting apply (15/2025-Central Tax
(Rate), 16/2025-Central Tax (Rate))."""

_MOTOR_VEHICLES = frozenset(Conveyance) - {
    Conveyance.RAIL_FIRST_OR_AC,
    Conveyance.RAIL_OTHER_CLASS,
    Conveyance.METRO,
}


def why_not_bundled(conveyance: Conveyance, day: date) -> str | None:
    """What was read of ``conveyance``'s rate on ``day`` that no bundled row gives, or
    ``None`` where nothing more is known than the data's header says."""
    if day < _RESTRUCTURED:
        return None
    if conveyance in _MOTOR_VEHICLES:
        return (
            "from 2025-09-22 transport of passengers by motor vehicle is reported as 5 % "
            "with credit of input services in the same line of business or 18 % with "
            "full input tax credit, at the supplier's option (56th GST Council meeting); "
            "the entry of 15/2025-Central Tax (Rate) that sets it was not read"
        )
    if conveyance is Conveyance.METRO:
        return (
            "its exemption (12/2017-Central Tax (Rate) S. No. 17 (b)) as it stands from "
            "2025-09-22, after 16/2025-Central Tax (Rate), was not read"
        )
    return None
