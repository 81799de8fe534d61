"""What a reader's first search costs, measured in Chromium: the bytes it downloads and how long
its results take to appear.

The site is served by serve_site (gzip, as GitHub Pages serves it). Each query is typed into the
search box of the home page, opened in a fresh browser context as a new visitor would, a key every
TYPING_DELAY_MS, so that the search runs for each prefix as it does for a reader. The bytes are
the gzip sizes of every file fetched from the moment search opens until the results for the whole
query are shown; the seconds run from the last key to those results. With cpu_slowdown, Chromium
runs that many times slower (DevTools CPU throttling, as Lighthouse's mobile preset does with 4).
"""

from __future__ import annotations

import time
from pathlib import Path

import serve_site

PAGE = "/"
TYPING_DELAY_MS = 150


def first_search(browser, site: Path, site_url: str, query: str, cpu_slowdown: float = 1) -> dict:
    """{'bytes': gzip bytes fetched by the search, 'files': their paths, 'seconds': time from the last key to the results}."""
    context = browser.new_context(base_url=site_url)
    page = context.new_page()
    page.goto(PAGE, wait_until="networkidle")
    if cpu_slowdown != 1:
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.locator(".md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.press_sequentially(query, delay=TYPING_DELAY_MS)
    started = time.perf_counter()
    wait_for_results(page, query, timeout=60_000)
    seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    context.close()
    sizes = serve_site.transfer_sizes(site, site_url, requested)
    return {"bytes": sum(sizes.values()), "files": sorted(sizes), "seconds": seconds}


def wait_for_results(page, query: str, timeout: float = 30_000) -> None:
    """Until the search results list answers query (overrides/main.html marks which it answers)."""
    page.wait_for_function("query => document.querySelector('.md-search-result__meta')?.dataset.query === query", arg=query, timeout=timeout)
