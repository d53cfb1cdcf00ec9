"""Spelling: every Dutch text a participant reads, checked with hunspell's Dutch dictionary.

Three sources of text, each with the place an author has to look:

* the notebooks in the workbooks folder (facilitator pages included): Markdown cells, the
  literal text passed to calls in code cells (prompts, help, options, labels) and the
  title and description in the ``pleegzorg`` metadata, as ``workbooks/<path>:cel N``;
* the catalog in ``data/**/*.yaml``: every string value except the fields in
  :data:`SKIPPED_KEYS` (ids, colours, dates, references), as ``data/<path>:regel L``;
* the Dutch message catalog (:data:`pleegzorg_lib.i18n.CATALOGS`), as
  ``pleegzorg_lib/i18n/<module>.py: sleutel '<key>'``.

Words hunspell does not know but that are right (domain terms, names, English terms used on
purpose) go in the project word list ``data/spelling/woordenlijst.txt``. A capital letter
mid-sentence does not make a word a name that is let through: hunspell-nl knows most names in
these texts (Gibbs, Jeugdwet, Rijksoverheid, Utrecht) and the few it does not are in the word
list, so a typo with a capital is still caught.

Not checked: URLs, e-mail addresses, code spans, HTML tags, ``{placeholders}``, words with
digits, single letters and acronyms in capitals (OTS, ALACT). A hyphenated compound is fine
when hunspell knows the whole or every part (``app-groepen``). The ``hunspell`` binary runs
once per check, with all distinct words at once.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import config, i18n

#: Where the project word list lives, relative to the data folder.
WORD_LIST = Path("spelling") / "woordenlijst.txt"

#: Suggestions cost hunspell 0.1-0.3 s a word: only this many distinct words get them.
MAX_SUGGESTED = 10


def missing_hunspell() -> str:
    """What to install when hunspell or its Dutch dictionary is missing (from the catalog)."""
    return i18n.t("check.hunspell_missing")


#: Dictionaries tried in order (Debian's hunspell-nl installs both names).
DICTIONARIES = ("nl_NL", "nl")
DICTIONARY_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell")

#: YAML fields whose values are not Dutch prose, with why. Everything else is checked, so a
#: new text field is spell-checked without anyone remembering to add it.
SKIPPED_KEYS: dict[str, str] = {
    "id": "an identifier, not text",
    "network_id": "an identifier",
    "theme_id": "an identifier",
    "worksheet": "a worksheet id",
    "themes": "theme ids (a network's list of theme mappings below it is still checked)",
    "gap": "an identifier for a netwerkkaart gap",
    "group": "a role group id (family, youth, ...)",
    "kind": "a kind of resource or question (wet, open, scale)",
    "line": "a line style (solid, dashed)",
    "colour": "a colour code",
    "url": "an address",
    "date": "a date",
    "start": "a time",
    "source": "literature references: author names and (English) titles of publications",
}
#: Keys ending like this hold English translations (``name_en:`` next to ``name:``).
SKIPPED_SUFFIXES = ("_id", "_en")

#: Positional arguments of calls in code cells that are ids, not text. The first argument of
#: every call is an id (``worksheet("puberteit")``, ``ws.likert("ruimte-ouders", ...)``,
#: ``intervisie_timer("incidentmethode")``); these calls have one more.
ID_ARGUMENTS: dict[str, tuple[int, ...]] = {"reflection_cycle": (0, 1)}
#: Keyword arguments of calls in code cells that are ids.
ID_KEYWORDS = frozenset({"id", "theme", "network", "cycle"})

_CODE_BLOCK = re.compile(r"```.*?```|~~~.*?~~~", re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ENTITY = re.compile(r"&#?\w+;")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:nl|com|org|net|eu|be|info|io)\b\S*")
_EMAIL = re.compile(r"\S+@\S+")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Technical text in messages: command lines, --options, file paths and extensions (.ics).
_COMMAND = re.compile(
    r"\bpleegzorg(?:-lib\b| (?:db|export|session) [a-z]+\b"
    r"| (?:catalog|check|new|forget|purge|serve|plan)\b)"
)
_OPTION = re.compile(r"(?<!\w)--?[A-Za-z][\w-]*")
_PATH = re.compile(r"[\w.-]*/[\w./-]*\.\w+")
_EXTENSION = re.compile(r"(?<![\w.])\.[a-z]{2,4}\b")
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*\.?")
#: In messages a word in single quotes is a literal value ('scale', 'open'), not prose.
_QUOTED_VALUE = re.compile(r"(?<!\w)'[^'\s]+'(?!\w)")
#: A Markdown paragraph that starts like this lists literature (author names, English
#: titles), as the ``source`` fields in ``data/`` do; it is not checked.
_REFERENCES = re.compile(r"^[*_\s]*Bron(?:nen)?[*_]*\s*:")


@dataclass(frozen=True)
class Text:
    """One piece of user-facing text and where an author finds it (``file:cel 4``)."""

    location: str
    text: str


class SpellingUnavailable(RuntimeError):
    """The hunspell binary or its Dutch dictionary is not installed."""

    def __init__(self) -> None:
        super().__init__(missing_hunspell())


# -- the text ---------------------------------------------------------------------------------


def strip_markup(text: str) -> str:
    """Prose only: no code, URLs, e-mail addresses, HTML or ``{placeholders}``."""
    for pattern in (_CODE_BLOCK, _CODE_SPAN, _HTML_COMMENT, _HTML_TAG, _ENTITY, _LINK_TARGET):
        text = pattern.sub(" ", text)
    for pattern in (_EMAIL, _URL, _PLACEHOLDER, _COMMAND, _PATH, _OPTION, _EXTENSION):
        text = pattern.sub(" ", text)
    return text


def without_references(markdown: str) -> str:
    """Markdown without its reference paragraphs (``Bron: Gibbs, G. (1988). …``)."""
    paragraphs = re.split(r"\n\s*\n", markdown)
    return "\n\n".join(p for p in paragraphs if not _REFERENCES.match(p))


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _strings(node: ast.AST) -> Iterator[str]:
    """String literals in an argument: itself, or inside a list, tuple, set or dict value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for item in node.elts:
            yield from _strings(item)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _strings(value)
    elif isinstance(node, ast.BinOp):  # "a" + "b"
        yield from _strings(node.left)
        yield from _strings(node.right)


