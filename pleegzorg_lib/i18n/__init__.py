"""Message catalogs: every text a user reads comes from here. Dutch first, English too.

The language is chosen per server with ``PLEEGZORG_LANG`` (``nl`` default, ``en``).
"""

from __future__ import annotations

import importlib
import os
from typing import Any

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
    template = CATALOGS[lang].get(key) or CATALOGS[DEFAULT_LANGUAGE].get(key)
    if template is None:
        return key
    return template.format(**{k: _format_number(v, lang) for k, v in params.items()})
