"""Whole at any hour (issue 26): a worksheet opened after its warm kernel waited longer than
every timeout the server has is complete, and a page that really takes too long says so in
Dutch with a reload link, never in Voilà's English.

The timeouts are made short here (cell timeout 5 s, culling after 4 s idle) and the test waits
past them; ``test_a_page_after_the_production_timeout`` waits past the real 120 s once."""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Page, expect

from pleegzorg_lib import config
from pleegzorg_lib.authoring.check import question_problems
from pleegzorg_lib.content import load_catalog, load_worksheet_index

from .conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, VoilaServer
from .pages import PAGE_TIMEOUT_MS, open_worksheet, question

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHORT = [
    "--VoilaExecutor.timeout=5",
    "--MappingKernelManager.cull_idle_timeout=4",
    "--MappingKernelManager.cull_interval=2",
]
IDLE_SECONDS = 10  # longer than every timeout above
VOILA_TEXT = "Cell execution timed out"


def worksheets() -> list[tuple[str, list[str], bool]]:
    """(notebook path, question ids, has a hulpwijzer block) of every participant worksheet."""
    catalog = load_catalog(config.data_dir())
    found = []
    for info in load_worksheet_index(config.workbooks_dir(), catalog):
        if info.network_id == "facilitator" or info.path.startswith("facilitator/"):
            continue
        nb = nbformat.read(config.workbooks_dir() / info.path, as_version=4)
        _problems, declared = question_problems(info.path, nb)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        found.append((info.path, [q.id for _, q in declared], "ws.hulpwijzer(" in code))
    return found


def capacity(server: VoilaServer) -> dict[str, int]:
    with urllib.request.urlopen(f"{server.url}voila/pleegzorg/capacity", timeout=10) as r:
        return json.load(r)


def wait_until_all_warm(server: VoilaServer, count: int, limit: float = 240) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if capacity(server)["warm"] >= count:
            return
        time.sleep(1)
    raise AssertionError(f"only {capacity(server)['warm']} of {count} kernels warm in {limit} s")


def assert_complete(page: Page, qids: list[str], has_help: bool) -> None:
    """Every question, the footer with its downloads and erase button, the hulpwijzer block
    where the sheet has one; no timeout text of Voilà's and no error block of ours."""
    for qid in qids:
        expect(question(page, qid)).to_have_count(1, timeout=PAGE_TIMEOUT_MS)
    footer = page.locator(".pz-footer-box")
    expect(footer).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    expect(footer).to_contain_text("Klaar voor nu?")
    expect(page.locator(".pz-rights-download")).to_be_visible()
    expect(page.locator(".pz-rights-erase")).to_be_visible()
    if has_help:
        expect(page.locator(".pz-help-panel .pz-signpost")).to_be_visible()
    assert VOILA_TEXT not in page.content()
    expect(page.locator(".pz-page-error")).to_have_count(0)