def code_strings(source: str) -> list[str]:
    """The text a code cell passes to calls: prompts, help, options, labels; no ids."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []  # `pleegzorg check` reports the syntax error itself
    found: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        skip = ID_ARGUMENTS.get(_call_name(node), (0,))
        for index, arg in enumerate(node.args):
            if index not in skip:
                found.extend((arg.lineno, arg.col_offset, s) for s in _strings(arg))
        for keyword in node.keywords:
            if keyword.arg and keyword.arg not in ID_KEYWORDS:
                value = keyword.value
                found.extend((value.lineno, value.col_offset, s) for s in _strings(value))
    return [text for _, _, text in sorted(found, key=lambda item: item[:2])]


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def notebook_texts(root: Path) -> list[Text]:
    """Markdown, the text in ``ws.…`` calls and the metadata of every notebook below ``root``."""
    texts: list[Text] = []
    paths = sorted(p for p in root.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    for path in paths:
        name = f"workbooks/{path.relative_to(root).as_posix()}"
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue  # `pleegzorg check` reports an unreadable notebook itself
        meta = nb.get("metadata", {}).get("pleegzorg")
        if isinstance(meta, dict):
            for key in ("title", "description"):
                if isinstance(meta.get(key), str):
                    texts.append(Text(f"{name}:metadata {key}", meta[key]))
        for index, cell in enumerate(nb.get("cells", []), start=1):
            kind = cell.get("cell_type")
            if kind == "markdown":
                texts.append(Text(f"{name}:cel {index}", without_references(_source(cell))))
            elif kind == "code":
                texts.extend(Text(f"{name}:cel {index}", s) for s in code_strings(_source(cell)))
    return texts


def _skipped(key: str) -> bool:
    return key in SKIPPED_KEYS or key.endswith(SKIPPED_SUFFIXES)


def _scalar_texts(node: yaml.ScalarNode, source: str, name: str) -> Iterator[Text]:
    line = node.start_mark.line + 1
    if node.style in ('"', "'"):  # quoted: escapes in the source, so check the value
        yield Text(f"{name}:regel {line}", node.value)
        return
    # plain and block scalars: the source lines are the text, so each word gets its own line
    raw = source[node.start_mark.index : node.end_mark.index]
    for offset, text in enumerate(raw.split("\n")):
        if text.strip():
            yield Text(f"{name}:regel {line + offset}", text)


def _yaml_texts(node: yaml.Node, source: str, name: str, skip: bool = False) -> Iterator[Text]:
    """The text values below ``node``. A skipped key skips its own values (a string or a list
    of strings), not the mappings below it: ``themes: [puberteit]`` in the kennisdossier is
    ids, ``themes:`` in a network is a list of themes with names and descriptions."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            yield from _yaml_texts(value_node, source, name, _skipped(str(key)))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _yaml_texts(item, source, name, skip)
    elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and not skip:
        yield from _scalar_texts(node, source, name)


