"""Texts of a network's home between meetings: practice stories, questions, moderation."""

NL = {
    "exchange.home.title": "{network} — thuisbasis",
    "exchange.home.back": "Alle netwerken en werkbladen",
    "exchange.home.intro": (
        "Hier deel je tussen de bijeenkomsten door praktijkervaringen en stel je vragen aan "
        "het netwerk. Je schrijft zonder naam: anderen zien alleen je rol of een schuilnaam."
    ),
    "exchange.home.new_since": "Nieuw sinds je vorige bezoek",
    "exchange.home.new_replies_one": "1 nieuwe reactie op wat jij schreef",
    "exchange.home.new_replies": "{n} nieuwe reacties op wat jij schreef",
    "exchange.home.new_items_one": "1 nieuw verhaal of nieuwe vraag in het netwerk",
    "exchange.home.new_items": "{n} nieuwe verhalen en vragen in het netwerk",
    "exchange.home.nothing_new": "Niets nieuws sinds je vorige bezoek.",
    "exchange.home.meetings": "Volgende bijeenkomsten",
    "exchange.home.no_meetings": "Er staan geen bijeenkomsten meer gepland dit jaar.",
    "exchange.home.calendar": "Zet alle bijeenkomsten in je agenda (.ics)",
    "exchange.home.themes": "Thema's en werkbladen",
    "exchange.home.agenda": "Kennisagenda: wat het netwerk wil weten",
    "exchange.home.agenda_votes": "{n} stemmen",
    "exchange.home.no_agenda": "Nog geen vragen op de Kennisagenda.",
    "exchange.home.dossier": "Nieuw in het Kennisdossier",
    "exchange.home.stories": "Praktijkverhalen",
    "exchange.home.questions": "Vragen aan het netwerk",
    "exchange.home.all_stories": "Alle praktijkverhalen",
    "exchange.home.all_questions": "Alle vragen",
    "exchange.home.write_story": "Schrijf een praktijkverhaal",
    "exchange.home.ask": "Stel een vraag",
    "exchange.home.no_stories": "Nog geen praktijkverhalen. Schrijf jij het eerste?",
    "exchange.home.no_questions": "Nog geen vragen. Stel jij de eerste?",
    "exchange.home.feed": "Blijf op de hoogte (Atom-feed)",
    "exchange.home.your_code": (
        "Deze browser onthoudt je hervatcode {code}. Daarmee zie je bij je volgende bezoek de "
        "reacties op wat je schreef, en kun je je gegevens downloaden of wissen."
    ),
    "exchange.home.your_data": "Mijn gegevens downloaden of wissen",
    "exchange.help": (
        "Zit je zelf in de knel of maak je je zorgen om een kind? Wacht niet op een antwoord "
        "hier: bel je pleegzorgbegeleider, de Kindertelefoon (0800-0432, gratis) of Veilig "
        "Thuis (0800-2000, gratis, dag en nacht). Bij direct gevaar: 112."
    ),
    "exchange.list.stories_title": "Praktijkverhalen — {network}",
    "exchange.list.questions_title": "Vragen aan het netwerk — {network}",
    "exchange.list.filter": "Filteren",
    "exchange.list.search": "Zoeken",
    "exchange.list.search_label": "Zoek op woord",
    "exchange.list.all_themes": "Alle thema's",
    "exchange.list.all_roles": "Alle rollen",
    "exchange.list.order": "Volgorde",
    "exchange.list.order_new": "Nieuwste eerst",
    "exchange.list.order_votes": "Meeste stemmen eerst",
    "exchange.list.count_one": "1 gevonden",
    "exchange.list.count": "{n} gevonden",
    "exchange.list.none": "Niets gevonden.",
    "exchange.list.previous": "Vorige",
    "exchange.list.next": "Volgende",
    "exchange.list.page": "Pagina {page} van {pages}",
    "exchange.item.by_role": "Geschreven door een {role}",
    "exchange.item.by_tag": "Geschreven door Deelnemer {tag}",
    "exchange.item.by_unknown": "Geschreven door een deelnemer",
    "exchange.item.yours": "(jij)",
    "exchange.item.pending": "Wacht op een moderator: alleen jij ziet dit nu.",
    "exchange.item.hidden": "Verborgen tot een moderator ernaar kijkt.",
    "exchange.item.removed": "(verwijderd)",
    "exchange.item.pinned": "Vastgezet",
    "exchange.item.helpful": "Nuttig antwoord volgens de vraagsteller",
    "exchange.item.replies_one": "1 reactie",
    "exchange.item.replies": "{n} reacties",
    "exchange.item.replies_title": "Reacties",
    "exchange.item.answers_title": "Antwoorden",
    "exchange.item.no_replies": "Nog geen reacties.",
    "exchange.item.recognisable": "Herkenbaar",
    "exchange.item.recognisable_count": "Herkenbaar voor {n}",
    "exchange.item.me_too": "Ik wil dit ook weten",
    "exchange.item.me_too_count": "{n} willen dit ook weten",
    "exchange.item.voted": "Je stem is geteld.",
    "exchange.item.mark_helpful": "Dit hielp mij",
    "exchange.item.unmark_helpful": "Toch niet als nuttig markeren",
    "exchange.item.reply": "Reageer",
    "exchange.item.answer": "Geef antwoord",
    "exchange.item.report": "Meld dit bericht",
    "exchange.item.report_reason": "Waarom meld je dit? (een moderator leest het)",
    "exchange.item.reported": "Bedankt. Een moderator kijkt ernaar.",
    "exchange.item.gone": "Dit bericht is er niet (meer).",
    "exchange.field.situatie": "De situatie",
    "exchange.field.situatie_hint": "Wat speelde er? Beschrijf het zonder namen.",
    "exchange.field.aanpak": "Wat deed je?",
    "exchange.field.geleerd": "Wat heb je ervan geleerd?",
    "exchange.field.toelichting": "Toelichting (mag leeg blijven)",
    "exchange.field.tekst": "Je reactie",
    "exchange.field.titel": "Titel",
    "exchange.field.vraag": "Je vraag",
    "exchange.field.thema": "Thema",
    "exchange.field.no_theme": "Geen thema",
    "exchange.field.rol": "Je rol",
    "exchange.field.tonen_als": "Hoe anderen je zien",
    "exchange.field.show_role": "Alleen mijn rol (bijvoorbeeld 'een pleegouder')",
    "exchange.field.show_tag": "Een vaste schuilnaam (bijvoorbeeld 'Deelnemer K7QD')",
    "exchange.field.reden": "Reden",
    "exchange.field.limit": "hoogstens {limit} tekens",
    "exchange.form.story_title": "Schrijf een praktijkverhaal",
    "exchange.form.question_title": "Stel een vraag aan het netwerk",
    "exchange.form.privacy": (
        "Noem geen namen van kinderen, ouders of cliënten, en verander details waaraan een "
        "gezin te herkennen is (woonplaats, leeftijden, bijzondere gebeurtenissen). Je naam "
        "staat er nooit bij."
    ),
    "exchange.form.premoderated": (
        "Een moderator leest je bericht eerst; daarna zien anderen het. Jij ziet het meteen."
    ),
    "exchange.form.submit": "Plaatsen",
    "exchange.form.cancel": "Terug",
    "exchange.posted": "Geplaatst. Dank je wel voor het delen.",
    "exchange.posted_pending": (
        "Bewaard. Een moderator leest het eerst; daarna zien anderen het."
    ),
    "exchange.posted_again": "Dit had je al geplaatst; het staat er één keer.",
    "exchange.error.title": "Dat lukte niet",
    "exchange.error.invalid": "Het veld '{field}' klopt niet.",
    "exchange.error.required": "Vul '{field}' in.",
    "exchange.error.too_long": (
        "'{field}' is {length} tekens; er passen er {limit}. Je tekst staat hieronder nog: "
        "maak hem korter."
    ),
    "exchange.error.bad_characters": "'{field}' bevat tekens die we niet kunnen bewaren.",
    "exchange.error.rate": (
        "Je hebt de afgelopen tien minuten al {limit} berichten geplaatst. Wacht even en "
        "probeer het dan opnieuw; je tekst staat hieronder nog."
    ),
    "exchange.error.gone": "Dit bericht is er niet (meer) of is nog niet zichtbaar.",
    "exchange.error.own_vote": "Op je eigen bericht kun je niet stemmen.",
    "exchange.error.own_report": "Je eigen bericht kun je niet melden; je kunt het wissen.",
    "exchange.error.not_yours": "Alleen wie de vraag stelde, kan een antwoord als nuttig markeren.",
    "exchange.error.unknown_network": "Het netwerk '{network}' bestaat niet.",
    "exchange.error.not_found": "Deze pagina bestaat niet.",
    "exchange.mod.title": "Moderatie — {network}",
    "exchange.mod.denied_title": "Geen toegang",
    "exchange.mod.denied": (
        "Deze pagina is voor moderatoren van dit netwerk. Open de link met je sleutel die je "
        "van de beheerder kreeg."
    ),
    "exchange.mod.signed_in": "Ingelogd als moderator: {label}",
    "exchange.mod.queue": "Wacht op jou",
    "exchange.mod.queue_empty": "Er wacht niets.",
    "exchange.mod.reports": "{n} open meldingen",
    "exchange.mod.reason": "Reden (verplicht bij verbergen)",
    "exchange.mod.approve": "Goedkeuren",
    "exchange.mod.hide": "Verbergen",
    "exchange.mod.restore": "Terugzetten",
    "exchange.mod.pin": "Vastzetten",
    "exchange.mod.unpin": "Losmaken",
    "exchange.mod.to_agenda": "Naar de Kennisagenda",
    "exchange.mod.done": "Gedaan: {action}.",
    "exchange.mod.premoderation": "Voormoderatie",
    "exchange.mod.premoderation_on": (
        "Aan: nieuwe berichten zijn pas zichtbaar na goedkeuring."
    ),
    "exchange.mod.premoderation_off": (
        "Uit: nieuwe berichten zijn meteen zichtbaar (van pleegjongeren en eigen kinderen "
        "altijd pas na goedkeuring)."
    ),
    "exchange.mod.turn_on": "Voormoderatie aanzetten",
    "exchange.mod.turn_off": "Voormoderatie uitzetten",
    "exchange.mod.activity": "Waar het netwerk over praat (laatste drie maanden)",
    "exchange.mod.activity_theme": "Thema",
    "exchange.mod.activity_stories": "Verhalen",
    "exchange.mod.activity_questions": "Vragen",
    "exchange.mod.no_activity": "Nog niets geschreven in de laatste drie maanden.",
    "exchange.mod.top_questions": "Open vragen met de meeste stemmen",
    "exchange.mod.log": "Logboek",
    "exchange.mod.log_readers": "lezers (3 meldingen)",
    "exchange.mod.action.approve": "goedgekeurd",
    "exchange.mod.action.hide": "verborgen",
    "exchange.mod.action.restore": "teruggezet",
    "exchange.mod.action.pin": "vastgezet",
    "exchange.mod.action.unpin": "losgemaakt",
    "exchange.mod.action.to_agenda": "naar de Kennisagenda",
    "exchange.mod.action.premoderation_on": "voormoderatie aan",
    "exchange.mod.action.premoderation_off": "voormoderatie uit",
    "exchange.status.visible": "zichtbaar",
    "exchange.status.pending": "wacht op goedkeuring",
    "exchange.status.hidden": "verborgen",
    "exchange.status.removed": "verwijderd",
    "exchange.kind.story": "Praktijkverhaal",
    "exchange.kind.question": "Vraag",
    "exchange.kind.reply": "Reactie",
    "exchange.feed.title": "{network}: praktijkverhalen en vragen",
    "exchange.export.posts": "Mijn praktijkverhalen, vragen en reacties",
    "exchange.export.votes": "Mijn stemmen (herkenbaar, ik wil dit ook weten)",
    "exchange.export.reports": "Mijn meldingen",
    "exchange.export.status.pending": "wacht op een moderator",
    "exchange.export.status.hidden": "verborgen",
    "exchange.export.hidden_item": "(een bericht dat nu verborgen is)",
    "exchange.skip": "Naar de inhoud",
    "exchange.own.code": (
        "Deze browser onthoudt je hervatcode {code}. Hieronder download je alles wat je in "
        "werkbladen en op de thuisbasis van de netwerken gaf, of wis je het."
    ),
    "exchange.own.download": "Download mijn gegevens (HTML)",
    "exchange.own.erase_warning": (
        "Wissen haalt al je antwoorden, verhalen, vragen, reacties, stemmen en meldingen "
        "weg, voorgoed. Reacties van anderen op wat jij schreef blijven staan onder "
        "'(verwijderd)'."
    ),
    "exchange.own.erase_confirm": "Ja, ik weet het zeker",
    "exchange.own.erase": "Wis al mijn gegevens",
    "exchange.own.erased": "Je gegevens zijn gewist en dit apparaat is vergeten.",
    "exchange.own.none": (
        "Deze browser kent geen hervatcode, dus er is hier niets van jou. Open een werkblad "
        "met je hervatcode om je gegevens te downloaden of te wissen."
    ),
    "cli.network.help": "de thuisbasis van een netwerk: moderatoren en voormoderatie",
    "cli.network.moderator_help": "maak een sleutel voor een moderator van een netwerk",
    "cli.network.network_help": "het id van het netwerk (zie 'pleegzorg catalog')",
    "cli.network.label_help": "wie de sleutel krijgt, zoals het logboek dat toont",
    "cli.network.base_url_help": "het adres van de server, voor een volledige link",
    "cli.network.moderator_made": (
        "Sleutel voor {label} ({network}). Geef deze link alleen aan die persoon; wie hem "
        "heeft, kan modereren:\n{link}"
    ),
    "cli.network.premoderation_help": "zet voormoderatie aan of uit",
    "cli.network.premoderation_set": "Voormoderatie voor {network}: {state}.",
    "cli.network.on": "aan",
    "cli.network.off": "uit",
}

