"""Texts of ``pleegzorg check``: one line per problem, ``file:cel N: message``."""

NL: dict[str, str] = {
    "check.saved_output": "heeft opgeslagen uitvoer; wis alle uitvoer en sla het notebook leeg op",
    "check.logic": "definieert een functie of klasse; dat hoort in `pleegzorg_lib`, niet in een werkblad",
    "check.too_much_code": "{lines} regels code (hoogstens {max}); houd werkbladen dun",
    "check.duplicate_question": "vraag-id '{id}' is al gebruikt (cel {cell}); geef elke vraag een eigen id",
    "check.renamed": "vraag-id '{old}' is verdwenen en '{new}' is nieuw: hernoemd? Er zijn antwoorden van {count} deelnemer(s) op '{old}' bewaard, die dan niet meer bij een vraag horen. Zet de oude id terug, of zet '{old}' bij `retired_questions` in de metadata als de vraag bewust vervalt.",
    "check.removed": "vraag-id '{id}' staat niet meer in het werkblad, maar er zijn antwoorden van {count} deelnemer(s) op bewaard. Zet de vraag terug, of zet '{id}' bij `retired_questions` in de metadata als de vraag bewust vervalt.",
    "check.store_unreadable": "de opslag is niet te lezen, dus is niet gecontroleerd of er vragen met antwoorden zijn hernoemd: {reason}",
    "check.duplicate_sheet": "id '{id}' komt ook voor in {other}",
    "check.does_not_run": "het notebook draait niet: {reason}",
    "check.no_worksheet_call": "roept `worksheet('{id}')` niet aan",
    "check.no_finish": "eindigt niet met `ws.finish()`",
    "check.no_questions": "heeft geen vragen",
    "check.not_static": "de vragen zijn niet uit de tekst te lezen (gebruik letterlijke argumenten in `ws.…`-aanroepen); het scherm van de gespreksbegeleider en het verslag hebben die nodig",
    "check.running": "bezig: {name}",
    "cli.check.ok_one": "In orde: 1 werkblad gecontroleerd.",
    "cli.check.failed_one": "1 probleem gevonden.",
}

EN: dict[str, str] = {
    "check.saved_output": "has saved output; clear all outputs and save the notebook empty",
    "check.logic": "defines a function or class; that belongs in pleegzorg_lib, not in a worksheet",
    "check.too_much_code": "{lines} lines of code (at most {max}); keep worksheets thin",
    "check.duplicate_question": "question id '{id}' is already used (cell {cell}); give every question its own id",
    "check.renamed": "question id '{old}' is gone and '{new}' is new: renamed? Answers of {count} participant(s) are stored under '{old}' and would no longer belong to a question. Put the old id back, or add '{old}' to retired_questions in the metadata if the question is dropped on purpose.",
    "check.removed": "question id '{id}' is no longer in the worksheet, but answers of {count} participant(s) are stored under it. Put the question back, or add '{id}' to retired_questions in the metadata if it is dropped on purpose.",
    "check.store_unreadable": "the store cannot be read, so renamed questions with answers were not checked: {reason}",
    "check.duplicate_sheet": "id '{id}' is also used by {other}",
    "check.does_not_run": "the notebook does not run: {reason}",
    "check.no_worksheet_call": "does not call worksheet('{id}')",
    "check.no_finish": "does not end with ws.finish()",
    "check.no_questions": "has no questions",
    "check.not_static": "the questions cannot be read from the text (use literal arguments in ws.… calls); the facilitator's screen and the report need them",
    "check.running": "running: {name}",
    "cli.check.ok_one": "OK: 1 worksheet checked.",
    "cli.check.failed_one": "1 problem found.",
}
