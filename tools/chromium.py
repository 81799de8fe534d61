"""The system Chromium the tests and the benchmark drive, and the flags they start it with."""

import subprocess
from pathlib import Path

# Without the last three Chromium calls home at start, which the tests forbid.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    found = subprocess.run([str(Path(__file__).parent / "find-chromium.sh")], capture_output=True, text=True)
    if found.returncode != 0:
        raise RuntimeError("No system Chromium or Chrome: run `make test-install` or set CHROMIUM_PATH")
    return found.stdout.strip()
