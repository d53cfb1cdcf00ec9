"""Texts the page's own front end shows (frontend/src): they travel in the page's data, in
both languages, because a preheated page is rendered before its visitor's language is known."""

NL = {
    "page.connection_lost": "Verbinding weg — je antwoorden tot nu toe zijn bewaard.",
    "page.connection_lost_detail": (
        "Wat je typte nadat je 'opgeslagen' zag, staat nog in het veld maar is nog niet "
        "bewaard. Laad de pagina opnieuw: je komt terug met je hervatcode en die tekst wordt "
        "teruggezet."
    ),
    "page.reload": "Pagina opnieuw laden",
    "page.drafts_restored": (
        "Tekst die nog niet bewaard was, is teruggezet en wordt nu opgeslagen."
    ),
    "page.device_title": "Op een gedeeld apparaat?",
    "page.device_hint_days": (
        "Deze browser onthoudt je hervatcode {days} dagen, zodat je na herladen gewoon verder "
        "kunt. Gebruik je een computer of tablet samen met anderen (thuis, op je werk, in de "
        "bijeenkomst)? Schrijf je hervatcode op en klik als je klaar bent op 'Dit apparaat "
        "vergeten'."
    ),
    "page.device_hint_youth": (
        "Deze browser onthoudt je hervatcode alleen tot je hem helemaal sluit, tenzij je bij je "
        "hervatcode 'Onthoud mij op dit apparaat' aanvinkt. Gebruik je een laptop of tablet "
        "samen met anderen, thuis of op school? Klik als je klaar bent op 'Dit apparaat "
        "vergeten'."
    ),
    "page.device_hint_session": (
        "Deze browser onthoudt je hervatcode tot je hem sluit. Gebruik je een computer of "
        "tablet samen met anderen? Schrijf je hervatcode op en klik als je klaar bent op 'Dit "
        "apparaat vergeten'."
    ),
    "page.device_hint_facilitator": (
        "Deze browser onthoudt de sleutel van je bijeenkomst, zodat de live-weergave na "
        "herladen gewoon verder gaat. Op een gedeelde computer (de beamer in de zaal, een "
        "laptop van het werk)? Klik als je klaar bent op 'Dit apparaat vergeten'."
    ),
    "page.device_forget": "Dit apparaat vergeten",
    "page.device_forgotten": (
        "Dit apparaat is vergeten: je hervatcode staat er niet meer op. Met je code ga je "
        "later verder."
    ),
    "page.device_failed": "Dat lukte niet. Probeer het opnieuw of sluit de browser helemaal af.",
    "page.cell_failed_title": "Een deel van deze pagina werkt nu niet",
    "page.cell_failed": (
        "Er ging iets mis op de server; het is gemeld. Je antwoorden tot nu toe zijn bewaard. "
        "Laad de pagina opnieuw."
    ),
    "page.too_slow_title": "Deze pagina kwam niet op tijd klaar",
    "page.too_slow": (
        "De server had het te druk of er ging iets mis. Je antwoorden tot nu toe zijn bewaard. "
        "Laad de pagina opnieuw; lukt het dan nog niet, probeer het over een paar minuten."
    ),
}

EN = {
    "page.connection_lost": "Connection lost — your answers so far have been saved.",
    "page.connection_lost_detail": (
        "What you typed after you saw 'saved' is still in its field but not saved yet. Reload "
        "the page: you come back with your resume code and that text is put back."
    ),
    "page.reload": "Reload the page",
    "page.drafts_restored": "Text that was not saved yet has been put back and is being saved.",
    "page.device_title": "On a shared device?",
    "page.device_hint_youth": (
        "This browser remembers your resume code only until you close it completely, unless you tick "
        "'Remember me on this device' next to your resume code. Do you share a laptop or "
        "tablet with others, at home or at school? Click 'Forget this device' when you are "
        "done."
    ),
    "page.device_hint_days": (
        "This browser remembers your resume code for {days} days, so a reload brings your "
        "answers back. Do you share this computer or tablet with others (at home, at work, in "
        "the meeting)? Write your resume code down and click 'Forget this device' when you "
        "are done."
    ),
    "page.device_hint_session": (
        "This browser remembers your resume code until it is closed. Do you share this "
        "computer or tablet with others? Write your resume code down and click 'Forget this "
        "device' when you are done."
    ),
    "page.device_hint_facilitator": (
        "This browser remembers your session's key, so the live view carries on after a "
        "reload. On a shared computer (the projector in the room, a work laptop)? Click "
        "'Forget this device' when you are done."
    ),
    "page.device_forget": "Forget this device",
    "page.device_forgotten": (
        "This device has been forgotten: your resume code is no longer on it. Use your code "
        "to continue later."
    ),
    "page.device_failed": "That did not work. Try again, or close the browser completely.",
    "page.cell_failed_title": "Part of this page does not work right now",
    "page.cell_failed": (
        "Something went wrong on the server; it has been logged. Your answers so far have been "
        "saved. Reload the page."
    ),
    "page.too_slow_title": "This page did not finish in time",
    "page.too_slow": (
        "The server was too busy or something went wrong. Your answers so far have been saved. "
        "Reload the page; if that does not help, try again in a few minutes."
    ),
}

#: The catalog keys the front end uses, under the names it knows them by.
FRONTEND_KEYS = {
    "connectionLost": "page.connection_lost",
    "connectionLostDetail": "page.connection_lost_detail",
    "reload": "page.reload",
    "draftsRestored": "page.drafts_restored",
    "deviceTitle": "page.device_title",
    "deviceHint": "page.device_hint_days",
    "deviceHintFacilitator": "page.device_hint_facilitator",
    "deviceHintYouth": "page.device_hint_youth",
    "deviceForget": "page.device_forget",
    "deviceForgotten": "page.device_forgotten",
    "deviceFailed": "page.device_failed",
    "tooSlowTitle": "page.too_slow_title",
    "tooSlow": "page.too_slow",
    "cellFailedTitle": "page.cell_failed_title",
    "cellFailed": "page.cell_failed",
}
