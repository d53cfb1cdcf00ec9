"""The rules of a network's exchange between meetings (issue #28), without any page: what a
participant may write (fields, limits, how often), when an item waits for a moderator, what a
reader's report does, what a moderator may do (and that it is logged), and what a reader sees.

The network home (``server/network_home.py``) and the CLI call these; the store only stores.
Every error is an :class:`ExchangeError` whose key selects a Dutch (or English) message."""

from __future__ import annotations

import hashlib
import json
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from .. import config

# what a reader sees of a poll lives with the other k rules; the home and the CLI find it here
from ..analysis._polls import PollView as PollView
from ..analysis._polls import view_poll as view_poll
from ..model import AnswerError, Catalog, LearningNetwork

#: Roles whose items always wait for a moderator (young people: a safeguard, not distrust).
ALWAYS_PREMODERATED_ROLES = frozenset({"pleegjongere", "eigen-kind"})
#: Items one participant may write per ten minutes, unless the environment says otherwise.
DEFAULT_POSTS_PER_10_MINUTES = 5
#: Open reports from different readers that hide an item until a moderator looks.
REPORTS_TO_HIDE = 3
#: The same text from the same participant within this time is one item (a double submit).
DOUBLE_SUBMIT = timedelta(minutes=10)

#: Each kind's fields: (name, longest, required). The names are the form's and the export's.
FIELDS: dict[str, tuple[tuple[str, int, bool], ...]] = {
    "story": (("situatie", 4000, True), ("aanpak", 4000, False), ("geleerd", 4000, False)),
    "question": (("toelichting", 2000, False),),
    "reply": (("tekst", 2000, True),),
}
TITLE_LIMIT = {"story": 120, "question": 200}
REASON_LIMIT = 500
LABEL_LIMIT = 120

#: Moderator actions and what they do to an item's status (None: status unchanged).
ACTIONS = {
    "approve": "visible",
    "hide": "hidden",
    "restore": "visible",
    "pin": None,
    "unpin": None,
    "to_agenda": None,
}


class ExchangeError(AnswerError):
    """Something a participant or moderator tried that the rules refuse (a message key)."""


@dataclass(frozen=True, slots=True)
class Written:
    """The outcome of writing an item: its id, whether it is new (not a double submit), and
    whether it waits for a moderator."""

    id: int
    new: bool
    pending: bool


def posts_per_ten_minutes() -> int:
    return config.posts_per_ten_minutes() or DEFAULT_POSTS_PER_10_MINUTES


