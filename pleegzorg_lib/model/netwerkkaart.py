"""The netwerkkaart (support-network map, after the ecomap): people around the participant.

A map is a list of people, each with an alias, the sector (kring) they belong to, the kinds of
support they give, how close they are (1 = dichtbij … 3 = verder weg) and how the relationship
is (goed, wisselend, moeizaam). The ids below are the contract with the store: labels, colours
and the reflection prompts live in ``data/tools/netwerkkaart.yaml``, which must use exactly
these ids. :func:`metrics` reads a map as a graph (networkx, imported only when needed) and
:func:`reflection_prompts` turns the gaps it finds into Dutch questions to think about.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .worksheet import AnswerError

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

# Used by describe_map when no spec is at hand (the ids are Dutch words already).
_FALLBACK_CLOSENESS = {1: "dichtbij", 2: "tussenin", 3: "verder weg"}
_NO_SUPPORT = "geen steun"


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


# -- metrics --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class MapMetrics:
    """What a map shows, in numbers. Ids are the catalog's; aliases are the participant's.

    A *support tie* is one person giving one kind of support (Anna: emotioneel and praktisch
    makes two ties).
    """

    size: int
    per_sector: tuple[tuple[str, int], ...]  # every sector, catalog order
    per_closeness: tuple[tuple[int, int], ...]  # every level, 1 first
    providers: tuple[tuple[str, tuple[str, ...]], ...]  # every support kind -> aliases
    support_ties: int
    informal_ties: int
    professional_ties: int
    informal_people: int
    professional_people: int
    single_providers: tuple[tuple[str, str], ...]  # (support id, the one alias)
    sole_links: tuple[tuple[str, str], ...]  # (sector id, the one alias)
    heavy_carriers: tuple[tuple[str, int], ...]  # (alias, their support ties)
    strained_close: tuple[str, ...]  # dichtbij, but the relationship is moeizaam
    ties_per_person: tuple[tuple[str, int], ...] = ()  # alias -> support ties, map order

    @property
    def covered(self) -> tuple[str, ...]:
        """Support kinds at least one person gives."""
        return tuple(kind for kind, who in self.providers if who)

    @property
    def missing(self) -> tuple[str, ...]:
        """Support kinds nobody on the map gives."""
        return tuple(kind for kind, who in self.providers if not who)

    @property
    def informal_share(self) -> float | None:
        """Share of the support ties that come from informal sectors; ``None`` without ties."""
        return self.informal_ties / self.support_ties if self.support_ties else None

    @property
    def professional_share(self) -> float | None:
        return self.professional_ties / self.support_ties if self.support_ties else None

    def count(self, sector_id: str) -> int:
        return dict(self.per_sector).get(sector_id, 0)

    def who_gives(self, kind_id: str) -> tuple[str, ...]:
        return dict(self.providers).get(kind_id, ())


def _as_map(value: NetworkMap | Mapping[str, Any]) -> NetworkMap:
    return value if isinstance(value, NetworkMap) else NetworkMap.from_value(dict(value))


def metrics(network_map: NetworkMap | Mapping[str, Any], spec: MapSpec) -> MapMetrics:
    """Compute the map's metrics by reading it as a graph.

    The graph has the participant (``ego``) in the middle, a node per person joined to ego,
    and a node per sector and per support kind joined to the people in or giving it. A person
    is a *one-person dependency* when they are an articulation point of that graph that cuts
    a support kind (single provider) or a whole sector (sole link) off from the participant;
    a person *carries* the map when they hold at least half of all support ties (from
    ``HEAVY_MIN_TIES`` ties on). The informal share counts support ties from sectors the
    catalog marks ``informal``.
    """
    import networkx as nx  # only worksheets with a map pay for the import

    people = _as_map(network_map).people
    graph = nx.Graph()
    ego = ("ego", "")
    graph.add_node(ego)
    for sector in spec.sectors:
        graph.add_node(("sector", sector.id))
    for kind in spec.support_kinds:
        graph.add_node(("support", kind.id))
    for person in people:
        node = ("person", person.alias)
        graph.add_edge(ego, node, closeness=person.closeness, quality=person.quality)
        graph.add_edge(node, ("sector", person.sector))
        for kind_id in person.support:
            graph.add_edge(node, ("support", kind_id))

    def aliases(node: tuple[str, str]) -> tuple[str, ...]:
        order = {p.alias: i for i, p in enumerate(people)}
        found = [n[1] for n in graph.neighbors(node) if n[0] == "person"]
        return tuple(sorted(found, key=order.__getitem__))

    cut_off: dict[str, set[tuple[str, str]]] = {}
    for node in nx.articulation_points(graph):
        if node[0] != "person":
            continue
        rest = graph.subgraph(n for n in graph if n != node)
        for component in nx.connected_components(rest):
            if ego not in component:
                cut_off.setdefault(node[1], set()).update(
                    n for n in component if n[0] in ("sector", "support")
                )

    informal_ids = {s.id for s in spec.sectors if s.informal}
    ties = {p.alias: len(p.support) for p in people}
    total_ties = sum(ties.values())
    informal_ties = sum(len(p.support) for p in people if p.sector in informal_ids)
    heavy = tuple(
        (alias, n)
        for alias, n in ties.items()
        if total_ties >= HEAVY_MIN_TIES and n * 2 >= total_ties
    )
    single = tuple(
        (kind.id, alias)
        for kind in spec.support_kinds
        for alias in aliases(("support", kind.id))
        if ("support", kind.id) in cut_off.get(alias, set())
    )
    sole = tuple(
        (sector.id, alias)
        for sector in spec.sectors
        for alias in aliases(("sector", sector.id))
        if ("sector", sector.id) in cut_off.get(alias, set())
    )
    return MapMetrics(
        size=len(people),
        per_sector=tuple((s.id, graph.degree(("sector", s.id))) for s in spec.sectors),
        per_closeness=tuple(
            (c.level, sum(1 for p in people if p.closeness == c.level)) for c in spec.closeness
        ),
        providers=tuple((k.id, aliases(("support", k.id))) for k in spec.support_kinds),
        support_ties=total_ties,
        informal_ties=informal_ties,
        professional_ties=total_ties - informal_ties,
        informal_people=sum(1 for p in people if p.sector in informal_ids),
        professional_people=sum(1 for p in people if p.sector not in informal_ids),
        single_providers=single,
        sole_links=sole,
        heavy_carriers=heavy,
        strained_close=tuple(
            p.alias for p in people if p.closeness == 1 and p.quality == STRAINED_QUALITY
        ),
        ties_per_person=tuple(ties.items()),
    )


# -- reflection -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Reflection:
    """One prompt for a gap the map shows; ``text`` holds participant aliases, unescaped."""

    gap: str
    text: str


def join_names(names: Sequence[str], last: str = "en") -> str:
    """``a, b en c``: Dutch enumeration."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


