"""The jurisdiction registry: one module per jurisdiction or regime family, each a
``Jurisdiction`` answering the same questions, found by the code of the VAT area a
place belongs to (``Place.vat_area``).

=====  ================================  ==============================
code   jurisdiction                      module
=====  ================================  ==============================
EU     the EU VAT area (27 members, NI)  ``_eu.py``, ``_eu_oss.py``
GB     the United Kingdom                ``_uk.py``
AU     Australia                         ``_low_value.py``
NZ     New Zealand                       ``_low_value.py``
NO     Norway                            ``_low_value.py``
SG     Singapore                         ``_low_value.py``
CH     Switzerland                       ``_ch.py``
CA     Canada                            ``_ca.py``
JP     Japan                             ``_jp.py``
IN     India                             ``_in.py``
US     the United States (state taxes)   ``_us.py``
=====  ================================  ==============================

Any other code gets the base ``Jurisdiction``: domestic supplies at the place's own
rates where they are bundled, and "not bundled", by name, for the rest. Adding a
jurisdiction is one module here, its line in ``_REGISTERED``, its data rows, and the
shared tests (``tests/test_jurisdictions.py``), which run for every registered one.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from commercekit.regions import Place
from commercekit.tax._jurisdictions._base import Jurisdiction
from commercekit.tax._jurisdictions._ca import Canada
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._jurisdictions._ch import Switzerland
from commercekit.tax._jurisdictions._eu import EuropeanUnion
from commercekit.tax._jurisdictions._eu_oss import DIRECTIVE
from commercekit.tax._jurisdictions._in import India
from commercekit.tax._jurisdictions._jp import Japan
from commercekit.tax._jurisdictions._low_value import (
    Australia,
    NewZealand,
    Norway,
    Singapore,
)
from commercekit.tax._jurisdictions._uk import UnitedKingdom
from commercekit.tax._jurisdictions._us import UnitedStates

__all__ = [
    "DIRECTIVE",
    "JURISDICTION_REGISTRY",
    "Case",
    "Jurisdiction",
    "arrival",
    "jurisdiction_for",
]

_REGISTERED: tuple[Jurisdiction, ...] = (
    EuropeanUnion(),
    UnitedKingdom(),
    Australia(),
    NewZealand(),
    Norway(),
    Switzerland(),
    Canada(),
    Singapore(),
    Japan(),
    India(),
    UnitedStates(),
)
_ELSEWHERE = Jurisdiction()

JURISDICTION_REGISTRY: Mapping[str, Jurisdiction] = MappingProxyType(
    {jurisdiction.code: jurisdiction for jurisdiction in _REGISTERED}
)
"""Every jurisdiction with bundled decision rules, by the code of its VAT area (``EU``,
``GB``, ``AU`` …; read-only). Each value's ``name``, ``references`` and ``thresholds``
say what it is, where its law is published and which thresholds its decisions read."""


def jurisdiction_for(area: str) -> Jurisdiction:
    """The rules of the VAT area ``area`` (``Place.vat_area``), or the base rules of a
    place without bundled ones."""
    return JURISDICTION_REGISTRY.get(area, _ELSEWHERE)


def arrival(case: Case) -> Jurisdiction:
    """Whose rules govern the goods of ``case`` where they arrive: the EU's between two
    places of its VAT area; else the import rules of the destination, where goods
    imported into Northern Ireland from outside the UK and the EU follow the UK's
    (NI Business Info, "How VAT will apply for goods imported into Northern Ireland from
    outside the UK or EU")."""
    origin, destination = case.origin, case.destination
    if origin.in_eu_vat_area_for_goods and destination.in_eu_vat_area_for_goods:
        return jurisdiction_for("EU")
    return _import_rules(destination)


def _import_rules(place: Place) -> Jurisdiction:
    return jurisdiction_for("GB" if place.northern_ireland else place.vat_area(goods=True))
