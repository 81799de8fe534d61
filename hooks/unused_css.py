"""MkDocs hook: drop the rules of Material's stylesheets that can match nothing on this site.

Material ships one stylesheet for every feature and every colour (blog, annotations, content tabs,
twenty palettes...), and every page blocks on it before its first paint. After the build, a rule
is kept when each class its selector names occurs somewhere in the site's HTML or JavaScript (so
classes Material's scripts add at run time stay), or when it names no class at all. The result is
written under a name with its own content hash, and every page is pointed at it.
"""

import hashlib
import re
from pathlib import Path

import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

STYLESHEETS = ("main", "palette")
WORD = re.compile(r"[A-Za-z0-9_-]+")
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
ATTRIBUTE_VALUE = re.compile(r"\[[\w-]+[~|^$*]?=\"?([\w-]+)\"?\]")
# Functional pseudo-classes (:not, :is, :where, :has) may match without their classes: ignore them.
PSEUDO_FUNCTION = re.compile(r":[\w-]+\([^()]*\)")
# Classes Material's scripts build from a prefix and a value (tag icons, repository facts).
BUILT_PREFIXES = ("md-tag--", "md-source__fact--")


def can_match(selector: str, words: set[str]) -> bool:
    while PSEUDO_FUNCTION.search(selector):
        selector = PSEUDO_FUNCTION.sub("", selector)
    classes = CLASS.findall(selector)
    return all(name in words or name.startswith(BUILT_PREFIXES) for name in classes) and all(
        value in words for value in ATTRIBUTE_VALUE.findall(selector)
    )


def used_rules(rules: list, words: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if any(can_match(selector, words) for selector in tinycss2.serialize(rule.prelude).split(",")):
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = used_rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), words)
            if inner:
                rule.content = tinycss2.parse_component_value_list("".join(r.serialize() for r in inner))
                kept.append(rule)
        elif rule.type == "at-rule":
            kept.append(rule)
    return kept


def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    site = Path(config.site_dir)
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}
    words = set()
    for text in [*pages.values(), *(path.read_text(encoding="utf-8", errors="replace") for path in site.rglob("*.js"))]:
        words.update(WORD.findall(text))
    renamed = {}
    for name in STYLESHEETS:
        found = sorted((site / "assets" / "stylesheets").glob(f"{name}.*.min.css"))
        if len(found) != 1:
            raise PluginError(f"unused_css: expected one Material stylesheet {name}.*.min.css, found {found}")
        original = found[0]
        rules = tinycss2.parse_stylesheet(original.read_text(encoding="utf-8"), skip_whitespace=True, skip_comments=True)
        css = "".join(rule.serialize() for rule in used_rules(rules, words))
        digest = hashlib.sha256(css.encode()).hexdigest()[:8]
        target = original.with_name(f"{name}.{digest}.min.css")
        target.write_text(css, encoding="utf-8")
        for leftover in (original, original.with_name(original.name + ".map")):
            leftover.unlink(missing_ok=True)
        renamed[original.name] = target.name
    for page, html in pages.items():
        updated = html
        for old, new in renamed.items():
            updated = updated.replace(old, new)
        if updated != html:
            page.write_text(updated, encoding="utf-8")
