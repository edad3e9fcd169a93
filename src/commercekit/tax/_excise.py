"""Excise goods: the kinds of goods the low-value import regimes and reliefs leave out.

Each low-value regime and most small-value reliefs exclude some goods by kind: the EU's
Import One-Stop Shop excludes "products subject to excise duties" (Directive
2006/112/EC Art. 369l; Art. 2(3) defines them as energy products, alcohol and
alcoholic beverages and manufactured tobacco), Australia's low value goods "tobacco,
tobacco products or alcoholic beverages" (GST Act 1999 s 84-79(3)(b)), New Zealand's
distantly taxable goods "alcoholic beverages, or tobacco or tobacco products" (GST Act
1985 s 4B(1)(b)). What kind a line is belongs to the goods, not to its tax category:
an ``ExciseKind``, stated by the caller (``excise=``), read from its HS heading
(``hs_code=``), or settled by a category that cannot hold such goods (``clothing`` is
no alcohol; ``motor_cars`` are motor vehicles). ``standard`` leaves it open, and a
regime that excludes some kinds refuses a line whose kind is open.

The headings read as each kind (the Harmonized System's headings; the lists are those
of the laws named, read by their headings' names):

* ``alcohol``: 2203 beer, 2204 wine, 2205 vermouth, 2206 other fermented beverages,
  2207 and 2208 ethyl alcohol and spirits (the headings of Council Directive 92/83/EEC
  Art. 2, 8, 12, 17 and 20, from the headings' names; the directive was not opened in
  this session).
* ``tobacco``: 2401 unmanufactured tobacco, 2402 cigars and cigarettes, 2403 other
  manufactured tobacco. Heading 2404 (products for inhalation without combustion)
  mixes products containing tobacco with nicotine products without it: the code does
  not settle it, and ``excise=`` must.
* ``energy_products``: 2701, 2702 and 2704 to 2715 (Council Directive 2003/96/EC
  Art. 2(1)(b) to (d), from a secondary summary, ``official: no``). The headings it
  counts only when used as fuel (1507 to 1518, 2901, 2902, 3403, 3811, 3817, 3824)
  are not read from the code. Electricity (2716) reads as none: Directive (EU)
  2020/262 Art. 1(1)(a) makes it an excise good beside the energy products (EUR-Lex,
  official), while Directive 2006/112/EC Art. 2(3) lists energy products alone; no
  consignment carries it. Heading 3826 (biodiesel and mixtures thereof) is left to
  ``excise=`` too: Singapore's dutiable goods include "biodiesel blends" (Singapore
  Customs, "Duties and Dutiable Goods", official), which the heading does not tell
  from other biodiesel.
* ``perfumes``: 3303 perfumes and toilet waters (the words of Council Regulation (EC)
  No 1186/2009 Art. 24).
* ``motor_vehicles``: 8703 motor cars, 8711 motorcycles (Singapore's dutiable goods,
  Singapore Customs, "Courier / Postal Procedures").

Examples:
    >>> from commercekit.tax import ExciseKind, excise_kind
    >>> excise_kind(None, "2204.21", "standard")
    <ExciseKind.ALCOHOL: 'alcohol'>
    >>> excise_kind(None, "6109.10", "standard")
    <ExciseKind.NONE: 'none'>
    >>> excise_kind(None, None, "clothing")
    <ExciseKind.NONE: 'none'>
    >>> excise_kind(None, None, "standard") is None
    True
    >>> excise_kind("none", "2208.30", "standard")
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidAmountChoiceError: 'none' says none, and hs_code ...

References:
    Directive 2006/112/EC Art. 2(3), 369l: https://eur-lex.europa.eu/eli/dir/2006/112/oj
    Regulation (EC) No 1186/2009 Art. 23-24: https://eur-lex.europa.eu/eli/reg/2009/1186/oj
    Directive 2003/96/EC Art. 2: https://eur-lex.europa.eu/eli/dir/2003/96/oj
    Singapore Customs, dutiable goods: https://customs.gov.sg/businesses/valuation-duties-taxes-and-fees/duties-and-dutiable-goods
    Directive (EU) 2020/262 Art. 1 (excise goods): https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:02020L0262-20220426
"""

