"""``pleegzorg serve``: Voilà serving the workbooks, with our landing page and template."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import tornado.ioloop
import tornado.web
from jupyter_core.paths import jupyter_config_path
from jupyter_server.utils import url_path_join
from traitlets import default
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from .. import config
from ..content import ContentError, load_catalog, load_worksheet_index
from ..i18n import language_from_query, t
from .frontend import BUNDLE_PATH, BundleHandler, compress_responses, page_resources
from .landing import render_landing

TEMPLATE_ROOT = Path(__file__).parent / "share"
WARMUP_SECONDS = 5


class LandingHandler(tornado.web.RequestHandler):
    """``/``: the list of worksheets, read afresh so a new notebook shows without restart."""

    def initialize(self, base_url: str) -> None:
        self.base_url = base_url

    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        try:
            catalog = load_catalog(config.data_dir(), language_from_query(self.request.query))
            worksheets = load_worksheet_index(config.workbooks_dir(), catalog)
        except ContentError as exc:
            self.set_status(500)
            self.finish(
                f"<!DOCTYPE html><meta charset=utf-8><p>{tornado.escape.xhtml_escape(str(exc))}</p>"
            )
            return
        lang = language_from_query(self.request.query)
        self.finish(render_landing(catalog, worksheets, base_url=self.base_url, lang=lang))


class WorksheetPageHandler(TornadoVoilaHandler):
    """Voilà's page handler that also sets the ``_xsrf`` cookie.

    When a page closes, Voilà's script asks the server to shut its kernel down and sends
    the ``_xsrf`` cookie along; stock Voilà never sets that cookie, so the request fails
    with 403 and every closed page leaves its kernel running (voila#1458).
    """

    async def prepare(self, *args: Any, **kwargs: Any) -> None:
        await super().prepare(*args, **kwargs)
        _ = self.xsrf_token  # reading the token sets the cookie


class RefuseHandler(tornado.web.RequestHandler):
    """404 for any path that tries to climb out of a folder (``..``, encoded or not)."""

    def prepare(self) -> None:
        raise tornado.web.HTTPError(404)


class PleegzorgVoila(Voila):
    """Voilà with the landing page at ``/`` and ``workbooks/voila.json`` as its config."""

    name = "pleegzorg-voila"

    @default("config_file_paths")
    def _pz_config_file_paths(self) -> list[str]:
        return [str(config.workbooks_dir()), *jupyter_config_path()]

    def initialize(self, argv: Any = None) -> None:
        super().initialize(argv)
        # The template reads resources.pleegzorg (the front end's texts); Voilà passes
        # VoilaConfiguration.resources to every page it renders, preheated ones included.
        vc = self.config.VoilaConfiguration
        extra = vc.get("resources") if "resources" in vc else None
        extra = dict(extra) if isinstance(extra, dict) else {}
        vc.resources = {**extra, "pleegzorg": page_resources()}

    def init_handlers(self) -> list[Any]:
        handlers = super().init_handlers()
        compress_responses(self.app)
        tree = url_path_join(self.server_url, "/voila/tree")
        # The contents API only served Voilà's own tree, which our landing page replaces;
        # it would list every file to anyone.
        contents = url_path_join(self.server_url, "/voila/api/contents")
        kept = [
            (h[0], WorksheetPageHandler, *h[2:]) if h[1] is TornadoVoilaHandler else h
            for h in handlers
            if h[0] != self.server_url and not h[0].startswith((tree, contents))
        ]
        self._start_warmup()
        return [
            (r".*(?:/\.\.(?:/|$)|%2[eE]%2[eE]).*", RefuseHandler),
            (self.server_url, LandingHandler, {"base_url": self.server_url}),
            (url_path_join(self.server_url, BUNDLE_PATH, r"([^/]+)"), BundleHandler),
            (tree + r".*", tornado.web.RedirectHandler, {"url": self.server_url}),
            *kept,
        ]

    def _start_warmup(self) -> None:
        """Size kernel pools to the sessions that are on (only with preheated kernels)."""
        if not self.voila_configuration.preheat_kernel or not hasattr(
            self.kernel_manager, "_pools"
        ):
            return
        from ..store import open_store
        from .warmup import SessionWarmup, baseline_paths, preheat_limit

        warmup = SessionWarmup(
            self.kernel_manager, open_store(), baseline=baseline_paths(preheat_limit())
        )
        self._warmup_callback = tornado.ioloop.PeriodicCallback(warmup.tick, WARMUP_SECONDS * 1000)
        self._warmup_callback.start()
        tornado.ioloop.IOLoop.current().add_callback(warmup.tick)


def prepare_environment() -> None:
    """Make our template findable by Voilà (and by kernels it starts)."""
    paths = [str(TEMPLATE_ROOT)]
    existing = os.environ.get("JUPYTER_PATH")
    if existing:
        paths.append(existing)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(paths)
    # Kernels inherit these, so every page of this server uses the same store and content.
    os.environ.setdefault("PLEEGZORG_WORKBOOKS", str(config.workbooks_dir()))
    os.environ.setdefault("PLEEGZORG_DATA", str(config.data_dir()))
    os.environ.setdefault("PLEEGZORG_DATABASE_URL", config.database_url())


def serve(
    *,
    port: int = 8866,
    ip: str = "127.0.0.1",
    extra_args: list[str] | None = None,
    open_browser: bool = False,
) -> None:
    """Validate the content, then run Voilà on ``workbooks/`` until stopped."""
    catalog = load_catalog(config.data_dir())
    load_worksheet_index(config.workbooks_dir(), catalog)  # fail early with a clear message
    prepare_environment()
    from ..store import open_store

    # Create and migrate the store here, once, before Voilà starts its preheated kernels:
    # otherwise several kernels race to create the same new SQLite file.
    store = open_store()
    retention = os.environ.get("PLEEGZORG_RETENTION_DAYS", "").strip()
    if retention.isdigit() and int(retention) > 0:
        removed = store.purge_older_than(int(retention))
        print(f"Bewaartermijn {retention} dagen: {removed} oude deelnemer(s) verwijderd.")
    store.close()
    argv = [
        str(config.workbooks_dir()),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--Voila.port_retries=0",
        "--no-browser" if not open_browser else "",
        *(extra_args or []),
    ]
    app = PleegzorgVoila()
    app.initialize([a for a in argv if a])
    print(t("cli.serve.url", url=f"http://{ip}:{port}/"), flush=True)
    app.start()
