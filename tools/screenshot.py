"""Take the README's screenshot: a question page with its answer open, from the built site.

Usage: python tools/screenshot.py [SITE_DIR] (after `make build`); writes .github/screenshot.png.
"""

import subprocess
import sys
from pathlib import Path

import serve_site
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGE = "questions/data-preparation/imbalanced-data/"


def main(site_dir: Path) -> None:
    server, url = serve_site.start(site_dir)
    chromium = subprocess.run([str(ROOT / "tools" / "find-chromium.sh")], capture_output=True, text=True, check=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium.stdout.strip(), args=["--no-sandbox", "--disable-background-networking"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
        page.goto(f"{url}/{PAGE}", wait_until="networkidle")
        page.locator("details#answer > summary").click()
        page.screenshot(path=str(ROOT / ".github" / "screenshot.png"))
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site")
