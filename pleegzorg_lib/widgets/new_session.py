"""A form for facilitators to create a session from the page (as `pleegzorg session create`)."""

from __future__ import annotations

import html
import secrets
from urllib.parse import quote, urlencode

import ipywidgets as w

from .. import config
from ..export.qr import qr_block
from ..i18n import t
from ..model import Catalog, WorksheetInfo
from ..services.sessions import (
    MAX_EXPECTED,
    SessionError,
    create_session,
    participant_link,
    served_base,
    server_room,
)
from ..store.interfaces import SessionCreateStore
from ._lean import layout_of
from ._sync import on_click_after_edits


class NewSessionForm:
    """Network, worksheet, title and date in; join code and both links out."""

    def __init__(
        self, catalog: Catalog, worksheets: tuple[WorksheetInfo, ...], *, store: SessionCreateStore
    ) -> None:
        self.catalog = catalog
        self.worksheets = worksheets
        self.store = store
        self.network = w.Dropdown(options=[(n.name, n.id) for n in catalog.networks])
        self.worksheet = w.Dropdown(options=[])
        self.title = w.Text(placeholder=t("new.session_title"))
        self.date = w.DatePicker()
        self.expected = w.BoundedIntText(value=0, min=0, max=MAX_EXPECTED)
        self.organizer = w.Password(placeholder=t("new.organizer"))
        self.create = w.Button(description=t("new.create"))
        self.create.add_class("pz-create-session")
        self.result = w.HTML("")
        self.result.add_class("pz-new-session-result")
        self.network.observe(lambda _c: self._fill_worksheets(), "value")
        on_click_after_edits(
            self.create,
            [self.network, self.worksheet, self.title, self.date, self.expected, self.organizer],
            self.submit,
        )
        self._fill_worksheets()
        fields = [
            _field(t("new.network"), self.network),
            _field(t("new.worksheet"), self.worksheet),
            _field(t("new.session_title"), self.title),
            _field(t("new.date"), self.date),
            _field(t("new.expected"), self.expected),
        ]
        if config.organizer_code():
            fields.append(_field(t("new.organizer"), self.organizer))
        self.box = w.VBox([*fields, self.create, self.result])
        self.box.add_class("pz-page-header")
        self.box.add_class("pz-new-session")

    def _fill_worksheets(self) -> None:
        options = [
            (ws.title, ws.id) for ws in self.worksheets if ws.network_id == self.network.value
        ]
        self.worksheet.options = options
        self.worksheet.index = 0 if options else None

    def submit(self) -> bool:
        """Create the session; every value is checked again here, not trusted from the page."""
        required = config.organizer_code()
        if required and not secrets.compare_digest(self.organizer.value, required):
            self._say(t("new.organizer_wrong"), "error")
            return False
        info = next((ws for ws in self.worksheets if ws.id == self.worksheet.value), None)
        if info is None:
            return False
        try:
            links = create_session(
                self.store,
                network_id=self.network.value or "",
                worksheet_id=info.id,
                title=self.title.value.strip() or None,
                date=self.date.value.isoformat() if self.date.value else None,
                base="",
                expected=int(self.expected.value or 0) or None,
            )
        except SessionError as exc:
            self._say(str(exc), "error")
            return False
        # Links relative to this page, so they carry the address the facilitator used.
        code = links.session.code
        participant = f"../{quote(info.path)}?" + urlencode({"sessie": code})
        facilitator = "live.ipynb?" + urlencode({"sessie": code, "sleutel": links.key})
        qr = qr_block(participant_link(code, info.path, served_base()), title=t("live.qr"))
        self.result.value = (
            f'<div class="pz-alert pz-alert-success">{html.escape(t("new.created"))}</div>'
            f'<div class="pz-label">{html.escape(t("live.join_code"))}</div>'
            f'<div class="pz-join-code">{html.escape(links.session.code)}</div>{qr}'
            f'<div class="pz-label">{html.escape(t("live.participant_link"))}</div>'
            f'<a class="pz-abs-link pz-participant-link" href="{html.escape(participant)}" '
            f'target="_blank">{html.escape(participant)}</a>'
            f'<div class="pz-label">{html.escape(t("new.facilitator_link"))}</div>'
            f'<a class="pz-abs-link pz-facilitator-link" href="{html.escape(facilitator)}" '
            f">{html.escape(facilitator)}</a>" + self._room_warning(links.session.expected)
        )
        return True

    @staticmethod
    def _room_warning(expected: int | None) -> str:
        """The server's kernels are limited (admission control): say so when the room that
        is expected does not fit, so the organiser can add a server or spread the group."""
        if not expected:
            return ""
        room = server_room()
        if room is None or expected <= room:
            return ""
        text = t("new.room_too_small", expected=expected, room=max(room, 0))
        return f'<div class="pz-alert pz-alert-warning pz-room-warning">{html.escape(text)}</div>'

    def _say(self, text: str, kind: str) -> None:
        self.result.value = f'<div class="pz-alert pz-alert-{kind}">{html.escape(text)}</div>'


def _field(label: str, control: w.Widget) -> w.VBox:
    control.layout = layout_of(width="100%")
    box = w.VBox([w.HTML(f'<label class="pz-label">{html.escape(label)}</label>'), control])
    box.add_class("pz-field")
    return box
