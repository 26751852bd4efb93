"""Who a message is aimed at, and whether it is abusive, degrading, reported speech or a complaint.

A message is linked to a person by (method, confidence):
  mention 0.95 (an @mention or the export's mention list) · reply 0.95 (reply_to) ·
  name 0.9 full name / 0.8 a unique first or last name · nickname 0.75 (learned, see below) ·
  turn 0.6 a second-person "tu/toi/you" message that answers the last other speaker within
  `turn_window_min` (0.4 for the plural/polite "vous", below the default threshold) ·
  context 0.6 / 0.45 a third-person degrading message ("on l'ignore") right after a person was
  named (0.6) or spoke (0.45) ·
  quote 0.85 the message quotes («...», "...") a recent message of the person ·
  name 0.7 a diminutive ("Nico" for Nicolas) or a misspelling ("Rayane", "Ryan" for Rayan) of a
  first name, when it is no dictionary word and fits one member only ·
  floor 0.55 a hostile second-person message that continues an attack: the last other speaker
  attacked X, or only laughed at it, so "t'es moche" goes to X, not to the one who just spoke
  (unless the sender defended X, or X just spoke).
Nicknames are learned per conversation: a vocative ("eh X,", ", X !") used at least
`nickname_min_uses` times in turns with one person, mostly (`nickname_concentration`) with them.
Every link carries its method, its confidence, the record it rests on and a reason in words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache

from simplemma import is_known

from ..records import Detection, Event, EventType, Message
from ..textutil import fold
from . import patterns as P
from .settings import Settings

PersonOf = Callable[[str, str], str]

MISCONDUCT = ("hate", "sexual", "threat", "insult")
REPORTED_STANCES = {"reported", "counter"}

_TITLES = {"cpt", "capitaine", "lt", "lieutenant", "chef", "brigadier", "adj", "adjudant", "sgt", "sergent",
           "commandant", "cdt", "major", "gardien", "mme", "mlle", "monsieur", "madame", "dr", "mr", "mrs", "ms"}
_EXITS = {EventType.REMOVED, EventType.BANNED, EventType.LEFT}
_NAME_STOP = {
    "vous", "you", "moi", "me", "toi", "nous", "lui", "elle", "eux", "tous", "tout", "chef", "petit", "petite",
    "grand", "grande", "blanc", "blanche", "noir", "noire", "roux", "rousse", "brun", "brune", "fort", "gros",
    "long", "bon", "bonne", "jeune", "vieux", "beau", "belle", "doux", "juste", "franc", "sage", "rose", "pierre",
    "page", "marin", "mercier", "boucher", "meunier", "berger", "masson", "fabre", "faure", "poirier", "garnier",
}
_SECOND = re.compile(r"(?<!\w)(?:t'|(?:tu|toi|ton|ta|tes|te|you|your|you're|youre|ur|u|yourself)(?!\w))")
_SECOND_PLURAL = re.compile(r"(?<!\w)(vous|votre|vos)(?!\w)")
_THIRD = re.compile(r"(?<!\w)(?:il|elle|lui|celui|celle|him|her|he|she|his)(?!\w)")  # not le/la/l': articles too
_MENTION = re.compile(r"@([\w.\-]+)")
_VOC_START = re.compile(r"^(?:(?:eh|he|oh|ho|yo|hey|salut|alors|allez|bonjour|coucou)\s+)?((?:le |la |l'|mon |ma )?[a-z][a-z\-]{2,})\s*[,!?]")
_VOC_END = re.compile(r",\s*((?:le |la |l'|mon |ma )?[a-z][a-z\-]{2,})\s*[!?.]*\s*$")
_PERSONAL3 = re.compile(r"(?<!\w)(?:l'|(?:il|elle|lui|him|her|he|she)(?!\w))")
_CAPITALISED = re.compile(r"(?<![\w@])([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ\-]{2,})(?!\w)")
_VOC_STOP = {
    "bon", "ok", "okay", "ouais", "oui", "non", "bah", "ben", "bref", "alors", "allez", "merci", "salut", "bonjour",
    "bonsoir", "coucou", "voila", "enfin", "donc", "mais", "putain", "hello", "well", "yes", "yeah", "nope",
    "thanks", "sorry", "pardon", "attends", "attention", "sinon", "wesh", "tiens", "regarde", "ecoute", "stop",
    "quoi", "hein", "genre", "sérieux", "serieux", "franchement", "vraiment", "normal", "parfait", "super", "top",
    "cool", "grave", "exact", "exactement", "demain", "aujourd'hui", "hier", "ensuite", "apres", "avant", "the",
    "and", "les", "des", "une", "toi", "moi", "nous", "vous", "lui", "elle", "eux", "tous", "tout", "rien",
}


def naive(t: datetime | None) -> datetime | None:
    """Comparable times: an aware time becomes naive UTC (exports mix zoned and local times)."""
    if t is None or t.tzinfo is None:
        return t
    return t.astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class Target:
    person: str
    method: str  # mention | reply | name | nickname | turn | context
    confidence: float
    ref: str | None = None  # the record the link rests on (replied or answered message)
    matched: str | None = None
    reason: str | None = None  # the link in words

    def to_dict(self) -> dict:
        d = {"person": self.person, "method": self.method, "confidence": round(self.confidence, 2)}
        if self.ref:
            d["ref"] = self.ref
        if self.matched:
            d["matched"] = self.matched
        d["reason"] = self.reason or _REASONS.get(self.method, self.method)
        return d


_REASONS = {
    "mention": "@mention of the person",
    "reply": "reply to the person's message",
    "name": "names the person",
    "nickname": "uses a nickname the group uses for the person",
    "turn": "second person, answering the last other speaker",
    "context": "third person, about the person the talk was about just before",
    "quote": "quotes the person's message",
    "floor": "second person, continuing an attack on the person",
}


@dataclass(slots=True)
class Reading:
    """One message as the harassment analysis reads it."""

    message: Message
    order: int
    sender: str | None  # person key
    targets: dict[str, Target] = field(default_factory=dict)
    detection: Detection | None = None
    abusive: bool = False
    degrading: list[P.Match] = field(default_factory=list)
    reported: list[P.Match] = field(default_factory=list)
    complaint: list[P.Match] = field(default_factory=list)
    bystander: list[P.Match] = field(default_factory=list)
    acts: list[P.Match] = field(default_factory=list)
    defence: list[P.Match] = field(default_factory=list)  # sides with someone attacked
    conciliation: list[P.Match] = field(default_factory=list)  # calms everyone down
    nickname: str | None = None  # a mocking nickname used in it (set when nicknames are judged)
    time: datetime | None = field(init=False, default=None)  # comparable (naive UTC) time

    def __post_init__(self) -> None:
        self.time = naive(self.message.time)

    @property
    def hostile(self) -> bool:
        """Abuse or degrading, not reported speech."""
        return self.kind in ("abuse", "degrading")

    @property
    def is_reported(self) -> bool:
        """Quotes or condemns abuse: kept apart, never aggression."""
        stance = self.detection.stance if self.detection else None
        return stance in REPORTED_STANCES or bool(self.reported)

    @property
    def kind(self) -> str | None:
        """abuse | degrading | reported | None."""
        hostile = self.abusive or bool(self.degrading) or self.nickname is not None
        det = self.detection
        quoted = det is not None and det.stance in REPORTED_STANCES and any(
            det.categories.get(c, 0.0) >= 0.2 for c in MISCONDUCT
        )  # the detector lowers a quoted slur below its threshold; it is still a quote to keep
        if not hostile and not quoted:
            return None
        if self.is_reported:
            return "reported"
        return "abuse" if self.abusive else "degrading"

    @property
    def severity(self) -> int:
        sev = 0
        if self.abusive and self.detection is not None:
            sev = max(1, int(self.detection.severity))
        if self.degrading:
            sev = max(sev, max(m.pattern.severity for m in self.degrading))
        if self.nickname is not None:
            sev = max(sev, 1)
        return sev

    @property
    def categories(self) -> list[str]:
        cats: list[str] = []
        if self.abusive and self.detection is not None:
            cats += [c for c in MISCONDUCT if self.detection.categories.get(c, 0.0) >= 0.5]
            if not cats and self.detection.top_category:
                cats.append(self.detection.top_category)
        cats += [m.pattern.category for m in self.degrading]
        if self.nickname is not None:
            cats.append("nickname")
        return list(dict.fromkeys(cats))

    def reasons(self) -> list[dict]:
        out: list[dict] = []
        det = self.detection
        if det is not None and (self.abusive or self.is_reported):
            out += [r.to_dict() | {"source": "detection"} for r in det.reasons]
            if det.stance:
                out.append({"kind": "stance", "detail": det.stance, "source": "detection"})
        out += [m.reason() for m in self.degrading + self.reported]
        if self.nickname is not None:
            reason: dict = {"kind": "nickname", "detail": self.nickname, "note": "mocking nickname learned for this person"}
            ftext, index = P.fold_map(self.message.text)
            hit = re.search(r"(?<!\w)" + re.escape(self.nickname) + r"(?!\w)", ftext)
            if hit:
                start, end = index[hit.start()], index[hit.end() - 1] + 1
                reason.update(span=[start, end], matched=self.message.text[start:end])
            out.append(reason)
        return out


def _name_variants(names: Mapping[str, set[str]]) -> dict[str, str]:
    """Folded name variant -> person key: full names, and first/last names when unique.

    Names that are also everyday words are not looked for alone: the exporter's own "Vous"/"You",
    and surnames such as Petit, Roux or Blanc ("mon petit" is nobody)."""
    full: dict[str, str] = {}
    parts: dict[str, set[str]] = defaultdict(set)
    for person, shown in names.items():
        for name in shown:
            f = fold(name)
            if not f or any(ch.isdigit() for ch in f) or f in _NAME_STOP:
                continue  # phone numbers are not said in a chat
            full[f] = person
            for tok in re.split(r"[\s.]+", f):
                if len(tok) >= 3 and tok.isalpha() and tok not in _TITLES and tok not in _NAME_STOP:
                    parts[tok].add(person)
    out = {tok: next(iter(ps)) for tok, ps in parts.items() if len(ps) == 1}
    out.update(full)
    return out


@lru_cache(maxsize=100_000)
def _patterns(text: str, short: bool) -> tuple[list[P.Match], ...]:
    """Pattern matches of one distinct text (chat exports repeat "ok", "mdr", "reçu" a lot)."""
    folded = P.fold_map(text)
    return (
        P.search_all(text, P.load("degrading"), folded),
        P.search_all(text, P.load("reported"), folded),
        P.search_all(text, P.load("complaint"), folded),
        P.search_all(text, P.load("acts"), folded),
        P.search_all(text, P.load("bystander"), folded) if short else [],
        P.search_all(text, P.load("defence"), folded),
        P.search_all(text, P.load("conciliation"), folded),
    )


@lru_cache(maxsize=100_000)
def _fold(text: str) -> str:
    return fold(text)


def _classify(r: Reading, settings: Settings) -> None:
    text = r.message.text
    det = r.detection
    if det is not None and det.flagged and det.stance != "negated":
        top = max((det.categories.get(c, 0.0) for c in MISCONDUCT), default=0.0)
        grounded = any(x.kind not in ("head", "lang") for x in det.reasons) or not det.reasons
        # a flag resting on the model heads alone counts only when the model is very sure
        r.abusive = (top > 0 or not det.categories) and (grounded or top >= settings.head_only_min_score)
    short = len(text.strip()) <= settings.bystander_max_chars
    degrading, reported, complaint, acts, bystander, defence, conciliation = _patterns(text, short)
    r.degrading, r.reported, r.complaint, r.acts = list(degrading), list(reported), list(complaint), list(acts)
    r.conciliation = list(conciliation)
    r.defence = [] if r.conciliation else list(defence)
    if short:
        r.bystander = list(bystander)
        if r.bystander and not r.degrading and det is not None and det.stance == "endorse":
            # "+1 trop vrai" after an insult: the detector flags the endorsement; here it is
            # judged in context as joining in (a bystander), not as a new aggression.
            r.abusive = False


def read_conversation(
    conversation_id: str,
    messages: Iterable[Message],
    detections: Mapping[str, Detection],
    person_of: PersonOf,
    names: Mapping[str, set[str]],
    settings: Settings,
    events: Iterable[Event] = (),
) -> list[Reading]:
    """Readings of one conversation's messages, in time order, with targets and classification.
    `events` (optional): a removal or departure is what a gloating message just after is about."""
    msgs = sorted(enumerate(messages), key=lambda im: (naive(im[1].time) or datetime.min, im[0]))
    readings = [
        Reading(m, i, person_of(conversation_id, m.sender) if m.sender else None, detection=detections.get(m.id))
        for i, (_, m) in enumerate(msgs)
    ]
    variants = _name_variants(names)
    fuzzy = _Fuzzy(names, variants)
    name_re = (
        re.compile(r"(?<![\w@])(" + "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)) + r")(?!\w)")
        if variants
        else None
    )
    by_native = {r.message.native_id: r for r in readings if r.message.native_id}
    turn = timedelta(minutes=settings.turn_window_min)

    for idx, r in enumerate(readings):
        _classify(r, settings)
        m = r.message
        ftext = _fold(m.text)
        found: dict[str, Target] = {}

        def add(t: Target, found: dict[str, Target] = found, sender: str | None = r.sender) -> None:
            if t.person != sender and (t.person not in found or found[t.person].confidence < t.confidence):
                found[t.person] = t

        for mention in m.mentions:
            add(Target(person_of(conversation_id, mention), "mention", 0.95, matched=mention))
        for handle in _MENTION.findall(ftext):
            person = variants.get(handle) or variants.get(handle.replace("_", " ").replace(".", " "))
            if person:
                add(Target(person, "mention", 0.95, matched="@" + handle))
        if m.reply_to and m.reply_to in by_native:
            parent = by_native[m.reply_to]
            if parent.sender:
                add(Target(parent.sender, "reply", 0.95, ref=parent.message.id))
        if name_re is not None:
            for hit in name_re.finditer(ftext):
                v = hit.group(1)
                if _ENDORSED.match(ftext, hit.end()):
                    continue  # "Lucas a raison": siding with Lucas, not speaking to him
                add(Target(variants[v], "name", 0.9 if " " in v or v in {fold(n) for n in names.get(variants[v], ())} else 0.8, matched=v))
        for word, person, how in fuzzy.find(m.text, ftext):
            if person not in found:
                add(Target(person, "name", 0.7, matched=word, reason=f"{how} of the person's first name"))
        quoted = _quoted(m.text)
        if quoted:
            for prev in readings[max(0, idx - 30) : idx][::-1]:
                if prev.sender and prev.sender != r.sender and any(q in _fold(prev.message.text) for q in quoted):
                    add(Target(prev.sender, "quote", 0.85, ref=prev.message.id, matched=quoted[0]))
                    break
        if not found and r.time is not None:
            plural = _SECOND_PLURAL.search(ftext)
            if _SECOND.search(ftext) or plural:
                prev = _last_other_speaker(readings, idx, r.sender, r.time - turn)
                if prev is not None:
                    conf = 0.6 if _SECOND.search(ftext) else 0.4
                    add(Target(prev.sender, "turn", conf, ref=prev.message.id))  # type: ignore[arg-type]
        r.targets = found

    _learn_nicknames(readings, variants, settings, fuzzy)
    exits = sorted(
        (naive(e.time), person_of(conversation_id, name), e.id)  # type: ignore[type-var]
        for e in events if e.time is not None and e.type in _EXITS
        for name in (e.targets or ((e.actor,) if e.type == EventType.LEFT and e.actor else ()))
    )
    if settings.laughed_at:  # first: a remark laughed at is hostile, and what follows it is read in that light
        _laughed_at(readings, settings)
    _context_targets(readings, settings, exits)
    if settings.laughed_at:  # again: remarks whose target came from the context
        _laughed_at(readings, settings)
    return readings


_ENDORSED = re.compile(r"\s+(?:a|avait|a bien) raison\b")
_QUOTE = re.compile(r"[«\u201c\"]\s*([^«»\u201c\u201d\"]{8,120}?)\s*[»\u201d\"]")
_WORD = re.compile(r"(?<![\w@])([^\W\d_]{3,})(?!\w)")


def _quoted(text: str) -> list[str]:
    """Folded quotations of at least two words ("« j'ai trop hâte » mdr")."""
    return [q for q in (fold(x).strip(" .!?,") for x in _QUOTE.findall(text)) if " " in q and len(q) >= 8]


def _within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance <= 1 (one letter added, dropped or changed)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if la == lb else a[i:] == b[i + 1 :]


_RUNS = re.compile(r"([a-z])\1+")


class _Fuzzy:
    """First names said another way: a diminutive ("Nico", "Clem") or one letter off ("Rayane",
    "Ryan" for Rayan), linked when exactly one member's first name fits and the word is no
    dictionary word (or is capitalised inside the sentence)."""

    def __init__(self, names: Mapping[str, set[str]], variants: Mapping[str, str]) -> None:
        self.variants = variants
        firsts: dict[str, set[str]] = defaultdict(set)
        for person, shown in names.items():
            for name in shown:
                toks = [t for t in re.split(r"[\s.]+", fold(name)) if t]
                toks = [t for t in toks if t not in _TITLES]
                if toks and len(toks[0]) >= 4 and toks[0].isalpha() and toks[0] not in _NAME_STOP:
                    firsts[toks[0]].add(person)
        self.firsts = {t: next(iter(ps)) for t, ps in firsts.items() if len(ps) == 1}
        self.cache: dict[str, tuple[str, str] | None] = {}

    def lookup(self, word: str) -> tuple[str, str] | None:
        if word in self.cache:
            return self.cache[word]
        hits: dict[str, str] = {}
        squeezed = _RUNS.sub(r"\1", word)
        # a doubled first syllable: "Bébert" (Bertrand), "Nana" (Naïma), "Jojo" (Jordan)
        redup = word[2:] if len(word) >= 4 and word[:2] == word[2:4] else None
        for first, person in self.firsts.items():
            if squeezed != word and squeezed == _RUNS.sub(r"\1", first):
                hits.setdefault(person, "drawn-out spelling")  # "Géraaard", "Kevinnn"
            elif redup is not None and first.startswith(redup) and first != redup:
                hits.setdefault(person, "doubled-syllable diminutive")
            elif len(word) >= 3 and len(first) > len(word) and first.startswith(word):
                hits.setdefault(person, "diminutive")
            elif len(word) >= 4 and _within_one_edit(word, first):
                hits.setdefault(person, "misspelling")
        out = next(iter(hits.items())) if len(hits) == 1 else None
        self.cache[word] = out
        return out

    def find(self, text: str, ftext: str) -> list[tuple[str, str, str]]:
        if not self.firsts:
            return []
        out = []
        for hit in _WORD.finditer(text):
            word = _fold(hit.group(1))
            if word in self.variants or word in _VOC_STOP or word in _NAME_STOP or word in _TITLES:
                continue
            capitalised_inside = hit.group(1)[0].isupper() and hit.start() > 0
            if _known_word(word) and not capitalised_inside:
                continue
            found = self.lookup(word)
            if found:
                out.append((hit.group(1), found[0], found[1]))
        return out


def _last_other_speaker(readings: list[Reading], idx: int, sender: str | None, since: datetime) -> Reading | None:
    for j in range(idx - 1, max(-1, idx - 20), -1):
        prev = readings[j]
        if prev.time is None or prev.time < since:
            return None
        if prev.sender and prev.sender != sender:
            return prev
    return None


def _vocatives(text: str) -> list[str]:
    f = _fold(text)
    out = []
    for rx in (_VOC_START, _VOC_END):
        m = rx.search(f)
        if m:
            cand = m.group(1).strip()
            bare = cand.split(" ")[-1].removeprefix("l'")
            if bare not in _VOC_STOP and cand not in _VOC_STOP:
                out.append(cand)
    return out


@cache
def _known_word(word: str) -> bool:
    return bool(is_known(word, lang=("fr", "en")))


def _unknown_capitalised(text: str, variants: Mapping[str, str]) -> list[str]:
    """Capitalised words that are no dictionary word and no member's name: nickname candidates."""
    out = []
    for word in _CAPITALISED.findall(text):
        f = fold(word)
        if f not in variants and f not in _VOC_STOP and not _known_word(f):
            out.append(f)
    return out


