"""Time ``import commercekit`` and ``commercekit quote FILE``, each in a fresh interpreter.

Run: ``python bench/startup.py`` from the repository root (``--runs N`` for more or fewer
runs; ``--before DIR`` to time another checkout's ``src`` too, such as an older
commit's, with the same interpreter and libraries, each run taking turns with this
one's). Prints wall and CPU time (CPU: what the process used, however busy the machine
is), each beside its target (issue 17):

* ``import commercekit``: its own cost, the median over paired runs of a process that
  imports it minus one that does not (target 10 ms), and what ``python -X importtime``
  says it took (cumulative, median);
* ``commercekit quote FILE`` for each bundled example: the time of the whole process,
  interpreter start-up included (median; target 120 ms wall for ``nl-to-de-consumer``),
  and under it the floor: a process that imports only the modules from outside
  commercekit (the standard library's and the third-party libraries') that the same
  quote loaded. What lies between is commercekit's own, split in two: its imports (a
  process that imports every module the quote loaded, commercekit's too, in the
  order the quote loaded them, and quotes nothing) and the quote's run (reading the
  request, the tables it asks for, the rules, printing: the rest), each the median
  over paired runs of the difference.
* the command as a user runs it, ``python -m commercekit quote FILE`` with the
  interpreter running this bench and its ``site`` (``.pth`` files included), median
  wall time beside the 120 ms target. Run the bench with a clean environment's
  interpreter for this figure: in the development venv a ``.pth`` file imports Sphinx
  at every start-up (some 300 ms, commercekit or not) and inflates it.

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
import resource
import site
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

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
CLI = (
    f"{START}from commercekit import cli\n"
    "raise SystemExit(getattr(cli, 'command', cli.main)())"
)
"""What the ``commercekit`` console script runs (``main`` in a checkout from before
``command``)."""


class Run(NamedTuple):
    wall: float
    cpu: float
    out: str
    err: str


def environment(src: Path, cache: str) -> dict[str, str]:
    path = os.pathsep.join([str(src), *site.getsitepackages(), site.getusersitepackages()])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": path, "PYTHONPYCACHEPREFIX": cache}


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(args: list[str], env: dict[str, str]) -> Run:
    """One process: its wall and CPU time in milliseconds, its output and its errors.
    (CPU time is what the process itself used, whatever else the machine runs.)
    Without ``site`` unless ``args`` start with ``-m``, the command as a user runs it."""
    command = [sys.executable, *args] if args[0] == "-m" else [sys.executable, "-S", *args]
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(  # noqa: S603  # our own interpreter, fixed arguments
        command, capture_output=True, text=True, env=env, check=True
    )
    wall = time.perf_counter() - start
    return Run(wall * 1e3, (_cpu() - cpu) * 1e3, done.stdout, done.stderr)


def in_process(path: Path) -> tuple[Any, str]:
    """The quote of the request in ``path`` as JSON, and as the table."""
    result = quote(*quote_request_from_json(json_document(path.read_bytes(), name="file")))
    table = io.StringIO()
    print_quote(result, table)
    return json.loads(json.dumps(quote_to_json(result))), table.getvalue()


def as_run_args(path: Path) -> list[str]:
    """``python -m commercekit quote FILE``: the command as a user runs it."""
    return ["-m", "commercekit", "quote", str(path)]


def check_output(path: Path, env: dict[str, str], as_run: dict[str, str] | None) -> None:
    """The command prints what ``quote`` makes in this process from the same file
    (and so does ``python -m commercekit``, given ``as_run``, its environment). For
    ``--before``'s checkout (no ``as_run``), the table only: the JSON quote has
    gained fields since some older checkouts (``parts``), the table has not."""
    as_json, as_table = in_process(path)
    if as_run is not None:
        out = run(["-c", CLI, "quote", str(path), "--format", "json"], env).out
        assert json.loads(out) == as_json, f"{path.name}: the command's JSON differs"
    out = run(["-c", CLI, "quote", str(path)], env).out
    assert out == as_table, f"{path.name}: the command's table differs"
    if as_run is not None:
        out = run(as_run_args(path), as_run).out
        assert out == as_table, f"{path.name}: python -m commercekit's table differs"


def loaded_by(path: Path, env: dict[str, str]) -> list[str]:
    """The modules a quote of ``path`` loads, in load order."""
    script = (
        f"{START}import sys, io\nbefore = set(sys.modules)\n"
        "from commercekit.cli import main\n"
        f"main(['quote', {str(path)!r}], out=io.StringIO())\n"
        "print('\\n'.join(m for m in sys.modules if m not in before))"
    )
    return run(["-c", script], env).out.split()


def outside(modules: list[str]) -> list[str]:
    """Those of ``modules`` that are not commercekit's."""
    return [m for m in modules if m.split(".")[0] != "commercekit"]


def import_script(modules: list[str]) -> str:
    """Import each of ``modules`` (some, such as ``six.moves`` aliases, only load as
    part of another; those are skipped), then end as the command does (``gc.freeze``,
    no walk over every object at exit)."""
    return (
        f"{START}import gc, importlib\n"
        f"for name in {modules!r}:\n"
        "    try:\n        importlib.import_module(name)\n"
        "    except Exception:\n        pass\n"
        "gc.freeze()\n"
    )


