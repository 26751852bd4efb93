"""Build the word list that splits glued words ("lesnoirsdehors" -> "les noirs dehors").

    python scripts/build_wordlist.py [--corpus data/corpus] [--shared ../shared/datasets]

Words come from the TRAIN split of the detector's training data only (the project's corpus and the
public sets of ../shared/datasets, all MIT / CC licensed, see their READMEs), normalised the way the
detector reads text, plus the lexicon's terms and the group names. A word must appear at least
MIN_COUNT times (a typo or a glued word seen once must not become a word). After them, ranked
lower, every inflected form and lemma of simplemma's French and English dictionaries (a dependency
already; its data is MIT like the project), without accents: a real word is never split and the
pieces of a split are real words. The file is wordninja's format: one word per line, most likely
first (the first line is the number of words ranked from the data), gzipped, in sentinelle/detection/data/words.txt.gz.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sentinelle.detection.normalize import normalize  # noqa: E402
from sentinelle.detection.train import load_training_data  # noqa: E402

MIN_COUNT = 3
MAX_WORDS = 60_000
OUT = REPO / "src" / "sentinelle" / "detection" / "data" / "words.txt.gz"


def lexicon_words(data: Path) -> set[str]:
    """Plain words of the lexicon and of the group-name patterns (alternatives without regex syntax)."""
    words: set[str] = set()
    for line in (data / "lexicon.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            words.update(w for w in line.split("\t")[0].rstrip("*").split() if w.isalpha())
    for line in (data / "groups.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            for alt in line.split("\t")[0].split("|"):
                alt = alt.replace("s?", "s").replace("?", "")
                words.update(w for w in re.split(r"[^a-z]+", alt) if len(w) > 1)
    return words


def dictionary_words() -> list[str]:
    """simplemma's French and English forms and lemmas, lower case, accents stripped, a-z only."""
    import unicodedata

    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    factory = DefaultDictionaryFactory()
    out: set[str] = set()
    for lang in ("fr", "en"):
        d = factory.get_dictionary(lang)
        for k, v in d.items():
            for w in (k, v):
                w = w.decode() if isinstance(w, bytes) else w
                w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c)).lower()
                if len(w) > 1 and w.isascii() and w.isalpha():
                    out.add(w)
    return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO / "data" / "corpus")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows, data_hash = load_training_data(args.corpus, args.shared)
    counts: Counter[str] = Counter()
    for r in rows:
        if r["split"] == "train":
            counts.update(w for w in normalize(r["text"], segment=False).text.split() if w.isalpha())
    extra = lexicon_words(REPO / "src" / "sentinelle" / "detection" / "data")
    top = max(counts.values())
    for w in extra:  # lexicon terms are words even when rare in the data
        counts[w] = max(counts[w], MIN_COUNT)
    words = [w for w, c in counts.most_common() if c >= MIN_COUNT and (len(w) > 1 or w in "aày")][:MAX_WORDS]
    # single letters that French elides before a vowel ("l", "d", "j", "c", "s", "t", "m", "n", "qu")
    words += [w for w in ("l", "d", "j", "c", "s", "t", "m", "n", "qu") if w not in words]
    seen = set(words)
    ranked = len(words)
    words += [w for w in dictionary_words() if w not in seen]
    words.insert(0, str(ranked))  # first line: how many words are ranked by frequency (the rest: dictionary)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:  # mtime 0: the same data gives the same bytes
        f.write("\n".join(words).encode())
    print(f"{len(words)} words (most frequent: {top}) from data {data_hash[:12]} -> {args.out}")


if __name__ == "__main__":
    main()
