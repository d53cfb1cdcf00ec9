"""Admission control without a server: the kernel limit from memory, and the gate's rules
(a warm kernel always lets a page in, room is held for a page until its kernel starts, an
idle warm kernel of another worksheet makes room, otherwise the page is turned away)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pleegzorg_lib.server import admission
from pleegzorg_lib.server.admission import MIB, Gate, kernel_limit, memory_bytes

GIB = 1024 * MIB


def test_the_limit_follows_the_memory_the_container_or_the_machine_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       25165824 kB\nMemFree:  100 kB\n")  # 24 GiB
    cgroup = tmp_path / "memory.max"
    cgroup.write_text("max\n")
    assert memory_bytes(meminfo, cgroup) == 24 * GIB
    cgroup.write_text(f"{4 * GIB}\n")  # a container with 4 GiB
    assert memory_bytes(meminfo, cgroup) == 4 * GIB
    assert memory_bytes(tmp_path / "none", tmp_path / "none") is None
    monkeypatch.delenv("PLEEGZORG_MAX_KERNELS", raising=False)
    monkeypatch.delenv("PLEEGZORG_KERNEL_MIB", raising=False)
    # a quarter stays free for the server and the system; 100 MiB a kernel
    assert kernel_limit(24 * GIB) == (18 * GIB) // (100 * MIB) == 184
    assert kernel_limit(4 * GIB) == 30
    assert kernel_limit(1 * GIB) == 5  # at least 512 MiB kept free
    assert kernel_limit(300 * MIB) == admission.MIN_KERNELS
    monkeypatch.setenv("PLEEGZORG_KERNEL_MIB", "200")
    assert kernel_limit(24 * GIB) == 92
    monkeypatch.setenv("PLEEGZORG_MAX_KERNELS", "40")
    assert kernel_limit(24 * GIB) == 40
    monkeypatch.setenv("PLEEGZORG_MAX_KERNELS", "veel")  # not a number: back to memory
    assert kernel_limit(24 * GIB) == 92


class FakeManager:
    """What the gate reads of Voilà's kernel manager: kernel ids, pools, shutting down."""

    def __init__(self) -> None:
        self.kernels: set[str] = set()
        self._pools: dict[str, list[asyncio.Future]] = {}
        self.shut: list[str] = []

    def list_kernel_ids(self) -> list[str]:
        return sorted(self.kernels)

    def warm(self, notebook: str, kernel_id: str) -> asyncio.Future:
        task = asyncio.get_running_loop().create_future()
        task.set_result({"kernel_id": kernel_id})
        self.kernels.add(kernel_id)
        self._pools.setdefault(notebook, []).append(task)
        return task

    async def shutdown_kernel(self, kernel_id: str, now: bool = False) -> None:
        self.kernels.discard(kernel_id)
        self.shut.append(kernel_id)


def run(coro):
    return asyncio.run(coro)


def test_a_page_with_a_warm_kernel_always_gets_in_even_when_the_server_is_full() -> None:
    async def scenario() -> None:
        km = FakeManager()
        gate = Gate(km, limit=2)
        km.warm("a.ipynb", "k1")
        km.kernels.add("page-1")  # someone's open page
        assert gate.free() == 0
        assert await gate.admit("a.ipynb")  # takes k1, starts nothing
        assert gate.reserved == 0 and km.shut == []

    run(scenario())


def test_room_is_held_for_a_page_until_its_kernel_starts_or_the_page_ends() -> None:
    async def scenario() -> None:
        km = FakeManager()
        gate = Gate(km, limit=2)
        assert await gate.admit("a.ipynb")
        first = gate.current()
        assert first is not None and gate.in_use() == 1
        assert await asyncio.create_task(_admit_elsewhere(gate, "b.ipynb"))
        assert gate.in_use() == 2 and gate.free() == 0
        # a third page finds no room and nothing to evict: turned away, counted
        assert not await asyncio.create_task(_admit_elsewhere(gate, "c.ipynb"))
        assert gate.refused == 1
        first.consume()  # the page ended without starting its kernel (e.g. it was closed)
        first.consume()  # twice changes nothing
        assert gate.in_use() == 1

    run(scenario())


