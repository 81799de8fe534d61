"""MkDocs hook: publish ``assets/questions.json``, the list of every question, for the scripts
that run in the reader's browser (random question, self-test progress, interview sheets).

Each entry: the page's path from the site root, title, topic, topic title, difficulty, and the
short answer as HTML.
"""

import json
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from question_pages import is_question, short_answer_html

INDEX = PurePosixPath("assets", "questions.json")

questions: dict[str, dict] = {}
topics: dict[str, str] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    questions.clear()
    topics.clear()


def on_page_content(content: str, page: Page, **kwargs) -> str:
    parts = PurePosixPath(page.file.src_uri).parts
    if len(parts) == 3 and parts[0] == "questions" and parts[2] == "index.md":
        topics[parts[1]] = page.title
    if is_question(page):
        questions[page.file.src_uri] = {
            "path": page.url,
            "title": page.title,
            "topic": parts[1],
            "difficulty": page.meta["difficulty"],
            "shortAnswer": short_answer_html(content),
        }
    return content


def on_post_build(config: MkDocsConfig) -> None:
    entries = [dict(entry, topicTitle=topics.get(entry["topic"], entry["topic"])) for _, entry in sorted(questions.items())]
    target = Path(config.site_dir) / INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"questions": entries}, indent=1, ensure_ascii=False), encoding="utf-8")
