"""The facilitator's view of a session: aggregates that never expose a small group."""

from __future__ import annotations

import gc
import random
import subprocess
import sys
import time
from collections import Counter

import pytest

import pleegzorg_lib.analysis as analysis
from pleegzorg_lib.analysis import (
    DUTCH_STOP_WORDS,
    K_MIN,
    answers_frame,
    role_counts,
    summarize_question,
    summarize_session,
    word_frequencies,
)
from pleegzorg_lib.analysis._constants import published
from pleegzorg_lib.model import Question, QuestionKind

LIKERT = ("helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens")
ROLE_NAMES = {
    "pleegouder": "Pleegouders",
    "ouder": "Ouders",
    "begeleider": "Pleegzorgbegeleiders",
    "jeugdbeschermer": "Jeugdbeschermers",
}


def q(kind: QuestionKind, qid: str = "q-1", **kw: object) -> Question:
    return Question(id=qid, kind=kind, prompt="Vraag?", **kw)


def rows_for(question: Question, values: list[object], role: str | None = None) -> list[dict]:
    return [
        {"participant_id": f"p{i:04d}", "role_id": role, "question_id": question.id, "value": v}
        for i, v in enumerate(values)
    ]


# --- small-group suppression ---------------------------------------------------------------


def test_four_answers_are_too_few_to_show_five_are_enough() -> None:
    question = q(QuestionKind.SINGLE_CHOICE, options=("Ja", "Nee"))

    four = summarize_question(question, ["Ja", "Ja", "Nee", "Ja", None, ""])
    assert four.respondents == 4
    assert four.suppressed
    assert (four.counts, four.mean, four.ranking, four.texts, four.words) == (
        (),
        None,
        (),
        (),
        (),
    )

    five = summarize_question(question, ["Ja", "Ja", "Nee", "Ja", "Nee"])
    assert five.respondents == 5
    assert not five.suppressed
    assert five.counts == (("Ja", 3), ("Nee", 2))
    assert K_MIN == 5


def test_a_suppressed_open_question_shows_no_texts_either() -> None:
    question = q(QuestionKind.OPEN, shared=True)
    summary = summarize_question(question, ["Mijn buurvrouw", "De school", "Opa", "Een vriend"])
    assert summary.suppressed and summary.respondents == 4
    assert summary.texts == () and summary.words == ()


# --- closed questions ------------------------------------------------------------------------


def test_counts_list_every_option_in_order_including_zeros() -> None:
    question = q(QuestionKind.SINGLE_CHOICE, options=("Nooit", "Soms", "Vaak", "Altijd"))
    summary = summarize_question(question, ["Vaak", "Vaak", "Nooit", "Vaak", "Nooit"])
    assert summary.counts == (("Nooit", 2), ("Soms", 0), ("Vaak", 3), ("Altijd", 0))
    assert summary.mean is None


def test_multiple_choice_counts_participants_per_option() -> None:
    question = q(QuestionKind.MULTIPLE_CHOICE, options=("familie", "buren", "school", "kerk"))
    values = [
        ["familie", "buren"],
        ["familie"],
        ["buren", "school"],
        ["familie", "school"],
        ["familie"],
        [],  # unanswered: an empty selection
    ]
    summary = summarize_question(question, values)
    assert summary.respondents == 5
    assert summary.counts == (("familie", 4), ("buren", 2), ("school", 2), ("kerk", 0))


def test_scale_shows_every_point_and_the_mean() -> None:
    question = q(QuestionKind.SCALE_0_10)
    summary = summarize_question(question, [7, 8, 8, 10, 2, None])
    assert summary.respondents == 5
    assert summary.mean == pytest.approx(7.0)
    assert [label for label, _ in summary.counts] == [str(n) for n in range(11)]
    assert dict(summary.counts) == {
        **{str(n): 0 for n in range(11)},
        "2": 1,
        "7": 1,
        "8": 2,
        "10": 1,
    }