def _answerer(readings: list[Reading], idx: int, settings: Settings, skip: Collection[str] = (),
              first_person: bool = False) -> str | None:
    """Who answers a message first (not its sender, not a mere laugh, not in `skip`; with
    `first_person`, someone speaking of themself), within the turn window."""
    r = readings[idx]
    if r.time is None:
        return None
    for nxt in readings[idx + 1 : idx + 8]:
        if nxt.time is None or nxt.time - r.time > timedelta(minutes=settings.turn_window_min):
            return None
        if nxt.sender and nxt.sender != r.sender and not nxt.bystander and nxt.sender not in skip:
            if first_person and not _FIRST.search(_fold(nxt.message.text)):
                continue
            return nxt.sender
    return None


_FIRST = re.compile(r"(?<!\w)(?:(?:je|me|moi|mon|ma|mes|i|my)(?!\w)|[jm]')")


# "la princesse", "le stagiaire", "cette cruche": a definite noun phrase in a hostile message may
# name the person attacked; the roles of the hierarchy and the things of work do not
_EPITHET_NP = re.compile(r"(?<![\w'])(?:la|le|l'|cette|ce|cet)\s?([a-z][a-z\-]{3,})(?!\w)")
_NOT_EPITHET = frozenset("""chef cheffe capitaine commandant commissaire lieutenant brigadier major adjudant colonel
patron patronne boss directeur directrice cadre prof professeur principal proviseur admin groupe equipe service
brigade bureau poste planning voiture vehicule patrouille travail boulot reunion message photo video dossier
rapport mail semaine weekend matin soir journee nuit jour mois annee fois monde truc chose moment probleme
situation histoire faute vie temps gens syndicat hierarchie direction mairie hopital ecole classe cantine""".split())


