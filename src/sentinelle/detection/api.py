"""`detect(texts, context=...)`: rules + trained heads + context, fused into calibrated scores.

For each distinct text (repeats are cached): normalise, match lexicon and constructions, read
the framing (reported, counter, negated, joke, question), score with the heads (the encoder is
skipped when the cheap n-gram head and the rules agree the text is clearly benign), then fuse
into one calibrated score per category. A short agreeing reply ("+1", "trop vrai", a monkey
emoji) to a flagged message among its preceding messages takes that message's scores, with a
`context` reason naming it.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..records import CATEGORIES, Detection, Reason
from . import heads as H
from .backend import Backend
from .language import own_language
from .normalize import normalize
from .rules import Hit, ruleset
from .transformer import E5Classifier, shipped

MISCONDUCT = ("hate", "sexual", "threat", "insult")
DOWNGRADING = ("reported", "counter", "negated")
RULE_ONLY_SCORE = {0: 0.0, 1: 0.45, 2: 0.75, 3: 0.92}  # used when no trained model is present
DEFAULT_THRESHOLD = 0.5
ENDORSE_FACTOR = 0.9
# Severity ceilings: threats of violence, hate and sexual harassment can reach "high"; an insult,
# however crude, stays "medium" ("t'es vraiment un con" is not "je vais te buter").
MAX_SEVERITY = {"hate": 3, "sexual": 3, "threat": 3, "insult": 2}
# what laughing and approving emoji normalise to: alone, such a reply is endorsement, not misconduct
# (an emoji that carries meaning, 🐒 after a racist remark, is read as words and endorses)
_LAUGHS = frozenset({"lol", "mdr", "ptdr", "+1", "haha", "hahaha", "xd"})
IDIOM_DAMPING = 0.15
# A flag resting on the heads alone needs strong evidence: the head's probability must reach
# this bar to score 0.5 (a logit shift). Ordinary chat talk is far more frequent than abuse,
# and on 1-3 word messages the encoder is unreliable ("dac", "kebab", "👍 😂"), so the bar is
# higher there. Overridden by the artefact's fusion parameters when it carries them.
HEAD_ONLY_BAR = 0.5
HEAD_ONLY_BAR_SHORT = 0.9
SHORT_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+")
# A very long "message" (a pasted document, a damaged export's single line) is scored on bounded
# windows so that its cost stays constant: the text stays whole in the case and searchable, and
# the detection says which share of it was scored.
LONG_TEXT = 6_000
WINDOW = 1_500
MAX_WINDOWS = 64
# The colleague a flagged message speaks to: an @mention, or a capitalised name used as a
# vocative at the start ("Karim, ...", "Eh Sarah ...") or at the end (", Karim ?"). The
# harassment analysis links messages to people with the conversation; this is the text's own word.
_MENTION = re.compile(r"@([^\W\d_][\w.\-]{1,30})")
_VOC_START = re.compile(r"^(?:(?:eh|hé|he|hey|oh|ô|salut|bonjour|dis|dites)\s+)?([A-ZÀ-Ý][a-zà-ÿ]+(?:[- ][A-ZÀ-Ý][a-zà-ÿ]+)?)\s*[,:!]", re.I)
_VOC_END = re.compile(r",\s*([A-ZÀ-Ý][a-zà-ÿ]+)\s*[?!.]*\s*$")
_NOT_NAMES = frozenset("""bon ok okay alors franchement sérieux serieux putain merde bref voilà voila non oui ouais
    salut bonjour coucou mdr lol attends attention écoute ecoute tiens regarde chef patron mec frère frere gars les
    des une the and well hey yes no wait listen man dude bro guys sorry désolé desole merci thanks stop arrête arrete
    vous tu toi moi lui elle eux ils elles nous on perso honnêtement honnetement bravo super génial""".split())


@dataclass
class _Analysis:
    """What one text gives on its own (cached per distinct text)."""

    norm: str
    hits: list[Hit]
    framing: list[str]
    endorsement: bool
    logits: np.ndarray | None = None  # head logits per category (None: no model)
    gated: bool = False  # the encoder was skipped (clearly benign)
    idioms: list[Hit] = field(default_factory=list)
    model: dict[str, float] = field(default_factory=dict)  # optional backend's scores
    lang: tuple[str | None, bool] = (None, False)  # (guess, reliable)
    e5: np.ndarray | None = None  # the fine-tuned transformer's probabilities (when it ran)
    words: int = 0  # words of letters in the original text (emoji and numbers are not words)
    readable: str = ""  # the text the transformer reads (glued words split, see normalize)
    scores: dict[str, float] = field(default_factory=dict)


class Detector:
    """Holds the rules, the heads and a cache of analyses of distinct texts."""

    def __init__(self, heads: H.Heads | None | str = "default", cache_size: int = 50_000,
                 use_gate: bool = True, backend: Backend | str | None = None,
                 transformer: E5Classifier | None | str = "default") -> None:
        self.rules = ruleset()
        self.backend = Backend(backend) if isinstance(backend, str) else backend
        self.heads = H.load_heads() if heads == "default" else heads  # type: ignore[assignment]
        # the fine-tuned transformer joins the heads only when they were calibrated with it
        # ("stack" in the fusion): its session is opened on the first text that reaches it
        if transformer == "default":
            tr = shipped()
            transformer = tr if tr is not None and self.heads is not None and self.heads.fusion.get("stack") else None
        self.transformer: E5Classifier | None = transformer  # type: ignore[assignment]
        self.cache: OrderedDict[str, _Analysis] = OrderedDict()
        self.detections: dict[tuple[str, str | None], Detection] = {}  # context-free results
        self.cache_size = cache_size
        self.use_gate = use_gate
        self.stats = {"texts": 0, "distinct": 0, "encoded": 0, "gated": 0}

    @property
    def version(self) -> str:
        base = f"sentinelle-detect/{self.heads.version}" if self.heads else "sentinelle-detect/rules-only"
        if self.transformer is not None:
            base += f"+e5/{self.transformer.version}"
        return f"{base}+{self.backend.name}" if self.backend is not None else base

    # -- per distinct text ------------------------------------------------------------------
    def _analyse_many(self, texts: list[str]) -> list[_Analysis]:
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        fresh: dict[str, _Analysis] = {}
        for t in todo:
            n = normalize(t)
            fresh[t] = _Analysis(n.text, self.rules.match(n), self.rules.framing(n), self.rules.is_endorsement(n),
                                 idioms=self.rules.idioms(n), lang=own_language(t),
                                 words=len(_WORD.findall(t)), readable=n.readable())
        if todo and self.heads is not None:
            self._score_heads([fresh[t] for t in todo], todo)
        if todo and self.backend is not None:
            for t, m in zip(todo, self.backend.predict(todo, H.embed), strict=True):
                fresh[t].model = m
        for t in todo:
            a = fresh[t]
            a.scores = self._fuse(a)
            self.cache[t] = a
        self.stats["distinct"] += len(todo)
        # the answer is read before any eviction: a text cached earlier in this batch may be the
        # one evicted below (the 1M-message scan died on exactly that KeyError)
        out = [fresh[t] if t in fresh else self.cache[t] for t in texts]
        while len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)
        return out

    def _score_heads(self, items: list[_Analysis], texts: list[str]) -> None:
        """Cascade: the cheap n-gram head and the rules settle what is clearly benign; the rest
        goes through the sentence encoder's head and, when shipped, the fine-tuned transformer,
        whose logits are stacked (weights fitted on the validation splits)."""
        heads = self.heads
        assert heads is not None
        hashed = H.hash_features([a.norm for a in items])
        cheap = heads.cheap_logits(hashed)
        gate = float(heads.fusion.get("gate_logit", -np.inf)) if self.use_gate else -np.inf
        need = []
        for i, a in enumerate(items):
            misconduct_hit = any(h.category in MISCONDUCT for h in a.hits)
            if not misconduct_hit and cheap[i, :4].max() < gate:
                a.gated = True
                a.logits = cheap[i]
            else:
                need.append(i)
        self.stats["gated"] += len(items) - len(need)
        if need:
            emb = H.embed([items[i].norm for i in need])
            full = heads.full_logits(emb, hashed.rows(need))
            for k, i in enumerate(need):
                items[i].logits = full[k]
            self.stats["encoded"] += len(need)
            stack = heads.fusion.get("stack") if self.transformer is not None else None
            if stack:
                # the transformer reads what a rule caught or what the encoder head does not call
                # clearly benign (gate2: set on validation to lose at most 1 % of the positives left)
                gate2 = float(heads.fusion.get("gate2_logit", -np.inf)) if self.use_gate else -np.inf
                need2 = [i for k, i in enumerate(need)
                         if any(h.category in MISCONDUCT for h in items[i].hits) or full[k, :4].max() >= gate2]
                if need2:
                    z = self.transformer.logits([items[i].readable or texts[i] for i in need2])  # type: ignore[union-attr]
                    col = {c: k for k, c in enumerate(self.transformer.labels)}  # type: ignore[union-attr]
                    w = np.array([stack[c] for c in CATEGORIES], np.float32)  # (C, 2): encoder head, transformer
                    zt = z[:, [col[c] for c in CATEGORIES]]
                    probs = H.sigmoid(zt)
                    for k, i in enumerate(need2):
                        items[i].logits = items[i].logits * w[:, 0] + zt[k] * w[:, 1]
                        items[i].e5 = probs[k]
                    self.stats["transformer"] = self.stats.get("transformer", 0) + len(need2)

    def _fuse(self, a: _Analysis) -> dict[str, float]:
        """Noisy-OR of two calibrated sources: the rules (precision of each category and
        severity, measured on the labelled set) and the head (Platt-scaled on val); framing
        that is not endorsement (reported, counter, negated) scales misconduct down."""
        sev = {c: 0 for c in CATEGORIES}
        for h in a.hits:
            sev[h.category] = max(sev[h.category], h.severity)
        down = any(f in DOWNGRADING for f in a.framing)
        only_profanity = not any(sev[c] for c in MISCONDUCT)
        fusion = self.heads.fusion if self.heads is not None else {}
        short = a.words <= SHORT_WORDS
        bar = float(fusion.get("head_only_bar_short" if short else "head_only_bar",
                               HEAD_ONLY_BAR_SHORT if short else HEAD_ONLY_BAR))
        shift = float(np.log(bar / (1.0 - bar)))
        out: dict[str, float] = {}
        for j, c in enumerate(CATEGORIES):
            p_rule = float(fusion.get("rule_prob", {}).get(c, {}).get(str(sev[c]), RULE_ONLY_SCORE[sev[c]])) if sev[c] else 0.0
            p_head = 0.0
            if a.logits is not None and self.heads is not None:
                which = "cheap_platt" if a.gated else "stack_platt" if a.e5 is not None else "head_platt"
                sa, sb = fusion[which][c]
                p_head = float(H.sigmoid(np.array(sa * float(a.logits[j]) + sb)))
                if not sev[c] and any(i.category == c for i in a.idioms):
                    p_head *= IDIOM_DAMPING  # "tuer le temps", "chat noir": the head is fooled by the word
                if c in MISCONDUCT and only_profanity and p_head > 0.0:
                    # no misconduct rule fired: the head alone must clear the head-only bar
                    q = min(max(p_head, 1e-9), 1.0 - 1e-9)
                    p_head = float(H.sigmoid(np.array(np.log(q) - np.log1p(-q) - shift)))
            s = 1.0 - (1.0 - p_rule) * (1.0 - p_head) * (1.0 - a.model.get(c, 0.0))
            if c in MISCONDUCT:
                if down:
                    s *= float(fusion.get("down_factor", 0.35))
                if only_profanity and sev["profanity"] and s < 0.9:
                    # profanity alone never raises the other categories
                    s = min(s, 0.5 * self.threshold(c))
            out[c] = round(s, 3)  # 3 decimals: batch composition moves the encoder's floats slightly
        return out

    def threshold(self, category: str) -> float:
        if self.heads is None:
            return DEFAULT_THRESHOLD
        return float(self.heads.fusion.get("thresholds", {}).get(category, DEFAULT_THRESHOLD))

    # -- public --------------------------------------------------------------------------------
    def detect(self, texts: Sequence[str], context: Sequence[Any] | None = None,
               ids: Sequence[str | None] | None = None, language: str | None = None) -> list[Detection]:
        texts = list(texts)
        if any(len(t) > LONG_TEXT for t in texts):
            return self._detect_with_long(texts, context, ids, language)
        self.stats["texts"] += len(texts)
        ctx_lists = [_context_items(context[i]) if context is not None and i < len(context) else []
                     for i in range(len(texts))]
        analyses = self._analyse_many(texts)
        ctx_texts = [t for items in ctx_lists for _, t in items[-3:]]
        ctx_an = dict(zip(ctx_texts, self._analyse_many(ctx_texts), strict=True)) if ctx_texts else {}
        out = []
        for i, (t, a) in enumerate(zip(texts, analyses, strict=True)):
            ctx = ctx_lists[i]
            lang = a.lang[0] if a.lang[1] else (language or self._context_language(ctx, ctx_an) or a.lang[0])
            msg_id = ids[i] if ids else None
            if a.endorsement and ctx:  # depends on the context: not cached
                out.append(self._detection(t, a, ctx, ctx_an, msg_id, lang))
                continue
            key = (t, lang)
            d = self.detections.get(key)
            if d is None:
                d = self._detection(t, a, [], {}, None, lang)
                self.detections[key] = d
                if len(self.detections) > self.cache_size:
                    self.detections.clear()
            out.append(replace(d, message_id=msg_id) if msg_id is not None else d)
        return out

    def _detect_with_long(self, texts: list[str], context: Sequence[Any] | None,
                          ids: Sequence[str | None] | None, language: str | None) -> list[Detection]:
        short = [i for i, t in enumerate(texts) if len(t) <= LONG_TEXT]
        out: list[Detection | None] = [None] * len(texts)
        if short:
            got = self.detect([texts[i] for i in short],
                              context=[context[i] if i < len(context) else None for i in short] if context is not None else None,
                              ids=[ids[i] for i in short] if ids else None, language=language)
            for i, d in zip(short, got, strict=True):
                out[i] = d
        for i, t in enumerate(texts):
            if out[i] is None:
                out[i] = self._detect_long(t, ids[i] if ids else None, language)
        return out  # type: ignore[return-value]

    def _detect_long(self, text: str, msg_id: str | None, language: str | None) -> Detection:
        """Windows spread evenly over the text (the first and the last included), scored alone; the
        highest score per category wins and the reasons' spans point into the whole text."""
        wins = _windows(text)
        dets = self.detect([p for _, p in wins], language=language)
        scores = {c: max(d.categories[c] for d in dets) for c in CATEGORIES}
        top = max(range(len(dets)), key=lambda k: max(dets[k].categories[c] for c in MISCONDUCT))
        reasons = []
        for k, d in enumerate(dets):
            if k != top and not d.flagged:
                continue
            off = wins[k][0]
            reasons += [replace(r, span=(r.span[0] + off, r.span[1] + off)) if r.span else r
                        for r in d.reasons if k == top or r.kind not in ("lang", "stance")]
        scored, reach = 0, 0
        for off, p in wins:  # characters covered by the (possibly overlapping) windows
            scored += max(0, off + len(p) - max(off, reach))
            reach = max(reach, off + len(p))
        reasons.append(Reason("limit", None, f"long message: {len(wins)} windows, {scored:,} of {len(text):,} "
                                             "characters scored; the whole text is stored and searchable"))
        return Detection(categories=scores, flagged=any(d.flagged for d in dets),
                         targets=tuple(dict.fromkeys(t for d in dets for t in d.targets)),
                         severity=max(d.severity for d in dets), stance=dets[top].stance,
                         language=dets[0].language, reasons=tuple(reasons), message_id=msg_id,
                         model_version=self.version)

    @staticmethod
    def _context_language(ctx: list[tuple[str | None, str]], ctx_an: dict[str, _Analysis]) -> str | None:
        langs = [ctx_an[t].lang[0] for _, t in ctx[-3:] if ctx_an[t].lang[1] and ctx_an[t].lang[0]]
        return max(sorted(set(langs)), key=langs.count) if langs else None

    def _detection(self, text: str, a: _Analysis, ctx: list[tuple[str | None, str]],
                   ctx_an: dict[str, _Analysis], msg_id: str | None, lang: str | None) -> Detection:
        scores = dict(a.scores)
        reasons: list[Reason] = []
        targets: list[str] = []
        raw_head = float(H.sigmoid(np.max(a.logits[:4]))) if a.logits is not None else 0.0
        relevant = (any(h.category in MISCONDUCT for h in a.hits) or raw_head >= 0.5
                    or max(scores[c] for c in MISCONDUCT) >= 0.3
                    or (any(f in DOWNGRADING for f in a.framing) and self.rules._find_group(a.norm) is not None))
        stance = a.framing[0] if a.framing and relevant else None
        for h in a.hits:
            reasons.append(Reason(h.kind, h.category, f"{h.id}: {h.note}", h.span, h.matched,
                                  round(scores[h.category], 4)))
        # context: a short agreeing reply to a flagged message endorses it
        endorsed = None
        if a.endorsement and ctx:
            for cid, ctext in reversed(ctx[-3:]):
                ca = ctx_an[ctext]
                if any(f in DOWNGRADING for f in ca.framing):
                    continue
                if any(ca.scores[c] >= self.threshold(c) for c in MISCONDUCT):
                    endorsed = (cid, ca)
                    break
        if endorsed is not None:
            cid, ca = endorsed
            top = max(MISCONDUCT, key=lambda c: ca.scores[c])
            stance = "endorse"
            if not any(ch.isalnum() for ch in text) and set(a.norm.split()) <= _LAUGHS:
                # a laugh or an emoji alone is kept as endorsement (the harassment analysis counts
                # who laughed) but never becomes hate or a threat on its own
                reasons.append(Reason("context", top, "emoji-only reply to a flagged preceding message "
                                                      "(not flagged by itself)", ref=cid))
            else:
                for c in MISCONDUCT:
                    scores[c] = max(scores[c], round(ca.scores[c] * ENDORSE_FACTOR, 4))
                reasons.append(Reason("context", top, "short reply endorsing a flagged preceding message",
                                      score=scores[top], ref=cid))
                targets.extend(h.target for h in ca.hits if h.target and h.category in MISCONDUCT)
        flagged_cats = [c for c in MISCONDUCT if scores[c] >= self.threshold(c)]
        for h in a.hits:
            if h.target and h.category in flagged_cats and h.target not in targets:
                targets.append(h.target)
        if "hate" in flagged_cats and not targets:
            g = self.rules._find_group(a.norm)
            if g and (t := self.rules.target_of(g)):
                targets.append(t)
        if a.logits is not None:
            for j, c in enumerate(CATEGORIES):
                p = float(H.sigmoid(a.logits[j]))
                if p >= 0.3:
                    reasons.append(Reason("head", c, f"{'cheap ' if a.gated else ''}head:{c}", score=round(p, 4)))
        if a.e5 is not None and self.transformer is not None:
            for j, c in enumerate(CATEGORIES):
                if a.e5[j] >= 0.3:
                    reasons.append(Reason("model", c, f"transformer:{c} (fine-tuned e5-small)", score=round(float(a.e5[j]), 4)))
        for c, p in a.model.items():
            if p >= 0.3 and self.backend is not None:
                reasons.append(Reason("model", c, f"{self.backend.name}", score=round(p, 4)))
        for i in a.idioms:
            reasons.append(Reason("rule", i.category, f"{i.id}: {i.note} (lowers the score)", i.span, i.matched))
        if a.framing:
            reasons.append(Reason("stance", None, "framing: " + ", ".join(a.framing)))
        if flagged_cats and (who := _addressee(text)) is not None:
            reasons.append(Reason("addressee", None, who[0], who[1], text[who[1][0]:who[1][1]]))
        if lang:
            reasons.append(Reason("lang", None, lang))
        sev = 0
        for c in flagged_cats:  # per category: its strongest rule or its score band, within its ceiling
            rule_sev = max((h.severity for h in a.hits if h.category == c), default=0)
            band = 3 if scores[c] >= 0.9 else 2 if scores[c] >= 0.7 else 1
            sev = max(sev, min(MAX_SEVERITY[c], max(rule_sev, band)))
        if flagged_cats and (stance in DOWNGRADING or stance == "endorse"):
            sev = 1  # reported speech, or agreeing with what someone else wrote
        return Detection(
            categories={c: float(scores[c]) for c in CATEGORIES},
            flagged=bool(flagged_cats),
            targets=tuple(dict.fromkeys(targets)),
            severity=sev,
            stance=stance,
            language=lang,
            reasons=tuple(reasons),
            message_id=msg_id,
            model_version=self.version,
        )


