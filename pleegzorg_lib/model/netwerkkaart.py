"""The netwerkkaart (support-network map, after the ecomap): people around the participant.

A map is a list of people, each with an alias, the sector (kring) they belong to, the kinds of
support they give, how close they are (1 = dichtbij … 3 = verder weg) and how the relationship
is (goed, wisselend, moeizaam). The ids below are the contract with the store: labels, colours
and the reflection prompts live in ``data/tools/netwerkkaart.yaml``, which must use exactly
these ids. What a map shows (metrics, reflection prompts, a readable description) is in
:mod:`pleegzorg_lib.analysis.network_metrics`.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import AnswerError

SECTOR_IDS = (
    "huishouden",
    "familie",
    "vrienden",
    "buren",
    "pleegouders",
    "school-werk",
    "professionals",
)
SUPPORT_IDS = ("praktisch", "emotioneel", "advies", "gezelschap")
CLOSENESS_LEVELS = (1, 2, 3)  # 1 = dichtbij, 3 = verder weg
QUALITY_IDS = ("goed", "wisselend", "moeizaam")
STRAINED_QUALITY = "moeizaam"
#: The sector of other foster parents: the breakdown network's focus on informal support.
FOSTER_PARENTS = "pleegouders"
#: Small by nature: one partner is no gap, so it is left out of the "enige link" prompt.
HOUSEHOLD = "huishouden"

MAX_PEOPLE = 40
ALIAS_LIMIT = 60
#: A person "carries" the map when they hold at least half of the support ties, counted from
#: this many ties on: with one or two ties the single-provider check already says it.
HEAVY_MIN_TIES = 3
PERSON_KEYS = frozenset({"alias", "sector", "support", "closeness", "quality"})

#: Gaps a reflection prompt can be written for, with the placeholders its text may use.
GAP_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "leeg": frozenset(),
    "geen-steun": frozenset(),
    **{f"geen-{kind}": frozenset() for kind in SUPPORT_IDS},
    "geen-pleegouders": frozenset(),
    "alleen-professionals": frozenset(),
    "vooral-professionals": frozenset({"share"}),
    "een-persoon": frozenset({"pairs"}),
    "enige-link": frozenset({"pairs"}),
    "zwaar": frozenset({"names"}),
    "niemand-dichtbij": frozenset(),
    "spanning": frozenset({"names"}),
    "breed": frozenset(),
}
GAP_IDS = tuple(GAP_PLACEHOLDERS)


# -- the map --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """One person on the map. ``alias`` is whatever the participant calls them."""

    alias: str
    sector: str
    support: tuple[str, ...] = ()
    closeness: int = 2
    quality: str = "goed"

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Person:
        """A person from one entry of a *validated* map."""
        return cls(
            alias=value["alias"],
            sector=value["sector"],
            support=tuple(value["support"]),
            closeness=value["closeness"],
            quality=value["quality"],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "alias": self.alias,
            "sector": self.sector,
            "support": list(self.support),
            "closeness": self.closeness,
            "quality": self.quality,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkMap:
    """A participant's map: the people in the order they were added."""

    people: tuple[Person, ...] = ()

    @classmethod
    def from_value(cls, value: Any) -> NetworkMap:
        """The map stored as ``value`` (validated; raises :class:`AnswerError`)."""
        return cls(people=tuple(Person.from_json(p) for p in validate_map(value)["people"]))

    def to_json(self) -> dict[str, Any]:
        return {"people": [p.to_json() for p in self.people]}


def _check_alias(raw: Any) -> str:
    if not isinstance(raw, str):
        raise AnswerError("answer.invalid")
    try:
        raw.encode("utf-8")  # lone surrogates cannot be stored
    except UnicodeEncodeError as exc:
        raise AnswerError("answer.bad_characters") from exc
    alias = unicodedata.normalize("NFC", raw).strip()
    if not alias:
        raise AnswerError("nk.error.alias_empty")
    if any(unicodedata.category(ch) == "Cc" for ch in alias):  # NUL, newlines, escapes
        raise AnswerError("answer.bad_characters")
    if len(alias) > ALIAS_LIMIT:
        raise AnswerError("nk.error.alias_too_long", length=len(alias), limit=ALIAS_LIMIT)
    return alias


