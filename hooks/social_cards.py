"""MkDocs hook: a link-preview image for every question, drawn at build time with Matplotlib.

Material's social plugin fetches fonts from the network, so the cards are drawn here instead, with
the fonts Matplotlib ships. Each card shows the question, its topic and its difficulty; it is cached
under .cache/cards by a hash of that text and of this file, so a rebuild draws only new cards.
The template links the card as og:image and twitter:image; other pages use the site's card.
"""

import hashlib
import shutil
import textwrap
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from question_pages import is_question

CARDS = PurePosixPath("assets", "cards")
SIZE_INCHES, DPI = (12, 6.3), 100  # 1200 x 630, the size link previews expect
cards: dict[str, tuple[str, str]] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    cards.clear()


def on_page_content(content: str, page: Page, **kwargs) -> str:
    if is_question(page):
        name = PurePosixPath(page.file.src_uri).with_suffix(".png").as_posix().replace("/", "-")
        topic = page.meta["tags"][0]
        cards[name] = (page.title, f"{topic} · {page.meta['difficulty']}")
        page.meta["social_card"] = f"{CARDS}/{name}"
    return content


def draw(path: Path, title: str, subtitle: str, site_name: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = plt.figure(figsize=SIZE_INCHES, dpi=DPI, facecolor="#3f51b5")
    figure.text(0.06, 0.86, site_name, color="#c5cae9", fontsize=24, weight="bold", va="top")
    figure.text(0.06, 0.62, textwrap.fill(title, 38), color="white", fontsize=40, weight="bold", va="center", linespacing=1.25)
    figure.text(0.06, 0.1, subtitle, color="#c5cae9", fontsize=24)
    figure.savefig(path, facecolor=figure.get_facecolor(), metadata={"Software": None})
    plt.close(figure)


def on_post_build(config: MkDocsConfig) -> None:
    cache = Path(config.config_file_path).parent / ".cache" / "cards"
    cache.mkdir(parents=True, exist_ok=True)
    target = Path(config.site_dir) / CARDS
    target.mkdir(parents=True, exist_ok=True)
    code = Path(__file__).read_bytes()
    for name, (title, subtitle) in sorted(cards.items()):
        key = hashlib.sha256(code + f"{config.site_name}\n{title}\n{subtitle}".encode()).hexdigest()[:24]
        cached = cache / f"{key}.png"
        if not cached.exists():
            draw(cached, title, subtitle, config.site_name)
        shutil.copyfile(cached, target / name)
