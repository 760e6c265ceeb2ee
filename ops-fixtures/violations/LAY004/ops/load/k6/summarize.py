#!/usr/bin/env python3
"""Summarizes a k6 run."""
import json
import sys

from ops.load.baseline_math import p95

if __name__ == "__main__":
    print(p95(json.load(sys.stdin)))
