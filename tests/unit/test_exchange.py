"""A network's exchange between meetings: the rules (services/exchange.py) on a real store,
SQLite and PostgreSQL — writing, limits, moderation, reports, votes, data rights."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pleegzorg_lib.config import data_dir
from pleegzorg_lib.content.catalog import load_catalog
from pleegzorg_lib.export.participant import collect_participant, participant_html
from pleegzorg_lib.i18n import t
from pleegzorg_lib.services import exchange
from pleegzorg_lib.services.exchange import ExchangeError

NET = "breakdown"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(data_dir())


def story(
    store, catalog, who, *, role="pleegouder", title="Een weekend", text="Het ging zo.", **extra
):
    form = {"titel": title, "situatie": text, **extra}
    return exchange.write(
        store, catalog, participant_id=who.id, role_id=role, network_id=NET, kind="story", form=form
    )


def person(store, role="pleegouder"):
    return store.create_participant(role_id=role)[0]


def test_a_story_is_visible_at_once_unless_the_network_or_the_role_says_otherwise(
    any_store, catalog
) -> None:
    a = person(any_store)
    first = story(any_store, catalog, a)
    assert first.new and not first.pending
    young = person(any_store, "pleegjongere")
    theirs = story(any_store, catalog, young, role="pleegjongere", title="Mijn school")
    assert theirs.pending  # youth: always a moderator first
    reader = person(any_store)
    seen, total = any_store.list_posts(NET, "story", viewer=reader.id)
    assert [p.id for p in seen] == [first.id] and total == 1
    mine, _ = any_store.list_posts(NET, "story", viewer=young.id)
    assert {p.id for p in mine} == {first.id, theirs.id}  # they see their own waiting item
    any_store.set_premoderated(NET, True)
    assert story(any_store, catalog, a, title="Nog een").pending


def test_fields_are_checked_with_a_clear_message(any_store, catalog) -> None:
    a = person(any_store)
    with pytest.raises(ExchangeError) as too_long:
        story(any_store, catalog, a, text="x" * 4001)
    assert too_long.value.key == "exchange.error.too_long"
    assert too_long.value.params["limit"] == 4000 and too_long.value.params["length"] == 4001
    assert "4.000" in t(too_long.value.key, **too_long.value.params)
    with pytest.raises(ExchangeError, match="required"):
        story(any_store, catalog, a, text="   ")
    with pytest.raises(ExchangeError, match="bad_characters"):
        story(any_store, catalog, a, text="a\x00b")
    with pytest.raises(ExchangeError, match="invalid"):
        story(any_store, catalog, a, thema="niet-een-thema")
    with pytest.raises(ExchangeError, match="invalid"):
        story(any_store, catalog, a, role="koning")
    with pytest.raises(ExchangeError, match="unknown_network"):
        exchange.write(
            any_store,
            catalog,
            participant_id=a.id,
            role_id=None,
            network_id="nope",
            kind="story",
            form={"titel": "x", "situatie": "y"},
        )
    assert any_store.list_posts(NET, "story", viewer=a.id)[1] == 0


def test_a_double_submit_stores_one_and_the_rate_limit_holds(
    any_store, catalog, monkeypatch
) -> None:
    monkeypatch.setenv("PLEEGZORG_POSTS_PER_10_MINUTES", "3")
    a = person(any_store)
    first = story(any_store, catalog, a)
    again = story(any_store, catalog, a)
    assert again.id == first.id and not again.new
    story(any_store, catalog, a, title="Twee")
    story(any_store, catalog, a, title="Drie")
    with pytest.raises(ExchangeError) as limited:
        story(any_store, catalog, a, title="Vier")
    assert limited.value.key == "exchange.error.rate" and limited.value.params["limit"] == 3
    assert story(any_store, catalog, a, title="Drie").id  # a double submit is still fine
    assert any_store.list_posts(NET, "story", viewer=a.id)[1] == 3
    later = datetime.now(UTC) + timedelta(minutes=11)
    exchange.write(
        any_store,
        catalog,
        participant_id=a.id,
        role_id=None,
        network_id=NET,
        kind="story",
        form={"titel": "Vier", "situatie": "later"},
        now=later,
    )


def test_replies_votes_and_helpful_answers(any_store, catalog) -> None:
    asker, helper, other = (
        person(any_store),
        person(any_store, "pleegzorgbegeleider"),
        person(any_store),
    )
    q = exchange.write(
        any_store,
        catalog,
        participant_id=asker.id,
        role_id="pleegouder",
        network_id=NET,
        kind="question",
        form={"titel": "Hoe regel ik logeren bij opa?", "toelichting": ""},
    )
    answer = exchange.write(
        any_store,
        catalog,
        participant_id=helper.id,
        role_id="pleegzorgbegeleider",
        network_id=NET,
        kind="reply",
        form={"tekst": "Bespreek het met je begeleider."},
        parent_id=q.id,
    )
    assert exchange.vote(any_store, other.id, NET, q.id) is True
    assert exchange.vote(any_store, other.id, NET, q.id) is False  # one per person
    with pytest.raises(ExchangeError, match="own_vote"):
        exchange.vote(any_store, asker.id, NET, q.id)
    with pytest.raises(ExchangeError, match="not_yours"):
        exchange.mark_helpful(any_store, other.id, NET, answer.id)
    exchange.mark_helpful(any_store, asker.id, NET, answer.id)
    replies = any_store.list_replies(q.id, viewer=other.id)
    assert [(r.id, r.helpful, r.role_id) for r in replies] == [
        (answer.id, True, "pleegzorgbegeleider")
    ]
    assert any_store.get_post(q.id).votes == 1
    # new since the asker's last visit: the answer
    since = datetime.now(UTC) - timedelta(hours=1)
    assert [r.id for r in any_store.replies_to_mine_since(asker.id, NET, since)] == [answer.id]
    assert any_store.replies_to_mine_since(helper.id, NET, since) == []


def test_three_reports_hide_an_item_until_a_moderator_looks(any_store, catalog) -> None:
    writer = person(any_store)
    item = story(any_store, catalog, writer)
    readers = [person(any_store) for _ in range(3)]
    with pytest.raises(ExchangeError, match="own_report"):
        exchange.report(any_store, writer.id, NET, item.id, "mijn eigen")
    assert exchange.report(any_store, readers[0].id, NET, item.id, "naam genoemd") == 1
    assert exchange.report(any_store, readers[0].id, NET, item.id, "nog eens") == 1  # one each
    assert exchange.report(any_store, readers[1].id, NET, item.id, "herkenbaar gezin") == 2
    assert any_store.get_post(item.id).status == "visible"
    assert exchange.report(any_store, readers[2].id, NET, item.id, "kwetsend") == 3
    assert any_store.get_post(item.id).status == "hidden"
    assert any_store.list_posts(NET, "story", viewer=readers[0].id)[1] == 0
    queue = any_store.moderation_queue(NET)
    assert [p.id for p in queue] == [item.id]
    assert set(queue[0].report_reasons) == {"naam genoemd", "herkenbaar gezin", "kwetsend"}
    with pytest.raises(ExchangeError, match="required"):
        exchange.moderate(
            any_store, moderator="Mod A (sleutel 1)", network_id=NET, post_id=item.id, action="hide"
        )
    exchange.moderate(
        any_store, moderator="Mod A (sleutel 1)", network_id=NET, post_id=item.id, action="approve"
    )
    assert any_store.get_post(item.id).status == "visible"
    assert any_store.moderation_queue(NET) == []
    log = any_store.moderation_records(NET)
    assert [(r.moderator, r.action) for r in log] == [
        ("Mod A (sleutel 1)", "approve"),
        ("readers", "hide"),
    ]


def test_a_moderator_key_works_only_for_its_network_and_until_revoked(any_store, catalog) -> None:
    key = exchange.new_moderator_key(any_store, catalog, NET, "Sanne (kerngroep)")
    found = any_store.moderator_for_key(NET, key)
    assert found is not None and found.label == "Sanne (kerngroep)"
    assert any_store.moderator_for_key("samenwerken", key) is None
    assert any_store.moderator_for_key(NET, key + "x") is None
    assert any_store.revoke_moderator_key(found.id)
    assert any_store.moderator_for_key(NET, key) is None


def test_a_question_moves_to_the_kennisagenda(any_store, catalog) -> None:
    asker = person(any_store)
    q = exchange.write(
        any_store,
        catalog,
        participant_id=asker.id,
        role_id="pleegouder",
        network_id=NET,
        kind="question",
        form={"titel": "Wat werkt bij rouw om ouders?", "toelichting": "Onderzoek?"},
    )
    exchange.moderate(any_store, moderator="M", network_id=NET, post_id=q.id, action="to_agenda")
    assert [i.text for i in any_store.agenda_items(NET)] == [
        "Wat werkt bij rouw om ouders? — Onderzoek?"
    ]


def test_search_filters_and_pages(any_store, catalog, monkeypatch) -> None:
    monkeypatch.setenv("PLEEGZORG_POSTS_PER_10_MINUTES", "100")
    a = person(any_store)
    for i in range(7):
        story(any_store, catalog, a, title=f"Verhaal {i}", text="over school" if i % 2 else "thuis")
    b = person(any_store, "ouder")
    exchange.write(
        any_store,
        catalog,
        participant_id=b.id,
        role_id="ouder",
        network_id=NET,
        kind="story",
        form={"titel": "Van een ouder", "situatie": "school 100%_"},
    )
    page, total = any_store.list_posts(NET, "story", words="SCHOOL", limit=2)
    assert total == 4 and len(page) == 2
    assert any_store.list_posts(NET, "story", role_id="ouder")[1] == 1
    assert any_store.list_posts(NET, "story", words="100%_")[1] == 1  # LIKE wildcards are text
    assert any_store.list_posts(NET, "story", words="%")[1] == 1


def test_forget_leaves_replies_of_others_and_no_byte_of_the_story(store, catalog, db_path) -> None:
    a, b = person(store), person(store)
    secret = "Zeldzaam-verhaal-QX77 over ons weekend"
    told = story(store, catalog, a, title="Titel-QX77", text=secret)
    lonely = story(store, catalog, a, title="Alleen-QX77", text="zonder reacties QX77")
    reply = exchange.write(
        store,
        catalog,
        participant_id=b.id,
        role_id="pleegouder",
        network_id=NET,
        kind="reply",
        form={"tekst": "Herkenbaar!"},
        parent_id=told.id,
    )
    exchange.vote(store, b.id, NET, told.id)
    exchange.report(store, a.id, NET, reply.id, "reden-QX77")
    data = collect_participant(store, a, catalog=catalog)
    page = participant_html(data)
    assert "Zeldzaam-verhaal-QX77" in page and "reden-QX77" in page
    store.forget_participant(a.id)
    kept = store.get_post(told.id)
    assert kept.status == "removed" and kept.title is None and kept.body == {}
    assert store.get_post(lonely.id) is None
    assert [r.id for r in store.list_replies(told.id)] == [reply.id]
    store.close()
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    assert b"QX77" not in raw


def test_theme_activity_counts_items_per_theme(any_store, catalog) -> None:
    a = person(any_store)
    network = catalog.network(NET)
    theme = network.themes[0]
    story(any_store, catalog, a, thema=theme.id)
    story(any_store, catalog, a, title="Twee", thema=theme.id)
    exchange.write(
        any_store,
        catalog,
        participant_id=a.id,
        role_id=None,
        network_id=NET,
        kind="question",
        form={"titel": "Vraag?"},
    )
    rows = exchange.theme_activity(any_store, network)
    assert rows[0] == (theme.id, theme.name, 2, 0)
    assert ("", "", 0, 1) in rows


def test_a_network_poll_shows_its_result_after_voting_and_from_five_voters(
    any_store, catalog
) -> None:
    poll_id = exchange.create_poll(
        any_store,
        catalog,
        network_id=NET,
        prompt="Wat wil je de volgende keer bespreken?",
        options="Logeren\nSchool\nContact met ouders",
        days=7,
        created_by="Mod",
    )
    people = [person(any_store) for _ in range(6)]
    for n, who in enumerate(people[:4]):
        assert exchange.vote_poll(any_store, who.id, NET, poll_id, n % 2)
    assert exchange.vote_poll(any_store, people[0].id, NET, poll_id, 2) is False  # once
    outsider = exchange.view_poll(any_store.network_polls(NET, people[5].id)[0])
    assert outsider.result is None and not outsider.too_few  # has not voted: nothing yet
    fourth = exchange.view_poll(any_store.network_polls(NET, people[3].id)[0])
    assert fourth.result is None and fourth.too_few and fourth.respondents == 4
    exchange.vote_poll(any_store, people[4].id, NET, poll_id, 2)
    fifth = exchange.view_poll(any_store.network_polls(NET, people[4].id)[0])
    assert fifth.result == (("Logeren", 2, 40), ("School", 2, 40), ("Contact met ouders", 1, 20))
    # a sixth vote changes nothing shown (steps of two): one person is never read off
    exchange.vote_poll(any_store, people[5].id, NET, poll_id, 2)
    sixth = exchange.view_poll(any_store.network_polls(NET, people[5].id)[0])
    assert sixth.result == fifth.result and sixth.respondents == 6
    with pytest.raises(ExchangeError, match="invalid"):
        exchange.vote_poll(any_store, person(any_store).id, NET, poll_id, 9)
    later = datetime.now(UTC) + timedelta(days=8)
    with pytest.raises(ExchangeError, match="poll_closed"):
        exchange.vote_poll(any_store, person(any_store).id, NET, poll_id, 0, now=later)
    closed = exchange.view_poll(any_store.network_polls(NET)[0], now=later)
    assert closed.closed and closed.result == fifth.result  # a closed poll keeps its result
    with pytest.raises(ExchangeError, match="poll_options"):
        exchange.create_poll(
            any_store, catalog, network_id=NET, prompt="?", options="Een", days=7, created_by="Mod"
        )
    with pytest.raises(ExchangeError, match="poll_days"):
        exchange.create_poll(
            any_store,
            catalog,
            network_id=NET,
            prompt="?",
            options="A\nB",
            days=400,
            created_by="Mod",
        )
    # a participant's vote is in their export and goes with "forget"
    export = any_store.contributions_of(people[0].id)["network_poll_votes"]
    assert [(v["prompt"], v["choice"]) for v in export] == [
        ("Wat wil je de volgende keer bespreken?", "Logeren")
    ]
    any_store.forget_participant(people[0].id)
    assert exchange.view_poll(any_store.network_polls(NET)[0]).respondents == 5


def test_a_pseudonym_keeps_its_role_unfindable(any_store, catalog) -> None:
    a, b = person(any_store, "ouder"), person(any_store, "ouder")
    shown = story(any_store, catalog, a, role="ouder", title="Met rol")
    story(any_store, catalog, b, role="ouder", title="Met schuilnaam", tonen_als="tag")
    found, total = any_store.list_posts(NET, "story", role_id="ouder")
    assert [p.id for p in found] == [shown.id] and total == 1


def test_hiding_answers_the_reports_and_a_hidden_item_can_be_restored(any_store, catalog) -> None:
    writer = person(any_store)
    item = story(any_store, catalog, writer)
    exchange.report(any_store, person(any_store).id, NET, item.id, "klopt niet")
    exchange.moderate(
        any_store,
        moderator="M",
        network_id=NET,
        post_id=item.id,
        action="hide",
        reason="namen genoemd",
    )
    assert any_store.moderation_queue(NET) == []  # looked at: out of the queue
    assert [p.id for p in any_store.hidden_posts(NET)] == [item.id]
    exchange.moderate(any_store, moderator="M", network_id=NET, post_id=item.id, action="restore")
    assert any_store.get_post(item.id).status == "visible" and any_store.hidden_posts(NET) == []


def test_a_question_goes_to_the_kennisagenda_once(any_store, catalog) -> None:
    asker = person(any_store)
    q = exchange.write(
        any_store,
        catalog,
        participant_id=asker.id,
        role_id=None,
        network_id=NET,
        kind="question",
        form={"titel": "Eén keer?"},
    )
    exchange.moderate(any_store, moderator="M", network_id=NET, post_id=q.id, action="to_agenda")
    with pytest.raises(ExchangeError, match="on_agenda"):
        exchange.moderate(
            any_store, moderator="M", network_id=NET, post_id=q.id, action="to_agenda"
        )
    assert len(any_store.agenda_items(NET)) == 1


def test_the_cli_makes_lists_and_revokes_moderator_keys(store, capsys, monkeypatch) -> None:
    from pleegzorg_lib import cli

    monkeypatch.setenv("PLEEGZORG_BASE_URL", "https://werkboeken.example.nl")
    assert cli.main(["network", "moderator", NET, "--label", "Sanne"]) == 0
    out = capsys.readouterr().out
    link = out.strip().splitlines()[-1]
    assert link.startswith(
        "https://werkboeken.example.nl/voila/netwerk/breakdown/moderatie?sleutel="
    )
    key = link.split("sleutel=")[1]
    assert store.moderator_for_key(NET, key) is not None
    assert cli.main(["network", "moderators", NET]) == 0
    listed = capsys.readouterr().out
    assert "Sanne" in listed and key not in listed
    key_id = int(listed.split()[0])
    assert cli.main(["network", "revoke", str(key_id)]) == 0
    assert store.moderator_for_key(NET, key) is None
    assert cli.main(["network", "revoke", str(key_id)]) == 1
    assert cli.main(["network", "premoderation", NET, "aan"]) == 0
    assert store.premoderated(NET)
    assert (
        cli.main(
            [
                "network",
                "poll",
                NET,
                "--vraag",
                "Welke avond?",
                "--optie",
                "Dinsdag",
                "--optie",
                "Donderdag",
            ]
        )
        == 0
    )
    assert [p.prompt for p in store.network_polls(NET)] == ["Welke avond?"]
    assert cli.main(["network", "poll", NET, "--vraag", "Eén optie?", "--optie", "Ja"]) == 2


def test_a_moderator_puts_a_theme_forward_for_the_year_plan_or_the_kennisagenda(
    any_store, catalog
) -> None:
    """The Platform Vakmanschap loop: many questions on one subject become a theme meeting.
    A proposal carries the counts of the last three months, is logged, is open once per
    target, and the organisers see it in 'pleegzorg plan' until it is dealt with."""
    from pleegzorg_lib.cli.plan import format_proposals

    network = catalog.network(NET)
    theme = network.themes[0]
    a = person(any_store)
    story(any_store, catalog, a, thema=theme.id)
    first = exchange.propose_theme(
        any_store,
        network,
        moderator="Sanne (sleutel 1)",
        theme_id=theme.id,
        target="jaarplan",
        note="Veel vragen over <b>logeren</b>",
    )
    with pytest.raises(exchange.ExchangeError) as again:
        exchange.propose_theme(
            any_store, network, moderator="Sanne", theme_id=theme.id, target="jaarplan"
        )
    assert again.value.key == "exchange.error.proposed_already"
    exchange.propose_theme(
        any_store, network, moderator="Sanne", theme_id=theme.id, target="kennisagenda"
    )
    for bad_theme, bad_target in (("bestaat-niet", "jaarplan"), (theme.id, "nieuwsbrief")):
        with pytest.raises(exchange.ExchangeError):
            exchange.propose_theme(
                any_store, network, moderator="Sanne", theme_id=bad_theme, target=bad_target
            )
    proposals = any_store.theme_proposals(NET)
    assert [(p.target, p.stories, p.questions) for p in proposals] == [
        ("kennisagenda", 1, 0),
        ("jaarplan", 1, 0),
    ]
    text = format_proposals(proposals, catalog, NET)
    assert f"{theme.name} → jaarplan · 1 verhalen, 0 vragen · Sanne (sleutel 1)" in text
    assert "Veel vragen over <b>logeren</b>" in text  # plain text in a terminal
    assert any_store.theme_proposals("vakmanschap") == []
    actions = [r.action for r in any_store.moderation_records(NET)]
    assert actions.count("propose_jaarplan") == 1 and "propose_kennisagenda" in actions

    exchange.resolve_proposal(any_store, network, moderator="Sanne", proposal_id=first)
    with pytest.raises(exchange.ExchangeError):  # dealt with already, or another network's
        exchange.resolve_proposal(any_store, network, moderator="Sanne", proposal_id=first)
    assert [p.target for p in any_store.theme_proposals(NET)] == ["kennisagenda"]
    assert len(any_store.theme_proposals(NET, open_only=False)) == 2
    # once dealt with, the theme can be put forward again
    exchange.propose_theme(
        any_store, network, moderator="Sanne", theme_id=theme.id, target="jaarplan"
    )


def test_a_reply_approved_after_the_writers_visit_is_new_at_their_next_visit(
    any_store, catalog
) -> None:
    """Pre-moderation: a reply written before the writer's visit but approved after it was
    never "new" (found through nginx in the browser test): news counts from when others
    could first read an item."""
    any_store.set_premoderated(NET, True)
    writer, reader = person(any_store), person(any_store)
    first_written = datetime.now(UTC)
    first = story(any_store, catalog, writer)
    exchange.moderate(
        any_store, moderator="m", network_id=NET, post_id=first.id, action="approve", reason=""
    )
    answer = exchange.write(
        any_store,
        catalog,
        participant_id=reader.id,
        role_id="pleegouder",
        network_id=NET,
        kind="reply",
        form={"tekst": "Herkenbaar!"},
        parent_id=first.id,
    )
    assert answer.pending
    any_store.mark_network_visit(writer.id, NET)  # the writer looks: nothing new yet
    seen_at = any_store.mark_network_visit(writer.id, NET)  # (returns that visit's time)
    assert seen_at is not None
    assert any_store.replies_to_mine_since(writer.id, NET, seen_at) == []
    exchange.moderate(
        any_store, moderator="m", network_id=NET, post_id=answer.id, action="approve", reason=""
    )
    assert [r.id for r in any_store.replies_to_mine_since(writer.id, NET, seen_at)] == [answer.id]
    assert any_store.new_posts_since(NET, seen_at, reader.id) == 0  # a reply is not a story
    # the writer's own story, approved after they wrote it, is news to others, not to them
    assert any_store.new_posts_since(NET, first_written, reader.id) == 1
    assert any_store.new_posts_since(NET, first_written, writer.id) == 0
    # hiding and restoring does not make it new again
    exchange.moderate(
        any_store, moderator="m", network_id=NET, post_id=answer.id, action="hide", reason="x"
    )
    any_store.mark_network_visit(writer.id, NET)
    later = any_store.mark_network_visit(writer.id, NET)
    assert later is not None
    exchange.moderate(
        any_store, moderator="m", network_id=NET, post_id=answer.id, action="restore", reason=""
    )
    assert any_store.replies_to_mine_since(writer.id, NET, later) == []


def test_the_sixth_voter_cannot_read_off_the_sevenths_vote(any_store, catalog) -> None:
    """A voter knows their own vote: with steps of two (5, 7 …) the sixth saw the first five
    and then all seven — the change was their own vote plus the seventh's, so the seventh's
    showed (found in review). A poll publishes in steps of six: 5, 11, 17 …"""
    from pleegzorg_lib.analysis._polls import POLL_STEP, poll_published

    assert [poll_published(n) for n in (5, 6, 7, 10, 11, 16, 17)] == [5, 5, 5, 5, 11, 11, 17]
    assert POLL_STEP == 6
    poll_id = exchange.create_poll(
        any_store,
        catalog,
        network_id=NET,
        prompt="Welke avond past?",
        options="Dinsdag\nDonderdag",
        days=7,
        created_by="Mod",
    )
    voters = [person(any_store) for _ in range(11)]
    for who in voters[:5]:
        exchange.vote_poll(any_store, who.id, NET, poll_id, 0)
    exchange.vote_poll(any_store, voters[5].id, NET, poll_id, 0)  # the sixth: Dinsdag
    seen_by_sixth = exchange.view_poll(any_store.network_polls(NET, voters[5].id)[0]).result
    for n in range(6, 10):  # the seventh to tenth each vote Donderdag
        exchange.vote_poll(any_store, voters[n].id, NET, poll_id, 1)
        now = exchange.view_poll(any_store.network_polls(NET, voters[5].id)[0]).result
        assert now == seen_by_sixth, n  # nothing to read off
    exchange.vote_poll(any_store, voters[10].id, NET, poll_id, 1)
    eleven = exchange.view_poll(any_store.network_polls(NET, voters[5].id)[0])
    assert eleven.result == (("Dinsdag", 6, 55), ("Donderdag", 5, 45))


def test_two_moderators_clicking_at_once_make_one_open_proposal(any_store, catalog) -> None:
    """Check-then-insert raced on PostgreSQL (found in review): the partial unique index on
    open proposals keeps it to one, the other click hears it is proposed already."""
    from concurrent.futures import ThreadPoolExecutor

    network = catalog.network(NET)
    theme = network.themes[0]

    def click(n: int) -> str:
        try:
            exchange.propose_theme(
                any_store, network, moderator=f"M{n}", theme_id=theme.id, target="jaarplan"
            )
            return "made"
        except ExchangeError as error:
            return error.key

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(click, range(6)))
    assert outcomes.count("made") == 1
    assert outcomes.count("exchange.error.proposed_already") == 5
    assert len(any_store.theme_proposals(NET)) == 1
