"""The bundled data files: a broken cell is refused with its place, and every table holds.

Each malformed file below breaks one thing; the error must name the file, the line and
the column. Then every bundled table read through the shared loader is checked: each
row has a source (an https address or a named official document), ``since <= until``,
and no two rows for one key overlap in time.
"""

from __future__ import annotations

import csv
import enum
from datetime import date
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit import _bundled
from commercekit.errors import (
    CommerceKitError,
    DataFileError,
    InvalidAmountError,
    InvalidRateTableError,
)
from commercekit.money._cash import _read_rules as read_cash
from commercekit.payments import example_providers, example_schedule
from commercekit.payments._interchange import _read as read_interchange
from commercekit.payments._surcharge import rules as read_surcharge
from commercekit.regions._eea import _read as read_eea
from commercekit.regions._eu import memberships as read_eu
from commercekit.regions._places import _read_shared as read_places
from commercekit.regions._rate_regions import _read as read_rate_regions
from commercekit.regions._territories import _read as read_territories
from commercekit.shipping._customs import _read_customs
from commercekit.shipping._de_minimis import _read_de_minimis
from commercekit.tax import BUNDLED, BundledRates
from commercekit.tax._in_facts import rows_table as _fact_rows
from commercekit.tax._in_headings import rows_table as _heading_rows
from commercekit.tax._in_operator import _rows as _operator_rows
from commercekit.tax._rate_table import read_file
from commercekit.tax._thresholds import _read as read_thresholds

CASH_RULES = read_cash()
THRESHOLDS = read_thresholds()
RATE_REGIONS = read_rate_regions()
_SHARED = read_places()
TERRITORIES = read_territories()
EEA = read_eea()
MEMBERSHIPS = read_eu()
SURCHARGE_RULES = read_surcharge()
CAPS = read_interchange()

HEADER = "# a comment\nkey,kind,amount,since,until,source\n"
GOOD = "A,duty,1.5,2021-01-01,2021-12-31,https://example.org/law\n"


class Kind(enum.StrEnum):
    DUTY = "duty"
    TAX = "tax"


def load(text: str) -> list[tuple[str, Kind, object, date, date | None, tuple[str, ...]]]:
    columns = ("key", "kind", "amount", "since", "until", "source")
    lines = _bundled.lines_of("test.csv", text, columns=columns)
    rows = [
        (
            line,
            (
                line.text("key"),
                line.choice("kind", Kind),
                line.decimal("amount"),
                line.day("since"),
                line.optional_day("until"),
                line.sources(),
            ),
        )
        for line in lines
    ]
    _bundled.check_periods((line, row[0], row[3], row[4]) for line, row in rows)
    return [row for _, row in rows]


def test_a_good_file_is_read_with_its_types() -> None:
    [row] = load(HEADER + GOOD)
    assert row[1] is Kind.DUTY
    assert row[3:5] == (date(2021, 1, 1), date(2021, 12, 31))
    assert row[5] == ("https://example.org/law",)


@pytest.mark.parametrize(
    ("row", "column", "says"),
    [
        ("A,duty,1.5,2021-13-01,,https://e.org/x", "since", "is not a date"),
        ("A,duty,1.5,1 July 2021,,https://e.org/x", "since", "is not a date"),
        ("A,duty,abc,2021-01-01,,https://e.org/x", "amount", "is not a decimal"),
        ("A,duty,1e3,2021-01-01,,https://e.org/x", "amount", "is not a decimal"),
        ("A,levy,1,2021-01-01,,https://e.org/x", "kind", "is not one of 'duty', 'tax'"),
        ("A,duty,1,2021-01-01,,", "source", "names no source"),
        ("A,duty,1,2021-01-01,,see the law", "source", "is not a source address"),
        ("A,duty,1,2021-01-01,2020-12-31,https://e.org/x", "until", "is before since"),
    ],
)
def test_a_bad_cell_is_refused_with_file_line_and_column(
    row: str, column: str, says: str
) -> None:
    with pytest.raises(DataFileError) as raised:
        load(HEADER + GOOD + row + "\n")
    message = str(raised.value)
    assert message.startswith(f"test.csv line 4, column {column!r}: "), message
    assert says in message
    error = raised.value
    assert (error.file, error.line, error.column) == ("test.csv", 4, column)
    assert isinstance(error, ValueError)