def test_likert_mean_is_the_average_position_from_1_to_5() -> None:
    question = q(QuestionKind.LIKERT, options=LIKERT)
    values = ["eens", "eens", "helemaal eens", "neutraal", "helemaal oneens"]
    summary = summarize_question(question, values)
    assert summary.mean == pytest.approx((4 + 4 + 5 + 3 + 1) / 5)
    assert summary.counts == (
        ("helemaal oneens", 1),
        ("oneens", 0),
        ("neutraal", 1),
        ("eens", 2),
        ("helemaal eens", 1),
    )


def test_ranking_gives_the_mean_position_best_first() -> None:
    question = q(QuestionKind.RANKING, options=("tijd", "geld", "steun"))
    values = [
        ["steun", "tijd", "geld"],
        ["steun", "geld", "tijd"],
        ["tijd", "steun", "geld"],
        ["steun", "tijd", "geld"],
        ["geld", "steun", "tijd"],
    ]
    summary = summarize_question(question, values)
    assert summary.ranking == (
        ("steun", pytest.approx(7 / 5)),
        ("tijd", pytest.approx(11 / 5)),
        ("geld", pytest.approx(12 / 5)),
    )
    assert summary.counts == () and summary.mean is None


def test_values_that_no_longer_fit_the_question_are_ignored() -> None:
    question = q(QuestionKind.SINGLE_CHOICE, options=("Ja", "Nee"))
    values = ["Ja", "Ja", "Misschien", 3, ["Ja"], {"x": 1}, "Nee", "Ja", "Nee"]
    summary = summarize_question(question, values)
    assert summary.respondents == 5  # the four values that do not fit are not answers
    assert summary.counts == (("Ja", 3), ("Nee", 2))

    scale = summarize_question(q(QuestionKind.SCALE_0_10), [5, 5, 5, 5, 5, 11, -1, "7", True])
    assert scale.respondents == 5 and scale.mean == 5

    ranking = q(QuestionKind.RANKING, options=("a", "b", "c"))
    broken = [["a", "b"], ["a", "a", "b"], ["a", "b", "z"], [1, "b", "c"], "abc"]
    assert summarize_question(ranking, broken + [["c", "b", "a"]] * 5).ranking == (
        ("c", 1.0),
        ("b", 2.0),
        ("a", 3.0),
    )


# --- open questions --------------------------------------------------------------------------


def test_shared_open_answers_are_shown_with_their_words() -> None:
    question = q(QuestionKind.OPEN, shared=True)
    values = [
        "Bij de buurvrouw",
        "Andere pleegouders",
        "   ",
        "Pleegouders uit de wijk",
        "De buurvrouw en pleegouders",
        "<b>Mijn zus</b>",
    ]
    summary = summarize_question(question, values)
    assert summary.respondents == 5
    # Raw text (escaping is the renderer's job), in an order of their own: not the order in
    # which they came in, so the newest answer cannot be told by its place (issue 27)
    assert sorted(summary.texts) == sorted(
        [
            "Bij de buurvrouw",
            "Andere pleegouders",
            "Pleegouders uit de wijk",
            "De buurvrouw en pleegouders",
            "<b>Mijn zus</b>",
        ]
    )
    assert summarize_question(question, list(reversed(values))).texts == summary.texts
    # "pleegouders" (3 people) and "buurvrouw" (2): fewer than 5 people, so no word at all
    assert summary.words == ()


def test_personal_open_answers_are_only_counted_never_shown() -> None:
    question = q(QuestionKind.OPEN, shared=False)
    values = ["Ik twijfel of ik dit volhoud"] * 7
    summary = summarize_question(question, values)
    assert summary.respondents == 7 and not summary.suppressed
    assert summary.texts == () and summary.words == ()
    assert summary.counts == () and summary.mean is None


def test_hidden_answers_leave_texts_and_words_but_still_count() -> None:
    shared = q(QuestionKind.OPEN, "steun-1", shared=True)
    texts = ["Mijn moeder", "Vrienden", "Buren", "Scheldwoord Jansen", "De school", "Opa", "Oom"]
    frame = answers_frame(rows_for(shared, texts))
    summary = summarize_session(
        [shared], frame, hidden={("p0003", "steun-1"), ("p0003", "other-question")}
    ).questions[0]
    assert summary.respondents == 7 and summary.hidden == 1
    assert "Scheldwoord Jansen" not in summary.texts
    assert sorted(summary.texts) == sorted(t for t in texts if t != "Scheldwoord Jansen")
    assert all(word not in ("scheldwoord", "jansen") for word, _ in summary.words)


