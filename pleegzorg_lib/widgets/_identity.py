"""The header's role and name fields, saved to the participant as they change.

The role saves at once (only a role the catalog knows: the page can send any value); the
name after a typing pause, refused above :data:`~.header.NAME_LIMIT` with a message. While
the runner fills the fields from the store (``loading``), nothing is saved back.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ..i18n import t
from ..model import Catalog
from ..store import Participant
from ..store.interfaces import ParticipantStore
from ._autosave import Debouncer
from .header import NAME_LIMIT, Header

NAME_KEY = "__name__"  # the debouncer's key for the name (question ids never start with _)


class IdentityFields:
    """Keeps the participant's role and name in the store in step with the header."""

    def __init__(
        self,
        header: Header,
        catalog: Catalog,
        store: ParticipantStore,
        debouncer: Debouncer,
        participant: Callable[[], Participant | None],
        on_role: Callable[[], None],
    ) -> None:
        self.header = header
        self.catalog = catalog
        self.store = store
        self.debouncer = debouncer
        self._participant = participant
        self._on_role_changed = on_role
        self._loading = False
        header.role.observe(self._on_role, "value")
        header.name.observe(self._on_name, "value")

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Fill the fields without saving what is filled in."""
        self._loading = True
        try:
            yield
        finally:
            self._loading = False

    def show(self, participant: Participant | None) -> None:
        """Show the participant's stored role and name (empty fields for ``None``)."""
        with self.loading():
            role = participant.role_id if participant else None
            if role and self.catalog.role(role):
                self.header.role.value = role
            else:
                self.header.role.index = 0
            self.header.name.value = (participant.display_name if participant else None) or ""

    def _on_role(self, change: dict[str, Any]) -> None:
        participant = self._participant()
        if self._loading or participant is None:
            return
        role = change["new"]
        if role is not None and self.catalog.role(role) is None:  # forged value
            return
        self.store.update_participant(participant.id, role_id=role)
        self._on_role_changed()

    def _on_name(self, change: dict[str, Any]) -> None:
        if self._loading or self._participant() is None:
            return
        name = str(change["new"] or "")
        if len(name) > NAME_LIMIT:
            text = html.escape(t("name.too_long", limit=NAME_LIMIT))
            self.header.name_status.value = f'<span class="pz-status-error">{text}</span>'
            return
        self.header.name_status.value = ""
        self.debouncer.schedule(NAME_KEY, self.save_name)

    def save_name(self) -> None:
        participant = self._participant()
        if participant is None:
            return
        name = self.header.name.value.strip()
        if len(name) <= NAME_LIMIT and "\x00" not in name:
            self.store.update_participant(participant.id, display_name=name or None)
