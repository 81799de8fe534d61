"""Write each snippet's output as a Markdown fragment that a page includes.

For ``snippets/<topic>/<slug>.py`` this writes ``<out_root>/<topic>/<slug>.md`` (the printed text,
the figures and the versions it ran on) and ``<out_root>/<topic>/<slug>/figure-N.png``.
Pages include the fragment with ``--8<-- "snippet-outputs/<topic>/<slug>.md"``.
"""

from __future__ import annotations

import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

from snippet_engine import SnippetResult

# Import name -> (distribution, name shown to readers), for the "ran with" line.
LIBRARIES = {
    "numpy": ("numpy", "NumPy"),
    "scipy": ("scipy", "SciPy"),
    "sklearn": ("scikit-learn", "scikit-learn"),
    "matplotlib": ("matplotlib", "Matplotlib"),
}


def output_paths(out_root: Path, snippet: Path) -> tuple[Path, Path]:
    """The fragment and the figure folder of a snippet (given relative to the project root)."""
    stem = out_root / snippet.relative_to("snippets").with_suffix("")
    return stem.with_suffix(".md"), stem


def remove_outputs(out_root: Path, snippet: Path) -> None:
    fragment, figure_dir = output_paths(out_root, snippet)
    fragment.unlink(missing_ok=True)
    shutil.rmtree(figure_dir, ignore_errors=True)


def write_outputs(out_root: Path, result: SnippetResult, source: str) -> list[Path]:
    """Write one snippet's fragment and figures; return the figure files written."""
    fragment, figure_dir = output_paths(out_root, result.snippet)
    fragment.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(figure_dir, ignore_errors=True)
    figures = []
    for figure in result.figures:
        figure_dir.mkdir(exist_ok=True)
        figures.append(Path(shutil.copy2(figure.file, figure_dir / figure.file.name)))
    write_if_changed(fragment, render(out_root, result, source))
    return figures


def render(out_root: Path, result: SnippetResult, source: str) -> str:
    parts = []
    if result.stdout.strip():
        fence = "`" * max(3, longest_backtick_run(result.stdout) + 1)
        parts.append(f'{fence} {{ .text .snippet-output title="Output" }}\n{result.stdout.rstrip()}\n{fence}')
    _, figure_dir = output_paths(Path(out_root.name), result.snippet)
    for figure in result.figures:
        alt = figure.alt.replace("[", "(").replace("]", ")")
        url = f"/{figure_dir.as_posix()}/{figure.file.name}"
        parts.append(
            f'![{alt}]({url}){{ .snippet-figure width="{figure.width}" height="{figure.height}" loading="lazy" }}'
        )
    parts.append(f"{provenance(result, source)}\n{{ .snippet-provenance }}")
    return "\n\n".join(parts) + "\n"


def provenance(result: SnippetResult, source: str) -> str:
    python = "Python " + ".".join(map(str, sys.version_info[:3]))
    used = [
        f"{shown} {metadata.version(dist)}"
        for module, (dist, shown) in LIBRARIES.items()
        if re.search(rf"^\s*(?:import|from)\s+{module}\b", source, re.MULTILINE)
    ]
    versions = ", ".join([python, *used])
    return f"Output produced at build time by running `{result.snippet.as_posix()}` with {versions} on {result.ran_on}."


def longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)


def write_if_changed(path: Path, text: str) -> None:
    """Leave an unchanged file alone, so that its modification time means something."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
