"""Kernels forked from the template (issue 32): real processes, real kernels, real signals."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from jupyter_client.manager import AsyncKernelManager
from traitlets.config import Config

from pleegzorg_lib.server import provisioner
from pleegzorg_lib.server.provisioner import ForkProvisioner, KernelTemplate

pytestmark = pytest.mark.slow


def _config() -> Config:
    c = Config()
    c.KernelManager.transport = "ipc"
    return c


@pytest.fixture(autouse=True)
def fork_provisioner():
    """Kernels started in this test use the fork provisioner; the process-wide factory is
    left as it was (other tests in this worker start kernels too)."""
    from jupyter_client.provisioning import KernelProvisionerFactory

    factory = KernelProvisionerFactory.instance()
    before = factory.default_provisioner_name
    factory.default_provisioner_name = "pleegzorg-fork"
    yield
    factory.default_provisioner_name = before


@pytest.fixture
def template(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """A template of this test's own (never the one of a server)."""
    own = KernelTemplate()
    monkeypatch.setattr(provisioner, "_template", own)
    monkeypatch.setenv("PLEEGZORG_FORK_KERNELS", "1")
    monkeypatch.chdir(tmp_path)
    _until_ready(own)
    yield own
    own.stop()


def _until_ready(own: KernelTemplate) -> None:
    own.start()
    deadline = time.monotonic() + 60
    while not own.is_ready():
        assert time.monotonic() < deadline, "the kernel template did not come up"
        time.sleep(0.05)


async def _start() -> tuple[AsyncKernelManager, object]:
    km = AsyncKernelManager(config=_config())
    await km.start_kernel()
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=60)
    return km, kc


async def _run(kc, code: str, timeout: float = 30) -> tuple[str, str]:
    """Execute ``code``; (status, what it printed)."""
    printed: list[str] = []

    def output(msg) -> None:
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            printed.append(msg["content"]["ename"])

    reply = await kc.execute_interactive(code, timeout=timeout, output_hook=output)
    return reply["content"]["status"], "".join(printed)


def _in_own_loop(scenario) -> None:
    """Run ``scenario()`` in a thread with an event loop of its own (a worker that ran the
    browser tests before has Playwright's loop running in this thread)."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(scenario())
        except BaseException as exc:  # handed to the test's thread
            failure.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return False


def test_forked_kernels_are_independent_and_hold_nothing_of_another_page(template) -> None:
    """Two kernels forked from the template run code; what one page holds (a participant,
    their answer) is not in the other, nor in a kernel forked after it: the template never
    runs a page. Each kernel is the template's child in a session of its own."""

    async def scenario() -> None:
        km1, kc1 = await _start()
        km2, kc2 = await _start()
        try:
            assert isinstance(km1.provisioner, ForkProvisioner) and km1.provisioner.forked
            pid1, pid2 = km1.provisioner.pid, km2.provisioner.pid
            assert pid1 != pid2
            for pid in (pid1, pid2):
                assert os.getpgid(pid) == pid  # its own process group: signals stay there
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                assert int(stat[1]) == template.process.pid
                assert Path(f"/proc/{pid}/comm").read_text().strip() == "pz-kernel"
            status, out = await _run(
                kc1,
                "import datetime, os\n"
                "from pleegzorg_lib.store import Participant\n"
                "someone = Participant(id='p-geheim-1', role_id='pleegouder',"
                " display_name=None, created_at=datetime.datetime.now())\n"
                "answers = ['thuis', 'Ik wil hier niet meer wonen ' + 'X' * 3]\n"
                "print(os.getpid())",
            )
            assert status == "ok" and out.strip() == str(pid1)
            probe = (
                "import gc\n"
                "from pleegzorg_lib.store import Participant\n"
                "found = [o for o in gc.get_objects() if isinstance(o, Participant)]\n"
                "texts = [o for o in gc.get_objects() if isinstance(o, list) and any("
                "isinstance(v, str) and v.endswith('niet meer wonen XXX') for v in o)]\n"
                "print(len(found), len(texts), 'someone' in globals())"
            )
            status, out = await _run(kc1, probe)  # the probe finds them where they are
            assert status == "ok" and out.split() == ["1", "1", "True"], out
            status, out = await _run(kc2, probe)
            assert status == "ok" and out.split() == ["0", "0", "False"], out
            # signals as in a fresh interpreter: SIGPIPE ignored (a closed pipe raises),
            # SIGCHLD default (the template ignores it to reap its children)
            status, out = await _run(
                kc2,
                "import signal; print(signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN,"
                " signal.getsignal(signal.SIGCHLD) == signal.SIG_DFL)",
            )
            assert out.split() == ["True", "True"], out
            # ipywidgets was imported in the template, before any kernel: its comm targets
            # are there all the same (the page asks for every widget state through them)
            status, out = await _run(
                kc2, "print(sorted(get_ipython().kernel.comm_manager.targets))"
            )
            assert "'jupyter.widget'" in out and "'jupyter.widget.control'" in out, out
            km3, kc3 = await _start()  # forked after the first page held its participant
            try:
                status, out = await _run(kc3, probe)
                assert status == "ok" and out.split() == ["0", "0", "False"], out
            finally:
                kc3.stop_channels()
                await km3.shutdown_kernel(now=True)
        finally:
            for km, kc in ((km1, kc1), (km2, kc2)):
                kc.stop_channels()
                await km.shutdown_kernel()
        assert _gone(pid1) and _gone(pid2)

    _in_own_loop(scenario)


