"""India's GST places: the States and Union territories, the code a GSTIN carries, and
which of the four GST taxes a supply pays.

India's GST is four taxes on one base. A supply whose supplier and place of supply are
in the same State pays central tax (CGST) and that State's tax (SGST), in equal halves;
in the same Union territory without a legislature, CGST and Union territory tax
(UTGST); anything else, between two States or Union territories, pays integrated tax
(IGST) at the full rate (IGST Act 2017 ss. 7-8; UTGST Act 2017 s. 7). Delhi, Puducherry
and Jammu and Kashmir have legislatures and levy SGST (UTGST Act s. 2(13) lists the
Union territories it covers).

Rates are asked by where the supply is taxed: ``IN`` for an inter-State supply (IGST),
the State's ISO 3166-2 code for an intra-State one (``IN-MH``: CGST + SGST; ``IN-CH``,
Chandigarh: CGST + UTGST).

The places are today's, dated where they changed: Ladakh was part of the State of
Jammu and Kashmir until it became a Union territory on 2019-10-31 (Jammu and Kashmir
Reorganisation Act 2019, 34 of 2019), so before that day
[`place_on`][commercekit.tax._india.place_on] answers ``IN-JK`` for it (CGST + SGST);
Jammu and Kashmir kept SGST as a Union territory with a legislature. Dadra and Nagar
Haveli and Daman and Diu were two Union territories without a legislature until their
merger on 2020-01-26 (Act 44 of 2019): ``IN-DH`` before that day pays UTGST as either
did, but a supply between the two was inter-State, which one code cannot tell.

A GSTIN's first two digits are the GST State code of the registration (CBIC, GST
State code list), which [`gstin_state`][commercekit.tax.gstin_state] turns into the ISO
code.

References:
    CBIC, GST Acts (IGST Act ss. 7-8, UTGST Act s. 2(13)): https://cbic-gst.gov.in/gst-acts.html
    The Central Goods and Services Tax (Extension to Jammu and Kashmir) Ordinance 2017
        (3 of 2017), 8 July 2017, as reproduced (read 2026-12-01):
        https://taxmanagementindia.com/visitor/detail_rss_feed.asp?ID=18358
    Notification 62/2019-Central Tax, 26 Nov 2019 (J&K and Ladakh from 2019-10-31),
        as reproduced (read 2026-12-01):
        http://www.eximguru.com/notifications/seeks-to-notify-the-transition-83987.aspx
    Home Ministry notification of 19 Dec 2019 appointing 2020-01-26 under Act 44 of 2019
        s. 2(a), as reported (read 2026-12-01):
        https://www.ndtv.com/india-news/daman-and-diu-dadra-and-nagar-haveli-to-be-one-union-territory-from-january-26-2151597
    python-stdnum, GSTIN (the State codes it accepts): https://arthurdejong.org/python-stdnum/doc/2.2/stdnum.in_.gstin

Examples:
    >>> gstin_state("27AAPFU0939F1ZV")
    'IN-MH'
    >>> day = date(2026, 6, 1)
    >>> gst_taxes("IN-MH", day), gst_taxes("IN-CH", day), gst_taxes("IN", day)
    (('CGST', 'SGST'), ('CGST', 'UTGST'), ('IGST',))
    >>> gst_taxes("IN-LA", date(2019, 10, 30)), gst_taxes("IN-LA", date(2019, 10, 31))
    (('CGST', 'SGST'), ('CGST', 'UTGST'))
    >>> gstin_state("27AAPFU0939F1ZO")
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidTaxIdError: '27AAPFU0939F1ZO' is not a valid IN ...
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from commercekit._numbers import context_free
from commercekit.errors import InvalidTaxIdError, NoRuleError, UnknownJurisdictionError
from commercekit.tax._ids import TaxId, validate_tax_id

__all__ = [
    "GST_STATES",
    "JK_JOINED",
    "LADAKH_SEPARATED",
    "TERRITORIES_MERGED",
    "UT_WITHOUT_LEGISLATURE",
    "gst_taxes",
    "gstin_state",
    "place_on",
    "state",
]

JK_JOINED = date(2017, 7, 8)
"""GST in the State of Jammu and Kashmir (Ladakh then part of it): the CGST Act and the
IGST Act extended to "the whole of India except the State of Jammu and Kashmir" (s.
1(2) of each) until the CGST (Extension to Jammu and Kashmir) Ordinance 2017 (3 of
2017) and its IGST twin of 8 July 2017, the day the State implemented GST."""
LADAKH_SEPARATED = date(2019, 10, 31)
"""The appointed day of the Jammu and Kashmir Reorganisation Act 2019: Ladakh a Union
territory, no longer part of the State of Jammu and Kashmir."""
TERRITORIES_MERGED = date(2020, 1, 26)
"""The appointed day of the Dadra and Nagar Haveli and Daman and Diu (Merger of Union
Territories) Act 2019: the two Union territories one."""

GST_STATES = MappingProxyType(
    {
        "01": "IN-JK", "02": "IN-HP", "03": "IN-PB", "04": "IN-CH", "05": "IN-UK",
        "06": "IN-HR", "07": "IN-DL", "08": "IN-RJ", "09": "IN-UP", "10": "IN-BR",
        "11": "IN-SK", "12": "IN-AR", "13": "IN-NL", "14": "IN-MN", "15": "IN-MZ",
        "16": "IN-TR", "17": "IN-ML", "18": "IN-AS", "19": "IN-WB", "20": "IN-JH",
        "21": "IN-OD", "22": "IN-CG", "23": "IN-MP", "24": "IN-GJ",
        # 25 (Daman and Diu) and 26 (Dadra and Nagar Haveli) were merged into one
        # Union territory on 2020-01-26 (ISO 3166-2 IN-DH); GSTINs of both remain.
        "25": "IN-DH", "26": "IN-DH",
        "27": "IN-MH",
        # 28: Andhra Pradesh before its division (2014); today's Andhra Pradesh is 37.
        "28": "IN-AP",
        "29": "IN-KA", "30": "IN-GA", "31": "IN-LD", "32": "IN-KL", "33": "IN-TN",
        "34": "IN-PY", "35": "IN-AN",
        "36": "IN-TS",  # Telangana: IN-TG until ISO 3166-2 changed it (FORMER_CODES)
        "37": "IN-AP",
        "38": "IN-LA",  # Ladakh: python-stdnum 2.2 does not accept 38 yet
    }
)  # fmt: skip
"""GST State code (a GSTIN's first two digits) → ISO 3166-2:IN code."""

UT_WITHOUT_LEGISLATURE = frozenset({"IN-AN", "IN-CH", "IN-DH", "IN-LA", "IN-LD"})
"""The Union territories whose intra-territory supplies pay UTGST (UTGST Act 2017
s. 2(13)): Andaman and Nicobar Islands, Chandigarh, Dadra and Nagar Haveli and Daman and
Diu, Ladakh, Lakshadweep; asked of [`place_on`][commercekit.tax._india.place_on]'s
answer, which is Jammu and Kashmir for Ladakh before 2019-10-31. (Before 2020-01-26,
``IN-DH`` stands for either of the two territories merged into it, both without a
legislature.)"""

_MERGED = "Dadra and Nagar Haveli and Daman and Diu"
FORMER_CODES = MappingProxyType(
    {
        "IN-TG": ("IN-TS", "Telangana"),
        "IN-CT": ("IN-CG", "Chhattisgarh"),
        "IN-OR": ("IN-OD", "Odisha"),
        "IN-UT": ("IN-UK", "Uttarakhand"),
        "IN-DD": ("IN-DH", f"Daman and Diu, merged on 2020-01-26 into {_MERGED},"),
        "IN-DN": ("IN-DH", f"Dadra and Nagar Haveli, merged on 2020-01-26 into {_MERGED},"),
    }
)
"""Codes ISO 3166-2:IN listed before (as late as its 2020-11-24 edition) → the code it
lists now, as pycountry 26.2.16 has them, and the place's name."""

_PLACES = frozenset(GST_STATES.values())
_INTER_STATE = ("IGST",)
_IN_A_STATE = ("CGST", "SGST")
_IN_A_TERRITORY = ("CGST", "UTGST")


def state(code: object) -> str:
    """``code`` as an Indian State or Union territory (ISO 3166-2:IN, upper-cased), or
    raise [`UnknownJurisdictionError`][commercekit.errors.UnknownJurisdictionError],
    naming today's code for one ISO 3166-2 used to list (``IN-TG`` → ``IN-TS``)."""
    found = code.strip().upper() if isinstance(code, str) else None
    former = FORMER_CODES.get(found or "")
    if former is not None:
        current, name = former
        raise UnknownJurisdictionError(
            code,
            f"{name} is {current!r}: ISO 3166-2:IN no longer lists {found}, and "
            "commercekit uses the codes it lists now",
        )
    if found is None or found not in _PLACES:
        raise UnknownJurisdictionError(
            code, f"an Indian State or Union territory: one of {', '.join(sorted(_PLACES))}"
        )
    return found


def place_on(code: str, on: date) -> str:
    """The State or Union territory that ``code`` (today's place, ISO 3166-2:IN) was
    part of on ``on``: Jammu and Kashmir (``IN-JK``) for Ladakh before 2019-10-31; the
    place itself otherwise. Raises ``NoRuleError`` for Jammu and Kashmir before GST
    reached it on 2017-07-08."""
    found = state(code)
    found = "IN-JK" if found == "IN-LA" and on < LADAKH_SEPARATED else found
    if found == "IN-JK" and on < JK_JOINED:
        raise NoRuleError(
            f"GST in {code} (then the State of Jammu and Kashmir)",
            on,
            f"{JK_JOINED.isoformat()} onwards: the CGST and IGST Acts were extended to "
            "the State by the Ordinances of that day (CGST: 3 of 2017), a week after "
            "the rest of India; before, its own taxes applied",
        )
    return found


def gst_taxes(code: str, on: date) -> tuple[str, ...]:
    """The GST taxes of a supply taxed at ``code`` on ``on``: ``IN`` (inter-State)
    pays IGST; a State's code (intra-State) CGST and SGST; a Union territory without a
    legislature, on that day, CGST and UTGST."""
    if code == "IN":
        return _INTER_STATE
    territory = place_on(code, on) in UT_WITHOUT_LEGISLATURE
    return _IN_A_TERRITORY if territory else _IN_A_STATE


@context_free
def gstin_state(gstin: TaxId | str) -> str:
    """The State or Union territory a GSTIN is registered in, as its ISO 3166-2 code.

    ``gstin`` is a [`TaxId`][commercekit.tax.TaxId] of the ``GSTIN`` scheme or the
    number as text, checked with python-stdnum (15 characters: the GST State code, the
    holder's PAN, the registration's number, ``Z`` and a check character). Raises
    [`InvalidTaxIdError`][commercekit.errors.InvalidTaxIdError] for anything else.

    Examples:
        >>> gstin_state(validate_tax_id("29AAPFU0939F1ZR", country="IN"))
        'IN-KA'
        >>> gstin_state("DE136695976")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidTaxIdError: 'DE136695976' is not a valid IN ...
    """
    if isinstance(gstin, TaxId):
        if gstin.country != "IN":
            raise InvalidTaxIdError(
                str(gstin), gstin.country, "it is not a GSTIN (an Indian GST number)"
            )
        number = gstin.number
    else:
        number = validate_tax_id(gstin, "IN").number
    found = GST_STATES.get(number[:2])
    if found is None:  # 97 (other territory), 99 (centre jurisdiction)
        raise InvalidTaxIdError(
            number, "IN", f"its State code {number[:2]} is not a State or Union territory"
        )
    return found
