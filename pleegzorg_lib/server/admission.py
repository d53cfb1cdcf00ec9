"""Admission control: a server never starts more kernels than its memory holds.

Voilà starts a kernel for every page that finds no warm one, without a cap (voila#617): the
300th visitor of a busy room would take the machine down for everyone. Here every kernel
this server starts goes through :class:`LimitedKernelManager`, which counts what runs, what
is starting and what a page that was let in is about to start, against one limit:

- ``PLEEGZORG_MAX_KERNELS``, or else what the memory holds: (memory − a reserve for the
  server and the system) ÷ ``PLEEGZORG_KERNEL_MIB`` (default 100 MiB; measured ~72 MiB, the
  rest is margin for a kernel that holds a netwerkkaart or a long report). The memory is the
  container's limit (cgroup v2 ``memory.max``) when there is one, else the machine's.
- A page that takes a warm kernel is always let in (no new kernel). A page that needs a new
  kernel is let in while there is room, else room is made by shutting down an idle warm
  kernel of another worksheet; else the visitor gets a clear Dutch page, 503 with
  ``Retry-After``, that retries by itself. Pages already open never notice.
- The facilitator pages count against the same limit, but a small share of it
  (:meth:`Gate.reserve`, 5 %, at least one from a limit of 4) is kept for them: participant
  pages and warm pools leave it free, so a full room never locks the facilitator out, and no
  number of facilitator requests takes the server beyond its limit (issue 27: they used to be
  let in beyond it, key or no key). A live view without a valid key never gets this far
  (``app.py`` refuses it before Voilà starts anything).
- Warm kernels (the pools, a session's ``--expect``) count against the same limit: the
  warm-up fills pools only while there is room, and logs when a session's room cannot be
  warmed. :func:`capacity` tells the page that creates sessions how many fit.
"""

from __future__ import annotations

import contextvars
import logging
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tornado.web
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import TraitError

from .. import config

log = logging.getLogger(__name__)

DEFAULT_KERNEL_MIB = 100
#: Kept free for the server process, the database and the system: a quarter of the memory,
#: at least 512 MiB.
RESERVE_FRACTION = 0.25
RESERVE_MIN_MIB = 512
MIN_KERNELS = 2
#: The share of the kernel limit kept for the facilitator's pages (``Gate.reserve``).
FACILITATOR_SHARE = 0.05
#: Seconds a visitor who was turned away waits before the page tries again by itself.
RETRY_AFTER = 30

MIB = 1024 * 1024


class KernelLimitReached(RuntimeError):
    """A kernel was refused: this server runs as many as its limit allows."""


def memory_bytes(
    meminfo: Path = Path("/proc/meminfo"), cgroup: Path = Path("/sys/fs/cgroup/memory.max")
) -> int | None:
    """The memory this server may use: the container's limit, else the machine's total."""
    total = None
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                total = int(line.split()[1]) * 1024
                break
    except (OSError, ValueError, IndexError):
        total = None
    try:
        raw = cgroup.read_text().strip()
        limit = int(raw) if raw.isdigit() else None
    except (OSError, ValueError):
        limit = None
    if limit is not None and (total is None or limit < total):
        return limit
    return total


def kernel_mib() -> int:
    """``PLEEGZORG_KERNEL_MIB``: the memory one kernel is counted for."""
    return config.kernel_mib() or DEFAULT_KERNEL_MIB