@pytest.fixture
def own_chromium():
    """Chromium for the tests that run beside the unit tests (marker ``idle``): Playwright's
    event loop runs in this thread only while the test does, so a unit test that the same
    worker runs next can still use ``asyncio.run``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def idle_server(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("idle")
    srv = VoilaServer(
        folder / "pleegzorg.db",
        folder / "voila.log",
        env={"PLEEGZORG_PREHEAT_LIMIT": "999"},
        args=SHORT,
    )
    srv.start()
    yield srv
    srv.stop()
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(srv.log_path, ARTIFACTS / "voila-idle.log")


@pytest.mark.idle
@pytest.mark.timeout(600)
def test_every_worksheet_is_complete_after_its_warm_kernel_waited(
    idle_server, own_chromium
) -> None:
    sheets = worksheets()
    assert len(sheets) >= 30
    wait_until_all_warm(idle_server, len(sheets))
    time.sleep(IDLE_SECONDS)  # every warm kernel now waited past the cell timeout and culling
    context = own_chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        for path, qids, has_help in sheets:
            page = context.new_page()
            open_worksheet(page, f"{idle_server.url}voila/render/{path}")
            assert_complete(page, qids, has_help)
            page.close()
    finally:
        context.close()
    log = idle_server.log_path.read_text()
    assert "Timeout waiting for execute reply" not in log
    assert "Traceback" not in log


def _slow_workbooks(tmp: Path) -> Path:
    """A copy of the workbooks with two pages that really take too long: one in a cell of
    its own, one in the cell that binds the page (after its request)."""
    root = tmp / "workbooks"
    shutil.copytree(config.workbooks_dir(), root)
    source = root / "breakdown" / "informele-steun.ipynb"
    for name, extra in (
        ("traag-voor", "import time\ntime.sleep(30)"),
        ("traag-na", None),
    ):
        nb = nbformat.read(source, as_version=4)
        nb.metadata["pleegzorg"]["title"] = f"Traag {name}"
        for cell in nb.cells:
            if cell.cell_type == "code" and "worksheet(" in cell.source:
                cell.source = cell.source.replace('"informele-steun"', f'"{name}"')
            if cell.cell_type == "code" and ".finish(" in cell.source and extra is None:
                cell.source += "\nimport time\ntime.sleep(30)"
        if extra is not None:
            nb.cells.insert(len(nb.cells) - 1, nbformat.v4.new_code_cell(extra))
        nbformat.write(nb, root / "breakdown" / f"{name}.ipynb")
    return root


def test_a_page_that_takes_too_long_says_so_in_dutch(tmp_path: Path, chromium) -> None:
    root = _slow_workbooks(tmp_path)
    srv = VoilaServer(
        tmp_path / "pleegzorg.db",
        tmp_path / "voila.log",
        env={"PLEEGZORG_WORKBOOKS": str(root), "PLEEGZORG_PREHEAT_LIMIT": "0"},
        args=SHORT,
    )
    srv.start()
    context = chromium.new_context()
    try:
        for name in ("traag-voor", "traag-na"):
            page = context.new_page()
            page.goto(f"{srv.url}voila/render/breakdown/{name}.ipynb", timeout=PAGE_TIMEOUT_MS)
            block = page.locator(".pz-page-error")
            expect(block).to_be_visible(timeout=PAGE_TIMEOUT_MS)
            expect(block).to_contain_text("niet op tijd klaar")
            expect(block.locator("a.pz-page-error-reload")).to_have_text("Pagina opnieuw laden")
            assert VOILA_TEXT not in page.content()
            assert "Please run Voil" not in page.content()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"too-slow-{name}.png"), full_page=True)
            page.close()
        deadline = time.monotonic() + 20  # the kernels of both pages are stopped
        while srv.kernel_count() > 0 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert srv.kernel_count() == 0
        log = srv.log_path.read_text()
        assert "not complete 5 s after its request" in log  # the binding cell: our deadline
    finally:
        context.close()
        srv.stop()
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copy(srv.log_path, ARTIFACTS / "voila-too-slow.log")


@pytest.mark.idle
@pytest.mark.timeout(600)
def test_a_page_after_the_production_timeout(tmp_path: Path, own_chromium) -> None:
    """The real settings of workbooks/voila.json, and a real wait past their 120 s."""
    srv = VoilaServer(
        tmp_path / "pleegzorg.db", tmp_path / "voila.log", env={"PLEEGZORG_PREHEAT_LIMIT": "1"}
    )
    srv.start()
    try:
        wait_until_all_warm(srv, 1)
        production = json.loads((config.workbooks_dir() / "voila.json").read_text())
        timeout = production["VoilaExecutor"]["timeout"]
        cull = production["MappingKernelManager"]["cull_idle_timeout"]
        time.sleep(max(timeout, cull) + 10)
        path, qids, has_help = worksheets()[0]
        context = own_chromium.new_context()
        page = context.new_page()
        open_worksheet(page, f"{srv.url}voila/render/{path}")
        assert_complete(page, qids, has_help)
        context.close()
    finally:
        srv.stop()
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copy(srv.log_path, ARTIFACTS / "voila-production-timeout.log")
