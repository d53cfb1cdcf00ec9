"""The landing page at ``/``: every worksheet, grouped by leernetwerk and theme."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..i18n import QUERY_PARAMETER, current_language, language_query, t
from ..model import Catalog, WorksheetInfo, page_path


def _e(text: str) -> str:
    return html.escape(text, quote=True)


#: Who a visitor can say they are, and the roles (``data/roles.yaml``) each choice covers.
VISITORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pleegouder", ("pleegouder",)),
    ("pleegjongere", ("pleegjongere",)),
    ("eigen-kind", ("eigen-kind",)),
    ("ouder", ("ouder",)),
    (
        "professional",
        (
            "pleegzorgbegeleider",
            "jeugdbeschermer",
            "gedragswetenschapper",
            "manager",
            "beleidsmedewerker",
            "gemeente",
            "onderzoeker",
        ),
    ),
)


def _fold(text: str) -> str:
    import unicodedata

    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


def find_worksheets(
    worksheets: Sequence[WorksheetInfo], catalog: Catalog, *, visitor: str = "", words: str = ""
) -> list[WorksheetInfo]:
    """The worksheets for a visitor (one of :data:`VISITORS`) whose title, description,
    theme or network hold every word (accents and case ignored), in the landing's order."""
    roles = dict(VISITORS).get(visitor, ())
    wanted = [_fold(w) for w in words.split()[:8]]
    found = []
    for info in worksheets:
        if roles and not set(roles) & set(info.audience):
            continue
        if wanted:
            network = catalog.network(info.network_id)
            theme = network.theme(info.theme_id) if network else None
            hay = _fold(
                " ".join(
                    x
                    for x in (
                        info.title,
                        info.description,
                        theme.name if theme else "",
                        network.name if network else "",
                    )
                    if x
                )
            )
            if not all(w in hay for w in wanted):
                continue
        found.append(info)
    return found


def _chooser(base_url: str, lang: str, visitor: str, words: str) -> str:
    options = "".join(
        f'<option value="{_e(key)}"{" selected" if key == visitor else ""}>'
        f"{_e(t(f'landing.visitor.{key}', lang))}</option>"
        for key, _roles in VISITORS
    )
    hidden = (
        f'<input type="hidden" name="{QUERY_PARAMETER}" value="{_e(lang)}">'
        if language_query(lang)
        else ""
    )
    return (
        f'<form class="pz-chooser" method="get" action="{_e(base_url)}" role="search">{hidden}'
        f'<label for="pz-voor">{_e(t("landing.visitor.label", lang))}</label>'
        f'<select id="pz-voor" name="voor"><option value="">'
        f"{_e(t('landing.visitor.any', lang))}</option>{options}</select>"
        f'<label for="pz-zoek">{_e(t("landing.search.label", lang))}</label>'
        f'<input id="pz-zoek" type="search" name="zoek" value="{_e(words)}" maxlength="200" '
        f'placeholder="{_e(t("landing.search.placeholder", lang))}">'
        f'<button type="submit">{_e(t("landing.search.submit", lang))}</button></form>'
    )


def _network_homes(catalog: Catalog, base_url: str, lang: str, keep: str) -> str:
    cards = "".join(
        f'<li class="pz-card pz-network-card" data-network="{_e(n.id)}">'
        f'<a class="pz-card-link" href="{_e(f"{base_url}voila/netwerk/{n.id}{keep}")}">'
        f"{_e(n.name)}</a>"
        f'<p class="pz-card-desc">{_e(n.description)}</p></li>'
        for n in catalog.networks
    )
    return (
        '<section class="pz-network-block pz-homes" id="netwerken">'
        f"<h2>{_e(t('landing.homes.title', lang))}</h2>"
        f'<p class="pz-network-desc">{_e(t("landing.homes.intro", lang))}</p>'
        f'<ul class="pz-cards pz-cards-two">{cards}</ul></section>'
    )


