"""Excise goods at the border: the reliefs that leave them out, and their excise duty.

Two rules, each about the kind of goods an item is (an
[`ExciseKind`][commercekit.tax.ExciseKind], stated or read from its HS code):

* Most small-value reliefs leave some goods out. The EU's relief from customs duty on
  consignments of negligible value does not cover "alcoholic products", "perfumes and
  toilet waters" and "tobacco and tobacco products" (Council Regulation (EC) No
  1186/2009 Art. 24); the UK charges customs duty on excise goods whatever their
  value; Singapore's GST relief on goods by air or post excludes intoxicating liquors
  and tobacco, and its dutiable goods owe GST at any value. Goods so excluded pay duty
  and import tax as above the threshold. A shipment with goods on both sides is
  refused (the laws relieve the one part and not the other; ship or quote them
  apart).
* Excise duty is due at import on alcohol, tobacco and energy products whatever their
  value (and in Singapore on motor vehicles), and commercekit bundles no excise
  duties: a landed cost of such goods is refused, naming the duty it lacks, unless
  asked to leave it out (``without_excise=True``), when the result lists it in
  ``LandedCost.lacks``. The import VAT/GST computed then lacks the tax on that duty.

A relief row's exclusion holds for all its periods in ``_data/de_minimis.csv``; the
table below says for each where it was read, ``official`` when on the authority's own
page.

References:
    Singapore Customs, importing by post or courier: https://www.customs.gov.sg/businesses/importing-goods/import-procedures/importing-by-post-or-courier-service
    Singapore Customs, courier and postal procedures: https://www.customs.gov.sg/personal-shipment/buying-from-overseas/courier-postal-procedures
    GOV.UK, goods sent from abroad (read in a reprint): https://www.gov.uk/goods-sent-from-abroad/tax-and-duty
    Regulation (EC) No 1186/2009 (Art. 24 not opened): https://eur-lex.europa.eu/eli/reg/2009/1186/oj
"""

from __future__ import annotations

from typing import NamedTuple

from commercekit._checks import invalid
from commercekit.errors import InputKind, MissingDataError
from commercekit.shipping._checks import flag
from commercekit.shipping._customs import ReliefKind
from commercekit.shipping._shipment import Shipment
from commercekit.tax import ExciseKind

__all__ = ["RELIEF_EXCLUSIONS", "excise_left_out", "relief_excludes", "require_facts"]

_A, _T, _E = ExciseKind.ALCOHOL, ExciseKind.TOBACCO, ExciseKind.ENERGY_PRODUCTS
_P, _M = ExciseKind.PERFUMES, ExciseKind.MOTOR_VEHICLES


class ReliefExclusion(NamedTuple):
    """The goods a relief leaves out, in its law's words, and where that was read."""

    kinds: frozenset[ExciseKind]
    words: str
    law: str
    source: str
    official: bool


_EU = ReliefExclusion(
    frozenset({_A, _T, _P}),
    "alcoholic products, perfumes and toilet waters, tobacco and tobacco products",
    "Council Regulation (EC) No 1186/2009 Art. 24 (its list as secondary sources give "
    "it; the article's own text was not read)",
    "https://eur-lex.europa.eu/eli/reg/2009/1186/oj",
    official=False,
)
_GB = ReliefExclusion(
    frozenset({_A, _T, _E, _P}),
    "excise goods (GOV.UK), and perfume and toilet water (HMRC's former guidance)",
    "GOV.UK, 'Tax and customs for goods sent from abroad', read in a reprint; the "
    "perfume exclusion from HMRC's former text, also in a reprint",
    "https://www.gov.uk/goods-sent-from-abroad/tax-and-duty",
    official=False,
)
_SG = ReliefExclusion(
    frozenset({_A, _T, _E, _M}),
    "intoxicating liquors and tobacco; dutiable goods (motor vehicles, petroleum "
    "products) owe GST at any value",
    "Singapore Customs, 'Importing by post or courier service' and 'Courier / Postal "
    "Procedures'",
    "https://www.customs.gov.sg/businesses/importing-goods/import-procedures/importing-by-post-or-courier-service",
    official=True,
)
_ALCOHOL_TOBACCO = frozenset({_A, _T})
_AU = ReliefExclusion(
    _ALCOHOL_TOBACCO,
    "alcohol and tobacco",
    "Australia Post's destination guide, as the de minimis row cites it",
    "https://auspost.com.au/sending/send-overseas/international-post-guide/results/australia",
    official=False,
)
_NZ = ReliefExclusion(
    _ALCOHOL_TOBACCO,
    "alcohol and tobacco",
    "New Zealand Customs' FAQ, as the de minimis row cites it (not re-read)",
    "https://www.customs.govt.nz/personal/duty-and-gst/faqs/",
    official=True,
)
_CA = ReliefExclusion(
    _ALCOHOL_TOBACCO,
    "alcohol and tobacco (also cannabis and publications, not modelled)",
    "CBSA's low-value shipments page, as the de minimis rows cite it (not re-read)",
    "https://cbsa-asfc.gc.ca/services/cusma-aceum/lvs-efv-eng.html",
    official=True,
)
RELIEF_EXCLUSIONS: dict[tuple[str, ReliefKind], ReliefExclusion] = {
    ("EU", ReliefKind.DUTY): _EU,
    ("GB", ReliefKind.DUTY): _GB,
    ("SG", ReliefKind.TAX): _SG,
    ("AU", ReliefKind.DUTY): _AU,
    ("AU", ReliefKind.TAX): _AU,
    ("NZ", ReliefKind.DUTY): _NZ,
    ("NZ", ReliefKind.TAX): _NZ,
    ("CA", ReliefKind.DUTY): _CA,
    ("CA", ReliefKind.TAX): _CA,
}
"""The goods each destination's relief of each kind leaves out. Not researched: the
United States' (suspended for all countries from 2025-08-29) and Switzerland's."""

