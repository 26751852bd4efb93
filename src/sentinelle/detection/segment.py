"""Glued words split back into words ("lesnoirsdehors" -> "les noirs dehors", "mortauxarabes").

Deleting spaces is a classic way round a word filter. A letters-only token that is long and not a
word of the detector's vocabulary is split by wordninja (dynamic programming over word costs from
Zipf's law) with the project's own word list (`data/words.txt.gz`, built by
scripts/build_wordlist.py: the training data's words by frequency, then simplemma's French and
English dictionaries). The split is kept only when every piece is a
known word and the pieces are not mostly single letters, so names and rare words stay whole.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_RUN = re.compile(r"([a-z])\1\1")
MIN_LENGTH = 8  # shorter unknown tokens are names, typos, slang: left alone
_ELIDED = frozenset("ldjcstmn")  # French elisions, the only single letters allowed as pieces ("l", "c"...)
# two-letter pieces must be real short words: a list of ~12k words holds many two-letter
# abbreviations ("sc", "nt") that would cut a rare word into nonsense
_SHORT = frozenset("""le la de du un en et au on il ne se ce sa ma ta tu te me je ca ou si va vu eu nu
ni es an of to in is it be we he my no so do go up us at by or as if am""".split())


@lru_cache(maxsize=1)
def _model() -> tuple[object, frozenset[str], frozenset[str]] | None:
    import gzip

    import wordninja

    path = resources.files("sentinelle.detection").joinpath("data", "words.txt.gz")
    if not path.is_file():  # the list is built by scripts/build_wordlist.py; without it nothing is split
        return None
    with resources.as_file(path) as p:
        model = wordninja.LanguageModel(str(p))
        with gzip.open(p) as f:
            words = f.read().decode().split()
    ranked = int(words[0])  # the first line counts the words ranked from the training data
    return model, frozenset(words[1:]), frozenset(words[1:ranked + 1])


def _is_word(word: str, vocab: frozenset[str]) -> bool:
    """In the list, or a plural or an adverb in -ment of a word in it (the dictionaries list lemmas
    and inflections, not every derived adverb)."""
    if word in vocab or (word.endswith(("s", "x")) and word[:-1] in vocab):
        return True
    return word.endswith("ment") and (word[:-4] in vocab or word[:-4] + "e" in vocab)


@lru_cache(maxsize=65_536)
def split_glued(word: str) -> tuple[str, ...] | None:
    """The pieces of a glued lower-case a-z token, or None when it should stay as it is."""
    if len(word) < MIN_LENGTH or not word.isalpha() or not word.isascii() or _RUN.search(word):
        return None  # "connnnard", "nuuuul": emphasis, read by the lexicon's runs, not glued words
    m = _model()
    if m is None:
        return None
    model, vocab, frequent = m
    if _is_word(word, vocab):
        return None
    pieces = tuple(model.split(word))  # type: ignore[attr-defined]
    if len(pieces) < 2 or "".join(pieces) != word or any(p not in vocab for p in pieces):
        return None
    singles = [p for p in pieces if len(p) == 1]
    if any(p not in _ELIDED and p not in "ay" for p in singles) or len(singles) * 3 > len(pieces):
        return None
    if any(len(p) < 4 and p not in frequent for p in pieces):
        return None  # a short piece only the dictionary knows ("dechet te rie"): not a split
    if any(len(p) == 2 and p not in _SHORT for p in pieces):
        return None
    if sum(map(len, pieces)) / len(pieces) < 2.5:
        return None
    return pieces
