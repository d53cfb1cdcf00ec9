"""The page's own front end on the server: its built files, served compressed and cached for a
year (their names carry a content hash), compressed HTML, and the texts the front end shows.

The bundle is built from ``frontend/`` by ``make frontend`` and committed (``static/page/``),
so serving needs no Node. ``frontend.json`` names the files and the hash of their sources.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import tornado.web
from tornado.web import GZipContentEncoding

from .. import config
from ..i18n import CATALOGS
from ..i18n.page import FRONTEND_KEYS

TEMPLATE_DIR = Path(__file__).parent / "share" / "voila" / "templates" / "pleegzorg"
BUNDLE_DIR = TEMPLATE_DIR / "static" / "page"
#: The URL path (after the server's base URL) where the template asks for the bundle.
BUNDLE_PATH = "voila/templates/pleegzorg/static/page/"
YEAR = 365 * 24 * 3600
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


@cache
def manifest() -> dict[str, Any]:
    """``frontend.json``: the bundle's file names (``js``, ``css``) and its sources' hash."""
    return json.loads((BUNDLE_DIR / "frontend.json").read_text(encoding="utf-8"))


def page_resources() -> dict[str, Any]:
    """What the template puts in the page's data: the front end's texts, both languages."""
    days = config.remember_days()

    def text(catalog: dict[str, str], key: str) -> str:
        if key == "page.device_hint_days":  # how long this server's cookie lives
            return catalog[key].format(days=days) if days else catalog["page.device_hint_session"]
        if key == "page.device_hint_youth" and not days:  # no "onthoud mij" box to tick
            return catalog["page.device_hint_session"]
        return catalog[key]

    return {
        "messages": {
            lang: {name: text(catalog, key) for name, key in FRONTEND_KEYS.items()}
            for lang, catalog in CATALOGS.items()
        }
    }


@cache
def _variants(name: str) -> dict[str, bytes]:
    """The file and its precompressed copies, read once."""
    found = {}
    for encoding, suffix in (("identity", ""), ("br", ".br"), ("gzip", ".gz")):
        path = BUNDLE_DIR / f"{name}{suffix}"
        if path.is_file():
            found[encoding] = path.read_bytes()
    return found


def _accepts(header: str) -> set[str]:
    accepted = set()
    for part in header.split(","):
        token, _, params = part.strip().partition(";")
        if params.strip().replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        accepted.add(token.strip().lower())
    return accepted


class BundleHandler(tornado.web.RequestHandler):
    """The bundle's files: brotli or gzip as the browser accepts, immutable for a year."""

    def get(self, name: str) -> None:
        files = manifest()
        if name not in (files.get("js"), files.get("css")):
            raise tornado.web.HTTPError(404)
        variants = _variants(name)
        accepted = _accepts(self.request.headers.get("Accept-Encoding", ""))
        encoding = next((e for e in ("br", "gzip") if e in accepted and e in variants), None)
        self.set_header("Content-Type", _TYPES[Path(name).suffix])
        self.set_header("Cache-Control", f"public, max-age={YEAR}, immutable")
        if GZipContentEncoding not in self.application.transforms:  # that one adds it
            self.set_header("Vary", "Accept-Encoding")
        if encoding:
            self.set_header("Content-Encoding", encoding)
        self.finish(variants[encoding or "identity"])

    def head(self, name: str) -> None:
        self.get(name)


def compress_responses(app: tornado.web.Application) -> None:
    """gzip every compressible response the browser accepts it for (HTML pages as Voilà
    streams them, CSS, JSON). Voilà 0.5 builds its Application before ``tornado_settings``
    apply, so ``compress_response`` there has no effect; the transform is added here."""
    if GZipContentEncoding not in app.transforms:
        app.transforms.append(GZipContentEncoding)
