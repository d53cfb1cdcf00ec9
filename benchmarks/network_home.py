"""A network's home on the phone profile, with 10,000 stories, questions and replies in the
store, against a static export of the same page (issue #28), and what each view costs the
server.

    .venv/bin/python benchmarks/network_home.py --items 10000 --runs 7

1. A fresh SQLite store gets ``--items`` items in the breakdown network (40 % stories, 20 %
   questions, 40 % replies), with votes, written in one transaction (as many participants
   writing over months would leave them).
2. ``pleegzorg serve`` serves it; the home page, the story list, a search over all items and
   one story are each saved as they were served, with their style sheets, into a folder that
   ``python -m http.server`` serves: the static export of the same content.
3. Each page is opened ``--runs`` times in a fresh Chromium context on the phone profile
   (benchmarks/page_ready.py: CPU 4x slower, 150 ms, 1.6 Mbit/s, 390x844), to "usable" (the
   document parsed: the pages need no script); server and static copy alternate, so both see
   the same machine.
4. The server's CPU time and memory over ``--views`` sequential requests of the home page:
   what one view costs, and that an open page holds nothing (no kernel, no session).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from page_ready import Visit, free_port, start  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
NET = "breakdown"
WORDS = [
    "logeren",
    "school",
    "oma",
    "contact",
    "ouders",
    "weekend",
    "afspraak",
    "pleegzoon",
    "pleegdochter",
    "begeleider",
    "rust",
    "ritme",
    "slapen",
    "eten",
    "vakantie",
    "verjaardag",
    "broertje",
    "zusje",
    "verdriet",
    "boosheid",
    "vertrouwen",
    "voetbal",
    "huiswerk",
    "therapie",
    "bezoek",
    "telefoon",
    "regels",
    "grenzen",
    "samen",
    "praten",
    "luisteren",
]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def seed(url: str, items: int) -> None:
    """``items`` posts in one transaction: participants, stories, questions, replies, votes."""
    from sqlalchemy import insert

    from pleegzorg_lib.store import open_store
    from pleegzorg_lib.store.schema import post_votes, posts

    rng = random.Random(28)
    store = open_store(url)
    people = [
        store.create_participant(
            role_id=rng.choice(["pleegouder", "ouder", "pleegzorgbegeleider"])
        )[0]
        for _ in range(200)
    ]
    themes = ["informele-steun", "puberteit", None]
    start_at = datetime.now(UTC) - timedelta(days=365)
    rows, parents, votes = [], [], set()
    for i in range(items):
        who = rng.choice(people)
        at = start_at + timedelta(minutes=i * 50)
        kind = (
            "reply"
            if parents and rng.random() < 0.4
            else rng.choice(["story", "story", "question"])
        )
        row = {
            "id": i + 1,
            "network_id": NET,
            "kind": kind,
            "participant_id": who.id,
            "role_id": who.role_id,
            "show_as": "role",
            "theme_id": rng.choice(themes),
            "status": "visible",
            "pinned": False,
            "helpful": False,
            "digest": f"d{i}",
            "created_at": at,
            "updated_at": at,
            "parent_id": None,
            "title": None,
        }
        if kind == "reply":
            row["parent_id"] = rng.choice(parents)
            row["body_json"] = json.dumps({"tekst": sentence(rng, 25)})
        else:
            row["title"] = sentence(rng, 6)[:120]
            body = (
                {"situatie": sentence(rng, 80), "aanpak": sentence(rng, 40)}
                if kind == "story"
                else {"toelichting": sentence(rng, 30)}
            )
            row["body_json"] = json.dumps(body)
            parents.append(i + 1)
        rows.append(row)
        for _ in range(rng.randint(0, 3)):
            votes.add((i + 1, rng.choice(people).id))
    with store._write() as conn:  # one transaction: seeding, not what we measure
        conn.execute(insert(posts), rows)
        conn.execute(
            insert(post_votes),
            [{"post_id": p, "participant_id": who, "created_at": start_at} for p, who in votes],
        )
    store.close()


def save_static(base: str, paths: dict[str, str], folder: Path) -> dict[str, str]:
    """Each page as served, with its style sheets, as files; their addresses in ``folder``."""
    static = folder / "voila" / "templates" / "pleegzorg" / "static"
    static.mkdir(parents=True)
    share = ROOT / "pleegzorg_lib/server/share/voila/templates/pleegzorg/static"
    for name in ("pleegzorg.css", "exchange.css"):
        shutil.copy(share / name, static / name)
    out = {}
    for name, path in paths.items():
        html = urllib.request.urlopen(base + path, timeout=60).read()
        (folder / f"{name}.html").write_bytes(html)
        out[name] = f"{name}.html"
    return out


def server_cpu_and_memory(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system) and RSS in MiB of a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    rss = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return cpu, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--views", type=int, default=200)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="pz-home-bench-"))
    db = tmp / "pleegzorg.db"
    seeding = time.monotonic()
    seed(f"sqlite:///{db}", args.items)
    print(f"seeded {args.items} items in {time.monotonic() - seeding:.1f} s", flush=True)
    port = free_port()
    os.environ["PLEEGZORG_PREHEAT_LIMIT"] = "1"
    server = start(port, db, [])
    static_port = free_port()
    static_dir = tmp / "static"
    static_dir.mkdir()
    try:
        base = f"http://127.0.0.1:{port}/"
        pages = {
            "home": f"voila/netwerk/{NET}",
            "stories": f"voila/netwerk/{NET}/verhalen",
            "search": f"voila/netwerk/{NET}/verhalen?zoek=logeren+school",
            "story": f"voila/netwerk/{NET}/item/1",
        }
        files = save_static(base, pages, static_dir)
        static = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(static_port), "--bind", "127.0.0.1"],
            cwd=static_dir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1)
        results = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            for name, path in pages.items():
                served, copied = [], []
                for _ in range(args.runs):  # alternate: the same machine for both
                    visit = Visit(browser, phone=True)
                    served.append(visit.open(base + path, None))
                    size = visit.bytes
                    visit.close()
                    visit = Visit(browser, phone=True)
                    copied.append(visit.open(f"http://127.0.0.1:{static_port}/{files[name]}", None))
                    visit.close()
                results[name] = {
                    "served_s": statistics.median(served),
                    "static_s": statistics.median(copied),
                    "ratio": statistics.median(served) / statistics.median(copied),
                    "bytes": size,
                }
                print(
                    f"{name:8s} served {results[name]['served_s']:.2f} s  static "
                    f"{results[name]['static_s']:.2f} s  ratio {results[name]['ratio']:.2f}  "
                    f"{size / 1024:.0f} KiB",
                    flush=True,
                )
            browser.close()
        cpu0, rss0 = server_cpu_and_memory(server.pid)
        started = time.monotonic()
        for _ in range(args.views):
            urllib.request.urlopen(base + pages["home"], timeout=60).read()
        wall = time.monotonic() - started
        cpu1, rss1 = server_cpu_and_memory(server.pid)
        per_view = (cpu1 - cpu0) / args.views
        print(
            f"server: {per_view * 1000:.1f} ms CPU per home view ({args.views} views, "
            f"{wall / args.views * 1000:.1f} ms each end to end), RSS {rss0:.0f} -> "
            f"{rss1:.0f} MiB; {1 / per_view:.0f} views/s per core",
            flush=True,
        )
        static.terminate()
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
