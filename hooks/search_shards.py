"""A search index in small files, so that a search downloads only the words it asks for.

Material's search fetches one index of every page's text before the first result; it grows with
every page (about 700 KiB gzip at 213 questions, several MB at 1,000). This module reads that index
once, at build time, and writes instead:

- search/shards.json: what the browser needs first: the word separator, the stop words, the first term
  of each shard, each page's search boost, and the folder of the files below;
- <folder>/terms-<n>.json: the postings of a run of terms in sorted order, each term mapped to
  [page, weight, page, weight, ...], so that a query's words (and the words they are a prefix of)
  fall in one or two files;
- <folder>/pages-<n>.json: the address, title, summary and tags of a run of pages, fetched only
  for the pages a query finds.

Weights count where a word appears: in the title, the keywords ("Also searched as"), the tags, a
section heading or the text. assets/search.js ranks with them; search/shards.json is also what
tests and the benchmark read. No MkDocs import: hooks/search_index.py calls build().
"""

import gzip
import hashlib
import html
import json
import re
from pathlib import Path

# Field weights: a word of the title outweighs many mentions in the text (which are capped).
TITLE, KEYWORDS, TAGS, HEADING, TEXT, TEXT_CAP = 24, 12, 4, 2, 1, 8
SHARD_BYTES = 40_000  # raw JSON per terms file, about 12 KiB gzip
PAGES_PER_FILE = 24
SUMMARY_CHARS = 180
# Lunr's English stop words (Material's pipeline removes them) and the "vs" of comparisons.
STOP_WORDS = sorted(
    set(
        "a able about across after all almost also am among an and any are as at be because been but by can cannot "
        "could dear did do does either else ever every for from get got had has have he her hers him his how however "
        "i if in into is it its just least let like likely may me might most must my neither no nor not of off often "
        "on only or other our own rather said say says she should since so some than that the their them then there "
        "these they this tis to too twas us wants was we were what when where which while who whom why will with "
        "would yet you your vs versus".split()
    )
)
KEYWORDS_LINE = re.compile(r"<p>Also searched as: (.*?)</p>")
DIFFICULTY_LINE = re.compile(r"^(Easy|Medium|Hard) · ")
TAG = re.compile(r"<[^>]+>")


def tokens(text: str, separator: re.Pattern) -> list[str]:
    """The words of text as the browser splits them: lower case, split at the separator, no stop words."""
    return [word for word in separator.split(html.unescape(TAG.sub(" ", text)).lower()) if word and word not in STOP_WORDS]


def plain(markup: str) -> str:
    return html.unescape(TAG.sub("", markup)).strip()


def summary(text: str) -> str:
    """The page's lead paragraph (after a question's difficulty line and keywords), cut at a word boundary."""
    paragraphs = [plain(p) for p in re.findall(r"<p>(.*?)</p>", text)]
    lead = next((p for p in paragraphs if not DIFFICULTY_LINE.match(p) and not p.startswith("Also searched as")), "")
    return lead if len(lead) <= SUMMARY_CHARS else lead[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"


def page_weights(docs: list[dict], separator: re.Pattern) -> dict[str, int]:
    """Weight of each word on one page (its sections in docs, the page itself first)."""
    counts: dict[str, list[int]] = {}

    def add(words: list[str], field: int) -> None:
        for word in words:
            counts.setdefault(word, [0] * 5)[field] += 1

    page = docs[0]
    keywords = KEYWORDS_LINE.search(page["text"])
    add(tokens(page["title"], separator), 0)
    add(tokens(keywords.group(1), separator) if keywords else [], 1)
    add([word for tag in page.get("tags", []) for word in tokens(tag, separator)], 2)
    for doc in docs:
        if doc is not page:
            add(tokens(doc["title"], separator), 3)
        add(tokens(KEYWORDS_LINE.sub(" ", doc["text"]), separator), 4)
    return {
        word: TITLE * min(title, 1) + KEYWORDS * min(keyword, 1) + TAGS * min(tag, 1) + HEADING * min(heading, 1) + TEXT * min(text, TEXT_CAP)
        for word, (title, keyword, tag, heading, text) in counts.items()
    }


def build(site: Path) -> dict:
    """Write the sharded index into site/search/ from Material's search_index.json; return the
    manifest."""
    source = site / "search" / "search_index.json"
    text = source.read_text(encoding="utf-8")
    index = json.loads(text)
    separator = re.compile(index["config"]["separator"])
    pages: dict[str, list[dict]] = {}
    for doc in index["docs"]:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    locations = list(pages)

    postings: dict[str, list[int]] = {}
    for number, location in enumerate(locations):
        for word, weight in sorted(page_weights(pages[location], separator).items()):
            postings.setdefault(word, []).extend((number, weight))

    files: dict[str, str] = {}
    shards, shard, size = [], {}, 0
    # In the order JavaScript compares strings (UTF-16 code units), which the browser relies on.
    for word in sorted(postings, key=lambda word: word.encode("utf-16-be")):
        entry = json.dumps({word: postings[word]}, separators=(",", ":"), ensure_ascii=False)
        if shard and size + len(entry) > SHARD_BYTES:
            shards.append(shard)
            shard, size = {}, 0
        shard[word] = postings[word]
        size += len(entry)
    shards.append(shard)
    for number, terms in enumerate(shards):
        files[f"terms-{number}.json"] = json.dumps(terms, separators=(",", ":"), ensure_ascii=False)
    for start in range(0, len(locations), PAGES_PER_FILE):
        rows = [
            [location, plain(pages[location][0]["title"]), summary(pages[location][0]["text"]), pages[location][0].get("tags", [])]
            for location in locations[start : start + PAGES_PER_FILE]
        ]
        files[f"pages-{start // PAGES_PER_FILE}.json"] = json.dumps(rows, separators=(",", ":"), ensure_ascii=False)

    # A new build writes a new folder, so files of two builds never mix (search.js revalidates
    # shards.json, which names the folder).
    digest = hashlib.sha256("".join(files[name] for name in sorted(files)).encode()).hexdigest()[:10]
    folder = site / "search" / digest
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    manifest = {
        "folder": f"search/{digest}/",
        "separator": index["config"]["separator"],
        "stopWords": STOP_WORDS,
        "shards": [next(iter(terms)) for terms in shards],
        "pagesPerFile": PAGES_PER_FILE,
        "boosts": [pages[location][0].get("boost", 1) for location in locations],
        # What Material's single index would have cost, for the build log and the benchmark.
        "wholeIndexGzip": len(gzip.compress(text.encode(), compresslevel=6)),
    }
    (site / "search" / "shards.json").write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
    # Material's bundle still reads the configuration (for highlighting on the opened page); the
    # documents now live in the files above.
    source.write_text(json.dumps({"config": index["config"], "docs": []}, separators=(",", ":")), encoding="utf-8")
    return manifest
