"""The facilitator's live view of a session: who joined, results, moderation, polls,
presenter mode, comparison with other sessions and the report.

Built only after the key was checked; every callback checks it again in the kernel, because
a message from the page can click any button.
"""

from __future__ import annotations

import html
import logging
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..export import collect_session, roles_html
from ..export.qr import qr_block
from ..export.report import SessionData
from ..i18n import t
from ..model import Catalog
from ..services.sessions import participant_link, served_base
from ..store import Session
from ..store.interfaces import LiveStore
from .live_tabs import (
    ByRoleTab,
    CompareTab,
    LiveContext,
    PollTab,
    PresenterTab,
    ReportTab,
    ResultsTab,
    html_widget,
    set_html,
)

log = logging.getLogger(__name__)

REFRESH_SECONDS = 3.0
TABS = ("results", "present", "poll", "compare", "byrole", "agenda", "report")
BYROLE_TAB = TABS.index("byrole")
AGENDA_TAB = TABS.index("agenda")
REPORT_TAB = TABS.index("report")


class LiveView:
    """One facilitator page for one session: the header, who joined, and a tab per task
    (``live_tabs.py``); it reads the store every few seconds while it is open."""

    def __init__(
        self,
        session: Session,
        key: str,
        *,
        store: LiveStore,
        catalog: Catalog,
        root: Path,
        participant_path: str,
    ) -> None:
        self.session = session
        self.key = key
        self.store = store
        self.catalog = catalog
        self.root = root
        self.data: SessionData | None = None
        self._stop = threading.Event()
        self._lock = threading.RLock()
        link = participant_link(session.code, participant_path, served_base())
        self.header = html_widget(self._header_html(link), "pz-page-header")
        self.roles = html_widget(css="pz-live-roles")
        self.updated = html_widget(css="pz-updated")
        ctx = LiveContext(
            session,
            store,
            catalog,
            self.may,
            self.refresh,
            lambda: self.data,
            join=self._join_html(link),
        )
        self.results = ResultsTab(ctx)
        self.presenter = PresenterTab(ctx)
        self.poll = PollTab(ctx)
        self.compare = CompareTab(ctx)
        self.byrole = ByRoleTab(ctx)
        from .agenda import AgendaAdmin

        self.agenda = AgendaAdmin(store, session.network_id, catalog, self.may)
        self.report = ReportTab(ctx)
        tabs = (self.results, self.presenter, self.poll, self.compare, self.byrole)
        self.tabs = w.Tab(children=[*(tab.box for tab in tabs), self.agenda.box, self.report.box])
        self.tabs.observe(self._on_tab, "selected_index")
        for index, key_ in enumerate(TABS):
            self.tabs.set_title(index, t(f"live.tab.{key_}"))
        self.box = w.VBox([self.header, self.roles, self.updated, self.tabs])
        self.box.add_class("pz-live")

    def _join_html(self, link: str) -> str:
        """The corner of the presenter view: the QR code and the join code."""
        return (
            f"{qr_block(link, title=t('live.qr'))}"
            f'<div class="pz-label">{html.escape(t("live.join_code"))}</div>'
            f'<div class="pz-present-code">{html.escape(self.session.code)}</div>'
        )

    def _header_html(self, link: str) -> str:
        session = self.session
        qr = qr_block(link, title=t("live.qr"))  # the link holds the join code, never the key
        return (
            '<div class="pz-header pz-live-header"><div class="pz-live-header-text">'
            f'<div class="pz-network">{html.escape(session.title)}</div>'
            f'<div class="pz-join"><span class="pz-label">{html.escape(t("live.join_code"))}</span>'
            f'<span class="pz-join-code">{html.escape(session.code)}</span></div>'
            f'<div class="pz-help">{html.escape(t("live.participant_link"))}: '
            f'<a href="{html.escape(link)}" target="_blank">{html.escape(link)}</a></div></div>'
            f"{qr}</div>"
        )

    # -- permission -----------------------------------------------------------------------
    def may(self) -> bool:
        """Check the key against the store again: a forged click must not get through."""
        try:
            return self.store.facilitator_may(self.session.code, self.key)
        except Exception:
            log.exception("key check failed")
            return False

    # -- refreshing -----------------------------------------------------------------------
    def start(self) -> None:
        self.refresh()
        threading.Thread(target=self._loop, daemon=True, name="pz-live").start()

    def stop(self) -> None:
        self._stop.set()

    def _loop(self) -> None:
        while not self._stop.wait(REFRESH_SECONDS):
            try:
                self.refresh()
            except Exception:
                log.exception("live view refresh failed")

    def refresh(self) -> None:
        """Read the store, recompute the aggregates and update what changed."""
        if not self.may():
            return
        with self._lock:
            data = collect_session(
                self.store, self.session.code, catalog=self.catalog, root=self.root
            )
            self.data = data
            set_html(self.roles, roles_html(data.summary))
            now = datetime.now().strftime("%H:%M:%S")
            updated = html.escape(t("live.updated", time=now))
            set_html(self.updated, f'<span class="pz-help">{updated}</span>')
            self.results.render(data)
            self.presenter.render(data)
            self.poll.render(data)
            self.compare.render(data)
            self._render_tab(self.tabs.selected_index, data)

    def _on_tab(self, change: dict[str, Any]) -> None:
        if self.data is not None and self.may():
            self._render_tab(change["new"], self.data)

    def _render_tab(self, index: int | None, data: SessionData) -> None:
        """Tabs that cost work are only computed while they are shown."""
        if index == REPORT_TAB:
            self.report.render(data)
        elif index == BYROLE_TAB:
            self.byrole.render(data)
        elif index == AGENDA_TAB:
            self.agenda.refresh()
