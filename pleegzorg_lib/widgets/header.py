"""The top of a worksheet page: where it belongs, who you are, and your resume code."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from .. import config
from ..i18n import CONTENT_LANGUAGE, QUERY_PARAMETER, current_language, language_query, t
from ..model import Catalog, LearningNetwork, WorksheetInfo
from ._lean import layout_of

NAME_LIMIT = 60
#: Roles of young people: a sheet only for them keeps its code for the browser session.
YOUTH_ROLES = frozenset({"pleegjongere", "eigen-kind"})


class Header:
    """Widgets of the header. The runner wires their events to the store."""

    def __init__(self, info: WorksheetInfo, network: LearningNetwork, catalog: Catalog) -> None:
        theme = network.theme(info.theme_id)
        theme_name = theme.name if theme else ""
        home = "../" * (info.path.count("/") + 2)  # from /voila/render/<path> back to /
        back = home + language_query()
        lang, other = current_language(), t("language.other_code")
        # data-lang / data-site-title: pleegzorg.js sets <html lang> and the top bar from them.
        # The title and description are content: Dutch as the author wrote them.
        self.intro = w.HTML(
            f'<div class="pz-header" data-lang="{lang}" '
            f'data-site-title="{html.escape(t("site.title"))}">'
            '<div class="pz-header-links">'
            f'<a class="pz-back" href="{back}">← {html.escape(t("header.back"))}</a>'
            f'<a class="pz-lang-switch" href="?{QUERY_PARAMETER}={other}" data-lang="{other}" '
            f'lang="{other}" hreflang="{other}" '
            f'aria-label="{html.escape(t("language.switch_label"))}">'
            f"{html.escape(t('language.other'))}</a></div>"
            # the network's name leads to its home (stories, questions, polls, meetings)
            f'<div class="pz-network"><a class="pz-network-home" '
            f'href="{home}voila/netwerk/{html.escape(network.id)}{language_query()}" '
            f'title="{html.escape(t("header.network_home"))}">{html.escape(network.name)}</a></div>'
            f'<h1 class="pz-title" lang="{CONTENT_LANGUAGE}">{html.escape(info.title)}</h1>'
            f'<div class="pz-meta">{html.escape(theme_name)} · '
            f"{html.escape(t('header.duration', minutes=info.duration_minutes))}</div>"
            f'<p class="pz-description" lang="{CONTENT_LANGUAGE}">'
            f"{html.escape(info.description)}</p>"
            "</div>"
        )
        self.intro.add_class("pz-intro")
        roles = [(t("header.role_placeholder"), None)] + [(r.name, r.id) for r in catalog.roles]
        self.role = w.Dropdown(options=roles, index=0, layout=layout_of(width="100%"))
        self.role.add_class("pz-role")
        self.name = w.Text(
            placeholder=t("header.name_placeholder"),
            continuous_update=True,
            layout=layout_of(width="100%"),
        )
        self.name.add_class("pz-name")
        self.name_status = w.HTML("")
        who = w.HBox(
            [
                _field(t("header.role"), self.role),
                _field(t("header.name"), w.VBox([self.name, self.name_status])),
            ]
        )
        who.add_class("pz-who")

        self.code = w.HTML("")
        self.code.add_class("pz-resume-code")
        #: a sheet only for young people: the code is kept for this browser session unless
        #: they tick "onthoud mij" (a family laptop), and the hint says what the code does
        self.youth = bool(info.audience) and set(info.audience) <= YOUTH_ROLES
        hint = t("header.code_hint_youth" if self.youth else "header.code_hint")
        code_parts: list[w.Widget] = [
            w.HTML(f'<div class="pz-label">{html.escape(t("header.code_label"))}</div>'),
            self.code,
            w.HTML(f'<div class="pz-help">{html.escape(hint)}</div>'),
        ]
        self.remember_me: w.Checkbox | None = None
        days = config.remember_days()
        if self.youth and days > 0:
            self.remember_me = w.Checkbox(
                value=False, description=t("header.remember_me", days=days), indent=False
            )
            self.remember_me.add_class("pz-remember-me")
            code_parts.append(self.remember_me)
        code_box = w.VBox(code_parts)
        code_box.add_class("pz-code-box")

        self.resume_input = w.Text(
            placeholder=t("header.resume_placeholder"), layout=layout_of(width="14em")
        )
        self.resume_input.add_class("pz-resume-input")
        self.resume_button = w.Button(description=t("header.resume_button"))
        self.resume_button.add_class("pz-resume-button")
        resume = w.VBox(
            [
                w.HTML(f'<div class="pz-label">{html.escape(t("header.resume_label"))}</div>'),
                w.HBox(
                    [self.resume_input, self.resume_button], layout=layout_of(flex_flow="row wrap")
                ),
            ]
        )
        resume.add_class("pz-resume")

        self.message = w.HTML("")
        self.message.add_class("pz-message")
        #: a resume code from a link, offered with two buttons (empty while nothing is offered)
        self.offer = w.VBox([])
        self.offer.add_class("pz-link-offer")
        self.progress = w.HTML("")
        self.progress.add_class("pz-progress")

        identity = w.VBox([who, w.HBox([code_box, resume], layout=layout_of(flex_flow="row wrap"))])
        identity.add_class("pz-identity")
        self.box = w.VBox([self.intro, identity, self.message, self.offer, self.progress])
        self.box.add_class("pz-page-header")
        if self.youth:  # the front end keeps the code for the session only, device panel on top
            self.box.add_class("pz-youth")

    def show_progress(self, answered: int, total: int) -> None:
        """ "3 of 7 answered" and a bar (numbers only: nothing typed is shown here)."""
        percent = int(100 * answered / total) if total else 0
        text = html.escape(t("progress", answered=answered, total=total))
        self.progress.value = (
            f'<div class="pz-progress-text">{text}</div>'
            f'<div class="pz-progress-bar"><div style="width:{percent}%"></div></div>'
        )

    def show_code(self, code: str) -> None:
        self.code.value = f'<span class="pz-code-value">{html.escape(code)}</span>'

    def offer_code(
        self,
        text: str,
        accept: tuple[str, Callable[[], object]],
        decline: tuple[str, Callable[[], object]],
    ) -> None:
        """Ask whether to go on with a code from a link: ``text`` and two buttons."""
        buttons = []
        for (label, act), css in ((accept, "pz-link-accept"), (decline, "pz-link-decline")):
            button = w.Button(description=label)
            button.add_class(css)
            button.on_click(lambda _b, act=act: act())
            buttons.append(button)
        question = w.HTML(f'<div class="pz-alert pz-alert-warning">{html.escape(text)}</div>')
        self.offer.children = (question, w.HBox(buttons, layout=layout_of(flex_flow="row wrap")))

    def clear_offer(self) -> None:
        shown = self.offer.children
        self.offer.children = ()
        for widget in shown:
            for child in getattr(widget, "children", ()):
                child.close()
            widget.close()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.message.value = (
            f'<div class="pz-alert pz-alert-{kind}" role="status">{html.escape(text)}</div>'
            if text
            else ""
        )


def _field(label: str, control: w.Widget) -> w.VBox:
    box = w.VBox([w.HTML(f'<label class="pz-label">{html.escape(label)}</label>'), control])
    box.add_class("pz-field")
    return box