def _epithet_names(r: Reading) -> list[str]:
    """Definite noun phrases of a hostile message ("la princesse"): nickname candidates."""
    if not r.hostile:
        return []
    out = []
    for m in _EPITHET_NP.finditer(_fold(r.message.text)):
        noun = m.group(1)
        if noun not in _NOT_EPITHET and noun not in _VOC_STOP:
            out.append(m.group(0))
    return out


def _learn_nicknames(readings: list[Reading], variants: Mapping[str, str], settings: Settings,
                     fuzzy: _Fuzzy | None = None) -> None:
    """Find names used for one person that are not theirs: recurring vocatives ("eh le gros,") and
    unknown capitalised words ("Bambi"), each occurrence linked to whom it addresses (reply, turn,
    or the person who answers it); keep those aimed mostly at one person; link every use."""
    uses: dict[str, Counter[str]] = defaultdict(Counter)
    users: dict[str, set[str]] = defaultdict(set)  # who says it: not its referent
    laughs: dict[str, Counter[str]] = defaultdict(Counter)  # who laughs right after it (twice: not its referent)
    personal: Counter[str] = Counter()  # capitalised uses next to a personal pronoun ("Bambi il a ...")
    total: Counter[str] = Counter()
    turn = timedelta(minutes=settings.turn_window_min)
    found: list[tuple[int, list[str], list[str]]] = []
    epithets: set[str] = set()
    for idx, r in enumerate(readings):
        vocs = _vocatives(r.message.text)
        caps = [c for c in _unknown_capitalised(r.message.text, variants) if c not in vocs]
        caps += [e for e in _epithet_names(r) if e not in vocs and e not in caps]
        if not vocs and not caps:
            continue
        found.append((idx, vocs, caps))
        epithets.update(e for e in caps if " " in e)
        ftext = _fold(r.message.text)
        for cand in dict.fromkeys(vocs + caps):
            total[cand] += 1
            personal[cand] += cand in vocs or bool(_SECOND.search(ftext) or _PERSONAL3.search(ftext))
            if r.sender:
                users[cand].add(r.sender)
            for nxt in readings[idx + 1 : idx + 4]:
                if nxt.bystander and nxt.sender and r.time and nxt.time and nxt.time - r.time <= turn:
                    laughs[cand][nxt.sender] += 1
    for idx, vocs, caps in found:  # second pass: those who use a name are known, and are not its referent
        r = readings[idx]
        for cand in dict.fromkeys(vocs + caps):
            # a member named or @mentioned in the same message is not the one given a nickname
            # there ("Denis, pour Bébert mets XXL"): only a reply or the turn says who it is
            direct = [t.person for t in r.targets.values()
                      if t.method in ("reply", "turn") and t.person not in users[cand]]
            who = direct[0] if direct else None
            if who is None and cand in vocs and r.time is not None:  # a vocative is an address: to whom just spoke
                prev = _last_other_speaker(readings, idx, r.sender, r.time - turn)
                who = prev.sender if prev is not None else None
            if who is None:
                # whoever answers it first, among those who do not use the name themselves ("la
                # princesse a encore raté son tir" answered by "je vous entends, merci")
                epithet = cand not in vocs and " " in cand
                who = _answerer(readings, idx, settings, skip=users[cand], first_person=epithet)
                if who is None and epithet and r.time is not None:
                    # nobody answered: "bienvenue à la princesse" right after the newcomer spoke
                    prev = _last_other_speaker(readings, idx, r.sender, r.time - turn)
                    who = prev.sender if prev is not None and prev.sender not in users[cand] else None
            uses[cand][who or ""] += 1
    nicknames: dict[str, str] = {}
    for cand, counter in uses.items():
        if fuzzy is not None and " " not in cand and not _known_word(cand) and fuzzy.lookup(cand):
            continue  # a member's own first name said another way ("Bébert"): already linked to them
        if cand in variants or (personal[cand] < 0.5 * total[cand] and cand not in epithets):
            continue  # "le Master est cassé": a thing, not a person (an epithet is said in hostile messages)
        linked = {p: c for p, c in counter.items() if p and p not in users[cand] and laughs[cand][p] < 2}
        person, n = max(linked.items(), key=lambda pc: pc[1], default=("", 0))
        if n >= settings.nickname_min_uses and n / sum(linked.values()) >= settings.nickname_concentration:
            # the referent does not call themself by it; those who use it or laugh at it are not it
            nicknames[cand] = person
    if not nicknames:
        return
    rx = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(nicknames, key=len, reverse=True)) + r")(?!\w)")
    hits: dict[str, list[Reading]] = defaultdict(list)
    for r in readings:
        for hit in rx.finditer(_fold(r.message.text)):
            nick = hit.group(1)
            person = nicknames[nick]
            if r.sender == person:
                continue
            hits[nick].append(r)
            if person not in r.targets or r.targets[person].confidence < 0.75:
                r.targets[person] = Target(person, "nickname", 0.75, matched=nick)
            for other in [p for p, t in r.targets.items() if p != person and t.method == "turn"]:
                del r.targets[other]  # named by their nickname: the turn guess is dropped
    # A nickname is mocking when it is itself degrading or goes with abuse at least once.
    degrading = P.load("degrading")
    for nick, rs in hits.items():
        mocking = bool(P.search_all(nick, degrading)) or any(r.abusive or r.degrading for r in rs)
        if mocking:
            for r in rs:
                r.nickname = nick


