"""Special territories: inside a member state, outside the EU VAT area (or half in it).

Article 6 of the VAT Directive (2006/112/EC) lists places that belong to a member state
but where EU VAT does not apply: a shop selling to the Canary Islands charges no Spanish
VAT; one selling to Büsingen charges Swiss VAT. Northern Ireland is the reverse case: in
the United Kingdom, but inside EU VAT rules for goods.

An address is matched by its ISO 3166-2 subdivision, its own ISO 3166-1 code where it
has one (``GP`` for Guadeloupe), or its postcode. The bundled table
(``_data/territories.csv``) cites the legal basis and a source for each.
"""

from __future__ import annotations

import functools
import re
from datetime import date

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import MissingDataError, UnknownCountryError
from commercekit.regions import _fields as fields
from commercekit.regions._eu import check_country, check_day
from commercekit.regions._iso import iso_subdivisions

__all__ = ["Territory", "locate", "special_territory"]


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class Territory(_bundled.Sourced):
    """A territory whose VAT or customs status differs from its country's.

    ``code`` is its ISO 3166-2 code where one exists (``ES-CN``), else country and name
    (``DE-HELGOLAND``).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    code: str = attrs.field(converter=fields.name)
    name: str = attrs.field(converter=fields.name)
    country: str = attrs.field(converter=fields.country)
    subdivision: str | None = attrs.field(converter=fields.optional_name)
    iso_alpha2: str | None = attrs.field(converter=fields.optional_country)
    postcodes: tuple[str, ...] = attrs.field(converter=fields.names)
    in_eu_vat_area: bool = attrs.field(converter=fields.yes_no)
    in_eu_customs_territory: bool = attrs.field(converter=fields.yes_no)
    eu_treaties_apply: bool | None = attrs.field(converter=fields.optional_yes_no)
    """Whether the EU Treaties, and so EU law beyond VAT and customs (consumer rights),
    apply there (TFEU Art. 355): ``False`` in the overseas countries and territories,
    ``None`` where the sources read do not settle it (Clipperton)."""
    vat_of: str = attrs.field(converter=fields.area)
    """Whose VAT applies there: the territory's own code, or another's (``CH``)."""
    customs_of: str = attrs.field(converter=fields.area)
    """The customs territory it is in: ``EU``, another's (``CH``) or its own code."""
    since: date = attrs.field(converter=fields.a_day)
    until: date | None = attrs.field(converter=fields.optional_day)
    tax_instead: str = attrs.field(converter=fields.name)
    legal_basis: str = attrs.field(converter=fields.name)
    sources: tuple[str, ...] = attrs.field(converter=_bundled.source_list)
    """Its official sources, the primary one first (``source``)."""
    note: str = attrs.field(converter=fields.note)

    def __attrs_post_init__(self) -> None:
        fields.inside(self.subdivision, self.country)

    def covers(self, on: date) -> bool:
        """Whether this row is in force on ``on``."""
        on = check_day(on)
        return self.since <= on and (self.until is None or on <= self.until)

    def matches_postcode(self, postcode: str, *, exact: bool) -> bool:
        """Whether ``postcode`` (spaces ignored) is one of the territory's exact codes
        (``exact=True``) or starts with one of its prefixes (``exact=False``)."""
        compact = fields.postcode(postcode).replace(" ", "").upper()
        if fields.yes_no(exact, "exact"):
            return compact in self.postcodes
        return any(
            compact.startswith(pattern[:-1])
            for pattern in self.postcodes
            if pattern.endswith("*")
        )

    def explain(self) -> str:
        """Why a sale here is treated as it is, in one sentence, with the source."""
        where = (
            "inside the EU VAT rules for goods"
            if self.in_eu_vat_area
            else "outside the EU VAT area"
        )
        return (
            f"{self.name} ({self.code}) is part of {self.country} but {where} "
            f"({self.legal_basis}); {self.tax_instead}. Source: {' '.join(self.sources)}"
        )


_COLUMNS = (
    *("territory", "name", "country", "subdivision", "iso_alpha2", "postcodes"),
    *("in_eu_vat_area", "in_eu_customs_territory", "eu_treaties_apply", "vat_of"),
    *("customs_of", "since"),
    *("until", "tax_instead", "legal_basis", "source", "note"),
)


