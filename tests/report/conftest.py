"""A real case for the report and evidence tests: a small synthetic WhatsApp export ingested
by the project's reader and store, with detections and analysis results stored through the
store API in the shapes the analysis steps document (the report must render whatever they hold)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sentinelle.pipeline.ingest import ingest_files
from sentinelle.records import Detection, Reason
from sentinelle.store import Case, CaseMetadata

DATA = Path(__file__).resolve().parents[1] / "data"
BRIGADE = DATA / "brigade_test.txt"
REAL_NAMES = ("Marc", "Dubois", "Sophie", "Lefèvre", "Lefevre", "Karim", "Benali")
REAL_PHONES = ("+33 6 12 34 56 78", "06 12 34 56 78", "612345678")
STAMP = "2024-05-01T00:00:00+00:00"


def _by_text(case: Case, needle: str) -> str:
    return next(m.id for m in case.messages() if needle in m.text)


def build_case(path: Path, *, retention_until: date | None = date(2030, 1, 1)) -> Case:
    case = Case.create(path, CaseMetadata(purpose="Enquête administrative (test)", legal_basis="art. 40 CPP",
                                          handed_over_by="Service RH", obtained_how="remise en main propre",
                                          obtained_when="2024-04-01", retention_until=retention_until))
    report = ingest_files(case, [BRIGADE])
    assert not report.failed
    slur = _by_text(case, "bougnoule")
    script = _by_text(case, "<script>")
    img = _by_text(case, "onerror")
    formula = _by_text(case, "HYPERLINK")
    def det(mid: str, cat: str, score: float, targets: tuple[str, ...] = (), detail: str = "rule") -> Detection:
        text = case.message(mid).text
        return Detection(categories={"hate": 0.0, "sexual": 0.0, "threat": 0.0, "insult": 0.0, "profanity": 0.0, cat: score},
                         flagged=True, targets=targets, severity=3 if score > 0.8 else 2, language="fr",
                         reasons=(Reason("lexicon", cat, detail, span=(0, min(8, len(text))), matched=text[:8], score=score),),
                         message_id=mid, model_version="test-model-1")
    case.save_detections([det(slur, "hate", 0.95, ("origin_arab",), "bougnoule"), det(script, "insult", 0.6),
                          det(img, "insult", 0.55), det(formula, "insult", 0.5)])
    order = _by_text(case, "Consigne")
    people = {p.display_name: p.id for p in case.persons()}
    case.put_result("dynamics", "test-dyn-1", "case", {
        "people": [{"id": people["Marc Dubois"], "name": "Marc Dubois", "messages": 5, "pagerank": 0.41},
                   {"id": people["Sophie Lefèvre"], "name": "Sophie Lefèvre", "messages": 4, "pagerank": 0.3},
                   {"id": people["Karim Benali"], "name": "Karim Benali", "messages": 3, "pagerank": 0.2}],
        "edges": [{"source": people["Sophie Lefèvre"], "target": people["Marc Dubois"], "kind": "reply", "weight": 3, "evidence": [order]},
                  {"source": people["Marc Dubois"], "target": people["Karim Benali"], "kind": "mention", "weight": 2, "evidence": [slur]}],
        "directives": [{"id": order, "issuer": "Marc Dubois", "text": case.message(order).text, "silence": True, "evidence": [order]}],
        "compliance": [], "spokespeople": [],
        "silence_orders": [{"id": order, "issuer": "Marc Dubois", "named": "syndicats", "evidence": [order]}],
        "parallel_command": [{"person": "Marc Dubois", "influence": 0.8, "declared": None, "evidence": [order]}],
        "lifecycle": [], "crossgroup": {},
    }, {"threshold": 0.5})
    case.put_result("harassment", "test-har-1", "cases", {"cases": [
        {"id": "k1", "target": "Karim Benali", "aggressors": ["Marc Dubois"], "severity": 3,
         "timeline": [{"message_id": slur, "time": "2024-03-12 09:30:00", "category": "hate"},
                      {"message_id": _by_text(case, "hiérarchie"), "time": "2024-03-13 10:05:00", "category": "complaint"}]}]})
    return case


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    path = tmp_path / "case"
    build_case(path).close()
    return path


@pytest.fixture
def case(case_dir: Path):
    with Case.open(case_dir) as c:
        yield c


def run_cli(capsys, *args: str) -> tuple[int, str]:
    """`sentinelle ARGS` in-process through the real entry point (exit codes included)."""
    from sentinelle.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in args])
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out + captured.err


_DEMO: dict[str, object] = {}


@pytest.fixture(scope="session")
def demo_analyzed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """`sentinelle analyze --demo` run once for the session: {"out": Path, "seconds": float, "output": str}."""
    if not _DEMO:
        import subprocess
        import sys
        import time

        out = tmp_path_factory.mktemp("demo") / "out"
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "sentinelle", "analyze", "--demo", "--out", str(out), "-q"],
                             capture_output=True, text=True, timeout=300,
                             env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")})
        _DEMO.update(out=out, seconds=time.perf_counter() - start, output=run.stdout + run.stderr, code=run.returncode)
    return _DEMO