def test_a_missing_column_is_refused_with_the_header_line() -> None:
    with pytest.raises(
        DataFileError, match=r"test\.csv line 2, column 'until': is missing"
    ) as raised:
        load("# a comment\nkey,kind,amount,since,source\n")
    assert (raised.value.line, raised.value.column) == (2, "until")


def test_a_row_with_a_cell_too_many_names_its_line() -> None:
    with pytest.raises(DataFileError, match=r"test\.csv line 3: has 7 cells") as raised:
        load(HEADER + "A,duty,1,5,2021-01-01,,https://e.org/x\n")
    assert (raised.value.file, raised.value.line, raised.value.column) == (
        "test.csv",
        3,
        None,
    )


def test_overlapping_periods_are_refused_at_the_later_row() -> None:
    later = "A,tax,2,2021-06-01,,https://example.org/law\n"
    with pytest.raises(CommerceKitError) as raised:
        load(HEADER + GOOD + later)
    message = str(raised.value)
    assert message.startswith("test.csv line 4, column 'since': '2021-06-01'"), message
    assert "overlaps line 3 (2021-01-01..2021-12-31)" in message
    load(HEADER + GOOD + later.replace("A,", "B,"))  # another key: no overlap


def test_a_value_object_refusal_names_the_line() -> None:
    line = _bundled.lines_of("test.csv", HEADER + GOOD, columns=())[0]

    def refuse(**_: object) -> None:
        raise CommerceKitError("no")

    with pytest.raises(DataFileError, match=r"^test\.csv line 3: no$") as raised:
        line.build(refuse)
    assert isinstance(raised.value.__cause__, CommerceKitError)


def is_source(text: str) -> bool:
    """An https address, or a named official document (not a bare word)."""
    return text.startswith("https://") or (not text.startswith("http") and " " in text)


def dated_tables() -> dict[str, list[tuple[object, date | None, date | None, list[str]]]]:
    """Every bundled table as (key, since, until, sources) rows."""
    return {
        "thresholds.csv": [
            (key, t.since, t.until, list(t.sources))
            for key, rows in THRESHOLDS.items()
            for t in rows
        ],
        "de_minimis.csv": [
            (
                (r.destination, r.kind, r.origins, r.shipped_from, r.channel, r.scheme),
                r.since,
                r.until,
                list(r.sources),
            )
            for r in _read_de_minimis()
        ],
        "customs.csv": [
            (r.destination, r.since, r.until, list(r.sources)) for r in _read_customs()
        ],
        "in_by_fact.csv": [
            (
                (r.category, r.low, r.fact),
                r.rate.since,
                r.rate.until,
                r.rate.source.split(),
            )
            for rows in _fact_rows().values()
            for r in rows
        ],
        "in_by_heading.csv": [
            ((category, heading, r.tax), r.since, r.until, r.source.split())
            for category, rows in _heading_rows().items()
            for heading, r in rows
        ],
        "in_operator.csv": [
            (r.service, r.since, r.until, list(r.sources)) for r in _operator_rows()
        ],
        "territories.csv": [
            (t.code, t.since, t.until, list(t.sources)) for t in TERRITORIES
        ],
        "shared_areas.csv": [(a.place, a.since, a.until, list(a.sources)) for a in _SHARED],
        "rate_regions.csv": [(r.code, r.since, r.until, [r.source]) for r in RATE_REGIONS],
        "cash_rounding.csv": [
            (key, r.since, r.until, [r.source])
            for key, rows in CASH_RULES.items()
            for r in rows
        ],
        "eu_members.csv": [
            (m.country, m.joined, m.left, ["(no source column)"])
            for m in MEMBERSHIPS.values()
        ],
        "eea.csv": [(m.country, m.joined, m.left, list(m.sources)) for m in EEA.values()],
        "interchange_caps.csv": [
            ((r.regime, r.card_type), r.since, r.until, list(r.sources)) for r in CAPS
        ],
        "surcharge_rules.csv": [
            ((r.jurisdiction, r.instrument, r.buyer), r.since, r.until, list(r.sources))
            for r in SURCHARGE_RULES
        ],
        "fees.csv": [
            (
                (r.provider, r.merchant_country, r.method, r.card_type, r.card_origin),
                r.since,
                r.until,
                list(r.sources),
            )
            for provider in example_providers()
            for r in example_schedule(provider).rows
        ],
    }


