"""Where an address is, as VAT and customs rules see it: the one answer about places.

An address (a country, and where it matters a subdivision or a postcode) lies, on a
given day, in

* a **VAT jurisdiction for goods**: whose VAT applies to goods delivered there (``DE``;
  ``XI`` for Northern Ireland, inside the EU VAT rules for goods; ``CH`` for Büsingen and
  Liechtenstein; ``FR`` for Monaco; ``ES-CN`` for the Canary Islands, outside the EU VAT
  area; ``CA-ON`` for Ontario, whose sales tax depends on the province);
* a **VAT jurisdiction for services** (Northern Ireland is the UK for services: ``GB``);
* the **EU VAT area** or not, for goods and for services;
* a **customs territory** (``EU`` for the Union, the Canary Islands and Monaco; ``GB``
  for the UK, Northern Ireland and the Isle of Man; ``CH`` for Switzerland, Liechtenstein
  and Büsingen; the territory's own code for Ceuta, Heligoland, Livigno …).

Goods crossing between two places pass a customs border when their customs territories
differ, with one exception: under the Windsor Framework the EU's customs rules apply to
goods in Northern Ireland, so goods between the EU and Northern Ireland cross none; and
Northern Ireland is in the UK's customs territory, so goods from Great Britain cross none
either.

Tax, shipping and checkout all ask [`place_of`][commercekit.regions.place_of]; none
answers these questions itself.

References:
    - https://eur-lex.europa.eu/eli/dir/2006/112/oj (VAT Directive, Art. 5-7)
    - https://eur-lex.europa.eu/eli/reg/2013/952/oj (Union Customs Code, Art. 4)
    - https://www.gov.uk/government/publications/the-windsor-framework (Northern Ireland)

Examples:
    >>> from datetime import date
    >>> belfast = place_of("GB", postcode="BT1 5GS", on=date(2026, 11, 26))
    >>> belfast.goods_jurisdiction, belfast.services_jurisdiction, belfast.customs_territory
    ('XI', 'GB', 'GB')
    >>> amsterdam = place_of("NL", on=date(2026, 11, 26))
    >>> customs_border(amsterdam, belfast)
    False
    >>> london = place_of("GB", postcode="SW1A 1AA", on=date(2026, 11, 26))
    >>> customs_border(amsterdam, london)
    True
    >>> place_of("ES", postcode="35001", on=date(2026, 11, 26)).goods_jurisdiction
    'ES-CN'
"""

from __future__ import annotations

import functools
from datetime import date

import attrs

from commercekit import _bundled
from commercekit._inputs import instance, invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import context_free, named_at_the_door
from commercekit._words import with_article
from commercekit.errors import UnknownCountryError
from commercekit.regions import _fields as fields
from commercekit.regions._eu import check_country, check_day, memberships
from commercekit.regions._rate_regions import RateRegion, rate_region
from commercekit.regions._territories import (
    Territory,
    check_area,
    check_subdivision,
    locate,
)

__all__ = ["Place", "check_day", "customs_border", "place_of"]

NORTHERN_IRELAND = "GB-NIR"


@attrs.frozen
class _SharedArea(_bundled.Sourced):
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    place: str
    vat_of: str
    customs_of: str
    since: date
    until: date | None
    legal_basis: str
    sources: tuple[str, ...]

    def covers(self, on: date) -> bool:
        return self.since <= on and (self.until is None or on <= self.until)


_SHARED_COLUMNS = (
    "place",
    "vat_of",
    "customs_of",
    "since",
    "until",
    "legal_basis",
    "source",
)


@functools.cache
def _read_shared() -> tuple[_SharedArea, ...]:
    lines = _bundled.read(
        "commercekit.regions", "shared_areas.csv", columns=_SHARED_COLUMNS
    )
    rows = [
        (
            line,
            _SharedArea(
                place=line.text("place"),
                vat_of=line.text("vat_of"),
                customs_of=line.text("customs_of"),
                since=line.day("since"),
                until=line.optional_day("until"),
                legal_basis=line.text("legal_basis"),
                sources=line.sources(),
            ),
        )
        for line in lines
    ]
    _bundled.check_periods((line, row.place, row.since, row.until) for line, row in rows)
    return tuple(row for _, row in rows)


def _member(country: str, on: date) -> bool:
    membership = memberships().get(country)
    return membership is not None and membership.covers(on)


def _territory(value: object, field: str = "") -> Territory | None:
    return fields.optional(value, Territory, field)


