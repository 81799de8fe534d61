"""Take the README's screenshot: a question page with its answer open, from the built site.

Usage: python tools/screenshot.py [SITE_DIR] (after `make build`); writes .github/screenshot.png.
"""

import functools
import http.server
import subprocess
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGE = "questions/data-preparation/imbalanced-data/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def main(site_dir: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chromium = subprocess.run([str(ROOT / "tools" / "find-chromium.sh")], capture_output=True, text=True, check=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium.stdout.strip(), args=["--no-sandbox", "--disable-background-networking"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{PAGE}", wait_until="networkidle")
        page.locator("details#answer > summary").click()
        page.screenshot(path=str(ROOT / ".github" / "screenshot.png"))
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site")
