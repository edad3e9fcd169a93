"""Working days: weekends and the public holidays of a country or one of its regions.

Deadlines in law (a withdrawal period ends on the next working day when its last day is
a Saturday, a Sunday or a public holiday, Regulation (EEC, Euratom) No 1182/71 Art.
3(4)) and delivery promises (business days of handling and transit) both ask the same
question: is nothing done on this day here, and why? The public holidays come from the
``holidays`` library, for a country or, where they differ, one of its regions (Bavaria
keeps Corpus Christi, Berlin does not). A place the library has no calendar for raises
[`MissingDataError`][commercekit.errors.MissingDataError]: counting weekends only would
promise a day that may be a holiday.

Examples:
    >>> from datetime import date
    >>> closed_on(date(2026, 12, 25), "NL")
    'Christmas Day'
    >>> corpus_christi = date(2026, 6, 4)
    >>> closed_on(corpus_christi, "DE", subdivision="BY"), closed_on(corpus_christi, "DE")
    ('Corpus Christi', None)
    >>> first_working_day(date(2026, 12, 25), "NL")  # Christmas, Boxing Day, Sunday
    datetime.date(2026, 12, 28)
    >>> regional_holidays(date(2026, 1, 6), "DE")  # Epiphany: three Länder (and Augsburg)
    (('Augsburg', 'Epiphany'), ('BW', 'Epiphany'), ('BY', 'Epiphany'), ('ST', 'Epiphany'))
"""

from __future__ import annotations

import ast
import contextlib
import functools
import importlib
import importlib.util
import sys
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from importlib.machinery import PathFinder, SourceFileLoader
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from commercekit._inputs import day, invalid
from commercekit._numbers import context_free
from commercekit.errors import MissingDataError, UnknownCountryError
from commercekit.regions._eu import check_country
from commercekit.regions._iso import iso_parents

if TYPE_CHECKING:
    from holidays import HolidayBase

__all__ = ["closed_on", "first_working_day", "holiday_region", "regional_holidays"]

_MAX_DAYS_CLOSED = 31
"""No place closes for more than a month of consecutive days; a run longer than that
means the calendar is wrong, so the search stops and says so."""

_LIBRARY = "holidays"
_COUNTRIES = f"{_LIBRARY}.countries"
_NAMESPACES = (f"{_LIBRARY}.calendars", f"{_LIBRARY}.groups")
"""The library's packages whose ``__init__`` only imports names from each of their
modules (every calendar: Islamic, Hebrew, Chinese …; every group of holidays), of
which a country's calendar uses a few."""

_run: dict[str, ModuleType] = {}
"""The ``holidays`` library's modules run for our calendars, its packages' bare
modules among them (see ``_library_modules``); kept here, out of ``sys.modules``, for
the next country's calendar."""


def _bare(name: str, within: ModuleType | None = None) -> ModuleType | None:
    """The package ``name`` of the library (in the package ``within``), found but its
    ``__init__`` not run, or ``None`` where it is not a package on the import path."""
    spec = (
        importlib.util.find_spec(name)
        if within is None
        else PathFinder.find_spec(name, within.__path__)
    )
    if spec is None or spec.submodule_search_locations is None:
        return None
    return importlib.util.module_from_spec(spec)


def _imported_names(package: ModuleType) -> dict[str, tuple[str, str | None]]:
    """Each name ``package``'s ``__init__`` imports from one of its modules, with that
    module and the name there, and each of its modules so named (name ``None``: the
    module itself); ``{}`` where the ``__init__`` does anything else (a ``*`` import
    among them), or its source cannot be read."""
    spec = package.__spec__
    loader = None if spec is None else spec.loader
    try:
        source = (
            loader.get_source(package.__name__)
            if isinstance(loader, SourceFileLoader)
            else None
        )
        body = [] if source is None else ast.parse(source).body
    except (ImportError, SyntaxError, ValueError):  # not readable as Python source
        return {}
    names: dict[str, tuple[str, str | None]] = {}
    within = f"{package.__name__}."
    for statement in body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # the docstring
        if not (
            isinstance(statement, ast.ImportFrom)
            and statement.level == 0
            and (statement.module or "").startswith(within)
            and all(name.name != "*" for name in statement.names)
        ):
            return {}
        module = str(statement.module)
        names[module.removeprefix(within)] = (module, None)
        names.update(
            (name.asname or name.name, (module, name.name)) for name in statement.names
        )
    return names


