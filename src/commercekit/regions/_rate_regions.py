"""Rate regions: inside a country's VAT area, but with VAT rates of their own.

Some places are part of their country's VAT area (a sale there is a domestic sale, under
EU VAT rules) and still charge their own rates: the Azores (16 % standard) and Madeira
(22 %) instead of mainland Portugal's 23 %, Corsica its particular 2.1 % on food, books,
hotels and passenger transport instead of France's 5.5 % and 10 %. This module says
which such region an address is in on a given day, from its ISO 3166-2 subdivision or
its postcode; the region's ``code`` names its rate table, so
``tax.rates_for(region.code, category, on=day)`` gives its rates.

Where the rule changes which rate applies: Corsica's rates also reach goods sent from the
mainland (CGI art. 297 I-2), but Portugal taxes a supply at the rates of the place where
its law deems it made (DL 347/85 art. 1(2)), so goods dispatched from Lisbon to Funchal
may carry mainland rates. This module answers where the address is; which place's rates a
given supply takes is the regime decision's question.

Not modelled: the Greek islands with rates cut by 30 % (Lesvos, Chios, Samos, Kos, Leros,
and more islands from 2026-01-01), because their membership is by island and their
postcodes could not be sourced; ``_data/rate_regions.csv`` says what would be needed.

References:
    - https://www.apcmc.pt/?p=34244 (AT Ofício Circulado 25045/2024: rates in force in
      the Azores and Madeira)
    - https://bofip.impots.gouv.fr/bofip/903-PGP.html?identifiant=BOI-TVA-GEO-10-10-20200304
      (BOFiP: the Corsican rates)
    - https://www.ctt.pt/feapl_2/app/open/postalCodeSearch/postalCodeSearch.jspx and
      https://www.data.gouv.fr/fr/datasets/base-officielle-des-codes-postaux/ (postcodes)

Examples:
    >>> from datetime import date, datetime
    >>> rate_region("PT", postcode="9000-018", on=date(2026, 11, 26)).code  # Funchal
    'PT-30'
    >>> rate_region("PT", postcode="9400-164", on=date(2026, 11, 26)).name  # Porto Santo
    'Madeira (Região Autónoma da Madeira)'
    >>> rate_region("fr", subdivision="FR-2B", on=date(2026, 11, 26)).code  # Haute-Corse
    'FR-20R'
    >>> rate_region("PT", postcode="1100-148", on=date(2026, 11, 26)) is None  # Lisbon
    True
    >>> rate_region("PT", postcode="9500-150", on=datetime(2026, 11, 26, 9, 30))
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidAmountDateError: datetime.datetime(2026, 11, 26, 9, 30) ...
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import (
    InputKind,
    InvalidAmountError,
    MissingDataError,
    UnknownCountryError,
)
from commercekit.regions import _fields as fields
from commercekit.regions._eu import check_country, check_day
from commercekit.regions._territories import check_subdivision

__all__ = ["RateRegion", "rate_region"]


def _valid_country(_: object, __: object, value: str) -> None:
    if check_country(value) != value:
        raise UnknownCountryError(value)


def _valid_day(_: object, field: attrs.Attribute[date], value: date) -> None:
    check_day(value, field.name)


def _valid_end(_: object, field: attrs.Attribute[date | None], value: date | None) -> None:
    if value is not None:
        check_day(value, field.name)


def _valid_source(_: object, __: object, value: str) -> None:
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise InvalidAmountError(value, "is not a source URL; cite the law or authority")


def _codes(value: str | Iterable[str], field: str = "") -> tuple[str, ...]:
    """Codes as space-separated text (as in the CSV) or an iterable, upper-cased."""
    items = value.split() if isinstance(value, str) else fields.names(value, field)
    return tuple(item.strip().upper() for item in items)


def _postcode_matches(patterns: tuple[str, ...], postcode: str, *, exact: bool) -> bool:
    """Whether ``postcode`` (spaces ignored) is one of the exact codes in ``patterns``
    (``exact=True``) or starts with one of its prefixes ending in ``*`` (``exact=False``).

    The rule of ``Territory.matches_postcode``; callers try exact codes first, so an
    exact code inside another region's prefix wins.

    Examples:
        >>> _postcode_matches(("90*", "94*"), "9400 164", exact=False)
        True
        >>> _postcode_matches(("90*", "94*"), "9400", exact=True)
        False
    """
    compact = postcode.replace(" ", "").upper()
    if exact:
        return compact in patterns
    return any(compact.startswith(p[:-1]) for p in patterns if p.endswith("*"))


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class RateRegion:
    """A region inside its country's VAT area that charges VAT at rates of its own.

    ``code`` names the region's rate table (its ISO 3166-2 code: ``PT-30``, ``FR-20R``);
    ``subdivisions`` the ISO 3166-2 codes that place an address in it (the region and
    its parts: ``FR-2A``, ``FR-2B``); ``postcodes`` exact codes or prefixes ending in
    ``*``. ``since`` and ``until`` (last day, ``None`` while in force) bound the period
    the region has had rates of its own; ``legal_basis`` and ``source`` say why.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    code: str
    name: str = attrs.field(converter=fields.name)
    country: str = attrs.field(validator=_valid_country)
    subdivisions: tuple[str, ...] = attrs.field(converter=_codes)
    postcodes: tuple[str, ...] = attrs.field(converter=_codes)
    since: date = attrs.field(validator=_valid_day)
    until: date | None = attrs.field(validator=_valid_end)
    legal_basis: str = attrs.field(converter=fields.name)
    source: str = attrs.field(validator=_valid_source)
    note: str = attrs.field(default="", converter=fields.note)

    def __attrs_post_init__(self) -> None:
        for subdivision in self.subdivisions:
            fields.inside(subdivision, self.country)
        if not self.subdivisions and not self.postcodes:
            raise InvalidAmountError.refused(
                "code",
                self.code,
                "has neither subdivisions nor postcodes; give one or both",
                kind=InputKind.PLACE,
            )
        if not isinstance(self.code, str) or not self.code.startswith(f"{self.country}-"):
            raise InvalidAmountError.refused(
                "code",
                self.code,
                f"is not a region of {self.country}; start it with the country",
                kind=InputKind.PLACE,
            )
        if self.until is not None and self.until < self.since:
            raise InvalidAmountError.refused(
                "until",
                self.until,
                f"ends before the region's rates start ({self.since})",
                kind=InputKind.DATE,
            )

    def covers(self, on: date) -> bool:
        """Whether the region has rates of its own on ``on``."""
        on = check_day(on)
        return self.since <= on and (self.until is None or on <= self.until)

    def explain(self) -> str:
        """Why an address here is taxed at the region's rates, with the source.

        Examples:
            >>> print(rate_region("PT", subdivision="PT-20", on=date(2026, 1, 1)).explain())
            Azores (Região Autónoma dos Açores) (PT-20) is inside PT's VAT area but ...
        """
        return (
            f"{self.name} ({self.code}) is inside {self.country}'s VAT area but charges "
            f"rates of its own ({self.legal_basis}); ask the rates of {self.code}. "
            f"Source: {self.source}"
        )