def test_session_texts_keep_one_order_whatever_order_they_came_in() -> None:
    shared = q(QuestionKind.OPEN, "steun-1", shared=True)
    rows = rows_for(shared, ["a1", "b2", "c3", "d4", "e5"])
    forward = summarize_session([shared], answers_frame(rows)).questions[0]
    backward = summarize_session([shared], answers_frame(reversed(rows))).questions[0]
    assert forward.texts == backward.texts and sorted(forward.texts) == [
        "a1",
        "b2",
        "c3",
        "d4",
        "e5",
    ]


# --- word frequencies ------------------------------------------------------------------------


def test_word_frequencies_drop_stop_words_punctuation_and_short_words() -> None:
    texts = [
        "Pleegouders, pleegouders!! En de ouders... (pleegouders?)",
        "Ik heb 24 uur per dag steun nodig; 2x per week.",
        "Het café naast de crèche — daar praten we over één ding.",
    ]
    words = dict(word_frequencies(texts))
    assert words["pleegouders"] == 3
    assert words["ouders"] == 1
    assert words["café"] == 1 and words["crèche"] == 1 and words["één"] == 1
    for gone in ("en", "de", "ik", "heb", "het", "daar", "over", "24", "2x", "we"):
        assert gone not in words
    assert "uur" in words  # three letters is long enough


def test_word_frequencies_sort_by_count_then_word_and_keep_the_top() -> None:
    texts = ["zorg zorg zorg", "appel appel", "beer beer", "citroen"]
    assert word_frequencies(texts) == (("zorg", 3), ("appel", 2), ("beer", 2), ("citroen", 1))
    assert word_frequencies(texts, top=2) == (("zorg", 3), ("appel", 2))
    assert word_frequencies([]) == ()


def test_decomposed_accents_stay_inside_the_word() -> None:
    decomposed = "cafe\u0301 cafe\u0301"  # "café" typed as e + combining accent
    assert word_frequencies([decomposed]) == (("café", 2),)


def test_the_stop_words_cover_common_dutch_function_words() -> None:
    listed_text = (
        "de het een en van ik je jij wij zij dat die niet met voor ook maar als bij naar wat "
        "hoe dan nog wel zijn heb hebben wordt worden kan kunnen mijn onze ons hun haar hem "
        "hij er om op aan uit door over tot te in is was of dit deze daar hier heel veel meer "
        "zo al ben bent doen gaat gaan had zou moet moeten omdat want toen iets niets alles "
        "mij me mee jullie hen men geen nu wie waar welke zelf andere"
    )
    assert set(listed_text.split()) <= DUTCH_STOP_WORDS
    assert 90 <= len(DUTCH_STOP_WORDS) <= 150
    assert "pleegouders" not in DUTCH_STOP_WORDS


# --- roles -----------------------------------------------------------------------------------


def test_roles_are_counted_with_display_names_largest_first() -> None:
    roles = ["pleegouder"] * 8 + ["begeleider"] * 5 + [None] * 6
    groups, suppressed = role_counts(roles, ROLE_NAMES)
    assert not suppressed
    assert groups == (("Pleegouders", 8), ("Rol niet gekozen", 6), ("Pleegzorgbegeleiders", 5))


def test_small_role_groups_are_merged_into_other_roles() -> None:
    roles = ["pleegouder"] * 9 + ["ouder"] * 3 + ["jeugdbeschermer"] * 2
    groups, _ = role_counts(roles, ROLE_NAMES)
    assert groups == (("Pleegouders", 9), ("Overige rollen", 5))


def test_a_single_small_group_is_hidden_together_with_the_next_smallest() -> None:
    # Two jeugdbeschermers next to 12 pleegouders and 6 begeleiders: showing 12 and 6 out
    # of 20 would reveal the 2. The 6 begeleiders are merged with them instead.
    roles = ["pleegouder"] * 12 + ["begeleider"] * 6 + ["jeugdbeschermer"] * 2
    groups, suppressed = role_counts(roles, ROLE_NAMES)
    assert not suppressed
    assert groups == (("Pleegouders", 12), ("Overige rollen", 8))


