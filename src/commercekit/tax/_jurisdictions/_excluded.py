"""The goods each low-value regime leaves out, and the test of a sale against them.

A regime that taxes low-value imports at sale (or frees them at the border) names the
goods it does not cover; those follow the ordinary import rule (VAT/GST at the border
on the customs value plus duty, and the excise duty of their kind, which commercekit
does not bundle). A sale with goods on both sides is refused: the laws treat the two
parts as separate supplies (GST Act 1999 (AU) s 84-79(2); GST Act 1985 (NZ) s 4B(2)),
and commercekit decides one regime per sale; into the EU, a customs declaration carries
one IOSS number for the whole consignment and cannot combine goods under the IOSS with
goods outside it (Agencia Tributaria's manual), so the shirt beside the wine cannot use
the IOSS either: two consignments. A line whose kind is open (no ``excise``,
no ``hs_code``, a category such as ``standard``) is refused, saying how to give it.

References:
    EU, Directive 2006/112/EC Art. 369l (read in a reprint, nwb.de): https://eur-lex.europa.eu/eli/dir/2006/112/oj
    UK, "Tax and customs for goods sent from abroad" (read in a reprint): https://www.gov.uk/goods-sent-from-abroad/tax-and-duty
    Australia, GST Act 1999 s 84-79: https://www.ato.gov.au/law/view/document?DocID=PAC%2F19990055%2F84-79
    EU, Agencia Tributaria, one IOSS number a declaration: https://sede.agenciatributaria.gob.es/Sede/en_gb/ayuda/manuales-videos-folletos/manuales-practicos/manual-importacion-exportacion-envios-escaso-valor/2-formalidades-importacion-relativas-envios-valor/2_2-declaracion-aduana-conjunto-datos-h7/2_2_1-conjunto-superreducido-datos-columna-b/2_2_1_2-orientaciones-sobre-determinados-elementos-contexto/j-e_d-13-16-000-fiscales.html
    New Zealand, GST Act 1985 s 4B: https://www.legislation.govt.nz/act/public/1985/0141/latest/LMS288546.html
    Norway, Norwegian Customs, "The VOEC scheme": https://toll.no/en/online-shopping/the-voec-scheme
    Singapore, Singapore Customs, "Courier / Postal Procedures": https://www.customs.gov.sg/personal-shipment/buying-from-overseas/courier-postal-procedures
"""

from __future__ import annotations

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.errors import MissingDataError
from commercekit.tax._categories import TaxCategory
from commercekit.tax._excise import ExciseKind
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._rule import Rule
from commercekit.tax._sale_line import SaleLine

__all__ = ["EXCLUDED", "Exclusion", "excluded"]

_A, _T, _E = ExciseKind.ALCOHOL, ExciseKind.TOBACCO, ExciseKind.ENERGY_PRODUCTS


