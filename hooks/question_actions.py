"""MkDocs hook: what a reader does with a question, placed after its answer: mark it for
self-test, add it to the interview sheet, download its notebook or exercise, copy a link to it,
report a problem. The question itself comes first on a small screen; these come once the reader
has read the answer. interview.js and question-toolbar.js wire the buttons up; they are in the
markup, so nothing moves when they do.
"""

import html
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from practice_files import downloads
from question_pages import is_question

RELATED = '<h2 id="related-questions">'
LABELS = {"notebook": "Download notebook (.ipynb)", "exercise": "Download exercise (.py)"}


def actions(page: Page, config: MkDocsConfig) -> str:
    path = PurePosixPath(page.file.src_uri)
    up = "../" * (len(path.parts))  # questions/<topic>/<slug>/ back to the site root
    offered = downloads(Path(config.config_file_path).parent, path.parts[1], path.stem)
    links = "".join(
        f'<a class="md-button question-download" href="{up}{target}" download>{LABELS[kind]}</a>' for kind, target in offered.items()
    )
    title = f"Problem with the answer to: {page.title}"
    body = f"Page: {page.canonical_url}\nSource: docs/{page.file.src_uri}\n\nWhat is wrong, and what would be right:\n"
    report = f"{config.repo_url}/issues/new?title={quote(title)}&body={quote(body)}"
    return (
        '<div class="question-actions" data-search-exclude>'
        '<div class="question-actions__row" role="group" aria-label="Self-test">'
        '<span class="question-actions__label">Self-test:</span>'
        '<button type="button" class="md-button question-mark" data-mark="known" aria-pressed="false">I knew it</button>'
        '<button type="button" class="md-button question-mark" data-mark="review" aria-pressed="false">Review again</button></div>'
        '<div class="question-actions__row">'
        '<button type="button" class="md-button question-sheet" aria-pressed="false">Add to interview sheet</button>'
        f'<a href="{up}interview-sheet/">Open the interview sheet</a>{links}</div>'
        '<p class="question-share">'
        '<button type="button" class="question-copy" data-fragment="">Copy link to question</button> · '
        '<button type="button" class="question-copy" data-fragment="answer">Copy link to answer</button> · '
        f'<a class="question-report" href="{html.escape(report)}">Report a problem with this answer</a>'
        '<span class="question-copy-status md-visually-hidden" role="status" aria-live="polite"></span></p>'
        "</div>"
    )


def on_page_content(content: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    if not is_question(page):
        return content
    block = actions(page, config)
    if RELATED in content:
        return content.replace(RELATED, block + RELATED, 1)
    return content + block
