"""Builds are reproducible: the same sources give byte-identical sites and snippet outputs."""

import filecmp

from conftest import ROOT, run_mkdocs
from snippet_engine import SnippetEngine

FIGURE_SNIPPET = "snippets/statistics/bayes-theorem.py"


def differing_files(first, second) -> list[str]:
    comparison = filecmp.dircmp(first, second)
    found = [f"{comparison.left}/{name}" for name in comparison.diff_files + comparison.left_only + comparison.right_only]
    for sub in comparison.subdirs.values():
        found += differing_files(sub.left, sub.right)
    return found


def test_two_clean_builds_are_byte_identical(project, site):
    second = project / "second-site"
    result = run_mkdocs(project, "build", "--site-dir", str(second))
    assert result.returncode == 0, result.stderr
    filecmp.clear_cache()
    assert differing_files(site, second) == []


def test_a_snippet_run_twice_from_scratch_gives_identical_bytes(tmp_path):
    runs = []
    for attempt in ("first", "second"):
        engine = SnippetEngine(ROOT, cache_dir=tmp_path / attempt)
        (result,) = engine.run_all([ROOT.joinpath(FIGURE_SNIPPET).relative_to(ROOT)])
        assert result.executed and result.figures
        runs.append((result.stdout, [figure.file.read_bytes() for figure in result.figures]))
    assert runs[0] == runs[1]