_LAUGHED_AT = P.Pattern("reaction.laughed_at", "any", "mockery", 1, re.compile(r".+"),
                        "others laughed right after this remark at the person, who did not laugh along")


def _laughed_at(readings: list[Reading], settings: Settings) -> None:
    """A remark aimed at someone (name, mention, reply, quote, nickname or an answer) that two
    other members laugh at or approve right after (before anything else is said), while the
    person does not laugh along, is
    mockery even in words no lexicon knows: marked degrading (severity 1), reason "laughed at"."""
    window = timedelta(minutes=settings.bystander_window_min)
    for idx, r in enumerate(readings):
        if r.time is None or r.sender is None or r.hostile or r.is_reported or r.bystander or r.defence or r.conciliation:
            continue
        aimed = [t.person for t in r.targets.values() if t.confidence >= 0.6 and t.person != r.sender]
        if not aimed:
            continue
        laughers: set[str] = set()
        amused = False
        for nxt in readings[idx + 1 : idx + 1 + settings.bystander_messages]:
            if nxt.time is None or nxt.time - r.time > window:
                break
            if not nxt.bystander or nxt.hostile or nxt.defence:
                break  # only the laughs that come right after it, before anything else is said
            if nxt.sender in aimed:
                amused = True
            elif nxt.sender not in (None, r.sender):
                ftext = _fold(nxt.message.text)
                if _QUOTE.search(nxt.message.text) or _quoted(nxt.message.text) or (
                        _THIRD.search(ftext) and _FIRST.search(_fold(r.message.text))):
                    # "ohlala il a mis « septante » 😂" after "merci Valérie, j'ai mis les notes":
                    # laughing at whoever just spoke, not with them at the person addressed
                    laughers.clear()
                    break
                laughers.add(nxt.sender)  # type: ignore[arg-type]
        if len(laughers) >= settings.laughed_at_min and not amused:
            r.degrading = [P.Match(_LAUGHED_AT, (0, len(r.message.text)), r.message.text)]


