"""English messages."""

MESSAGES: dict[str, str] = {
    "site.title": "Foster care workbooks",
    "site.tagline": (
        "Reflection exercises and worksheets for learning networks and dialogues in foster care"
    ),
    "landing.intro": (
        "Choose a worksheet. Your answers are saved at once. With your personal resume code "
        "you continue later, on another device too."
    ),
    "landing.minutes": "{minutes} minutes",
    "landing.open": "Open worksheet",
    "landing.empty": "There are no worksheets yet.",
    "landing.other": "Other worksheets",
    "landing.meetings": "{count} meetings a year, about {minutes} minutes",
    "landing.privacy": (
        "Your answers are yours: you take part under a name you choose (or none) and only "
        "your resume code shows them again."
    ),
    "header.duration": "about {minutes} minutes",
    "header.role": "I take part as",
    "header.role_placeholder": "— choose your role —",
    "header.name": "Name (optional)",
    "header.name_placeholder": "e.g. your first name or a pseudonym",
    "header.code_label": "Your resume code",
    "header.code_hint": "Keep this code. It opens your answers again later, on another device too.",
    "header.resume_label": "Do you have a resume code?",
    "header.resume_placeholder": "XXXX-XXXX-XXXX",
    "header.resume_button": "Continue with my code",
    "header.resumed": "Welcome back. Your earlier answers are here again.",
    "header.session": "Meeting: {code}",
    "header.back": "All worksheets",
    "code.unknown": (
        "We do not know this resume code. Check the code (12 characters, e.g. "
        "ABCD-EFGH-JKMN). You can also just start: you have a new code above."
    ),
    "code.malformed": (
        "This is not a valid resume code. A resume code has 12 characters, e.g. ABCD-EFGH-JKMN."
    ),
    "session.malformed": (
        "The session code in the link is not right. Ask the facilitator for the correct link; "
        "your answers are saved all the same."
    ),
    "name.too_long": "Your name is too long (at most {limit} characters).",
    "progress": "{answered} of {total} answered",
    "status.saving": "saving…",
    "status.saved": "saved",
    "status.unsaved": "not saved yet",
    "status.error": "Not saved: {reason}",
    "status.store_down": (
        "Not saved: the store cannot be reached right now. Your answer is still in the field; "
        "we try again when you change something."
    ),
    "answer.too_long": (
        "Your answer is too long ({length} characters); the maximum is {limit}. "
        "Your text is still in the field: shorten it to save."
    ),
    "answer.invalid": "this answer does not fit the question.",
    "answer.bad_characters": "your text contains characters we cannot store.",
    "likert.1": "Strongly disagree",
    "likert.2": "Disagree",
    "likert.3": "Neutral",
    "likert.4": "Agree",
    "likert.5": "Strongly agree",
    "open.placeholder": "Type your answer here…",
    "multiple.hint": "More than one answer possible.",
    "scale.low": "0 = not at all",
    "scale.high": "10 = completely",
    "ranking.hint": "Put in order: most important at the top. Use the arrows.",
    "ranking.up": "Up",
    "ranking.down": "Down",
    "ranking.confirm": "This order is right",
    "shared.notice": "shared anonymously with the group",
    "footer.title": "Done for now?",
    "footer.text": (
        "Everything you enter is saved at once. Feel free to close your browser: with your "
        "resume code {code} you continue later."
    ),
    "error.worksheet_unknown": "Worksheet '{id}' does not exist in the workbooks.",
    "error.store": (
        "The store cannot be reached right now ({reason}), so your answers cannot be saved. "
        "Try again in a few minutes by reloading the page."
    ),
    "cli.catalog.networks": "Learning networks",
    "cli.catalog.roles": "Roles",
    "cli.catalog.worksheets": "Worksheets",
    "cli.check.ok": "OK: {count} worksheets checked.",
    "cli.check.failed": "{count} problem(s) found.",
    "cli.serve.url": "Foster care workbooks running at {url}",
    "content.error": "Error in {file}, line {line}, field '{field}': {problem}",
}

