"""MkDocs hook: give mkdocs-jupyter's notebook execution a timeout and an honest cache.

mkdocs-jupyter has no timeout option, but the nbconvert it drives reads Jupyter config files, so
``hooks/jupyter/`` joins the Jupyter config path. Its cache key covers the notebook alone, so the
cache folder is named after the environment (requirements, Python, this Jupyter config), so a
change there re-executes the notebooks.
"""

import hashlib
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from snippet_engine import SnippetEngine, execution_enabled

JUPYTER_CONFIG_DIR = Path(__file__).with_name("jupyter")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    paths = os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep)
    if str(JUPYTER_CONFIG_DIR) not in paths:
        os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(JUPYTER_CONFIG_DIR), *filter(None, paths)])
    root = Path(config.config_file_path).parent
    digest = hashlib.sha256(SnippetEngine(root).environment_digest().encode())
    for path in sorted(JUPYTER_CONFIG_DIR.iterdir()):
        digest.update(path.read_bytes())
    notebooks = config.plugins["mkdocs-jupyter"].config
    folder = digest.hexdigest()[:16]
    if not execution_enabled():
        # mkdocs-jupyter evicts the entries a build does not use: keep unexecuted ones apart.
        notebooks["execute"] = False
        folder += "-unexecuted"
    notebooks["cache_dir"] = str(root / ".cache" / "notebooks" / folder)
    return config
