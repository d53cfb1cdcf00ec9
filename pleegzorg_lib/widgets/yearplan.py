"""The year plan of a network on a worksheet page: meetings, agendas, attendance, .ics.

Each meeting that has taken place (or takes place today) gets an "Ik was erbij" checkbox.
Ticking it records attendance in the store for the participant the page is bound to; the
kernel checks that again on every change, so without a participant nothing is stored.
"""

from __future__ import annotations

import base64
import html
import logging
import threading
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote

import ipywidgets as w

from .. import config
from ..content.yearplan import when_text, where_text
from ..export.calendar import plan_ics
from ..i18n import t
from ..model import Catalog
from ..model.yearplan import PlannedMeeting, YearPlan
from ..store import Participant
from ..store.interfaces import AttendanceStore

log = logging.getLogger(__name__)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def ics_data_uri(text: str) -> str:
    """A ``data:`` URI for the .ics, so the download needs no server route."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"data:text/calendar;charset=utf-8;base64,{encoded}"


def meeting_html(meeting: PlannedMeeting, number: int, total: int, link_prefix: str) -> str:
    """One meeting as HTML: when, where, title and agenda with links to its worksheets."""
    items: list[str] = []
    for item in meeting.agenda:
        text = _e(item.text)
        if item.worksheet is not None:
            href = link_prefix + quote(item.worksheet.path)
            label = t("plan.worksheet", title=item.worksheet.title)
            text += (
                f' <a class="pz-meeting-worksheet" href="{_e(href)}" target="_blank" '
                f'rel="noopener" data-worksheet="{_e(item.worksheet.id)}">{_e(label)}</a>'
            )
        items.append(f"<li>{text}</li>")
    mode = "pz-meeting-online" if meeting.online else "pz-meeting-live"
    return (
        f'<div class="pz-meeting-head" data-meeting="{_e(meeting.id)}">'
        f'<span class="pz-meeting-number">{_e(t("plan.number", number=number, total=total))}'
        "</span>"
        f'<span class="pz-meeting-when">{_e(when_text(meeting))}</span>'
        f'<span class="pz-meeting-where {mode}">{_e(where_text(meeting))}</span></div>'
        f'<h3 class="pz-meeting-title">{_e(meeting.title)}</h3>'
        f'<div class="pz-label">{_e(t("plan.agenda"))}</div>'
        f'<ol class="pz-meeting-agenda">{"".join(items)}</ol>'
    )


class YearPlanPanel:
    """A network's year plan; participants tick the meetings they attended.

    Parameters
    ----------
    store
        Where attendance is recorded.
    plan
        The network's year plan.
    catalog
        Names of the network for headings and the .ics.
    page_path
        Path of the page below ``workbooks/`` (``breakdown/jaarplan.ipynb``): worksheet links
        are made relative to it. Default: a page one folder deep.
    today
        The date that decides which meetings have taken place (tests fix it).
    """

    def __init__(
        self,
        store: AttendanceStore,
        plan: YearPlan,
        catalog: Catalog,
        *,
        page_path: str | None = None,
        today: date | Callable[[], date] | None = None,
    ) -> None:
        self.store = store
        self.plan = plan
        self.participant: Participant | None = None
        self._today = today
        self._loading = False
        self._lock = threading.RLock()
        depth = page_path.count("/") if page_path is not None else 1
        self._link_prefix = "../" * depth  # from /voila/render/<page> to /voila/render/
        network = catalog.network(plan.network_id)
        name = network.name if network else plan.network_id
        base_url = config.base_url()
        filename = f"jaarplan-{plan.network_id}-{plan.year}.ics"
        uri = ics_data_uri(plan_ics(plan, catalog, base_url))
        minutes = plan.typical_minutes
        title = t("plan.title", network=name, year=str(plan.year))
        summary = t(
            "plan.summary", count=len(plan.meetings), minutes=minutes, online=plan.online_count
        )
        heading = w.HTML(
            f'<h2 class="pz-yearplan-title">{_e(title)}</h2>'
            f'<p class="pz-help">{_e(summary)}</p>'
            + (
                f'<p class="pz-help pz-yearplan-timing">{_e(plan.timing)}</p>'
                if plan.timing
                else ""
            )
            + f'<p class="pz-yearplan-download"><a href="{uri}" download="{_e(filename)}" '
            f'class="pz-ics-link">{_e(t("plan.download"))}</a> '
            f'<span class="pz-help">{_e(t("plan.download_help"))}</span></p>'
        )
        self.checks: dict[str, w.Checkbox] = {}
        self.statuses: dict[str, w.HTML] = {}
        self.meeting_boxes: dict[str, w.VBox] = {}
        rows: list[w.Widget] = []
        total = len(plan.meetings)
        for number, meeting in enumerate(plan.meetings, start=1):
            children: list[w.Widget] = [
                w.HTML(meeting_html(meeting, number, total, self._link_prefix))
            ]
            if meeting.has_begun(self.today()):
                check = w.Checkbox(value=False, description=t("plan.attended"), indent=False)
                check.add_class("pz-attended")
                check.disabled = True  # until the page knows its participant
                check.observe(self._on_check(meeting.id), "value")
                status = w.HTML("")
                status.add_class("pz-status")
                self.checks[meeting.id] = check
                self.statuses[meeting.id] = status
                children.append(w.HBox([check, status]))
            else:
                children.append(w.HTML(f'<div class="pz-help">{_e(t("plan.upcoming"))}</div>'))
            box = w.VBox(children)
            box.add_class("pz-meeting")
            box.add_class("pz-meeting-past" if meeting.id in self.checks else "pz-meeting-future")
            self.meeting_boxes[meeting.id] = box
            rows.append(box)
        self.message = w.HTML("")
        self.box = w.VBox([heading, self.message, *rows])
        self.box.add_class("pz-yearplan")

    def today(self) -> date:
        if self._today is None:
            return date.today()
        return self._today() if callable(self._today) else self._today

    # -- binding ------------------------------------------------------------------------
    def bind(self, participant: Participant | None, session_code: str = "") -> None:
        """Show the attendance of ``participant``; ``None`` (after erasing) clears it."""
        with self._lock:
            self.participant = participant
            attended: set[str] = set()
            if participant is not None:
                attended = set(self.store.attendance_of(participant.id, self.plan.network_id))
            self._loading = True
            try:
                for meeting_id, check in self.checks.items():
                    check.value = meeting_id in attended
                    check.disabled = participant is None
                    self.statuses[meeting_id].value = ""
            finally:
                self._loading = False
            self.message.value = (
                ""
                if participant is not None or not self.checks
                else f'<div class="pz-help">{_e(t("plan.needs_participant"))}</div>'
            )

    # -- recording ----------------------------------------------------------------------
    def _on_check(self, meeting_id: str) -> Callable[[dict[str, Any]], None]:
        def changed(change: dict[str, Any]) -> None:
            if self._loading:
                return
            if not self.record(meeting_id, bool(change["new"])):
                self._set_quietly(meeting_id, bool(change["old"]))

        return changed

    def _set_quietly(self, meeting_id: str, value: bool) -> None:
        check = self.checks.get(meeting_id)
        if check is None:
            return
        self._loading = True
        try:
            check.value = value
        finally:
            self._loading = False

    def record(self, meeting_id: str, present: bool) -> bool:
        """Record (or withdraw) attendance of the bound participant at ``meeting_id``.

        Returns ``False`` and stores nothing when no participant is bound, the meeting is
        not in the plan or has not taken place yet, or the store fails.
        """
        with self._lock:
            participant = self.participant
            meeting = self.plan.meeting(meeting_id)
            if participant is None or meeting is None or not meeting.has_begun(self.today()):
                return False
            status = self.statuses.get(meeting_id)
            try:
                self.store.record_attendance(
                    participant.id, self.plan.network_id, meeting_id, present
                )
            except Exception:  # the store is down: say so, keep the page alive
                log.exception("recording attendance %s/%s failed", self.plan.network_id, meeting_id)
                if status is not None:
                    status.value = (
                        f'<span class="pz-status-error">{_e(t("plan.store_down"))}</span>'
                    )
                return False
            if status is not None:
                status.value = (
                    f'<span class="pz-status-saved">✓ {_e(t("plan.attendance_saved"))}</span>'
                )
            return True
