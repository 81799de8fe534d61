"""Interviewer and candidate tools, in a real browser: filters, show all answers, self-test marks,
random question, interview sheets built question by question and their print layout, and
keyboard use."""

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


SHEET_ITEMS = ".sheet-question > a"


def sheet_query(page) -> list[str]:
    return parse_qs(urlsplit(page.url).query)["questions"][0].split(",")


def test_questions_added_from_their_page_and_a_topic_list_go_on_the_sheet_in_that_order(page, questions):
    first, second = of_topic(questions)[:2]
    page.goto(second["path"])
    add = page.locator(".question-actions .question-sheet")
    expect(add).to_have_text("Add to interview sheet")
    add.click()
    expect(add).to_have_attribute("aria-pressed", "true")
    page.goto(f"/questions/{TOPIC}/")
    page.get_by_role("button", name=f"Add to interview sheet: {first['title']}").click()
    expect(page.get_by_role("button", name=f"On the interview sheet: {second['title']}")).to_have_attribute("aria-pressed", "true")

    page.goto("/interview-sheet/")
    expect(page.locator(SHEET_ITEMS)).to_have_text([second["title"], first["title"]])
    assert sheet_query(page) == [second["path"][len("questions/"):-1], first["path"][len("questions/"):-1]]


def test_the_sheet_reorders_removes_survives_a_reload_and_its_address_reproduces_it(browser, site_url, questions):
    chosen = of_topic(questions)[:3]
    ids = [q["path"][len("questions/"):-1] for q in chosen]
    context = browser.new_context(base_url=site_url)
    page = context.new_page()
    page.goto(f"/interview-sheet/?questions={','.join(ids)}")
    expect(page.locator(SHEET_ITEMS)).to_have_text([q["title"] for q in chosen])
    page.get_by_role("button", name=f"Move up: {chosen[2]['title']}").click()
    page.get_by_role("button", name=f"Remove: {chosen[0]['title']}").click()
    expect(page.locator(SHEET_ITEMS)).to_have_text([chosen[2]["title"], chosen[1]["title"]])
    expect(page.locator(".sheet-summary")).to_contain_text("2 questions on the sheet")
    assert sheet_query(page) == [ids[2], ids[1]]
    shared = page.url

    page.goto("/interview-sheet/")  # no address: the sheet comes back from the browser's storage
    expect(page.locator(SHEET_ITEMS)).to_have_text([chosen[2]["title"], chosen[1]["title"]])
    context.close()

    colleague = browser.new_context(base_url=site_url)
    other = colleague.new_page()
    other.goto(shared)
    expect(other.locator(SHEET_ITEMS)).to_have_text([chosen[2]["title"], chosen[1]["title"]])
    colleague.close()


def test_random_questions_are_drawn_from_the_chosen_topics_and_difficulty(page, questions):
    page.goto("/interview-sheet/?questions=")
    expect(page.locator(SHEET_ITEMS)).to_have_count(0)
    for box in page.locator(".sheet-draw input[name=topics]").all():
        box.set_checked(box.get_attribute("value") == TOPIC)
    for box in page.locator(".sheet-draw input[name=difficulty]").all():
        box.set_checked(box.get_attribute("value") == "medium")
    pool = {q["title"] for q in of_topic(questions) if q["difficulty"] == "medium"}
    page.get_by_label("How many").fill("2")
    page.get_by_role("button", name="Add random questions").click()
    expect(page.locator(SHEET_ITEMS)).to_have_count(min(2, len(pool)))
    drawn = page.locator(SHEET_ITEMS).all_inner_texts()
    assert set(drawn) <= pool and len(set(drawn)) == len(drawn)


def test_a_sheet_link_from_before_questions_were_picked_one_by_one_still_works(page, questions):
    page.goto(f"/interview-sheet/?topics={TOPIC},fundamentals&difficulty=easy")
    expected = [q["title"] for q in questions if q["topic"] in (TOPIC, "fundamentals") and q["difficulty"] == "easy"]
    expect(page.locator(SHEET_ITEMS)).to_have_text(expected)


def test_the_printed_sheet_numbers_the_questions_and_leaves_room_for_notes(page, questions):
    ids = [q["path"][len("questions/"):-1] for q in of_topic(questions)[:2]]
    page.goto(f"/interview-sheet/?questions={','.join(ids)}")
    expect(page.locator(".sheet-question__answer")).to_have_count(0)
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".sheet-form")).to_be_hidden()
    expect(page.locator(".sheet-question__controls").first).to_be_hidden()
    expect(page.locator(".sheet-question__notes").first).to_be_visible()
    assert page.locator(".sheet-questions").evaluate("e => getComputedStyle(e).listStyleType") == "decimal"
    assert page.locator(".sheet-question").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"


def test_the_interviewers_copy_includes_short_answers(page, questions):
    ids = [q["path"][len("questions/"):-1] for q in of_topic(questions)]
    page.goto(f"/interview-sheet/?questions={','.join(ids)}&answers=1")
    expect(page.get_by_label("Include short answers (interviewer's copy)")).to_be_checked()
    answers = page.locator(".sheet-question__answer")
    expect(answers).to_have_count(len(ids))
    expect(answers.first).not_to_be_empty()
    page.get_by_label("Include short answers (interviewer's copy)").uncheck()
    expect(answers).to_have_count(0)
    assert "answers" not in parse_qs(urlsplit(page.url).query)


def test_the_sheet_works_from_the_keyboard_and_announces_changes(page, questions):
    chosen = of_topic(questions)[:2]
    page.goto(f"/interview-sheet/?questions={','.join(q['path'][len('questions/'):-1] for q in chosen)}")
    down = page.get_by_role("button", name=f"Move down: {chosen[0]['title']}")
    down.focus()
    page.keyboard.press("Enter")
    expect(page.locator(SHEET_ITEMS)).to_have_text([chosen[1]["title"], chosen[0]["title"]])
    expect(page.locator(".sheet-summary[role=status]")).to_contain_text(f'Moved "{chosen[0]["title"]}" to position 2')
    expect(page.get_by_role("button", name=f"Move down: {chosen[0]['title']}")).to_be_disabled()
    expect(page.get_by_role("button", name=f"Move up: {chosen[0]['title']}")).to_be_focused()


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
