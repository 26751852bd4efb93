"""Lexicon and construction rules, loaded from the curated data files in `detection/data/`.

A hit names its rule or lexicon entry, category, target group, severity and the exact span of
the ORIGINAL text it matched (through the normalisation map).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalize import Normalized

_LETTER = re.compile(r"[a-z]")
_WORD_START = re.compile(r"(?<![a-z0-9*])[a-z0-9*]")
_TAG = re.compile(r"(?<!\w)[#@][\w*.-]{4,}")


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # lexicon | rule
    id: str
    category: str
    target: str | None
    severity: int
    span: tuple[int, int]  # in the original text
    matched: str  # original characters
    note: str


def _data(name: str) -> str:
    return resources.files("sentinelle.detection").joinpath("data", name).read_text(encoding="utf-8")


def _term_regex(term: str, bounded: bool = True) -> str:
    """A lexicon term as a regex: each letter matches a run of itself, and (after the first
    letter, in terms of 4+ letters) a '*' hiding it; '?' keeps its regex meaning (optional);
    a trailing '*' allows any word ending."""
    prefix = term.endswith("*")
    core = term[:-1] if prefix else term
    stars = len(core.replace(" ", "").replace("?", "")) >= 4
    out: list[str] = []
    letters = 0
    for ch in core:
        if ch == "?":
            out.append("?")
            continue
        if ch == " ":
            out.append(r"\s+")
            letters = 0
            continue
        esc = re.escape(ch)
        if letters and stars and _LETTER.match(ch):
            out.append(f"(?:[{esc}*])+")
        else:
            out.append(f"(?:{esc})+")
        letters += 1
    body = "".join(out)
    end = r"[a-z*]*" if prefix else ""
    if not bounded:  # inside hashtags and names: glued to other words
        return body  # the root only: what follows is glued text
    return rf"(?<![a-z0-9*]){body}{end}(?![a-z0-9])"


@dataclass(frozen=True)
class _Entry:
    id: str
    category: str
    target: str | None
    severity: int
    note: str


class RuleSet:
    """Compiled lexicon + constructions + stance cues."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        parts: list[str] = []
        by_first: dict[str, list[str]] = {}
        glued: dict[str, list[str]] = {}
        for line in _data("lexicon.tsv").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            term, cat, target, sev, lang, note = (line.split("\t") + [""] * 6)[:6]
            idx = len(self.entries)
            self.entries.append(_Entry(f"lex.{lang}.{term}", cat, target or None, int(sev), note))
            part = f"(?P<e{idx}>{_term_regex(term)})"
            parts.append(part)
            by_first.setdefault(term[0], []).append(part)
            if cat == "hate":
                glued.setdefault(term[0], []).append(f"(?P<e{idx}>{_term_regex(term, bounded=False)})")
        self.lexicon = re.compile("|".join(parts))
        # speed: a term can only start at a word start, with its own first letter; trying only
        # the terms of that letter there is ~30x faster than one big alternation over the text
        self.lexicon_by_first = {k: re.compile("|".join(v)) for k, v in by_first.items()}
        self.glued_by_first = {k: re.compile("|".join(v)) for k, v in glued.items()}

        self.group_target: list[tuple[re.Pattern[str], str]] = []
        group_words: list[str] = []
        for line in _data("groups.tsv").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            words, target = line.split("\t")[:2]
            self.group_target.append((re.compile(rf"^(?:{words})$"), target))
            group_words.append(words)
        group_re = "(?P<grp>" + "|".join(group_words) + ")"
        self.group_any = re.compile(r"(?<![a-z])(?:" + "|".join(group_words) + r")(?![a-z])")

        spec = json.loads(_data("rules.json"))
        macros = spec["macros"]
        self.rules: list[tuple[re.Pattern[str], dict]] = []
        for rule in spec["rules"]:
            pat = rule["pattern"]
            for name, value in macros.items():
                pat = pat.replace("{" + name + "}", value)
            if "{GROUP}" in pat:
                first = pat.index("{GROUP}")
                pat = pat[: first + 7].replace("{GROUP}", group_re) + pat[first + 7 :].replace(
                    "{GROUP}", group_re.replace("?P<grp>", "?:")
                )
            self.rules.append((re.compile(pat), rule))

        self.idiom_rules: list[tuple[re.Pattern[str], dict]] = []
        for rule in spec.get("idioms", []):
            pat = rule["pattern"]
            for name, value in macros.items():
                pat = pat.replace("{" + name + "}", value)
            self.idiom_rules.append((re.compile(pat), rule))

        st = json.loads(_data("stance.json"))
        self.stance = {k: [re.compile(p) for p in v] for k, v in st.items() if k != "about"}

    def _find_group(self, text: str) -> str | None:
        m = self.group_any.search(text)
        return m.group(0) if m else None

    def target_of(self, group_word: str) -> str | None:
        w = group_word.strip()
        for pat, target in self.group_target:
            if pat.match(w):
                return target
        return None

    def match(self, norm: Normalized) -> list[Hit]:
        hits: list[Hit] = []
        text = norm.text
        for w in _WORD_START.finditer(text):
            pat = self.lexicon_by_first.get(text[w.start()])
            m = pat.match(text, w.start()) if pat else None
            if m is None:
                continue
            e = self.entries[int(m.lastgroup[1:])]  # type: ignore[index]
            s, t = norm.span(m.start(), m.end())
            hits.append(Hit("lexicon", e.id, e.category, e.target, e.severity, (s, t), norm.original[s:t], e.note))
        hits.extend(self._inside_tags(norm, {h.span for h in hits}))
        for pat, rule in self.rules:
            for m in pat.finditer(text):
                if m.end() <= m.start():
                    continue
                target = rule.get("target")
                if rule.get("target_from"):
                    g = m.groupdict().get("grp") or self._find_group(m.group(0))
                    target = (self.target_of(g) if g else None) or target
                # point at the group name or the whole construction
                s, t = norm.span(m.start(), m.end())
                hits.append(
                    Hit("rule", rule["id"], rule["category"], target, int(rule["severity"]), (s, t),
                        norm.original[s:t], rule["note"])
                )
        return hits

    def _inside_tags(self, norm: Normalized, seen: set[tuple[int, int]]) -> list[Hit]:
        """Slurs glued inside hashtags and @names (#stopbougnoules, @youpin_du_75): only there,
        since inside ordinary words a slur can be an innocent substring (intègre)."""
        out: list[Hit] = []
        text = norm.text
        for tag in _TAG.finditer(norm.original):
            idx = [i for i, st in enumerate(norm.starts) if tag.start() <= st < tag.end()]
            for pos in idx:
                if pos == 0 or not text[pos - 1].isalpha():
                    continue  # word starts were already tried
                pat = self.glued_by_first.get(text[pos])
                m = pat.match(text, pos) if pat else None
                if m is None or m.end() - m.start() < 5:
                    continue
                e = self.entries[int(m.lastgroup[1:])]  # type: ignore[index]
                if e.category != "hate":
                    continue
                s, t = norm.span(m.start(), m.end())
                if (s, t) not in seen:
                    out.append(Hit("lexicon", e.id, e.category, e.target, e.severity, (s, t), norm.original[s:t],
                                   e.note + " (inside a hashtag or name)"))
        return out

    def idioms(self, norm: Normalized) -> list[Hit]:
        """Set phrases that look violent or hateful and are not (severity 0)."""
        out = []
        for pat, rule in self.idiom_rules:
            m = pat.search(norm.text)
            if m:
                s, t = norm.span(m.start(), m.end())
                out.append(Hit("idiom", rule["id"], rule["category"], None, 0, (s, t), norm.original[s:t], rule["note"]))
        return out

    def framing(self, norm: Normalized) -> list[str]:
        """Stance cues present in the text, strongest first."""
        text = norm.text
        found = []
        for kind in ("counter", "reported", "negated", "joke", "question"):
            if any(p.search(text) for p in self.stance[kind]):
                found.append(kind)
        return found

    def is_endorsement(self, norm: Normalized) -> bool:
        text = norm.text.strip()
        if not text or len(text.split()) > 6:
            return False
        return (any(p.search(text) for p in self.stance["endorse"])
                and any(p.search(text) for p in self.stance["endorse_agree"]))


@lru_cache(maxsize=1)
def ruleset() -> RuleSet:
    return RuleSet()
