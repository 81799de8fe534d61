"""Sharing a question: link previews, schema.org data, copy-link buttons and the report link."""

import json
import re
import struct
from urllib.parse import parse_qs, urlsplit

import pytest
from check_links import config_value
from conftest import ROOT, built, heading_text, question_pages, run_mkdocs
from mkdocs.utils.meta import get_data
from playwright.sync_api import expect

CONFIG = {key: config_value(ROOT / "mkdocs.yml", key) for key in ("site_url", "repo_url")}


def meta(html, **attributes) -> str:
    tag = html.find("meta", attrs=attributes)
    assert tag is not None, f"no meta {attributes}"
    return tag["content"]


@pytest.mark.parametrize("page", question_pages(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_question_page_previews_well_and_carries_qapage_data(site, page):
    html = built(site, page)
    front_matter = get_data(page.read_text(encoding="utf-8"))[1]
    question = heading_text(html.find("h1"))
    url = CONFIG["site_url"] + page.relative_to(ROOT / "docs").with_suffix("").as_posix() + "/"

    assert html.find("link", rel="canonical")["href"] == url
    assert meta(html, property="og:title") == question
    assert meta(html, property="og:description") == front_matter["summary"]
    assert meta(html, property="og:url") == url
    card = meta(html, property="og:image")
    assert card.startswith(CONFIG["site_url"] + "assets/cards/") and meta(html, name="twitter:image") == card
    card_bytes = (site / card.removeprefix(CONFIG["site_url"])).read_bytes()
    assert card_bytes[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", card_bytes[16:24]) == (1200, 630), "link previews expect 1200 x 630"
    assert meta(html, name="twitter:card") == "summary_large_image"

    scripts = html.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org" and data["@type"] == "QAPage"
    entity = data["mainEntity"]
    # The fields Google's QAPage documentation marks required: Question name, answerCount, an
    # accepted or suggested Answer with text.
    assert entity["@type"] == "Question" and entity["name"] == question
    assert entity["answerCount"] >= 1
    answer = entity["acceptedAnswer"]
    assert answer["@type"] == "Answer" and len(answer["text"].split()) >= 15
    assert answer["url"] == url + "#answer"
    assert not re.search(r"</?[a-z][^>]*>", answer["text"]), "the answer text is plain text"


@pytest.mark.parametrize("page", question_pages()[:1], ids=lambda p: p.stem)
def test_report_link_opens_a_prefilled_issue_naming_the_page(site, page):
    link = built(site, page).select_one("a.question-report")
    parts = urlsplit(link["href"])
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == CONFIG["repo_url"] + "/issues/new"
    query = parse_qs(parts.query)
    source = "docs/" + page.relative_to(ROOT / "docs").as_posix()
    assert heading_text(built(site, page).find("h1")) in query["title"][0]
    assert source in query["body"][0]


@pytest.mark.parametrize(("button", "fragment"), [("Copy link to answer", "#answer"), ("Copy link to question", "")])
def test_copy_link_buttons_copy_a_link_that_opens_the_right_place(browser, site_url, button, fragment):
    context = browser.new_context(base_url=site_url, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/questions/evaluation/stratified-cross-validation/")
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("button", name="Link copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{site_url}/questions/evaluation/stratified-cross-validation/{fragment}"

    other = context.new_page()
    other.goto(copied)
    answer = other.locator("details#answer")
    if fragment:
        expect(answer).to_have_attribute("open", "")
        expect(answer).to_be_in_viewport()
    else:
        expect(answer).not_to_have_attribute("open", "")
        expect(other.locator("h1")).to_be_in_viewport()
    context.close()


def test_report_link_is_on_every_question_in_the_browser(page):
    page.goto("/questions/evaluation/stratified-cross-validation/")
    report = page.get_by_role("link", name="Report a problem with this answer")
    expect(report).to_be_visible()
    href = report.get_attribute("href")
    assert href.startswith(CONFIG["repo_url"] + "/issues/new?")
    assert "stratified-cross-validation.md" in parse_qs(urlsplit(href).query)["body"][0]


def test_a_build_for_another_address_uses_it_everywhere(project):
    """A fork's deploy sets SITE_URL and REPO_URL; canonical links, previews and reports follow."""
    fork = {"SITE_URL": "https://someone.github.io/fork/", "REPO_URL": "https://github.com/someone/fork", "SNIPPET_EXECUTION": "off"}
    result = run_mkdocs(project, "build", "--site-dir", str(project / "fork-site"), env=fork)
    assert result.returncode == 0, result.stderr
    from bs4 import BeautifulSoup

    built_page = project / "fork-site" / "questions" / "evaluation" / "roc-auc" / "index.html"
    html = BeautifulSoup(built_page.read_text(encoding="utf-8"), "html.parser")
    assert html.find("link", rel="canonical")["href"] == "https://someone.github.io/fork/questions/evaluation/roc-auc/"
    assert meta(html, property="og:image").startswith("https://someone.github.io/fork/assets/cards/")
    assert html.select_one(".question-report")["href"].startswith("https://github.com/someone/fork/issues/new?")