def clean_text(value: Any, limit: int, *, required: bool, field: str) -> str:
    """Text as stored: a string, stripped, NFC, no NUL or lone surrogates, within ``limit``."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ExchangeError("exchange.error.invalid", field=field)
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()
    if required and not value:
        raise ExchangeError("exchange.error.required", field=field)
    if len(value) > limit:
        raise ExchangeError("exchange.error.too_long", field=field, length=len(value), limit=limit)
    if "\x00" in value:
        raise ExchangeError("exchange.error.bad_characters", field=field)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ExchangeError("exchange.error.bad_characters", field=field) from exc
    return value


def _network(catalog: Catalog, network_id: str) -> LearningNetwork:
    network = catalog.network(network_id)
    if network is None:
        raise ExchangeError("exchange.error.unknown_network", network=network_id)
    return network


def _digest(kind: str, parent: int | None, title: str | None, body: dict[str, str]) -> str:
    raw = json.dumps([kind, parent, title, body], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()


def _check_rate(store: Any, participant_id: str, now: datetime) -> None:
    limit = posts_per_ten_minutes()
    if store.posts_written_since(participant_id, now - timedelta(minutes=10)) >= limit:
        raise ExchangeError("exchange.error.rate", limit=limit)


def write(
    store: Any,
    catalog: Catalog,
    *,
    participant_id: str,
    role_id: str | None,
    network_id: str,
    kind: str,
    form: dict[str, Any],
    parent_id: int | None = None,
    now: datetime | None = None,
) -> Written:
    """Write a story, question or reply from a form's fields; return what happened.

    Checks every field (limits, characters), the theme against the network's, the role
    against the catalog, the parent (a visible story or question of this network), the rate
    limit; a second submit of the same text within ten minutes returns the first item."""
    now = now or datetime.now(UTC)
    network = _network(catalog, network_id)
    if kind not in FIELDS:
        raise ExchangeError("exchange.error.invalid", field="kind")
    if role_id is not None and catalog.role(role_id) is None:
        raise ExchangeError("exchange.error.invalid", field="rol")
    body = {
        name: clean_text(form.get(name), limit, required=required, field=name)
        for name, limit, required in FIELDS[kind]
    }
    body = {k: v for k, v in body.items() if v}
    title = None
    theme_id = None
    show_as = "role"
    if kind == "reply":
        parent = store.get_post(parent_id) if parent_id is not None else None
        if (
            parent is None
            or parent.network_id != network.id
            or parent.kind == "reply"
            or parent.status != "visible"
        ):
            raise ExchangeError("exchange.error.gone")
    else:
        parent_id = None
        title = clean_text(form.get("titel"), TITLE_LIMIT[kind], required=True, field="titel")
        theme_id = form.get("thema") or None
        if theme_id is not None and network.theme(str(theme_id)) is None:
            raise ExchangeError("exchange.error.invalid", field="thema")
    if form.get("tonen_als") == "tag":
        show_as = "tag"
    pending = store.premoderated(network.id) or role_id in ALWAYS_PREMODERATED_ROLES
    digest = _digest(kind, parent_id, title, body)
    earlier = store.same_post(participant_id, digest, now - DOUBLE_SUBMIT)
    if earlier is not None:
        post = store.get_post(earlier)
        return Written(earlier, False, post is not None and post.status == "pending")
    _check_rate(store, participant_id, now)
    post_id, new = store.add_post(
        participant_id=participant_id,
        network_id=network.id,
        kind=kind,
        body=body,
        status="pending" if pending else "visible",
        digest=digest,
        role_id=role_id,
        show_as=show_as,
        theme_id=theme_id,
        title=title,
        parent_id=parent_id,
        same_since=now - DOUBLE_SUBMIT,
    )
    return Written(post_id, new, pending)


def _visible_item(store: Any, post_id: int, network_id: str, viewer: str | None = None) -> Any:
    post = store.get_post(post_id, viewer)
    if post is None or post.network_id != network_id or post.status != "visible":
        raise ExchangeError("exchange.error.gone")
    return post


def vote(store: Any, participant_id: str, network_id: str, post_id: int) -> bool:
    """ "Herkenbaar" (a story) or "ik wil dit ook weten" (a question): once per person, not on
    one's own item. Return whether the vote is new."""
    post = _visible_item(store, post_id, network_id, participant_id)
    if post.kind == "reply":
        raise ExchangeError("exchange.error.invalid", field="stem")
    if post.mine:
        raise ExchangeError("exchange.error.own_vote")
    return store.vote_post(post_id, participant_id)


def report(store: Any, participant_id: str, network_id: str, post_id: int, reason: Any) -> int:
    """A reader's report; return the open reports now. At :data:`REPORTS_TO_HIDE` from
    different readers the item is hidden until a moderator looks."""
    text = clean_text(reason, REASON_LIMIT, required=True, field="reden")
    post = store.get_post(post_id, participant_id)
    if post is None or post.network_id != network_id or post.status not in ("visible", "hidden"):
        raise ExchangeError("exchange.error.gone")
    if post.mine:
        raise ExchangeError("exchange.error.own_report")
    _, count = store.report_post(post_id, participant_id, text)
    if count >= REPORTS_TO_HIDE and post.status == "visible":
        store.set_post_status(post_id, "hidden")
        store.log_moderation(network_id, "readers", "hide", f"{count} meldingen", post_id=post_id)
    return count


