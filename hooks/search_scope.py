"""MkDocs hook: keep snippet code and its output out of the search index.

Readers search for ideas ("SMOTE", "dropout"), which the prose names; indexing every program and
its printed tables made the index several times larger, and every variable name a word that
matches queries. Material's search skips any element marked data-search-exclude (and so does the
split index built from it, search_shards.py).
"""

import re

from mkdocs.structure.pages import Page

# The code block of an included snippet (titled with its path) and each block of its output.
SNIPPET_BLOCKS = re.compile(r'<div class="(highlight|snippet-output highlight)">(?=<span class="filename">(snippets/|Output))')


def on_page_content(html: str, page: Page, **kwargs) -> str:
    return SNIPPET_BLOCKS.sub(r'<div class="\1" data-search-exclude>', html)