def data_texts(data_dir: Path) -> list[Text]:
    """The string values of ``data/**/*.yaml``, except ids, dates and references."""
    texts: list[Text] = []
    for path in sorted(data_dir.rglob("*.yaml")):
        name = f"data/{path.relative_to(data_dir).as_posix()}"
        try:
            source = path.read_text(encoding="utf-8")
            node = yaml.compose(source, Loader=yaml.SafeLoader)
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # the catalog loader reports broken YAML itself
        if node is not None:
            texts.extend(_yaml_texts(node, source, name))
    return texts


def catalog_texts() -> list[Text]:
    """The Dutch message catalog, each message named by its module and key."""
    modules = {key: "nl" for key in importlib.import_module(f"{i18n.__name__}.nl").MESSAGES}
    for feature in i18n.FEATURE_CATALOGS:
        try:
            module = importlib.import_module(f"{i18n.__name__}.{feature}")
        except ModuleNotFoundError:
            continue
        modules.update({key: feature for key in getattr(module, "NL", {})})
    return [
        Text(
            f"pleegzorg_lib/i18n/{modules.get(key, 'nl')}.py: sleutel '{key}'",
            _QUOTED_VALUE.sub(" ", _PLACEHOLDER.sub(" ", value)),
        )
        for key, value in i18n.CATALOGS["nl"].items()
    ]


# -- the words --------------------------------------------------------------------------------


def _ignored(word: str) -> bool:
    """Single letters, words with digits and acronyms in capitals are not spell-checked."""
    return len(word) < 2 or word.isupper() or any(c.isdigit() for c in word)


def words(text: str) -> list[str]:
    """The words of ``text`` worth checking, in order (``’`` read as ``'``).

    A word keeps a full stop that follows it, so hunspell judges an abbreviation as written
    (``bijv.`` and ``ca.`` are known, ``ca`` is not; ``komt.`` counts as ``komt``).
    """
    found = []
    for match in _TOKEN.finditer(strip_markup(text).replace("’", "'")):
        word = match.group().lstrip("'-")
        if not _ignored(word.rstrip(".")):
            found.append(word)
    return found


def parts(word: str) -> list[str]:
    """The parts of a hyphenated compound worth checking (``app-groepen``: app, groepen)."""
    return [p for p in word.split("-") if not _ignored(p)] if "-" in word else []


def load_word_list(path: Path) -> frozenset[str]:
    """The project word list: one word a line, ``#`` starts a comment."""
    if not path.is_file():
        return frozenset()
    entries = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return frozenset(e for e in entries if e)


def _listed(word: str, word_list: frozenset[str]) -> bool:
    """In the list as written; a lowercase entry also allows a capital or all capitals."""
    if word in word_list:
        return True
    lower = word.lower()
    if lower in word_list and word in (lower.capitalize(), lower.upper()):
        return True
    return word.endswith("'s") and _listed(word[:-2], word_list)  # Anna's, NJi's


def dictionary() -> str | None:
    """The hunspell Dutch dictionary to use (a path without extension), or ``None``."""
    dirs = config.hunspell_dictionary_dirs()
    for name in DICTIONARIES:
        for folder in [*dirs, *DICTIONARY_DIRS]:
            base = Path(folder) / name
            if base.with_suffix(".dic").is_file() and base.with_suffix(".aff").is_file():
                return str(base)
    return None


