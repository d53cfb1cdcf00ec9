"""The participant's data rights on the page: download my answers, erase my data."""

from __future__ import annotations

import base64
import html
import tempfile
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from ..export import (
    ReportError,
    collect_participant,
    html_to_pdf,
    participant_html,
    participant_markdown,
)
from ..i18n import t
from ..store import Participant
from ..store.interfaces import OwnDataStore
from ._lean import layout_of


def _link(label: str, filename: str, mime: str, payload: bytes) -> str:
    data = base64.b64encode(payload).decode("ascii")
    return (
        f'<a class="pz-download" download="{html.escape(filename)}" '
        f'href="data:{mime};base64,{data}">{html.escape(label)}</a>'
    )


class RightsPanel:
    """Export and erasure for the participant a page is bound to."""

    def __init__(
        self,
        store: OwnDataStore,
        participant: Callable[[], Participant | None],
        erase: Callable[[], bool],
    ) -> None:
        self.store = store
        self._participant = participant
        self._erase = erase
        self.download = w.Button(description=t("rights.download"))
        self.download.add_class("pz-rights-download")
        self.download.on_click(lambda _b: self.make_downloads())
        self.links = w.HTML("")
        self.links.add_class("pz-rights-links")
        self.erase_start = w.Button(description=t("rights.erase"))
        self.erase_start.add_class("pz-rights-erase")
        self.confirm = w.Checkbox(
            value=False,
            description=t("rights.erase_confirm"),
            indent=False,
            layout=layout_of(width="100%"),
        )
        self.confirm.add_class("pz-rights-confirm")
        self.erase_final = w.Button(description=t("rights.erase_button"), button_style="danger")
        self.erase_final.add_class("pz-rights-erase-final")
        self.confirm_box = w.VBox([self.confirm, self.erase_final], layout=w.Layout(display="none"))
        self.status = w.HTML("")
        self.erase_start.on_click(lambda _b: self._ask())
        self.erase_final.on_click(lambda _b: self.erase())
        self.box = w.VBox(
            [
                w.HTML(
                    f'<h2 class="pz-rights-title">{html.escape(t("rights.title"))}</h2>'
                    f'<p class="pz-help">{html.escape(t("rights.text"))}</p>'
                ),
                w.HBox([self.download, self.erase_start], layout=layout_of(flex_flow="row wrap")),
                self.links,
                self.confirm_box,
                self.status,
            ]
        )
        self.box.add_class("pz-rights")

    def make_downloads(self, *, pdf: bool = True) -> bool:
        """Build the participant's export from the store (never from the page)."""
        participant = self._participant()
        if participant is None:
            return False
        data = collect_participant(self.store, participant)
        page = participant_html(data)
        links = [
            _link(
                t("rights.download_html"),
                "mijn-antwoorden.html",
                "text/html;charset=utf-8",
                page.encode(),
            ),
            _link(
                t("rights.download_md"),
                "mijn-antwoorden.md",
                "text/markdown;charset=utf-8",
                participant_markdown(data).encode(),
            ),
        ]
        if pdf:
            with tempfile.TemporaryDirectory() as tmp:
                target = Path(tmp) / "mijn-antwoorden.pdf"
                try:
                    html_to_pdf(page, target)
                    links.append(
                        _link(
                            t("rights.download_pdf"),
                            "mijn-antwoorden.pdf",
                            "application/pdf",
                            target.read_bytes(),
                        )
                    )
                except ReportError:
                    pass  # HTML and Markdown are still offered
        self.links.value = '<div class="pz-downloads">' + "".join(links) + "</div>"
        return True

    def _ask(self) -> None:
        self.confirm.value = False
        self.confirm_box.layout.display = "flex"

    def erase(self) -> bool:
        """Erase only after the confirmation box was ticked (checked here, in the kernel)."""
        if not self.confirm.value:
            self.status.value = (
                f'<span class="pz-status-error">{html.escape(t("rights.confirm_first"))}</span>'
            )
            return False
        if not self._erase():
            return False
        self.confirm_box.layout.display = "none"
        self.links.value = ""
        self.download.disabled = True
        self.erase_start.disabled = True
        self.status.value = (
            f'<div class="pz-alert pz-alert-success">{html.escape(t("rights.erased"))}</div>'
        )
        return True