async def _admit_elsewhere(gate: Gate, notebook: str) -> bool:
    """Another request: its own task, so its own reservation (as tornado serves it)."""
    return await gate.admit(notebook)


def test_the_facilitators_pages_keep_a_reserve_but_never_pass_the_limit() -> None:
    """Issue 27: participant pages leave the reserve free, so a full room does not lock the
    facilitator out; and no number of facilitator requests goes beyond the limit."""

    async def scenario() -> None:
        km = FakeManager()
        gate = Gate(km, limit=6)
        assert gate.reserve() == 1
        for i in range(5):
            km.kernels.add(f"page-{i}")
        assert not await gate.admit("b.ipynb")  # the last one is the facilitators'
        assert not gate.may_warm()
        assert await gate.admit("facilitator/live.ipynb", priority=True)
        assert gate.in_use() == 6
        assert not await asyncio.create_task(
            _admit_elsewhere_priority(gate, "facilitator/live.ipynb")
        )
        assert gate.in_use() == 6  # never beyond the limit
        assert Gate(km, limit=3).reserve() == 0 and Gate(km, limit=184).reserve() == 9

    run(scenario())


async def _admit_elsewhere_priority(gate: Gate, notebook: str) -> bool:
    return await gate.admit(notebook, priority=True)


def test_an_idle_warm_kernel_of_another_worksheet_makes_room() -> None:
    async def scenario() -> None:
        km = FakeManager()
        gate = Gate(km, limit=3)
        km.warm("a.ipynb", "a1")
        km.warm("a.ipynb", "a2")
        km.warm("b.ipynb", "b1")
        assert gate.free() == 0
        assert await gate.admit("c.ipynb")
        assert km.shut == ["a2"]  # from the largest pool, not b's only warm kernel
        assert [t.result()["kernel_id"] for t in km._pools["a.ipynb"]] == ["a1"]
        assert gate.reserved == 1

    run(scenario())


def test_failed_pool_kernels_are_dropped_so_no_page_takes_one() -> None:
    async def scenario() -> None:
        km = FakeManager()
        gate = Gate(km, limit=1)
        failed = asyncio.get_running_loop().create_future()
        failed.set_exception(admission.KernelLimitReached("full"))
        km._pools["a.ipynb"] = [failed]
        km.kernels.add("page-1")
        assert not gate.has_warm("a.ipynb")
        assert not await gate.admit("a.ipynb")
        assert km._pools["a.ipynb"] == []

    run(scenario())


def test_a_warming_kernel_counts_as_warm_only_while_it_has_room_to_start() -> None:
    async def scenario() -> None:
        km = FakeManager()
        gate = Gate(km, limit=1)
        pending = asyncio.get_running_loop().create_future()
        km._pools["a.ipynb"] = [pending]
        assert gate.has_warm("a.ipynb")
        km.kernels.add("page-1")
        assert not gate.has_warm("a.ipynb")  # it would be refused when it starts
        pending.cancel()

    run(scenario())


def test_the_cluster_writes_an_nginx_config_around_the_repositorys_proxy_files(
    tmp_path: Path,
) -> None:
    from pleegzorg_lib.server.cluster import NGINX_SHARE, nginx_config

    conf = nginx_config(ip="127.0.0.1", port=8866, upstream_ports=[8867, 8868], run_dir=tmp_path)
    assert f"include {NGINX_SHARE / 'maps.conf'};" in conf
    assert f"include {NGINX_SHARE / 'proxy.conf'};" in conf
    assert "hash $pz_route consistent;" in conf
    assert "server 127.0.0.1:8867 max_fails=0;" in conf and "127.0.0.1:8868" in conf
    assert "listen 127.0.0.1:8866;" in conf
    proxy = (NGINX_SHARE / "proxy.conf").read_text()
    for needed in ("Upgrade $http_upgrade", "Host $http_host", "X-Forwarded-For", "pz_route="):
        assert needed in proxy
    maps = (NGINX_SHARE / "maps.conf").read_text()
    assert "$request_id" in maps and "$uri" in maps and "$request " not in maps  # no queries
    example = (NGINX_SHARE / "site.conf.example").read_text()
    assert "include /etc/nginx/pleegzorg/proxy.conf;" in example


