"""The facilitator's live view: only with the key, only aggregates, every click re-checked."""

from __future__ import annotations

import pytest

from pleegzorg_lib.export import collect_session, report_html
from pleegzorg_lib.pages.facilitator import live_view, open_live_view
from pleegzorg_lib.services.sessions import create_session
from pleegzorg_lib.widgets.facilitator import REPORT_TAB, LiveView

WS = "informele-steun"
ROLES = ["pleegouder"] * 5 + ["pleegzorgbegeleider"] * 3 + ["jeugdbeschermer"] * 2


@pytest.fixture
def session_links(store):
    return create_session(store, network_id="breakdown", worksheet_id=WS, title="Regio Utrecht")


def join(store, code: str, n: int) -> list[str]:
    ids = []
    for i in range(n):
        person, _ = store.create_participant(role_id=ROLES[i % len(ROLES)], display_name=f"Naam{i}")
        store.enrol(person.id, WS, code)
        store.save_answer(person.id, WS, "steun-cijfer", 4 + i % 5, session_code=code)
        store.save_answer(
            person.id,
            WS,
            "ontmoeting-goed",
            f"Koffie met andere pleegouders <b>{i}</b>",
            session_code=code,
        )
        store.save_answer(person.id, WS, "steun-wie", f"Persoonlijk geheim {i}", session_code=code)
        ids.append(person.id)
    return ids


def query(links) -> str:
    return links.facilitator_url.split("?", 1)[1]


def test_without_the_key_there_is_nothing_but_a_message(store, session_links, capsys) -> None:
    code = session_links.session.code
    join(store, code, 6)
    assert open_live_view(f"sessie={code}", store=store) is None
    assert open_live_view(f"sessie={code}&sleutel=geraden", store=store) is None
    assert open_live_view("sessie=ONBEKEND&sleutel=x", store=store) is None
    assert live_view(store=store) is None  # outside Voilà: no query string, no data


def test_live_view_shows_aggregates_but_never_names_or_personal_answers(store, session_links):
    code = session_links.session.code
    join(store, code, 10)
    view = open_live_view(query(session_links), store=store)
    assert view is not None
    view.refresh()
    page = view.roles.value + "".join(
        getattr(child, "value", "") for child in view.results.box.children
    )
    assert "10 deelnemers" in view.roles.value
    assert "Pleegouder" in view.roles.value  # 5 pleegouders: shown
    assert "Jeugdbeschermer" not in view.roles.value  # 2 and 3: merged into one group of 5
    assert "Overige rollen" in view.roles.value
    assert "Koffie met andere pleegouders &lt;b&gt;3&lt;/b&gt;" in page
    assert "<b>3</b>" not in page
    assert "Persoonlijk geheim" not in page
    view.tabs.selected_index = REPORT_TAB  # the report tab builds the downloads
    assert "pz-download" in view.report.report.value
    assert "Naam" not in page and "Naam" not in view.report.report.value


def test_fewer_than_five_respondents_shows_no_aggregate(store, session_links) -> None:
    code = session_links.session.code
    join(store, code, 4)
    view = open_live_view(query(session_links), store=store)
    view.refresh()
    page = "".join(getattr(child, "value", "") for child in view.results.box.children)
    assert "Te weinig antwoorden om te tonen" in page
    assert "Koffie" not in page


def test_moderation_hides_from_the_group_but_keeps_the_answer(store, session_links) -> None:
    code = session_links.session.code
    ids = join(store, code, 5)
    view = open_live_view(query(session_links), store=store)
    view.refresh()
    assert view.results.moderate(ids[0], "ontmoeting-goed", True)
    data = collect_session(store, code)
    texts = [qs for qs in data.summary.questions if qs.question.id == "ontmoeting-goed"][0].texts
    assert len(texts) == 4 and all("<b>0</b>" not in t for t in texts)
    assert "&lt;b&gt;0&lt;/b&gt;" not in report_html(data)
    assert store.answers_for(ids[0], WS, session_code=code)["ontmoeting-goed"].endswith("<b>0</b>")
    assert not view.results.moderate(
        "iemand-anders", "ontmoeting-goed", True
    )  # not in this session


def test_forged_clicks_with_a_wrong_key_change_nothing(store, session_links) -> None:
    code = session_links.session.code
    ids = join(store, code, 5)
    forged = LiveView(
        session_links.session,
        "verkeerde-sleutel",
        store=store,
        catalog=open_live_view(query(session_links), store=store).catalog,
        root=open_live_view(query(session_links), store=store).root,
        participant_path="breakdown/informele-steun.ipynb",
    )
    forged.poll.prompt.value = "Gekaapt?"
    assert forged.poll.launch() is False
    assert store.active_poll(code) is None
    assert forged.results.moderate(ids[0], "ontmoeting-goed", True) is False
    assert store.hidden(code) == set()
    forged.refresh()
    assert forged.data is None  # nothing was read for a page without the key


def test_polls_are_launched_and_counted(store, session_links) -> None:
    code = session_links.session.code
    ids = join(store, code, 5)
    view = open_live_view(query(session_links), store=store)
    view.poll.prompt.value = ""
    assert view.poll.launch() is False
    view.poll.prompt.value = "Hoe gaat het nu met je?"
    view.poll.options.value = "Goed\nWisselend\nZwaar\n"
    assert view.poll.launch() is True
    poll = store.active_poll(code)
    assert poll.options == ("Goed", "Wisselend", "Zwaar")
    for pid, answer in zip(ids, ["Goed", "Goed", "Zwaar", "Wisselend", "Goed"], strict=True):
        store.answer_poll(poll.id, pid, answer)
    view.refresh()
    assert "Goed" in view.poll.results.value and ">3<" in view.poll.results.value
    assert view.poll.stop() is True
    assert store.active_poll(code) is None


