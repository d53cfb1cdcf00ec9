"""What a netwerkkaart shows: metrics, reflection prompts and a readable description.

:func:`metrics` reads a map as a graph (networkx, imported only when needed) and
:func:`reflection_prompts` turns the gaps it finds into Dutch questions to think about. The map
itself and its validation are in :mod:`pleegzorg_lib.model.netwerkkaart`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model.errors import AnswerError
from ..model.netwerkkaart import (
    FOSTER_PARENTS,
    HEAVY_MIN_TIES,
    HOUSEHOLD,
    STRAINED_QUALITY,
    MapSpec,
    NetworkMap,
    Person,
    placeholders,
)

# Used by describe_map when no spec is at hand (the ids are Dutch words already).
_FALLBACK_CLOSENESS = {1: "dichtbij", 2: "tussenin", 3: "verder weg"}
_NO_SUPPORT = "geen steun"


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
