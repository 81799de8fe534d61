"""Practice downloads: a notebook of every question's snippet, which runs top to bottom, and for
every coding drill an exercise that fails until the reader writes the solution."""

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, built, heading_text, question_pages
from nbclient import NotebookClient

DRILLS = [page for page in question_pages() if page.parent.name == "ml-coding"]
# A few notebooks of different topics run in full; all of them are checked for shape.
RUN_SAMPLE = ["evaluation/roc-auc", "llms/decoding-strategies", "ml-coding/softmax-cross-entropy"]


def download_links(site: Path, page: Path) -> dict[str, Path]:
    html = built(site, page)
    links = {}
    for link in html.select(".question-actions a.question-download"):
        kind = "exercise" if link["href"].endswith("-exercise.py") else "notebook"
        assert link.has_attr("download"), f"{page.stem}: the {kind} link does not download"
        links[kind] = (site / page.relative_to(ROOT / "docs").with_suffix("") / link["href"]).resolve()
    return links


@pytest.mark.parametrize("page", question_pages(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_question_with_a_snippet_offers_its_notebook_titled_with_the_question(site, page):
    links = download_links(site, page)
    assert "notebook" in links, f"{page.stem}: no notebook download"
    book = nbformat.read(links["notebook"], as_version=4)
    nbformat.validate(book)
    title = heading_text(built(site, page).find("h1"))
    assert book.cells[0].cell_type == "markdown" and book.cells[0].source.startswith(f"# {title}\n")
    assert sum(cell.cell_type == "code" for cell in book.cells) >= 2, "the snippet's # %% cells are the notebook's cells"
    assert "--8<--" not in json.dumps(book), "section markers are the site's, not the reader's"


@pytest.mark.parametrize("slug", RUN_SAMPLE)
def test_a_notebook_runs_top_to_bottom_on_the_pinned_requirements(site, slug, tmp_path):
    page = ROOT / "docs" / "questions" / f"{slug}.md"
    book = nbformat.read(download_links(site, page)["notebook"], as_version=4)
    NotebookClient(book, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [output for cell in book.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    assert any(output.output_type == "stream" for output in outputs), "the notebook printed its results"


@pytest.mark.parametrize("page", DRILLS, ids=lambda p: p.stem)
def test_the_exercise_fails_every_test_until_solved_and_the_published_solution_passes_them(site, page, tmp_path):
    exercise = download_links(site, page)["exercise"]
    alone = tmp_path / exercise.name  # a reader's folder: no shared helper beside it
    alone.write_bytes(exercise.read_bytes())
    stub = subprocess.run([sys.executable, str(alone)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    reported = re.findall(r"^(pass|FAIL)  (test_\w+)", stub.stdout, re.MULTILINE)
    assert stub.returncode != 0 and reported, f"{exercise.name} should fail:\n{stub.stdout}\n{stub.stderr}"
    assert all(result == "FAIL" for result, _ in reported), f"{exercise.name}: a test passes with no implementation:\n{stub.stdout}"

    snippet = ROOT / "snippets" / "ml-coding" / f"{page.stem}.py"
    solved = subprocess.run([sys.executable, str(snippet)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert solved.returncode == 0, solved.stdout + solved.stderr
    assert [name for _, name in re.findall(r"^(pass)  (test_\w+)", solved.stdout, re.MULTILINE)] == [name for _, name in reported]