def test_fewer_than_five_participants_show_no_roles_at_all() -> None:
    assert role_counts(["pleegouder"] * 4, ROLE_NAMES) == ((), True)
    assert role_counts([], ROLE_NAMES) == ((), True)


def test_no_role_count_below_k_can_be_seen_or_derived() -> None:
    rng = random.Random(20240501)
    labels = [f"rol-{n}" for n in range(6)] + [None]
    for _ in range(2000):
        k = rng.choice([2, 3, 5])
        roles = [rng.choice(labels) for _ in range(rng.randint(0, 30))]
        groups, suppressed = role_counts(roles, {}, k=k, other_label="Overige")
        true = Counter("Rol niet gekozen" if r is None else r for r in roles)
        if len(roles) < k:
            assert (groups, suppressed) == ((), True)
            continue
        shown = dict(groups)
        assert not suppressed
        assert all(n >= k for n in shown.values())
        # The shown counts add up to the total: nothing left over to subtract.
        assert sum(shown.values()) == len(roles)
        # A real role is shown with its true count, or merged with at least one other.
        merged = [label for label in true if label not in shown]
        assert all(shown[label] == true[label] for label in true if label in shown)
        assert len(merged) != 1
        assert ("Overige" in shown) == bool(merged)


# --- sessions --------------------------------------------------------------------------------


def test_answers_frame_without_rows_has_the_columns() -> None:
    frame = answers_frame([])
    assert list(frame.columns) == ["participant_id", "role_id", "question_id", "value", "saved_at"]
    assert frame.empty
    summary = summarize_session([q(QuestionKind.SCALE_0_10)], frame)
    assert summary.respondents == 0
    assert summary.roles == () and summary.roles_suppressed
    assert summary.questions[0].suppressed and summary.questions[0].respondents == 0


def test_answers_frame_keeps_values_and_missing_roles_as_they_are() -> None:
    frame = answers_frame(
        [
            {"participant_id": "p1", "role_id": None, "question_id": "q-1", "value": ["a", "b"]},
            {"participant_id": "p2", "question_id": "q-1", "value": 7},
        ]
    )
    assert frame["value"].dtype == object
    assert frame["value"].tolist() == [["a", "b"], 7]
    assert frame["role_id"].tolist() == [None, None]


def test_session_counts_everyone_who_joined_even_without_answers() -> None:
    scale = q(QuestionKind.SCALE_0_10, "cijfer")
    rows = rows_for(scale, [6, 7, 8], role="pleegouder")
    participants: dict[str, str | None] = {f"p{i:04d}": "pleegouder" for i in range(7)}
    participants.update({"x1": "ouder", "x2": "ouder", "x3": "ouder", "x4": None, "x5": None})
    summary = summarize_session(
        [scale], answers_frame(rows), participants=participants, role_names=ROLE_NAMES
    )
    assert summary.respondents == 12
    assert summary.roles == (("Pleegouders", 7), ("Overige rollen", 5))
    assert summary.questions[0].respondents == 3 and summary.questions[0].suppressed


def test_session_summarizes_each_question_in_worksheet_order() -> None:
    choice = q(QuestionKind.SINGLE_CHOICE, "keuze", options=("Ja", "Nee"))
    scale = q(QuestionKind.SCALE_0_10, "cijfer")
    rows = rows_for(scale, [4, 6, 6, 8, 6], role="pleegouder")
    rows += rows_for(choice, ["Ja", "Nee", "Ja", "Ja", "Ja"], role="pleegouder")
    rows.append({"participant_id": "p0000", "question_id": "weg", "value": "x"})
    rows.append({"participant_id": "p0000", "question_id": "cijfer", "value": 10})  # changed
    summary = summarize_session([choice, scale], answers_frame(rows), role_names=ROLE_NAMES)
    assert summary.respondents == 5
    assert summary.roles == (("Pleegouders", 5),)
    keuze, cijfer = summary.questions
    assert keuze.question is choice and keuze.counts == (("Ja", 4), ("Nee", 1))
    assert cijfer.respondents == 5 and cijfer.mean == pytest.approx(36 / 5)


