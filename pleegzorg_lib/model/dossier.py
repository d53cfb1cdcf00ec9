"""The Kennisdossier: resources (laws, guidelines, publications, websites) per theme.

Search is plain Python: case- and accent-insensitive, every word of the query must occur
somewhere, and a hit in the title weighs more than one in the summary.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

#: The kinds of resource the dossier knows; the loader refuses others.
RESOURCE_KINDS = (
    "wet",
    "afspraak",
    "verdrag",
    "richtlijn",
    "handreiking",
    "toolbox",
    "publicatie",
    "webinar",
    "website",
    "organisatie",
    "initiatief",
)

_WEIGHTS = {"title": 8, "keywords": 4, "publisher": 2, "summary": 1}


@dataclass(frozen=True, slots=True, kw_only=True)
class Resource:
    """One item in the Kennisdossier: something a participant can read, consult or contact."""

    id: str
    title: str
    kind: str
    themes: tuple[str, ...]
    keywords: tuple[str, ...]
    summary: str
    publisher: str
    year: int | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Dossier:
    """All resources of the Kennisdossier, in the order of the data file."""

    resources: tuple[Resource, ...]

    def resource(self, resource_id: str) -> Resource | None:
        """Return the resource with ``resource_id`` or ``None``."""
        return next((r for r in self.resources if r.id == resource_id), None)

    def themes(self) -> tuple[str, ...]:
        """The theme ids that have at least one resource, in first-seen order."""
        seen: dict[str, None] = {}
        for resource in self.resources:
            for theme in resource.themes:
                seen.setdefault(theme, None)
        return tuple(seen)


def fold(text: str) -> str:
    """``text`` without case and accents: "Ondertoezichtstelling" and "één" match "een"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _score(resource: Resource, words: list[str]) -> int:
    fields = {
        "title": fold(resource.title),
        "keywords": fold(" ".join(resource.keywords)),
        "publisher": fold(resource.publisher),
        "summary": fold(resource.summary),
    }
    total = 0
    for word in words:
        hits = [_WEIGHTS[name] for name, text in fields.items() if word in text]
        if not hits:
            return 0  # every word must occur somewhere
        total += sum(hits)
    return total


def search(dossier: Dossier, text: str = "", theme: str | None = None) -> list[Resource]:
    """Resources matching ``text`` (all of its words) and, if given, ``theme``.

    Parameters
    ----------
    dossier
        The Kennisdossier.
    text
        What the participant typed; case and accents do not matter. Empty: everything.
    theme
        A theme id; only resources filed under it. ``None`` or ``""``: all themes.

    Returns
    -------
    list of Resource
        Best first: title hits before keyword hits before summary hits; ties by title.
    """
    words = fold(text).split()
    found: list[tuple[int, str, Resource]] = []
    for resource in dossier.resources:
        if theme and theme not in resource.themes:
            continue
        score = _score(resource, words) if words else 1
        if score:
            found.append((score, fold(resource.title), resource))
    found.sort(key=lambda item: (-item[0], item[1]))
    return [resource for _, _, resource in found]
