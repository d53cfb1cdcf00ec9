"""Answers compared by role: k per group, small roles merged, texts escaped."""

from __future__ import annotations

from pleegzorg_lib.analysis import answers_frame, compare_by_role, role_groups
from pleegzorg_lib.export.html import role_comparison_html
from pleegzorg_lib.model import Question, QuestionKind

NAMES = {"pleegouder": "Pleegouder", "pleegzorgbegeleider": "Pleegzorgbegeleider"}
SCALE = Question(id="cijfer", kind=QuestionKind.SCALE_0_10, prompt="Hoe gaat de samenwerking?")
WHY = Question(id="waarom", kind=QuestionKind.OPEN, prompt="Waarom doe ik wat ik doe?", shared=True)
OWN = Question(id="eigen", kind=QuestionKind.OPEN, prompt="Persoonlijk")


def _rows(roles: dict[str, str | None], score: dict[str | None, int]):
    for pid, role in roles.items():
        base = {"participant_id": pid, "role_id": role}
        yield {**base, "question_id": "cijfer", "value": score[role]}
        yield {**base, "question_id": "waarom", "value": f"<b>{pid}</b>"}
        yield {**base, "question_id": "eigen", "value": "geheim"}


def _roles(**counts: int) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for role, n in counts.items():
        for i in range(n):
            out[f"{role}{i}"] = None if role == "geen" else role
    return out


def test_groups_of_k_are_compared_and_small_roles_merged() -> None:
    roles = _roles(pleegouder=5, pleegzorgbegeleider=3, jeugdbeschermer=2)
    score = {"pleegouder": 8, "pleegzorgbegeleider": 4, "jeugdbeschermer": 4}
    frame = answers_frame(_rows(roles, score))
    result = compare_by_role([SCALE, WHY, OWN], frame, participants=roles, role_names=NAMES)
    assert not result.suppressed
    assert result.groups == (("Pleegouder", 5), ("Overige rollen", 5))
    (q1, scale), (q2, why), (_q3, own) = result.questions
    assert q1.id == "cijfer" and [s.mean for s in scale] == [8.0, 4.0]
    assert sorted(why[0].texts) == sorted(f"<b>pleegouder{i}</b>" for i in range(5))
    assert own[0].texts == () and own[0].respondents == 5  # personal answers never shown
    page = role_comparison_html(result)
    assert "&lt;b&gt;pleegouder0&lt;/b&gt;" in page and "<b>pleegouder0</b>" not in page
    assert "geheim" not in page
    assert "Jeugdbeschermer" not in page


def test_a_merged_group_below_k_folds_in_the_smallest_shown_group() -> None:
    roles = _roles(pleegouder=7, pleegzorgbegeleider=4)  # 11: all published (steps of two)
    groups = role_groups(roles, NAMES)
    assert groups is not None and set(groups.values()) == {"Overige rollen"}
    frame = answers_frame(_rows(roles, {"pleegouder": 9, "pleegzorgbegeleider": 1}))
    result = compare_by_role([SCALE], frame, participants=roles, role_names=NAMES)
    assert result.groups == (("Overige rollen", 11),)
    assert result.questions[0][1][0].mean == (7 * 9 + 4 * 1) / 11


def test_fewer_than_k_in_all_shows_nothing() -> None:
    roles = _roles(pleegouder=4)
    frame = answers_frame(_rows(roles, {"pleegouder": 7}))
    result = compare_by_role([SCALE], frame, participants=roles, role_names=NAMES)
    assert result.suppressed and result.questions == ()
    assert "pz-suppressed" in role_comparison_html(result)


def test_hidden_answers_stay_out_of_the_texts() -> None:
    roles = _roles(pleegouder=5)
    frame = answers_frame(_rows(roles, {"pleegouder": 7}))
    result = compare_by_role(
        [WHY], frame, participants=roles, role_names=NAMES, hidden={("pleegouder0", "waarom")}
    )
    texts = result.questions[0][1][0].texts
    assert "<b>pleegouder0</b>" not in texts and len(texts) == 4
