"""Countries and territories as VAT and customs rules see them.

A country's map and its VAT map differ. Some places belong to an EU member state but lie
outside the EU VAT area (the Canary Islands, Heligoland, Åland, the French overseas
departments …): a sale there is not charged the member state's VAT. Northern Ireland is
in the United Kingdom but follows EU VAT rules for goods. Greece is ``GR`` in ISO 3166
but ``EL`` in EU VAT. This module says which is which, on which day, and why.

Examples:
    >>> from datetime import date
    >>> from commercekit.regions import is_eu_member, locate, vat_prefix
    >>> is_eu_member("HR", on=date(2013, 7, 1)), is_eu_member("HR", on=date(2013, 6, 30))
    (True, False)
    >>> is_eu_member("GB", on=date(2026, 11, 26))
    False
    >>> vat_prefix("GR")
    'EL'
    >>> locate("ES", postcode="35001").name
    'Canary Islands'
    >>> locate("ES", postcode="28001") is None
    True

Which VAT jurisdiction, VAT area and customs territory an address is in, for goods and
for services, is answered by one function, ``place_of``; ``customs_border`` says whether
goods between two places cross a customs border. ``is_eea_member`` and ``eea_members``
say which states were in the European Economic Area (the EU with Iceland, Liechtenstein
and Norway) on a day, as payment rules and prices need.

Working days (for delivery promises and legal deadlines) are answered by ``closed_on``
and ``first_working_day``, with the public holidays of a country or, where they
differ, one of its regions (``holiday_region``); ``regional_holidays`` names the
regions that keep a day the whole country does not.
"""

from typing import TYPE_CHECKING

from commercekit._lazy import public_names

if TYPE_CHECKING:
    from commercekit.regions._calendar import (
        closed_on,
        first_working_day,
        holiday_region,
        regional_holidays,
    )
    from commercekit.regions._eea import eea_members, is_eea_member
    from commercekit.regions._eu import (
        check_country,
        check_day,
        eu_members,
        is_eu_member,
        vat_prefix,
    )
    from commercekit.regions._places import Place, customs_border, fiscal_border, place_of
    from commercekit.regions._rate_regions import RateRegion, rate_region
    from commercekit.regions._territories import (
        Territory,
        check_subdivision,
        locate,
        special_territory,
    )
else:
    __getattr__, __dir__ = public_names(
        __name__,
        {
            "._calendar": "closed_on first_working_day holiday_region regional_holidays",
            "._eea": "eea_members is_eea_member",
            "._eu": "check_country check_day eu_members is_eu_member vat_prefix",
            "._places": "Place customs_border fiscal_border place_of",
            "._rate_regions": "RateRegion rate_region",
            "._territories": "Territory check_subdivision locate special_territory",
        },
    )

__all__ = [
    "Place",
    "RateRegion",
    "Territory",
    "check_country",
    "check_day",
    "check_subdivision",
    "closed_on",
    "customs_border",
    "eea_members",
    "eu_members",
    "first_working_day",
    "fiscal_border",
    "holiday_region",
    "is_eea_member",
    "is_eu_member",
    "locate",
    "place_of",
    "rate_region",
    "regional_holidays",
    "special_territory",
    "vat_prefix",
]