def mixed_questions() -> list[Question]:
    return [
        q(QuestionKind.OPEN, "open-1", shared=True),
        q(QuestionKind.OPEN, "open-2", shared=True),
        q(QuestionKind.OPEN, "open-3"),
        q(QuestionKind.LIKERT, "likert-1", options=LIKERT),
        q(QuestionKind.LIKERT, "likert-2", options=LIKERT),
        q(QuestionKind.SINGLE_CHOICE, "keuze", options=("Ja", "Nee", "Weet niet")),
        q(QuestionKind.MULTIPLE_CHOICE, "meer", options=("a", "b", "c", "d")),
        q(QuestionKind.SCALE_0_10, "cijfer-1"),
        q(QuestionKind.SCALE_0_10, "cijfer-2"),
        q(QuestionKind.RANKING, "volgorde", options=("tijd", "geld", "steun", "rust")),
    ]


def random_value(question: Question, rng: random.Random) -> object:
    kind = question.kind
    if kind == QuestionKind.OPEN:
        words = ["pleegouders", "steun", "school", "buren", "de", "een", "tijd", "rust", "ouders"]
        return " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
    if kind in (QuestionKind.LIKERT, QuestionKind.SINGLE_CHOICE):
        return rng.choice(question.options)
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return [o for o in question.options if rng.random() < 0.5]
    if kind == QuestionKind.SCALE_0_10:
        return rng.randint(0, 10)
    return rng.sample(list(question.options), len(question.options))


def test_a_session_of_a_thousand_participants_is_summarized_quickly() -> None:
    rng = random.Random(7)
    questions = mixed_questions()
    roles = list(ROLE_NAMES) + [None]
    participants = {f"p{i:05d}": rng.choice(roles) for i in range(1000)}
    rows = [
        {"participant_id": pid, "role_id": role, "question_id": question.id, "value": value}
        for pid, role in participants.items()
        for question in questions
        for value in [random_value(question, rng)]
    ]
    frame = answers_frame(rows)
    assert len(frame) == 10_000
    hidden = {(pid, "open-1") for pid in list(participants)[:50]}

    # A full garbage collection costs ~0.1 s here, in proportion to everything the test
    # process holds (pytest, pandas, SQLAlchemy), not to this call; run it now so that the
    # clock measures the summary itself.
    gc.collect()
    timings = []
    for _ in range(3):  # the best of three: other processes share this machine
        start = time.perf_counter()
        summary = summarize_session(
            questions, frame, participants=participants, role_names=ROLE_NAMES, hidden=hidden
        )
        timings.append(time.perf_counter() - start)
    elapsed = min(timings)
    print(f"\nsummarize_session over {len(frame)} rows: {elapsed * 1000:.1f} ms (best of 3)")

    assert elapsed < 0.5
    assert summary.respondents == 1000
    assert sum(n for _, n in summary.roles) == 1000
    by_id = {s.question.id: s for s in summary.questions}
    shown = published(1000)  # counts move in steps of two beyond k: 999 of 1000
    open_1 = by_id["open-1"]
    assert open_1.respondents == shown and len(open_1.texts) == shown - open_1.hidden
    assert 0 < open_1.hidden <= 50
    assert by_id["open-3"].texts == ()
    assert sum(n for _, n in by_id["keuze"].counts) == shown
    assert [item for item, _ in by_id["volgorde"].ranking] != []


# --- layering --------------------------------------------------------------------------------


