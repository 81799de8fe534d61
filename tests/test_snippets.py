"""Every snippet runs alone, as a reader would run it, and its assertions hold."""

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT, question_pages, snippets

INCLUDE = re.compile(r'^\s*--8<--\s+"(snippets/[^":]+\.py)(?::[\w-]+)?"', re.MULTILINE)
SNIPPET_SECONDS = 30


@pytest.mark.parametrize("snippet", snippets(), ids=lambda path: path.as_posix())
def test_snippet_runs_and_its_assertions_hold(snippet):
    result = subprocess.run(
        [sys.executable, str(snippet)],
        cwd=ROOT,
        env=dict(os.environ, MPLBACKEND="Agg"),
        capture_output=True,
        text=True,
        timeout=SNIPPET_SECONDS,
    )
    assert result.returncode == 0, f"{snippet} failed:\n{result.stderr}"
    assert result.stdout.strip(), f"{snippet} printed nothing; a snippet shows its result"


def test_every_snippet_belongs_to_the_page_of_its_name():
    """snippets/<topic>/<slug>[-part].py is shown on docs/questions/<topic>/<slug>.md."""
    included = {}
    for page in question_pages():
        for path in INCLUDE.findall(page.read_text(encoding="utf-8")):
            included.setdefault(path, []).append(page.relative_to(ROOT).as_posix())
    for snippet in snippets():
        pages = included.get(snippet.as_posix(), [])
        assert pages, f"{snippet} is not included by any question page"
        topic, stem = snippet.parent.name, snippet.stem
        assert all(p.startswith(f"docs/questions/{topic}/") and stem.startswith(p.rsplit("/", 1)[1][:-3]) for p in pages), (
            f"{snippet} is included by {pages}; it belongs to docs/questions/{topic}/{stem}.md"
        )


def test_every_question_page_shows_a_snippet():
    for page in question_pages():
        assert INCLUDE.search(page.read_text(encoding="utf-8")), f"{page.relative_to(ROOT)} includes no snippet"
