"""Speed of the shipped transformer (onnxruntime, int8): cold start (import + load + first call, in a
fresh process) and messages/s on distinct short chat messages in batches of 64.

    PYTHONPATH=src python scripts/e5_bench.py [model_dir] [n_messages]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

SUBJECTS = ["on", "tu", "il", "Marc", "la cheffe", "l'équipe", "le client", "vous", "Sophie", "le livreur"]
VERBS = ["passe", "envoie le devis", "valide la facture", "arrive", "relance le fournisseur", "appelle",
         "prépare la salle", "finit le rapport", "règle le souci", "répond au mail"]
WHEN = ["demain", "à 14h", "ce soir", "lundi", "avant midi", "dans 10 min", "vendredi", "après la pause",
        "tout à l'heure", "la semaine pro"]
TAIL = ["?", "!", " ok ?", " stp", " 👍", " merci", "", " svp", " lol", " non ?"]


def messages(n: int) -> list[str]:
    out = []
    for i in range(n):
        a, b, c, d = i % 10, (i // 10) % 10, (i // 100) % 10, (i // 1000) % 10
        out.append(f"{SUBJECTS[a]} {VERBS[b]} {WHEN[c]}{TAIL[d]}")
    return out


def main() -> None:
    path = (sys.argv[1] or None) if len(sys.argv) > 1 else None
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    code = ("import time; t=time.perf_counter(); from sentinelle.detection.transformer import E5Classifier; "
            f"c=E5Classifier({path!r}); c.predict(['salut']); print(time.perf_counter()-t)")
    cold = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                 env=dict(os.environ)).stdout) for _ in range(3)]
    from sentinelle.detection.transformer import E5Classifier

    clf = E5Classifier(path, batch_size=64)
    clf.predict(["warm-up"])
    msgs = messages(n)
    assert len(set(msgs)) == n
    t, c = time.perf_counter(), time.process_time()
    clf.predict(msgs)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    print(f"cold start (import + load + first message): {min(cold):.2f}s (best of 3: {', '.join(f'{x:.2f}' for x in cold)})")
    print(f"{n} distinct short messages, batch 64: {n / wall:.0f} msg/s wall, {1000 * cpu / n:.1f} CPU-s per 1,000")


if __name__ == "__main__":
    main()