def _found_gaps(m: MapMetrics, spec: MapSpec) -> dict[str, dict[str, str]]:
    """Gap id -> the values for its placeholders, for every gap the metrics show."""
    if m.size == 0:
        return {"leeg": {}}
    found: dict[str, dict[str, str]] = {}
    if m.support_ties == 0:
        found["geen-steun"] = {}
    else:
        for kind in m.missing:
            found[f"geen-{kind}"] = {}
    if m.count(FOSTER_PARENTS) == 0:
        found["geen-pleegouders"] = {}
    if m.support_ties and m.informal_ties == 0:
        found["alleen-professionals"] = {}
    elif m.informal_share is not None and m.informal_share < 0.5:
        found["vooral-professionals"] = {"share": f"{round(100 * (m.professional_share or 0))}%"}

    def label(kind: str) -> str:
        found_kind = spec.support_kind(kind)
        return found_kind.label.lower() if found_kind else kind

    def sector_label(sector_id: str) -> str:
        found_sector = spec.sector(sector_id)
        return found_sector.short.lower() if found_sector else sector_id

    if m.single_providers:
        pairs = [f"{label(kind)} ({alias})" for kind, alias in m.single_providers]
        found["een-persoon"] = {"pairs": join_names(pairs)}
    links = [(s, a) for s, a in m.sole_links if s != HOUSEHOLD]
    if links:
        found["enige-link"] = {"pairs": join_names([f"{sector_label(s)} ({a})" for s, a in links])}
    if m.heavy_carriers:
        found["zwaar"] = {"names": join_names([alias for alias, _ in m.heavy_carriers])}
    if dict(m.per_closeness).get(1, 0) == 0:
        found["niemand-dichtbij"] = {}
    if m.strained_close:
        found["spanning"] = {"names": join_names(m.strained_close)}
    if not found:
        found["breed"] = {}
    return found


def reflection_prompts(m: MapMetrics, spec: MapSpec) -> tuple[Reflection, ...]:
    """The catalog's prompts for the gaps in ``m``, in the catalog's order.

    An empty map gets only the prompt to start; a map without gaps gets the ``breed`` prompt
    (a strength to name). Placeholders are filled with plain text: escape it where it is shown.
    """
    found = _found_gaps(m, spec)
    result = []
    for prompt in spec.prompts:
        if prompt.gap in found:
            values = found[prompt.gap]
            text = prompt.text.format_map({k: values.get(k, "") for k in placeholders(prompt.text)})
            result.append(Reflection(gap=prompt.gap, text=text))
    return tuple(result)


# -- text for the participant's export ------------------------------------------------------
def describe_person(person: Person, spec: MapSpec | None = None) -> str:
    """``Anna — familie; emotioneel, praktisch; dichtbij; goed``."""
    if spec is None:
        sector = person.sector
        support = list(person.support)
        closeness = _FALLBACK_CLOSENESS.get(person.closeness, str(person.closeness))
        quality = person.quality
    else:
        found = spec.sector(person.sector)
        sector = found.short.lower() if found else person.sector
        support = [(k.short if (k := spec.support_kind(s)) else s) for s in person.support]
        level = spec.closeness_level(person.closeness)
        closeness = level.label.lower() if level else str(person.closeness)
        q = spec.quality_level(person.quality)
        quality = q.label.lower() if q else person.quality
    kinds = ", ".join(support) or _NO_SUPPORT
    return f"{person.alias} — {sector}; {kinds}; {closeness}; {quality}"


def describe_map(value: Any, spec: MapSpec | None = None) -> str:
    """A stored map as readable text, one line per person (for the participant's export).

    A value that is not a valid map gives an empty string: an export never fails on it.
    """
    try:
        network_map = NetworkMap.from_value(value)
    except AnswerError:
        return ""
    return "\n".join(describe_person(p, spec) for p in network_map.people)
