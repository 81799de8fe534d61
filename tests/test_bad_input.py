"""Bad input stops the build with a message naming the file, and nothing is published.

Each case breaks a temporary copy of the project (with a copy of the warm execution cache, so
only the broken part runs).
"""

import json
import re
from pathlib import Path

import pytest
from conftest import run_mkdocs

QUESTION = "docs/questions/evaluation/stratified-cross-validation.md"


def add_snippet(project: Path, body: str) -> str:
    """A new snippet, included by an existing question page; returns its path."""
    path = "snippets/evaluation/stratified-cross-validation-broken.py"
    (project / path).write_text(body, encoding="utf-8")
    page = project / QUESTION
    page.write_text(page.read_text(encoding="utf-8").replace(
        "## Pitfalls", f'```python\n--8<-- "{path}"\n```\n\n## Pitfalls', 1), encoding="utf-8")
    return path


def build_fails(project: Path, **env) -> str:
    site = project / "site"
    result = run_mkdocs(project, "build", "--site-dir", str(site), env=env)
    assert result.returncode != 0, "the build passed"
    assert not list(site.rglob("*.html")), "a failed build left pages behind"
    return result.stderr


def test_snippet_that_raises_stops_the_build_with_file_line_and_traceback(project):
    path = add_snippet(project, 'print("starting")\nratio = 1 / 0\n')
    log = build_fails(project)
    assert f"{path}:2: snippet failed: ZeroDivisionError: division by zero" in log
    assert "Traceback (most recent call last)" in log


def test_snippet_that_hangs_is_stopped_at_the_timeout(project):
    path = add_snippet(project, "import time\n\nwhile True:\n    time.sleep(0.1)\n")
    log = build_fails(project, SNIPPET_TIMEOUT="3")
    assert re.search(rf"{re.escape(path)}:4: snippet timed out after 3 s", log), log


def test_missing_snippet_path_stops_the_build(project):
    page = project / QUESTION
    page.write_text(page.read_text(encoding="utf-8").replace(
        "snippets/evaluation/stratified-cross-validation.py", "snippets/evaluation/no-such-file.py"), encoding="utf-8")
    log = build_fails(project)
    assert "questions/evaluation/stratified-cross-validation.md" in log
    assert "snippets/evaluation/no-such-file.py" in log


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ("difficulty: easy", "difficulty: trivial", ":5: unknown difficulty 'trivial'"),
        ("difficulty: easy\n", "", ":1: front matter lacks 'difficulty'"),
        ("summary: Stratified", "summary: Note: stratified", ":6: front matter is not valid YAML"),
    ],
    ids=["unknown-difficulty", "missing-difficulty", "invalid-yaml"],
)
def test_bad_front_matter_stops_the_build_naming_file_and_line(project, replace, by, message):
    page = project / QUESTION
    page.write_text(page.read_text(encoding="utf-8").replace(replace, by, 1), encoding="utf-8")
    log = build_fails(project)
    assert f"docs/{QUESTION.removeprefix('docs/')}{message}" in log, log


def test_broken_link_fails_the_strict_build_and_publishes_nothing(project):
    page = project / QUESTION
    page.write_text(page.read_text(encoding="utf-8") + "\n[gone](../nowhere/missing.md)\n", encoding="utf-8")
    log = build_fails(project)
    assert "questions/evaluation/stratified-cross-validation.md" in log and "nowhere/missing.md" in log


def test_lab_notebook_cell_that_raises_stops_the_build(project):
    lab = project / "docs" / "labs" / "cross-validation-lab.ipynb"
    notebook = json.loads(lab.read_text(encoding="utf-8"))
    code_cell = next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")
    code_cell["source"] = ["raise RuntimeError('broken lab')\n"]
    lab.write_text(json.dumps(notebook), encoding="utf-8")
    log = build_fails(project)
    assert "labs/cross-validation-lab.ipynb" in log and "broken lab" in log
