"""What a person sees, in a real Chromium driven by Playwright against the built site."""

from urllib.parse import urlsplit

import pytest
from conftest import question_pages
from playwright.sync_api import expect
from search_cost import wait_for_results

QUESTION = "/questions/evaluation/stratified-cross-validation/"
QUESTION_TITLE = "What is stratified cross-validation and when should you use it?"


def test_answer_is_hidden_on_load_and_shown_on_click(page):
    page.goto(QUESTION)
    answer = page.locator("details#answer")
    short_answer = answer.locator("h2#short-answer")
    expect(page.locator("h1")).to_have_text(QUESTION_TITLE + "¶")
    expect(answer).not_to_have_attribute("open", "")
    expect(short_answer).to_be_hidden()

    answer.locator("summary").click()
    expect(short_answer).to_be_visible()
    expect(answer.locator(".snippet-output").first).to_be_visible()
    expect(answer.locator("img.snippet-figure").first).to_be_visible()


def test_on_a_phone_the_question_comes_first_and_its_tools_after_the_answer(browser, site_url):
    phone = browser.new_context(base_url=site_url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(QUESTION)
    first_screen = [page.locator("h1"), page.locator(".question-meta"), page.locator("details#answer > summary")]
    for part in first_screen:
        box = part.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, f"{part} is below the first screen: {box}"
    assert page.locator(".question-actions").bounding_box()["y"] > page.locator("details#answer").bounding_box()["y"]
    expect(page.locator("article nav.md-tags")).to_be_hidden()
    expect(page.locator("nav.question-tags")).to_contain_text("Evaluation")
    phone.close()


def test_answer_toggles_with_the_keyboard(page):
    page.goto(QUESTION)
    summary = page.locator("details#answer > summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h2#short-answer")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("h2#short-answer")).to_be_hidden()


@pytest.mark.parametrize("fragment", ["answer", "pitfalls-and-what-strong-candidates-add"])
def test_deep_link_into_the_answer_opens_it_and_scrolls_to_it(page, fragment):
    page.goto(f"{QUESTION}#{fragment}")
    expect(page.locator("details#answer")).to_have_attribute("open", "")
    target = page.locator(f"#{fragment}")
    expect(target).to_be_visible()
    expect(target).to_be_in_viewport()


def test_printing_a_page_prints_its_answer(page):
    page.goto(QUESTION)
    expect(page.locator("h2#short-answer")).to_be_hidden()
    # Record, while the page is being printed, whether the answer is laid out on paper.
    page.evaluate(
        """() => window.addEventListener("beforeprint", () => {
            const heading = document.querySelector("details#answer h2#short-answer");
            window.answerPrinted = heading.getClientRects().length > 0;
        })"""
    )
    page.pdf()
    assert page.evaluate("window.answerPrinted") is True
    expect(page.locator("h2#short-answer")).to_be_hidden()  # closed again after printing


def test_search_for_stratified_lists_that_question(page):
    page.goto("/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("stratified", delay=20)
    results = page.locator(".md-search-result__item h1")
    # The index is built in a web worker on first use; on a busy machine that takes a while.
    expect(results.filter(has_text=QUESTION_TITLE).first).to_be_visible(timeout=30_000)
    titles = results.all_inner_texts()
    assert QUESTION_TITLE in titles[:3], titles


def test_palette_toggles_between_light_and_dark(page):
    page.emulate_media(color_scheme="light")
    page.goto("/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    toggle = page.locator("label[for^='__palette']:visible")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()  # the reader's choice is remembered
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


# One page of every kind: home, question, topic, notebook, tags, difficulty, glossary, sheet, 404.
@pytest.mark.parametrize(
    "path",
    ["/", QUESTION, "/questions/evaluation/", "/labs/cross-validation-lab/", "/tags/", "/difficulty/", "/glossary/", "/interview-sheet/", "/no-such-page/"],
)
def test_no_request_leaves_the_site(page, site_url, path):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc or urlsplit(request.url).scheme))
    page.goto(path, wait_until="networkidle")
    if path == QUESTION:
        page.locator("details#answer > summary").click()
        page.wait_for_load_state("networkidle")
    assert hosts <= {urlsplit(site_url).netloc, "data", "blob"}, hosts


def test_formulas_are_typeset_by_the_sites_own_katex(page):
    with_display_math = next(p for p in question_pages() if "\n$$\n" in p.read_text(encoding="utf-8"))
    page.goto(f"/questions/{with_display_math.parent.name}/{with_display_math.stem}/#answer")
    formula = page.locator("details#answer .arithmatex").first
    expect(formula.locator(".katex").first).to_be_visible()
    assert "\\(" not in formula.inner_text() and "\\[" not in formula.inner_text()


def test_search_code_and_index_load_only_when_the_reader_searches(page):
    requested = []
    page.on("request", lambda request: requested.append(request.url.split("?")[0]))
    page.goto("/", wait_until="networkidle")
    assert not [url for url in requested if "/search" in url], requested
    page.locator(".md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("dropout", delay=20)
    expect(page.locator(".md-search-result__item h1 mark").filter(has_text="dropout").first).to_be_visible(timeout=30_000)
    assert [url for url in requested if url.endswith("/assets/search.js")], requested
    assert [url for url in requested if url.endswith("/search/shards.json")], requested
    # A file or two of index words, not the whole index; Material's worker never loads.
    assert 1 <= len({url for url in requested if "/terms-" in url}) <= 2, requested
    assert not [url for url in requested if "/workers/search." in url], requested


def test_enter_in_the_search_box_opens_the_first_result(page):
    page.goto("/")
    page.locator(".md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("mean absolute error", delay=20)
    wait_for_results(page, "mean absolute error")
    first = page.locator(".md-search-result__item > a.md-search-result__link").first.get_attribute("href")
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url(first)


def test_search_result_opens_with_the_words_highlighted_and_works_by_keyboard(page):
    page.goto("/")
    page.locator(".md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("mean absolute error", delay=20)
    first = page.locator(".md-search-result__item").first
    expect(first.locator("h1")).to_contain_text("MAE", timeout=30_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/questions/evaluation/regression-metrics/?h=*")
    expect(page.locator("article mark[data-md-highlight]")).not_to_have_count(0)
