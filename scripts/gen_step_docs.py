"""Write the generated part of docs/steps.md from the step registry and the result types.

    python scripts/gen_step_docs.py          # rewrite docs/steps.md between the markers
    python scripts/gen_step_docs.py --check  # exit 1 when the file is not what it would write
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "steps.md"
BEGIN, END = "<!-- generated: scripts/gen_step_docs.py -->", "<!-- end generated -->"


def generated() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from sentinelle.contract import settings_to_dict
    from sentinelle.pipeline.steps import STEPS, step_settings

    out = [BEGIN, ""]
    out.append("| step | version | requires | result type | stored as (step, key) |")
    out.append("|---|---|---|---|---|")
    for name, step in STEPS.items():
        out.append(f"| `{name}` | `{step.version()}` | {', '.join(f'`{r}`' for r in step.requires)} | "
                   f"`{step.Result.__name__}` | (`{name}`, `{step.key}`) |")
    for name, step in STEPS.items():
        out += ["", f"### `{name}`: settings (`{step.Settings.__name__}`) and defaults", ""]
        out += ["```json", json.dumps(settings_to_dict(step_settings(step)), indent=1, sort_keys=True), "```"]
        out += ["", f"### `{name}`: result schema (`{step.Result.__name__}`, JSON Schema)", ""]
        out += ["```json", json.dumps(msgspec.json.schema(step.Result), indent=1, sort_keys=True), "```"]
    out += ["", END]
    return "\n".join(out)


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    new = head + generated() + tail
    if "--check" in sys.argv:
        return 0 if new == text else 1
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
