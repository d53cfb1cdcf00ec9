"""A participant's own data, served by the server from the store (issue 31): the page
``voila/netwerk/mijn-gegevens`` (download or erase) and its downloads.

``voila/netwerk/mijn-gegevens/download.html|md|pdf`` returns everything the participant
the browser's resume-code cookie names gave: answers on every worksheet, stories, questions,
replies, votes (``export/participant.py``). The worksheet's "Download mijn antwoorden" links
here: nothing is built in the participant's kernel and no file travels as a ``data:`` URI in
a widget. A PDF is printed by headless Chromium in a bounded pool: at most
``PLEEGZORG_PDF_WORKERS`` at once (default 1 per 2 cores of this server's share, at least 1),
a queue behind them, one PDF at a time per participant; beyond that the visitor hears in Dutch
that it is busy and may try again (503, Retry-After), and the HTML and Markdown stay
available.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import tornado.web

from .. import config
from .network_home import ExchangeHandler, shared_store
from .security import forget_device

log = logging.getLogger(__name__)

#: Requests that may wait for a PDF worker besides those printing.
WAITING_PER_WORKER = 12
FORMATS = {
    "html": ("text/html; charset=utf-8", "mijn-gegevens.html"),
    "md": ("text/markdown; charset=utf-8", "mijn-gegevens.md"),
    "pdf": ("application/pdf", "mijn-gegevens.pdf"),
}


def pdf_workers() -> int:
    """``PLEEGZORG_PDF_WORKERS``, else one per two cores of this server's share of the machine
    (``pleegzorg cluster`` runs several servers: each takes its part)."""
    configured = config.pdf_workers()
    if configured:
        return configured
    return max(1, (os.cpu_count() or 2) // (2 * max(1, config.server_count())))


class PdfPool:
    """Chromium prints one PDF per worker; a small queue waits; the rest is told it is busy."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pz-pdf")
        self._lock = threading.Lock()
        self._admitted = 0  # printing or waiting
        self.busiest = 0  # the most printing at once (for tests and the benchmark)
        self._printing = 0
        self._owners: set[str] = set()

    def try_admit(self, who: str = "") -> bool:
        """Room for one more PDF — and ``who`` (a participant) has none in the making yet:
        one at a time per participant, so nobody keeps the pool busy for everyone else."""
        with self._lock:
            if who and who in self._owners:
                return False
            if self._admitted >= self.workers * (1 + WAITING_PER_WORKER):
                return False
            self._admitted += 1
            if who:
                self._owners.add(who)
            return True

    def _print(self, html_text: str) -> bytes:
        from ..export import html_to_pdf

        with self._lock:
            self._printing += 1
            self.busiest = max(self.busiest, self._printing)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                target = Path(tmp) / "mijn-gegevens.pdf"
                html_to_pdf(html_text, target)
                return target.read_bytes()
        finally:
            with self._lock:
                self._printing -= 1

    async def print(self, html_text: str, who: str = "") -> bytes:
        """Print (after :meth:`try_admit` said yes); the slot is freed whatever happens."""
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, self._print, html_text)
        finally:
            with self._lock:
                self._admitted -= 1
                self._owners.discard(who)


_pool: PdfPool | None = None
_pool_lock = threading.Lock()


def pdf_pool() -> PdfPool:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = PdfPool(pdf_workers())
        return _pool


def export_files(store: Any, participant: Any, catalog: Any) -> tuple[str, str]:
    """(HTML, Markdown) of everything ``participant`` gave."""
    from ..export.participant import collect_participant, participant_html, participant_markdown

    data = collect_participant(store, participant, catalog=catalog)
    return participant_html(data), participant_markdown(data)


def send_export(handler: tornado.web.RequestHandler, kind: str, body: str | bytes) -> None:
    mime, filename = FORMATS[kind]
    handler.set_header("Content-Type", mime)
    handler.set_header("Content-Disposition", f'attachment; filename="{filename}"')
    handler.set_header("Cache-Control", "no-store")
    handler.finish(body)


class OwnDataHandler(ExchangeHandler):
    """``voila/netwerk/mijn-gegevens``: the participant's own data as a page to download, and
    erasing it (everything, also what they wrote on worksheets; replies of others stay)."""

    async def get(self) -> None:
        def gather() -> Any:
            store = shared_store()
            return self.participant(store)

        me = await self.in_thread(gather)
        if self.get_query_argument("download", "") and me is not None:
            from ..export.participant import collect_participant, participant_html

            html = await self.in_thread(
                lambda: participant_html(
                    collect_participant(shared_store(), me, catalog=self.catalog)
                )
            )
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Content-Disposition", 'attachment; filename="mijn-gegevens.html"')
            self.finish(html)
            return
        self.render_page(
            "own_data.html",
            me=me,
            code=self.code() if me else None,
            erased=bool(self.get_query_argument("gewist", "")),
        )

    async def post(self) -> None:
        def act() -> bool:
            store = shared_store()
            me = self.participant(store)
            if me is None:
                return False
            store.forget_participant(me.id)
            return True

        await self.in_thread(act)
        forget_device(self)
        self.redirect(f"{self.base_url}voila/netwerk/mijn-gegevens?gewist=1")


class OwnDataDownloadHandler(ExchangeHandler):
    """``voila/netwerk/mijn-gegevens/download.html|md|pdf``: the export of the participant the
    browser's resume-code cookie names, built here from the store (not in a page's kernel);
    PDFs through the bounded pool of ``own_export.py``."""

    async def get(self, kind: str) -> None:
        def gather() -> tuple[str, str, str] | None:
            store = shared_store()
            me = self.participant(store)
            return None if me is None else (*export_files(store, me, self.catalog), me.id)

        files = await self.in_thread(gather)
        if files is None:  # no code in this browser (or an erased one): nothing of theirs
            self.set_status(404)
            self.render_page(
                "notice.html",
                title=self.tr("exchange.own.download_none_title"),
                text=self.tr("exchange.own.none"),
                back=f"{self.base_url}voila/netwerk/mijn-gegevens",
            )
            return
        page, markdown, who = files
        if kind == "html":
            send_export(self, kind, page)
            return
        if kind == "md":
            send_export(self, kind, markdown)
            return
        pool = pdf_pool()
        if not pool.try_admit(who):
            self.set_status(503)
            self.set_header("Retry-After", "30")
            self.render_page(
                "notice.html",
                title=self.tr("exchange.own.pdf_busy_title"),
                text=self.tr("exchange.own.pdf_busy"),
                back=f"{self.base_url}voila/netwerk/mijn-gegevens",
            )
            return
        try:
            pdf = await pool.print(page, who)
        except Exception as error:  # Chromium missing, failing or past its 120 s
            log.warning("own export as PDF failed: %s", str(error)[:200])
            self.set_status(503)
            self.render_page(
                "notice.html",
                title=self.tr("exchange.own.pdf_failed_title"),
                text=self.tr("exchange.own.pdf_failed"),
                back=f"{self.base_url}voila/netwerk/mijn-gegevens",
            )
            return
        send_export(self, kind, pdf)