def _floor(readings: list[Reading], idx: int, sender: str | None, settings: Settings) -> tuple[str, Reading] | None:
    """Whom the talk is attacking just before message `idx`: the target of the latest hostile
    message (not aimed at `sender`) within `context_messages` and `context_window_min`."""
    r = readings[idx]
    window = timedelta(minutes=settings.context_window_min)
    for j in range(idx - 1, max(-1, idx - 1 - settings.context_messages), -1):
        prev = readings[j]
        if prev.time is None or r.time is None or prev.time < r.time - window:
            return None
        if prev.hostile:
            cands = [t for t in prev.targets.values() if t.person != sender and t.person != prev.sender
                     and t.confidence >= settings.min_confidence]
            if cands:
                return max(cands, key=lambda t: t.confidence).person, prev
    return None


def _context_targets(readings: list[Reading], settings: Settings, exits: list[tuple[datetime, str, str]] = ()) -> None:  # type: ignore[assignment]
    """Hostile messages with no direct target take the person the talk is about just before:
    someone just removed or gone (0.6), the target of a recent message (named 0.6, inferred
    0.55), or for a third-person message ("on l'ignore celui-la") or a degrading reply the person
    who just spoke (0.55 right before, else 0.45). Without a pronoun ("une balance dans la
    brigade") a pile-on right after a hostile message counts.
    A hostile second-person message whose only link is the turn ("t'es moche" after someone
    else's attack) follows the floor: it goes to the person being attacked when the last other
    speaker attacked them or only laughed, unless the sender has defended that person."""
    window = timedelta(minutes=settings.context_window_min)
    defended: dict[str, set[str]] = defaultdict(set)  # sender -> people they sided with
    for idx, r in enumerate(readings):
        if r.time is None:
            continue
        if r.defence and not r.hostile and r.sender:
            fl = _floor(readings, idx, r.sender, settings)
            if fl is not None:
                defended[r.sender].add(fl[0])
        if not (r.abusive or r.degrading):
            continue
        if r.targets and all(t.method == "turn" for t in r.targets.values()):
            _follow_floor(readings, idx, r, settings, defended)
            continue
        if r.targets:
            continue
        pronoun = bool(_THIRD.search(_fold(r.message.text))) or any(m.pattern.category == "exclusion" for m in r.degrading)
        about: tuple[Target, Reading] | None = None
        speaker: Reading | None = None
        focus = _focus(readings, idx, r.sender, settings) if pronoun or _epithet(r) else None
        if focus is not None:
            about = focus
        for j in range(idx - 1, max(-1, idx - 1 - settings.context_messages), -1) if about is None else ():
            prev = readings[j]
            if prev.time is None or prev.time < r.time - window:
                break
            if speaker is None and prev.sender and prev.sender != r.sender:
                speaker = prev
            if not pronoun and prev.kind not in ("abuse", "degrading"):
                continue
            # a turn guess on a friendly message ("t'as vu sa photo ?" to a friend) says who was
            # spoken to, not who is talked about
            cands = [t for t in prev.targets.values() if t.person != r.sender and t.confidence >= settings.min_confidence
                     and (t.method != "turn" or prev.hostile)]
            if cands:
                about = (max(cands, key=lambda t: t.confidence), prev)
                break
        k = bisect_right(exits, (r.time, "\uffff", "\uffff")) - 1
        if k >= 0 and exits[k][0] >= r.time - window and exits[k][1] != r.sender and (
            about is None or about[1].time is None or exits[k][0] >= about[1].time
        ):
            # "bon debarras" right after someone was removed or left: about them
            r.targets[exits[k][1]] = Target(exits[k][1], "context", 0.6, ref=exits[k][2],
                                            reason="right after the person was removed or left")
        elif about is not None:
            t, prev = about
            conf = 0.6 if t.method in ("name", "mention", "nickname", "reply") else 0.55
            r.targets[t.person] = Target(t.person, "context", conf, ref=prev.message.id,
                                         reason="about the person the attacks were aimed at just before" if focus is not None
                                         else "about the person the message just before was aimed at")
        elif speaker is not None and speaker.sender:
            just_before = speaker is readings[idx - 1] and r.time - speaker.time <= timedelta(minutes=settings.turn_window_min)  # type: ignore[operator]
            # "Ah la balance, vas-y cours voir maman" right after someone spoke answers them; a
            # detector-only flag needs a personal pronoun to be read as about the last speaker
            if pronoun or (r.degrading and just_before):
                r.targets[speaker.sender] = Target(speaker.sender, "context", 0.55 if just_before else 0.45, ref=speaker.message.id,
                                                   reason="about the person who just spoke")


