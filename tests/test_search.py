"""Search that finds: what readers type lands on the right question within the first three
results, typed into the site's own search box in a real browser."""

from urllib.parse import urlsplit

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
    # "N matching documents" or "No matching documents", once the index is ready.
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching", timeout=30_000)
    # Each key press starts a search; read the list once it has stopped changing.
    links, previous = None, []
    while links != previous:
        previous = links
        page.wait_for_timeout(250)
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
