"""A warehouse's time zone is one of its country's, by the IANA time zone tables.

The rule (``shipping/_zones.py``): a zone ``zone.tab`` or ``zone1970.tab`` lists for
the warehouse's country, or for the ISO 3166-1 code its subdivision has of its own (a
special territory the library knows, or an overseas kind of ISO 3166-2 subdivision), is
taken; so is a link to one (an older name), compared by the zone it names. Names
for no place (``UTC``, ``Etc/...``, one-word names such as ``CET`` or ``GB``) and zones
without an IANA name are refused. The refusals are the shipping package's errors of
the input's kind: ``InvalidAmountPlaceError`` (an ``InvalidPlaceError``) for a zone of
another place, ``InvalidAmountTypeError`` for text, ``InvalidAmountCountError`` for
handling days that are not a whole number.
"""

from __future__ import annotations

import io
from datetime import datetime, time
from importlib.resources import files
from zoneinfo import ZoneInfo

import pytest

from commercekit.errors import (
    CommerceKitError,
    InputKind,
    InvalidAmountError,
    InvalidCountError,
    InvalidPlaceError,
    InvalidTypeError,
    UnknownCountryError,
)
from commercekit.regions import check_country
from commercekit.shipping import Warehouse, delivery_window


def _warehouse(country: str, zone: str, subdivision: str | None = None) -> Warehouse:
    return Warehouse(
        country,
        ZoneInfo(zone),
        cutoff=time(15, 0),
        handling_days=0,
        subdivision=subdivision,
    )


def test_the_reviewers_dutch_warehouse_on_new_york_time_is_refused() -> None:
    with pytest.raises(InvalidPlaceError) as refused:
        _warehouse("NL", "America/New_York")
    error = refused.value
    assert isinstance(error, InvalidAmountError)
    assert (error.field, error.kind) == ("timezone", InputKind.PLACE)
    assert "is not a time zone of NL" in str(error)
    assert "Europe/Amsterdam, Europe/Brussels" in str(error)


def test_the_same_order_would_have_been_promised_a_day_early() -> None:
    # Why it matters: at 16:30 in Amsterdam (10:30 in New York) the parcel is past the
    # Dutch cut-off; on New York's clock it would have been before it.
    amsterdam = _warehouse("NL", "Europe/Amsterdam")
    ordered = datetime(2026, 11, 24, 16, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert str(delivery_window(amsterdam, "NL", (1, 1), ordered_at=ordered).dispatch) == (
        "2026-11-25"
    )


@pytest.mark.parametrize(
    ("country", "zone", "subdivision"),
    [
        ("NL", "Europe/Amsterdam", None),  # zone.tab
        ("NL", "Europe/Brussels", None),  # zone1970.tab: BE,LU,NL
        ("US", "US/Eastern", None),  # a link to America/New_York
        ("IN", "Asia/Calcutta", None),  # a link to Asia/Kolkata
        ("UA", "Europe/Kiev", None),  # the old name of Europe/Kyiv
        ("GB", "Europe/London", "NIR"),  # Northern Ireland is GB, region NIR
        ("GB", "Europe/Belfast", "NIR"),  # a link to Europe/London
        ("FR", "Indian/Reunion", "974"),  # Réunion, FR-974, is RE
        ("FR", "America/Guadeloupe", "FR-971"),  # Guadeloupe is GP
        ("FI", "Europe/Mariehamn", "01"),  # Åland, FI-01, is AX
        ("US", "America/Puerto_Rico", "PR"),  # US-PR, an outlying area, is PR
        ("US", "Pacific/Guam", "US-GU"),
        ("FR", "Pacific/Noumea", "NC"),  # FR-NC, an overseas collectivity, is NC
        ("ES", "Atlantic/Canary", "CN"),  # listed for ES itself
        ("PT", "Atlantic/Azores", None),
        ("DE", "Europe/Busingen", None),
        ("DE", "Europe/Zurich", None),  # zone1970.tab: CH,DE,LI, for Büsingen
    ],
)
def test_a_zone_of_the_country_is_taken(
    country: str, zone: str, subdivision: str | None
) -> None:
    assert _warehouse(country, zone, subdivision).timezone == ZoneInfo(zone)


@pytest.mark.parametrize(
    ("country", "zone", "subdivision", "words"),
    [
        ("FR", "Indian/Reunion", None, "is not a time zone of FR"),  # not in mainland FR
        ("GB", "Europe/Dublin", "NIR", "is not a time zone of GB"),
        ("DE", "Europe/London", "BY", "is not a time zone of DE"),
        ("US", "America/Toronto", "NY", "is not a time zone of US"),
        ("US", "Europe/Berlin", "DE", "is not a time zone of US"),  # Delaware, not DE
        ("US", "America/Puerto_Rico", None, "is not a time zone of US"),
        ("NL", "Etc/UTC", None, "names no place"),
        ("NL", "UTC", None, "names no place"),
        ("IS", "Etc/GMT", None, "names no place"),  # Iceland keeps GMT, yet no place
        ("DE", "Etc/GMT-1", None, "names no place"),
        ("BE", "CET", None, "names no place"),
        ("US", "EST5EDT", None, "names no place"),
        ("GB", "GB", None, "names no place"),
        ("JP", "Japan", None, "names no place"),
    ],
)
def test_a_zone_of_another_place_or_of_none_is_refused(
    country: str, zone: str, subdivision: str | None, words: str
) -> None:
    with pytest.raises(InvalidPlaceError, match=words) as refused:
        _warehouse(country, zone, subdivision)
    assert refused.value.field == "timezone"


def test_a_zone_without_an_iana_name_cannot_be_checked() -> None:
    data = files("tzdata.zoneinfo.Europe").joinpath("Amsterdam").read_bytes()
    nameless = ZoneInfo.from_file(io.BytesIO(data))
    with pytest.raises(InvalidPlaceError, match="has no IANA name"):
        Warehouse("NL", nameless, cutoff=time(15, 0), handling_days=0)


def test_northern_ireland_is_a_region_of_gb_not_a_country_of_its_own() -> None:
    with pytest.raises(UnknownCountryError):
        _warehouse("XI", "Europe/London")


def test_the_other_refusals_name_their_kind() -> None:
    amsterdam = ZoneInfo("Europe/Amsterdam")
    with pytest.raises(InvalidCountError) as count:
        Warehouse("NL", amsterdam, cutoff=time(15, 0), handling_days=True)
    assert isinstance(count.value, InvalidAmountError)
    assert count.value.field == "handling_days"
    with pytest.raises(
        InvalidTypeError, match=r"pass ZoneInfo\('Europe/Amsterdam'\)"
    ) as text:
        Warehouse("NL", "Europe/Amsterdam", cutoff=time(15, 0), handling_days=0)  # type: ignore[arg-type]
    assert (text.value.field, text.value.kind) == ("timezone", InputKind.TYPE)


def _zone_tab() -> list[tuple[str, str]]:
    text = files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    return [(row[0], row[2]) for row in rows if row[0]]


def test_every_country_takes_every_zone_zone_tab_lists_for_it() -> None:
    """Each (country, zone) row of zone.tab, for every country the library knows, makes
    a warehouse."""
    taken = 0
    for country, zone in _zone_tab():
        try:
            check_country(country)
        except CommerceKitError:
            continue
        _warehouse(country, zone)
        taken += 1
    assert taken > 300