def _namespace(name: str, library: ModuleType) -> ModuleType | None:
    """The package ``name`` of the library without its ``__init__``, each name the
    ``__init__`` imports looked up in its module when first asked for (``from
    holidays.groups import ChristianHolidays`` runs ``holidays.groups.christian``
    alone); ``None`` where its ``__init__`` is not imports alone."""
    package = _bare(name, library)
    names = {} if package is None else _imported_names(package)
    if package is None or not names:
        return None

    def named(attribute: str) -> object:
        if attribute not in names:
            raise AttributeError(f"module {name!r} has no attribute {attribute!r}")
        module, within = names[attribute]
        found = importlib.import_module(module)
        value = found if within is None else getattr(found, within)
        setattr(package, attribute, value)
        return value

    package.__getattr__ = named  # type: ignore[method-assign]  # PEP 562, as a module's own
    return package


@contextlib.contextmanager
def _library_modules() -> Iterator[None]:
    """While the block runs, ``import holidays.<module>`` runs that module of the
    ``holidays`` library without the package's ``__init__``; afterwards ``sys.modules``
    holds none of the library's modules, as if it had never been imported.

    The package's ``__init__`` imports what a calendar has no use for: its own
    version, looked up among the installed distributions (``importlib.metadata``,
    which imports the ``email`` package to parse their metadata), its utilities and a
    lazy loader for each of its some 250 countries: about 15 of the 25 milliseconds
    its import takes. Likewise ``holidays.calendars`` and ``holidays.groups`` run
    without theirs, which import every calendar and every group of holidays (some 5
    milliseconds): a name taken from them runs the one module it comes from, as the
    ``__init__`` would have imported it. The modules a country's calendar imports
    (its base class, the calendars and groups of holidays) are the library's, run
    unchanged.

    Only while the process runs one thread (as the command does): another thread
    importing ``holidays`` meanwhile would be handed the bare package. With more
    threads, where the application has imported ``holidays``, or where its package
    is not found, the library's own import is used.
    """
    if _LIBRARY in sys.modules or threading.active_count() > 1:
        yield
        return
    if _LIBRARY not in _run:
        library = _bare(_LIBRARY)
        if library is not None:
            _run.update(
                (name, package)
                for name in _NAMESPACES
                if (package := _namespace(name, library)) is not None
            )
            countries = _bare(_COUNTRIES, library)
            if countries is not None:  # Réunion's module imports France's from it
                _run[_COUNTRIES] = countries
            _run[_LIBRARY] = library
    sys.modules.update(_run)
    try:
        yield
    finally:
        for name in [name for name in sys.modules if name.split(".")[0] == _LIBRARY]:
            _run[name] = sys.modules.pop(name)


@functools.cache
def _calendar_class(country: str) -> type[HolidayBase] | None:
    """The ``holidays`` library's calendar class for ``country`` (by any two-letter
    code its registry lists, as ``holidays.country_holidays`` finds it), or ``None``
    where it has none.

    The library's own lookup imports ``holidays.countries``, whose ``__init__`` imports
    all of its some 250 country modules (about a hundred milliseconds) to use one. So
    the module the registry names for the country is run on its own: the library's
    code unchanged, kept out of ``sys.modules``, so that the library's package is left
    as it would be without us (see ``_library_modules``). Where that package is loaded
    already, the module is not where the registry says, or it imports a name only a
    package's ``__init__`` sets, the library's import is used (the same code).
    """
    with _library_modules():
        import holidays.registry  # noqa: PLC0415  # loaded for the first calendar asked

        module = next(
            (
                name
                for name, entities in holidays.registry.COUNTRIES.items()
                if country in entities[1:]
            ),
            None,
        )
    if module is None:
        return None
    name = f"{_COUNTRIES}.{module}"
    try:
        with _library_modules():
            loaded = _country_module(name)
    except ImportError:
        if _LIBRARY in sys.modules:
            raise
        # A module the packages without their __init__ could not serve (a name the
        # __init__ would have set): the library's own import, as an application's.
        loaded = importlib.import_module(name)
    calendar: type[HolidayBase] = getattr(loaded, country)
    return calendar


def _country_module(name: str) -> ModuleType:
    """The library's module ``name`` of one country, run on its own where the
    ``holidays.countries`` package (which imports every country) is not loaded."""
    import holidays  # noqa: PLC0415  # the package _library_modules provides

    where = [str(Path(path, "countries")) for path in holidays.__path__]
    spec = None if _COUNTRIES in sys.modules else PathFinder.find_spec(name, where)
    if spec is None or spec.loader is None:
        return importlib.import_module(name)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def _calendar(country: str, subdivision: str | None = None) -> type[HolidayBase]:
    calendar = _calendar_class(country)
    if calendar is None:
        raise MissingDataError(
            f"public holidays in {country}" + (f"-{subdivision}" if subdivision else ""),
            "the holidays library has no calendar for it",
        )
    return calendar


