"""Texts of the agenda and attendance tools in exports, and of ``pleegzorg db``."""

NL = {
    # a participant's own export
    "agenda.export.items": "Mijn agendapunten",
    "agenda.export.votes": "Mijn stemmen op agendapunten",
    "agenda.export.attendance": "Mijn aanwezigheid bij bijeenkomsten",
    "agenda.export.hidden": "verborgen door de gespreksbegeleider",
    "agenda.export.hidden_item": "(een punt dat de gespreksbegeleider heeft verborgen)",
    "agenda.export.meeting": "{network}: bijeenkomst {meeting}",
    # pleegzorg db
    "cli.db.help": "de database: schemaversie bekijken en bijwerken",
    "cli.db.upgrade_help": "werk het schema van de database bij naar de nieuwste versie",
    "cli.db.current_help": "toon de schemaversie van de database",
    "cli.db.database": "Database: {url}",
    "cli.db.upgraded": "Schema bijgewerkt van {before} naar {after}.",
    "cli.db.up_to_date": "Het schema is al de nieuwste versie ({revision}).",
    "cli.db.current": "Schemaversie: {revision}",
    "cli.db.head": "(nieuwste)",
    "cli.db.behind": "(nieuwste is {head}: voer 'pleegzorg db upgrade' uit)",
    "cli.db.empty": "geen (lege database)",
    "cli.db.empty_short": "een lege database",
    "cli.db.legacy_short": "oud schema {version}",
    "cli.db.legacy": "geen Alembic-versie; oud schema {version} (wordt bijgewerkt bij 'pleegzorg db upgrade' of het openen van de opslag)",
    "store.schema_too_new": "De database heeft schemaversie {found}, nieuwer dan deze versie van pleegzorg kent ({head}). Werk pleegzorg-lib bij.",
}

EN = {
    "agenda.export.items": "My agenda items",
    "agenda.export.votes": "My votes on agenda items",
    "agenda.export.attendance": "My attendance at meetings",
    "agenda.export.hidden": "hidden by the facilitator",
    "agenda.export.hidden_item": "(an item the facilitator hid)",
    "agenda.export.meeting": "{network}: meeting {meeting}",
    "cli.db.help": "the database: show and upgrade its schema version",
    "cli.db.upgrade_help": "upgrade the database schema to the newest version",
    "cli.db.current_help": "show the schema version of the database",
    "cli.db.database": "Database: {url}",
    "cli.db.upgraded": "Schema upgraded from {before} to {after}.",
    "cli.db.up_to_date": "The schema is already the newest version ({revision}).",
    "cli.db.current": "Schema version: {revision}",
    "cli.db.head": "(newest)",
    "cli.db.behind": "(newest is {head}: run 'pleegzorg db upgrade')",
    "cli.db.empty": "none (empty database)",
    "cli.db.empty_short": "an empty database",
    "cli.db.legacy_short": "old schema {version}",
    "cli.db.legacy": "no Alembic version; old schema {version} (upgraded by 'pleegzorg db upgrade' or when the store is opened)",
    "store.schema_too_new": "The database has schema version {found}, newer than this version of pleegzorg knows ({head}). Upgrade pleegzorg-lib.",
}
