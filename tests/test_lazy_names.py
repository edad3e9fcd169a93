"""Public names loaded on first use (``commercekit._lazy``), and what an import loads.

A package's ``__init__`` lists its names twice: as imports under ``TYPE_CHECKING`` (what
type checkers and the documentation read) and as the runtime list ``public_names`` loads
from. These tests hold the two lists equal and every name in ``__all__`` importable as
the very object its module defines, and check in fresh interpreters that ``import
commercekit``, the command line's set-up and a quote load no more than they need, so
that the start-up time gained cannot silently come back. (``bench/startup.py`` times it;
no test here does.)
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from commercekit import _lazy
from tests.test_architecture import LAYERS

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "commercekit"
LAZY = sorted(
    path for path in SRC.rglob("__init__.py") if "public_names(" in path.read_text("utf-8")
)


def _package(path: Path) -> str:
    return ".".join(path.parent.relative_to(SRC.parent).parts)


def _checked_imports(path: Path) -> dict[str, str]:
    """Each name imported under ``if TYPE_CHECKING:`` in ``path``, with its module."""
    found: dict[str, str] = {}
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom):
                    found.update({a.name: statement.module or "" for a in statement.names})
    return found


def _new_modules(code: str) -> set[str]:
    """The modules a fresh interpreter loads running ``code`` (after its start-up)."""
    script = (
        "import sys\n"
        "before = set(sys.modules)\n"
        f"{code}\n"
        "new = sorted(set(sys.modules) - before)\n"  # before json is imported to print it
        "print(__import__('json').dumps(new))\n"
    )
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(  # noqa: S603  # our own interpreter, a fixed script
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": path},
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


HEAVY = {"attrs", "attr", "cattrs", "babel", "moneyed", "pycountry", "holidays", "stdnum"}
"""The third-party libraries the rules stand on, each costing milliseconds to import."""


def _roots(modules: set[str]) -> set[str]:
    return {module.split(".")[0] for module in modules}


def _packages(modules: set[str]) -> set[str]:
    return {m.split(".")[1] for m in modules if m.startswith("commercekit.")}


def _rule_modules(modules: set[str]) -> set[str]:
    """The modules of the rule packages (``commercekit.tax._rates``), not the packages."""
    return {m for m in modules if m.count(".") >= 2 and m.split(".")[1] in LAYERS}


def test_every_lazy_package_is_found() -> None:
    assert {_package(path) for path in LAZY} >= {
        "commercekit",
        "commercekit.money",
        "commercekit.checkout",
        "commercekit.inventory",
        "commercekit.cli",
    }


@pytest.mark.parametrize("path", LAZY, ids=_package)
def test_the_runtime_list_is_the_type_checkers_list(path: Path) -> None:
    package = importlib.import_module(_package(path))
    assert _lazy.ORIGINS[package.__name__] == _checked_imports(path)


@pytest.mark.parametrize("path", LAZY, ids=_package)
def test_each_public_name_is_the_object_its_module_defines(path: Path) -> None:
    package = importlib.import_module(_package(path))
    origins = _lazy.ORIGINS[package.__name__]
    assert set(origins) <= set(package.__all__) | {"MAX_REQUEST_BYTES", "print_quote"}
    for name in package.__all__:
        if name in origins:
            module = importlib.import_module(origins[name])
            assert getattr(package, name) is getattr(module, name), name
        assert name in dir(package)


def test_an_unknown_name_is_an_attribute_error() -> None:
    money = importlib.import_module("commercekit.money")
    assert not hasattr(money, "Mony")
    with pytest.raises(
        AttributeError, match=r"'commercekit\.money' has no attribute 'Mony'"
    ):
        _ = money.Mony
    with pytest.raises(ImportError, match="Mony"):
        exec("from commercekit.money import Mony", {})  # noqa: S102  # the statement itself


def test_a_star_import_gives_all_the_public_names() -> None:
    names: dict[str, object] = {}
    exec("from commercekit.regions import *", names)  # noqa: S102  # the statement itself
    regions = importlib.import_module("commercekit.regions")
    assert {n: names[n] for n in regions.__all__} == {
        n: getattr(regions, n) for n in regions.__all__
    }


def test_import_commercekit_loads_nothing_else() -> None:
    """Not the errors, not a package, no third-party library, not the metadata."""
    loaded = _new_modules("import commercekit")
    assert (
        {"commercekit", "commercekit._lazy"}
        <= loaded
        <= {
            "commercekit",
            "commercekit._lazy",
            "__future__",  # a few hundred lines, for _lazy's annotations
        }
    )


def test_the_version_is_read_when_asked_for_and_loads_no_rules() -> None:
    loaded = _new_modules("import commercekit; commercekit.__version__")
    assert _rule_modules(loaded) | (_roots(loaded) & HEAVY) == set()
    assert "commercekit.errors" not in loaded


def test_the_version_is_pyprojects_and_the_installed_metadatas() -> None:
    commercekit = importlib.import_module("commercekit")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert commercekit.__version__ == metadata.version("commercekit") == project["version"]
    assert "__version__" in dir(commercekit)


def test_a_package_loads_none_of_its_modules_until_a_name_is_used() -> None:
    loaded = _new_modules("import commercekit.checkout, commercekit.inventory")
    ours = {module for module in loaded if module.split(".")[0] == "commercekit"}
    assert ours == {  # (and typing, for TYPE_CHECKING, unless start-up loaded it)
        "commercekit",
        "commercekit._lazy",
        "commercekit.checkout",
        "commercekit.inventory",
    }


def test_the_command_lines_set_up_loads_no_rules() -> None:
    loaded = _new_modules(
        "from commercekit.cli._parser import build_parser; build_parser().format_help()"
    )
    assert _rule_modules(loaded) == set()
    assert _roots(loaded) & {"attrs", "cattrs", "pycountry", "holidays", "stdnum"} == set()


def test_a_quote_loads_no_inventory_loyalty_or_metrics() -> None:
    """A quote from the command line loads the layers it uses, not the rest (nor
    python-stdnum, for a sale without a tax number to check)."""
    loaded = _new_modules(
        "import io\n"
        "from commercekit.cli import main\n"
        "main(['quote', 'src/commercekit/examples/nl-to-de-consumer.json', "
        "'--format', 'json'], out=io.StringIO())"
    )
    assert {"checkout", "tax", "shipping", "serde"} <= _packages(loaded)
    assert _packages(loaded) & {"inventory", "loyalty", "metrics", "service"} == set()
    assert _roots(loaded) & {"numpy", "statsmodels", "starlette", "stdnum"} == set()


SURCHARGE_RULES = {
    "commercekit.payments._surcharge",
    "commercekit.payments._surcharge_rules",
    "commercekit.payments._instruments",
    "commercekit.payments._interchange",
}
"""Modules a quote loads only when its request asks for a surcharge."""
REFUNDS = {"commercekit.checkout._refund_result", "commercekit.payments._after_sale"}
"""The refunds' modules, which serde loads when it writes a refund."""


