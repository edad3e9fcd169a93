"""A customs broker's review of the excise goods at the border (issue 18).

Sources: Directive 2006/112/EC Art. 2(3) and 369l; Council Regulation (EC) No
1186/2009 Art. 23-24 (before 2026-07-01); Agencia Tributaria, "Import and Export
Manual for low value shipments", 2.2.1.2 j) (one IOSS number per declaration).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commercekit.cli import main

EXAMPLES = Path(__file__).parents[1] / "src/commercekit/examples"


@pytest.mark.parametrize(
    ("facts", "said"),
    [
        ({"excise": "alcohol"}, "and the tax category 'clothing' says none"),
        ({"hs_code": "2204.21"}, "and the tax category 'clothing' says none"),
    ],
)
def test_a_products_disagreeing_kind_is_said_in_the_requests_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], facts: dict[str, str], said: str
) -> None:
    """A JSON product has a "tax_category", not a "category": the refusal says which."""
    request = json.loads((EXAMPLES / "nl-to-gb-consumer.json").read_text())
    sku = next(iter(request["products"]))
    product = request["products"][sku]
    product.pop("hs_code")
    product.update(tax_category="clothing", **facts)
    (tmp_path / "r.json").write_text(json.dumps(request))
    assert main(["quote", str(tmp_path / "r.json")]) != 0
    err = capsys.readouterr().err
    assert said in err
    assert " category '" not in err.replace("tax category '", "")
