"""A network's home between meetings (issue #28), walked through in Chromium against a real
server and store: stories with pre-moderation, replies, "Herkenbaar", "nieuw sinds je vorige
bezoek", questions with answers, votes and "Dit hielp mij", readers' reports, the moderators'
page and its log, the feed, limits, hostile text, and erasure leaving no byte behind."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from pleegzorg_lib.content.catalog import load_catalog
from pleegzorg_lib.services import exchange
from pleegzorg_lib.store import open_store

from ..conftest import REPO
from .conftest import ARTIFACTS, VoilaServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NET = "breakdown"
MARKER_JS = "window.__pz_pwned = 1"


@pytest.fixture(scope="module")
def home_server(tmp_path_factory: pytest.TempPathFactory) -> VoilaServer:
    folder = tmp_path_factory.mktemp("home")
    srv = VoilaServer(
        folder / "pleegzorg.db", folder / "voila.log", env={"PLEEGZORG_PREHEAT_LIMIT": "1"}
    )
    srv.start()
    yield srv
    srv.stop()
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(srv.log_path, ARTIFACTS / "voila-network-home.log")


def home(srv: VoilaServer, rest: str = "") -> str:
    return f"{srv.url}voila/netwerk/{NET}" + (f"/{rest}" if rest else "")


def moderator_key(srv: VoilaServer, label: str = "Sanne (kerngroep)") -> str:
    store = open_store(srv.database_url)
    try:
        return exchange.new_moderator_key(store, load_catalog(REPO / "data"), NET, label)
    finally:
        store.close()


def write_story(
    page: Page, srv: VoilaServer, title: str, text: str, role: str = "pleegouder", tag: bool = False
) -> None:
    page.goto(home(srv, "verhalen/nieuw"))
    page.fill("#titel", title)
    page.fill("#situatie", text)
    page.select_option("#rol", role)
    if tag:
        page.check("input[name=tonen_als][value=tag]")
    page.click("form.pz-form button[type=submit]")


def post_id(page: Page) -> int:
    match = re.search(r"/item/(\d+)", page.url)
    error = page.locator("#fout")
    assert match, (page.url, error.inner_text() if error.count() else "")
    return int(match.group(1))


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"network-home-{name}.png"), full_page=True)


def test_stories_questions_moderation_and_news_between_meetings(
    home_server: VoilaServer, chromium: Browser
) -> None:
    srv = home_server
    key = moderator_key(srv)
    desk = {"viewport": {"width": 1280, "height": 900}}
    a = chromium.new_context(**desk).new_page()
    b = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    c = chromium.new_context(**desk).new_page()
    mod = chromium.new_context(**desk).new_page()

    # The moderator signs in with the link; the key leaves the address for a cookie.
    mod.goto(home(srv, f"moderatie?sleutel={key}"))
    assert "sleutel" not in mod.url
    expect(mod.locator("h1")).to_contain_text("Moderatie")
    expect(mod.get_by_text("Ingelogd als moderator: Sanne (kerngroep)")).to_be_visible()
    mod.get_by_role("button", name="Voormoderatie aanzetten").click()
    expect(mod.get_by_text("Aan: nieuwe berichten zijn pas zichtbaar")).to_be_visible()

    # A writes an anonymous story in a pre-moderated network: only A sees it, waiting.
    write_story(a, srv, "Logeren bij oma", "Onze pleegzoon wilde niet meer logeren.")
    expect(a.locator(".pz-alert-success")).to_contain_text("Een moderator leest het eerst")
    story = post_id(a)
    b.goto(home(srv))
    expect(b.locator(".pz-post")).to_have_count(0)
    b.goto(home(srv, f"item/{story}"))
    expect(b.locator("h1")).to_have_text("Dit bericht is er niet (meer).")

    # The moderator approves it; the log says who did what.
    mod.reload()
    item = mod.locator(f'.pz-queue-item[data-post="{story}"]')
    expect(item).to_contain_text("Onze pleegzoon wilde niet meer logeren.")
    item.get_by_role("button", name="Goedkeuren").click()
    expect(mod.locator(".pz-alert-success")).to_contain_text("goedgekeurd")
    expect(mod.locator(".pz-mod-log")).to_contain_text(
        "Sanne (kerngroep) (sleutel 1) · goedgekeurd"
    )
    mod.get_by_role("button", name="Voormoderatie uitzetten").click()

    # B (on a phone) sees it with a role and no name, finds it "Herkenbaar" and replies.
    b.goto(home(srv))
    card = b.locator(f'.pz-post[data-post="{story}"]')
    expect(card).to_contain_text("Geschreven door een pleegouder")
    card.locator("a").click()
    b.get_by_role("button", name="Herkenbaar").click()
    expect(b.locator(".pz-vote-count")).to_have_text("Herkenbaar voor 1")
    expect(b.get_by_role("button", name="Herkenbaar")).to_be_disabled()
    b.fill("#tekst", "Bij ons hielp een vast logeerweekend per maand.")
    b.select_option("#rol", "pleegzorgbegeleider")
    b.click("text=Reageer")
    expect(b.locator(".pz-reply")).to_contain_text("Bij ons hielp een vast logeerweekend")
    expect(b.locator(".pz-reply")).to_contain_text("Geschreven door een pleegzorgbegeleider")
    shot(b, "item-phone")

    # A comes back with the cookie: one new reply since the last visit.
    a.goto(home(srv))
    expect(a.locator(".pz-news")).to_contain_text("1 nieuwe reactie op wat jij schreef")
    expect(a.locator(".pz-news")).to_contain_text("Bij ons hielp een vast logeerweekend")
    shot(a, "home-desktop")
    a.reload()  # seen now
    expect(a.locator(".pz-news")).to_contain_text("Niets nieuws sinds je vorige bezoek.")

    # B asks a question, A answers, B marks it helpful, C wants to know too.
    b.goto(home(srv, "vragen/nieuw"))
    b.fill("#titel", "Hoe regelen jullie contact met de school?")
    b.fill("#toelichting", "Wie gaat er naar de ouderavond?")
    b.click("form.pz-form button[type=submit]")
    question = post_id(b)
    a.goto(home(srv, f"item/{question}"))
    a.fill("#tekst", "Wij gaan samen met de ouder, als dat kan.")
    a.click("text=Geef antwoord")
    b.goto(home(srv, f"item/{question}"))
    b.get_by_role("button", name="Dit hielp mij").click()
    expect(b.locator(".pz-reply.pz-helpful")).to_contain_text(
        "Nuttig antwoord volgens de vraagsteller"
    )
    c.goto(home(srv, f"item/{question}"))
    expect(c.get_by_role("button", name="Dit hielp mij")).to_have_count(0)  # not C's question
    c.get_by_role("button", name="Ik wil dit ook weten").click()
    expect(c.locator(".pz-vote-count")).to_have_text("1 willen dit ook weten")
    c.goto(home(srv, "vragen?volgorde=stemmen"))
    expect(c.locator(".pz-post").first).to_have_attribute("data-post", str(question))

    # Three readers report the story: hidden until a moderator looks.
    readers = [chromium.new_context(**desk).new_page() for _ in range(2)] + [c]
    for n, reader in enumerate(readers):
        reader.goto(home(srv, f"item/{story}"))
        reader.locator("details.pz-report").first.locator("summary").click()
        reader.fill(f"#reden-{story}", f"herkenbaar gezin ({n})")
        reader.locator("details.pz-report").first.get_by_role("button").click()
        expect(reader.locator(".pz-alert-success")).to_contain_text("Een moderator kijkt ernaar")
    b.goto(home(srv))
    expect(b.locator(f'.pz-post[data-post="{story}"]')).to_have_count(0)
    mod.reload()
    queued = mod.locator(f'.pz-queue-item[data-post="{story}"]')
    expect(queued).to_contain_text("3 open meldingen")
    expect(queued).to_contain_text("herkenbaar gezin (2)")
    expect(mod.locator(".pz-mod-log")).to_contain_text("lezers (3 meldingen) · verborgen")
    shot(mod, "moderation")

    # The search finds the question by a word of its text.
    a.goto(home(srv, "vragen?zoek=OUDERAVOND"))
    expect(a.locator(".pz-help[role=status]")).to_have_text("1 gevonden")

    # A erases everything: no byte of A's story is left; B's reply stays under "(verwijderd)".
    a.goto(f"{srv.url}voila/netwerk/mijn-gegevens")
    download = a.expect_download
    with download() as got:
        a.get_by_role("link", name="Download mijn gegevens (HTML)").click()
    exported = Path(got.value.path()).read_text(encoding="utf-8")
    assert "Onze pleegzoon wilde niet meer logeren." in exported
    assert "Wij gaan samen met de ouder" in exported
    a.check("input[name=zeker]")
    a.get_by_role("button", name="Wis al mijn gegevens").click()
    expect(a.locator(".pz-alert-success")).to_contain_text("Je gegevens zijn gewist")
    b.goto(home(srv, f"item/{story}"))
    b.goto(home(srv, f"item/{question}"))
    expect(b.locator(".pz-reply")).to_have_count(0)  # A's answer had no replies: gone
    raw = b"".join(p.read_bytes() for p in srv.db_path.parent.glob("pleegzorg.db*"))
    assert b"wilde niet meer logeren" not in raw
    assert b"samen met de ouder" not in raw
    assert b"vast logeerweekend" in raw  # B's reply stays


def test_hostile_text_is_inert_on_every_page_and_in_the_feed(
    home_server: VoilaServer, chromium: Browser
) -> None:
    srv = home_server
    strings = json.loads((REPO / "tests/data/corpora/blns.json").read_text(encoding="utf-8"))
    markup = [s for s in strings if "<" in s and ("script" in s.lower() or "onerror" in s.lower())]
    payloads = markup[:3] + [f'<img src=x onerror="{MARKER_JS}">', "]]></content><x>&amp;"]
    dialogs: list[str] = []
    ids = []
    for n, payload in enumerate(payloads):
        # each writer their own participant (the limit is five items per ten minutes)
        page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        write_story(page, srv, f"T{n} {payload}"[:120], f"Tekst {payload}", tag=True)
        ids.append(post_id(page))
        expect(page.locator("h1")).to_contain_text(f"T{n} ")
        page.fill("#tekst", payload)
        page.click("text=Reageer")
    key = moderator_key(srv, label='<b onmouseover="x()">Mod</b>')
    for url in (
        home(srv),
        home(srv, "verhalen"),
        home(srv, f"item/{ids[-2]}"),
        home(srv, f"moderatie?sleutel={key}"),
    ):
        page.goto(url)
        assert page.evaluate("window.__pz_pwned") is None
        assert (
            page.locator(
                "main img, main script:not([src]), main [onerror], main b[onmouseover]"
            ).count()
            == 0
        )
    page.goto(home(srv, f"item/{ids[-2]}"))
    expect(page.locator("h1")).to_contain_text('<img src=x onerror="window.__pz_pwned = 1">')
    expect(page.locator(".pz-byline").first).to_contain_text("Deelnemer ")
    assert dialogs == []
    feed = page.request.get(home(srv, "feed.atom"))
    assert feed.headers["content-type"].startswith("application/atom+xml")
    tree = ET.fromstring(feed.body())  # well-formed whatever was typed
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.text or "" for e in tree.findall("a:entry/a:title", ns)]
    assert any('onerror="window.__pz_pwned = 1"' in x for x in titles)
    assert b"<img" not in feed.body() and b"Deelnemer" not in feed.body()


def test_too_long_and_too_often_are_refused_with_the_text_kept(
    home_server: VoilaServer, chromium: Browser
) -> None:
    srv = home_server
    page = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    write_story(page, srv, "Te lang", "x" * 4001)
    expect(page.locator("#fout")).to_contain_text("4.001 tekens; er passen er 4.000")
    assert page.input_value("#situatie") == "x" * 4001
    for n in range(exchange.DEFAULT_POSTS_PER_10_MINUTES):
        write_story(page, srv, f"Verhaal {n}", f"Tekst {n}")
        expect(page.locator(".pz-alert-success")).to_be_visible()
    write_story(page, srv, "Nog een", "Mijn tekst blijft staan")
    expect(page.locator("#fout")).to_contain_text("afgelopen tien minuten al 5 berichten")
    assert page.input_value("#situatie") == "Mijn tekst blijft staan"
    # a double submit of the last one stores one
    write_story(page, srv, "Verhaal 4", "Tekst 4")
    expect(page.locator(".pz-alert-success")).to_contain_text("Dit had je al geplaatst")
    shot(page, "refused-phone")


def test_a_week_poll_shows_no_result_at_four_voters_and_the_result_at_five(
    home_server: VoilaServer, chromium: Browser
) -> None:
    srv = home_server
    key = moderator_key(srv, label="Peilingen")
    mod = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    mod.goto(home(srv, f"moderatie?sleutel={key}"))
    mod.fill("#vraag", "Welk onderwerp voor de volgende bijeenkomst?")
    mod.fill("#opties", "Logeren\nSchool\nContact met ouders")
    mod.fill("#dagen", "7")
    mod.get_by_role("button", name="Peiling starten").click()
    expect(mod.locator(".pz-alert-success")).to_contain_text("peiling gestart")
    voters = [
        chromium.new_context(viewport={"width": 390, "height": 844}).new_page() for _ in range(5)
    ]
    for n, page in enumerate(voters):
        page.goto(home(srv))
        poll = page.locator(".pz-npoll", has_text="Welk onderwerp")
        expect(poll.locator(".pz-npoll-result")).to_have_count(0)  # nothing before voting
        poll.get_by_label(["Logeren", "School", "Contact met ouders"][n % 3]).check()
        poll.get_by_role("button", name="Stem").click()
        expect(page.locator(".pz-alert-success")).to_contain_text("Je stem is geteld")
        poll = page.locator(".pz-npoll", has_text="Welk onderwerp")
        if n < 4:
            expect(poll.locator(".pz-npoll-too-few")).to_be_visible()
            expect(poll.locator(".pz-npoll-result")).to_have_count(0)
        else:
            expect(poll.locator(".pz-npoll-result li")).to_have_count(3)
            expect(poll).to_contain_text("5 deelnemers stemden")
            expect(poll.locator(".pz-npoll-result li").first).to_contain_text("40%")
    voters[0].reload()
    expect(
        voters[0].locator(".pz-npoll", has_text="Welk onderwerp").locator(".pz-npoll-result li")
    ).to_have_count(3)
    voters[4].locator(".pz-npoll", has_text="Welk onderwerp").screenshot(
        path=str(ARTIFACTS / "network-home-poll-phone.png")
    )
    # the same poll at the foot of the network's worksheets: a voter from the home sees the
    # result there; a newcomer votes after answering a question on the page
    from .pages import open_worksheet, type_open, wait_saved

    sheet = f"{srv.url}voila/render/breakdown/informele-steun.ipynb"
    open_worksheet(voters[1], sheet)
    foot = voters[1].locator(".pz-network-polls .pz-npoll", has_text="Welk onderwerp")
    expect(foot).to_contain_text("Je stem is geteld")
    expect(foot.locator(".pz-npoll-result li")).to_have_count(3)
    newcomer = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    open_worksheet(newcomer, sheet)
    foot = newcomer.locator(".pz-network-polls .pz-npoll", has_text="Welk onderwerp")
    expect(foot.locator(".pz-npoll-result")).to_have_count(0)
    foot.get_by_label("School").check()
    foot.get_by_role("button", name="Stem").click()
    expect(foot).to_contain_text("Beantwoord eerst een vraag op dit werkblad")
    type_open(newcomer, "steun-wie", "De buurvrouw")
    wait_saved(newcomer, "steun-wie")
    foot.get_by_role("button", name="Stem").click()
    expect(foot).to_contain_text("Je stem is geteld")
    expect(foot.locator(".pz-npoll-result li")).to_have_count(3)
    newcomer.locator(".pz-network-polls").screenshot(
        path=str(ARTIFACTS / "network-poll-on-worksheet-phone.png")
    )
    mod.reload()
    expect(mod.locator(".pz-npoll", has_text="Welk onderwerp")).to_contain_text("6 deelnemers")
    mod.locator(".pz-npoll", has_text="Welk onderwerp").get_by_role(
        "button", name="Nu sluiten"
    ).click()
    fresh = chromium.new_context().new_page()
    fresh.goto(home(srv))
    closed = fresh.locator(".pz-npoll", has_text="Welk onderwerp")
    expect(closed).to_contain_text("Gesloten op")
    expect(closed.locator(".pz-npoll-result li")).to_have_count(3)  # a closed poll keeps its result
    expect(closed.get_by_role("button", name="Stem")).to_have_count(0)


def test_moderators_put_a_busy_theme_forward_for_the_year_plan(
    home_server: VoilaServer, chromium: Browser
) -> None:
    """From "waar het netwerk over praat" a theme goes to the year plan or the Kennisagenda;
    the note is shown as text; the organisers mark it dealt with."""
    srv = home_server
    key = moderator_key(srv, label="Kerngroep")
    mod = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    mod.goto(home(srv, f"moderatie?sleutel={key}"))
    form = mod.locator("form.pz-propose")
    theme = form.locator("#voorstel-thema option").first.inner_text()
    form.locator("#voorstel-thema").select_option(label=theme)
    form.locator("#voorstel-toelichting").fill(f'Veel vragen <img src=x onerror="{MARKER_JS}">')
    form.get_by_role("button", name="Voorstellen voor het jaarplan").click()
    expect(mod.locator(".pz-alert-success")).to_contain_text("thema voorgesteld voor het jaarplan")
    item = mod.locator(".pz-proposals li").first
    expect(item).to_contain_text(f"{theme} → jaarplan")
    expect(item).to_contain_text("Kerngroep")
    expect(item.locator(".pz-text")).to_contain_text("<img src=x")
    assert mod.evaluate("() => window.__pz_pwned") is None
    mod.locator("form.pz-propose").get_by_role(
        "button", name="Voorstellen voor het jaarplan"
    ).click()
    expect(mod.locator("#fout, .pz-alert-error").first).to_contain_text("al voorgesteld")
    mod.locator("section[aria-labelledby=voorstellen-kop]").screenshot(
        path=str(ARTIFACTS / "network-home-proposals-desktop.png")
    )
    mod.locator(".pz-proposals li").first.get_by_role("button", name="Afgehandeld").click()
    expect(mod.locator(".pz-proposals li")).to_have_count(0)
    expect(mod.locator(".pz-mod-log")).to_contain_text("voorstel afgehandeld")


def test_a_worksheet_leads_to_its_networks_home(
    home_server: VoilaServer, chromium: Browser
) -> None:
    from .pages import open_worksheet

    page = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    open_worksheet(page, f"{home_server.url}voila/render/breakdown/informele-steun.ipynb")
    page.locator(".pz-network a").click()
    expect(page).to_have_url(re.compile(r"/voila/netwerk/breakdown$"))
    expect(page.locator("h1")).to_have_text("Leernetwerk breakdown")


def test_a_reflection_cycle_becomes_a_draft_story_only_its_writer_sees(
    home_server: VoilaServer, chromium: Browser
) -> None:
    """Below the ALACT cycle, "Maak er een praktijkverhaal van" opens the network's story
    form with the participant's own answers in its parts; nothing is posted until they post
    it, and the same link opened by anyone else shows an empty form."""
    from .pages import open_worksheet, type_open, wait_saved

    sheet = "voila/render/kennis-en-ontwikkeling/reflecteren-op-een-situatie.ipynb"
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_worksheet(page, home_server.url + sheet)
    situation = 'Na het bezoek aan zijn moeder <img src=x onerror="window.__pz_pwned=1">'
    type_open(page, "reflectie-handelen", situation)
    wait_saved(page, "reflectie-handelen")
    page.locator(".pz-story-draft-button").click()
    link = page.locator(".pz-story-draft-link")
    expect(link).to_be_visible(timeout=15_000)
    page.locator(".pz-story-draft").screenshot(path=str(ARTIFACTS / "network-home-draft-offer.png"))
    with context.expect_page() as opened:
        link.click()
    form = opened.value
    form.wait_for_load_state()
    expect(form.locator("#concept")).to_contain_text("Reflecteren op een situatie")
    expect(form.locator("#situatie")).to_have_value(f"Handelen: {situation}")
    expect(form.locator("#thema")).not_to_have_value("")
    with sqlite3.connect(home_server.database_url.removeprefix("sqlite:///")) as db:
        posts = db.execute(
            "SELECT count(*) FROM pz_posts WHERE network_id = 'kennis-en-ontwikkeling'"
        ).fetchone()
    assert posts == (0,)  # a draft is not a post
    shot(form, "draft-form-phone")
    form.fill("#titel", "Afscheid na het bezoek")
    form.click("form.pz-form button[type=submit]")
    expect(form.locator("h1")).to_have_text("Afscheid na het bezoek")
    expect(form.locator(".pz-post-full .pz-text").first).to_contain_text("Handelen: Na het bezoek")
    assert form.evaluate("() => window.__pz_pwned") is None

    stranger = chromium.new_context().new_page()
    stranger.goto(form.url.split("/item/")[0] + "/verhalen/nieuw?uit=reflecteren-op-een-situatie")
    expect(stranger.locator("#concept")).to_contain_text("geen antwoorden")
    expect(stranger.locator("#situatie")).to_have_value("")


def test_a_form_posted_from_elsewhere_is_refused(home_server: VoilaServer) -> None:
    """No XSRF token, no post: another site cannot make a visitor's browser write here."""
    import urllib.error
    import urllib.parse
    import urllib.request

    body = urllib.parse.urlencode({"titel": "Van elders", "situatie": "x"}).encode()
    request = urllib.request.Request(home(home_server, "verhalen/nieuw"), data=body)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    # the device endpoint too: a text/plain form can carry a JSON body that would plant a
    # resume code in the visitor's browser
    planted = urllib.request.Request(
        f"{home_server.url}voila/pleegzorg/device",
        data=b'{"remember": "ABCD-EFGH-JKLM", "x": "="}',
        headers={"Content-Type": "text/plain"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused_device:
        urllib.request.urlopen(planted, timeout=10)
    assert refused_device.value.code == 403
    assert "pz_code" not in (refused_device.value.headers.get("Set-Cookie") or "")
    store = open_store(home_server.database_url)
    try:
        assert store.list_posts(NET, "story", words="elders")[1] == 0
    finally:
        store.close()


def test_the_worksheets_downloads_come_from_the_server_and_ten_pdfs_at_once_all_arrive(
    home_server: VoilaServer, chromium: Browser
) -> None:
    """Issue 31: "Download mijn antwoorden" on a worksheet offers the server's export of this
    browser's participant (HTML, Markdown, PDF) — nothing built in the page's kernel, no
    data: URI — with what was typed a moment ago in it; ten PDFs asked at once all arrive
    from the bounded pool while the landing page keeps answering."""
    import time
    import urllib.error
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    from .pages import open_worksheet, type_open

    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_worksheet(page, f"{home_server.url}voila/render/breakdown/informele-steun.ipynb")
    typed = "Mijn buurvrouw & <de appgroep>"
    type_open(page, "steun-wie", typed)  # not waited for: the download saves it first
    page.locator(".pz-rights-download").click()
    html_link = page.locator(".pz-rights-links a.pz-download", has_text="HTML")
    expect(html_link).to_be_visible(timeout=15_000)
    assert (html_link.get_attribute("href") or "").endswith("mijn-gegevens/download.html")
    assert "data:" not in page.locator(".pz-rights-links").inner_html()

    def fetched(name: str):  # what the link gives, with this browser's cookies
        link = page.locator(".pz-rights-links a.pz-download", has_text=name)
        url = page.evaluate("(a) => a.href", link.element_handle())
        return context.request.get(url)

    got = fetched("HTML")
    assert got.status == 200 and "attachment" in got.headers["content-disposition"]
    assert "Mijn buurvrouw &amp; &lt;de appgroep&gt;" in got.text()
    got = fetched("Markdown")
    assert got.status == 200 and "Mijn buurvrouw" in got.text()
    got = fetched("PDF")
    assert got.status == 200 and got.body()[:5] == b"%PDF-"
    context.close()

    # ten participants press "PDF" at the same moment
    store = open_store(home_server.database_url)
    codes = []
    for n in range(10):
        person, code = store.create_participant(role_id="pleegouder")
        store.save_answer(person.id, "informele-steun", "steun-wie", f"Antwoord {n}")
        codes.append(code)
    store.close()
    url = f"{home_server.url}voila/netwerk/mijn-gegevens/download.pdf"

    def fetch_pdf(code: str) -> tuple[int, bytes]:
        request = urllib.request.Request(url, headers={"Cookie": f"pz_code={code}"})
        with urllib.request.urlopen(request, timeout=240) as response:
            return response.status, response.read()

    landing: list[float] = []
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = pool.map(fetch_pdf, codes)
        time.sleep(1.0)
        start = time.monotonic()
        with urllib.request.urlopen(home_server.url, timeout=30) as response:
            assert response.status == 200
        landing.append(time.monotonic() - start)
        got_all = list(results)
    assert [status for status, _ in got_all] == [200] * 10
    assert all(body[:5] == b"%PDF-" for _, body in got_all)
    assert landing[0] < 3.0, landing  # the server stays responsive while they print
    # without a code in the browser there is nothing of theirs: a Dutch page says so
    with pytest.raises(urllib.error.HTTPError) as none:
        urllib.request.urlopen(url.replace(".pdf", ".html"), timeout=30)
    assert none.value.code == 404
    assert "Hier is niets van jou" in none.value.read().decode()
