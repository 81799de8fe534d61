"""MkDocs hook: check every question page's front matter, and use it on the page.

A question page is ``questions/<topic>/<slug>.md``. Its front matter must hold exactly the keys
below; a missing key, an unknown one or a bad value stops the build naming the file and line.
The summary becomes the page's meta description; the difficulty and the topic are shown in one
line under the question, the optional search keywords at the end of the page.
"""

import html
import re
from pathlib import PurePosixPath

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

DIFFICULTIES = ("easy", "medium", "hard")
SHORT_ANSWER = re.compile(r'<h2 id="short-answer">.*?</h2>(.*?)<h2', re.DOTALL)
REQUIRED_KEYS = ("tags", "difficulty", "summary")
# Other names readers search for: abbreviations, synonyms ("lasso" for L1), tool names.
OPTIONAL_KEYS = ("keywords",)
SEARCH_BOOST = 2
SUMMARY_MAX_CHARS = 160


def is_question(page: Page) -> bool:
    parts = page.file.src_uri.split("/")
    return len(parts) == 3 and parts[0] == "questions" and parts[2] != "index.md"


def short_answer_html(content: str) -> str:
    """The short answer of a rendered question page, as HTML ('' if there is none)."""
    match = SHORT_ANSWER.search(content)
    return match.group(1).strip() if match else ""


def front_matter_problem(meta: dict) -> tuple[str, str] | None:
    """The first problem found, as (key, message), or None."""
    for key in REQUIRED_KEYS:
        if key not in meta:
            return key, f"front matter lacks '{key}'"
    for key in meta:
        if key not in REQUIRED_KEYS + OPTIONAL_KEYS:
            return key, f"unknown front matter key '{key}' (allowed: {', '.join(REQUIRED_KEYS + OPTIONAL_KEYS)})"
    keywords = meta.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
        return "keywords", "'keywords' must be a list of search terms"
    tags = meta["tags"]
    if not isinstance(tags, list) or not tags or not all(isinstance(t, str) and t.strip() for t in tags):
        return "tags", "'tags' must be a non-empty list of names"
    if meta["difficulty"] not in DIFFICULTIES:
        return "difficulty", f"unknown difficulty {meta['difficulty']!r} (use one of: {', '.join(DIFFICULTIES)})"
    summary = meta["summary"]
    if not isinstance(summary, str) or not summary.strip() or "\n" in summary.strip():
        return "summary", "'summary' must be one line of text"
    if len(summary) > SUMMARY_MAX_CHARS:
        return "summary", f"'summary' is {len(summary)} characters; keep it under {SUMMARY_MAX_CHARS}"
    return None


def line_of(key: str, source: str) -> int:
    match = re.search(rf"^{re.escape(key)}\s*:", source, re.MULTILINE)
    return source.count("\n", 0, match.start()) + 1 if match else 1


def yaml_problem(source: str) -> tuple[int, str] | None:
    """MkDocs drops front matter that is not valid YAML without a word; say where it broke."""
    block = re.match(r"---\n(.*?\n)---\n", source, re.DOTALL)
    if block is None:
        return None
    try:
        yaml.safe_load(block.group(1))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        return (mark.line + 2 if mark else 1), f"front matter is not valid YAML: {error.problem}"
    return None


def on_page_markdown(markdown: str, page: Page, files: Files, **kwargs) -> str:
    if not is_question(page):
        return markdown
    problem = front_matter_problem(page.meta)
    if problem:
        with open(page.file.abs_src_path, encoding="utf-8") as file:
            source = file.read()
        line, message = yaml_problem(source) or (line_of(problem[0], source), problem[1])
        raise PluginError(f"docs/{page.file.src_uri}:{line}: {message}")
    # Material writes the description into an attribute without escaping it.
    page.meta["description"] = html.escape(page.meta["summary"], quote=True)
    # The difficulty is a tag too, so that the tags index lists questions by difficulty.
    page.meta["tags"] = [*page.meta["tags"], page.meta["difficulty"].capitalize()]
    difficulty = page.meta["difficulty"]
    # One line under the question, so that on a phone the question and its context come first;
    # Material's tag chips, which would come above the title, go to the end of the page.
    page.meta["hide"] = [*page.meta.get("hide", []), "tags"]
    topic = topic_title(page, files)
    line = (
        f'<p class="question-meta"><span class="question-difficulty" data-difficulty="{difficulty}">'
        f'{difficulty.capitalize()}</span> · <a href="../">{html.escape(topic)}</a></p>'
    )
    # The keywords stay in the page's first section, where hooks/search_shards.py looks for them.
    if page.meta.get("keywords"):
        terms = ", ".join(html.escape(term) for term in page.meta["keywords"])
        line += f'\n\n<p class="question-keywords">Also searched as: {terms}</p>'
    # Questions rank above the topic, tag and glossary pages that merely mention the same words;
    # a drill answers "implement X", so for the bare name of X the concept page comes first.
    page.meta["search"] = {"boost": 1 if PurePosixPath(page.file.src_uri).parts[1] == "ml-coding" else SEARCH_BOOST}
    return re.sub(r"^# .*$", lambda heading: f"{heading.group(0)}\n\n{line}", markdown, count=1, flags=re.MULTILINE)


def topic_title(page: Page, files: Files) -> str:
    """The H1 of the question's topic page ("Large language models" for questions/llms/...)."""
    index = files.get_file_from_path(str(PurePosixPath(page.file.src_uri).parent / "index.md"))
    heading = re.search(r"^# (.+)$", index.content_string, re.MULTILINE) if index else None
    return heading.group(1).strip() if heading else PurePosixPath(page.file.src_uri).parent.name
