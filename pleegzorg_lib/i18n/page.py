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
}

EN = {
    "page.connection_lost": "Connection lost — your answers so far have been saved.",
    "page.connection_lost_detail": (
        "What you typed after you saw 'saved' is still in its field but not saved yet. Reload "
        "the page: you come back with your resume code and that text is put back."
    ),
    "page.reload": "Reload the page",
    "page.drafts_restored": "Text that was not saved yet has been put back and is being saved.",
}

#: The catalog keys the front end uses, under the names it knows them by.
FRONTEND_KEYS = {
    "connectionLost": "page.connection_lost",
    "connectionLostDetail": "page.connection_lost_detail",
    "reload": "page.reload",
    "draftsRestored": "page.drafts_restored",
}
