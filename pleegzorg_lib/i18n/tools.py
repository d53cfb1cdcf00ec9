"""Texts of the reflection tools: carried-forward answers, panels, role comparison,
Kennisagenda, Wie weet wat and the intervisie timer."""

NL: dict[str, str] = {
    "carry.title": "Wat je eerder schreef",
    "panel.needs_participant": "Dit onderdeel werkt zodra de pagina je hervatcode toont.",
    "live.tab.byrole": "Per rol",
    "live.tab.agenda": "Kennisagenda",
    "byrole.suppressed": (
        "Vergelijken per rol kan pas vanaf {k} deelnemers: kleinere groepen blijven verborgen."
    ),
    "byrole.groups": "Groepen: {groups}. Rollen met minder dan {k} deelnemers zijn samengevoegd.",
    "kennisagenda.title": "Kennisagenda van het netwerk",
    "kennisagenda.intro": (
        "Welke vraag zou onderzoek voor jou moeten beantwoorden? Dien je vraag in en stem op "
        "de vragen van anderen die jij ook belangrijk vindt (één stem per vraag). De "
        "gespreksbegeleider ziet de vragen zonder namen, gerangschikt op stemmen."
    ),
    "kennisagenda.theme": "Thema",
    "kennisagenda.no_theme": "Geen thema gekozen",
    "kennisagenda.placeholder": (
        "Bijvoorbeeld: wat helpt pleegouders om het contact met ouders vol te houden?"
    ),
    "kennisagenda.submit": "Vraag indienen",
    "kennisagenda.added": "Je vraag staat op de kennisagenda",
    "kennisagenda.empty": "Er staan nog geen vragen op de kennisagenda.",
    "kennisagenda.votes": "{n} stemmen",
    "kennisagenda.votes_one": "{n} stem",
    "kennisagenda.your_question": "Jouw vraag",
    "kennisagenda.mine": "jouw vraag",
    "kennisagenda.vote": "Stem",
    "kennisagenda.unvote": "✓ Gestemd",
    "kennisagenda.vote_hint": "Eén stem per vraag; klik nog eens om je stem terug te nemen.",
    "kennisagenda.download": "Kennisagenda downloaden (CSV)",
    "kennisagenda.moderate": "Verberg een vraag die niet op de agenda hoort; ze blijft bewaard.",
    "wieweetwat.q.knows": "Waar weet ik veel van?",
    "wieweetwat.q.knows_help": "Kies de thema's waarover je kennis of ervaring hebt die je wilt delen.",
    "wieweetwat.q.seeks": "Wat wil ik weten, of waar zoek ik iemand voor?",
    "wieweetwat.q.about": "Wat weet ik, of wat heb ik meegemaakt, waar anderen iets aan hebben?",
    "wieweetwat.q.about_help": (
        "Een paar zinnen zijn genoeg, bijvoorbeeld een aanpak of een ervaring. Anderen "
        "kunnen dit lezen: schrijf het zo dat geen kind of gezin te herkennen is."
    ),
    "wieweetwat.q.visible": (
        "Mogen andere deelnemers van dit netwerk zien wat je weet, zodat ze jou kunnen benaderen?"
    ),
    "wieweetwat.q.visible_help": (
        "Zonder naam zien anderen alleen je rol, wat je weet en hoe je bereikbaar bent, met "
        "een code in plaats van je naam."
    ),
    "wieweetwat.q.contact": "Hoe kunnen anderen je bereiken?",
    "wieweetwat.q.contact_help": (
        "Bijvoorbeeld 'via de gespreksbegeleider' of 'spreek me aan op de bijeenkomst'. Deel "
        "alleen wat je zelf openbaar wilt maken; alleen nodig als je 'Ja' kiest. Zonder naam? "
        "Schrijf hier dan ook geen naam of e-mailadres."
    ),
    "wieweetwat.title": "Wie kun je benaderen?",
    "wieweetwat.intro": (
        "Voor de thema's waar je iemand voor zoekt, zie je hier deelnemers van dit netwerk die "
        "er iets van weten en die hebben aangegeven dat je hen mag benaderen."
    ),
    "wieweetwat.role": "Van wie?",
    "wieweetwat.any_role": "Alle rollen",
    "wieweetwat.refresh": "Vernieuwen",
    "wieweetwat.pick_first": "Kies hierboven waar je iemand voor zoekt; dan verschijnen hier suggesties.",
    "wieweetwat.nobody": "Nog niemand gevonden. Kom later terug of vraag het in de bijeenkomst.",
    "wieweetwat.pseudonym": "Deelnemer {tag}",
    "wieweetwat.contact": "Bereikbaar via",
    "timer.start": "Start",
    "timer.pause": "Pauze",
    "timer.next": "Volgende ronde",
    "timer.previous": "Vorige ronde",
    "timer.reset": "Opnieuw",
    "timer.round": "Ronde {i} van {n}",
    "timer.over": "Tijd is om",
    "timer.paused": "gepauzeerd",
    "timer.total": "In totaal ongeveer {minutes} minuten.",
    "landing.fac.title": "Voor gespreksbegeleiders",
    "landing.fac.new_session": "Nieuwe bijeenkomst",
    "landing.fac.new_session_desc": (
        "Maak een deelnamecode en links voor een bijeenkomst, met live resultaten per vraag."
    ),
    "landing.fac.intervisie": "Intervisie met de incidentmethode",
    "landing.fac.intervisie_desc": "De rondes van de incidentmethode met een klok per ronde.",
    "cli.unknown_network": "Onbekend netwerk '{id}'. Kies uit: {known}.",
    "cli.agenda_written": "Kennisagenda geschreven: {path} ({n} vragen)",
}

