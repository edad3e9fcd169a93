"""ISO 3166-1 country codes and ISO 3166-2 subdivision codes, as ``pycountry`` lists them.

``pycountry.countries`` and ``pycountry.subdivisions`` read their lists from JSON files
in its package (``databases/iso3166-1.json``, ``databases/iso3166-2.json``). Importing
``pycountry`` also looks up its own version among the installed distributions
(``importlib.metadata`` scans them and parses their metadata, importing the ``email``
package to do it), and its subdivisions build an object and four index entries for
each of some 5,000 codes: time that checking a code has no use for, paid by every
quote whose rate cards name a country outside the EU (the bundled example cards do),
and by every quote to a US state. So the codes are read from those same files without
importing the package; where a file is not there, or not as ``pycountry`` 26 writes
it, ``pycountry`` itself answers (the same lists). ``tests/test_iso_countries.py``
holds the two equal, code by code.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from typing import Any

__all__ = ["iso_countries", "iso_parents", "iso_subdivisions"]


def _rows(file: str, key: str) -> list[dict[str, Any]] | None:
    """The rows of ``pycountry``'s ``file`` (under its list's ``key``), or ``None``
    where the file is not found or not as ``pycountry`` writes it."""
    spec = importlib.util.find_spec("pycountry")
    locations = spec.submodule_search_locations if spec is not None else None
    for location in locations or ():
        try:
            rows = json.loads(Path(location, "databases", file).read_bytes())[key]
            if isinstance(rows, list) and all(isinstance(row, dict) for row in rows):
                return rows
        except (OSError, ValueError, KeyError, TypeError):
            pass
    return None  # not as pycountry keeps it: ask pycountry


@functools.cache
def iso_countries() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code ``pycountry.countries`` lists, upper case."""
    try:
        rows = _rows("iso3166-1.json", "3166-1")
        if rows is not None:
            return frozenset(row["alpha_2"].upper() for row in rows)
    except (KeyError, AttributeError):
        pass
    import pycountry  # noqa: PLC0415  # only where its file is not found

    return frozenset(country.alpha_2.upper() for country in pycountry.countries)


@functools.cache
def iso_subdivisions() -> dict[str, str]:
    """Every ISO 3166-2 code ``pycountry.subdivisions`` lists, by its code in lower
    case (``pycountry`` looks codes up so), each with the code of its country (the
    part before the hyphen, as ``pycountry`` gives ``country_code``)."""
    try:
        rows = _rows("iso3166-2.json", "3166-2")
        if rows is not None:
            return {row["code"].lower(): row["code"].split("-")[0] for row in rows}
    except (KeyError, AttributeError):
        pass
    import pycountry  # noqa: PLC0415  # only where its file is not found

    return {row.code.lower(): row.country_code for row in pycountry.subdivisions}


@functools.cache
def iso_parents() -> dict[str, str]:
    """The ISO 3166-2 subdivisions ``pycountry.subdivisions`` lists inside another, by
    code, each with its parent's code, upper case (``ES-TF``, the province of Santa
    Cruz de Tenerife, in ``ES-CN``, the Canary Islands)."""
    try:
        rows = _rows("iso3166-2.json", "3166-2")
        if rows is not None:
            return {
                row["code"].upper(): row["parent"].upper()
                for row in rows
                if "parent" in row
            }
    except (KeyError, AttributeError):
        pass
    import pycountry  # noqa: PLC0415  # only where its file is not found

    return {
        row.code.upper(): row.parent_code.upper()
        for row in pycountry.subdivisions
        if row.parent_code
    }
