"""MkDocs hook (`hooks:` in mkdocs.yml): the knowledge base and the checker page are generated from the
same bundle the engine reads. Pages are added as generated files, so `mkdocs build --strict` checks every
link between them; after the build the checker's runtime files are written next to the pages, and each
page gets a Content-Security-Policy that allows only this origin."""
from __future__ import annotations

import logging
import os

from mkdocs.structure.files import File

from checker.bundle import index_bundle
from checker.build.compile import build_bundle, write_bundle
from checker.build.errors import BuildFailed
from checker.build.site import abbr, opendata, pages
from checker.build.site.assets import AssetsMissing, write_checker_assets
from checker.build.site.csp import add_policy
from checker.build.site.form import checker_page
from checker.build.site.search import (ThemeChanged, compact_index, label_search_dialog, point_to_wrapper,
                                       write_wrapper)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CHECKER_MD = "checker/index.md"
log = logging.getLogger("mkdocs.hooks.knowledge_base")
_state: dict = {}


def on_config(config):
    try:
        data = build_bundle(os.path.join(ROOT, "criteria"))
    except BuildFailed as failed:
        raise SystemExit("criteria/ has errors:\n" + "\n".join(map(str, failed.errors))) from None
    write_bundle(data, os.path.join(ROOT, "build", "bundle.json"))
    generated = dict(pages.generate_pages(data))
    generated[CHECKER_MD] = checker_page(index_bundle(data))
    _state.update(data=data, pages=generated, abbr=abbr.definitions(data))
    config["nav"] = pages.nav(data, config.get("nav") or [])
    return config


def on_files(files, config):
    for path, markdown in _state["pages"].items():
        files.append(File.generated(config, path, content=markdown))
    files.append(File.generated(config, opendata.BUNDLE_FILE, content=opendata.bundle_text(_state["data"])))
    return files


def on_page_markdown(markdown, page, config, files):
    """Glossary abbreviations become tooltips: the page's own document's first, then the others'."""
    return markdown + abbr.block(_state["abbr"], page.meta.get("kb_doc"))


def on_post_page(output, page, config):
    return add_policy(label_search_dialog(point_to_wrapper(output, defer=page.file.src_uri == CHECKER_MD)))


def on_post_build(config):
    try:
        write_wrapper(config["site_dir"])
        before, after = compact_index(config["site_dir"])
        log.info("search index: %d KB (as UTF-8; %d KB as the theme wrote it)", after // 1024, before // 1024)
        info = write_checker_assets(config["site_dir"], _state["data"])
    except (AssetsMissing, ThemeChanged) as problem:
        raise SystemExit(str(problem)) from None
    log.info("checker: Pyodide %s, %d engine modules, bundle %s", info["pyodide"], len(info["modules"]),
             info["bundle_version"])
    trimmed = info.get("stdlib_trimmed")
    if trimmed:
        log.info("stdlib: %d modules kept, %d left out (%d KB → %d KB)", trimmed["kept"], trimmed["dropped"],
                 trimmed["bytes_before"] // 1024, trimmed["bytes"] // 1024)