_EXCISE_DUTY = frozenset({_A, _T, _E})
"""The kinds that owe excise duty at import whatever their value (Singapore adds
motor vehicles)."""


_KINDS = "('none', 'alcohol', 'tobacco', 'energy_products', 'perfumes', 'motor_vehicles')"
_FACTS = {  # an Item's attribute: the field that gives it, and how, in words
    "origin": (
        "origin",
        "the country of origin",
        "an origin= (ISO 3166 code)",
        '"origin" (ISO 3166 code)',
        "duty and reliefs depend on it",
    ),
    "kind": (
        "excise",
        "the kind of goods",
        f"excise= {_KINDS} or an hs_code=",
        f'"excise" {_KINDS.replace(chr(39), chr(34))} or its "hs_code"',
        "excise duty is due on alcohol, tobacco and energy products whatever their value",
    ),
}


def require_facts(shipment: Shipment, *facts: str) -> None:
    """Refuse items without ``facts``: a country of origin (duty and reliefs depend on
    it), or a kind of goods nothing says (excise duty depends on it)."""
    items = shipment.items
    for fact in facts:
        field, words, given, written, why = _FACTS[fact]
        unknown = [at for at, item in enumerate(items) if getattr(item, fact) is None]
        if unknown:
            raise MissingDataError(
                tuple(f"{words} of {items[at].description!r}" for at in unknown),
                f"give each Item {given}; {why}",
                field=f"shipment.items[{unknown[0]}].{field}",
                json_how=f"write its {written}; {why}",
            )


def relief_excludes(shipment: Shipment, area: str, kind: ReliefKind) -> str | None:
    """Why ``area``'s relief of ``kind`` does not cover the shipment (every item is of
    a kind it leaves out), or ``None`` (it leaves out none); refuses a shipment with
    goods on both sides."""
    exclusion = RELIEF_EXCLUSIONS.get((area, kind))
    if exclusion is None:
        return None
    out = [item for item in shipment.items if item.kind in exclusion.kinds]
    if not out:
        return None
    read = "" if exclusion.official else ", read in a secondary source"
    why = f"{exclusion.law} leaves out {exclusion.words}{read} [{exclusion.source}]"
    if len(out) < len(shipment.items):
        inside = next(item for item in shipment.items if item not in out)
        raise MissingDataError(
            f"a shipment of its own for {out[0].description!r} ({out[0].kind})",
            f"the relief from {kind} covers {inside.description!r} and not it: {why}; "
            "ship or quote the goods it leaves out apart",
            field="shipment.items",
        )
    return f"{out[0].kind} is not relieved: {why}"


_IOSS = _EXCISE_DUTY
"""The goods the IOSS leaves out: "products subject to excise duties" (Directive
2006/112/EC Art. 369l; Art. 2(3): energy products, alcohol, manufactured tobacco)."""


def excise_left_out(shipment: Shipment, area: str, *, without_excise: bool) -> list[str]:
    """The excise duties the shipment owes and commercekit does not bundle: refused,
    or listed when ``without_excise``; refuses an item whose kind nothing says, and
    excise goods said to be sold under the IOSS (they would clear free of import VAT
    the IOSS never charged)."""
    without_excise = flag(without_excise, "without_excise")
    require_facts(shipment, "kind")
    if shipment.sold_under == "IOSS":
        for item in shipment.items:
            if item.kind in _IOSS:
                raise invalid(
                    "shipment.sold_under",
                    shipment.sold_under,
                    f"cannot cover {item.kind} ({item.description!r}): Art. 369l of "
                    "Directive 2006/112/EC excludes products subject to excise duties "
                    "(energy products, alcohol and alcoholic beverages, manufactured "
                    "tobacco: Art. 2(3)); leave sold_under out, import VAT being due at "
                    "the border",
                    kind=InputKind.TEXT,
                )
    kinds = _EXCISE_DUTY | {_M} if area == "SG" else _EXCISE_DUTY
    lacks = [
        f"the excise duty on {item.kind} ({item.description!r}) into {shipment.destination}"
        for item in shipment.items
        if item.kind in kinds
    ]
    if lacks and not without_excise:
        raise MissingDataError(
            tuple(lacks),
            "excise duty is due at import whatever the value, and commercekit bundles "
            "no excise duties; leave it out with without_excise=True (a quote: "
            "partial=True), listed in LandedCost.lacks",
            json_how="excise duty is due at import whatever the value, and commercekit "
            'bundles no excise duties; leave it out with "without_excise": true (a '
            'quote: "partial": true), listed in its "lacks" (a quote\'s "missing")',
        )
    return lacks