def kernel_limit(
    memory: int | None = None, *, per_kernel_mib: float | None = None, shared_mib: float = 0
) -> int:
    """How many kernels this server may run at once (``PLEEGZORG_MAX_KERNELS`` wins).

    ``per_kernel_mib``: what one kernel is counted for — measured (:meth:`Gate.measure`) or
    else ``PLEEGZORG_KERNEL_MIB`` / 100 MiB; ``shared_mib``: memory that is there whatever
    the number of kernels (the kernel template), taken from the room first."""
    configured = config.max_kernels()
    if configured is not None:
        return configured
    memory = memory if memory is not None else memory_bytes()
    if memory is None:
        return 64  # no way to know: a modest number rather than none
    reserve = max(RESERVE_MIN_MIB * MIB, int(memory * RESERVE_FRACTION))
    per_kernel = per_kernel_mib if per_kernel_mib is not None else kernel_mib()
    room = memory - reserve - int(shared_mib * MIB)
    return max(MIN_KERNELS, int(room // (per_kernel * MIB)))


#: A kernel is counted for the median PSS of the running ones times this margin (a page
#: with a netwerkkaart or a long report grows), never below MIN_KERNEL_MIB.
PSS_MARGIN = 1.25
MIN_KERNEL_MIB = 20
#: How often the kernels' memory is measured again (and at most how many are read).
MEASURE_SECONDS = 30
MEASURE_SAMPLE = 32


def pss_mib(pid: int) -> float | None:
    """The proportional set size of a process (shared pages divided among the processes
    that share them: what a forked kernel really adds), or ``None`` when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


@dataclass
class Reservation:
    """Room held for one page between being let in and starting its kernel."""

    gate: Gate
    used: bool = False

    def consume(self) -> None:
        if not self.used:
            self.used = True
            self.gate.reserved -= 1


#: The reservation of the page being served, seen by ``start_kernel`` in the same task.
_current: contextvars.ContextVar[Reservation | None] = contextvars.ContextVar(
    "pz_reservation", default=None
)


def _warm(task: Any) -> bool:
    """A pool entry whose kernel started and waits for a page."""
    return bool(task.done() and not task.cancelled() and task.exception() is None)


class Gate:
    """The count and the limit of one server's kernels."""

    def __init__(self, manager: Any, limit: int, *, memory: int | None = None) -> None:
        self.manager = manager
        self.limit = limit
        self.starting = 0
        self.reserved = 0
        self.refused = 0  # pages turned away since the start (logged, and in capacity())
        #: the memory the limit is computed from (``None``: the limit stays as given)
        self.memory = memory
        self.kernel_mib: float = float(kernel_mib())
        self.shared_mib = 0.0
        self._measured_at = float("-inf")

    # -- what kernels cost ------------------------------------------------------------
    def kernel_pids(self) -> list[int]:
        """The processes of the running kernels (jupyter_client's provisioner ``pid``)."""
        pids = []
        for kernel_id in list(self.manager.list_kernel_ids()):
            try:
                kernel = self.manager.get_kernel(kernel_id)
            except KeyError:
                continue
            pid = getattr(getattr(kernel, "provisioner", None), "pid", None)
            if isinstance(pid, int):
                pids.append(pid)
        return pids

    def measure(self, *, now: float | None = None, force: bool = False) -> None:
        """Count a kernel for what the running ones really cost: their median PSS (with a
        margin) instead of a fixed 100 MiB, and the kernel template once, as shared memory.
        At most every ``MEASURE_SECONDS``; a configured limit or ``PLEEGZORG_KERNEL_MIB``
        is left alone."""
        now = time.monotonic() if now is None else now
        if self.memory is None or config.max_kernels() is not None or config.kernel_mib():
            return
        if not force and now - self._measured_at < MEASURE_SECONDS:
            return
        self._measured_at = now
        sizes = [size for pid in self.kernel_pids()[:MEASURE_SAMPLE] if (size := pss_mib(pid))]
        if not sizes:
            return
        from .provisioner import template_pid

        shared_pid = template_pid()
        self.shared_mib = (pss_mib(shared_pid) or 0.0) if shared_pid else 0.0
        self.kernel_mib = max(MIN_KERNEL_MIB, statistics.median(sizes) * PSS_MARGIN)
        limit = kernel_limit(
            self.memory, per_kernel_mib=self.kernel_mib, shared_mib=self.shared_mib
        )
        if limit != self.limit:
            log.info(
                "kernel limit %d -> %d (a kernel counted for %.0f MiB: median PSS of %d, "
                "template %.0f MiB)",
                self.limit,
                limit,
                self.kernel_mib,
                len(sizes),
                self.shared_mib,
            )
            self.limit = limit

    def running(self) -> int:
        return len(self.manager.list_kernel_ids())

    def in_use(self) -> int:
        return self.running() + self.starting + self.reserved

    def free(self) -> int:
        return self.limit - self.in_use()

    def reserve(self) -> int:
        """Kernels kept for the facilitator's pages: 5 % of the limit, at least one from a
        limit of 4 (a limit of 2 or 3 has no room to spare)."""
        if self.limit < 4:
            return 0
        return max(1, round(self.limit * FACILITATOR_SHARE))

    # -- pools ------------------------------------------------------------------------
    def _pools(self) -> dict[str, list[Any]]:
        """Voilà's warm kernels per notebook. Only a kernel manager without preheating has
        none; with preheating :func:`.voila_pools.check_voila_internals` made sure at
        startup that they are where we read them (a renamed attribute stops the server,
        never the count)."""
        pools = self.manager.__dict__.get("_pools")
        return pools if isinstance(pools, dict) else {}

    def purge_failed(self) -> None:
        """Drop pool entries whose kernel was refused or failed: a page must never take one."""
        for pool in self._pools().values():
            for task in list(pool):
                if task.done() and (task.cancelled() or task.exception() is not None):
                    pool.remove(task)

    def has_warm(self, notebook: str) -> bool:
        """A kernel for ``notebook`` is warm, or warming with room to start (the page will
        take it from the pool instead of starting one)."""
        pool = self._pools().get(notebook, [])
        if any(_warm(task) for task in pool):
            return True
        return any(not task.done() for task in pool) and self.free() > 0

    async def evict_for(self, notebook: str) -> bool:
        """Shut down one idle warm kernel of another worksheet (the largest pool's last)."""
        idle = {
            path: [task for task in pool if _warm(task)]
            for path, pool in self._pools().items()
            if path != notebook
        }
        idle = {path: tasks for path, tasks in idle.items() if tasks}
        if not idle:
            return False
        path = max(idle, key=lambda p: len(self._pools()[p]))
        task = idle[path][-1]
        self._pools()[path].remove(task)
        kernel_id = task.result().get("kernel_id")
        log.info("kernel limit %d: warm kernel of %s makes room for %s", self.limit, path, notebook)
        if kernel_id:  # idle and warm: nobody's page runs in it, so no need to be gentle
            await self.manager.shutdown_kernel(kernel_id, now=True)
        return True

    # -- pages ------------------------------------------------------------------------
    async def admit(self, notebook: str, *, priority: bool = False) -> bool:
        """Let a page in (holding room for its kernel when it needs a new one), or not.
        ``priority`` (the facilitator's pages) may use the reserve; nothing goes beyond the
        limit."""
        self.purge_failed()
        if self.has_warm(notebook):
            return True
        self.measure()
        keep = 0 if priority else self.reserve()
        while self.free() - keep <= 0:
            if await self.evict_for(notebook):
                continue
            self.refused += 1
            log.warning(
                "kernel limit %d reached (%d running, %d starting): %s turned away",
                self.limit,
                self.running(),
                self.starting,
                notebook,
            )
            return False
        self.reserved += 1
        _current.set(Reservation(self))
        return True

    @staticmethod
    def current() -> Reservation | None:
        """The room held by the page being served (``None`` when it takes a warm kernel)."""
        return _current.get()

    def may_warm(self) -> bool:
        """Warm pools fill only while the facilitators' reserve stays free."""
        return self.free() > self.reserve()


class LimitedKernelManager(AsyncMappingKernelManager):
    """Voilà's kernel manager base (``VoilaConfiguration.multi_kernel_manager_class``) with
    a limit on how many kernels run at once."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        memory = memory_bytes()
        self.gate = Gate(self, kernel_limit(memory), memory=memory)
        log.info("kernel limit: %d (PLEEGZORG_MAX_KERNELS to change)", self.gate.limit)

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        env = kwargs.get("env") or {}
        reservation = _current.get()
        if env.get("VOILA_PREHEAT") == "True":  # a pool being filled: only while there is room
            if not self.gate.may_warm():
                raise KernelLimitReached(f"kernel limit {self.gate.limit} reached")
        elif reservation is not None and not reservation.used:
            reservation.consume()  # the page's held room becomes its kernel
        elif reservation is None and self.gate.free() <= 0:
            raise KernelLimitReached(f"kernel limit {self.gate.limit} reached")
        self.gate.starting += 1
        try:
            return await super().start_kernel(*args, **kwargs)
        finally:
            self.gate.starting -= 1

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        """Jupyter's culler, minus the kernels still starting (their ``last_activity`` is set
        only once they are up: reading it before logged a traitlets traceback) and those that
        ended while the culler went through the list (a 404 traceback) — issue 26."""
        try:
            kernel = self.get_kernel(kernel_id)
            _ = kernel.last_activity  # type: ignore[attr-defined]  # raises while starting
        except (KeyError, TraitError, tornado.web.HTTPError):  # starting, or already gone
            return
        try:
            await super().cull_kernel_if_idle(kernel_id)
        except tornado.web.HTTPError as exc:
            # shut down (its page closed) while the culler was on its way to it (seen 3 times
            # in the 2-hour soak): nothing left to cull
            if exc.status_code != 404:
                raise


def gate_of(kernel_manager: Any) -> Gate | None:
    return getattr(kernel_manager, "gate", None)


class CapacityHandler(tornado.web.RequestHandler):
    """``voila/pleegzorg/capacity``: the numbers of :func:`capacity` as JSON, for this
    machine only (the page that creates sessions asks it whether a room fits)."""

    def initialize(self, kernel_manager: Any) -> None:
        self.kernel_manager = kernel_manager

    def get(self) -> None:
        from .security import is_local

        if not is_local(self.request):
            raise tornado.web.HTTPError(403)
        self.set_header("Cache-Control", "no-store")
        self.finish(capacity(self.kernel_manager))


def capacity(kernel_manager: Any) -> dict[str, int]:
    """What this server holds now: the limit, kernels in use (running, starting, held for a
    page), of which ``warm`` wait in pools, the free room and the pages turned away."""
    gate = gate_of(kernel_manager)
    if gate is None:
        return {}
    warm = sum(1 for pool in gate._pools().values() for task in pool if _warm(task))
    return {
        "limit": gate.limit,
        "kernel_mib": round(gate.kernel_mib),
        "in_use": gate.in_use(),
        "running": gate.running(),
        "warm": warm,
        "free": max(0, gate.free()),
        "refused": gate.refused,
    }