from __future__ import annotations

import enum

from commercekit._checks import invalid
from commercekit.errors import InputKind, InvalidAmountError
from commercekit.tax import _checks
from commercekit.tax._categories import TaxCategory, check_category

__all__ = [
    "ExciseKind",
    "check_excise_kind",
    "excise_kind",
    "heading_kind",
    "kind_of",
    "optional_hs_code",
]


class ExciseKind(enum.StrEnum):
    """The kind of goods a line is, as import regimes name the goods they exclude."""

    ALCOHOL = "alcohol"
    """Alcohol and alcoholic beverages (beer, wine, spirits ...)."""
    TOBACCO = "tobacco"
    """Tobacco and tobacco products."""
    ENERGY_PRODUCTS = "energy_products"
    """Energy products (mineral oils, fuels, lubricants of chapter 27)."""
    PERFUMES = "perfumes"
    """Perfumes and toilet waters (excluded from the EU's and the UK's duty relief)."""
    MOTOR_VEHICLES = "motor_vehicles"
    """Motor cars and motorcycles (dutiable in Singapore)."""
    NONE = "none"
    """None of these: the regimes exclude nothing of it by kind."""


_HEADINGS: dict[str, ExciseKind | None] = {
    **dict.fromkeys(("2203", "2204", "2205", "2206", "2207", "2208"), ExciseKind.ALCOHOL),
    **dict.fromkeys(("2401", "2402", "2403"), ExciseKind.TOBACCO),
    "2404": None,  # with tobacco or without: the code does not say
    **dict.fromkeys(
        ("2701", "2702", *(str(heading) for heading in range(2704, 2716))),
        ExciseKind.ENERGY_PRODUCTS,
    ),
    **dict.fromkeys(
        ("1507", "1508", "1509", "1510", "1511", "1512", "1513", "1514", "1515"), None
    ),
    **dict.fromkeys(("1516", "1517", "1518", "2901", "2902", "3403", "3811"), None),
    **dict.fromkeys(("3817", "3824"), None),  # energy products only when used as fuel
    "3826": None,  # biodiesel: dutiable in Singapore as a blend, a fuel in the EU
    "3303": ExciseKind.PERFUMES,
    **dict.fromkeys(("8703", "8711"), ExciseKind.MOTOR_VEHICLES),
}

_SETTLED: dict[TaxCategory, ExciseKind] = {
    **dict.fromkeys(
        (
            *(TaxCategory.FOOD, TaxCategory.NON_ALCOHOLIC_DRINKS, TaxCategory.SOFT_DRINKS),
            *(TaxCategory.CANDY, TaxCategory.BOOKS, TaxCategory.NEWSPAPERS),
            *(TaxCategory.MEDICINES, TaxCategory.PRESCRIPTION_DRUGS),
            *(TaxCategory.OVER_THE_COUNTER_DRUGS, TaxCategory.MEDICAL_DEVICES),
            *(TaxCategory.CHILDRENS_CLOTHING, TaxCategory.CLOTHING, TaxCategory.APPAREL),
            *(TaxCategory.FOOTWEAR, TaxCategory.SCHOOL_SUPPLIES, TaxCategory.BACKPACKS),
            *(TaxCategory.COMPUTERS, TaxCategory.EBOOKS, TaxCategory.DIGITAL_SERVICES),
            *(TaxCategory.ACCOMMODATION, TaxCategory.RESTAURANT),
            TaxCategory.PASSENGER_TRANSPORT,
        ),
        ExciseKind.NONE,
    ),
    TaxCategory.MOTOR_CARS: ExciseKind.MOTOR_VEHICLES,
    TaxCategory.MOTORCYCLES: ExciseKind.MOTOR_VEHICLES,
}
"""The categories that settle the kind by their definition; the others leave it open."""


