"""Narrow views of the store: what each widget needs of it, and nothing else.

A widget that takes one of these can be read knowing exactly which stored data it touches,
and tested with a small stand-in. ``SQLStore`` satisfies every one (mypy checks it wherever a
store is handed to a widget).
"""

from __future__ import annotations

from typing import Any, Protocol

from .agenda import AgendaItem
from .sessions import Poll


class AgendaStore(Protocol):
    """The Kennisagenda: proposed subjects and votes of a network."""

    def add_agenda_item(
        self, participant_id: str, network_id: str, text: str, theme_id: str | None = None
    ) -> int: ...

    def agenda_items(
        self, network_id: str, participant_id: str | None = None, include_hidden: bool = False
    ) -> list[AgendaItem]: ...

    def vote(self, item_id: int, participant_id: str) -> bool: ...

    def unvote(self, item_id: int, participant_id: str) -> bool: ...

    def set_agenda_hidden(self, item_id: int, hidden: bool) -> bool: ...


class PollStore(Protocol):
    """A participant's page answering the session's quick poll."""

    def active_poll(self, code: str) -> Poll | None: ...

    def answer_poll(self, poll_id: int, participant_id: str, value: Any) -> None: ...


class AttendanceStore(Protocol):
    """The year plan: who attended which meeting of a network."""

    def record_attendance(
        self, participant_id: str, network_id: str, meeting_id: str, present: bool
    ) -> None: ...

    def attendance_of(self, participant_id: str, network_id: str) -> set[str]: ...
