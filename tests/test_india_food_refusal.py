"""India's GST on food turns on the HSN heading of each foodstuff, and for cereals,
pulses and flour on how it is packed, a rule that changed on 2022-07-18 (Notifications
6/2022 and 7/2022-Central Tax (Rate), 47th GST Council meeting; as reported by
taxguru.in and a2ztaxcorp.com): the category alone cannot decide the rate, so it is
refused, saying what the rate turned on that day."""

from __future__ import annotations

from datetime import date

import pytest

from commercekit.errors import MissingDataError
from commercekit.tax import rates_for

PACKAGED_AND_LABELLED = date(2022, 7, 18)


def refusal(day: date) -> str:
    with pytest.raises(MissingDataError) as refused:
        rates_for("IN-MH", "food", on=day)
    return str(refused.value)


@pytest.mark.parametrize("day", [date(2017, 7, 1), date(2022, 7, 17)])
def test_before_2022_07_18_a_registered_brand_name(day: date) -> None:
    said = refusal(day)
    assert "registered brand name" in said
    assert "pre-packaged and labelled" not in said


@pytest.mark.parametrize("day", [PACKAGED_AND_LABELLED, date(2026, 6, 1)])
def test_from_2022_07_18_pre_packaged_and_labelled(day: date) -> None:
    said = refusal(day)
    assert "pre-packaged and labelled" in said
    assert "Legal Metrology Act" in said
    assert "registered brand name" not in said


# Medicines: 12 % for most medicaments of headings 3003 and 3004, 5 % for those named in
# Schedule I, until 2025-09-21; from 2025-09-22 5 % for most and Nil for the lifesaving
# drugs named, 36 in the list of the 56th GST Council meeting as reported by
# livemint.com (21 Sept 2025).


@pytest.mark.parametrize(
    ("day", "said", "not_said"),
    [
        (date(2025, 9, 21), "12%", "Nil for"),
        (date(2025, 9, 22), "Nil for", "12%"),
    ],
)
def test_medicines_are_refused_saying_the_rates_of_the_day(
    day: date, said: str, not_said: str
) -> None:
    with pytest.raises(MissingDataError) as refused:
        rates_for("IN", "medicines", on=day)
    assert said in str(refused.value)
    assert not_said not in str(refused.value)
