"""A participant's own export, served by the server from the store (issue 31).

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
