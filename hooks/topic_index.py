"""MkDocs hook: fill the topic lists from the question pages' own front matter.

On any page ``<!-- questions by difficulty -->`` becomes every question under its difficulty.
On ``questions/<topic>/index.md`` the line ``<!-- questions -->`` becomes the list of that topic's
questions, each with its difficulty and its short answer (closed), for the filters and the
"show all answers" switch of interview.js, whose controls are written here too; on any page
``<!-- topics -->`` becomes a table of the topics and ``<!-- random question -->`` a random-question
picker. Each topic's section in the navigation takes its title from the topic page's H1 (rather
than from the folder name, which gave "Nlp"). Generating them means a new question can never be missing from its topic page; writing the
controls into the markup means the page does not move when interview.js wires them up.
"""

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data
from question_pages import DIFFICULTIES

QUESTIONS_MARKER = "<!-- questions -->"
TOPICS_MARKER = "<!-- topics -->"
DIFFICULTY_MARKER = "<!-- questions by difficulty -->"
RANDOM_MARKER = "<!-- random question -->"


SHORT_ANSWER = re.compile(r"^## Short answer\n(.*?)^## ", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Question:
    title: str
    difficulty: str
    link: str  # relative to the topic folder
    short_answer: str  # Markdown


def read_page(file) -> tuple[str, dict, str]:
    """A page's H1, front matter and body, read from its source."""
    body, meta = get_data(file.content_string)
    heading = re.search(r"^# (.+)$", body, re.MULTILINE)
    return (heading.group(1).strip() if heading else file.name), meta, body


def questions_of(topic: str, files: Files) -> list[Question]:
    """The questions of a topic, easiest first, then by title."""
    questions = []
    for file in files.documentation_pages():
        path = PurePosixPath(file.src_uri)
        if path.parent == PurePosixPath("questions", topic) and path.name != "index.md":
            title, meta, body = read_page(file)
            short = SHORT_ANSWER.search(body)
            questions.append(Question(title, str(meta.get("difficulty", "")), path.name, short.group(1).strip() if short else ""))
    rank = {name: position for position, name in enumerate(DIFFICULTIES)}
    return sorted(questions, key=lambda q: (rank.get(q.difficulty, len(rank)), q.title))


def question_list(topic: str, files: Files) -> str:
    items = []
    questions = questions_of(topic, files)
    for question in questions:
        items.append(
            f'<div class="topic-question" data-difficulty="{question.difficulty}" data-page="{question.link[:-3]}/" markdown="1">\n'
            f'[{question.title}]({question.link}) <span class="topic-question__difficulty">{question.difficulty}</span> '
            '<button type="button" class="question-sheet topic-question__sheet" aria-pressed="false">Add to interview sheet</button>\n\n'
            f'<details class="topic-answer" markdown="1">\n<summary>Short answer</summary>\n\n{question.short_answer}\n\n</details>\n'
            "</div>"
        )
    return topic_controls(len(questions)) + '\n\n<div class="topic-questions" markdown="1">\n' + "\n".join(items) + "\n</div>"


def random_question(scope: str) -> str:
    """A button to a random question of the scope ("site" or "topic"), with a difficulty choice."""
    options = "".join(f'<option value="{level}">{level}</option>' for level in DIFFICULTIES)
    label = "Random question" if scope == "site" else "Random question from this topic"
    return (
        f'<div class="random-question" data-scope="{scope}" data-search-exclude>'
        f'<button type="button" class="md-button md-button--primary">{label}</button> '
        f'<select aria-label="Difficulty of the random question"><option value="">any difficulty</option>{options}</select> '
        '<span role="status" class="random-question__status"></span></div>'
    )


def topic_controls(count: int) -> str:
    filters = "".join(
        f'<button type="button" class="md-button topic-filter" data-level="{level}" aria-pressed="{str(level == "all").lower()}">{level}</button>'
        for level in ("all", *DIFFICULTIES)
    )
    return (
        '<div class="topic-controls" data-search-exclude>'
        f'<p class="topic-progress">{count} questions.</p>'
        f'<div role="group" aria-label="Filter by difficulty" class="topic-controls__row">Difficulty: {filters}</div>'
        '<div class="topic-controls__row">'
        '<button type="button" class="md-button topic-show-all">Show all answers</button>'
        '<button type="button" class="md-button topic-hide-all">Hide all answers</button></div>'
        f"{random_question('topic')}</div>"
    )


def topic_indexes(files: Files) -> list[tuple[str, object]]:
    """(topic, its index.md file) for every topic, in folder order."""
    indexes = []
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        path = PurePosixPath(file.src_uri)
        if len(path.parts) == 3 and path.parts[0] == "questions" and path.name == "index.md":
            indexes.append((path.parts[1], file))
    return indexes


def topic_table(page: Page, files: Files) -> str:
    here = PurePosixPath(page.file.src_uri).parent
    lines = ["| Topic | Questions |", "| --- | --- |"]
    for topic, file in topic_indexes(files):
        title, _, _ = read_page(file)
        path = PurePosixPath(file.src_uri)
        link = PurePosixPath(*[".."] * len(here.parts), path) if here.parts else path
        lines.append(f"| [{title}]({link.as_posix()}) | {len(questions_of(topic, files))} |")
    return "\n".join(lines)


def difficulty_lists(page: Page, files: Files) -> str:
    up = "../" * len(PurePosixPath(page.file.src_uri).parent.parts)
    by_topic = {topic: questions_of(topic, files) for topic, _ in topic_indexes(files)}
    sections = []
    for level in DIFFICULTIES:
        lines = [f"## {level.capitalize()}", ""]
        for topic, questions in by_topic.items():
            lines += [f"- [{q.title}]({up}questions/{topic}/{q.link})" for q in questions if q.difficulty == level]
        sections.append("\n".join(lines))
    return "\n\n".join(sections)


def on_page_markdown(markdown: str, page: Page, files: Files, **kwargs) -> str:
    path = PurePosixPath(page.file.src_uri)
    if QUESTIONS_MARKER in markdown and len(path.parts) == 3 and path.parts[0] == "questions":
        markdown = markdown.replace(QUESTIONS_MARKER, question_list(path.parts[1], files))
    if DIFFICULTY_MARKER in markdown:
        markdown = markdown.replace(DIFFICULTY_MARKER, difficulty_lists(page, files))
    if RANDOM_MARKER in markdown:
        markdown = markdown.replace(RANDOM_MARKER, random_question("site"))
    if TOPICS_MARKER in markdown:
        markdown = markdown.replace(TOPICS_MARKER, topic_table(page, files))
    return markdown


def on_nav(nav: Navigation, files: Files, **kwargs) -> Navigation:
    titles = {file.src_uri: read_page(file)[0] for _, file in topic_indexes(files)}
    sections = [item for item in nav.items if isinstance(item, Section)]
    while sections:
        section = sections.pop()
        sections += [child for child in section.children if isinstance(child, Section)]
        index = next((child for child in section.children if getattr(child, "file", None) and child.file.src_uri in titles), None)
        if index is not None:
            section.title = titles[index.file.src_uri]
    return nav
