"""MkDocs hook: a build that fails publishes nothing.

Strict mode aborts only after every page has been written, so without this a failed build would
leave a complete-looking site behind, ready for a careless upload.
"""

import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.failed_build")
config_of_this_build: MkDocsConfig | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global config_of_this_build
    config_of_this_build = config
    return config


def on_build_error(error: Exception, **kwargs) -> None:
    if config_of_this_build is None:
        return
    site_dir = Path(config_of_this_build.site_dir)
    if site_dir.is_dir():
        for child in site_dir.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        log.error(f"Build failed: emptied {site_dir} so that nothing of it is published")
