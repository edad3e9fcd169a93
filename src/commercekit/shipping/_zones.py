"""A warehouse's time zone: one of its country's, by the IANA time zone tables.

The cut-off and the handling day are read on the warehouse's own clock: a Dutch
warehouse given New York's zone would cut off six hours late. The tables are
``zone.tab`` and ``zone1970.tab``, from the ``tzdata`` package, and the rule is:

* a zone the tables list for the warehouse's country is taken (``zone1970.tab`` lists a
  zone for every country whose clocks have agreed with it since 1970: Europe/Brussels
  for NL as well as Europe/Amsterdam);
* so is an older or alternative name for such a zone, a link in the tables
  (US/Eastern for America/New_York, Asia/Calcutta for Asia/Kolkata, Europe/Belfast
  for Europe/London), compared by the zone it names;
* where the warehouse's subdivision has an ISO 3166-1 code of its own, that code's
  zones are taken too: a special territory the library knows (Réunion, FR-974, is RE;
  Åland, FI-01, is AX), or an ISO 3166-2 subdivision of an overseas kind named by such
  a code (US-PR, an outlying area, is Puerto Rico, PR; FR-NC, an overseas collectivity,
  is New Caledonia, NC). A warehouse in Northern Ireland is in country GB (region NIR)
  and keeps Europe/London;
* a zone named for no place is refused, even where its clock agrees: UTC and every
  Etc/ zone, and the one-word names of clocks and of countries (CET, EST5EDT, GB,
  Japan), whose meaning the tables have changed from one release to the next. So is a
  zone with no IANA name (read from a file), which cannot be checked.

References:
    * IANA time zone database, ``zone1970.tab`` and ``zone.tab`` (countries and their
      zones) and ``backward`` (older names, as links): https://www.iana.org/time-zones
"""

from __future__ import annotations

import functools
from zoneinfo import ZoneInfo

from commercekit._bundled import package_files
from commercekit._checks import invalid
from commercekit.errors import InputKind, MissingDataError
from commercekit.regions import holiday_region, special_territory

__all__ = ["check_zone"]


def _table(name: str) -> str:
    """One of tzdata's tables (zone.tab, zone1970.tab, tzdata.zi for the links)."""
    try:
        return package_files("tzdata.zoneinfo").joinpath(name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        raise MissingDataError(
            f"the IANA time zone table {name}",
            "install the tzdata package: pip install tzdata",
        ) from None


@functools.cache
def _zones() -> dict[str, frozenset[str]]:
    """Each country's zones, by ISO 3166-1 code."""
    by_country: dict[str, set[str]] = {}
    for line in (_table("zone.tab") + _table("zone1970.tab")).splitlines():
        if line and not line.startswith("#"):
            codes, _, zone = line.split("\t")[:3]
            for code in codes.split(","):
                by_country.setdefault(code, set()).add(zone)
    return {code: frozenset(zones) for code, zones in by_country.items()}


@functools.cache
def _links() -> dict[str, str]:
    """Each link's target zone. Read (tzdata.zi, some hundred kilobytes) only for a
    zone the tables do not list by name for the warehouse's place."""
    links = {}
    for line in _table("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, name = line.split()
            links[name] = target
    return links


def _named(zone: str) -> str:
    """The zone a name stands for, following the tables' links (a few at most)."""
    links = _links()
    for _ in range(8):
        if zone not in links:
            break
        zone = links[zone]
    return zone


_OVERSEAS = frozenset({
    "Outlying area", "Overseas collectivity", "Overseas collectivity with special status",
    "Overseas territory", "Country", "Special administrative region",
})  # fmt: skip
"""ISO 3166-2 kinds of subdivision that are places with an ISO 3166-1 code of their own
(US-PR, FR-NC, NL-AW, CN-HK); a state or a province (US-DE, Delaware) is not, whatever
its letters spell (DE, Germany)."""


def _own_code(country: str, region: str) -> str | None:
    """The ISO 3166-1 code of a subdivision that has one of its own, if it has."""
    import pycountry  # noqa: PLC0415  # loaded by the first region asked about

    territory = special_territory(f"{country}-{region}")
    if territory is not None:
        return territory.iso_alpha2
    found = pycountry.subdivisions.get(code=f"{country}-{region}")  # type: ignore[no-untyped-call]
    if found is not None and found.type in _OVERSEAS and len(region) == 2:
        return region if pycountry.countries.get(alpha_2=region) is not None else None
    return None


def _country_zones(country: str, subdivision: str | None) -> frozenset[str]:
    """The zones of ``country``, and of its subdivision's own ISO code if it has one."""
    by_country = _zones()
    codes = [country]
    if subdivision is not None:
        own = _own_code(country, holiday_region(country, subdivision))
        if own is not None:
            codes.append(own)
    return frozenset(zone for code in codes for zone in by_country.get(code, ()))


def check_zone(zone: ZoneInfo, where: str, subdivision: str | None) -> None:
    """Refuse ``zone`` for a warehouse in ``where`` (and its ``subdivision``) unless it
    is one of that place's zones, by the rule above."""
    allowed = _country_zones(where, subdivision)
    shown = ", ".join(sorted(allowed)[:8]) + (", ..." if len(allowed) > 8 else "")
    if not allowed:
        reason = f"cannot be checked: the IANA tables list no time zone for {where}"
    elif zone.key is None:
        reason = (
            "has no IANA name (it was read from a file), so it cannot be checked "
            f"against {where}; build it by name, one of: {shown}"
        )
    elif "/" not in zone.key or zone.key.startswith("Etc/"):
        reason = (
            f"names no place (UTC, Etc/ zones and one-word names such as CET or GB are "
            f"refused): give the warehouse's own zone, one of {where}'s: {shown}"
        )
    elif zone.key in allowed or _named(zone.key) in {_named(name) for name in allowed}:
        return  # listed by name, or a link to a zone listed
    else:
        reason = (
            f"is not a time zone of {where}, where the warehouse is: its cut-off would "
            f"be read on another clock; give one of {where}'s zones: {shown}"
        )
    raise invalid("timezone", zone, reason, kind=InputKind.PLACE)
