"""What a type checker sees of the errors made on first use (PEP 562).

``Invalid<Package><Kind>Error`` are made when first asked for, so a type checker
reads them through ``commercekit.errors.__getattr__``: a program checked with
``mypy --strict`` must still be able to catch one and to read ``PACKAGE_KIND_ERRORS``
as the table it is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

SRC = Path(__file__).resolve().parent.parent / "src"

PROGRAM = """
from commercekit.errors import PACKAGE_KIND_ERRORS, InvalidInventoryChoiceError

try:
    pass
except InvalidInventoryChoiceError as error:
    print(error)
for name, cls in PACKAGE_KIND_ERRORS.items():
    print(name, cls.kind)
"""


def test_a_typed_program_catches_an_error_made_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``except InvalidInventoryChoiceError`` and ``PACKAGE_KIND_ERRORS.items()``
    pass ``mypy --strict`` in a caller's program."""
    monkeypatch.setenv("MYPYPATH", str(SRC))  # this tree's commercekit
    program = tmp_path / "program.py"
    program.write_text(PROGRAM)
    out, err, status = api.run(
        [
            "--strict",
            "--no-incremental",
            "--follow-imports=silent",
            "--cache-dir=/dev/null",
            str(program),
        ]
    )
    assert status == 0, out + err
