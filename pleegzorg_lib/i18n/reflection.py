"""Texts of the reflection tools: reflection cycles, schaalvragen and the Vakmanschap profile."""

NL: dict[str, str] = {
    "reflection.unknown_cycle": "reflectiecyclus '{value}' bestaat niet; bekend zijn: {known}",
    "reflection.unknown_format": "intervisievorm '{value}' bestaat niet; bekend zijn: {known}",
    "reflection.topic_empty": "geef een onderwerp voor de schaalvragen",
    "reflection.step_kind": "moet 'scale' of 'open' zijn, maar is '{value}'",
    "reflection.story_part": "moet een van {known} zijn, maar is '{value}'",
    "reflection.no_items": "de lijst is leeg",
    "reflection.minutes": "moet een aantal minuten van 1 tot 120 zijn, maar is {value}",
    "reflection.long_id": "'{value}' is te lang als id (samen met de vraag-id's)",
    "profile.title": "Jouw profiel",
    "profile.caption": "Je eigen inschatting per ontwikkelingsopgave, van 0 tot 10.",
    "profile.empty": "nog niet ingevuld",
    "profile.value": "{value} van 10",
    "profile.summary": "{task}: {value}",
    "profile.none": "Vul de schaalvragen hierboven in; je profiel verschijnt dan hier.",
}

EN: dict[str, str] = {
    "reflection.unknown_cycle": "reflection cycle '{value}' does not exist; known are: {known}",
    "reflection.unknown_format": "intervision format '{value}' does not exist; known are: {known}",
    "reflection.topic_empty": "give a topic for the scaling questions",
    "reflection.step_kind": "must be 'scale' or 'open', but is '{value}'",
    "reflection.story_part": "must be one of {known}, but is '{value}'",
    "reflection.no_items": "the list is empty",
    "reflection.minutes": "must be a number of minutes from 1 to 120, but is {value}",
    "reflection.long_id": "'{value}' is too long as an id (together with the question ids)",
    "profile.title": "Your profile",
    "profile.caption": "Your own estimate per development task, from 0 to 10.",
    "profile.empty": "not answered yet",
    "profile.value": "{value} out of 10",
    "profile.summary": "{task}: {value}",
    "profile.none": "Answer the scaling questions above; your profile then appears here.",
}
