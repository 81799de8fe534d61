"""Interviewer and candidate tools, in a real browser: filters, show all answers, self-test marks,
random question, interview sheets and their print layout, and keyboard use."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

TOPIC = "evaluation"
QUESTION = "questions/evaluation/stratified-cross-validation/"


@pytest.fixture(scope="module")
def questions(site):
    return json.loads((site / "assets" / "questions.json").read_text(encoding="utf-8"))["questions"]


def of_topic(questions, topic=TOPIC):
    return [q for q in questions if q["topic"] == topic]


def test_topic_page_filters_by_difficulty(page, questions):
    page.goto(f"/questions/{TOPIC}/")
    items = page.locator(".topic-question")
    expect(items).to_have_count(len(of_topic(questions)))
    for level in ("easy", "medium", "hard"):
        page.get_by_role("button", name=level, exact=True).click()
        expected = [q["title"] for q in of_topic(questions) if q["difficulty"] == level]
        expect(page.locator(".topic-question:visible")).to_have_count(len(expected))
        for title in expected:
            expect(page.locator(".topic-questions").get_by_role("link", name=title, exact=True)).to_be_visible()
    page.get_by_role("button", name="all", exact=True).click()
    expect(page.locator(".topic-question:visible")).to_have_count(len(of_topic(questions)))


def test_topic_page_shows_and_hides_all_answers(page):
    page.goto(f"/questions/{TOPIC}/")
    answers = page.locator("details.topic-answer")
    expect(answers.first).not_to_have_attribute("open", "")
    page.get_by_role("button", name="Show all answers").click()
    for index in range(answers.count()):
        expect(answers.nth(index)).to_have_attribute("open", "")
    expect(answers.first.locator("p").first).to_be_visible()
    page.get_by_role("button", name="Hide all answers").click()
    for index in range(answers.count()):
        expect(answers.nth(index)).not_to_have_attribute("open", "")


def test_self_test_marks_survive_a_reload_and_show_on_the_topic_page(page, questions):
    page.goto(QUESTION)
    known = page.get_by_role("button", name="I knew it")
    expect(known).to_have_attribute("aria-pressed", "false")
    known.click()
    expect(known).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.get_by_role("button", name="I knew it")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Review again")).to_have_attribute("aria-pressed", "false")

    page.goto(f"/questions/{TOPIC}/")
    expect(page.locator(".topic-progress")).to_have_text(f"1 of {len(of_topic(questions))} questions marked as known.")
    marked = page.locator(".topic-question", has=page.locator(".topic-question__mark--known"))
    expect(marked).to_have_count(1)
    expect(marked.get_by_role("link")).to_have_text(next(q["title"] for q in questions if q["path"] == QUESTION))


def test_random_question_skips_questions_marked_known(page, questions):
    remaining, *known = of_topic(questions)
    page.goto("/")
    page.evaluate(
        "marks => localStorage.setItem('ml-interview-questions:marks', JSON.stringify(marks))",
        {q["path"]: "known" for q in known},
    )
    page.goto(f"/questions/{TOPIC}/")
    page.get_by_role("button", name="Random question from this topic").click()
    expect(page).to_have_url(f"{urlsplit(page.url).scheme}://{urlsplit(page.url).netloc}/{remaining['path']}")

    page.evaluate("path => { const m = JSON.parse(localStorage.getItem('ml-interview-questions:marks')); m[path] = 'known'; localStorage.setItem('ml-interview-questions:marks', JSON.stringify(m)); }", remaining["path"])
    page.goto(f"/questions/{TOPIC}/")
    page.get_by_role("button", name="Random question from this topic").click()
    expect(page.locator(".random-question__status")).to_contain_text("No question left")


def test_random_question_on_the_home_page_respects_the_difficulty(page, questions):
    level = "hard" if any(q["difficulty"] == "hard" for q in questions) else "medium"
    page.goto("/")
    page.get_by_label("Difficulty of the random question").select_option(level)
    page.get_by_role("button", name="Random question", exact=True).click()
    page.wait_for_url("**/questions/**")
    path = urlsplit(page.url).path.lstrip("/")
    assert next(q for q in questions if q["path"] == path)["difficulty"] == level


def test_interview_sheet_url_reproduces_the_selection_and_prints_without_chrome(page, questions):
    page.goto(f"/interview-sheet/?topics={TOPIC},fundamentals&difficulty=easy")
    expected = [q for q in questions if q["topic"] in (TOPIC, "fundamentals") and q["difficulty"] == "easy"]
    items = page.locator(".sheet-question")
    expect(items).to_have_count(len(expected))
    expect(page.get_by_label("Include short answers (interviewer's copy)")).not_to_be_checked()
    expect(page.locator(".sheet-question__answer")).to_have_count(0)

    page.get_by_label("medium").check()
    query = parse_qs(urlsplit(page.url).query)
    assert query["difficulty"] == ["easy,medium"] and query["topics"] == [f"{TOPIC},fundamentals"]
    shared = page.url
    page.goto(shared)
    expect(page.get_by_label("medium")).to_be_checked()
    expect(page.locator(".sheet-question")).to_have_count(
        len([q for q in questions if q["topic"] in (TOPIC, "fundamentals") and q["difficulty"] in ("easy", "medium")])
    )

    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".sheet-form")).to_be_hidden()
    expect(page.locator(".sheet-question__notes").first).to_be_visible()
    assert page.locator(".sheet-question").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"


def test_interview_sheet_for_the_interviewer_includes_short_answers(page, questions):
    page.goto(f"/interview-sheet/?topics={TOPIC}&difficulty=easy,medium,hard&answers=1")
    expect(page.get_by_label("Include short answers (interviewer's copy)")).to_be_checked()
    answers = page.locator(".sheet-question__answer")
    expect(answers).to_have_count(len(of_topic(questions)))
    expect(answers.first).not_to_be_empty()


def test_everything_on_a_question_page_works_from_the_keyboard(page):
    page.goto(QUESTION)
    mark = page.get_by_role("button", name="I knew it")
    mark.focus()
    page.keyboard.press("Space")
    expect(mark).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Review again")).to_be_focused()
    page.locator("details#answer > summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h2#short-answer")).to_be_visible()