def render_landing(
    catalog: Catalog,
    worksheets: Sequence[WorksheetInfo],
    *,
    base_url: str = "/",
    lang: str | None = None,
    notice: str = "",
    visitor: str = "",
    words: str = "",
) -> str:
    """Return the landing page as a complete HTML document, in ``lang`` (default: the server's
    language); links to the pages carry ``?taal=`` when ``lang`` is not the server's.
    ``notice`` is shown above the worksheets (e.g. that this device was forgotten).
    ``visitor`` (who they said they are) and ``words`` (a search) show only the worksheets
    that match, first, with the networks' homes; without them every worksheet is listed."""
    lang = lang or current_language()
    keep = language_query(lang)
    css = f"{base_url}voila/templates/pleegzorg/static/pleegzorg.css"
    visitor = visitor if visitor in dict(VISITORS) else ""
    words = words.strip()[:200]
    if visitor or words:
        found = find_worksheets(worksheets, catalog, visitor=visitor, words=words)
        names = {n.id: n.name for n in catalog.networks}
        cards = "".join(_card(w, base_url, lang, keep, names.get(w.network_id, "")) for w in found)
        heading = (
            t("landing.found.for", lang, who=t(f"landing.visitor.{visitor}", lang).lower())
            if visitor
            else t("landing.found.title", lang)
        )
        count = t("landing.found.count", lang, n=len(found))
        body = (
            '<section class="pz-network-block pz-found" id="gevonden">'
            f"<h2>{_e(heading)}</h2>"
            f'<p class="pz-network-desc" role="status">{_e(count)}</p>'
            + (f'<ul class="pz-cards">{cards}</ul>' if found else "")
            + f'<p><a href="{_e(base_url + keep)}">{_e(t("landing.found.all", lang))}</a></p>'
            "</section>" + _network_homes(catalog, base_url, lang, keep)
        )
        return _page(catalog, base_url, lang, keep, css, notice, visitor, words, body)
    sections: list[str] = []
    for network in catalog.networks:
        mine = [w for w in worksheets if w.network_id == network.id]
        themes: list[str] = []
        for theme in network.themes:
            items = [w for w in mine if w.theme_id == theme.id]
            if not items:
                continue
            cards = "".join(_card(w, base_url, lang, keep) for w in items)
            themes.append(
                f'<section class="pz-theme"><h3>{_e(theme.name)}</h3>'
                f'<p class="pz-theme-desc">{_e(theme.description)}</p>'
                f'<ul class="pz-cards">{cards}</ul></section>'
            )
        if not themes:
            continue
        meetings = t(
            "landing.meetings", count=network.meetings_per_year, minutes=network.meeting_minutes
        )
        home = f"{base_url}voila/netwerk/{network.id}{keep}"
        sections.append(
            f'<section class="pz-network-block" id="{_e(network.id)}">'
            f"<h2>{_e(network.name)}</h2>"
            f'<p class="pz-network-desc">{_e(network.description)}</p>'
            f'<p class="pz-network-meta">{_e(meetings)} · '
            f'<a class="pz-home-link" href="{_e(home)}">{_e(t("landing.homes.link", lang))}</a></p>'
            f"{''.join(themes)}</section>"
        )
    body = _network_homes(catalog, base_url, lang, keep) + (
        "".join(sections) or f"<p>{_e(t('landing.empty', lang))}</p>"
    )
    return _page(catalog, base_url, lang, keep, css, notice, visitor, words, body)


def _page(
    catalog: Catalog,
    base_url: str,
    lang: str,
    keep: str,
    css: str,
    notice: str,
    visitor: str,
    words: str,
    body: str,
) -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(t('site.title', lang))}</title>"
        f'<link rel="stylesheet" href="{_e(css)}">'
        f'<link rel="stylesheet" href="{_e(css.replace("pleegzorg.css", "exchange.css"))}">'
        '<link rel="icon" href="data:;base64,="></head>'
        '<body class="pz-body pz-landing">'
        f'<header class="pz-topbar"><a href="{_e(base_url + keep)}">{_e(t("site.title", lang))}</a>'
        f"{_language_switch(base_url, lang)}</header>"
        '<main class="pz-landing-main">'
        f"<h1>{_e(t('site.title', lang))}</h1>"
        f'<p class="pz-tagline">{_e(t("site.tagline", lang))}</p>'
        + (
            f'<div class="pz-alert pz-alert-success" role="status">{_e(notice)}</div>'
            if notice
            else ""
        )
        + f'<p class="pz-intro-text">{_e(t("landing.intro", lang))}</p>'
        f"{_chooser(base_url, lang, visitor, words)}"
        f"{body}{_facilitator_block(base_url, lang, keep)}"
        f'<footer class="pz-landing-footer">{_e(t("landing.privacy", lang))}</footer>'
        "</main></body></html>"
    )


