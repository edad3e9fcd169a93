"""Working days: one calendar for delivery promises and legal deadlines."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

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

ROOT = Path(__file__).resolve().parent.parent


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

    monkeypatch.setattr(_calendar, "_calendar_class", lambda country: None)
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


def _run_checked(script: str) -> None:
    """Run ``script`` (its checks are asserts) in a fresh interpreter with this
    checkout's ``src`` first on its path."""
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(  # noqa: S603  # our own interpreter, a fixed script
        [sys.executable, "-c", f"{script}print('checked')\n"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": path},
    )
    assert done.stdout.splitlines()[-1] == "checked"


def test_one_countrys_calendar_loads_that_country_alone_with_the_librarys_answers() -> None:
    """In a fresh interpreter, the calendars of a few countries load their own modules
    only (not ``holidays.countries``, which imports all of them, nor the package's
    ``__init__``, which looks up its version with ``importlib.metadata``) and leave no
    module of the library in ``sys.modules``; the application's own ``import holidays``
    then works as usual, and each calendar gives, for the country and each of its
    regions, the days ``holidays.country_holidays`` gives."""
    script = (
        "import sys\n"
        "from commercekit.regions import _calendar\n"
        "codes = ('DE', 'NL', 'GB', 'US', 'FR', 'IT', 'IL', 'ID', 'CN', 'SA')\n"
        "ours = {code: _calendar._calendar_class(code) for code in codes}\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'holidays']\n"
        "assert 'importlib.metadata' not in sys.modules\n"
        "import holidays, holidays.calendars.gregorian\n"
        "assert holidays.calendars.gregorian.JAN == 1 and holidays.__version__\n"
        "for code, calendar in ours.items():\n"
        "    assert calendar.subdivisions == getattr(holidays, code).subdivisions\n"
        "    for region in (None, *calendar.subdivisions):\n"
        "        for year in (2025, 2026):\n"
        "            own = calendar(subdiv=region, years=[year])\n"
        "            theirs = holidays.country_holidays(code, region, years=[year])\n"
        "            assert dict(own.items()) == dict(theirs.items()), (code, region)\n"
    )
    _run_checked(script)


def test_a_package_of_imports_alone_is_read_name_by_name(tmp_path: Path) -> None:
    """A package whose ``__init__`` only imports names from its own modules is run
    without it, each name from its module; one whose ``__init__`` does anything else
    (or imports from elsewhere) gets its own ``__init__`` run (no names read)."""
    for name, init in {
        "imports": '"""Doc."""\nfrom imports.a import X, Y as Z\nfrom imports.b import W\n',
        "more": "from more.a import X\nVALUE = 1\n",
        "outside": "from os.path import join\n",
        "relative": "from .a import X\n",
        "broken": "from broken.a import (\n",
        "star": "from star.a import *\n",
    }.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text(init)
    spec = importlib.util.spec_from_file_location(
        "imports", tmp_path / "imports" / "__init__.py"
    )
    assert spec is not None
    assert _calendar._imported_names(importlib.util.module_from_spec(spec)) == {
        "a": ("imports.a", None),
        "X": ("imports.a", "X"),
        "Z": ("imports.a", "Y"),
        "b": ("imports.b", None),
        "W": ("imports.b", "W"),
    }
    for name in ("more", "outside", "relative", "broken", "star"):
        spec = importlib.util.spec_from_file_location(name, tmp_path / name / "__init__.py")
        assert spec is not None
        assert _calendar._imported_names(importlib.util.module_from_spec(spec)) == {}


def test_a_package_not_of_imports_alone_runs_its_own_init() -> None:
    """Where ``holidays.calendars`` and ``holidays.groups`` cannot be read name by name,
    their ``__init__`` runs as the library's import runs it (every calendar, every
    group), and the calendar gives the library's days."""
    script = (
        "from commercekit.regions import _calendar\n"
        "_calendar._imported_names = lambda package: {}\n"
        "calendar = _calendar._calendar_class('DE')\n"
        "assert 'holidays.groups.islamic' in _calendar._run\n"
        "import holidays\n"
        "theirs = holidays.country_holidays('DE', 'BY', years=[2026])\n"
        "assert dict(calendar(subdiv='BY', years=[2026]).items()) == dict(theirs.items())\n"
    )
    _run_checked(script)


def test_with_other_threads_running_the_library_is_imported_as_usual() -> None:
    """While another thread runs (it could import ``holidays`` and be handed the
    package without its ``__init__``), a calendar is loaded with the library's own
    import, and a thread importing the library gets the whole package."""
    script = (
        "import sys, threading\n"
        "from commercekit.regions import _calendar\n"
        "found = []\n"
        "go = threading.Event()\n"
        "def other():\n"
        "    go.wait()\n"
        "    import holidays\n"
        "    found.append(holidays.country_holidays)\n"
        "thread = threading.Thread(target=other, daemon=True)\n"
        "thread.start()\n"
        "calendar = _calendar._calendar_class('DE')\n"
        "assert 'holidays' in sys.modules, 'the library was not imported as usual'\n"
        "go.set()\n"
        "thread.join()\n"
        "assert found\n"
        "assert calendar(years=[2026]).get('2026-10-03') == 'German Unity Day'\n"
    )
    _run_checked(script)


def test_a_country_the_registry_does_not_list_has_no_calendar() -> None:
    assert _calendar._calendar_class("ZZ") is None
