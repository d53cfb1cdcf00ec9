"""The netwerkkaart model: a known map gives known metrics, prompts name the gaps, hostile
values are refused, and the catalog file is read with errors that name file and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pleegzorg_lib import config
from pleegzorg_lib.analysis.network_metrics import (
    describe_map,
    join_names,
    metrics,
    reflection_prompts,
)
from pleegzorg_lib.content import ContentError
from pleegzorg_lib.content.netwerkkaart import load_netwerkkaart_spec, read_netwerkkaart_spec
from pleegzorg_lib.model import AnswerError, Question, QuestionKind
from pleegzorg_lib.model.netwerkkaart import (
    ALIAS_LIMIT,
    CLOSENESS_LEVELS,
    GAP_IDS,
    MAX_PEOPLE,
    QUALITY_IDS,
    SECTOR_IDS,
    SUPPORT_IDS,
    NetworkMap,
    Person,
    validate_map,
)


@pytest.fixture(scope="module")
def spec():
    return load_netwerkkaart_spec(config.data_dir())


def person(alias, sector, support=(), closeness=2, quality="goed"):
    return {
        "alias": alias,
        "sector": sector,
        "support": list(support),
        "closeness": closeness,
        "quality": quality,
    }


#: A foster mother's map: six people, five sectors.
KNOWN = {
    "people": [
        person("Mark", "huishouden", ["praktisch", "emotioneel", "gezelschap"], 1),
        person("Oma Riet", "familie", ["praktisch"], 2),
        person("Sanne", "vrienden", ["emotioneel", "gezelschap"], 1, "wisselend"),
        person("Joke", "buren", ["praktisch"], 3),
        person("Ellen", "pleegouders", ["emotioneel", "advies"], 2),
        person("Pleegzorgbegeleider", "professionals", ["advies"], 2, "moeizaam"),
    ]
}


def gaps(spec, value) -> list[str]:
    return [r.gap for r in reflection_prompts(metrics(value, spec), spec)]


# -- metrics ---------------------------------------------------------------------------------
def test_a_known_map_gives_known_metrics(spec) -> None:
    m = metrics(KNOWN, spec)
    assert m.size == 6
    assert m.per_sector == (
        ("huishouden", 1),
        ("familie", 1),
        ("vrienden", 1),
        ("buren", 1),
        ("pleegouders", 1),
        ("school-werk", 0),
        ("professionals", 1),
    )
    assert m.per_closeness == ((1, 2), (2, 3), (3, 1))
    assert m.providers == (
        ("praktisch", ("Mark", "Oma Riet", "Joke")),
        ("emotioneel", ("Mark", "Sanne", "Ellen")),
        ("advies", ("Ellen", "Pleegzorgbegeleider")),
        ("gezelschap", ("Mark", "Sanne")),
    )
    assert m.covered == SUPPORT_IDS and m.missing == ()
    assert m.support_ties == 10
    assert (m.informal_ties, m.professional_ties) == (9, 1)
    assert (m.informal_people, m.professional_people) == (5, 1)
    assert m.informal_share == pytest.approx(0.9)
    assert m.professional_share == pytest.approx(0.1)
    assert m.single_providers == ()  # every kind has two or more people
    assert m.sole_links == (
        ("huishouden", "Mark"),
        ("familie", "Oma Riet"),
        ("vrienden", "Sanne"),
        ("buren", "Joke"),
        ("pleegouders", "Ellen"),
        ("professionals", "Pleegzorgbegeleider"),
    )
    assert m.heavy_carriers == ()  # Mark holds 3 of 10
    assert m.strained_close == ()  # the strained one is not close
    assert dict(m.ties_per_person)["Mark"] == 3


def test_known_map_prompts_name_the_sole_links_but_not_the_household(spec) -> None:
    prompts = reflection_prompts(metrics(KNOWN, spec), spec)
    assert [r.gap for r in prompts] == ["enige-link"]
    text = prompts[0].text
    assert "familie (Oma Riet)" in text and "pleegouders (Ellen)" in text
    assert "Mark" not in text  # one partner at home is no gap


def test_single_provider_is_a_one_person_dependency(spec) -> None:
    value = {
        "people": [
            person("Anna", "familie", ["emotioneel", "praktisch"], 1),
            person("Bert", "familie", ["praktisch"], 2),
        ]
    }
    m = metrics(value, spec)
    assert m.single_providers == (("emotioneel", "Anna"),)
    assert m.sole_links == ()  # two people in the family
    assert m.missing == ("advies", "gezelschap")
    [prompt] = [r for r in reflection_prompts(m, spec) if r.gap == "een-persoon"]
    assert "emotionele steun (Anna)" in prompt.text


def test_a_person_with_half_of_all_support_carries_the_map(spec) -> None:
    value = {
        "people": [
            person("Anna", "familie", ["emotioneel", "praktisch"], 1),
            person("Bert", "vrienden", ["praktisch"], 2),
            person("Cor", "vrienden", ["gezelschap"], 2),
        ]
    }
    m = metrics(value, spec)
    assert m.support_ties == 4
    assert m.heavy_carriers == (("Anna", 2),)
    assert "zwaar" in gaps(spec, value)
    # Below three ties the single-provider check says it already.
    few = {"people": [person("Anna", "familie", ["emotioneel", "praktisch"], 1)]}
    assert metrics(few, spec).heavy_carriers == ()


def test_informal_share_and_only_professionals(spec) -> None:
    only_pro = {
        "people": [
            person("Begeleider", "professionals", ["advies", "emotioneel"], 2),
            person("Huisarts", "professionals", ["advies"], 3),
        ]
    }
    m = metrics(only_pro, spec)
    assert m.informal_share == 0 and m.professional_share == 1
    found = gaps(spec, only_pro)
    assert "alleen-professionals" in found and "vooral-professionals" not in found
    mostly = {
        "people": [
            person("Begeleider", "professionals", ["advies", "emotioneel"], 2),
            person("Zus", "familie", ["praktisch"], 1),
        ]
    }
    m = metrics(mostly, spec)
    assert m.informal_share == pytest.approx(1 / 3)
    [prompt] = [r for r in reflection_prompts(m, spec) if r.gap == "vooral-professionals"]
    assert prompt.text.startswith("67% van de steun")


def test_empty_map_gets_only_the_prompt_to_start(spec) -> None:
    m = metrics({"people": []}, spec)
    assert m.size == 0 and m.support_ties == 0 and m.informal_share is None
    assert m.missing == SUPPORT_IDS
    assert gaps(spec, {"people": []}) == ["leeg"]


def test_people_without_support_get_one_prompt_not_four(spec) -> None:
    value = {"people": [person("Anna", "pleegouders", [], 2)]}
    found = gaps(spec, value)
    assert "geen-steun" in found
    assert not any(g.startswith("geen-") and g[5:] in SUPPORT_IDS for g in found)
    assert "niemand-dichtbij" in found


def test_every_missing_kind_and_other_gaps_have_their_prompt(spec) -> None:
    value = {"people": [person("Zus", "familie", ["praktisch"], 1, "moeizaam")]}
    found = gaps(spec, value)
    for gap in ("geen-emotioneel", "geen-advies", "geen-gezelschap", "geen-pleegouders"):
        assert gap in found
    assert "geen-praktisch" not in found
    assert "spanning" in found and "een-persoon" in found and "enige-link" in found
    texts = {r.gap: r.text for r in reflection_prompts(metrics(value, spec), spec)}
    assert "Dichtbij, maar het contact kost energie: Zus." in texts["spanning"]


def test_a_broad_map_is_named_as_a_strength(spec) -> None:
    people = [
        person(f"{sector}-{n}", sector, SUPPORT_IDS, 1 + n % 3)
        for sector in SECTOR_IDS
        for n in range(2)
    ]
    assert gaps(spec, {"people": people}) == ["breed"]


def test_prompts_follow_the_catalog_order_and_every_gap_has_one(spec) -> None:
    assert {p.gap for p in spec.prompts} == set(GAP_IDS)
    value = {"people": [person("Zus", "familie", ["praktisch"], 1, "moeizaam")]}
    order = [p.gap for p in spec.prompts]
    found = gaps(spec, value)
    assert found == sorted(found, key=order.index)


def test_join_names_is_dutch() -> None:
    assert join_names([]) == ""
    assert join_names(["Anna"]) == "Anna"
    assert join_names(["Anna", "Bert", "Cor"]) == "Anna, Bert en Cor"


def test_metrics_accept_a_network_map_object(spec) -> None:
    network_map = NetworkMap.from_value(KNOWN)
    assert metrics(network_map, spec) == metrics(KNOWN, spec)
    assert network_map.to_json() == KNOWN


# -- validation --------------------------------------------------------------------------
GOOD = person("Anna", "familie", ["emotioneel"], 1)


def with_person(**changes):
    return {"people": [{**GOOD, **changes}]}


HOSTILE = [
    ("not a dict", ["people"], "answer.invalid"),
    ("extra top key", {"people": [], "x": 1}, "answer.invalid"),
    ("people not a list", {"people": "Anna"}, "answer.invalid"),
    ("person not a dict", {"people": ["Anna"]}, "answer.invalid"),
    ("extra person key", {"people": [{**GOOD, "onclick": "x"}]}, "answer.invalid"),
    (
        "missing person key",
        {"people": [{k: v for k, v in GOOD.items() if k != "quality"}]},
        "answer.invalid",
    ),
    ("alias a number", with_person(alias=3), "answer.invalid"),
    ("alias empty", with_person(alias=""), "nk.error.alias_empty"),
    ("alias blank", with_person(alias="   "), "nk.error.alias_empty"),
    ("alias too long", with_person(alias="x" * (ALIAS_LIMIT + 1)), "nk.error.alias_too_long"),
    ("alias with NUL", with_person(alias="An\x00na"), "answer.bad_characters"),
    ("alias lone surrogate", with_person(alias="An\ud800na"), "answer.bad_characters"),
    ("alias with escape", with_person(alias="An\x1b[31mna"), "answer.bad_characters"),
    ("alias with newline", with_person(alias="An\nna"), "answer.bad_characters"),
    ("unknown sector", with_person(sector="geheim"), "answer.invalid"),
    ("sector a list", with_person(sector=["familie"]), "answer.invalid"),
    ("unknown support", with_person(support=["geld"]), "answer.invalid"),
    ("support a string", with_person(support="emotioneel"), "answer.invalid"),
    ("support with a number", with_person(support=[1]), "answer.invalid"),
    ("closeness 0", with_person(closeness=0), "answer.invalid"),
    ("closeness 4", with_person(closeness=4), "answer.invalid"),
    ("closeness true", with_person(closeness=True), "answer.invalid"),
    ("closeness float", with_person(closeness=1.0), "answer.invalid"),
    ("closeness text", with_person(closeness="1"), "answer.invalid"),
    ("unknown quality", with_person(quality="<b>"), "answer.invalid"),
    (
        "too many people",
        {"people": [person(f"p{i}", "vrienden") for i in range(MAX_PEOPLE + 1)]},
        "nk.error.too_many",
    ),
    (
        "duplicate alias",
        {"people": [GOOD, person(" anna ", "vrienden")]},
        "nk.error.duplicate",
    ),
]


@pytest.mark.parametrize(("value", "key"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_hostile_values_are_refused(value, key) -> None:
    with pytest.raises(AnswerError) as caught:
        validate_map(value)
    assert caught.value.key == key


def test_validation_normalises(spec) -> None:
    value = with_person(alias="  Cafe\u0301 ", support=["gezelschap", "praktisch", "gezelschap"])
    assert validate_map(value) == {
        "people": [
            {
                "alias": "Café",
                "sector": "familie",
                "support": ["praktisch", "gezelschap"],
                "closeness": 1,
                "quality": "goed",
            }
        ]
    }
    full = {"people": [person(f"p{i}", "vrienden") for i in range(MAX_PEOPLE)]}
    assert len(validate_map(full)["people"]) == MAX_PEOPLE
    assert validate_map({"people": [with_person(alias="x" * ALIAS_LIMIT)["people"][0]]})


def test_the_question_kind_validates_through_the_model() -> None:
    question = Question(id="kaart", kind=QuestionKind.NETWORK_MAP, prompt="Wie?")
    assert question.validate(None) is None
    assert question.validate(KNOWN) == KNOWN
    with pytest.raises(AnswerError):
        question.validate(with_person(sector="x"))
    assert question.is_answered(KNOWN)
    assert not question.is_answered({"people": []})


def test_validation_does_not_import_networkx() -> None:
    code = (
        "import sys\n"
        "from pleegzorg_lib.model import Question, QuestionKind\n"
        "q = Question(id='k', kind=QuestionKind.NETWORK_MAP, prompt='p')\n"
        "q.validate({'people': []})\n"
        "sys.exit(1 if 'networkx' in sys.modules else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# -- describe_map ----------------------------------------------------------------------------
def test_describe_map_gives_one_readable_line_per_person(spec) -> None:
    value = {
        "people": [
            person("Anna", "familie", ["emotioneel", "praktisch"], 1),
            person("Kees", "school-werk", [], 3, "moeizaam"),
        ]
    }
    assert describe_map(value, spec) == (
        "Anna — familie; praktisch, emotioneel; dichtbij; goed\n"
        "Kees — school/werk; geen steun; verder weg; kost energie"
    )
    assert describe_map(value).splitlines()[0] == (
        "Anna — familie; praktisch, emotioneel; dichtbij; goed"
    )
    assert describe_map({"people": "broken"}) == ""
    assert describe_map(None) == ""


def test_person_round_trips_through_json() -> None:
    p = Person.from_json(GOOD)
    assert p.support == ("emotioneel",) and p.to_json() == GOOD


# -- the catalog file --------------------------------------------------------------------------
def test_the_catalog_file_uses_exactly_the_model_ids(spec) -> None:
    assert tuple(s.id for s in spec.sectors) == SECTOR_IDS
    assert tuple(k.id for k in spec.support_kinds) == SUPPORT_IDS
    assert tuple(c.level for c in spec.closeness) == CLOSENESS_LEVELS
    assert tuple(q.id for q in spec.quality) == QUALITY_IDS
    assert [s.id for s in spec.sectors if not s.informal] == ["professionals"]
    joined = " ".join(spec.source)
    assert "Hartman, A. (1978)" in joined and "Tracy, E. M. & Whittaker" in joined
    assert load_netwerkkaart_spec(config.data_dir()) is spec  # cached


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data" / "tools"
    target.mkdir(parents=True)
    shutil.copy(config.data_dir() / "tools" / "netwerkkaart.yaml", target / "netwerkkaart.yaml")
    return tmp_path / "data"


def _edit(data: Path, old: str, new: str) -> int:
    """Replace ``old`` once; return the 1-based line where it was."""
    path = data / "tools" / "netwerkkaart.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ('colour: "#009e73"', 'colour: "groen"', "sectors[2].colour", "geen kleur"),
        ("  - id: buren\n", "  - id: buurt\n", "sectors[3].id", "bestaat niet"),
        ("informal: false", "informal: nee", "sectors[6].informal", "ja/nee"),
        ("line: dashed", "line: wavy", "quality[1].line", "bestaat niet"),
        ("{share} van de steun", "{aandeel} van de steun", "prompts[8].text", "plaatshouder"),
        (
            "    short: buren\n",
            "    kort: b\n    short: buren\n",
            "sectors[3].kort",
            "onbekend veld",
        ),
    ],
)
def test_loader_errors_name_file_line_and_field(data_copy, old, new, field, words) -> None:
    line = _edit(data_copy, old, new)
    with pytest.raises(ContentError) as caught:
        read_netwerkkaart_spec(data_copy)
    error = caught.value
    assert error.file == "data/tools/netwerkkaart.yaml"
    assert error.field == field
    assert line - 1 <= error.line <= line  # the key's line (a folded text starts below it)
    assert words in str(error) and "regel" in str(error)


def test_a_missing_sector_is_reported_with_the_list_line(data_copy) -> None:
    path = data_copy / "tools" / "netwerkkaart.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: buren")
    end = text.index("  - id: pleegouders")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_netwerkkaart_spec(data_copy)
    assert caught.value.field == "sectors"
    assert "buren" in str(caught.value)
    assert caught.value.line == text[: text.index("sectors:")].count("\n") + 2


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        read_netwerkkaart_spec(tmp_path)
    assert "ontbreekt" in str(caught.value)
