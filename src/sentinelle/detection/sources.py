"""Labelled data for training and evaluation, mapped onto sentinelle's categories and targets.

Two kinds of source:
- the project's own chat corpus (`data/corpus/*.jsonl` at the repository root, written for the
  detector, see its README) — every label known;
- public human-labelled sets read from `../shared/datasets/` at training time (never copied into
  the repository). Their label schemes differ from sentinelle's, so each row carries only the
  labels its source really gives: an unknown label is -1 and that row is left out of that
  category's head. The mapping of every source is in `SOURCES` and in the datasheet.

Every source is split into train / val / test by a stable hash of its normalised text (or by the
source's own split where it has one), so the held-out test of each source is never seen by
training or calibration, and near-copies of one text always fall into the same split.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..records import CATEGORIES

UNKNOWN = -1
# "not misconduct at all": every category but profanity known to be 0 (profanity stays unknown)
NO_MISCONDUCT = {c: 0 for c in CATEGORIES if c != "profanity"}
TARGETS = ("origin_black", "origin_arab", "origin_asian", "origin_roma", "xenophobia", "religion_jewish",
           "religion_muslim", "women", "lgbt", "disability")


@dataclass(frozen=True)
class SourceInfo:
    name: str
    lang: str
    licence: str
    mapping: str  # how its labels become sentinelle's
    weight: float  # per-row training weight (translated or off-domain data weighs less)


SOURCES: dict[str, SourceInfo] = {s.name: s for s in (
    SourceInfo("corpus", "fr+en", "MIT (the project's own)",
               "all five labels, target and stance as written (see data/corpus/SPEC.md)", 1.0),
    SourceInfo("mlma_fr", "fr", "MIT (Ousidhoum et al. 2019)",
               "hostility (hateful/abusive/offensive/disrespectful) at a protected group -> hate + target; "
               "at an individual -> insult (hate unknown); 'normal' alone -> hate 0, rest unknown; other rows dropped", 0.7),
    SourceInfo("mlma_en", "en", "MIT (Ousidhoum et al. 2019)", "as mlma_fr", 0.4),
    SourceInfo("ftr", "fr", "MIT (Vanetik & Mimoun 2022)", "racist 1/0 -> hate 1/0, the rest unknown", 0.8),
    SourceInfo("toxifrench", "fr", "MIT (Delaval et al. 2025)",
               "non-toxic -> every misconduct category 0; toxic -> categories unknown (evaluated as 'any misconduct'); "
               "agreement_checking.csv: the human conclusion as the label", 1.0),
    SourceInfo("jigsaw_fr", "fr", "CC0 labels, CC BY-SA 3.0 text (machine-translated to French)",
               "identity_hate -> hate, threat -> threat, insult -> insult, obscene -> profanity; "
               "toxic with no sub-label -> unknown; not toxic -> all 0", 0.4),
    SourceInfo("davidson", "en", "MIT (Davidson et al. 2017)",
               "hate -> hate 1; offensive -> hate 0, rest unknown; neither -> all 0 (offensive subsampled)", 0.4),
    SourceInfo("convabuse", "en", "CC BY 4.0 (Cercas Curry et al. 2021)",
               "majority abusive: racist/sexist/homophobic/transphobic/ableist -> hate + target, "
               "sex_harassment -> sexual, intellectual or aimed at the individual -> insult; not abusive -> all 0", 0.5),
    SourceInfo("toxigen", "en", "CDLA-Permissive-2.0 (Hartvigsen et al. 2022)",
               "hate_<group> -> hate 1 + target; neutral_<group> -> all 0 (target kept); de-duplicated, subsampled", 0.4),
)}

_MLMA_GROUP = {"african_descent": "origin_black", "arabs": "origin_arab", "asians": "origin_asian",
               "chinese": "origin_asian", "muslims": "religion_muslim", "jews": "religion_jewish",
               "women": "women", "immigrants": "xenophobia", "refugees": "xenophobia", "hispanics": "xenophobia",
               "gay": "lgbt", "special_needs": "disability"}
_MLMA_HOSTILE = {"hateful", "abusive", "offensive", "disrespectful"}
_TOXIGEN_GROUP = {"asian": "origin_asian", "chinese": "origin_asian", "black": "origin_black",
                  "immigrant": "xenophobia", "latino": "xenophobia", "mexican": "xenophobia",
                  "jewish": "religion_jewish", "muslim": "religion_muslim", "middle_east": "origin_arab",
                  "lgbtq": "lgbt", "bisexual": "lgbt", "trans": "lgbt", "mental_disability": "disability",
                  "physical_disability": "disability", "women": "women", "native_american": ""}
_CONV_TYPES = {"racist": ("hate", ""), "sexist": ("hate", "women"), "homophobic": ("hate", "lgbt"),
               "transphobic": ("hate", "lgbt"), "ableist": ("hate", "disability"),
               "sex_harassment": ("sexual", "women"), "intellectual": ("insult", "")}


def key_of(text: str) -> str:
    """Near-copy key: case, accents, digits, punctuation, repeated letters and word order removed."""
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = re.sub(r"@\w+|https?://\S+", " ", t)
    t = re.sub(r"(.)\1{2,}", r"\1\1", t)
    words = sorted(set(re.findall(r"[^\W\d_]+", t)))
    return " ".join(words)


def split_of(text: str, val: int = 10, test: int = 20) -> str:
    """Stable split from the near-copy key: `test`% test, `val`% val, the rest train."""
    h = int(hashlib.sha256(key_of(text).encode()).hexdigest()[:8], 16) % 100
    return "test" if h < test else "val" if h < test + val else "train"


def _row(text: str, source: str, labels: dict[str, int], *, lang: str, target: str = "", stance: str = "",
         split: str | None = None, kind: str = "") -> dict[str, Any]:
    row: dict[str, Any] = {"text": text, "lang": lang, "target": target, "stance": stance, "kind": kind,
                           "source": source, "weight": SOURCES[source].weight}
    for c in CATEGORIES:
        row[c] = int(labels.get(c, UNKNOWN))
    row["split"] = split or split_of(text)
    return row


def _csv(path: Path, **kw: Any) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        yield from csv.DictReader(fh, **kw)


# -- the project's corpus -------------------------------------------------------------------------
def corpus_rows(directory: Path) -> list[dict[str, Any]]:
    """Every *.jsonl batch of the corpus, near-copies dropped (first kept, files in name order)."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for path in sorted(directory.glob("*.jsonl")):
        for i, line in enumerate(path.open(encoding="utf-8"), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{i}: invalid JSON ({exc.msg})") from exc
            text = str(rec.get("text", "")).strip()
            k = key_of(text)
            if not text or k in seen:
                continue
            seen.add(k)
            labels = {c: int(rec.get(c, 0) or 0) for c in CATEGORIES}
            rows.append(_row(text, "corpus", labels, lang=rec.get("lang") or "fr", target=rec.get("target") or "",
                             stance=rec.get("stance") or "", kind=f"{path.stem.split('_')[0]}:{rec.get('kind', '')}"))
    return rows


# -- public sources ---------------------------------------------------------------------------------
def mlma_rows(shared: Path, lang: str) -> list[dict[str, Any]]:
    path = shared / "mlma" / f"{lang}_dataset.csv"
    if not path.exists():
        return []
    out = []
    for rec in _csv(path):
        text = (rec.get("tweet") or "").strip()
        kinds = set((rec.get("sentiment") or "").split("_"))
        group = rec.get("group") or ""
        if not text:
            continue
        hostile = bool(kinds & _MLMA_HOSTILE)
        if hostile and group in _MLMA_GROUP:
            out.append(_row(text, f"mlma_{lang}", {"hate": 1}, lang=lang, target=_MLMA_GROUP[group]))
        elif hostile and group == "individual":
            out.append(_row(text, f"mlma_{lang}", {"insult": 1}, lang=lang))
        elif kinds == {"normal"}:
            out.append(_row(text, f"mlma_{lang}", {"hate": 0}, lang=lang))
    return out


def ftr_rows(shared: Path) -> list[dict[str, Any]]:
    path = shared / "ftr" / "FTR_new_labels.csv"
    if not path.exists():
        return []
    return [_row(rec["tweet"].strip(), "ftr", {"hate": int(rec["label"])}, lang="fr")
            for rec in _csv(path) if rec.get("label") in ("0", "1") and (rec.get("tweet") or "").strip()]


def toxifrench_rows(shared: Path) -> list[dict[str, Any]]:
    """Label 0: every misconduct category 0 (profanity unknown); label 1: categories unknown,
    kept with `any_misconduct=1` for the 'any misconduct' evaluation."""
    base = shared / "toxifrench"
    out = []

    def add(text: str, toxic: int) -> None:
        text = text.strip()
        if not text:
            return
        if toxic:
            r = _row(text, "toxifrench", {}, lang="fr")
        else:
            r = _row(text, "toxifrench", NO_MISCONDUCT, lang="fr")
        r["any_misconduct"] = toxic
        out.append(r)

    if (base / "ToxiFrenchBalanced.csv").exists():
        for rec in _csv(base / "ToxiFrenchBalanced.csv"):
            if rec.get("label") in ("0", "1"):
                add(rec.get("content") or "", int(rec["label"]))
    if (base / "agreement_checking.csv").exists():
        for rec in _csv(base / "agreement_checking.csv"):
            concl = rec.get("annotator's conclusion")
            if concl in ("0.0", "1.0", "0", "1"):
                add(rec.get("content") or "", int(float(concl)))
    return out


def jigsaw_fr_rows(shared: Path) -> list[dict[str, Any]]:
    path = shared / "toxifrench" / "subset_jigsaw_annotated.csv"
    if not path.exists():
        return []
    out = []
    for rec in _csv(path):
        text = (rec.get("content") or "").strip()
        try:
            v = {k: int(float(rec.get(k) or 0)) for k in ("toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate")}
        except ValueError:
            continue
        if not text:
            continue
        if not v["toxic"] and not any(v.values()):
            labels = {c: 0 for c in CATEGORIES}
        else:
            labels = {"hate": 1 if v["identity_hate"] else UNKNOWN, "threat": 1 if v["threat"] else UNKNOWN,
                      "insult": 1 if v["insult"] else UNKNOWN, "profanity": 1 if v["obscene"] else UNKNOWN}
        out.append(_row(text, "jigsaw_fr", labels, lang="fr"))
    return out


def davidson_rows(shared: Path, offensive_keep: int = 25) -> list[dict[str, Any]]:
    """Hate and 'neither' all kept; 'offensive' (19k of 25k) subsampled to `offensive_keep`% by hash."""
    path = shared / "davidson" / "labeled_data.csv"
    if not path.exists():
        return []
    out = []
    for rec in _csv(path):
        text = re.sub(r"^(RT\s+)?(@\w+:?\s*)+", "", (rec.get("tweet") or "")).replace("&amp;", "&").strip()
        cls = rec.get("class")
        if not text or cls not in ("0", "1", "2"):
            continue
        if cls == "0":
            out.append(_row(text, "davidson", {"hate": 1}, lang="en"))
        elif cls == "1":
            if int(hashlib.sha256(text.encode()).hexdigest()[:4], 16) % 100 < offensive_keep:
                out.append(_row(text, "davidson", {"hate": 0}, lang="en"))
        else:
            out.append(_row(text, "davidson", NO_MISCONDUCT, lang="en"))
    return out


def convabuse_rows(shared: Path) -> list[dict[str, Any]]:
    out = []
    for part, split in (("train", "train"), ("valid", "val"), ("test", "test")):
        path = shared / "convabuse" / f"ConvAbuseEMNLP{part}.csv"
        if not path.exists():
            continue
        for rec in _csv(path):
            text = (rec.get("user") or "").strip()
            if not text:
                continue
            ann = sorted({k.split("_")[0] for k in rec if k.startswith("Annotator") and k.endswith("_is_abuse.1")})
            votes, abusive_anns = 0, []
            for a in ann:
                levels = {lv: rec.get(f"{a}_is_abuse.{lv}") for lv in ("1", "0", "-1", "-2", "-3")}
                if not any(v in ("1", "1.0") for v in levels.values()):
                    continue  # this annotator did not label the row
                votes += 1
                if any(levels[lv] in ("1", "1.0") for lv in ("-1", "-2", "-3")):
                    abusive_anns.append(a)
            if not votes:
                continue
            if len(abusive_anns) * 2 <= votes:
                if not abusive_anns:
                    out.append(_row(text, "convabuse", NO_MISCONDUCT,
                                    lang="en", split=split))
                continue
            labels: dict[str, int] = {}
            target = ""
            for typ, (cat, tgt) in _CONV_TYPES.items():
                if sum(rec.get(f"{a}_{typ}") in ("1", "1.0") for a in abusive_anns) * 2 >= len(abusive_anns):
                    labels[cat] = 1
                    target = target or tgt
            if sum(rec.get(f"{a}_target.individual") in ("1", "1.0") for a in abusive_anns) * 2 > len(abusive_anns):
                labels.setdefault("insult", 1)
            if labels:
                out.append(_row(text, "convabuse", labels, lang="en", target=target, split=split))
    return out


def toxigen_rows(shared: Path, per_file: int = 250) -> list[dict[str, Any]]:
    base = shared / "toxigen" / "prompts"
    if not base.exists():
        return []
    out = []
    seen: set[str] = set()
    for path in sorted(base.glob("*_1k.txt")):
        kind, _, group = path.stem.removesuffix("_1k").partition("_")
        raw = path.read_text(encoding="utf-8", errors="replace").replace("\\n", "\n")
        lines = [ln.strip().removeprefix("-").strip() for ln in raw.split("\n")]
        lines = [ln for ln in dict.fromkeys(lines) if len(ln) > 8]
        lines.sort(key=lambda t: hashlib.sha256(t.encode()).hexdigest())
        n = 0
        for text in lines:
            k = key_of(text)
            if k in seen:
                continue
            seen.add(k)
            target = _TOXIGEN_GROUP.get(group, "")
            if kind == "hate":
                out.append(_row(text, "toxigen", {"hate": 1}, lang="en", target=target))
            else:
                out.append(_row(text, "toxigen", NO_MISCONDUCT, lang="en",
                                target=target, stance="neutral"))
            n += 1
            if n >= per_file:
                break
    return out


def public_rows(shared: Path) -> list[dict[str, Any]]:
    """Every public source found under `shared` (../shared/datasets)."""
    rows = (mlma_rows(shared, "fr") + mlma_rows(shared, "en") + ftr_rows(shared) + toxifrench_rows(shared)
            + jigsaw_fr_rows(shared) + davidson_rows(shared) + convabuse_rows(shared) + toxigen_rows(shared))
    return [r for r in rows if r["text"]]
