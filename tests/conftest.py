"""Shared fixtures: the project's paths, one strict build of the site, a local server, a browser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tools"))

import chromium  # noqa: E402
import serve_site  # noqa: E402
from chromium import CHROMIUM_ARGS  # noqa: E402
from project_copy import copy_project  # noqa: E402
from snippet_engine import SnippetEngine  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs"]
# The sections of every answer, in order (CONTRIBUTING.md).
ANSWER_SECTIONS = [
    "Short answer",
    "Explanation",
    "Code",
    "Pitfalls and what strong candidates add",
    "Follow-up questions",
    "References",
]


def question_pages() -> list[Path]:
    return sorted(p for p in (ROOT / "docs" / "questions").glob("*/*.md") if p.name != "index.md")


def built(site: Path, page: Path):
    """The built HTML of a source page under docs/, parsed."""
    from bs4 import BeautifulSoup

    relative = page.relative_to(ROOT / "docs").with_suffix("")
    if relative.name == "index":
        relative = relative.parent
    return BeautifulSoup((site / relative / "index.html").read_text(encoding="utf-8"), "html.parser")


def heading_text(tag) -> str:
    """A heading's text as a reader sees it: tooltips' words kept, the permalink sign dropped."""
    return " ".join(tag.get_text().replace("¶", "").split())


def snippets() -> list[Path]:
    return SnippetEngine(ROOT).discover()


def run_mkdocs(project: Path, *args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(
        [*MKDOCS, *args], cwd=project, env=environment, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real project, built once in strict mode into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs(ROOT, "build", "--site-dir", str(site_dir))
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return site_dir


@pytest.fixture
def project(tmp_path, site) -> Path:
    """A temporary copy of the project, taken after the session build so its cache is warm."""
    return copy_project(tmp_path, with_cache=True)


@pytest.fixture(scope="session")
def site_url(site) -> str:
    """The built site, served on 127.0.0.1 as GitHub Pages serves it (gzip, 404.html)."""
    server, url = serve_site.start(site)
    yield url
    server.shutdown()


def chromium_path() -> str:
    try:
        return chromium.chromium_path()
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=CHROMIUM_ARGS,
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