def test_each_server_of_a_cluster_warms_its_share_of_a_room() -> None:
    from pleegzorg_lib.server.warmup import share_of

    assert share_of(40, 1) == 40
    assert share_of(40, 2) == 25  # 20 and a quarter more for uneven spreading
    assert share_of(6, 2) == 4
    assert share_of(1, 2) == 1
    assert share_of(0, 2) == 0


def test_the_culler_passes_kernels_that_are_starting_or_gone_without_a_traceback() -> None:
    """Issue 26: the culler logged a traceback for a kernel still starting (no
    ``last_activity`` yet) and for one shut down while it went through the list (404)."""
    import tornado.web
    from traitlets import TraitError

    from pleegzorg_lib.server.admission import LimitedKernelManager

    class Starting:
        @property
        def last_activity(self):
            raise TraitError("not set yet")

    manager = LimitedKernelManager.__new__(LimitedKernelManager)

    def get_kernel(kernel_id):
        if kernel_id == "gone":
            raise tornado.web.HTTPError(404, "Kernel does not exist: gone")
        return Starting()

    manager.get_kernel = get_kernel  # type: ignore[method-assign]
    run(manager.cull_kernel_if_idle("starting"))
    run(manager.cull_kernel_if_idle("gone"))


def _voila_manager(preheat: bool) -> object:
    """Voilà's own kernel manager class around ours, as `pleegzorg serve` gets it."""
    from traitlets import Unicode
    from traitlets.config import Configurable
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    from pleegzorg_lib.server.admission import LimitedKernelManager

    class Server(Configurable):  # what the manager reads of the Voilà application
        root_dir = Unicode("/tmp")
        notebook_path = None
        base_url = server_url = "/"
        port = 1
        ip = "127.0.0.1"

    return voila_kernel_manager_factory(LimitedKernelManager, preheat, 1)(parent=Server())


def test_voilas_pool_internals_are_checked_at_startup_not_assumed() -> None:
    """Admission and warm-up read Voilà's pools (no public surface): with this Voilà the
    check passes; a Voilà that moved them stops the server with the reason instead of
    letting the kernel limit stop counting warm kernels in silence (issue 31)."""
    from pleegzorg_lib.server.admission import gate_of
    from pleegzorg_lib.server.voila_pools import VoilaInternalsMissing, check_voila_internals

    manager = _voila_manager(preheat=True)
    check_voila_internals(manager, preheat=True)
    gate = gate_of(manager)
    assert gate is not None and gate._pools() is manager._pools  # the very dict Voilà fills
    del manager.__dict__["_pools"]  # what a renamed attribute in a new Voilà looks like
    with pytest.raises(VoilaInternalsMissing, match="_pools"):
        check_voila_internals(manager, preheat=True)
    check_voila_internals(_voila_manager(preheat=False), preheat=False)  # no pools to check


def test_a_refill_waits_outside_the_pool_so_no_page_waits_for_its_delay() -> None:
    """Voilà put a refill in the pool at once as a task that first sleeps ``fill_delay``; the
    next visitor took it and waited out the sleep (8–10 s). The refill is now scheduled
    after the delay instead: until then the pool holds nothing that sleeps, and the refill
    runs later with no delay of its own."""
    from pleegzorg_lib.server.voila_pools import check_voila_internals, limit_pool_filling

    manager = _voila_manager(preheat=True)
    check_voila_internals(manager, preheat=True)
    calls: list[tuple[float, object]] = []
    manager.fill_if_needed = lambda delay=None, *a, **kw: calls.append((delay, kw))
    limit_pool_filling(manager)

    async def scenario() -> None:
        manager.fill_delay = 0.3
        manager.fill_if_needed(delay=None, notebook_name="breakdown/informele-steun.ipynb")
        assert calls == []  # nothing sleeps in the pool meanwhile
        assert manager._pools.get("breakdown/informele-steun.ipynb", []) == []
        await asyncio.sleep(0.5)
        assert calls == [(0, {"notebook_name": "breakdown/informele-steun.ipynb"})]
        manager.fill_if_needed(delay=0, notebook_name="x.ipynb")  # the warm-up: at once
        assert calls[-1] == (0, {"notebook_name": "x.ipynb"})

    run(scenario())
