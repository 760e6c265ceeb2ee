#!/usr/bin/env python3
"""Adapter: turns a k6 summary export into the markdown summary and the evidence record."""

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
EVIDENCE_DIR = REPO_ROOT / "artifacts" / "evidence" / "load"


def p95(summary: dict) -> float:
    return summary["metrics"]["http_req_duration"]["p(95)"]


def main(suite: str, summary_path: str) -> int:
    summary = json.loads(Path(summary_path).read_text())
    baseline = json.loads((REPO_ROOT / "ops" / "load" / "baselines" / f"{suite}.json").read_text())
    ok = p95(summary) <= baseline["p95_ms"]

    lines = [
        f"# {suite}",
        "",
        f"- p95: {p95(summary):.1f} ms (baseline {baseline['p95_ms']} ms)",
        f"- outcome: {'pass' if ok else 'fail'}",
    ]
    (Path("artifacts/reports") / suite / "summary.md").write_text("\n".join(lines) + "\n")

    EVIDENCE_DIR.mkdir(parents=True, exist_ok=True)
    record = {
        "schema_version": 1,
        "kind": "load",
        "subject": suite,
        "level": "soak" if suite == "soak" else "smoke",
        "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "outcome": "pass" if ok else "fail",
    }
    (EVIDENCE_DIR / f"{suite}.json").write_text(json.dumps(record, indent=2) + "\n")

    # The caller may ask for a copy of the markdown somewhere else (CI step summary).
    if len(sys.argv) > 3:
        Path(sys.argv[3]).write_text("\n".join(lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