EN: dict[str, str] = {
    "carry.title": "What you wrote earlier",
    "panel.needs_participant": "This part works as soon as the page shows your resume code.",
    "live.tab.byrole": "By role",
    "live.tab.agenda": "Knowledge agenda",
    "byrole.suppressed": (
        "Comparing by role needs at least {k} participants: smaller groups stay hidden."
    ),
    "byrole.groups": "Groups: {groups}. Roles with fewer than {k} participants are merged.",
    "kennisagenda.title": "The network's knowledge agenda",
    "kennisagenda.intro": (
        "Which question should research answer for you? Submit your question and vote for "
        "the questions of others that you find important too (one vote per question). The "
        "facilitator sees the questions without names, ranked by votes."
    ),
    "kennisagenda.theme": "Theme",
    "kennisagenda.no_theme": "No theme chosen",
    "kennisagenda.placeholder": (
        "For example: what helps foster parents keep up the contact with parents?"
    ),
    "kennisagenda.submit": "Submit question",
    "kennisagenda.added": "Your question is on the knowledge agenda",
    "kennisagenda.empty": "There are no questions on the knowledge agenda yet.",
    "kennisagenda.votes": "{n} votes",
    "kennisagenda.votes_one": "{n} vote",
    "kennisagenda.your_question": "Your question",
    "kennisagenda.mine": "your question",
    "kennisagenda.vote": "Vote",
    "kennisagenda.unvote": "✓ Voted",
    "kennisagenda.vote_hint": "One vote per question; click again to take your vote back.",
    "kennisagenda.download": "Download the knowledge agenda (CSV)",
    "kennisagenda.moderate": "Hide a question that does not belong on the agenda; it stays stored.",
    "wieweetwat.q.knows": "What do I know a lot about?",
    "wieweetwat.q.knows_help": "Choose the themes on which you have knowledge or experience to share.",
    "wieweetwat.q.seeks": "What do I want to know, or whom am I looking for?",
    "wieweetwat.q.about": "What do I know, or what have I been through, that others can use?",
    "wieweetwat.q.about_help": (
        "A few sentences are enough, for example an approach or an experience. Others can "
        "read this: write it so that no child or family can be recognised."
    ),
    "wieweetwat.q.visible": (
        "May other participants of this network see what you know, so that they can approach you?"
    ),
    "wieweetwat.q.visible_help": (
        "Without your name, others see only your role, what you know and how to reach you, with "
        "a code instead of your name."
    ),
    "wieweetwat.q.contact": "How can others reach you?",
    "wieweetwat.q.contact_help": (
        "For example 'via the facilitator' or 'talk to me at the meeting'. Share only what you "
        "want to make public; needed only if you choose 'Yes'. Without your name? Then write no "
        "name or e-mail address here either."
    ),
    "wieweetwat.title": "Whom can you approach?",
    "wieweetwat.intro": (
        "For the themes you are looking for someone, here are participants of this network "
        "who know about them and agreed that you may approach them."
    ),
    "wieweetwat.role": "From whom?",
    "wieweetwat.any_role": "All roles",
    "wieweetwat.refresh": "Refresh",
    "wieweetwat.pick_first": "Choose above what you are looking for; suggestions appear here.",
    "wieweetwat.nobody": "Nobody found yet. Come back later or ask in the meeting.",
    "wieweetwat.pseudonym": "Participant {tag}",
    "wieweetwat.contact": "Reachable via",
    "timer.start": "Start",
    "timer.pause": "Pause",
    "timer.next": "Next round",
    "timer.previous": "Previous round",
    "timer.reset": "Start over",
    "timer.round": "Round {i} of {n}",
    "timer.over": "Time is up",
    "timer.paused": "paused",
    "timer.total": "About {minutes} minutes in all.",
    "landing.fac.title": "For facilitators",
    "landing.fac.new_session": "New meeting",
    "landing.fac.new_session_desc": (
        "Create a join code and links for a meeting, with live results per question."
    ),
    "landing.fac.intervisie": "Intervision with the incident method",
    "landing.fac.intervisie_desc": "The rounds of the incident method with a clock per round.",
    "cli.unknown_network": "Unknown network '{id}'. Choose from: {known}.",
    "cli.agenda_written": "Knowledge agenda written: {path} ({n} questions)",
}
