#!/usr/bin/env python3
"""Adapter behind `atlasctl ops datasets qc`: row counts and null ratios per dataset."""

import csv
import gzip
import json
import os
import sys
from pathlib import Path

DATASETS_DIR = Path(__file__).resolve().parent.parent
CACHE_DIR = DATASETS_DIR / "cache"
REPORT_DIR = os.environ.get("ATLAS_QC_REPORT_DIR", "artifacts/datasets/qc")
REPORT_NAME = "qc-report.json"


def open_table(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", newline="")
    return path.open(newline="")


def qc(name: str) -> dict:
    rows = 0
    nulls = 0
    cells = 0
    with open_table(CACHE_DIR / name) as fh:
        for row in csv.reader(fh, delimiter="\t"):
            rows += 1
            cells += len(row)
            nulls += sum(1 for cell in row if cell in ("", "NA", "."))
    return {"dataset": name, "rows": rows, "null_ratio": nulls / cells if cells else 0.0}


def main(names: list[str]) -> int:
    os.makedirs(REPORT_DIR, exist_ok=True)
    results = [qc(name) for name in names]
    with open(os.path.join(REPORT_DIR, REPORT_NAME), "w") as fh:
        json.dump(results, fh, indent=2)
    print(f"qc: {len(results)} datasets checked", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
