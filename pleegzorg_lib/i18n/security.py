"""Texts of the server's protections (who may create sessions, a public server) and of the
hulpwijzer's loader (help for people in trouble)."""

NL = {
    "organizer.local_only_title": "Alleen op deze computer",
    "organizer.local_only": (
        "Een bijeenkomst aanmaken kan op deze server alleen op de computer waarop hij draait: "
        "er is geen organisatiecode ingesteld. Beheerder: stel PLEEGZORG_ORGANIZER_CODE in "
        "(zie docs/deployment.md); wie de code kent, kan dan overal bijeenkomsten aanmaken."
    ),
    "organizer.back": "Terug naar alle werkbladen",
    "hub.not_allowed_title": "Geen toegang",
    "hub.not_allowed": (
        "Je bent aangemeld als {name}, maar je hebt geen toegang tot de pagina's voor "
        "gespreksbegeleiders. Vraag de beheerder van JupyterHub om toegang."
    ),
    "busy.title": "Het is even druk",
    "busy.text": (
        "Probeer het over een minuut opnieuw. Er zijn nu zoveel werkbladen "
        "open dat deze server er geen meer bij kan hebben zonder dat het voor iedereen traag "
        "wordt. Over {seconds} seconden probeert deze pagina het zelf opnieuw; wat je eerder "
        "invulde, is bewaard."
    ),
    "busy.retry": "Nu opnieuw proberen",
    "cli.cluster.url": "{servers} servers achter nginx: {url} (logboeken in {logs}; `Ctrl+C` stopt alles)",
    "cli.cluster.no_nginx": "nginx is niet gevonden. Installeer het (Debian: `apt-get install nginx-light`) of gebruik `pleegzorg serve`.",
    "cli.cluster.nginx_failed": "nginx weigert de configuratie: {error}",
    "cli.cluster.exited": "Een server of nginx is gestopt tijdens het opstarten; zie de logboeken in {log}.",
    "cli.cluster.not_ready": "De servers waren na {seconds} seconden nog niet bereikbaar.",
    "cli.serve.organizer_required": (
        "De server zou bereikbaar zijn op {ip}, maar PLEEGZORG_ORGANIZER_CODE is niet "
        "ingesteld: dan kan iedereen die de server bereikt bijeenkomsten aanmaken. Stel "
        "PLEEGZORG_ORGANIZER_CODE in (een lange, geheime code) of gebruik --ip 127.0.0.1."
    ),
}

EN = {
    "organizer.local_only_title": "Only on this computer",
    "organizer.local_only": (
        "On this server, sessions can only be created on the computer it runs on: no "
        "organiser code is set. Administrator: set PLEEGZORG_ORGANIZER_CODE (see "
        "docs/deployment.md); anyone who knows the code can then create sessions anywhere."
    ),
    "organizer.back": "Back to all worksheets",
    "hub.not_allowed_title": "No access",
    "hub.not_allowed": (
        "You are signed in as {name}, but you have no access to the facilitators' pages. "
        "Ask the JupyterHub administrator for access."
    ),
    "busy.title": "It is busy right now",
    "busy.text": (
        "Please try again in a minute. So many worksheets are open that "
        "this server cannot take another without slowing down for everyone. In {seconds} "
        "seconds this page tries again by itself; what you filled in before is saved."
    ),
    "busy.retry": "Try again now",
    "cli.cluster.url": "{servers} servers behind nginx: {url} (logs in {logs}; `Ctrl+C` stops all)",
    "cli.cluster.no_nginx": "nginx was not found. Install it (Debian: `apt-get install nginx-light`) or use `pleegzorg serve`.",
    "cli.cluster.nginx_failed": "nginx refuses the configuration: {error}",
    "cli.cluster.exited": "A server or nginx stopped while starting; see the logs in {log}.",
    "cli.cluster.not_ready": "The servers could not be reached after {seconds} seconds.",
    "cli.serve.organizer_required": (
        "The server would be reachable on {ip}, but PLEEGZORG_ORGANIZER_CODE is not set: "
        "anyone who reaches the server could create sessions. Set PLEEGZORG_ORGANIZER_CODE "
        "(a long, secret code) or use --ip 127.0.0.1."
    ),
}

NL.update(
    {
        "signpost.error.low_max": "moet 0 t/m 5 zijn, niet {value}",
        "signpost.error.hours": "een hulplijn met een nummer zegt wanneer hij bereikbaar is (`hours:`, bijvoorbeeld 'elke dag van 11.00 tot 21.00 uur')",
        "signpost.error.checked": "is geen datum als 2026-12-07: '{value}'",
        "signpost.stale": "{file}: '{id}' is voor het laatst nagekeken op {checked}; kijk nummer, openingstijden en tekst na en zet `checked:` op vandaag",
        "signpost.error.likert_low_retired": "bestaat niet meer: een Likert-vraag noemt zelf de antwoorden die op zorgen wijzen (`distress=[…]` in het werkblad); haal deze regel weg",
        "signpost.error.trigger_case": "schrijf in kleine letters: '{value}'",
    }
)
EN.update(
    {
        "signpost.error.low_max": "must be 0 to 5, not {value}",
        "signpost.error.hours": "a helpline with a number says when it can be reached (hours:, e.g. 'every day 11:00 to 21:00')",
        "signpost.error.checked": "is not a date like 2026-12-07: '{value}'",
        "signpost.stale": "{file}: '{id}' was last checked on {checked}; check the number, hours and text and set 'checked:' to today",
        "signpost.error.likert_low_retired": "no longer exists: a Likert question names the answers that signal distress itself (distress=[…] in the worksheet); remove this line",
        "signpost.error.trigger_case": "write in lower case: '{value}'",
    }
)
