"""Directives: messages that order, forbid or instruct (French and English).

Two kinds of evidence, each reported as a rule id:
  phrases   directive nouns and modal phrases ("interdiction de", "vous devez", "merci de ne pas",
            "personne ne parle a", "consigne : silence"), from `lexicon.PHRASES`;
  grammar   an imperative opening a clause, after an optional vocative ("Marc, ...") and an
            optional "ne" + object pronouns: "Taisez-vous", "ne parlez pas aux syndicats",
            "envoyez-moi vos photos". Forms come from conjugation data (data/verbs_fr.txt) and,
            for "-ez"/"-ons" words outside it, from simplemma's lemma (a verb infinitive).
Questions, reported orders ("il a dit de ne pas parler"), conditionals ("tu devrais") and
first-person obligations ("il faut que j'y aille") are not directives.
Kinds: silence_order (a prohibition on speaking) > prohibition > order > instruction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import simplemma

from ..textutil import fold
from . import lexicon as lx

KIND_RANK = {"silence_order": 4, "prohibition": 3, "order": 2, "instruction": 1}
# rules read from the grammar of a clause (not from a directive phrase)
_GRAMMAR_RULES = frozenset({"fr.imperative", "fr.imperative_neg", "fr.imperative_1pl", "fr.infinitive", "fr.infinitive_neg", "en.imperative",
                            "en.imperative_neg", "fr.vous_m_envoyez"})
_PHRASES = [(kind, rid, re.compile(p)) for kind, rid, p in lx.PHRASES]
_GATE = lx.alternation_trie(lx.PHRASE_GATE.split("|"))  # same matches, 4x faster
_AUDIENCES = {k: re.compile(rf"\b(?:{p})\b") for k, p in lx.AUDIENCES.items()}
_ROLE_VOC = {k: re.compile(rf"(?:^|[.!?\n]\s*)(?:{p})\s*[,:!]") for k, p in lx.ROLE_VOCATIVES.items()}
_COMM_RE = re.compile(rf"\b(?:{lx.COMM}|silence|tais\w*|taire)\b")
_NEG_AFTER = re.compile(r"\b(?:pas|plus|rien|jamais|personne|aucun\w*|nulle part|que)\b")
_CLAUSE = re.compile(r"[^.!?;:\n]+[.!?;:\n]*")
_WORD = re.compile(r"(?:don|can|won|isn|aren|didn)'t|[a-z0-9]+'?|[^\sa-z0-9]")
_PRONOUNS = frozenset("me m' te t' se s' nous vous le la les l' lui leur y en".split())
_HYPHEN_PRON = re.compile(r"^-(?:moi|toi|nous|vous|le|la|les|lui|leur|en|y)\b")
_EN_SUBJ = frozenset("i you we they he she it".split())
_CLAUSE_WORDS = frozenset(
    "pour moi toi de du des a au aux en est sont c' j' je il elle on ce ca pas ne n' que qu' qui si "
    "avec sans dans sur par mais ou donc car for to is are i it".split()
)
# a participle, unless a pronoun follows ("envoyé moi": SMS spelling of "envoyez-moi")
_PARTICIPLE = re.compile(r"\w+(?:é|ée|és|ées)(?!\w)(?![ -](?:moi|nous|le|la|les|lui|leur)\b)")
_INTERJECTIONS = frozenset("allez allons voyons tiens dis ecoute ecoutez regarde attends bref".split())
# words that may precede an imperative without making it something else
_LEADERS = frozenset("surtout svp stp please pls alors donc bon maintenant et puis "
                     "desormais dorenavant immediatement vite now so and".split())


_RESTRICTED = frozenset({"unions", "press", "hierarchy", "investigators", "outsiders"})
# a friend's "shut up" goes on with something else ("tais-toi, tu spoiles la série", "shut up and take my money")
_TEASE = re.compile(r"^(?:[\w' ]{0,20},\s*)?(?:tais[- ]toi|ferme[- ]la|chut|shut up|la ferme)(?: un peu)?(?:,| et| and) (?!.*\b(?:maintenant|tout de suite|immediatement|now)\b)")
_THREAT = re.compile(r"\b(?:sinon|ou (?:je|tu|ca)|or (?:else|you|i)|compris|c'est un ordre|that's an order|je te|je vous)\b")
_STOP_WORDS = frozenset("arrete arretez arretes stop cesse cessez stoppe stoppez".split())
# what makes "arrête"/"stop" an order rather than an interjection: an object or a complement
_STOP_OBJECTS = frozenset(
    "de d' avec ca ce cet cette ces tout tous toutes immediatement tout_de_suite les le la l' ton ta tes vos votre "
    "mon ma mes son sa ses leur leurs un une des du au aux the it this that all everything now".split()
)


@lru_cache(maxsize=65536)
def _english_word(word: str) -> bool:
    return word in lx.EN_FUNCTION or simplemma.is_known(word, lang="en")


def _reads_english(words: list[str]) -> bool:
    """Most words of the clause are English: a single English verb does not make an order of a
    line in another language."""
    alpha = [w for w in words if w.isalpha()]
    if len(alpha) <= 1:  # a lone word: English only if it is no French word
        return bool(alpha) and not simplemma.is_known(alpha[0], lang="fr")
    return sum(map(_english_word, alpha)) / len(alpha) > 0.6


@dataclass(frozen=True)
class Directive:
    message_id: str
    conversation_id: str
    issuer: str
    kind: str
    rules: tuple[str, ...]
    matched: str  # the normalised words that triggered it
    audiences: tuple[str, ...] = ()  # unions | press | hierarchy | investigators | outsiders
    persons: tuple[str, ...] = ()  # participants named in it
    addressees: tuple[str, ...] = ()  # who is told: vocative name, or everyone of a role
    roles: tuple[str, ...] = ()  # roster roles addressed as a group ("les délégués, ...")
    time: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "conversation_id": self.conversation_id,
            "issuer": self.issuer,
            "kind": self.kind,
            "rules": list(self.rules),
            "matched": self.matched,
            "target": {
                "audiences": list(self.audiences),
                "persons": list(self.persons),
                "addressees": list(self.addressees),
                "roles": list(self.roles),
            },
            "evidence": [self.message_id],
        }


@dataclass(frozen=True)
class Match:
    """What the detector reads in a text, before persons are resolved."""

    kind: str
    rules: tuple[str, ...]
    matched: str
    audiences: tuple[str, ...]
    roles: tuple[str, ...]
    norm: str


@lru_cache(maxsize=65536)
def _is_verb_form(word: str) -> bool:
    """A "-ez"/"-ons" word whose lemma is a different word ending like an infinitive."""
    lemma = simplemma.lemmatize(word, lang="fr")
    return lemma != word and lemma.endswith(("er", "ir", "re", "oir"))


def _opens_with_imperative(word: str) -> bool:
    plural, singular = lx.french_imperatives()
    return word in plural or (word in singular and word not in lx.AMBIGUOUS_2SG) or word in lx.english_imperatives()


_STATEMENT_2SG = frozenset("suis sens vis crois vois connais comprends sais pense dors pars viens reviens arrive rentre "
                           "aime trouve bosse mange travaille rigole regarde demande cherche attends essaie tente".split())
_DETERMINERS = frozenset("le la les l' un une des du au aux a ta ton tes vos votre mon ma mes ce cet cette ces "
                         "tout tous toutes ca sur dans en".split())


@lru_cache(maxsize=65536)
def _lemma_is_verb_2sg(word: str) -> bool:
    """"emporte", "démonte": a 2nd-singular imperative of a first-group verb the verb data lacks
    (simplemma's lemma is the infinitive; for a noun such as "fuite" it is the noun itself)."""
    if len(word) < 4 or not word.endswith("e"):
        return False
    lemma = fold(simplemma.lemmatize(word, lang="fr"))
    return lemma == word[:-1] + "er"


@lru_cache(maxsize=65536)
def _is_infinitive(word: str) -> bool:
    """"archiver", "établir", "rendre": a verb infinitive (its 2nd-plural form lemmatises back to it)."""
    if len(word) < 5:
        return False
    for suffix, plural in (("er", "ez"), ("ir", "issez"), ("ir", "ez"), ("re", "ez")):
        if word.endswith(suffix) and fold(simplemma.lemmatize(word[: -len(suffix)] + plural, lang="fr")) == word:
            return True
    return False


def _infinitive_opening(words: list[str]) -> tuple[str, str] | None:
    """A note-style order opening a message with an infinitive: "Archiver les mains courantes
    avant le 31", "Ne pas stationner devant la sortie", "Se présenter au stand de tir"."""
    i, rid = 0, "fr.infinitive"
    if words[:2] in (["ne", "pas"], ["ne", "plus"]):
        i, rid = 2, "fr.infinitive_neg"
    if i < len(words) and words[i] in ("se", "s'", "vous", "en", "y", "le", "la", "les", "l'", "leur", "lui"):
        i += 1
    if i < len(words) and len(words) - i >= 3 and _is_infinitive(words[i]):
        return rid, words[i]
    return None


def _imperative(clause: str, first: bool = False) -> tuple[str, str] | None:
    """(rule id, verb) when the clause opens with an imperative, else None."""
    clause = clause.replace("s'il vous plait", " ").replace("s'il te plait", " ")
    words = _WORD.findall(clause[:120])  # an imperative opens the clause
    if not words:
        return None
    plural, singular = lx.french_imperatives()
    i, negated = 0, False
    # skip a vocative "Marc," / "les gars,"
    vocative = False
    if len(words) > 2 and words[1] == "," and words[0] in _INTERJECTIONS:
        words = words[2:]  # "Allez, ..." / "Tiens, ..." are interjections, not orders
    if "," in words[:5]:
        j = words.index(",")
        # a vocative is a short name or group ("Marc,", "Les délégués,"), not a clause
        # ("Impossible pour moi, garde ...") nor an order ("Effacez tout, maintenant")
        if 0 < j <= 4 and not _opens_with_imperative(words[0]) and not (_CLAUSE_WORDS & set(words[:j])):
            i, vocative = j + 1, True
    while i < len(words) and (words[i] in (",", "-", "\u2014") or words[i] in _LEADERS):
        i += 1  # "Surtout ne parlez pas", "svp envoyez", "Alors, rangez"
    if i < len(words) and words[i] in ("ne", "n'"):
        negated, i = True, i + 1
    while negated and i < len(words) and words[i] in _PRONOUNS and i + 1 < len(words):
        i += 1
    if i >= len(words):
        return None
    w = words[i]
    if w in _STOP_WORDS and not negated and (i + 1 >= len(words) or words[i + 1] not in _STOP_OBJECTS):
        return None  # "Arrête, je pleure", "Arrêtez, ce n'est pas drôle": an interjection, no order
    at = clause.find(w)
    rest = clause[at + len(w) :] if at >= 0 else ""
    if negated and not _NEG_AFTER.search(" ".join(words[i + 1 : i + 5])):
        return None
    if w in plural or (len(w) > 4 and w.endswith(("ez", "ons")) and _is_verb_form(w)):
        if w.endswith("ons") and not negated and not _HYPHEN_PRON.match(rest):
            return ("fr.imperative_1pl", w) if w in plural else None
        return ("fr.imperative_neg" if negated else "fr.imperative", w)
    if w not in singular and not negated and _lemma_is_verb_2sg(w) and (
        _HYPHEN_PRON.match(rest) or vocative or (i + 1 < len(words) and words[i + 1] in _DETERMINERS)
    ):
        return ("fr.imperative", w)
    if w in singular:
        bare_neg = i + 1 < len(words) and words[i + 1] in ("pas", "rien", "jamais") and _COMM_RE.match(w)
        if bare_neg:
            return ("fr.imperative_neg", w)
        if w not in lx.AMBIGUOUS_2SG or (
            negated or vocative or _HYPHEN_PRON.match(rest) or clause.rstrip().endswith("!")
            or (w not in _STATEMENT_2SG and i + 1 < len(words) and words[i + 1] in _DETERMINERS)
        ):
            return ("fr.imperative_neg" if negated else "fr.imperative", w)
    if first and i == 0:
        inf = _infinitive_opening(words)
        if inf:
            return inf
    # English: "Send me the photos", "Don't talk to the press"
    if w in ("don't", "do", "never") and i + 1 < len(words):
        nxt = words[i + 2] if w == "do" and i + 2 < len(words) and words[i + 1] == "not" else words[i + 1]
        if nxt in lx.english_imperatives() or (w == "never" and nxt in lx.english_imperatives()):
            return ("en.imperative_neg", nxt)
        return None
    if w in lx.english_imperatives() and not (i + 1 < len(words) and words[i + 1] in ("you", "i", "we")):
        if i > 0 and words[i - 1] in _EN_SUBJ:
            return None
        if not _reads_english(words[i:]):
            return None  # "Sit amet, consectetur..." (Latin filler), "note" (French)
        return ("en.imperative", w)
    return None


def verb_is_participle(verb: str, text: str) -> bool:
    """Folding makes "validé" and "valide" one word: the original text tells a participle."""
    return "é" in text.lower() and verb in {fold(w)[: len(verb)] for w in _PARTICIPLE.findall(text.lower())}


def read_directive(text: str, norm: str | None = None) -> Match | None:
    """The directive a text carries, if any. Pure function of the text; short texts, which
    chats repeat a lot ("ok", "reçu"), are cached. `norm`: the text already folded and
    normalised (`lexicon.normalise(fold(text))`), when the caller has it."""
    if not text or len(text) > 2000:
        return None
    return _read_short(text) if len(text) <= 64 else _read(text, norm)


@lru_cache(maxsize=200_000)
def _read_short(text: str) -> Match | None:
    return _read(text)


def _read(text: str, norm: str | None = None) -> Match | None:
    if norm is None:
        norm = lx.normalise(fold(text))
    if not norm:
        return None
    hits: list[tuple[str, str, str, int]] = []  # kind, rule, matched, position
    if _GATE.search(norm):
        for kind, rid, pattern in _PHRASES:
            m = pattern.search(norm)
            if m:
                hits.append((kind, rid, m.group(0), m.start()))
    for cm in _CLAUSE.finditer(norm):
        clause = cm.group(0)
        if not clause.rstrip().endswith("?"):
            imp = _imperative(clause.strip(), first=cm.start() == 0)
            if imp and (lx.WISHES.match(clause.strip()) or verb_is_participle(imp[1], text)):
                imp = None
            if imp:
                rid, verb = imp
                start = cm.start() + max(clause.find(verb), 0)
                kind = "instruction" if rid in ("fr.imperative_1pl", "fr.infinitive") else "order"
                if rid.endswith("_neg"):
                    kind = "prohibition"
                hits.append((kind, rid, clause.strip()[:80], start))
    if not hits:
        return None
    # drop hits inside questions and after a reporting/hedging frame in the same sentence
    laughing = lx.LAUGHTER.search(norm) is not None
    kept = []
    for kind, rid, matched, start in hits:
        sent_start = max(norm.rfind(c, 0, start) for c in ".!\n;") + 1
        sent_end_q = norm.find("?", start)
        sent_end = min((i for i in (norm.find(c, start) for c in ".!\n;") if i >= 0), default=len(norm))
        clause_end = min((i for i in (norm.find(c, start) for c in ",.!\n;") if i >= 0), default=len(norm))
        if 0 <= sent_end_q < clause_end or (0 <= sent_end_q < sent_end and norm.find(",", start) < 0):
            continue
        if lx.NOT_DIRECTIVE.search(norm, sent_start, clause_end if clause_end > start else len(norm)):
            continue  # a reporting or hedging frame before the hit, or in its clause
        if lx.OFFERS.search(norm, sent_start, sent_end if sent_end > start else len(norm)):
            continue  # "dites si vous avez besoin": an offer
        if (rid in _GRAMMAR_RULES or rid == "fr.arretez_de") and laughing:
            continue  # "dis-lui de fuir 😂": banter
        kept.append((kind, rid, matched, start))
    if not kept:
        return None
    kind = max((k for k, _, _, _ in kept), key=KIND_RANK.__getitem__)
    audiences = tuple(a for a, rx in _AUDIENCES.items() if rx.search(norm))
    roles = tuple(r for r, rx in _ROLE_VOC.items() if rx.search(norm))
    negative = kind == "prohibition" or any(r.endswith("_neg") for _, r, _, _ in kept)
    if kind == "prohibition" and _COMM_RE.search(norm) and (negative or audiences):
        kind = "silence_order"
    elif kind in ("order", "prohibition") and _COMM_RE.search(norm) and set(audiences) & _RESTRICTED:
        kind = "silence_order"  # "Tu ne fais rien remonter à la hiérarchie", "No talking to the press"
    if _STOP.match(norm.strip()) and lx.COUNTER.search(norm):
        return None  # "Arrête de dire que..., c'est faux": an objection, no order
    if kind == "silence_order" and not audiences and _TEASE.match(norm.strip()) and not _THREAT.search(norm):
        return None  # "tais-toi, tu spoiles la série": a friend's "shut up", no silence order
    rules = tuple(dict.fromkeys(r for _, r, _, _ in kept))
    matched = " | ".join(dict.fromkeys(mt for _, _, mt, _ in kept))
    return Match(kind, rules, matched, audiences, roles, norm)


def is_directive(text: str) -> bool:
    return read_directive(text) is not None


_STOP = re.compile(r"^(?:[\w' ]{0,24},\s*)?(?:arrete|arretez|arretes|cesse|cessez|stop|stoppe|stoppez|enough|quit|stop it|evite|evitez)\b")


# "supprime ce message", "retire ta photo": asking to take the abusive message down
_REMOVE_IT = re.compile(r"^(?:[\w' ]{0,24},\s*)?(?:supprime|supprimez|efface|effacez|retire|retirez|enleve|enlevez|delete|remove|take down)\b")


def is_objection(d: Directive, position: int, cd: Any, stances: Mapping[str, str], lookback: int = 3) -> bool:
    """An objection or counter-speech read as a directive: the message classifier read it as
    objecting to, or quoting, what was said ("counter", "reported"), or it tells someone to stop
    right after another member's message the classifier flagged ("Arrête, c'est pas drôle")."""
    stance = stances.get(d.message_id)
    if stance in ("counter", "reported"):
        return True
    text = lx.normalise(fold(cd.messages[position].text)).strip()
    if not stances or not (_STOP.match(text) or _REMOVE_IT.match(text)):
        return False
    for j in range(max(0, position - lookback), position):
        if cd.senders[j] != d.issuer and stances.get(cd.messages[j].id) == "flagged":
            return True
    return False
