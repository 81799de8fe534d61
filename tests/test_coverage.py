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