EN = {
    "exchange.home.title": "{network} — home",
    "exchange.home.back": "All networks and worksheets",
    "exchange.home.intro": (
        "Between meetings, share practice experiences and ask the network questions here. You "
        "write without a name: others see only your role or a pseudonym."
    ),
    "exchange.home.new_since": "New since your last visit",
    "exchange.home.new_replies_one": "1 new reply to what you wrote",
    "exchange.home.new_replies": "{n} new replies to what you wrote",
    "exchange.home.new_items_one": "1 new story or question in the network",
    "exchange.home.new_items": "{n} new stories and questions in the network",
    "exchange.home.nothing_new": "Nothing new since your last visit.",
    "exchange.home.meetings": "Next meetings",
    "exchange.home.no_meetings": "No more meetings are planned this year.",
    "exchange.home.calendar": "Add all meetings to your calendar (.ics)",
    "exchange.home.themes": "Themes and worksheets",
    "exchange.home.agenda": "Knowledge agenda: what the network wants to know",
    "exchange.home.agenda_votes": "{n} votes",
    "exchange.home.no_agenda": "No questions on the knowledge agenda yet.",
    "exchange.home.dossier": "New in the knowledge dossier",
    "exchange.home.stories": "Practice stories",
    "exchange.home.questions": "Questions to the network",
    "exchange.home.all_stories": "All practice stories",
    "exchange.home.all_questions": "All questions",
    "exchange.home.write_story": "Write a practice story",
    "exchange.home.ask": "Ask a question",
    "exchange.home.no_stories": "No practice stories yet. Will you write the first?",
    "exchange.home.no_questions": "No questions yet. Will you ask the first?",
    "exchange.home.feed": "Stay informed (Atom feed)",
    "exchange.home.your_code": (
        "This browser remembers your resume code {code}. With it you see the replies to what "
        "you wrote on your next visit, and you can download or erase your data."
    ),
    "exchange.home.your_data": "Download or erase my data",
    "exchange.help": (
        "Are you in trouble yourself, or worried about a child? Don't wait for an answer "
        "here: call your foster care worker, the Kindertelefoon (0800-0432, free) or Veilig "
        "Thuis (0800-2000, free, day and night). In immediate danger: 112."
    ),
    "exchange.list.stories_title": "Practice stories — {network}",
    "exchange.list.questions_title": "Questions to the network — {network}",
    "exchange.list.filter": "Filter",
    "exchange.list.search": "Search",
    "exchange.list.search_label": "Search by word",
    "exchange.list.all_themes": "All themes",
    "exchange.list.all_roles": "All roles",
    "exchange.list.order": "Order",
    "exchange.list.order_new": "Newest first",
    "exchange.list.order_votes": "Most votes first",
    "exchange.list.count_one": "1 found",
    "exchange.list.count": "{n} found",
    "exchange.list.none": "Nothing found.",
    "exchange.list.previous": "Previous",
    "exchange.list.next": "Next",
    "exchange.list.page": "Page {page} of {pages}",
    "exchange.item.by_role": "Written by a {role}",
    "exchange.item.by_tag": "Written by Participant {tag}",
    "exchange.item.by_unknown": "Written by a participant",
    "exchange.item.yours": "(you)",
    "exchange.item.pending": "Waiting for a moderator: only you see this now.",
    "exchange.item.hidden": "Hidden until a moderator looks at it.",
    "exchange.item.removed": "(removed)",
    "exchange.item.pinned": "Pinned",
    "exchange.item.helpful": "Helpful answer according to the asker",
    "exchange.item.replies_one": "1 reply",
    "exchange.item.replies": "{n} replies",
    "exchange.item.replies_title": "Replies",
    "exchange.item.answers_title": "Answers",
    "exchange.item.no_replies": "No replies yet.",
    "exchange.item.recognisable": "Recognisable",
    "exchange.item.recognisable_count": "Recognisable for {n}",
    "exchange.item.me_too": "I want to know too",
    "exchange.item.me_too_count": "{n} want to know too",
    "exchange.item.voted": "Your vote was counted.",
    "exchange.item.mark_helpful": "This helped me",
    "exchange.item.unmark_helpful": "Unmark as helpful",
    "exchange.item.reply": "Reply",
    "exchange.item.answer": "Answer",
    "exchange.item.report": "Report this message",
    "exchange.item.report_reason": "Why are you reporting this? (a moderator reads it)",
    "exchange.item.reported": "Thank you. A moderator will look at it.",
    "exchange.item.gone": "This message does not exist (any more).",
    "exchange.field.situatie": "The situation",
    "exchange.field.situatie_hint": "What was going on? Describe it without names.",
    "exchange.field.aanpak": "What did you do?",
    "exchange.field.geleerd": "What did you learn from it?",
    "exchange.field.toelichting": "Explanation (optional)",
    "exchange.field.tekst": "Your reply",
    "exchange.field.titel": "Title",
    "exchange.field.vraag": "Your question",
    "exchange.field.thema": "Theme",
    "exchange.field.no_theme": "No theme",
    "exchange.field.rol": "Your role",
    "exchange.field.tonen_als": "How others see you",
    "exchange.field.show_role": "Only my role (for example 'a foster parent')",
    "exchange.field.show_tag": "A fixed pseudonym (for example 'Participant K7QD')",
    "exchange.field.reden": "Reason",
    "exchange.field.limit": "at most {limit} characters",
    "exchange.form.story_title": "Write a practice story",
    "exchange.form.question_title": "Ask the network a question",
    "exchange.form.privacy": (
        "Don't name children, parents or clients, and change details by which a family could "
        "be recognised (town, ages, special events). Your name is never shown."
    ),
    "exchange.form.premoderated": (
        "A moderator reads your message first; then others see it. You see it at once."
    ),
    "exchange.form.submit": "Post",
    "exchange.form.cancel": "Back",
    "exchange.posted": "Posted. Thank you for sharing.",
    "exchange.posted_pending": "Saved. A moderator reads it first; then others see it.",
    "exchange.posted_again": "You had posted this already; it is there once.",
    "exchange.error.title": "That did not work",
    "exchange.error.invalid": "The field '{field}' is not right.",
    "exchange.error.required": "Please fill in '{field}'.",
    "exchange.error.too_long": (
        "'{field}' is {length} characters; {limit} fit. Your text is still below: shorten it."
    ),
    "exchange.error.bad_characters": "'{field}' contains characters we cannot store.",
    "exchange.error.rate": (
        "You posted {limit} messages in the last ten minutes already. Wait a moment and try "
        "again; your text is still below."
    ),
    "exchange.error.gone": "This message does not exist (any more) or is not visible yet.",
    "exchange.error.own_vote": "You cannot vote on your own message.",
    "exchange.error.own_report": "You cannot report your own message; you can erase it.",
    "exchange.error.not_yours": "Only the person who asked can mark an answer as helpful.",
    "exchange.error.unknown_network": "The network '{network}' does not exist.",
    "exchange.error.not_found": "This page does not exist.",
    "exchange.mod.title": "Moderation — {network}",
    "exchange.mod.denied_title": "No access",
    "exchange.mod.denied": (
        "This page is for moderators of this network. Open the link with the key you got "
        "from the administrator."
    ),
    "exchange.mod.signed_in": "Signed in as moderator: {label}",
    "exchange.mod.queue": "Waiting for you",
    "exchange.mod.queue_empty": "Nothing is waiting.",
    "exchange.mod.reports": "{n} open reports",
    "exchange.mod.reason": "Reason (required to hide)",
    "exchange.mod.approve": "Approve",
    "exchange.mod.hide": "Hide",
    "exchange.mod.restore": "Restore",
    "exchange.mod.pin": "Pin",
    "exchange.mod.unpin": "Unpin",
    "exchange.mod.to_agenda": "To the knowledge agenda",
    "exchange.mod.done": "Done: {action}.",
    "exchange.mod.premoderation": "Pre-moderation",
    "exchange.mod.premoderation_on": "On: new messages show only after approval.",
    "exchange.mod.premoderation_off": (
        "Off: new messages show at once (from foster youth and own children always only after "
        "approval)."
    ),
    "exchange.mod.turn_on": "Turn pre-moderation on",
    "exchange.mod.turn_off": "Turn pre-moderation off",
    "exchange.mod.activity": "What the network talks about (last three months)",
    "exchange.mod.activity_theme": "Theme",
    "exchange.mod.activity_stories": "Stories",
    "exchange.mod.activity_questions": "Questions",
    "exchange.mod.no_activity": "Nothing written in the last three months.",
    "exchange.mod.top_questions": "Open questions with the most votes",
    "exchange.mod.log": "Log",
    "exchange.mod.log_readers": "readers (3 reports)",
    "exchange.mod.action.approve": "approved",
    "exchange.mod.action.hide": "hidden",
    "exchange.mod.action.restore": "restored",
    "exchange.mod.action.pin": "pinned",
    "exchange.mod.action.unpin": "unpinned",
    "exchange.mod.action.to_agenda": "to the knowledge agenda",
    "exchange.mod.action.premoderation_on": "pre-moderation on",
    "exchange.mod.action.premoderation_off": "pre-moderation off",
    "exchange.status.visible": "visible",
    "exchange.status.pending": "waiting for approval",
    "exchange.status.hidden": "hidden",
    "exchange.status.removed": "removed",
    "exchange.kind.story": "Practice story",
    "exchange.kind.question": "Question",
    "exchange.kind.reply": "Reply",
    "exchange.feed.title": "{network}: practice stories and questions",
    "exchange.export.posts": "My practice stories, questions and replies",
    "exchange.export.votes": "My votes (recognisable, I want to know too)",
    "exchange.export.reports": "My reports",
    "exchange.export.status.pending": "waiting for a moderator",
    "exchange.export.status.hidden": "hidden",
    "exchange.export.hidden_item": "(a message that is hidden now)",
    "exchange.skip": "Skip to content",
    "exchange.own.code": (
        "This browser remembers your resume code {code}. Below you download everything you "
        "gave in worksheets and on the networks' homes, or erase it."
    ),
    "exchange.own.download": "Download my data (HTML)",
    "exchange.own.erase_warning": (
        "Erasing removes all your answers, stories, questions, replies, votes and reports, "
        "for good. Replies by others to what you wrote stay, under '(removed)'."
    ),
    "exchange.own.erase_confirm": "Yes, I am sure",
    "exchange.own.erase": "Erase all my data",
    "exchange.own.erased": "Your data has been erased and this device forgotten.",
    "exchange.own.none": (
        "This browser knows no resume code, so nothing of yours is here. Open a worksheet "
        "with your resume code to download or erase your data."
    ),
    "cli.network.help": "a network's home: moderators and pre-moderation",
    "cli.network.moderator_help": "make a key for a moderator of a network",
    "cli.network.network_help": "the network's id (see 'pleegzorg catalog')",
    "cli.network.label_help": "who gets the key, as the log shows it",
    "cli.network.base_url_help": "the server's address, for a full link",
    "cli.network.moderator_made": (
        "Key for {label} ({network}). Give this link only to that person; whoever has it can "
        "moderate:\n{link}"
    ),
    "cli.network.premoderation_help": "turn pre-moderation on or off",
    "cli.network.premoderation_set": "Pre-moderation for {network}: {state}.",
    "cli.network.on": "on",
    "cli.network.off": "off",
}
