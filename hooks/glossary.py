"""MkDocs hook: the glossary page lists the abbreviations that every page shows as tooltips.

Both come from one file, ``includes/abbreviations.md`` (``*[AUC]: Area under the curve`` lines),
which pymdownx.snippets appends to every page; the line ``<!-- glossary -->`` becomes its table.
"""

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

ABBREVIATIONS = Path("includes") / "abbreviations.md"
MARKER = "<!-- glossary -->"
DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>\S.*)$")


def read_abbreviations(path: Path) -> dict[str, str]:
    terms = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = DEFINITION.match(line)
        if match is None:
            raise PluginError(f"{ABBREVIATIONS.as_posix()}:{number}: expected '*[TERM]: meaning', got {line!r}")
        if match["term"] in terms:
            raise PluginError(f"{ABBREVIATIONS.as_posix()}:{number}: {match['term']} is defined twice")
        terms[match["term"]] = match["meaning"]
    return terms


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    if MARKER not in markdown:
        return markdown
    terms = read_abbreviations(Path(config.config_file_path).parent / ABBREVIATIONS)
    rows = [f"| {term} | {meaning} |" for term, meaning in sorted(terms.items(), key=lambda item: item[0].lower())]
    return markdown.replace(MARKER, "\n".join(["| Abbreviation | Meaning |", "| --- | --- |", *rows]))
