"""Creating a session (bijeenkomst) and the links that go with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as date_type
from urllib.parse import quote, urlencode, urlsplit

from .. import config
from ..content import cached_catalog, find_worksheet
from ..i18n import t
from ..model import page_path
from ..store import Session
from ..store.interfaces import SessionCreateStore

DEFAULT_BASE_URL = "http://127.0.0.1:8866"
FACILITATOR_PATH = page_path("facilitator/live.ipynb")
MAX_EXPECTED = 200
#: Warm kernels for a session created without an expected number (server/warmup.py).
DEFAULT_ROOM = 10


class SessionError(ValueError):
    """A session cannot be created: the message is Dutch and says why."""


@dataclass(frozen=True, slots=True)
class SessionLinks:
    session: Session
    key: str
    participant_url: str
    facilitator_url: str


def served_base(request_url: str | None = None) -> str | None:
    """The address this page was reached by, up to the server's prefix: ``PLEEGZORG_BASE_URL``
    when set, else the origin and prefix of the page's own request (Voilà gives a kernel its
    request URL as ``VOILA_REQUEST_URL``), else ``None`` (outside a served page)."""
    configured = config.base_url()
    if configured:
        return configured
    url = request_url if request_url is not None else config.voila_kernel("VOILA_REQUEST_URL")
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    marker = "/" + page_path("")
    prefix = parts.path.split(marker, 1)[0] if marker in parts.path else ""
    return f"{parts.scheme}://{parts.netloc}{prefix}".rstrip("/")


def participant_link(session_code: str, worksheet_path: str, base: str | None) -> str:
    """The link participants open to join a session: absolute when the base is known."""
    page = f"{base}/{page_path(worksheet_path)}" if base else f"../{quote(worksheet_path)}"
    return f"{page}?{urlencode({'sessie': session_code})}"


def base_url(explicit: str | None = None) -> str:
    """Links are printed relative to the address users reach the server by."""
    return (explicit or config.base_url() or DEFAULT_BASE_URL).rstrip("/")


def links_for(session: Session, key: str, worksheet_path: str, base: str) -> SessionLinks:
    participant = f"{base}/{page_path(worksheet_path)}?{urlencode({'sessie': session.code})}"
    facilitator = f"{base}/{FACILITATOR_PATH}?" + urlencode(
        {"sessie": session.code, "sleutel": key}
    )
    return SessionLinks(session, key, participant, facilitator)


def create_session(
    store: SessionCreateStore,
    *,
    network_id: str,
    worksheet_id: str,
    title: str | None = None,
    date: str | None = None,
    base: str | None = None,
    expected: int | None = None,
) -> SessionLinks:
    """Create a session for a network and worksheet; return the join code and both links."""
    catalog = cached_catalog(str(config.data_dir()))
    network = catalog.network(network_id)
    if network is None:
        known = ", ".join(n.id for n in catalog.networks)
        raise SessionError(t("session.error.unknown_network", id=network_id, known=known))
    info = find_worksheet(config.workbooks_dir(), catalog, worksheet_id)
    if info is None:
        raise SessionError(t("session.error.unknown_worksheet", id=worksheet_id))
    if info.network_id != network_id:
        raise SessionError(
            t(
                "session.error.other_network",
                id=worksheet_id,
                network=info.network_id,
                asked=network_id,
            )
        )
    if date is not None:
        try:
            date = date_type.fromisoformat(date).isoformat()
        except ValueError as exc:
            raise SessionError(t("session.error.date", date=date)) from exc
    title = (title or f"{network.name}: {info.title}").strip()[:200]
    if expected is not None and not 0 <= expected <= MAX_EXPECTED:
        raise SessionError(t("session.error.expected", max=MAX_EXPECTED))
    session, key = store.create_session(
        network_id=network_id,
        worksheet_id=worksheet_id,
        title=title,
        date=date,
        expected=expected,
    )
    return links_for(session, key, info.path, base_url(base))


def server_room(timeout: float = 2.0) -> int | None:
    """How many pages the server this kernel runs under can hold at once besides those open
    now (warm kernels waiting in pools count as room: they are for arriving pages). Asked
    from the server itself (``voila/pleegzorg/capacity``, this machine only); ``None`` when
    not running under ``pleegzorg serve`` or the server does not say."""
    import json
    import urllib.request

    port = config.voila_kernel("VOILA_APP_PORT").strip()
    if not port.isdigit():
        return None
    base = config.voila_kernel("VOILA_SERVER_URL") or "/"
    url = f"http://127.0.0.1:{port}{base.rstrip('/')}/voila/pleegzorg/capacity"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            numbers = json.loads(response.read())
        return int(numbers["limit"]) - (int(numbers["in_use"]) - int(numbers["warm"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
