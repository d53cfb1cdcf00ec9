"""Session-aware warm-up: keep as many preheated kernels ready as a session expects.

A facilitator who creates a session with ``--expect 40`` gets 40 kernels running that
worksheet's notebook up to ``ws.finish()`` before the room opens the link. While the session
is on (created less than ``WINDOW`` ago, or dated today) the pool keeps one kernel for every
expected participant who has not joined yet, plus a spare tenth (at least one) for a reload
or someone unexpected: once the room is in, it does not start 40 more kernels nobody needs.
Afterwards it shrinks back to one and the unused kernels are shut down. Behind a proxy with
several servers (``PLEEGZORG_SERVERS``, set by ``pleegzorg cluster``) each server warms its
share of the room (``share_of``), not the whole room.

A session created without ``--expect`` is warmed for ``DEFAULT_ROOM`` (10) participants:
most rooms are small, and ten people clicking the link at once should not each wait for a
kernel to start. ``--expect 0`` warms none.

Besides sessions, a few worksheets keep one warm kernel (the *baseline*): the worksheets of
sessions today and tomorrow first, then the most visited of the last 30 days, then the landing
page's order, ``PLEEGZORG_PREHEAT_LIMIT`` of them (default ``DEFAULT_BASELINE``). Warming all
35 worksheets at start took both cores for a minute and ~2.5 GiB for kernels that mostly
wait; a worksheet nobody opened this month starts its kernel when someone does (~2 s). The
baseline is chosen again every ``BASELINE_REFRESH``, and comes up ``BASELINE_PER_TICK``
worksheets per tick.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .. import config
from ..content import ContentError, cached_catalog, load_worksheet_index
from ..services.sessions import DEFAULT_ROOM
from ..store import SQLStore
from .admission import gate_of

log = logging.getLogger(__name__)

WINDOW = timedelta(hours=6)
DEFAULT_POOL = 1
BASELINE_PER_TICK = 2
#: A session's room grows by at most this many warm kernels a tick: ten kernels starting at
#: once on two cores held a visitor's page past its 90 s in the soak (each start costs about
#: a CPU-second); two a tick fill a room of ten in 25 s without starving the pages served.
ROOM_STEP = max(2, os.cpu_count() or 2)
#: Worksheets with a warm kernel when ``PLEEGZORG_PREHEAT_LIMIT`` is not set.
DEFAULT_BASELINE = 6
#: How far back visits count when choosing the baseline, and how often it is chosen again.
VISITS_WINDOW = timedelta(days=30)
BASELINE_REFRESH = timedelta(minutes=10)
#: Cap per worksheet without admission control; with it, the cap is WARM_SHARE of the kernel
#: limit (the rest stays free for pages that find no warm kernel).
MAX_POOL = 60
WARM_SHARE = 0.8


def still_needed(expected: int, joined: int) -> int:
    """Warm kernels a session on now needs: one per expected participant not yet joined, and
    never fewer than a tenth of the room (at least one) for reloads and late additions."""
    spare = max(1, -(-expected // 10))
    return min(expected, max(expected - joined, spare))


def share_of(needed: int, servers: int) -> int:
    """This server's part of the warm kernels a session needs, when ``servers`` share its
    visitors (the proxy spreads browsers by a random key, so not exactly evenly: a quarter
    more, at least one)."""
    if servers <= 1:
        return needed
    share = -(-needed // servers)
    return min(needed, share + max(1, -(-share // 4)))


def desired_pool_sizes(
    store: SQLStore, now: datetime | None = None, cap: int = MAX_POOL
) -> dict[str, int]:
    """Notebook path (relative to the workbooks) → number of kernels to keep warm (at most
    ``cap`` per worksheet)."""
    now = now or datetime.now(UTC)
    paths = _worksheet_paths()
    if paths is None:
        return {}
    sizes: dict[str, int] = {}
    today = now.date()
    servers = config.server_count()
    for session in store.sessions_expecting(now - WINDOW, dates=[today.isoformat()]):
        created = session.created_at
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        on_today = session.date is not None and date.fromisoformat(session.date) == today
        recent = session.date is None and now - created <= WINDOW
        path = paths.get(session.worksheet_id)
        if path and (on_today or recent):
            expected = DEFAULT_ROOM if session.expected is None else session.expected
            joined = len(store.session_participants(session.code))
            needed = share_of(still_needed(expected, joined), servers)
            sizes[path] = min(cap, max(sizes.get(path, 0), needed))
    return sizes


def _worksheet_paths() -> dict[str, str] | None:
    """Worksheet id → notebook path; ``None`` while the content does not load."""
    try:
        catalog = cached_catalog(str(config.data_dir()))
        return {w.id: w.path for w in load_worksheet_index(config.workbooks_dir(), catalog)}
    except ContentError:
        return None


def wanted_baseline(
    store: SQLStore, limit: int | None = None, now: datetime | None = None
) -> list[str]:
    """The worksheets that keep one warm kernel, most wanted first: those of sessions today
    and tomorrow, then the most visited of the last ``VISITS_WINDOW``, then the landing page's
    order; ``limit`` of them (``DEFAULT_BASELINE`` when ``None``)."""
    limit = DEFAULT_BASELINE if limit is None else max(0, limit)
    now = now or datetime.now(UTC)
    paths = _worksheet_paths() or {}
    order = baseline_paths()
    days = [now.date().isoformat(), (now.date() + timedelta(days=1)).isoformat()]
    chosen: list[str] = []
    try:
        planned = store.sessions_expecting(now - WINDOW, dates=days)
        visits = store.worksheet_visits(now - VISITS_WINDOW)
    except Exception:  # the store may be briefly away: the landing page's order meanwhile
        log.exception("warm-up: reading sessions and visits failed")
        planned, visits = [], {}
    known = [wid for wid in visits if wid in paths]
    by_visits = sorted(known, key=lambda wid: (-visits[wid], order.index(paths[wid])))
    for path in [
        *(paths.get(s.worksheet_id) for s in planned),
        *(paths.get(wid) for wid in by_visits),
        *order,
    ]:
        if path and path not in chosen:
            chosen.append(path)
    return chosen[:limit]


def baseline_paths(limit: int | None = None) -> list[str]:
    """Worksheet notebooks that keep one warm kernel, in the landing page's order."""
    try:
        catalog = cached_catalog(str(config.data_dir()))
        index = load_worksheet_index(config.workbooks_dir(), catalog)
    except ContentError:
        return []
    order = {n.id: i for i, n in enumerate(catalog.networks)}
    themes = {(n.id, th.id): i for n in catalog.networks for i, th in enumerate(n.themes)}

    def rank(w: Any) -> tuple[int, int, str]:
        theme = themes.get((w.network_id, w.theme_id), 99)
        return (order.get(w.network_id, len(order)), theme, w.path)

    paths = [w.path for w in sorted(index, key=rank)]
    return paths if limit is None else paths[: max(0, limit)]


