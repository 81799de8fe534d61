"""The execution cache: nothing runs twice, and an edit re-runs the edited snippet alone."""

import re

from conftest import copy_project, run_mkdocs, snippets

EXECUTED = re.compile(r"Executed snippet (\S+)")
SUMMARY = re.compile(r"Snippets: (\d+) executed, (\d+) from cache")


def build_log(project) -> str:
    result = run_mkdocs(project, "build", "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_second_build_executes_nothing_and_an_edit_reruns_only_that_snippet(tmp_path, site):
    # `site` first: the session build leaves every snippet cached, which the copy takes along.
    project = copy_project(tmp_path)
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