@pytest.mark.parametrize("name", sorted(dated_tables()))
def test_every_bundled_table_is_dated_sourced_and_without_overlaps(name: str) -> None:
    rows = dated_tables()[name]
    assert rows, f"{name} is empty"
    by_key: dict[object, list[tuple[date, date]]] = {}
    for key, since, until, sources in rows:
        if name != "eu_members.csv":
            assert any(is_source(source) for source in sources), f"{name} {key}: {sources}"
        assert since is not None, f"{name} {key}: no start date"
        end = until or date.max
        assert since <= end, f"{name} {key}: {since} after {until}"
        for start, other_end in by_key.setdefault(key, []):
            assert end < start or other_end < since, f"{name} {key}: periods overlap"
        by_key[key].append((since, end))


RATES_HEADER = "# Finland (FI): a comment\n# Checked: 2026-11-26.\n" + ",".join(
    ("tax", "category", "kind", "rate", "since", "until", "source", "note")
)
RATE_ROW = "VAT,standard,standard,25.5,2024-09-01,,https://vero.fi/x,General rate"


@pytest.mark.parametrize(
    ("row", "column", "says"),
    [
        (
            "VAT,standard,standard,25.5,2024-09-31,,https://vero.fi/x,",
            "since",
            "not a date",
        ),
        ("VAT,standard,standard,25.5,2024-09-01,soon,https://vero.fi/x,", "until", "date"),
        ("VAT,standard,standard,25,5,2024-09-01,,https://vero.fi/x,", None, "9 cells"),
        ("VAT,standard,standard,abc,2024-09-01,,https://vero.fi/x,", "rate", "decimal"),
    ],
)
def test_a_malformed_rate_file_names_file_line_and_column(
    row: str, column: str | None, says: str
) -> None:
    """Rate tables are read by the shared loader too; the line counts the comments."""
    with pytest.raises(DataFileError) as raised:
        BundledRates({"FI": f"{RATES_HEADER}\n{row}\n"})
    error = raised.value
    assert (error.file, error.line, error.column) == ("tables['FI']", 4, column)
    assert str(error).startswith(error.where + ": ")
    assert says in str(error)


def test_a_rate_file_missing_a_column_names_the_header_line() -> None:
    with pytest.raises(DataFileError, match=r"^tables\['FI'\] line 3, column 'note'"):
        BundledRates({"FI": RATES_HEADER.removesuffix(",note") + "\n"})


@pytest.mark.parametrize(
    ("row", "column", "says", "cause"),
    [
        (RATE_ROW.replace("25.5", "-25.5"), "rate", "negative rate", InvalidAmountError),
        (RATE_ROW.replace("standard,25", "standrd,25"), "kind", "not a rate kind", None),
        (RATE_ROW.replace("VAT,standard", "VAT,stndard"), "category", "tax category", None),
        (RATE_ROW.replace(",,", ",2024-01-01,"), "until", "ends before the rate", None),
        (RATE_ROW.replace("https://vero.fi/x", ""), "source", "is empty", None),
        (RATE_ROW.replace("VAT,", ",", 1), "tax", "is empty", None),
    ],
)
def test_a_value_a_rate_refuses_names_table_line_and_column(
    row: str, column: str, says: str, cause: type[Exception] | None
) -> None:
    """A value the rate refuses is an InvalidRateTableError naming the place, the
    rate's own error as its cause and its message as the reason."""
    with pytest.raises(InvalidRateTableError) as raised:
        BundledRates({"FI": f"{RATES_HEADER}\n{RATE_ROW.replace('25.5', '24')}\n{row}\n"})
    error = raised.value
    assert (error.file, error.line, error.column) == ("tables['FI']", 5, column)
    assert isinstance(error, InvalidAmountError)
    assert isinstance(error.__cause__, CommerceKitError)
    assert not isinstance(error.__cause__, DataFileError)
    assert str(error.__cause__) in error.reason
    assert says in str(error)
    if cause is not None:
        assert type(error.__cause__) is cause
    with pytest.raises(DataFileError) as bundled:  # a bundled file: the same place
        read_file("FI.csv", "FI", f"{RATES_HEADER}\n{row}\n")
    assert (bundled.value.line, bundled.value.column) == (4, column)
    assert not isinstance(bundled.value, InvalidRateTableError)


