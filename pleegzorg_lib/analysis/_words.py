"""Word frequencies of open answers, for the facilitator's word list and word cloud.

Only shared open answers reach this module; it counts words so a group sees which themes
come back, without anyone having to read every answer aloud. What a group is shown
(:func:`words_of_the_group`) counts *people*, not occurrences, and leaves out every word
fewer than k = 5 people wrote: a single person's word never stands out (issue 30). The stop
words are the maintained Dutch list of the ``stop-words`` package plus our own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from stop_words import get_stop_words

from ._constants import K_MIN

__all__ = ["DUTCH_STOP_WORDS", "MIN_WORD_LENGTH", "word_frequencies", "words_of_the_group"]

#: Words shorter than this are dropped: they are almost never what a group talks about.
MIN_WORD_LENGTH = 3

_STOP_WORDS_TEXT = """
    aan al alle alles als altijd andere ben bent bij daar daarom dan dat de der deze die dit
    doch doen door dus een eens en er ge geen geweest gaan gaat had haar heb hebben heeft hem
    het heel hen hier hij hoe hun iemand iets ik in is ja je jij jou jouw jullie kan kon kunnen
    maar me mee meer men met mij mijn moet moeten na naar nee niet niets nog nu of om omdat
    onder ons onze ook op over reeds te tegen toch toen tot u uit uw van veel voor want waar
    waren was wat we wel welke werd wie wij wil worden wordt zal ze zelf zich zij zijn zo
    zonder zou zouden
"""

#: Common Dutch function words that say nothing about the topic of an answer: the maintained
#: list of the ``stop-words`` package and ours (``_STOP_WORDS_TEXT``), casefolded.
DUTCH_STOP_WORDS: frozenset[str] = frozenset(
    word.casefold() for word in (*_STOP_WORDS_TEXT.split(), *get_stop_words("dutch"))
)

# Letters and digits in any script; "_" is a word character for ``\w`` but not a letter.
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> Iterable[str]:
    # NFC first: a decomposed "é" (e + combining accent) would otherwise split the word.
    for word in _WORD.findall(unicodedata.normalize("NFC", text).casefold()):
        if len(word) < MIN_WORD_LENGTH or word.isnumeric() or word in DUTCH_STOP_WORDS:
            continue
        yield word


def word_frequencies(texts: Iterable[str], *, top: int = 15) -> tuple[tuple[str, int], ...]:
    """Count the meaningful words in ``texts``.

    Parameters
    ----------
    texts
        Answer texts. Anything that is not a string is skipped.
    top
        How many words to return at most.

    Returns
    -------
    tuple of (word, count)
        Lowercase words with the number of times they occur (every occurrence counts),
        sorted by count descending and then alphabetically. Words shorter than
        :data:`MIN_WORD_LENGTH` characters, pure numbers and :data:`DUTCH_STOP_WORDS` are
        left out; anything that is not a letter or digit separates words.

    Examples
    --------
    >>> word_frequencies(["Pleegouders steunen pleegouders!"])
    (('pleegouders', 2), ('steunen', 1))
    """
    counter: Counter[str] = Counter()
    for text in texts:
        if isinstance(text, str):
            counter.update(_words(text))
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ranked[: max(top, 0)])


def words_of_the_group(
    texts: Iterable[str], *, k: int = K_MIN, top: int = 40
) -> tuple[tuple[str, int], ...]:
    """The words at least ``k`` people wrote, with how many people wrote each.

    ``texts`` holds one answer per person (a session's answers to one question). A word
    counts once per answer however often it is repeated there, so no one makes a word
    stand out on their own, and a word fewer than ``k`` people wrote is not shown at all
    (a name, a place, a turn of phrase someone could be recognised by). Sorted by people
    descending, then alphabetically; at most ``top``.

    >>> words_of_the_group(["koffie"] * 5 + ["thee thee thee thee thee"])
    (('koffie', 5),)
    """
    counter: Counter[str] = Counter()
    for text in texts:
        if isinstance(text, str):
            counter.update(set(_words(text)))
    ranked = sorted(
        ((word, n) for word, n in counter.items() if n >= max(k, 1)),
        key=lambda item: (-item[1], item[0]),
    )
    return tuple(ranked[: max(top, 0)])
