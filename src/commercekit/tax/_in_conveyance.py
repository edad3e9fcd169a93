"""The conveyance a passenger travels by on land, as India's GST rates passenger
transport other than by air.

The rates and exemptions name the conveyance (Notification 11/2017-Central Tax (Rate)
S. No. 8 items (i) and (ii); Notification 12/2017-Central Tax (Rate) S. No. 15 and 17),
with the Motor Vehicles Act 1988's words for road vehicles (s. 2: contract carriage,
stage carriage, motorcab, maxicab, motor cycle). Some members have no bundled rate,
because the entries that rate them were not read: a rate asked for them is refused,
naming the conveyance (``tax/_data/in_by_fact.csv`` says which). From 2025-09-22
(Notification 15/2025-Central Tax (Rate), whose entries for passengers by land were not
read) rail is bundled, as reported unchanged. A motorcab, maxicab or motor cycle with
the fuel in the fare (S. No. 8 item (vi)) pays 5 % or, with full input tax credit,
12 % (18 % from 2025-09-22), as the supplier chooses and
``RateFacts.full_input_tax_credit`` says: a motorcab 5 % from 2017-07-01 and 12 % from
2017-08-22 (20/2017-Central Tax (Rate)), the others from 2017-10-13 (31/2017). A radio
taxi, an air-conditioned contract or stage carriage (item (ii)) and metro from
2025-09-22 are refused, saying what was read (``why_not_bundled``).

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
    """A motorcab (up to six passengers) that is neither a radio taxi nor a metered cab
    (exempt by 12/2017 S. No. 17 (e); not bundled), the cost of fuel included in the
    fare: S. No. 8 (vi), at the supplier's option (``RateFacts.full_input_tax_credit``)
    from 2017-08-22 (12 %; 18 % from 2025-09-22), 5 % without it from 2017-07-01."""
    MAXICAB = "maxicab"
    """A maxicab (seven to twelve passengers) that is not a radio taxi, the fuel in the
    fare: as a motorcab from 2017-10-13 (31/2017-Central Tax (Rate)); not bundled
    before."""
    MOTOR_CYCLE = "motor_cycle"
    """A motor cycle, the fuel in the fare: as a maxicab."""


_RESTRUCTURED = date(2025, 9, 22)
"""From this day the rates of the 56th GST Council meeting apply (15/2025-Central Tax
(Rate), 16/2025-Central Tax (Rate))."""

_OPTION = frozenset({Conveyance.MOTORCAB, Conveyance.MAXICAB, Conveyance.MOTOR_CYCLE})
"""Rated by S. No. 8 item (vi), at the supplier's option."""

_OPTION_BEGAN = date(2017, 8, 22)
"""20/2017-Central Tax (Rate): a motorcab's option of full input tax credit at 12 %."""

_ANY_MOTOR_VEHICLE = date(2017, 10, 13)
"""31/2017-Central Tax (Rate): item (vi) names any motor vehicle, not a motorcab."""

_ITEM_II = frozenset(
    {Conveyance.RADIO_TAXI, Conveyance.AC_CONTRACT_CARRIAGE, Conveyance.AC_STAGE_CARRIAGE}
)
"""Rated by S. No. 8 item (ii), bundled until 2025-09-21."""

_NON_AC = frozenset({Conveyance.NON_AC_CONTRACT_CARRIAGE, Conveyance.NON_AC_STAGE_CARRIAGE})
"""Exempt with exceptions no fact states (12/2017 S. No. 15 (b), (c)); never bundled."""


def why_not_bundled(conveyance: Conveyance, day: date) -> str | None:
    """What was read of ``conveyance``'s rate on ``day`` that no bundled row gives, or
    ``None`` where nothing more is known than the data's header says."""
    if conveyance is Conveyance.MOTORCAB and day < _OPTION_BEGAN:
        return (
            "until 2017-08-21 S. No. 8 item (vi) rated a motorcab with the fuel in the "
            "fare at 5 % provided no input tax credit was taken; the option of 12 % "
            "with full credit began with 20/2017-Central Tax (Rate) of 22 August 2017 "
            "(as titled), and the entry a supplier taking full credit fell to before "
            "it was not read"
        )
    if conveyance in _OPTION and day < _ANY_MOTOR_VEHICLE:
        return (
            "until 2017-10-12 S. No. 8 item (vi) named a motorcab only; "
            "31/2017-Central Tax (Rate) of 13 October 2017 made it any motor vehicle "
            "designed to carry passengers (5 %, or 12 % with full input tax credit); "
            "before it a maxicab's or motor cycle's rate turns on entries not read "
            "(item (ii) for an air-conditioned contract carriage, the exemption of "
            "other contract carriages, item (vii))"
        )
    if conveyance in _ITEM_II and day >= _RESTRUCTURED:
        return (
            "S. No. 8 item (ii) (5 % without input tax credit until 2025-09-21) as it "
            "stands from 2025-09-22 was not read; the reports of the 56th GST Council "
            "meeting speak of item (vi) (5 % or 18 % at the supplier's option), and "
            "summaries disagree on item (ii) (cleartax.in gives a radio taxi 5 % or 12 "
            "% with credit)"
        )
    if conveyance in _NON_AC:
        return (
            "its exemption (12/2017-Central Tax (Rate) S. No. 15 (b), (c): not for "
            "tourism, a conducted tour, charter or hire, nor through an electronic "
            "commerce operator, as summarised) was not read"
        )
    if conveyance is Conveyance.METRO and day >= _RESTRUCTURED:
        return (
            "its exemption (12/2017-Central Tax (Rate) S. No. 17 (b)) as it stands from "
            "2025-09-22, after 16/2025-Central Tax (Rate), was not read"
        )
    return None
