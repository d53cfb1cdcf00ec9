"""The participant's data rights on the page: download my answers, erase my data.

The download is made by the server from the store (``server/own_export.py``): the panel only
offers the links, so a page's kernel never prints a PDF or carries files in a widget."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from ..i18n import t
from ..store import Participant
from ..store.interfaces import OwnDataStore
from ._lean import layout_of

#: The downloads the server makes from the store (``server/own_export.py``), per format.
DOWNLOADS = (
    ("rights.download_html", "html"),
    ("rights.download_md", "md"),
    ("rights.download_pdf", "pdf"),
)


class RightsPanel:
    """Export and erasure for the participant a page is bound to."""

    def __init__(
        self,
        store: OwnDataStore,
        participant: Callable[[], Participant | None],
        erase: Callable[[], bool],
        *,
        home: str = "/",
        flush: Callable[[], None] | None = None,
    ) -> None:
        """``home``: the server's root relative to the page (the downloads live there);
        ``flush``: saves what is still being typed, before the links are offered."""
        self.store = store
        self._participant = participant
        self._erase = erase
        self._home = home
        self._flush = flush or (lambda: None)
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
        """Offer the participant's export: links to the server, which builds the files from
        the store for the participant this browser's resume code names (never in the kernel,
        never from the page); what is still being typed is saved first."""
        if self._participant() is None:
            return False
        self._flush()
        links = [
            # no ``download`` attribute: the server's attachment header makes the file a
            # download, and a Dutch answer ("even druk", nothing found) opens in a new tab
            f'<a class="pz-download" target="_blank" rel="noopener" href="'
            f'{html.escape(self._home)}voila/netwerk/mijn-gegevens/download.{kind}">'
            f"{html.escape(t(label))}</a>"
            for label, kind in DOWNLOADS
            if pdf or kind != "pdf"
        ]
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
