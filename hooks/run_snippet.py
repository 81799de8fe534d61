"""Run one snippet in this process and save what it produced.

Usage: python hooks/run_snippet.py SNIPPET OUT_DIR [TIMEOUT_SECONDS]

The snippet runs as ``__main__`` with the Agg backend. Its standard output goes to the parent
process; every Matplotlib figure still open at the end is saved as ``figure-N.png`` in OUT_DIR,
with ``figures.json`` listing each file, its alt text (the figure's label) and its size in pixels.
A snippet that raises prints its traceback to standard error and exits with status 1. One still
running after TIMEOUT_SECONDS prints where it is, "Timeout (...)!" and its stack, most recent call
first, and exits with status 1: the snippet reports its own line, so a busy machine that is slow
to deliver a signal cannot lose it.
"""

import faulthandler
import json
import os
import runpy
import sys
import traceback
import warnings
from pathlib import Path

FIGURE_DPI = 100


def save_figures(out_dir: Path) -> list[dict]:
    if "matplotlib.pyplot" not in sys.modules:
        return []
    import matplotlib.pyplot as plt

    figures = []
    for number, fig_id in enumerate(plt.get_fignums(), start=1):
        fig = plt.figure(fig_id)
        name = f"figure-{number}.png"
        # Dropping the Software entry keeps the PNG bytes identical from build to build.
        fig.savefig(out_dir / name, dpi=FIGURE_DPI, metadata={"Software": None})
        width, height = (round(size * FIGURE_DPI) for size in fig.get_size_inches())
        alt = fig.get_label() or f"Figure {number}"
        figures.append({"file": name, "alt": alt, "width": width, "height": height})
    return figures


def main(snippet: Path, out_dir: Path, timeout: float | None = None) -> int:
    if timeout:
        faulthandler.dump_traceback_later(timeout, exit=True)
    os.environ["MPLBACKEND"] = "Agg"
    # Agg cannot open windows, so the snippets' closing plt.show() is a no-op here.
    warnings.filterwarnings("ignore", message=".*non-interactive.*")
    sys.argv = [str(snippet)]
    sys.path.insert(0, str(snippet.parent))
    try:
        runpy.run_path(str(snippet), run_name="__main__")
    except SystemExit as exit_:
        if exit_.code not in (None, 0):
            traceback.print_exc()
            return 1
    except BaseException:
        traceback.print_exc()
        return 1
    sys.stdout.flush()
    figures = save_figures(out_dir)
    (out_dir / "figures.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else None
    sys.exit(main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]), timeout))