def _row(line: _bundled.Line) -> Territory:
    return line.build(
        Territory,
        code=line.text("territory"),
        name=line.text("name"),
        country=line.text("country"),
        subdivision=line.optional_text("subdivision"),
        iso_alpha2=line.optional_text("iso_alpha2"),
        postcodes=line.words("postcodes"),
        in_eu_vat_area=line.flag("in_eu_vat_area"),
        in_eu_customs_territory=line.flag("in_eu_customs_territory"),
        eu_treaties_apply=(
            line.flag("eu_treaties_apply") if line.cells["eu_treaties_apply"] else None
        ),
        vat_of=line.text("vat_of"),
        customs_of=line.text("customs_of"),
        since=line.day("since"),
        until=line.optional_day("until"),
        tax_instead=line.text("tax_instead"),
        legal_basis=line.text("legal_basis"),
        sources=line.sources(),
        note=line.raw("note"),
    )


@functools.cache
def _read() -> tuple[Territory, ...]:
    lines = _bundled.read("commercekit.regions", "territories.csv", columns=_COLUMNS)
    rows = [(line, _row(line)) for line in lines]
    _bundled.check_periods((line, row.code, row.since, row.until) for line, row in rows)
    return tuple(row for _, row in rows)


@functools.cache
def _by_code() -> dict[str, list[Territory]]:
    """The territories by each code that names them."""
    found: dict[str, list[Territory]] = {}
    for territory in _read():
        aliases = {territory.code, territory.subdivision, territory.iso_alpha2}
        if territory.iso_alpha2:  # older ISO 3166-2 editions: FR-GP for FR-971
            aliases.add(f"{territory.country}-{territory.iso_alpha2}")
        for key in aliases:
            if key:
                found.setdefault(key, []).append(territory)
    return found


def check_subdivision(country: str, code: object) -> str:
    """``code`` as an upper-case ISO 3166-2 subdivision of ``country`` (or an older code
    the territory table knows, ``FR-GP`` for Guadeloupe), or an error saying what to give.

    Examples:
        >>> check_subdivision("ES", "es-cn")
        'ES-CN'
        >>> check_subdivision("FR", "PT-30")
        Traceback (most recent call last):
        ...
        commercekit.errors.UnknownCountryError: 'PT-30' is not an ISO 3166-2 subdivision ...
        >>> check_subdivision("CA", "CA-XX")
        Traceback (most recent call last):
        ...
        commercekit.errors.UnknownCountryError: 'CA-XX' is not ... CA-AB, ... CA-YT, or none
    """
    country = "XI" if country == "XI" else check_country(country)  # XI: Northern Ireland
    if not isinstance(code, str) or not code.strip() or len(code) > 16:
        raise UnknownCountryError(
            code, "is not a subdivision code; give it as text, or None"
        )
    found = code.strip().upper()
    if not _subdivision_of("GB" if country == "XI" else country, found):
        raise UnknownCountryError(code, _not_one_of(country))
    return found


def check_area(code: str) -> str:
    """``code`` (a validated name) as a VAT or customs area: ``EU``, ``XI``, a country,
    a territory's own code (``DE-HELGOLAND``) or a subdivision of its country."""
    if "-" in code and code not in _by_code():
        check_subdivision(code[:2], code)
    return code


_LISTED_UP_TO = 60
"""A country with more subdivisions than this (FR, GB) is named by where its list is."""


@functools.cache
def _not_one_of(country: str) -> str:
    """Why a code is no subdivision of ``country``, naming the codes it has."""
    import pycountry  # noqa: PLC0415  # loaded by the first code asked about

    of = "GB" if country == "XI" else country
    codes = sorted(
        row.code
        for row in pycountry.subdivisions.get(country_code=of) or ()  # type: ignore[no-untyped-call]
    )
    said = f"is not an ISO 3166-2 subdivision of {country}"
    if not codes:
        return f"{said}, which has none; give no subdivision"
    if len(codes) <= _LISTED_UP_TO:
        return f"{said}; give one of {', '.join(codes)}, or none"
    return (
        f"{said}; give one of its {len(codes)} codes (such as {', '.join(codes[:3])}), "
        f"listed in ISO 3166-2:{of} (https://www.iso.org/obp/ui/#iso:code:3166:{of}), "
        "or none"
    )


@functools.cache
def _subdivision_of(country: str, code: str) -> bool:
    rows = _by_code().get(code)
    if rows and any(row.country == country for row in rows):
        return True
    return iso_subdivisions().get(code.lower()) == country


_ITS_COUNTRY_BEFORE = frozenset({"GB-NIR"})
"""Territories that were simply part of their country before their first row: Northern
Ireland was the United Kingdom, for VAT and customs as Great Britain, until the Protocol
applied from 2021-01-01 (Withdrawal Agreement Art. 185). Every other territory's rows
cover the periods the data knows, and a day outside them is refused, never answered as
its country (New Caledonia was outside the EU VAT area before 1995 too)."""


