"""Normalisation for matching, with a map back to the original characters.

Every character of the normalised text remembers the [start, end) span of the original text it
came from, so a rule that matches the normalised text can point at the exact original span.

Steps (each keeps the map): accents stripped and lower-cased; camelCase inside hashtags and
@names split ("#MortAuxJuifs" -> "mort aux juifs"); emoji turned into word tokens (monkey,
banana, ...); leetspeak between letters ("n3gr0" -> "negro"); apostrophes, hyphens and most
punctuation become spaces; spaced or dotted single letters joined ("s a l e" -> "sale");
SMS words expanded ("jvais" -> "je vais", "ntm" -> "nique ta mere"); glued words split
("lesnoirsdehors" -> "les noirs dehors", see segment.py). Repeated letters are handled by the
matcher (each letter of a lexicon term matches a run of that letter).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .segment import split_glued

# Emoji used as words (and as slurs, aimed at a person: monkeys, bananas).
EMOJI_TOKENS = {
    "🐒": "monkey", "🐵": "monkey", "🙈": "monkey", "🙉": "monkey", "🙊": "monkey", "🦍": "gorilla",
    "🦧": "gorilla", "🍌": "banana", "🐷": "pig", "🐖": "pig", "🐀": "rat", "🐁": "rat",
    "🔪": "knife", "🔫": "gun", "💀": "skull", "🔥": "fire", "🪓": "axe", "💣": "bomb",
    "😂": "lol", "🤣": "lol", "😆": "lol", "😹": "lol", "👍": "+1", "👌": "+1", "💯": "+1",
    "👏": "+1", "🍆": "eggplant", "🍑": "peach", "💦": "splash", "🖕": "fuck", "🤮": "vomit",
    "🐍": "snake", "🦟": "vermin", "🪳": "cockroach", "🐛": "vermin", "🐫": "camel", "🐪": "camel",
    "🐶": "dog", "🐕": "dog",
}

_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "€": "e", "!": "i"}

# Whole-word SMS / chat spellings (French first). Keys are already normalised.
SMS = {
    "jvais": "je vais", "jvai": "je vais", "jv": "je vais", "jte": "je te", "jtе": "je te",
    "jtai": "je t ai", "jtuerai": "je te tuerai", "jvous": "je vous", "chui": "je suis", "chuis": "je suis",
    "jsuis": "je suis", "jsui": "je suis", "jsp": "je sais pas", "jsais": "je sais", "tes": "t es",
    "t": "t", "ki": "qui", "ke": "que", "k": "que", "koi": "quoi", "kwa": "quoi", "pk": "pourquoi",
    "pcq": "parce que", "pq": "pourquoi", "bcp": "beaucoup", "tjrs": "toujours", "tjr": "toujours",
    "ds": "dans", "ptn": "putain", "tg": "ta gueule", "ftg": "ferme ta gueule", "ntm": "nique ta mere",
    "fdp": "fils de pute", "tepu": "pute", "vtff": "va te faire foutre", "vtfe": "va te faire enculer",
    "nik": "nique", "niq": "nique", "niker": "niquer", "mdr": "lol", "ptdr": "lol", "xd": "lol",
    "lmao": "lol", "lmfao": "lol", "rofl": "lol", "haha": "lol", "hahaha": "lol", "mdrr": "lol",
    "mdrrr": "lol", "jpp": "lol", "stp": "s il te plait", "svp": "s il vous plait", "wsh": "wesh",
    "u": "you", "ur": "your", "r": "are", "ima": "i am going to", "imma": "i am going to",
    "gonna": "going to", "wanna": "want to", "stfu": "shut the fuck up", "gtfo": "get the fuck out",
    "kys": "kill yourself", "pls": "please", "plz": "please", "vrmt": "vraiment", "tro": "trop",
    "cc": "coucou", "slt": "salut", "dla": "de la", "ptain": "putain", "put1": "putain",
    "encul": "encule", "ncule": "encule", "fck": "fuck", "fk": "fuck", "fuk": "fuck",
}

_SEPARATORS = " .-_·•"
_KEEP_PUNCT = "?*+"  # '?' marks questions, '*' hides letters (b*ugnoule), '+' in "+1"


@dataclass(frozen=True, slots=True)
class Normalized:
    """The normalised text and, for each of its characters, the original [start, end)."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    splits: tuple[int, ...] = ()  # original offsets where a glued word was split

    def readable(self) -> str:
        """The original text with a space wherever a glued word was split (what a model reads)."""
        if not self.splits:
            return self.original
        parts, last = [], 0
        for k in self.splits:
            parts.append(self.original[last:k])
            last = k
        parts.append(self.original[last:])
        return " ".join(parts)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span covered by normalised characters [start, end)."""
        if end <= start:
            end = start + 1
        end = min(end, len(self.text))
        s = min(self.starts[start:end])
        e = max(self.ends[start:end])
        # trim spaces that normalisation inserted next to the match
        while s < e and self.original[s].isspace():
            s += 1
        while e > s and self.original[e - 1].isspace():
            e -= 1
        return s, e


def _is_letter(c: str) -> bool:
    return "a" <= c <= "z"


def normalize(text: str, segment: bool = True) -> Normalized:
    """`segment=False` leaves glued words whole (to build the word list that splits them)."""
    out: list[str] = []
    st: list[int] = []
    en: list[int] = []

    def emit(chars: str, s: int, e: int) -> None:
        for c in chars:
            out.append(c)
            st.append(s)
            en.append(e)

    # 1. accents, case, emoji, camelCase in hashtags and names
    in_tag = False
    prev_orig = ""
    for i, ch in enumerate(text):
        if ch in "#@" and (i == 0 or not text[i - 1].isalnum()):
            in_tag = True
            emit(" ", i, i + 1)
            prev_orig = ch
            continue
        if ch.isspace():
            in_tag = False
        if ch in EMOJI_TOKENS:
            emit(f" {EMOJI_TOKENS[ch]} ", i, i + 1)
            prev_orig = ch
            continue
        if in_tag and ch.isupper() and prev_orig.islower():
            emit(" ", i, i)
        if ch in "’'`´ʼ":
            emit(" ", i, i + 1)
            prev_orig = ch
            continue
        if ch in "œŒ":
            emit("oe", i, i + 1)
            prev_orig = ch
            continue
        if ch in "æÆ":
            emit("ae", i, i + 1)
            prev_orig = ch
            continue
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)).lower()
        if ch == "ß":
            base = "ss"
        emit(base, i, i + 1)
        prev_orig = ch

    # 2. leetspeak: a digit or symbol touching a letter inside a word becomes that letter
    n = len(out)
    for j in range(n):
        c = out[j]
        if c in _LEET:
            left = out[j - 1] if j > 0 else " "
            right = out[j + 1] if j + 1 < n else " "
            if c == "!" and not (_is_letter(left) and _is_letter(right)):
                continue
            if c == "@" and not _is_letter(left):
                continue
            if c in "0134 57" and (left.isdigit() or right.isdigit()):
                continue
            if _is_letter(left) or _is_letter(right) or left in _LEET or right in _LEET:
                if any(_is_letter(x) for x in (left, right)):
                    out[j] = _LEET[c]
    # a second pass catches leet next to leet ("n3gr0" handled; "4r4b3" needs two)
    for j in range(n):
        c = out[j]
        if c in _LEET and c not in "!@$" and 0 < j < n - 1 and _is_letter(out[j - 1]) and _is_letter(out[j + 1]):
            out[j] = _LEET[c]

    # 3. punctuation to spaces (keep ? * +)
    for j in range(n):
        c = out[j]
        if not (c.isalnum() or c.isspace() or c in _KEEP_PUNCT):
            out[j] = " "
        elif c.isspace():
            out[j] = " "

    # 4. spaced / dotted single letters: "s a l e", "n.e.g.r.e" -> joined
    s = "".join(out)
    keep = [True] * n
    for m in re.finditer(r"(?<![a-z*])[a-z*](?:[ ][a-z*]){2,}(?![a-z*])", s):
        seg = m.group(0)
        letters = seg.replace(" ", "")
        if len(letters) < 3:
            continue
        # French has single-letter words (a, y, j, t...): only join when it is not plain text
        if sum(1 for w in seg.split() if w in {"a", "y", "o"}) == len(seg.split()):
            continue
        for k in range(m.start(), m.end()):
            if s[k] == " ":
                keep[k] = False
    out2, st2, en2 = [], [], []
    for j in range(n):
        if keep[j]:
            out2.append(out[j])
            st2.append(st[j])
            en2.append(en[j])

    # 5. collapse spaces, expand SMS words
    fo: list[str] = []
    fs: list[int] = []
    fe: list[int] = []
    splits: list[int] = []
    joined = "".join(out2)
    for m in re.finditer(r"\S+", joined):
        word = m.group(0)
        ws, we = m.start(), m.end()
        if fo:
            fo.append(" ")
            fs.append(st2[ws])
            fe.append(st2[ws])
        core = word.rstrip("?")
        repl = SMS.get(_squeeze(core)) if core and core not in SMS else SMS.get(core)
        if repl is not None and repl != core:
            s0, e0 = st2[ws], en2[ws + len(core) - 1]
            for c in repl:
                fo.append(c)
                fs.append(s0)
                fe.append(e0)
            for k in range(ws + len(core), we):
                fo.append(joined[k])
                fs.append(st2[k])
                fe.append(en2[k])
        else:
            # a capitalised word inside a sentence is a name ("muté à Négrepelisse"): never split
            pieces = split_glued(word) if segment and not _proper_noun(text, st2[ws]) else None
            cuts = set()
            if pieces:
                k = ws
                for p in pieces[:-1]:
                    k += len(p)
                    cuts.add(k)
            for k in range(ws, we):
                if k in cuts:
                    fo.append(" ")
                    fs.append(st2[k])
                    fe.append(st2[k])
                    splits.append(st2[k])
                fo.append(joined[k])
                fs.append(st2[k])
                fe.append(en2[k])
    return Normalized(text, "".join(fo), tuple(fs), tuple(fe), tuple(splits))


def _proper_noun(text: str, i: int) -> bool:
    """The original word at `i` is capitalised and does not open a sentence."""
    if i >= len(text) or not text[i].isupper():
        return False
    before = text[:i].rstrip()
    return bool(before) and before[-1] not in ".!?:;\"«»()[]"


def _squeeze(word: str) -> str:
    """Runs of one letter down to one: "ptnnn" -> "ptn" (for SMS lookup)."""
    return re.sub(r"(.)\1+", r"\1", word)


def squeeze(word: str) -> str:
    return _squeeze(word)
