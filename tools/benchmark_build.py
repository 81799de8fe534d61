"""Benchmark the site build: what execution, caching and the number of pages cost.

For the real site, then for generated sites of N trivial question pages, each build in a fresh
copy of the project, all in this one run on this machine:

  floor     build with SNIPPET_EXECUTION=off: no snippet and no notebook runs (the second such
            build, so that caches unrelated to execution, such as link-preview cards, are warm)
  cold      clean build with an empty execution cache
  warm      rebuild with nothing changed
  edit-one  rebuild after editing one snippet

It prints seconds, ratios to the floor, the summed run time of the snippets alone (from the
cache's records of the cold build) and the two targets: warm within 1.2 x floor, and cold within
(floor + snippets / cores) x 1.25. Then, for the same sites, what a first search downloads
(tools/search_cost.py, in Chromium), against what Material's single index and its worker would
have cost, and the time to the first results with the CPU slowed four times.

Usage: python tools/benchmark_build.py [--sizes 250,1000] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import serve_site
from chromium import CHROMIUM_ARGS, chromium_path
from project_copy import ROOT, copy_project
from search_cost import first_search

CORES = len(os.sched_getaffinity(0))


def generated_project(target: Path, pages: int) -> Path:
    """The real configuration and code, with N trivial question pages in 10 topics."""
    copy_project(target)
    shutil.rmtree(target / "docs")
    shutil.rmtree(target / "snippets")
    docs = target / "docs"
    (docs / "questions").mkdir(parents=True)
    (docs / "index.md").write_text("# Generated site\n\n<!-- topics -->\n", encoding="utf-8")
    (docs / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    (docs / "glossary.md").write_text("# Glossary\n\n<!-- glossary -->\n", encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    for topic in range(10):
        folder = docs / "questions" / f"topic-{topic}"
        folder.mkdir()
        (folder / "index.md").write_text(f"# Topic {topic}\n\nGenerated topic.\n\n<!-- questions -->\n", encoding="utf-8")
        (target / "snippets" / f"topic-{topic}").mkdir(parents=True)
    for number in range(pages):
        topic = f"topic-{number % 10}"
        slug = f"question-{number}"
        (target / "snippets" / topic / f"{slug}.py").write_text(f'"""Trivial snippet {number}."""\n\nprint(sum(range({number})))\n', encoding="utf-8")
        (docs / "questions" / topic / f"{slug}.md").write_text(QUESTION.format(number=number, topic=topic, slug=slug), encoding="utf-8")
    return target


QUESTION = """---
tags:
  - Evaluation
difficulty: easy
summary: Generated question {number}, for measuring how the build scales with pages.
---

# Generated question {number}?

A paragraph of context for a generated question, long enough to look like the real pages do.

/// details | Show answer
    type: answer
    attrs: {{id: answer}}

## Short answer

The answer to generated question {number}, in a sentence or two.

## Explanation

An explanation with a formula, $x^2$, and an abbreviation, AUC.

## Code

```python title="snippets/{topic}/{slug}.py"
--8<-- "snippets/{topic}/{slug}.py"
```

--8<-- "snippet-outputs/{topic}/{slug}.md"

## Pitfalls and what strong candidates add

- A pitfall.

## Follow-up questions

- A follow-up.

## References

- A reference. <https://example.org/>

