"""No page shows a reader markup that was meant to be rendered: checked on the text of every built
page as a browser shows it, code and typeset formulas left out."""

import re
from pathlib import Path

from bs4 import BeautifulSoup

# What each pattern catches, and the Markdown that produced it.
UNRENDERED = {
    "key syntax (++key++) without pymdownx.keys": re.compile(r"\+\+[\w-]+(?:\+[\w-]+)*\+\+"),
    "display formula ($$) that Arithmatex did not take": re.compile(r"\$\$"),
    "LaTeX command outside a formula": re.compile(r"\\(?:frac|sum|mathbb|mathrm|left|right|sqrt|beta|alpha|gamma|lambda|sigma|mu|theta|top|cdot|log|exp)\b"),
    "snippet include (--8<--)": re.compile(r"--8<--"),
    "block syntax (///)": re.compile(r"^\s*///", re.MULTILINE),
    "attribute list ({: ...} or { .class })": re.compile(r"\{\s*[:.#][\w-]"),
    "stray braces ({...})": re.compile(r"\{[^{}\n]{0,80}\}"),
}
# Elements whose text is code, typeset maths or machine data, not prose.
NOT_PROSE = "pre, code, script, style, .arithmatex, .katex, .highlight, .jp-InputArea, .jp-OutputArea, svg"


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.select(NOT_PROSE):
        node.decompose()
    for hidden in soup.select("[hidden], .md-search, .md-sidebar, .md-header"):
        hidden.decompose()
    return soup.get_text("\n")


def unrendered_markup(html: str) -> list[str]:
    text = visible_text(html)
    problems = []
    for what, pattern in UNRENDERED.items():
        for match in pattern.finditer(text):
            start = max(0, match.start() - 40)
            context = " ".join(text[start : match.end() + 40].split())
            problems.append(f"{what}: …{context}…")
    return problems


def test_no_page_shows_unrendered_markup(site: Path):
    found = []
    for page in sorted(site.rglob("*.html")):
        for problem in unrendered_markup(page.read_text(encoding="utf-8")):
            found.append(f"{page.relative_to(site).as_posix()}: {problem}")
    assert not found, f"{len(found)} pieces of unrendered markup:\n" + "\n".join(found[:60])


def test_the_check_sees_indented_display_formulas_and_raw_keys():
    raw = "<ul><li><p>A list item. $$ \\beta + \\gamma \\, \\frac{a}{b} $$</p></li></ul><p>press ++slash++</p>"
    problems = " ".join(unrendered_markup(raw))
    assert "display formula" in problems and "LaTeX command" in problems and "key syntax" in problems
    typeset = '<p><span class="arithmatex">\\(\\frac{a}{b}\\)</span> and <kbd class="key-slash">/</kbd></p>'
    assert unrendered_markup(typeset) == []
