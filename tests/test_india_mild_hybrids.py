"""A hybrid car of compensation cess S. No. 47 or 48 has "both [an engine] and electric
motor as motors for propulsion" (5/2017-Compensation Cess (Rate), as reproduced by
app.ikargos.com and eximguru.com). The Haryana Authority for Advance Ruling read the
words as requiring the electric motor to be able to propel the car on its own, and held
three mild hybrids of 1248 cc (an integrated starter generator of about 1.8 kW that
assists the engine) outside S. No. 48 (In re Maruti Suzuki India Ltd.,
HAR/HAAR/R/2018-19/22, 25 Oct 2018, as reproduced by taxguru.in; official: no). So a
mild hybrid is rated by its engine, and a caller who says only "hybrid" is told so.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from commercekit.errors import MissingDataError
from commercekit.tax import RateFacts, fact_rates

RULING = date(2018, 10, 25)


def test_a_bare_hybrid_is_told_a_mild_hybrid_is_rated_by_its_engine() -> None:
    with pytest.raises(MissingDataError) as refused:
        fact_rates("IN", "motor_cars",
                   RateFacts(propulsion="hybrid", engine_cc=1248, length_mm=4296),
                   on=RULING)  # fmt: skip
    said = str(refused.value)
    assert "mild hybrid" in said
    assert "'diesel'" in said
    assert "on its own" in said


def test_the_ertiga_as_a_mild_hybrid_pays_an_engine_cars_cess() -> None:
    """The ruling's Ertiga (diesel, 1248 cc, 4296 mm) stated as a diesel car: S. No.
    52 (not exceeding 1500 cc, over 4000 mm) 17 %, not S. No. 48 (d)'s 15 %."""
    ertiga = RateFacts(propulsion="diesel", engine_cc=1248, length_mm=4296)
    found = {r.tax: r.rate for r in fact_rates("IN", "motor_cars", ertiga, on=RULING)}
    assert found == {"IGST": Decimal(28), "compensation cess": Decimal(17)}
    as_hybrid = RateFacts(propulsion="diesel_hybrid", engine_cc=1248, length_mm=4296)
    found = {r.tax: r.rate for r in fact_rates("IN", "motor_cars", as_hybrid, on=RULING)}
    assert found == {"IGST": Decimal(28), "compensation cess": Decimal(15)}