def test_a_quote_loads_no_country_calendar_modules_surcharge_rules_or_refunds() -> None:
    """The bundled examples, quoted from the command line, import only the
    ``holidays`` library's modules of the countries they quote (its ``countries``
    package, whose ``__init__`` imports all of them, is there without it) and leave
    none of its modules in ``sys.modules`` (they run without the package's
    ``__init__``, kept apart), nor the surcharge rules, which no example asks for, nor
    the refunds'."""
    loaded = _new_modules(
        "import io\n"
        "from pathlib import Path\n"
        "from commercekit.cli import main\n"
        "from commercekit.regions import _calendar\n"
        "for path in sorted(Path('src/commercekit/examples').glob('*.json')):\n"
        "    assert main(['quote', str(path)], out=io.StringIO()) == 0\n"
        "    as_json = [str(path), '--format', 'json']\n"
        "    assert main(['quote', *as_json], out=io.StringIO()) == 0\n"
        "assert {'holidays', 'holidays.registry'} <= set(_calendar._run)\n"
        "countries = {name for name in _calendar._run if 'countries' in name}\n"
        "quoted = ('netherlands', 'germany', 'france', 'united_kingdom', 'united_states')\n"
        "assert countries == {'holidays.countries'} | {\n"
        "    f'holidays.countries.{name}' for name in quoted}, countries\n"
        "assert not hasattr(_calendar._run['holidays.countries'], 'Germany')"
    )
    assert "commercekit.regions._calendar" in loaded
    assert {module for module in loaded if module.split(".")[0] == "holidays"} == set()
    assert loaded & (SURCHARGE_RULES | REFUNDS) == set()


def test_a_surcharge_asked_for_loads_the_surcharge_rules() -> None:
    """They refuse this one: a German consumer's credit card (PSD2 Art. 62(4))."""
    loaded = _new_modules(
        "from commercekit.checkout import quote\n"
        "from commercekit.errors import SurchargeRefusedError\n"
        "from commercekit.serde import example_request, quote_request_from_json\n"
        "request = example_request('nl-to-de-consumer')\n"
        "request['payment'] = request['payment'] | {'surcharge': True}\n"
        "try:\n"
        "    quote(*quote_request_from_json(request))\n"
        "except SurchargeRefusedError as refused:\n"
        "    assert 'Art 62(4)' in str(refused)\n"
        "else:\n"
        "    raise AssertionError('the surcharge was not refused')"
    )
    assert loaded >= SURCHARGE_RULES


def test_the_converter_carries_every_hook_however_it_is_reached() -> None:
    """``serde._payment`` adds hooks to the shared converter when it is imported; the
    converter (and ``structure``) taken from ``commercekit.serde`` in a fresh process
    has them as it did when the package imported every module at once."""
    loaded = _new_modules("from commercekit.serde import converter")
    assert "commercekit.serde._payment" in loaded
    loaded = _new_modules("from commercekit.serde import structure")
    assert "commercekit.serde._payment" in loaded


def test_the_example_and_schema_commands_load_no_rules() -> None:
    loaded = _new_modules(
        "import io\n"
        "from commercekit.cli import main\n"
        "for command in (['example'], ['example', 'nl-to-us-ddp'], ['schema', 'quote']):\n"
        "    assert main(command, out=io.StringIO()) == 0"
    )
    assert _rule_modules(loaded) == {"commercekit.serde._resources"}
