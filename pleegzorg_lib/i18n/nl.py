"""Dutch messages (the default)."""

MESSAGES: dict[str, str] = {
    # Site and landing page
    "site.title": "Pleegzorg werkboeken",
    "site.tagline": (
        "Reflectie-oefeningen en werkbladen voor leernetwerken en dialogen in de pleegzorg"
    ),
    "landing.intro": (
        "Kies een werkblad. Je antwoorden worden meteen bewaard. Met je persoonlijke "
        "hervatcode ga je later verder, ook op een ander apparaat."
    ),
    "landing.minutes": "{minutes} minuten",
    "landing.open": "Open werkblad",
    "landing.empty": "Er zijn nog geen werkbladen.",
    "landing.other": "Overige werkbladen",
    "landing.visitor.label": "Ik ben",
    "landing.visitor.any": "— kies wie je bent —",
    "landing.visitor.pleegouder": "Pleegouder",
    "landing.visitor.pleegjongere": "Pleegjongere",
    "landing.visitor.eigen-kind": "Eigen kind van pleegouders",
    "landing.visitor.ouder": "Ouder van een kind in een pleeggezin",
    "landing.visitor.professional": "Professional (begeleider, jeugdbeschermer, gemeente …)",
    "landing.search.label": "Zoek een werkblad",
    "landing.search.placeholder": "bijvoorbeeld puberteit",
    "landing.search.submit": "Toon",
    "landing.found.title": "Gevonden werkbladen",
    "landing.found.for": "Werkbladen voor jou als {who}",
    "landing.found.count": "{n} werkbladen",
    "landing.found.all": "Alle werkbladen tonen",
    "landing.homes.title": "De netwerken: verhalen, vragen en bijeenkomsten",
    "landing.homes.intro": (
        "Elk netwerk heeft een thuisbasis: deel praktijkverhalen, stel vragen aan elkaar en "
        "zie wanneer de volgende bijeenkomst is."
    ),
    "landing.homes.link": "Naar de thuisbasis van dit netwerk",
    "landing.meetings": "{count} bijeenkomsten per jaar, ca. {minutes} minuten",
    "landing.privacy": (
        "Je antwoorden zijn van jou: je doet mee onder een zelfgekozen naam (of zonder naam) "
        "en alleen met jouw hervatcode zie je ze terug."
    ),
    # Worksheet header
    "header.duration": "ca. {minutes} minuten",
    "header.role": "Ik doe mee als",
    "header.role_placeholder": "— kies je rol —",
    "header.name": "Naam (optioneel)",
    "header.name_placeholder": "bijv. je voornaam of een schuilnaam",
    "header.code_label": "Jouw hervatcode",
    "header.code_hint": (
        "Bewaar deze code. Hiermee open je later je antwoorden weer, ook op een ander apparaat."
    ),
    "header.code_hint_youth": "Met deze code kun je later verder, ook op een ander apparaat. Wie de code heeft, kan je antwoorden lezen: deel hem alleen met wie je vertrouwt.",
    "header.remember_me": "Onthoud mij op dit apparaat ({days} dagen)",
    "header.resume_label": "Heb je al een hervatcode?",
    "header.resume_placeholder": "bijv. ABCD-EFGH-JKMN",
    "header.resume_button": "Verder met mijn code",
    "header.resumed": "Welkom terug. Je eerdere antwoorden staan weer klaar.",
    "header.session": "Bijeenkomst: {code}",
    "header.back": "Alle werkbladen",
    "header.network_home": "Naar de thuisbasis van dit netwerk: verhalen, vragen en peilingen",
    "code.unknown": (
        "Deze hervatcode kennen we niet. Controleer de code (12 tekens, bijvoorbeeld "
        "ABCD-EFGH-JKMN). Je kunt ook gewoon beginnen: je hebt hierboven een nieuwe code."
    ),
    "code.malformed": (
        "Dit is geen geldige hervatcode. Een hervatcode heeft 12 tekens, bijvoorbeeld "
        "ABCD-EFGH-JKMN."
    ),
    "session.malformed": (
        "De sessiecode in de link klopt niet. Vraag de gespreksbegeleider om de juiste link; "
        "je antwoorden worden wel bewaard."
    ),
    "name.too_long": "Je naam is te lang (maximaal {limit} tekens).",
    # Progress and status
    "progress": "{answered} van {total} beantwoord",
    "status.saving": "wordt opgeslagen…",
    "status.saved": "opgeslagen",
    "status.unsaved": "nog niet opgeslagen",
    "status.error": "Niet opgeslagen: {reason}",
    "status.store_down": (
        "Niet opgeslagen: de opslag is even niet bereikbaar. Je antwoord staat nog in het veld; "
        "we proberen het opnieuw zodra je iets wijzigt."
    ),
    "answer.too_long": (
        "Je antwoord is te lang ({length} tekens); het maximum is {limit} tekens. "
        "Je tekst staat nog in het veld: maak hem korter om op te slaan."
    ),
    "answer.invalid": "dit antwoord past niet bij de vraag.",
    "answer.bad_characters": "je tekst bevat tekens die we niet kunnen bewaren.",
    # Question widgets
    "likert.1": "Helemaal mee oneens",
    "likert.2": "Mee oneens",
    "likert.3": "Neutraal",
    "likert.4": "Mee eens",
    "likert.5": "Helemaal mee eens",
    "open.placeholder": "Typ hier je antwoord…",
    "multiple.hint": "Meerdere antwoorden mogelijk.",
    "scale.low": "0 = helemaal niet",
    "scale.high": "10 = helemaal wel",
    "ranking.hint": "Zet in volgorde: het belangrijkste bovenaan. Gebruik de pijltjes.",
    "ranking.up": "Omhoog",
    "ranking.down": "Omlaag",
    "ranking.confirm": "Deze volgorde klopt",
    "shared.notice": "Dit ziet de groep (zonder je naam)",
    "shared.change_details": "Verander details waaraan een kind of gezin te herkennen is, zoals leeftijden, woonplaats of bijzondere gebeurtenissen.",
    # Footer
    "footer.title": "Klaar voor nu?",
    "footer.text": (
        "Alles wat je invult wordt meteen bewaard. Sluit gerust je browser: met je hervatcode "
        "{code} ga je later verder."
    ),
    # Errors
    "error.worksheet_unknown": "Werkblad '{id}' bestaat niet in de werkboeken.",
    "error.store": (
        "De opslag is nu niet bereikbaar ({reason}), dus je antwoorden kunnen niet worden "
        "bewaard. Probeer het over een paar minuten opnieuw door de pagina te herladen."
    ),
    # CLI
    "cli.catalog.networks": "Leernetwerken",
    "cli.catalog.roles": "Rollen",
    "cli.catalog.worksheets": "Werkbladen",
    "cli.check.ok": "In orde: {count} werkbladen gecontroleerd.",
    "cli.check.failed": "{count} problemen gevonden.",
    "cli.serve.url": "Pleegzorg werkboeken draait op {url}",
    "content.error": "Fout in {file}, regel {line}, veld '{field}': {problem}",
}

