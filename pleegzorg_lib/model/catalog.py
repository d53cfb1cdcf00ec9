"""Learning networks (leernetwerken), their themes, meetings and the roles of participants."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """A role a participant takes in a network or dialogue (pleegouder, jeugdbeschermer, ...)."""

    id: str
    name: str
    group: str
    description: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Theme:
    """A theme within a learning network, e.g. informal support between foster parents."""

    id: str
    name: str
    description: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Meeting:
    """A meeting (bijeenkomst) of a network: mostly online, about 1.5 hours."""

    network_id: str
    title: str
    duration_minutes: int = 90
    online: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class LearningNetwork:
    """A leernetwerk: people from the whole foster-care chain learning together on one subject."""

    id: str
    name: str
    description: str
    themes: tuple[Theme, ...]
    meetings_per_year: int = 6
    meeting_minutes: int = 90
    order: int = 100

    def theme(self, theme_id: str) -> Theme | None:
        """Return the theme with ``theme_id`` or ``None``."""
        return next((t for t in self.themes if t.id == theme_id), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Catalog:
    """Everything in ``data/``: networks with themes, and roles."""

    networks: tuple[LearningNetwork, ...]
    roles: tuple[Role, ...]

    def network(self, network_id: str) -> LearningNetwork | None:
        """Return the network with ``network_id`` or ``None``."""
        return next((n for n in self.networks if n.id == network_id), None)

    def role(self, role_id: str) -> Role | None:
        """Return the role with ``role_id`` or ``None``."""
        return next((r for r in self.roles if r.id == role_id), None)
