"""The built documentation site: ``mkdocs build --strict`` into a temporary directory,
then the pages' HTML read back.

* The copy button is on (Material's ``content.code.copy``), and copies an example's
  code alone: each Python console block (``>>>``), on the pages and in the API
  reference's docstrings, and each shell session (``$``) carries the code its button
  copies (``data-copy``, written by ``docs/copy_code.py``), without prompts or output;
  the prompt and output spans cannot be selected by hand (``stylesheets/copy.css``).

What a browser then does with these (the click that copies) is not run here.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mkdocs")
pytest.importorskip("material")

ROOT = Path(__file__).resolve().parent.parent
_BLOCK = re.compile(
    r'<div class="[^"]*\bhighlight\b[^"]*"(?P<attributes>[^>]*)><pre>(?:<span></span>)?'
    r"<code>(?P<code>.*?)</code></pre></div>",
    re.S,
)
_COPY = re.compile(r'data-copy="(?P<text>[^"]*)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = tmp_path_factory.mktemp("site")
    subprocess.run(  # noqa: S603  # our own interpreter, our own mkdocs.yml
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(built)],
        cwd=ROOT,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return built


def _page(site: Path, name: str) -> str:
    return (site / name / "index.html" if name else site / "index.html").read_text("utf-8")


def _copied(attributes: str) -> str | None:
    found = _COPY.search(attributes)
    return html.unescape(found["text"]) if found else None


def test_the_copy_button_is_on_with_its_stylesheet_and_script(site: Path) -> None:
    home = _page(site, "")
    assert '"content.code.copy"' in home  # Material's __config, read by its script
    assert 'href="stylesheets/copy.css"' in home
    assert 'src="javascripts/copy-code.js"' in home
    css = (site / "stylesheets" / "copy.css").read_text("utf-8")
    assert re.search(
        r"\.highlight \.gp,\s*\.highlight \.go,[^{]*\{[^}]*user-select: none", css
    )
    assert "data-clipboard-text" in (site / "javascripts" / "copy-code.js").read_text()


def test_the_home_page_example_copies_its_code_alone(site: Path) -> None:
    blocks = [b for b in _BLOCK.finditer(_page(site, "")) if '"gp"' in b["code"]]
    assert len(blocks) == 1
    code = blocks[0]["code"]
    assert '<span class="gp">&gt;&gt;&gt; </span>' in code  # a console session
    assert """<span class="go">(Money('4.20', 'EUR')""" in code  # its output
    assert _copied(blocks[0]["attributes"]) == (
        "from decimal import Decimal\n"
        "from commercekit.money import Money, round_money, split\n"
        'net = Money("19.99", "EUR")\n'
        'vat = round_money(net * Decimal("0.21"))\n'
        "vat, net + vat\n"
        "split(net + vat, 4)\n"
    )


def test_a_shell_session_copies_its_commands_alone(site: Path) -> None:
    copied = [_copied(b["attributes"]) for b in _BLOCK.finditer(_page(site, "cli"))]
    assert "commercekit example\ncommercekit example nl-to-gb-consumer\n" in copied


def test_every_console_block_copies_without_prompts_or_output(site: Path) -> None:
    seen = 0
    for page in site.rglob("*.html"):
        for block in _BLOCK.finditer(page.read_text("utf-8")):
            code = block["code"]
            assert not code.startswith('<span class="o">&gt;&gt;&gt;</span>'), (
                f"{page}: a doctest block not highlighted as a console session"
            )
            if not code.startswith('<span class="gp">'):
                continue
            seen += 1
            copied = _copied(block["attributes"])
            assert copied, f"{page}: a console block without data-copy"
            assert not re.search(r"^(>>>|\.\.\. |\$ )", copied, re.M), (page, copied)
    assert seen > 100  # the pages' examples and the API reference's


# --- the API reference, one page per package ------------------------------------------

PACKAGES = ("money", "regions", "tax", "pricing", "shipping", "inventory", "loyalty")
PACKAGES += ("metrics", "checkout", "batch", "serde", "service", "errors")
_API_LINK = re.compile(r'href="(?P<path>[^"#:]*)#(?P<id>commercekit\.[^"]*)"')


def test_each_package_has_its_reference_page(site: Path) -> None:
    for package in PACKAGES:
        page = _page(site, f"reference/{package}")
        assert f'<h1 id="commercekit.{package}"' in page, package
    overview = _page(site, "reference")
    assert all(f'href="{package}/"' in overview for package in PACKAGES)


def test_no_page_links_to_the_old_single_reference_page() -> None:
    for source in (ROOT / "README.md", *(ROOT / "docs").glob("*.md")):
        assert "reference.md" not in source.read_text("utf-8"), source.name


def test_every_link_into_the_reference_finds_its_anchor(site: Path) -> None:
    """Every link to an API object (``#commercekit.…``), from any page, the reference's
    own included, reaches a page that has that anchor."""
    ids: dict[Path, set[str]] = {}
    links = 0
    for page in site.rglob("*.html"):
        for link in _API_LINK.finditer(page.read_text("utf-8")):
            target = (page.parent / link["path"]).resolve()
            target = target / "index.html" if target.is_dir() else target
            if target not in ids:
                ids[target] = set(re.findall(r'id="([^"]+)"', target.read_text("utf-8")))
            assert link["id"] in ids[target], f"{page.relative_to(site)}: {link[0]}"
            links += 1
    assert links > 500
    assert {target.parent.name for target in ids} >= set(PACKAGES)
    # the cross-references the narrative pages make, in the reference's new places
    assert 'href="../reference/checkout/#commercekit.checkout.quote"' in _page(site, "json")
    assert 'href="../reference/service/#commercekit.service.run"' in _page(site, "service")


# --- the home page --------------------------------------------------------------------


def test_the_home_page_leads_to_the_tutorial_json_and_plugin_pages_first() -> None:
    top = (ROOT / "docs" / "index.md").read_text("utf-8").partition("\n## ")[0]
    for target in ("checkout.md", "json.md", "other-languages.md", "service.md", "cli.md"):
        assert f"]({target})" in top, target


# --- the earnings page ----------------------------------------------------------------


def test_the_earnings_page_shows_its_books_and_their_chart(site: Path) -> None:
    """The build includes the sections of docs/earnings_shop.py the page names, and the
    hook's chart of its products in place of the marker."""
    page = _page(site, "earnings")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "--8<--" not in text  # every snippet was included, no marker left behind
    assert "def order_line(sale: Sale) -> OrderLine:" in text
    assert 'CATALOG = {\n    "MUG": Product(eur("19.95")' in text
    assert "commercekit:earnings-plot" not in page
    for product in ("MUG", "TEE", "TOTE", "APRON", "VASE"):
        assert f'<g data-product="{product}"' in page
