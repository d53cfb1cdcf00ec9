"""Message catalogs: every text a user reads comes from here. Dutch first, English too.

The language is chosen per server with ``PLEEGZORG_LANG`` (``nl`` default, ``en``) and per
page with ``?taal=en`` (a worksheet kernel serves one page, so it may switch with
:func:`set_language` once it knows its request). Content from ``data/`` and the notebooks stays
Dutch unless an author adds a translation there (``name_en:`` next to ``name:``).
"""

from __future__ import annotations

import importlib
from typing import Any

from .. import config
from .en import MESSAGES as _EN
from .nl import MESSAGES as _NL

#: Feature catalogs (``i18n/<feature>.py`` with ``NL`` and ``EN`` dicts) merged into the main
#: ones, so each tool keeps its texts next to each other without editing one huge file.
FEATURE_CATALOGS = (
    "netwerkkaart",
    "tools",
    "reflection",
    "dossier",
    "yearplan",
    "agenda",
    "authoring",
    "language",
    "check",
    "page",
    "security",
    "services",
    "cli_help",
    "exchange",
    "moderation",
)


def _merged() -> dict[str, dict[str, str]]:
    nl, en = dict(_NL), dict(_EN)
    for name in FEATURE_CATALOGS:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            continue
        for target, extra in ((nl, module.NL), (en, module.EN)):
            clash = set(target) & set(extra)
            if clash:
                raise RuntimeError(f"i18n/{name}.py redefines {sorted(clash)}")
            target.update(extra)
    return {"nl": nl, "en": en}


CATALOGS: dict[str, dict[str, str]] = _merged()
DEFAULT_LANGUAGE = "nl"
#: The language of content (notebook prose, prompts, ``data/``) unless a translation exists.
CONTENT_LANGUAGE = "nl"

#: The query-string parameter that chooses a page's language (``?taal=en``).
QUERY_PARAMETER = "taal"

__all__ = [
    "CATALOGS",
    "CONTENT_LANGUAGE",
    "DEFAULT_LANGUAGE",
    "QUERY_PARAMETER",
    "current_language",
    "decimal",
    "display_option",
    "language_from_query",
    "language_query",
    "set_language",
    "t",
]

_override: str | None = None


def _known(lang: str | None) -> str | None:
    code = (lang or "").strip().lower()[:2]
    return code if code in CATALOGS else None


def current_language() -> str:
    """The language in force: the page's (:func:`set_language`), else ``PLEEGZORG_LANG`` when
    it names a catalog, else Dutch."""
    if _override is not None:
        return _override
    return _known(config.server_language()) or DEFAULT_LANGUAGE


def set_language(lang: str | None) -> str:
    """Use ``lang`` for this process from now on (``None``: back to ``PLEEGZORG_LANG``).

    Only for processes that serve one page (a worksheet kernel); a server passes ``lang`` to
    :func:`t` instead. An unknown language is ignored. Returns the language in force.
    """
    global _override
    _override = _known(lang) if lang is not None else None
    return current_language()


def language_query(lang: str | None = None) -> str:
    """``?taal=xx`` when ``lang`` (default: this page's language) is not the server's, for
    links that keep it."""
    lang = lang or current_language()
    server = _known(config.server_language()) or DEFAULT_LANGUAGE
    return f"?{QUERY_PARAMETER}={lang}" if lang != server else ""


def language_from_query(query_string: str | None) -> str | None:
    """The language a query string asks for (``taal=en``), or ``None`` when it asks none or
    one we do not have."""
    from urllib.parse import parse_qs

    values = parse_qs(query_string or "", keep_blank_values=True).get(QUERY_PARAMETER) or [""]
    return _known(values[0])


#: Options whose text is an interface text (the default Likert labels): stored in Dutch, so
#: answers compare across languages, and shown in the reader's language.
_OPTION_KEYS = {CATALOGS[DEFAULT_LANGUAGE][f"likert.{i}"]: f"likert.{i}" for i in range(1, 6)}


def display_option(option: str, lang: str | None = None) -> str:
    """How a stored option reads in ``lang``: default Likert labels are translated, options
    an author wrote are content and stay as written."""
    key = _OPTION_KEYS.get(option)
    return t(key, lang) if key else option


def decimal(value: float, lang: str | None = None, digits: int = 1) -> str:
    """A number with ``digits`` decimals, written the local way: ``3,6`` and ``1.234,5`` in
    Dutch, ``3.6`` and ``1,234.5`` in English. Every Dutch output uses this (issue 26)."""
    text = f"{value:,.{digits}f}"
    if (lang or current_language()) == "nl":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _format_number(value: Any, lang: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}"
        return text.replace(",", ".") if lang == "nl" else text
    if isinstance(value, float):
        return decimal(value, lang)
    return str(value)


def t(key: str, lang: str | None = None, **params: Any) -> str:
    """Return the message ``key`` in ``lang`` with ``params`` filled in.

    Numbers are written the local way (10.000 in Dutch). A key missing from a catalog falls
    back to Dutch; a key missing everywhere is returned as is, so a gap shows, never crashes.
    """
    lang = lang or current_language()
    template = CATALOGS[lang].get(key) or CATALOGS[DEFAULT_LANGUAGE].get(key)
    if template is None:
        return key
    return template.format(**{k: _format_number(v, lang) for k, v in params.items()})