def check_excise_kind(value: object, field: str = "excise") -> ExciseKind | None:
    """``None``, or one of the kinds by value (``"alcohol"``, ``"none"`` ...)."""
    return None if value is None else _checks.choice(value, ExciseKind, field)


def optional_hs_code(value: object, field: str = "hs_code") -> str | None:
    """``None``, or an HS code or tariff heading: 2 to 14 digits, dots and spaces
    allowed between them (``2204.21``)."""
    if value is None:
        return None
    text = value.strip() if isinstance(value, str) else ""
    digits = text.replace(".", "").replace(" ", "")
    if not digits.isdigit() or not 2 <= len(digits) <= 14:  # HS digits
        raise invalid(
            field,
            value,
            "is not an HS code or tariff heading; write its digits, e.g. '2204.21'",
        )
    return text


def heading_kind(hs_code: str) -> ExciseKind | None:
    """The kind an HS code's heading (its first four digits) says, ``NONE`` for a
    heading of none of the kinds, ``None`` where the heading does not settle it."""
    digits = "".join(char for char in hs_code if char.isdigit())
    if len(digits) < 4:  # a chapter alone: 22 holds beer and water, 24 all tobacco
        chapter = {"22": None, "24": ExciseKind.TOBACCO, "27": None, "33": None}
        return chapter.get(digits[:2], ExciseKind.NONE)
    return _HEADINGS.get(digits[:4], ExciseKind.NONE)


def excise_kind(
    excise: ExciseKind | str | None = None,
    hs_code: str | None = None,
    category: TaxCategory | str = TaxCategory.STANDARD,
) -> ExciseKind | None:
    """The kind of goods a line is: what the caller stated (``excise``), what its
    ``hs_code``'s heading says, what its ``category`` settles; ``None`` where none of
    them says. Two that disagree raise ``InvalidAmountError`` naming both; an unknown
    kind, heading or category raises a ``CommerceKitError`` naming its argument.

    The headings read are this module's (2203-2208 alcohol, 2401-2403 tobacco, 27xx
    energy products, 3303 perfumes, 8703 and 8711 motor vehicles); the regimes that
    exclude each kind are in ``tax/_jurisdictions/_excluded.py`` with their sources.

    Examples:
        >>> from commercekit.tax import excise_kind
        >>> excise_kind(hs_code="2204.21").value
        'alcohol'
        >>> excise_kind(category="clothing").value
        'none'
        >>> excise_kind() is None  # nothing says: a regime that excludes kinds refuses
        True
        >>> excise_kind("none", hs_code="2204.21")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountChoiceError: ...
    """
    return kind_of(excise, optional_hs_code(hs_code), category)


def kind_of(stated: object, hs_code: str | None, category: object) -> ExciseKind | None:
    """``excise_kind`` of a checked ``hs_code`` (a value object's own check)."""
    kind = check_excise_kind(stated)
    said: list[tuple[str, str, ExciseKind]] = []
    if kind is not None:
        said.append(("excise", kind.value, kind))
    if hs_code is not None:
        found = heading_kind(hs_code)
        if found is not None:
            said.append(("hs_code", hs_code, found))
    settled = _SETTLED.get(check_category(category))
    if settled is not None:
        said.append(("category", str(category), settled))
    first, value, kind = said[0] if said else ("", "", None)
    for field, other, found in said[1:]:
        if found is not kind:
            assert kind is not None  # noqa: S101  # said[0] exists
            # "the tax category": a Sale's category, a JSON product's "tax_category"
            named = "the tax category" if field == "category" else field
            raise InvalidAmountError.refused(
                first,
                value,
                f"says {kind.value}, and {named} {other!r} says {found.value}; state "
                "the goods' kind as excise, or correct hs_code or the tax category",
                kind=InputKind.CHOICE,
                choices=tuple(ExciseKind) if first == "excise" else (),
            )
    return kind
