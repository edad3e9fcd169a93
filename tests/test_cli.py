"""The commercekit command."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from commercekit import __version__
from commercekit.cli import main


def test_demo_quotes_the_four_bundled_examples_with_exact_figures() -> None:
    out = io.StringIO()
    assert main(["demo"], out=out) == 0
    text = out.getvalue()
    # Dutch shop to a German consumer, prices including VAT, over the EU threshold:
    # BOOK 39.50 + 2 x 24.95 = 89.40; WELCOME10 (10 %) = 8.94, shared 3.95 / 4.99.
    # BOOK 35.55 x 7/107 = 2.33 VAT; TEE 44.91 x 19/119 = 7.17. Shipping 1.5 kg EU1:
    # 6.63 + 8.5 % = 7.19, split 3.18 (7 %: 0.21) / 4.01 (19 %: 0.64) = 0.85 VAT.
    # Total 35.55 + 44.91 + 7.19 = 87.65; the 3-for-2 starts tomorrow, free shipping
    # needs 100.00.
    rows = [" ".join(line.split()) for line in text.splitlines()]
    assert "BOOK-ATLAS 1 39.50 EUR 3.95 EUR 33.22 EUR 2.33 EUR 35.55 EUR" in rows
    assert "TEE-ORGANIC 2 24.95 EUR 4.99 EUR 37.74 EUR 7.17 EUR 44.91 EUR" in rows
    assert "shipping 7.19 EUR 0.00 EUR 6.34 EUR 0.85 EUR 7.19 EUR" in rows
    assert "rejected  TEES-3-FOR-2         not-started" in text
    # French business: 6 tees at 24.95 = 149.70, bulk promotion -14.97 (10 %),
    # no VAT (intra-Community supply), shipping 7.19: 141.92.
    # British consumer: 68.11 GBP of goods without VAT, UK VAT at sale: TEE 49.90 x
    # 20/120 = 8.32, books zero-rated; shipping GB 11.95 + 8.5 % = 12.97: 102.37.
    # American consumer, DDP: 3 tees x 24.95 = 74.85 at 16.5 % duty = 12.35 (FOB, no
    # de minimis since 2025-08-29); 39.50 + 74.85 + 21.65 + 12.35 = 148.35.
    assert "duty on TEE-ORGANIC: 16.5% = 12.35 EUR" in text
    for line in (
        "nl-to-de-consumer    oss_union                     87.65 EUR at checkout",
        "nl-to-fr-business    intra_community_supply       141.92 EUR at checkout",
        "nl-to-gb-consumer    low_value_at_sale            102.37 EUR at checkout",
        "nl-to-us-ddp         export                       148.35 EUR at checkout",
    ):
        assert line in text


def test_version() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0


def test_bare_commercekit_prints_the_help_on_stderr_and_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = io.StringIO()
    assert main([], out=out) == 2
    assert out.getvalue() == ""
    err = capsys.readouterr().err
    for command in ("demo", "quote", "schema", "example", "tax-id", "serve", "prices"):
        assert f"    {command} " in err
    assert err.endswith("Run 'commercekit COMMAND --help' for what a command does.\n")


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
