"""Time ``import commercekit`` and ``commercekit quote FILE``, each in a fresh interpreter.

Run: ``python bench/startup.py`` from the repository root (``--runs N`` for more or fewer
runs; ``--src DIR`` to time another checkout's ``src``, such as an older commit's, with
the same interpreter and libraries). Prints, each beside its target (issue 17):

* ``import commercekit``: its own cost, the median over paired runs of ``python -c
  "import commercekit"`` minus ``python -c "pass"`` (target 10 ms), and what ``python -X
  importtime`` says it took (cumulative, median);
* ``commercekit quote FILE`` for each bundled example: the wall time of the whole
  process, interpreter start-up included (median; target 120 ms for
  ``nl-to-de-consumer``), and beside it the floor: a process that imports only the
  modules from outside commercekit (the standard library's and the third-party
  libraries') that the same quote loaded. The difference is commercekit's own share.

Before timing, the bench asserts that the command's output, as JSON and as the table, is
the quote made in this process from the same file, so what is timed is that work.

Every process starts as in a clean environment: ``python -S`` with the interpreter's
site-packages on ``PYTHONPATH``, and ``import site`` first (the module, without running
the ``.pth`` files of site-packages: one in a development environment here imports
Sphinx at every start-up of every Python program, commercekit or not, and would drown
the figures). The baseline is that start-up alone. Byte code is cached (in a temporary
``PYTHONPYCACHEPREFIX``, after a warm-up run), as it is for an installed package.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import site
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from commercekit.checkout import quote
from commercekit.cli import print_quote
from commercekit.serde import json_document, quote_request_from_json, quote_to_json

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src" / "commercekit" / "examples"
MAIN_EXAMPLE = "nl-to-de-consumer"
IMPORT_TARGET_MS = 10.0
QUOTE_TARGET_MS = 120.0
START = "import site\n"
"""A clean start-up: the site module, without the environment's ``.pth`` files."""
CLI = f"{START}from commercekit.cli import main; raise SystemExit(main())"
"""What the ``commercekit`` console script runs."""


def environment(src: Path, cache: str) -> dict[str, str]:
    path = os.pathsep.join([str(src), *site.getsitepackages(), site.getusersitepackages()])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": path, "PYTHONPYCACHEPREFIX": cache}


def run(args: list[str], env: dict[str, str]) -> tuple[float, str, str]:
    """Seconds of wall time, standard output and standard error of one process."""
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603  # our own interpreter, fixed arguments
        [sys.executable, "-S", *args], capture_output=True, text=True, env=env, check=True
    )
    return time.perf_counter() - start, done.stdout, done.stderr


def in_process(path: Path) -> tuple[Any, str]:
    """The quote of the request in ``path`` as JSON, and as the table."""
    result = quote(*quote_request_from_json(json_document(path.read_bytes(), name="file")))
    table = io.StringIO()
    print_quote(result, table)
    return json.loads(json.dumps(quote_to_json(result))), table.getvalue()


def check_output(path: Path, env: dict[str, str]) -> None:
    """The command prints what ``quote`` makes in this process from the same file."""
    as_json, as_table = in_process(path)
    _, out, _ = run(["-c", CLI, "quote", str(path), "--format", "json"], env)
    assert json.loads(out) == as_json, f"{path.name}: the command's JSON differs"
    _, out, _ = run(["-c", CLI, "quote", str(path)], env)
    assert out == as_table, f"{path.name}: the command's table differs"


def loaded_outside(path: Path, env: dict[str, str]) -> list[str]:
    """The modules not commercekit's that a quote of ``path`` loads, in load order."""
    script = (
        f"{START}import sys, io\nbefore = set(sys.modules)\n"
        "from commercekit.cli import main\n"
        f"main(['quote', {str(path)!r}], out=io.StringIO())\n"
        "print('\\n'.join(m for m in sys.modules if m not in before "
        "and not m.startswith('commercekit')))"
    )
    return run(["-c", script], env)[1].split()


def floor_script(modules: list[str]) -> str:
    """Import each of ``modules`` (some, such as ``six.moves`` aliases, only load as
    part of another; those are skipped)."""
    return (
        f"{START}import importlib\n"
        f"for name in {modules!r}:\n"
        "    try:\n        importlib.import_module(name)\n"
        "    except Exception:\n        pass\n"
    )


def median_ms(args: list[str], env: dict[str, str], runs: int) -> float:
    return statistics.median(run(args, env)[0] for _ in range(runs)) * 1e3


def import_figures(env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """Bare start-up, ``import commercekit``'s own cost (paired runs), importtime."""
    bare, paired, reported = [], [], []
    for _ in range(runs):
        empty = run(["-c", START], env)[0]
        loaded = run(["-c", f"{START}import commercekit"], env)[0]
        bare.append(empty)
        paired.append(loaded - empty)
        trace = run(["-X", "importtime", "-c", f"{START}import commercekit"], env)[2]
        found = re.search(r"\|\s*(\d+) \| commercekit$", trace, re.MULTILINE)
        assert found, "python -X importtime printed no line for commercekit"
        reported.append(int(found.group(1)) / 1e3)
    return (
        statistics.median(bare) * 1e3,
        statistics.median(paired) * 1e3,
        statistics.median(reported),
    )


def verdict(value: float, target: float) -> str:
    return f"target {target:.0f} ms: {'met' if value <= target else 'NOT met'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per figure")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="commercekit's src")
    options = parser.parse_args()
    examples = sorted(EXAMPLES.glob("*.json"))
    with tempfile.TemporaryDirectory(prefix="commercekit-pyc-") as cache:
        env = environment(options.src.resolve(), cache)
        for path in examples:  # also the warm-up that writes the byte code
            check_output(path, env)
        names = ", ".join(path.stem for path in examples)
        print(
            f"checked: the command's JSON and table equal the in-process quote for {names}"
        )
        bare, own, reported = import_figures(env, options.runs)
        print(f"start-up: {bare:6.1f} ms (python -S -c 'import site', the baseline)")
        print(
            f"import commercekit: {own:6.1f} ms own cost (median of paired runs), "
            f"{verdict(own, IMPORT_TARGET_MS)}; -X importtime: {reported:.1f} ms"
        )
        for path in examples:
            wall = median_ms(["-c", CLI, "quote", str(path)], env, options.runs)
            floor = median_ms(
                ["-c", floor_script(loaded_outside(path, env))], env, options.runs
            )
            target = verdict(wall, QUOTE_TARGET_MS) if path.stem == MAIN_EXAMPLE else ""
            print(
                f"commercekit quote {path.stem + '.json':<24} {wall:6.1f} ms wall; "
                f"floor (its non-commercekit imports) {floor:6.1f} ms, commercekit's own "
                f"{wall - floor:6.1f} ms  {target}"
            )


if __name__ == "__main__":
    main()
