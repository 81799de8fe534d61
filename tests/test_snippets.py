"""Every snippet runs alone, as a reader would run it, and its assertions hold."""

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT, question_pages, snippets

INCLUDE = re.compile(r'^\s*--8<--\s+"(snippets/[^":]+\.py)(?::[\w-]+)?"', re.MULTILINE)
SNIPPET_SECONDS = 30


def run_alone(snippet: Path) -> subprocess.CompletedProcess:
    """Run a snippet exactly as a reader would: `python snippets/...`, nothing cached."""
    environment = dict(os.environ, MPLBACKEND="Agg", OMP_NUM_THREADS="1")
    try:
        return subprocess.run(
            [sys.executable, str(snippet)], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=SNIPPET_SECONDS
        )
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess([str(snippet)], returncode=-1, stdout="", stderr=f"timed out after {SNIPPET_SECONDS} s")


@pytest.fixture(scope="session")
def standalone_runs() -> dict[Path, subprocess.CompletedProcess]:
    """Every snippet run alone, several at a time (one per core), once per test session."""
    with ThreadPoolExecutor(max_workers=len(os.sched_getaffinity(0))) as pool:
        return dict(zip(snippets(), pool.map(run_alone, snippets())))


@pytest.mark.parametrize("snippet", snippets(), ids=lambda path: path.as_posix())
def test_snippet_runs_and_its_assertions_hold(snippet, standalone_runs):
    result = standalone_runs[snippet]
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
