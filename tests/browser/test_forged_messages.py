"""A hostile client speaks the kernel protocol directly: forged widget updates, a click on a
disabled button and an execute_request change nothing in the store."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import urllib.request
import uuid
from pathlib import Path

import pytest
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from pleegzorg_lib.store import open_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKSHEET = "voila/render/breakdown/informele-steun.ipynb"


def message(channel: str, msg_type: str, content: dict, session: str) -> str:
    return json.dumps(
        {
            "channel": channel,
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": session,
                "username": "hostile",
                "version": "5.3",
                "date": "",
            },
            "parent_header": {},
            "metadata": {},
            "content": content,
            "buffers": [],
        }
    )


async def hostile_session(base: str, kernel_id: str, cookie: str, marker: Path, token: str) -> dict:
    session = uuid.uuid4().hex
    ws_url = (
        base.replace("http", "ws")
        + f"api/kernels/{kernel_id}/channels?session_id={session}&pz_page={token}"
    )
    conn = await websocket_connect(HTTPRequest(ws_url, headers={"Cookie": cookie}))
    replies: list[dict] = []

    async def read_until(predicate, timeout: float = 15.0) -> dict:
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            left = deadline - asyncio.get_running_loop().time()
            raw = await asyncio.wait_for(conn.read_message(), timeout=max(left, 0.1))
            if raw is None:
                raise ConnectionError("socket closed")
            msg = json.loads(raw)
            replies.append(msg)
            if predicate(msg):
                return msg

    conn.write_message(
        message("shell", "comm_info_request", {"target_name": "jupyter.widget"}, session)
    )
    info = await read_until(lambda m: m["header"]["msg_type"] == "comm_info_reply")
    states: dict[str, dict] = {}
    for comm_id in info["content"]["comms"]:
        conn.write_message(
            message(
                "shell",
                "comm_msg",
                {"comm_id": comm_id, "data": {"method": "request_state"}},
                session,
            )
        )
        reply = await read_until(
            lambda m, c=comm_id: (
                m["header"]["msg_type"] == "comm_msg" and m["content"].get("comm_id") == c
            )
        )
        states[comm_id] = reply["content"]["data"].get("state", {})

    def find(predicate) -> list[str]:
        return [cid for cid, st in states.items() if predicate(st)]

    # 1. click the disabled "up" button of the first ranking item, many times
    disabled_up = find(
        lambda s: (
            s.get("_model_name") == "ButtonModel"
            and s.get("description") == "↑"
            and s.get("disabled")
        )
    )
    for cid in disabled_up:
        for _ in range(3):
            conn.write_message(
                message(
                    "shell",
                    "comm_msg",
                    {"comm_id": cid, "data": {"method": "custom", "content": {"event": "click"}}},
                    session,
                )
            )
    # 2. set a radio button group to an index that does not exist
    radios = find(lambda s: s.get("_model_name") == "RadioButtonsModel")
    for cid in radios:
        conn.write_message(
            message(
                "shell",
                "comm_msg",
                {"comm_id": cid, "data": {"method": "update", "state": {"index": 42}}},
                session,
            )
        )
    # 3. set the role dropdown to something that is not a role
    dropdowns = find(lambda s: s.get("_model_name") == "DropdownModel")
    for cid in dropdowns:
        conn.write_message(
            message(
                "shell",
                "comm_msg",
                {"comm_id": cid, "data": {"method": "update", "state": {"index": 999}}},
                session,
            )
        )
    # 4. run code in the kernel
    conn.write_message(
        message(
            "shell",
            "execute_request",
            {
                "code": f"open({str(marker)!r}, 'w').write('pwned')",
                "silent": False,
                "store_history": False,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
            session,
        )
    )
    await asyncio.sleep(3)
    conn.close()
    return {
        "disabled_up": len(disabled_up),
        "radios": len(radios),
        "dropdowns": len(dropdowns),
        "replies": replies,
    }


def test_forged_messages_change_nothing(server, tmp_path: Path) -> None:
    with urllib.request.urlopen(server.url + WORKSHEET, timeout=120) as response:
        page = response.read().decode()
        cookie = "; ".join(c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or [])
    kernel_id = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page).group(1)
    token = re.search(r'"pageToken":\s*"([0-9a-f]+)"', page).group(1)
    before = _store_snapshot(server)
    marker = tmp_path / "pwned.txt"
    result: dict = {}

    def run() -> None:  # a thread of its own: Playwright's loop may be running in this one
        result.update(asyncio.run(hostile_session(server.url, kernel_id, cookie, marker, token)))

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=120)
    assert result["disabled_up"] >= 1 and result["radios"] >= 3 and result["dropdowns"] >= 1
    assert not marker.exists()  # Voilà refuses execute_request
    after = _store_snapshot(server)
    assert after["answers"] == before["answers"] == 0
    assert after["roles"] == before["roles"]  # no participant got an invented role


def _store_snapshot(server) -> dict:
    store = open_store(f"sqlite:///{server.db_path}")
    with store.engine.connect() as conn:
        answers = conn.exec_driver_sql("select count(*) from pz_answers").scalar()
        roles = sorted(
            r[0] or "" for r in conn.exec_driver_sql("select role_id from pz_participants")
        )
    store.close()
    return {"answers": answers, "roles": roles}