MESSAGES.update(
    {
        "content.yaml_syntax": "this is not valid YAML ({detail})",
        "content.missing": "is missing",
        "content.unknown_key": "unknown field; allowed are: {allowed}",
        "content.wrong_type": "must be {expected}, but is {actual}",
        "content.duplicate_key": "appears twice in the same block",
        "content.duplicate_id": "id '{id}' is already used (in {other})",
        "content.unknown_ref": "'{value}' does not exist; known are: {known}",
        "content.bad_id": "'{value}' is not a valid id (lowercase letters, digits and '-')",
        "content.empty": "must not be empty",
        "content.no_metadata": "the notebook lacks 'pleegzorg' metadata (title, network, theme …)",
        "content.not_json": "the notebook is not valid JSON ({detail})",
        "content.type.str": "text",
        "content.type.int": "a whole number",
        "content.type.list": "a list",
        "content.type.dict": "a block of fields",
        "content.type.bool": "yes/no (true/false)",
        "content.literal_args": "use only literal text, numbers and lists as arguments",
        "session.unknown": "We do not know this session code. Ask the facilitator for the correct link; your answers are saved all the same.",
        "session.joined": "You take part in the meeting “{title}” ({code}).",
        "poll.title": "Poll from the facilitator",
        "poll.send": "Send",
        "poll.sent": "Thank you, your answer was sent. You can change it while the poll is open.",
        "poll.choose": "Choose an answer first.",
        "poll.too_long": "Your answer is too long (at most {limit} characters).",
        "poll.placeholder": "One word or a short sentence…",
        "chart.respondents": "{n} answers",
        "chart.suppressed": "Too few answers to show (fewer than {k}).",
        "chart.mean": "Mean: {mean}",
        "chart.ranking": "Mean position (1 = most important)",
        "chart.personal": "Personal question: only the number of answers is visible.",
        "chart.words": "Words that come up often",
        "chart.answers": "Answers (anonymous)",
        "chart.no_texts": "No shared answers yet.",
        "live.denied": "This page is only for the facilitator of a meeting. Open the link with the key you received when you created the meeting.",
        "live.joined": "{n} participants",
        "live.roles_suppressed": "Distribution over roles hidden: fewer than {k} participants.",
        "live.join_code": "Join code",
        "live.participant_link": "Link for participants",
        "live.updated": "Updated at {time}",
        "live.tab.results": "Results",
        "live.tab.present": "Present",
        "live.tab.poll": "Poll",
        "live.tab.compare": "Compare",
        "live.tab.report": "Report",
        "live.hide": "Hide",
        "live.show": "Show again",
        "live.hidden": "hidden from the group",
        "live.moderate": "Moderate: hide an answer from the shared view (it stays stored).",
        "present.prev": "← Previous",
        "present.next": "Next →",
        "present.position": "Question {i} of {n}",
        "poll.prompt": "Question",
        "poll.options": "Answer options (one per line; empty = open question)",
        "poll.launch": "Start poll",
        "poll.stop": "Stop poll",
        "poll.running": "Running: {prompt}",
        "poll.none": "No poll is running.",
        "poll.empty_prompt": "Type a question first.",
        "poll.results": "Results",
        "compare.question": "Question",
        "compare.none": "This worksheet has not been used in other meetings yet.",
        "report.title": "Report",
        "report.download_html": "Download report (HTML)",
        "report.download_md": "Download report (Markdown)",
        "report.download_csv": "Download answers (CSV, anonymous)",
        "report.generated": "Made on {time}",
        "report.privacy": "All answers are anonymous. Counts below {k} are not shown.",
        "report.polls": "Polls",
        "report.make_pdf": "Make PDF",
        "report.download_pdf": "Download report (PDF)",
        "new.title": "New meeting",
        "new.network": "Learning network",
        "new.worksheet": "Worksheet",
        "new.session_title": "Title (optional)",
        "new.date": "Date",
        "new.organizer": "Organiser code",
        "new.create": "Create meeting",
        "new.created": "Meeting created. Share the participant link; keep the facilitator link to yourself (it gives access to the results).",
        "new.organizer_wrong": "The organiser code is not right.",
        "new.facilitator_link": "Link for the facilitator (do not share)",
    }
)