@context_free
def holiday_region(country: str, subdivision: object) -> str:
    """``subdivision`` as the ``holidays`` library names a region with holidays of its
    own in ``country`` (``BY`` for Bavaria; its ISO 3166-2 code ``DE-BY`` reads the
    same), or an error listing the regions. An ISO 3166-2 subdivision inside such a
    region (a province, a department) takes its region's calendar, the parent as
    ISO 3166-2 (``pycountry``) lists it: ``ES-TF``, Santa Cruz de Tenerife, is in the
    Canary Islands, ``ES-CN``.

    Examples:
        >>> holiday_region("DE", "de-by")
        'BY'
        >>> holiday_region("ES", "ES-TF"), holiday_region("FR", "FR-67")
        ('CN', '6AE')
    """
    code = check_country(country)
    regions = {name.upper(): name for name in _calendar(code).subdivisions}
    given = subdivision.strip().upper() if isinstance(subdivision, str) else ""
    if not given.startswith(f"{code}-"):
        given = f"{code}-{given}"
    found = regions.get(given[len(code) + 1 :])
    parents = iso_parents()
    while found is None and given in parents:  # a province: its region's calendar
        given = parents[given]
        found = regions.get(given[len(code) + 1 :])
    if found is None:
        raise UnknownCountryError(
            subdivision,
            f"is not a region of {code} with its own public holidays; use one of: "
            + (", ".join(regions.values()) or f"none ({code} has one calendar)")
            + ", or an ISO 3166-2 subdivision inside one",
        )
    return found


@functools.lru_cache(maxsize=1024)
def _holidays(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    calendar = _calendar(country, subdivision)(subdiv=subdivision, years=[year])
    return dict(calendar.items())


def _place(country: str, subdivision: str | None) -> tuple[str, str | None]:
    code = check_country(country)
    return code, None if subdivision is None else holiday_region(code, subdivision)


@context_free
def closed_on(on: date, country: str, *, subdivision: str | None = None) -> str | None:
    """Why nothing is done on ``on`` in ``country`` (``"Saturday"``, ``"Sunday"`` or the
    public holiday's name), or ``None`` on a working day.

    Raises [`MissingDataError`][commercekit.errors.MissingDataError] where the holidays
    library has no calendar for the place.
    """
    on = day(on, "on", invalid)
    return _closed(on, *_place(country, subdivision))


def _closed(on: date, country: str, subdivision: str | None) -> str | None:
    if on.weekday() >= 5:  # Saturday 5, Sunday 6
        return "Saturday" if on.weekday() == 5 else "Sunday"
    return _holidays(country, subdivision, on.year).get(on)


@context_free
def first_working_day(on: date, country: str, *, subdivision: str | None = None) -> date:
    """``on`` if it is a working day in the place, else the first working day after it.

    Raises [`InvalidAmountError`][commercekit.errors.InvalidAmountError] near the end
    of the calendar (no day after ``date.max``).
    """
    found = day(on, "on", invalid)
    place = _place(country, subdivision)
    for _ in range(_MAX_DAYS_CLOSED):
        if _closed(found, *place) is None:
            return found
        if found == date.max:
            break
        found += timedelta(days=1)
    raise invalid("on", on, "has no working day after it within a month in the calendar")


@context_free
def regional_holidays(on: date, country: str) -> tuple[tuple[str, str], ...]:
    """The regions of ``country`` that keep a public holiday on ``on`` which the
    whole country does not, each with the holiday's name, by region (as the
    ``holidays`` library names them); empty where no region does, or on a holiday the
    whole country keeps.

    A count of working days made with a country's calendar alone is right for every
    region only where this is empty.

    Raises [`MissingDataError`][commercekit.errors.MissingDataError] where the holidays
    library has no calendar for the country.
    """
    on = day(on, "on", invalid)
    code = check_country(country)
    _calendar(code)  # MissingDataError where the library has no calendar for it
    return _regional_days(code, on.year).get(on, ())


@functools.lru_cache(maxsize=64)
def _regional_days(country: str, year: int) -> dict[date, tuple[tuple[str, str], ...]]:
    """Each day of ``year`` some regions of ``country`` keep and the whole country
    does not, with those regions. Built once per country and year (Italy has over a
    hundred regional calendars), outside the per-place cache it would crowd out."""
    national = _holidays(country, None, year)
    found: dict[date, list[tuple[str, str]]] = {}
    calendar = _calendar(country)
    for region in calendar.subdivisions:
        for held, name in calendar(subdiv=region, years=[year]).items():
            if held not in national:
                found.setdefault(held, []).append((region, name))
    return {held: tuple(sorted(pairs)) for held, pairs in found.items()}