_EPITHETS = {"fr.mockery.boulet", "fr.body.gros", "fr.mockery.infantilise"}  # "la girafe", "le boulet": names for the one attacked


def _epithet(r: Reading) -> bool:
    return any(m.pattern.id in _EPITHETS for m in r.degrading)


def _focus(readings: list[Reading], idx: int, sender: str | None, settings: Settings) -> tuple[Target, Reading] | None:
    """The person the recent attacks were mostly aimed at (at least two hostile links within
    `context_window_min`, not the sender): whom "elle"/"la girafe" refers to in a pile-on."""
    r = readings[idx]
    window = timedelta(minutes=settings.context_window_min)
    score: Counter[str] = Counter()
    last: dict[str, tuple[Target, Reading]] = {}
    for j in range(idx - 1, max(-1, idx - 60), -1):
        prev = readings[j]
        if prev.time is None or r.time is None or prev.time < r.time - window:
            break
        if not prev.hostile:
            continue
        for t in prev.targets.values():
            if t.person not in (sender, prev.sender) and t.confidence >= settings.min_confidence:
                score[t.person] += 1
                last.setdefault(t.person, (t, prev))
    if not score:
        return None
    (best, n), *rest = score.most_common(2) + [("", 0)]
    if n < 2 or n == rest[0][1]:
        return None
    return last[best]


