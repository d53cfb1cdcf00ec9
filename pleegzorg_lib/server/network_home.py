"""A network's home between meetings (issue #28): our own tornado pages with jinja2 templates,
without a kernel per reader (DESIGN: pages that mostly read).

``voila/netwerk/<network>``                 the home: what is coming, what is there, what is new
``voila/netwerk/<network>/verhalen``        practice stories (filter by theme and role, search)
``voila/netwerk/<network>/vragen``          questions (newest or most votes first)
``voila/netwerk/<network>/<kind>/nieuw``    the form to write one
``voila/netwerk/<network>/item/<id>``       one story or question with its replies, votes,
                                            "Meld dit bericht", "Dit hielp mij"
``voila/netwerk/<network>/moderatie``       the moderators' page (a key in a cookie)
``voila/netwerk/<network>/feed.atom``       visible stories and questions, no personal data
``voila/netwerk/<network>/jaarplan.ics``    the year plan's meetings
``voila/netwerk/mijn-gegevens``             a participant's own data: download, erase

The pages live below ``voila/`` so the resume-code cookie (``pz_code``) comes along: a
participant is who that cookie says, and a first post creates one (and remembers its code).
Everything typed is escaped by the templates (autoescape); forms carry tornado's XSRF token;
pages work without JavaScript (keyboard and screen readers included). Store calls run in a
thread so a slow disk never holds the server's event loop.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import tornado.web
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import config
from ..content.catalog import cached_catalog
from ..i18n import current_language, language_from_query, language_query, t
from ..model import Catalog, normalize_code, page_path
from ..services import exchange
from .home_content import cycles_of, newest_sources, next_meetings, worksheets
from .limits import client_address
from .security import (
    CODE_COOKIE,
    remember_code,
)

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates" / "exchange"
PAGE_SIZE = 20
#: Writes (posts, votes, reports) one address may send in ten minutes: a flood from one
#: place that drops its cookies (a new participant each time) still meets a limit.
WRITES_PER_ADDRESS = 60

_env = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(["html", "xml", "atom"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

_store_lock = threading.Lock()
_store: Any = None


def shared_store() -> Any:
    """The server's one store for these pages (opened on first use)."""
    global _store
    with _store_lock:
        if _store is None:
            from ..store import open_store

            _store = open_store()
        return _store