_COLUMNS = (
    *("region", "name", "country", "subdivisions", "postcodes", "since", "until"),
    *("legal_basis", "source", "note"),
)


def _rate_region(line: _bundled.Line) -> RateRegion:
    return line.build(
        RateRegion,
        code=line.text("region"),
        name=line.text("name"),
        country=line.text("country"),
        subdivisions=line.words("subdivisions"),
        postcodes=line.words("postcodes"),
        since=line.day("since"),
        until=line.optional_day("until"),
        legal_basis=line.text("legal_basis"),
        source=line.sources()[0],
        note=line.raw("note"),
    )


@functools.cache
def _read() -> tuple[RateRegion, ...]:
    lines = _bundled.read("commercekit.regions", "rate_regions.csv", columns=_COLUMNS)
    rows = [(line, _rate_region(line)) for line in lines]
    _bundled.check_periods((line, row.code, row.since, row.until) for line, row in rows)
    return tuple(row for _, row in rows)


# Subdivisions where some places charge rates of their own that the data does not model
# (the Greek islands with rates cut by 30 %: Lesvos, Chios, Samos in the North Aegean,
# Kos and Leros in the South Aegean, more small islands of both from 2026-01-01; Rhodes
# and the Cyclades do not): an address given by one of them cannot be rated safely.
_UNMODELLED = {
    "GR-K": "the North Aegean islands (GR-K)",
    "GR-L": "the South Aegean islands (GR-L)",
}


@context_free
def rate_region(
    country: str,
    *,
    subdivision: str | None = None,
    postcode: str | None = None,
    on: date,
) -> RateRegion | None:
    """The rate region an address is in on ``on``, or ``None`` for the ordinary country.

    ``country`` is an ISO 3166-1 alpha-2 code; ``subdivision`` an ISO 3166-2 code
    (``PT-30``, ``FR-2A``); ``postcode`` the address's postal code (``9000-018``,
    ``20000``). A subdivision that names a region decides; otherwise the postcode does.
    A subdivision where some places have rates the data does not model (the Greek
    North and South Aegean islands) raises
    [`MissingDataError`][commercekit.errors.MissingDataError] rather than fall back to
    the mainland's rates.

    Raises [`UnknownCountryError`][commercekit.errors.UnknownCountryError] for a country
    that is not an ISO code, or a subdivision or postcode that is not text, and
    [`InvalidAmountError`][commercekit.errors.InvalidAmountError] for a day that is not a
    ``date`` (a datetime included: rates apply to a day).

    Examples:
        >>> rate_region("PT", subdivision="PT-20", on=date(2026, 11, 26)).code
        'PT-20'
        >>> rate_region("FR", postcode="20000", on=date(2026, 11, 26)).code  # Ajaccio
        'FR-20R'
        >>> rate_region("FR", postcode="20000", on=date(1969, 12, 31)) is None
        True
        >>> rate_region("ES", postcode="35001", on=date(2026, 11, 26)) is None
        True
    """
    code = check_country(country)
    wanted = None if subdivision is None else check_subdivision(code, subdivision)
    where = None if postcode is None else fields.postcode(postcode)
    day = check_day(on)
    unmodelled = _UNMODELLED.get(wanted or "")
    if unmodelled is not None:
        islands = (
            "some of its islands charge reduced rates that commercekit does not bundle "
            "(see regions/_data/rate_regions.csv)"
        )
        raise MissingDataError(
            f"the VAT rates of {unmodelled}",
            f"{islands}; supply them through a TaxRateSource, or give the address "
            "without a subdivision if it is not one of those islands",
            json_how=f"{islands}; give the buyer without a subdivision if the address "
            "is not on one of those islands (a JSON request carries no rates of its "
            "own)",
        )
    regions = [r for r in _read() if r.country == code and r.covers(day)]
    if wanted is not None:
        found = next((r for r in regions if wanted in r.subdivisions), None)
        if found is not None:
            return found
    if where is not None:
        for exact in (True, False):
            for region in regions:
                if _postcode_matches(region.postcodes, where, exact=exact):
                    return region
    return None
