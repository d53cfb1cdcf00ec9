"""Narrow views of the store: what each widget, service and export needs of it, and nothing
else.

A part that takes one of these can be read knowing exactly which stored data it touches, and
tested with a small stand-in. ``SQLStore`` satisfies every one (mypy checks it wherever a
store is handed over). Only the pages (``pages/``), the CLI and the server hold the whole
``SQLStore``; ``tests/unit/test_layers.py`` keeps it that way.

Who uses which:

==========================  ==========================================================
``ParticipantStore``        the worksheet page: who is this, their answers, saving
``PollStore``               the quick poll on a participant's page
``OwnDataStore``            a participant's export (``collect_participant``)
``WorksheetPageStore``      everything one worksheet page does (the runner)
``DirectoryStore``          Wie weet wat: others' answers to the directory questions
``SessionReadStore``        the live view's and the report's reading (``collect_session``)
``LiveStore``               the facilitator's live view: reading, polls, moderation
``SessionCreateStore``      creating a session (the form and ``pleegzorg session create``)
``AgendaStore``             the Kennisagenda
``AttendanceStore``         the year plan's attendance
==========================  ==========================================================
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import datetime
from typing import Any, Protocol

from .agenda import AgendaItem
from .sessions import Poll, Session
from .sqlstore import Participant


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


class ParticipantStore(Protocol):
    """A worksheet page: who the participant is, which session, their answers."""

    def create_participant(
        self, *, role_id: str | None = None, display_name: str | None = None
    ) -> tuple[Participant, str]: ...

    def participant_by_code(self, code: str) -> Participant | None: ...

    def update_participant(self, participant_id: str, **fields: str | None) -> None: ...

    def session(self, code: str) -> Session | None: ...

    def latest_session(self, participant_id: str, worksheet_id: str) -> str | None: ...

    def enrol(self, participant_id: str, worksheet_id: str, session_code: str = "") -> None: ...

    def answers_for(
        self, participant_id: str, worksheet_id: str, *, session_code: str = ""
    ) -> dict[str, Any]: ...

    def save_answer(
        self,
        participant_id: str,
        worksheet_id: str,
        question_id: str,
        value: Any,
        *,
        session_code: str = "",
    ) -> datetime: ...


class OwnDataStore(Protocol):
    """A participant's own data: what their export holds, and erasing it."""

    def all_answers_of(self, participant_id: str) -> list[dict[str, Any]]: ...

    def contributions_of(self, participant_id: str) -> dict[str, list[dict]]: ...

    def forget_participant(self, participant_id: str) -> int: ...


class DirectoryStore(Protocol):
    """Wie weet wat: everyone's answers to the directory questions of one worksheet."""

    def worksheet_answers(
        self, worksheet_id: str, question_ids: Collection[str]
    ) -> list[dict[str, Any]]: ...


class NetworkPollStore(Protocol):
    """A worksheet's foot showing its network's polls and taking one participant's vote."""

    def network_polls(
        self, network_id: str, viewer: str | None = None, limit: int = 20
    ) -> list[Any]: ...

    def vote_network_poll(self, poll_id: int, participant_id: str, option: int) -> bool: ...


class WorksheetPageStore(
    ParticipantStore, PollStore, OwnDataStore, DirectoryStore, NetworkPollStore, Protocol
):
    """Everything one worksheet page does with the store (the runner and what it holds)."""


class SessionReadStore(Protocol):
    """Reading a session for the live view, the report and the research CSV."""

    def network_polls(
        self, network_id: str, viewer: str | None = None, limit: int = 20
    ) -> list[Any]: ...

    def session(self, code: str) -> Session | None: ...

    def session_answers(self, code: str, worksheet_id: str) -> Iterator[dict[str, Any]]: ...

    def session_participants(self, code: str) -> dict[str, str | None]: ...

    def hidden(self, code: str) -> set[tuple[str, str]]: ...

    def polls_of(self, code: str) -> list[Poll]: ...

    def poll_values(self, poll_id: int) -> list[Any]: ...

    def sessions_for_worksheet(self, worksheet_id: str) -> list[Session]: ...


class LiveStore(SessionReadStore, AgendaStore, Protocol):
    """The facilitator's live view: reading, the key check, polls, hiding an answer."""

    def facilitator_may(self, code: str, key: str) -> bool: ...

    def launch_poll(self, code: str, *, prompt: str, options: tuple[str, ...] = ()) -> Poll: ...

    def active_poll(self, code: str) -> Poll | None: ...

    def close_poll(self, poll_id: int) -> None: ...

    def set_hidden(
        self, code: str, participant_id: str, question_id: str, hidden: bool
    ) -> None: ...


class SessionCreateStore(Protocol):
    """Creating a session: the join code and the facilitator key."""

    def create_session(
        self,
        *,
        network_id: str,
        worksheet_id: str,
        title: str,
        date: str | None = None,
        expected: int | None = None,
    ) -> tuple[Session, str]: ...