def _rate_region(value: object, field: str = "") -> RateRegion | None:
    return fields.optional(value, RateRegion, field)


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class Place:
    """An address as VAT and customs rules see it on ``on`` (build it with ``place_of``).

    ``goods_jurisdiction`` and ``services_jurisdiction`` name whose VAT/GST applies
    there; ``in_eu_vat_area_for_goods`` and ``..._for_services`` whether EU VAT rules
    do; ``customs_territory`` which customs territory the place is in; ``why`` the rules
    that made a place differ from its country, each with its source.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    country: str = attrs.field(converter=fields.country)
    subdivision: str | None = attrs.field(converter=fields.optional_name)
    postcode: str | None = attrs.field(converter=fields.optional_name)
    on: date = attrs.field(converter=fields.a_day)
    territory: Territory | None = attrs.field(converter=_territory)
    goods_jurisdiction: str = attrs.field(converter=fields.area)
    services_jurisdiction: str = attrs.field(converter=fields.area)
    in_eu_vat_area_for_goods: bool = attrs.field(converter=fields.yes_no)
    in_eu_vat_area_for_services: bool = attrs.field(converter=fields.yes_no)
    customs_territory: str = attrs.field(converter=fields.area)
    why: tuple[str, ...] = attrs.field(converter=fields.names)
    rate_region: RateRegion | None = attrs.field(default=None, converter=_rate_region)

    def __attrs_post_init__(self) -> None:
        fields.inside(self.subdivision, self.country)
        if self.subdivision is not None:  # CA-XX is refused, naming CA's codes
            check_subdivision(self.country, self.subdivision)
        check_area(self.goods_jurisdiction)
        check_area(self.services_jurisdiction)
        check_area(self.customs_territory)

    """A region of the goods jurisdiction with rates of its own (Madeira, Corsica)."""

    def rates_jurisdiction(self, *, goods: bool) -> str:
        """Whose rate table applies when this place's VAT is charged: the rate region's
        (``PT-30``) where there is one, else the jurisdiction's."""
        code = self.jurisdiction(goods=goods)  # checks goods
        region = self.rate_region
        return region.code if region is not None and region.country == code else code

    @property
    def northern_ireland(self) -> bool:
        """Whether the place is Northern Ireland (EU rules for goods, UK for services)."""
        return self.territory is not None and self.territory.code == NORTHERN_IRELAND

    @property
    def in_eu_territorial_scope(self) -> bool | None:
        """Whether the EU Treaties, and so EU law beyond VAT and customs (the consumer
        rights of Directive 2011/83/EU), apply here on ``on`` (TEU Art. 52, TFEU Art.
        355): a member state's territory, its outermost regions included, but not its
        overseas countries and territories (Art. 355(2)); ``None`` where the sources
        read do not settle it (Clipperton)."""
        if self.territory is not None:
            return self.territory.eu_treaties_apply
        return _member(self.country, self.on)

    def jurisdiction(self, *, goods: bool) -> str:
        """Whose VAT applies to goods (``goods=True``) or services delivered here."""
        return (
            self.goods_jurisdiction
            if fields.yes_no(goods, "goods")
            else self.services_jurisdiction
        )

    def in_eu_vat_area(self, *, goods: bool) -> bool:
        """Whether EU VAT rules apply here to goods or to services."""
        if fields.yes_no(goods, "goods"):
            return self.in_eu_vat_area_for_goods
        return self.in_eu_vat_area_for_services

    def vat_area(self, *, goods: bool) -> str:
        """``EU`` inside the EU VAT area; else the country-level jurisdiction (``GB``,
        ``CH``, ``CA``, ``ES-CN``)."""
        if self.in_eu_vat_area(goods=goods):
            return "EU"
        code = self.jurisdiction(goods=goods)
        return "GB" if code == "XI" else code.split("-")[0] if code[:3] == "CA-" else code


def _places(origin: object, destination: object) -> tuple[Place, Place]:
    return (
        instance(origin, Place, "origin", invalid),
        instance(destination, Place, "destination", invalid),
    )


@context_free
def customs_border(origin: Place, destination: Place) -> bool:
    """Whether goods moving from ``origin`` to ``destination`` cross a customs border."""
    origin, destination = _places(origin, destination)
    if origin.customs_territory == destination.customs_territory:
        return False
    # Windsor Framework Art. 5: EU customs rules apply to goods in Northern Ireland.
    ends = {origin.customs_territory, destination.customs_territory}
    ni = origin.northern_ireland or destination.northern_ireland
    return not (ni and ends == {"EU", "GB"})