def _language_switch(base_url: str, lang: str) -> str:
    other = t("language.other_code", lang)
    return (
        f'<a class="pz-lang-switch" href="{_e(base_url)}?{QUERY_PARAMETER}={_e(other)}" '
        f'lang="{_e(other)}" hreflang="{_e(other)}" '
        f'aria-label="{_e(t("language.switch_label", lang))}">{_e(t("language.other", lang))}</a>'
    )


def _card(info: WorksheetInfo, base_url: str, lang: str, keep: str, network: str = "") -> str:
    href = base_url + page_path(info.path) + keep
    minutes = t("landing.minutes", lang, minutes=info.duration_minutes)
    if network:  # in search results, where sheets of several networks stand together
        minutes = f"{network} · {minutes}"
    return (
        f'<li class="pz-card" data-worksheet="{_e(info.id)}">'
        f'<a class="pz-card-link" href="{_e(href)}">{_e(info.title)}</a>'
        f'<span class="pz-card-meta">{_e(minutes)}</span>'
        f'<p class="pz-card-desc">{_e(info.description)}</p></li>'
    )


#: Pages for facilitators (not worksheets: no answers are stored on them).
FACILITATOR_PAGES = (
    ("facilitator/nieuwe-bijeenkomst.ipynb", "landing.fac.new_session"),
    ("facilitator/intervisie.ipynb", "landing.fac.intervisie"),
)


def _facilitator_block(base_url: str, lang: str, keep: str) -> str:
    links = "".join(
        f'<li class="pz-card"><a class="pz-card-link" '
        f'href="{_e(base_url + page_path(path) + keep)}">{_e(t(key, lang))}</a>'
        f'<p class="pz-card-desc">{_e(t(key + "_desc", lang))}</p></li>'
        for path, key in FACILITATOR_PAGES
    )
    return (
        '<section class="pz-network-block pz-facilitators" id="gespreksbegeleiders">'
        f'<h2>{_e(t("landing.fac.title", lang))}</h2><ul class="pz-cards">{links}</ul></section>'
    )


def render_notice(
    title: str,
    text: str,
    *,
    back: tuple[str, str],
    lang: str | None = None,
    refresh: int | None = None,
    base_url: str | None = None,
) -> str:
    """A short page of our own (a refusal, a notice) in the landing page's look; ``back`` is
    the link (by default the site's base URL) and its text; ``refresh``: seconds after which
    the browser follows that link by itself."""
    lang = lang or current_language()
    href, label = back
    base = base_url if base_url is not None else href
    css = f"{base}voila/templates/pleegzorg/static/pleegzorg.css"
    again = (
        f'<meta http-equiv="refresh" content="{int(refresh)}; url={_e(href)}">' if refresh else ""
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{again}<title>{_e(title)}</title>"
        f'<link rel="stylesheet" href="{_e(css)}"><link rel="icon" href="data:;base64,="></head>'
        '<body class="pz-body pz-landing">'
        f'<header class="pz-topbar"><a href="{_e(base)}">{_e(t("site.title", lang))}</a></header>'
        f'<main class="pz-landing-main pz-notice"><h1>{_e(title)}</h1><p>{_e(text)}</p>'
        f'<p><a href="{_e(href)}">{_e(label)}</a></p></main></body></html>'
    )


def too_slow_block(title: str, text: str, reload_label: str, href: str) -> str:
    """What ends a page that was not complete in time (after what it already showed): a
    message in the page's language and a link that loads the page again."""
    return (
        '<div class="pz-page-error" role="alert">'
        f"<h2>{_e(title)}</h2><p>{_e(text)}</p>"
        f'<p><a class="pz-page-error-reload" href="{_e(href)}">{_e(reload_label)}</a></p></div>'
        "</div></main></body></html>"
    )
