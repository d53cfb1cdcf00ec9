"""Message catalogs: every text a user reads comes from here. Dutch first, English too.

The language is chosen per server with ``PLEEGZORG_LANG`` (``nl`` default, ``en``).
"""

from __future__ import annotations

import os
from typing import Any

from .en import MESSAGES as _EN
from .nl import MESSAGES as _NL

CATALOGS: dict[str, dict[str, str]] = {"nl": _NL, "en": _EN}
DEFAULT_LANGUAGE = "nl"

__all__ = ["CATALOGS", "DEFAULT_LANGUAGE", "current_language", "t"]


def current_language() -> str:
    """The language in force: ``PLEEGZORG_LANG`` when it names a catalog, else Dutch."""
    lang = os.environ.get("PLEEGZORG_LANG", DEFAULT_LANGUAGE).strip().lower()[:2]
    return lang if lang in CATALOGS else DEFAULT_LANGUAGE


def _format_number(value: Any, lang: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}"
        return text.replace(",", ".") if lang == "nl" else text
    return str(value)


def t(key: str, lang: str | None = None, **params: Any) -> str:
    """Return the message ``key`` in ``lang`` with ``params`` filled in.

    Numbers are written the local way (10.000 in Dutch). A key missing from a catalog falls
    back to Dutch; a key missing everywhere is returned as is, so a gap shows, never crashes.
    """
    lang = lang or current_language()
    template = CATALOGS[lang].get(key) or _NL.get(key)
    if template is None:
        return key
    return template.format(**{k: _format_number(v, lang) for k, v in params.items()})
