"""What is read on first use rather than at import answers as the whole list did.

The command line starts a fresh interpreter for every quote, so work that used to be
done at import (every time zone file listed, every rate table parsed, every tax-number
scheme loaded) is now done for the one name, table or scheme a call asks for. These
tests hold each per-key answer equal to what the whole list said, and every bundled
table still read and checked (a fault in one is found here, not by the first caller
who asks for it). ``bench/startup.py`` times it; no test here does.
"""

from __future__ import annotations

import gc
import io
import zoneinfo
from datetime import date
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest

from commercekit.cli import main
from commercekit.errors import DataFileError, InvalidJsonError, InvalidRateTableError
from commercekit.serde import _scalars
from commercekit.tax import BundledRates, _rates

NOT_ZONES = [
    "",
    "localtime",
    "Factory",
    "posixrules",
    "right/UTC",
    "posix/Europe/Amsterdam",
    "Europe",
    "europe/amsterdam",
    "Europe/Amsterdam/",
    "/Europe/Amsterdam",
    "Europe//Amsterdam",
    "Europe/./Amsterdam",
    "Europe/../Europe/Amsterdam",
    "../zoneinfo/Europe/Amsterdam",
    "zone.tab",
    "iso3166.tab",
    "tzdata.zi",
    "Europe/Amsterdam\x00",
    "Mars/Olympus_Mons",
]


def test_a_zone_name_is_one_available_timezones_lists() -> None:
    """Every name ``zoneinfo.available_timezones()`` lists but "localtime" and
    "Factory" is a zone, and the names it does not list are not."""
    listed = zoneinfo.available_timezones()
    assert listed, "this machine has no time zone data to compare with"
    for name in sorted(listed):
        assert _scalars._is_zone(name) is (name not in {"localtime", "Factory"}), name
    for name in NOT_ZONES:
        assert _scalars._is_zone(name) is (name in listed - {"localtime", "Factory"})


def test_reading_a_zone_takes_a_listed_name_and_refuses_the_others() -> None:
    amsterdam = _scalars.read_timezone("Europe/Amsterdam", None)
    assert amsterdam == zoneinfo.ZoneInfo("Europe/Amsterdam")
    for name in ("posixrules", "right/UTC", "localtime", "Nowhere/Atlantis"):
        with pytest.raises(InvalidJsonError, match="is not an IANA time zone name"):
            _scalars.read_timezone(name, None)


RATES = files("commercekit.tax").joinpath("_data/rates")


def test_every_bundled_rate_table_is_read_and_checked() -> None:
    """Each bundled table, read on first use, holds the rows the same text gives when
    passed as a caller's table (read and checked at once), and only its own."""
    texts = {
        entry.name.removesuffix(".csv"): entry.read_text("utf-8")
        for entry in RATES.iterdir()
        if entry.name.endswith(".csv")
    }
    bundled, given = BundledRates(), BundledRates(texts)
    assert bundled.jurisdictions() == given.jurisdictions() == tuple(sorted(texts))
    for code in bundled.jurisdictions():
        assert code in bundled.rows
        assert bundled.rows[code] == given.rows[code]
        assert {rate.jurisdiction for rate in bundled.rows[code]} == {code}
    assert dict(bundled.rows) == dict(given.rows)
    assert "XX" not in bundled.rows


def test_a_fault_in_a_bundled_table_is_refused_when_it_is_first_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A broken bundled file is a DataFileError naming its file, line and column, raised
    by the first lookup that reads it (the other tables still answer)."""
    broken = tmp_path / "FI.csv"
    good = RATES.joinpath("DE.csv")
    broken.write_text(
        RATES.joinpath("FI.csv").read_text("utf-8").replace(",25.5,", ",25.5%,"), "utf-8"
    )
    monkeypatch.setattr(_rates, "_bundled_tables", lambda: {"DE": good, "FI": broken})
    rates = BundledRates()
    assert rates.rate_for("DE", "books", on=date(2026, 6, 1)).rate == Decimal(7)
    with pytest.raises(DataFileError, match=r"FI\.csv.* line \d+.*'rate'") as refused:
        rates.rate_for("FI", "standard", on=date(2026, 6, 1))
    assert not isinstance(refused.value, InvalidRateTableError)


EXAMPLE = str(
    Path(__file__).resolve().parent.parent
    / "src/commercekit/examples/nl-to-de-consumer.json"
)


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("request_file", [EXAMPLE, "no-such-request.json"])
def test_a_quote_leaves_the_garbage_collector_as_it_found_it(
    enabled: bool, request_file: str
) -> None:
    """``commercekit quote`` pauses the cyclic collector while it runs (done or
    refused) and leaves it on or off as it was."""
    (gc.enable if enabled else gc.disable)()
    try:
        status = main(["quote", request_file], out=io.StringIO())
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert status == (0 if request_file == EXAMPLE else 2)