def test_a_forked_kernel_is_interrupted_and_shut_down_like_any_other(template) -> None:
    """An interrupt stops a running cell (SIGINT to the kernel's group), a shutdown ends the
    process, and a kernel that is killed is seen as ended through its pidfd."""

    async def scenario() -> None:
        km, kc = await _start()
        pid = km.provisioner.pid
        task = asyncio.ensure_future(_run(kc, "import time; time.sleep(60)", timeout=60))
        await asyncio.sleep(1.0)
        started = time.monotonic()
        await km.interrupt_kernel()
        status, out = await asyncio.wait_for(task, 20)
        assert status == "error" and "KeyboardInterrupt" in out
        assert time.monotonic() - started < 10
        assert await km.is_alive()
        os.kill(pid, signal.SIGKILL)  # as the OOM killer would
        deadline = time.monotonic() + 10
        while await km.is_alive() and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert not await km.is_alive()
        kc.stop_channels()
        await km.shutdown_kernel(now=True)

    _in_own_loop(scenario)


def test_a_dead_template_is_started_again(
    template, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kill -9 of the template: its kernels die with it (they would be orphans), and the next
    page gets a kernel from a new template."""

    async def scenario() -> None:
        km, kc = await _start()
        pid = km.provisioner.pid
        first = template.process.pid
        os.kill(first, signal.SIGKILL)
        assert _gone(first) and _gone(pid)
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
        # the next page comes while the new template still imports: it does not wait for
        # it, its kernel starts the usual way
        km2, kc2 = await _start()
        try:
            assert not km2.provisioner.forked and template.process.pid != first
            status, _ = await _run(kc2, "1 + 1")
            assert status == "ok"
        finally:
            kc2.stop_channels()
            await km2.shutdown_kernel()
        await asyncio.to_thread(_until_ready, template)
        km3, kc3 = await _start()  # and once it is up, kernels are forked again
        try:
            assert km3.provisioner.forked
            status, _ = await _run(kc3, "1 + 1")
            assert status == "ok"
        finally:
            kc3.stop_channels()
            await km3.shutdown_kernel()

    monkeypatch.setattr(provisioner, "RESTART_SECONDS", 0.0)
    with caplog.at_level("WARNING"):
        _in_own_loop(scenario)
    assert "kernel template ended" in caplog.text


def test_without_a_template_kernels_start_the_usual_way(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A template that cannot start never costs a page its kernel: it starts as Jupyter
    starts one, and the log says why."""
    broken = KernelTemplate(executable="/bin/false")
    monkeypatch.setattr(provisioner, "_template", broken)
    monkeypatch.setenv("PLEEGZORG_FORK_KERNELS", "1")
    monkeypatch.chdir(tmp_path)

    async def scenario() -> None:
        for _ in range(2):
            km, kc = await _start()
            try:
                assert not km.provisioner.forked
                status, _ = await _run(kc, "1 + 1")
                assert status == "ok"
            finally:
                kc.stop_channels()
                await km.shutdown_kernel()
        await asyncio.sleep(0.2)

    monkeypatch.setattr(provisioner, "RESTART_SECONDS", 0.0)
    with caplog.at_level("WARNING"):
        _in_own_loop(scenario)
    assert "kernel template ended" in caplog.text  # /bin/false: ended at once, said so
    assert broken.started == 2


HOLDER = textwrap.dedent(
    """
    import asyncio, sys
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import KernelProvisionerFactory
    from traitlets.config import Config
    from pleegzorg_lib.server.provisioner import template

    async def main():
        c = Config()
        c.KernelManager.transport = "ipc"
        KernelProvisionerFactory.instance().default_provisioner_name = "pleegzorg-fork"
        await template().ready()
        km = AsyncKernelManager(config=c)
        await km.start_kernel()
        print(template().process.pid, km.provisioner.pid, flush=True)
        await asyncio.sleep(600)

    asyncio.run(main())
    """
)


def test_kill_9_of_the_server_leaves_no_template_and_no_kernel(tmp_path: Path) -> None:
    """The server dies without cleaning up (kill -9): its template follows (a death signal
    from the system), and the kernels follow the template — nothing is left running."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER],
        stdout=subprocess.PIPE,
        cwd=tmp_path,
        env=dict(os.environ, PLEEGZORG_FORK_KERNELS="1"),
    )
    try:
        assert holder.stdout is not None
        line = holder.stdout.readline().decode().split()
        template_pid, kernel_pid = int(line[0]), int(line[1])
        assert _alive(template_pid) and _alive(kernel_pid)
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        assert _gone(template_pid), "the template outlived the server"
        assert _gone(kernel_pid), "a kernel outlived the server"
    finally:
        if holder.poll() is None:
            holder.kill()


def test_the_kernel_limit_counts_what_kernels_really_cost(
    template, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cap counts a kernel for the median PSS of the running kernels (with a margin) and
    the template once, not a fixed 100 MiB: when the kernels grow, fewer fit."""
    from jupyter_client.multikernelmanager import AsyncMultiKernelManager

    from pleegzorg_lib.server.admission import PSS_MARGIN, Gate, kernel_limit, pss_mib

    monkeypatch.delenv("PLEEGZORG_MAX_KERNELS", raising=False)
    monkeypatch.delenv("PLEEGZORG_KERNEL_MIB", raising=False)
    memory = 4 * 1024**3

    async def scenario() -> None:
        mkm = AsyncMultiKernelManager(config=_config())
        ids = [await mkm.start_kernel() for _ in range(2)]
        clients = []
        try:
            for kid in ids:
                kc = mkm.get_kernel(kid).client()
                kc.start_channels()
                await kc.wait_for_ready(timeout=60)
                clients.append(kc)
            gate = Gate(mkm, kernel_limit(memory), memory=memory)
            assert gate.limit == 30  # 100 MiB a kernel before anything was measured
            gate.measure(force=True)
            pids = [mkm.get_kernel(kid).provisioner.pid for kid in ids]
            sizes = sorted(pss_mib(pid) or 0 for pid in pids)
            assert gate.kernel_mib == pytest.approx(max(20, sum(sizes) / 2 * PSS_MARGIN), rel=0.1)
            assert gate.shared_mib == pytest.approx(pss_mib(template.process.pid), rel=0.2)
            assert gate.limit > 30  # a kernel costs less than 100 MiB
            before = gate.limit
            for kc in clients:  # both pages hold a large report now
                status, _ = await _run(kc, "big = bytearray(300 * 1024 * 1024)")
                assert status == "ok"
            gate.measure()  # measured a moment ago: not again yet
            assert gate.limit == before
            gate.measure(force=True)
            assert gate.kernel_mib > 300 * PSS_MARGIN
            assert gate.limit < before and gate.limit == kernel_limit(
                memory, per_kernel_mib=gate.kernel_mib, shared_mib=gate.shared_mib
            )
        finally:
            for kc in clients:
                kc.stop_channels()
            await mkm.shutdown_all(now=True)

    _in_own_loop(scenario)


def test_a_forked_kernel_runs_its_exit_functions_when_shut_down(template, tmp_path: Path) -> None:
    """What the page typed last is saved when its kernel shuts down (an ``atexit`` function
    of widgets/_autosave.py): a forked kernel exits as Python does, running them."""
    marker = tmp_path / "flushed.txt"

    async def scenario() -> None:
        km, kc = await _start()
        status, _ = await _run(
            kc,
            f"import atexit\natexit.register(lambda: open({str(marker)!r}, 'w').write('bewaard'))",
        )
        assert status == "ok" and km.provisioner.forked
        kc.stop_channels()
        await km.shutdown_kernel()  # the shutdown a closed page asks for

    _in_own_loop(scenario)
    assert marker.read_text() == "bewaard"
