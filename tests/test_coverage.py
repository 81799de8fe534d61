"""The site covers the field: enough questions, topics, hard questions, code and figures."""

from conftest import ROOT, built, question_pages
from mkdocs.utils.meta import get_data


def test_the_site_covers_the_field():
    pages = question_pages()
    by_topic: dict[str, int] = {}
    for page in pages:
        by_topic[page.parent.name] = by_topic.get(page.parent.name, 0) + 1
    assert len(pages) >= 120, f"{len(pages)} questions"
    # NLP gave its four LLM questions to the LLM topic; a topic still needs five to stand alone.
    thin = {topic: count for topic, count in by_topic.items() if count < 5}
    assert len(by_topic) >= 12 and not thin, f"topics with fewer than 5 questions: {thin}"
    hard = [p for p in pages if get_data(p.read_text(encoding="utf-8"))[1].get("difficulty") == "hard"]
    assert len(hard) >= len(pages) / 4, f"{len(hard)} of {len(pages)} questions are hard"
    with_code = [p for p in pages if (ROOT / "snippets" / p.parent.name / f"{p.stem}.py").exists()]
    assert len(with_code) >= 0.7 * len(pages), f"{len(with_code)} of {len(pages)} questions run code"


def test_the_site_has_at_least_forty_figures(site):
    figures = [figure for page in question_pages() for figure in built(site, page).select("details#answer img.snippet-figure")]
    assert len(figures) >= 40, f"{len(figures)} figures"


def test_the_interview_rounds_beyond_concepts_are_covered():
    # The LLM round, the coding round and the system design round: how many questions each needs,
    # at least a third of them hard.
    needed = {"llms": 24, "ml-coding": 24, "ml-system-design": 12}
    for topic, count in needed.items():
        pages = [p for p in question_pages() if p.parent.name == topic]
        hard = [p for p in pages if get_data(p.read_text(encoding="utf-8"))[1].get("difficulty") == "hard"]
        assert len(pages) >= count, f"{topic}: {len(pages)} questions"
        assert 3 * len(hard) >= len(pages), f"{topic}: {len(hard)} of {len(pages)} hard"


def test_the_concept_round_has_at_least_146_questions():
    concepts = [p for p in question_pages() if p.parent.name not in {"llms", "ml-coding", "ml-system-design"}]
    assert len(concepts) >= 146, f"{len(concepts)} concept questions"


def test_the_survey_of_public_question_lists_maps_to_pages():
    # tests/question-survey.tsv: the concept questions that two or more public lists ask, each with
    # the page here that answers it, or "-". It is how the site knows what it still misses.
    lines = (ROOT / "tests" / "question-survey.tsv").read_text(encoding="utf-8").splitlines()
    sources = {line.split("\t")[0].removeprefix("# ") for line in lines if line.startswith("# S")}
    rows = [line.split("\t") for line in lines[lines.index("question\tsources\tpage") + 1 :] if line.strip()]
    assert len(sources) >= 5 and len(rows) >= 100
    for question, asked_by, page in rows:
        assert len(set(asked_by.split(","))) >= 2 and set(asked_by.split(",")) <= sources, question
        assert page == "-" or (ROOT / "docs" / "questions" / f"{page}.md").is_file(), f"{question}: no page {page}"
    mapped = sum(page != "-" for _, _, page in rows) / len(rows)
    assert mapped >= 0.9, f"{mapped:.0%} of the surveyed questions have a page"
