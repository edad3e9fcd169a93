"""The ISO 3166 codes read from ``pycountry``'s own files equal ``pycountry``'s answers.

``commercekit.regions._iso`` reads the codes from the JSON files ``pycountry.countries``
and ``pycountry.subdivisions`` read, without importing ``pycountry`` (whose import
looks up its version among the installed distributions). These tests hold the two
equal for every two-letter code and every subdivision, and the fallback to
``pycountry`` itself where a file is not found.
"""

from __future__ import annotations

import importlib.util
import string
from collections.abc import Iterator
from itertools import product
from pathlib import Path
from types import SimpleNamespace

import pycountry
import pytest

from commercekit.errors import UnknownCountryError
from commercekit.regions import _eu, _iso

ALL_CODES = ["".join(pair) for pair in product(string.ascii_uppercase, repeat=2)]


@pytest.fixture
def fresh() -> Iterator[None]:
    """``iso_countries`` read again in the test, and again after it."""
    _iso.iso_countries.cache_clear()
    _iso.iso_subdivisions.cache_clear()
    yield
    _iso.iso_countries.cache_clear()
    _iso.iso_subdivisions.cache_clear()


def test_every_two_letter_code_is_listed_as_pycountry_lists_it() -> None:
    """For each of the 676 codes AA to ZZ: listed exactly where
    ``pycountry.countries.get(alpha_2=code)`` finds a country."""
    listed = _iso.iso_countries()
    found = {code for code in ALL_CODES if pycountry.countries.get(alpha_2=code)}
    assert {code for code in ALL_CODES if code in listed} == found
    assert listed == found
    assert {"GB", "US", "CH", "NO", "JP", "DE"} <= listed


def test_check_country_accepts_iso_codes_and_refuses_others() -> None:
    """``check_country`` takes an ISO code outside the EU in either case, and refuses
    a two-letter code ISO 3166-1 does not assign (``XK``, ``EU``, ``UK``)."""
    assert _eu.check_country("gb") == "GB"
    assert _eu.check_country("SG") == "SG"
    for code in ("XK", "EU", "UK", "ZZ"):
        with pytest.raises(UnknownCountryError):
            _eu.check_country(code)


@pytest.mark.usefixtures("fresh")
def test_without_the_package_s_file_pycountry_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where ``pycountry``'s package is not found, or its file is not in it, the codes
    are ``pycountry``'s own, the same list."""
    expected = {country.alpha_2 for country in pycountry.countries}
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert _iso.iso_countries() == expected
    _iso.iso_countries.cache_clear()
    elsewhere = SimpleNamespace(submodule_search_locations=["/no/such/place"])
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: elsewhere)
    assert _iso.iso_countries() == expected


@pytest.mark.usefixtures("fresh")
def test_a_file_not_as_pycountry_writes_it_is_not_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A file at the place whose layout differs (no ``3166-1`` list) is passed over
    for ``pycountry``'s own answer, not read as an empty list."""
    (tmp_path / "databases").mkdir()
    (tmp_path / "databases" / "iso3166-1.json").write_text('{"countries": []}')
    elsewhere = SimpleNamespace(submodule_search_locations=[str(tmp_path)])
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: elsewhere)
    assert _iso.iso_countries() == {country.alpha_2 for country in pycountry.countries}


def test_every_subdivision_is_listed_as_pycountry_lists_it() -> None:
    """Each ISO 3166-2 code ``pycountry.subdivisions`` lists is read, with the
    country ``pycountry`` gives it, and looked up as ``pycountry`` looks it up (in any
    case); a code it does not list is not read."""
    listed = _iso.iso_subdivisions()
    assert len(listed) > 5000
    for row in pycountry.subdivisions:
        assert listed[row.code.lower()] == row.country_code
    for code in ("US-CA", "us-ny", "GB-NIR", "FR-971", "ES-CN", "US-XX", "DE-ZZ", "US"):
        found = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
        assert listed.get(code.lower()) == (found and found.country_code), code


@pytest.mark.usefixtures("fresh")
def test_without_the_package_s_file_pycountry_lists_the_subdivisions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Where ``pycountry``'s package is not found, or its subdivisions' file is not
    as it writes it, the codes are ``pycountry``'s own."""
    expected = {row.code.lower(): row.country_code for row in pycountry.subdivisions}
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert _iso.iso_subdivisions() == expected
    _iso.iso_subdivisions.cache_clear()
    (tmp_path / "databases").mkdir()
    (tmp_path / "databases" / "iso3166-2.json").write_text('{"3166-2": [{"name": "x"}]}')
    elsewhere = SimpleNamespace(submodule_search_locations=[str(tmp_path)])
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: elsewhere)
    assert _iso.iso_subdivisions() == expected
