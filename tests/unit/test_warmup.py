"""Session-aware warm-up: which worksheets keep how many kernels ready, and when."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pleegzorg_lib.server.warmup import MAX_POOL, desired_pool_sizes, still_needed

PATH = "breakdown/puberteit.ipynb"


def test_a_session_expecting_people_warms_its_worksheet(store) -> None:
    store.create_session(network_id="breakdown", worksheet_id="puberteit", title="a", expected=12)
    store.create_session(network_id="breakdown", worksheet_id="puberteit", title="b", expected=30)
    store.create_session(network_id="breakdown", worksheet_id="informele-steun", title="c")
    # without --expect: a small room (DEFAULT_ROOM) is warmed all the same (issue 26)
    assert desired_pool_sizes(store) == {PATH: 30, "breakdown/informele-steun.ipynb": 10}


def test_warm_up_ends_after_the_session(store) -> None:
    store.create_session(network_id="breakdown", worksheet_id="puberteit", title="a", expected=8)
    later = datetime.now(UTC) + timedelta(hours=7)
    assert desired_pool_sizes(store, now=later) == {}


def test_dated_sessions_warm_on_their_day_only(store) -> None:
    tomorrow = date.today() + timedelta(days=1)
    store.create_session(
        network_id="breakdown",
        worksheet_id="puberteit",
        title="morgen",
        date=tomorrow.isoformat(),
        expected=20,
    )
    assert desired_pool_sizes(store) == {}
    on_the_day = datetime.combine(tomorrow, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
    assert desired_pool_sizes(store, now=on_the_day) == {PATH: 20}


def test_the_pool_shrinks_as_the_room_comes_in_but_keeps_a_spare_tenth(store) -> None:
    session, _ = store.create_session(
        network_id="breakdown", worksheet_id="puberteit", title="a", expected=40
    )
    for _ in range(15):
        participant, _code = store.create_participant(role_id="pleegouder")
        store.enrol(participant.id, "puberteit", session.code)
    assert desired_pool_sizes(store) == {PATH: 25}
    for _ in range(25):
        participant, _code = store.create_participant(role_id="pleegouder")
        store.enrol(participant.id, "puberteit", session.code)
    assert desired_pool_sizes(store) == {PATH: 4}  # everyone in: 4 for reloads, not 40 more
    assert still_needed(40, 60) == 4 and still_needed(3, 3) == 1 and still_needed(0, 0) == 0


def test_pools_are_capped(store) -> None:
    session, _ = store.create_session(
        network_id="breakdown", worksheet_id="puberteit", title="x", expected=150
    )
    assert desired_pool_sizes(store) == {PATH: MAX_POOL}
    # with admission control the server's kernel limit sets the cap (warmup.WARM_SHARE)
    assert desired_pool_sizes(store, cap=147) == {PATH: 147}
    store.set_expected(session.code, 0)
    assert desired_pool_sizes(store) == {}


class FakeKernelManager:
    """Records what the warm-up asks of Voilà's pooling kernel manager."""

    def __init__(self) -> None:
        self.kernel_pools_config: dict = {"default": {"pool_size": 0}}
        self._pools: dict = {}
        self.filled: list[str] = []
        self.shut: list[tuple[str, bool]] = []

    def fill_if_needed(self, delay=None, notebook_name=None) -> None:
        self.filled.append(notebook_name)

    async def shutdown_kernel(self, kernel_id, now=False) -> None:
        self.shut.append((kernel_id, now))


def test_baseline_comes_up_a_few_worksheets_per_tick_then_sessions_get_theirs(store) -> None:
    from pleegzorg_lib.server.warmup import BASELINE_PER_TICK, SessionWarmup, baseline_paths

    paths = baseline_paths()
    assert PATH in paths and len(paths) > 2 * BASELINE_PER_TICK
    assert baseline_paths(limit=3) == paths[:3]
    km = FakeKernelManager()
    warmup = SessionWarmup(km, store, baseline=paths[:5])
    warmup.tick()
    assert km.filled == paths[:BASELINE_PER_TICK]  # not every notebook at once
    warmup.tick()
    warmup.tick()
    assert sorted(km.filled) == sorted(paths[:5])
    assert all(km.kernel_pools_config[p] == {"pool_size": 1} for p in paths[:5])
    assert paths[6] not in km.kernel_pools_config  # beyond the limit: stays cold
    store.create_session(network_id="breakdown", worksheet_id="puberteit", title="a", expected=12)
    # the room grows a few kernels a tick, not twelve at once on two cores
    from pleegzorg_lib.server.warmup import ROOM_STEP

    sizes = []
    for _ in range(12):
        warmup.tick()
        sizes.append(km.kernel_pools_config[PATH]["pool_size"])
    assert sizes[0] == 1 + ROOM_STEP
    assert all(b - a <= ROOM_STEP for a, b in zip(sizes, sizes[1:], strict=False))
    assert sizes[-1] == 12


