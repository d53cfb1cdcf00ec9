"""A search box over the Kennisdossier: type a word, pick a theme, read the matches.

Results are rebuilt as escaped HTML on every keystroke; the data file's text is treated as
data, and a link is shown only when it is plain http(s).
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..i18n import t
from ..model import Catalog
from ..model.dossier import Dossier, Resource, search
from ._lean import layout_of

MAX_QUERY = 200


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) address, else ``None`` (never a javascript: link)."""
    if not url:
        return None
    text = url.strip()
    if not text.lower().startswith(("http://", "https://")) or any(c.isspace() for c in text):
        return None
    return text


def _theme_names(catalog: Catalog) -> dict[str, str]:
    return {theme.id: theme.name for network in catalog.networks for theme in network.themes}


def render_resource(resource: Resource, theme_names: dict[str, str]) -> str:
    """One result as HTML: title (linked when safe), kind, publisher, year, summary, themes."""
    url = safe_url(resource.url)
    title = _e(resource.title)
    if url:
        title = f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    meta = [t(f"dossier.kind.{resource.kind}"), resource.publisher]
    if resource.year:
        meta.append(str(resource.year))
    themes = ", ".join(theme_names.get(th, th) for th in resource.themes)
    keywords = ", ".join(resource.keywords)
    parts = [
        f'<div class="pz-dossier-result" data-resource="{_e(resource.id)}">',
        f'<div class="pz-dossier-title">{title}</div>',
        f'<div class="pz-dossier-meta">{_e(" · ".join(meta))}</div>',
        f'<p class="pz-dossier-summary">{_e(resource.summary)}</p>',
        f'<div class="pz-dossier-themes">{_e(t("dossier.themes", themes=themes))}</div>',
    ]
    if keywords:
        parts.append(
            f'<div class="pz-dossier-keywords">{_e(t("dossier.keywords", keywords=keywords))}</div>'
        )
    parts.append("</div>")
    return "".join(parts)


class DossierSearch:
    """The Kennisdossier search: a text box (searches while typing), a theme list, results."""

    def __init__(self, dossier: Dossier, catalog: Catalog, theme: str | None = None) -> None:
        self.dossier = dossier
        self._theme_names = _theme_names(catalog)
        used = set(dossier.themes())
        options: list[tuple[str, str]] = [(t("dossier.all_themes"), "")]
        for network in catalog.networks:
            for th in network.themes:
                if th.id in used:
                    options.append((f"{th.name} ({network.name})", th.id))
        known = {value for _, value in options}
        self.query = w.Text(
            placeholder=t("dossier.placeholder"),
            continuous_update=True,
            layout=layout_of(width="100%"),
        )
        self.query.add_class("pz-dossier-query")
        self.theme = w.Dropdown(
            options=options,
            value=theme if theme in known else "",
            layout=layout_of(width="100%"),
        )
        self.theme.add_class("pz-dossier-theme")
        self.count = w.HTML("")
        self.count.add_class("pz-dossier-count")
        self.results = w.HTML("")
        self.results.add_class("pz-dossier-results")
        fields = w.HBox(
            [
                _field(t("dossier.search_label"), self.query),
                _field(t("dossier.theme_label"), self.theme),
            ]
        )
        fields.add_class("pz-dossier-fields")
        heading = w.HTML(
            f'<h2 class="pz-dossier-heading">{_e(t("dossier.title"))}</h2>'
            f'<p class="pz-help">{_e(t("dossier.intro"))}</p>'
        )
        self.box = w.VBox([heading, fields, self.count, self.results])
        self.box.add_class("pz-dossier")
        self.query.observe(self._changed, "value")
        self.theme.observe(self._changed, "value")
        self.update()

    def _changed(self, _change: dict[str, Any]) -> None:
        self.update()

    @property
    def found(self) -> list[Resource]:
        """The resources that match what is typed and chosen now."""
        text = str(self.query.value or "")[:MAX_QUERY]
        return search(self.dossier, text, self.theme.value or None)

    def update(self) -> None:
        """Show the resources matching the query and theme (a message when there are none)."""
        found = self.found
        if not found:
            self.count.value = ""
            self.results.value = f'<p class="pz-dossier-none">{_e(t("dossier.none"))}</p>'
            return
        key = "dossier.count_one" if len(found) == 1 else "dossier.count"
        self.count.value = f'<div class="pz-help">{_e(t(key, count=len(found)))}</div>'
        self.results.value = "".join(render_resource(r, self._theme_names) for r in found)


def _field(label: str, widget: w.Widget) -> w.VBox:
    box = w.VBox([w.HTML(f'<div class="pz-label">{_e(label)}</div>'), widget])
    box.add_class("pz-field")
    return box
