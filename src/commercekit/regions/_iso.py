"""ISO 3166-1 country codes, as the ``pycountry`` library lists them.

``pycountry.countries`` reads its list from a JSON file in its package
(``databases/iso3166-1.json``). Importing ``pycountry`` also looks up its own version
among the installed distributions (``importlib.metadata`` scans them and parses its
metadata), and loads what its other lists need: time that checking a country code has
no use for, paid by every quote whose rate cards name a country outside the EU (the
bundled example cards do). So the codes are read from that same file without
importing the package; where the file is not there, or not as ``pycountry`` 26 writes
it, ``pycountry`` itself answers (the same list). ``tests/test_iso_countries.py``
holds the two equal, code by code.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

__all__ = ["iso_countries"]


@functools.cache
def iso_countries() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code ``pycountry.countries`` lists, upper case."""
    spec = importlib.util.find_spec("pycountry")
    locations = spec.submodule_search_locations if spec is not None else None
    for location in locations or ():
        path = Path(location, "databases", "iso3166-1.json")
        try:
            rows = json.loads(path.read_bytes())["3166-1"]
            return frozenset(row["alpha_2"].upper() for row in rows)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue  # not as pycountry keeps it: ask pycountry
    import pycountry  # noqa: PLC0415  # only where its file is not found

    return frozenset(country.alpha_2.upper() for country in pycountry.countries)