def test_a_session_planned_weeks_ahead_warms_on_its_day(store) -> None:
    """A meeting created long before its date is found by its date, not its creation."""
    import sqlalchemy as sa

    from pleegzorg_lib.store.schema import sessions

    day = date.today() + timedelta(days=20)
    session, _ = store.create_session(
        network_id="breakdown", worksheet_id="puberteit", title="later", date=day.isoformat()
    )
    with store.engine.begin() as conn:  # created 20 days before its day
        conn.execute(
            sa.update(sessions)
            .where(sessions.c.code == session.code)
            .values(created_at=datetime.now(UTC) - timedelta(days=1))
        )
    on_the_day = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
    assert desired_pool_sizes(store, now=on_the_day) == {PATH: 10}
    store.set_expected(session.code, 0)
    assert desired_pool_sizes(store, now=on_the_day) == {}


def test_the_baseline_is_what_is_used_not_every_worksheet(store) -> None:
    """Sessions today and tomorrow first, then the most visited, then the landing page's
    order; six by default, not all 35 (issue 26)."""
    from pleegzorg_lib.server.warmup import DEFAULT_BASELINE, baseline_paths, wanted_baseline

    order = baseline_paths()
    assert wanted_baseline(store) == order[:DEFAULT_BASELINE] and len(order) > DEFAULT_BASELINE
    for _ in range(3):  # a worksheet far down the landing page is popular this month
        person, _code = store.create_participant(role_id="pleegouder")
        store.enrol(person.id, "mijn-vakmanschap", "")
    person, _code = store.create_participant(role_id="pleegouder")
    store.enrol(person.id, "cultuursensitief-werken", "")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    store.create_session(
        network_id="samenwerken", worksheet_id="buiten-de-kaders", title="m", date=tomorrow
    )
    chosen = wanted_baseline(store, limit=4)
    assert chosen[:3] == [
        "samenwerken/buiten-de-kaders.ipynb",
        "vakmanschap/mijn-vakmanschap.ipynb",
        "vakmanschap/cultuursensitief-werken.ipynb",
    ]
    assert chosen[3] == order[0] and len(chosen) == 4
    assert wanted_baseline(store, limit=0) == []


def test_the_warm_up_follows_a_changing_baseline(store, monkeypatch) -> None:
    from pleegzorg_lib.server import warmup as module

    wanted = [["a.ipynb", "b.ipynb"]]
    km = FakeKernelManager()
    w = module.SessionWarmup(km, store, baseline_source=lambda: wanted[0])
    w.tick()
    assert km.kernel_pools_config["a.ipynb"] == {"pool_size": 1}
    wanted[0] = ["c.ipynb"]
    w.tick()  # not asked again before BASELINE_REFRESH
    assert "c.ipynb" not in km.kernel_pools_config
    monkeypatch.setattr(module, "BASELINE_REFRESH", timedelta(0))
    w._next_choice = None
    w.tick()
    assert km.kernel_pools_config["c.ipynb"] == {"pool_size": 1}
    assert km.kernel_pools_config["a.ipynb"] == {"pool_size": 0}  # cools down


def test_surplus_warm_kernels_are_stopped_at_once(store) -> None:
    """A warm kernel waits in its binding cell; stopping it politely made it log a traceback
    for the reply it could no longer send. Nobody uses it: it is stopped at once."""
    import asyncio

    async def scenario() -> None:
        km = FakeKernelManager()
        loop = asyncio.get_running_loop()
        rendering = loop.create_future()  # the page still being prepared in k2
        done = loop.create_future()
        done.set_result({"kernel_id": "k2", "task": rendering})
        first = asyncio.get_running_loop().create_future()
        first.set_result({"kernel_id": "k1"})
        km._pools["a.ipynb"] = [first, done]
        w = SessionWarmup(km, store, baseline=[])
        w._shrink(km._pools["a.ipynb"], 1)
        await asyncio.sleep(0)
        assert km.shut == [("k2", True)]
        # the stopped kernel ends its page's rendering: expected, and retrieved
        rendering.set_exception(RuntimeError("Kernel died before replying to kernel_info"))
        await asyncio.sleep(0)
        assert rendering._log_traceback is False  # asyncio will not report it

    from pleegzorg_lib.server.warmup import SessionWarmup

    asyncio.run(scenario())
