"""The network's open polls at the foot of its worksheets (issue #28, part 4): the same rules
as on the home — one vote, k ≥ 5, the result only after voting — checked in the kernel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.content import find_worksheet
from pleegzorg_lib.model import Question, QuestionKind
from pleegzorg_lib.widgets import WorksheetRunner

HOSTILE = '<img src=x onerror="window.__pz_pwned=1">'


@pytest.fixture
def runner(catalog, store) -> WorksheetRunner:
    info = find_worksheet(config.workbooks_dir(), catalog, "informele-steun")
    made = WorksheetRunner(info, catalog, store=store)
    made.add_question(Question(id="open", kind=QuestionKind.OPEN, prompt="Bij wie?"))
    return made


def _poll(store, prompt: str = "Hoe vaak spreek je andere pleegouders?", days: float = 7) -> int:
    return store.add_network_poll(
        "breakdown",
        prompt,
        ["Elke week", "Elke maand", f"Bijna nooit {HOSTILE}"],
        "test",
        datetime.now(UTC) + timedelta(days=days),
    )


def _votes(store, poll_id: int) -> tuple[int, ...]:
    return next(p for p in store.network_polls("breakdown") if p.id == poll_id).votes


def test_no_open_poll_no_panel(runner, store) -> None:
    _poll(store, days=-1)  # closed yesterday: the home keeps it, the worksheet does not
    runner.bind(None)
    assert runner.network_polls.box.layout.display == "none"
    assert runner.network_polls.box in runner.footer.children


def test_a_vote_counts_once_after_an_answer_and_shows_no_result_below_five(runner, store) -> None:
    poll_id = _poll(store)
    runner.bind(None)
    panel = runner.network_polls
    assert panel.box.layout.display is None
    one = panel.shown[poll_id]
    assert HOSTILE not in one.prompt.value + one.result.value  # escaped wherever shown
    assert "Hoe vaak spreek je andere pleegouders?" in one.prompt.value

    one.choice.index = 0
    one.vote.click()  # nothing answered on the page yet: a reload would make a new voter
    assert "Beantwoord eerst een vraag" in one.result.value
    assert _votes(store, poll_id) == ()

    runner.views["open"].text.value = "Mijn buurvrouw"
    runner.flush()
    one.choice.index = None
    one.vote.click()
    assert "Kies eerst een antwoord" in one.result.value
    one.choice.index = 2
    one.vote.click()
    assert _votes(store, poll_id) == (2,)
    assert "Je stem is geteld" in one.result.value
    assert "vanaf 5 deelnemers" in one.result.value  # 1 voter: no result
    assert one.vote.layout.display == "none"
    assert panel.cast(poll_id, 0) is False  # a forged second click counts nothing
    assert _votes(store, poll_id) == (2,)


def test_the_result_shows_from_five_voters_with_ones_own_choice_marked(runner, store) -> None:
    poll_id = _poll(store)
    for n in range(4):
        other, _code = store.create_participant(role_id="pleegouder")
        store.vote_network_poll(poll_id, other.id, n % 2)
    runner.bind(None)
    runner.views["open"].text.value = "Mijn zus"
    runner.flush()
    one = runner.network_polls.shown[poll_id]
    one.choice.index = 2
    one.vote.click()
    assert "pz-npoll-result" in one.result.value
    assert "Elke week" in one.result.value and "40%" in one.result.value
    assert "&lt;img" in one.result.value and HOSTILE not in one.result.value
    assert one.result.value.count("pz-mine") == 1


def test_a_forged_option_or_a_poll_closed_meanwhile_is_refused(runner, store) -> None:
    poll_id = _poll(store)
    runner.bind(None)
    runner.views["open"].text.value = "Niemand"
    runner.flush()
    panel = runner.network_polls
    assert panel.cast(poll_id, 7) is False  # no such option: what a comm message can send
    assert _votes(store, poll_id) == ()
    assert panel.cast(12345, 0) is False  # a poll this page never showed
    store.close_network_poll(poll_id)
    assert panel.cast(poll_id, 0) is False
    assert _votes(store, poll_id) == ()
    assert "Deze peiling is gesloten" in panel.shown[poll_id].result.value
    runner.bind(None)  # the next page load: a closed poll is no longer at the foot
    assert poll_id not in runner.network_polls.shown
