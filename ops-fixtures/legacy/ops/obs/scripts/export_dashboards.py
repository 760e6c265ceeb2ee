#!/usr/bin/env python3
"""Adapter behind `atlasctl ops obs dashboards export`: pulls the live dashboards from
Grafana so a reviewer can diff them against ops/obs/dashboards/."""

import json
import os
import sys
import urllib.request
from pathlib import Path

GRAFANA_URL = os.environ.get("GRAFANA_URL", "http://localhost:3000")
OUT = Path("artifacts/obs/dashboards")
DASHBOARDS = Path(__file__).resolve().parent.parent / "dashboards"


def fetch(uid: str) -> dict:
    req = urllib.request.Request(f"{GRAFANA_URL}/api/dashboards/uid/{uid}")
    token = os.environ.get("GRAFANA_TOKEN")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)["dashboard"]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for path in sorted(DASHBOARDS.glob("*.json")):
        uid = json.loads(path.read_text())["uid"]
        live = fetch(uid)
        with open(OUT / f"{uid}.json", "w") as fh:
            json.dump(live, fh, indent=2, sort_keys=True)
    print(f"exported {len(list(DASHBOARDS.glob('*.json')))} dashboards to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