class _AddressWindow:
    """A sliding ten-minute count of writes per client address."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, address: str) -> bool:
        now = time.monotonic()
        with self._lock:
            times = self._seen.setdefault(address, deque())
            while times and now - times[0] > 600:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            if len(self._seen) > 10_000:  # forget addresses that went quiet
                for key in [k for k, v in self._seen.items() if not v]:
                    del self._seen[key]
            return True


WRITES = _AddressWindow(WRITES_PER_ADDRESS)


def _when(moment: datetime, lang: str) -> str:
    local = moment.astimezone()
    return local.strftime("%d-%m-%Y %H:%M")


class ExchangeHandler(tornado.web.RequestHandler):
    """What every page of a network's home shares: language, participant, rendering."""

    def initialize(self, base_url: str) -> None:
        self.base_url = base_url
        self.lang = current_language()
        self.catalog: Catalog = cached_catalog(str(config.data_dir()), self.lang)

    def prepare(self) -> None:
        self.lang = language_from_query(self.request.query) or current_language()
        self.catalog = cached_catalog(str(config.data_dir()), self.lang)
        self.set_header("Cache-Control", "no-store")
        # Voilà's application does not switch tornado's xsrf_cookies on, so tornado would
        # not check the form token by itself: every write here checks it (a form another
        # site makes a visitor's browser send has no token).
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            self.check_xsrf_cookie()

    # -- helpers ----------------------------------------------------------------------------
    def home_url(self, network_id: str, rest: str = "", **params: Any) -> str:
        url = f"{self.base_url}voila/netwerk/{network_id}" + (f"/{rest}" if rest else "")
        query = {k: v for k, v in params.items() if v not in (None, "")}
        if self.lang != current_language():
            query["taal"] = self.lang
        return url + (("?" + urlencode(query)) if query else "")

    def network_or_404(self, network_id: str) -> Any:
        network = self.catalog.network(network_id) if self.catalog else None
        if network is None:
            raise tornado.web.HTTPError(404)
        return network

    def code(self) -> str | None:
        cookie = self.request.cookies.get(CODE_COOKIE)
        return normalize_code(cookie.value) if cookie is not None else None

    def participant(self, store: Any) -> Any:
        code = self.code()
        return store.participant_by_code(code) if code else None

    def tr(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    def render_page(self, template: str, **context: Any) -> None:
        page = _env.get_template(template).render(
            t=self.tr,
            lang=self.lang,
            base_url=self.base_url,
            css=f"{self.base_url}voila/templates/pleegzorg/static/pleegzorg.css",
            xsrf=self.xsrf_form_html(),
            home_url=self.home_url,
            when=lambda m: _when(m, self.lang),
            catalog=self.catalog,
            role_name=self.role_name,
            **context,
        )
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page)

    def role_name(self, role_id: str | None) -> str:
        role = self.catalog.role(role_id) if self.catalog and role_id else None
        return role.name.lower() if role else ""

    def error_text(self, error: exchange.ExchangeError) -> str:
        params = dict(error.params)
        if "field" in params:
            params["field"] = self.tr(f"exchange.field.{params['field']}")
        return self.tr(error.key, **params)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        title = (
            self.tr("exchange.error.not_found")
            if status_code == 404
            else self.tr("exchange.error.title")
        )
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(
            _env.get_template("notice.html").render(
                t=self.tr,
                lang=self.lang,
                base_url=self.base_url,
                css=f"{self.base_url}voila/templates/pleegzorg/static/pleegzorg.css",
                title=title,
                text="",
            )
        )

    async def in_thread(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        return await asyncio.to_thread(fn, *args, **kwargs)

    def may_write(self) -> bool:
        return WRITES.allow(client_address(self.request))


class HomeHandler(ExchangeHandler):
    async def get(self, network_id: str) -> None:
        network = self.network_or_404(network_id)
        data = await self.in_thread(self._gather, network)
        notice = ""
        if self.get_query_argument("gemeld", ""):
            notice = self.tr("exchange.item.reported")
        elif self.get_query_argument("gestemd", ""):
            notice = self.tr("exchange.poll.voted")
        error = self.get_query_argument("fout", "")[:300]
        self.render_page("home.html", network=network, notice=notice, error=error, **data)

    def _gather(self, network: Any) -> dict[str, Any]:
        store = shared_store()
        me = self.participant(store)
        viewer = me.id if me else None
        stories, n_stories = store.list_posts(network.id, "story", viewer=viewer, limit=5)
        questions, n_questions = store.list_posts(network.id, "question", viewer=viewer, limit=5)
        news = None
        if me is not None:
            before = store.mark_network_visit(me.id, network.id)
            if before is not None:
                news = {
                    "replies": store.replies_to_mine_since(me.id, network.id, before),
                    "items": store.new_posts_since(network.id, before, me.id),
                }
        sheets = [w for w in worksheets(self.catalog) if w.network_id == network.id]
        agenda = [i for i in store.agenda_items(network.id) if not i.hidden][:5]
        views = [exchange.view_poll(p) for p in store.network_polls(network.id, viewer, limit=10)]
        return {
            "open_polls": [v for v in views if not v.closed],
            "closed_polls": [v for v in views if v.closed][:3],
            "me": me,
            "code": self.code() if me else None,
            "stories": stories,
            "n_stories": n_stories,
            "questions": questions,
            "n_questions": n_questions,
            "news": news,
            "themes": [
                (theme, [w for w in sheets if w.theme_id == theme.id]) for theme in network.themes
            ],
            "sheet_url": lambda w: self.base_url + page_path(w.path) + language_query(self.lang),
            "meetings": next_meetings(network.id, self.catalog),
            "has_plan": (config.data_dir() / "plans" / f"{network.id}.yaml").exists(),
            "agenda": agenda,
            "dossier": newest_sources(network, self.catalog),
        }


class ListHandler(ExchangeHandler):
    async def get(self, network_id: str, folder: str) -> None:
        network = self.network_or_404(network_id)
        kind = "story" if folder == "verhalen" else "question"
        theme = self.get_query_argument("thema", "") or None
        role = self.get_query_argument("rol", "") or None
        words = self.get_query_argument("zoek", "")[:200]
        order = "votes" if self.get_query_argument("volgorde", "") == "stemmen" else "new"
        try:
            page = max(1, int(self.get_query_argument("pagina", "1")))
        except ValueError:
            page = 1

        def gather() -> tuple[Any, int, Any]:
            store = shared_store()
            me = self.participant(store)
            items, total = store.list_posts(
                network.id,
                kind,
                viewer=me.id if me else None,
                theme_id=theme,
                role_id=role,
                words=words,
                order=order,
                limit=PAGE_SIZE,
                offset=(page - 1) * PAGE_SIZE,
            )
            return items, total, me

        items, total, me = await self.in_thread(gather)
        pages = max(1, -(-total // PAGE_SIZE))
        self.render_page(
            "list.html",
            network=network,
            kind=kind,
            folder=folder,
            items=items,
            total=total,
            page=page,
            pages=pages,
            theme=theme or "",
            role=role or "",
            words=words,
            order=order,
            me=me,
        )


class FormHandler(ExchangeHandler):
    """Write a story or a question: the form, and what a submit does."""

    def show(
        self,
        network: Any,
        kind: str,
        form: dict[str, Any],
        error: str = "",
        me: Any = None,
        premoderated: bool = False,
        notice: str = "",
    ) -> None:
        self.render_page(
            "form.html",
            network=network,
            kind=kind,
            form=form,
            error=error,
            me=me,
            premoderated=premoderated,
            notice=notice,
            fields=exchange.FIELDS[kind],
            title_limit=exchange.TITLE_LIMIT[kind],
        )

    async def get(self, network_id: str, folder: str) -> None:
        network = self.network_or_404(network_id)
        kind = "story" if folder == "verhalen" else "question"

        source = self.get_query_argument("uit", "") if kind == "story" else ""

        def gather() -> tuple[Any, bool, dict[str, str] | None]:
            store = shared_store()
            me = self.participant(store)
            draft = self._draft_from(store, network, me, source) if source else None
            return me, store.premoderated(network.id), draft

        me, pre, draft = await self.in_thread(gather)
        form = {
            "rol": me.role_id if me and me.role_id else "",
            "thema": self.get_query_argument("thema", ""),
        }
        notice = ""
        if source:
            if draft:
                title = draft.pop("_title")
                form.update(draft)
                notice = self.tr("exchange.form.draft_ready", worksheet=title)
            else:
                notice = self.tr("exchange.form.draft_none")
        self.show(network, kind, form, me=me, premoderated=pre, notice=notice)

    def _draft_from(
        self, store: Any, network: Any, me: Any, worksheet_id: str
    ) -> dict[str, str] | None:
        """The story drafted from ``me``'s answers to a reflection cycle of ``worksheet_id``
        (a worksheet of this network), or None: no such cycle, or nothing answered."""
        from ..services.story_draft import draft_story, has_answers

        info = next((i for i in worksheets(self.catalog) if i.id == worksheet_id), None)
        if me is None or info is None or info.network_id != network.id:
            return None
        wanted = self.get_query_argument("cyclus", "")
        cycles = [c for c in cycles_of(info) if not wanted or c.prefix == wanted]
        session = store.latest_session(me.id, info.id) or ""
        answers = store.answers_for(me.id, info.id, session_code=session)
        for on_page in cycles:
            if has_answers(on_page, answers):
                return {
                    **draft_story(on_page, answers),
                    "thema": info.theme_id if network.theme(info.theme_id) else "",
                    "_title": info.title,
                }
        return None

    async def post(self, network_id: str, folder: str) -> None:
        network = self.network_or_404(network_id)
        kind = "story" if folder == "verhalen" else "question"
        form = {
            k: self.get_body_argument(k, "")
            for k in (
                "titel",
                "thema",
                "rol",
                "tonen_als",
                "situatie",
                "aanpak",
                "geleerd",
                "toelichting",
            )
        }
        if not self.may_write():
            self.set_status(429)
            self.show(
                network,
                kind,
                form,
                error=self.tr("exchange.error.rate", limit=exchange.posts_per_ten_minutes()),
            )
            return

        def act() -> tuple[Any, Any]:
            store = shared_store()
            me, new_code = self._participant_for_writing(store, form.get("rol") or None)
            written = exchange.write(
                store,
                self.catalog,
                participant_id=me.id,
                role_id=form.get("rol") or me.role_id,
                network_id=network.id,
                kind=kind,
                form=form,
            )
            # they were here: what others reply from now on is "new since your last visit"
            store.mark_network_visit(me.id, network.id)
            return written, new_code

        try:
            written, new_code = await self.in_thread(act)
        except exchange.ExchangeError as error:
            self.set_status(400 if error.key != "exchange.error.rate" else 429)
            self.show(network, kind, form, error=self.error_text(error))
            return
        if new_code:
            remember_code(self, new_code)
        notice = "again" if not written.new else ("pending" if written.pending else "posted")
        self.redirect(self.home_url(network.id, f"item/{written.id}", geplaatst=notice))

    def _participant_for_writing(self, store: Any, role_id: str | None) -> tuple[Any, str | None]:
        me = self.participant(store)
        if role_id is not None and self.catalog and self.catalog.role(role_id) is None:
            raise exchange.ExchangeError("exchange.error.invalid", field="rol")
        if me is not None:
            if role_id and not me.role_id:
                store.update_participant(me.id, role_id=role_id)
            return me, None
        me, code = store.create_participant(role_id=role_id)
        return me, code


class ItemHandler(FormHandler):
    """One story or question with its replies; the forms under it post here."""

    async def get(self, network_id: str, post_id: str) -> None:
        network = self.network_or_404(network_id)
        await self._show(network, int(post_id))

    async def _show(
        self, network: Any, post_id: int, error: str = "", notice: str = "", reply_text: str = ""
    ) -> None:
        def gather() -> tuple[Any, Any, list[Any]]:
            store = shared_store()
            me = self.participant(store)
            viewer = me.id if me else None
            post = store.get_post(post_id, viewer)
            replies = store.list_replies(post_id, viewer=viewer) if post else []
            return me, post, replies

        me, post, replies = await self.in_thread(gather)
        visible = (
            post is not None
            and post.network_id == network.id
            and post.kind != "reply"
            and (post.status in ("visible", "removed") or (post.mine and post.status == "pending"))
        )
        if not visible:
            self.set_status(404)
            self.render_page(
                "notice.html",
                title=self.tr("exchange.item.gone"),
                text="",
                back=self.home_url(network.id),
            )
            return
        notice = notice or {
            "posted": self.tr("exchange.posted"),
            "pending": self.tr("exchange.posted_pending"),
            "again": self.tr("exchange.posted_again"),
            "gestemd": self.tr("exchange.item.voted"),
            "gemeld": self.tr("exchange.item.reported"),
        }.get(self.get_query_argument("geplaatst", ""), "")
        self.render_page(
            "item.html",
            network=network,
            post=post,
            replies=replies,
            me=me,
            error=error,
            notice=notice,
            reply_text=reply_text,
            reply_limit=exchange.FIELDS["reply"][0][1],
            reason_limit=exchange.REASON_LIMIT,
        )

    async def post(self, network_id: str, post_id: str) -> None:
        network = self.network_or_404(network_id)
        item = int(post_id)
        action = self.get_body_argument("actie", "")
        text = self.get_body_argument("tekst", "")
        if not self.may_write():
            self.set_status(429)
            await self._show(
                network,
                item,
                error=self.tr("exchange.error.rate", limit=exchange.posts_per_ten_minutes()),
                reply_text=text,
            )
            return

        def act() -> tuple[str, str | None]:
            store = shared_store()
            if action == "reactie":
                role = self.get_body_argument("rol", "") or None
                me, code = self._participant_for_writing(store, role)
                written = exchange.write(
                    store,
                    self.catalog,
                    participant_id=me.id,
                    role_id=role or me.role_id,
                    network_id=network.id,
                    kind="reply",
                    form={"tekst": text, "tonen_als": self.get_body_argument("tonen_als", "role")},
                    parent_id=item,
                )
                return (
                    "pending" if written.pending else "posted"
                ) if written.new else "again", code
            me = self.participant(store)
            if me is None:  # votes and reports need someone; a first one makes a participant
                me, code = self._participant_for_writing(store, None)
            else:
                code = None
            if action == "stem":
                exchange.vote(store, me.id, network.id, item)
                return "gestemd", code
            if action == "melden":
                exchange.report(store, me.id, network.id, item, self.get_body_argument("reden", ""))
                return "gemeld", code
            if action == "nuttig":
                reply = int(self.get_body_argument("antwoord", "0") or 0)
                exchange.mark_helpful(store, me.id, network.id, reply)
                return "", code
            raise exchange.ExchangeError("exchange.error.invalid", field="actie")

        try:
            notice, code = await self.in_thread(act)
        except exchange.ExchangeError as error:
            self.set_status(400 if error.key != "exchange.error.rate" else 429)
            await self._show(network, item, error=self.error_text(error), reply_text=text)
            return
        except ValueError:
            raise tornado.web.HTTPError(400) from None
        if code:
            remember_code(self, code)
        if notice == "gemeld":  # the item may be hidden now: thank them on the home
            self.redirect(self.home_url(network.id, gemeld=1))
            return
        self.redirect(self.home_url(network.id, f"item/{item}", geplaatst=notice) + "#reacties")


class PollHandler(FormHandler):
    """A vote in a network's poll (a first vote makes a participant, as a first post does)."""

    async def post(self, network_id: str, poll_id: str) -> None:
        network = self.network_or_404(network_id)
        if not self.may_write():
            raise tornado.web.HTTPError(429)

        def act() -> str | None:
            store = shared_store()
            me, code = self._participant_for_writing(store, None)
            exchange.vote_poll(
                store, me.id, network.id, int(poll_id), self.get_body_argument("keuze", "")
            )
            return code

        try:
            code = await self.in_thread(act)
        except exchange.ExchangeError as error:
            self.redirect(self.home_url(network.id, fout=self.error_text(error)) + "#peilingen")
            return
        if code:
            remember_code(self, code)
        self.redirect(self.home_url(network.id, gestemd=1) + "#peilingen")


class FeedHandler(ExchangeHandler):
    """Atom: the visible stories and questions (titles and text), no roles, no tags."""

    async def get(self, network_id: str) -> None:
        network = self.network_or_404(network_id)

        def gather() -> list[Any]:
            store = shared_store()
            stories, _ = store.list_posts(network.id, "story", limit=20)
            questions, _ = store.list_posts(network.id, "question", limit=20)
            return sorted(stories + questions, key=lambda p: p.created_at, reverse=True)[:20]

        items = await self.in_thread(gather)
        host = f"{self.request.protocol}://{self.request.host}"
        page = _env.get_template("feed.atom").render(
            t=self.tr,
            network=network,
            items=items,
            host=host,
            home_url=self.home_url,
            updated=(items[0].created_at if items else datetime(2026, 1, 1, tzinfo=UTC)),
        )
        self.set_header("Content-Type", "application/atom+xml; charset=utf-8")
        self.finish(page)


class CalendarHandler(ExchangeHandler):
    async def get(self, network_id: str) -> None:
        network = self.network_or_404(network_id)
        from ..content.yearplan import load_plan
        from ..export.calendar import plan_ics

        if not (config.data_dir() / "plans" / f"{network.id}.yaml").exists():
            raise tornado.web.HTTPError(404)
        plan = load_plan(config.data_dir(), network.id, catalog=self.catalog)
        self.set_header("Content-Type", "text/calendar; charset=utf-8")
        self.set_header("Content-Disposition", f'attachment; filename="{network.id}.ics"')
        self.finish(
            plan_ics(
                plan, self.catalog, f"{self.request.protocol}://{self.request.host}{self.base_url}"
            )
        )
