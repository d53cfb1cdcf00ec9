"""Below a reflection cycle: "Maak er een praktijkverhaal van" (issue #28, part 2).

A click saves what is still being typed and opens the network home's story form with the
participant's own answers as a draft (``services/story_draft.py``): nothing is posted until
they read it, change what makes a family recognisable and click "Plaatsen" there. The
click is checked in the kernel (a forged click on a page without a participant or without
answers gets the same message a real one would).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import ipywidgets as w

from ..i18n import language_query, t
from ..services.story_draft import CycleOnPage, has_answers

if TYPE_CHECKING:
    from .runner import WorksheetRunner


class StoryDraftPanel:
    """The offer below one reflection cycle of a worksheet."""

    def __init__(self, runner: WorksheetRunner, on_page: CycleOnPage) -> None:
        self.runner = runner
        self.on_page = on_page
        intro = w.HTML(f'<p class="pz-story-draft-intro">{html.escape(t("story_draft.intro"))}</p>')
        self.button = w.Button(description=t("story_draft.button"), icon="pencil")
        self.button.add_class("pz-story-draft-button")
        self.button.on_click(lambda _b: self.make())
        self.status = w.HTML("")
        self.status.add_class("pz-story-draft-status")
        self.box = w.VBox([intro, self.button, self.status])
        self.box.add_class("pz-story-draft")

    def form_url(self) -> str:
        """The network home's story form for this cycle, relative to the worksheet page."""
        info = self.runner.info
        home = "../" * (info.path.count("/") + 2)  # from /voila/render/<path> back to /
        query = urlencode({"uit": info.id, "cyclus": self.on_page.prefix})
        lang = language_query().lstrip("?")
        return f"{home}voila/netwerk/{info.network_id}/verhalen/nieuw?{query}" + (
            f"&{lang}" if lang else ""
        )

    def make(self) -> bool:
        """Save pending answers; offer the form when the cycle has answers to draft from."""
        self.runner.flush()
        answers = self.runner.saved_answers()
        if self.runner.participant_id() is None or not has_answers(self.on_page, answers):
            self.status.value = (
                f'<p class="pz-alert pz-alert-info" role="status">'
                f"{html.escape(t('story_draft.empty'))}</p>"
            )
            return False
        self.status.value = (
            '<p class="pz-alert pz-alert-success" role="status">'
            f"{html.escape(t('story_draft.ready'))} "
            f'<a class="pz-story-draft-link" href="{html.escape(self.form_url())}" '
            f'target="_blank" rel="noopener">{html.escape(t("story_draft.open"))}</a></p>'
        )
        return True