def preheat_limit() -> int | None:
    """``PLEEGZORG_PREHEAT_LIMIT``: at most this many worksheets keep a warm kernel
    (``None``: ``DEFAULT_BASELINE``)."""
    return config.preheat_limit()


def _quietly_ended(render: Any) -> None:
    """The rendering of a warm page whose kernel was stopped on purpose: its end is expected."""
    if not render.cancelled() and render.exception() is not None:
        log.debug("warm page ended with its kernel: %s", render.exception())


class SessionWarmup:
    """Adjusts Voilà's per-notebook pools (``kernel_pools_config``): a staggered baseline of
    one warm kernel per worksheet, and as many as a session on now expects."""

    def __init__(
        self,
        kernel_manager: Any,
        store: SQLStore,
        baseline: list[str] | None = None,
        baseline_source: Callable[[], list[str]] | None = None,
    ) -> None:
        """``baseline``: a fixed list of worksheets with one warm kernel; or
        ``baseline_source``, asked again every ``BASELINE_REFRESH`` (:func:`wanted_baseline`)."""
        self.km = kernel_manager
        self.store = store
        self.sizes: dict[str, int] = {}  # what this object set, per notebook path
        self.todo = list(baseline or [])  # baseline notebooks not warmed yet
        self.baseline: set[str] = set()
        self._baseline_order: list[str] = []  # warmed baseline notebooks, in order
        self._short = 0  # warm kernels wanted beyond the limit, last said in the log
        self._source = baseline_source
        self._next_choice: datetime | None = None

    def _choose_baseline(self) -> None:
        """Ask which worksheets keep a warm kernel now: new ones queue up, dropped ones cool."""
        now = datetime.now(UTC)
        if self._source is None or (self._next_choice is not None and now < self._next_choice):
            return
        self._next_choice = now + BASELINE_REFRESH
        wanted = self._source()
        for path in wanted:
            if path not in self.baseline and path not in self.todo:
                self.todo.append(path)
        self.todo = [p for p in self.todo if p in wanted]
        for path in [p for p in self._baseline_order if p not in wanted]:
            log.info("warm-up: %s is no longer among the most used worksheets", path)
            self.baseline.discard(path)
            self._baseline_order.remove(path)

    def tick(self) -> None:
        gate = gate_of(self.km)
        if gate is not None:
            gate.purge_failed()  # kernels refused at the limit: try again now
        cap = max(1, int(gate.limit * WARM_SHARE)) if gate is not None else MAX_POOL
        try:
            wanted = desired_pool_sizes(self.store, cap=cap)
        except Exception:  # the store may be briefly away: try again next tick
            log.exception("warm-up: reading sessions failed")
            wanted = None
        self._choose_baseline()
        for path in self.todo[:BASELINE_PER_TICK]:
            self.baseline.add(path)
            self._baseline_order.append(path)
        del self.todo[:BASELINE_PER_TICK]
        if wanted is None:
            wanted = {p: s for p, s in self.sizes.items() if p not in self.baseline}
        if gate is not None:
            self._say_when_it_does_not_fit(gate, wanted)
        others = sorted((set(self.sizes) | set(wanted)) - self.baseline)
        for path in [*self._baseline_order, *others]:
            base = DEFAULT_POOL if path in self.baseline else 0
            target = max(base, wanted.get(path, base))
            current = self.sizes.get(path, 0)
            if current == target:
                continue
            if target > current + ROOM_STEP:  # grow a room step by step (see ROOM_STEP)
                target = current + ROOM_STEP
            log.info("warm-up: %s keeps %d kernel(s) ready", path, target)
            self.km.kernel_pools_config[path] = {"pool_size": target}
            self.sizes[path] = target
            pool = self.km._pools.get(path, [])
            if len(pool) < target:
                self.km.fill_if_needed(delay=0, notebook_name=path)
            else:
                self._shrink(pool, target)

    def _say_when_it_does_not_fit(self, gate: Any, wanted: dict[str, int]) -> None:
        """Warm kernels count against the server's kernel limit (admission.py): when the
        sessions on now want more than fits, say so once per change, in the log."""
        total = sum(wanted.values()) + len(self.baseline - set(wanted))
        if total > gate.limit:
            if self._short != total:
                log.warning(
                    "warm-up: the sessions on now want %d warm kernels, this server holds at "
                    "most %d (PLEEGZORG_MAX_KERNELS, memory); the rest start when they arrive",
                    total,
                    gate.limit,
                )
            self._short = total
        else:
            self._short = 0

    def _shrink(self, pool: list[Any], target: int) -> None:
        surplus = [task for task in pool[target:] if task.done() and not task.exception()]
        for task in surplus:
            pool.remove(task)
            content = task.result()
            # Its page was still being prepared: stopping the kernel ends that rendering
            # with "Kernel died before replying to kernel_info", which nobody awaits any more
            # (asyncio logged it as an unretrieved exception, seen in the soak). Retrieve it.
            render = content.get("task")
            if render is not None and hasattr(render, "add_done_callback"):
                render.add_done_callback(_quietly_ended)
            kernel_id = content.get("kernel_id")
            if kernel_id:
                # A warm kernel waits inside its binding cell: a polite shutdown interrupts
                # that cell and the kernel logs a traceback for a reply it can no longer send
                # (seen in the soak). Nobody's page runs in it: stop it at once, quietly.
                asyncio.ensure_future(self.km.shutdown_kernel(kernel_id, now=True))
