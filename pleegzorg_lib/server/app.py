"""``pleegzorg serve``: Voilà serving the workbooks, with our landing page and template."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import tornado.ioloop
import tornado.web
from jupyter_core.paths import jupyter_config_path
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from traitlets import default
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from .. import config
from ..content import ContentError, load_catalog, load_worksheet_index
from ..i18n import language_from_query, t
from .admission import CapacityHandler, LimitedKernelManager
from .exchange_routes import exchange_handlers
from .frontend import BUNDLE_PATH, BundleHandler, compress_responses, page_resources
from .hub import (
    callback_handler,
    hub_mode,
    service_address,
)
from .landing import render_landing
from .ownership import mask_kernel_ids_in_logs, owned_handlers
from .page_handler import WorksheetPageHandler
from .provisioner import start_template
from .security import (
    CspReportHandler,
    DeviceHandler,
    install_security,
    is_loopback_address,
)
from .timeouts import cell_timeout, log_cell_error
from .voila_pools import check_voila_internals, limit_pool_filling

log = logging.getLogger(__name__)

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
        # After "Dit apparaat vergeten" on a page (frontend/src/device.js).
        forgotten = "vergeten" in self.request.query_arguments
        notice = t("page.device_forgotten", lang) if forgotten else ""
        self.finish(
            render_landing(
                catalog,
                worksheets,
                base_url=self.base_url,
                lang=lang,
                notice=notice,
                visitor=self.get_query_argument("voor", ""),
                words=self.get_query_argument("zoek", ""),
            )
        )


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
        mask_kernel_ids_in_logs()
        # The template reads resources.pleegzorg (the front end's texts); Voilà passes
        # VoilaConfiguration.resources to every page it renders, preheated ones included.
        vc = self.config.VoilaConfiguration
        extra = vc.get("resources") if "resources" in vc else None
        extra = dict(extra) if isinstance(extra, dict) else {}
        vc.resources = {**extra, "pleegzorg": page_resources()}
        # A warm kernel waits for its visitor in the binding cell: no cell timeout there; the
        # page's own deadline counts from its request instead (timeouts.py).
        executor = self.config.VoilaExecutor
        if executor.get("timeout_func") is None:
            executor.timeout_func = cell_timeout(executor.get("timeout"))
        # Voilà shows a failed cell's output and logs nothing: log it (timeouts.py).
        if executor.get("on_cell_error") is None:
            executor.on_cell_error = log_cell_error
        # Every kernel goes through the admission control (admission.py), unless someone
        # configured a kernel manager of their own.
        if self.voila_configuration.multi_kernel_manager_class is AsyncMappingKernelManager:
            self.voila_configuration.multi_kernel_manager_class = LimitedKernelManager
        # Kernels are forked from a warm template (provisioner.py): start it now, from the
        # main thread, so the first page does not wait for its imports.
        start_template()

    def init_handlers(self) -> list[Any]:
        handlers = super().init_handlers()
        check_voila_internals(
            self.kernel_manager, preheat=bool(self.voila_configuration.preheat_kernel)
        )
        limit_pool_filling(self.kernel_manager)
        install_security(self.app, self.server_url)
        compress_responses(self.app)
        # Jupyter's identity cookie (an anonymous name nobody sees): this browser session only.
        provider = getattr(self, "identity_provider", None)
        if provider is not None:
            provider.cookie_options = {
                "expires_days": None,
                "samesite": "Lax",
                **provider.cookie_options,
            }
        tree = url_path_join(self.server_url, "/voila/tree")
        # The contents API only served Voilà's own tree, which our landing page replaces;
        # it would list every file to anyone.
        contents = url_path_join(self.server_url, "/voila/api/contents")
        kept = owned_handlers(
            [
                (h[0], WorksheetPageHandler, *h[2:]) if h[1] is TornadoVoilaHandler else h
                for h in handlers
                if h[0] != self.server_url
                and not h[0].startswith((tree, contents))
                # Jupyter's logout page needs a static path Voilà does not have: a 500 for
                # anyone who tried it; there is nothing to log out of here
                and not h[0].rstrip("/").endswith("/logout")
            ]
        )
        self._start_warmup()
        self._start_memory_trace()
        hub = [callback_handler()] if hub_mode() else []
        return [
            *hub,
            (r".*(?:/\.\.(?:/|$)|%2[eE]%2[eE]).*", RefuseHandler),
            # a template folder is not a file: 404, not the static handler's 500
            (url_path_join(self.server_url, r"voila/templates/.*/"), RefuseHandler),
            (self.server_url, LandingHandler, {"base_url": self.server_url}),
            *exchange_handlers(self.server_url),
            (url_path_join(self.server_url, BUNDLE_PATH, r"([^/]+)"), BundleHandler),
            (url_path_join(self.server_url, "voila/pleegzorg/device"), DeviceHandler),
            (url_path_join(self.server_url, "voila/pleegzorg/csp-report"), CspReportHandler),
            (
                url_path_join(self.server_url, "voila/pleegzorg/capacity"),
                CapacityHandler,
                {"kernel_manager": self.kernel_manager},
            ),
            (tree + r".*", tornado.web.RedirectHandler, {"url": self.server_url}),
            *kept,
        ]

    def _start_warmup(self) -> None:
        """Size kernel pools to the sessions that are on (only with preheated kernels)."""
        if not self.voila_configuration.preheat_kernel:  # (its internals: checked at start)
            return
        from ..store import open_store
        from .warmup import SessionWarmup, preheat_limit, wanted_baseline

        store = open_store()
        warmup = SessionWarmup(
            self.kernel_manager,
            store,
            baseline_source=lambda: wanted_baseline(store, preheat_limit()),
        )
        self._warmup_callback = tornado.ioloop.PeriodicCallback(warmup.tick, WARMUP_SECONDS * 1000)
        self._warmup_callback.start()
        tornado.ioloop.IOLoop.current().add_callback(warmup.tick)

    def _start_memory_trace(self) -> None:
        """``PLEEGZORG_TRACEMALLOC=<folder>``: a tracemalloc snapshot of the server every 10
        minutes (``server-<n>.tracemalloc``), to find where a long-running server's memory
        goes (benchmarks/soak.py). Off by default: tracing costs time and memory."""
        folder = config.tracemalloc_folder()
        if not folder:
            return
        import tracemalloc

        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        tracemalloc.start(config.tracemalloc_frames())
        count = [0]

        def dump() -> None:
            import gc

            tracemalloc.take_snapshot().dump(str(out / f"server-{count[0]:03d}.tracemalloc"))
            count[0] += 1
            # who is still alive of what each page render makes
            names = (
                "NotebookRenderer",
                "VoilaExecutor",
                "TornadoVoilaHandler",
                "WorksheetPageHandler",
                "Environment",
            )
            live = dict.fromkeys(names, 0)
            for obj in gc.get_objects():
                name = type(obj).__name__
                if name in live:
                    live[name] += 1
            log.warning("memory trace %d: live objects %s", count[0], live)

        seconds = config.tracemalloc_seconds()
        self._trace_callback = tornado.ioloop.PeriodicCallback(dump, seconds * 1000)
        self._trace_callback.start()


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
    """Validate the content, then run Voilà on ``workbooks/`` until stopped.

    A server others can reach needs ``PLEEGZORG_ORGANIZER_CODE``: without it, anyone who
    reaches the server could create sessions. It refuses to start then (RuntimeError)."""
    if hub_mode():  # JupyterHub says where to listen and under which prefix
        ip, port, prefix = service_address()
        extra_args = [*(extra_args or []), f"--Voila.base_url={prefix}"]
    listen_on = [ip] + [
        a.split("=", 1)[1] for a in extra_args or [] if a.startswith(("--Voila.ip=", "--ip="))
    ]
    exposed = [a for a in listen_on if not is_loopback_address(a)]
    if exposed and not config.organizer_code():
        raise RuntimeError(t("cli.serve.organizer_required", ip=exposed[0]))
    catalog = load_catalog(config.data_dir())
    load_worksheet_index(config.workbooks_dir(), catalog)  # fail early with a clear message
    prepare_environment()
    from ..store import open_store

    # Create and migrate the store here, once, before Voilà starts its preheated kernels:
    # otherwise several kernels race to create the same new SQLite file.
    store = open_store()
    retention = config.retention_days()
    if retention:
        removed = store.purge_older_than(retention)
        print(t("cli.serve.retention", days=retention, removed=removed))
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
    print(t("cli.serve.url", url=f"http://{ip}:{port}{app.base_url}"), flush=True)
    app.start()
