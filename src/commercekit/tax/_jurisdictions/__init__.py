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

import importlib
from collections.abc import Iterator, Mapping

from commercekit.regions import Place
from commercekit.tax._jurisdictions._base import Jurisdiction
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._jurisdictions._eu_oss import DIRECTIVE

__all__ = [
    "DIRECTIVE",
    "JURISDICTION_REGISTRY",
    "Case",
    "Jurisdiction",
    "arrival",
    "jurisdiction_for",
]

_REGISTERED: dict[str, tuple[str, str]] = {
    "EU": ("._eu", "EuropeanUnion"),
    "GB": ("._uk", "UnitedKingdom"),
    "AU": ("._low_value", "Australia"),
    "NZ": ("._low_value", "NewZealand"),
    "NO": ("._low_value", "Norway"),
    "CH": ("._ch", "Switzerland"),
    "CA": ("._ca", "Canada"),
    "SG": ("._low_value", "Singapore"),
    "JP": ("._jp", "Japan"),
    "IN": ("._in", "India"),
    "US": ("._us", "UnitedStates"),
}
"""Each registered code's module and class."""
_ELSEWHERE = Jurisdiction()


class _Registry(Mapping[str, Jurisdiction]):
    """The registered jurisdictions by code, read-only, each module imported when its
    jurisdiction is first asked for (a sale within the EU loads no US rules)."""

    __slots__ = ("_made",)

    def __init__(self) -> None:
        self._made: dict[str, Jurisdiction] = {}

    def __getitem__(self, code: str) -> Jurisdiction:
        made = self._made.get(code)
        if made is None:
            module, name = _REGISTERED[code]  # KeyError for a code not registered
            made = getattr(importlib.import_module(module, __name__), name)()
            self._made[code] = made
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(_REGISTERED)

    def __len__(self) -> int:
        return len(_REGISTERED)

    def __repr__(self) -> str:
        return f"JURISDICTION_REGISTRY({', '.join(_REGISTERED)})"


JURISDICTION_REGISTRY: Mapping[str, Jurisdiction] = _Registry()
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
