"""Percentile helpers for the load domain; only load uses them, but they sit outside scripts/."""


def p95(samples):
    ordered = sorted(samples)
    return ordered[int(len(ordered) * 0.95) - 1]
