"""Serve a built site on 127.0.0.1 as GitHub Pages serves it: gzip for text, 404.html for a miss.

The page-quality tests measure the site through this server, so that transfer sizes and load
times are those a reader gets. Run alone: python tools/serve_site.py site [--port 8001]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import mimetypes
import threading
from pathlib import Path

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def compressed(content_type: str) -> bool:
    return content_type.startswith(COMPRESSED_TYPES)


def content_type_of(path: Path) -> str:
    """The Content-Type the server sends for path, as http.server guesses it."""
    known = http.server.SimpleHTTPRequestHandler.extensions_map.get(path.suffix.lower())
    return known or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


@functools.lru_cache(maxsize=4096)
def _gzip(path: str, size: int, modified: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def encoded(path: Path) -> bytes:
    """The file as sent to a browser that accepts gzip: level 6, what common static hosts use."""
    stat = path.stat()
    return _gzip(str(path), stat.st_size, stat.st_mtime)


def transfer_size(site: Path, url_path: str) -> int:
    """Bytes of the body this server sends for url_path (gzip where it compresses)."""
    path = site / url_path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return len(encoded(path)) if compressed(content_type_of(path)) else path.stat().st_size


def transfer_sizes(site: Path, site_url: str, urls: list[str]) -> dict[str, int]:
    """transfer_size of each of urls served from site_url, by path (query and fragment dropped)."""
    paths = {url.removeprefix(site_url).split("#")[0].split("?")[0] for url in urls if url.startswith(site_url)}
    return {path: transfer_size(site, path) for path in paths}


class GzipSiteHandler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as every real host offers: HTTP/1.0 would open a connection per file.
    protocol_version = "HTTP/1.1"

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and (path / "index.html").is_file():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the folder's URL with its trailing slash
            path = path / "index.html"
        if not path.is_file():  # folders without an index are not listed, as on GitHub Pages
            return self._send_file(Path(self.directory) / "404.html", status=404)
        return self._send_file(path)

    def _send_file(self, path: Path, status: int = 200):
        if not path.is_file():
            self.send_error(404)
            return None
        content_type = content_type_of(path)
        encoding = "gzip" if compressed(content_type) and "gzip" in self.headers.get("Accept-Encoding", "") else None
        body = encoded(path) if encoding else path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):
        pass


def start(site: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve site in a background thread; returns the server and its base URL."""
    handler = functools.partial(GzipSiteHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--port", type=int, default=8001)
    arguments = parser.parse_args()
    server, url = start(arguments.site, arguments.port)
    print(f"Serving {arguments.site} with gzip at {url}/ (Ctrl+C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
