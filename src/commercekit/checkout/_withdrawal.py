"""The right to withdraw from a distance sale: the last day a consumer may change
their mind, in the EU and EEA and in the United Kingdom.

**EU and EEA.** A consumer who buys goods at a distance may withdraw within 14 days,
without giving a reason. The period starts the day after they (or a third party they
named, not the carrier) acquire physical possession of the goods; the day of delivery
itself does not count. If the 14th day is a public holiday, a Saturday or a Sunday, the
period ends at the end of the next working day, by the consumer's own calendar
(Regulation 1182/71, which recital 41 of the Directive applies to its periods).

**United Kingdom** (Great Britain and Northern Ireland alike). The Consumer Contracts
(Information, Cancellation and Additional Charges) Regulations 2013 give the same 14
days: for a sales contract the cancellation period ends "at the end of 14 days after the
day on which the goods come into the physical possession of" the consumer or a person
they named, other than the carrier (reg. 30(3)); for goods of one order delivered on
different days, after the last of them (reg. 30(4)). The Regulations have no
next-working-day rule: the 14th day ends the period whatever day of the week it is.
Regulation 1182/71 applies to "acts of the Council or Commission" (its Art. 1), not to
a UK statutory instrument, so it does not move a UK deadline, before 2021 or since
(before 2021 a court might have read the Regulations in the light of the Directive's
recital 41; commercekit follows the Regulations' words throughout and says so here).
A trader who did not give the information on the right to cancel before the contract
extends the period: 12 months after the day the normal period would have ended, or, if
the information comes within those 12 months, 14 days after the day the consumer
receives it (reg. 31(1)). The Regulations apply to contracts entered into on or after
13 June 2014 (reg. 1(2)) and extend to the whole United Kingdom, Northern Ireland
included (legislation.gov.uk marks each provision's extent "U.K.").

References:
    * Directive 2011/83/EU on consumer rights, Art. 9 (the 14-day period), Art. 11(2)
      (withdrawing in time), Art. 28(2) (from when it applies), recital 41:
      https://eur-lex.europa.eu/eli/dir/2011/83/oj
    * Regulation (EEC, Euratom) No 1182/71 determining the rules applicable to periods,
      dates and time limits, Art. 1 and 3: https://eur-lex.europa.eu/eli/reg/1971/1182/oj
    * EEA Agreement, Annex XIX, as amended by EEA Joint Committee Decision No 181/2015
      (the Directive in Iceland, Liechtenstein and Norway).
    * The Consumer Contracts (Information, Cancellation and Additional Charges)
      Regulations 2013 (SI 2013/3134), regs. 1, 29, 30 and 31:
      https://www.legislation.gov.uk/uksi/2013/3134/part/3

Examples:
    >>> withdrawal_deadline(date(2026, 11, 26), country="NL")
    datetime.date(2026, 12, 10)
    >>> withdrawal_deadline(date(2026, 11, 28), country="GB")  # a Saturday, kept
    datetime.date(2026, 12, 12)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal, cast

from commercekit._numbers import context_free
from commercekit.checkout._checks import error, optional_label
from commercekit.errors import InvalidAmountError, NoRuleError, UnknownCountryError
from commercekit.regions import (
    Place,
    check_country,
    first_working_day,
    holiday_region,
    place_of,
)

__all__ = ["withdrawal_deadline"]


# Directive 2011/83/EU applies in the EEA: the EU member states and these three
# (EEA Agreement, Annex XIX, as amended by EEA Joint Committee Decision No 181/2015).
_EEA_NOT_EU = frozenset({"IS", "LI", "NO"})

_DIRECTIVE_APPLIES = date(2014, 6, 13)
"""The day from which Directive 2011/83/EU applies (Art. 28(2)): a delivery before it
belongs to a contract under the earlier Distance Selling Directive 97/7/EC."""

_LAST_DELIVERY = date(9999, 11, 30)
"""The last delivery whose deadline (14 days, then the next working day) still falls
within the calendar ``datetime.date`` can hold."""

_UK = frozenset({"GB", "XI"})
"""The United Kingdom: Great Britain, and Northern Ireland (``XI``, as elsewhere in
commercekit; or ``GB`` with ``subdivision="NIR"``)."""

_UK_REGULATIONS_APPLY = date(2014, 6, 13)
"""SI 2013/3134 reg. 1(2): the Regulations apply to contracts entered into on or after
13 June 2014 (the Consumer Protection (Distance Selling) Regulations 2000 before)."""

_UK_LAST_DELIVERY = date(9998, 12, 17)
"""The last delivery whose longest UK period (14 days, then 12 months) still ends
within the calendar."""

Informed = date | Literal["in_time", "never"]
"""When the consumer was given the information on the right to withdraw: ``"in_time"``
(before the contract, as the law requires), ``"never"``, or the day they received it
late."""

_INFORMED = ("in_time", "never")


@context_free
def withdrawal_deadline(
    delivered_on: date,
    *,
    country: str,
    subdivision: str | None = None,
    informed: Informed = "in_time",
) -> date:
    """The last day a consumer may withdraw from (UK: cancel) a distance sale of goods.

    **EU and EEA.** The withdrawal period is 14 days and, for a sale of goods, starts
    the day after the consumer (or a third party they named, not the carrier) acquires
    physical possession of the goods; for several goods delivered separately, of the
    last one (Directive 2011/83/EU, Art. 9(1) and 9(2)(b); the day of delivery itself
    does not count, Regulation 1182/71 Art. 3(1)). If the 14th day is a public holiday,
    a Saturday or a Sunday, the period ends at the end of the following working day
    (Regulation (EEC, Euratom) No 1182/71, Art. 3(4)). Public holidays are those of
    the consumer's ``country`` (and ``subdivision``, where holidays differ by region),
    from the ``holidays`` library. The consumer has withdrawn in time if they send
    their statement before the end of the returned day (Art. 11(2)). The Directive
    applies to contracts concluded after 13 June 2014 (Art. 28(2)); an earlier
    delivery, whose contract fell under Directive 97/7/EC, has no rule here. Where it
    applies is the place's own status on the day (``regions.place_of``, with
    ``subdivision`` read as an ISO 3166-2 code where it is one): the outermost regions
    (``ES-CN``, ``FR-974``) are inside, the overseas countries and territories
    (``FR-NC``, ``NL-AW``) are not (TFEU Art. 349 and 355).

    **United Kingdom** (``country="GB"``, or ``"XI"`` for Northern Ireland; a
    ``subdivision`` such as ``"NIR"`` is checked but changes nothing): the period ends
    at the end of the 14th day after delivery, whatever day of the week that is (SI
    2013/3134 reg. 30(3) and (4); no next-working-day rule), for contracts entered into
    on or after 13 June 2014 (reg. 1(2)). ``informed`` says when the consumer got the
    information on the right to cancel: ``"in_time"`` (before the contract, the
    default and the normal case); ``"never"``, which extends the period to 12 months
    after the day it would have ended (reg. 31(1)(a)); or the day they received it
    late, which ends the period 14 days after that day, never before the normal end,
    and never after the 12 months (reg. 31(1)(b)). For a service contract the period
    runs from the day the contract was entered into (reg. 30(2)): pass that day as
    ``delivered_on``.

    Raises ``NoRuleError`` for a place or a date no rule here covers, and for an
    ``informed`` other than ``"in_time"`` in the EU (the Directive's Art. 10 extension
    is not bundled); ``InvalidAmountError`` for a day that is not a ``date``.

    Examples:
        >>> withdrawal_deadline(date(2026, 11, 26), country="NL")  # 14th day a Thursday
        datetime.date(2026, 12, 10)
        >>> withdrawal_deadline(date(2026, 11, 28), country="NL")  # Sat. -> Monday
        datetime.date(2026, 12, 14)
        >>> # Fri. 25 Dec. is Christmas, Sat. 26 Boxing Day, then Sunday: Monday 28 Dec.
        >>> withdrawal_deadline(date(2026, 12, 11), country="NL")
        datetime.date(2026, 12, 28)
        >>> # 4 June 2026 is Corpus Christi in Bavaria, not in Berlin
        >>> withdrawal_deadline(date(2026, 5, 21), country="DE", subdivision="BY")
        datetime.date(2026, 6, 5)
        >>> withdrawal_deadline(date(2026, 5, 21), country="DE", subdivision="BE")
        datetime.date(2026, 6, 4)
        >>> # The UK keeps the 14th day, Christmas Day or not
        >>> withdrawal_deadline(date(2026, 12, 11), country="GB", subdivision="NIR")
        datetime.date(2026, 12, 25)
        >>> withdrawal_deadline(date(2026, 12, 11), country="GB", informed="never")
        datetime.date(2027, 12, 25)
        >>> withdrawal_deadline(date(2026, 11, 26), country="US")
        Traceback (most recent call last):
        ...
        commercekit.errors.NoRuleError: no rule for the EU right of withdrawal in US on ...
        >>> withdrawal_deadline(date(2014, 6, 1), country="NL")
        Traceback (most recent call last):
        ...
        commercekit.errors.NoRuleError: no rule for the EU right of withdrawal in NL ...
    """
    delivered = _day(delivered_on, "delivered_on")
    northern_ireland = isinstance(country, str) and country.strip().upper() == "XI"
    code = "XI" if northern_ireland else check_country(country)
    region = optional_label(subdivision, "subdivision")
    late = _informed(informed)
    if code in _UK:
        return _uk_deadline(delivered, region, late)
    _check_covered(delivered, code, region)
    if late != "in_time":
        raise NoRuleError(
            f"the EU right of withdrawal in {code} when the consumer was not informed "
            "in time",
            delivered,
            "only consumers informed before the contract (the Directive's Art. 10 "
            "extension is not bundled; pass informed='in_time')",
        )
    return first_working_day(delivered + timedelta(days=14), code, subdivision=region)


def _day(value: object, field: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidAmountError(
            value,
            f"is not a date; pass {field} as a datetime.date (a datetime would leave "
            "open in which time zone the day is counted)",
        )
    return value


def _informed(value: object) -> Informed:
    if isinstance(value, date):
        return _day(value, "informed")
    if isinstance(value, str) and value in _INFORMED:
        return cast("Literal['in_time', 'never']", value)
    raise error(
        "informed",
        value,
        "is not 'in_time', 'never' or a date; say whether the consumer was told of the "
        "right to cancel before the contract, never, or on which day",
    )


def _uk_deadline(delivered: date, region: str | None, informed: Informed) -> date:
    """SI 2013/3134 regs. 30 and 31: 14 days, extended where the consumer was not told
    of the right to cancel in time."""
    if region is not None:
        holiday_region("GB", region)  # a UK region, though no holiday moves the end
    if not _UK_REGULATIONS_APPLY <= delivered <= _UK_LAST_DELIVERY:
        raise NoRuleError(
            "the UK right to cancel",
            delivered,
            f"deliveries from {_UK_REGULATIONS_APPLY.isoformat()} (SI 2013/3134 applies "
            "to contracts entered into on or after 13 June 2014, reg. 1(2)) to "
            f"{_UK_LAST_DELIVERY.isoformat()} (the calendar ends on 9999-12-31)",
        )
    normal = delivered + timedelta(days=14)  # reg. 30(3): the end of the 14th day after
    if informed == "in_time":
        return normal
    longest = _twelve_months_after(normal)  # reg. 31(1)(a)
    if informed == "never" or informed > longest:
        return longest
    return max(normal, informed + timedelta(days=14))  # reg. 31(1)(b)


def _twelve_months_after(day: date) -> date:
    """The day 12 months after ``day``: the same date a year on, or 28 February for a
    29 February (the corresponding-date rule for calendar months)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 2, 28)


