"""What is read on first use rather than at import answers as the whole list did.

The command line starts a fresh interpreter for every quote, so work that used to be
done at import (every time zone file listed, every rate table parsed, every tax-number
scheme loaded) is now done for the one name, table or scheme a call asks for. These
tests hold each per-key answer equal to what the whole list said, and every bundled
table still read and checked (a fault in one is found here, not by the first caller
who asks for it). ``bench/startup.py`` times it; no test here does.
"""

from __future__ import annotations

import zoneinfo

import pytest

from commercekit.errors import InvalidJsonError
from commercekit.serde import _scalars

NOT_ZONES = [
    "",
    "localtime",
    "Factory",
    "posixrules",
    "right/UTC",
    "posix/Europe/Amsterdam",
    "Europe",
    "europe/amsterdam",
    "Europe/Amsterdam/",
    "/Europe/Amsterdam",
    "Europe//Amsterdam",
    "Europe/./Amsterdam",
    "Europe/../Europe/Amsterdam",
    "../zoneinfo/Europe/Amsterdam",
    "zone.tab",
    "iso3166.tab",
    "tzdata.zi",
    "Europe/Amsterdam\x00",
    "Mars/Olympus_Mons",
]


def test_a_zone_name_is_one_available_timezones_lists() -> None:
    """Every name ``zoneinfo.available_timezones()`` lists but "localtime" and
    "Factory" is a zone, and the names it does not list are not."""
    listed = zoneinfo.available_timezones()
    assert listed, "this machine has no time zone data to compare with"
    for name in sorted(listed):
        assert _scalars._is_zone(name) is (name not in {"localtime", "Factory"}), name
    for name in NOT_ZONES:
        assert _scalars._is_zone(name) is (name in listed - {"localtime", "Factory"})


def test_reading_a_zone_takes_a_listed_name_and_refuses_the_others() -> None:
    amsterdam = _scalars.read_timezone("Europe/Amsterdam", None)
    assert amsterdam == zoneinfo.ZoneInfo("Europe/Amsterdam")
    for name in ("posixrules", "right/UTC", "localtime", "Nowhere/Atlantis"):
        with pytest.raises(InvalidJsonError, match="is not an IANA time zone name"):
            _scalars.read_timezone(name, None)
