"""What a quote from the command line loads and reads, in a fresh interpreter.

Each bundled table is read the first time a rule asks for it, and each jurisdiction's
rules are imported when a sale reaches it, so a Dutch shop's quote to Germany reads no
US table and loads no US or Indian rules (nor the ``pycountry`` database of
subdivisions). These tests hold that in place, on ``sys.modules`` and on the files the
one loader (``commercekit._bundled.read``) was asked for, so that start-up time gained
cannot silently come back; ``bench/startup.py`` times it, no test here does. The US
example shows the same path still loading what a US sale needs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = "src/commercekit/examples"

RECORD_READS = """\
import io, sys
BEFORE = set(sys.modules)
from commercekit import _bundled
_read = _bundled.read
READ = []
def _recording(package, name, **options):
    READ.append(name)
    return _read(package, name, **options)
_bundled.read = _recording
"""
"""Set-up that records the name of each bundled file read, in order."""

US_RULES = {
    "commercekit.tax._us_states",
    "commercekit.tax._us_nexus",
    "commercekit.tax._us_shipping",
    "commercekit.tax._us_status",
    "commercekit.tax._us_holidays",
    "commercekit.tax._jurisdictions._us",
}
"""The US sales-tax rules a sale outside the US has no use for."""

BORDER_RULES = {
    "commercekit.shipping._landed",
    "commercekit.shipping._customs",
    "commercekit.shipping._de_minimis",
    "commercekit.shipping._duty",
    "commercekit.shipping._import_tax",
    "commercekit.shipping._india",
    "commercekit.shipping._shipment",
}
"""Landed cost, duties and import taxes, and the shipment they are levied on: a sale
within the EU crosses no customs border."""

RULES_NOT_ASKED = {
    "commercekit.tax._invoice",
    "commercekit.tax._compute_lines",
    "commercekit.tax._per_item",
    "commercekit.tax._in_categories",
    "commercekit.tax._item_rules",
    "commercekit.tax._us_local_rates",
    "commercekit.tax._in_facts",
    "commercekit.tax._in_conveyance",
    "commercekit.tax._in_headings",
}
"""Rules a quote within the EU rounding per line never asks for: the invoice's
arithmetic (rounding once per rate on the invoice), rates that depend on the price of
each item (``tax/_item_rules.py``, imported where a category's rate is missing), why
India has no rate for a category (imported where a rate is missing), and what a request
gives only for some sales: US local rates (``tax/_us_local_rates.py``) and India's
``RateFacts`` (``tax/_in_facts.py`` and the conveyances and headings it names), each
read by the request's hook only where the request has them."""

RESOURCES = {"importlib.resources", "tempfile", "random"}
"""``importlib.resources`` and what it brings: bundled files of a package on disk are
read from its folder without it (``commercekit._bundled.package_files``)."""

METADATA = {"importlib.metadata", "email", "pycountry"}
"""What looks up a library's version among the installed distributions
(``importlib.metadata``, the ``email`` package it parses their metadata with, and
``pycountry``, whose import asks it): the holiday calendars are run without the
``holidays`` package's ``__init__`` (which asks it), and ISO codes are read from
``pycountry``'s files (``commercekit.regions._iso``)."""

OTHER_JURISDICTIONS = {
    f"commercekit.tax._jurisdictions._{name}"
    for name in ("uk", "ch", "ca", "jp", "in", "in_services", "low_value", "us")
}
"""The registered jurisdictions besides the EU's."""


def _last_line(script: str) -> str:
    """The last line a fresh interpreter prints running ``script``, this checkout's
    ``src`` first on its path."""
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(  # noqa: S603  # our own interpreter, a fixed script
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": path},
    )
    return done.stdout.splitlines()[-1]


def _run(code: str) -> tuple[set[str], list[str]]:
    """The modules a fresh interpreter loads running ``code`` after ``RECORD_READS``
    (besides those its start-up loaded), and the bundled files it read, in order."""
    script = (
        f"{RECORD_READS}{code}\n"
        "loaded = sorted(set(sys.modules) - BEFORE)\n"
        "print(__import__('json').dumps([loaded, READ]))\n"
    )
    found: list[Any] = json.loads(_last_line(script))
    return set(found[0]), found[1]


IMPORT_QUOTE = (
    "from commercekit.checkout import quote\n"
    "from commercekit.serde import quote_request_from_json"
)


def _quoted(example: str) -> tuple[set[str], list[str]]:
    """The modules a quote of ``example`` from the command line loads, and the
    bundled files it reads (those importing ``quote`` reads not counted)."""
    loaded, read = _run(
        f"{IMPORT_QUOTE}\nREAD.clear()\nfrom commercekit.cli import main\n"
        f"main(['quote', '{EXAMPLES}/{example}.json'], out=io.StringIO())"
    )
    return loaded, read


def test_importing_the_quote_reads_no_table_but_the_currencies() -> None:
    """Importing ``quote`` and the request reader reads ISO 4217 (every amount needs
    it) and no other table, and loads neither holidays nor pycountry."""
    loaded, read = _run(IMPORT_QUOTE)
    assert read == ["iso4217.csv"]
    assert {"holidays", "pycountry", "commercekit.tax._us_states"} & loaded == set()
    assert OTHER_JURISDICTIONS & loaded == set()
    assert RESOURCES & loaded == set()


def test_a_quote_within_the_eu_loads_no_us_or_other_rules() -> None:
    """The German consumer's quote loads the EU's rules only, reads no US table, and
    never imports pycountry (the rate cards' codes outside the EU are checked against
    its file, read without its import; a US state's code needs its subdivisions)."""
    loaded, by_quote = _quoted("nl-to-de-consumer")
    assert "commercekit.tax._jurisdictions._eu" in loaded
    assert "pycountry" not in loaded, "ISO codes are read from pycountry's file"
    assert METADATA & loaded == set()
    assert RESOURCES & loaded == set(), "the request's schema is read from its folder"
    assert "commercekit.serde._where" not in loaded, "the schema is read on a refusal"
    assert not [name for name in loaded if name.split(".")[0] == "holidays"]
    assert (US_RULES | OTHER_JURISDICTIONS | BORDER_RULES) & loaded == set()
    assert RULES_NOT_ASKED & loaded == set()
    assert {"us_states.csv", "us_nexus.csv", "us_shipping.csv", "in_tcs.csv"}.isdisjoint(
        by_quote
    )
    assert {"example_tariff.csv", "customs.csv", "surcharges.csv"}.isdisjoint(by_quote)
    assert len(by_quote) == len(set(by_quote)), "a table was read twice"


def test_an_eu_business_quote_loads_the_eu_number_check_only() -> None:
    """The French business's quote checks its EU VAT numbers with python-stdnum's EU
    module, and imports no other country's scheme (GB, NO, CH, AU, NZ, CA, IN)."""
    loaded, _ = _quoted("nl-to-fr-business")
    assert "stdnum.eu.vat" in loaded
    others = {f"stdnum.{name}" for name in ("gb", "no", "ch", "au", "nz", "ca", "in_")}
    assert others & loaded == set()
    assert METADATA & loaded == set()


def test_a_quote_to_the_us_loads_the_us_rules_it_needs() -> None:
    """The same path loads the US rules and reads their tables for a US buyer, and
    the border's rules for the goods crossing it, but not ``pycountry``."""
    loaded, by_quote = _quoted("nl-to-us-ddp")
    assert {"commercekit.tax._jurisdictions._us", "commercekit.tax._us_states"} <= loaded
    assert loaded >= BORDER_RULES
    assert {"us_states.csv", "us_nexus.csv", "example_tariff.csv"} <= set(by_quote)
    others = OTHER_JURISDICTIONS - {"commercekit.tax._jurisdictions._us"}
    assert others & loaded == set()
    assert METADATA & loaded == set(), "a US state's code is read from pycountry's file"


def test_a_quote_from_a_zip_file_reads_the_same_bundled_files(tmp_path: Path) -> None:
    """Installed in a zip file (no folder to read from), commercekit reads its bundled
    files through ``importlib.resources``, and the quote is the one made from the
    folder, as JSON and as the table."""
    archive = tmp_path / "commercekit.zip"
    package = ROOT / "src" / "commercekit"
    with zipfile.ZipFile(archive, "w") as written:
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                written.write(path, path.relative_to(package.parent).as_posix())
    env = {**os.environ, "PYTHONPATH": str(archive)}
    where = subprocess.run(  # our own interpreter, a fixed script
        [sys.executable, "-c", "import commercekit; print(commercekit.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert where.stdout.startswith(str(archive))
    request = f"{EXAMPLES}/nl-to-de-consumer.json"
    for options in ([], ["--format", "json"]):
        made = [
            subprocess.run(  # noqa: S603  # our own interpreter, a fixed command
                [sys.executable, "-m", "commercekit", "quote", *options, request],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(where)},
            )
            for where in (archive, ROOT / "src")
        ]
        assert made[0].stdout == made[1].stdout
        assert made[0].stdout.count("EUR") > 3


OTHER_CALENDARS = {
    f"holidays.{package}.{name}"
    for package in ("calendars", "groups")
    for name in ("islamic", "hebrew", "hindu", "chinese", "buddhist", "tibetan", "thai")
}
"""Modules of the ``holidays`` library a German or Dutch calendar has no use for, which
the ``__init__`` of ``holidays.calendars`` and ``holidays.groups`` import."""


def test_a_quote_within_the_eu_runs_the_calendar_modules_it_uses() -> None:
    """The German consumer's quote runs the modules the calendars of the Netherlands
    (the warehouse) and Germany import: the base class, Germany's school holidays, the
    groups of holidays they take (Christian, international), but no other calendar or
    group: ``holidays.calendars`` and
    ``holidays.groups`` are run without the ``__init__`` that imports them all."""
    loaded, _ = _run(
        f"{IMPORT_QUOTE}\nfrom commercekit.cli import main\n"
        f"main(['quote', '{EXAMPLES}/nl-to-de-consumer.json'], out=io.StringIO())\n"
        "from commercekit.regions import _calendar\n"
        "sys.modules.update(_calendar._run)"  # the library's modules it ran, counted
    )
    ran = {name for name in loaded if name.split(".")[0] == "holidays"}
    assert {"holidays.holiday_base", "holidays.calendars.germany_school"} <= ran
    assert {"holidays.groups.christian", "holidays.groups.international"} <= ran
    assert OTHER_CALENDARS & ran == set()


def test_a_quote_reads_the_example_rate_cards_once() -> None:
    """The request's ``"examples"``, the check that a quote's cards are the examples
    (writing it back) and the table's note on example prices share one reading of the
    bundled cards."""
    _, read = _run(
        "from commercekit.shipping import _card_data\n"
        "card = _card_data._card\n"
        "def recorded(data, **options):\n"
        "    READ.append(('card', data['carrier'], data['service']))\n"
        "    return card(data, **options)\n"
        "_card_data._card = recorded\n"
        "from commercekit.cli import main\n"
        "for example in ('nl-to-de-consumer', 'nl-to-us-ddp'):\n"
        "    for options in ([], ['--format', 'json']):\n"
        f"        request = f'{EXAMPLES}/{{example}}.json'\n"
        "        main(['quote', request, *options], out=io.StringIO())"
    )
    cards = json.loads(
        (ROOT / "src/commercekit/shipping/_data/example_rate_cards.json").read_text()
    )
    parsed = [entry[1:] for entry in read if entry[0] == "card"]
    assert parsed == [[card["carrier"], card["service"]] for card in cards["cards"]]


def test_the_command_line_loads_and_quotes_with_collection_paused() -> None:
    """``import commercekit.cli`` loads no command, rule or error class (nor
    ``moneyed``), and a quote from the command line, loading them, runs no cyclic
    garbage collection; the collector is on again afterwards."""
    script = (
        "import gc, io, json, sys\n"
        "before = set(sys.modules)\n"
        "import commercekit.cli\n"
        "on_import = sorted(set(sys.modules) - before)\n"
        "collected = sum(generation['collections'] for generation in gc.get_stats())\n"
        "commercekit.cli.main(\n"
        f"    ['quote', '{EXAMPLES}/nl-to-de-consumer.json'], out=io.StringIO()\n"
        ")\n"
        "collections = sum(g['collections'] for g in gc.get_stats()) - collected\n"
        "print(json.dumps([on_import, collections, gc.isenabled()]))\n"
    )
    on_import, collections, enabled = json.loads(_last_line(script))
    assert "commercekit.cli" in on_import
    assert {"moneyed", "argparse", "commercekit.errors"} & set(on_import) == set()
    assert collections == 0
    assert enabled


def test_a_quote_within_the_eu_builds_the_thresholds_it_asks_for() -> None:
    """The German consumer's quote reads the EUR 10,000 of EU distance sales from the
    thresholds, and builds no other jurisdiction's or rule's rows."""
    _, read = _run(
        "from commercekit.tax import _thresholds\n"
        "threshold = _thresholds._threshold\n"
        "def recorded(line):\n"
        "    READ.append(['row', line.raw('jurisdiction'), line.raw('rule')])\n"
        "    return threshold(line)\n"
        "_thresholds._threshold = recorded\n"
        "from commercekit.cli import main\n"
        f"main(['quote', '{EXAMPLES}/nl-to-de-consumer.json'], out=io.StringIO())"
    )
    built = {tuple(entry[1:]) for entry in read if entry[0] == "row"}
    assert built == {("EU", "distance_sales_threshold")}


def test_a_quote_makes_only_what_it_uses() -> None:
    """A quote from the command line builds the ``quote`` command's parser alone,
    compiles cattrs' plain structure function for each object of the request (the
    detailed one, which says where a value is wrong, only for an object refused), and
    makes one ``Invalid<Package><Kind>Error`` (money's ``TypeError`` for what is not
    money), not all 48."""
    _, read = _run(
        "from commercekit.cli import _parser\n"
        "for name, add in list(_parser._COMMANDS.items()):\n"
        "    def adding(commands, name=name, add=add):\n"
        "        READ.append(['parser', name])\n"
        "        return add(commands)\n"
        "    _parser._COMMANDS[name] = adding\n"
        "from commercekit.serde import _objects\n"
        "made = _objects.make_dict_structure_fn\n"
        "def making(cls, converter, **options):\n"
        "    detailed = options['_cattrs_detailed_validation']\n"
        "    READ.append(['structure', cls.__name__, detailed])\n"
        "    return made(cls, converter, **options)\n"
        "_objects.make_dict_structure_fn = making\n"
        "from commercekit.cli import main\n"
        "for example in ('nl-to-de-consumer', 'nl-to-us-ddp'):\n"
        f"    main(['quote', f'{EXAMPLES}/{{example}}.json'], out=io.StringIO())\n"
        'refused = \'{"cart": {"lines": [{"sku": 1}]}}\'\n'
        "sys.stdin = io.StringIO(refused)\n"
        "sys.stderr = io.StringIO()\n"
        "main(['quote', '-'], out=io.StringIO())\n"
        "from commercekit import errors\n"
        "for package in errors.PACKAGE_ERRORS:\n"
        "    READ.extend(['made', cls.__name__] for cls in package._kinds.values())\n"
    )
    assert [entry for entry in read if entry[0] == "parser"] == [["parser", "quote"]] * 3
    compiled = [tuple(entry[1:]) for entry in read if entry[0] == "structure"]
    assert ("_Request", False) in compiled
    assert {name for name, detailed in compiled if detailed} == {
        "_Request",
        "Cart",
        "CartLine",
    }
    assert [entry[1] for entry in read if entry[0] == "made"] == ["InvalidAmountTypeError"]
