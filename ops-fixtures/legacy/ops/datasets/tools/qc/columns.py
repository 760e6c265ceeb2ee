"""Column statistics for tab-separated datasets."""

NULLS = frozenset({"", "NA", "."})


def null_ratio(rows: list[list[str]]) -> float:
    cells = sum(len(r) for r in rows)
    if not cells:
        return 0.0
    return sum(1 for r in rows for c in r if c in NULLS) / cells