def test_a_rate_table_without_a_standard_rate_is_refused_naming_the_table() -> None:
    """The fallback of every category is the standard rate: a table without one was a
    bare ValueError (min() of nothing) at the first lookup."""
    food = "VAT,food,reduced,11,2020-01-01,,https://x.is,"
    with pytest.raises(InvalidRateTableError, match=r"^tables\['IS'\], column 'categ"):
        BundledRates(tables={"IS": f"{RATES_HEADER}\n{food}\n"})
    with pytest.raises(DataFileError, match="no 'standard' row for PST"):
        read_file("IS.csv", "IS", f"{RATES_HEADER}\n{RATE_ROW}\n{food}\nPST{food[3:]}\n")


def test_overlapping_rates_are_refused_per_tax_and_category() -> None:
    later = RATE_ROW.replace("2024-09-01", "2025-01-01")
    with pytest.raises(InvalidRateTableError) as raised:
        BundledRates({"FI": f"{RATES_HEADER}\n{RATE_ROW}\n{later}\n"})
    assert (raised.value.line, raised.value.column) == (5, "since")
    assert str(raised.value).endswith("overlaps line 4 (2024-09-01..open) for VAT standard")
    food = later.replace("standard,standard", "food,reduced")
    other_tax = later.replace("VAT", "PST")
    BundledRates({"FI": f"{RATES_HEADER}\n{RATE_ROW}\n{food}\n{other_tax}\n"})


def test_an_overlap_names_its_key_in_plain_text() -> None:
    class Rule(enum.StrEnum):
        REGISTRATION = "registration_threshold"

    lines = _bundled.lines_of("t.csv", HEADER + GOOD + GOOD, columns=())
    with pytest.raises(DataFileError) as raised:
        _bundled.check_periods(
            (line, ("IS", Rule.REGISTRATION), date(2021, 1, 1), None) for line in lines
        )
    assert str(raised.value).endswith("for IS registration_threshold")
    assert "<" not in str(raised.value)


def test_a_quote_left_open_is_refused_instead_of_swallowing_the_rows_after_it() -> None:
    stray = 'A,duty,1,2021-01-01,,"https://e.org/x\n'
    text = HEADER + GOOD.replace("A,", "B,") + stray + GOOD + GOOD.replace("A,", "C,")
    with pytest.raises(DataFileError) as raised:
        load(text)
    error = raised.value
    assert (error.file, error.line, error.column) == ("test.csv", 4, "source")
    assert "does not close on this line" in error.reason
    with pytest.raises(DataFileError, match="line 3, column 'kind': has text after"):
        load(HEADER + 'A,"duty"x,1,2021-01-01,,https://e.org/x\n')


def test_a_quoted_note_keeps_form_feeds_and_line_separators() -> None:
    """Lines end at \\n (or \\r\\n) only; other line breaks belong to the cell."""
    columns = ("key", "note")
    text = 'key,note\r\nA,"one\u2028two\x0cthree\x1cfour\x85five"\r\nB,x\r\n'
    rows = _bundled.lines_of("t.csv", text, columns=columns)
    assert [row.raw("note") for row in rows] == [
        "one\u2028two\x0cthree\x1cfour\x85five",
        "x",
    ]
    assert [row.number for row in rows] == [2, 3]


@given(st.text(st.characters(exclude_characters='"\r\n\0'), max_size=40))
def test_a_line_without_quotes_has_the_cells_the_csv_module_reads(line: str) -> None:
    """A line that quotes nothing (and holds no carriage return or NUL) is read as the
    ``csv`` module reads it, commas, spaces and other line breaks (``\\x0c``,
    ``\\u2028``) included, without making a reader for it."""
    assert _bundled._cells("t.csv", 2, line, ()) == next(csv.reader([line]), [])