@context_free
def fiscal_border(origin: Place, destination: Place) -> bool:
    """Whether goods moving from ``origin`` to ``destination`` cross a VAT border: they
    leave one VAT area for another (the EU for the Canary Islands, for Åland), so the
    destination's import taxes are due on arrival, with or without a customs border.
    Great Britain and Northern Ireland share UK VAT: no VAT border between them."""
    origin, destination = _places(origin, destination)
    if origin.vat_area(goods=True) == destination.vat_area(goods=True):
        return False
    ends = {origin.goods_jurisdiction, destination.goods_jurisdiction}
    return ends != {"GB", "XI"}


@context_free
def place_of(
    country: str,
    *,
    subdivision: str | None = None,
    postcode: str | None = None,
    on: date,
) -> Place:
    """Where an address is for VAT and customs on ``on``.

    ``country`` is an ISO 3166-1 alpha-2 code, or ``XI`` for Northern Ireland.
    ``subdivision`` an ISO 3166-2 code (``CA-ON``, ``ES-CN``, ``GB-NIR``); ``postcode``
    the postal code, which places addresses in special territories (``BT`` is Northern
    Ireland, ``35xxx`` the Canary Islands).

    Raises [`UnknownCountryError`][commercekit.errors.UnknownCountryError] for a code
    that is not a country, and
    [`InvalidAmountError`][commercekit.errors.InvalidAmountError] for a date that is not
    a ``date`` (a datetime included: a rule applies to a day).

    Examples:
        >>> place_of("XI", on=date(2026, 11, 26)).goods_jurisdiction
        'XI'
        >>> place_of("GB", postcode="BT1 5GS", on=date(2020, 12, 31)).goods_jurisdiction
        'GB'
        >>> place_of("MC", on=date(2026, 11, 26)).goods_jurisdiction
        'FR'
        >>> place_of("CA", subdivision="CA-QC", on=date(2026, 11, 26)).goods_jurisdiction
        'CA-QC'
        >>> place_of("DE", postcode="78266", on=date(2026, 11, 26)).customs_territory
        'CH'
    """
    code = _country(country)
    region = None if subdivision is None else check_subdivision(code, subdivision)
    return _place_of(code, region, _optional(postcode, "postcode"), check_day(on))


def _country(country: object) -> str:
    if isinstance(country, str) and country.upper() == "XI":
        return "XI"
    return check_country(country)


def _optional(text: object, what: str) -> str | None:
    if text is None:
        return None
    if not isinstance(text, str) or not text.strip() or len(text) > 32:
        said = f"is not {with_article(what)}; give it as text, or None"
        raise UnknownCountryError(text, said)
    return text.strip().upper()


@functools.lru_cache(maxsize=4096)
def _place_of(
    country: str, subdivision: str | None, postcode: str | None, on: date
) -> Place:
    if country == "XI":
        country, subdivision = "GB", NORTHERN_IRELAND
    territory = locate(country, subdivision=subdivision, postcode=postcode, on=on)
    if territory is not None and territory.country != country:
        country = territory.country  # an address given by the territory's own code (GP)
    why: list[str] = []
    eu = _member(country, on)
    goods = services = country
    customs = "EU" if eu else country
    if country == "CA" and subdivision and subdivision.startswith("CA-"):
        goods = services = subdivision  # Canadian sales taxes depend on the province
    shared = next(
        (row for row in _read_shared() if row.place == country and row.covers(on)), None
    )
    if shared is not None:
        goods = services = shared.vat_of
        eu = _member(shared.vat_of, on)
        # The Isle of Man was in the EU customs union with the UK until 2020.
        customs = "EU" if eu and shared.customs_of == shared.vat_of else shared.customs_of
        why.append(
            f"{country} shares the VAT of {shared.vat_of} and the customs territory of "
            f"{customs} ({shared.legal_basis}) [{shared.source}]"
        )
    if territory is not None:
        why.append(territory.explain())
        customs = territory.customs_of
        if territory.code == NORTHERN_IRELAND:
            return Place(
                country,
                subdivision,
                postcode,
                on,
                territory,
                goods_jurisdiction="XI",
                services_jurisdiction="GB",
                in_eu_vat_area_for_goods=True,
                in_eu_vat_area_for_services=False,
                customs_territory=customs,
                why=tuple(why),
            )
        goods = services = territory.vat_of
        eu = eu and territory.in_eu_vat_area
        if territory.vat_of == "CH":
            eu = False
    region = None
    if territory is None and shared is None:
        region = rate_region(country, subdivision=subdivision, postcode=postcode, on=on)
        if region is not None:
            why.append(
                f"{region.name} ({region.code}) charges {country} VAT at rates of its own "
                f"({region.legal_basis}) [{region.source}]"
            )
    return Place(
        country, subdivision, postcode, on, territory, goods, services, eu, eu, customs,
        tuple(why), region,
    )  # fmt: skip
