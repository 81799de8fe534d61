"""The manifest of published URLs: every page and every answer anchor the site has ever had.

A URL in the manifest must keep working forever, on its page or through a redirect
(mkdocs-redirects). The test suite checks that; this script adds the URLs of a new build:

    python tools/url_manifest.py update site/     # after `make build`; never removes a URL
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MANIFEST = Path(__file__).resolve().parent.parent / "tests" / "published-urls.txt"
REDIRECT = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')
QUESTION = re.compile(r"^/questions/[^/]+/[^/]+/$")


def site_urls(site: Path) -> list[str]:
    """Each page of a built site as a path from the site's root, and '#answer' on questions."""
    urls = []
    for index in sorted(site.rglob("index.html")):
        path = index.parent.relative_to(site).as_posix()
        url = "/" if path == "." else f"/{path}/"
        if url.startswith(("/assets/", "/search/")) or REDIRECT.search(index.read_text(encoding="utf-8")):
            continue
        urls.append(url)
        if QUESTION.match(url):
            urls.append(f"{url}#answer")
    return urls


def read_manifest() -> list[str]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines() if MANIFEST.exists() else []
    return [line for line in lines if line and not line.startswith("#")]


def resolve(site: Path, url: str, hops: int = 5) -> tuple[Path, str] | None:
    """The page file and anchor a URL ends up on, following redirects; None if it is dead."""
    path, _, anchor = url.lstrip("/").partition("#")
    for _ in range(hops):
        page = site / path / "index.html"
        if not page.is_file():
            return None
        moved = REDIRECT.search(page.read_text(encoding="utf-8"))
        if moved is None:
            return page, anchor
        target = (page.parent / moved.group(1)).resolve()
        if target.suffix == ".html":
            target = target.parent
        path = target.relative_to(site.resolve()).as_posix()
    return None


def update(site: Path) -> list[str]:
    known = read_manifest()
    new = [url for url in site_urls(site) if url not in set(known)]
    if new or not MANIFEST.exists():
        header = "# Every URL this site has published, as a path under site_url. Never delete a line:\n# move a page with a redirect (mkdocs.yml, redirect_maps) instead. Add new ones with\n# `python tools/url_manifest.py update site/`.\n"
        MANIFEST.write_text(header + "\n".join(known + new) + "\n", encoding="utf-8")
    return new


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "update":
        sys.exit(__doc__)
    added = update(Path(sys.argv[2]))
    print(f"{len(added)} new URL(s) added to {MANIFEST.relative_to(Path.cwd()) if MANIFEST.is_relative_to(Path.cwd()) else MANIFEST}")