def _in_force(rows: list[Territory] | None, on: date | None) -> Territory | None:
    """The row in force on ``on``; the latest row when no date is given.

    Raises ``MissingDataError`` when ``rows`` exist but none covers ``on``: the place
    has a status of its own the data does not cover that day.
    """
    if not rows:
        return None
    if on is None:
        return max(rows, key=lambda row: row.since)
    found = next((row for row in rows if row.covers(on)), None)
    if found is None and rows[0].code not in _ITS_COUNTRY_BEFORE:
        raise _uncovered(rows, on)
    return found


def _uncovered(rows: list[Territory], on: date) -> MissingDataError:
    periods = ", ".join(
        f"{row.since.isoformat()} to {row.until.isoformat() if row.until else 'now'}"
        for row in sorted(rows, key=lambda row: row.since)
    )
    first = rows[0]
    return MissingDataError(
        f"the status of {first.name} ({first.code}) on {on.isoformat()}",
        f"the bundled data covers {periods}, and outside those periods the place is "
        f"not answered as {first.country}: ask for a day inside them",
    )


@context_free
def special_territory(code: str, *, on: date | None = None) -> Territory | None:
    """The special territory a code names (``ES-CN``, ``FI-01``, ``GP``), if any.

    With ``on``, the row in force that day (Campione d'Italia moved from the Swiss to
    the EU customs territory on 2020-01-01); without it, the latest row. A day none of
    the territory's rows covers raises ``MissingDataError``.

    Examples:
        >>> special_territory("ES-CN").in_eu_vat_area
        False
        >>> special_territory("IT-CAMPIONE", on=date(2019, 12, 31)).customs_of
        'CH'
        >>> special_territory("IT-CAMPIONE", on=date(2020, 1, 1)).customs_of
        'EU'
        >>> special_territory("DE-BY") is None
        True
    """
    if not isinstance(code, str) or not code.strip():
        raise UnknownCountryError(
            code, "is not a territory code; give it as text ('ES-CN')"
        )
    return _in_force(_by_code().get(code.upper()), None if on is None else check_day(on))


@context_free
def locate(
    country: str,
    *,
    subdivision: str | None = None,
    postcode: str | None = None,
    on: date | None = None,
) -> Territory | None:
    """The special territory an address falls in, or ``None`` for the ordinary country.

    ``subdivision`` is an ISO 3166-2 code (``ES-CN``); ``postcode`` the address's postal
    code. A country code that is itself a territory's code (``GP``, ``AX``) matches too.
    With ``on``, only rows in force that day match; an address a row names (by code,
    subdivision or postcode) on a day no row of that territory covers raises
    ``MissingDataError`` rather than being answered as its country.

    Examples:
        >>> locate("DE", postcode="27498").code
        'DE-HELGOLAND'
        >>> locate("FR", subdivision="FR-974").name
        'Réunion'
        >>> locate("GP").name
        'Guadeloupe'
        >>> locate("GB", postcode="BT1 1AA", on=date(2020, 12, 31)) is None
        True
    """
    code = check_country(country)
    on = None if on is None else check_day(on)
    if subdivision is not None:
        subdivision = check_subdivision(code, subdivision)
    if postcode is not None:
        postcode = _of_country(code, fields.postcode(postcode))
    found = _in_force(_by_code().get(code), on)
    if found is not None:
        return found
    if subdivision is not None:
        rows = [row for row in _by_code().get(subdivision, ()) if row.country == code]
        found = _in_force(rows, on)
        if found is not None:
            return found
    if postcode is not None:
        for exact in (True, False):  # 97150 is Saint-Martin before 971* is Guadeloupe
            rows = [
                territory
                for territory in _read()
                if territory.country == code
                and territory.matches_postcode(postcode, exact=exact)
            ]
            if rows:
                return _in_force(_by_code()[rows[0].code], on)
    return None


_FIVE_FIGURES = frozenset({"DE", "ES", "FR", "GR", "IT"})
"""The countries whose special territories a postcode decides and whose postcodes are
five figures (EU Interinstitutional Style Guide 9.1.5, "Addresses in the Member States:
specific characteristics": Germany, Spain, France, Italy "5 figures"; Greece "5
figures", a space between the third and fourth)."""


def _of_country(country: str, postcode: str) -> str:
    """``postcode``, refused where ``country`` places territories by postcode and it is
    not five figures: a typo (``7826``) or a prefix (``D-78266``) would otherwise be
    taken as the mainland, and its VAT charged."""
    if country in _FIVE_FIGURES and not re.fullmatch(r"\d{5}", postcode.replace(" ", "")):
        raise UnknownCountryError(
            postcode,
            f"is not a postcode of {country}: its postcodes are five figures, without "
            "a country prefix (such as '10115'), and some of them place the address "
            "outside the EU VAT area",
            field="postcode",
        )
    return postcode
