"""Texts of sessions, reports, the store and the command line's own output."""

NL = {
    "session.error.unknown_network": "Onbekend netwerk '{id}'. Bekend zijn: {known}.",
    "session.error.unknown_worksheet": "Onbekend werkblad '{id}'. Zie `pleegzorg catalog`.",
    "session.error.other_network": (
        "Werkblad '{id}' hoort bij netwerk '{network}', niet bij '{asked}'."
    ),
    "session.error.date": "Datum '{date}' klopt niet; gebruik JJJJ-MM-DD.",
    "session.error.expected": "Verwacht aantal deelnemers moet tussen 0 en {max} liggen.",
    "report.error.unknown_session": "Onbekende sessiecode '{code}'.",
    "analysis.other_roles": "Overige rollen",
    "analysis.no_role": "Rol niet gekozen",
    "report.error.worksheet_gone": "Het werkblad '{id}' bestaat niet meer.",
    "store.error.network_disk": (
        "De SQLite-opslag staat op een netwerkschijf ({kind}: {folder}). Dat is niet "
        "betrouwbaar. Kies een lokale map (PLEEGZORG_HOME) of gebruik PostgreSQL "
        "(PLEEGZORG_DATABASE_URL)."
    ),
    "cli.session.title": "Bijeenkomst: {title}",
    "cli.session.code": "Deelnamecode: {code}",
    "cli.session.participant_link": "Link voor deelnemers: {url}",
    "cli.session.facilitator_link": "Link voor de gespreksbegeleider (deel deze niet): {url}",
    "cli.session.warm": (
        "De server houdt {n} kernels warm voor dit werkblad (vandaag of de gekozen dag): "
        "pagina's openen dan snel, ook als iedereen tegelijk komt."
    ),
    "cli.session.warm_default": (
        "Zonder --expect houdt de server {n} kernels warm voor dit werkblad (vandaag of de "
        "gekozen dag): genoeg voor {n} mensen die tegelijk binnenkomen. Verwacht je meer, maak "
        "de bijeenkomst dan met --expect <aantal deelnemers>."
    ),
    "cli.session.warm_none": (
        "--expect 0: de server houdt geen kernels warm voor deze bijeenkomst; elke pagina "
        "start zijn kernel als iemand binnenkomt (een paar seconden)."
    ),
    "cli.report.written": "Verslag geschreven: {path}",
    "cli.written": "Geschreven: {path}",
    "cli.serve.retention": "Bewaartermijn {days} dagen: {removed} oude deelnemer(s) verwijderd.",
    "cli.purge.usage": (
        "Gebruik bijvoorbeeld --older-than 365d (een aantal dagen), of zet "
        "PLEEGZORG_RETENTION_DAYS."
    ),
}

EN = {
    "session.error.unknown_network": "Unknown network '{id}'. Known: {known}.",
    "session.error.unknown_worksheet": "Unknown worksheet '{id}'. See `pleegzorg catalog`.",
    "session.error.other_network": (
        "Worksheet '{id}' belongs to network '{network}', not to '{asked}'."
    ),
    "session.error.date": "Date '{date}' is not right; use YYYY-MM-DD.",
    "session.error.expected": "The expected number of participants must be between 0 and {max}.",
    "report.error.unknown_session": "Unknown session code '{code}'.",
    "analysis.other_roles": "Other roles",
    "analysis.no_role": "No role chosen",
    "report.error.worksheet_gone": "The worksheet '{id}' no longer exists.",
    "store.error.network_disk": (
        "The SQLite store is on a network drive ({kind}: {folder}). That is not reliable. "
        "Choose a local folder (PLEEGZORG_HOME) or use PostgreSQL (PLEEGZORG_DATABASE_URL)."
    ),
    "cli.session.title": "Session: {title}",
    "cli.session.code": "Join code: {code}",
    "cli.session.participant_link": "Link for participants: {url}",
    "cli.session.facilitator_link": "Link for the facilitator (do not share it): {url}",
    "cli.session.warm": (
        "The server keeps {n} kernels warm for this worksheet (today or the chosen day): "
        "pages open quickly, even when everyone arrives at once."
    ),
    "cli.session.warm_default": (
        "Without --expect the server keeps {n} kernels warm for this worksheet (today or the "
        "chosen day): enough for {n} people arriving at once. Expecting more? Create the "
        "session with --expect <number of participants>."
    ),
    "cli.session.warm_none": (
        "--expect 0: the server keeps no kernels warm for this session; each page starts its "
        "kernel when someone arrives (a few seconds)."
    ),
    "cli.report.written": "Report written: {path}",
    "cli.written": "Written: {path}",
    "cli.serve.retention": "Retention {days} days: {removed} old participant(s) erased.",
    "cli.purge.usage": (
        "Use for example --older-than 365d (a number of days), or set PLEEGZORG_RETENTION_DAYS."
    ),
}