def test_a_byte_order_mark_before_the_header_is_dropped() -> None:
    """Excel writes one; it made the first column 'missing' while showing nothing."""
    rates = BundledRates({"FI": "\ufeff" + RATES_HEADER.split("\n")[-1] + "\n" + RATE_ROW})
    assert rates.rows["FI"][0].tax == "VAT"
    [row] = load("\ufeff" + HEADER.removeprefix("# a comment\n") + GOOD)
    assert row[0] == "A"


def test_the_bundled_rate_files_are_named_by_file() -> None:
    assert BUNDLED.rows["FI"][0].jurisdiction == "FI"
    with pytest.raises(DataFileError, match=r"^FI\.csv line 4, column 'since'"):
        read_file("FI.csv", "FI", f"{RATES_HEADER}\n{RATE_ROW.replace('09-01', '9-1')}\n")


def test_a_callers_rate_table_that_cannot_be_read_is_still_an_invalid_amount() -> None:
    """BundledRates(tables=...) refused a malformed table with InvalidAmountError before
    the tables shared one reader: it still does, and names table, line and column."""
    from commercekit.errors import (  # noqa: PLC0415
        DataFileError,
        InvalidAmountError,
        InvalidRateTableError,
    )
    from commercekit.tax import BundledRates  # noqa: PLC0415

    text = "tax,category,kind,rate,since,until,source,note\n"
    text += "VAT,standard,standard,abc,2024-09-01,,https://vero.fi,\n"
    with pytest.raises(InvalidRateTableError) as refused:
        BundledRates({"FI": text})
    assert isinstance(refused.value, InvalidAmountError)
    assert isinstance(refused.value, DataFileError)
    found = refused.value
    assert (found.file, found.line, found.column) == ("tables['FI']", 2, "rate")
    assert "'abc' is not a decimal" in str(found)


# The official domains a bundled row's primary source may be on: governments,
# legislatures, tax and customs authorities, official journals and law databases, and
# central banks (for cash rounding). A host matches a domain or any subdomain of it.
OFFICIAL = frozenset(
    (
        # International and the EU
        "europa.eu",
        # United Kingdom, Switzerland, Norway
        *("gov.uk", "admin.ch", "ch.ch", "skatteetaten.no", "lovdata.no", "toll.no"),
        *("regjeringen.no", "stortinget.no"),
        # Invest Northern Ireland's official business channel
        "nibusinessinfo.co.uk",
        # Australia, New Zealand, Singapore, Japan, the United States
        *("gov.au", "govt.nz", "gov.sg", "go.jp", "gov"),
        # US state revenue departments outside .gov: Florida's, Minnesota's state.mn.us;
        # the Louisiana Legislative Auditor's app.lla.state.la.us
        *("floridarevenue.com", "state.mn.us", "lla.state.la.us"),
        # Canada and its provinces
        *("canada.ca", "gc.ca", "revenuquebec.ca", "ontario.ca", "gov.bc.ca"),
        *("gov.mb.ca", "gov.nl.ca", "gov.sk.ca", "novascotia.ca"),
        # EU member states: tax authorities, official journals, law databases
        *("gv.at", "belgium.be", "fgov.be", "e-sbirka.cz", "cnb.cz"),
        *("gesetze-im-internet.de", "skat.dk", "riigiteataja.ee", "riigikogu.ee"),
        *("boe.es", "gob.es", "vero.fi", "finlex.fi", "eduskunta.fi", "gouv.fr"),
        *("aade.gr", "mnb.hu", "njt.hu", "revenue.ie"),
        *("normattiva.it", "gazzettaufficiale.it"),
        *("lb.lt", "muitine.lt", "public.lu", "fm.gov.lv", "legislation.mt"),
        *("overheid.nl", "rijksfinancien.nl", "dnb.nl", "gov.pl", "gov.pt", "dre.pt"),
        *("parlamento.pt", "just.ro", "skatteverket.se", "riksdagen.se", "gov.se"),
        *("riksbank.se", "pisrs.si", "slov-lex.sk", "mfsr.sk", "gov.cy"),
        # India: the Government of India (CBIC's GST site, the e-Gazette)
        "gov.in",
        # Greenland's government, the Bank of Israel
        *("nalunaarutit.gl", "boi.org.il"),
        # the UK's Payment Systems Regulator (interchange_caps.csv)
        "psr.org.uk",
    )
)

