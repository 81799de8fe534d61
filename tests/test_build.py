"""The strict build passes, and what it writes is what a reader needs on every question page."""

import platform
import re

import pytest
from bs4 import BeautifulSoup
from conftest import ANSWER_SECTIONS, ROOT, built, heading_text, question_pages
from mkdocs.utils.meta import get_data


@pytest.mark.parametrize("page", question_pages(), ids=lambda p: p.stem)
def test_question_page_hides_its_answer_and_shows_executed_output(site, page):
    html = built(site, page)
    front_matter = get_data(page.read_text(encoding="utf-8"))[1]

    answer = html.select_one("details#answer.answer")
    assert answer is not None, "no collapsible answer with id 'answer'"
    assert not answer.has_attr("open"), "the answer must be closed when the page loads"
    assert answer.find("summary").get_text(strip=True) == "Show answer"
    headings = [h.get_text(strip=True).rstrip("¶") for h in answer.find_all("h2")]
    assert headings == ANSWER_SECTIONS, headings

    outputs = answer.select(".snippet-output pre")
    assert outputs and all(o.get_text(strip=True) for o in outputs), "no executed output inside the answer"
    provenance = answer.select_one(".snippet-provenance")
    assert provenance is not None, "the answer does not say what its output ran on"
    assert f"Python {platform.python_version()}" in provenance.get_text(), provenance.get_text()
    for image in answer.select("img.snippet-figure"):
        target = (site / page.relative_to(ROOT / "docs").with_suffix("") / image["src"]).resolve()
        assert target.is_file() and target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"missing figure {image['src']}"
        assert image.get("alt", "").strip(), "a figure without alt text"

    description = html.find("meta", attrs={"name": "description"})
    assert description is not None and description["content"] == front_matter["summary"]
    assert heading_text(html.find("h1")).endswith(("?", "."))


def test_at_least_five_questions_show_a_figure(site):
    with_figures = [p for p in question_pages() if built(site, p).select("details#answer img.snippet-figure")]
    assert len(with_figures) >= 5, f"only {len(with_figures)} question pages have figures"


def test_topic_pages_list_every_question_with_its_difficulty_and_short_answer(site):
    for page in question_pages():
        topic_index = built(site, page.parent / "index.md")
        listed = {
            heading_text(item.find("a")): item
            for item in topic_index.select("article .topic-questions .topic-question")
        }
        title = heading_text(built(site, page).find("h1"))
        difficulty = get_data(page.read_text(encoding="utf-8"))[1]["difficulty"]
        assert title in listed, f"{page.name} missing from its topic page"
        assert listed[title]["data-difficulty"] == difficulty
        short_answer = listed[title].select_one("details.topic-answer")
        assert short_answer is not None and not short_answer.has_attr("open")
        assert len(short_answer.get_text(" ", strip=True).split()) > 15


def test_difficulty_page_lists_questions_under_their_difficulty(site):
    html = BeautifulSoup((site / "difficulty" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for page in question_pages():
        level = get_data(page.read_text(encoding="utf-8"))[1]["difficulty"]
        section = html.find("h2", id=level).find_next("ul")
        listed = [heading_text(link) for link in section.find_all("a")]
        assert heading_text(built(site, page).find("h1")) in listed, f"{page.name} is not under {level}"


def test_lab_notebook_is_executed_and_downloadable(site):
    lab = site / "labs" / "cross-validation-lab"
    html = BeautifulSoup((lab / "index.html").read_text(encoding="utf-8"), "html.parser")
    outputs = html.select(".jp-OutputArea-output")
    assert outputs, "the lab shows no executed output"
    assert not html.select(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr'] .ansi-red-fg")
    download = html.find("a", href=re.compile(r"cross-validation-lab\.ipynb$"))
    assert download is not None, "no link to download the notebook"
    assert (lab / download["href"]).resolve().is_file()


def test_snippets_never_become_pages(site):
    # The drills' exercises are downloads, not pages; no other .py file is published.
    published = [p for p in site.rglob("*.py") if not (p.parent.parent.name == "downloads" and p.name.endswith("-exercise.py"))]
    assert not published, f"a .py file was published: {published[:3]}"
    assert not (site / "snippets").exists()


def test_footer_states_the_licences(site):
    footer = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").find("footer")
    text = footer.get_text(" ", strip=True)
    assert "CC BY 4.0" in text and "MIT" in text


def test_glossary_lists_every_abbreviation_and_pages_explain_them(site):
    glossary = BeautifulSoup((site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    listed = {row.find("td").get_text(strip=True) for row in glossary.select("article table tbody tr")}
    defined = set(re.findall(r"^\*\[([^\]]+)\]:", (ROOT / "includes" / "abbreviations.md").read_text(), re.MULTILINE))
    assert listed == defined
    page = built(site, ROOT / "docs" / "questions" / "data-preparation" / "imbalanced-data.md")
    assert page.find("abbr", title="Area under the curve") is not None

