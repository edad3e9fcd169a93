"""A warehouse's zone listed by name for its country is taken without reading the
links (``tzdata.zi``, some hundred kilobytes); a link is still followed, and a zone of
another place still refused. The rule itself is tested in ``test_warehouse_zones.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from zoneinfo import ZoneInfo

import pytest

from commercekit.errors import InvalidPlaceError
from commercekit.shipping import Warehouse, _zones


@pytest.fixture(autouse=True)
def no_links_read() -> Iterator[None]:
    """The links unread at the start of each test, and after it."""
    _zones._links.cache_clear()
    yield
    _zones._links.cache_clear()


def _warehouse(country: str, zone: str) -> Warehouse:
    return Warehouse(country, ZoneInfo(zone), cutoff=time(15, 0), handling_days=0)


def _links_read() -> bool:
    return _zones._links.cache_info().currsize == 1


def test_a_zone_listed_by_name_reads_no_links() -> None:
    """Europe/Amsterdam for NL, Europe/Brussels for NL (zone1970.tab) and
    America/New_York for the US are listed: no link is read."""
    for country, zone in (("NL", "Europe/Amsterdam"), ("NL", "Europe/Brussels")):
        assert _warehouse(country, zone).timezone.key == zone
    _warehouse("US", "America/New_York")
    assert not _links_read()


def test_a_link_is_followed() -> None:
    """US/Eastern (a link to America/New_York) is taken for the US, reading links."""
    assert _warehouse("US", "US/Eastern").timezone.key == "US/Eastern"
    assert _links_read()


def test_a_zone_of_another_place_is_refused() -> None:
    """America/New_York for NL is refused, after the links were read to be sure."""
    with pytest.raises(InvalidPlaceError, match="is not a time zone of NL"):
        _warehouse("NL", "America/New_York")
    assert _links_read()
