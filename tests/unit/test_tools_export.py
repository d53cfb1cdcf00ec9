"""What the tools store appears in the participant's own export, escaped."""

from __future__ import annotations

from pleegzorg_lib.export import collect_participant, participant_html, participant_markdown


def test_netwerkkaart_and_agenda_appear_in_the_export(store, catalog) -> None:
    me, _code = store.create_participant(role_id="pleegouder")
    value = {
        "people": [
            {
                "alias": "Oma <Truus>",
                "sector": "familie",
                "support": ["emotioneel", "praktisch"],
                "closeness": 1,
                "quality": "goed",
            }
        ]
    }
    store.save_answer(me.id, "netwerkkaart", "kaart", value)
    store.add_agenda_item(me.id, "breakdown", "Wat werkt bij <b>matching</b>?")
    data = collect_participant(store, me, catalog=catalog)
    page = participant_html(data)
    assert "Oma &lt;Truus&gt;" in page and "<Truus>" not in page
    assert "Familie" in page or "familie" in page
    assert "emotioneel" in page.lower()
    assert "&lt;b&gt;matching&lt;/b&gt;" in page
    text = participant_markdown(data)
    assert "Oma" in text and "matching" in text