def mark_helpful(store: Any, participant_id: str, network_id: str, reply_id: int) -> None:
    """The person who asked marks an answer as helpful (only they can)."""
    reply = _visible_item(store, reply_id, network_id)
    question = store.get_post(reply.parent_id, participant_id) if reply.parent_id else None
    if question is None or question.kind != "question" or not question.mine:
        raise ExchangeError("exchange.error.not_yours")
    store.set_post_flag(reply_id, "helpful", not reply.helpful)


def new_moderator_key(store: Any, catalog: Catalog, network_id: str, label: str) -> str:
    """A new key for a moderator of a network (only its digest is kept); return the key."""
    network = _network(catalog, network_id)
    label = clean_text(label, LABEL_LIMIT, required=True, field="label")
    key = secrets.token_urlsafe(32)
    store.add_moderator_key(network.id, label, key)
    return key


def moderate(
    store: Any,
    *,
    moderator: str,
    network_id: str,
    post_id: int,
    action: str,
    reason: Any = "",
) -> None:
    """A moderator's action on an item, logged with who, what and why. Hiding needs a reason;
    approving or restoring closes the open reports."""
    if action not in ACTIONS:
        raise ExchangeError("exchange.error.invalid", field="actie")
    why = clean_text(reason, REASON_LIMIT, required=action == "hide", field="reden")
    post = store.get_post(post_id)
    if post is None or post.network_id != network_id or post.status == "removed":
        raise ExchangeError("exchange.error.gone")
    status = ACTIONS[action]
    if status is not None:
        store.set_post_status(post_id, status)
        store.resolve_reports(post_id)  # a moderator looked: the reports are answered
    elif action in ("pin", "unpin"):
        store.set_post_flag(post_id, "pinned", action == "pin")
    elif action == "to_agenda":
        author = store.post_author(post_id)
        if post.kind != "question" or author is None:
            raise ExchangeError("exchange.error.invalid", field="actie")
        text = post.title or ""
        if post.body.get("toelichting"):
            text = f"{text} — {post.body['toelichting']}"
        text = text[:1000]
        if any(item.text == text for item in store.agenda_items(network_id, include_hidden=True)):
            raise ExchangeError("exchange.error.on_agenda")
        store.add_agenda_item(author, network_id, text, theme_id=post.theme_id)
    store.log_moderation(network_id, moderator, action, why, post_id=post_id)


def set_premoderation(store: Any, *, moderator: str, network_id: str, value: bool) -> None:
    store.set_premoderated(network_id, value)
    store.log_moderation(
        network_id, moderator, "premoderation_on" if value else "premoderation_off", ""
    )


def theme_activity(
    store: Any, network: LearningNetwork, now: datetime | None = None
) -> list[tuple[str, str, int, int]]:
    """(theme id, theme name, stories, questions) of the last three months, busiest first —
    what the network is asking about (counts of items, not of people: nothing about anyone).
    Items without a theme have id and name ""."""
    now = now or datetime.now(UTC)
    counts: dict[str | None, list[int]] = {}
    for theme_id, kind, n in store.theme_counts(network.id, now - timedelta(days=ACTIVITY_DAYS)):
        pair = counts.setdefault(theme_id, [0, 0])
        pair[0 if kind == "story" else 1] += n
    rows = []
    for theme_id, (stories, questions) in counts.items():
        theme = network.theme(theme_id) if theme_id else None
        rows.append((theme.id if theme else "", theme.name if theme else "", stories, questions))
    return sorted(rows, key=lambda r: -(r[2] + r[3]))


#: How far back "what the network asks about" looks.
ACTIVITY_DAYS = 91
NOTE_LIMIT = 500


