"""``source_rates`` answers the library's own rate tables without checking them again
(``tax._tax_rate.OWN_SOURCES``): every bundled answer must pass the check a plug-in's
answer gets, unchanged, and every refusal must be the same."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError
from commercekit.tax import BUNDLED, BundledRates, TaxCategory, source_rates
from commercekit.tax._tax_rate import OWN_SOURCES, checked_answer

INDIA = ("IN-MH", "IN-KA", "IN-DL", "IN-CH", "IN-LD", "IN-TG", "IN-TS", "IN-JK")
PLACES = (
    *BUNDLED.jurisdictions(),
    *INDIA,
    "XI",
    "EL",
    "GB-NIR",
    "FR-2A",
    "de",
    "FR-ZZ",
    "US",
    "CA",
    "ZZ",
)
DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2028, 12, 31))


def _checked(place: str, category: TaxCategory, day: date) -> object:
    """The bundled answer through the check a plug-in's answer gets, or the error."""
    try:
        found = BUNDLED.rates_for(place, category, on=day)
    except CommerceKitError as error:
        return (type(error), str(error))
    return checked_answer(found, place, category, day)


def _trusted(place: str, category: TaxCategory, day: date) -> object:
    try:
        return source_rates(BUNDLED, place, category, on=day)
    except CommerceKitError as error:
        return (type(error), str(error))


def test_the_bundled_tables_are_the_librarys_own() -> None:
    """BundledRates is trusted; nothing else is (a plug-in's answer is checked)."""
    assert {BundledRates} == OWN_SOURCES


@pytest.mark.parametrize("place", PLACES)
def test_every_bundled_answer_passes_the_check(place: str) -> None:
    """For each place, category and a day of each year: trusted == checked."""
    for year in range(2016, 2028):
        for day in (date(year, 1, 1), date(year, 7, 1), date(year, 9, 22)):
            for category in TaxCategory:
                assert _trusted(place, category, day) == _checked(place, category, day)


@given(st.sampled_from(PLACES), st.sampled_from(list(TaxCategory)), DAYS)
def test_any_day_bundled_answers_pass_the_check(
    place: str, category: TaxCategory, day: date
) -> None:
    """On any day, and the day before: the trusted answer equals the checked one."""
    for on in (day, day - timedelta(days=1)):
        assert _trusted(place, category, on) == _checked(place, category, on)