MESSAGES.update(
    {
        "content.yaml_syntax": "dit is geen geldige YAML ({detail})",
        "content.missing": "ontbreekt",
        "content.unknown_key": "onbekend veld; toegestaan zijn: {allowed}",
        "content.wrong_type": "moet {expected} zijn, maar is {actual}",
        "content.duplicate_key": "staat twee keer in hetzelfde blok",
        "content.bad_key": "een sleutel moet een woord zijn, geen lijst of blok",
        "content.duplicate_id": "id '{id}' komt al voor (in {other})",
        "content.unknown_ref": "'{value}' bestaat niet; bekend zijn: {known}",
        "content.bad_id": "'{value}' is geen geldig id (kleine letters, cijfers en '-')",
        "content.empty": "mag niet leeg zijn",
        "content.no_metadata": "het notebook mist metadata 'pleegzorg' (titel, netwerk, thema …)",
        "content.not_json": "het notebook is geen geldige JSON ({detail})",
        "content.type.str": "tekst",
        "content.type.int": "een geheel getal",
        "content.type.list": "een lijst",
        "content.type.dict": "een blok met velden",
        "content.type.bool": "ja/nee (true/false)",
        "content.distress_likert": (
            "vraag '{id}': een stelling kan twee kanten op; noem de antwoorden die op zorgen "
            'wijzen, zoals `distress=["Helemaal mee eens", "Mee eens"]` (opties: {options})'
        ),
        "content.distress_kind": (
            "vraag '{id}': `distress` is `True` of een lijst met antwoorden die op zorgen wijzen"
        ),
        "content.distress_unknown": (
            "vraag '{id}': `distress` noemt antwoorden die geen optie zijn ({unknown}); "
            "kies uit: {options}"
        ),
        "content.distress_below": "vraag '{id}': `distress_below` is een getal van 1 tot 10",
        "content.literal_args": (
            "gebruik alleen letterlijke tekst, getallen en lijsten als argumenten"
        ),
        "session.unknown": "Deze sessiecode kennen we niet. Vraag de gespreksbegeleider om de juiste link; je antwoorden worden wel bewaard.",
        "session.joined": "Je doet mee aan de bijeenkomst “{title}” ({code}).",
        "poll.title": "Peiling van de gespreksbegeleider",
        "poll.send": "Verstuur",
        "poll.sent": "Dank je, je antwoord is verstuurd. Je kunt het nog wijzigen zolang de peiling loopt.",
        "poll.choose": "Kies eerst een antwoord.",
        "poll.too_long": "Je antwoord is te lang (maximaal {limit} tekens).",
        "poll.placeholder": "Eén woord of een korte zin…",
        "chart.respondents": "{n} antwoorden",
        "chart.suppressed": "Te weinig antwoorden om te tonen (minder dan {k}).",
        "chart.mean": "Gemiddeld: {mean}",
        "chart.ranking": "Gemiddelde plaats (1 = belangrijkst)",
        "chart.personal": "Persoonlijke vraag: alleen het aantal antwoorden is zichtbaar.",
        "chart.words": "Woorden die minstens {k} mensen schreven",
        "chart.cloud": "Woordwolk",
        "chart.answers": "Antwoorden (anoniem)",
        "chart.no_texts": "Nog geen gedeelde antwoorden.",
        "live.denied_title": "Alleen voor de gespreksbegeleider",
        "live.denied": "Deze pagina is alleen voor de gespreksbegeleider van een bijeenkomst. Open de link met de sleutel die je kreeg toen je de bijeenkomst aanmaakte.",
        "live.joined": "{n} deelnemers",
        "live.roles_suppressed": "Verdeling over rollen verborgen: minder dan {k} deelnemers.",
        "live.join_code": "Deelnamecode",
        "live.participant_link": "Link voor deelnemers",
        "live.qr": "Scan de code met je telefoon om mee te doen",
        "live.updated": "Bijgewerkt om {time}",
        "live.tab.results": "Resultaten",
        "live.tab.present": "Presentatie",
        "live.tab.poll": "Peiling",
        "live.tab.compare": "Vergelijken",
        "live.tab.report": "Verslag",
        "live.hide": "Verberg",
        "live.show": "Toon weer",
        "live.hidden": "verborgen voor de groep",
        "live.moderate": "Modereren: verberg een antwoord uit de gedeelde weergave (het blijft bewaard).",
        "present.prev": "← Vorige",
        "present.next": "Volgende →",
        "present.position": "Vraag {i} van {n}",
        "poll.prompt": "Vraag",
        "poll.options": "Antwoordopties (één per regel; leeg = open vraag)",
        "poll.launch": "Start peiling",
        "poll.stop": "Stop peiling",
        "poll.running": "Loopt: {prompt}",
        "poll.none": "Er loopt geen peiling.",
        "poll.empty_prompt": "Typ eerst een vraag.",
        "poll.results": "Uitslag",
        "compare.question": "Vraag",
        "compare.this_session": "Deze bijeenkomst: {title}",
        "compare.other_session": "Andere bijeenkomst {n}",
        "compare.none": "Dit werkblad is nog niet in andere bijeenkomsten met minstens 5 antwoorden gebruikt.",
        "report.title": "Verslag",
        "report.download_html": "Download verslag (HTML)",
        "report.download_md": "Download verslag (Markdown)",
        "report.download_csv": "Download antwoorden (CSV, anoniem)",
        "report.download_xlsx": "Download antwoorden (Excel, anoniem)",
        "report.download_sav": "Download antwoorden (SPSS, anoniem)",
        "report.generated": "Gemaakt op {time}",
        "report.privacy": "Alle antwoorden zijn anoniem. Aantallen onder {k} worden niet getoond.",
        "report.md_answer": "antwoord",
        "report.md_count": "aantal",
        "chart.respondents_hidden": "{n} antwoorden, waarvan {hidden} verborgen door de gespreksleider",
        "report.csv_too_few": "De bestanden met antwoorden (CSV, Excel, SPSS) komen er vanaf {k} deelnemers die iets invulden: zo is niemand terug te vinden.",
        "link.offer": "Je opende een link met hervatcode {code}. Wil je verder met de antwoorden van die code? Doe dat alleen als het jouw code is: wat je hier invult, komt dan bij die code.",
        "link.offer_other": "Deze browser gaat verder met hervatcode {current}. Je opende een link met een andere code ({code}). Met welke wil je verder? Kies alleen een code die van jou is.",
        "link.accept": "Ja, verder met {code}",
        "link.decline": "Nee, begin opnieuw",
        "link.keep": "Nee, blijf bij {current}",
        "limits.title": "Even wachten",
        "limits.pages": "Vanaf jouw adres zijn in korte tijd heel veel pagina's geopend. Probeer het over {seconds} seconden opnieuw.",
        "limits.codes": "Er zijn vanaf jouw adres te veel verkeerde sleutels geprobeerd. Probeer het over {seconds} seconden opnieuw met de link die je kreeg.",
        "limits.resume": "Te veel verkeerde codes achter elkaar. Probeer het over {seconds} seconden opnieuw.",
        "kennisagenda.answer_first": "Beantwoord eerst een vraag op deze pagina (of stel zelf een vraag); dan kun je stemmen.",
        "report.polls": "Peilingen",
        "report.network_polls": "Peilingen van het netwerk (tussen de bijeenkomsten)",
        "report.network_poll_too_few": "Minder dan {k} stemmen: de uitslag wordt niet getoond.",
        "report.make_pdf": "Maak PDF",
        "report.download_pdf": "Download verslag (PDF)",
        "new.title": "Nieuwe bijeenkomst",
        "new.network": "Leernetwerk",
        "new.worksheet": "Werkblad",
        "new.session_title": "Titel (optioneel)",
        "new.date": "Datum",
        "new.organizer": "Organisatiecode",
        "new.create": "Maak bijeenkomst",
        "new.room_too_small": "Let op: je verwacht {expected} deelnemers, maar deze server kan er nu ongeveer {room} tegelijk aan (zijn geheugen, of PLEEGZORG_MAX_KERNELS). Wie erboven komt, ziet 'Het is even druk' en komt vanzelf binnen zodra er plek is. Zet een tweede server in (docs/deployment.md) of spreid de groep over twee momenten.",
        "new.created": "Bijeenkomst aangemaakt. Deel de deelnemerslink; bewaar de link voor de gespreksbegeleider zelf (die geeft toegang tot de resultaten).",
        "new.organizer_wrong": "De organisatiecode klopt niet.",
        "new.facilitator_link": "Link voor de gespreksbegeleider (niet delen)",
        "rights.export_title": "Mijn antwoorden",
        "rights.nothing": "Er zijn geen antwoorden bewaard.",
        "rights.download": "Download mijn antwoorden",
        "rights.download_html": "HTML",
        "rights.download_md": "Markdown",
        "rights.download_pdf": "PDF",
        "rights.erase": "Verwijder mijn gegevens",
        "rights.erase_confirm": "Ik weet het zeker: verwijder al mijn antwoorden, ook die in andere werkbladen. Dit kan niet ongedaan worden gemaakt.",
        "rights.erase_button": "Definitief verwijderen",
        "rights.erased": "Je gegevens zijn verwijderd: er staat niets meer van je in de opslag. Herlaad de pagina als je opnieuw wilt beginnen.",
        "rights.confirm_first": "Vink eerst aan dat je het zeker weet.",
        "rights.title": "Jouw gegevens",
        "rights.text": "Je antwoorden zijn van jou. Download ze, of verwijder alles wat je hebt ingevuld.",
        "cli.forget.done": "Verwijderd: alle gegevens van deze hervatcode ({rows} rijen).",
        "cli.forget.confirm": "Typ JA om alle gegevens van deze hervatcode te verwijderen: ",
        "cli.forget.cancelled": "Niets verwijderd.",
        "cli.purge.done": "{count} deelnemer(s) verwijderd die langer dan {days} dagen niet actief waren.",
        "cli.code.unknown": "Deze hervatcode kennen we niet.",
        "content.no_file": "het bestand ontbreekt",
        "content.not_utf8": "het bestand is geen UTF-8-tekst (sla het op als UTF-8)",
        "new.expected": "Verwacht aantal deelnemers (de server zet zoveel pagina's klaar)",
    }
)
