"""A province or department takes its region's public holidays (issue 18).

``withdrawal_deadline(date(2025, 5, 16), country="ES", subdivision="ES-TF")`` raised
``UnknownCountryError``: Santa Cruz de Tenerife (ISO 3166-2 ``ES-TF``, a province) is
not one of the ``holidays`` library's regions of Spain, though its autonomous community,
the Canary Islands (``ES-CN``), is. The parent comes from ISO 3166-2 as ``pycountry``
lists it (``ES-TF`` and ``ES-GC`` in ``ES-CN``, ``ES-B`` in ``ES-CT``, ``FR-68`` in
``FR-6AE``, the European Collectivity of Alsace).

Worked examples (the holidays as published: the Resolution of 15 October 2024 of the
Dirección General de Trabajo, BOE-A-2024-21316, with the fiestas laborales of 2025 of
every autonomous community, read in reprints; the Canary Islands' decree for 2025 as
reported by Diario de Avisos, "30 de mayo, Día de Canarias"):
* Goods delivered in Tenerife on Friday 2025-05-16: the 14 days end on Friday 30 May,
  Canary Islands Day, so the deadline is Monday 2 June; in Spain without a region, 30
  May.
* Delivered in Barcelona province on 2025-06-10: the 14 days end on Tuesday 24 June,
  Sant Joan in Catalonia, so 25 June; 24 June without a region. The province is not
  the city of Barcelona, which the library also knows (La Mercè): the province takes
  Catalonia's calendar.
* Good Friday (2025-04-18) is a public holiday in Alsace-Moselle: in Haut-Rhin
  (``FR-68``) too, not in France as a whole.
"""

from __future__ import annotations

from datetime import date

import pytest

from commercekit.checkout import withdrawal_deadline
from commercekit.errors import UnknownCountryError
from commercekit.regions import closed_on, holiday_region


@pytest.mark.parametrize(
    ("subdivision", "deadline"),
    [("ES-TF", date(2025, 6, 2)), ("ES-GC", date(2025, 6, 2)), ("ES-CN", date(2025, 6, 2)),
     (None, date(2025, 5, 30))],
)  # fmt: skip
def test_a_canary_province_keeps_canary_islands_day(
    subdivision: str | None, deadline: date
) -> None:
    found = withdrawal_deadline(date(2025, 5, 16), country="ES", subdivision=subdivision)
    assert found == deadline


def test_barcelona_province_keeps_catalonias_sant_joan() -> None:
    assert withdrawal_deadline(date(2025, 6, 10), country="ES", subdivision="ES-B") == date(
        2025, 6, 25
    )
    assert withdrawal_deadline(date(2025, 6, 10), country="ES") == date(2025, 6, 24)
    assert holiday_region("ES", "ES-B") == "CT"
    assert holiday_region("ES", "Barcelona") == "Barcelona"  # the city, named so


def test_haut_rhin_keeps_good_friday() -> None:
    assert closed_on(date(2025, 4, 18), "FR", subdivision="FR-68") == "Good Friday"
    assert closed_on(date(2025, 4, 18), "FR") is None


@pytest.mark.parametrize(
    ("country", "subdivision"), [("ES", "ES-XX"), ("ES", "FR-68"), ("BE", "BE-VAN")]
)
def test_a_code_with_no_region_above_it_is_still_refused(
    country: str, subdivision: str
) -> None:
    """Not a subdivision, another country's, or one whose region the library names in
    words (Belgium's "Flemish"): refused, never a guess."""
    with pytest.raises(UnknownCountryError, match="inside one"):
        holiday_region(country, subdivision)
