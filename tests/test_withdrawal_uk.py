"""The UK right to cancel a distance sale (SI 2013/3134, regs. 29-31) beside the EU's.

Reg. 30(3): for a sales contract the cancellation period "ends at the end of 14 days
after the day on which the goods come into the physical possession of" the consumer (or
a person they named, other than the carrier). The Regulations have no next-working-day
rule, unlike the EU's Regulation 1182/71 Art. 3(4), so the two answers part whenever
the 14th day is a weekend or a holiday. Reg. 31(1): a consumer not told of the right to
cancel before the contract has until 12 months after the normal end, or 14 days after
the day they are told, if they are told within those 12 months.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import withdrawal_deadline
from commercekit.errors import InvalidAmountError, NoRuleError, UnknownCountryError

THURSDAY = date(2026, 11, 26)


def test_fourteen_days_after_delivery() -> None:
    # Delivered Thursday 26 November 2026: the 14th day after it is Thursday 10
    # December, as in the EU.
    assert withdrawal_deadline(THURSDAY, country="GB") == date(2026, 12, 10)
    assert withdrawal_deadline(THURSDAY, country="NL") == date(2026, 12, 10)


def test_no_next_working_day_in_the_uk() -> None:
    # Delivered Saturday 28 November: the 14th day is Saturday 12 December. The UK
    # period ends that day; the EU's moves to Monday 14 December (Reg. 1182/71).
    saturday = date(2026, 11, 28)
    assert withdrawal_deadline(saturday, country="GB") == date(2026, 12, 12)
    assert withdrawal_deadline(saturday, country="IE") == date(2026, 12, 14)
    # Delivered Friday 11 December: the 14th day is Christmas Day. The UK keeps it.
    assert withdrawal_deadline(date(2026, 12, 11), country="GB") == date(2026, 12, 25)
    assert withdrawal_deadline(date(2026, 12, 11), country="NL") == date(2026, 12, 28)


def test_northern_ireland_follows_the_uk_regulations() -> None:
    # The Regulations extend to the whole UK: Northern Ireland, given as XI (as
    # elsewhere in commercekit) or as GB with its region, answers as Great Britain,
    # not as Ireland across the border.
    christmas = date(2026, 12, 11)
    assert withdrawal_deadline(christmas, country="XI") == date(2026, 12, 25)
    assert withdrawal_deadline(christmas, country="xi") == date(2026, 12, 25)
    assert withdrawal_deadline(christmas, country="GB", subdivision="NIR") == date(
        2026, 12, 25
    )
    assert withdrawal_deadline(christmas, country="XI", subdivision="NIR") == date(
        2026, 12, 25
    )
    assert withdrawal_deadline(christmas, country="IE") == date(2026, 12, 28)


def test_the_regulations_apply_from_13_june_2014() -> None:
    # Reg. 1(2): contracts entered into on or after 13 June 2014.
    with pytest.raises(NoRuleError, match=r"UK right to cancel.*from 2014-06-13"):
        withdrawal_deadline(date(2014, 6, 12), country="GB")
    assert withdrawal_deadline(date(2014, 6, 13), country="GB") == date(2014, 6, 27)


def test_the_uk_rule_did_not_change_when_the_uk_left_the_eu() -> None:
    # Delivered Saturday 12 December 2020 (the UK still in the transition period): the
    # 14th day is Saturday 26 December. The Regulations end the period that day, as
    # they do from 2021; the EU's rule moves it to the next working day.
    assert withdrawal_deadline(date(2020, 12, 12), country="GB") == date(2020, 12, 26)
    assert withdrawal_deadline(date(2021, 1, 1), country="GB") == date(2021, 1, 15)
    assert withdrawal_deadline(date(2020, 12, 12), country="IE") == date(2020, 12, 28)


def test_not_informed_extends_the_period_by_12_months() -> None:
    # Reg. 31(1)(a): the normal end is 10 December 2026; never told, 10 December 2027.
    assert withdrawal_deadline(THURSDAY, country="GB", informed="never") == date(
        2027, 12, 10
    )
    # Reg. 31(1)(b): told on 5 January 2027, the period ends 14 days later.
    late = date(2027, 1, 5)
    assert withdrawal_deadline(THURSDAY, country="GB", informed=late) == date(2027, 1, 19)
    # Told after the contract but before delivery: never shorter than 14 days after
    # delivery; told four days after delivery, 14 days after that.
    early = date(2026, 11, 20)
    assert withdrawal_deadline(THURSDAY, country="GB", informed=early) == date(2026, 12, 10)
    assert withdrawal_deadline(THURSDAY, country="GB", informed=date(2026, 11, 30)) == date(
        2026, 12, 14
    )
    # Told on the last day of the 12 months: 14 days after it; the day after, the
    # period had already ended.
    last = date(2027, 12, 10)
    assert withdrawal_deadline(THURSDAY, country="GB", informed=last) == date(2027, 12, 24)
    after = date(2027, 12, 11)
    assert withdrawal_deadline(THURSDAY, country="GB", informed=after) == last


def test_twelve_months_after_29_february() -> None:
    # Delivered 15 February 2028: the normal end is 29 February 2028; 12 months after
    # it is 28 February 2029 (no 29th that year).
    delivered = date(2028, 2, 15)
    assert withdrawal_deadline(delivered, country="GB") == date(2028, 2, 29)
    assert withdrawal_deadline(delivered, country="GB", informed="never") == date(
        2029, 2, 28
    )


def test_the_end_of_the_calendar() -> None:
    last = date(9998, 12, 17)
    assert withdrawal_deadline(last, country="GB", informed="never") == date.max
    with pytest.raises(NoRuleError, match="to 9998-12-17"):
        withdrawal_deadline(last + timedelta(days=1), country="GB")


def test_the_eu_extension_is_not_bundled() -> None:
    with pytest.raises(NoRuleError, match=r"Art\. 10 extension is not bundled"):
        withdrawal_deadline(THURSDAY, country="NL", informed="never")
    with pytest.raises(NoRuleError, match=r"Art\. 10 extension is not bundled"):
        withdrawal_deadline(THURSDAY, country="NL", informed=date(2027, 1, 5))


@pytest.mark.parametrize(
    "informed",
    [
        "late",
        "",
        "IN_TIME",
        True,
        None,
        1.5,
        14,
        datetime(2027, 1, 5, 12, 0, tzinfo=UTC),
        "2027-01-05",
    ],
)
def test_informed_refuses_what_is_not_a_word_or_a_date(informed: object) -> None:
    with pytest.raises(InvalidAmountError, match="informed"):
        withdrawal_deadline(THURSDAY, country="GB", informed=informed)  # type: ignore[arg-type]  # the point


def test_hostile_places_and_days() -> None:
    with pytest.raises(UnknownCountryError, match="not a region of GB"):
        withdrawal_deadline(THURSDAY, country="GB", subdivision="QZ")
    with pytest.raises(UnknownCountryError):
        withdrawal_deadline(THURSDAY, country="UK")
    with pytest.raises(InvalidAmountError, match="is empty"):
        withdrawal_deadline(THURSDAY, country="GB", subdivision="")
    moment = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
    with pytest.raises(InvalidAmountError, match="not a date"):
        withdrawal_deadline(moment, country="GB")


@given(st.dates(min_value=date(2014, 6, 13), max_value=date(2100, 12, 31)))
def test_the_uk_period_is_the_14th_day_after_delivery(delivered: date) -> None:
    """In the UK the period ends on the 14th day after delivery, whatever the weekday,
    and not being told of the right stretches it by 12 months (365 or 366 days)."""
    normal = withdrawal_deadline(delivered, country="GB")
    assert normal == delivered + timedelta(days=14)
    longest = withdrawal_deadline(delivered, country="GB", informed="never")
    assert (longest - normal).days in (365, 366)
    told = withdrawal_deadline(delivered, country="GB", informed=delivered)
    assert told == normal
