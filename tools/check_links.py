"""Check every internal link and anchor of a built site, offline, from its files.

Each href and src in every HTML page that points into the site must name a file that exists
(a folder stands for its index.html), and a fragment must name an id or a name in that page.
External links are not followed: the build and the tests make no request off this machine.
Run alone: python tools/check_links.py site
"""

from __future__ import annotations

import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINKING_ATTRIBUTES = {"href", "src"}
SITE = "http://site.invalid/"  # a base for resolving relative links; never requested


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.anchors.add(value)
            elif name in LINKING_ATTRIBUTES:
                self.links.append((self.getpos()[0], value))


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, url_path: str) -> Path | None:
    path = site / unquote(url_path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def broken_links(site: Path, site_url: str = "") -> list[str]:
    """'page:line: problem' for every broken internal link or anchor. Links written as absolute
    URLs of the published site (site_url: canonical links, 404.html) count as internal."""
    published = urlsplit(site_url)
    pages = {page: _parse(page) for page in sorted(site.rglob("*.html"))}
    problems = []
    for page, parsed in pages.items():
        base = urljoin(SITE, page.relative_to(site).as_posix())
        for line, link in parsed.links:
            url = urlsplit(link)
            if site_url and not url.scheme and link.startswith(published.path):
                link = f"{published.scheme}://{published.netloc}{link}"  # root-absolute, as in 404.html
                url = urlsplit(link)
            if site_url and (url.scheme, url.netloc) == (published.scheme, published.netloc):
                if not url.path.startswith(published.path):
                    continue  # another site on the same host
                url = urlsplit(urljoin(SITE, url.path[len(published.path) :] + (f"#{url.fragment}" if url.fragment else "")))
            else:
                url = urlsplit(urljoin(base, link))
            if f"{url.scheme}://{url.netloc}/" != SITE:
                continue  # another host, data: or mailto:; never requested here
            target = _target(site, url.path)
            where = f"{page.relative_to(site)}:{line}"
            if target is None:
                problems.append(f"{where}: {link} names no file in the site")
            elif url.fragment and target.suffix == ".html":
                anchors = pages[target].anchors if target in pages else _parse(target).anchors
                if unquote(url.fragment) not in anchors:
                    problems.append(f"{where}: {link} names no anchor #{url.fragment} in {target.relative_to(site)}")
    return problems


def config_value(config: Path, key: str) -> str:
    """A top-level string of mkdocs.yml, read as text (the file has tags a plain YAML loader
    refuses); `!ENV [NAME, "default"]` gives the variable NAME if it is set, else the default."""
    match = re.search(rf"^{key}:\s*(.+)$", config.read_text(encoding="utf-8"), re.MULTILINE)
    if match is None:
        return ""
    value = match.group(1).strip()
    from_environment = re.fullmatch(r'!ENV\s*\[\s*(\w+)\s*,\s*"([^"]*)"\s*\]', value)
    if from_environment:
        return os.environ.get(from_environment.group(1)) or from_environment.group(2)
    return value.strip('"')


def site_url_of(config: Path) -> str:
    return config_value(config, "site_url")


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    problems = broken_links(site, site_url_of(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    for problem in problems:
        print(problem)
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"{pages} pages checked, {len(problems)} broken links or anchors")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
