"""Links that never die: every URL ever published resolves, on its page or through a redirect."""

from conftest import run_mkdocs
from playwright.sync_api import expect
from url_manifest import read_manifest, resolve, site_urls

MOVED_FROM = "questions/evaluation/stratified-cross-validation"
MOVED_TO = "questions/evaluation/stratified-k-fold"


def test_every_published_url_still_resolves(site):
    for url in read_manifest():
        found = resolve(site, url)
        assert found is not None, f"published URL {url!r} is dead: add a redirect in mkdocs.yml"
        page, anchor = found
        if anchor:
            assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), f"{url}: anchor #{anchor} is gone"


def test_every_page_of_this_build_is_in_the_manifest(site):
    missing = [url for url in site_urls(site) if url not in set(read_manifest())]
    assert not missing, f"not in tests/published-urls.txt (run `make manifest`): {missing}"


def test_moving_a_page_breaks_its_url_until_a_redirect_is_added(project):
    (project / f"docs/{MOVED_FROM}.md").rename(project / f"docs/{MOVED_TO}.md")
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("stratified-cross-validation.md)", "stratified-k-fold.md)"), encoding="utf-8")
    site = project / "site"
    assert run_mkdocs(project, "build", "--site-dir", str(site)).returncode == 0
    assert resolve(site, f"/{MOVED_FROM}/#answer") is None

    config_file = project / "mkdocs.yml"
    config = config_file.read_text(encoding="utf-8")
    redirect = f"      redirect_maps:\n        {MOVED_FROM}.md: {MOVED_TO}.md\n"
    config_file.write_text(config.replace("      redirect_maps:\n", redirect, 1), encoding="utf-8")
    assert run_mkdocs(project, "build", "--site-dir", str(site)).returncode == 0
    page, anchor = resolve(site, f"/{MOVED_FROM}/#answer")
    assert page == site / MOVED_TO / "index.html" and anchor == "answer"
    assert 'id="answer"' in page.read_text(encoding="utf-8")


def test_published_links_open_the_right_place_in_a_browser(page):
    # Every fourth URL of the manifest: pages and answer anchors alike, in a real browser.
    for url in read_manifest()[::4]:
        response = page.goto(url)
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
        if url.endswith("#answer"):
            answer = page.locator("details#answer")
            expect(answer).to_have_attribute("open", "")
            expect(answer).to_be_in_viewport()
