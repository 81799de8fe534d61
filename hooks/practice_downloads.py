"""MkDocs hook: publish, for every question with a snippet, a notebook of it and, for a coding
drill, the exercise (practice_files.py makes both; question_actions.py links them).

They are written to build/downloads/ and added to the site like the snippets' figures. A snippet
whose solution section cannot be made into an exercise stops the build, naming the file.
"""

import shutil
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from practice_files import DOWNLOADS, downloads, exercise, notebook
from topic_index import read_page

BUILD_DIR = "build"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    build_dir = root / BUILD_DIR
    shutil.rmtree(build_dir / DOWNLOADS, ignore_errors=True)
    for page in list(files.documentation_pages()):
        path = PurePosixPath(page.src_uri)
        if len(path.parts) != 3 or path.parts[0] != "questions" or path.name == "index.md":
            continue
        topic, slug = path.parts[1], path.stem
        snippet = root / "snippets" / topic / f"{slug}.py"
        source = snippet.read_text(encoding="utf-8") if snippet.exists() else ""
        for kind, target in downloads(root, topic, slug).items():
            try:
                text = notebook(source, snippet.parent, read_page(page)[0]) if kind == "notebook" else exercise(source, snippet.parent)
            except (ValueError, SyntaxError, OSError) as error:
                raise PluginError(f"{snippet.relative_to(root)}: cannot make its {kind}: {error}") from None
            out = build_dir / target
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            files.append(File(target, str(build_dir), config.site_dir, config.use_directory_urls))
    return files
