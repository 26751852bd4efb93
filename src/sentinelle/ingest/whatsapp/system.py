"""System lines and message placeholders, recognised from locale vocabularies (vocab_*.py).

`classify(body)` tells whether a body is a system event (type, actor, targets, details); it runs
on the text with invisible marks removed, so the original text is never altered. `message_flags`
reads what a message body says about itself (deleted, edited, media omitted, attachment...).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ...records import EventType, Flag, clean_text
from . import vocab_cs, vocab_de, vocab_en, vocab_es, vocab_fr, vocab_it, vocab_nl, vocab_pt, vocab_ru

# Order matters only for speed and ties: French first (the project's main locale).
VOCABS = (vocab_fr, vocab_en, vocab_de, vocab_es, vocab_it, vocab_pt, vocab_nl, vocab_ru, vocab_cs)
LANGS: dict[str, object] = {v.__name__.rsplit("_", 1)[1]: v for v in VOCABS}
# Always active: French (the project's main locale) and English (WhatsApp leaves new notices
# untranslated for a while).
BASE_LANGS = frozenset({"fr", "en"})


def _you_words(v) -> tuple[str, ...]:
    return (v.YOU,) if isinstance(v.YOU, str) else tuple(v.YOU)


YOU_WORDS = frozenset(w.casefold() for v in VOCABS for w in _you_words(v) if w) | frozenset(
    w for v in VOCABS for w in _you_words(v) if w
)

_OPEN = "[\"“«„”'‘]"
_CLOSE = "[\"”»“'’]"
_PLACEHOLDERS = {
    "{A}": r"(?P<actor>.+?)",
    "{T}": r"(?P<targets>.+?)",
    "{a}": r"(?:a|avez)",
    "{e}": r"(?:·e|\(e\)|e)?",
    "{QO}": rf"{_OPEN}\s?(?P<old>.*?)\s?{_CLOSE}",
    "{QN}": rf"{_OPEN}\s?(?P<new>.*?)\s?{_CLOSE}",
    "{REST}": r".*",
    "{TAIL}": r"(?:\.\s.*)?",  # a further sentence ("... changed. Tap to learn more.")
}
_TOKEN = re.compile(r"\{[A-Za-z]+\}")


class Rule(NamedTuple):
    type: str
    keyword: str  # a literal that must occur in the text (cheap pre-check)
    regex: re.Pattern[str]
    extra: dict
    has_actor: bool
    source: str  # the vocabulary pattern
    lang: str  # the vocabulary it comes from ("fr", "de"...)


class SystemEvent(NamedTuple):
    type: str
    actor: str | None
    targets: tuple[str, ...]
    details: dict
    lang: str = ""  # the vocabulary that recognised it ("" when guessed)


def _keyword(pattern: str) -> str:
    """The longest literal every match must contain: optional groups and slots removed."""
    plain = _TOKEN.sub("\x00", pattern)
    while True:
        stripped = re.sub(r"\([^()]*\)\??", "\x00", plain)
        if stripped == plain:
            break
        plain = stripped
    runs = re.split(r"[\x00.*?\\\[\]'|]", plain)
    return max(runs, key=len)


def _compile(lang: str, kind: str, pattern: str, extra: dict) -> Rule:
    keyword = _keyword(pattern)
    body = _TOKEN.sub(lambda m: "\x01" + m.group(0) + "\x01", pattern)
    out = []
    for part in body.split("\x01"):
        out.append(_PLACEHOLDERS.get(part, part.replace("'", "['’]")))
    # A sentence may end with a full stop, but not after a name (it would eat "Sarah B.").
    stop = r"\s*$" if pattern.endswith(("{A}", "{T}")) else r"\s*\.?\s*$"
    regex = re.compile(r"\s*" + "".join(out) + stop, re.S)
    return Rule(EventType(kind).value, keyword, regex, extra, "{A}" in pattern, pattern, lang)


ALL_RULES: tuple[Rule, ...] = tuple(_compile(lang, *entry) for lang, v in LANGS.items() for entry in v.EVENTS)


def _actorless(rule: Rule) -> bool:
    """Rules that start with a fixed sentence (no name slot first): specific enough to try on
    any message body, e.g. iOS "Elon: Your security code with Elon changed". Not the exporter's
    subject-less sentences with a free slot ("Añadiste a {T}", "Hai aggiunto {T}"): a person
    may write "Añadiste a Pedro?"; those are only read on lines that are system lines already."""
    if rule.source.startswith("{"):
        return False
    return not ("actor" in rule.extra and any(s in rule.source for s in ("{T}", "{QN}", "{REST}")))


class Lexicon(NamedTuple):
    """The rules of some languages: a file reads with those of its own language (see reader)."""

    langs: frozenset[str]
    rules: tuple[Rule, ...]
    actorless: tuple[Rule, ...]
    heads: frozenset[str]  # first 4 characters of the actorless rules: the cheap pre-check


@lru_cache(maxsize=64)
def lexicon(langs: frozenset[str]) -> Lexicon:
    rules = tuple(r for r in ALL_RULES if r.lang in langs)
    actorless = tuple(r for r in rules if _actorless(r))
    heads = frozenset(
        h for r in actorless for h in (r.source[:4], r.source[:4].replace("'", "’")) if "(" not in h
    )
    return Lexicon(frozenset(langs), rules, actorless, heads)


ALL = lexicon(frozenset(LANGS))
RULES = ALL.rules
ACTORLESS = ALL.actorless
ACTORLESS_HEADS = ALL.heads

# The verbs of "{A} verb ..." rules: a would-be sender name containing one is checked as a
# system line first ("Jean a ajouté Cdt: Roux" is not a message from "Jean a ajouté Cdt").
ACTOR_KEYWORDS: tuple[str, ...] = tuple(
    {r.keyword for r in RULES if r.source.startswith("{A}") and len(r.keyword.strip()) >= 4}
)

_SPLIT_TARGETS = re.compile(r",\s+|\s+(?:et|and|und|y|e|en|и)\s+")


def split_names(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in _SPLIT_TARGETS.split(text.strip()) if t.strip())


def classify(body: str, rules: tuple[Rule, ...] = RULES) -> SystemEvent | None:
    """The system event a body states, or None. `body` is the original text."""
    text = clean_text(body).strip()
    if text in PLACEHOLDERS:
        return None  # "Вы удалили данное сообщение." is a deleted message, not "Вы removed X"
    for rule in rules:
        if rule.keyword not in text:
            continue
        m = rule.regex.match(text)
        if m is None:
            continue
        groups = m.groupdict()
        details: dict = {k: v for k, v in rule.extra.items() if k not in ("targets", "actor")}
        actor = groups.get("actor") or rule.extra.get("actor")
        if actor is not None:
            actor = actor.strip()
            if actor.casefold() in YOU_WORDS:
                details["is_exporter"] = True
        targets: tuple[str, ...] = ()
        if groups.get("targets"):
            targets = split_names(groups["targets"])
        elif "targets" in rule.extra:
            targets = (rule.extra["targets"],)
        if groups.get("old") is not None:
            details["old_title"] = groups["old"]
        if groups.get("new") is not None:
            details["title" if rule.type == "created" else "new_title"] = groups["new"]
        return SystemEvent(rule.type, actor, targets, details, rule.lang)
    return None


# --- message placeholders ---------------------------------------------------------------------


def _all(name: str) -> list[str]:
    return [s for v in VOCABS for s in getattr(v, name, ())]


DELETED = frozenset(_all("DELETED"))
DELETED_BY_ADMIN = frozenset(_all("DELETED_BY_ADMIN"))
MEDIA_OMITTED = frozenset(_all("MEDIA_OMITTED"))
EDITED_SUFFIXES = tuple(_all("EDITED"))
_ATTACHED = re.compile(r"^(?P<name>.+?)\s\((?:" + "|".join(map(re.escape, _all("ATTACHED"))) + r")\)$", re.S)
_ATTACHED_TAG = re.compile(
    r"^<\s?(?:" + "|".join(map(re.escape, _all("ATTACHED_TAG"))) + r")\s?:\s?(?P<name>.+?)\s?>$"
)
_LOCATION = re.compile(
    r"^(?:(?:" + "|".join(map(re.escape, _all("LOCATION"))) + r")\s?:\s?\S|https://maps\.google\.com/\?q=)"
)
_LIVE_LOCATION = frozenset(
    {"live location shared", "Position en direct partagée"} | set(_all("LIVE_LOCATION"))
)
# Whole bodies that carry a flag without any of the cheap signs ("<", ">", ")", ":", marks)
PLACEHOLDERS = DELETED | DELETED_BY_ADMIN | MEDIA_OMITTED | _LIVE_LOCATION | {"null"}


_MARK_CHARS = frozenset("\u200e\u200f\ufeff\u202a\u202b\u202c\u202d\u202e")
_NONE: tuple[set[str], tuple[str, ...]] = (set(), ())


def message_flags(body: str) -> tuple[set[str], tuple[str, ...]]:
    """(flags, attachment file names) that a message body states about itself.

    Called on every message: the common case (plain text) costs a few O(1) checks."""
    if not body:
        return _NONE
    text = body
    marked = "\u200e" in body or body[0] in _MARK_CHARS
    if marked:
        text = clean_text(text)
    if not text:
        return _NONE
    if text[0].isspace() or text[-1].isspace():
        text = text.strip()
    if not text:
        return _NONE
    flags: set[str] = set()
    if text[-1] == ">":
        for suffix in EDITED_SUFFIXES:
            if text.endswith(suffix):
                flags.add(Flag.EDITED)
                text = text[: -len(suffix)].rstrip()
                break
    first_line = text.split("\n", 1)[0] if "\n" in text else text
    if text in DELETED:
        flags.add(Flag.DELETED)
        return flags, ()
    if text in DELETED_BY_ADMIN:
        flags.update((Flag.DELETED, Flag.DELETED_BY_ADMIN))
        return flags, ()
    if first_line in MEDIA_OMITTED:
        flags.add(Flag.MEDIA_OMITTED)  # the rest, if any, is the caption
        return flags, ()
    if text == "null":
        flags.add(Flag.VIEW_ONCE)
        return flags, ()
    attachments: tuple[str, ...] = ()
    if marked and "\u200e" in body:
        tail = body.rsplit("\u200e", 1)[1].strip()
        if tail in MEDIA_OMITTED:
            flags.add(Flag.MEDIA_OMITTED)  # iOS "Some file.txt \u200edocument omitted"
        elif tail[:1] == "<" and tail[-1:] == ">" and (m := _ATTACHED_TAG.match(tail)):
            flags.add(Flag.ATTACHMENT)  # iOS "Some file.txt \u200e<attached: 00000046-Some file.txt>"
            attachments = (m.group("name"),)
    last = first_line[-1]
    if last == ")":
        m = _ATTACHED.match(first_line)
        if m:
            flags.add(Flag.ATTACHMENT)
            attachments = (m.group("name"),)
    elif last == ">" and first_line[0] == "<":
        m = _ATTACHED_TAG.match(first_line)
        if m:
            flags.add(Flag.ATTACHMENT)
            attachments = (m.group("name"),)
    if (":" in first_line and _LOCATION.match(first_line)) or first_line in _LIVE_LOCATION:
        flags.add(Flag.LOCATION)
    return flags, attachments