@attrs.frozen
class Exclusion:
    """What ``scheme`` leaves out: goods of ``kinds``, and of ``categories`` (Norway's
    foodstuffs and medicines), in the law's ``words``, under ``law`` at ``source``;
    ``mixed``: the rule that keeps one consignment from holding goods on both sides,
    where one was read; ``official``: whether the words were read on the authority's
    own page (else in a reprint, which the decision says)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    scheme: str
    kinds: frozenset[ExciseKind]
    words: str
    law: str
    source: str
    categories: frozenset[TaxCategory] = frozenset()
    mixed: str = "commercekit decides one regime per sale"
    official: bool = True


EXCLUDED: dict[str, Exclusion] = {
    "EU": Exclusion(
        "the IOSS",
        frozenset({_A, _T, _E}),
        "products subject to excise duties (energy products, alcohol and alcoholic "
        "beverages, manufactured tobacco: Art. 2(3))",
        "Art. 369l of Directive 2006/112/EC",
        "https://eur-lex.europa.eu/eli/dir/2006/112/oj",
        mixed="a customs declaration carries one IOSS number, for the whole "
        "consignment, and cannot combine goods declared under the IOSS with goods that "
        "are not (Agencia Tributaria, 'Import and Export Manual for low value "
        "shipments', 2.2.1.2 j)",
        official=False,  # Art. 369l read in a reprint (nwb.de)
    ),
    "GB": Exclusion(
        "the UK's GBP 135 rules",
        frozenset({_A, _T, _E}),
        "excise goods",
        "GOV.UK, 'Tax and customs for goods sent from abroad'",
        "https://www.gov.uk/goods-sent-from-abroad/tax-and-duty",
        official=False,  # read in a reprint
    ),
    "AU": Exclusion(
        "Australia's low value goods",
        frozenset({_A, _T}),
        "tobacco, tobacco products or alcoholic beverages",
        "GST Act 1999 s 84-79(3)(b)",
        "https://www.ato.gov.au/law/view/document?DocID=PAC%2F19990055%2F84-79",
    ),
    "NZ": Exclusion(
        "New Zealand's distantly taxable goods",
        frozenset({_A, _T}),
        "alcoholic beverages, or tobacco or tobacco products (the section's qualifier, "
        "'that are exempt from regulations made under section 406(1) of the Customs "
        "and Excise Act 2018', was not resolved: all are treated as excluded)",
        "GST Act 1985 s 4B(1)(b)",
        "https://www.legislation.govt.nz/act/public/1985/0141/latest/LMS288546.html",
    ),
    "NO": Exclusion(
        "VOEC",
        frozenset({_A, _T, _E}),
        "foodstuffs (food, beverages, supplements, vitamins), restricted goods "
        "(medicines, weapons, alcohol, tobacco) and goods subject to special taxes "
        "(sugar, beverage packaging, lubricants)",
        "Norwegian Customs, 'The VOEC scheme'",
        "https://toll.no/en/online-shopping/the-voec-scheme",
        frozenset(
            {
                TaxCategory.FOOD,
                TaxCategory.NON_ALCOHOLIC_DRINKS,
                TaxCategory.SOFT_DRINKS,
                TaxCategory.CANDY,
                TaxCategory.MEDICINES,
                TaxCategory.PRESCRIPTION_DRUGS,
                TaxCategory.OVER_THE_COUNTER_DRUGS,
            }
        ),
    ),
    "SG": Exclusion(
        "Singapore's low-value goods",
        frozenset({_A, _T, _E, ExciseKind.MOTOR_VEHICLES}),
        "dutiable goods (intoxicating liquors, tobacco products, motor vehicles, "
        "petroleum products and biodiesel blends)",
        "Singapore Customs, 'Courier / Postal Procedures'; IRAS, 'GST on imported "
        "low-value goods' (non-dutiable goods)",
        "https://www.customs.gov.sg/personal-shipment/buying-from-overseas/courier-postal-procedures",
    ),
}
"""Each regime's exclusion, by the code of the jurisdiction whose regime it is."""


def excluded(case: Case, code: str) -> Rule | None:
    """The rule sending the sale's goods to the border where ``code``'s regime
    excludes them all; ``None`` where it excludes none. Refuses goods on both sides,
    and a line whose kind is open."""
    exclusion = EXCLUDED[code]
    out: list[int] = []
    lines = case.sale.goods_lines
    for at, line in enumerate(lines):
        if line.category in exclusion.categories:
            out.append(at)
            continue
        kind = line.kind
        if kind is None:
            raise _open(case, at, exclusion)
        if kind in exclusion.kinds:
            out.append(at)
    if not out:
        return None
    if len(out) < len(lines):
        inside = next(at for at in range(len(lines)) if at not in out)
        raise MissingDataError(
            f"a sale of its own for the goods {exclusion.scheme} excludes",
            f"{exclusion.law} excludes {exclusion.words} ({exclusion.source}): line "
            f"{out[0]} is such goods, taxed at the border, line {inside} is not; "
            f"{exclusion.mixed}, so ship and quote them as two consignments (two sales)",
            field="sale.lines",
        )
    said = _said(lines[out[0]], exclusion)
    read = "" if exclusion.official else ", read in a secondary source"
    return Rule(
        f"{exclusion.scheme} does not cover {said} ({exclusion.law} excludes "
        f"{exclusion.words}{read}): import tax at the border on the customs value plus "
        "duty, and any excise duty due on them",
        exclusion.source,
    )


def _said(line: SaleLine, exclusion: Exclusion) -> str:
    """What the first excluded line is, as the sale said it."""
    if line.category in exclusion.categories:
        return f"goods of category {line.category}"
    how = f" (HS {line.hs_code})" if line.hs_code and line.excise is None else ""
    return f"goods of kind {line.kind}{how}"


def _open(case: Case, at: int, exclusion: Exclusion) -> MissingDataError:
    """The refusal of a line whose kind is open."""
    field = f"sale.lines[{at}].excise" if case.sale.lines else "sale.excise"
    rule = f"{exclusion.law} excludes {exclusion.words}"
    return MissingDataError(
        f"what kind of goods line {at} is (excise goods or not)",
        f"{rule}: give excise= ('none', 'alcohol', 'tobacco', 'energy_products', "
        "'perfumes' or 'motor_vehicles') or hs_code= (its tariff heading), or a "
        "category that settles it",
        field=field,
        json_how=f'{rule}: write the product\'s "excise" ("none", "alcohol", '
        '"tobacco", "energy_products", "perfumes" or "motor_vehicles") or its '
        '"hs_code"',
    )
