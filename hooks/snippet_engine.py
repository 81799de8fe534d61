"""Execute the snippets under ``snippets/``: each in its own process, in parallel, cached by content.

Nothing here knows about MkDocs, so any site generator (or a plain script) can drive it:

    results = SnippetEngine(project_root).run_all()

A result is cached under a key made of everything that can change it: the snippet's bytes, the
shared helpers (``snippets/**/_*.py``), the pinned requirements, the Python version and this
engine's own code. A snippet whose key is cached is not run again.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

RUNNER = Path(__file__).with_name("run_snippet.py")
DEFAULT_TIMEOUT_SECONDS = 60.0
# The snippet stops itself at the timeout, printing its stack (run_snippet.py); it is killed only
# if it has not done so this much later.
KILL_GRACE_SECONDS = 30.0
# faulthandler's first line when a snippet stopped itself at its timeout.
TIMEOUT_BANNER = re.compile(r"^Timeout \(\d+:\d\d:\d\d(?:\.\d+)?\)!$", re.MULTILINE)


@dataclass(frozen=True)
class Figure:
    file: Path
    alt: str
    width: int
    height: int


@dataclass(frozen=True)
class SnippetResult:
    snippet: Path  # relative to the project root
    stdout: str
    figures: list[Figure]
    ran_on: str  # ISO date of the run that produced this output
    seconds: float  # run time of that run
    executed: bool  # False when the output came from the cache


class SnippetError(Exception):
    """One or more snippets raised or timed out; the message names each file and line."""

    def __init__(self, failures: list[str]):
        super().__init__("\n\n".join(failures))


class SnippetEngine:
    def __init__(
        self,
        root: Path,
        cache_dir: Path | None = None,
        timeout: float | None = None,
        jobs: int | None = None,
    ):
        self.root = Path(root).resolve()
        self.snippets_dir = self.root / "snippets"
        self.cache_dir = Path(cache_dir or os.environ.get("SNIPPET_CACHE_DIR") or self.root / ".cache" / "snippets")
        self.timeout = timeout or float(os.environ.get("SNIPPET_TIMEOUT", DEFAULT_TIMEOUT_SECONDS))
        self.jobs = jobs or int(os.environ.get("SNIPPET_JOBS", 0)) or len(os.sched_getaffinity(0))

    # -- what to run -------------------------------------------------------------------------

    def discover(self) -> list[Path]:
        """Every snippet, relative to the root; files named ``_*.py`` are shared helpers."""
        return sorted(
            path.relative_to(self.root)
            for path in self.snippets_dir.rglob("*.py")
            if not path.name.startswith("_")
        )

    def environment_digest(self) -> str:
        """Hash of what every snippet's output depends on besides the snippet itself."""
        digest = hashlib.sha256()
        digest.update(sys.version.encode())
        digest.update(platform.machine().encode())
        shared = [Path(__file__), RUNNER, self.root / "requirements.txt"]
        shared += sorted(self.snippets_dir.rglob("_*.py"))
        for path in shared:
            digest.update(str(path.name).encode())
            digest.update(path.read_bytes() if path.exists() else b"")
        return digest.hexdigest()

    def cache_key(self, snippet: Path, environment: str) -> str:
        digest = hashlib.sha256(environment.encode())
        digest.update(str(snippet.as_posix()).encode())
        digest.update((self.root / snippet).read_bytes())
        return digest.hexdigest()[:32]

    # -- running -----------------------------------------------------------------------------

    def run_all(self, snippets: list[Path] | None = None) -> list[SnippetResult]:
        """Run every stale snippet in parallel; raise SnippetError naming each failure."""
        snippets = self.discover() if snippets is None else snippets
        environment = self.environment_digest()
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            outcomes = list(pool.map(lambda s: self._result(s, environment), snippets))
        failures = [outcome for outcome in outcomes if isinstance(outcome, str)]
        if failures:
            raise SnippetError(failures)
        return outcomes

    def _result(self, snippet: Path, environment: str) -> SnippetResult | str:
        entry = self.cache_dir / self.cache_key(snippet, environment)
        if (entry / "result.json").exists():
            return self._load(snippet, entry, executed=False)
        return self._execute(snippet, entry)

    def _execute(self, snippet: Path, entry: Path) -> SnippetResult | str:
        work = Path(tempfile.mkdtemp(prefix="run-", dir=self.cache_dir))
        try:
            started = time.monotonic()
            returncode, stdout, stderr, timed_out = self._spawn(snippet, work)
            seconds = time.monotonic() - started
            if timed_out or returncode != 0:
                return self._describe_failure(snippet, stderr, timed_out)
            (work / "stdout.txt").write_text(stdout, encoding="utf-8")
            meta = {"snippet": snippet.as_posix(), "seconds": round(seconds, 3), "ran_on": run_date()}
            (work / "result.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
            try:
                work.rename(entry)  # atomic: a half-written entry is never seen as cached
            except OSError:
                pass  # another build cached the same key meanwhile; both outputs are equal
            return self._load(snippet, entry, executed=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _spawn(self, snippet: Path, work: Path) -> tuple[int, str, str, bool]:
        env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
        # The site always shows the published seed's output (tools/seed_sweep.py tries others).
        env.pop("SNIPPET_SEED", None)
        # Snippets run side by side; one BLAS thread each keeps them from fighting over cores.
        env.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
        process = subprocess.Popen(
            [sys.executable, str(RUNNER), str(self.root / snippet), str(work), str(self.timeout)],
            cwd=self.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, so a timeout ends its children too
        )
        try:
            stdout, stderr = process.communicate(timeout=self.timeout + KILL_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            return process.returncode, stdout, stderr, True
        return process.returncode, stdout, stderr, bool(TIMEOUT_BANNER.search(stderr))

    def _describe_failure(self, snippet: Path, stderr: str, timed_out: bool) -> str:
        lines = re.findall(rf'File "{re.escape(str(self.root / snippet))}", line (\d+)', stderr)
        # A traceback lists the innermost call last; the stack dumped at a timeout lists it first.
        innermost = (lines[0] if timed_out else lines[-1]) if lines else None
        where = f"{snippet.as_posix()}:{innermost}" if innermost else snippet.as_posix()
        if timed_out:
            headline = f"{where}: snippet timed out after {self.timeout:g} s"
        else:
            last = stderr.strip().splitlines()[-1] if stderr.strip() else "exited with an error"
            headline = f"{where}: snippet failed: {last}"
        return f"{headline}\n{stderr.rstrip()}"

    def _load(self, snippet: Path, entry: Path, executed: bool) -> SnippetResult:
        meta = json.loads((entry / "result.json").read_text(encoding="utf-8"))
        figures = [
            Figure(entry / item["file"], item["alt"], item["width"], item["height"])
            for item in json.loads((entry / "figures.json").read_text(encoding="utf-8"))
        ]
        return SnippetResult(
            snippet=snippet,
            stdout=(entry / "stdout.txt").read_text(encoding="utf-8"),
            figures=figures,
            ran_on=meta["ran_on"],
            seconds=meta["seconds"],
            executed=executed,
        )


def execution_enabled() -> bool:
    """False when SNIPPET_EXECUTION=off: a build that runs nothing, to measure the rest."""
    return os.environ.get("SNIPPET_EXECUTION", "on") != "off"


def run_date() -> str:
    """Today, or the day SOURCE_DATE_EPOCH names, so that a build can be made reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.date().isoformat()


if __name__ == "__main__":
    engine = SnippetEngine(Path(__file__).resolve().parent.parent)
    try:
        for result in engine.run_all():
            state = "ran" if result.executed else "cached"
            print(f"{state:6} {result.seconds:6.2f} s  {result.snippet}")
    except SnippetError as error:
        sys.exit(str(error))
