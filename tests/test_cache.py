"""The execution cache: nothing runs twice, and an edit re-runs the edited snippet alone."""

import os
import queue
import re
import socket
import subprocess
import threading
import time

from conftest import MKDOCS, run_mkdocs, snippets

EXECUTED = re.compile(r"Executed snippet (\S+)")
SUMMARY = re.compile(r"Snippets: (\d+) executed, (\d+) from cache")


def build_log(project) -> str:
    result = run_mkdocs(project, "build", "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_second_build_executes_nothing_and_an_edit_reruns_only_that_snippet(project):
    total = len(snippets())

    log = build_log(project)
    assert EXECUTED.findall(log) == []
    assert SUMMARY.search(log).groups() == ("0", str(total))

    edited = snippets()[0]
    with open(project / edited, "a", encoding="utf-8") as source:
        source.write("\nprint('edited')\n")
    log = build_log(project)
    assert EXECUTED.findall(log) == [edited.as_posix()]
    assert SUMMARY.search(log).groups() == ("1", str(total - 1))
    assert "edited" in (project / "build" / "snippet-outputs" / edited.relative_to("snippets")).with_suffix(".md").read_text()

    log = build_log(project)
    assert EXECUTED.findall(log) == []


def test_serve_reruns_only_the_edited_snippet(project):
    edited = snippets()[-1]
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{free_port()}"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stderr], daemon=True).start()
    try:
        first = read_until(lines, "Serving on")
        assert EXECUTED.findall(first) == []
        with open(project / edited, "a", encoding="utf-8") as source:
            source.write("\nprint('edited while serving')\n")
        rebuild = read_until(lines, "Snippets:")
        assert EXECUTED.findall(rebuild) == [edited.as_posix()]
        assert SUMMARY.search(rebuild).group(1) == "1"
    finally:
        server.terminate()
        server.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_until(lines: "queue.Queue[str]", marker: str, timeout: float = 180) -> str:
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if marker in line:
            return "".join(seen)
    raise AssertionError(f"no {marker!r} within {timeout} s; the server said:\n{''.join(seen)}")
