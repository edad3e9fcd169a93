"""Working days: one calendar for delivery promises and legal deadlines."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commercekit.checkout import withdrawal_deadline
from commercekit.errors import InvalidAmountError, MissingDataError, UnknownCountryError
from commercekit.regions import (
    _calendar,
    closed_on,
    first_working_day,
    holiday_region,
    regional_holidays,
)


@pytest.mark.parametrize(
    ("on", "country", "subdivision", "why"),
    [
        (date(2026, 12, 26), "NL", None, "Saturday"),
        (date(2026, 12, 27), "NL", None, "Sunday"),
        (date(2026, 12, 25), "NL", None, "Christmas Day"),
        (date(2026, 12, 24), "NL", None, None),
        (date(2026, 6, 4), "DE", "BY", "Corpus Christi"),  # Bavaria keeps it
        (date(2026, 6, 4), "DE", "BE", None),  # Berlin does not
        (date(2026, 6, 4), "DE", None, None),
    ],
)
def test_closed_on_names_the_weekend_day_or_the_holiday(
    on: date, country: str, subdivision: str | None, why: str | None
) -> None:
    assert closed_on(on, country, subdivision=subdivision) == why


def test_the_first_working_day_skips_weekends_and_holidays() -> None:
    assert first_working_day(date(2026, 12, 24), "NL") == date(2026, 12, 24)
    assert first_working_day(date(2026, 12, 25), "NL") == date(2026, 12, 28)
    assert first_working_day(date(2026, 6, 4), "DE", subdivision="BY") == date(2026, 6, 5)


def test_a_region_is_named_as_the_holidays_library_or_by_its_iso_code() -> None:
    assert holiday_region("DE", "BY") == holiday_region("DE", "de-by") == "BY"
    with pytest.raises(UnknownCountryError, match="use one of: BB, BE"):
        holiday_region("DE", "XX")


@pytest.mark.parametrize(
    ("on", "country", "regions"),
    [
        # Epiphany: Baden-Wuerttemberg, Bavaria, Saxony-Anhalt (and Augsburg, whose
        # calendar the holidays library keeps apart for its Peace Festival).
        (date(2026, 1, 6), "DE", ("Augsburg", "BW", "BY", "ST")),
        (date(2026, 1, 7), "DE", ()),
        (date(2026, 12, 25), "DE", ()),  # kept by the whole country
        # England, Wales and Northern Ireland; not Scotland.
        (date(2026, 4, 6), "GB", ("ENG", "NIR", "WLS")),
        (date(2026, 4, 27), "NL", ()),  # King's Day: national
    ],
)
def test_regional_holidays_are_the_regions_keeping_a_day_the_country_does_not(
    on: date, country: str, regions: tuple[str, ...]
) -> None:
    assert tuple(region for region, _ in regional_holidays(on, country)) == regions
    for region, name in regional_holidays(on, country):
        assert closed_on(on, country, subdivision=region) == name
        assert closed_on(on, country) is None


def test_no_calendar_is_missing_data_not_weekends_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Delivery dates and withdrawal deadlines used to disagree here: one counted
    weekends only, the other refused. Both now refuse, naming what is missing."""

    def no_calendar(*args: object, **kwargs: object) -> object:
        raise NotImplementedError

    monkeypatch.setattr(_calendar.holidays, "country_holidays", no_calendar)
    _calendar._holidays.cache_clear()
    _calendar._regional_days.cache_clear()
    try:
        with pytest.raises(MissingDataError, match="public holidays in NL"):
            closed_on(date(2026, 12, 24), "NL")
        with pytest.raises(MissingDataError, match="public holidays in NL"):
            withdrawal_deadline(date(2026, 12, 10), country="NL")
        with pytest.raises(MissingDataError, match="public holidays in NL"):
            regional_holidays(date(2026, 12, 24), "NL")
    finally:
        _calendar._holidays.cache_clear()
        _calendar._regional_days.cache_clear()


def test_a_datetime_is_not_a_day_and_the_last_day_of_the_calendar_counts() -> None:
    with pytest.raises(InvalidAmountError, match="is a datetime"):
        closed_on(datetime(2026, 1, 1, tzinfo=UTC), "NL")  # type: ignore[arg-type]
    assert first_working_day(date.max, "NL") == date.max  # a Friday
