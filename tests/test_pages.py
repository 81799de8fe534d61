"""Every question page has every required part, links only to pages that exist, and asks a
question no other page asks."""

import difflib
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import ANSWER_SECTIONS, ROOT, question_pages
from mkdocs.utils.meta import get_data
from question_pages import front_matter_problem

ANSWER_OPEN = "/// details | Show answer\n    type: answer\n    attrs: {id: answer}\n"
LINK = re.compile(r"\]\(([^)\s]+\.md)(#[\w-]+)?\)")
SIMILAR_TITLES = 0.9
# The first tag of every question names its topic, so that the tags index has a page per topic.
TOPIC_TAGS = {
    "evaluation": "Evaluation",
    "fundamentals": "Fundamentals",
    "statistics": "Statistics",
    "data-preparation": "Data preparation",
    "production": "Production",
    "linear-models": "Linear models",
    "trees-and-ensembles": "Trees and ensembles",
    "classical-models": "Classical models",
    "unsupervised-learning": "Unsupervised learning",
    "training-neural-networks": "Neural network training",
    "network-architectures": "Network architectures",
    "generative-models": "Generative models",
    "nlp": "NLP",
    "llms": "LLMs",
    "ml-coding": "ML coding",
    "ml-system-design": "ML system design",
}


def parts(page: Path) -> tuple[dict, str, str, str]:
    """Front matter, the text before the answer, the answer, the text after it."""
    body, meta = get_data(page.read_text(encoding="utf-8"))
    before, found, rest = body.partition(ANSWER_OPEN)
    assert found, f"{page.name}: no answer block opening with:\n{ANSWER_OPEN}"
    answer, closed, after = rest.partition("\n///\n")
    assert closed, f"{page.name}: the answer block is not closed with a line '///'"
    return meta, before, answer, after


def title(page: Path) -> str:
    heading = re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.MULTILINE)
    assert heading, f"{page.name} has no H1"
    return heading.group(1).strip()


@pytest.mark.parametrize("page", question_pages(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_page_has_every_required_part(page):
    meta, before, answer, after = parts(page)
    assert front_matter_problem(meta) is None, front_matter_problem(meta)
    assert meta["tags"][0] == TOPIC_TAGS[page.parent.name], "the first tag names the topic"
    assert title(page).endswith(("?", ".")), "the H1 is the question"
    context = re.sub(r"^# .*$", "", before, flags=re.MULTILINE).strip()
    assert len(context.split()) >= 25, "the question needs a visible paragraph of context"

    headings = re.findall(r"^## (.+)$", answer, re.MULTILINE)
    assert headings == ANSWER_SECTIONS, f"answer sections {headings}, expected {ANSWER_SECTIONS}"
    short = answer.split("## Explanation")[0].removeprefix("\n## Short answer").strip()
    assert 20 <= len(short.split()) <= 130, f"the short answer has {len(short.split())} words"
    references = answer.split("## References")[1]
    assert re.search(r"https?://", references), "references need links to their sources"
    follow_ups = answer.split("## Follow-up questions")[1].split("## References")[0]
    assert len(re.findall(r"^- ", follow_ups, re.MULTILINE)) >= 2, "at least two follow-up questions"

    snippet = ROOT / "snippets" / page.parent.name / f"{page.stem}.py"
    if snippet.exists():
        output = f'--8<-- "snippet-outputs/{page.parent.name}/{page.stem}.md"'
        assert output in answer, f"the page runs {snippet.name} but does not show its output"

    assert re.findall(r"^## Related questions$", after, re.MULTILINE), "no 'Related questions' section"
    related = LINK.findall(after.split("## Related questions")[1])
    assert 2 <= len(related) <= 4, f"{len(related)} related questions; give 2 to 4"


@pytest.mark.parametrize("page", question_pages(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_links_to_other_pages_resolve(page):
    for target, _ in LINK.findall(page.read_text(encoding="utf-8")):
        if "://" not in target:
            assert (page.parent / target).resolve().is_file(), f"{page.name} links to missing {target}"


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    filler = {"a", "an", "the", "and", "or", "of", "do", "does", "you", "what", "is", "are", "how", "why", "it"}
    return " ".join(word for word in words if word not in filler)


def test_no_two_pages_ask_the_same_question():
    titles = {page: normalised(title(page)) for page in question_pages()}
    pages = list(titles)
    for i, first in enumerate(pages):
        for second in pages[i + 1 :]:
            ratio = difflib.SequenceMatcher(None, titles[first], titles[second]).ratio()
            assert ratio < SIMILAR_TITLES, f"{first.name} and {second.name} ask nearly the same question ({ratio:.2f})"


def test_near_duplicate_detection_catches_rewordings():
    assert difflib.SequenceMatcher(
        None, normalised("What is the bias-variance trade-off?"), normalised("What's the bias–variance tradeoff?")
    ).ratio() >= SIMILAR_TITLES