def _check_person(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict) or set(raw) != PERSON_KEYS:
        raise AnswerError("answer.invalid")
    alias = _check_alias(raw["alias"])
    sector = raw["sector"]
    if not isinstance(sector, str) or sector not in SECTOR_IDS:
        raise AnswerError("answer.invalid")
    support = raw["support"]
    if not isinstance(support, list | tuple) or any(
        not isinstance(s, str) or s not in SUPPORT_IDS for s in support
    ):
        raise AnswerError("answer.invalid")
    closeness = raw["closeness"]
    if type(closeness) is not int or closeness not in CLOSENESS_LEVELS:  # no bool, no 1.0
        raise AnswerError("answer.invalid")
    quality = raw["quality"]
    if not isinstance(quality, str) or quality not in QUALITY_IDS:
        raise AnswerError("answer.invalid")
    chosen = set(support)
    return {
        "alias": alias,
        "sector": sector,
        "support": [s for s in SUPPORT_IDS if s in chosen],
        "closeness": closeness,
        "quality": quality,
    }


def validate_map(value: Any) -> dict[str, Any]:
    """Return ``value`` as a normalised map ``{"people": [...]}``, or raise :class:`AnswerError`.

    The page can send anything (a forged widget message sets any trait), so every field is
    checked: types, known sector and support ids, closeness 1–3, at most ``MAX_PEOPLE``
    people, aliases non-empty, at most ``ALIAS_LIMIT`` characters, storable and unique
    (ignoring case and surrounding spaces). Support kinds come back in the catalog's order.
    """
    if isinstance(value, NetworkMap):
        value = value.to_json()
    if not isinstance(value, dict) or set(value) != {"people"}:
        raise AnswerError("answer.invalid")
    people = value["people"]
    if not isinstance(people, list | tuple):
        raise AnswerError("answer.invalid")
    if len(people) > MAX_PEOPLE:
        raise AnswerError("nk.error.too_many", limit=MAX_PEOPLE)
    result = []
    seen: set[str] = set()
    for raw in people:
        person = _check_person(raw)
        key = person["alias"].casefold()
        if key in seen:
            raise AnswerError("nk.error.duplicate", alias=person["alias"])
        seen.add(key)
        result.append(person)
    return {"people": result}


# -- the catalog's side: labels, colours, prompts --------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Sector:
    """A kring around the participant; ``informal`` separates own network from professionals."""

    id: str
    label: str
    short: str
    informal: bool
    colour: str
    description: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SupportKind:
    id: str
    label: str
    short: str
    description: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ClosenessLevel:
    level: int
    label: str
    description: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class QualityLevel:
    """How a relationship is; ``line`` is its ecomap line (solid, dashed or dotted)."""

    id: str
    label: str
    line: str
    colour: str
    description: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class GapPrompt:
    gap: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MapSpec:
    """Everything a netwerkkaart shows that is not the participant's own: from ``data/``."""

    sectors: tuple[Sector, ...]
    support_kinds: tuple[SupportKind, ...]
    closeness: tuple[ClosenessLevel, ...]
    quality: tuple[QualityLevel, ...]
    prompts: tuple[GapPrompt, ...]
    source: tuple[str, ...] = ()

    def sector(self, sector_id: str) -> Sector | None:
        return next((s for s in self.sectors if s.id == sector_id), None)

    def support_kind(self, kind_id: str) -> SupportKind | None:
        return next((k for k in self.support_kinds if k.id == kind_id), None)

    def closeness_level(self, level: int) -> ClosenessLevel | None:
        return next((c for c in self.closeness if c.level == level), None)

    def quality_level(self, quality_id: str) -> QualityLevel | None:
        return next((q for q in self.quality if q.id == quality_id), None)

    def prompt(self, gap: str) -> str:
        return next((p.text for p in self.prompts if p.gap == gap), "")


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a prompt text uses (for the loader's check)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
