"""Search that finds: what readers type lands on the right question within the first three
results, typed into the site's own search box in a real browser; and the index in small files
behind it (hooks/search_shards.py) holds every word once, where the browser looks for it."""

import json
import re
from urllib.parse import urlsplit

from search_cost import wait_for_results
from search_shards import HEADING, KEYWORDS, TAGS, TEXT, TITLE, page_weights

from conftest import ROOT
from playwright.sync_api import expect

QUERIES = [
    tuple(part.strip() for part in line.split("|"))
    for line in (ROOT / "tests" / "search-queries.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def ranked_pages(page, query: str) -> list[str]:
    """The pages the search box lists for a query, best first, as 'topic/slug'."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # a key event, which is what starts Material's search
    wait_for_results(page, query)
    links = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "links => links.map(l => l.getAttribute('href'))"
    )
    pages = []
    for link in links:
        path = urlsplit(link).path.strip("/").removeprefix("questions/")
        if path not in pages:
            pages.append(path)
    return pages


def test_queries_find_their_question_in_the_top_three(page, capsys):
    page.goto("/")
    page.locator(".md-search__input").first.click()
    misses, top1 = [], 0
    for query, expected in QUERIES:
        pages = ranked_pages(page, query)
        top1 += pages[:1] == [expected]
        if expected not in pages[:3]:
            misses.append(f"{query!r}: expected {expected}, got {pages[:3]}")
    top3 = len(QUERIES) - len(misses)
    with capsys.disabled():
        print(f"\nsearch: {len(QUERIES)} queries, top-1 hit rate {top1 / len(QUERIES):.0%}, top-3 {top3 / len(QUERIES):.0%}")
    assert len(QUERIES) >= 60
    assert not misses, "\n".join(misses)


def test_a_word_weighs_most_in_the_title_then_the_keywords_tags_headings_and_text():
    page = {"title": "Dropout explained", "tags": ["Regularisation"], "text": "<p>Also searched as: inverted dropout</p> <p>Noise.</p>"}
    section = {"title": "Noise", "text": "<p>noise and noise</p>"}
    weights = page_weights([page, section], re.compile(r"[\s.]+"))
    assert weights == {
        "dropout": TITLE + KEYWORDS,
        "explained": TITLE,
        "inverted": KEYWORDS,
        "regularisation": TAGS,
        "noise": HEADING + 3 * TEXT,
    }


def index_files(site) -> tuple[dict, list[dict]]:
    """The manifest of the split search index and its files of words, in order."""
    manifest = json.loads((site / "search" / "shards.json").read_text(encoding="utf-8"))
    shards = [json.loads((site / manifest["folder"] / f"terms-{number}.json").read_text(encoding="utf-8")) for number in range(len(manifest["shards"]))]
    return manifest, shards


def test_index_files_hold_every_word_once_in_the_order_the_browser_searches(site):
    manifest, shards = index_files(site)
    assert [next(iter(shard)) for shard in shards] == manifest["shards"]
    words = [word for shard in shards for word in shard]
    assert words == sorted(set(words), key=lambda word: word.encode("utf-16-be"))
    pages = sum(len(json.loads(path.read_text(encoding="utf-8"))) for path in (site / manifest["folder"]).glob("pages-*.json"))
    assert pages == len(manifest["boosts"]) > 200
    # Material's bundle now reads only the search settings from its index.
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []


def test_the_browser_orders_the_index_words_as_the_build_wrote_them(site, page):
    # search.js finds a word's file by comparing strings, as JavaScript orders them.
    words = [word for shard in index_files(site)[1] for word in shard]
    page.goto("/")
    assert page.evaluate("words => words.every((word, n) => n === 0 || words[n - 1] < word)", words)