def hunspell_problem() -> str | None:
    """Why spelling cannot be checked here (in Dutch, with the fix), or ``None``."""
    if shutil.which("hunspell") is None or dictionary() is None:
        return missing_hunspell()
    return None


def _hunspell(option: str, lines: list[str]) -> str:
    binary, dic = shutil.which("hunspell"), dictionary()
    if binary is None or dic is None:
        raise SpellingUnavailable
    result = subprocess.run(  # noqa: S603 - fixed arguments, the words go on stdin
        [binary, option, "-i", "utf-8", "-d", dic],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    if result.returncode != 0:
        raise SpellingUnavailable
    return result.stdout


def unknown_words(candidates: Iterable[str]) -> set[str]:
    """The words hunspell's Dutch dictionary does not know.

    One ``hunspell -L`` process for all distinct words, one a line: it prints back the lines
    with a misspelling, so each answer is one of the words asked. A full stop after a word is
    hunspell's to judge (``bijv.`` is known, ``ca`` without it is not).
    """
    unique = sorted(set(candidates))
    if not unique:
        return set()
    return set(_hunspell("-L", unique).splitlines()) & set(unique)


def suggestions(unknown: Iterable[str]) -> dict[str, list[str]]:
    """hunspell's suggestions for a few unknown words (``-a`` pipe mode; slow per word)."""
    unique = sorted(set(unknown))[:MAX_SUGGESTED]
    if not unique:
        return {}
    # `^` keeps a line from being read as a command; each line gets one answer per word
    # hunspell saw on it, then an empty line. `& word n offset: a, b` has suggestions.
    lines = _hunspell("-a", [f"^{word}" for word in unique]).split("\n")[1:]  # after banner
    found: dict[str, list[str]] = {}
    index = 0
    for line in lines:
        if index >= len(unique):
            break
        if not line:  # the end of one word's answers
            index += 1
        elif line.startswith("&") and unique[index] not in found:
            found[unique[index]] = line.partition(": ")[2].split(", ")
    return found


# -- the check --------------------------------------------------------------------------------


def problems_in(texts: Iterable[Text], word_list: frozenset[str]) -> list[str]:
    """One Dutch line per unknown word per place it occurs, in the order of the texts."""
    per_text: list[tuple[Text, list[str]]] = []
    to_ask: set[str] = set()
    for text in texts:
        found = [w for w in words(text.text) if not _listed(w.rstrip("."), word_list)]
        per_text.append((text, found))
        for token in found:
            to_ask.add(token)
            to_ask.update(p for p in parts(token.rstrip(".")) if not _listed(p, word_list))
    unknown = unknown_words(to_ask)
    found_bad: dict[tuple[str, str], None] = {}  # (location, word), each once, in order
    for text, found in per_text:
        for token in found:
            if token not in unknown:
                continue
            word = token.rstrip(".")
            split = parts(word)  # a compound is fine when every part is
            for bad_word in [p for p in split if p in unknown] if split else [word]:
                found_bad[(text.location, bad_word)] = None
    suggested = suggestions(word for _, word in found_bad)
    return [f"{where}: {_message(word, suggested.get(word, []))}" for where, word in found_bad]


def _message(word: str, suggested: list[str]) -> str:
    if suggested:
        return f"onbekend woord '{word}' (spelling? suggestie: {', '.join(suggested[:3])})"
    return f"onbekend woord '{word}' (spelling?)"


def spelling_problems(
    workbooks_root: Path,
    data_dir: Path,
    *,
    word_list: Path | None = None,
    include_catalog: bool = True,
) -> list[str]:
    """Every misspelling in the notebooks, the YAML catalog and the Dutch messages.

    Each problem is one line, ``<file>:cel 4: onbekend woord 'fietz' (spelling? …)``. When
    hunspell or its Dutch dictionary is missing, that is the one problem returned.
    """
    missing = hunspell_problem()
    if missing:
        return [missing]
    listed = load_word_list(word_list or data_dir / WORD_LIST)
    texts = notebook_texts(workbooks_root) + data_texts(data_dir)
    if include_catalog:
        texts += catalog_texts()
    try:
        return problems_in(texts, listed)
    except SpellingUnavailable as exc:
        return [str(exc)]
