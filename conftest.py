"""Test-suite wiring shared by every test, doctest and docs example.

* Hypothesis profiles: ``dev`` (few examples, the default for local runs) and ``ci``
  (many; chosen when the ``CI`` environment variable is set, as it is in ``.ci/run``).
  Override with ``HYPOTHESIS_PROFILE=...``.
* Docstring examples may use ``date``, ``Decimal``, ``Money`` and ``rate_for`` without
  importing them (a doctest sees only its own module's names otherwise).
* Sybil runs every ``python`` code block in ``README.md`` and ``docs/*.md``: blocks that
  start with ``>>>`` are checked as doctests, others are executed, sharing one namespace
  per page.
"""

from __future__ import annotations

import doctest
import os
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser

from commercekit.money import Money
from commercekit.tax import rate_for

settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile(
    "ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(
            doctest_optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        )
    ],
    patterns=["README.md", "docs/*.md"],
).pytest()


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace.update(date=date, Decimal=Decimal, Money=Money, rate_for=rate_for)