def _check_covered(delivered_on: date, code: str, region: str | None) -> None:
    """Refuses a delivery the Directive does not cover: by date, or by place. Where the
    Directive applies is decided by the place's own status on the day (``place_of``),
    not by its country's code: Réunion and the Canary Islands are inside the EU's
    territorial scope (TFEU Art. 349 and 355(1)), New Caledonia and Aruba, overseas
    countries and territories, are not (Art. 355(2) and Annex II)."""
    if not _DIRECTIVE_APPLIES <= delivered_on <= _LAST_DELIVERY:
        raise NoRuleError(
            f"the EU right of withdrawal in {code}",
            delivered_on,
            f"deliveries from {_DIRECTIVE_APPLIES.isoformat()} (Directive 2011/83/EU "
            f"applies to contracts concluded after 13 June 2014, Art. 28(2)) to "
            f"{_LAST_DELIVERY.isoformat()} (the calendar ends on 9999-12-31)",
        )
    if code in _EEA_NOT_EU:
        return
    place = _place(code, region, delivered_on)
    if place.in_eu_territorial_scope is not True:
        where = f"{code} ({region})" if region else code
        raise NoRuleError(
            f"the EU right of withdrawal in {where}",
            delivered_on,
            "consumers in the EU and EEA member states where the Treaties apply "
            "(Directive 2011/83/EU; TFEU Art. 355: not the overseas countries and "
            "territories) and in the United Kingdom (SI 2013/3134)"
            + "".join(f"; {why}" for why in place.why),
        )


def _place(code: str, region: str | None, on: date) -> Place:
    """The consumer's place: ``region`` read as an ISO 3166-2 subdivision (``FR-NC``,
    or ``NC`` of ``FR``) where it is one; a holidays region that is not (the
    Netherlands' ``Midden``) says nothing of the place's status."""
    if region is not None:
        iso = (
            region.upper() if region.upper().startswith(f"{code}-") else f"{code}-{region}"
        )
        try:
            return place_of(code, subdivision=iso, on=on)
        except UnknownCountryError:
            pass
    return place_of(code, on=on)