Jobs = dict[str, tuple[list[str], dict[str, str]]]


def sample(jobs: Jobs, runs: int) -> dict[str, list[Run]]:
    """``runs`` runs of each job, taking turns, so that a change in the machine's load
    falls on all of them alike."""
    found: dict[str, list[Run]] = {name: [] for name in jobs}
    for _ in range(runs):
        for name, (args, env) in jobs.items():
            found[name].append(run(args, env))
    return found


def medians(runs: list[Run]) -> tuple[float, float]:
    """Median wall and CPU milliseconds."""
    return statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs)


def own_cost(loaded: list[Run], bare: list[Run]) -> tuple[float, float]:
    """The median over paired runs of the difference, wall and CPU."""
    return (
        statistics.median(a.wall - b.wall for a, b in zip(loaded, bare, strict=True)),
        statistics.median(a.cpu - b.cpu for a, b in zip(loaded, bare, strict=True)),
    )


def importtime(env: dict[str, str], runs: int) -> float:
    """``python -X importtime``'s cumulative milliseconds for commercekit (median)."""
    found = []
    for _ in range(runs):
        trace = run(["-X", "importtime", "-c", f"{START}import commercekit"], env).err
        line = re.search(r"\|\s*(\d+) \| commercekit$", trace, re.MULTILINE)
        assert line, "python -X importtime printed no line for commercekit"
        found.append(int(line.group(1)) / 1e3)
    return statistics.median(found)


def shown(figures: tuple[float, float]) -> str:
    return f"{figures[0]:7.1f} ms wall {figures[1]:7.1f} ms cpu"


def verdict(value: float, target: float) -> str:
    return f"target {target:.0f} ms: {'met' if value <= target else 'NOT met'}"


def report_import(envs: dict[str, dict[str, str]], runs: int) -> None:
    jobs: Jobs = {"bare": (["-c", START], envs["now"])}
    for name, env in envs.items():
        jobs[name] = (["-c", f"{START}import commercekit"], env)
    found = sample(jobs, runs)
    print(f"start-up (python -S -c 'import site')   {shown(medians(found['bare']))}")
    for name, env in envs.items():
        own = own_cost(found[name], found["bare"])
        print(
            f"import commercekit, own cost ({name:>6})  {shown(own)}; "
            f"-X importtime {importtime(env, runs):6.1f} ms"
            + (f"; {verdict(own[0], IMPORT_TARGET_MS)}" if name == "now" else "")
        )


def report_quote(
    path: Path, envs: dict[str, dict[str, str]], as_run: dict[str, str], runs: int
) -> None:
    loaded = loaded_by(path, envs["now"])
    jobs: Jobs = {
        name: (["-c", CLI, "quote", str(path)], env) for name, env in envs.items()
    }
    jobs["floor"] = (["-c", import_script(outside(loaded))], envs["now"])
    jobs["imports"] = (["-c", import_script(loaded)], envs["now"])
    jobs["as run"] = (as_run_args(path), as_run)
    found = sample(jobs, runs)
    for name in envs:
        wall = medians(found[name])
        target = verdict(wall[0], QUOTE_TARGET_MS) if path.stem == MAIN_EXAMPLE else ""
        print(f"quote {path.stem:<20} ({name:>6})  {shown(wall)}  {target}")
    now, floor, imports = found["now"], found["floor"], found["imports"]
    print(
        f"  its imports from outside commercekit  {shown(medians(floor))} "
        "(the floor: no commercekit module, no quote)"
    )
    print(
        f"  and commercekit's {len(loaded) - len(outside(loaded)):3d} modules too     "
        f"{shown(medians(imports))} (every module the quote loads, no quote)"
    )
    print(f"  commercekit's own                     {shown(own_cost(now, floor))}")
    print(f"    its imports                         {shown(own_cost(imports, floor))}")
    print(f"    the quote's run                     {shown(own_cost(now, imports))}")
    wall = medians(found["as run"])
    print(
        f"  python -m commercekit quote (as run)  {shown(wall)}  "
        f"{verdict(wall[0], QUOTE_TARGET_MS)} (site and .pth files included)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per figure")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="commercekit's src")
    parser.add_argument(
        "--before", type=Path, help="another checkout's src, timed in the same turns"
    )
    options = parser.parse_args()
    examples = sorted(EXAMPLES.glob("*.json"))
    with tempfile.TemporaryDirectory(prefix="commercekit-pyc-") as cache:
        sources = {"now": options.src, "before": options.before}
        envs = {
            name: environment(src.resolve(), f"{cache}/{name}")
            for name, src in sources.items()
            if src is not None
        }
        # The command as a user runs it: site as usual, commercekit from this src.
        as_run = {**envs["now"], "PYTHONPATH": str(options.src.resolve())}
        for name, env in envs.items():
            for path in examples:  # also the warm-up that writes the byte code
                check_output(path, env, as_run if name == "now" else None)
        print(
            f"load average at the start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
        )
        names = ", ".join(path.stem for path in examples)
        print(f"checked: each command's JSON and table equal the quote made here ({names})")
        report_import(envs, options.runs)
        for path in examples:
            report_quote(path, envs, as_run, options.runs)
        print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
