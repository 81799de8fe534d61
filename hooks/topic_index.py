"""MkDocs hook: fill the topic lists from the question pages' own front matter.

On ``questions/<topic>/index.md`` the line ``<!-- questions -->`` becomes a table of that topic's
questions with their difficulty; on any page ``<!-- topics -->`` becomes a table of the topics.
Generating them means a new question can never be missing from its topic page.
"""

import re
from pathlib import PurePosixPath

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data
from question_pages import DIFFICULTIES

QUESTIONS_MARKER = "<!-- questions -->"
TOPICS_MARKER = "<!-- topics -->"


def read_page(file) -> tuple[str, dict]:
    """A page's H1 and front matter, read from its source."""
    body, meta = get_data(file.content_string)
    heading = re.search(r"^# (.+)$", body, re.MULTILINE)
    return (heading.group(1).strip() if heading else file.name), meta


def questions_of(topic: str, files: Files) -> list[tuple[str, str, str]]:
    """(title, difficulty, path relative to the topic folder) for each question of a topic."""
    rows = []
    for file in files.documentation_pages():
        path = PurePosixPath(file.src_uri)
        if path.parent == PurePosixPath("questions", topic) and path.name != "index.md":
            title, meta = read_page(file)
            rows.append((title, str(meta.get("difficulty", "")), path.name))
    rank = {name: position for position, name in enumerate(DIFFICULTIES)}
    return sorted(rows, key=lambda row: (rank.get(row[1], len(rank)), row[0]))


def question_table(topic: str, files: Files) -> str:
    lines = ["| Question | Difficulty |", "| --- | --- |"]
    lines += [f"| [{title}]({link}) | {difficulty} |" for title, difficulty, link in questions_of(topic, files)]
    return "\n".join(lines)


def topic_table(page: Page, files: Files) -> str:
    here = PurePosixPath(page.file.src_uri).parent
    lines = ["| Topic | Questions |", "| --- | --- |"]
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        path = PurePosixPath(file.src_uri)
        if len(path.parts) == 3 and path.parts[0] == "questions" and path.name == "index.md":
            title, _ = read_page(file)
            link = PurePosixPath(*[".."] * len(here.parts), path) if here.parts else path
            lines.append(f"| [{title}]({link.as_posix()}) | {len(questions_of(path.parts[1], files))} |")
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Page, files: Files, **kwargs) -> str:
    path = PurePosixPath(page.file.src_uri)
    if QUESTIONS_MARKER in markdown and len(path.parts) == 3 and path.parts[0] == "questions":
        markdown = markdown.replace(QUESTIONS_MARKER, question_table(path.parts[1], files))
    if TOPICS_MARKER in markdown:
        markdown = markdown.replace(TOPICS_MARKER, topic_table(page, files))
    return markdown
