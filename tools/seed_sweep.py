"""Run every snippet with other seeds and report which assertions fail for which seed.

Usage: python tools/seed_sweep.py [--seeds 1 2 3 4 5] [--jobs N] [snippets/... ...]

A claim that holds for the published seed only is luck. Each snippet takes its seed from
SNIPPET_SEED (CONTRIBUTING.md, section 4); this runs it once per seed, one process per core, and
prints, per failing snippet, the seed and the line and message of the assertion that failed.
Exits with status 1 if any run failed, so the scheduled workflow shows red.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from snippet_engine import SnippetEngine  # noqa: E402

TIMEOUT_SECONDS = 120


def run(snippet: Path, seed: int) -> str | None:
    """None if the snippet passes with this seed, else where and why it failed."""
    environment = dict(os.environ, SNIPPET_SEED=str(seed), MPLBACKEND="Agg", OMP_NUM_THREADS="1")
    try:
        result = subprocess.run(
            [sys.executable, str(snippet)], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired:
        return f"timed out after {TIMEOUT_SECONDS} s"
    if result.returncode == 0:
        return None
    lines = re.findall(rf'File "{re.escape(str(ROOT / snippet))}", line (\d+)', result.stderr)
    last = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit status {result.returncode}"
    return f"line {lines[-1] if lines else '?'}: {last}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("snippets", nargs="*", type=Path)
    args = parser.parse_args()
    snippets = [path.resolve().relative_to(ROOT) for path in args.snippets] or SnippetEngine(ROOT).discover()
    runs = [(snippet, seed) for snippet in snippets for seed in args.seeds]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outcomes = list(pool.map(lambda job: run(*job), runs))
    failures: dict[Path, list[str]] = {}
    for (snippet, seed), outcome in zip(runs, outcomes):
        if outcome is not None:
            failures.setdefault(snippet, []).append(f"seed {seed}: {outcome}")
    for snippet, lines in failures.items():
        print(f"{snippet.as_posix()}")
        for line in lines:
            print(f"    {line}")
    failed_runs = sum(len(lines) for lines in failures.values())
    print(
        f"{len(snippets)} snippets x {len(args.seeds)} seeds ({' '.join(map(str, args.seeds))}): "
        f"{len(failures)} snippets failed for some seed, {failed_runs} failed runs"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
