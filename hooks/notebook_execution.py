"""MkDocs hook: give mkdocs-jupyter's notebook execution a timeout and an honest cache.

mkdocs-jupyter has no timeout option, but the nbconvert it drives reads Jupyter config files, so
``hooks/jupyter/`` joins the Jupyter config path. Its cache key covers the notebook alone, so the
cache folder is named after the environment (requirements, Python): new versions re-execute.
"""

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from snippet_engine import SnippetEngine

JUPYTER_CONFIG_DIR = Path(__file__).with_name("jupyter")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    paths = os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep)
    if str(JUPYTER_CONFIG_DIR) not in paths:
        os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(JUPYTER_CONFIG_DIR), *filter(None, paths)])
    root = Path(config.config_file_path).parent
    environment = SnippetEngine(root).environment_digest()[:16]
    config.plugins["mkdocs-jupyter"].config["cache_dir"] = str(root / ".cache" / "notebooks" / environment)
    return config
