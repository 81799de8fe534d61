"""MkDocs hook: schema.org QAPage data for every question page, for search engines and previews.

The accepted answer is the page's short answer, as plain text; the template writes the data as
JSON-LD in the page's head.
"""

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from question_pages import is_question, short_answer_html


def plain_text(fragment: str) -> str:
    without_tags = re.sub(r"<[^>]+>", "", fragment)
    return " ".join(html.unescape(without_tags).split())


def on_page_content(content: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    if not is_question(page):
        return content
    short_answer = plain_text(short_answer_html(content))
    answer_url = f"{page.canonical_url}#answer"
    page.meta["structured_data"] = {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": {
            "@type": "Question",
            "name": page.title,
            "text": page.title,
            "answerCount": 1,
            "acceptedAnswer": {
                "@type": "Answer",
                "text": short_answer or page.meta["summary"],
                "url": answer_url,
            },
        },
    }
    return content