# Primary sources known not to be official, each still to be replaced by the official
# page (the test below fails once one is gone, so this list only shrinks).
NOT_YET_OFFICIAL = {
    "coinweek.com": "a coin magazine (cash_rounding.csv)",
    "www.droit-bilingue.ch": "a mirror of Fedlex (cash_rounding.csv CHF, SR 941.103.3)",
    "lex.bg": "a commercial law database (BG.csv)",
    "www.zakon.hr": "a private law portal, not Narodne novine (HR.csv)",
}


EXAMPLE_TABLES = {"fees.csv": "payment providers' own published prices"}
"""Tables of labelled examples, not rules: a provider's price list is its own page, so
their rows are held to that instead (``test_example_fee_rows_cite_the_providers_own_pages``)
and stay out of the official-domain check."""

PROVIDER_DOMAINS = {"stripe": "stripe.com", "mollie": "mollie.com"}
"""The domain of each provider whose example schedule is bundled."""


def primary_sources() -> list[tuple[str, object, str]]:
    """(table, key, primary source) of every bundled row, rate files included."""
    found = [
        (name, key, sources[0])
        for name, rows in dated_tables().items()
        if name not in {"eu_members.csv", *EXAMPLE_TABLES}
        for key, _, _, sources in rows
    ]
    found += [
        (f"rates/{code}.csv", (rate.tax, str(rate.category)), rate.source.split()[0])
        for code in BUNDLED.jurisdictions()
        for rate in BUNDLED.rows[code]
    ]
    return found


def official(host: str) -> bool:
    return any(host == domain or host.endswith(f".{domain}") for domain in OFFICIAL)


def test_every_bundled_rows_primary_source_is_official() -> None:
    """The first source of each row is an official page (a government, legislature, tax
    or customs authority, or official journal), not a forum post, a law firm's blog, a
    news site, a mirror of the law or a CMS's back-end host name."""
    unofficial = {}
    for table, key, source in primary_sources():
        host = urlsplit(source).hostname or ""
        assert source.startswith("http") or " " in source, f"{table} {key}: {source}"
        if source.startswith("http") and not official(host):
            unofficial.setdefault(host, []).append(f"{table} {key}")
    new = {host: rows for host, rows in unofficial.items() if host not in NOT_YET_OFFICIAL}
    assert not new, f"primary sources on domains not known to be official: {new}"
    fixed = set(NOT_YET_OFFICIAL) - set(unofficial)
    assert not fixed, f"no longer a primary source, drop from NOT_YET_OFFICIAL: {fixed}"


@pytest.mark.parametrize(
    "source",
    [
        "https://ftoaustralia.com/v3/viewtopic.php?p=371292",
        "https://webiis10.mondaq.com/unitedstates/x",
        "https://www.thelocal.no/20231207/x",
        "https://globalimportblog.bakermckenzie.com/2026/x",
        "https://nzcs02mstr6hdr4prod.dxcloud.episerver.net/personal/duty-and-gst/faqs",
        "https://lawbrary.ch/law/art/MWSTG-v2025.01-de-art-20a/print",
        "https://www.droit-bilingue.ch/de-fr/6/64/641.204-1-4.html",
        "https://notgov.uk/x",
    ],
)
def test_an_unofficial_source_is_not_on_the_allow_list(source: str) -> None:
    assert not official(urlsplit(source).hostname or "")


def test_example_fee_rows_cite_the_providers_own_pages() -> None:
    """A bundled example fee comes from the provider's own published page (its pricing
    page, support or help centre), read on a day at or after the row's start, never from
    a third party's calculator or blog: every source of every row is on the provider's
    domain, and every provider with a schedule is listed here."""
    assert set(example_providers()) == set(PROVIDER_DOMAINS)
    for provider in example_providers():
        domain = PROVIDER_DOMAINS[provider]
        for row in example_schedule(provider).rows:
            for source in row.sources:
                host = urlsplit(source).hostname or ""
                assert host == domain or host.endswith(f".{domain}"), (row, source)
            assert row.read_on >= row.since or row.until is not None, row.describe()