def test_presenter_mode_steps_through_questions(store, session_links) -> None:
    join(store, session_links.session.code, 5)
    view = open_live_view(query(session_links), store=store)
    view.refresh()
    assert "Vraag 1 van 11" in view.presenter.position.value
    view.presenter.step(+1)
    view.presenter.step(+1)
    assert "Vraag 3 van 11" in view.presenter.position.value
    assert "Hoe tevreden ben je" in view.presenter.present.value
    view.presenter.step(-5)
    assert "Vraag 1 van 11" in view.presenter.position.value


def test_compare_shows_the_same_question_in_other_sessions(store, session_links) -> None:
    """Other sessions go by a number, never their title, and only with at least 5 answers
    (issue 27: a one-person session showed "1 antwoorden" and its title)."""
    join(store, session_links.session.code, 5)
    other = create_session(store, network_id="breakdown", worksheet_id=WS, title="Regio Twente")
    join(store, other.session.code, 7)
    small = create_session(store, network_id="breakdown", worksheet_id=WS, title="Regio Klein")
    join(store, small.session.code, 1)
    view = open_live_view(query(session_links), store=store)
    view.refresh()
    view.compare.choice.value = "steun-cijfer"
    view.compare.show()
    shown = view.compare.compare.value
    assert "Deze bijeenkomst: Regio Utrecht" in shown and "Andere bijeenkomst 1" in shown
    assert "Regio Twente" not in shown and "Regio Klein" not in shown
    assert "Andere bijeenkomst 2" not in shown and "1 antwoorden" not in shown
    assert "5 antwoorden" in shown and "7 antwoorden" in shown


def test_report_tab_offers_a_pdf(store, session_links) -> None:
    join(store, session_links.session.code, 5)
    view = open_live_view(query(session_links), store=store)
    view.refresh()
    assert view.report.make_pdf() is True
    assert "data:application/pdf;base64,JVBER" in view.report.pdf_link.value  # %PDF


def test_new_session_form_creates_a_session_with_links(store, catalog, monkeypatch) -> None:
    import datetime

    from pleegzorg_lib import config
    from pleegzorg_lib.content import load_worksheet_index
    from pleegzorg_lib.widgets.new_session import NewSessionForm

    index = load_worksheet_index(config.workbooks_dir(), catalog)
    form = NewSessionForm(catalog, index, store=store)
    form.network.value = "netwerkpleegzorg"
    offered = [v for _, v in form.worksheet.options]
    assert "veilig-in-de-familie" in offered
    assert offered == [w.id for w in index if w.network_id == "netwerkpleegzorg"]
    form.worksheet.value = "veilig-in-de-familie"
    form.title.value = "Twente <januari>"
    form.date.value = datetime.date(2027, 1, 14)
    form.expected.value = 35
    assert form.submit() is True
    code = form.result.value.split('pz-join-code">')[1].split("<")[0]
    session = store.session(code)
    assert session.title == "Twente <januari>" and session.date == "2027-01-14"
    assert session.expected == 35
    assert "Twente <januari>" not in form.result.value  # nothing typed is echoed as markup
    assert (
        f'href="../netwerkpleegzorg/veilig-in-de-familie.ipynb?sessie={code}"' in form.result.value
    )
    assert f'href="live.ipynb?sessie={code}&amp;sleutel=' in form.result.value
    key = form.result.value.split("sleutel=")[1].split('"')[0]
    assert store.facilitator_may(code, key)

    monkeypatch.setenv("PLEEGZORG_ORGANIZER_CODE", "geheim")
    guarded = NewSessionForm(catalog, index, store=store)
    guarded.organizer.value = "fout"
    assert guarded.submit() is False
    assert "klopt niet" in guarded.result.value
    guarded.organizer.value = "geheim"
    assert guarded.submit() is True


def test_by_role_tab_compares_roles_with_k_per_group(store, session_links) -> None:
    from pleegzorg_lib.widgets.facilitator import BYROLE_TAB

    code = session_links.session.code
    join(store, code, 10)  # 5 pleegouders, 3 begeleiders, 2 jeugdbeschermers
    view = open_live_view(query(session_links), store=store)
    view.refresh()
    view.tabs.selected_index = BYROLE_TAB
    page = view.byrole.box.value
    assert "Pleegouder (5)" in page and "Overige rollen (5)" in page
    assert "Jeugdbeschermer" not in page
    assert "Koffie met andere pleegouders &lt;b&gt;" in page
    assert "Persoonlijk geheim" not in page and "Naam" not in page


def test_the_participant_link_is_absolute_at_the_address_the_page_was_reached_by(
    store, session_links, monkeypatch
) -> None:
    """Issue 26: not ``../breakdown/…`` but the whole address, from the live page's own
    request (behind a prefix too), or from PLEEGZORG_BASE_URL when that is set."""
    code = session_links.session.code
    monkeypatch.delenv("PLEEGZORG_BASE_URL", raising=False)
    monkeypatch.setenv(
        "VOILA_REQUEST_URL",
        f"https://pleegzorg.example.nl/werkboeken/voila/render/facilitator/live.ipynb?sessie={code}",
    )
    view = open_live_view(query(session_links), store=store)
    assert view is not None
    link = (
        "https://pleegzorg.example.nl/werkboeken/voila/render/breakdown/informele-steun.ipynb"
        f"?sessie={code}"
    )
    assert f'href="{link}"' in view.header.value
    assert "../" not in view.header.value
    monkeypatch.setenv("PLEEGZORG_BASE_URL", "https://leernetwerk.example.nl/")
    view = open_live_view(query(session_links), store=store)
    assert view is not None
    assert "https://leernetwerk.example.nl/voila/render/breakdown/" in view.header.value
