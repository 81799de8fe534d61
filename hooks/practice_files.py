"""Files a reader downloads to practise, made from a snippet: a notebook, and for a coding drill
an exercise with the solution's bodies removed.

Nothing here knows about MkDocs. A snippet may import shared helpers that sit beside it
(``from _drill import run_tests``); a download must run alone, so each such import is replaced
by the helper's own code.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jupytext
import nbformat

MARKER = re.compile(r"^\s*# --8<-- \[(?:start|end):[\w-]+\]\n", re.MULTILINE)
HELPER_IMPORT = re.compile(r"^from (_\w+) import [\w, ]+\n", re.MULTILINE)
SOLUTION = re.compile(r"^# --8<-- \[start:solution\]\n(.*?)^# --8<-- \[end:solution\]\n", re.MULTILINE | re.DOTALL)
NOT_IMPLEMENTED = "raise NotImplementedError  # your implementation here"
DOWNLOADS = "downloads"


def downloads(root: Path, topic: str, slug: str) -> dict[str, str]:
    """What a question offers to download, as {label: path from the site root}: a notebook when
    it has a snippet, and an exercise too when that snippet marks a solution."""
    snippet = root / "snippets" / topic / f"{slug}.py"
    if not snippet.exists():
        return {}
    offered = {"notebook": f"{DOWNLOADS}/{topic}/{slug}.ipynb"}
    if SOLUTION.search(snippet.read_text(encoding="utf-8")):
        offered["exercise"] = f"{DOWNLOADS}/{topic}/{slug}-exercise.py"
    return offered


def standalone(source: str, folder: Path) -> str:
    """The snippet with the shared helpers it imports written out after its own imports."""
    helpers = HELPER_IMPORT.findall(source)
    if not helpers:
        return source
    source = HELPER_IMPORT.sub("", source)
    blocks = []
    for name in helpers:
        helper = (folder / f"{name}.py").read_text(encoding="utf-8")
        nodes = [node for node in ast.parse(helper).body if not isinstance(node, ast.Expr)]
        imports = "\n".join(ast.get_source_segment(helper, n) for n in nodes if isinstance(n, (ast.Import, ast.ImportFrom)))
        code = "\n\n\n".join(ast.get_source_segment(helper, n) for n in nodes if not isinstance(n, (ast.Import, ast.ImportFrom)))
        blocks.append(f"# From {name}.py, the site's shared helper, so that this file runs alone.\n{imports}\n\n\n{code}\n")
    tree = ast.parse(source)
    last_import = max(n.end_lineno for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))
    lines = source.splitlines(keepends=True)
    lines.insert(last_import, "\n\n" + "\n\n".join(blocks) + "\n")
    return "".join(lines)


def notebook(source: str, folder: Path, title: str) -> str:
    """A notebook of the snippet's ``# %%`` cells under a title cell; cell ids are fixed, so the
    same snippet always gives the same bytes."""
    book = jupytext.reads(MARKER.sub("", standalone(source, folder)), fmt="py:percent")
    heading = f"# {title}\n\nThe code of this question's answer, cell by cell; run it top to bottom."
    book.cells.insert(0, nbformat.v4.new_markdown_cell(heading))
    for number, cell in enumerate(book.cells):
        cell.id = f"cell-{number}"
        cell.metadata = {}
    book.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return nbformat.writes(book) + "\n"


def exercise(source: str, folder: Path) -> str:
    """The drill with every function of its solution section reduced to its signature and
    docstring; its tests report each function as not implemented until the reader writes it."""
    solution = SOLUTION.search(source)
    if solution is None:
        raise ValueError("no '# --8<-- [start:solution]' ... '[end:solution]' section")
    code = solution.group(1)
    lines = code.splitlines(keepends=True)
    functions = [node for node in ast.parse(code).body if isinstance(node, ast.FunctionDef)]
    for function in reversed(functions):
        first = function.body[1] if ast.get_docstring(function) and len(function.body) > 1 else function.body[0]
        if first is function.body[0] and ast.get_docstring(function):
            continue  # only a docstring: nothing to remove
        indent = " " * first.col_offset
        lines[first.lineno - 1 : function.end_lineno] = [f"{indent}{NOT_IMPLEMENTED}\n"]
    header = "# Exercise: write the body of each function below, then run this file; it reports each test.\n"
    stubbed = source[: solution.start()] + header + "".join(lines) + source[solution.end() :]
    return MARKER.sub("", standalone(stubbed, folder))