///
"""


def build(project: Path, **env: str) -> float:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")],
        cwd=project, env=environment, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed in {project}:\n{result.stderr}")
    return seconds


def snippet_seconds(project: Path) -> float:
    return sum(json.loads(p.read_text())["seconds"] for p in (project / ".cache" / "snippets").glob("*/result.json"))


# A few reader queries of each kind: one word, a phrase, a name with a prefix.
REAL_QUERIES = ["dropout", "mean absolute error", "gradient boosting vs random forest", "KV cache", "implement k-means", "optim"]
GENERATED_QUERIES = ["generated question", "paragraph of context", "question 7", "answer"]


def search_costs(site: Path, queries: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    server, url = serve_site.start(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            sizes = sorted(first_search(browser, site, url, query)["bytes"] for query in queries)
            slow = first_search(browser, site, url, queries[0], cpu_slowdown=4)["seconds"]
            browser.close()
    finally:
        server.shutdown()
    manifest = json.loads((site / "search" / "shards.json").read_text(encoding="utf-8"))
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    whole = manifest["wholeIndexGzip"] + serve_site.transfer_size(site, "/" + worker.relative_to(site).as_posix())
    return {"search_median": sizes[len(sizes) // 2], "search_max": sizes[-1], "search_whole": whole, "search_slow": slow}


def measure(name: str, project: Path, queries: list[str]) -> dict:
    build(project, SNIPPET_EXECUTION="off")  # fills the caches that do not depend on execution (cards)
    floor = build(project, SNIPPET_EXECUTION="off")
    search = search_costs(project / "site", queries)
    cold = build(project)
    snippets = snippet_seconds(project)
    warm = build(project)
    edited = next(iter(sorted((project / "snippets").rglob("*.py"))))
    with open(edited, "a", encoding="utf-8") as source:
        source.write("\n# edited for the benchmark\n")
    edit_one = build(project)
    pages = sum(1 for p in (project / "docs" / "questions").glob("*/*.md") if p.name != "index.md")
    return {"site": name, "pages": pages, "floor": floor, "cold": cold, "snippets": snippets, "warm": warm, "edit_one": edit_one, **search}


def report(rows: list[dict]) -> str:
    lines = [
        f"Machine: {platform.machine()}, {CORES} cores, {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; measured {time.strftime('%Y-%m-%d')} in one run.",
        "",
        "| site | pages | floor s | cold s (x floor) | snippets alone s | cold target s | warm s (x floor) | edit one s (x floor) | floor s / page |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        target = (row["floor"] + row["snippets"] / CORES) * 1.25
        lines.append(
            f"| {row['site']} | {row['pages']} | {row['floor']:.1f} | {row['cold']:.1f} ({row['cold'] / row['floor']:.2f}) "
            f"| {row['snippets']:.1f} | {target:.1f} {'met' if row['cold'] <= target else 'MISSED'} "
            f"| {row['warm']:.1f} ({row['warm'] / row['floor']:.2f}, {'met' if row['warm'] <= 1.2 * row['floor'] else 'MISSED'}) "
            f"| {row['edit_one']:.1f} ({row['edit_one'] / row['floor']:.2f}) | {row['floor'] / row['pages']:.3f} |"
        )
    lines += [
        "",
        "| site | pages | first search KiB gzip, median (largest) | Material's index and worker KiB gzip | first results s, CPU slowed 4 x |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row['site']} | {row['pages']} | {row['search_median'] / 1024:.1f} ({row['search_max'] / 1024:.1f}) "
            f"| {row['search_whole'] / 1024:.1f} | {row['search_slow']:.2f} |"
        )
    return "\n".join(lines)


REPORT_HEADER = """# Build times

Written by `make benchmark` (`tools/benchmark_build.py`): every build below ran in a fresh copy
of the project, in one run, on one machine. "floor" is a build with `SNIPPET_EXECUTION=off` (no
snippet, no notebook), measured as the second such build so that caches unrelated to execution
(link-preview cards) are warm; "snippets alone" is the summed run time of the snippets in the cold
build. Targets: a rebuild with nothing changed within 1.2 x the floor; a clean build within
(floor + snippets / cores) x 1.25.

The second table is what a new visitor's first search downloads, measured in Chromium on the
floor build served with gzip (`tools/search_cost.py`): the median and the largest over a few
queries, against Material's single index and its search worker, which the site loaded before
(`hooks/search_shards.py` splits the index), and the time from the last key to the results for
the whole query with the CPU slowed four times (a timing: read it, do not gate on it). Queries are
typed a key every 150 ms, so every prefix is searched and its files counted.

"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="250,1000", help="generated site sizes, comma-separated")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="benchmark-") as scratch:
        rows.append(measure("this site", copy_project(Path(scratch) / "site"), REAL_QUERIES))
        print(report(rows), flush=True)
        for size in filter(None, args.sizes.split(",")):
            rows.append(measure(f"generated {size}", generated_project(Path(scratch) / f"generated-{size}", int(size)), GENERATED_QUERIES))
            print(report(rows), flush=True)
    table = report(rows)
    print("\n" + table)
    if args.markdown:
        args.markdown.write_text(REPORT_HEADER + table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
