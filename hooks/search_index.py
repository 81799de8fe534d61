"""MkDocs hook: split Material's search index into the small files that assets/search.js fetches
word by word (search_shards.py does the work; Material's search plugin has written the index
by the time hooks run)."""

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from search_shards import build


log = logging.getLogger("mkdocs.hooks.search_index")


def on_post_build(config: MkDocsConfig) -> None:
    manifest = build(Path(config.site_dir))
    log.info("Search index: %d pages in %d term files; Material's whole index was %d bytes gzip", len(manifest["boosts"]), len(manifest["shards"]), manifest["wholeIndexGzip"])