def _addressee(text: str) -> tuple[str, tuple[int, int]] | None:
    """The person a message speaks to by its own words (mention or vocative), with its span."""
    m = _MENTION.search(text)
    if m:
        return m.group(1), m.span(1)
    for rx in (_VOC_START, _VOC_END):
        m = rx.search(text)
        if m and m.group(1).split()[0].lower() not in _NOT_NAMES and m.group(1)[0].isupper():
            return m.group(1), m.span(1)
    return None


def _windows(text: str) -> list[tuple[int, str]]:
    """Up to MAX_WINDOWS pieces of about WINDOW characters, cut at a space when one is near,
    spread evenly from the start to the end of the text: (offset, piece)."""
    n = len(text)
    count = min(MAX_WINDOWS, -(-n // WINDOW))
    step = (n - WINDOW) / (count - 1) if count > 1 else 0
    out = []
    for k in range(count):
        start = int(k * step)
        if start:
            sp = text.find(" ", start, start + 100)
            start = sp + 1 if sp >= 0 else start
        end = min(n, start + WINDOW)
        if end < n:
            sp = text.rfind(" ", end - 100, end)
            end = sp if sp > start else end
        out.append((start, text[start:end]))
    return out


def _context_items(items: Any) -> list[tuple[str | None, str]]:
    """Preceding messages as (id, text): accepts strings, Message records, dicts, pairs."""
    if items is None:
        return []
    if isinstance(items, str):
        items = [items]
    out: list[tuple[str | None, str]] = []
    for it in items:
        if isinstance(it, str):
            out.append((None, it))
        elif isinstance(it, dict):
            out.append((it.get("id"), str(it.get("text", ""))))
        elif isinstance(it, tuple | list) and len(it) == 2:
            out.append((it[0], str(it[1])))
        elif hasattr(it, "text"):
            if getattr(it, "kind", "message") != "message":
                continue  # events (joins, renames) are not speech
            out.append((getattr(it, "id", None), str(it.text)))
    return out


_DEFAULT: Detector | None = None


def default_detector() -> Detector:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Detector()
    return _DEFAULT


_WITH_BACKEND: dict[str, Detector] = {}


def detect(texts: str | Iterable[str], context: Any = None, *, ids: Sequence[str | None] | None = None,
           language: str | None = None, detector: Detector | None = None,
           backend: str | None = None) -> list[Detection]:
    """One Detection per text, in order. `context[i]` is the list of messages preceding
    `texts[i]` in its conversation (strings, Message records, {"id", "text"} dicts or
    (id, text) pairs); with a single string, `context` may be that list itself."""
    if isinstance(texts, str):
        texts = [texts]
        if context is not None:
            context = [context]
    texts = list(texts)
    if ids is not None and len(ids) != len(texts):
        raise ValueError("ids must have one entry per text")
    if detector is None and backend is not None:
        detector = _WITH_BACKEND.get(backend) or _WITH_BACKEND.setdefault(backend, Detector(backend=backend))
    return (detector or default_detector()).detect(texts, context=context, ids=ids, language=language)