def propose_theme(
    store: Any,
    network: LearningNetwork,
    *,
    moderator: str,
    theme_id: Any,
    target: Any,
    note: Any = "",
    now: datetime | None = None,
) -> int:
    """A moderator puts a theme forward for the year plan (a theme meeting) or the
    Kennisagenda, with the counts of the last three months; logged. Refused: a theme not of
    this network, an unknown target, a theme already open for that target."""
    from ..store.network_admin import PROPOSAL_TARGETS

    theme = network.theme(theme_id) if isinstance(theme_id, str) and theme_id else None
    if theme is None:
        raise ExchangeError("exchange.error.invalid", field="thema")
    if target not in PROPOSAL_TARGETS:
        raise ExchangeError("exchange.error.invalid", field="actie")
    text = clean_text(note, NOTE_LIMIT, required=False, field="toelichting")
    row = next((r for r in theme_activity(store, network, now) if r[0] == theme.id), None)
    stories, questions = (row[2], row[3]) if row else (0, 0)
    made = store.add_theme_proposal(
        network.id,
        theme.id,
        target,
        stories=stories,
        questions=questions,
        note=text,
        proposed_by=moderator,
    )
    if made is None:
        raise ExchangeError("exchange.error.proposed_already")
    store.log_moderation(
        network.id, moderator, f"propose_{target}", f"{theme.name}. {text}".strip()
    )
    return int(made)


def resolve_proposal(
    store: Any, network: LearningNetwork, *, moderator: str, proposal_id: Any
) -> None:
    """The organisers took a proposal up (a theme meeting planned, a research question)."""
    try:
        number = int(proposal_id)
    except (TypeError, ValueError):
        raise ExchangeError("exchange.error.invalid", field="actie") from None
    if not store.resolve_theme_proposal(network.id, number):
        raise ExchangeError("exchange.error.gone")
    store.log_moderation(network.id, moderator, "proposal_done", f"#{number}")


# -- polls that run for a period ------------------------------------------------------------

#: A network poll: its question, 2 to 8 options, open between 1 and 92 days.
POLL_PROMPT_LIMIT = 300
POLL_OPTION_LIMIT = 120
POLL_OPTIONS = (2, 8)
POLL_DAYS = (1, 92)


def create_poll(
    store: Any,
    catalog: Catalog,
    *,
    network_id: str,
    prompt: Any,
    options: Any,
    days: Any,
    created_by: str,
    now: datetime | None = None,
) -> int:
    """A moderator's or facilitator's poll for a network, closing ``days`` from now."""
    network = _network(catalog, network_id)
    text = clean_text(prompt, POLL_PROMPT_LIMIT, required=True, field="vraag")
    if isinstance(options, str):
        options = options.splitlines()
    if not isinstance(options, list):
        raise ExchangeError("exchange.error.invalid", field="opties")
    cleaned = [
        clean_text(o, POLL_OPTION_LIMIT, required=True, field="opties")
        for o in options
        if isinstance(o, str) and o.strip()
    ]
    if not POLL_OPTIONS[0] <= len(cleaned) <= POLL_OPTIONS[1] or len(set(cleaned)) != len(cleaned):
        raise ExchangeError(
            "exchange.error.poll_options", low=POLL_OPTIONS[0], high=POLL_OPTIONS[1]
        )
    try:
        count = int(days)
    except (TypeError, ValueError):
        raise ExchangeError("exchange.error.invalid", field="dagen") from None
    if not POLL_DAYS[0] <= count <= POLL_DAYS[1]:
        raise ExchangeError("exchange.error.poll_days", low=POLL_DAYS[0], high=POLL_DAYS[1])
    now = now or datetime.now(UTC)
    return store.add_network_poll(
        network.id, text, cleaned, created_by, now + timedelta(days=count)
    )


def vote_poll(
    store: Any,
    participant_id: str,
    network_id: str,
    poll_id: int,
    option: Any,
    now: datetime | None = None,
) -> bool:
    """A participant's vote: once, while the poll is open, for one of its options."""
    now = now or datetime.now(UTC)
    poll = next(
        (p for p in store.network_polls(network_id, participant_id, limit=200) if p.id == poll_id),
        None,
    )
    if poll is None:
        raise ExchangeError("exchange.error.gone")
    if poll.closes_at <= now:
        raise ExchangeError("exchange.error.poll_closed")
    try:
        index = int(option)
    except (TypeError, ValueError):
        raise ExchangeError("exchange.error.invalid", field="keuze") from None
    if not 0 <= index < len(poll.options):
        raise ExchangeError("exchange.error.invalid", field="keuze")
    return store.vote_network_poll(poll_id, participant_id, index)
