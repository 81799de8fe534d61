"""MkDocs hook: run the snippets before any page is read, and publish their figures.

Pages include ``snippet-outputs/<topic>/<slug>.md`` (see snippet_output.py); the figures it links
to are added to the site as files. A snippet that raises or times out stops the build.

``SNIPPET_EXECUTION=off`` runs nothing and shows a placeholder instead of each output: the cost
of a build without execution, the floor that tools/benchmark_build.py measures against.
"""

import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from snippet_engine import SnippetEngine, SnippetError, SnippetResult, execution_enabled, run_date
from snippet_output import output_paths, write_outputs

BUILD_DIR = "build"
OUTPUT_DIR = "snippet-outputs"

log = logging.getLogger("mkdocs.hooks.execute_snippets")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    build_dir = root / BUILD_DIR
    out_root = build_dir / OUTPUT_DIR
    engine = SnippetEngine(root)
    try:
        results = engine.run_all() if execution_enabled() else placeholders(engine)
    except SnippetError as error:
        # No output of this build may outlive it: the next good build writes all of them again.
        shutil.rmtree(out_root, ignore_errors=True)
        raise PluginError(f"Snippet execution failed:\n{error}") from None

    expected = set()
    for result in results:
        if result.executed:
            log.info(f"Executed snippet {result.snippet.as_posix()} in {result.seconds:.2f} s")
        source = (root / result.snippet).read_text(encoding="utf-8")
        for figure in write_outputs(out_root, result, source):
            files.append(File(figure.relative_to(build_dir).as_posix(), str(build_dir), config.site_dir, config.use_directory_urls))
        expected.update(output_paths(out_root, result.snippet))
    remove_stale(out_root, expected)
    executed = sum(result.executed for result in results)
    log.info(f"Snippets: {executed} executed, {len(results) - executed} from cache, {engine.jobs} in parallel")
    return files


def placeholders(engine: SnippetEngine) -> list[SnippetResult]:
    stdout = "(not executed: this build ran with SNIPPET_EXECUTION=off)\n"
    return [SnippetResult(snippet, stdout, [], run_date(), 0.0, False) for snippet in engine.discover()]


def remove_stale(out_root: Path, expected: set[Path]) -> None:
    """Drop the outputs of snippets that were deleted or renamed."""
    for path in out_root.glob("**/*.md"):
        if path not in expected:
            path.unlink()
            shutil.rmtree(path.with_suffix(""), ignore_errors=True)