def _follow_floor(readings: list[Reading], idx: int, r: Reading, settings: Settings,
                  defended: Mapping[str, set[str]]) -> None:
    turn = next(iter(r.targets.values()))
    fl = _floor(readings, idx, r.sender, settings)
    if fl is None or r.defence:
        return
    person, attack = fl
    if person == turn.person or person in defended.get(r.sender or "", ()):
        return
    answered = next((x for x in readings[max(0, idx - 20) : idx] if x.message.id == turn.ref), None)
    if answered is None:
        return
    follows = answered is attack or (answered.hostile and person in answered.targets) or (
        bool(answered.bystander) and not answered.hostile) or (
        answered.detection is not None and answered.detection.stance == "endorse")
    third = bool(_THIRD.search(_fold(r.message.text)))
    epithet = _epithet(r) and not answered.defence
    if epithet and not follows:
        focus = _focus(readings, idx, r.sender, settings)
        if focus is not None and focus[0].person != turn.person:
            person, attack = focus[0].person, focus[1]
    if not follows and not third and not epithet:
        return  # "t'es con" to someone who said something else: the turn stands
    name = attack.message.sender or person
    r.targets = {person: Target(
        person, "floor" if follows else "context", 0.55, ref=attack.message.id,
        reason=(f"continues the attack on the person ({name}'s message just before"
                + (", then a laugh)" if answered is not attack and answered.bystander else ")") if follows
                else "third person about the person attacked just before, not the one addressed"),
    )}


__all__ = ["Reading", "Target", "read_conversation"]