def test_the_analysis_layer_does_not_import_widget_libraries() -> None:
    code = (
        "import sys\n"
        "import pleegzorg_lib.analysis\n"
        "bad = [m for m in ('ipywidgets', 'traitlets', 'IPython') if m in sys.modules]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_public_api_is_declared() -> None:
    for name in analysis.__all__:
        assert hasattr(analysis, name)
    import types

    public = {
        name
        for name in dir(analysis)
        if not name.startswith("_") and not isinstance(getattr(analysis, name), types.ModuleType)
    }
    assert public - set(analysis.__all__) <= {"annotations"}  # submodules are not the API


def test_a_poll_typed_by_the_facilitator() -> None:
    """services/live.py: the question, its options one a line (duplicates and blank lines
    dropped, at most 12 of 120 characters), one option alone makes an open poll."""
    from pleegzorg_lib.services.live import poll_from_text

    assert poll_from_text("   ", "Ja\nNee") is None
    assert poll_from_text(" Hoe gaat het? ", "Goed\n\nGoed\n Zwaar \n") == (
        "Hoe gaat het?",
        ("Goed", "Zwaar"),
    )
    assert poll_from_text("Iets?", "Alleen dit") == ("Iets?", ())
    prompt, options = poll_from_text("x" * 400, "\n".join(f"optie {i}" for i in range(20)))
    assert len(prompt) == 300 and len(options) == 12
    assert poll_from_text("?", "a" * 200 + "\nb") == ("?", ("a" * 120, "b"))


def test_a_count_changes_only_when_two_more_people_answered() -> None:
    """Issue 27 (hole 5): with 5 respondents a Likert showed "Helemaal mee eens 0", after a
    6th "1": the 6th person's answer was read off. Beyond k, counts move in steps of two."""
    question = q(QuestionKind.LIKERT, options=("1", "2", "3", "4", "5"))
    first = [question.options[1]] * 5
    five = summarize_question(question, first)
    six = summarize_question(question, [*first, question.options[4]])
    assert six.respondents == five.respondents == 5 and six.counts == five.counts
    seven = summarize_question(question, [*first, question.options[4], question.options[1]])
    assert seven.respondents == 7
    assert [published(n) for n in range(3, 12)] == [3, 4, 5, 5, 7, 7, 9, 9, 11]
    texts = q(QuestionKind.OPEN, shared=True)
    answers = [f"Antwoord {i}" for i in range(5)]
    assert "Nieuw" not in summarize_question(texts, [*answers, "Nieuw"]).texts


def test_the_group_sees_only_words_five_people_wrote_counted_per_person() -> None:
    """Issue 30: a word in the cloud is one at least k = 5 people wrote; a word repeated by
    one person counts once, so no one makes a word stand out (or a name appear) alone."""
    from pleegzorg_lib.analysis import words_of_the_group

    question = q(QuestionKind.OPEN, shared=True)
    values = [
        "Koffie koffie koffie met de buurvrouw",
        "Koffie drinken bij de buurvrouw",
        "Samen koffie",
        "Koffie en een luisterend oor, de buurvrouw",
        "Een kop koffie",
        "Jansen Jansen Jansen Jansen Jansen Jansen, buurvrouw",
    ]
    summary = summarize_question(question, values)
    assert summary.words == (("koffie", 5),)
    assert words_of_the_group(values, k=4) == (("buurvrouw", 4), ("koffie", 5))[::-1]
    assert ("jansen", 6) not in words_of_the_group(values, k=1)
    assert ("jansen", 1) in words_of_the_group(values, k=1)


def test_the_stop_words_include_the_maintained_dutch_list() -> None:
    from stop_words import get_stop_words

    from pleegzorg_lib.analysis import DUTCH_STOP_WORDS, words_of_the_group

    assert set(get_stop_words("dutch")) <= DUTCH_STOP_WORDS
    assert "wezen" in DUTCH_STOP_WORDS and "zijn" in DUTCH_STOP_WORDS  # theirs and ours
    assert words_of_the_group(["zei ik wezen steun"] * 5) == (("steun", 5),)


def test_the_word_cloud_is_svg_with_the_words_escaped_largest_first() -> None:
    import re

    from pleegzorg_lib.export.wordcloud import word_cloud_svg

    assert word_cloud_svg([], label="Woordwolk") == ""
    svg = word_cloud_svg(
        [("steun", 9), ("<b>rust</b>", 5), ("tijd", 6), ("geduld", 5)], label="Woordwolk"
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<b>" not in svg and "&lt;b&gt;rust&lt;/b&gt;" in svg
    sizes = dict(
        re.findall(r'font-size="(\d+)"[^>]*>([^<]+)</text>', svg)[i][::-1] for i in range(4)
    )
    assert int(sizes["steun"]) > int(sizes["tijd"]) > int(sizes["geduld"])
    assert 'aria-label="Woordwolk: steun (9), &lt;b&gt;rust&lt;/b&gt; (5)' in svg
