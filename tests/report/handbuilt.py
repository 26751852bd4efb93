"""A small hand-built report context (no case needed): rendering tests start from it."""

from __future__ import annotations

from sentinelle.report.context import ReportContext

XSS_TEXTS = (
    "<script>document.title='PWNED'</script>",
    "<img src=x onerror=\"document.title='PWNED'\">",
    "javascript:document.title='PWNED'",
)


def _src(n: int) -> dict:
    return {"sha256": "ab" * 32, "path": "chat.txt", "lines": [n, n], "bytes": [n * 40, n * 40 + 39]}


def sample_context(lang: str = "fr") -> ReportContext:
    flags = []
    for i, text in enumerate(("sale bougnoule, dégage", *XSS_TEXTS), start=1):
        mid = f"abababababababab:{i * 40}"
        flags.append({
            "id": mid, "kind": "message", "conversation_id": "abababababababab", "time": f"2024-03-0{i} 10:00:00",
            "sender": "Marc Dubois", "text": text, "source": _src(i), "item_id": f"flag:{mid}",
            "review": {"item_id": f"flag:{mid}", "status": "confirm" if i == 1 else "pending",
                       **({"reviewer": "Inspectrice A", "note": "vu", "time": "2024-04-01T00:00:00+00:00"} if i == 1 else {})},
            "category": "hate", "categories": {"hate": 0.9, "insult": 0.5}, "targets": ["origin_arab"],
            "severity": 3, "stance": None, "language": "fr", "model_version": "test-1",
            "reasons": [{"kind": "lexicon", "category": "hate", "detail": "bougnoule", "matched": text[:10], "span": [0, 10]}],
            "context": [{"id": "x:1", "kind": "message", "conversation_id": "abababababababab", "time": "2024-03-01 09:59:00",
                         "sender": "Sophie", "text": "=cmd|' /C calc'!A0", "source": _src(0), "is_flagged": False},
                        {"id": mid, "kind": "message", "conversation_id": "abababababababab", "time": f"2024-03-0{i} 10:00:00",
                         "sender": "Marc Dubois", "text": text, "source": _src(i), "is_flagged": True}],
        })
    dynamics = {
        "people": [{"id": "p1", "name": "Marc Dubois", "messages": 30}, {"id": "p2", "name": "Sophie", "messages": 12},
                   {"id": "p3", "name": "Karim", "messages": 5}],
        "edges": [{"source": "p1", "target": "p2", "kind": "reply", "weight": 5},
                  {"source": "p2", "target": "p1", "kind": "reply", "weight": 2},
                  {"source": "p1", "target": "p3", "kind": "mention", "weight": 3}],
        "silence_orders": [{"id": "d1", "issuer": "Marc Dubois", "text": "pas de syndicats ici", "evidence": ["abababababababab:40"]}],
        "parallel_command": [{"person": "Marc Dubois", "influence": 0.9, "rank": "gardien", "evidence": ["abababababababab:40"]}],
        "lifecycle": [], "compliance": [], "spokespeople": [], "crossgroup": {},
    }
    directives = [{"id": "d1", "issuer": "Marc Dubois", "text": "<b>taisez-vous</b>", "evidence": ["abababababababab:40"],
                   "item_id": "directive:d1", "review": {"item_id": "directive:d1", "status": "pending"}}]
    cases = [{"id": "c1", "target": "Karim", "aggressors": ["Marc Dubois"], "item_id": "case:c1",
              "review": {"item_id": "case:c1", "status": "dismiss", "reviewer": "B", "note": "blague", "time": "t"},
              "timeline": [{"time": "2024-03-01 10:00:00", "message_id": "abababababababab:40", "severity": 3}]}]
    return ReportContext(
        tool={"name": "sentinelle", "version": "0.1.0"}, generated_at="2024-05-01T00:00:00+00:00", lang=lang,
        confirmed_only=False, pseudonymised=False,
        case={"purpose": "Enquête <administrative>", "legal_basis": "art. 40", "handed_over_by": "RH",
              "obtained_how": "remise", "obtained_when": "2024-04-01", "retention_until": "2030-01-01"},
        files=[{"name": "chat.txt", "sha256": "ab" * 32, "size": 1234, "format": "whatsapp", "ingested_at": "2024-04-02"}],
        conversations=[{"id": "abababababababab", "title": "Brigade", "platform": "whatsapp", "messages": 47,
                        "first": "2024-03-01 09:00:00", "last": "2024-03-04 18:00:00"}],
        counts={"messages": 47, "events": 3, "conversations": 1, "people": 3, "files": 1, "flags": len(flags),
                "directives": 1, "silence_orders": 1, "cases": 1},
        period={"first": "2024-03-01 09:00:00", "last": "2024-03-04 18:00:00"},
        versions=[{"step": "sentinelle", "version": "0.1.0", "settings": {}}],
        steps={"scan": True, "dynamics": True, "harassment": True},
        people=[{"id": "p1", "name": "Marc Dubois", "names": ["Marc Dubois"], "messages": 30, "flags": 4, "first": None,
                 "last": None, "conversations": 1, "role": {"rank": "gardien"}}],
        activity={"bucket": "day", "rows": [{"period": f"2024-03-0{d}", "messages": 10 + d, "flags": d % 2} for d in range(1, 5)]},
        by_category={"hate": 4}, by_target={"origin_arab": 4}, flags=flags, dynamics=dynamics,
        directives=directives, harassment=cases,
        evidence={"abababababababab:40": {"id": "abababababababab:40", "kind": "message", "conversation_id": "abababababababab",
                                          "time": "2024-03-01 10:00:00", "sender": "Marc Dubois", "text": "pas de syndicats ici",
                                          "source": _src(1)}},
        review={"confirm": 1, "dismiss": 0, "skip": 0, "pending": 3},
    )
