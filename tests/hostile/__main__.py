"""Print the hostile-input counts per package: ``python -m tests.hostile``."""

from __future__ import annotations

from tests.hostile import PACKAGES, public_callables, run_package, summary
from tests.test_hostile import calls_of, rules_of

RESULTS = ("refused", "answered", "valid by design", "escape", "slow", "silent accept")


def main() -> None:
    totals = dict.fromkeys(RESULTS, 0)
    callables = 0
    print(
        f"{'package':<10} {'callables':>9} {'calls':>7} "
        + " ".join(f"{r:>15}" for r in RESULTS)
    )
    for package in PACKAGES:
        outcomes = run_package(package, calls_of(package).CALLS, rules_of(package))
        counts = summary(outcomes)
        surface = len(public_callables(package))
        callables += surface
        for result in RESULTS:
            totals[result] += counts.get(result, 0)
        print(
            f"{package:<10} {surface:>9} {len(outcomes):>7} "
            + " ".join(f"{counts.get(result, 0):>15}" for result in RESULTS)
        )
    print(
        f"{'total':<10} {callables:>9} {sum(totals.values()):>7} "
        + " ".join(f"{totals[result]:>15}" for result in RESULTS)
    )


if __name__ == "__main__":
    main()
