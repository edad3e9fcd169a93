"""The commercekit command."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from commercekit import __version__
from commercekit.cli import main


def test_demo_prints_the_tour_with_exact_figures() -> None:
    out = io.StringIO()
    assert main(["demo"], out=out) == 0
    text = out.getvalue()
    # 2 x 34.95 + 19.99 + 3 x 12.49 = 127.36; 10% = 12.736 → 12.74 (half-up);
    # shared over 69.90 : 19.99 : 37.47 by largest remainder → 6.99, 2.00, 3.75.
    assert "subtotal                         127.36 EUR" in text
    assert "order discount of 12.74 EUR" in text
    assert "Merino scarf       -6.99 EUR" in text
    assert "Leather notebook   -2.00 EUR" in text
    assert "Fountain pen       -3.75 EUR" in text
    assert "38.21 + 38.21 + 38.20 = 114.62 EUR" in text
    assert "nl_NL  €\u00a0114,62" in text
    assert "23.03 CHF receipt paid in cash on 2026-11-26 is 23.05 CHF" in text
    # 114.62 includes 19 % German VAT: 114.62 x 19/119 = 18.30; French 20 %: 19.10.
    assert "Germany   oss_union: 18.30 EUR DE VAT at 19% inside the price" in text
    assert "France    oss_union: 19.10 EUR FR VAT at 20% inside the price" in text
    assert "Tenerife  export: no EU VAT" in text


def test_version_and_help() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    out = io.StringIO()
    assert main([], out=out) == 0
    assert "demo" in out.getvalue()


def test_console_script_runs_as_a_module() -> None:
    done = subprocess.run(  # fixed arguments, our own interpreter
        [sys.executable, "-m", "commercekit", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == f"commercekit {__version__}"


def test_unknown_command_exits_2() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["refund"])
    assert exit_info.value.code == 2
