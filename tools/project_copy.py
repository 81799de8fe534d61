"""A working copy of the project: everything a build reads, for tests and benchmarks to change."""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "requirements.txt", "docs", "snippets", "includes", "hooks", "overrides")


def copy_project(target: Path, with_cache: bool = False) -> Path:
    """Copy the project to target; with_cache also copies the execution caches, warm as they are."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    if with_cache and (ROOT / ".cache").exists():
        shutil.copytree(ROOT / ".cache", target / ".cache")
    return target
